"""Plans lint every question they take, the user's own file included: a flagged question is
left out (or placed only as the user's explicit choice, marked, never first if it is about
pay or a job), and the closing pair is never moved, each time with a warning to the user."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from question_fixtures import KESTREL

from infoview.cli import main
from infoview.questions.bank import USER_BANK_ENV, load_bank, shipped_questions
from infoview.questions.lint import lint_question
from infoview.questions.models import Question
from infoview.questions.select import select_questions

HEADER = "id,category,minutes,weight,favourite,text\n"
#: A user's file as the issue describes it: a salary question and a job ask as favourites,
#: the closing pair moved and reworded, and some plain bad questions.
MINE = HEADER + "\n".join([
    'mine-01,role,2,5,yes,"What\'s the comp band like for a {role}?"',
    'mine-02,role,2,5,yes,"Any openings on your team?"',
    'mine-03,path,2,5,,"You like it here?"',
    'mine-04,industry,2,5,,"What\'s the OTE for sales roles?"',
    'mine-05,advice,2,5,,"Could you pass my name on to your manager?"',
    'mine-06,workplace,2,5,,"When was {company} founded?"',
    'mine-07,advice,2,5,,"Which habit helped you most in your first year as a {role}?"',
    'closing-01,advice,,,,',
    'closing-02,closing,,,,"Could you refer me for a job?"',
]) + "\n"


@pytest.fixture(autouse=True)
def _no_user_bank(monkeypatch):
    monkeypatch.delenv(USER_BANK_ENV, raising=False)


@pytest.fixture
def mine(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(MINE, encoding="utf-8")
    return path


def flagged(text: str, research=None) -> set[str]:
    return {w.code for w in lint_question(text, research)} & {
        "closed", "salary", "job_ask", "double", "research_answerable", "too_long"}


def test_a_bank_file_cannot_open_with_pay_or_a_job_ask_or_move_the_closing_pair(mine):
    plan = select_questions(role="UX researcher", minutes=30, research=KESTREL,
                            bank=load_bank(user_file=mine))
    ids = [i.id for i in plan.items]
    # The closing pair, as the bank writes it, last.
    assert ids[-2:] == ["closing-01", "closing-02"]
    assert plan.items[-2].text == "Who else would you suggest I talk to?"
    assert plan.items[-1].text == "May I mention your name when I contact them?"
    # Favourites the user chose are kept, marked, and asked last: never first.
    assert ids[-4:-2] == ["mine-01", "mine-02"]
    assert "⚠ asks about pay" in plan.items[-4].reason
    assert "⚠" in plan.items[-3].reason and "asks for a job" in plan.items[-3].reason
    assert not flagged(plan.items[0].text, KESTREL)
    # Flagged questions nobody chose are left out, with why; the good one is asked.
    skipped = {s.id: s.reason for s in plan.skipped}
    assert skipped["mine-03"] == "the linter flags it: it can be answered with yes or no"
    assert skipped["mine-04"] == "the linter flags it: it asks about pay"
    assert skipped["mine-05"] == "the linter flags it: it can be answered with yes or no and asks for a job"
    assert skipped["mine-06"] == "research already answers it: 'founded 2014' (https://kestrel.example/about)"
    assert "mine-07" in ids
    # And the user is told, each time.
    said = "\n".join(plan.warnings)
    assert "Your question file moves closing-01 to the advice category" in said
    assert ("Your question file rewords closing-02 so that it can be answered with yes or no "
            "and asks for a job; the closing pair is always asked, last, as the bank writes it: "
            '"May I mention your name when I contact them?"') in said
    assert "mine-01 asks about pay; it is in the plan only because you chose it" in said
    assert "Left out mine-03 from your question file: it can be answered with yes or no" in said


def test_every_placed_question_passes_the_linter_unless_the_user_chose_it(mine):
    plan = select_questions(minutes=240, research=KESTREL, bank=load_bank(user_file=mine))
    chosen_by_user = {"mine-01", "mine-02"}
    for item in plan.items:
        if item.id not in chosen_by_user:
            assert not flagged(item.text, KESTREL), (item.id, item.text)


def test_an_included_flagged_question_is_marked_and_goes_last(mine):
    plan = select_questions(minutes=30, include=["mine-04", "path-01"],
                            bank=load_bank(user_file=mine))
    ids = [i.id for i in plan.items]
    assert ids[0] == "path-01"
    assert ids.index("mine-04") > ids.index("mine-07" if "mine-07" in ids else "path-01")
    assert ids[-3] in {"mine-01", "mine-02", "mine-04"}
    assert "⚠ asks about pay" in plan.items[ids.index("mine-04")].reason


def test_cli_plan_says_the_warnings_on_stderr(mine, capsys):
    status = main(["questions", "plan", "--minutes", "30", "--bank-file", str(mine),
                   "--no-history", "--json"])
    captured = capsys.readouterr()
    assert status == 0
    assert "infoview: warning: Your question file moves closing-01 to the advice category" \
        in captured.err
    assert "infoview: warning: mine-01 asks about pay" in captured.err
    assert captured.out.lstrip().startswith("[")  # the JSON stays clean


def test_the_shipped_bank_needs_no_overruling():
    plan = select_questions(minutes=240, research=KESTREL)
    assert plan.warnings == []
    assert not any(s.reason.startswith("the linter") for s in plan.skipped)


BAD_TEXTS = ["What's the comp band like?", "Any openings on your team?", "You like it here?",
             "Do you enjoy it and what do you earn?", "What do juniors take home?",
             "Are you hiring?", "When was {company} founded?"]
GOOD_TEXTS = ["Which habit helped you most in {profession}?", "How do teams at {company} plan work?"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(extra=st.lists(st.tuples(st.sampled_from(BAD_TEXTS + GOOD_TEXTS), st.integers(1, 5),
                                st.booleans(), st.sampled_from(["path", "role", "advice",
                                                                "closing"])),
                      max_size=8),
       closing_category=st.sampled_from(["closing", "advice", "role"]),
       closing_text=st.sampled_from([None, "Could you refer me for a job?",
                                     "Who else should I speak with?"]),
       minutes=st.integers(10, 60))
def test_the_methods_rules_hold_for_any_question_file(extra, closing_category, closing_text,
                                                       minutes):
    bank = {q.id: q for q in shipped_questions()}
    pair = bank["closing-01"]
    bank["closing-01"] = Question(**{**pair.to_dict(), "category": closing_category,
                                     "text": closing_text or pair.text})
    chosen_by_user = set()
    for n, (text, weight, favourite, category) in enumerate(extra):
        bank[f"mine-{n}"] = Question(f"mine-{n}", category, text, 2, weight, favourite=favourite)
        if favourite:
            chosen_by_user.add(f"mine-{n}")
    plan = select_questions(minutes=minutes, research=KESTREL, bank=list(bank.values()))
    ids = [i.id for i in plan.items]
    assert ids[-2:] == ["closing-01", "closing-02"]
    if closing_category != "closing" or closing_text == "Could you refer me for a job?":
        assert plan.items[-2].text == "Who else would you suggest I talk to?"
        assert any("closing-01" in w for w in plan.warnings)
    assert plan.question_minutes + plan.overhead_minutes <= minutes + 1e-9
    for item in plan.items[:-2]:
        if item.id not in chosen_by_user:
            assert not flagged(item.text, KESTREL), item.text
    first = plan.items[0]
    assert not {"salary", "job_ask"} & flagged(first.text) or all(
        {"salary", "job_ask"} & flagged(i.text) for i in plan.items[:-2])
