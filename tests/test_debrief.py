"""Saving a debrief: everything in one transaction, edits never duplicate, bad input saves nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from infoview.errors import BadInput, NotFound
from infoview.flows.debrief import (
    AnsweredQuestion,
    Debrief,
    DebriefOutcome,
    KeyInsight,
    Promise,
    SuggestedPerson,
    load_debrief,
    save_debrief,
)
from infoview.models import (
    Action,
    Insight,
    Meeting,
    Organization,
    Outcome,
    Person,
    QuestionAsked,
    Referral,
)

UTC = UTC
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture()
def meeting(store):
    host = store.add(Person(name="Samira Okafor", title="Senior UX Researcher",
                            organization="Kestrel Health Labs", how_known="alumni"))
    return store.add(Meeting(person_id=host.id, starts_at=START, planned_minutes=30, status="scheduled"))


def full_debrief(meeting_id: int) -> Debrief:
    return Debrief(
        meeting_id=meeting_id,
        questions=[
            AnsweredQuestion("How did you end up in UX research?", "path-01", "path", "Via psychology", 4),
            AnsweredQuestion("Who else should I talk to?", "closing-01", "closing", "Tom and Lia", 5),
            AnsweredQuestion("What surprised you?", answer_notes="The paperwork"),
        ],
        insights=[KeyInsight("Juniors are hired through referrals", ["hiring", "digital health"])],
        people=[
            SuggestedPerson("Tom Reyes", "Product Manager", "Kestrel Health Labs",
                            email="tom@kestrel.example", may_mention="yes"),
            SuggestedPerson("Lia Chen", "Data Scientist", "Harbourline Energy", contact_by="host"),
        ],
        promises=[Promise("Send Samira my portfolio", "user", due=date(2026, 3, 5)),
                  Promise("Forward the job posting", "host",
                          due=datetime(2026, 3, 9, 9, 0, tzinfo=UTC))],
        rapport=4,
        outcomes=[DebriefOutcome("lead", notes="Team may hire in May")],
        notes="Friendly, ran 10 minutes over",
    )


def _counts(store):
    counts = store.counts()
    return {k: counts[k] for k in ("people", "referrals", "actions", "outcomes",
                                   "questions_asked", "insights")}


def test_save_records_the_whole_debrief(store, meeting):
    save_debrief(store, full_debrief(meeting.id), now=NOW)
    saved = store.get(Meeting, meeting.id)
    assert (saved.status, saved.rapport, saved.notes) == ("held", 4, "Friendly, ran 10 minutes over")
    questions = store.list(QuestionAsked, meeting_id=meeting.id)
    assert [(q.position, q.question_id, q.usefulness) for q in questions] == [
        (1, "path-01", 4), (2, "closing-01", 5), (3, None, None)]
    assert store.list(Insight, meeting_id=meeting.id)[0].tags == ["hiring", "digital health"]
    tom = store.find_people(name="Tom Reyes")[0]
    assert (tom.how_known, tom.email, tom.title) == ("referral", "tom@kestrel.example", "Product Manager")
    referrals = {r.to_person_id: r for r in store.list(Referral, meeting_id=meeting.id)}
    assert referrals[tom.id].from_person_id == meeting.person_id
    assert referrals[tom.id].may_mention == "yes"
    lia = store.find_people(name="Lia Chen")[0]
    assert referrals[lia.id].contact_by == "host"
    outcome = store.list(Outcome, meeting_id=meeting.id)[0]
    assert (outcome.kind, outcome.person_id, outcome.date) == ("lead", meeting.person_id, date(2026, 3, 2))


def test_an_outcome_without_a_date_saved_before_the_meeting_is_dated_the_day_of_saving(store):
    # Seen in the app: a debrief saved early dated its outcome on the meeting's future day.
    from infoview.flows.profile import save_profile

    save_profile(store, name="Lena Fischer", timezone="Asia/Tokyo")   # UTC+9
    host = store.add(Person(name="Sam Okafor"))
    later = store.add(Meeting(person_id=host.id, starts_at=datetime(2026, 3, 10, 9, 0, tzinfo=UTC),
                              planned_minutes=30, status="scheduled"))
    saving = datetime(2026, 3, 2, 20, 0, tzinfo=UTC)                   # 3 March in Tokyo
    save_debrief(store, Debrief(meeting_id=later.id, outcomes=[DebriefOutcome("lead")]),
                 now=saving)
    [outcome] = store.list(Outcome, meeting_id=later.id)
    assert outcome.date == date(2026, 3, 3)
    # once the meeting has begun, its own day is the outcome's
    save_debrief(store, Debrief(meeting_id=later.id, outcomes=[DebriefOutcome("lead")]),
                 now=datetime(2026, 3, 12, 9, 0, tzinfo=UTC))
    assert store.list(Outcome, meeting_id=later.id)[0].date == date(2026, 3, 10)


def test_promises_and_follow_ups_become_actions_with_owners_and_due_dates(store, meeting):
    save_debrief(store, full_debrief(meeting.id), now=NOW)
    actions = store.list(Action, meeting_id=meeting.id)
    by_kind: dict[str, list[Action]] = {}
    for a in actions:
        by_kind.setdefault(a.kind, []).append(a)
    promises = {a.owner: a for a in by_kind["promise"]}
    assert promises["user"].what == "Send Samira my portfolio"
    assert promises["user"].due.date() == date(2026, 3, 5)
    assert promises["host"].due == datetime(2026, 3, 9, 9, 0, tzinfo=UTC)
    # the thank-you is due 24 hours after the meeting ended (09:00 + 30 min)
    (thanks,) = by_kind["thank_you"]
    assert thanks.due == START + timedelta(minutes=30, hours=24)
    assert thanks.person_id == meeting.person_id
    assert len(by_kind["contact_referral"]) == 2  # one per person suggested
    assert len(by_kind["tell_referrer"]) == 2
    host_made = [a for a in by_kind["contact_referral"] if a.owner == "host"]
    assert len(host_made) == 1  # Lia: the host makes the introduction


def test_saving_again_changes_nothing(store, meeting):
    debrief = full_debrief(meeting.id)
    save_debrief(store, debrief, now=NOW)
    before = _counts(store)
    save_debrief(store, debrief, now=NOW + timedelta(days=1))
    save_debrief(store, load_debrief(store, meeting.id), now=NOW + timedelta(days=2))
    assert _counts(store) == before
    assert before == {"people": 3, "referrals": 2, "actions": 7, "outcomes": 1,
                      "questions_asked": 3, "insights": 1}


def test_load_edit_save_updates_in_place(store, meeting):
    save_debrief(store, full_debrief(meeting.id), now=NOW)
    thanks = store.list(Action, meeting_id=meeting.id, kind="thank_you")[0]
    thanks.done_at = NOW + timedelta(hours=3)
    store.update(thanks)

    edited = load_debrief(store, meeting.id)
    assert edited.rapport == 4 and len(edited.people) == 2
    edited.questions[0].usefulness = 2
    edited.people = [p for p in edited.people if p.name != "Lia Chen"]
    edited.people[0].phone = "+44 117 496 0000"
    edited.outcomes.append(DebriefOutcome("application", date=date(2026, 3, 20)))
    edited.promises[0].done_at = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)
    save_debrief(store, edited, now=NOW + timedelta(days=1))

    assert store.list(QuestionAsked, meeting_id=meeting.id)[0].usefulness == 2
    assert [r.to_person_id for r in store.list(Referral, meeting_id=meeting.id)] == [
        store.find_people(name="Tom Reyes")[0].id]
    assert store.find_people(name="Tom Reyes")[0].phone == "+44 117 496 0000"
    kinds = sorted(a.kind for a in store.list(Action, meeting_id=meeting.id))
    # Lia's contact and tell-referrer actions went with her; the done thank-you stayed
    assert kinds == ["contact_referral", "promise", "promise", "tell_referrer", "thank_you"]
    assert store.list(Action, meeting_id=meeting.id, kind="thank_you")[0].done_at == NOW + timedelta(hours=3)
    assert sorted(o.kind for o in store.list(Outcome, meeting_id=meeting.id)) == ["application", "lead"]
    kept = [a for a in store.list(Action, meeting_id=meeting.id, kind="promise") if a.owner == "user"]
    assert kept[0].done_at == datetime(2026, 3, 4, 10, 0, tzinfo=UTC)


def test_a_person_referred_twice_is_one_person_with_two_referrals(store, meeting):
    save_debrief(store, full_debrief(meeting.id), now=NOW)
    other_host = store.add(Person(name="Priya Shah", organization="Orchard Learning"))
    second = store.add(Meeting(person_id=other_host.id, starts_at=START + timedelta(days=5)))
    # same email, name written differently: the email decides
    save_debrief(store, Debrief(second.id, people=[
        SuggestedPerson("Tom Reyes-Diaz", organization="Kestrel Health", email="TOM@kestrel.example"),
        # same name and organization, other case and spacing: still Lia
        SuggestedPerson("lia  chen", organization="HARBOURLINE ENERGY"),
    ]), now=NOW + timedelta(days=5))
    assert store.counts()["people"] == 4  # Samira, Tom, Lia, Priya
    (tom,) = [p for p in store.list(Person) if p.email == "tom@kestrel.example"]
    assert tom.name == "Tom Reyes"  # the name first recorded stays
    assert {r.from_person_id for r in store.list(Referral, to_person_id=tom.id)} == {
        meeting.person_id, other_host.id}


def test_a_known_contact_keeps_how_they_are_known(store, meeting):
    known = store.add(Person(name="Tom Reyes", organization="Kestrel Health Labs", how_known="colleague"))
    save_debrief(store, full_debrief(meeting.id), now=NOW)
    assert store.get(Person, known.id).how_known == "colleague"
    assert store.get(Person, known.id).email == "tom@kestrel.example"  # filled in


def test_bad_scores_are_refused_with_every_problem_and_nothing_saved(store, meeting):
    debrief = full_debrief(meeting.id)
    debrief.rapport = 0
    debrief.questions[0].usefulness = 7
    debrief.people[0].may_mention = "maybe"
    before = _counts(store)
    with pytest.raises(BadInput) as caught:
        save_debrief(store, debrief, now=NOW)
    message = str(caught.value)
    assert "rapport must be a whole number from 1 to 5, not 0" in message
    assert "usefulness of question 1 must be a whole number from 1 to 5, not 7" in message
    assert "may_mention of Tom Reyes must be one of yes, no, unknown" in message
    assert _counts(store) == before
    assert store.get(Meeting, meeting.id).status == "scheduled"


def test_a_suggested_email_that_is_no_address_is_refused_and_nothing_saved(store, meeting):
    # A debrief file (or the form) once stored "owen at kestrel" as someone's email.
    debrief = full_debrief(meeting.id)
    debrief.people[0].email = "tom at kestrel"
    before = _counts(store)
    with pytest.raises(BadInput, match="the email of Tom Reyes: 'tom at kestrel' is not an "
                                       "email address"):
        save_debrief(store, debrief, now=NOW)
    assert _counts(store) == before
    assert store.get(Meeting, meeting.id).status == "scheduled"


def test_an_unknown_meeting_is_not_found(store, meeting):
    with pytest.raises(NotFound, match="no meeting 999 to debrief"):
        save_debrief(store, Debrief(999, rapport=3), now=NOW)
    with pytest.raises(NotFound):
        load_debrief(store, 999)


def test_a_failure_half_way_leaves_nothing_behind(store, meeting):
    debrief = full_debrief(meeting.id)
    debrief.outcomes = [DebriefOutcome("offer", organization_id=4242)]  # no such organization
    before = _counts(store)
    with pytest.raises(BadInput):
        save_debrief(store, debrief, now=NOW)
    assert _counts(store) == before
    assert store.get(Meeting, meeting.id).status == "scheduled"
    assert store.counts()["organizations"] == 0
    assert not store.list(Organization)


def test_the_thank_you_names_the_answer_rated_most_useful_not_the_first_nor_the_closing(
        store, meeting):
    # Maya's debrief had no insight typed: the note named the first answer noted, however
    # little it was worth, where the one she rated highest was what she learned.
    from infoview.flows.meetings import thanks_draft

    debrief = Debrief(meeting_id=meeting.id, questions=[
        AnsweredQuestion("What does a typical week look like?", "role-01", "role",
                         "meetings, mostly", 2),
        AnsweredQuestion("How do findings reach the roadmap?", "role-02", "role",
                         "through a monthly review with the product leads", 5),
        AnsweredQuestion("Who else should I talk to?", "closing-01", "closing",
                         "Tom and Lia", 5),
    ])
    body = thanks_draft(store, debrief).body
    assert "through a monthly review with the product leads" in body
    assert "meetings, mostly" not in body and "Tom and Lia" not in body
