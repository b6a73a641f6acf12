"""The question linter: measured against a labelled list, and its messages checked one by one."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from question_fixtures import KESTREL

from infoview.questions.bank import fill_placeholders, load_bank
from infoview.questions.lint import MAX_WORDS, lint_question

LABELS_FILE = Path(__file__).parent / "data" / "lint_labels.csv"
CODES = ("closed", "salary", "research_answerable", "job_ask", "double", "too_long", "placeholder")
#: "open" is the label of a question with no warning at all.
MEASURED = CODES + ("open",)
MIN_SCORE = 0.9


def _labelled() -> list[tuple[str, set[str]]]:
    with LABELS_FILE.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [(r["text"], {x for x in (r["labels"] or "").split(";") if x} or {"open"}) for r in rows]


def measure() -> dict[str, tuple[float, float, int]]:
    """Precision, recall and support per label over the labelled list."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for text, expected in _labelled():
        got = {w.code for w in lint_question(text)} or {"open"}
        for label in MEASURED:
            if label in got and label in expected:
                tp[label] += 1
            elif label in got:
                fp[label] += 1
            elif label in expected:
                fn[label] += 1
    scores = {}
    for label in MEASURED:
        precision = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 1.0
        recall = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 1.0
        scores[label] = (precision, recall, tp[label] + fn[label])
    return scores


def test_labelled_list_is_large_and_covers_every_label():
    rows = _labelled()
    assert len(rows) >= 80
    support = Counter(label for _, labels in rows for label in labels)
    for label in MEASURED:
        assert support[label] >= 2, f"too few {label} examples"
    assert support["open"] >= 20


def test_precision_and_recall_per_label_are_at_least_0_9():
    scores = measure()
    print(f"\nlinter on {LABELS_FILE.name} ({len(_labelled())} questions)")
    print(f"{'label':<22}{'precision':>10}{'recall':>8}{'n':>5}")
    for label, (precision, recall, support) in scores.items():
        print(f"{label:<22}{precision:>10.2f}{recall:>8.2f}{support:>5}")
    low = {k: v for k, v in scores.items() if v[0] < MIN_SCORE or v[1] < MIN_SCORE}
    assert not low, f"labels below {MIN_SCORE}: {low}"


def test_every_shipped_question_filled_in_passes_the_linter(monkeypatch):
    monkeypatch.delenv("INFOVIEW_QUESTIONS", raising=False)
    values = {"role": "data analyst", "profession": "data science", "industry": "healthcare",
              "company": "Kestrel Health Labs", "person": "Ada"}
    for question in load_bank():
        for filled in (fill_placeholders(question.text, values), fill_placeholders(question.text)):
            assert lint_question(filled) == [], (question.id, filled, lint_question(filled))


def _codes(text: str, research=None) -> list[str]:
    return [w.code for w in lint_question(text, research)]


@pytest.mark.parametrize("text, suggestion", [
    ("Do you like working at Kestrel?", "What do you like most about working at Kestrel?"),
    ("Did you enjoy your studies?", "What did you enjoy most about your studies?"),
    ("Do you have any advice for newcomers?", "What advice do you have for newcomers?"),
    ("Can you recommend any books on design?", "Which books on design would you recommend?"),
    ("Is it hard to find work in film?", "What makes it hard to find work in film?"),
    ("Is the industry growing?", "How is the industry changing?"),
    ("Do you think AI will replace analysts?", "To what extent do you think AI will replace analysts?"),
])
def test_closed_question_gets_an_open_rewording(text, suggestion):
    warnings = lint_question(text)
    assert [w.code for w in warnings] == ["closed"]
    assert warnings[0].suggestion == suggestion
    assert lint_question(suggestion) == []
    assert "yes or no" in warnings[0].message


def test_either_or_and_polite_requests_are_not_closed():
    assert _codes("Do you prefer fieldwork or office work?") == []
    assert _codes("Could you describe a typical day?") == []
    assert _codes("Would you walk me through how a case is handled?") == []


def test_closed_after_a_short_lead_in_is_still_closed():
    assert _codes("Looking back, would you choose the same path?") == ["closed"]


def test_fine_question_gives_no_warning():
    assert lint_question("What does a typical week look like for a nurse?") == []
    assert lint_question("") == []


def test_salary_warning_offers_a_question_about_progression():
    (warning,) = lint_question("What salary can a junior designer expect?")
    assert warning.code == "salary"
    assert "salary" in warning.message and warning.suggestion
    assert lint_question(warning.suggestion) == []


def test_benefits_of_something_is_not_money():
    assert _codes("What are the benefits of a graduate scheme?") == []


def test_job_ask_suggests_asking_for_information():
    warnings = lint_question("Could you refer me to your hiring manager?")
    assert "job_ask" in [w.code for w in warnings]
    job = next(w for w in warnings if w.code == "job_ask")
    assert "information" in job.message and job.suggestion


def test_double_question_suggests_splitting_it():
    (warning,) = lint_question("How did you start, and what would you change?")
    assert warning.code == "double"
    # One question at a time: the first is the suggestion, the message names the second.
    # ("A? Then: B?" was itself two questions, which the linter flags.)
    assert warning.suggestion == "How did you start?"
    assert "'What would you change?'" in warning.message
    assert lint_question(warning.suggestion) == []


def test_long_question_says_how_long_it_is():
    text = " ".join(["word"] * (MAX_WORDS + 5)) + "?"
    (warning,) = lint_question(text)
    assert warning.code == "too_long" and str(MAX_WORDS + 5) in warning.message
    assert _codes(" ".join(["word"] * MAX_WORDS)) == []


def test_unfilled_placeholder_is_named():
    (warning,) = lint_question("What brought you to {company}?")
    assert warning.code == "placeholder" and "{company}" in warning.message



def test_research_answerable_names_what_research_found_and_where():
    (warning,) = lint_question("What does your company do?", KESTREL)
    assert warning.code == "research_answerable"
    assert ("Research already found what the company does: 'Kestrel Health Labs builds "
            "patient-scheduling software for clinics' (https://kestrel.example/about)") in warning.message
    assert warning.suggestion == "What problem do customers most often come to Kestrel Health Labs to solve?"


@pytest.mark.parametrize("text, found", [
    ("When was the company founded?", "'founded 2014'"),
    ("Who is the CEO?", "Ada Byrne (Chief Executive Officer)"),
    ("Where is the company based?", "'Leeds, United Kingdom'"),
    ("How many people work at your company?", "About 120 people work at Kestrel"),
    ("What does Kestrel Health Labs do?", "patient-scheduling software"),
])
def test_each_research_topic_quotes_its_evidence(text, found):
    (warning,) = lint_question(text, KESTREL)
    assert warning.code == "research_answerable"
    assert found in warning.message and "Research already found" in warning.message


def test_without_research_the_warning_points_to_the_website():
    (warning,) = lint_question("What does your company do?")
    assert "website" in warning.message and "Research already found" not in warning.message


def test_research_as_a_dict_works_like_the_profile():
    assert lint_question("Who is the CEO?", KESTREL.to_dict()) == lint_question("Who is the CEO?", KESTREL)
