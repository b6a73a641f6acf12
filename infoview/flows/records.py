"""People, organizations and meetings entered and corrected by hand, and deleted with undo.

The forms of the app and ``infoview people add|edit`` come through here. Every value is
checked before anything is written, and a mistake raises :class:`~infoview.errors.BadField`
naming the field in plain words (no command-line options), so a form can show it beside
that field. People are recognised by the kit's one rule (the same email, else the same
profile link, else the same name and organization): adding someone already stored is
refused with their name, rather than storing them twice.

Deleting (:func:`delete_record`) keeps, in memory only, a copy of every row it removes or
changes, so that :func:`restore` can put them back with their ids for as long as the
program runs (the app's "Undo"). A person is forgotten completely
(:func:`infoview.flows.forget.forget_person`: the store, the HTTP cache, backups, batch
outputs): undo brings back their records in the store; the cache simply fetches again.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from infoview.errors import BadField, BadInput, NotFound
from infoview.flows.fields import (
    as_sentence,
    email_field,
    raise_field_problems,
    text_field,
    upper_first,
    web_field,
)
from infoview.models import CHOICES, Meeting, Organization, Person
from infoview.store.appstate import State, get_state, put_state, states_naming
from infoview.store.matching import match_person
from infoview.store.schema import COLUMNS, TABLES
from infoview.text import count_of, fold, org_variant, profile_key

if TYPE_CHECKING:  # pragma: no cover
    from infoview.flows.forget import ForgetReport
    from infoview.store import Store

log = logging.getLogger(__name__)

#: Longest text accepted in a one-line field; notes may be longer.
MAX_LINE = 300
MAX_NOTES = 20000

#: Fields of a person a form may set, with the words used for them in messages.
PERSON_FIELDS: dict[str, str] = {
    "name": "the name", "organization": "the organization", "title": "the job title",
    "email": "the email address", "phone": "the phone number",
    "profile_url": "the profile link", "location": "the location",
    "how_known": "how you know them", "notes": "the notes",
    "keep_in_touch_days": "the keep-in-touch interval",
    "keep_in_touch_max_days": "the longest keep-in-touch interval",
}
ORGANIZATION_FIELDS: dict[str, str] = {
    "name": "the name", "website": "the website", "industry": "the industry",
    "location": "the location", "notes": "the notes", "motivation": "your motivation",
    "postings": "the postings seen",
}
MEETING_FIELDS: dict[str, str] = {
    "starts_at": "the time", "timezone": "the time zone", "format": "the format",
    "planned_minutes": "the length", "place": "the place", "role": "the role",
    "industry": "the industry", "notes": "the notes",
}
#: Short names accepted for meeting fields (``minutes`` for ``planned_minutes``...).
MEETING_ALIASES = {"minutes": "planned_minutes", "time": "starts_at", "when": "starts_at"}


# ---- checking values --------------------------------------------------------------------

def _text(value: Any, name: str, label: str, *, required: bool = False,
          limit: int = MAX_LINE) -> str | None:
    return text_field(value, name, label, limit=limit, required=required,
                      lines=name == "notes")


def _email(value: Any) -> str | None:
    return email_field(_text(value, "email", PERSON_FIELDS["email"]))


def _web(value: Any, name: str, label: str) -> str | None:
    return web_field(_text(value, name, label), name, "https://www.example.org/team")


def _whole(value: Any, name: str, label: str, low: int, high: int) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BadField(f"{upper_first(label)} must be a whole number from {low} to {high}.", name)
    return value


def _choice(value: Any, name: str, label: str, table: str) -> str:
    choices = CHOICES[(table, name)]
    text = fold(value if isinstance(value, str) else "").replace(" ", "_").replace("-", "_")
    if text not in choices:
        raise BadField(f"{upper_first(label)} must be one of "
                       f"{', '.join(c.replace('_', ' ') for c in choices)}.", name)
    return text


def meeting_format(value: Any) -> str:
    """A meeting's format as typed ("in person", "In-Person", "in_person", "video") read
    the one way every form and command reads it.

    Raises:
        BadField: not one of phone, video, in person (field ``format``).
    """
    return _choice(value, "format", MEETING_FIELDS["format"], "meetings")


def _unknown(given: Iterable[str], known: dict[str, str], what: str) -> None:
    extra = [k for k in given if k not in known]
    if extra:
        raise BadField(f"{what} has no field {extra[0]!r}; it has {', '.join(known)}", extra[0])


def _each_checked(changes: dict[str, Any], check: Callable[[str, Any], Any]) -> dict[str, Any]:
    """Each field's value through ``check``; the mistakes of every field are said at once
    (a bad email and a bad profile link both marked at the first Save)."""
    out: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name, value in changes.items():
        try:
            out[name] = check(name, value)
        except BadField as exc:
            problems.setdefault(exc.field, str(exc))
    raise_field_problems(problems)
    return out


def _person_value(name: str, value: Any) -> Any:
    label = PERSON_FIELDS[name]
    if name == "name":
        return _text(value, name, label, required=True)
    if name == "email":
        return _email(value)
    if name == "profile_url":
        return _web(value, name, label)
    if name == "how_known":
        return _choice(value or "cold", name, label, "people")
    if name in ("keep_in_touch_days", "keep_in_touch_max_days"):
        number = _whole(value, name, label, 1, 3650)
        if number is None:
            raise BadField(f"{upper_first(label)} cannot be empty.", name)
        return number
    if name == "notes":
        return _text(value, name, label, limit=MAX_NOTES)
    return _text(value, name, label)


def _person_values(changes: dict[str, Any], *, new: bool) -> dict[str, Any]:
    _unknown(changes, PERSON_FIELDS, "a person")
    out = _each_checked(changes, _person_value)
    if new and not out.get("name"):
        raise BadField("The name cannot be empty.", "name")
    return out


def _same_person_elsewhere(store: Store, person: Person) -> Person | None:
    others = [p for p in store.list(Person) if p.id != person.id]
    return match_person(others, email=person.email, profile_url=person.profile_url,
                        name=person.name, organization=person.organization)


def _refuse_twin(store: Store, person: Person) -> None:
    twin = _same_person_elsewhere(store, person)
    if twin is None:
        return
    if person.email and fold(twin.email) == fold(person.email):
        why, name = "the same email address", "email"
    elif person.profile_url and profile_key(twin.profile_url) == profile_key(person.profile_url):
        why, name = "the same profile link", "profile_url"
    elif fold(twin.name) == fold(person.name) and (
            fold(twin.organization) == fold(person.organization)
            or org_variant(twin.organization, person.organization)):
        # "Kestrel Health Labs" typed for the "Kestrel Health" kept is that organization
        why, name = "the same name and organization", "name"
    else:  # a name that only fits ("Sam" beside "Samira"): typed by hand, she knows best
        return
    where = f" ({twin.organization})" if twin.organization else ""
    raise BadField(f"{twin.name}{where} is already in your people with {why}; change their "
                   "record instead of adding them twice.", name)


# ---- people -----------------------------------------------------------------------------

def add_person(store: Store, *, name: str, organization: str | None = None,
               title: str | None = None, email: str | None = None, phone: str | None = None,
               profile_url: str | None = None, how_known: str | None = None,
               notes: str | None = None) -> Person:
    """Add someone by hand; returns them with their id.

    Raises:
        BadField: an empty name, an email or link that does not look like one, an unknown
            way of knowing them, or someone already stored (by the one matching rule).
    """
    values = _person_values(dict(name=name, organization=organization, title=title,
                                 email=email, phone=phone, profile_url=profile_url,
                                 how_known=how_known or "cold", notes=notes), new=True)
    person = Person(**values, created_at=datetime.now(UTC))
    with store.transaction():
        _refuse_twin(store, person)
        person = store.add(person)
    log.info("added person %s by hand", person.id)
    return person


def _get(store: Store, record_type: type, record_id: int, what: str) -> Any:
    try:
        return store.get(record_type, int(record_id))
    except NotFound as exc:
        raise NotFound(f"there is no {what} {record_id}; it may have been deleted",
                       what) from exc
    except (TypeError, ValueError) as exc:
        raise BadInput(f"{record_id!r} is not the number of a {what}") from exc


def edit_person(store: Store, person_id: int, **changes: Any) -> Person:
    """Change the fields given (an empty text clears a field; the name cannot be emptied).

    Raises:
        BadField: a value that does not fit, or the change would make them someone already
            stored. NotFound: no such person.
    """
    values = _person_values(changes, new=False)
    with store.transaction():
        person = _get(store, Person, person_id, "person")
        for name, value in values.items():
            setattr(person, name, value)
        if person.keep_in_touch_max_days < person.keep_in_touch_days:
            raise BadField("The longest keep-in-touch interval cannot be shorter than the "
                           "usual one.", "keep_in_touch_max_days")
        _refuse_twin(store, person)
        return store.update(person)


# ---- organizations ----------------------------------------------------------------------

def _organization_value(name: str, value: Any) -> Any:
    label = ORGANIZATION_FIELDS[name]
    if name == "name":
        return _text(value, name, label, required=True)
    if name == "website":
        return _web(value, name, label)
    if name == "motivation":
        return _whole(value, name, label, 0, 3)
    if name == "postings":
        return _whole(value, name, label, 0, 10000)
    if name == "notes":
        return _text(value, name, label, limit=MAX_NOTES)
    return _text(value, name, label)


def _organization_values(changes: dict[str, Any], *, new: bool) -> dict[str, Any]:
    _unknown(changes, ORGANIZATION_FIELDS, "an organization")
    out = _each_checked(changes, _organization_value)
    if new and not out.get("name"):
        raise BadField("The name cannot be empty.", "name")
    return out


def _refuse_twin_organization(store: Store, organization: Organization) -> None:
    for other in store.list(Organization):
        if other.id != organization.id and fold(other.name) == fold(organization.name):
            raise BadField(f"{other.name} is already among your organizations; change it "
                           "instead of adding it twice.", "name")


def add_organization(store: Store, *, name: str, website: str | None = None,
                     industry: str | None = None, location: str | None = None,
                     notes: str | None = None) -> Organization:
    """Add an organization by hand; returns it with its id.

    Raises:
        BadField: an empty name, a website that is not a web address, or one already stored
            under that name.
    """
    values = _organization_values(dict(name=name, website=website, industry=industry,
                                       location=location, notes=notes), new=True)
    organization = Organization(**values, created_at=datetime.now(UTC))
    with store.transaction():
        _refuse_twin_organization(store, organization)
        return store.add(organization)


def edit_organization(store: Store, organization_id: int, **changes: Any) -> Organization:
    """Change the fields given (an empty text clears a field; the name cannot be emptied).

    Raises:
        BadField: a value that does not fit. NotFound: no such organization.
    """
    values = _organization_values(changes, new=False)
    with store.transaction():
        organization = _get(store, Organization, organization_id, "organization")
        for name, value in values.items():
            setattr(organization, name, value)
        _refuse_twin_organization(store, organization)
        return store.update(organization)


# ---- meetings ---------------------------------------------------------------------------

def _meeting_values(changes: dict[str, Any], meeting: Meeting) -> dict[str, Any]:
    changes = {MEETING_ALIASES.get(k, k): v for k, v in changes.items()}
    _unknown(changes, MEETING_FIELDS, "a meeting")
    out: dict[str, Any] = {}
    for name, value in changes.items():
        label = MEETING_FIELDS[name]
        if name == "format":
            out[name] = meeting_format(value)
        elif name == "planned_minutes":
            from infoview.flows.meetings import MINUTES_RANGE

            minutes = _whole(value, name, label, *MINUTES_RANGE)
            if minutes is None:
                raise BadField(f"{upper_first(label)} cannot be empty.", name)
            out[name] = minutes
        elif name == "timezone":
            from infoview.times import zone_name

            text = _text(value, name, label)
            try:  # "Berlin" is kept as Europe/Berlin, the name a calendar program knows
                out[name] = zone_name(text)
            except BadInput as exc:
                raise BadField(as_sentence(str(exc)), name) from exc
        elif name == "starts_at":
            out[name] = value
        elif name == "notes":
            out[name] = _text(value, name, label, limit=MAX_NOTES)
        else:
            out[name] = _text(value, name, label)
    if "starts_at" in out:
        out["starts_at"] = _start(out["starts_at"], out.get("timezone", meeting.timezone),
                                  zone_given=bool(out.get("timezone")))
    return out


def _start(value: Any, zone_name: str | None, *, zone_given: bool = False) -> datetime | None:
    """A start as a form gives it: a datetime (naive means in the meeting's zone) or ISO
    text; an empty value clears it. With ``zone_given`` (a zone typed beside it) an offset
    must agree with the zone."""
    from infoview.times import agreeing, check_year, localize, zone

    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError as exc:
            raise BadField(f"{value!r} is not a date and time such as 2026-12-01 10:00.",
                           "starts_at") from exc
    if not isinstance(value, datetime):
        raise BadField("The time must be a date and a time of day.", "starts_at")
    try:  # the rules every typed time follows (infoview.times)
        check_year(value.date(), "The start")
        if value.tzinfo is None:
            tz = zone(zone_name)
            if tz is None:
                raise BadField("Say which time zone the time is in (e.g. Europe/London).",
                               "timezone")
            value = localize(value, tz, "The start")
        elif zone_given and (given := zone(zone_name)) is not None:
            value = agreeing(value, given, "The start", "the time zone")
    except BadField:
        raise
    except BadInput as exc:
        raise BadField(str(exc), "starts_at") from exc
    return value


def edit_meeting(store: Store, meeting_id: int, **changes: Any) -> Meeting:
    """Change a meeting's time (with its time zone), format, length, place, role, industry
    or notes. A requested meeting given a time becomes scheduled; a scheduled one whose time
    is cleared goes back to requested. Its status (held, missed, moved) is changed
    elsewhere: by its debrief, or by marking it missed or moved.

    Raises:
        BadField: a value that does not fit (a time without a zone, an unknown format, a
            length out of range). NotFound: no such meeting.
    """
    with store.transaction():
        meeting = _get(store, Meeting, meeting_id, "meeting")
        values = _meeting_values(changes, meeting)
        for name, value in values.items():
            setattr(meeting, name, value)
        if meeting.status == "requested" and meeting.starts_at is not None:
            meeting.status = "scheduled"
        elif meeting.status == "scheduled" and meeting.starts_at is None:
            meeting.status = "requested"
        store.update(meeting)
        _after_meeting_change(store, meeting)
        return meeting


def _after_meeting_change(store: Store, meeting: Meeting) -> None:
    """Keep what depends on a meeting's time in step (the reminder to confirm it)."""
    from infoview.flows.actions import sync_confirm_reminder

    sync_confirm_reminder(store, meeting)


# ---- deleting, with an in-memory copy for undo ------------------------------------------

#: Each table's rows in plain words (singular, plural): the one table for what "What I hold
#: about them" lists and what deleting them says went, so the two say the same ("2
#: introductions" there is "2 introductions" here, not "2 referrals").
ROW_WORDS: dict[str, tuple[str, str]] = {
    "meetings": ("meeting", "meetings"), "outreach": ("message you sent", "messages you sent"),
    "actions": ("follow-up", "follow-ups"), "questions_asked": ("question asked", "questions asked"),
    "insights": ("insight", "insights"), "referrals": ("introduction", "introductions"),
    "outcomes": ("outcome", "outcomes"), "research": ("saved research page", "saved research pages"),
    "affiliations": ("workplace or school", "workplaces and schools"),
    "people": ("person", "people"), "organizations": ("organization", "organizations"),
    "profile": ("your profile", "your profile"),
    "calendar_events": ("calendar event", "calendar events"),
    "mail_messages": ("mail message", "mail messages"),
}
#: What a deletion says went, in this order.
_DELETED_TABLES = ("meetings", "outreach", "mail_messages", "calendar_events", "actions",
                   "questions_asked", "insights", "referrals", "outcomes", "research",
                   "affiliations")
#: The registry of exported files, restored with the store's tables.
_EXPORTS = ("exports", ("path", "kind", "written_at", "person_ids", "id"))
#: Columns that hold the id of a record of another table.
_REFERENCES: dict[str, str] = {
    "person_id": "people", "from_person_id": "people", "to_person_id": "people",
    "meeting_id": "meetings", "organization_id": "organizations", "rescheduled_from": "meetings",
}


def _columns(table: str) -> tuple[str, ...]:
    if table == _EXPORTS[0]:
        return _EXPORTS[1]
    return tuple(c.name for c in COLUMNS[table])


@dataclass
class Deleted:
    """What :func:`delete_record` removed, with an in-memory copy for :func:`restore`.

    Nothing here is written to disk: once the program ends, the deletion is for good.

    Attributes:
        kind: ``person``, ``organization`` or ``meeting``.
        record_id: its id.
        label: its name in plain words ("Sam Okafor", "the meeting with Sam Okafor").
        before: every row removed or changed, as it was: ``{table: {id: {column: value}}}``.
        after: the same rows right after the deletion (absent when removed).
        report: for a person, what forgetting them did outside the store.
        states: for a person, the work in progress the app kept that named them (a
            question plan being edited for them), which forgetting removed.
        restored: set once :func:`restore` has put the rows back.
    """

    kind: str
    record_id: int
    label: str
    before: dict[str, dict[int, dict[str, Any]]] = field(default_factory=dict)
    after: dict[str, dict[int, dict[str, Any]]] = field(default_factory=dict)
    report: ForgetReport | None = None
    states: list[State] = field(default_factory=list)
    restored: bool = False

    def removed(self) -> dict[str, int]:
        """How many rows of each table went (rather than changed)."""
        return {table: sum(1 for row_id in rows if row_id not in self.after.get(table, {}))
                for table, rows in self.before.items()}

    def describe(self) -> str:
        """"Sam Okafor and 2 meetings, 5 follow-ups": what went, in plain words."""
        counts = self.removed()
        main = {"person": "people", "organization": "organizations", "meeting": "meetings"}[self.kind]
        counts[main] = counts.get(main, 0) - 1
        # A message she sent, imported from her mailbox, is both a message sent (outreach)
        # and a mail message linked to it: it was said twice ("1 message you sent, 2 mail
        # messages" for one sent and one received). It is counted once, as sent.
        counts["mail_messages"] = counts.get("mail_messages", 0) - self._sent_mail_said()
        parts = []
        for table in _DELETED_TABLES:
            one, many = ROW_WORDS[table]
            n = counts.get(table, 0)
            if n > 0:
                parts.append(count_of(n, one, many))
        return self.label + (f" and {', '.join(parts)}" if parts else "")

    def _sent_mail_said(self) -> int:
        """How many mail messages removed are a sent message whose outreach row went too."""
        gone = {row_id for row_id in self.before.get("outreach", {})
                if row_id not in self.after.get("outreach", {})}
        return sum(1 for row_id, row in self.before.get("mail_messages", {}).items()
                   if row_id not in self.after.get("mail_messages", {})
                   and row.get("direction") == "sent" and row.get("outreach_id") in gone)

    def to_dict(self) -> dict[str, Any]:
        """Plain values for JSON: what went (no copies of the rows)."""
        return {"kind": self.kind, "id": self.record_id, "label": self.label,
                "description": self.describe(), "removed": self.removed(),
                "restored": self.restored,
                "forgotten": self.report.to_dict() if self.report is not None else None}


def _select(store: Store, table: str, where: str, params: dict[str, Any]) -> dict[int, dict[str, Any]]:
    names = _columns(table)
    rows = store.execute(f"SELECT {', '.join(names)} FROM {table} WHERE {where}", params)
    return {row[names.index("id")]: dict(zip(names, row, strict=True)) for row in rows}


def _merge(into: dict[str, dict[int, dict[str, Any]]], table: str,
           rows: dict[int, dict[str, Any]]) -> None:
    into.setdefault(table, {}).update(rows)


def _person_candidates(store: Store, person: Person) -> dict[str, dict[int, dict[str, Any]]]:
    """Every row forgetting ``person`` may remove or change, as it is now."""
    from infoview.store.erase import STEPS, snapshots_about, store_text_columns
    from infoview.store.mentions import person_tokens

    snapshots = snapshots_about(store.execute, person)
    params = {"p": person.id, "snapshots": json.dumps([row[0] for row in snapshots])}
    found: dict[str, dict[int, dict[str, Any]]] = {}
    for table, where in STEPS:
        _merge(found, table, _select(store, table, where, params))
    _merge(found, "research", _select(store, "research", "person_id = :p", params))
    tokens = {f"t{i}": fold(t) for i, t in enumerate(person_tokens(person)) if fold(t)}
    if tokens:
        for table, columns in store_text_columns().items():
            for column in columns:
                test = " OR ".join(f"instr(iv_fold({column}), :{n}) > 0" for n in tokens)
                _merge(found, table, _select(store, table, test, tokens))
    _merge(found, "exports", _select(store, "exports", "1", {}))
    return found


def _referring(store: Store, table: str, key: str, record_id: int,
               ) -> dict[str, dict[int, dict[str, Any]]]:
    """A record and every row of any table that refers to it by ``key`` (``meeting_id``,
    ``organization_id``): what deleting it removes or unlinks."""
    found: dict[str, dict[int, dict[str, Any]]] = {}
    _merge(found, table, _select(store, table, "id = :r", {"r": record_id}))
    for other in TABLES:
        names = {c.name for c in COLUMNS[other]}
        for column in (key, "rescheduled_from" if table == "meetings" else None):
            if column in names:
                _merge(found, other, _select(store, other, f"{column} = :r", {"r": record_id}))
    return found


def _now_rows(store: Store, before: dict[str, dict[int, dict[str, Any]]]
              ) -> dict[str, dict[int, dict[str, Any]]]:
    after: dict[str, dict[int, dict[str, Any]]] = {}
    for table, rows in before.items():
        if rows:
            ids = json.dumps(sorted(rows))
            after[table] = _select(store, table, "id IN (SELECT value FROM json_each(:ids))",
                                   {"ids": ids})
    return after


def meeting_label(store: Store, meeting: Meeting) -> str:
    """"the meeting with Sam Okafor on Thu 10 Dec 2037, 18:30": which of someone's meetings
    a deletion (and its Undo) is about, its day and time on the user's clock (About me's
    zone, the one every page shows times in)."""
    from infoview.flows.profile import user_zone
    from infoview.times import on_my_clock

    name = store.get(Person, meeting.person_id).name
    if meeting.starts_at is None:
        return f"the meeting with {name} that has no time yet"
    # the one rule of every page: its own time beside when its zone's clock differs
    return (f"the meeting with {name} on "
            f"{on_my_clock(meeting.starts_at, meeting.timezone, user_zone(store))}")


def delete_record(store: Store, kind: str, record_id: int, **forget_options: Any) -> Deleted:
    """Delete a person, an organization or a meeting, keeping an in-memory copy for undo.

    A person is forgotten completely (:func:`infoview.flows.forget.forget_person`, which
    takes ``forget_options``: ``cache_path``, ``remove_exports``...). A meeting goes with
    its questions, insights, follow-ups and outcomes; the people suggested in it stay (the
    suggestion is kept, no longer tied to the meeting). An organization goes; research and
    outcomes that named it stay, unlinked.

    Returns:
        A :class:`Deleted` that :func:`restore` takes to undo the deletion.

    Raises:
        BadInput: an unknown kind. NotFound: no such record.
    """
    if kind not in ("person", "organization", "meeting"):
        raise BadInput(f"cannot delete a {kind!r}: only a person, an organization or a meeting")
    if forget_options and kind != "person":
        raise BadInput("only deleting a person takes options")
    if kind == "person":
        person = _get(store, Person, record_id, "person")
        before = _person_candidates(store, person)
        deleted = Deleted(kind, person.saved_id, person.name, before,
                          states=states_naming(store, person))
        from infoview.flows.forget import forget_person

        deleted.report = forget_person(store, person.saved_id, **forget_options)
    elif kind == "meeting":
        meeting = _get(store, Meeting, record_id, "meeting")
        with store.transaction():
            before = _referring(store, "meetings", "meeting_id", meeting.saved_id)
            deleted = Deleted(kind, meeting.saved_id, meeting_label(store, meeting), before)
            for table in ("actions", "outcomes"):
                store.execute(f"DELETE FROM {table} WHERE meeting_id = ?", [meeting.id])
            store.delete(Meeting, meeting.saved_id)
    else:
        organization = _get(store, Organization, record_id, "organization")
        with store.transaction():
            before = _referring(store, "organizations", "organization_id",
                                organization.saved_id)
            deleted = Deleted(kind, organization.saved_id, organization.name, before)
            store.delete(Organization, organization.saved_id)
    deleted.after = _now_rows(store, deleted.before)
    # Keep only the rows that actually went or changed: the copy holds nothing else.
    for table in list(deleted.before):
        kept = {i: row for i, row in deleted.before[table].items()
                if deleted.after.get(table, {}).get(i) != row}
        deleted.before[table] = kept
        deleted.after[table] = {i: r for i, r in deleted.after.get(table, {}).items() if i in kept}
    log.info("deleted %s %s: %s", kind, record_id, deleted.removed())
    return deleted


def _free_id(store: Store, table: str, wanted: int) -> int:
    taken = store.execute(f"SELECT 1 FROM {table} WHERE id = ?", [wanted])
    if not taken:
        return wanted
    return store.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")[0][0]


def restore(store: Store, deleted: Deleted) -> None:
    """Undo :func:`delete_record`: rows removed come back with their ids, and values changed
    (a name redacted, a link cleared) go back to what they were, unless edited since.

    A row whose id was taken in the meantime comes back under a new id, and the rows
    pointing to it follow.

    Raises:
        BadInput: it was already restored.
    """
    if deleted.restored:
        raise BadInput(f"{deleted.label} was already brought back")
    remap: dict[str, dict[int, int]] = {}

    def mapped(column: str, value: Any) -> Any:
        target = _REFERENCES.get(column)
        if target is None or value is None:
            return value
        return remap.get(target, {}).get(value, value)

    order = [t for t in (*TABLES, _EXPORTS[0]) if deleted.before.get(t)]
    with store.transaction():
        for table in order:
            names = _columns(table)
            for row_id, row in sorted(deleted.before[table].items()):
                after = deleted.after.get(table, {}).get(row_id)
                if after is None:
                    _insert(store, table, names, row, row_id, remap, mapped)
                else:
                    _put_back(store, table, row_id, row, after, remap, mapped)
        for state in deleted.states:
            _state_back(store, state, remap.get("people", {}))
    deleted.restored = True
    log.info("restored %s %s", deleted.kind, deleted.record_id)


def _insert(store: Store, table: str, names: tuple[str, ...], row: dict[str, Any], row_id: int,
            remap: dict[str, dict[int, int]], mapped: Callable[[str, Any], Any]) -> None:
    new_id = _free_id(store, table, row_id)
    if new_id != row_id:
        remap.setdefault(table, {})[row_id] = new_id
    values = {n: mapped(n, row[n]) for n in names}
    values["id"] = new_id
    if table == _EXPORTS[0]:
        people = remap.get("people", {})
        values["person_ids"] = json.dumps([people.get(i, i) for i in json.loads(row["person_ids"])])
        if store.execute("SELECT 1 FROM exports WHERE path = ?", [values["path"]]):
            return  # written again since: the newer entry stays
    store.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES "
                  f"({', '.join('?' * len(names))})", [values[n] for n in names])


def _state_back(store: Store, state: State, people: dict[int, int]) -> None:
    """Put back a plan being edited that forgetting a person removed (under the person's
    new id, if theirs was taken meanwhile), unless one was started under its key since."""
    from infoview.flows.plans import plan_key

    key, value = state.key, dict(state.value)
    for old, new in people.items():
        if key == plan_key(old):
            key = plan_key(new)
        if value.get("person") == old:
            value["person"] = new
    if get_state(store, key) is None:
        put_state(store, key, value, [people.get(i, i) for i in state.person_ids],
                  now=state.updated_at)


def _put_back(store: Store, table: str, row_id: int, before: dict[str, Any],
              after: dict[str, Any], remap: dict[str, dict[int, int]],
              mapped: Callable[[str, Any], Any]) -> None:
    current = _select(store, table, "id = :i", {"i": row_id}).get(row_id)
    if current is None:
        return  # deleted since: nothing to put back into
    changes = {n: mapped(n, before[n]) for n in before
               if before[n] != after[n] and current[n] == after[n]}
    if table == _EXPORTS[0] and "person_ids" in changes:
        people = remap.get("people", {})
        changes["person_ids"] = json.dumps([people.get(i, i)
                                            for i in json.loads(before["person_ids"])])
    if changes:
        assignments = ", ".join(f"{n} = ?" for n in changes)
        store.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*changes.values(), row_id])
