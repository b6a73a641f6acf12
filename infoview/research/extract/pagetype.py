"""What kind of page research took a page for, and how sure it is.

A research run reads a handful of pages, each fetched because a link or the sitemap said
what it was ("team", "news", ...). The link can be wrong (a "Team" link that lands on a
product page), so the page's type is decided from the page itself, three kinds of evidence
voting, each with a weight:

- embedded metadata (schema.org ``AboutPage``, ``ContactPage``, ``NewsArticle``,
  ``JobPosting``, ``Product``, ...), weight 0.5;
- the page's structure: several people with titles make a team page, several dated
  headlines a news index, an address or phone block with a form a contact page, weight 0.6
  (what a page holds beats what its link or path calls it);
- the URL path and the title's words (the words :mod:`~infoview.research.extract.links`
  uses to find pages), weight 0.3, and the kind the page was fetched as, weight 0.2.

The type with the most weight wins; its confidence is its weight over the total weight of
all evidence, capped by how much evidence there is (one weak vote gives a low confidence).
A page with no evidence is ``"other"`` with confidence 0. A user sees from it which pages
of a research were read for what, and when the summary or the people came from a weak page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from infoview.research.extract.links import classify
from infoview.research.extract.metadata import items_of_type, types_of
from infoview.research.extract.page import ParsedPage
from infoview.research.models import PageType
from infoview.research.urls import path_of

#: The types a page can be given.
PAGE_TYPES = ("home", "about", "team", "news", "article", "careers", "contact", "investors",
              "product", "other")
_METADATA_TYPES = {
    "aboutpage": "about", "contactpage": "contact", "profilepage": "team",
    "newsarticle": "article", "blogposting": "article", "article": "article",
    "reportagenewsarticle": "article", "pressrelease": "article", "jobposting": "careers",
    "product": "product", "service": "product", "softwareapplication": "product",
    "offer": "product",
}
_WEIGHTS = {"metadata": 0.5, "structure": 0.6, "words": 0.3, "fetched_as": 0.2}
#: Total weight at which a type is fully trusted (metadata and structure agreeing).
_FULL = 1.0
_PHONE = re.compile(r"(?:\+\d[\d ().-]{7,}\d|\(\d{3}\) ?\d{3}-\d{4})")
_PRODUCT_WORDS = re.compile(r"\b(pricing|features?|products?|solutions?|services?|platform|"
                            r"plans?|free trial|get started|book a demo|request a demo)\b", re.I)


def page_type(page: ParsedPage, *, fetched_as: str | None = None, people: int = 0,
              dated_news: int = 0) -> PageType:
    """The type of ``page`` and how sure that is.

    Args:
        page: the parsed page.
        fetched_as: the kind the page was fetched as (``"home"``, ``"team"``, ...), if any.
        people: how many people with titles the people extractor found on it.
        dated_news: how many dated headlines the news extractor found on it.
    """
    votes: dict[str, float] = {}

    def vote(kind: str | None, evidence: str) -> None:
        if kind:
            votes[kind] = votes.get(kind, 0.0) + _WEIGHTS[evidence]

    for kind in _metadata_kinds(page):
        vote(kind, "metadata")
    vote(_structure_kind(page, people, dated_news), "structure")
    vote(_word_kind(page), "words")
    if fetched_as in PAGE_TYPES:
        vote(fetched_as, "fetched_as")
    if not votes:
        return PageType(page.url, "other", 0.0)
    best = max(votes, key=lambda k: (votes[k], -PAGE_TYPES.index(k)))
    total = sum(votes.values())
    confidence = (votes[best] / total) * min(1.0, votes[best] / _FULL)
    return PageType(page.url, best, round(confidence, 2))


def _metadata_kinds(page: ParsedPage) -> Sequence[str]:
    kinds = []
    for item in items_of_type(page, set(_METADATA_TYPES)):
        for name in sorted(types_of(item)):
            kind = _METADATA_TYPES.get(name)
            if kind and kind not in kinds:
                kinds.append(kind)
    return kinds[:1]  # the page's first typed item says what the page is


def _structure_kind(page: ParsedPage, people: int, dated_news: int) -> str | None:
    """The type the page's content shows: people cards, dated headlines, contact details."""
    if dated_news >= 3 and dated_news >= people:
        return "news"
    if people >= 3:
        return "team"
    if page.tree is None:
        return None
    text = page.text
    has_form = page.tree.find(".//form") is not None
    if has_form and (_PHONE.search(text) or page.tree.find(".//address") is not None) \
            and len(text) < 6000:
        return "contact"
    if len(_PRODUCT_WORDS.findall(text)) >= 5:
        return "product"
    return None


def _word_kind(page: ParsedPage) -> str | None:
    """The type the URL path and the title name ("/our-team", "About us | Acme")."""
    path = path_of(page.url)
    if path in ("", "/") or re.fullmatch(r"/(index\.\w+|home|[a-z]{2}(-[a-z]{2})?/?)", path, re.I):
        return "home"
    return classify(page.url, page.title)
