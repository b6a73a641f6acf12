"""The debrief: everything learned in one meeting, saved in one go.

After a meeting the user records, per question asked, the answer notes and how useful the
answer was (1-5); the key insights, tagged; the people the host suggested (with whether
the host's name may be mentioned and who makes the contact); promises made by either
side; rapport (1-5); and outcomes (a lead, an application, an interview, an offer).

:func:`save_debrief` writes all of it in one transaction and can be called again with an
edited debrief (or one from :func:`load_debrief`) without duplicating anything: the
meeting's questions, insights, referrals, promises and outcomes are brought in line with
the debrief, people are matched (:func:`~infoview.store.matching.match_person`) rather
than added twice, and follow-up actions already created are kept (with their done dates).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import MISSING, asdict, dataclass, field, fields
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from infoview.errors import BadField, BadInput, NotFound
from infoview.flows.actions import sync_confirm_reminder
from infoview.flows.fields import email_field
from infoview.flows.followups import FOLLOW_UP_KINDS, meeting_follow_ups
from infoview.flows.meeting_notes import drop_notes
from infoview.flows.meeting_status import MISSED_STATUSES
from infoview.models import (
    CHOICES,
    Action,
    Insight,
    Meeting,
    Outcome,
    Person,
    QuestionAsked,
    Referral,
)
from infoview.prep.followup import HOST_PROMISE_DAYS, PROMISE_DAYS, action_key, meeting_end
from infoview.questions.learn import normal_text
from infoview.store.matching import match_person
from infoview.text import fold
from infoview.times import aware, check_year, day_words, local_day, user_tz

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

log = logging.getLogger(__name__)


@dataclass
class AnsweredQuestion:
    """A question asked in the meeting: what was answered and how useful it was (1-5)."""

    text: str
    question_id: str | None = None
    category: str | None = None
    answer_notes: str | None = None
    usefulness: int | None = None
    #: False for a planned question that was not asked (kept, shown as not asked).
    asked: bool = True


@dataclass
class KeyInsight:
    """One thing learned, with tags (industry, skill, company, ...) for finding it again."""

    text: str
    tags: list[str] = field(default_factory=list)


@dataclass
class SuggestedPerson:
    """Someone the host suggested talking to.

    ``may_mention``: may the user mention the host's name (yes / no / unknown).
    ``contact_by``: who makes the contact; ``user`` (preferred: the user keeps control of
    the follow-up) or ``host``.
    """

    name: str
    title: str | None = None
    organization: str | None = None
    email: str | None = None
    phone: str | None = None
    profile_url: str | None = None
    may_mention: str = "unknown"
    contact_by: str = "user"
    notes: str | None = None


@dataclass
class Promise:
    """Something promised in the meeting: by the user (``owner="user"``) or the host.

    Without a ``due`` date it still falls due (:func:`promise_due`): a week after the
    meeting for the user's, two for the host's; the date is shown with the follow-ups and
    can be changed (``infoview actions due``).
    """

    what: str
    owner: str = "user"
    due: datetime | date | None = None
    done_at: datetime | None = None


@dataclass
class DebriefOutcome:
    """A concrete result of the meeting: a lead, an application, an interview or an offer."""

    kind: str
    date: date | None = None
    notes: str | None = None
    organization_id: int | None = None


@dataclass
class Debrief:
    """Everything recorded after one meeting; save it with :func:`save_debrief`."""

    meeting_id: int
    questions: list[AnsweredQuestion] = field(default_factory=list)
    insights: list[KeyInsight] = field(default_factory=list)
    people: list[SuggestedPerson] = field(default_factory=list)
    promises: list[Promise] = field(default_factory=list)
    rapport: int | None = None
    outcomes: list[DebriefOutcome] = field(default_factory=list)
    notes: str | None = None


# ---- validation ----------------------------------------------------------------------------

def _score_problem(label: str, value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        return f"{label} must be a whole number from 1 to 5, not {value!r}"
    return None


def _choice_problem(label: str, value, choices) -> str | None:
    if value not in choices:
        return f"{label} must be one of {', '.join(choices)}, not {value!r}"
    return None


def email_problem(email: str | None) -> str | None:
    """What is wrong with the email typed for a person suggested, in words a form shows
    beside the field ("'owen at kestrel' is not an email address: ..."), or ``None`` when
    it is empty or looks like an address: a typo is caught before it is saved as theirs."""
    try:
        email_field((email or "").strip() or None)
    except BadField as exc:
        return str(exc)
    return None


def validate(debrief: Debrief) -> None:
    """Check a debrief before anything is written; raises ``BadInput`` listing every problem."""
    problems: list[str | None] = []
    if isinstance(debrief.meeting_id, bool) or not isinstance(debrief.meeting_id, int):
        problems.append(f"meeting_id must be a meeting's number, not {debrief.meeting_id!r}")
    problems.append(_score_problem("rapport", debrief.rapport))
    for i, q in enumerate(debrief.questions, 1):
        if not (q.text or "").strip() and not q.question_id:
            problems.append(f"question {i} has no text")
        problems.append(_score_problem(f"usefulness of question {i}", q.usefulness))
    for i, insight in enumerate(debrief.insights, 1):
        if not (insight.text or "").strip():
            problems.append(f"insight {i} has no text")
    for i, p in enumerate(debrief.people, 1):
        if not (p.name or "").strip():
            problems.append(f"suggested person {i} has no name")
        if (wrong := email_problem(p.email)) is not None:
            problems.append(f"the email of {p.name or i}: {wrong.rstrip('.')}")
        problems.append(_choice_problem(f"may_mention of {p.name or i}", p.may_mention,
                                        CHOICES[("referrals", "may_mention")]))
        problems.append(_choice_problem(f"contact_by of {p.name or i}", p.contact_by,
                                        CHOICES[("referrals", "contact_by")]))
    for i, promise in enumerate(debrief.promises, 1):
        if not (promise.what or "").strip():
            problems.append(f"promise {i} does not say what was promised")
        problems.append(_choice_problem(f"owner of promise {i}", promise.owner,
                                        CHOICES[("actions", "owner")]))
    for i, outcome in enumerate(debrief.outcomes, 1):
        problems.append(_choice_problem(f"kind of outcome {i}", outcome.kind,
                                        CHOICES[("outcomes", "kind")]))
    found = [p for p in problems if p]
    if found:
        raise BadInput("the debrief was not saved: " + "; ".join(found) + ".")


# ---- saving --------------------------------------------------------------------------------

def save_debrief(store: Store, debrief: Debrief, *, now: datetime | None = None,
                 held_on: date | None = None) -> Meeting:
    """Save a debrief in one transaction; saving the same meeting again updates, never duplicates.

    Marks the meeting held (with rapport and notes); replaces its questions asked and
    insights; matches (:func:`~infoview.store.matching.match_person`) or creates the
    suggested people and their referrals; turns promises into actions with owner and due
    date; creates the follow-up actions (a thank-you within 24 hours, contacting each
    person suggested, telling the host how it went) once; records the outcomes; and drops
    the notes the meeting companion kept (:mod:`infoview.flows.meeting_notes`).

    Args:
        store: an open :class:`~infoview.store.Store`.
        debrief: what to save.
        now: the time of saving (default: the current time); due dates count from it
            when the meeting has no start time.
        held_on: the day the meeting took place, for a meeting saved without a date: it
            becomes its start (:func:`held_start`), so the keep-in-touch clock can run.
            Ignored for a meeting that has a start already.

    Returns:
        The updated meeting.

    Raises:
        BadInput: a score outside 1-5, an unknown choice, a missing name or text, a
            meeting marked no-show, cancelled or moved, or ``held_on`` still ahead.
        NotFound: no meeting with that id. Nothing is saved in any of these cases.
    """
    validate(debrief)
    now = now or datetime.now(UTC)
    meeting = _meeting(store, debrief.meeting_id)
    start = (held_start(held_on, user_tz(meeting.timezone or store.get_profile().timezone), now)
             if held_on is not None and meeting.starts_at is None else None)
    if meeting.status in MISSED_STATUSES:
        # A debrief marks the meeting held: never silently over a no-show, a cancellation
        # or a move (the panel, the CLI and library users all come through here).
        raise BadInput(f"meeting {meeting.id} was marked {meeting.status.replace('_', '-')}; "
                       "debrief the meeting booked in its place instead (infoview meeting "
                       "list), or add the meeting you held")
    with store.transaction():
        meeting.status = "held"
        if start is not None:
            meeting.starts_at = start
        meeting.rapport = debrief.rapport
        if debrief.notes is not None:
            meeting.notes = debrief.notes
        store.update(meeting)
        _replace_questions(store, meeting.saved_id, debrief.questions)
        _replace_insights(store, meeting.saved_id, debrief.insights)
        referrals = _sync_referrals(store, meeting, debrief.people, now)
        _sync_promises(store, meeting, debrief.promises, now)
        _sync_follow_ups(store, meeting, referrals, now)
        _sync_outcomes(store, meeting, debrief.outcomes, now)
        sync_confirm_reminder(store, meeting, now=now)  # held: nothing left to confirm
        drop_notes(store, meeting.saved_id)  # the companion's notes are the debrief's now
    log.info("saved the debrief of meeting %s", meeting.id)
    return meeting


def held_start(day: date, tz: tzinfo, now: datetime) -> datetime:
    """The start given to a meeting held on ``day`` whose time was never recorded: midday
    on that day in ``tz`` (the meeting's zone, else the user's), or ``now`` (to the minute) when
    midday has not come yet, so a meeting held today is never in the future (and counts as
    a touch).

    Raises:
        BadInput: ``day`` is still ahead in ``tz``, or outside the years the store keeps.
    """
    check_year(day, "the day the meeting took place")
    today = local_day(now, tz)
    if day > today:
        raise BadInput(f"the day the meeting took place, {day_words(day)}, is still ahead: "
                       f"choose today ({day_words(today)}) or an earlier day")
    midday = datetime.combine(day, time(12, 0), tzinfo=tz)
    # whole minutes, as a time box shows them (it shows nothing for 14:03:27)
    return min(midday, aware(now).astimezone(tz).replace(second=0, microsecond=0))


def _meeting(store: Store, meeting_id: int) -> Meeting:
    try:
        return store.get(Meeting, meeting_id)
    except NotFound as exc:
        raise NotFound(f"there is no meeting {meeting_id} to debrief; add the meeting first "
                       "(or pick one from the list of meetings)") from exc


def _replace_questions(store: Store, meeting_id: int, questions: list[AnsweredQuestion]) -> None:
    # Nothing refers to a question asked, so replacing the rows keeps the meeting exact.
    # A question given by its text alone (a debrief file, the prompts) that was planned
    # for this meeting stays that bank question: the plan learns bank questions by id.
    # A planned question the debrief does not list as asked is kept, as not asked: a
    # debrief saved early ("Save anyway" at minute three) must not lose the rest of the
    # plan, and the meeting companion still shows it.
    planned: dict[str, tuple[str | None, str | None]] = {}
    before = sorted(store.list(QuestionAsked, meeting_id=meeting_id),
                    key=lambda q: (q.position is None, q.position or 0, q.id or 0))
    for old in before:
        if old.question_id:
            planned.setdefault(normal_text(old.text), (old.question_id, old.category))
        store.delete(QuestionAsked, old.saved_id)
    rows = []
    for q in questions:
        text = (q.text or q.question_id or "").strip()
        question_id, category = q.question_id, q.category
        if question_id is None:
            question_id, category = planned.get(normal_text(text), (None, category))
            category = category or q.category
        rows.append(QuestionAsked(meeting_id=meeting_id, text=text, question_id=question_id,
                                  category=category, answer_notes=q.answer_notes,
                                  usefulness=q.usefulness, asked=1 if q.asked else 0))
    # In the plan's order: each planned question asked where it was planned, the ones left
    # out there as not asked, then the questions asked that were not planned.
    given: dict[str, QuestionAsked] = {}
    for row in rows:
        given.setdefault(normal_text(row.text), row)
    ordered: list[QuestionAsked] = []
    placed: set[int] = set()
    for old in before:
        found = given.get(normal_text(old.text))
        if found is None:
            found = QuestionAsked(meeting_id=meeting_id, text=old.text, question_id=old.question_id,
                                  category=old.category, asked=0)
            given[normal_text(old.text)] = found
        if id(found) not in placed:
            placed.add(id(found))
            ordered.append(found)
    rows = ordered + [row for row in rows if id(row) not in placed]
    for i, row in enumerate(rows, 1):
        row.position = i
    store.add_many(rows)


def _replace_insights(store: Store, meeting_id: int, insights: list[KeyInsight]) -> None:
    for old in store.list(Insight, meeting_id=meeting_id):
        store.delete(Insight, old.saved_id)
    store.add_many(Insight(meeting_id=meeting_id, text=i.text.strip(), tags=list(i.tags))
                   for i in insights)


def _upsert_person(store: Store, people: list[Person], suggested: SuggestedPerson,
                   now: datetime, together: Sequence[SuggestedPerson] = ()) -> Person:
    """The suggested person, created (known as a referral) or matched and brought up to date.

    Details given in the debrief replace stored ones that differ beyond case and spacing
    (the debrief is the latest word); the name first recorded stays, and so does how the
    user knows them.
    """
    person = match_person(people, email=suggested.email, profile_url=suggested.profile_url,
                          name=suggested.name, organization=suggested.organization,
                          together=[(s.name, s.organization) for s in together])
    details = {k: getattr(suggested, k) for k in ("title", "organization", "email", "phone", "profile_url")}
    if person is None:
        person = store.add(Person(name=suggested.name.strip(), how_known="referral",
                                  created_at=now, **details))
        people.append(person)
        return person
    changed = False
    for key, value in details.items():
        if value and fold(value) != fold(getattr(person, key)):
            setattr(person, key, value)
            changed = True
    if changed:
        store.update(person)
    return person


def _sync_referrals(store: Store, meeting: Meeting, suggested: list[SuggestedPerson],
                    now: datetime) -> list[Referral]:
    people = store.list(Person)
    existing = {r.to_person_id: r for r in store.list(Referral, meeting_id=meeting.id)}
    kept: list[Referral] = []
    for s in suggested:
        person = _upsert_person(store, people, s, now, suggested)  # (who else was named)
        if person.id == meeting.person_id or any(r.to_person_id == person.id for r in kept):
            continue  # the host themselves, or the same person listed twice
        referral = existing.pop(person.saved_id, None)
        if referral is None:
            referral = store.add(Referral(from_person_id=meeting.person_id, to_person_id=person.saved_id,
                                          meeting_id=meeting.id, may_mention=s.may_mention,
                                          contact_by=s.contact_by, notes=s.notes, created_at=now))
        else:
            referral.may_mention, referral.contact_by = s.may_mention, s.contact_by
            referral.notes = s.notes
            store.update(referral)
        kept.append(referral)
    for gone in existing.values():
        store.delete(Referral, gone.saved_id)
    return kept


def _due(value: datetime | date | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    # A due date without a time means the end of that day.
    return datetime.combine(value, time(17, 0), tzinfo=UTC)


def promise_due(meeting: Meeting, owner: str, *, now: datetime) -> datetime:
    """When a promise given without a date falls due, by the method: the user keeps theirs
    within a week of the meeting; a host's is worth a gentle reminder after two weeks."""
    days = PROMISE_DAYS if owner == "user" else HOST_PROMISE_DAYS
    return meeting_end(meeting, now) + timedelta(days=days)


def _sync_promises(store: Store, meeting: Meeting, promises: list[Promise], now: datetime) -> None:
    existing = {(a.owner, fold(a.what)): a for a in store.list(Action, meeting_id=meeting.id, kind="promise")}
    for p in promises:
        action = existing.pop((p.owner, fold(p.what)), None)
        if action is None:
            due = _due(p.due) or promise_due(meeting, p.owner, now=now)
            store.add(Action(what=p.what.strip(), kind="promise", owner=p.owner, due=due,
                             done_at=p.done_at, meeting_id=meeting.id,
                             person_id=meeting.person_id, created_at=now))
        else:
            # Saved again without a date: the date it has (the default, or one changed
            # since with 'actions due') stays.
            action.due = _due(p.due) or action.due or promise_due(meeting, p.owner, now=now)
            action.done_at = p.done_at or action.done_at
            store.update(action)
    for gone in existing.values():
        store.delete(Action, gone.saved_id)


def _sync_follow_ups(store: Store, meeting: Meeting, referrals: list[Referral],
                     now: datetime) -> None:
    """The meeting's follow-ups (:func:`~infoview.flows.followups.meeting_follow_ups`) kept in
    step with the debrief; promises are left out here: the debrief saves them itself, with
    their owner and due date."""
    wanted = [a for a in meeting_follow_ups(store, meeting, referrals, now=now)
              if a.kind in FOLLOW_UP_KINDS]
    existing = [a for a in store.list(Action, meeting_id=meeting.id) if a.kind in FOLLOW_UP_KINDS]
    have = {action_key(a): a for a in existing}
    wanted_keys = set()
    for action in wanted:
        key = action_key(action)
        wanted_keys.add(key)
        if key not in have:
            action.meeting_id = meeting.id
            action.created_at = action.created_at or now
            store.add(action)
        elif have[key].done_at is None and have[key].what != action.what:
            # The same suggestion in today's words (a person renamed, a sentence improved):
            # its due date, snooze and id stay; a done one keeps the words it was done as.
            have[key].what = action.what
            store.update(have[key])
    for key, action in have.items():
        # A follow-up no longer called for (a suggestion removed) goes, unless already done.
        if key not in wanted_keys and action.done_at is None and action.id is not None:
            store.delete(Action, action.id)


def _outcome_day(store: Store, meeting: Meeting, now: datetime) -> date | None:
    """The day an outcome given without one is dated: the meeting's, once it has begun;
    for a debrief saved before the meeting's time, the day of saving on the user's calendar
    (the meeting's day would date the outcome in the future)."""
    if meeting.starts_at is None:
        return None
    if aware(meeting.starts_at) <= aware(now):
        return meeting.starts_at.date()
    return local_day(now, user_tz(store.get_profile().timezone))


def _sync_outcomes(store: Store, meeting: Meeting, outcomes: list[DebriefOutcome],
                   now: datetime) -> None:
    existing: dict[str, list[Outcome]] = {}
    for o in store.list(Outcome, meeting_id=meeting.id):
        existing.setdefault(o.kind, []).append(o)
    for wanted in outcomes:
        matches = existing.get(wanted.kind) or []
        record = matches.pop(0) if matches else Outcome(kind=wanted.kind, meeting_id=meeting.id,
                                                         person_id=meeting.person_id)
        record.date = wanted.date or _outcome_day(store, meeting, now)
        record.notes = wanted.notes
        record.organization_id = wanted.organization_id
        if record.id is None:
            store.add(record)
        else:
            store.update(record)
    for leftovers in existing.values():
        for gone in leftovers:
            store.delete(Outcome, gone.saved_id)


# ---- loading -------------------------------------------------------------------------------

def load_debrief(store: Store, meeting_id: int) -> Debrief:
    """The debrief of a meeting as saved, ready to edit and save again.

    Raises:
        NotFound: no meeting with that id.
    """
    meeting = _meeting(store, meeting_id)
    questions = sorted(store.list(QuestionAsked, meeting_id=meeting_id),
                       key=lambda q: (q.position is None, q.position or 0, q.id))
    people = []
    for r in store.list(Referral, meeting_id=meeting_id):
        p = store.get(Person, r.to_person_id)
        people.append(SuggestedPerson(name=p.name, title=p.title, organization=p.organization,
                                      email=p.email, phone=p.phone, profile_url=p.profile_url,
                                      may_mention=r.may_mention, contact_by=r.contact_by,
                                      notes=r.notes))
    return Debrief(
        meeting_id=meeting_id,
        questions=[AnsweredQuestion(text=q.text, question_id=q.question_id, category=q.category,
                                    answer_notes=q.answer_notes, usefulness=q.usefulness,
                                    asked=bool(q.asked))
                   for q in questions],
        insights=[KeyInsight(text=i.text, tags=list(i.tags or []))
                  for i in store.list(Insight, meeting_id=meeting_id)],
        people=people,
        promises=[Promise(what=a.what, owner=a.owner, due=a.due, done_at=a.done_at)
                  for a in store.list(Action, meeting_id=meeting_id, kind="promise")],
        rapport=meeting.rapport,
        outcomes=[DebriefOutcome(kind=o.kind, date=o.date, notes=o.notes,
                                 organization_id=o.organization_id)
                  for o in store.list(Outcome, meeting_id=meeting_id)],
        notes=meeting.notes,
    )


# ---- the JSON form (``infoview debrief FILE.json``) -------------------------------------

_PARTS: dict[str, type] = {"questions": AnsweredQuestion, "insights": KeyInsight,
                           "people": SuggestedPerson, "promises": Promise,
                           "outcomes": DebriefOutcome}
_TOP = ("meeting_id", "rapport", "notes", *_PARTS)
_DATES = {("promises", "due"), ("outcomes", "date")}


def _row(part: str, index: int, data: object) -> object:
    """One row of a list of the file, as its dataclass; raises BadInput naming the row."""
    cls = _PARTS[part]
    where = f"{part}[{index}]"
    if not isinstance(data, dict):
        raise BadInput(f"{where} must be an object such as {{\"text\": ...}}, not {data!r}")
    # A promise's done date is the store's to keep (set when the action is done).
    known = [f.name for f in fields(cls) if (part, f.name) != ("promises", "done_at")]
    unknown = [k for k in data if k not in known]
    if unknown:
        raise BadInput(f"{where} has unknown field {unknown[0]!r}; its fields are "
                       f"{', '.join(known)}")
    values = dict(data)
    for key, value in values.items():
        if (part, key) in _DATES and value is not None:
            if not isinstance(value, str):
                raise BadInput(f"{where}.{key} must be a date as text (YYYY-MM-DD), not {value!r}")
            try:
                values[key] = date.fromisoformat(value)
            except ValueError as exc:
                raise BadInput(f"{where}.{key} {value!r} is not a date: use YYYY-MM-DD") from exc
        elif key == "tags":
            if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
                raise BadInput(f"{where}.tags must be a list of words, not {value!r}")
        elif key in ("usefulness", "organization_id"):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise BadInput(f"{where}.{key} must be a whole number, not {value!r}")
        elif value is not None and not isinstance(value, str):
            raise BadInput(f"{where}.{key} must be text, not {value!r}")
    try:
        return cls(**values)
    except TypeError as exc:  # a required field missing
        required = [f.name for f in fields(cls)
                    if f.default is MISSING and f.default_factory is MISSING]
        raise BadInput(f"{where} needs {', '.join(required)}") from exc


def debrief_from_dict(data: object) -> Debrief:
    """A :class:`Debrief` from its JSON form (:data:`DEBRIEF_JSON_SHAPE`), checked.

    Unknown fields, values of the wrong type and dates that are not ``YYYY-MM-DD`` are
    refused here; scores and choices are checked by :func:`validate` when it is saved.

    Raises:
        BadInput: what is wrong, and where (``people[2].email``...).
    """
    if not isinstance(data, dict):
        raise BadInput("a debrief file holds one JSON object: {\"meeting_id\": 3, ...}")
    unknown = [k for k in data if k not in _TOP]
    if unknown:
        raise BadInput(f"unknown field {unknown[0]!r} in the debrief; its fields are "
                       f"{', '.join(_TOP)}")
    meeting_id = data.get("meeting_id")
    if isinstance(meeting_id, bool) or not isinstance(meeting_id, int):
        raise BadInput(f"meeting_id must be a meeting's number (see 'infoview meeting list'), "
                       f"not {meeting_id!r}")
    rapport = data.get("rapport")
    if rapport is not None and (isinstance(rapport, bool) or not isinstance(rapport, int)):
        raise BadInput(f"rapport must be a whole number from 1 to 5, not {rapport!r}")
    notes = data.get("notes")
    if notes is not None and not isinstance(notes, str):
        raise BadInput(f"notes must be text, not {notes!r}")
    parts: dict[str, list] = {}
    for part in _PARTS:
        rows = data.get(part) or []
        if not isinstance(rows, list):
            raise BadInput(f"{part} must be a list, not {rows!r}")
        parts[part] = [_row(part, i, row) for i, row in enumerate(rows, 1)]
    return Debrief(meeting_id=meeting_id, rapport=rapport, notes=notes, **parts)


def debrief_to_dict(debrief: Debrief) -> dict:
    """The JSON form of a debrief (dates as ``YYYY-MM-DD``), as :func:`debrief_from_dict`
    reads it back."""
    data = asdict(debrief)
    for promise in data["promises"]:
        due = promise["due"]
        promise["due"] = due.date().isoformat() if isinstance(due, datetime) else (
            due.isoformat() if due else None)
        promise.pop("done_at", None)
    for outcome in data["outcomes"]:
        outcome["date"] = outcome["date"].isoformat() if outcome["date"] else None
    return data


def saved_counts(debrief: Debrief) -> dict[str, int]:
    """What a saved debrief holds, counted: answers, people suggested, promises, outcomes,
    insights (for the message after saving)."""
    return {"answers": sum(1 for q in debrief.questions if (q.answer_notes or "").strip()
                           or q.usefulness is not None),
            "questions": len(debrief.questions), "people": len(debrief.people),
            "promises": len(debrief.promises), "outcomes": len(debrief.outcomes),
            "insights": len(debrief.insights)}
