"""News items and press releases from a news page: title, date and URL, newest first.

Dates come from ``<time datetime>``, then the item's URL (``/2025/03/03/``), then the text
around the title ("published on the third of March 2025"). Structured data (NewsArticle,
BlogPosting) is read first when a page has it.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urldefrag

from infoview.research.extract.dates import date_in_url, find_date, iso_date, url_date_has_day
from infoview.research.extract.metadata import items_of_type, value
from infoview.research.extract.page import ParsedPage, in_chrome, text_of
from infoview.research.extract.people import looks_like_name
from infoview.research.models import NewsItem
from infoview.research.urls import join, path_of

_ARTICLE_TYPES = {"newsarticle", "blogposting", "article", "pressrelease", "report", "reportagenewsarticle"}
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
MAX_ITEMS = 30
#: Headings that name a section of a page, not one news item ("Latest news", "Contact us").
_SECTION_LABEL = re.compile(
    r"^(latest|recent|more|related|featured|our|company|all)?\s*(news|press( releases)?|"
    r"insights|articles|posts|stories|updates|blog|changelog|events|classes (&|and) events|"
    r"announcements|resources|media|newsroom|contact( us)?|faqs?|frequently asked questions|"
    r"testimonials|reviews|case studies)\W*$|^what (our )?(customers|clients|users) (are )?say", re.I)
#: Links that are pictures or files: never an item's own page, and their upload dates lie.
_NOT_PAGE = re.compile(r"\.(jpe?g|png|gif|webp|svg|avif|bmp|ico|pdf|zip|mp4|mp3)$", re.I)
#: A price in a card: a product or a plan, never a news item.
_PRICE = re.compile(r"(?:[$€£¥]\s?\d|\d\s?(?:€|usd|eur|gbp)\b|\bper month\b|/mo(?:nth)?\b)", re.I)
#: Words that put a date in the future of an offer or a form, not on a publication.
_DEADLINE = re.compile(r"\b(book(ed)?\W+(by|before)|travel\W+(by|through|between)|valid\W+(until|"
                       r"through|thru|to)|offers? (ends?|expires?)|ends?|expires?|until|through|"
                       r"deadline|(register|apply|enrol+|sign up)\W+(by|before))\b", re.I)
#: How far after such words the deadline's date may be written.
_DEADLINE_REACH = 30
#: Containers that fold questions and answers (an FAQ), whose headings are not news.
_FOLDS = re.compile(r"\b(accordion|faq|toggle|collapse)\b", re.I)
#: A card's text is searched for a date only when it is card-sized (a form or a section is not).
_CARD_CHARS = 1500
#: A container with this many distinct links is a section listing items, not one item.
_MANY_LINKS = 6
#: A button or link that sells, books or registers: the card is an offer or an event.
_ACTION = re.compile(r"^\W*(book|buy|shop|order|reserve|register|sign up|get (tickets|the deal|"
                     r"this deal|offer)|add to (cart|basket)|claim( offer)?)( (now|today|online|"
                     r"here|your \w+))?\W*$", re.I)
#: Path words of booking, shopping and registration pages (an offer's link, not an article's).
_ACTION_PATH = re.compile(r"^(book(ings?)?|book-(a|an|now|online|your)-?.*|reserv\w*|checkout|cart|basket|"
                          r"register|registration|sign-?up|tickets?|coupons?(-.*)?|deals?|"
                          r"offers?|shop|store|products?)$", re.I)
#: A period a card is valid for ("Jan 1 – Dec 31, 2026"): when an offer runs, not a publication.
_RANGE = re.compile(r"\b[a-z]{3,9}\.?\s+\d{1,2}(?:,?\s+(?:19|20)\d{2})?\s*(?:[-–—]|to|until|"
                    r"through)\s*(?:[a-z]{3,9}\.?\s+)?\d{1,2},?\s+(?:19|20)\d{2}\b", re.I)
#: A numeric date (11/19/2025): month or day first, settled over the whole page.
_NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2})\b")
#: The longest line a numeric date is read from (a byline, not a paragraph).
_DATE_LINE = 60
#: A numeric date must open its line ("11/19/2025 | By ..."), not close a review's credit.
_NUMERIC_LEAD = 12
#: Class names of the element holding a card's title when the card has no heading.
_TITLE_CLASS = re.compile(r"(title|headline|heading)", re.I)
#: A title cut short by the page ("Denver Health among Best Hospitals for Maternity C...").
_ELLIPSIS = re.compile(r"\s*(\.{3}|…)$")


def extract_news(page: ParsedPage) -> list[NewsItem]:
    """The news items listed on ``page``, newest first (undated items last, in page order)."""
    items = _from_metadata(page) + _from_html(page)
    seen: set[str] = set()
    unique = []
    for item in items:
        key = item.title.lower()
        if key not in seen:
            seen.add(key)
            unique.append(item)
    dated = sorted((i for i in unique if i.date), key=lambda i: i.date or "", reverse=True)
    return (dated + [i for i in unique if not i.date])[:MAX_ITEMS]


def _from_metadata(page: ParsedPage) -> list[NewsItem]:
    found = []
    for item in items_of_type(page, _ARTICLE_TYPES):
        title = value(item, "headline", "name")
        if not title:
            continue
        url = join(page.url, value(item, "url", "mainEntityOfPage") or page.url,
                   keep_fragment=True)
        if url is None or _is_self(page, url):
            continue  # the page describing itself (a service page's WebPage/Article item)
        found.append(NewsItem(title, iso_date(value(item, "datePublished", "dateCreated")), url))
    return found


def _is_self(page: ParsedPage, url: str) -> bool:
    """Whether ``url`` is the page itself (SEO plugins type every page as an Article)."""
    def bare(u: str) -> str:
        return urldefrag(u).url.rstrip("/")
    return bare(url) == bare(page.url)


def _from_html(page: ParsedPage) -> list[NewsItem]:
    if page.tree is None:
        return []
    found = []
    day_first = _DayFirst(page)
    used: set[Any] = set()  # elements, not id()s: lxml proxies die and their ids are reused
    heads = [el for el in page.tree.iter(*_HEADINGS) if not in_chrome(el)]
    for head in heads:
        container = _container(head)
        if container in used:
            continue
        item = _item(page, head, container, day_first)
        if item:
            used.add(container)
            found.append(item)
    # lists of links with dates and no headings: <li><a>Title</a> <time>...</time></li>
    for li in page.tree.iter("li"):
        if in_chrome(li) or li.find(".//a") is None or any(a in used for a in li.iterancestors()):
            continue
        if li.find(".//h2") is not None or li.find(".//h3") is not None:
            continue
        item = _item(page, li.find(".//a"), li, day_first)
        if item and item.date:
            used.add(li)
            found.append(item)
    found += _time_cards(page, used, day_first)
    return found


def _time_cards(page: ParsedPage, used: set[Any], day_first: _DayFirst) -> list[NewsItem]:
    """Dated cards with no heading: a link around a ``<time>`` and a title-classed element."""
    found = []
    for time_el in page.tree.iter("time"):
        if in_chrome(time_el) or any(a in used for a in time_el.iterancestors()):
            continue
        card = next((a for a in time_el.iterancestors() if a.tag in ("a", "li", "article")), None)
        if card is None or card.tag == "li":
            continue
        title_el = next((el for el in card.iter() if el is not time_el and isinstance(el.tag, str)
                         and _TITLE_CLASS.search(el.get("class", ""))), None)
        if title_el is None:
            continue
        item = _item(page, title_el, card, day_first)
        if item and item.date:
            used.add(card)
            found.append(item)
    return found


def _item(page: ParsedPage, title_el: Any, container: Any, day_first: _DayFirst) -> NewsItem | None:
    title = _ELLIPSIS.sub("", text_of(title_el))
    if not _headline(title) or _is_section(container) or _is_offer(container):
        return None
    if _folded(title_el) and container.find(".//time") is None:
        # an FAQ's question is folded away; a <time> stamp marks a publication even when a
        # theme puts its news list in tabs named "accordion"
        return None
    link = title_el if title_el.tag == "a" else _page_link(title_el)
    if link is None and container.tag == "a":
        link = container
    if link is None or _NOT_PAGE.search(link.get("href", "")):
        link = _page_link(container)
    url = join(page.url, link.get("href", "")) if link is not None else None
    date = _date(container, url, day_first)
    if not date and not url:
        return None
    if not date and (len(title.split()) < 3 or container.tag != "article"
                     or _PRICE.search(text_of(container))):
        # An undated card is a product, a service or a category unless the page marks it
        # as an article; a price settles it. Undated headings in plain cards were the main
        # source of wrong "news" on real service pages.
        return None
    return NewsItem(title=title, date=date, url=url or page.url)


def _is_offer(container: Any) -> bool:
    """Whether a card sells, books or registers (a hotel deal, a webinar), not reports news.

    Its buttons say so ("Book now", "Register now"), or its links lead to a booking, shop or
    registration page (a path segment such as ``/book-a-vacation`` or ``/webinar/register/``).
    """
    for a in [container, *container.iter("a", "button")]:
        if a.tag not in ("a", "button"):
            continue
        if _ACTION.match(text_of(a)):
            return True
        segments = [s for s in path_of(a.get("href", "")).split("/") if s]
        if any(_ACTION_PATH.match(s) for s in segments):
            return True
    return False


class _DayFirst:
    """The page's order of numeric dates (see :func:`_day_first`), read once and only when a
    card shows a numeric date: reading it means a pass over the page's whole text."""

    def __init__(self, page: ParsedPage):
        self.page = page
        self.value: bool | None = None

    def __call__(self) -> bool:
        if self.value is None:
            self.value = _day_first(self.page)
        return self.value


def _day_first(page: ParsedPage) -> bool:
    """Whether the page writes numeric dates day first (19/11/2025) rather than month first.

    A number above 12 settles it; a page with only ambiguous dates follows its language
    (``en-US`` and unmarked pages month first, other languages day first).
    """
    for first, second, _year in _NUMERIC.findall(page.flat_text):
        if int(first) > 12:
            return True
        if int(second) > 12:
            return False
    lang = (page.tree.get("lang") or "en-us").lower()
    return not (lang == "en" or lang.startswith("en-us"))


def _headline(title: str) -> bool:
    """Whether a heading can be a news headline: words, not a label, a phone number or a URL."""
    words = re.findall(r"[^\W\d_]{2,}", title)
    return (8 <= len(title) <= 300 and len(words) >= 2 and not _SECTION_LABEL.match(title)
            and not title.endswith(":")  # "Tutoring policy:" labels what follows
            and not looks_like_name(title)  # a staff card's heading
            and not re.match(r"^(https?://|www\.)\S+$", title, re.I))


def _is_section(container: Any) -> bool:
    """Whether a heading's container lists several items (it is the section's heading)."""
    hrefs = {a.get("href") for a in container.iter("a")
             if a.get("href") and not _NOT_PAGE.search(a.get("href"))}
    if len(hrefs) >= _MANY_LINKS:
        return True
    stamps = {iso_date(t.get("datetime")) or text_of(t) for t in container.iter("time")}
    url_dates = {d for d in map(date_in_url, hrefs) if d}
    return len(stamps) > 1 or len(url_dates) > 1


def _folded(el: Any) -> bool:
    """Whether an element sits in an FAQ or another fold-out block (questions, not news)."""
    return any(_FOLDS.search(f"{anc.get('class', '')} {anc.get('id', '')}")
               for anc in [el, *el.iterancestors()] if anc.tag not in ("body", "html"))


def _page_link(el: Any) -> Any:
    """The first link under ``el`` that leads to a page (not to a picture or a file)."""
    for a in el.iter("a"):
        href = a.get("href")
        if href and not _NOT_PAGE.search(path_of(href)):
            return a
    return None


def _date(container: Any, url: str | None, day_first: _DayFirst) -> str | None:
    for time_el in container.iter("time"):
        found = iso_date(time_el.get("datetime")) or find_date(text_of(time_el))
        if found:
            return found
    in_url = date_in_url(url) if url and not _NOT_PAGE.search(path_of(url)) else None
    if in_url and url_date_has_day(path_of(url or "")):
        return in_url
    # a URL with only a month (/2025/05/) guesses the day: a date the card writes is better
    text = text_of(container)
    if len(text) > _CARD_CHARS:
        return in_url
    # "Book by 5 January 2026", "Offer ends ...": a deadline is not the day of publication
    for match in reversed(list(_DEADLINE.finditer(text))):
        text = text[:match.start()] + " " + text[match.end() + _DEADLINE_REACH:]
    text = _RANGE.sub(" ", text)  # "Travel: Jan 1 – Dec 31, 2026" is a period of validity
    return find_date(text) or _numeric_date(container, day_first) or in_url


def _numeric_date(container: Any, day_first: _DayFirst) -> str | None:
    """A numeric date (``11/19/2025``) on a card's date line, in the page's order, as ISO.

    Only a short line that opens with the date counts ("11/19/2025 | By Jerra Toms"): in
    prose, figures with slashes are as often codes, scores or a review's date as news dates.
    """
    lines = [text_of(el) for el in container.iter() if isinstance(el.tag, str)]
    for first, second, year in (m for line in lines if len(line) <= _DATE_LINE
                                for m in _NUMERIC.findall(line[:_NUMERIC_LEAD])):
        day, month = (first, second) if day_first() else (second, first)
        found = iso_date(f"{year}-{int(month):02d}-{int(day):02d}")
        if found:
            return found
    return None


def _container(head: Any) -> Any:
    """The card holding a heading: the largest ancestor with no other heading in it."""
    container = head
    for anc in head.iterancestors():
        if anc.tag in ("body", "main", "html"):
            break
        if sum(1 for _ in anc.iter(*_HEADINGS, "h1")) > 1:
            break
        container = anc
        if anc.tag in ("article", "li"):
            break
    return container

