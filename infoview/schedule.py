"""When a meeting is, relative to now: the one rule the debrief (and anything else that asks
"has this meeting happened yet?") uses.

A start time without a zone is read as the computer's own local time, the way the panels
store a time typed without a zone.
"""

from __future__ import annotations

from datetime import UTC, datetime


def aware(moment: datetime) -> datetime:
    """``moment`` with a time zone (a naive one is taken as local time)."""
    return moment if moment.tzinfo is not None else moment.astimezone()


def starts_in_future(starts_at: datetime | None, now: datetime | None = None) -> bool:
    """Whether a meeting starting at ``starts_at`` has not begun yet at ``now``.

    A meeting without a start time is not in the future: nothing says it has not happened.

    Args:
        starts_at: the meeting's start, or ``None``.
        now: the moment to compare with (default: the current time).
    """
    if starts_at is None:
        return False
    now = aware(now) if now is not None else datetime.now(UTC)
    return aware(starts_at) > now


def describe_start(starts_at: datetime, zone: str | None = None) -> str:
    """``Tue 1 Dec 2026, 14:30`` in the meeting's own zone (else the computer's)."""
    moment = aware(starts_at)
    if zone:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            moment = moment.astimezone(ZoneInfo(zone))
        except (ZoneInfoNotFoundError, ValueError):
            moment = moment.astimezone()
    else:
        moment = moment.astimezone()
    return f"{moment:%a} {moment.day} {moment:%b %Y, %H:%M}"
