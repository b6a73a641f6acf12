"""The question bank, the question linter and the plan selector.

``load_bank`` reads the bank (shipped CSV plus the user's own file), ``lint_question``
checks one question, ``select_questions`` builds a plan for a meeting's minutes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from infoview._lazy import lazy_exports

if TYPE_CHECKING:  # pragma: no cover
    from infoview.questions.bank import load_bank
    from infoview.questions.lint import lint_question
    from infoview.questions.models import LintWarning, PlanItem, Question, QuestionPlan
    from infoview.questions.select import select_questions, topics_covered

# The names load their module on first use: ``infoview questions --help`` (and any
# command that needs only the audiences or categories of questions.models) loads neither
# the bank nor the linter.
_EXPORTS = {
    "load_bank": "infoview.questions.bank", "lint_question": "infoview.questions.lint",
    "select_questions": "infoview.questions.select",
    "topics_covered": "infoview.questions.select", "Question": "infoview.questions.models",
    "QuestionPlan": "infoview.questions.models", "PlanItem": "infoview.questions.models",
    "LintWarning": "infoview.questions.models",
}
__getattr__ = lazy_exports(__name__, _EXPORTS)

__all__ = [
    "load_bank", "lint_question", "select_questions", "topics_covered",
    "Question", "QuestionPlan", "PlanItem", "LintWarning",
]
