"""Business days for the 3B7 routine: weekdays that are not public holidays of the user's
region, counted on the user's own calendar (their time zone), not in UTC.

A *region* is a country (``DE``), or a country and one of its subdivisions as the
``holidays`` package names them (``GB-ENG``, ``GB-SCT``, ``US-CA``). Names work too
("England", "Scotland", "California", "Germany"). England and Scotland keep different
holidays (Easter Monday and the late-August bank holiday are England's, Saint Andrew's Day
Scotland's), so ``GB`` alone is read as England, where most of the United Kingdom lives;
``GB-SCT``, ``GB-WLS`` and ``GB-NIR`` choose the others. Any other country given alone
gets its national holidays only.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from infoview.errors import BadInput
from infoview.text import words

#: Countries whose public holidays all differ by subdivision, and the one read when the
#: country is given alone.
DEFAULT_SUBDIVISIONS: dict[str, str] = {"GB": "ENG"}


@dataclass(frozen=True)
class Region:
    """A holiday region: a country code and, when chosen, one of its subdivisions."""

    country: str
    subdiv: str | None = None

    @property
    def code(self) -> str:
        """``GB-ENG``, or ``DE`` for a country alone."""
        return f"{self.country}-{self.subdiv}" if self.subdiv else self.country

    def __str__(self) -> str:
        return self.code


@cache
def _countries() -> dict[str, tuple[str, ...]]:
    """Two-letter country codes (ISO 3166-1, not the package's other aliases) to their
    subdivision codes."""
    import holidays
    from holidays import registry

    primary = {entry[1] for entry in registry.COUNTRIES.values()}
    return {code: tuple(subdivs) for code, subdivs in holidays.list_supported_countries().items()
            if code in primary}


@cache
def _aliases(country: str) -> dict[str, str]:
    """Subdivision names of a country, folded, to their codes (``"england": "ENG"``)."""
    import holidays

    calendar = holidays.country_holidays(country)
    aliases = getattr(calendar, "subdivisions_aliases", None) or {}
    return {words(name): code for name, code in aliases.items()}


@cache
def _country_names() -> dict[str, str]:
    """Country names, folded, to their codes (``"united kingdom": "GB"``)."""
    from holidays import registry

    return {words(module): entry[1] for module, entry in registry.COUNTRIES.items()}


def _subdivision(country: str, text: str) -> str | None:
    subdivs = _countries()[country]
    wanted = text.strip().upper()
    if wanted in subdivs:
        return wanted
    return _aliases(country).get(words(text))


def parse_region(text: str | Region | None) -> Region | None:
    """The region a user typed (``GB-ENG``, ``gb``, ``Scotland``, ``US-NY``), or ``None``
    for an empty text.

    Raises:
        BadInput: no such country or subdivision; the message says what to type.
    """
    if text is None or isinstance(text, Region):
        return text
    text = str(text).strip()
    if not text:
        return None
    countries = _countries()
    head, sep, tail = text.replace("_", "-").partition("-")
    code = head.strip().upper()
    if code in countries and len(code) == 2:
        if not sep or not tail.strip():
            return Region(code, DEFAULT_SUBDIVISIONS.get(code))
        subdiv = _subdivision(code, tail)
        if subdiv is None:
            shown = ", ".join(countries[code][:12]) + (" ..." if len(countries[code]) > 12 else "")
            raise BadInput(f"{tail.strip()!r} is not a region of {code}: use one of {shown}")
        return Region(code, subdiv)
    folded = words(text)
    if folded in _country_names():
        found = _country_names()[folded]
        return Region(found, DEFAULT_SUBDIVISIONS.get(found))
    matches = sorted({Region(c, _aliases(c)[folded]) for c in countries if folded in _aliases(c)},
                     key=lambda r: r.code)
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise BadInput(f"{text!r} names a region in several countries "
                       f"({', '.join(r.code for r in matches)}): give the code")
    raise BadInput(f"{text!r} is not a country or region with known public holidays: give a "
                   "code such as GB-ENG, GB-SCT, US-NY or DE, or a name such as Scotland")


def holiday_calendar(region: str | Region | None) -> Container[date]:
    """The public holidays of ``region`` (an empty container for ``None``)."""
    found = parse_region(region)
    if found is None:
        return frozenset()
    import holidays

    return holidays.country_holidays(found.country, subdiv=found.subdiv)


def is_business_day(day: date, calendar: Container[date] = frozenset()) -> bool:
    """Monday to Friday, and not in ``calendar`` (the region's public holidays)."""
    return day.weekday() < 5 and day not in calendar


def add_business_days(start: date, count: int, calendar: Container[date] = frozenset()) -> date:
    """The ``count``-th business day after ``start`` (``start`` itself is not counted)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        if is_business_day(day, calendar):
            count -= 1
    return day
