"""The records kept in the store, as plain dataclasses.

These are the contract between the store, the debrief, preparation, analytics and the
widgets. ``id`` is ``None`` until the record is saved. Datetimes are timezone-aware
(``datetime`` with ``tzinfo``); dates are ``datetime.date``. Lists are stored as JSON.
Choices are kept as short lowercase strings; the allowed values are listed in ``CHOICES``.
"""

from __future__ import annotations

from dataclasses import Field, asdict, dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar

#: The first and last day a record may name (the store refuses others). Any real connection,
#: meeting or deadline falls in between; outside, a typo (year 1, 20266) is the likely cause,
#: and times near the ends of Python's calendar cannot be moved to every time zone.
EARLIEST = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)

#: How one knows a person, in plain words, by the short word stored (the People page's
#: choices and the brief's "How you know them" say these).
HOW_KNOWN_WORDS: dict[str, str] = {
    "friend": "a friend", "colleague": "a colleague, now or before",
    "alumni": "from my school or university (alumni)",
    "referral": "someone introduced us (a referral)", "event": "met at an event",
    "linkedin": "a LinkedIn connection", "cold": "no connection yet (cold)",
}

#: Allowed values of the categorical fields, by (table, column).
CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("people", "how_known"): ("friend", "colleague", "alumni", "referral", "event", "linkedin",
                              "cold"),
    ("outreach", "channel"): ("email", "linkedin", "phone", "other"),
    ("outreach", "kind"): (
        "request", "follow_up", "confirmation", "thanks", "referrer_update",
        "referred_intro", "keep_in_touch", "other",
    ),
    ("meetings", "format"): ("phone", "video", "in_person"),
    ("meetings", "status"): ("requested", "scheduled", "held", "cancelled", "no_show", "moved"),
    ("referrals", "may_mention"): ("yes", "no", "unknown"),
    ("referrals", "contact_by"): ("user", "host"),
    ("actions", "kind"): (
        "thank_you", "contact_referral", "tell_referrer", "report_back", "promise",
        "follow_up", "next_contact", "keep_in_touch", "confirm", "other",
    ),
    ("actions", "owner"): ("user", "host"),
    ("outcomes", "kind"): ("lead", "application", "interview", "offer"),
    ("research", "kind"): ("company", "person"),
    ("affiliations", "kind"): ("work", "school"),
    ("affiliations", "status"): ("current", "past"),
    ("affiliations", "source"): ("linkedin", "research", "debrief", "manual"),
    ("mail_messages", "direction"): ("sent", "received"),
    ("calendar_events", "status"): ("confirmed", "tentative", "cancelled"),
    ("calendar_events", "effect"): ("added", "updated", "linked"),
}

#: What the stored codes of some fields mean, as a reader says them (tables, reports).
#: A meeting's status ("booked" and "asked for" left a new user asking: agreed or not?):
STATUS_WORDS = {"requested": "not agreed yet", "scheduled": "day agreed", "held": "held",
                "cancelled": "cancelled", "no_show": "they did not show", "moved": "moved"}
#: How a message went (``channel``), as the page writes it: "LinkedIn", not "linkedin".
CHANNEL_WORDS = {"email": "email", "linkedin": "LinkedIn", "phone": "phone", "other": "other"}
#: Whose move an action or a first contact is (``owner``, ``contact_by``):
OWNER_WORDS = {"user": "you", "host": "them"}
#: Whether a suggested person may be told who suggested them, when nobody asked yet:
MAY_MENTION_WORDS = {"unknown": "not asked yet"}
#: What kind of follow-up an action is:
ACTION_KIND_WORDS = {"thank_you": "thank-you", "contact_referral": "contact someone suggested",
                     "tell_referrer": "tell who introduced you", "report_back": "report back",
                     "promise": "promise", "follow_up": "follow-up",
                     "next_contact": "write to someone else", "keep_in_touch": "keep in touch",
                     "confirm": "confirm the meeting", "other": "other"}


class Record:
    """Mixin: a dict view for JSON and a table name for the store.

    Every record has an ``id`` (``None`` until saved); records whose table keeps one also
    have a ``created_at`` (filled in by the store when empty). Both are declared here, so
    code that handles any record can use them; a record type without a ``created_at``
    column reads it as ``None``.
    """

    table: ClassVar[str] = ""
    id: int | None = None
    created_at: datetime | None = None
    # Every record type is a dataclass: declared here so that ``fields()`` and ``asdict()``
    # accept any record for the type checker, as they do at run time.
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    @property
    def saved_id(self) -> int:
        """The id of a record that was read from or saved to the store.

        Raises:
            ValueError: the record was never saved (its ``id`` is ``None``).
        """
        if self.id is None:
            raise ValueError(f"this {type(self).__name__} has not been saved to the store yet")
        return self.id

    def to_dict(self) -> dict[str, Any]:
        """The record as a dict of plain values (dates stay ``date``/``datetime``)."""
        return asdict(self)


@dataclass
class Person(Record):
    """Someone the user may talk to, has talked to, or was referred to."""

    table = "people"
    name: str
    title: str | None = None
    organization: str | None = None
    email: str | None = None
    phone: str | None = None
    profile_url: str | None = None
    location: str | None = None
    how_known: str = "cold"
    tags: list[str] = field(default_factory=list)
    notes: str | None = None
    keep_in_touch_days: int = 60
    keep_in_touch_max_days: int = 90
    connected_on: date | None = None
    created_at: datetime | None = None
    id: int | None = None


@dataclass
class Organization(Record):
    """A company or institution the user is curious about (a LAMP target)."""

    table = "organizations"
    name: str
    website: str | None = None
    industry: str | None = None
    location: str | None = None
    motivation: int | None = None
    postings: int | None = None
    notes: str | None = None
    created_at: datetime | None = None
    id: int | None = None


@dataclass
class ResearchSnapshot(Record):
    """One research result (``CompanyProfile.to_dict()`` or ``PersonProfile.to_dict()``)."""

    table = "research"
    kind: str
    source_url: str
    data: dict[str, Any] = field(default_factory=dict)
    fetched_at: datetime | None = None
    person_id: int | None = None
    organization_id: int | None = None
    id: int | None = None


@dataclass
class Outreach(Record):
    """A message sent to a person: a request, a follow-up, a thank-you, ..."""

    table = "outreach"
    person_id: int
    channel: str = "email"
    kind: str = "request"
    sent_at: datetime | None = None
    replied_at: datetime | None = None
    subject: str | None = None
    body: str | None = None
    notes: str | None = None
    id: int | None = None


@dataclass
class Meeting(Record):
    """An informational interview, from request to held (or cancelled, missed or moved).

    A meeting moved to another time keeps its old time with status ``moved``; the meeting
    at the new time is a new record whose ``rescheduled_from`` names the old one (likewise
    a meeting booked again after a no-show or a cancellation).
    """

    table = "meetings"
    person_id: int
    starts_at: datetime | None = None
    timezone: str | None = None
    format: str = "video"
    place: str | None = None
    planned_minutes: int = 20
    status: str = "requested"
    role: str | None = None
    industry: str | None = None
    rapport: int | None = None
    notes: str | None = None
    id: int | None = None
    # Added by a later migration, so it comes after ``id`` (the table's column order).
    rescheduled_from: int | None = None
    # Added later still: why the user chose this host, in their words (the brief's "Why
    # them"), and who the user is to them (student, career_changer, job_seeker or anyone: the
    # plan's wording).
    reason: str | None = None
    audience: str | None = None


#: An answer scored at least this (1-5) counts as useful advice: the dossier lists it and a
#: keep-in-touch update reports back on it.
USEFUL_SCORE = 4


@dataclass
class QuestionAsked(Record):
    """A question of a meeting: planned, then asked (with what was answered and how useful
    it was), or kept by its debrief as planned but not asked (``asked = 0``: left out of
    every count of questions asked)."""

    table = "questions_asked"
    meeting_id: int
    text: str
    question_id: str | None = None
    category: str | None = None
    position: int | None = None
    answer_notes: str | None = None
    usefulness: int | None = None
    id: int | None = None
    asked: int = 1  # added after id (a later migration)


@dataclass
class Referral(Record):
    """``from_person`` suggested that the user talk to ``to_person``."""

    table = "referrals"
    from_person_id: int
    to_person_id: int
    meeting_id: int | None = None
    may_mention: str = "unknown"
    contact_by: str = "user"
    notes: str | None = None
    created_at: datetime | None = None
    id: int | None = None


@dataclass
class Action(Record):
    """Something to do (or a promise to keep), optionally tied to a meeting or person."""

    table = "actions"
    what: str
    kind: str = "other"
    owner: str = "user"
    due: datetime | None = None
    done_at: datetime | None = None
    meeting_id: int | None = None
    person_id: int | None = None
    created_at: datetime | None = None
    id: int | None = None
    # Added by a later migration, so it comes after ``id`` (the table's column order):
    # hidden from the lists of due actions until this day.
    snoozed_until: date | None = None
    # Which suggestion of the kit's rules this is ("thank-you", "about 12", "no reply" ...;
    # empty for the user's own): with kind, meeting and person, its identity, so the
    # suggestion's words can change without making it a new follow-up.
    rule: str | None = None


@dataclass
class Outcome(Record):
    """A concrete result: a lead, an application, an interview, an offer."""

    table = "outcomes"
    kind: str
    date: date | None = None
    person_id: int | None = None
    meeting_id: int | None = None
    organization_id: int | None = None
    notes: str | None = None
    id: int | None = None


@dataclass
class Insight(Record):
    """A key thing learned in a meeting, tagged (industry, skill, company, ...)."""

    table = "insights"
    meeting_id: int
    text: str
    tags: list[str] = field(default_factory=list)
    id: int | None = None


@dataclass
class UserProfile(Record):
    """The user's own profile, filled once: used for common ground, drafts and the pitch."""

    table = "profile"
    name: str = ""
    email: str | None = None
    phone: str | None = None
    profile_url: str | None = None
    headline: str | None = None
    background: str | None = None
    strengths: str | None = None
    exploring: str | None = None
    schools: list[str] = field(default_factory=list)
    employers: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    timezone: str | None = None
    id: int | None = None
    # Added by a later migration: the holiday region of the user's business days
    # (an ISO country code, or country-subdivision such as ``GB-SCT`` or ``US-NY``).
    region: str | None = None


@dataclass
class Affiliation(Record):
    """A place a person works or worked at, or studied at: their history, for warm paths.

    ``Person.organization`` holds only the current employer; when a newer LinkedIn archive
    shows a new one, the old employer is kept here as a ``past`` position. Research of a
    person's page and debrief notes add entries too (``source``).
    """

    table = "affiliations"
    person_id: int
    organization: str
    kind: str = "work"
    status: str = "past"
    title: str | None = None
    started_on: date | None = None
    finished_on: date | None = None
    source: str = "manual"
    source_url: str | None = None
    notes: str | None = None
    created_at: datetime | None = None
    id: int | None = None


@dataclass
class MailMessage(Record):
    """An email to or from a stored person, found by a mail import (headers only by default).

    A message the user sent is also an :class:`Outreach` (``outreach_id``): the funnel and
    the reply rates count only those. A message received is kept here alone: it answers the
    user's messages sent before it (their ``replied_at``; ``outreach_id`` names the one it
    answered) and resets the person's keep-in-touch clock, but never counts as sent.
    ``message_key`` is a hash of the Message-ID (never the Message-ID itself), so that a
    re-import adds nothing; ``outreach_id`` empty on a sent message means the user deleted
    that outreach, and a re-import leaves it deleted. ``body`` is kept only when the user
    asked for that person's bodies.
    """

    table = "mail_messages"
    person_id: int
    message_key: str
    direction: str = "received"
    sent_at: datetime | None = None
    subject: str | None = None
    body: str | None = None
    outreach_id: int | None = None
    created_at: datetime | None = None
    id: int | None = None


@dataclass
class CalendarEvent(Record):
    """A calendar event naming a stored person, found by a calendar import.

    ``event_key`` is a hash of the event's UID and, for one occurrence of a recurring event,
    of that occurrence's original start. ``effect`` says what the import did to the meeting:
    ``added`` it, ``updated`` one the user had entered (same person, start within a day) or
    only ``linked`` it (a meeting already held). ``meeting_id`` empty means the user deleted
    the meeting since, and a re-import leaves it deleted.
    """

    table = "calendar_events"
    person_id: int
    event_key: str
    meeting_id: int | None = None
    starts_at: datetime | None = None
    summary: str | None = None
    status: str = "confirmed"
    effect: str = "added"
    created_at: datetime | None = None
    id: int | None = None


#: Every table the store keeps, in an order where referenced tables come first.
RECORD_TYPES: tuple[type[Record], ...] = (
    Person, Organization, ResearchSnapshot, Outreach, Meeting, QuestionAsked,
    Referral, Action, Outcome, Insight, UserProfile, Affiliation, MailMessage, CalendarEvent,
)
