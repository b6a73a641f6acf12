"""Meetings logged from the user's calendar files (``.ics``), offline.

:func:`import_calendar` reads an ``.ics`` file, or every ``.ics`` file in a folder (a Google
Calendar export, an Outlook or Apple Calendar export, a subscribed calendar saved to disk),
with icalendar, and expands recurring events with recurring-ical-events (exceptions,
excluded dates and moved occurrences as the file says). An event becomes a meeting with a
stored person when:

- an attendee's (or the organizer's) address is one of theirs (matched like mail:
  :class:`~infoview.store.matching.AddressBook`), else
- its title names them in full ("Coffee with Sam Okafor"), the name fits exactly one person,
  and, when they have an address, no attendee of that name has one that is not theirs
  (a namesake).

A meeting already there (same person, start within a day, or a requested meeting with no
time yet) is updated rather than doubled; one already held, missed or moved is only linked.
Every meeting created is ``scheduled``, past ones too: a meeting counts as held only once
the user says so in its debrief. A cancelled event cancels the scheduled meeting it had
made or matched, and creates nothing. Times keep their zone: a zone the file names but
does not define, and which is no known zone name, refuses the file (one line, nothing
imported); a time with no zone is read in the calendar's own zone (``X-WR-TIMEZONE``),
else the user's, else the computer's. An all-day event is put at noon of its day.
Repeating events are expanded up to a year ahead (:data:`HORIZON`); a one-off event is
read whatever its date, unless it falls outside the years the store keeps (1900 to 2199),
which the report names.

Only matched events leave anything behind: a row per event and person (a hash of its UID,
its start, its title and status, so a re-import adds nothing) and the meeting.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from infoview.errors import BadInputFile
from infoview.flows.actions import sync_confirm_reminder
from infoview.models import EARLIEST, LATEST_DATE, CalendarEvent, Meeting, Person
from infoview.store.matching import AddressBook
from infoview.text import WINDOWS_TEXT, address_key, count_of, email_addresses, name_key
from infoview.times import day_words

if TYPE_CHECKING:
    from infoview.store.core import Store

log = logging.getLogger(__name__)

#: A meeting the user entered within this of an event's start is the same meeting.
SAME_MEETING_WITHIN = timedelta(days=1)
#: Recurring events are expanded up to this far ahead of today.
HORIZON = timedelta(days=365)
_OPEN = ("requested", "scheduled")
_VIDEO = re.compile(r"zoom\.us|meet\.google|teams\.microsoft|teams\.live|whereby\.com|webex|"
                    r"jitsi|\bvideo\b|\bvisio", re.I)
_PHONE = re.compile(r"\bphone\b|\bcall\b|\btel:|\btelephone\b|\bring\b", re.I)


@dataclass
class EventSummary:
    """What the import did (or would do) for one person."""

    person_id: int
    name: str
    added: int = 0
    updated: int = 0
    cancelled: int = 0


@dataclass
class CalendarImportReport:
    """What a calendar import read and recorded (``lines`` for people, ``to_dict`` for JSON).

    Attributes:
        events: event occurrences read (a recurring event counts once per occurrence);
            ``matched`` of them name a stored person.
        added / updated / linked / cancelled: meetings created, changed (time, place,
            status), linked without change (already held), marked cancelled.
        already: occurrences imported before and unchanged; ``left_deleted``: those whose
            meeting the user deleted since (not brought back).
        cancelled_unknown: cancelled events with no meeting to cancel (nothing recorded).
        ambiguous: titles naming a name two stored people share (not guessed).
        out_of_range: events dated outside the years the store keeps (title and day), left
            out: most likely a typo in the calendar.
    """

    source: str
    dry_run: bool = False
    files: int = 0
    events: int = 0
    matched: int = 0
    added: int = 0
    updated: int = 0
    linked: int = 0
    cancelled: int = 0
    already: int = 0
    left_deleted: int = 0
    cancelled_unknown: int = 0
    all_day: int = 0
    ambiguous: list[str] = field(default_factory=list)
    out_of_range: list[str] = field(default_factory=list)
    people: list[EventSummary] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """A JSON-ready view."""
        return {**asdict(self), "kept": self.kept()}

    def kept(self) -> str:
        """One sentence on what the store keeps (or would keep)."""
        if not (self.added or self.updated or self.linked or self.cancelled):
            # Seen in the app: a re-import previewed "would keep ... of 1 event" when that
            # event was in the store already and nothing would change.
            said = f"Nothing new {'would be' if self.dry_run else 'was'} kept"
            if self.matched:
                said += (f": the {count_of(self.matched, 'event')} naming "
                         f"people you know change{'s' if self.matched == 1 else ''} nothing you "
                         "saved")
            return said + "."
        verb = "would keep" if self.dry_run else "kept"
        other = self.events - self.matched
        rest = f"; nothing of the other {count_of(other, 'event')}" if other else ""
        return (f"{verb.capitalize()} the time, title and status of "
                f"{count_of(self.matched, 'event')} naming people you know{rest}.")

    def lines(self) -> list[str]:
        """A short account for a reader."""
        would = "would be " if self.dry_run else ""
        out = [f"Read {count_of(self.events, 'event')} in "
               f"{count_of(self.files, 'calendar file')}; {self.matched} "
               f"name{'s someone' if self.matched == 1 else ' people'} you saved."]
        # only what happens: "updated: 0; cancelled: 0; already held, linked: 0" said nothing
        done = [f"{would}{what}: {n}" for n, what in (
            (self.added, "added"), (self.updated, "updated"), (self.cancelled, "cancelled"),
            (self.linked, "linked to meetings you already held")) if n]
        if done:
            out.append(f"Meetings {'; '.join(done)}.")
        if self.already:
            out.append(f"{self.already} had been imported before and "
                       f"{'has' if self.already == 1 else 'have'} not changed.")
        if self.left_deleted:
            out.append(f"{self.left_deleted} belong{'s' if self.left_deleted == 1 else ''} to "
                       f"meeting{'s' if self.left_deleted != 1 else ''} you deleted; "
                       f"{'it stays' if self.left_deleted == 1 else 'they stay'} deleted.")
        for p in self.people:
            counts = [f"{n} {what}" for n, what in ((p.added, "added"), (p.updated, "updated"),
                                                    (p.cancelled, "cancelled")) if n]
            if counts:
                out.append(f"  {p.name}: {', '.join(counts)}")
        if self.added:
            out.append("New meetings are scheduled, past ones too: save a meeting's debrief "
                       "to mark it held.")
        if self.all_day:
            out.append(f"{self.all_day} all-day event{'s were' if self.all_day != 1 else ' was'} "
                       "put at noon of the day; correct the time if you know it.")
        out += [f"Not matched: {a}" for a in self.ambiguous]
        if self.out_of_range:
            n = len(self.out_of_range)
            out.append(f"{n} event{'s are' if n != 1 else ' is'} dated outside "
                       f"{EARLIEST.year} to {LATEST_DATE.year}, the years infoview keeps, "
                       f"and {'were' if n != 1 else 'was'} left out (check the date in your "
                       f"calendar): {', '.join(self.out_of_range[:5])}"
                       f"{f' and {n - 5} more' if n > 5 else ''}.")
        out += self.warnings
        out.append(self.kept())
        return out


def calendar_files(path: str | Path) -> list[Path]:
    """The ``.ics`` file at ``path``, or every ``.ics`` file in that folder.

    Raises:
        BadInputFile: missing, or a folder with no ``.ics`` file.
    """
    path = Path(path).expanduser()
    if not path.exists():
        raise BadInputFile("no such file or folder; give the .ics file or folder your "
                           "calendar exported", path=path)
    if path.is_file():
        return [path]
    found = sorted(p for p in path.rglob("*.ics") if p.is_file() and not p.name.startswith("."))
    if not found:
        raise BadInputFile("this folder holds no calendar file (.ics)", path=path)
    return found


def _read(path: Path, data: bytes | None = None):
    import icalendar

    try:
        data = path.read_bytes() if data is None else data
    except OSError as exc:
        raise BadInputFile(f"cannot read it ({exc.strerror})", path=path) from exc
    if b"BEGIN:VCALENDAR" not in data[:4096].upper():
        # (it does not start as one: no BEGIN:VCALENDAR near the top)
        raise BadInputFile("this is not a calendar file (.ics): export your calendar again, "
                           "choosing iCalendar or .ics in your calendar program", path=path)
    windows = not _is_utf8(data)
    if windows:  # an older program's Windows text: read as such, not as "Caf\ufffd"
        data = data.decode("cp1252", "replace").encode("utf-8")
    try:
        return icalendar.Calendar.from_ical(data), windows
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        # The library's words quote the file's bytes (b'BEGIN:VCALENDAR\r\n...'): the
        # page says what happened in words, the log keeps the detail.
        log.info("%s: not readable as a calendar: %s", path.name, exc)
        raise BadInputFile("this calendar file is damaged or cut short, so it cannot be "
                           "read; export it again from your calendar program; nothing was "
                           "imported", path=path) from exc


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _missing_zones(calendar: Any, path: Path) -> None:
    """Refuse a file whose times name a zone that is neither defined in it nor known."""
    for event in calendar.walk("VEVENT"):
        for name in ("DTSTART", "DTEND", "RECURRENCE-ID"):
            prop = event.get(name)
            if prop is None or "TZID" not in prop.params:
                continue
            value = getattr(prop, "dt", None)
            if isinstance(value, datetime) and value.tzinfo is None:
                zone = str(prop.params["TZID"])
                title = str(event.get("SUMMARY") or "an untitled event")[:60]
                raise BadInputFile(
                    f"the event '{title}' on {day_words(value)} uses the time zone '{zone}', "
                    "which the file does not define (no VTIMEZONE) and which is not a known "
                    "zone name; export the calendar again with its time zones; nothing was "
                    "imported", path=path)


def _zone_name(value: datetime) -> str | None:
    """The named zone a start was written in, else ``None``. A time written in UTC (the
    ``Z`` most calendar programs export every event with) names no zone of its own: the
    meeting is then shown on the user's clock, not as 14:00 for a coffee at 15:00 in Berlin."""
    key = getattr(value.tzinfo, "key", None)
    if key and str(key) not in _UTC_NAMES:
        return str(key)
    return None


_UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Zulu", "Etc/Zulu", "GMT",
                        "Etc/GMT", "Universal", "Etc/Universal"})


@dataclass
class _Occurrence:
    key: str
    uid: str
    start: datetime
    minutes: int
    summary: str
    cancelled: bool
    all_day: bool
    place: str | None
    format: str
    attendees: list[tuple[str, str]]  # (display name, address key)


def _occurrences(calendar: Any, path: Path, default_zone: tzinfo, since: date,
                 until: date, out_of_range: list[str]) -> list[_Occurrence]:
    """The occurrences of the calendar's events; those dated outside the years the store
    keeps are left out and named (title and day) in ``out_of_range``."""
    import recurring_ical_events

    _missing_zones(calendar, path)
    method_cancel = str(calendar.get("METHOD", "")).upper() == "CANCEL"
    # A moved or cancelled occurrence often repeats only its times: it keeps the series'
    # attendees.
    series: dict[str, list[tuple[str, str]]] = {}
    repeating: set[str] = set()  # only their occurrences are told apart by original start
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID"))
        if event.get("RECURRENCE-ID") is None:
            series[uid] = _attendees(event)
        if any(event.get(k) is not None for k in ("RRULE", "RDATE", "RECURRENCE-ID")):
            repeating.add(uid)
    try:
        expanded = recurring_ical_events.of(calendar).between(since, until)
    except Exception as exc:  # noqa: BLE001 - the library raises many kinds on bad rules
        log.info("%s: a repeating event cannot be read: %s", path.name, exc)
        raise BadInputFile("a repeating event in it cannot be read (its rule for repeating "
                           "is damaged); export the calendar again; nothing was imported",
                           path=path) from exc
    # The window only bounds the expansion of repeating events: a one-off event is read
    # whatever its date (a meeting booked 13 months out is still a meeting).
    events = [e for e in expanded if str(e.get("UID")) in repeating]
    events += [e for e in calendar.walk("VEVENT") if str(e.get("UID")) not in repeating]
    out = []
    for event in events:
        start = event.get("DTSTART")
        if start is None:
            continue
        value = start.dt
        day = value.date() if isinstance(value, datetime) else value
        if not EARLIEST <= day <= LATEST_DATE:
            title = " ".join(str(event.get("SUMMARY") or "an untitled event").split())[:60]
            out_of_range.append(f"'{title}' ({day_words(day)})")
            continue
        all_day = not isinstance(value, datetime)
        if all_day:
            value = datetime.combine(value, time(12, 0), tzinfo=default_zone)
        elif value.tzinfo is None:
            value = value.replace(tzinfo=default_zone)
        end = event.get("DTEND")
        duration = event.get("DURATION")
        minutes = 20
        if not all_day and end is not None and isinstance(end.dt, datetime):
            end_value = end.dt if end.dt.tzinfo else end.dt.replace(tzinfo=value.tzinfo)
            minutes = int((end_value - value).total_seconds() // 60)
        elif not all_day and duration is not None:
            minutes = int(duration.dt.total_seconds() // 60)
        uid = str(event.get("UID") or f"{event.get('SUMMARY')}|{value.isoformat()}")
        recurrence = event.get("RECURRENCE-ID") if uid in repeating else None
        which = ""
        if recurrence is not None:
            rid = recurrence.dt
            which = rid.astimezone(UTC).isoformat() if isinstance(rid, datetime) and rid.tzinfo \
                else str(rid)
        key = hashlib.sha256(f"{uid}|{which}".encode()).hexdigest()[:32]
        location = str(event.get("LOCATION") or "").strip() or None
        words = " ".join(str(event.get(k) or "") for k in ("SUMMARY", "LOCATION", "DESCRIPTION",
                                                            "URL", "X-GOOGLE-CONFERENCE"))
        kind = "video" if _VIDEO.search(words) else "phone" if _PHONE.search(words) else \
            "in_person" if location else "video"
        attendees = _attendees(event) or series.get(uid, [])
        status = str(event.get("STATUS") or "").upper()
        out.append(_Occurrence(key, uid, value, max(5, min(minutes, 480)) if minutes > 0 else 20,
                               str(event.get("SUMMARY") or "").strip()[:300],
                               method_cancel or status == "CANCELLED", all_day,
                               location[:200] if location else None, kind, attendees))
    return out


def _attendees(event: Any) -> list[tuple[str, str]]:
    """(display name, address key) of an event's attendees and organizer."""
    out = []
    for prop_name in ("ATTENDEE", "ORGANIZER"):
        props = event.get(prop_name)
        for prop in props if isinstance(props, list) else [props] if props else []:
            key = address_key(str(prop))
            if key:
                out.append((str(prop.params.get("CN", "")), key))
    return out


class _Names:
    """Stored people's full names, for titles that name someone."""

    def __init__(self, people: Iterable[Person]):
        self.by_name: dict[str, list[Person]] = {}
        for person in people:
            key = name_key(person.name)
            if " " in key:  # a single word ("Sam") would match too much
                self.by_name.setdefault(key, []).append(person)
        self.pattern = None
        if self.by_name:
            names = sorted(self.by_name, key=len, reverse=True)
            self.pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")(?!\w)")

    def named(self, title: str) -> list[str]:
        if self.pattern is None or not title:
            return []
        return list(dict.fromkeys(self.pattern.findall(name_key(title))))


def _people_of(occ: _Occurrence, book: AddressBook, names: _Names,
               report: CalendarImportReport) -> list[int]:
    by_address = [book.by_address[a] for _n, a in occ.attendees
                  if a in book.by_address and a not in book.me]
    if by_address:
        return list(dict.fromkeys(by_address))
    found = []
    for name in names.named(occ.summary):
        people = names.by_name[name]
        if len(people) > 1:
            report.ambiguous.append(f"'{occ.summary}' on {day_words(occ.start)}: "
                                    f"{len(people)} people are called that; add the event's "
                                    "attendee address to the right one")
            continue
        person = people[0]
        theirs = set(email_addresses(person.email))
        # A person added by hand with no address cannot be told from a namesake by one, so
        # an attendee of that name with an address is taken to be them.
        namesake = bool(theirs) and any(name_key(cn) == name and a not in theirs
                                        and a not in book.me for cn, a in occ.attendees)
        if not namesake:
            assert person.id is not None
            found.append(person.id)
    return found


def import_calendar(store: Store, path: str | Path | tuple[str, bytes], *, me: Iterable[str] = (),
                    dry_run: bool = False, since: date | None = None,
                    until: date | None = None) -> CalendarImportReport:
    """Import a calendar export (see the module docstring); returns what was recorded.

    Args:
        store: the open store.
        path: an ``.ics`` file or a folder of them; or an uploaded file as ``(name, bytes)``.
        me: the user's own addresses besides their profile's (never matched to a person).
        dry_run: read and report, write nothing.
        since, until: the days recurring events are expanded over (default: from 1990 to
            a year from today); single events outside are read too, unless they fall
            outside the years the store keeps (they are named in ``out_of_range``).

    Raises:
        BadInputFile: not a calendar, damaged, or a time zone it does not define (nothing
            is imported).
    """
    files: list[tuple[Path, bytes | None]]
    if isinstance(path, tuple):
        files = [(Path(path[0]), path[1])]
        label = path[0]
    else:
        files = [(f, None) for f in calendar_files(path)]
        label = str(Path(path).expanduser())
    report = CalendarImportReport(source=label, dry_run=dry_run, files=len(files))
    profile = store.get_profile()
    people = store.list(Person)
    book = AddressBook.build(people, [*email_addresses(profile.email), *me])
    names = _Names(people)
    since = since or date(1990, 1, 1)
    until = until or (datetime.now(UTC) + HORIZON).date()
    occurrences: list[_Occurrence] = []
    for file, content in files:
        calendar, windows = _read(file, content)
        if windows:
            report.warnings.append(
                f"{file.name} was not saved as UTF-8 text, so it was {WINDOWS_TEXT}: if an "
                "accented letter in a title looks wrong, export the calendar again choosing "
                "UTF-8.")
        zone = _default_zone(calendar, profile.timezone)
        occurrences += _occurrences(calendar, file, zone, since, until, report.out_of_range)
    report.events = len(occurrences)
    try:
        with store.transaction():
            _apply(store, occurrences, book, names, report)
            if dry_run:
                raise _DryRun
    except _DryRun:
        # Pages of the undone writes may sit in the write-ahead log: drop them too.
        if not store.in_transaction:
            store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    log.info("calendar import: %d events read, %d matched, %d meetings added, %d updated",
             report.events, report.matched, report.added, report.updated)
    return report


class _DryRun(Exception):
    """Undoes a dry run's transaction."""


def _default_zone(calendar: Any, own: str | None) -> tzinfo:
    for name in (str(calendar.get("X-WR-TIMEZONE") or ""), own or ""):
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    local = datetime.now().astimezone().tzinfo
    return local if local is not None else UTC


def _apply(store: Store, occurrences: list[_Occurrence], book: AddressBook, names: _Names,
           report: CalendarImportReport) -> None:
    links = {(e.event_key, e.person_id): e for e in store.list(CalendarEvent)}
    summaries: dict[int, EventSummary] = {}
    touched: set[int] = set()
    for occ in sorted(occurrences, key=lambda o: (o.start, o.key)):
        matched = _people_of(occ, book, names, report)
        if matched:
            report.matched += 1
            report.all_day += occ.all_day
        for pid in matched:
            person = book.people[pid]
            summary = summaries.setdefault(pid, EventSummary(pid, person.name))
            changes = summary.added + summary.updated + summary.cancelled
            link = links.get((occ.key, pid))
            if link is not None:
                _again(store, occ, link, summary, report)
            else:
                link = _first_time(store, occ, pid, summary, report)
                if link is not None:
                    links[(occ.key, pid)] = store.add(link)
            if link is not None and link.meeting_id is not None and \
                    summary.added + summary.updated + summary.cancelled > changes:
                touched.add(link.meeting_id)
    # A meeting booked, moved or cancelled here keeps its reminder to confirm the day
    # before in step, as one booked, moved or cancelled by hand does.
    for meeting_id in sorted(touched):
        sync_confirm_reminder(store, store.get(Meeting, meeting_id))
    report.people = [s for s in summaries.values() if s.added or s.updated or s.cancelled]


def _fill(meeting: Meeting, occ: _Occurrence) -> None:
    meeting.starts_at = occ.start.astimezone(UTC)
    meeting.timezone = _zone_name(occ.start) or meeting.timezone
    meeting.planned_minutes = occ.minutes
    meeting.place = meeting.place or occ.place
    meeting.status = "scheduled"


def _first_time(store: Store, occ: _Occurrence, pid: int, summary: EventSummary,
                report: CalendarImportReport) -> CalendarEvent | None:
    """The link for an occurrence not imported before: a meeting updated, or made."""
    start = occ.start.astimezone(UTC)
    same = [m for m in store.list(Meeting, person_id=pid)
            if (m.starts_at is not None and abs(m.starts_at - start) <= SAME_MEETING_WITHIN)
            or (m.starts_at is None and m.status == "requested")]
    same.sort(key=lambda m: (m.starts_at is None, abs((m.starts_at or start) - start)))
    linked_ids = {row[0] for row in store.execute(
        "SELECT meeting_id FROM calendar_events WHERE person_id = ? AND meeting_id IS NOT NULL",
        [pid])}
    same = [m for m in same if m.id not in linked_ids]
    event = CalendarEvent(person_id=pid, event_key=occ.key, starts_at=start,
                          summary=occ.summary or None,
                          status="cancelled" if occ.cancelled else "confirmed")
    meeting = same[0] if same else None
    if occ.cancelled:
        if meeting is None or meeting.status not in _OPEN:
            report.cancelled_unknown += 1
            return None
        meeting.status = "cancelled"
        store.update(meeting)
        event.meeting_id, event.effect = meeting.id, "updated"
        report.cancelled += 1
        summary.cancelled += 1
        return event
    if meeting is not None:
        if meeting.status in _OPEN:
            _fill(meeting, occ)
            store.update(meeting)
            event.effect = "updated"
            report.updated += 1
            summary.updated += 1
        else:
            event.effect = "linked"
            report.linked += 1
        event.meeting_id = meeting.id
        return event
    new = Meeting(person_id=pid, format=occ.format)
    _fill(new, occ)
    store.add(new)
    event.meeting_id, event.effect = new.id, "added"
    report.added += 1
    summary.added += 1
    return event


def _again(store: Store, occ: _Occurrence, link: CalendarEvent, summary: EventSummary,
           report: CalendarImportReport) -> None:
    """An occurrence imported before: follow a new time or a cancellation, else nothing."""
    start = occ.start.astimezone(UTC)
    status = "cancelled" if occ.cancelled else "confirmed"
    if link.meeting_id is None:
        report.left_deleted += 1
        return
    if link.starts_at == start and link.status == status and link.summary == (occ.summary or None):
        report.already += 1
        return
    meeting = store.get(Meeting, link.meeting_id)
    if meeting.status in _OPEN:
        if occ.cancelled:
            meeting.status = "cancelled"
            report.cancelled += 1
            summary.cancelled += 1
        else:
            _fill(meeting, occ)
            report.updated += 1
            summary.updated += 1
        store.update(meeting)
    else:
        report.already += 1
    link.starts_at, link.status, link.summary = start, status, occ.summary or None
    store.update(link)
