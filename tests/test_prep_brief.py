"""The brief: who, why (common ground with where it was found), company, gaps, agenda,
logistics; and building it from a real store."""

from __future__ import annotations

from datetime import UTC, datetime

import prep_samples as s
import pytest

from infoview.errors import BadInput
from infoview.flows.prep import brief_from_store
from infoview.models import (
    Meeting,
    Organization,
    Person,
    QuestionAsked,
    Referral,
    ResearchSnapshot,
    UserProfile,
)
from infoview.prep.brief import CLOSING_PAIR, REMINDERS, build_brief
from infoview.prep.ground import find_gaps
from infoview.questions.models import QuestionPlan


def test_who_names_the_person_their_organization_link_and_referrer():
    who = s.brief().who
    assert (who.name, who.title, who.organization) == (
        "Samira Okafor", "Senior UX Researcher", "Kestrel Health Labs")
    assert who.profile_url == "https://www.linkedin.com/in/samira-okafor-example"
    assert who.referred_by == "Tom Reyes"
    assert who.first_name == "Samira"


def test_research_fills_what_the_person_record_lacks():
    brief = s.brief(person=s.person(title=None, organization=None, profile_url=None))
    assert brief.who.title == "Senior UX Researcher"
    assert brief.who.organization == "Kestrel Health Labs"
    assert brief.who.profile_url == "https://kestrel.example/team/samira-okafor.html"


def test_common_ground_says_what_matched_and_where():
    ground = {g.value: g for g in s.brief().common_ground}
    assert ground["University of Bristol"].kind == "school"
    assert ground["University of Bristol"].where == "their bio"
    assert ground["University of Bristol"].source_url == "https://kestrel.example/team/samira-okafor.html"
    assert "studied psychology at the University of Bristol" in ground["University of Bristol"].excerpt
    assert ground["NHS"].kind == "employer" and ground["NHS"].where == "their bio"
    # one entry per value: the person's own texts first, the company's listed as "also"
    assert ground["Bristol"].where == "their location"
    assert "company location" in ground["Bristol"].also
    assert ground["code club"].where == "company pages"
    assert ground["code club"].source_url == "https://kestrel.example/about.html"
    assert "Leeds" not in ground and "sailing" not in ground


def test_common_ground_matches_whole_words_only():
    profile = UserProfile(name="A", places=["Bath"], interests=["art"])
    brief = s.brief(profile=profile)
    # "Bath" is not in "bathroom", "art" is not in "start" or "party"
    pr = s.person_research()
    pr.bio = "She started in a bathroom-fittings start-up before a party of researchers."
    rebuilt = build_brief(person=s.person(), person_research=pr, plan=s.plan(), profile=profile)
    assert rebuilt.common_ground == []
    assert brief.common_ground == []


def test_company_shows_the_three_most_recent_dated_news_newest_first():
    news = s.brief().company.news
    assert [n["date"] for n in news] == ["2025-09-18", "2025-06-02", "2025-03-14"]
    assert news[0]["url"] == "https://kestrel.example/news/nhs.html"


def test_company_in_brief_holds_what_where_when_and_leadership():
    c = s.brief().company
    assert c.what.startswith("Kestrel Health Labs builds")
    assert (c.location, c.founded) == ("Bristol, UK", "2015")
    assert c.leadership[0] == {"name": "Imogen Hartley", "title": "Chief Executive Officer",
                               "source_url": "https://kestrel.example/team.html"}
    assert len(c.leadership) == 4


def test_gaps_list_what_research_missed_and_the_questions_that_fill_them():
    company = s.company()
    company.founded = None
    company.people = []
    gaps = {g.topic: g for g in find_gaps(company, None, s.plan())}
    assert set(gaps) == {"founding year", "leadership", "their role", "their path"}
    assert gaps["their path"].questions == ["How did you come to user research at Kestrel Health Labs?"]
    assert gaps["founding year"].questions == ["Which changes in digital health matter most to your team?"]


def test_no_research_at_all_gives_gaps_not_errors():
    brief = build_brief(person=Person(name="Jo Bloggs"), plan=s.plan())
    assert brief.company is None
    assert "what the company does" in {g.topic for g in brief.gaps}
    assert brief.logistics.when == "Not yet agreed"
    assert brief.pitch == "" and any("Fill in About me" in n for n in brief.page_notes)


def test_complete_research_leaves_no_gaps():
    assert find_gaps(s.company(), s.person_research(), s.plan()) == []


def test_agenda_runs_greeting_purpose_questions_pitch_closing_wrapup_with_minute_marks():
    agenda = s.brief().agenda
    assert [a.label for a in agenda] == [
        "Greeting", "Purpose", "Question 1", "Question 2", "Question 3",
        "Question 4", "Question 5", "About you", "Closing", "Closing", "Wrap-up"]
    # greeting 1, purpose 0.5 (the question module's fixed parts), questions 3+3+2+3+3, pitch 1.5
    assert [a.mark for a in agenda] == ["0:00", "1:00", "1:30", "4:30", "7:30", "9:30", "12:30",
                                        "15:30", "17:00", "18:00", "18:30"]
    assert agenda[0].clock == "10:00"  # 10:00 UTC is 10:00 in London in December
    assert "not to ask for a job" in agenda[1].text
    assert "I studied psychology" in agenda[7].text
    assert "by 10:20" in agenda[-1].text


def test_agenda_adds_the_closing_pair_when_the_plan_lacks_it():
    plan = s.plan()
    plan.items = [i for i in plan.items if i.category != "closing"]
    closing = [a.text for a in s.brief(plan=plan).agenda if a.kind == "closing"]
    assert closing == list(CLOSING_PAIR)


def test_a_plan_longer_than_the_meeting_is_flagged():
    plan = s.plan()
    plan.items[0].minutes = 10
    assert "takes 26.5 minutes but the meeting has 20" in s.brief(plan=plan).warnings[0]


def test_logistics_show_local_time_with_zone_format_link_and_contact():
    summer = s.meeting(starts_at=datetime(2026, 7, 1, 9, 0, tzinfo=UTC))
    lg = s.brief(meeting=summer).logistics
    assert lg.when == "Wed 1 Jul 2026, 10:00-10:20 BST (Europe/London)"
    assert lg.starts_at.utcoffset().total_seconds() == 3600
    assert (lg.format, lg.link, lg.place, lg.minutes) == (
        "Video call", "https://meet.example.org/kestrel-abc", None, 20)
    assert (lg.host_email, lg.host_phone) == ("samira@kestrel.example", "+44 117 496 0123")


def test_in_person_meeting_keeps_the_place_as_a_place():
    lg = s.brief(meeting=s.meeting(format="in_person", place="Small Street Espresso, Bristol")).logistics
    assert (lg.format, lg.place, lg.link) == ("In person", "Small Street Espresso, Bristol", None)


def test_naive_start_time_or_unknown_zone_is_refused():
    with pytest.raises(BadInput, match="no time zone"):
        s.brief(meeting=s.meeting(starts_at=datetime(2026, 12, 1, 10, 0)))
    with pytest.raises(BadInput, match="unknown time zone 'Mars/Olympus'"):
        s.brief(meeting=s.meeting(timezone="Mars/Olympus"))


def test_reminders_cover_time_notes_and_no_cv():
    text = " ".join(s.brief().reminders)
    assert s.brief().reminders == list(REMINDERS)
    for needle in ("early", "notes", "Keep time", "CV"):
        assert needle in text


def test_to_dict_is_json_ready_and_carries_the_plan_contract():
    import json

    data = s.brief().to_dict()
    json.dumps(data, default=str)
    assert data["title"] == "Informational interview with Samira Okafor (Kestrel Health Labs)"
    assert data["plan"][0] == {"id": "path-1", "category": "path", "text": "How did you come to user "
                               "research at Kestrel Health Labs?", "minutes": 3, "reason": "core"}
    assert data["agenda"][2]["mark"] == "1:30"


# ---- from the store ------------------------------------------------------------------------

def _fill(store):
    tom = store.add(Person(name="Tom Reyes", organization="Bristol UX Meetup"))
    samira = store.add(s.person(id=None))
    org = store.add(Organization(name="kestrel health labs"))
    store.add(ResearchSnapshot(kind="company", source_url="https://old.example/", organization_id=org.id,
                               data={"url": "https://old.example/", "name": "Old"},
                               fetched_at=datetime(2026, 1, 1, tzinfo=UTC)))
    store.add(ResearchSnapshot(kind="company", source_url="https://kestrel.example/", organization_id=org.id,
                               data=s.company().to_dict(), fetched_at=datetime(2026, 11, 1, tzinfo=UTC)))
    store.add(ResearchSnapshot(kind="person", source_url="https://kestrel.example/team/samira-okafor.html",
                               person_id=samira.id, data=s.person_research().to_dict(),
                               fetched_at=datetime(2026, 11, 1, tzinfo=UTC)))
    store.add(Referral(from_person_id=tom.id, to_person_id=samira.id, may_mention="yes"))
    earlier = store.add(Meeting(person_id=samira.id, status="held",
                                starts_at=datetime(2026, 6, 1, 9, tzinfo=UTC)))
    store.add(QuestionAsked(meeting_id=earlier.id, text="anything", question_id="path-01"))
    meeting = store.add(s.meeting(id=None, person_id=samira.id, planned_minutes=30))
    store.save_profile(s.profile())
    return samira, meeting


def test_brief_from_store_uses_latest_research_referrer_profile_and_skips_asked_questions(store):
    from infoview.questions.bank import load_bank

    samira, meeting = _fill(store)
    by_meeting = brief_from_store(store, meeting_id=meeting.id, now=s.NOW)
    by_person = brief_from_store(store, person_id=samira.id, now=s.NOW)
    for brief in (by_meeting, by_person):
        assert brief.company.name == "Kestrel Health Labs"  # the newer snapshot, found via the organization
        assert brief.who.referred_by == "Tom Reyes"
        assert brief.meeting_id == meeting.id
        assert isinstance(brief.plan, QuestionPlan) and brief.plan.meeting_minutes == 30
        assert "path-01" not in [item.id for item in brief.plan.items]
        assert any(g.value == "University of Bristol" for g in brief.common_ground)
    assert "path-01" in {q.id for q in load_bank()}  # the skipped id is a real bank question


def test_brief_from_store_needs_exactly_one_of_meeting_or_person(store):
    with pytest.raises(BadInput, match="either a meeting id or a person id"):
        brief_from_store(store)
    with pytest.raises(BadInput):
        brief_from_store(store, meeting_id=1, person_id=1)


@pytest.mark.parametrize("role,industry,expected", [
    ("UX researcher", "health tech", "about working as a UX researcher in health tech,"),
    ("engineer", None, "about working as an engineer,"),
    ("Product roles", None, "about product roles,"),  # an ordinary capital, mid-sentence
    (None, "digital health", "about working in digital health,"),
    (None, None, "about user research roles in digital health,"),  # the profile's "exploring"
])
def test_purpose_names_what_the_meeting_is_about(role, industry, expected):
    purpose = s.brief(meeting=s.meeting(role=role, industry=industry)).agenda[1].text
    assert expected in purpose


def test_matches_in_the_users_own_records_cite_no_page():
    profile = UserProfile(name="A", places=["Leeds"])
    brief = s.brief(person=s.person(location="Leeds"), profile=profile)
    (ground,) = brief.common_ground
    assert (ground.where, ground.source_url) == ("your record of their location", None)


def test_questions_planned_for_a_cancelled_meeting_are_not_counted_as_asked(store):
    samira, meeting = _fill(store)
    called_off = store.add(Meeting(person_id=samira.id, status="cancelled",
                                   starts_at=datetime(2026, 7, 1, 9, tzinfo=UTC)))
    store.add(QuestionAsked(meeting_id=called_off.id, text="planned only", question_id="role-01"))
    brief = brief_from_store(store, meeting_id=meeting.id, now=s.NOW)
    skipped_as_asked = {x.id for x in brief.plan.skipped if "asked" in x.reason.lower()}
    assert "path-01" in skipped_as_asked      # asked in a held meeting
    assert "role-01" not in skipped_as_asked  # only planned for one that never happened


def test_agenda_purpose_writes_a_typed_industry_and_role_mid_sentence():
    """The purpose line reads "advice about working as a product manager in digital
    health", not "... a Product manager in Digital health"; acronyms keep their capitals."""
    plain = build_brief(person=s.person(), plan=s.plan(),
                        meeting=s.meeting(role="Product manager", industry="Digital health"))
    assert "about working as a product manager in digital health" in plain.agenda[1].text
    named = build_brief(person=s.person(), plan=s.plan(),
                        meeting=s.meeting(role="UX researcher", industry="NHS England"))
    assert "about working as a UX researcher in NHS England" in named.agenda[1].text
