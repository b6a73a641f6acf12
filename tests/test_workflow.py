"""The steps that join research, preparation and the debrief, on real SQLite files."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from infoview.errors import BadInput
from infoview.flows.meetings import (
    asked_before,
    next_meeting,
    person_to_prepare,
    planned_questions,
    save_meeting_plan,
)
from infoview.flows.research import keep_research, research_for
from infoview.models import Meeting, Organization, Person, QuestionAsked
from infoview.questions.models import PlanItem, QuestionPlan
from infoview.research.models import CompanyProfile, PersonProfile

COMPANY = CompanyProfile(url="https://kestrel.example/", name="Kestrel Health Labs",
                         industry="Health technology", location="Bristol, UK")
SAMIRA = PersonProfile(url="https://kestrel.example/team/samira.html", name="Samira Okafor",
                       title="Lead UX Researcher", organization="Kestrel Health Labs")


def test_keep_research_links_snapshots_to_the_person_and_organization(store):
    kept = keep_research(store, company=COMPANY, person=SAMIRA)
    assert kept.organization.website == COMPANY.url
    assert (kept.person.title, kept.person.profile_url) == (SAMIRA.title, SAMIRA.url)
    company, person = research_for(store, kept.person.id)
    assert company.name == "Kestrel Health Labs" and person.title == "Lead UX Researcher"


def test_research_kept_again_matches_existing_records(store):
    store.add(Person(name="samira  okafor", organization="KESTREL HEALTH LABS"))
    keep_research(store, company=COMPANY, person=SAMIRA)
    keep_research(store, company=COMPANY, person=SAMIRA)
    assert len(store.list(Person)) == 1 and len(store.list(Organization)) == 1
    assert store.list(Person)[0].title == "Lead UX Researcher"  # filled in, name kept


def test_company_research_is_found_through_the_persons_organization(store):
    keep_research(store, company=COMPANY)
    colleague = store.add(Person(name="Dev Patel", organization="Kestrel Health Labs"))
    company, person = research_for(store, colleague.id)
    assert company.name == "Kestrel Health Labs" and person is None


def test_keep_research_refuses_nothing_and_a_nameless_page(store):
    with pytest.raises(BadInput):
        keep_research(store)
    with pytest.raises(BadInput, match="names nobody"):
        keep_research(store, person=PersonProfile(url="https://x.example/"))
    assert store.list(Person) == []


def _plan(*ids):
    return QuestionPlan(items=[PlanItem(i, "role", f"Question {i}?", 2, "r") for i in ids],
                        meeting_minutes=20, overhead_minutes=4)


def test_plan_saved_with_the_meeting_comes_back_in_order_and_counts_once_held(store):
    person, meeting = save_meeting_plan(store, Person(name="Ana"), Meeting(person_id=0),
                                        _plan("role-02", "path-01"))
    plan = planned_questions(store, meeting.id)
    assert [i.id for i in plan.items] == ["role-02", "path-01"]
    assert plan.meeting_minutes == 20
    assert asked_before(store, person.id) == []  # planned is not asked
    meeting.status = "held"
    store.update(meeting)
    assert sorted(asked_before(store, person.id)) == ["path-01", "role-02"]
    save_meeting_plan(store, person, meeting, _plan("x-1"))  # a held meeting keeps its record
    assert len(store.list(QuestionAsked, meeting_id=meeting.id)) == 2


def test_next_meeting_prefers_the_earliest_upcoming_then_the_latest(store):
    assert next_meeting(store) is None
    now = datetime(2026, 11, 20, 12, tzinfo=UTC)
    ana = store.add(Person(name="Ana"))
    old = store.add(Meeting(person_id=ana.id, starts_at=now - timedelta(days=9), status="held"))
    assert next_meeting(store, now) == old.id
    late = store.add(Meeting(person_id=ana.id, starts_at=now + timedelta(days=5), status="scheduled"))
    soon = store.add(Meeting(person_id=ana.id, starts_at=now + timedelta(days=1), status="scheduled"))
    assert next_meeting(store, now) == soon.id
    soon.status = "cancelled"
    store.update(soon)
    assert next_meeting(store, now) == late.id


def test_preparation_offers_the_person_researched_last_then_the_next_host(store):
    assert person_to_prepare(store) is None
    ana = store.add(Person(name="Ana"))
    assert person_to_prepare(store) == ana.id
    bo = store.add(Person(name="Bo"))
    store.add(Meeting(person_id=ana.id, starts_at=datetime.now(UTC) + timedelta(days=2),
                      status="scheduled"))
    assert person_to_prepare(store) == ana.id  # the next meeting's host, though Bo is newer
    kept = keep_research(store, person=SAMIRA)
    assert person_to_prepare(store) == kept.person.id != bo.id
