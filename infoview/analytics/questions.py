"""Question effectiveness: which questions (and categories) earn their minutes.

A question is identified by its bank id when it has one, else by its text (the user's own
questions). Only the answers the user rated count towards the mean; ``asked`` counts every
time the question was put.
"""

from __future__ import annotations

from infoview.analytics._frames import Frames, in_range, table, with_message


def _asked(frames: Frames, since=None, until=None):
    """Questions asked, restricted to meetings in the date range when one is given."""
    asked = table(frames, "questions_asked")
    if "asked" in asked.columns:  # a planned question kept by its debrief as not asked
        asked = asked.loc[(asked["asked"] != 0).to_numpy()]
    if since is None and until is None:
        return asked
    meetings = table(frames, "meetings")
    in_window = meetings.loc[in_range(meetings["starts_at"], since, until).to_numpy(), "id"]
    return asked.loc[asked["meeting_id"].isin(in_window)]


def question_effectiveness(frames: Frames, *, since=None, until=None, min_rated: int = 1):
    """Mean usefulness per question, most useful first.

    Args:
        frames: the store's tables.
        since, until: only questions asked in meetings in this range.
        min_rated: leave out questions with fewer rated answers than this.

    Returns:
        ``question, question_id, text, category, asked, rated, mean_usefulness``, sorted
        by mean usefulness then by how often rated.
    """
    import pandas as pd

    asked = _asked(frames, since, until)
    if asked.empty:
        return rank_questions(None, min_rated)
    asked = asked.copy()
    asked["question"] = asked["question_id"].astype("string").fillna(
        asked["text"].astype("string").str.strip()
    )
    asked["usefulness"] = pd.to_numeric(asked["usefulness"], errors="coerce")
    result = asked.groupby("question", sort=False).agg(
        question_id=("question_id", "first"),
        text=("text", "first"),
        category=("category", "first"),
        asked=("text", "size"),
        rated=("usefulness", "count"),
        mean_usefulness=("usefulness", "mean"),
    ).reset_index()
    return rank_questions(result, min_rated)


QUESTION_COLUMNS = ["question", "question_id", "text", "category", "asked", "rated",
                    "mean_usefulness"]
CATEGORY_COLUMNS = ["category", "asked", "rated", "mean_usefulness"]
NO_QUESTIONS = "no questions recorded in debriefs yet."


def rank_questions(result, min_rated: int):
    """:func:`question_effectiveness` from its groups (one row per question, in the order
    each was first asked; ``None`` when none was): rated often enough, rounded, ranked."""
    import pandas as pd

    if result is None:
        return with_message(pd.DataFrame(columns=QUESTION_COLUMNS), NO_QUESTIONS)
    result = result.loc[result["rated"] >= min_rated]
    if result.empty:
        return with_message(pd.DataFrame(columns=QUESTION_COLUMNS),
                            "no answers rated often enough yet.")
    result["mean_usefulness"] = result["mean_usefulness"].round(2)
    return result[QUESTION_COLUMNS].sort_values(
        ["mean_usefulness", "rated", "question"], ascending=[False, False, True]
    ).reset_index(drop=True)


def category_effectiveness(frames: Frames, *, since=None, until=None):
    """Mean usefulness per question category (``uncategorised`` for questions without one)."""
    import pandas as pd

    asked = _asked(frames, since, until)
    if asked.empty:
        return rank_categories(None)
    usefulness = pd.to_numeric(asked["usefulness"], errors="coerce")
    category = asked["category"].astype("string").fillna(UNCATEGORISED)
    result = usefulness.groupby(category).agg(["size", "count", "mean"]).reset_index()
    result.columns = CATEGORY_COLUMNS
    return rank_categories(result)


#: The category of questions asked without one.
UNCATEGORISED = "uncategorised"


def rank_categories(result):
    """:func:`category_effectiveness` from its groups (one row per category, in the order
    of their names; ``None`` when nothing was asked): rounded and ranked."""
    import pandas as pd

    if result is None:
        return with_message(pd.DataFrame(columns=CATEGORY_COLUMNS), NO_QUESTIONS)
    result["mean_usefulness"] = result["mean_usefulness"].round(2)
    return result.sort_values(["mean_usefulness", "rated"], ascending=[False, False]).reset_index(drop=True)


def usefulness_words(mean: float, rated: int) -> str:
    """A category's average rating in plain words, for the end of its bar: ``4.3`` rated
    96 times becomes "4.3 out of 5, rated 96 times" (not "4.30 (n=96)")."""
    times = "once" if rated == 1 else "twice" if rated == 2 else f"{rated} times"
    return f"{average_text(mean)} out of 5, rated {times}"


def average_text(mean: float | None) -> str:
    """An average rating as pages write it, to one decimal ("4.3", "4.0"), blank when
    nothing was rated: a table and a chart of the same averages read the same."""
    if mean is None or mean != mean:  # NaN: nothing rated
        return ""
    return f"{float(mean):.1f}"


def plot_question_effectiveness(frames: Frames, *, since=None, until=None, top: int = 12):
    """Mean usefulness per category, and of the ``top`` most useful questions, as bars."""
    import pandas as pd

    from infoview.analytics.plots import empty_figure, new_figure

    data = category_effectiveness(frames, since=since, until=until)
    if data.empty:
        return empty_figure(data)
    fig, ax = new_figure(width=6.5, height=0.4 * len(data) + 1.5)
    ax.barh(range(len(data)), data["mean_usefulness"].fillna(0), color="#c9893a")
    for y, (mean, n) in enumerate(zip(data["mean_usefulness"], data["rated"], strict=True)):
        # pandas.NA (a category asked but never rated) has no truth value: test with isna.
        rated = not pd.isna(mean)
        ax.text(float(mean) if rated else 0, y, f" {usefulness_words(mean, n)}" if rated else " not rated",
                va="center", fontsize=8)
    # categories come from the user's own bank: "$" in one is text, not a formula
    ax.set_yticks(range(len(data)), [str(c) for c in data["category"]], parse_math=False)
    ax.invert_yaxis()
    ax.set_xlim(0, 7.5)  # room for the words at the end of the longest bar
    ax.set_xticks(range(6))  # the scale stops at 5
    ax.set_xlabel("average usefulness (1 to 5)")
    ax.set_title("Which kinds of question earned their minutes")
    fig.tight_layout()
    return fig
