"""The question bank, the question linter and the plan selector.

``load_bank`` reads the bank (shipped CSV plus the user's own file), ``lint_question``
checks one question, ``select_questions`` builds a plan for a meeting's minutes.
"""

from __future__ import annotations

from infoview.questions.bank import load_bank
from infoview.questions.lint import lint_question
from infoview.questions.models import LintWarning, PlanItem, Question, QuestionPlan
from infoview.questions.select import select_questions, topics_covered

__all__ = [
    "load_bank", "lint_question", "select_questions", "topics_covered",
    "Question", "QuestionPlan", "PlanItem", "LintWarning",
]
