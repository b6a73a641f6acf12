"""The plain rule of who the user keeps in touch with, as ``keep_in_touch_status`` once
found them from two tables: the reference the fast ways are held to
(``tests/test_analytics_fast_paths.py``, ``tests/test_digest_paths.py``)."""

from __future__ import annotations

import pandas as pd

from infoview.analytics._frames import is_in, now_utc, table


def plain_related(frames, now) -> set[int]:
    """The people met (a meeting held with a day: one debriefed as held before its planned
    start was held by now) or who replied by ``now``."""
    meetings, outreach, stamp = table(frames, "meetings"), table(frames, "outreach"), now_utc(now)
    held = meetings.loc[is_in(meetings["status"], ["held"])
                        & meetings["starts_at"].notna().to_numpy(), "person_id"]
    replied = outreach.loc[(outreach["replied_at"] <= stamp).fillna(False).to_numpy(),
                           "person_id"]
    return set(pd.to_numeric(pd.concat([held, replied])).dropna().astype("int64").tolist())
