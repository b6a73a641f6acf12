"""The outcomes' tables as a spreadsheet takes them: one row per person with how far they
got, and the follow-ups to do, headed in the page's words.

Like the rest of :mod:`infoview.analytics`, reads only the store's tables; the files are
written by :func:`infoview.flows.outcome_sheets.write_outcome_sheets`.
"""

from __future__ import annotations

from datetime import tzinfo

from infoview.analytics._frames import Frames, table
from infoview.analytics.display import GROUPED_BY_WORDS, OUTCOME_WORDS
from infoview.analytics.followup import due_actions
from infoview.analytics.funnel import person_levels
from infoview.models import CHANNEL_WORDS, OWNER_WORDS

#: How far a person got (:func:`~infoview.analytics.funnel.person_levels`' ``contact``).
CONTACT_WORDS = (OUTCOME_WORDS["identified"], "contacted", "replied", "met")
#: What came of it (``result``).
RESULT_WORDS = ("", "lead", "application", "interview", "offer")


def people_sheet(frames: Frames, *, since=None, until=None, channels=None):
    """One row per person of the selection (the funnel's cohort): name, organization, how
    you know them, the first message's channel, how far they got, whether they suggested
    someone, and what came of it. Sorted by name."""
    import pandas as pd

    levels = person_levels(frames, since=since, until=until, channels=channels)
    people = table(frames, "people").drop_duplicates("id").set_index("id")
    ids = pd.to_numeric(levels["person_id"])
    return pd.DataFrame({
        "person": people["name"].reindex(ids).astype("object").fillna("").to_numpy(),
        "organization": people["organization"].reindex(ids).astype("object").fillna("").to_numpy(),
        GROUPED_BY_WORDS["warmth"]: levels["warmth"].astype(str).to_numpy(),
        GROUPED_BY_WORDS["channel"]: [CHANNEL_WORDS.get(c, c) for c in levels["channel"].astype(str)],
        "got as far as": [CONTACT_WORDS[int(c)] for c in levels["contact"]],
        "suggested someone": ["yes" if r else "" for r in levels["referred"]],
        "what came of it": [RESULT_WORDS[int(r)] for r in levels["result"]],
        "person_id": ids.to_numpy(),
    }).sort_values("person", key=lambda s: s.str.lower(), kind="stable").reset_index(drop=True)


def followups_sheet(frames: Frames, *, now=None, zone: tzinfo | None = None):
    """The follow-ups still to do, soonest first (:func:`~infoview.analytics.followup.
    due_actions`): the day due on the user's clock (``zone``) as a spreadsheet sorts it
    (``2026-12-01``), whether it is overdue, what, with whom, and whose move."""
    import pandas as pd

    actions = due_actions(frames, now=now)
    due = actions["due"]
    if zone is not None and len(due) and isinstance(due.dtype, pd.DatetimeTZDtype):
        due = due.dt.tz_convert(zone)
    return pd.DataFrame({
        "due": [f"{d:%Y-%m-%d}" if pd.notna(d) else "" for d in due],
        "overdue": ["yes" if late else "" for late in actions["overdue"].astype(bool)],
        "what": actions["what"].astype("object").fillna("").to_numpy(),
        "with": actions["name"].astype("object").fillna("").to_numpy(),
        "whose move": [OWNER_WORDS.get(str(o), "") for o in actions["owner"]],
        "person_id": actions["person_id"].to_numpy(),
    })
