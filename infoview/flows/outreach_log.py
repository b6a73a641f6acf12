"""The outreach log: what the user sent, and when the answer came.

The funnel (contacted, replied), the answer rates and the 3B7 routine all read the
:class:`~infoview.models.Outreach` rows; these functions are how the panel and the command
line write them. A reply is kept on the message it answers (``replied_at``), so recording
one also counts as contact for the keep-in-touch reminders.

Times are timezone-aware. A naive ``datetime`` is taken as the computer's local time. A
plain ``date`` means "that day": now when it is today, else noon local time; a reply dated
only by the day its message went out is taken as coming after the message.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

from infoview.errors import BadInput
from infoview.models import CHOICES, Action, Meeting, Outreach, Person

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

log = logging.getLogger(__name__)

#: Kinds of message that ask for an answer, so the user waits for one.
WAITING_KINDS: tuple[str, ...] = ("request", "referred_intro", "follow_up")


@dataclass
class Waiting:
    """A message still without an answer, and how long the user has waited for it.

    Attributes:
        outreach: the message.
        person: who it went to.
        business_days: business days since it was sent (the day it went out not counted;
            weekends, and the public holidays of the chosen country, skipped).
    """

    outreach: Outreach
    person: Person
    business_days: int

    def to_dict(self) -> dict:
        """Plain values for JSON: the message's fields, the person's name, the days waited."""
        row = self.outreach.to_dict()
        row.pop("body", None)  # long, and not what a list of waiting messages is for
        return {**row, "person": self.person.name, "business_days": self.business_days}


def _choice(value: str, column: str) -> str:
    allowed = CHOICES[("outreach", column)]
    folded = (value or "").strip().lower()
    if folded not in allowed:
        raise BadInput(f"unknown {column} {value!r}: use one of {', '.join(allowed)}")
    return folded


def _moment(value: date | datetime | None, *, now: datetime, not_before: datetime | None = None) -> datetime:
    """A timezone-aware moment from what the caller gave (see the module's note)."""
    if value is None:
        return now
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.astimezone()
    if not isinstance(value, date):
        raise BadInput(f"{value!r} is not a date or time: use e.g. 2026-11-24 or 2026-11-24T15:30")
    local_now = now.astimezone()
    moment = local_now if value == local_now.date() else datetime.combine(value, time(12, 0)).astimezone()
    if not_before is not None and value == not_before.astimezone().date() and moment < not_before:
        moment = not_before
    return moment


def record_outreach(store: Store, person_id: int, *, kind: str = "request", channel: str = "email",
                    sent_at: date | datetime | None = None, subject: str | None = None,
                    body: str | None = None) -> Outreach:
    """Keep a message the user sent; returns the stored record.

    Args:
        store: the open store.
        person_id: who it went to (a stored person).
        kind: one of ``CHOICES[("outreach", "kind")]`` (``request``, ``follow_up``, ...).
        channel: ``email``, ``linkedin``, ``phone`` or ``other``.
        sent_at: when it went out (default: now).
        subject, body: the text sent, when there was one (blank counts as none).

    Raises:
        BadInput: an unknown kind or channel, or a send time that is not a date.
        NotFound: no person with that id.
    """
    kind, channel = _choice(kind, "kind"), _choice(channel, "channel")
    person = store.get(Person, person_id)  # NotFound says where the ids are
    when = _moment(sent_at, now=datetime.now(UTC))
    with store.transaction():
        row = store.add(Outreach(person_id=person.saved_id, kind=kind, channel=channel, sent_at=when,
                                 subject=(subject or "").strip() or None,
                                 body=(body or "").strip() or None))
        if kind == "confirmation":
            _confirmed(store, person.saved_id, when)
        if kind == "thanks":
            _thanked(store, person.saved_id, when)
    log.info("recorded %s to person %s by %s", kind, person.id, channel)
    return row


def _confirmed(store: Store, person_id: int, when: datetime) -> None:
    """A confirmation sent ticks off the reminder to confirm their next meeting."""
    from infoview.flows.actions import CONFIRM_KIND

    for action in store.list(Action, person_id=person_id, kind=CONFIRM_KIND):
        meeting = store.get(Meeting, action.meeting_id) if action.meeting_id else None
        if action.done_at is None and (meeting is None or meeting.starts_at is None
                                       or meeting.starts_at >= when):
            action.done_at = when
            store.update(action)


def _thanked(store: Store, person_id: int, when: datetime) -> None:
    """A thank-you sent ticks off the thank-you due for the meetings with them held before
    it (the report counts it as sent; the list of what is due must agree)."""
    for action in store.list(Action, person_id=person_id, kind="thank_you"):
        meeting = store.get(Meeting, action.meeting_id) if action.meeting_id else None
        if action.done_at is None and (meeting is None or meeting.starts_at is None
                                       or meeting.starts_at <= when):
            action.done_at = when
            store.update(action)


def mark_replied(store: Store, outreach_id: int, *, at: date | datetime | None = None) -> Outreach:
    """Note that a message was answered; returns the updated record.

    Marking a message twice keeps the first reply time, so a second click in the panel
    changes nothing; give ``at`` to correct it.

    Raises:
        BadInput: the reply would come before the message was sent, or ``at`` is not a date.
        NotFound: no message with that id.
    """
    row = store.get(Outreach, outreach_id)
    if row.replied_at is not None and at is None:
        log.info("message %s already has a reply (%s); kept", row.id, row.replied_at)
        return row
    when = _moment(at, now=datetime.now(UTC), not_before=row.sent_at)
    if row.sent_at is not None and when < row.sent_at:
        from infoview.flows.profile import user_zone
        from infoview.times import describe_start

        zone = user_zone(store)
        raise BadInput(f"a reply on {describe_start(when, None, zone)} would come before the "
                       f"message was sent ({describe_start(row.sent_at, None, zone)}): check "
                       "the date")
    row.replied_at = when
    return store.update(row)


def awaiting_reply(store: Store, *, today: date | None = None, person_id: int | None = None,
                   country: str | None = None) -> list[Waiting]:
    """Messages that ask for an answer and have none yet, oldest first.

    A message waits when it is a request, a first message to a referred person or a
    follow-up, was sent, and no reply from that person was recorded after it went out (an
    answer to the follow-up answers the request too).

    Args:
        store: the open store.
        today: the day to count up to (default: today).
        person_id: only messages to this person.
        country: ISO code whose public holidays are not business days (``GB``, ``US``...).
    """
    from infoview.prep.followup import _holiday_calendar

    today = today or date.today()
    calendar = _holiday_calendar(country)
    rows = store.list(Outreach, person_id=person_id) if person_id is not None else store.list(Outreach)
    replies: dict[int, list[datetime]] = {}
    for row in rows:
        if row.replied_at is not None:
            replies.setdefault(row.person_id, []).append(row.replied_at)
    people: dict[int, Person] = {}
    waiting = []
    for row in sorted(rows, key=lambda r: (r.sent_at is None, r.sent_at or 0, r.id)):
        if row.kind not in WAITING_KINDS or row.sent_at is None or row.replied_at is not None:
            continue
        if any(t >= row.sent_at for t in replies.get(row.person_id, [])):
            continue
        if row.person_id not in people:
            people[row.person_id] = store.get(Person, row.person_id)
        days = business_days_between(row.sent_at.astimezone().date(), today, calendar=calendar)
        waiting.append(Waiting(row, people[row.person_id], days))
    return waiting


def business_days_between(start: date, end: date, *, calendar=None) -> int:
    """Business days after ``start`` up to and including ``end`` (0 when ``end`` is not later)."""
    from datetime import timedelta

    from infoview.prep.followup import is_business_day

    calendar = {} if calendar is None else calendar
    return sum(is_business_day(start + timedelta(days=i), calendar=calendar)
               for i in range(1, (end - start).days + 1))
