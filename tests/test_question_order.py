"""Most important first: the ordering rule of a plan, proved over many plans.

The rule (``infoview/questions/select.py``, ``docs/method.md``): importance (the bank's
weight, plus the small bonuses for the audience and for building on research) decides;
variety among categories only breaks ties. So a plan never leaves a question out for a
less important one unless it does not fit in the time together with everything at least
as important, and a 20-minute plan never drops a weight-5 question for a weight-4 one
unless it does not fit.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from question_fixtures import KESTREL

from infoview.questions.bank import USER_BANK_ENV, load_bank, shipped_questions
from infoview.questions.models import AUDIENCES, Question, overhead_minutes
from infoview.questions.select import MIN_MINUTES, select_questions


@pytest.fixture(autouse=True)
def _no_user_bank(monkeypatch):
    monkeypatch.delenv(USER_BANK_ENV, raising=False)


def budget_of(plan) -> float:
    closing = sum(i.minutes for i in plan.items if i.category == "closing")
    return plan.meeting_minutes - overhead_minutes() - closing


def eligible(plan, audience: str) -> list[Question]:
    """The questions this plan could have asked: suitable, not left out for a reason."""
    left_out = {s.id for s in plan.skipped}
    return [q for q in shipped_questions() if q.category != "closing" and q.id not in left_out
            and q.suits(audience)]


def check_importance_first(plan, audience: str, research: bool = False) -> None:
    chosen = [i for i in plan.items if i.category != "closing"]
    values = [i.importance for i in chosen]
    # 1. In the order of importance.
    assert values == sorted(values, reverse=True), [(i.id, i.importance) for i in chosen]
    # 2. Nothing left out for something less important unless it did not fit with
    #    everything at least as important.
    picked = {i.id for i in chosen}
    importance = {i.id: i.importance for i in chosen}
    for q in eligible(plan, audience):
        if q.id in picked:
            continue
        value = q.weight + (0.5 if audience != "anyone" and audience in q.audiences else 0)
        value += 0.25 if research and q.builds_on else 0  # KESTREL covers every topic
        above = sum(i.minutes for i in chosen if importance[i.id] >= value)
        assert above + q.minutes > budget_of(plan) + 1e-9, (q.id, value, above)
    # 3. Variety breaks ties: of two equally important questions asked one after the other,
    #    the first came from a category asked no more often so far.
    seen: dict[str, int] = {}
    for first, second in zip(chosen, chosen[1:], strict=False):
        seen[first.category] = seen.get(first.category, 0) + 1
        if first.importance == second.importance and first.category != second.category:
            assert seen[first.category] - 1 <= seen.get(second.category, 0), (first.id, second.id)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    minutes=st.integers(MIN_MINUTES, 90),
    audience=st.sampled_from(AUDIENCES),
    role=st.sampled_from([None, "nurse", "UX researcher", "data analyst"]),
    exclude=st.lists(st.sampled_from([q.id for q in load_bank() if q.category != "closing"]),
                     max_size=25),
    with_research=st.booleans(),
)
def test_importance_beats_variety_in_every_plan(minutes, audience, role, exclude, with_research):
    plan = select_questions(minutes=minutes, audience=audience, role=role, exclude=exclude,
                            research=KESTREL if with_research else None, bank=list(shipped_questions()))
    check_importance_first(plan, audience, with_research)


@settings(max_examples=100, deadline=None)
@given(minutes=st.integers(15, 40), exclude=st.lists(
    st.sampled_from([q.id for q in load_bank() if q.weight == 5 and q.category != "closing"]),
    max_size=4))
def test_a_plan_never_drops_a_weight_5_question_for_a_weight_4_one_that_fits_no_better(
        minutes, exclude):
    plan = select_questions(minutes=minutes, exclude=exclude, bank=list(shipped_questions()))
    chosen = [i for i in plan.items if i.category != "closing"]
    weights = {q.id: q.weight for q in shipped_questions()}
    five_minutes = sum(i.minutes for i in chosen if weights[i.id] == 5)
    for q in eligible(plan, "anyone"):
        if q.weight == 5 and q.id not in {i.id for i in chosen}:
            # Left out only because it would not fit beside the weight-5 questions asked.
            assert five_minutes + q.minutes > budget_of(plan)


def test_a_30_minute_plan_asks_every_weight_5_question_before_any_weight_4_one():
    plan = select_questions(minutes=30)
    weight = {q.id: q.weight for q in shipped_questions()}
    weights = [weight[i.id] for i in plan.items[:-2]]
    assert weights == sorted(weights, reverse=True)
    ids = [i.id for i in plan.items]
    assert {"role-02", "advice-02"} <= set(ids)
    first_four = next(n for n, w in enumerate(weights) if w == 4)
    assert ids.index("role-02") < first_four and ids.index("advice-02") < first_four


def test_a_20_minute_plan_fills_its_time_with_weight_5_questions_only():
    plan = select_questions(minutes=20)
    chosen = plan.items[:-2]
    assert {q.weight for q in shipped_questions() for i in chosen if q.id == i.id} == {5}
    assert "role-02" in {i.id for i in chosen}
    # advice-02 (2 minutes) is left out only because half a minute is left.
    assert budget_of(plan) - plan.question_minutes + 1.5 < 2


def test_variety_still_mixes_questions_of_equal_importance():
    plan = select_questions(minutes=20)
    categories = [i.category for i in plan.items[:4]]
    assert len(set(categories)) == 4  # four weight-5 questions, four categories


def test_audience_and_research_bonuses_never_lift_a_question_over_a_heavier_one():
    plan = select_questions(minutes=240, audience="career_changer", research=KESTREL)
    weights = {q.id: q.weight for q in shipped_questions()}
    chosen = [i for i in plan.items if i.category != "closing"]
    for earlier, later in zip(chosen, chosen[1:], strict=False):
        assert weights[earlier.id] >= weights[later.id], (earlier.id, later.id)
