"""News from a site's RSS and Atom feeds, merged with the news its pages list.

Feeds are found from ``<link rel="alternate" type="application/rss+xml">`` (or Atom) on the
home and news pages, else at the usual paths (``/feed``, ``/rss.xml``, ``/feed.xml``), and
read with feedparser (which copes with RSS 0.9x to 2.0, RSS 1.0 and Atom, and with broken
XML). Every fetch goes through the research's polite fetcher.

A feed's dates are checked before they are believed: a date in the future, a date before
the company was founded (or before 1995), or the same timestamp on every item (the time the
feed was generated, not published) is dropped with a warning; the item stays, undated.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urljoin, urlsplit

from infoview.research.extract.page import ParsedPage, clean
from infoview.research.models import NewsItem
from infoview.text import words

log = logging.getLogger(__name__)

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
#: Tried in this order when no page names a feed; the first that answers with a feed wins.
USUAL_PATHS = ("/feed", "/rss.xml", "/feed.xml")
#: Feeds read at most per site.
MAX_FEEDS = 2
#: Items kept from the merged news (the same cap as a news page's).
MAX_ITEMS = 30
_EARLIEST_YEAR = 1995
_SAME_TIME_ITEMS = 3


def feed_links(pages: Iterable[ParsedPage]) -> list[str]:
    """The feeds the pages name in ``<link rel="alternate">``, comment feeds left out."""
    found: list[str] = []
    for page in pages:
        if page.tree is None:
            continue
        for link in page.tree.iter("link"):
            rel = (link.get("rel") or "").lower().split()
            kind = (link.get("type") or "").lower().split(";")[0].strip()
            href = (link.get("href") or "").strip()
            title = (link.get("title") or "").lower()
            if "alternate" not in rel or kind not in FEED_TYPES or not href or "comment" in title:
                continue
            url = urljoin(page.url, href)
            if url.startswith(("http://", "https://")) and url not in found:
                found.append(url)
    return found


def read_feeds(reader, named: list[str], home_url: str, *, probe: bool = True,
               founded: str | None = None, today: date | None = None) -> list[NewsItem]:
    """The news items of the site's feeds, newest first.

    Args:
        reader: the research's :class:`~infoview.research._pages.PageReader`.
        named: the feeds the site's pages name (:func:`feed_links`).
        home_url: the site's home page, for the usual feed paths.
        probe: try the usual paths when no page names a feed.
        founded: the company's founding year, if known: earlier dates are not believed.
        today: the date "the future" starts after (default: today, UTC).

    Returns:
        The items; problems go to ``reader.warnings`` (a missing feed at a usual path is
        normal, not a problem).
    """
    items: list[NewsItem] = []
    named = named[:MAX_FEEDS]
    for url in named:
        page = reader.fetch(url)
        if page is not None:
            items += parse_feed(page.body, page.final_url, reader.warnings, founded=founded,
                                today=today)
    if named or not probe:
        return items
    for path in USUAL_PATHS:
        url = urljoin(home_url, path)
        warned, fetched = len(reader.warnings), len(reader.fetched)
        page = reader.fetch(url)
        del reader.warnings[warned:]   # most sites have no feed at a given path: no news
        if page is None or page.is_html:
            del reader.fetched[fetched:]
            continue
        quiet: list[str] = []
        found = parse_feed(page.body, page.final_url, quiet, founded=founded, today=today)
        if found or _feed_like(page.body):
            reader.warnings.extend(quiet)
            return found
    return items


def _feed_like(body: bytes) -> bool:
    return bool(re.search(rb"<(rss|feed|rdf:RDF)\b", body[:2048]))


def parse_feed(body: bytes, url: str, warnings: list[str], *, founded: str | None = None,
               today: date | None = None) -> list[NewsItem]:
    """The items of one feed, their dates checked (see the module's docstring).

    Args:
        body: the feed's bytes (never a URL: feedparser would fetch it itself).
        url: where it came from (relative links are resolved against it).
        warnings: problems are appended here.
        founded: the company's founding year, if known.
        today: the date "the future" starts after.
    """
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": url,
                                                      "content-type": "application/xml"})
    entries = parsed.get("entries") or []
    if parsed.get("bozo") and not entries:
        warnings.append(f"{url} could not be read as a news feed ({_why(parsed)}).")
        return []
    if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"),
                                             feedparser.CharacterEncodingOverride):
        warnings.append(f"{url} is a malformed feed ({_why(parsed)}); its readable items were kept.")
    items: list[NewsItem] = []
    stamps: list[tuple[int, ...] | None] = []
    for entry in entries:
        title = clean(entry.get("title") or "")
        link = entry.get("link") or ""
        if not title or not link:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        stamps.append(tuple(stamp[:6]) if stamp else None)
        items.append(NewsItem(title, _iso(stamp), urljoin(url, link)))
    _check_dates(items, stamps, url, warnings, founded, today or datetime.now(UTC).date())
    return items


def _iso(stamp) -> str | None:
    if not stamp:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(stamp), UTC).date().isoformat()
    except (OverflowError, ValueError, OSError):
        return None


def _check_dates(items: list[NewsItem], stamps: list[tuple[int, ...] | None], url: str,
                 warnings: list[str], founded: str | None, today: date) -> None:
    """Drop the dates a feed cannot be believed on, with one warning per kind of lie."""
    dated = [s for s in stamps if s]
    if len(dated) >= _SAME_TIME_ITEMS and len(set(dated)) == 1 and len(dated) == len(items):
        for item in items:
            item.date = None
        warnings.append(f"{url}: every item carries the same date and time, so the dates were "
                        "not used (the feed gives its build time, not when items were published).")
        return
    earliest = max(_EARLIEST_YEAR, int(founded) if founded and founded.isdigit() else 0)
    future = past = 0
    for item in items:
        if item.date is None:
            continue
        day = date.fromisoformat(item.date)
        if day > today + timedelta(days=1):
            item.date, future = None, future + 1
        elif day.year < earliest:
            item.date, past = None, past + 1
    if future:
        warnings.append(f"{url}: {future} item(s) dated in the future; those dates were not used.")
    if past:
        since = f"the company was founded ({earliest})" if earliest > _EARLIEST_YEAR else \
            f"{_EARLIEST_YEAR}"
        warnings.append(f"{url}: {past} item(s) dated before {since}; those dates were not used.")


def _why(parsed) -> str:
    exc = parsed.get("bozo_exception")
    text = " ".join(str(exc or "not a feed").split())
    return text if len(text) < 120 else text[:117] + "..."


def merge_news(*lists: list[NewsItem], limit: int = MAX_ITEMS) -> list[NewsItem]:
    """One list of news, each item once, newest first (undated last, in the order given).

    Items are the same when their links are the same (scheme, ``www.``, a trailing slash,
    tracking parameters and fragments aside) or their titles are. The first list's item is
    kept; a later one only lends it a date it lacked.
    """
    kept: list[NewsItem] = []
    by_key: dict[str, NewsItem] = {}
    for items in lists:
        for item in items:
            keys = [_url_key(item.url), _title_key(item.title)]
            same = next((by_key[k] for k in keys if k in by_key), None)
            if same is not None:
                if same.date is None and item.date:
                    same.date = item.date
                continue
            copy = NewsItem(item.title, item.date, item.url)
            kept.append(copy)
            for key in keys:
                by_key.setdefault(key, copy)
    dated = sorted((i for i in kept if i.date), key=lambda i: i.date or "", reverse=True)
    return (dated + [i for i in kept if not i.date])[:limit]


def _url_key(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    query = "&".join(p for p in parts.query.split("&") if p and not p.lower().startswith(
        ("utm_", "ref=", "source=")))
    return f"url:{host}{parts.path.rstrip('/') or '/'}{'?' + query if query else ''}"


def _title_key(title: str) -> str:
    return "title:" + words(title)
