"""Company research: from a start URL to a :class:`CompanyProfile`, every fact with its page.

The steps, in order: fetch the home page; find the about / team / news / careers / contact /
investors pages from its navigation and footer links (and from sitemap.xml when a kind of
page is still missing); fetch at most ``max_pages`` pages, robots.txt permitting; run the
extractors over each page's one parsed tree as soon as the page arrives (in the politeness
pause before the next one); summarise the about page's main text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import urljoin

from infoview.errors import PageTooLarge
from infoview.research._pages import PageReader, check_url, make_fetcher
from infoview.research.documents import document_facts, read_documents
from infoview.research.extract import (
    discover_pages,
    name_from_title,
    page_links,
    social_links,
    summarize,
)
from infoview.research.extract.links import Link, is_document, sitemap_urls, social_network
from infoview.research.extract.maintext import sentences
from infoview.research.extract.metadata import ORG_TYPES, items_of_type, same_as
from infoview.research.extract.page import ParsedPage, parse_page
from infoview.research.extract.pagetype import page_type
from infoview.research.extracts import MISSING
from infoview.research.extracts import Extracts as _Extracts
from infoview.research.feeds import feed_links, merge_news, read_feeds
from infoview.research.models import CompanyProfile, Document, Fact, NewsItem, PageType
from infoview.settings import Settings

log = logging.getLogger(__name__)

#: Page kinds in the order they are fetched when ``max_pages`` is short.
FETCH_ORDER = ("about", "team", "news", "careers", "contact", "investors")
_LABELS = {"name": "Name", "description": "Description", "industry": "Industry",
           "location": "Location", "founded": "Founded"}


def research_company(url: str, *, settings: Any = None, fetcher: Any = None,
                     max_pages: int | None = None, refresh: bool = False) -> CompanyProfile:
    """Research a company from its website.

    Args:
        url: the company's home page (``example.com`` is read as ``https://example.com``).
        settings: a :class:`~infoview.settings.Settings`; default settings when ``None``.
        fetcher: a shared :class:`~infoview.research.fetch.Fetcher` (batch research passes
            one so that politeness and the cache are shared); a new one when ``None``.
        max_pages: pages fetched at most, home page included (default ``settings.max_pages``).
        refresh: fetch again even when the cache holds a fresh copy.

    Returns:
        The profile; pages that failed or were refused are listed in ``warnings``.

    Raises:
        BadInput: ``url`` is not a web address.
        FetchError: the home page itself cannot be fetched (robots.txt refusal included).
    """
    url = check_url(url)
    settings = settings or getattr(fetcher, "settings", None) or Settings()
    fetcher, owned = make_fetcher(settings, fetcher)
    limit = settings.max_pages if max_pages is None else max_pages
    try:
        return _research(url, PageReader(fetcher, refresh), max(1, int(limit)))
    finally:
        if owned:
            fetcher.close()


def _research(url: str, reader: PageReader, limit: int) -> CompanyProfile:
    profile = CompanyProfile(url=url)
    home = reader.read(url, strict=True)
    assert home is not None  # strict reads raise instead of returning None
    parsed: dict[str, ParsedPage] = {"home": home}
    beyond = _Beyond([], [])
    with _Extracts(reader.fetcher.settings.page_cpu_seconds) as work:
        links, pages = _discover(reader, home, limit, work)
        social = work.call(_social_urls, links)
        # no about page to come: the summary will be the home page's, so extract it now
        work.start("home", home, summary="about" not in pages or limit < 2)
        budget = limit - 1
        for kind in FETCH_ORDER:
            target = pages.get(kind)
            if not target or budget <= 0 or is_document(target):
                continue
            if target in (p.url for p in parsed.values()):
                parsed[kind] = next(p for p in parsed.values() if p.url == target)
                work.start(kind, parsed[kind])
                continue
            budget -= 1
            page = reader.read(target)
            if page is not None:
                parsed[kind] = page
                work.start(kind, page)
        for doc in reader.documents:  # a link that answered with a PDF: keep it as a link
            doc_kind = next((k for k, u in pages.items() if u == doc), None)
            if doc_kind:
                pages[doc_kind] = doc
        profile.pages = pages
        # The rest is read on the helper thread, in the order it always was. The reports
        # and feeds are requested as soon as what decides them is read: while the helper
        # reads people, summaries and page types, the site's next request need not wait.
        beyond_pages = limit > 1   # a one-page look reads the home page alone
        if beyond_pages:
            targets = work.call(_beyond_targets, parsed, links, work, urgent=True)
            decided = work.call(_decided_early, parsed, work, urgent=True)
        filled = work.call(_fill_fields_news, profile, parsed, work)
        work.call(_fill_the_rest, profile, parsed, social, work)
        if beyond_pages:
            reports, feeds = targets.result()
            has_news, founded = decided.result() or _decided_late(filled, profile)
            beyond = _read_beyond_pages(reader, reports, feeds, profile.url,
                                        has_news=has_news, founded=founded)
        work.finish()
        work.note_overruns(parsed.values())
    _add_beyond_pages(profile, beyond)
    profile.fetched = reader.fetched
    profile.warnings = reader.all_warnings()
    return profile


def _fill_fields_news(profile: CompanyProfile, parsed: dict[str, ParsedPage],
                      work: _Extracts) -> None:
    """The company's fields, people and news (read on the helper thread)."""
    _fill_fields(profile, parsed, work)
    _fill_people_news(profile, parsed, work)


def _fill_the_rest(profile: CompanyProfile, parsed: dict[str, ParsedPage], social: Future,
                   work: _Extracts) -> None:
    """The summary, the social profiles and the page types (read on the helper thread)."""
    _fill_summary(profile, parsed, work)
    profile.social = social_links(social.result() + _org_same_as(parsed))
    profile.page_types = _page_types(parsed, work)


def read_company_page(body: bytes, url: str, *, content_type: str = "text/html",
                      settings: Settings | None = None) -> dict[str, Any]:
    """Everything company research reads from one fetched page, read the way research reads it.

    The per-page half of :func:`research_company` without the network: the body's charset
    is decided as the fetcher decides it, the page is parsed once, and every extractor
    (company facts, people, news, summary, links, social profiles, page type) runs under
    the page's CPU budget. The fuzz test and benchmark put thousands of hostile pages
    through it.

    Args:
        body: the page's bytes as received (after content decoding).
        url: the page's address.
        content_type: the Content-Type header it came with.
        settings: for ``page_cpu_seconds``; default settings when ``None``.

    Returns:
        ``{"facts", "text_facts", "people", "news", "summary", "pages", "social",
        "page_type", "fields", "warnings"}``; ``fields`` holds the name, description,
        industry, location and founding year research gives a site of this one page.

    Raises:
        PageTooLarge: ``body`` is over ``settings.max_bytes`` (the fetcher refuses such a page).
    """
    from infoview.research.charset import decide

    settings = settings or Settings()
    if len(body) > settings.max_bytes:   # the fetcher never hands research a larger page
        raise PageTooLarge(f"{url} is over the {settings.max_bytes / 1_048_576:.1f} MB cap.",
                           url=url)
    encoding, warnings = decide(content_type, body, markup=True)
    page = parse_page(body, url, encoding)
    found: dict[str, Any] = {}
    with _Extracts(settings.page_cpu_seconds, threaded=False) as work:
        links = work.bounded(page, "links to other pages", page_links, page, default=[])
        found["pages"] = discover_pages(links, url)
        for step in work.STEPS:
            found[step] = work.get(step, page)
        found["social"] = social_links(_social_urls(links) + _org_same_as({"home": page}))
        found["page_type"] = work.bounded(page, "page type", partial(
            page_type, page, fetched_as="home", people=len(found["people"]),
            dated_news=len([n for n in found["news"] if n.date])), default=None)
        alone = CompanyProfile(url=url)
        _fill_fields(alone, {"home": page}, work)
        found["fields"] = {key: getattr(alone, key) for key in _LABELS}
        work.note_overruns([page])
    found["warnings"] = warnings + page.warnings
    return found


@dataclass
class _Beyond:
    """The reports and feed items read beyond a site's pages."""

    documents: list[Document]
    feed_items: list[NewsItem]


def _read_beyond_pages(reader: PageReader, reports: list[Link], feeds: list[str],
                       home_url: str, *, has_news: bool, founded: str | None) -> _Beyond:
    """Reports (PDF) and news feeds: read after the pages, outside the page budget.

    Reports come from the links of the home page (and sitemap), the investors and about
    pages; the newest of each kind is read (:mod:`infoview.research.documents`). Feeds are
    those the home and news pages name, else the usual feed paths when the site has news
    (:mod:`infoview.research.feeds`); their dates are checked against the founding year.
    Touches no page tree: the helper thread may be reading them meanwhile.
    """
    documents = read_documents(reader, reports)
    # probing the usual paths costs requests: only for a site that has news
    items = read_feeds(reader, feeds, home_url, probe=has_news, founded=founded)
    return _Beyond(documents, items)


def _beyond_targets(parsed: dict[str, ParsedPage], links: list[Link],
                    work: _Extracts) -> tuple[list[Link], list[str]]:
    """The links reports are chosen from, and the feeds the home and news pages name."""
    more = [link for kind in _Extracts.LINKS_OF if kind in parsed
            for link in work.links(parsed[kind])]
    return links + more, feed_links([parsed[kind] for kind in ("home", "news") if kind in parsed])


def _decided_early(parsed: dict[str, ParsedPage],
                   work: _Extracts) -> tuple[bool, str | None] | None:
    """Whether the profile will hold news, and its founding year, from what is read already
    (``None`` when that is not enough: the home page's news comes after its people)."""
    def peek(step: str, page: ParsedPage) -> Any:
        found = work.peek(step, page)
        if found is MISSING:
            raise LookupError(step)
        return found

    try:
        news = _news_of(parsed, peek)
        founded = None
        for key, value, _page in _field_facts(parsed, peek):
            if key == "founded":
                founded = value
    except LookupError:
        return None
    return bool(news), founded


def _decided_late(filled: Future, profile: CompanyProfile) -> tuple[bool, str | None]:
    """What :func:`_decided_early` could not say, from the profile once it is filled in."""
    filled.result()
    return bool(profile.news), profile.founded


def _add_beyond_pages(profile: CompanyProfile, beyond: _Beyond) -> None:
    """The reports' facts after the pages' facts, and the feed items merged into the news."""
    profile.documents = beyond.documents
    profile.facts += document_facts(profile.documents)
    annual = next((d.url for d in profile.documents if d.kind == "annual report"), None)
    if annual:
        profile.pages["annual_report"] = annual   # the newest one, the one read
    if beyond.feed_items:
        profile.news = merge_news(profile.news, beyond.feed_items)


def _social_urls(links: list[Link]) -> list[str]:
    """The links that are social profiles, navigation and footer first (see social_links)."""
    urls = [link.url for link in links if link.in_nav] + [link.url for link in links]
    return [u for u in urls if social_network(u)]


def _discover(reader: PageReader, home: ParsedPage, limit: int,
              work: _Extracts) -> tuple[list[Link], dict[str, str]]:
    """The home page's links and the pages found among them (and in the sitemap if needed)."""
    links = work.bounded(home, "links to other pages", page_links, home, default=[])
    pages = discover_pages(links, home.url)
    if any(kind not in pages for kind in ("about", "team", "news")) and limit > 1:
        links += _sitemap_links(reader, home.url)
        pages = {**discover_pages(links, home.url), **pages}  # navigation wins over sitemap
    _note_documents(pages, links)
    return links, pages


def _sitemap_links(reader: PageReader, home_url: str) -> list[Link]:
    """Links from /sitemap.xml (path-only classification; quietly nothing if absent)."""
    sitemap = urljoin(home_url, "/sitemap.xml")
    warnings_before = len(reader.warnings)
    page = reader.fetch(sitemap)
    del reader.warnings[warnings_before:]  # a site without a sitemap is normal, not a problem
    if page is None:
        return []
    return [Link(u, "", False) for u in sitemap_urls(page.body, page.final_url)]


def _note_documents(pages: dict[str, str], links: list[Link]) -> None:
    for link in links:
        text = f"{link.text} {link.url}".lower().replace("-", " ").replace("_", " ")
        if is_document(link.url) and "annual report" in text:
            pages.setdefault("annual_report", link.url)
    report = pages.get("annual_report")
    for kind in [k for k, u in pages.items() if u == report and k != "annual_report"]:
        del pages[kind]  # listed once, under the name that says what it is


def _fill_fields(profile: CompanyProfile, parsed: dict[str, ParsedPage],
                 work: _Extracts) -> None:
    """Each field from the most trustworthy source that has it (see :func:`_field_facts`)."""
    for key, found, page in _field_facts(parsed, work.get):
        setattr(profile, key, found)
        profile.facts.append(Fact(f"{_LABELS[key]}: {found}", page.url))
    if profile.name is None:
        name = work.bounded(parsed["home"], "company name", name_from_title, parsed["home"],
                            default=None)
        if name:
            profile.name = name
            profile.facts.append(Fact(f"Name: {name}", parsed["home"].url))


def _field_facts(parsed: dict[str, ParsedPage],
                 get: Callable[[str, ParsedPage], Any]) -> Iterator[tuple[str, Any, ParsedPage]]:
    """Each field's value, from the first source that has it, in the order found (a field
    whose value is still ``None`` takes the next one).

    Metadata first, home page before about page before the rest; then prose, but only from
    the pages that speak about the company itself (a news or team page mentions other
    companies and other places).
    """
    metadata_order = ["home", "about"] + [k for k in parsed if k not in ("home", "about")]
    passes = ((False, metadata_order), (True, ["about", "home", "contact"]))
    values: dict[str, Any] = {}
    for use_text, order in passes:
        for kind in order:
            page = parsed.get(kind)
            if page is None:
                continue
            for key, found in get("text_facts" if use_text else "facts", page).items():
                if values.get(key) is None:
                    values[key] = found
                    yield key, found, page


def _fill_people_news(profile: CompanyProfile, parsed: dict[str, ParsedPage],
                      work: _Extracts) -> None:
    seen: set[str] = set()
    for kind in ("team", "about", "home"):
        page = parsed.get(kind)
        if page is None:
            continue
        for person in work.get("people", page):
            if person.name.lower() not in seen:
                seen.add(person.name.lower())
                profile.people.append(person)
    # the company's own people first; customers quoted and other names after them
    profile.people.sort(key=lambda p: p.kind != "staff")
    profile.news = _news_of(parsed, work.get)


def _news_of(parsed: dict[str, ParsedPage], get: Callable[[str, ParsedPage], Any]) -> list:
    """The news page's items, else the dated items of a home page's "latest news" block."""
    news_page = parsed.get("news")
    news = get("news", news_page) if news_page is not None else []
    return news or [n for n in get("news", parsed["home"]) if n.date]


def _fill_summary(profile: CompanyProfile, parsed: dict[str, ParsedPage],
                  work: _Extracts) -> None:
    page = parsed.get("about") or parsed["home"]
    text = work.get("summary", page)
    profile.summary = summarize(text)
    if profile.summary:
        for sentence in sentences(profile.summary):
            profile.facts.append(Fact(sentence, page.url))
    if profile.description is None and profile.summary:
        profile.description = sentences(profile.summary)[0]


def _page_types(parsed: dict[str, ParsedPage], work: _Extracts) -> list[PageType]:
    """What each page read was taken for, each page once, in reading order."""
    types: list[PageType] = []
    for kind, page in parsed.items():
        if any(t.url == page.url for t in types):
            continue  # one page fetched for two kinds (the home page is also "about")
        people = [p for p in work.get("people", page) if p.title and p.kind == "staff"]
        dated = [n for n in work.get("news", page) if n.date]
        found = work.bounded(page, "page type", partial(
            page_type, page, fetched_as=kind, people=len(people), dated_news=len(dated)),
            default=None)
        if found is not None:
            types.append(found)
    return types


def _org_same_as(parsed: dict[str, ParsedPage]) -> list[str]:
    urls: list[str] = []
    for page in parsed.values():
        for org in items_of_type(page, ORG_TYPES):
            urls += same_as(org)
    return urls
