"""The user's debriefs, summarised for the question plan (see :mod:`infoview.questions.learn`).

:func:`question_history` gives the plan a :class:`StoreHistory`; when the plan knows the
meeting it is for, the history sums up every answer rated in a held meeting, weighted by
how much that meeting resembles this one, in SQLite itself: the similarity of each role
and industry on record is worked out once in Python and handed to the query, so that a
store of 10,000 debriefs returns one row per question, not one per answer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from infoview.questions.bank import load_bank
from infoview.questions.learn import HistorySummary, Likeness, Tally, normal_text
from infoview.questions.models import Question

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

# Each held meeting's weight for the meeting planned, from the factors of its role and
# industry (JSON objects made in Python) and its length.
_WEIGHTS = """
WITH roles(role, factor, alike) AS MATERIALIZED (
         SELECT key, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(:roles)),
     industries(industry, factor) AS MATERIALIZED (
         SELECT key, value FROM json_each(:industries)),
     held(id, weight, alike) AS MATERIALIZED (
         SELECT m.id,
                COALESCE(r.factor, :no_role) * COALESCE(i.factor, :no_industry)
                * (CASE WHEN abs(m.planned_minutes - :minutes) > :apart THEN :other_length ELSE 1.0 END),
                COALESCE(r.alike, 0)
         FROM meetings AS m
         LEFT JOIN roles AS r ON r.role = m.role
         LEFT JOIN industries AS i ON i.industry = m.industry
         WHERE m.status = 'held')
"""
# A question is asked once in a meeting, so rows count meetings (no DISTINCT, no sort).
_TOTALS = """
    COUNT(*),
    TOTAL(CASE WHEN q.usefulness IS NOT NULL THEN h.weight END), TOTAL(h.weight * q.usefulness),
    TOTAL(CASE WHEN q.usefulness IS NOT NULL THEN h.alike END), TOTAL(h.alike * q.usefulness),
    COUNT(q.usefulness), TOTAL(q.usefulness)
"""
# Bank questions by id, read from the index on question_id alone (no text: the bank has
# it), so this is a walk of the index, not a sort of the table; anything
# else by its text, since the panel numbers the user's own questions per plan (own-1 ...)
# and the same number names different questions in different meetings.
_BY_ID = _WEIGHTS + f"""
SELECT q.question_id, '', {_TOTALS}
FROM questions_asked AS q JOIN held AS h ON h.id = q.meeting_id
WHERE q.asked AND q.question_id IN (SELECT value FROM json_each(:bank))
GROUP BY q.question_id
"""
_BY_TEXT = _WEIGHTS + f"""
SELECT lower(trim(q.text)), MIN(q.text), {_TOTALS}
FROM questions_asked AS q JOIN held AS h ON h.id = q.meeting_id
WHERE q.asked AND (q.question_id IS NULL
       OR q.question_id NOT IN (SELECT value FROM json_each(:bank)))
GROUP BY lower(trim(q.text))
"""
_MEETINGS = """
SELECT COUNT(DISTINCT q.meeting_id),
       COUNT(DISTINCT CASE WHEN q.usefulness IS NOT NULL THEN q.meeting_id END)
FROM questions_asked AS q JOIN meetings AS m ON m.id = q.meeting_id
WHERE m.status = 'held' AND q.asked
"""
_KINDS = "SELECT DISTINCT role, industry FROM meetings WHERE status = 'held'"


class StoreHistory:
    """The debriefs of one store, summarised on demand for the meeting being planned.

    Reads the store when a plan asks (:meth:`summarise`), so the store must still be open
    then; plan inside the ``with Store.open(...)`` block.
    """

    def __init__(self, store: Store, bank: Iterable[Question] | None = None,
                 today: date | None = None):
        self.store = store
        self.bank_ids = sorted({q.id for q in (bank if bank is not None else load_bank())})
        self.today = today or date.today()

    def summarise(self, likeness: Likeness) -> HistorySummary:
        """Every question asked in a held meeting, weighted for a meeting of this kind."""
        kinds = self.store.execute(_KINDS)
        roles = {role: [likeness.role_factor(role), int(likeness.is_like(role))]
                 for role in {r for r, _ in kinds if r is not None}}
        industries = {industry: likeness.industry_factor(industry)
                      for industry in {i for _, i in kinds if i is not None}}
        params = {"roles": json.dumps(roles), "industries": json.dumps(industries),
                  "no_role": likeness.role_factor(None),
                  "no_industry": likeness.industry_factor(None), "minutes": likeness.minutes,
                  "apart": Likeness.MINUTES_APART, "other_length": Likeness.OTHER_LENGTH,
                  "bank": json.dumps(self.bank_ids)}
        tallies = [_tally(qid, row) for qid, *row in self.store.execute(_BY_ID, params)]
        tallies += [_tally("text:" + normal_text(text), row)
                    for text, *row in self.store.execute(_BY_TEXT, params)]
        meetings, rated = self.store.execute(_MEETINGS)[0]
        return HistorySummary(tallies=tallies, meetings=meetings, rated_meetings=rated,
                              today=self.today)


def _tally(key: str, row: list) -> Tally:
    text, asked, weight, weighted_sum, like_rated, like_sum, rated, total = row
    return Tally(key=key, text=text, asked=asked, weight=weight, weighted_sum=weighted_sum,
                 like_rated=int(like_rated), like_sum=like_sum, all_rated=rated, all_sum=total)


def question_history(store: Store, *, bank: Iterable[Question] | None = None,
                     today: date | None = None) -> StoreHistory:
    """The user's debriefs for ``select_questions(history=...)`` to learn from.

    Args:
        store: the user's store (kept open while planning).
        bank: the questions plans choose from (their ids are grouped by id); the shipped bank
            merged with the user's file by default.
        today: the day the plan is made (exploration rotates with it); today by default.
    """
    return StoreHistory(store, bank=bank, today=today)
