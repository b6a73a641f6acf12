"""The user's debriefs, summarised for the question plan (see :mod:`infoview.questions.learn`).

One SQL query groups every question asked in a held meeting by question and kind of meeting
(role, industry, planned minutes), with how often it was asked and how its answers were
rated, so that a plan over thousands of debriefs reads a few thousand rows, not every answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from infoview.questions.bank import load_bank
from infoview.questions.learn import AskedRecord, QuestionHistory
from infoview.questions.models import Question

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

# Bank ids are grouped by id; anything else (the panel numbers the user's own questions per
# plan, own-1, own-2 ...) by its text, since the same number names different questions.
_SUMMARY = """
SELECT CASE WHEN q.question_id IN (SELECT value FROM json_each(?)) THEN q.question_id END,
       MIN(q.text), m.role, m.industry, m.planned_minutes,
       COUNT(DISTINCT q.meeting_id), COUNT(q.usefulness), COALESCE(SUM(q.usefulness), 0)
FROM questions_asked AS q JOIN meetings AS m ON m.id = q.meeting_id
WHERE m.status = 'held'
GROUP BY CASE WHEN q.question_id IN (SELECT value FROM json_each(?)) THEN q.question_id
              ELSE lower(trim(q.text)) END,
         m.role, m.industry, m.planned_minutes
"""
_MEETINGS = """
SELECT COUNT(DISTINCT q.meeting_id),
       COUNT(DISTINCT CASE WHEN q.usefulness IS NOT NULL THEN q.meeting_id END)
FROM questions_asked AS q JOIN meetings AS m ON m.id = q.meeting_id
WHERE m.status = 'held'
"""


def question_history(store: Store, *, bank: Iterable[Question] | None = None,
                     today: date | None = None) -> QuestionHistory:
    """How each question fared in the user's held meetings, for ``select_questions(history=...)``.

    Args:
        store: the user's store.
        bank: the questions plans choose from (their ids are grouped by id); the shipped bank
            merged with the user's file by default.
        today: the day the plan is made (exploration rotates with it); today by default.

    Returns:
        The summary; empty (and ``rated_meetings`` 0) for a store without debriefs.
    """
    import json

    ids = json.dumps(sorted({q.id for q in (bank if bank is not None else load_bank())}))
    rows = store.execute(_SUMMARY, (ids, ids))
    meetings, rated = store.execute(_MEETINGS)[0]
    records = [AskedRecord(question_id=qid, text=text, role=role, industry=industry,
                           minutes=int(minutes or 0), meetings=count, rated=rated_count,
                           rating_sum=float(total))
               for qid, text, role, industry, minutes, count, rated_count, total in rows]
    return QuestionHistory(records=records, meetings=meetings, rated_meetings=rated,
                           today=today or date.today())
