"""The Outcomes page's tables saved for a spreadsheet: the people and how far each got, and
the follow-ups to do, as CSV files that Excel opens with accents intact (UTF-8 with a
byte-order mark) and whose cells never run as formulas (the question file's writer,
:func:`~infoview.flows.question_file.spreadsheet_csv`)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infoview.analytics.sheets import followups_sheet, people_sheet
from infoview.flows.actions import followup_frames
from infoview.flows.followups import followup_words
from infoview.flows.profile import user_zone
from infoview.flows.question_file import spreadsheet_csv
from infoview.store.exports import write_export

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

#: The files written, by table.
SHEET_NAMES = {"people": "outcomes-people.csv", "followups": "outcomes-follow-ups.csv"}


def _csv(frame) -> tuple[str, list[int]]:
    """``frame`` as spreadsheet text (its ``person_id`` left out: it is for the registry of
    exports, which names the people a file is about), and those people."""
    import pandas as pd

    ids = [int(i) for i in pd.to_numeric(frame["person_id"]).dropna()]
    shown = frame.drop(columns="person_id")
    rows = [tuple("" if v is None else str(v) for v in row)
            for row in shown.itertuples(index=False)]
    return spreadsheet_csv(tuple(shown.columns), rows), ids


def write_outcome_sheets(store: Store, folder: str | Path, *, now: datetime | None = None,
                         since: Any = None, until: Any = None,
                         channels: Any = None) -> list[Path]:
    """Write the people of the selection (``since``, ``until``, ``channels``: the Outcomes
    filters) and the follow-ups to do into ``folder``; returns the files written."""
    frames = followup_frames(store, now=now)
    people = people_sheet(frames, since=since, until=until, channels=channels)
    followups = followups_sheet(frames, now=now, zone=user_zone(store))
    if len(followups):  # worded as every list of the app words them
        followups = followups.assign(what=[followup_words(what, who)[0] for what, who
                                           in zip(followups["what"], followups["with"],
                                                  strict=True)])
    written = []
    for key, frame in (("people", people), ("followups", followups)):
        text, ids = _csv(frame)
        written.append(write_export(store, Path(folder).expanduser() / SHEET_NAMES[key], text,
                                    kind="report", person_ids=ids))
    return written
