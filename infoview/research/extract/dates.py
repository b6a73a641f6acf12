"""Dates as news pages write them: ISO, "March 3, 2025", "3rd March 2025", "the third of
March 2025", or inside the URL (``/2025/03/03/``).

A small set of patterns rather than a general date parser: a listing page holds many
numbers and a general parser finds "dates" in prices and phone numbers; these patterns only
accept a day, a month name and a four-digit year written together (or an ISO date), which
is how news dates are written in practice.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: i
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for name in names
}
_ORDINAL_WORDS = {
    w: i for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split(), start=1)
}
_ORDINAL_WORDS.update({f"twenty-{w}": 20 + i for w, i in list(_ORDINAL_WORDS.items())[:9]})
_ORDINAL_WORDS.update({"thirtieth": 30, "thirty-first": 31})

_MONTH = (r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_WORDDAY = r"(?P<wday>(?:twenty-|thirty-)?[a-z]+?(?:st|nd|rd|th))"
_YEAR = r"(?P<year>(?:19|20)\d{2})"

_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH}\s+(?:the\s+)?{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b(?:the\s+)?{_WORDDAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_MONTH}\s+(?:the\s+)?{_WORDDAY},?\s+{_YEAR}\b", re.I),
]
_URL_DATE = re.compile(r"/(?P<year>(?:19|20)\d{2})[/-](?P<mnum>\d{1,2})(?:[/-](?P<day>\d{1,2}))?(?=[/-]|$)")


def find_date(text: str) -> str | None:
    """The first date written in ``text``, as ``YYYY-MM-DD``, else ``None``."""
    best: tuple[int, str] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text or ""):
            found = _to_iso(match.groupdict())
            if found and (best is None or match.start() < best[0]):
                best = (match.start(), found)
                break
    return best[1] if best else None


def date_in_url(url: str) -> str | None:
    """A date written in a URL path (``/2025/03/03/`` or ``/2025-03-03-title``)."""
    match = _URL_DATE.search(url.split("?", 1)[0])
    if not match:
        return None
    parts = match.groupdict()
    parts["day"] = parts.get("day") or "1"
    return _to_iso(parts)


def url_date_has_day(url: str) -> bool:
    """Whether the date in a URL names its day (``/2025/03/03/``), not only a month."""
    match = _URL_DATE.search(url.split("?", 1)[0])
    return bool(match and match["day"])


def _to_iso(parts: dict[str, str | None]) -> str | None:
    try:
        year = int(parts["year"] or 0)
        if parts.get("mnum"):
            month = int(parts["mnum"] or 0)
        else:
            month = _MONTHS.get((parts.get("month") or "").lower().rstrip("."), 0)
        if parts.get("wday"):
            day = _ORDINAL_WORDS.get((parts["wday"] or "").lower(), 0)
        else:
            day = int(parts.get("day") or 0)
        return date(year, month, day).isoformat()
    except (ValueError, TypeError):
        return None


def iso_date(raw: str | None) -> str | None:
    """A ``datetime`` attribute or metadata date (``2025-03-03T10:00Z``) as ``YYYY-MM-DD``."""
    if not raw:
        return None
    match = re.match(r"\s*((?:19|20)\d{2})-(\d{2})-(\d{2})", raw)
    if match:
        return _to_iso({"year": match[1], "mnum": match[2], "day": match[3]})
    return find_date(raw)
