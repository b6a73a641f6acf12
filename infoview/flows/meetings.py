"""Meetings in the store: planning one with its questions, finding the next, its brief.

A meeting is saved with its planned questions (:func:`save_meeting_plan`, or
:func:`add_meeting` from the command line), the meeting companion and the debrief pick
those questions up (:func:`planned_questions`), and :func:`meeting_brief` gives the brief
of a stored meeting. Each step is a plain function over the store, so the panels and the
CLI stay free of business rules and a script can take the same steps.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from infoview.errors import BadInput
from infoview.flows.actions import sync_confirm_reminder
from infoview.flows.debrief import Debrief, debrief_to_dict, load_debrief
from infoview.flows.followups import meeting_actions
from infoview.flows.meeting_status import MISSED_STATUSES
from infoview.flows.question_history import question_history
from infoview.flows.research import research_for
from infoview.models import CHOICES, Meeting, Person, QuestionAsked, ResearchSnapshot
from infoview.prep.brief import Brief, build_brief
from infoview.prep.outreach import Draft, question_topic, thanks
from infoview.questions.bank import load_bank
from infoview.questions.models import PlanItem, QuestionPlan, overhead_minutes
from infoview.questions.select import select_questions

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

log = logging.getLogger(__name__)


#: Where a meeting is added, as every page that has none yet says it (the companion said
#: "under People" while Debrief said "under Prepare").
ADD_A_MEETING = "add one under Prepare (Save person and meeting)"


def asked_before(store: Store, person_id: int, *, except_meeting: int | None = None) -> list[str]:
    """Bank ids of the questions already asked of this person in meetings that were held."""
    ids: list[str] = []
    for meeting in store.list(Meeting, person_id=person_id):
        if meeting.status != "held" or meeting.id == except_meeting:
            continue
        ids += [q.question_id for q in store.list(QuestionAsked, meeting_id=meeting.id)
                if q.question_id and q.asked]  # one planned but not asked may come again
    return ids


def save_meeting_plan(store: Store, person: Person, meeting: Meeting,
                      plan: QuestionPlan | None = None) -> tuple[Person, Meeting]:
    """Save a person (when new), the meeting, and its planned questions, in one transaction.

    The planned questions are kept as the meeting's questions (no notes yet), so that the
    meeting companion and the debrief find them; saving again replaces them, unless the
    meeting was already held (then its recorded answers are left alone). A requested
    meeting that has a start time is scheduled.
    """
    from infoview.times import zone_name

    meeting.timezone = zone_name(meeting.timezone)  # "Berlin" is kept as Europe/Berlin
    if meeting.starts_at is not None and meeting.status == "requested":
        meeting.status = "scheduled"
    with store.transaction():
        if person.id is None:
            person.created_at = person.created_at or datetime.now(UTC)
            person = store.add(person)
        meeting.person_id = person.saved_id
        meeting = store.add(meeting) if meeting.id is None else store.update(meeting)
        sync_confirm_reminder(store, meeting)  # booked: confirm it the day before
        if plan is not None and meeting.status != "held":
            for old in store.list(QuestionAsked, meeting_id=meeting.id):
                store.delete(QuestionAsked, old.saved_id)
            store.add_many(QuestionAsked(meeting_id=meeting.saved_id, text=item.text,
                                         question_id=item.id, category=item.category,
                                         position=i) for i, item in enumerate(plan.items, 1))
    return person, meeting


def planned_questions(store: Store, meeting_id: int) -> QuestionPlan:
    """The meeting's planned questions as a ``QuestionPlan`` (minutes from the bank when
    known, else 2), for the meeting companion."""
    meeting = store.get(Meeting, meeting_id)
    minutes = {q.id: q.minutes for q in load_bank()}
    rows = sorted(store.list(QuestionAsked, meeting_id=meeting_id),
                  key=lambda q: (q.position is None, q.position or 0, q.id))
    items = [PlanItem(id=q.question_id or f"asked-{q.id}", category=q.category or "own",
                      text=q.text, minutes=minutes.get(q.question_id or "", 2.0), reason="planned")
             for q in rows]
    return QuestionPlan(items=items, meeting_minutes=meeting.planned_minutes,
                        overhead_minutes=overhead_minutes())


def next_meeting(store: Store, now: datetime | None = None, *,
                 person_id: int | None = None) -> int | None:
    """The meeting to hold or debrief next: the earliest one not yet held, cancelled, missed
    or moved that starts from an hour ago on, else the most recent meeting; ``None`` when
    there are none. With ``person_id``, only that person's meetings count (the app follows
    the person chosen to their meeting)."""
    now = now or datetime.now(UTC)
    meetings = (store.list(Meeting) if person_id is None
                else store.list(Meeting, person_id=person_id))
    if not meetings:
        return None
    open_ = [m for m in meetings if m.status not in ("held", *MISSED_STATUSES)
             and (m.starts_at is None or m.starts_at >= now - STARTED)]
    if open_:
        return min(open_, key=lambda m: (m.starts_at is None, m.starts_at or now, m.id)).id
    return max(meetings, key=lambda m: (m.starts_at is not None, m.starts_at or now, m.id)).id


#: How long after its start a meeting still counts as on now, not yet past.
STARTED = timedelta(hours=1)


def meeting_ahead(store: Store, now: datetime) -> Meeting | None:
    """The meeting Home leads with as "Your next meeting": the :func:`next_meeting`, when it
    is asked for or booked and not past; ``None`` when none is ahead."""
    found = next_meeting(store, now)
    meeting = store.get(Meeting, found) if found is not None else None
    if meeting is None or meeting.status not in ("requested", "scheduled"):
        return None
    return meeting if meeting.starts_at is None or meeting.starts_at >= now - STARTED else None


def awaiting_debrief(store: Store, now: datetime | None = None) -> list[Meeting]:
    """Meetings whose time is past (by more than :data:`STARTED`) that are still asked for
    or booked: neither debriefed (held) nor marked missed. Newest first. A date typed wrong
    shows here too, so the user can correct it."""
    now = now or datetime.now(UTC)
    past = [m for m in store.list(Meeting) if m.status in ("requested", "scheduled")
            and m.starts_at is not None and m.starts_at < now - STARTED]
    return sorted(past, key=lambda m: (m.starts_at, m.id), reverse=True)


def meeting_brief(store: Store, meeting_id: int) -> Brief:
    """The brief of a stored meeting (its person, research, planned questions, user profile),
    e.g. for the meeting companion's agenda."""
    meeting = store.get(Meeting, meeting_id)
    person = store.get(Person, meeting.person_id)
    company, person_research = research_for(store, person.saved_id)
    return build_brief(person=person, company=company, person_research=person_research,
                       plan=planned_questions(store, meeting_id), meeting=meeting,
                       profile=store.get_profile(), reason=meeting.reason)


def thanks_draft(store: Store, debrief: Debrief) -> Draft:
    """The thank-you note for a debriefed meeting: it names the first insight (else the
    answer rated most useful, the first of equals; never the closing pair's, whose answer is
    names, not something learned) as what was learned, and the user's promises as kept."""
    meeting = store.get(Meeting, debrief.meeting_id)
    host = store.get(Person, meeting.person_id)
    answers = [q for q in debrief.questions
               if q.asked and (q.answer_notes or "").strip() and q.category != "closing"]
    best = max(answers, key=lambda q: q.usefulness or 0, default=None)  # max keeps the first
    learned = next((i.text for i in debrief.insights), None)
    topic = question = None
    if learned is None and best is not None:  # an answer: the letter says what it was about
        learned, topic = best.answer_notes, question_topic(best.text, best.category)
        question = best.text
    today = date.today()
    # A meeting debriefed before its booked day took place early: the note thanks for
    # today's talk, never for a day still ahead ("your time on Monday 14 December").
    met = min(meeting.starts_at.date(), today) if meeting.starts_at else None
    return thanks(host, store.get_profile(), learned=learned, topic=topic, question=question,
                  promises=[p.what for p in debrief.promises if p.owner == "user"],
                  meeting_date=met, send_date=today)


def person_to_prepare(store: Store) -> int | None:
    """Whom the preparation step offers first: the person researched most recently (the
    usual step before preparing), else the host of the next meeting, else the newest person."""
    researched = [s for s in store.list(ResearchSnapshot) if s.person_id is not None]
    if researched:
        newest = max(researched, key=lambda s: (s.fetched_at is not None, s.fetched_at or 0, s.id))
        return newest.person_id
    meeting_id = next_meeting(store)
    if meeting_id is not None:
        return store.get(Meeting, meeting_id).person_id
    people = store.list(Person)
    return people[-1].id if people else None


@dataclass
class MeetingOptions:
    """A new meeting as ``infoview meeting add`` describes it.

    Attributes:
        person_id: who it is with (a stored person).
        starts_at: when it starts (timezone-aware), if agreed.
        timezone: the IANA zone it is held in (for the brief and the calendar).
        format: ``phone``, ``video`` or ``in_person``.
        place: the address or call link.
        minutes: its planned length.
        role, industry: what the user wants to learn about (fill the questions).
        audience: who is asking (picks suitable questions).
        plan: also plan the questions now and keep them with the meeting.
        use_history: let that plan learn from the user's debriefs.
    """

    person_id: int
    starts_at: datetime | None = None
    timezone: str | None = None
    format: str = "video"
    place: str | None = None
    minutes: int = 20
    role: str | None = None
    industry: str | None = None
    audience: str = "anyone"
    plan: bool = False
    use_history: bool = True


#: The meeting lengths accepted, in minutes.
MINUTES_RANGE = (5, 240)


def add_meeting(store: Store, options: MeetingOptions) -> tuple[Meeting, QuestionPlan | None]:
    """Add a meeting (requested, or scheduled when it has a start), with its planned
    questions when ``options.plan``; returns the meeting and the plan.

    Raises:
        BadInput: an unknown format or audience, a length out of range, a start without
            a time zone. NotFound: no such person. Nothing is saved in either case.
    """
    from infoview.flows.records import meeting_format
    from infoview.times import zone_name

    options.format = meeting_format(options.format)  # as `meeting edit` and the forms read it
    low, high = MINUTES_RANGE
    if isinstance(options.minutes, bool) or not low <= options.minutes <= high:
        raise BadInput(f"the meeting length must be {low} to {high} minutes, "
                       f"not {options.minutes!r}")
    if options.starts_at is not None and options.starts_at.tzinfo is None:
        raise BadInput("the start time has no time zone: give one (e.g. Europe/London)")
    person = store.get(Person, options.person_id)  # NotFound says where the ids are
    meeting = Meeting(person_id=person.id or 0, starts_at=options.starts_at,
                      timezone=zone_name(options.timezone), format=options.format, place=options.place,
                      planned_minutes=options.minutes, role=options.role,
                      industry=options.industry)
    plan = None
    if options.plan:
        company, _person_research = research_for(store, options.person_id)
        plan = select_questions(
            role=options.role or person.title,
            industry=options.industry or getattr(company, "industry", None),
            company=person.organization, person=person.name, audience=options.audience,
            minutes=options.minutes, research=company,
            asked=asked_before(store, options.person_id),
            history=question_history(store) if options.use_history else None,
            host_title=person.title)
    _person, meeting = save_meeting_plan(store, person, meeting, plan)
    log.info("added meeting %s with person %s", meeting.id, person.id)
    return meeting, plan


def list_meetings(store: Store, *, person_id: int | None = None,
                  status: str | None = None) -> list[dict]:
    """Meetings as rows for a list: the meeting's fields and the person's name, by start."""
    statuses = CHOICES[("meetings", "status")]
    if status is not None and status not in statuses:
        raise BadInput(f"unknown status {status!r}: use one of {', '.join(statuses)}")
    filters: dict[str, object] = {}
    if person_id is not None:
        store.get(Person, person_id)  # an unknown person is an error, not an empty list
        filters["person_id"] = person_id
    if status is not None:
        filters["status"] = status
    meetings = store.list(Meeting, **filters)
    names = {p.id: p.name for p in store.list(Person)}
    meetings.sort(key=lambda m: (m.starts_at is None, m.starts_at or datetime.min.replace(
        tzinfo=UTC), m.id or 0))
    return [{**m.to_dict(), "person": names.get(m.person_id, "")} for m in meetings]


def meeting_summary(store: Store, meeting_id: int) -> dict:
    """Everything about one meeting: its fields, the person, the questions (with answers
    once debriefed), people suggested, promises, outcomes, insights and every action."""
    meeting = store.get(Meeting, meeting_id)
    person = store.get(Person, meeting.person_id)
    debrief = debrief_to_dict(load_debrief(store, meeting_id))
    for key in ("meeting_id", "rapport", "notes"):
        debrief.pop(key)
    return {"meeting": meeting.to_dict(),
            "person": {"id": person.id, "name": person.name, "title": person.title,
                       "organization": person.organization, "email": person.email},
            **debrief,
            "actions": [a.to_dict() for a in meeting_actions(store, meeting_id)]}
