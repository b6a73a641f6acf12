"""A person's name, title, organization, location, bio and links from a bio or profile page.

Sources in order of trust: schema.org Person (JSON-LD or microdata), an h-card microformat
(read with mf2py, only when the page has one), OpenGraph and meta tags, then the page's
headings and prose ("Samira is a Senior UX Researcher at Kestrel Health Labs").

A Person credited as the author of a review or an article is not the page's subject, and a
heading that merely reads like a name ("Stripe Payments") needs corroboration (see
:func:`vouched_name`): research on a product page gives no person rather than a wrong one.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from infoview.research.extract.links import page_links, social_network
from infoview.research.extract.metadata import (
    as_text,
    items_of_type,
    opengraph,
    place_of,
    same_as,
    value,
)
from infoview.research.extract.page import ParsedPage, clean, text_of
from infoview.research.extract.people import looks_like_name, looks_like_title

log = logging.getLogger(__name__)

FIELDS = ("name", "title", "organization", "location", "bio")
_ROLE_AT = re.compile(
    r"\b(?:is|am|I'm|as|works as)\s+(?:an?\s+|the\s+)?(?P<title>[A-Z][\w&/,' -]{2,80}?)\s+(?:at|for|with)\s+"
    r"(?P<org>(?:[A-Z][\w&'.-]*)(?:\s+(?:[A-Z][\w&'.-]*|of|and|&))*)")
#: Pronouns of a page about one person, and of a page that speaks for an organisation.
_PERSONAL = re.compile(r"\b(I|I'm|I’m|my|me|he|she|his|her|him)\b")
_CORPORATE = re.compile(r"\b(we|our|us)\b", re.I)
_BASED = re.compile(r"\b(?:based|lives|living|located)[ \t]+in[ \t]+"
                    r"(?P<place>[A-Z][\w'-]+(?:,?[ \t]+[A-Z][\w'-]+){0,4})")  # not across lines


def person_facts(page: ParsedPage) -> tuple[dict[str, str], dict[str, str]]:
    """What ``page`` says about the person it presents.

    Returns:
        ``(fields, links)``: fields among name, title, organization, location, bio; links as
        ``{"linkedin": url, "website": url, ...}``.
    """
    fields: dict[str, str] = {}
    links: dict[str, str] = {}
    persons = items_of_type(page, {"person"}, subjects_only=True)
    person = max(persons, key=len) if persons else None
    if person:
        _put(fields, "name", value(person, "name"))
        _put(fields, "title", value(person, "jobTitle", "roleName"))
        _put(fields, "organization", value(person, "worksFor", "affiliation", "memberOf"))
        _put(fields, "location", place_of(person.get("address")) or place_of(person.get("homeLocation"))
             or value(person, "workLocation"))
        _put(fields, "bio", value(person, "description"))
        _add_links(links, same_as(person))
        _add_links(links, [u for u in [as_text(person.get("url"))] if u], website=True)
    _from_hcard(page, fields, links)
    og = opengraph(page)
    first, last = og.get("profile:first_name"), og.get("profile:last_name")
    _put(fields, "name", clean(f"{first} {last}") if first and last else None)
    _put(fields, "bio", og.get("og:description") or page.meta("description"))
    og_name = (og.get("og:title") or "").split(" - ")[0].split(" | ")[0]
    if looks_like_name(og_name) and vouched_name(page, og_name, og):
        _put(fields, "name", og_name)
    _from_text(page, fields, og)
    if fields.get("name"):
        _put(fields, "title", _title_beside(page.title, fields["name"]))
    _add_links(links, [link.url for link in page_links(page)])
    return fields, links


def _from_hcard(page: ParsedPage, fields: dict[str, str], links: dict[str, str]) -> None:
    if page.tree is None or not page.tree.xpath("//*[contains(concat(' ', @class, ' '), ' h-card ')]"):
        return  # mf2py re-parses the page: only pay for it when there is a card
    import mf2py

    try:
        parsed = mf2py.parse(doc=page.body.decode(page.encoding or "utf-8", "replace"),
                             url=page.url, html_parser="lxml")
    except Exception as exc:  # mf2py raises assorted errors on broken markup
        log.info("h-card of %s unreadable: %s", page.url, exc)
        return
    cards = [i for i in parsed.get("items", []) if "h-card" in i.get("type", [])]
    if not cards:
        return
    props: dict[str, Any] = cards[0].get("properties", {})

    def first(key: str) -> str | None:
        raw = props.get(key) or []
        item = raw[0] if raw else None
        if isinstance(item, dict):
            item = item.get("value") or (item.get("properties", {}).get("name") or [None])[0]
        return clean(str(item)) if item else None

    _put(fields, "name", first("name"))
    _put(fields, "title", first("job-title") or first("role"))
    _put(fields, "organization", first("org"))
    place = ", ".join(p for p in (first("locality"), first("region"), first("country-name")) if p)
    _put(fields, "location", place or first("adr"))
    _put(fields, "bio", first("note"))
    _add_links(links, [u for u in props.get("url", []) if isinstance(u, str)], website=True)


def _title_beside(page_title: str, name: str) -> str | None:
    """The job title a page's ``<title>`` pairs with the name ("Jane Doe | Grant Writer")."""
    parts = [clean(p) for p in re.split(r"\s[|–—:·-]\s", page_title)]
    if (len(parts) > 1 and parts[0].lower() == name.lower() and looks_like_title(parts[1])
            and not re.match(r"(the|an?|your|our)\b", parts[1], re.I)):  # "the code editor"
        return parts[1]
    return None


def vouched_name(page: ParsedPage, name: str, og: dict[str, str]) -> bool:
    """Whether a heading or page title that reads like a name is a person the page presents.

    "Stripe Payments" and "Dental Care" read like names too. Without structured data, a name
    is believed when the page says it is a profile (``og:type``), when the page's title pairs
    it with a job title ("Jane Doe | Resume Writer"), or when the prose speaks of a person
    ("I", "she", "his" outnumber "we" and "our") and no word of the name is the site's brand.
    """
    if og.get("og:type", "").lower() == "profile":
        return True
    if _title_beside(page.title, name) or _title_beside(og.get("og:title") or "", name):
        return True
    others = " ".join(re.split(r"\s[|–—:·-]\s", page.title)[1:] + [og.get("og:site_name") or ""])
    if any(re.search(rf"\b{re.escape(w)}\b", others, re.I) for w in name.split()):
        return False
    personal = len(_PERSONAL.findall(page.text))
    return personal >= 2 and personal > len(_CORPORATE.findall(page.text))


def _from_text(page: ParsedPage, fields: dict[str, str], og: dict[str, str]) -> None:
    if page.tree is None:
        return
    h1 = page.tree.find(".//h1")
    heading = text_of(h1) if h1 is not None else ""
    if looks_like_name(heading):
        # the line under the name is often the title: <h1>Name</h1><p>Title, Org</p>
        after = h1.getnext()
        line = text_of(after) if after is not None else ""
        titled = bool(line) and looks_like_title(line.split(",")[0]) and len(line) < 120
        if titled or vouched_name(page, heading, og):
            _put(fields, "name", heading)
        if titled:
            _put(fields, "title", line.split(",")[0].split(" at ")[0])
            rest = re.split(r",| at ", line, maxsplit=1)
            if len(rest) > 1:
                _put(fields, "organization", rest[1])
    text = page.text
    match = _ROLE_AT.search(text)
    if match and looks_like_title(match["title"]):
        _put(fields, "title", match["title"])
        _put(fields, "organization", match["org"])
    match = _BASED.search(text)
    if match:
        _put(fields, "location", match["place"])
    if "bio" not in fields:
        paragraphs = [text_of(p) for p in page.tree.iter("p")]
        long = [p for p in paragraphs if len(p) > 80]
        _put(fields, "bio", " ".join(long[:2])[:800] if long else None)


def _add_links(links: dict[str, str], urls: list[str], website: bool = False) -> None:
    for url in urls:
        network = social_network(url)
        if network:
            links.setdefault(network, url)
        elif website and url.startswith(("http://", "https://")):
            links.setdefault("website", url)


def _put(fields: dict[str, str], key: str, raw: str | None) -> None:
    if key not in fields and raw:
        text = clean(raw).strip(" ,")
        if key != "bio":
            text = text.rstrip(".")
        if text:
            fields[key] = text
