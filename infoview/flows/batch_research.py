"""Several organizations researched at once, for the app's Research page.

The CLI's ``research batch`` reads a file and writes JSON lines; a user of the app has a
list of websites in mind (or in their organizations) and wants a table to read while the
kettle boils: what each organization does, where, since when, who leads it and what it
announced lately. This module is that route: :func:`websites_of_organizations` fills the
list from the user's organizations, :func:`research_sites` researches the list (sites in
parallel threads, each site politely, every result as it comes), :func:`overview_row`
turns one result into a table row in plain words, and :func:`keep_all` saves them.

A site whose pages name no organization (a bare file server's listing of its files, a
parked page) is no organization to save: its row says so, and :func:`keep_all` leaves it.
The list typed and the results not yet saved are kept in the app's state
(:func:`keep_batch`), so that a reload shows them again (:func:`kept_batch`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from infoview.errors import BadInput
from infoview.flows.fetch_words import CHECK_OR_RETRY, DETAIL, EXAMPLE, address_problem, unreachable
from infoview.models import Organization
from infoview.research.urls import normalize_url
from infoview.store.appstate import State, delete_state, get_state, put_state
from infoview.times import day_words

if TYPE_CHECKING:  # pragma: no cover
    from infoview.research.models import CompanyProfile
    from infoview.settings import Settings
    from infoview.store import Store

#: Most websites one run takes: a long list belongs to ``infoview research batch``.
MOST_SITES = 40

#: The key the list typed and its results not yet saved are kept under.
BATCH_KEY = "batch:research"

#: Titles that say someone leads the organization, strongest first.
_LEADERS = (r"\bchief executive\b|\bceo\b|\bmanaging director\b|\bexecutive director\b",
            r"\bfounder\b|\bpresident\b|\bchair\b",
            r"\bdirector\b|\bhead\b|\bchief\b|\blead\b")


def websites_of_organizations(store: Store) -> list[str]:
    """The websites of the user's organizations, in the store's order (those with one)."""
    return [o.website for o in store.list(Organization) if o.website]


def read_websites(text: str) -> list[str]:
    """The distinct websites typed, one per line (blank lines dropped), as addresses.

    Raises:
        BadInput: none typed, more than :data:`MOST_SITES`, or a line that is no web
            address (named, with its line number).
    """
    sites: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        url = normalize_url(line)
        if address_problem(line):
            raise BadInput(f"line {number}, {line}, is not a website address (e.g. {EXAMPLE})")
        if url not in sites:
            sites.append(url)
    if not sites:
        raise BadInput("type the websites to research, one per line")
    if len(sites) > MOST_SITES:
        raise BadInput(f"{len(sites)} websites are more than the {MOST_SITES} one run takes "
                       "here: research them in two goes")
    return sites


#: The ending of made-up addresses: ``.example`` is reserved for examples and never leads
#: to a website anywhere (the demo's organizations have such addresses).
MADE_UP_ENDING = ".example"


@dataclass
class SitesToRead:
    """A list of websites split into those research can read and the made-up ones.

    Attributes:
        read: ``(address typed, address read)`` pairs: the same address twice, or a made-up
            address and the local copy of its site (the demo's sample site).
        made_up: the made-up addresses that lead nowhere, in the order typed.
    """

    read: list[tuple[str, str]] = field(default_factory=list)
    made_up: list[str] = field(default_factory=list)


def sites_to_read(urls: list[str], stand_ins: Mapping[str, str] | None = None) -> SitesToRead:
    """Split ``urls`` (from :func:`read_websites`) into those to research and the made-up
    ones that lead to no website (their host ends in :data:`MADE_UP_ENDING`).

    Args:
        urls: the websites typed.
        stand_ins: made-up hosts whose site is served locally, mapped to its address this
            run (the demo's sample site, whose port changes from run to run); a page's path
            is kept.
    """
    found = SitesToRead()
    for url in urls:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".").lower()
        served = (stand_ins or {}).get(host)
        if served:  # the same page on the local copy
            page = parts.path.lstrip("/") + (f"?{parts.query}" if parts.query else "")
            found.read.append((url, served.rstrip("/") + "/" + page))
        elif host == MADE_UP_ENDING[1:] or host.endswith(MADE_UP_ENDING):
            found.made_up.append(url)
        else:
            found.read.append((url, url))
    return found


def made_up_words(store: Store | None, made_up: list[str], *, demo: bool = True) -> str:
    """One line saying the made-up addresses are left out, naming their organizations
    (from the store, else by address), or ``""`` when there are none.

    Args:
        demo: the store is the demo's, whose sample organizations have such addresses; in
            the user's own store the line says only that the address is made up and to type
            the real website (it never speaks of a demo they are not in).
    """
    if not made_up:
        return ""
    owners = {}
    if store is not None:
        owners = {normalize_url(o.website).rstrip("/"): o.name
                  for o in store.list(Organization) if o.website}
    names = [owners.get(url.rstrip("/")) or (urlsplit(url).hostname or url) for url in made_up]
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    # "made up" read as blame for an address the user typed: say what such an address is
    if not demo:
        these = "its address ends" if len(names) == 1 else "their addresses end"
        return (f"Left out {shown}: {these} in {MADE_UP_ENDING}, which is kept for examples "
                "and belongs to no real website. Type the organization's real website.")
    whose = "a sample organization" if len(names) == 1 else "sample organizations"
    return (f"Left out {shown}: {whose} of the demo, with no real website to read (an "
            f"address ending in {MADE_UP_ENDING} leads nowhere).")


def research_sites(urls: list[str], settings: Settings | None = None, *,
                   refresh: bool = False) -> Iterator[dict[str, Any]]:
    """Research each website, yielding each result as it is done (a company profile's
    ``to_dict()``, or ``{"url", "error", "warnings"}`` for a site that failed). Threads only:
    the app's kernel is no place to start processes."""
    from infoview.research.batch import research_many

    yield from research_many(urls, settings=settings, kind="company", refresh=refresh,
                             processes=1)


def leader_of(profile: CompanyProfile) -> str:
    """Who leads the organization by its own pages ("Amira Osei, Chief Executive"), or
    an empty string when no one's title says so."""
    staff = profile.staff()
    for pattern in _LEADERS:
        for person in staff:
            if person.title and re.search(pattern, person.title, re.IGNORECASE):
                return f"{person.name}, {person.title}"
    return ""


def overview_row(result: dict[str, Any]) -> dict[str, str]:
    """One result of :func:`research_sites` as a row a reader wants: the organization, what
    it does, where, since when, who leads it, its latest news; or why it failed."""
    from infoview.research.models import CompanyProfile

    if "error" in result:  # said beside the address, not under "Latest news"
        return {"organization": result.get("url", ""), "does": f"Not researched: "
                f"{why_not(result)}", "where": "", "since": "", "leads": "", "news": ""}
    if not nameable(result):
        return {"organization": result.get("url", ""), "does": f"Not saved: {NO_NAME}",
                "where": "", "since": "", "leads": "", "news": ""}
    profile = CompanyProfile.from_dict(result)
    latest = max(profile.news, key=lambda n: str(n.date or ""), default=None)
    news = ""
    if latest is not None:
        news = latest.title
        try:
            news += f" ({day_words(date.fromisoformat(str(latest.date)[:10]))})"
        except ValueError:  # no date, or one research could not read
            pass
    return {"organization": profile.name or profile.url,
            "does": profile.summary or profile.description or "",
            "where": profile.location or "", "since": str(profile.founded or ""),
            "leads": leader_of(profile), "news": news or ""}


#: "https://x.example/ was not fetched: " opening a research error: the row names the site.
_NOT_FETCHED = re.compile(r"^\S+ was not fetched: ")


def why_not(result: dict[str, Any]) -> str:
    """Why a site was not researched, for a row that already names it: the research
    error without the address it opens with nor the network's own words in brackets at its
    end ("the site could not be reached."), with what to do about it."""
    said = str(result.get("error", "")).strip()
    words = DETAIL.sub("", _NOT_FETCHED.sub("", said))
    if unreachable(said):  # "the site could not be reached." alone did not say what to do
        return f"the site could not be reached. {CHECK_OR_RETRY}"
    return words if words.endswith(".") else words + "."


#: Why a site whose pages name no organization is not saved (its row names the site).
NO_NAME = ("its pages do not say whose site it is (no organization's name on them; a bare "
           "list of files, say). If you know whose it is, add them under People, "
           "Organizations.")


def nameable(result: dict[str, Any]) -> bool:
    """Whether a result of :func:`research_sites` is an organization to save: researched,
    and its pages gave the organization's name (a site without one would be saved under
    its address, or under whatever its server calls the page)."""
    return "error" not in result and bool(str(result.get("name") or "").strip())


def keep_all(store: Store, results: Iterable[dict[str, Any]]) -> list[str]:
    """Save every result that names its organization (:func:`nameable`) as that
    organization with its research; the names saved."""
    from infoview.flows.research import keep_research
    from infoview.research.models import CompanyProfile

    saved = []
    for result in results:
        if not nameable(result):
            continue
        kept = keep_research(store, company=CompanyProfile.from_dict(result))
        if kept.organization is not None:
            saved.append(kept.organization.name)
    return saved


def keep_batch(store: Store, sites: str, results: list[dict[str, Any]]) -> None:
    """Keep the list typed and its results not yet saved (``[]`` once saved), so that a
    reload of the app shows them again; an empty list with no results keeps nothing."""
    if not sites.strip() and not results:
        delete_state(store, BATCH_KEY)
        return
    put_state(store, BATCH_KEY, {"sites": sites, "results": results})


def kept_batch(store: Store) -> State | None:
    """What :func:`keep_batch` kept (``.value["sites"]``, ``.value["results"]``), or
    ``None``; an entry of another shape is none."""
    state = get_state(store, BATCH_KEY)
    if state is None or not isinstance(state.value.get("sites"), str):
        return None
    results = state.value.get("results")
    if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
        state.value["results"] = []
    return state
