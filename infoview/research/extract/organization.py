"""A company's name, description, industry, location and founding year from one page.

Embedded metadata is trusted first (schema.org Organization, then OpenGraph and meta tags),
the page's own words second ("founded in 2015", "based in Bristol", "is a digital-health
company"). Each value is returned with the URL of the page it came from.
"""

from __future__ import annotations

import re

from infoview.research.extract.address import place_in_lines
from infoview.research.extract.metadata import (
    ORG_TYPES,
    items_of_type,
    opengraph,
    place_of,
    value,
)
from infoview.research.extract.page import ParsedPage, clean
from infoview.research.extract.sitename import brand_of, name_from_title, site_label

__all__ = ["FIELDS", "organization_facts", "name_from_title", "site_label"]

FIELDS = ("name", "description", "industry", "location", "founded")

_FOUNDED = re.compile(
    r"\b(?:founded|established|started|set up|launched|incorporated|formed)\b[^.\n]{0,40}?"
    r"\b(?:in\s+)?((?:18|19|20)\d{2})\b", re.I)
_SINCE = re.compile(r"\b(?:since|est\.?|established)\s+((?:18|19|20)\d{2})\b", re.I)
# spaces, not newlines, between the words of a place: a heading on the next line is not a town
_LOCATION = re.compile(
    r"\b(?:based|headquartered|located|HQ'?d)[ \t]+in[ \t]+((?:the[ \t]+)?[A-Z][\w'’-]+"
    r"(?:(?:,[ \t]*|[ \t]+)(?:[A-Z][\w'’-]+|UK|USA|US)){0,4})")
# the subject must be a name ("Quayside Analytics is a ...") or "we": "as a condition of doing
# business" and "X is a good fit for our company" say nothing about the company's trade
_INDUSTRY = re.compile(
    r"(?:\b[Ww]e\s+are|\b[Ww]e're|\b[A-Z][\w'’.&-]*\s+(?:is|are))\s+an?\s+((?:[\w-]+\s+){0,3}?[\w-]+)\s+"
    r"(company|firm|agency|studio|consultancy|start-?up|business|provider|manufacturer|"
    r"practice|lab|laboratory|charity|cooperative|co-operative|platform|workshop|"
    r"organisation|organization|enterprise|collective)\b", re.I)
_INDUSTRY_FILLER = re.compile(
    r"\b(small|large|leading|independent|growing|young|global|international|local|"
    r"award-winning|family-run|family-owned|member-owned|employee-owned|privately-held|"
    r"friendly|new|innovative|great|good|best|top|trusted|proven|premier|leading-edge|"
    r"full-service|dedicated|reliable|modern|complete|unified|powerful|revolutionary|"
    r"(?:[A-Z][\w-]*-based))\b\s*", re.I)


#: Words that show a phrase is not a trade ("member of the", "fit for our", "PCI Level 1").
_NOT_TRADE = re.compile(
    r"\b(the|of|for|our|your|their|any|to|in|on|with|by|more|most|very|you|we|it|this|that|"
    r"critical|distributed|intelligent|systematic|licensed|certified|cornerstone|member|"
    r"part|fit|way|lot|equal opportunity)\b|\d|https?:|www\.", re.I)


def organization_facts(page: ParsedPage, *, use_text: bool = True) -> dict[str, str]:
    """What ``page`` says about the company itself: ``{"name": ..., "founded": ...}``.

    Args:
        page: a parsed page of the company's site.
        use_text: also read the visible text when metadata lacks a field.

    Returns:
        Only the fields found; ``founded`` is a four-digit year.
    """
    found: dict[str, str] = {}
    orgs = items_of_type(page, ORG_TYPES)
    org = _main_org(orgs, page)
    if org:
        _put(found, "name", brand_of(value(org, "name", "legalName", "alternateName"), page))
        _put(found, "description", value(org, "description", "slogan"))
        industry = value(org, "industry", "knowsAbout", "additionalType")
        if industry and not industry.startswith(("http://", "https://")):  # a Wikidata link
            _put(found, "industry", industry)
        _put(found, "location", place_of(org.get("address")) or place_of(org.get("location"))
             or value(org, "areaServed"))
        founded = value(org, "foundingDate", "foundingYear")
        if founded:
            year = re.search(r"(?:18|19|20)\d{2}", founded)
            _put(found, "founded", year.group(0) if year else None)
        _put(found, "location", place_of(org.get("foundingLocation")))
    og = opengraph(page)
    _put(found, "name", brand_of(og.get("og:site_name") or page.meta("application-name"), page))
    _put(found, "description", og.get("og:description") or page.meta("description")
         or page.meta("twitter:description"))
    _put(found, "location", _og_location(og))
    if use_text:
        _from_text(page, found)
    return found


def _main_org(orgs: list[dict], page: ParsedPage | None = None) -> dict | None:
    """The organisation the page is about.

    The one whose name carries the site's host label or its ``og:site_name`` wins (a service
    page may describe its service as a ProfessionalService too); else the richest item.
    """
    if not orgs:
        return None
    label = site_label(page.url) if page is not None else ""
    site = (opengraph(page).get("og:site_name") or "").lower() if page is not None else ""

    def rank(org: dict) -> tuple[bool, int]:
        name = (value(org, "name", "legalName") or "").lower()
        named = bool(name) and ((len(label) > 2 and label in re.sub(r"[^a-z0-9]", "", name))
                                or (bool(site) and (site in name or name in site)))
        return named, sum(1 for k in org if not k.startswith("@"))

    return max(orgs, key=rank)


def _og_location(og: dict[str, str]) -> str | None:
    parts = [og.get(k) for k in ("og:locality", "og:region", "og:country-name",
                                 "business:contact_data:locality",
                                 "business:contact_data:country_name")]
    return ", ".join(dict.fromkeys(p for p in parts if p)) or None


def _from_text(page: ParsedPage, found: dict[str, str]) -> None:
    text = page.text
    if not text:
        return
    if "founded" not in found:
        match = _FOUNDED.search(text) or _SINCE.search(text)
        _put(found, "founded", match.group(1) if match else None)
    if "location" not in found:
        _put(found, "location", _based_in(text) or place_in_lines(page.lines))
    if "industry" not in found:
        for match in _INDUSTRY.finditer(text):
            words = _INDUSTRY_FILLER.sub("", match.group(1)).strip()
            if words and not _NOT_TRADE.search(words):
                _put(found, "industry", words)
                break


def _based_in(text: str) -> str | None:
    """The place of the first "based in ..." said of the company itself: not of the
    reader ("your business will be based in"), nor of someone's office ("based in
    Protiviti's Orlando office")."""
    for match in _LOCATION.finditer(text):
        place = match.group(1).removeprefix("the ").strip(" ,")
        sentence = re.split(r"[.!?\n]\s", text[max(0, match.start() - 200):match.start()])[-1]
        if re.search(r"['’]s\b", place) or re.search(r"\b(you|your)\b", sentence, re.I):
            continue
        return place
    return None


def _put(found: dict[str, str], key: str, raw: str | None) -> None:
    if key not in found and raw:
        text = clean(raw)
        if text:
            found[key] = text
