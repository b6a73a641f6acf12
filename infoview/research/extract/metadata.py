"""Embedded metadata: JSON-LD, microdata and OpenGraph, read with extruct from the shared tree.

Only the three syntaxes research uses are extracted (all syntaxes is several times slower),
and a malformed JSON-LD block is skipped with a warning, so one broken script does not
cost the rest of the page. Items are flattened (``@graph``, nested ``employee`` lists)
so that callers can look for a type without walking the structure themselves.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

from infoview.research.extract.page import ParsedPage, clean

log = logging.getLogger(__name__)

SYNTAXES = ["json-ld", "microdata", "opengraph"]

#: schema.org types that describe a company or institution.
ORG_TYPES = {
    "organization", "corporation", "localbusiness", "ngo", "educationalorganization",
    "medicalorganization", "governmentorganization", "professionalservice", "store",
    "onlinebusiness", "researchorganization", "newsmediaorganization", "sportsorganization",
    "performinggroup", "library", "airline", "consortium", "fundingscheme", "workersunion",
}


def embedded_metadata(page: ParsedPage) -> dict[str, list[dict[str, Any]]]:
    """Embedded metadata of ``page``: ``{"json-ld": [...], "microdata": [...], "opengraph": [...]}``.

    JSON-LD is read block by block here, because extruct drops every block of a page when
    one is malformed; microdata and OpenGraph come from extruct over the shared tree.
    Returns empty lists for a page without a tree.
    """
    data: dict[str, list[dict[str, Any]]] = {s: [] for s in SYNTAXES}
    if page.tree is None:
        return data
    data["json-ld"] = _json_ld(page)
    import extruct

    try:
        found = extruct.extract(page.tree, base_url=page.url, syntaxes=["microdata", "opengraph"],
                                errors="log", uniform=True)
    except Exception as exc:  # extruct raises many kinds on odd markup; never fatal
        log.info("embedded metadata of %s unreadable: %s", page.url, exc)
        page.warnings.append(f"{page.url}: microdata or OpenGraph tags could not be read")
        return data
    for syntax in ("microdata", "opengraph"):
        data[syntax] = list(found.get(syntax) or [])
    return data


def _json_ld(page: ParsedPage) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for script in page.tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (script.text or "").strip()
        if raw.startswith("<!--"):
            raw = raw.removeprefix("<!--").removesuffix("-->")
        if not raw:
            continue
        try:
            parsed = json.loads(raw, strict=False)  # strict=False: raw newlines in strings
        except RecursionError:
            page.warnings.append(f"{page.url}: a JSON-LD block nested absurdly deep was skipped")
            continue
        except ValueError:
            page.warnings.append(f"{page.url}: a malformed JSON-LD block was skipped")
            continue
        parsed = _pruned(parsed, _MAX_DEPTH)
        items += [p for p in (parsed if isinstance(parsed, list) else [parsed]) if isinstance(p, dict)]
    return items


#: JSON-LD levels kept: real markup nests a handful (a Person in an Organization's
#: ``employee`` list in a ``@graph``); every reader below recurses, so deeper data is cut.
_MAX_DEPTH = 12


def _pruned(data: Any, depth: int) -> Any:
    """``data`` with lists and objects below ``depth`` levels replaced by ``None``."""
    if not isinstance(data, (dict, list)):
        return data
    if depth <= 0:
        return None
    if isinstance(data, list):
        return [_pruned(v, depth - 1) for v in data]
    return {k: _pruned(v, depth - 1) for k, v in data.items()}


def types_of(item: dict[str, Any]) -> set[str]:
    """The lower-cased schema.org type names of an item (``"schema:Person"`` → ``"person"``)."""
    raw = item.get("@type") or []
    if isinstance(raw, str):
        raw = [raw]
    return {str(t).rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for t in raw if t}


#: Keys under which an item credits someone other than its subject: the author of a review
#: or an article, a publisher. A Person found there is not who (or what) the page is about.
CREDIT_KEYS = frozenset({
    "author", "creator", "reviewedBy", "contributor", "editor", "publisher", "review",
    "reviews", "comment", "accountablePerson", "copyrightHolder", "sdPublisher", "maintainer",
    "translator", "itemReviewed",
})


def iter_items(page: ParsedPage, skip: frozenset[str] = frozenset()) -> Iterator[dict[str, Any]]:
    """Every JSON-LD and microdata item of the page, nested items included.

    Args:
        page: the parsed page.
        skip: keys whose nested items are left out (e.g. :data:`CREDIT_KEYS`).
    """
    for syntax in ("json-ld", "microdata"):
        for item in page.metadata.get(syntax, []):
            yield from _walk(item, 0, skip)


def _walk(item: Any, depth: int, skip: frozenset[str]) -> Iterator[dict[str, Any]]:
    if depth > 6:  # guards against absurdly deep or cyclic-looking data
        return
    if isinstance(item, list):
        for sub in item:
            yield from _walk(sub, depth + 1, skip)
        return
    if not isinstance(item, dict):
        return
    if "@type" in item:
        yield item
    for key, value in item.items():
        if (key.startswith("@") and key != "@graph") or key in skip:
            continue
        if isinstance(value, (dict, list)):
            yield from _walk(value, depth + 1, skip)


def items_of_type(page: ParsedPage, wanted: set[str], *,
                  subjects_only: bool = False) -> list[dict[str, Any]]:
    """Items whose type is in ``wanted`` (lower-case names).

    Args:
        page: the parsed page.
        wanted: lower-case schema.org type names.
        subjects_only: leave out items credited as the author, reviewer or publisher of
            another item, nested or linked by ``@id`` (a review's author is a customer,
            a blog post's author is not the page's subject).
    """
    if not subjects_only:
        return [item for item in iter_items(page) if types_of(item) & wanted]
    credited = _credited_ids(page)
    return [item for item in iter_items(page, CREDIT_KEYS)
            if types_of(item) & wanted and item.get("@id") not in credited]


def _credited_ids(page: ParsedPage) -> set[str]:
    """The ``@id`` of items referred to under a credit key (``"author": {"@id": ...}``).

    An item that is also a page's ``mainEntity`` or ``about`` stays a subject: a personal
    site's profile page is both about its owner and written by them.
    """
    def refs(keys: set[str]) -> set[str]:
        ids: set[str] = set()
        for item in iter_items(page):
            for key in keys & set(item):
                for ref in item[key] if isinstance(item[key], list) else [item[key]]:
                    if isinstance(ref, dict) and isinstance(ref.get("@id"), str):
                        ids.add(ref["@id"])
        return ids

    return refs(set(CREDIT_KEYS)) - refs({"mainEntity", "about"})


def value(item: dict[str, Any] | None, *keys: str) -> str | None:
    """The first non-empty text value among ``keys`` of ``item`` (names of nested items too)."""
    if not item:
        return None
    for key in keys:
        text = as_text(item.get(key))
        if text:
            return text
    return None


def as_text(raw: Any) -> str | None:
    """A metadata value as one clean string: lists give their first item, objects their name."""
    if isinstance(raw, list):
        for sub in raw:
            text = as_text(sub)
            if text:
                return text
        return None
    if isinstance(raw, dict):
        return as_text(raw.get("name") or raw.get("@value") or raw.get("value"))
    if raw is None or isinstance(raw, bool):
        return None
    return clean(str(raw)) or None


def place_of(raw: Any) -> str | None:
    """A readable place from a schema.org address or place ("Bristol, United Kingdom")."""
    if isinstance(raw, list):
        raw = raw[0] if raw else None
    if isinstance(raw, str):
        return clean(raw) or None
    if not isinstance(raw, dict):
        return None
    if "address" in raw and isinstance(raw["address"], (dict, list, str)):
        found = place_of(raw["address"])
        if found:
            return found
    parts = [as_text(raw.get(k)) for k in ("addressLocality", "addressRegion", "addressCountry")]
    named = [p for p in parts if p]
    if named:
        # "Bristol, Bristol" happens when locality and region repeat each other
        return ", ".join(dict.fromkeys(named))
    return as_text(raw.get("name"))


def opengraph(page: ParsedPage) -> dict[str, str]:
    """OpenGraph properties as a flat dict (``{"og:title": ..., "og:site_name": ...}``)."""
    merged: dict[str, str] = {}
    for item in page.metadata.get("opengraph", []):
        for key, raw in item.items():
            if key.startswith("@"):
                continue
            text = as_text(raw)
            if text and key not in merged:
                merged[key] = text
    return merged


def same_as(item: dict[str, Any] | None) -> list[str]:
    """The ``sameAs`` URLs of an item (social profiles, usually)."""
    if not item:
        return []
    raw = item.get("sameAs") or []
    if isinstance(raw, str):
        raw = [raw]
    return [u for u in raw if isinstance(u, str) and u.startswith(("http://", "https://"))]
