"""Calendar files (iCalendar, RFC 5545) for meetings and due actions, built with icalendar.

Time zones come from zoneinfo; the VTIMEZONE blocks calendar programs need are added by
icalendar itself. UIDs are stable (derived from the meeting or action), so importing a
newer file updates the event instead of duplicating it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from infoview import __version__

PRODID = f"-//infoview//infoview {__version__}//EN"


def new_calendar():
    """An empty ``VCALENDAR`` with this program's identity."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    return cal


def make_event(*, uid: str, summary: str, start: datetime | date, end: datetime | date | None = None,
               description: str | None = None, location: str | None = None,
               url: str | None = None, alarm_minutes: int | None = None, stamp: datetime | None = None):
    """One ``VEVENT``; a whole-day event when ``start`` is a ``date``.

    Args:
        alarm_minutes: adds a display ``VALARM`` this many minutes before the start.
        stamp: the ``DTSTAMP`` (defaults to now, UTC).
    """
    from icalendar import Alarm, Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp or datetime.now(UTC))
    event.add("summary", summary)
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    if alarm_minutes is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", timedelta(minutes=-alarm_minutes))
        event.add_component(alarm)
    return event


def calendar_bytes(cal) -> bytes:
    """The calendar as iCalendar bytes, with the time zone definitions its events use.

    The definitions cover a year either side of the events only, which keeps the file
    small (the library's default spans 1970-2038).
    """
    days = [_as_date(c.decoded("dtstart")) for c in cal.walk("VEVENT") if c.get("dtstart")]
    if days:
        cal.add_missing_timezones(first_date=min(days) - timedelta(days=366),
                                  last_date=max(days) + timedelta(days=366))
    return cal.to_ical()


def _as_date(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value
