"""The plan selector: time budget, closing pair, placeholders, mixing, gaps, determinism."""

from __future__ import annotations

import functools
import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from question_fixtures import KESTREL

from infoview.errors import BadInput
from infoview.questions.bank import USER_BANK_ENV, load_bank
from infoview.questions.models import AUDIENCES, MEETING_OVERHEAD, Question, overhead_minutes
from infoview.questions.select import MAX_MINUTES, MIN_MINUTES, select_questions, topics_covered
from infoview.research.models import CompanyProfile


@pytest.fixture(autouse=True)
def _no_user_bank(monkeypatch):
    monkeypatch.delenv(USER_BANK_ENV, raising=False)


@functools.cache
def _shipped() -> tuple[Question, ...]:
    return tuple(load_bank())


def bank() -> list[Question]:
    """The shipped bank (the autouse fixture keeps a user's own file out of the tests)."""
    return list(_shipped())



def _check_plan(plan, minutes: int) -> None:
    """The invariants every plan keeps."""
    ids = [item.id for item in plan.items]
    assert ids[-2:] == ["closing-01", "closing-02"]
    assert len(ids) == len(set(ids))
    for item in plan.items:
        assert not re.search(r"[{}]", item.text), item.text
        assert item.reason
    assert plan.question_minutes + plan.overhead_minutes <= minutes + 1e-9
    assert plan.meeting_minutes == minutes


@pytest.mark.parametrize("minutes", [10, 15, 20, 30, 45, 60])
def test_time_budget_is_held_and_closing_pair_is_last(minutes):
    plan = select_questions(role="data analyst", industry="healthcare", minutes=minutes)
    _check_plan(plan, minutes)
    assert len(plan.items) >= 3
    # nothing else in the bank would still fit: time is used, not wasted
    left = minutes - plan.question_minutes - plan.overhead_minutes
    assert left < 2


def test_longer_meeting_gets_more_questions_and_keeps_the_first_ones():
    short = select_questions(role="nurse", industry="healthcare", minutes=15)
    long = select_questions(role="nurse", industry="healthcare", minutes=45)
    assert len(long.items) > len(short.items)
    assert [i.id for i in short.items[:-2]] == [i.id for i in long.items[: len(short.items) - 2]]


def test_most_valuable_questions_come_first():
    plan = select_questions(role="nurse", industry="healthcare", minutes=60)
    weights = {q.id: q.weight for q in bank()}
    first, rest = plan.items[0], plan.items[1:-2]
    assert weights[first.id] == max(weights.values())
    assert weights[rest[0].id] >= weights[rest[-1].id]


def test_overhead_is_the_agenda_parts_total():
    plan = select_questions(minutes=20)
    assert plan.overhead_minutes == overhead_minutes() == sum(p.minutes for p in MEETING_OVERHEAD)
    assert [p.key for p in MEETING_OVERHEAD] == ["greeting", "purpose", "self_introduction", "wrap_up"]


@pytest.mark.parametrize("minutes", [0, -5, 9, 241, 10_000, 12.5, "twenty", None, True])
def test_bad_minutes_give_a_clear_error(minutes):
    with pytest.raises(BadInput, match="minutes"):
        select_questions(minutes=minutes)


def test_minutes_error_names_the_range():
    with pytest.raises(BadInput, match=f"{MIN_MINUTES} to {MAX_MINUTES} minutes, not 0"):
        select_questions(minutes=0)


def test_missing_values_get_neutral_fills():
    texts = " ".join(i.text for i in select_questions(minutes=60).items)
    assert "your field" in texts and "your industry" in texts and "your company" in texts


def test_given_values_are_filled_in():
    plan = select_questions(role="midwife", profession="midwifery", industry="maternity care",
                            company="Harbour Clinic", minutes=60)
    texts = " ".join(i.text for i in plan.items)
    assert "a midwife" in texts and "midwifery" in texts and "maternity care" in texts
    assert "your field" not in texts and "your industry" not in texts


def test_no_category_dominates_a_long_plan():
    plan = select_questions(role="nurse", industry="healthcare", minutes=60)
    counts = Counter(i.category for i in plan.items[:-2])
    assert len(counts) >= 5
    assert max(counts.values()) <= len(plan.items[:-2]) // 2


def test_focus_lets_a_category_dominate():
    plan = select_questions(minutes=45, focus="industry")
    counts = Counter(i.category for i in plan.items[:-2])
    assert counts.most_common(1)[0][0] == "industry"
    assert counts["industry"] > len(plan.items[:-2]) // 2
    assert "in your focus" in plan.items[0].reason


def test_audience_picks_questions_written_for_it():
    ids = {i.id for i in select_questions(minutes=60, audience="career_changer").items}
    assert "advice-04" in ids  # written for career changers
    anyone = {i.id for i in select_questions(minutes=60).items}
    specific = {q.id for q in bank() if "anyone" not in q.audiences}
    assert not anyone & specific


def test_audience_spelling_is_forgiving_but_unknown_is_an_error():
    assert select_questions(audience="Career changer").items
    with pytest.raises(BadInput, match="unknown audience 'retiree'"):
        select_questions(audience="retiree")


def test_already_asked_questions_are_left_out_by_id_or_text():
    first = select_questions(role="nurse", minutes=20)
    asked = [first.items[0].id, first.items[1].text]
    again = select_questions(role="nurse", minutes=20, asked=asked)
    ids = [i.id for i in again.items]
    assert first.items[0].id not in ids and first.items[1].id not in ids
    reasons = {s.id: s.reason for s in again.skipped}
    assert reasons[first.items[0].id] == "already asked of this person"
    assert reasons[first.items[1].id] == "already asked of this person"


def test_closing_pair_is_asked_even_when_asked_before():
    plan = select_questions(asked=["closing-01", "closing-02"])
    assert [i.id for i in plan.items[-2:]] == ["closing-01", "closing-02"]


def test_research_answered_questions_are_left_out_with_the_evidence():
    # Questions of the user's own whose facts research found: tagged in the file, or caught
    # by the linter's wording ("When was Kestrel Health Labs founded?" names the company).
    own = [Question("mine-01", "workplace", "What does {company} sell?", 2, 5),
           Question("mine-02", "workplace", "When was {company} founded?", 2, 5),
           Question("mine-03", "workplace", "Tell me about the team at {company}.", 2, 5,
                    answered_by_research=["leadership"])]
    plan = select_questions(minutes=60, research=KESTREL, include=["workplace-03"],
                            bank=bank() + own)
    skipped = {s.id: s.reason for s in plan.skipped}
    assert skipped["mine-01"].startswith("research already answers it: 'Our booking app")
    assert skipped["mine-02"] == ("research already answers it: 'founded 2014' "
                                  "(https://kestrel.example/about)")
    assert "Ada Byrne (Chief Executive Officer)" in skipped["mine-03"]
    assert not {"mine-01", "mine-02", "mine-03"} & {i.id for i in plan.items}
    assert "Kestrel Health Labs" in plan.items[0].text  # company name taken from research


def test_a_founding_year_does_not_answer_how_the_company_changed():
    # The bank's questions about the company ask for the insider's view: research makes them
    # sharper (their reason quotes it), never unnecessary.
    long = select_questions(minutes=240, research=KESTREL)
    items = {i.id: i for i in long.items}
    assert {"workplace-15", "workplace-16", "workplace-17", "workplace-18", "workplace-19",
            "workplace-20"} <= set(items)
    assert not any(s.reason.startswith("research") for s in long.skipped)
    assert items["workplace-18"].text == "How has Kestrel Health Labs changed since you joined?"
    assert "builds on what research found: 'It was started by two nurses'" in items["workplace-18"].reason
    assert "Ada Byrne (Chief Executive Officer)" in items["workplace-20"].reason
    # Building on research counts a little (a quarter point), never more than a weight step.
    assert items["workplace-18"].importance == 2.25
    included = select_questions(minutes=20, research=KESTREL, include=["workplace-18"])
    assert included.items[0].id == "workplace-18"


def test_topics_covered_maps_research_fields_to_topics():
    covered = topics_covered(KESTREL)
    assert set(covered) == {"what_company_does", "founded", "history", "locations", "leadership",
                            "size", "products"}
    assert covered["founded"] == "'founded 2014' (https://kestrel.example/about)"
    # The story, not the year: a year alone says nothing of how the company began or changed.
    assert covered["history"] == "'It was started by two nurses' (https://kestrel.example/about)"
    assert "history" not in topics_covered(CompanyProfile(url="x", founded="2014"))
    assert covered["size"] == "'About 120 people work at Kestrel across two offices' (https://kestrel.example/about)"
    assert "Tom Reyes" not in covered["leadership"]
    assert topics_covered(None) == {} and topics_covered(CompanyProfile(url="x")) == {}


def test_include_comes_first_and_exclude_is_left_out():
    plan = select_questions(minutes=20, include=["resources-15"], exclude=["path-01"])
    assert plan.items[0].id == "resources-15" and plan.items[0].reason == "you asked to include it"
    assert "path-01" not in {i.id for i in plan.items}
    assert {"id": "path-01", "reason": "excluded by you"} in [vars(s) for s in plan.skipped]


def test_include_that_does_not_fit_is_reported_not_squeezed_in():
    many = [q.id for q in bank() if q.category == "role"][:10]
    plan = select_questions(minutes=10, include=many)
    _check_plan(plan, 10)
    assert any("no time was left" in s.reason for s in plan.skipped)


def test_unknown_or_conflicting_ids_are_errors():
    with pytest.raises(BadInput, match=r"unknown question id 'path-1' \(did you mean path-\d\d\?\)"):
        select_questions(include=["path-1"])
    with pytest.raises(BadInput, match="both included and excluded"):
        select_questions(include=["path-02"], exclude="path-02")
    with pytest.raises(BadInput, match="closing pair"):
        select_questions(exclude=["closing-02"])
    with pytest.raises(BadInput, match="unknown focus"):
        select_questions(focus="gossip")


def test_favourites_go_first_and_never_questions_stay_out():
    custom = [Question(**{**q.to_dict(), "favourite": q.id == "resources-17", "never": q.id == "path-01"})
              for q in bank()]
    plan = select_questions(minutes=20, bank=custom)
    assert plan.items[0].id == "resources-17" and plan.items[0].reason == "one of your favourites"
    assert "path-01" not in {i.id for i in plan.items}
    assert any(s.id == "path-01" and "never" in s.reason for s in plan.skipped)


def test_bank_without_closing_questions_is_an_error():
    with pytest.raises(BadInput, match="no closing questions"):
        select_questions(bank=[q for q in bank() if q.category != "closing"])


def test_same_inputs_give_the_same_plan():
    kwargs = dict(role="teacher", industry="education", minutes=30, audience="student",
                  research=KESTREL, asked=["path-01"], exclude=["role-02"])
    assert select_questions(**kwargs) == select_questions(**kwargs)


def test_plan_json_contract():
    (first, *_) = select_questions(minutes=15).to_list()
    assert set(first) == {"id", "category", "text", "minutes", "reason"}


ROLES = st.sampled_from([None, "nurse", "UX designer", "analyst", "an editor", "{weird} role", "  "])
WORDS = st.sampled_from([None, "healthcare", "fintech", "public sector", "", "games"])
IDS = st.deferred(lambda: st.sampled_from([q.id for q in bank() if q.category != "closing"]))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    role=ROLES, industry=WORDS, profession=WORDS, company=st.sampled_from([None, "Acme", "Ørsted A/S"]),
    minutes=st.integers(MIN_MINUTES, 60),
    audience=st.sampled_from(AUDIENCES),
    asked=st.lists(IDS, max_size=20),
    exclude=st.lists(IDS, max_size=20),
    with_research=st.booleans(),
)
def test_plan_invariants_hold_for_random_inputs(role, industry, profession, company, minutes,
                                                 audience, asked, exclude, with_research):
    kwargs = dict(role=role, industry=industry, profession=profession, company=company,
                  minutes=minutes, audience=audience, asked=asked, exclude=exclude,
                  research=KESTREL if with_research else None, bank=bank())
    plan = select_questions(**kwargs)
    _check_plan(plan, minutes)
    ids = {i.id for i in plan.items}
    assert not ids & (set(asked) | set(exclude))
    assert select_questions(**kwargs) == plan


def test_plan_with_research_of_the_bundled_sample_site(tmp_path):
    from infoview.demo.site import serve
    from infoview.research.company import research_company
    from infoview.settings import Settings

    server = serve()
    try:
        profile = research_company(server.url, settings=Settings(
            host_delay=0, use_cache=False, cache_path=tmp_path / "cache.sqlite"))
    finally:
        server.close()
    covered = topics_covered(profile)
    assert {"what_company_does", "founded", "locations", "leadership"} <= set(covered)
    plan = select_questions(role="UX researcher", minutes=60, research=profile)
    _check_plan(plan, 60)
    assert any("Kestrel Health Labs" in i.text for i in plan.items)
    everything = select_questions(role="UX researcher", minutes=240, research=profile)
    built = [i for i in everything.items if "builds on what research found" in i.reason]
    assert {"workplace-15", "workplace-18", "workplace-19", "workplace-20"} <= {i.id for i in built}


@pytest.mark.parametrize("title, role, same", [
    ("Senior UX Researcher, Patient Apps", "UX researcher", True),
    ("Senior UX Researcher", "UX research", True),
    ("Product Manager at Kestrel", "product manager", True),
    ("UX Researcher", "product manager", False),
    ("Nurse (part-time)", "nurse", True),
])
def test_a_title_names_the_role_typed_when_each_word_begins_one_of_its_own(title, role, same):
    from infoview.questions.roles import names_role, title_role

    assert names_role(title_role(title), role) is same


def test_the_plan_asks_a_host_in_another_role_about_their_own_and_says_so():
    plan = select_questions(role="product manager", host_title="UX Researcher, Patient Apps",
                            person="Samira Okafor", minutes=60)
    texts = [item.text for item in plan.items]
    assert "How did you end up working as a UX researcher?" in texts
    assert not any("product manager" in text for text in texts)
    assert any(note.startswith("Samira Okafor works as a UX researcher, not as a product "
                               "manager") for note in plan.notes)
    same = select_questions(role="UX researcher", host_title="Senior UX Researcher",
                            person="Sam Okafor", minutes=60)
    assert "How did you end up working as a UX researcher?" in [i.text for i in same.items]
    assert not any("works as" in note for note in same.notes)
