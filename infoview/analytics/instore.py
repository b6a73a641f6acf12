"""Figures the report sums up inside SQLite instead of reading every row into pandas.

Every question asked (three quarters of a million at a careers service's scale) is only
ever counted and averaged by the report. Here SQLite counts them in one pass and hands
back one row per question and category, shaped exactly as the groups pandas builds in
:func:`~infoview.analytics.questions.question_effectiveness` and
:func:`~infoview.analytics.questions.category_effectiveness`, whose own code then rounds
and ranks them. What makes it exact:

- the groups are those pandas makes (summed from the index of question ids and categories
  for the questions of the bank, without a sort of every row): the same keys (``trim`` is given the characters
  Python's ``str.strip`` removes, which pandas' ``.str.strip()`` calls), in the same order
  (first asked, by id; categories sorted by name, which SQLite compares as Python does);
- counts and sums of whole numbers are exact in both, and a mean is that sum divided by
  the count, the division pandas makes (a score that is not a whole number, typed by
  hand, raises :class:`OddStore`);
- times are compared as the text the store writes (fixed width, in UTC): a store holding
  a meeting time in another form raises :class:`OddStore` too, and the report then reads
  the table row by row.

(Insights are few per meeting and their lists of texts and tags are shaped best by
pandas: the report reads that table, without the rest.)
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from infoview.errors import InfoviewError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from infoview.store import Store

#: The characters Python's ``str.strip()`` removes (those ``str.isspace`` calls space,
#: which is what pandas' ``.str.strip()`` strips), for SQLite's ``trim()``.
SPACES = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003"
          "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


class OddStore(InfoviewError):
    """The store holds a value SQL cannot compare as pandas would (a time typed by hand)."""


def _bounds(store: Store, since: Any, until: Any) -> tuple[list[str], list[str]]:
    """SQL conditions on ``m.starts_at`` and their parameters for the report's window
    (both ends inclusive, as :func:`~infoview.analytics._frames.in_range` has them)."""
    from infoview.analytics._frames import in_range, timestamp

    if since is None and until is None:
        return [], []
    _check_times(store)
    in_range(_empty_times(), since, until)  # the same check of the bounds (BadInput)
    clauses, params = [], []
    for bound, sign in ((timestamp(since), ">="), (timestamp(until, end_of_day=True), "<=")):
        if bound is not None:
            clauses.append(f"m.starts_at {sign} ?")
            params.append(bound.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00"))
    return clauses, params


def _empty_times():
    import pandas as pd

    return pd.Series([], dtype="datetime64[us, UTC]")


def _check_times(store: Store) -> None:
    if store.has_odd_times("meetings", "starts_at"):
        raise OddStore("a meeting time is not in the store's own form")


def _where(clauses: list[str]) -> str:
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


# ---- questions ------------------------------------------------------------------------------

def question_figures(store: Store, *, since: Any = None, until: Any = None,
                     ) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """The groups ``question_effectiveness`` and ``category_effectiveness`` rank, from one
    pass over the questions asked in the window (``None`` for both when none was):

    - one row per question (its bank id, else its text stripped), in the order each was
      first asked: ``question, question_id, text, category, asked, rated,
      mean_usefulness``;
    - one row per category (``uncategorised`` for none), in the order of their names:
      ``category, asked, rated, mean_usefulness``.
    """
    import pandas as pd

    from infoview.analytics.questions import UNCATEGORISED

    clauses, params = _bounds(store, since, until)
    sums = ("max(q.question_id), min(q.id), min(CASE WHEN q.category IS NOT NULL THEN q.id END), "
            "count(*), count(q.usefulness), sum(q.usefulness)")
    if clauses:
        window = (" WHERE q.asked AND q.meeting_id IN (SELECT m.id FROM meetings m NOT INDEXED"
                  f"{_where(clauses)})")
        rows = store.execute(
            "SELECT coalesce(q.question_id, trim(q.text, ?)) AS question, "
            f"coalesce(q.category, ?) AS c, {sums} "
            f"FROM questions_asked q NOT INDEXED{window} GROUP BY question, c",
            [SPACES, UNCATEGORISED, *params])
    else:  # the questions of the bank from the index that holds them in order, then the rest
        rows = store.execute(
            f"SELECT q.question_id, coalesce(q.category, ?), {sums} "
            "FROM questions_asked q INDEXED BY questions_asked_grouping "
            "WHERE q.asked = 1 AND q.question_id IS NOT NULL GROUP BY q.question_id, q.category",
            [UNCATEGORISED])
        rows += store.execute(
            f"SELECT trim(q.text, ?) AS question, coalesce(q.category, ?) AS c, {sums} "
            "FROM questions_asked q NOT INDEXED WHERE q.asked AND q.question_id IS NULL "
            "GROUP BY question, c", [SPACES, UNCATEGORISED])
    if not rows:
        return None, None
    for row in rows:  # a mean of whole numbers only: a real number typed by hand is odd
        if row[7] is not None and not isinstance(row[7], int):
            raise OddStore("a usefulness score is not a whole number")
    questions: dict[str, list[Any]] = {}  # question -> [id, first id, category id, n, rated, sum]
    categories: dict[str, list[int]] = {}
    for key, category, bank_id, first, with_category, n, rated, total in rows:
        q = questions.setdefault(key, [bank_id, first, with_category, 0, 0, 0])
        q[0] = bank_id if q[0] is None else q[0]
        q[1] = min(q[1], first)
        if with_category is not None:
            q[2] = with_category if q[2] is None else min(q[2], with_category)
        c = categories.setdefault(category, [0, 0, 0])
        q[3] += n
        q[4] += rated
        q[5] += total or 0
        c[0] += n
        c[1] += rated
        c[2] += total or 0
    firsts = {q[1] for q in questions.values()} | {q[2] for q in questions.values()
                                                   if q[2] is not None}
    first = {i: json.loads(v) for i, v in store.execute(
        "SELECT id, json_array(text, category) FROM questions_asked "
        "WHERE id IN (SELECT value FROM json_each(?))", [json.dumps(sorted(firsts))])}
    order = sorted(questions, key=lambda k: questions[k][1])
    by_question = pd.DataFrame({
        "question": pd.array(order, dtype="string"),
        "question_id": pd.array([questions[k][0] for k in order], dtype="string"),
        "text": pd.array([first[questions[k][1]][0] for k in order], dtype="string"),
        "category": pd.array([None if questions[k][2] is None else first[questions[k][2]][1]
                              for k in order], dtype="string"),
        "asked": pd.array([questions[k][3] for k in order], dtype="int64"),
        "rated": pd.array([questions[k][4] for k in order], dtype="Int64"),
        "mean_usefulness": _means([(questions[k][5], questions[k][4]) for k in order]),
    })
    names = sorted(categories)
    by_category = pd.DataFrame({
        "category": pd.array(names, dtype="string"),
        "asked": pd.array([categories[c][0] for c in names], dtype="Int64"),
        "rated": pd.array([categories[c][1] for c in names], dtype="Int64"),
        "mean_usefulness": _means([(categories[c][2], categories[c][1]) for c in names]),
    })
    return by_question, by_category


def _means(pairs: list[tuple[int, int]]) -> Any:
    """``total / count`` per pair as pandas' Float64, NA where nothing was counted: the
    division pandas makes of an exact sum of whole numbers."""
    import pandas as pd

    return pd.array([total / count if count else None for total, count in pairs],
                    dtype="Float64")
