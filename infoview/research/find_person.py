"""Find a person by name on their company's own site: the page about them, how surely.

Looks where sites put people: the team, leadership and about pages the home page links,
the sitemap, and addresses that read like a person's page (``/team/sam-okafor``). Every
place the name turns up becomes a candidate; the most promising pages of their own are then
fetched and their heading (or Person data) read, because a page that names the person
itself is the strongest evidence. The result names the best page with a confidence, lists
the other candidates, and says plainly when nothing was found.

Names match through :func:`infoview.research.names.name_match` (accents, initials,
nicknames); someone else with the same family name is never a candidate.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from infoview.errors import BadInput
from infoview.research._pages import PageReader, check_url, make_fetcher
from infoview.research.extract import (
    discover_pages,
    extract_people,
    name_from_title,
    page_links,
    person_facts,
)
from infoview.research.extract.links import Link, classify, same_site, sitemap_urls
from infoview.research.extract.page import ParsedPage
from infoview.research.names import name_match, slug_name
from infoview.research.search import SearchConfig, WebResult, search_person
from infoview.settings import Settings
from infoview.text import fold

log = logging.getLogger(__name__)

#: Listing pages (team, leadership, about...) read at most, besides the home page.
MAX_LISTINGS = 4
#: Candidate pages fetched to read the name they carry.
MAX_CONFIRM = 3
#: Below this confidence a candidate is listed but not called found.
FOUND_AT = 0.5
_LISTING_KINDS = ("team", "about")
#: How evidence starts, read back by :meth:`PersonSearch.in_words`.
_LINK, _ABOUT = "a link reads ", "the page is about "
_SLUG, _UNCLEAR = "its address names them", "the page names nobody clearly"


@dataclass
class Candidate:
    """A page that may be about the person.

    Attributes:
        url: the page.
        name: the name as the page (or the link to it) writes it.
        title: their job title, when a team card gave one.
        confidence: 0 to 1.
        evidence: why this page, in words.
        own_page: a page of their own (not a team page that lists them among others).
    """

    url: str
    name: str
    title: str | None
    confidence: float
    evidence: list[str] = field(default_factory=list)
    own_page: bool = True


@dataclass
class PersonSearch:
    """The answer of :func:`find_person`."""

    name: str
    site: str
    found: Candidate | None = None
    candidates: list[Candidate] = field(default_factory=list)
    pages_searched: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Public talks, articles, interviews and posts a configured web search found.
    web: list[WebResult] = field(default_factory=list)
    #: The site's own name, as its home page's title gives it.
    company: str | None = None

    def summary(self) -> str:
        """One plain sentence: where they were found and how surely, or that they were not."""
        if self.found is None:
            return (f"No page about {self.name} was found on {_host(self.site)} "
                    f"(looked at {len(self.pages_searched)} page(s) and the sitemap).")
        return (f"Found {self.name} at {self.found.url} ({self.found.confidence:.0%} sure: "
                f"{'; '.join(self.found.evidence)}).")

    def in_words(self) -> str:
        """The search as a person would tell it, for the app's page: where they were found
        and why that page is theirs, sure or probably, without percentages or the trade's
        words (the CLI's :meth:`summary` and JSON keep those)."""
        where = f"the {self.company or _host(self.site)} site"
        if self.found is None:
            looked = len(self.pages_searched)
            return (f"No page about {self.name} was found on {where} (looked at {looked} "
                    f"{'page' if looked == 1 else 'pages'} and its list of pages).")
        found, reasons = self.found, []
        if not found.own_page:
            # "listed as Dev Raman" only when the page names them otherwise ("Dev" for Devan)
            named = f" as {found.name}" if fold(found.name) != fold(self.name) else ""
            return (f"Found {self.name} on {where}, listed{named} on a page of several "
                    "people; there is no page of their own.")
        about = next((e.removeprefix(_ABOUT) for e in found.evidence if e.startswith(_ABOUT)),
                     None)
        reasons += [f"a link named '{e.removeprefix(_LINK).strip(chr(39))}' leads to it"
                    for e in found.evidence if e.startswith(_LINK)][:1]
        if about is not None:
            reasons.append(f"it is about {about}")
            return f"Found {self.name}'s page on {where}: {' and '.join(reasons)}."
        if _SLUG in found.evidence:
            reasons.append("its address has their name in it")
        unclear = ", though the page itself names nobody clearly" if _UNCLEAR in found.evidence else ""
        return (f"Found what is probably {self.name}'s page on {where}: "
                f"{' and '.join(reasons) or 'it mentions them'}{unclear}.")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view (``search`` in ``infoview research person --name ... --json``)."""
        data = asdict(self)
        data["summary"] = self.summary()
        return data


def find_person(name: str, site: str, *, settings: Any = None, fetcher: Any = None,
                refresh: bool = False, search: SearchConfig | None = None) -> PersonSearch:
    """Find the page about ``name`` on the site at ``site``.

    Args:
        name: the person's name as the user knows it ("Sam Okafor").
        site: the company's home page.
        settings: a :class:`~infoview.settings.Settings`; default settings when ``None``.
        fetcher: a shared fetcher (politeness and cache); a new one when ``None``.
        refresh: fetch again even when the cache holds a fresh copy.
        search: a configured web search (:class:`~infoview.research.search.SearchConfig`)
            to look for their talks, articles and posts too; ``None`` searches nothing.

    Returns:
        The :class:`PersonSearch`: ``found`` is ``None`` when no page names them.

    Raises:
        BadInput: no name, or a name of one word, or ``site`` is not a web address.
        FetchError: the home page cannot be fetched.
    """
    name = " ".join((name or "").split())
    if len(name.split()) < 2:
        raise BadInput("give the person's full name (given and family name), e.g. \"Sam Okafor\"")
    site = check_url(site)
    settings = settings or getattr(fetcher, "settings", None) or Settings()
    fetcher, owned = make_fetcher(settings, fetcher)
    try:
        return _search(name, site, PageReader(fetcher, refresh), search)
    finally:
        if owned:
            fetcher.close()


def _search(name: str, site: str, reader: PageReader, search: SearchConfig | None) -> PersonSearch:
    result = PersonSearch(name=name, site=site)
    home = reader.read(site, strict=True)
    assert home is not None
    pages = [home]
    links = page_links(home)
    mapped = _sitemap(reader, home.url)
    for url in _listing_urls(links, mapped, home.url):
        page = reader.read(url)
        if page is not None:
            pages.append(page)
            links += page_links(page)
    found: dict[str, Candidate] = {}
    for page in pages:
        listed = _from_people(name, page, found, weight=0.5 if page is home else 0.6)
        if page is not home and listed <= 1:   # a page listing many people is about none
            _about_them(name, page, found)
    _from_links(name, links + [Link(u, "", False) for u in mapped], home.url, found)
    _confirm(name, reader, found, {p.url for p in pages})
    ranked = sorted(found.values(), key=lambda c: (-c.confidence, not c.own_page, c.url))
    result.candidates = ranked
    result.pages_searched = [p.url for p in reader.pages]
    if ranked and ranked[0].confidence >= FOUND_AT:
        result.found = ranked[0]
        rival = next((c for c in ranked[1:] if name_match(c.name, ranked[0].name) < 0.7
                      and c.confidence >= ranked[0].confidence - 0.05), None)
        if rival is not None:
            result.warnings.append(f"Two people match {name}: {ranked[0].name} and {rival.name}; "
                                   "check which one you mean.")
    result.company = name_from_title(home)
    if search is not None:
        result.web = search_person(name, result.company, search, reader)
    result.warnings += reader.all_warnings()
    return result


def _sitemap(reader: PageReader, home_url: str) -> list[str]:
    """Same-site page URLs from /sitemap.xml (none, quietly, when there is no sitemap)."""
    warned = len(reader.warnings)
    page = reader.fetch(urljoin(home_url, "/sitemap.xml"))
    del reader.warnings[warned:]
    if page is None:
        return []
    return [u for u in sitemap_urls(page.body, page.final_url) if same_site(u, home_url)]


def _listing_urls(links: list[Link], mapped: list[str], home_url: str) -> list[str]:
    """Team, leadership and about pages to read: the navigation's first, then the sitemap's."""
    found = discover_pages(links, home_url)
    urls = [found[k] for k in _LISTING_KINDS if k in found]
    for url in mapped:
        last = [s for s in urlsplit(url).path.split("/") if s][-1:] or [""]
        person_like = 2 <= len(slug_name(last[0]).split()) <= 4   # /team/sam-okafor: a person
        if classify(url) == "team" and url not in urls and not person_like:
            urls.append(url)
    return [u for u in urls if u.rstrip("/") != home_url.rstrip("/")][:MAX_LISTINGS]


def _add(found: dict[str, Candidate], candidate: Candidate) -> None:
    """Keep one candidate per page: the most confident, with every piece of evidence."""
    old = found.get(candidate.url)
    if old is None:
        found[candidate.url] = candidate
        return
    evidence = old.evidence + [e for e in candidate.evidence if e not in old.evidence]
    best = candidate if candidate.confidence > old.confidence else old
    best.evidence = evidence
    best.title = best.title or old.title or candidate.title
    best.own_page = old.own_page and candidate.own_page
    found[candidate.url] = best


def _from_people(name: str, page: ParsedPage, found: dict[str, Candidate], weight: float) -> int:
    """People listed on a team or about page: the page itself is a candidate.

    Returns:
        How many people the page lists.
    """
    people = extract_people(page)
    for mention in people:
        score = name_match(name, mention.name)
        if score:
            _add(found, Candidate(page.url, mention.name, mention.title, round(weight * score, 3),
                                  [f"listed as {mention.name} on {page.url}"], own_page=False))
    return len(people)


def _about_them(name: str, page: ParsedPage, found: dict[str, Candidate]) -> bool:
    """Whether ``page`` is a page about the person (its heading or Person data names them);
    if so it becomes the strongest kind of candidate."""
    fields, _links = person_facts(page)
    on_page = fields.get("name")
    score = name_match(name, on_page) if on_page else 0.0
    if not score:
        return False
    old = found.pop(page.url, None)
    _add(found, Candidate(page.url, on_page or name, (old.title if old else None) or fields.get("title"),
                          round(0.6 + 0.4 * score, 3), (old.evidence if old else [])
                          + [f"{_ABOUT}{on_page}"]))
    return True


def _from_links(name: str, links: list[Link], home_url: str, found: dict[str, Candidate]) -> None:
    """Links whose text or address names the person: likely a page of their own."""
    for link in links:
        if not same_site(link.url, home_url) or link.url.lower().endswith(".pdf"):
            continue
        text_score = name_match(name, link.text) if 1 < len(link.text.split()) <= 6 else 0.0
        segments = [s for s in urlsplit(link.url).path.split("/") if s]
        slug = slug_name(segments[-1]) if segments else ""
        slug_score = name_match(name, slug) if len(slug.split()) >= 2 else 0.0
        if text_score >= slug_score and text_score:
            _add(found, Candidate(link.url, link.text, None, round(0.55 * text_score, 3),
                                  [f"{_LINK}'{link.text}'"]))
        elif slug_score:
            _add(found, Candidate(link.url, slug.title(), None, round(0.5 * slug_score, 3),
                                  [_SLUG]))


def _confirm(name: str, reader: PageReader, found: dict[str, Candidate], read: set[str]) -> None:
    """Fetch the best pages of their own and read the name each is about."""
    own = sorted((c for c in found.values() if c.own_page and c.url not in read),
                 key=lambda c: -c.confidence)[:MAX_CONFIRM]
    for candidate in own:
        page = reader.read(candidate.url)
        if page is None or _about_them(name, page, found):
            continue
        if person_facts(page)[0].get("name"):   # the page is about someone else: not them
            del found[candidate.url]
        else:
            candidate.evidence.append(_UNCLEAR)


def _host(url: str) -> str:
    return urlsplit(url).hostname or url


def _from_listing(page: Any, listed: Candidate, company: str | None) -> Any:
    """The person a team or about page lists among others: their name and title as the
    listing gives them, the page's organization (else the site's name) and location; never
    the page's bio or links, which belong to whoever the page reads as being about (often
    the first card)."""
    from infoview.research.models import PersonProfile

    warnings = [w for w in page.warnings if "no name found" not in w]
    warnings.append(f"{page.url} lists {listed.name} among others; no page of their own "
                    "was found, so there is no bio")
    return PersonProfile(url=page.url, name=listed.name, title=listed.title,
                         organization=page.organization or company, location=page.location,
                         warnings=warnings, own_page=False)


def research_person_by_name(name: str, site: str, *, settings: Any = None, fetcher: Any = None,
                            refresh: bool = False, search: SearchConfig | None = None
                            ) -> tuple[PersonSearch, Any]:
    """Find ``name`` on the site at ``site`` (:func:`find_person`), then research the page found.

    Returns:
        The search, and the :class:`~infoview.research.models.PersonProfile` of the page
        found (``None`` when nobody by that name was found).
    """
    from infoview.research.person import research_person

    settings = settings or getattr(fetcher, "settings", None) or Settings()
    fetcher, owned = make_fetcher(settings, fetcher)
    try:
        found = find_person(name, site, fetcher=fetcher, refresh=refresh, search=search)
        profile = None
        if found.found is not None:
            profile = research_person(found.found.url, fetcher=fetcher, refresh=refresh)
            if not found.found.own_page:
                profile = _from_listing(profile, found.found, found.company)
        return found, profile
    finally:
        if owned:
            fetcher.close()
