"""Person research: a public bio or profile page to a :class:`PersonProfile`.

Social-network profiles (LinkedIn, Facebook, X, Instagram) are never fetched: their terms
forbid automated access. Asking to research one raises
:class:`~infoview.errors.FetchForbidden`; found on a page, they are kept in ``links``.
"""

from __future__ import annotations

from typing import Any

from infoview.research._pages import PageReader, check_url, make_fetcher
from infoview.research.budget import PageBudget, overrun_warning, run_within
from infoview.research.extract import person_facts
from infoview.research.models import PersonProfile
from infoview.settings import Settings


def research_person(url: str, *, settings: Any = None, fetcher: Any = None,
                    refresh: bool = False) -> PersonProfile:
    """Research a person from a public page about them (personal site, team or speaker page).

    Args:
        url: the page.
        settings: a :class:`~infoview.settings.Settings`; default settings when ``None``.
        fetcher: a shared :class:`~infoview.research.fetch.Fetcher`; a new one when ``None``.
        refresh: fetch again even when the cache holds a fresh copy.

    Returns:
        The profile: name, title, organization, location, bio and links, as far as the page
        says; ``warnings`` lists what could not be read.

    Raises:
        FetchForbidden: ``url`` is a LinkedIn, Facebook, X or Instagram profile.
        FetchError: the page cannot be fetched (robots.txt refusal included).
    """
    url = check_url(url)  # refuses social profiles before any request
    settings = settings or getattr(fetcher, "settings", None) or Settings()
    fetcher, owned = make_fetcher(settings, fetcher)
    reader = PageReader(fetcher, refresh)
    try:
        page = reader.read(url, strict=True)
    finally:
        if owned:
            fetcher.close()
    assert page is not None  # strict reads raise instead of returning None
    budget = PageBudget(settings.page_cpu_seconds)
    nothing: tuple[dict[str, str], dict[str, str]] = ({}, {})
    facts, links = run_within(budget, "details", person_facts, page, default=nothing)
    warning = overrun_warning(page.url, budget, settings.page_cpu_seconds)
    if warning:
        page.warnings.append(warning)
    fields: dict[str, Any] = dict(facts)  # name, title, organization, location, bio
    profile = PersonProfile(url=url, links=links, warnings=reader.all_warnings(), **fields)
    if profile.name is None:
        profile.warnings.append(f"{url}: no name found; is this a page about one person?")
    return profile
