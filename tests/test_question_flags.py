"""A flagged question the user insists on keeps its warning everywhere it is shown, and no
suggestion the linter makes is itself flagged."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import prep_samples as s
import pytest
from icalendar import Calendar

from infoview.prep.render import render_html, render_ics, render_markdown, render_pdf
from infoview.questions.bank import fill_placeholders, load_bank
from infoview.questions.lint import FLAG_CODES, flag_note, flag_sentence, lint_question, question_flags
from infoview.questions.models import PlanItem, QuestionPlan
from infoview.widgets.meeting import MeetingCompanion
from infoview.widgets.picker import QuestionPicker

LABELS = Path(__file__).parent / "data" / "lint_labels.csv"
VALUES = {"role": "UX researcher", "industry": "health tech", "company": "Kestrel Health Labs",
          "person": "Samira Okafor", "profession": "user researcher"}
#: Questions a newcomer writes, each breaking one rule or several.
BAD = [
    "How much do you earn?",
    "How much do you earn? What is the salary for this role?",
    "What do you earn, and how did you get there?",
    "Do you like it and how much do you earn?",
    "Do you like working at Kestrel?",
    "Are you hiring? What do you do?",
    "Is it hard to get a job and are you hiring?",
    "Could you pass my CV to your manager and tell me about the team?",
    "Do you have any openings for someone like me?",
    "Is the pay good, and do people stay long?",
    "What does your company do and who founded it?",
    "Did you always want to be a researcher, and what would you change?",
    "Do you think the industry is growing? Is it well paid?",
    "Can you recommend any books, and would you hire me?",
    "Is it common to switch roles here, or do people stay?",
]


def _every_question():
    for question in load_bank():
        yield question.text
        yield fill_placeholders(question.text, VALUES)
    with LABELS.open(newline="") as handle:
        yield from (row["text"] for row in csv.DictReader(handle))
    yield from BAD


def test_no_suggestion_the_linter_makes_is_itself_flagged():
    checked = 0
    for text in _every_question():
        for research in (None, s.company()):
            for warning in lint_question(text, research=research):
                if warning.suggestion:
                    checked += 1
                    again = lint_question(warning.suggestion, research=research)
                    assert again == [], (text, warning.code, warning.suggestion,
                                         [w.code for w in again])
    assert checked > 100  # the rule was exercised, not skipped


def test_a_pay_question_never_suggests_a_pay_question():
    for text in ("How much do you earn?",
                 "How much do you earn? What is the salary for this role?"):
        suggestions = [w.suggestion for w in lint_question(text) if w.suggestion]
        assert suggestions and all("salary" not in x and "earn" not in x for x in suggestions)


def test_bank_questions_carry_no_flag():
    for question in load_bank():
        assert question_flags(fill_placeholders(question.text, VALUES)) == [], question.id


@pytest.mark.parametrize("text, codes", [
    ("Do you like working at Kestrel?", ["closed"]),
    ("How much do you earn?", ["salary"]),
    ("Are you hiring?", ["closed", "job_ask"]),
    ("How did you start, and what would you change?", ["double"]),
    ("What do you wish you had known before your first year?", []),
])
def test_question_flags(text, codes):
    assert question_flags(text) == codes
    assert set(codes) <= set(FLAG_CODES)
    assert bool(flag_note(text)) == bool(codes)


# -- the picker: add it anyway, marked ------------------------------------------------------
INSISTED = "Do you like working at Kestrel?"


@pytest.fixture
def picker():
    picker = QuestionPicker()
    picker.set_plan(s.plan())
    return picker


def test_a_flagged_question_is_added_only_when_the_user_insists(picker):
    before = len(picker.items)
    picker.new_question.value = INSISTED
    picker.add_button.click()
    assert len(picker.items) == before and picker.message.kind == "warning"
    assert picker.add_button.description == "Add it anyway"
    # A sentence that reads: the flags as what the question does, not their labels glued on
    # ("this question yes/no question").
    assert "this question can be answered with yes or no" in picker.message.text
    picker.add_button.click()
    assert len(picker.items) == before + 1 and picker.message.kind == "ok"
    assert picker.add_button.description == "Add my question"
    [own] = [i for i in picker.items if i.text == INSISTED]
    row = picker.list_box.children[picker.items.index(own)]
    assert "infoview-flag" in row.children[-1].value and "yes/no question" in row.children[-1].value


@pytest.mark.parametrize("flags, sentence", [
    (["closed"], "can be answered with yes or no"),
    (["closed", "salary"], "can be answered with yes or no and asks about pay"),
    (["salary", "job_ask", "double"], "asks about pay, asks for a job and asks two things at once"),
])
def test_flags_read_as_a_sentence_after_this_question(flags, sentence):
    assert flag_sentence(flags) == sentence


def test_changing_the_question_asks_again(picker):
    picker.new_question.value = INSISTED
    picker.add_button.click()
    picker.new_question.value = "Are you hiring?"
    assert picker.add_button.description == "Add my question"
    picker.add_button.click()
    assert not any(i.text == "Are you hiring?" for i in picker.items)


def test_taking_the_suggested_wording_drops_the_not_added_warning(picker):
    # Seen in the browser: after "Use the suggested wording" the box held an open question,
    # the linter said "good", and "Not added yet: this question can be answered with yes or
    # no" still stood under the button.
    picker.new_question.value = INSISTED
    picker.add_button.click()
    assert picker.message.kind == "warning"
    picker.use_suggestion.click()
    assert picker.new_question.value != INSISTED and "good" in picker.lint_box.value
    assert picker.message.text == "" and picker.add_button.description == "Add my question"
    suggested = picker.new_question.value
    picker.add_button.click()
    assert picker.message.kind == "ok" and any(i.text == suggested for i in picker.items)


def test_an_open_question_is_added_at_once_and_unmarked(picker):
    picker.new_question.value = "What surprised you most in your first year?"
    picker.add_button.click()
    assert picker.message.kind == "ok"
    [row] = [r for r, i in zip(picker.list_box.children, picker.items, strict=True)
             if i.category == "own"]
    assert "infoview-flag" not in row.children[-1].value


# -- the companion and every export of the brief --------------------------------------------
def _plan_with(text: str) -> QuestionPlan:
    plan = s.plan()
    plan.items.insert(1, PlanItem("own-1", "own", text, 2, "your own question"))
    return plan


def test_the_companion_marks_the_flagged_question():
    companion = MeetingCompanion(_plan_with(INSISTED), minutes=20)
    labels = [box.children[0].children[1].value for box in companion.questions_box.children
              if hasattr(box, "children") and box.children and hasattr(box.children[0], "children")
              and len(box.children[0].children) == 2]
    flagged = [label for label in labels if "infoview-flag" in label]
    assert len(flagged) == 1 and "Kestrel" in flagged[0]


def test_every_export_of_the_brief_keeps_the_warning():
    from pypdf import PdfReader

    brief = s.brief(plan=_plan_with(INSISTED))
    clean = s.brief()
    assert "yes/no question" in render_markdown(brief)
    assert "yes/no question" not in render_markdown(clean)
    assert "yes/no question" in render_html(brief)
    [event] = Calendar.from_ical(render_ics(brief, stamp=s.NOW)).walk("VEVENT")
    assert "yes/no question" in str(event["DESCRIPTION"])
    pdf = PdfReader(io.BytesIO(render_pdf(brief)))
    assert "yes/no question" in " ".join(page.extract_text() for page in pdf.pages)


def test_the_total_says_one_question_not_one_questions(picker):
    """The picker's total under the list counted by hand ("1 questions")."""
    for index in range(1, len(picker.items)):
        picker.check(index, False)
    assert len(picker.selected()) == 1
    assert ">1 question, " in picker.total.value
    picker.check(1, True)
    assert ">2 questions, " in picker.total.value
