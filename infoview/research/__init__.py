"""Research a company or a person from their public web pages.

``research_company(url)`` and ``research_person(url)`` are the entry points;
``research_batch(path, out)`` researches the URLs of a file into a JSON Lines file, and
``research_many(urls)`` yields each result as it is done. They are imported on first use
so that ``import infoview.research`` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from infoview._lazy import lazy_exports

if TYPE_CHECKING:  # pragma: no cover
    # The same names for the type checker, which does not look through ``__getattr__``
    # (``name as name`` marks a re-export); a test keeps these and the table in step.
    from infoview.research.batch import research_batch as research_batch
    from infoview.research.batch import research_many as research_many
    from infoview.research.company import research_company as research_company
    from infoview.research.person import research_person as research_person
    from infoview.research.results import news_frame as news_frame
    from infoview.research.results import people_frame as people_frame
    from infoview.research.results import profiles_frame as profiles_frame

_LAZY = {
    "research_company": "infoview.research.company",
    "research_person": "infoview.research.person",
    "research_batch": "infoview.research.batch",
    "research_many": "infoview.research.batch",
    "profiles_frame": "infoview.research.results",
    "people_frame": "infoview.research.results",
    "news_frame": "infoview.research.results",
}

__all__ = sorted(_LAZY)

__getattr__ = lazy_exports(__name__, _LAZY)
