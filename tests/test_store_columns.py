"""Columns read as numpy arrays (:mod:`infoview.store.columns`) hold exactly what the
store holds, and a value they would misread (typed by hand in a file) is refused, so that
the frames are then read the careful way, with the same result."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview.models import Insight, Meeting, Outreach, Person
from infoview.store import Store
from infoview.store import frames as frames_module
from infoview.store.columns import MISSING, OddColumn, read_columns

MOMENT = datetime(2026, 3, 31, 9, 30, 15, 123456, tzinfo=UTC)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "c.sqlite"
    with Store.open(path) as store:
        ada = store.add(Person(name="Ada", how_known="friend", keep_in_touch_days=0,
                               connected_on=date(2024, 2, 29)))
        bob = store.add(Person(name="Bob Ørsted", keep_in_touch_days=2**62))
        store.add(Outreach(person_id=ada.id, channel="email", kind="request", sent_at=MOMENT))
        store.add(Outreach(person_id=bob.id, channel="linkedin", kind="thanks",
                           sent_at=datetime(1970, 1, 1, tzinfo=UTC),
                           replied_at=datetime(2099, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)))
        store.add(Meeting(person_id=bob.id, status="held", starts_at=MOMENT))
    conn = sqlite3.connect(path, isolation_level=None)
    yield conn
    conn.close()


def test_each_kind_of_column_reads_back_exactly(db):
    people = read_columns(db, "people", ["id", "name", "how_known", "keep_in_touch_days",
                                         "connected_on", "created_at"])
    assert people["id"].tolist() == [1, 2]
    assert people["name"] == ["Ada", "Bob Ørsted"]
    assert people["how_known"].tolist() == [1, -1] or people["how_known"][0] >= 0
    assert people["keep_in_touch_days"].tolist() == [0, 2**62]
    assert people["connected_on"].tolist() == [(date(2024, 2, 29) - date(1970, 1, 1)).days,
                                               MISSING]
    sent = read_columns(db, "outreach", ["sent_at", "replied_at", "channel"],
                        conditions={"asking": "kind = 'request'"})
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    assert sent["sent_at"].tolist() == [(MOMENT - epoch) // pd.Timedelta("1us"), 0]
    assert sent["replied_at"][0] == MISSING
    assert sent["replied_at"][1] == (datetime(2099, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
                                     - epoch) // pd.Timedelta("1us")
    assert sent["asking"].tolist() == [True, False]
    assert sent["channel"].dtype == np.int8 and (sent["channel"] >= 0).all()


def test_a_condition_picks_rows_and_an_empty_answer_is_empty(db):
    rows = read_columns(db, "outreach", ["id", "sent_at", "kind"], where="person_id = ?",
                        params=[2])
    assert rows["id"].tolist() == [2]
    none = read_columns(db, "meetings", ["id", "starts_at", "status", "industry"],
                        conditions={"held": "status = 'held'"}, where="id < 0")
    assert [len(v) for v in none.values()] == [0, 0, 0, 0, 0]


@pytest.mark.parametrize("table, column, value", [
    ("outreach", "sent_at", "2026-03-31 20:00:00+02:00"),            # another form
    ("outreach", "sent_at", "2026-02-30T10:00:00.000000+00:00"),     # no such day
    ("outreach", "sent_at", "2026-03-31T24:00:00.000000+00:00"),     # no such hour
    ("outreach", "sent_at", "2026-03-31T10:00:00.00000ä+00:00"),     # not a digit
    ("outreach", "sent_at", 20260331),                               # a number
    ("people", "connected_on", "2026-3-31"),
    ("people", "keep_in_touch_days", "-"),                           # numpy would say 0
    ("people", "keep_in_touch_days", 20.5),
    ("people", "keep_in_touch_days", "twenty"),
])
def test_a_value_typed_by_hand_is_refused_not_misread(db, table, column, value):
    db.execute(f"UPDATE {table} SET {column} = ? WHERE id = 1", [value])
    with pytest.raises(OddColumn):
        read_columns(db, table, [column])


def test_a_blob_is_refused(db):
    db.execute("UPDATE people SET name = x'4142' WHERE id = 1")
    with pytest.raises(OddColumn):
        read_columns(db, "people", ["name"])


@pytest.mark.parametrize("table, column, value", [
    ("outreach", "sent_at", "2026-03-31 20:00:00+02:00"),
    ("outreach", "replied_at", "2026-03-31T10:00:00+00:00"),
    ("people", "connected_on", "2026-3-31"),
])
def test_frames_of_a_store_with_an_odd_value_are_those_read_the_careful_way(db, monkeypatch,
                                                                            table, column,
                                                                            value):
    db.execute(f"UPDATE {table} SET {column} = ? WHERE id = 1", [value])
    assert frames_module._column_frame(db, table, frames_module.COLUMNS[table]) is None
    fast = frames_module.build_frames(db)
    with monkeypatch.context() as patch:
        patch.setattr(frames_module, "_column_frame", lambda *_args: None)
        patch.setattr(frames_module, "_json_columns", lambda *_args: None)
        patch.setattr(frames_module, "_plain_columns", lambda *_args: set())
        careful = frames_module.build_frames(db)
    for name in fast:
        pd.testing.assert_frame_equal(fast[name], careful[name], check_exact=True)


def test_frames_read_as_columns_keep_missing_values_and_dtypes(db, monkeypatch):
    db.execute("UPDATE meetings SET rescheduled_from = NULL, industry = NULL")
    db.execute("UPDATE outreach SET channel = 'carrier pigeon' WHERE id = 2")  # not a choice
    for table in ("people", "outreach", "meetings"):
        assert frames_module._column_frame(db, table, frames_module.COLUMNS[table]) is not None
    fast = frames_module.build_frames(db)
    with monkeypatch.context() as patch:
        patch.setattr(frames_module, "_column_frame", lambda *_args: None)
        by_json = frames_module.build_frames(db)
    for name in fast:
        pd.testing.assert_frame_equal(fast[name], by_json[name], check_exact=True)
    assert pd.isna(fast["outreach"].loc[1, "channel"])
    assert fast["people"]["keep_in_touch_days"].tolist() == [0, 2**62]


def test_frames_read_ahead_in_a_thread_are_those_read_in_turn(tmp_path, monkeypatch):
    from infoview.store import columns

    with Store.open(tmp_path / "s.sqlite") as store:  # its connection may change threads
        ada = store.add(Person(name="Ada"))
        store.add(Outreach(person_id=ada.id, channel="email", kind="request", sent_at=MOMENT))
        store.add(Meeting(person_id=ada.id, status="held", starts_at=MOMENT))
        store.execute("UPDATE meetings SET starts_at = '2026-03-31 20:00:00+02:00'")  # odd
        threads = []
        real = columns.ColumnQuery.run

        def run(query, conn):
            import threading

            threads.append(threading.current_thread().name)
            return real(query, conn)

        monkeypatch.setattr(columns.ColumnQuery, "run", run)
        ahead = store.frames()
        assert set(threads) == {"infoview-read"}
        monkeypatch.setattr(columns, "prefetch",
                            lambda conn, queries: (columns._answer(q, conn) for q in queries))
        in_turn = store.frames()
    assert list(ahead) == list(in_turn)
    for name in ahead:
        pd.testing.assert_frame_equal(ahead[name], in_turn[name], check_exact=True)
    assert ahead["meetings"]["starts_at"].notna().all()  # the odd table, the careful way


def test_an_error_while_reading_ahead_reaches_the_caller(tmp_path, monkeypatch):
    from infoview.store import columns

    def broken(query, conn):
        raise sqlite3.OperationalError("disk I/O error")

    with Store.open(tmp_path / "s.sqlite") as store:
        store.add(Person(name="Ada"))
        monkeypatch.setattr(columns.ColumnQuery, "run", broken)
        with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
            store.frames()
        monkeypatch.undo()
        assert len(store.frames()["people"]) == 1  # the read ended: the store reads again


def test_times_read_whole_in_a_snapshot_need_no_second_scan(tmp_path, monkeypatch):
    with Store.open(tmp_path / "s.sqlite") as store:
        ada = store.add(Person(name="Ada"))
        store.add(Outreach(person_id=ada.id, channel="email", kind="request", sent_at=MOMENT))
        store.add(Meeting(person_id=ada.id, status="held", starts_at=MOMENT))
        store.execute("UPDATE meetings SET starts_at = '2026-03-31 20:00:00+02:00'")
        scans = []
        real = store._query

        def query(sql, params=()):
            scans.extend([sql] if "GLOB" in sql else [])
            return real(sql, params)

        monkeypatch.setattr(store, "_query", query)
        with store.reading():
            store.frames(tables=["outreach", "meetings"])
            assert not store.has_odd_times("outreach", "sent_at", "replied_at")
            assert scans == []  # known from the reading of the column
            assert store.has_odd_times("meetings", "starts_at")  # read the careful way
            assert len(scans) == 1
        assert not store.has_odd_times("outreach", "sent_at")  # another snapshot: scanned
        assert len(scans) == 2


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.datetimes(min_value=datetime(1, 1, 1),
                                                 max_value=datetime(9999, 12, 31, 23, 59, 59))),
                max_size=40))
def test_any_stored_time_and_date_read_back_as_python_counts_it(moments):
    """Every time and date the store can write, missing ones among them, read back as the
    microseconds (days) Python counts from 1970 to it."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE outreach (id INTEGER PRIMARY KEY, sent_at TEXT)")
    conn.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, connected_on TEXT)")
    stored = [None if m is None else m.replace(tzinfo=UTC) for m in moments]
    conn.executemany("INSERT INTO outreach (sent_at) VALUES (?)",
                     [[None if m is None else m.isoformat(timespec="microseconds")]
                      for m in stored])
    conn.executemany("INSERT INTO people (connected_on) VALUES (?)",
                     [[None if m is None else m.date().isoformat()] for m in stored])
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    times = read_columns(conn, "outreach", ["sent_at"])["sent_at"]
    dates = read_columns(conn, "people", ["connected_on"])["connected_on"]
    assert times.tolist() == [MISSING if m is None else (m - epoch) // pd.Timedelta("1us")
                              for m in stored]
    assert dates.tolist() == [MISSING if m is None else (m.date() - epoch.date()).days
                              for m in stored]


@pytest.mark.parametrize("value", [" 026-03-31T10:00:00.000000+00:00",
                                   "2026-03-31T10:00:00.000000+00:0 ",
                                   "2026-00-31T10:00:00.000000+00:00",
                                   "2026-13-01T10:00:00.000000+00:00",
                                   "2025-02-29T10:00:00.000000+00:00",
                                   "2026-03-31T10:60:00.000000+00:00",
                                   "2026-03-31T10:00:60.000000+00:00",
                                   "2026-03-31T10:00:00.000000-00:00"])
def test_a_time_almost_in_the_stores_form_is_refused(db, value):
    db.execute("UPDATE outreach SET replied_at = ? WHERE id = 1", [value])
    with pytest.raises(OddColumn):
        read_columns(db, "outreach", ["replied_at"])


def test_ids_with_a_gap_or_none_read_back_exactly(db):
    """Ids that fill their range come back as that range, without SQLite writing them;
    ids with a gap (rows deleted) or beyond, and a table or selection with no row, come
    back as they are."""
    def ids(table: str, **where) -> list[int]:
        return read_columns(db, table, ["id", "person_id"], **where)["id"].tolist()

    for person in (3, 4, 5, 6):
        db.execute("INSERT INTO outreach (person_id, kind, id) VALUES (1, 'request', ?)",
                   [person])
    assert ids("outreach") == [1, 2, 3, 4, 5, 6]
    db.execute("DELETE FROM outreach WHERE id IN (2, 5)")
    assert ids("outreach") == [1, 3, 4, 6]
    assert ids("outreach", where="id > ?", params=[3]) == [4, 6]
    assert ids("outreach", where="id >= ? AND id <= ?", params=[3, 4]) == [3, 4]
    db.execute("INSERT INTO outreach (person_id, kind, id) VALUES (1, 'request', ?)",
               [2**63 - 1])
    db.execute("INSERT INTO outreach (person_id, kind, id) VALUES (1, 'request', ?)",
               [-(2**63) + 1])
    assert ids("outreach") == [-(2**63) + 1, 1, 3, 4, 6, 2**63 - 1]
    assert ids("outreach", where="id > ?", params=[6]) == [2**63 - 1]
    assert ids("outreach", where="id > ?", params=[2**63 - 1]) == []
    db.execute("DELETE FROM outreach")
    assert ids("outreach") == []
    read = read_columns(db, "outreach", ["person_id", "id"])
    assert read["id"].dtype == np.int64 and read["person_id"].tolist() == []


def test_text_that_repeats_reads_back_exactly_held_once(tmp_path):
    """A column whose texts repeat (organizations) is held with one object per distinct
    text; one whose texts differ, and missing values among either, read back as stored."""
    with Store.open(tmp_path / "t.sqlite") as store:
        for i in range(3000):
            store.add(Person(name=f"Person {i} ü", organization=[f"Org {i % 7}", None, "Zoë"][i % 3]))
    conn = sqlite3.connect(tmp_path / "t.sqlite")
    read = read_columns(conn, "people", ["name", "organization"])
    conn.close()
    assert read["name"] == [f"Person {i} ü" for i in range(3000)]
    assert read["organization"] == [[f"Org {i % 7}", None, "Zoë"][i % 3] for i in range(3000)]
    assert len({id(text) for text in read["organization"] if text}) == 8  # 7 orgs and Zoë


@pytest.mark.parametrize("at", [1, 2, 3, 5])
def test_a_time_out_of_form_in_any_slice_checked_is_refused(db, monkeypatch, at):
    """Times are checked a slice of rows at a time: an odd one in the first, a middle or
    the last slice (a short one) is refused all the same."""
    from infoview.store import columns as columns_module

    monkeypatch.setattr(columns_module, "_CHECK_ROWS", 2)
    for _ in range(3):
        db.execute("INSERT INTO outreach (person_id, kind, sent_at) VALUES (1, 'request', ?)",
                   ["2026-03-31T10:00:00.000000+00:00"])
    assert len(read_columns(db, "outreach", ["sent_at"])["sent_at"]) == 5
    db.execute("UPDATE outreach SET sent_at = '2026-03-31T10:00:00.00000x+00:00' WHERE id = ?",
               [at])
    with pytest.raises(OddColumn):
        read_columns(db, "outreach", ["sent_at"])


def test_lists_that_repeat_read_back_exactly_each_row_its_own(tmp_path):
    """Tags that many rows share are decoded once, yet each row gets its own list: changing
    one row's tags changes no other, and an empty list and odd texts read back
    as stored."""
    tag_sets = [["pay", "hours"], [], ["pay", "hours"], ["Zoë", "\u2028"], ["pay"]]
    with Store.open(tmp_path / "t.sqlite") as store:
        ada = store.add(Person(name="Ada"))
        meeting = store.add(Meeting(person_id=ada.id, status="held", starts_at=MOMENT))
        for i in range(200):
            store.add(Insight(meeting_id=meeting.id, text=f"Insight {i}",
                              tags=tag_sets[i % len(tag_sets)]))
        tags = store.frames(tables={"insights": ("id", "tags")})["insights"]["tags"].tolist()
    assert tags == [tag_sets[i % len(tag_sets)] for i in range(200)]
    tags[0].append("changed")
    assert tags[2] == ["pay", "hours"] and tags[5] == ["pay", "hours"]
    assert len({id(row) for row in tags}) == 200
