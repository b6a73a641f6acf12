"""Meeting times as users type them: an IANA time-zone name, a date and a clock time.

One reading of a time zone for the panels, the CLI and the brief, so that a name one of
them accepts is never refused (or read differently) by another.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from infoview.errors import BadInput

#: What a mistyped time-zone name is told to look like.
ZONE_EXAMPLE = "an IANA name such as 'Europe/London' or 'America/New_York'"


def zone(name: str | None) -> ZoneInfo | None:
    """The time zone called ``name`` (``None`` for an empty name).

    Raises:
        BadInput: no time zone has that name.
    """
    name = (name or "").strip()
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise BadInput(f"unknown time zone {name!r}: use {ZONE_EXAMPLE}") from exc


def start_from_fields(day: date | None, clock: time | None, zone_name: str | None,
                      *, default_clock: time = time(10, 0)) -> datetime | None:
    """A meeting's start from a date, a clock time and a zone name, as a form gives them.

    No date means no start yet (``None``); no zone means the computer's own zone.
    """
    if day is None:
        return None
    when = datetime.combine(day, clock or default_clock)
    tz = zone(zone_name)
    return when.replace(tzinfo=tz) if tz is not None else when.astimezone()


def parse_start(text: str, zone_name: str | None = None, *, option: str = "--when",
                zone_option: str = "--timezone") -> datetime:
    """A meeting's start from ISO text (``2026-12-01T10:00``, with or without an offset).

    Args:
        text: the start as typed.
        zone_name: the zone of a start without an offset.
        option, zone_option: the names of the fields, for the error messages.

    Raises:
        BadInput: the text is not an ISO date-time, the zone is unknown, or neither the
            text nor ``zone_name`` says which zone the time is in.
    """
    tz = zone(zone_name)
    try:
        start = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise BadInput(f"cannot read {option} {text!r}: use e.g. {option} 2026-12-01T10:00 "
                       f"{zone_option} Europe/London") from exc
    if start.tzinfo is None:
        if tz is None:
            raise BadInput(f"{option} has no UTC offset: add {zone_option} (e.g. Europe/London)")
        start = start.replace(tzinfo=tz)
    return start


def in_zone(moment: datetime, zone_name: str | None) -> datetime:
    """``moment`` shown in the named zone (unchanged when there is none)."""
    tz = zone(zone_name)
    return moment.astimezone(tz) if tz is not None else moment
