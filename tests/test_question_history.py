"""The plan learns from the user's own debriefs: saved through the debrief flow into real
SQLite stores, then read back by the plan (CLI, prep, the preparation panel)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from question_fixtures import KESTREL

from infoview.cli import main
from infoview.flows.debrief import AnsweredQuestion, Debrief, save_debrief
from infoview.flows.question_history import question_history
from infoview.models import Meeting, Person
from infoview.questions.bank import USER_BANK_ENV, fill_placeholders, load_bank
from infoview.questions.learn import MIN_RATED_MEETINGS, Likeness, similarity
from infoview.questions.lint import lint_question
from infoview.questions.models import overhead_minutes
from infoview.questions.select import select_questions
from infoview.store import Store

DAY = date(2026, 3, 2)
BANK = {q.id: q for q in load_bank()}


@pytest.fixture(autouse=True)
def _no_user_bank(monkeypatch):
    monkeypatch.delenv(USER_BANK_ENV, raising=False)


def debrief(store: Store, ratings: dict[str, int | None], *, role: str = "UX researcher",
            industry: str = "health tech", minutes: int = 20, with_ids: bool = True,
            status: str = "held") -> Meeting:
    """One meeting held and debriefed: each bank id (or own question's text) with its rating."""
    person = store.add(Person(name=f"Host {len(store.list(Person)) + 1}"))
    start = datetime(2026, 1, 5, 10, tzinfo=UTC) + timedelta(days=len(store.list(Meeting)))
    meeting = store.add(Meeting(person_id=person.saved_id, starts_at=start, status="scheduled",
                                role=role, industry=industry, planned_minutes=minutes))
    values = {"role": role, "industry": industry}
    questions = []
    for key, rating in ratings.items():
        if key in BANK:
            questions.append(AnsweredQuestion(
                text=fill_placeholders(BANK[key].text, values), usefulness=rating,
                question_id=key if with_ids else None, category=BANK[key].category))
        else:
            questions.append(AnsweredQuestion(text=key, usefulness=rating,
                                              question_id=f"own-{len(questions) + 1}"))
    save_debrief(store, Debrief(meeting_id=meeting.saved_id, questions=questions))
    if status != "held":
        meeting = store.get(Meeting, meeting.saved_id)
        meeting.status = status
        store.update(meeting)
    return meeting


def plan_for(store: Store, role: str = "UX researcher", minutes: int = 20, **kwargs):
    return select_questions(role=role, industry="health tech", minutes=minutes,
                            history=question_history(store, today=DAY), **kwargs)


def ids(plan) -> list[str]:
    return [i.id for i in plan.items]


# -- too little history --------------------------------------------------------------------
def test_an_empty_store_plans_from_the_bank_and_says_why(store):
    plan = plan_for(store)
    assert ids(plan) == ids(select_questions(role="UX researcher", industry="health tech",
                                             minutes=20))
    (note,) = plan.notes
    assert note == ("The questions come in the suggested order, the most important first, "
                    f"until you have rated answers in {MIN_RATED_MEETINGS} debriefs (0 so far).")


def test_two_rated_meetings_are_still_too_few(store):
    for _ in range(2):
        debrief(store, {"resources-10": 5, "path-01": 1})
    plan = plan_for(store, minutes=30)
    assert "suggested order" in plan.notes[0] and "(2 so far)" in plan.notes[0]
    assert "resources-10" not in ids(plan) and "path-01" in ids(plan)


# -- moving up, down and out -----------------------------------------------------------------
def test_a_question_rated_useful_in_meetings_like_this_one_moves_up_and_says_why(store):
    for _ in range(4):
        debrief(store, {"resources-10": 5, "role-01": 3, "path-01": 3, "industry-01": 3,
                        "advice-01": 3, "role-02": 3, "advice-02": 3, "role-03": 3, "role-06": 3})
    without = select_questions(role="UX researcher", industry="health tech", minutes=20)
    plan = plan_for(store)
    assert "resources-10" not in ids(without)  # a weight-2 question
    assert "resources-10" in ids(plan)
    item = plan.items[ids(plan).index("resources-10")]
    assert "moved up: rated 5/5 in 4 earlier meetings with UX researchers" in item.reason
    assert plan.notes[0].startswith("Learned from 4 debriefed meetings with rated answers")


def test_usefulness_for_one_role_does_not_carry_to_another(store):
    # Planted: useful with UX researchers, useless with nurses.
    for _ in range(4):
        debrief(store, {"resources-10": 5, "path-01": 3, "role-01": 3, "industry-01": 3,
                        "advice-01": 3, "role-02": 3}, role="UX researcher")
        debrief(store, {"resources-10": 1, "path-01": 3, "role-01": 3, "industry-01": 3,
                        "advice-01": 3, "role-02": 3}, role="nurse", industry="hospitals")
    assert "resources-10" in ids(plan_for(store, role="senior UX researcher"))
    nurse = plan_for(store, role="nurse")
    assert "resources-10" not in ids(nurse)
    reasons = {s.id: s.reason for s in nurse.skipped}
    assert "rated 1/5 in 4 earlier meetings with nurses" in reasons["resources-10"]


def test_a_question_rated_poorly_again_and_again_moves_out(store):
    for _ in range(6):
        debrief(store, {"path-01": 1, "role-01": 4})
    plan = plan_for(store)
    assert "path-01" not in ids(plan)
    reasons = {s.id: s.reason for s in plan.skipped}
    assert reasons["path-01"] == ("your history: rated 1/5 in 6 earlier meetings with UX "
                                  "researchers, so it is left out this time")


def test_a_question_rated_poorly_once_only_moves_down(store):
    debrief(store, {"path-01": 1, "role-01": 4})
    for _ in range(2):
        debrief(store, {"role-01": 4})
    plan = plan_for(store, minutes=240)  # time for nearly everything
    assert "path-01" in ids(plan)
    item = plan.items[ids(plan).index("path-01")]
    assert "moved down: rated 1/5 in 1 earlier meeting with UX researchers" in item.reason
    assert item.importance < 5


def test_meetings_not_held_teach_nothing(store):
    for _ in range(4):
        debrief(store, {"resources-10": 5}, status="cancelled")
    plan = plan_for(store)
    assert "suggested order" in plan.notes[0]


# -- matching by text --------------------------------------------------------------------------
def test_bank_questions_saved_without_their_id_are_recognised_by_their_wording(store):
    for _ in range(4):
        debrief(store, {"resources-10": 5, "path-01": 3, "role-01": 3, "industry-01": 3,
                        "advice-01": 3, "role-02": 3}, with_ids=False)
    summary = question_history(store, today=DAY).summarise(Likeness("UX researcher", None, 20))
    assert all(t.key.startswith("text:") for t in summary.tallies)  # no ids were saved
    plan = plan_for(store)
    assert "resources-10" in ids(plan)


def test_own_questions_learn_by_their_text_whatever_their_panel_number(store):
    own = "What surprised you most about working with clinicians?"
    for n in range(4):
        # Typed in the panel, numbered own-1, own-2 ... differently in each meeting.
        debrief(store, {"role-01": 3, "path-01": 3, "industry-01": 3, "advice-01": 3,
                        "x" * n + "What else did you try first?": 2, own: 5})
    plan = plan_for(store, minutes=30)
    mine = [i for i in plan.items if i.category == "own"]
    assert [i.text for i in mine] == [own]
    assert mine[0].id.startswith("own-")
    assert "your own questions" in mine[0].reason
    assert "moved up: rated 5/5 in 4 earlier meetings with UX researchers" in mine[0].reason


def test_an_own_question_asked_once_or_flagged_does_not_come_back(store):
    for _ in range(4):
        debrief(store, {"role-01": 3, "You like it here?": 5})
    debrief(store, {"What is one thing you would change in your first year?": 5})
    plan = plan_for(store, minutes=60)
    assert not [i for i in plan.items if i.category == "own"]


def test_similarity_of_roles_ignores_seniority_and_endings():
    assert similarity("UX researcher", "Senior UX research lead") == 1.0
    assert similarity("data analyst", "UX researcher") == 0.0
    assert similarity(None, "nurse") is None


# -- exploration -------------------------------------------------------------------------------
def _everything_asked(store, skip: set[str] = frozenset(), times: int = 3):
    ratings = {qid: 3 for qid, q in BANK.items() if q.category != "closing" and qid not in skip
               and q.suits("anyone")}
    for _ in range(times):
        debrief(store, ratings)


def test_a_question_never_asked_gets_its_turn(store):
    never = {"resources-10", "industry-10"}
    _everything_asked(store, skip=never)
    plan = plan_for(store, minutes=20)
    explored = [i for i in plan.items if "never asked in your meetings yet" in i.reason]
    assert len(explored) == 1 and explored[0].id in never
    assert plan.question_minutes + plan.overhead_minutes <= 20


def test_exploration_is_the_same_for_the_same_store_and_day_and_rotates_over_days(store):
    never = {"resources-10", "path-10", "role-20", "workplace-05"}
    _everything_asked(store, skip=never)
    history = question_history(store, today=DAY)
    first = select_questions(role="UX researcher", minutes=20, history=history)
    again = select_questions(role="UX researcher", minutes=20,
                             history=question_history(store, today=DAY))
    assert first == again
    explored = set()
    for days in range(6):
        history = question_history(store, today=DAY + timedelta(days=days))
        plan = select_questions(role="UX researcher", minutes=20, history=history)
        explored |= {i.id for i in plan.items if "never asked" in i.reason}
    assert len(explored) >= 2 and explored <= never


def test_no_exploration_without_enough_history_or_when_the_plan_already_explores(store):
    assert not any("never asked" in i.reason for i in plan_for(store).items)
    for _ in range(3):
        debrief(store, {"resources-10": 4})
    plan = plan_for(store)  # its weight-5 questions were never asked: it explores already
    assert not any("never asked" in i.reason for i in plan.items)


# -- the method's rules whatever the history says ------------------------------------------
QIDS = [qid for qid, q in BANK.items() if q.category != "closing"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(meetings=st.lists(st.dictionaries(st.sampled_from(QIDS + ["closing-01"]),
                                         st.one_of(st.none(), st.integers(1, 5)), max_size=12),
                         min_size=3, max_size=8),
       roles=st.sampled_from(["UX researcher", "nurse", None]),
       minutes=st.integers(10, 45), with_research=st.booleans())
def test_the_methods_rules_hold_whatever_the_history_says(tmp_path_factory, meetings, roles,
                                                          minutes, with_research):
    with Store.open(tmp_path_factory.mktemp("h") / "h.sqlite") as store:
        for ratings in meetings:
            debrief(store, ratings, role=roles or "analyst")
        research = KESTREL if with_research else None
        plan = select_questions(role=roles, minutes=minutes, research=research,
                                history=question_history(store, today=DAY))
        again = select_questions(role=roles, minutes=minutes, research=research,
                                 history=question_history(store, today=DAY))
    assert plan == again
    assert ids(plan)[-2:] == ["closing-01", "closing-02"]
    assert plan.question_minutes + overhead_minutes() <= minutes + 1e-9
    for item in plan.items:
        codes = {w.code for w in lint_question(item.text, research)}
        assert not codes & {"closed", "salary", "job_ask", "double", "research_answerable"}
    chosen = [i for i in plan.items[:-2] if "never asked" not in i.reason]
    values = [i.importance for i in chosen]
    assert values == sorted(values, reverse=True)


# -- every face: CLI, prep, the panel ------------------------------------------------------
def _learned_store(path):
    with Store.open(path) as store:
        for _ in range(4):
            debrief(store, {"resources-10": 5, "path-01": 3, "role-01": 3, "industry-01": 3,
                            "advice-01": 3, "role-02": 3, "advice-02": 3})
    return path


def test_cli_plan_learns_by_default_and_not_with_no_history(tmp_path, capsys):
    db = str(_learned_store(tmp_path / "mine.sqlite"))
    base = ["--db", db, "questions", "plan", "--role", "UX researcher", "--industry",
            "health tech", "--minutes", "20"]
    assert main(base + ["--json"]) == 0
    learned, err = capsys.readouterr()
    assert "resources-10" in {i["id"] for i in json.loads(learned)}
    assert "Learned from 4 debriefed meetings" in err
    assert main(base + ["--json", "--no-history"]) == 0
    plain, err = capsys.readouterr()
    assert "resources-10" not in {i["id"] for i in json.loads(plain)} and "Learned" not in err
    assert main(base + ["--explain"]) == 0
    text = capsys.readouterr().out
    assert "Learned from 4 debriefed meetings" in text
    assert "moved up: rated 5/5 in 4 earlier meetings with UX researchers" in text


def test_cli_plan_without_a_store_creates_none(tmp_path, capsys):
    db = tmp_path / "none.sqlite"
    assert main(["--db", str(db), "questions", "plan", "--minutes", "20", "--json"]) == 0
    assert not db.exists()


def test_prep_plans_with_history_unless_told_not_to(tmp_path, capsys):
    db = _learned_store(tmp_path / "mine.sqlite")
    with Store.open(db) as store:
        person = store.add(Person(name="Sam Okafor", organization="Kestrel Health Labs"))
        meeting = store.add(Meeting(person_id=person.saved_id, role="UX researcher",
                                    industry="health tech", planned_minutes=20))
    for flag, expected in (([], True), (["--no-history"], False)):
        status = main(["--db", str(db), "prep", "--meeting", str(meeting.id), "--format", "md",
                       "--out", str(tmp_path / "brief.md"), "--json", *flag])
        out = capsys.readouterr().out
        assert status == 0
        plan_ids = {q["id"] for q in json.loads(out)["brief"]["plan"]}
        assert ("resources-10" in plan_ids) is expected


def test_meeting_add_plans_with_history_unless_told_not_to(tmp_path, capsys):
    db = _learned_store(tmp_path / "mine.sqlite")
    with Store.open(db) as store:
        person = store.add(Person(name="Sam Okafor"))
    for flag, expected in (([], True), (["--no-history"], False)):
        status = main(["--db", str(db), "meeting", "add", "--person", str(person.id), "--role",
                       "UX researcher", "--industry", "health tech", "--minutes", "20", "--plan",
                       "--json", *flag])
        out = json.loads(capsys.readouterr().out)
        assert status == 0
        assert ("resources-10" in json.dumps(out)) is expected


def test_the_prepare_panel_has_a_checkbox_for_it(tmp_path):
    from infoview.widgets.prepare import PreparePanel

    db = _learned_store(tmp_path / "mine.sqlite")
    with Store.open(db) as store:
        panel = PreparePanel(store, out_dir=tmp_path / "out", role="UX researcher",
                             industry="health tech", minutes=20)
        panel.person.value = 0  # someone new: nothing was asked of them before
        panel.new_name.value = "Sam Okafor"
        assert panel.use_history.value is True
        panel.plan_button.click()
        assert "resources-10" in {i.id for i in panel.picker.items}
        assert "Learned from 4 debriefed meetings" in panel.message.text
        panel.use_history.value = False
        panel.plan_button.click()
        assert "resources-10" not in {i.id for i in panel.picker.items}
