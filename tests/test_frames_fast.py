"""The fast way of building frames (C conversions, JSON decoded in one call) gives exactly
the frames of the careful way (a conversion per value), on the bundled sample history and
on a store with odd values a hand edit could leave."""

from __future__ import annotations

import sqlite3
from datetime import date

import pandas as pd
import pytest

from infoview.demo.history import generate_sample
from infoview.store import Store
from infoview.store import frames as frames_module
from infoview.store.schema import TABLES


def careful_frames(monkeypatch, conn: sqlite3.Connection) -> dict:
    """The frames with every column taken the careful way: row by row, nothing counted as
    plain."""
    with monkeypatch.context() as patch:
        patch.setattr(frames_module, "_column_frame", lambda *_args: None)
        patch.setattr(frames_module, "_json_columns", lambda *_args: None)
        patch.setattr(frames_module, "_plain_columns", lambda *_args: set())
        return frames_module.build_frames(conn)


def grid_frames(monkeypatch, conn: sqlite3.Connection) -> dict:
    """The frames read row by row (one tuple per row), with the fast conversions."""
    with monkeypatch.context() as patch:
        patch.setattr(frames_module, "_column_frame", lambda *_args: None)
        patch.setattr(frames_module, "_json_columns", lambda *_args: None)
        return frames_module.build_frames(conn)


def json_frames(monkeypatch, conn: sqlite3.Connection) -> dict:
    """The frames read as one JSON array per column (not as numpy columns)."""
    with monkeypatch.context() as patch:
        patch.setattr(frames_module, "_column_frame", lambda *_args: None)
        return frames_module.build_frames(conn)


def assert_same_frames(fast: dict, careful: dict) -> None:
    assert list(fast) == list(careful) == list(TABLES)
    for table in TABLES:
        pd.testing.assert_frame_equal(fast[table], careful[table], check_exact=True)
        assert list(fast[table].dtypes) == list(careful[table].dtypes)


@pytest.fixture
def sample_db(tmp_path):
    path = tmp_path / "sample.sqlite"
    with Store.open(path) as store:
        generate_sample(store, seed=7, today=date(2026, 3, 31))
    return path


def test_the_fast_frames_equal_the_careful_ones_on_the_sample_history(sample_db, monkeypatch):
    conn = sqlite3.connect(sample_db, isolation_level=None)
    try:
        fast = frames_module.build_frames(conn)
        assert all(len(fast[t]) for t in ("people", "outreach", "meetings", "insights"))
        assert frames_module._plain_columns(conn, "people") >= {"id", "tags", "keep_in_touch_days"}
        read = frames_module._json_columns(conn, "people", frames_module.COLUMNS["people"])
        assert read is not None and read[1] >= {"id", "tags", "keep_in_touch_days"}
        assert_same_frames(fast, careful_frames(monkeypatch, conn))
        assert_same_frames(fast, grid_frames(monkeypatch, conn))
        assert_same_frames(fast, json_frames(monkeypatch, conn))
    finally:
        conn.close()


def test_odd_values_written_by_hand_take_the_careful_way(sample_db, monkeypatch):
    conn = sqlite3.connect(sample_db, isolation_level=None)
    try:
        conn.execute("UPDATE people SET keep_in_touch_days = 9007199254740993 WHERE id = 1")
        conn.execute("UPDATE people SET tags = '[\"a\"], [\"b\"' WHERE id = 2")  # not JSON
        conn.execute("UPDATE insights SET tags = 'NaN' WHERE id = 1")  # Python reads it, SQLite not
        assert "tags" not in frames_module._plain_columns(conn, "people")
        with pytest.raises(ValueError):  # as before: a broken list is reported, not misread
            frames_module.build_frames(conn)
        conn.execute("UPDATE people SET tags = '[\"a\", \"b\"]' WHERE id = 2")
        conn.execute("UPDATE meetings SET planned_minutes = 20.0 WHERE id = 1")  # a real number
        conn.execute("UPDATE outreach SET notes = x'4142' WHERE id = 1")  # a blob JSON cannot hold
        conn.execute("UPDATE outreach SET replied_at = NULL WHERE id = 2")
        fast = frames_module.build_frames(conn)
        assert fast["people"].loc[0, "keep_in_touch_days"] == 9007199254740993  # kept exactly
        assert fast["people"].loc[1, "tags"] == ["a", "b"]
        assert frames_module._json_columns(conn, "meetings", frames_module.COLUMNS["meetings"])
        with pytest.raises(sqlite3.OperationalError, match="BLOB"):
            frames_module._json_columns(conn, "outreach", frames_module.COLUMNS["outreach"])
        assert_same_frames(fast, careful_frames(monkeypatch, conn))
        assert_same_frames(fast, grid_frames(monkeypatch, conn))
    finally:
        conn.close()


@pytest.mark.slow
def test_the_report_is_the_same_when_results_are_shared_between_its_sections(sample_db,
                                                                             monkeypatch):
    import contextlib
    from datetime import UTC, datetime

    from infoview.analytics import report

    now = datetime(2026, 3, 31, 18, tzinfo=UTC)
    with Store.open(sample_db) as store:
        frames = store.frames()
    shared = report.build_report(frames, now=now)
    monkeypatch.setattr(report, "sharing", contextlib.nullcontext)
    assert report.build_report(frames, now=now) == shared


def test_outside_a_report_an_analytic_reads_changed_frames_afresh(sample_db):
    from datetime import UTC, datetime

    from infoview.analytics import keep_in_touch_status
    from infoview.analytics._frames import sharing

    now = datetime(2026, 3, 31, 18, tzinfo=UTC)
    with Store.open(sample_db) as store:
        frames = store.frames()
    before = keep_in_touch_status(frames, now=now)
    frames["people"].loc[:, "keep_in_touch_days"] = 1
    after = keep_in_touch_status(frames, now=now)
    assert (after["keep_in_touch_days"] == 1).all() and not before.equals(after)
    with sharing():
        first = keep_in_touch_status(frames, now=now)
        first.loc[:, "level"] = "changed by the caller"  # a copy: the next caller is unharmed
        assert keep_in_touch_status(frames, now=now).equals(after)


@pytest.mark.slow
def test_the_report_and_the_digest_read_only_what_they_need_and_say_the_same(sample_db):
    from datetime import UTC, datetime

    from infoview.analytics._frames import DIGEST_TABLES, REPORT_TABLES, UNREAD
    from infoview.analytics.digest import weekly_digest
    from infoview.analytics.report import build_report

    now = datetime(2026, 3, 31, 18, tzinfo=UTC)
    with Store.open(sample_db) as store:
        full = store.frames()
        for_report = store.frames(tables=REPORT_TABLES, skip=UNREAD)
        for_digest = store.frames(tables=DIGEST_TABLES, skip=UNREAD)
    assert "research" not in for_report and "body" not in for_report["outreach"]
    assert build_report(for_report, now=now) == build_report(full, now=now)
    assert weekly_digest(for_digest, now=now).to_dict() == weekly_digest(full, now=now).to_dict()


def test_an_analytic_reading_what_was_left_unread_fails_loudly(sample_db):
    from infoview.analytics._frames import table

    with Store.open(sample_db) as store:
        frames = store.frames(tables=["people", "outreach"], skip={"outreach": ["body"]})
    with pytest.raises(KeyError, match="'meetings' table"):
        table(frames, "meetings")
    with pytest.raises(KeyError):
        table(frames, "outreach")["body"]
    assert table(frames, "people")["notes"].isna().all()  # read, and empty in the sample
