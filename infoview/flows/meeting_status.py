"""Meetings that did not happen as planned: a host who did not show, a cancellation, a move.

:func:`mark_meeting` records what happened. A meeting keeps its time and gets the status
``no_show``, ``cancelled`` or ``moved``; when a new time is given (required for a move,
optional after a no-show or a cancellation, when the talk is booked again) a new meeting
is saved at that time, with the same person, format, place, length, role and industry,
``rescheduled_from`` naming the old one. The questions planned for the old meeting move
to the new one, so the brief and the meeting companion find them there. Everything
happens in one transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from infoview.errors import BadInput, NotFound
from infoview.flows.actions import sync_confirm_reminder
from infoview.models import Meeting, Person, QuestionAsked
from infoview.times import agreeing, check_year, localize, on_my_clock, zone_name
from infoview.times import zone as zone_named

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

log = logging.getLogger(__name__)

#: The statuses :func:`mark_meeting` sets (``no-show`` is accepted for ``no_show``).
MISSED_STATUSES: tuple[str, ...] = ("no_show", "cancelled", "moved")


@dataclass
class MeetingChange:
    """What :func:`mark_meeting` did.

    Attributes:
        meeting: the meeting marked (its old time kept).
        new_meeting: the meeting booked at the new time, or ``None``.
        moved_questions: how many planned questions went over to the new meeting.
    """

    meeting: Meeting
    new_meeting: Meeting | None = None
    moved_questions: int = 0

    def to_dict(self) -> dict:
        """Plain values for JSON."""
        return {
            "meeting": self.meeting.to_dict(),
            "new_meeting": self.new_meeting.to_dict() if self.new_meeting else None,
            "moved_questions": self.moved_questions,
        }


def parse_status(text: str) -> str:
    """``no-show``, ``No show``, ``cancelled``, ``canceled``, ``moved`` as stored."""
    folded = "_".join((text or "").strip().lower().replace("-", " ").split())
    folded = {"canceled": "cancelled", "noshow": "no_show", "rescheduled": "moved"}.get(
        folded, folded
    )
    if folded not in MISSED_STATUSES:
        raise BadInput(f"unknown meeting status {text!r}: use no-show, cancelled or moved")
    return folded


def parse_when(text: str | datetime, zone: str | None = None, *, zone_given: bool = False) -> datetime:
    """A new meeting time: an ISO date and time with an offset, or without one in ``zone``.

    The rules of :mod:`infoview.times` apply: years 1900 to 2199, a clock time the
    clocks skip is refused, and with ``zone_given`` (the user named the zone, rather than it
    being the meeting's own) an offset must agree with it.

    Raises:
        BadInput: not a date and time, or no offset and no known time zone, or one of the
            rules above.
    """
    what = "the new time"
    if isinstance(text, datetime):
        when = text
    else:
        try:
            when = datetime.fromisoformat(str(text).strip().replace("Z", "+00:00"))
        except ValueError as exc:
            raise BadInput(f"{text!r} is not a date and time: use e.g. 2026-04-02T10:00") from exc
        what = f"the new time {str(text).strip()}"
    check_year(when.date(), what)
    tz = zone_named(zone)
    if when.tzinfo is None or when.utcoffset() is None:
        if tz is None:
            raise BadInput(
                f"{text!s} has no time zone and the meeting has none stored: add an "
                "offset (2026-04-02T10:00+01:00) or a time zone"
            )
        return localize(when.replace(tzinfo=None), tz, what)
    return agreeing(when, tz, what) if tz is not None and zone_given else when


def _which(store: Store, meeting: Meeting) -> str:
    """A meeting as a message names it: by its time on the user's clock, with its own
    beside it when its zone's clock differs, as the pages list it (ids mean nothing to a
    reader)."""
    from infoview.flows.profile import user_zone

    if meeting.starts_at is None:
        return "the meeting (no time set)"
    return f"the meeting on {on_my_clock(meeting.starts_at, meeting.timezone, user_zone(store))}"


def mark_meeting(
    store: Store,
    meeting_id: int,
    status: str,
    *,
    to: str | datetime | None = None,
    timezone_name: str | None = None,
    note: str | None = None,
    now: datetime | None = None,
) -> MeetingChange:
    """Record that a meeting was missed, cancelled or moved; book the new time when given.

    Args:
        store: the open store.
        meeting_id: the meeting.
        status: ``no_show`` (``no-show``), ``cancelled`` or ``moved``.
        to: the new time (a timezone-aware datetime, or ISO text; without an offset it is
            read in ``timezone_name``, else the meeting's own time zone). Required for
            ``moved``.
        timezone_name: the IANA time zone of ``to`` (default: the meeting's).
        note: a line added to the meeting's notes ("their flight was delayed").
        now: the current time (default: now); a meeting that has not started yet cannot
            be a no-show.

    Returns:
        A :class:`MeetingChange`.

    Raises:
        NotFound: no such meeting.
        BadInput: an unknown status, a move without a new time, a meeting already held, a
            meeting already marked otherwise, or one already booked again. Nothing is
            saved in any of these cases.
    """
    status = parse_status(status)
    meeting = store.get(Meeting, meeting_id)
    which = _which(store, meeting)
    if status == "moved" and to is None:
        raise BadInput(f"moving {which} needs the new time: give the new date and time")
    if meeting.status == "held":
        raise BadInput(
            f"{which} is marked held (it has a debrief): a held meeting cannot be marked "
            "missed, cancelled or moved"
        )
    if meeting.status in MISSED_STATUSES and meeting.status != status:
        raise BadInput(
            f"{which} is already marked {meeting.status.replace('_', '-')}; "
            "mark the meeting booked in its place instead"
        )
    successors = [
        m
        for m in store.list(Meeting, person_id=meeting.person_id)
        if m.rescheduled_from == meeting.id
    ]
    if successors:
        raise BadInput(
            f"{which} was already booked again ({_which(store, successors[0])}): mark that one "
            "instead"
        )
    timezone_name = zone_name(timezone_name)  # "Berlin" is kept as Europe/Berlin
    new_time = None if to is None else parse_when(to, timezone_name or meeting.timezone,
                                                  zone_given=bool(timezone_name))
    if new_time is not None and meeting.starts_at is not None and new_time == meeting.starts_at:
        raise BadInput(f"the new time is the one {which} already has: give another one")
    if (
        status == "no_show"
        and meeting.starts_at is not None
        and meeting.starts_at > (now or datetime.now(UTC))
    ):
        raise BadInput(f"{which} has not started yet: it cannot be a no-show")
    change = MeetingChange(meeting)
    with store.transaction():
        meeting.status = status
        if note and note.strip():
            meeting.notes = "\n".join(x for x in (meeting.notes, note.strip()) if x)
        store.update(meeting)
        if new_time is not None:
            change.new_meeting = store.add(
                Meeting(
                    person_id=meeting.person_id,
                    starts_at=new_time,
                    timezone=timezone_name or meeting.timezone,
                    format=meeting.format,
                    place=meeting.place,
                    planned_minutes=meeting.planned_minutes,
                    status="scheduled",
                    role=meeting.role,
                    industry=meeting.industry,
                    rescheduled_from=meeting.id,
                )
            )
            for question in store.list(QuestionAsked, meeting_id=meeting.id):
                question.meeting_id = change.new_meeting.saved_id
                store.update(question)
                change.moved_questions += 1
        # The missed meeting needs no confirming any more; the one booked in its place does.
        sync_confirm_reminder(store, meeting, now=now)
        if change.new_meeting is not None:
            sync_confirm_reminder(store, change.new_meeting, now=now)
    log.info(
        "meeting %s marked %s%s",
        meeting.id,
        status,
        f"; booked again as meeting {change.new_meeting.id}" if change.new_meeting else "",
    )
    return change


def missed_meetings(store: Store, *, rebooked: bool | None = False) -> list[tuple[Meeting, Person]]:
    """Meetings marked no-show or cancelled, newest first, with their person.

    Args:
        rebooked: ``False`` (default) only those not booked again yet, ``True`` only those
            booked again, ``None`` all of them.
    """
    meetings = store.list(Meeting)
    replaced = {m.rescheduled_from for m in meetings if m.rescheduled_from is not None}
    out = []
    for m in meetings:
        if m.status not in ("no_show", "cancelled"):
            continue
        if rebooked is not None and (m.id in replaced) != rebooked:
            continue
        try:
            out.append((m, store.get(Person, m.person_id)))
        except NotFound:  # pragma: no cover - the person cascade deletes their meetings
            continue
    oldest = datetime.min.replace(tzinfo=UTC)
    return sorted(out, key=lambda pair: (pair[0].starts_at or oldest, pair[0].id), reverse=True)
