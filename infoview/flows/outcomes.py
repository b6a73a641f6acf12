"""The outcomes report and the weekly digest read from the store for their needs.

``infoview report`` and ``infoview digest`` read only the columns their analytics use
(:data:`~infoview.analytics.inputs.REPORT_COLUMNS`,
:data:`~infoview.analytics.digest.DIGEST_COLUMNS`), in one snapshot, with the 3B7
follow-ups in place (:func:`~infoview.flows.actions.followup_frames`); the report's
questions are summed up inside SQLite. The analytics themselves only see frames.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infoview.analytics import instore
from infoview.analytics._frames import now_utc
from infoview.analytics.digest import DIGEST_COLUMNS, WEEK_DAYS, Digest, weekly_digest
from infoview.analytics.inputs import REPORT_COLUMNS, StoreInputs, unread_columns
from infoview.analytics.report import write_report
from infoview.flows.actions import followup_frames

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store


def report_inputs(store: Store, *, now: datetime | None = None, since: Any = None,
                  until: Any = None, channels: Any = None) -> StoreInputs:
    """What the report shows, read from ``store`` in one snapshot: the frames it needs and
    every question asked summed up in SQL (read as frames instead when a time or score was
    typed by hand in a form SQL does not sum)."""
    columns = dict(REPORT_COLUMNS)
    if since is not None or until is not None:  # the funnel's cohort counts from it
        columns["people"] = (*columns["people"], "created_at")
    questions: tuple[Any, Any] | None
    with store.reading():  # the frames and the sums agree with one another
        # the frames first: SQLite reads ahead while pandas loads
        frames = store.frames(tables=columns, skip=unread_columns(columns))
        try:
            questions = instore.question_figures(store, since=since, until=until)
        except instore.OddStore:
            questions = None
            asked: dict[str, tuple[str, ...]] = {"questions_asked": (
                "id", "meeting_id", "text", "question_id", "category", "usefulness", "asked")}
            frames = _with_frames(frames, store.frames(tables=asked, skip=unread_columns(asked)))
        stamp = now_utc(now)
        frames = followup_frames(store, now=stamp.to_pydatetime(), frames=frames)
    return StoreInputs(frames, questions, now=stamp, since=since, until=until,
                       channels=channels)


def _with_frames(frames: Any, more: Any) -> Any:
    """Frames read for a purpose with the tables of ``more`` (read the same way) added."""
    from infoview.store.frames import PartialFrames

    return PartialFrames({**frames, **more}, set(frames.tables_read) | set(more.tables_read),
                         {**frames.skipped, **more.skipped})


def write_store_report(store: Store, path: str | Path, *, now: datetime | None = None,
                       since: Any = None, until: Any = None, channels: Any = None,
                       **options: Any) -> Path:
    """Read the store and write its report to ``path`` (recorded in its exports registry):
    what ``infoview report`` does. Its times are read on the user's clock (About me's time
    zone, else the computer's) unless ``zone`` is given."""
    from infoview.flows.profile import user_zone

    inputs = report_inputs(store, now=now, since=since, until=until, channels=channels)
    options.setdefault("zone", user_zone(store))
    return write_report(inputs, path, store=store, **options)


def store_digest(store: Store, *, now: datetime | None = None,
                 days: float = WEEK_DAYS) -> Digest:
    """The digest of the store for the week starting at ``now``: what ``infoview digest``
    shows, read for its needs only, in one snapshot, with the 3B7 follow-ups in place."""
    with store.reading():
        frames = store.frames(tables=DIGEST_COLUMNS, skip=unread_columns(DIGEST_COLUMNS))
        frames = followup_frames(store, now=now, frames=frames)
    return weekly_digest(frames, now=now, days=days)
