"""Opening store files: migrations, backups, and bad files reported and left untouched."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import fields

import pytest

from infoview.errors import StoreError, StoreVersionError
from infoview.models import RECORD_TYPES, Meeting, Person
from infoview.store import SCHEMA_VERSION, Store
from infoview.store.linkedin import import_linkedin
from infoview.store.migrations import LATEST, upgrade


def _v1_file(path):
    conn = sqlite3.connect(path, isolation_level=None)
    upgrade(conn, target=1)
    conn.execute("INSERT INTO people (name, tags, id) VALUES ('Ada Ode', '[\"x\"]', 1)")
    conn.execute("INSERT INTO meetings (person_id, status, starts_at, id) "
                 "VALUES (1, 'held', '2024-03-12T09:30:00.000000+00:00', 1)")
    conn.close()


def _indexes(path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index' "
                                           "AND name NOT LIKE 'sqlite_%'")}
    finally:
        conn.close()


def test_schema_columns_are_the_dataclass_fields(tmp_path):
    path = tmp_path / "s.sqlite"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    for cls in RECORD_TYPES:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({cls.table})")]
        assert columns == [f.name for f in fields(cls)], (
            f"{cls.table}: models.py and the schema differ; add a migration")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == LATEST >= 2
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_version_1_file_is_backed_up_then_upgraded_with_its_data(tmp_path):
    path = tmp_path / "old.sqlite"
    _v1_file(path)
    assert not _indexes(path)
    with Store.open(path) as store:
        assert store.schema_version() == LATEST
        assert store.get(Person, 1).tags == ["x"]
        assert store.get(Meeting, 1).status == "held"
        store.add(Person(name="New"))
    assert "meetings_person" in _indexes(path)
    backup = tmp_path / "old.sqlite.bak-v1"
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT name FROM people").fetchall() == [("Ada Ode",)]
    conn.close()
    # Opening again changes nothing and writes no further backup.
    Store.open(path).close()
    assert sorted(p.name for p in tmp_path.glob("*.bak*")) == ["old.sqlite.bak-v1"]


def test_failed_upgrade_leaves_the_old_version(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    _v1_file(path)
    from infoview.store import migrations

    monkeypatch.setattr(migrations, "MIGRATIONS",
                        (migrations.MIGRATIONS[0], "CREATE INDEX x ON people(name); BROKEN SQL"))
    with pytest.raises(StoreError):
        Store.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "x" not in _indexes(path)
    conn.close()


def test_newer_version_is_refused_and_not_touched(tmp_path):
    path = tmp_path / "future.sqlite"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreVersionError, match="newer infoview") as caught:
        Store.open(path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.bak*"))


@pytest.mark.parametrize("content, message", [
    (b"name,email\nAda,ada@example.org\n", "not an SQLite database"),
    (b"SQLite format 3\x00" + b"\x13" * 4000, "damaged"),
], ids=["text", "garbage-after-header"])
def test_non_sqlite_or_garbage_file_is_reported_and_untouched(tmp_path, content, message):
    path = tmp_path / "bad.sqlite"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=message) as caught:
        Store.open(path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.sqlite"]


def _smashed(tmp_path, name="s.sqlite"):
    """A store whose first page of the people table is overwritten; its bytes."""
    path = tmp_path / name
    with Store.open(path) as store:
        store.add_many(Person(name=f"P{i}", notes="x" * 200) for i in range(300))
        root = store.execute("SELECT rootpage FROM sqlite_master WHERE name = 'people'")[0][0]
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    data[size * (root - 1): size * (root - 1) + 400] = b"\xff" * 400
    path.write_bytes(bytes(data))
    return path, bytes(data)


def test_corrupted_pages_are_reported_where_met_and_untouched(tmp_path):
    """Opening checks what costs nothing (header, schema, length); a damaged page is met
    by the first read of it, by a check, or before an import, with the same message."""
    path, data = _smashed(tmp_path)
    with Store.open(path) as store:
        with pytest.raises(StoreError, match="damaged") as caught:
            store.frames(tables=["people"])
        assert "restore" in str(caught.value) and str(path) in str(caught.value)
        with pytest.raises(StoreError, match="damaged"):
            store.list(Person)
        with pytest.raises(StoreError, match="damaged"):
            store.check()
        with pytest.raises(StoreError, match="damaged"):  # nothing imported into it
            import_linkedin(store, tmp_path / "Connections.csv")
        with pytest.raises(StoreError, match="damaged"):
            Store.open(path, must_exist=True).check()
    assert path.read_bytes() == data


def test_a_damaged_store_of_an_older_version_is_refused_before_its_upgrade(tmp_path):
    path, _ = _smashed(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST - 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="damaged"):
        Store.open(path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.bak*"))  # no backup of a damaged file


def test_a_store_cut_short_is_refused_at_once(tmp_path):
    path = tmp_path / "s.sqlite"
    with Store.open(path) as store:
        store.add_many(Person(name=f"P{i}", notes="x" * 200) for i in range(300))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # a copy stopped halfway
    with pytest.raises(StoreError, match="shorter than its header") as caught:
        Store.open(path)
    assert "restore" in str(caught.value)
    assert path.read_bytes() == data[: len(data) // 2]


def test_sqlite_file_of_another_program_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="another program"):
        Store.open(path)
    assert path.read_bytes() == before


def test_missing_file_with_must_exist_is_reported_and_not_created(tmp_path):
    path = tmp_path / "nope" / "s.sqlite"
    with pytest.raises(StoreError, match="no database here"):
        Store.open(path, must_exist=True)
    assert not path.parent.exists()


def test_folder_given_as_database_is_reported(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_is_reported(tmp_path):
    path = tmp_path / "s.sqlite"
    Store.open(path).close()
    path.chmod(0)
    try:
        with pytest.raises(StoreError, match="cannot be read"):
            Store.open(path)
    finally:
        path.chmod(0o600)


def test_empty_file_becomes_a_new_store(tmp_path):
    path = tmp_path / "empty.sqlite"
    path.touch()
    with Store.open(path) as store:
        assert store.schema_version() == LATEST


# ---- a backup interrupted by a kill ---------------------------------------------------------

_SLOW_OPEN = """
import os, sys, time
from pathlib import Path

from infoview.store import Store, files

marker = Path(sys.argv[2])


def pause_midway(status, remaining, total):
    if 0 < remaining < total:  # some pages are in the copy, some are not
        marker.write_text(str(os.getpid()))
        time.sleep(600)  # killed here


files.BACKUP_STEP_PAGES = 4
files._backup_progress = pause_midway
Store.open(sys.argv[1])
"""


def test_a_backup_killed_halfway_leaves_no_backup_that_opens_empty(tmp_path):
    """SIGKILL a real process in the middle of the backup taken before a migration: no
    NAME.bak-v1 (nor a journal beside one) is left, the store is as it was, and the next
    opening writes the whole backup under its own name, not .bak-v1-2."""
    import signal
    import subprocess
    import sys
    import time

    path = tmp_path / "old.sqlite"
    _v1_file(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executemany("INSERT INTO people (name, notes) VALUES (?, ?)",
                     [(f"Person {i}", "n" * 2000) for i in range(200)])  # ~100 pages
    conn.close()
    before = path.read_bytes()
    marker = tmp_path / "midway"
    script = tmp_path / "slow_open.py"
    script.write_text(_SLOW_OPEN)
    process = subprocess.Popen([sys.executable, str(script), str(path), str(marker)],
                               stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120  # generous: the process signals when it is midway
        while not marker.exists():
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "the backup never reached its middle"
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
        process.stderr.close()

    left = sorted(p.name for p in tmp_path.iterdir() if ".bak" in p.name)
    assert left == [f"old.sqlite.bak-v1.{process.pid}.part"]  # a part file, never a backup
    assert path.read_bytes() == before

    with Store.open(path) as store:
        assert store.schema_version() == LATEST and store.get(Person, 1).name == "Ada Ode"
    assert sorted(p.name for p in tmp_path.iterdir() if ".bak" in p.name) == ["old.sqlite.bak-v1"]
    backup = sqlite3.connect(tmp_path / "old.sqlite.bak-v1")
    try:
        assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
        assert backup.execute("SELECT count(*) FROM people").fetchone()[0] == 201
        assert backup.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        backup.close()


def test_a_part_file_of_a_live_process_is_left_alone(tmp_path):
    from infoview.store.files import remove_stale_parts

    path = tmp_path / "s.sqlite"
    mine = tmp_path / f"s.sqlite.bak-v1.{os.getpid()}.part"
    gone = tmp_path / "s.sqlite.bak-v1.999999999.part"
    for p in (mine, gone, gone.with_name(gone.name + "-journal")):
        p.write_bytes(b"partial")
    assert sorted(p.name for p in remove_stale_parts(path)) == [
        "s.sqlite.bak-v1.999999999.part", "s.sqlite.bak-v1.999999999.part-journal"]
    assert mine.exists()
