"""Outcome tables as a reader sees them: every number formatted, nothing shown as ``NaN``.

The analytics return exact numbers (``0.877778``, ``NaN`` where a rate has no base) so that
code can compute with them; the dashboard, the notebooks and anyone printing a table call
:func:`readable_frame` for a copy made of short strings: shares as percentages, counts as
whole numbers, other figures to three significant digits, dates as days, gaps left blank.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

from infoview.models import CHANNEL_WORDS


def group_words(group: Any, by: str | None) -> str:
    """A group of a split (funnel, answer rates) as a reader writes it: a channel in the
    page's words ("LinkedIn", not the stored "linkedin"), any other group as it is."""
    text = str(group)
    return CHANNEL_WORDS.get(text, text) if by == "channel" else text

#: The outcomes' stored names (a funnel stage, a follow-up check, a column) in the words a
#: page shows them by: "identified" or "open actions" mean nothing to a new user.
OUTCOME_WORDS = {"identified": "on your list", "open actions": "follow-ups to do",
                 "overdue actions": "overdue follow-ups",
                 "share_of_identified": "share of everyone on your list",
                 "conversion": "share of the step before",
                 # the follow-up checks' columns, as the report heads them
                 "check": "what", "value": "figure"}
#: What a split funnel's groups are, in words: its legend's heading in the charts, the same
#: as the spreadsheet's columns ("channel" and "warmth" are the stored names).
GROUPED_BY_WORDS = {"channel": "first message by", "warmth": "how you know them"}
#: The referral table's heading, on the page and in the report ("door openers" is jargon).
INTRODUCERS_HEADING = "Who introduced you to the most people"


def outcome_words(frame):
    """A copy of an outcomes table (funnel, split funnel, follow-up checks) whose stages,
    checks and columns read in :data:`OUTCOME_WORDS`; any other table comes back as it is."""
    if frame is None or len(frame) == 0:
        return frame
    values = {c: frame[c].map(lambda v: OUTCOME_WORDS.get(v, v) if isinstance(v, str) else v)
              for c in ("stage", "check") if c in frame.columns}
    frame = frame.assign(**values) if values else frame
    people = {"count": "people"} if "stage" in frame.columns else {}  # the funnel counts people
    return frame.rename(columns={c: OUTCOME_WORDS.get(c) or people[c] for c in frame.columns
                                 if c in OUTCOME_WORDS or c in people})


#: The door openers' columns as a reader heads them ("downstream" is a network word).
DOOR_OPENER_HEADERS = {"introductions": "people they introduced",
                       "downstream_people": "people reached through them",
                       "downstream_meetings": "meetings that came of it"}
#: Under the referral tree: what its colours and arrows mean.
REFERRAL_KEY = ("Green: people you have met; grey: not met yet. Each arrow runs from the "
                "person who suggested someone to the person they suggested.")


def health_in_words(frame):
    """The follow-up checks (:func:`~infoview.analytics.followup.follow_up_health`) with a
    share that has nothing to count yet said in words, not left as an empty cell or a dash."""
    if frame is None or len(frame) == 0:
        return frame
    check, value = frame.columns[:2]
    unknown = frame[check].astype(str).str.contains("share") & frame[value].isna()
    if not unknown.any():
        return frame
    return frame.assign(**{value: frame[value].astype(object).where(
        ~unknown, "none yet: no meeting held")})


#: What a missing value is shown as.
BLANK = ""


def is_share(name: Any) -> bool:
    """Whether a column (or a row label of a check/value table) names a share between 0
    and 1, shown as a percentage: ``conversion``, ``answer_rate``, ``share of ...``."""
    text = str(name).lower().replace("_", " ")
    return text == "conversion" or "share" in text or text.endswith("rate")


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or another non-scalar is not "missing"
        return False


def format_number(value: Any, *, share: bool = False) -> str:
    """One cell as text: ``0.877778`` → ``88%`` (a share) or ``0.878``; ``90.0`` → ``90``;
    ``1234`` → ``1,234``; ``NaN``/``None`` → blank; anything else as ``str``.

    Args:
        value: the cell.
        share: whether the value is a share between 0 and 1.
    """
    if _missing(value):
        return BLANK
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        return f"{value.to_pydatetime():%Y-%m-%d}"
    if isinstance(value, int) or type(value).__name__.startswith(("int", "uint")):
        return f"{int(value):,}"
    if isinstance(value, float) or type(value).__name__.startswith("float"):
        number = float(value)
        if math.isinf(number):
            return BLANK
        if share:
            return f"{number:.0%}"
        if number.is_integer():
            return f"{int(number):,}"
        return f"{number:,.0f}" if abs(number) >= 100 else f"{number:.3g}"
    return str(value)


def days_in_words(days: Any) -> str:
    """A span given in days as a reader says it, rounded plainly: ``0.633`` → "15 hours",
    ``1.4`` → "about 1 day", ``3.6`` → "about 4 days"; a missing value → blank."""
    if _missing(days):
        return BLANK
    number = float(days)
    if math.isinf(number) or number < 0:
        return BLANK
    hours = int(number * 24 + 0.5)
    if hours < 1:
        return "under an hour"
    if hours < 24:
        return "1 hour" if hours == 1 else f"{hours} hours"
    whole = max(1, int(number + 0.5))
    return "about 1 day" if whole == 1 else f"about {whole} days"


#: The reply-time columns of :func:`~infoview.analytics.replies.reply_rates`, as a reader
#: would head them.
_REPLY_TIMES = {"median_days_to_reply": "typical time to a reply",
                "mean_days_to_reply": "average time to a reply"}


def reply_times_in_words(frame):
    """A copy of a reply-rates table whose reply times read as words ("15 hours", "about
    2 days") under plain headings, instead of fractions of a day. Other tables come back
    unchanged."""
    if frame is None or not len(frame) or not set(_REPLY_TIMES) & set(frame.columns):
        return frame
    moved = {c: frame[c].map(days_in_words) for c in _REPLY_TIMES if c in frame.columns}
    return frame.assign(**moved).rename(columns=_REPLY_TIMES)


def readable_frame(frame):
    """A copy of ``frame`` whose cells are all short strings (see :func:`format_number`).

    Shares are recognised by column name (:func:`is_share`); in a two-column check/value
    table (``follow_up_health``) by the row's label. The column names stay as they are.
    ``None`` and an empty frame come back unchanged.
    """
    if frame is None or len(frame) == 0:
        return frame
    import pandas as pd

    columns = list(frame.columns)
    out = {}
    for column in columns:
        if len(columns) == 2 and column == columns[1] and not is_share(column):
            labels = frame[columns[0]]
            out[column] = [format_number(v, share=is_share(label))
                           for v, label in zip(frame[column], labels, strict=True)]
        elif column == "channel":  # "LinkedIn", as the filters write it
            out[column] = [group_words(v, "channel") for v in frame[column]]
        else:
            share = is_share(column)
            out[column] = [format_number(v, share=share) for v in frame[column]]
    return pd.DataFrame(out, index=frame.index, columns=columns, dtype=object)
