"""Research a company or a person from their public web pages.

``research_company(url)`` and ``research_person(url)`` are the entry points;
``research_batch(path, out)`` researches the URLs of a file into a JSON Lines file, and
``research_many(urls)`` yields each result as it is done. They are imported on first use
so that ``import infoview.research`` stays light.
"""

from __future__ import annotations

from infoview._lazy import lazy_exports

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
