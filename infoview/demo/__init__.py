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

from infoview._lazy import lazy_exports

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
