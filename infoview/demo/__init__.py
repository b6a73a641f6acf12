"""The bundled sample and everything that runs on it, in one place.

- :mod:`infoview.demo.site`: the fictional company's web site, served on 127.0.0.1 (the
  tests serve their fixture sites with the same server).
- :mod:`infoview.demo.history`: a deterministic six-month history of informational
  interviews, saved through the same steps a user's debriefs go through.
- :mod:`infoview.demo.run`: ``infoview demo`` (the whole flow into one folder), and the
  throwaway stores of the notebooks and of ``infoview app --demo``.

It sits above the flows (it uses them as a user would) and below the CLI and the widgets.
The names below load their module on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from infoview._lazy import lazy_exports

if TYPE_CHECKING:  # pragma: no cover
    # The same names for the type checker, which does not look through ``__getattr__``
    # (``name as name`` marks a re-export); a test keeps these and the table in step.
    from infoview.demo.history import generate_sample as generate_sample
    from infoview.demo.run import fill_demo_store as fill_demo_store
    from infoview.demo.run import make_demo_store as make_demo_store
    from infoview.demo.run import run_demo as run_demo
    from infoview.demo.site import sample_site as sample_site
    from infoview.demo.site import serve as serve

_EXPORTS = {
    "serve": "infoview.demo.site",
    "sample_site": "infoview.demo.site",
    "generate_sample": "infoview.demo.history",
    "run_demo": "infoview.demo.run",
    "fill_demo_store": "infoview.demo.run",
    "make_demo_store": "infoview.demo.run",
}

__all__ = sorted(_EXPORTS)

__getattr__ = lazy_exports(__name__, _EXPORTS)
