"""Steps that join the areas together, as the notebooks (and their panels) take them.

Research is kept as a person and an organization, preparation finds that research again,
a meeting is saved with its planned questions, and the debrief picks those questions up.
Each step is a plain function over the store, so the panels stay free of business rules
and a script can take the same steps.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from infoview.errors import BadInput
from infoview.models import Meeting, Organization, Person, QuestionAsked
from infoview.store.matching import fold

log = logging.getLogger(__name__)


@dataclass
class KeptResearch:
    """What :func:`keep_research` stored: the records and the snapshots linked to them."""

    person: Person | None = None
    organization: Organization | None = None
    snapshots: list[Any] = field(default_factory=list)


def find_organization(store, name: str | None) -> Organization | None:
    """The stored organization with this name (case and spacing ignored), if any."""
    key = fold(name)
    if not key:
        return None
    return next((o for o in store.list(Organization) if fold(o.name) == key), None)


def keep_research(store, company=None, person=None) -> KeptResearch:
    """Save research results and the records they are about, in one transaction.

    The company becomes (or updates) an :class:`Organization`, the person a :class:`Person`
    (matched by profile URL, else by name and organization, so research saved twice
    does not make two people), and each profile a research snapshot linked to them.

    Args:
        store: the open store.
        company: a :class:`~infoview.research.models.CompanyProfile`, or ``None``.
        person: a :class:`~infoview.research.models.PersonProfile`, or ``None``.

    Raises:
        BadInput: neither profile given, or the person's page named nobody.
    """
    from infoview.research.results import save_research

    if company is None and person is None:
        raise BadInput("nothing to save: research a company or a person first")
    if person is not None and not person.name:
        raise BadInput(f"the page {person.url} names nobody, so there is no person to save; "
                       "check the URL, or add the person by hand in the preparation step")
    kept = KeptResearch()
    now = datetime.now(timezone.utc)
    with store.transaction():
        if company is not None and company.name:
            kept.organization = _upsert_organization(store, company, now)
        if person is not None:
            kept.person = _upsert_person(store, person, company, now)
        org_id = kept.organization.id if kept.organization else None
        person_id = kept.person.id if kept.person else None
        if company is not None:
            kept.snapshots.append(save_research(store, company, person_id=person_id,
                                                organization_id=org_id))
        if person is not None:
            kept.snapshots.append(save_research(store, person, person_id=person_id,
                                                organization_id=org_id))
    return kept


def _upsert_organization(store, company, now: datetime) -> Organization:
    org = find_organization(store, company.name)
    if org is None:
        return store.add(Organization(name=company.name, website=company.url,
                                      industry=company.industry, location=company.location,
                                      created_at=now))
    org.website = org.website or company.url
    org.industry = org.industry or company.industry
    org.location = org.location or company.location
    return store.update(org)


def _upsert_person(store, profile, company, now: datetime) -> Person:
    organization = profile.organization or (company.name if company is not None else None)
    found = store.find_people(profile_url=profile.url)
    if not found:
        found = store.find_people(name=profile.name, organization=organization)
    if found:
        person = found[0]
        person.title = person.title or profile.title
        person.organization = person.organization or organization
        person.location = person.location or profile.location
        person.profile_url = person.profile_url or profile.url
        return store.update(person)
    return store.add(Person(name=profile.name, title=profile.title, organization=organization,
                            location=profile.location, profile_url=profile.url, created_at=now))


def research_for(store, person_id: int):
    """The newest saved research for a person: ``(company profile, person profile)``.

    The company research is the one saved for the person, else the one saved for their
    organization; either may be ``None``. The lookup itself is
    :func:`infoview.prep.brief.load_research`, so the panels and the printed brief agree.
    """
    from infoview.prep.brief import load_research

    return load_research(store, store.get(Person, person_id))


def asked_before(store, person_id: int, *, except_meeting: int | None = None) -> list[str]:
    """Bank ids of the questions already asked of this person in meetings that were held."""
    ids: list[str] = []
    for meeting in store.list(Meeting, person_id=person_id):
        if meeting.status != "held" or meeting.id == except_meeting:
            continue
        ids += [q.question_id for q in store.list(QuestionAsked, meeting_id=meeting.id)
                if q.question_id]
    return ids


def save_meeting_plan(store, person: Person, meeting: Meeting, plan=None) -> tuple[Person, Meeting]:
    """Save a person (when new), the meeting, and its planned questions, in one transaction.

    The planned questions are kept as the meeting's questions (no notes yet), so that the
    meeting companion and the debrief find them; saving again replaces them, unless the
    meeting was already held (then its recorded answers are left alone). A requested
    meeting that has a start time is scheduled.
    """
    if meeting.starts_at is not None and meeting.status == "requested":
        meeting.status = "scheduled"
    with store.transaction():
        if person.id is None:
            person.created_at = person.created_at or datetime.now(timezone.utc)
            person = store.add(person)
        meeting.person_id = person.id
        meeting = store.add(meeting) if meeting.id is None else store.update(meeting)
        if plan is not None and meeting.status != "held":
            for old in store.list(QuestionAsked, meeting_id=meeting.id):
                store.delete(QuestionAsked, old.id)
            store.add_many(QuestionAsked(meeting_id=meeting.id, text=item.text,
                                         question_id=item.id, category=item.category,
                                         position=i) for i, item in enumerate(plan.items, 1))
    return person, meeting


def planned_questions(store, meeting_id: int):
    """The meeting's planned questions as a ``QuestionPlan`` (minutes from the bank when
    known, else 2), for the meeting companion."""
    from infoview.questions.bank import load_bank
    from infoview.questions.models import PlanItem, QuestionPlan, overhead_minutes

    meeting = store.get(Meeting, meeting_id)
    minutes = {q.id: q.minutes for q in load_bank()}
    rows = sorted(store.list(QuestionAsked, meeting_id=meeting_id),
                  key=lambda q: (q.position is None, q.position or 0, q.id))
    items = [PlanItem(id=q.question_id or f"asked-{q.id}", category=q.category or "own",
                      text=q.text, minutes=minutes.get(q.question_id, 2.0), reason="planned")
             for q in rows]
    return QuestionPlan(items=items, meeting_minutes=meeting.planned_minutes,
                        overhead_minutes=overhead_minutes())


def next_meeting(store, now: datetime | None = None) -> int | None:
    """The meeting to hold or debrief next: the earliest one not yet held, cancelled, missed
    or moved that starts from an hour ago on, else the most recent meeting; ``None`` when there are none."""
    from datetime import timedelta

    now = now or datetime.now(timezone.utc)
    meetings = store.list(Meeting)
    if not meetings:
        return None
    open_ = [m for m in meetings if m.status not in ("held", "cancelled", "no_show", "moved")
             and (m.starts_at is None or m.starts_at >= now - timedelta(hours=1))]
    if open_:
        return min(open_, key=lambda m: (m.starts_at is None, m.starts_at or now, m.id)).id
    return max(meetings, key=lambda m: (m.starts_at is not None, m.starts_at or now, m.id)).id


def meeting_brief(store, meeting_id: int):
    """The brief of a stored meeting (its person, research, planned questions, user profile),
    e.g. for the meeting companion's agenda."""
    from infoview.prep.brief import build_brief

    meeting = store.get(Meeting, meeting_id)
    person = store.get(Person, meeting.person_id)
    company, person_research = research_for(store, person.id)
    return build_brief(person=person, company=company, person_research=person_research,
                       plan=planned_questions(store, meeting_id), meeting=meeting,
                       profile=store.get_profile())


def thanks_draft(store, debrief):
    """The thank-you note for a debriefed meeting: it names the first insight (else the
    first answer noted) as what was learned, and the user's promises as kept."""
    from datetime import date

    from infoview.prep.outreach import thanks

    meeting = store.get(Meeting, debrief.meeting_id)
    host = store.get(Person, meeting.person_id)
    learned = next((i.text for i in debrief.insights), None) or next(
        (q.answer_notes for q in debrief.questions if q.answer_notes), None)
    return thanks(host, store.get_profile(), learned=learned,
                  promises=[p.what for p in debrief.promises if p.owner == "user"],
                  meeting_date=meeting.starts_at.date() if meeting.starts_at else None,
                  send_date=date.today())


def person_to_prepare(store) -> int | None:
    """Whom the preparation step offers first: the person researched most recently (the
    usual step before preparing), else the host of the next meeting, else the newest person."""
    from infoview.models import ResearchSnapshot

    researched = [s for s in store.list(ResearchSnapshot) if s.person_id is not None]
    if researched:
        newest = max(researched, key=lambda s: (s.fetched_at is not None, s.fetched_at or 0, s.id))
        return newest.person_id
    meeting_id = next_meeting(store)
    if meeting_id is not None:
        return store.get(Meeting, meeting_id).person_id
    people = store.list(Person)
    return people[-1].id if people else None
