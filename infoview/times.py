"""Times and time zones: meeting times as users type them, and when a meeting is.

One reading of a time zone for the panels, the CLI, the brief and the follow-ups, so that
a name one of them accepts is never refused (or read differently) by another. The rules
for times as typed (decided for issue 18, and written in the README):

- a year outside 1900 to 2199 is refused (the store keeps no other);
- a clock time that the clocks skip in spring is refused, naming the time after the change;
  one that the clocks pass twice in autumn is the first of the two;
- a time with an offset and a zone named beside it must agree, or it is refused.

A stored time without a zone is read as the computer's own local time, the way the panels
store a time typed without a zone (:func:`aware`). This module sits at the bottom of the
layers: it imports only the errors and the models' range of years.
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, time, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from infoview.errors import BadInput
from infoview.models import EARLIEST, LATEST_DATE

#: What a mistyped time-zone name is told to look like.
ZONE_EXAMPLE = "an IANA name such as 'Europe/London' or 'America/New_York'"


def _zone_key(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).casefold()


@functools.cache
def _zones_by_city() -> dict[str, tuple[str, ...]]:
    """Every IANA zone by its full name and by its city, both folded ("new york")."""
    from zoneinfo import available_timezones

    found: dict[str, set[str]] = {}
    for name in available_timezones():
        found.setdefault(_zone_key(name), set()).add(name)
        if "/" in name:
            found.setdefault(_zone_key(name.rsplit("/", 1)[1]), set()).add(name)
    return {key: tuple(sorted(names)) for key, names in found.items()}


def zone_name(name: str | None) -> str | None:
    """The IANA name of the time zone ``name`` means: the name itself, the name typed in
    another case, or a city that names exactly one zone ("Berlin", "new york": a user
    knows their city, not the IANA list). ``None`` for an empty name.

    Raises:
        BadInput: no zone has that name, or several zones have that city (they are named).
    """
    name = (name or "").strip()
    if not name:
        return None
    try:
        ZoneInfo(name)
        return name
    except (ZoneInfoNotFoundError, ValueError):
        pass
    matches = _zones_by_city().get(_zone_key(name), ())
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise BadInput(f"several time zones are called {name!r}: "
                       f"{', '.join(matches)}; type the one you mean")
    raise BadInput(f"unknown time zone {name!r}: use a city such as 'Berlin' or "
                   f"{ZONE_EXAMPLE}")


def zone(name: str | None) -> ZoneInfo | None:
    """The time zone called ``name`` (``None`` for an empty name): an IANA name, or a city
    naming one zone (see :func:`zone_name`).

    Raises:
        BadInput: no time zone has that name, or several have that city.
    """
    resolved = zone_name(name)
    return None if resolved is None else ZoneInfo(resolved)


def zone_or_local(name: str | None) -> tzinfo:
    """The time zone called ``name``, else (no name) the computer's own.

    Raises:
        BadInput: no time zone has that name.
    """
    return zone(name) or datetime.now().astimezone().tzinfo or UTC


def user_tz(name: str | None) -> tzinfo:
    """The user's time zone (About me's ``name``), else the computer's: where every time
    shown to the user is read. A name stored before it was checked, and no longer valid,
    falls back to the computer's zone rather than stopping a page."""
    try:
        return zone_or_local(name)
    except BadInput:
        return zone_or_local(None)


def shown_in(moment: datetime, tz: tzinfo | None = None) -> datetime:
    """``moment`` on the user's clock: in ``tz`` (their zone), else the computer's; a naive
    moment is read as the computer's local time (see :func:`aware`)."""
    moment = aware(moment)
    return moment.astimezone(tz) if tz is not None else moment.astimezone()


def zone_label(tz: tzinfo, moment: datetime | None = None) -> str:
    """How a time zone is named to the user: its name ("Europe/Berlin"), else what its
    clocks are called at ``moment`` ("CET", "UTC"), else its offset ("+05:30")."""
    at = (moment or datetime.now(UTC)).astimezone(tz)
    return getattr(tz, "key", None) or at.tzname() or _offset(at)


def local_day(moment: datetime, tz: tzinfo) -> date:
    """The calendar day ``moment`` falls on in ``tz`` (a naive moment is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(tz).date()


def check_year(day: date, what: str) -> None:
    """Refuse a day outside the years the store keeps (1900 to 2199): a typed year 1 or
    20266 is a typo, and times near the ends of the calendar cannot change zones."""
    if not EARLIEST <= day <= LATEST_DATE:
        raise BadInput(f"{what}: the year {day.year} is outside {EARLIEST.year} to "
                       f"{LATEST_DATE.year}; check the date")


def localize(wall: datetime, tz: tzinfo, what: str) -> datetime:
    """A clock time as read on a wall in ``tz`` (``wall`` is naive).

    A time the clocks skip (``2026-03-29T01:30`` in Europe/London, when 01:00 becomes
    02:00) never happens: it is refused, naming the time it would have to be. A time the
    clocks pass twice (01:30 on the night summer time ends) is the first of the two.

    Raises:
        BadInput: the time does not exist in that zone.
    """
    check_year(wall.date(), what)
    first = wall.replace(tzinfo=tz, fold=0)
    back = first.astimezone(UTC).astimezone(tz)
    if back.replace(tzinfo=None) != wall:
        name = getattr(tz, "key", None) or str(tz)
        raise BadInput(f"{what}: {wall:%Y-%m-%d %H:%M} does not exist in {name} (the clocks "
                       f"go forward that night); give the time after the change, "
                       f"e.g. {back:%H:%M}")
    return first


def parse_start(text: str, zone_name: str | None = None, *, option: str = "--when",
                zone_option: str = "--timezone", zone_given: bool = True) -> datetime:
    """A meeting's start from ISO text (``2026-12-01T10:00``, with or without an offset).

    Args:
        text: the start as typed.
        zone_name: the zone of a start without an offset.
        option, zone_option: the names of the fields, for the error messages.
        zone_given: the user named ``zone_name`` (rather than it being a stored default):
            a start with an offset must then agree with it.

    Raises:
        BadInput: the text is not an ISO date-time; the zone is unknown; neither the text
            nor ``zone_name`` says which zone the time is in; the year is outside 1900 to
            2199; the clock time does not exist in the zone (see :func:`localize`); or the
            text's offset contradicts the zone the user named.
    """
    tz = zone(zone_name)
    try:
        start = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise BadInput(f"cannot read {option} {text!r}: use e.g. {option} 2026-12-01T10:00 "
                       f"{zone_option} Europe/London") from exc
    check_year(start.date(), f"{option} {text.strip()}")
    if start.tzinfo is None:
        if tz is None:
            raise BadInput(f"{option} has no UTC offset: add {zone_option} (e.g. Europe/London)")
        return localize(start, tz, option)
    if tz is not None and zone_given:
        return agreeing(start, tz, f"{option} {text.strip()}", zone_option)
    return start  # an offset beats a zone that was only a default (the meeting's own)


def agreeing(start: datetime, tz: tzinfo, what: str, zone_option: str = "the time zone") -> datetime:
    """``start`` (with an offset) shown in ``tz``, which the user named beside it.

    Raises:
        BadInput: the offset is not the zone's offset at that moment: one of the two is a
            mistake, and guessing which would move the meeting by hours.
    """
    local = start.astimezone(tz)
    if local.utcoffset() != start.utcoffset():
        name = getattr(tz, "key", None) or str(tz)
        raise BadInput(f"{what} says UTC{_offset(start)} but {name} is at UTC{_offset(local)} "
                       f"then: give the offset or {zone_option}, not both")
    return local


def _offset(moment: datetime) -> str:
    delta = moment.utcoffset()
    minutes = int(delta.total_seconds() // 60) if delta is not None else 0
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def parse_day(text: str | None, option: str) -> date | None:
    """A day given as ``YYYY-MM-DD`` (``None`` for an empty value), within 1900 to 2199."""
    if not text or not text.strip():
        return None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError as exc:
        raise BadInput(f"{option} {text!r} is not a date: use YYYY-MM-DD") from exc
    check_year(day, f"{option} {text.strip()}")
    return day


def start_from_fields(day: date | None, clock: time | None, zone_name: str | None,
                      *, default_clock: time = time(10, 0)) -> datetime | None:
    """A meeting's start from a date, a clock time and a zone name, as a form gives them.

    No date means no start yet (``None``); no zone means the computer's own zone.

    Raises:
        BadInput: the year is outside 1900 to 2199, the zone is unknown, or the clock time
            does not exist in the zone (see :func:`localize`).
    """
    if day is None:
        return None
    when = datetime.combine(day, clock or default_clock)
    tz = zone(zone_name)
    if tz is None:
        check_year(day, "the date")
        return when.astimezone()
    return localize(when, tz, "the start")


def in_zone(moment: datetime, zone_name: str | None,
            fallback: tzinfo | None = None) -> datetime:
    """``moment`` shown in the named zone, else in ``fallback`` (the user's zone, from
    About me), else in the computer's own zone.

    The computer's zone is what :func:`start_from_fields` reads a time typed without a
    zone in; the store gives moments back in UTC, so showing them unchanged would put a
    meeting typed at 15:30 in Berlin back in its form at 14:30.
    """
    return shown_in(moment, zone(zone_name) or fallback)


def form_clock(moment: datetime) -> time:
    """The clock time a form's time box shows for ``moment`` (already in the zone the form
    names): whole minutes, with no zone.

    A browser's time box counts in minutes and shows nothing at all for 14:03:27, so a
    start saved with seconds (a debrief saved "now", a calendar import) would open its form
    with an empty time; the seconds are dropped, never rounded up past the real start.
    """
    return moment.time().replace(second=0, microsecond=0, tzinfo=None)


def aware(moment: datetime) -> datetime:
    """``moment`` with a time zone (a naive one is taken as local time)."""
    return moment if moment.tzinfo is not None else moment.astimezone()


def starts_in_future(starts_at: datetime | None, now: datetime | None = None) -> bool:
    """Whether a meeting starting at ``starts_at`` has not begun yet at ``now``: the one rule
    the debrief (and anything else that asks "has this meeting happened yet?") uses.

    A meeting without a start time is not in the future: nothing says it has not happened.

    Args:
        starts_at: the meeting's start, or ``None``.
        now: the moment to compare with (default: the current time).
    """
    if starts_at is None:
        return False
    now = aware(now) if now is not None else datetime.now(UTC)
    return aware(starts_at) > now


def day_words(day: date, *, year: bool = True) -> str:
    """A day as people read it, the one style of the app, the CLI and the documents:
    "Mon 7 Dec 2026" (no leading zero). ``year=False`` gives "Mon 7 Dec", for a page that
    leaves out the year of days in the current one, always by the same rule. Machine
    formats (ISO dates in JSON, calendar files) are not written with this."""
    words = f"{day:%a} {day.day} {day:%b}"
    return f"{words} {day.year}" if year else words


def stored_day(value: object, tz: tzinfo | None = None) -> str:
    """:func:`day_words` of a day as records keep it: a ``date``, a ``datetime`` or their
    ISO text ("2026-12-03", "2026-12-03T09:30:00+00:00"). A moment falls on its day in
    ``tz`` (the user's) when one is given. Nothing gives ``""``; text that is no day
    (a news item dated "March 2026") is given back as it is."""
    if value is None or value == "":
        return ""
    moment: date
    if isinstance(value, date):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        except ValueError:
            return str(value)
    if isinstance(moment, datetime) and tz is not None and moment.tzinfo is not None:
        moment = moment.astimezone(tz)
    return day_words(moment)


def describe_start(starts_at: datetime, zone_name: str | None = None,
                   fallback: tzinfo | None = None) -> str:
    """``Tue 1 Dec 2026, 14:30`` in the meeting's own zone, else in ``fallback`` (the
    user's zone, from About me), else in the computer's."""
    try:
        tz = zone(zone_name) or fallback
    except BadInput:
        tz = fallback
    moment = shown_in(starts_at, tz)
    return f"{day_words(moment)}, {moment:%H:%M}"


def on_my_clock(starts_at: datetime, zone_name: str | None, mine: tzinfo | None) -> str:
    """A meeting's start on the user's clock (``mine``: About me's zone, else the
    computer's), with its own time beside it when it was set in a zone whose clock differs:
    "Thu 3 Dec 2037, 16:00 (10:00 in America/New_York)", the time the host speaks of. When
    the two clocks are on different days the meeting's own day is said too: "Fri 4 Dec
    2037, 05:30 (Thu 3 Dec, 23:30 in America/New_York)". The one rule for every page."""
    said = describe_start(starts_at, None, mine)
    try:
        theirs = zone(zone_name)
    except BadInput:
        return said  # a zone name no longer known: the user's clock alone
    if theirs is not None:
        own, here = shown_in(starts_at, theirs), shown_in(starts_at, mine)
        if own.utcoffset() != here.utcoffset():
            day = f"{day_words(own, year=False)}, " if own.date() != here.date() else ""
            said += f" ({day}{own:%H:%M} in {zone_label(theirs)})"
    return said
