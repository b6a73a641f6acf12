"""Real processes on one store file: two writers at once, and a writer killed mid-save."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from infoview.errors import StoreError
from infoview.models import Person
from infoview.store import Store

WRITER = textwrap.dedent("""
    import sys
    from infoview.models import Meeting, Person
    from infoview.store import Store
    path, label = sys.argv[1], sys.argv[2]
    sys.stdin.readline()  # wait for the parent's go, so both start together
    with Store.open(path) as store:
        for i in range(500):
            person = store.add(Person(name=f"{label} {i}"))  # one transaction each
            if i % 50 == 0:
                store.add_many([Meeting(person_id=person.id), Meeting(person_id=person.id)])
    print("done", flush=True)
""")

KILLED = textwrap.dedent("""
    import sys
    from infoview.models import Person
    from infoview.store import Store
    path = sys.argv[1]
    with Store.open(path) as store, store.transaction():  # one large save
        store.add_many(Person(name=f"Bulk {i}", notes="n" * 100) for i in range(30_000))
        print("halfway", flush=True)  # rows are in the log, not yet committed
        store.add_many(Person(name=f"Bulk {i}", notes="n" * 100) for i in range(170_000))
    print("saved", flush=True)
""")


def _child(script: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_two_processes_writing_at_once_both_succeed(tmp_path):
    path = tmp_path / "shared.sqlite"  # both children create it: the first-open race counts too
    children = [_child(WRITER, str(path), label) for label in ("left", "right")]
    for child in children:
        child.stdin.write("go\n")
        child.stdin.flush()
    results = [child.communicate(timeout=120) for child in children]
    for child, (out, err) in zip(children, results, strict=True):
        assert child.returncode == 0, err
        assert "locked" not in err and out.strip() == "done"
    with Store.open(path) as store:
        counts = store.counts()
    assert counts["people"] == 1000 and counts["meetings"] == 40


@pytest.mark.slow
def test_writer_killed_mid_save_leaves_a_sound_file_with_all_or_nothing(tmp_path):
    path = tmp_path / "killed.sqlite"
    with Store.open(path) as store:
        store.add_many(Person(name=f"Kept {i}") for i in range(10))
    child = _child(KILLED, str(path))
    try:
        assert child.stdout.readline().strip() == "halfway"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=60)
        child.stdin.close(), child.stdout.close(), child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = conn.execute("SELECT count(*) FROM people").fetchone()[0]
    finally:
        conn.close()
    assert count in (10, 10 + 200_000)
    with Store.open(path) as store:  # and the store opens and works normally afterwards
        assert store.counts()["people"] == count


def test_write_blocked_past_the_timeout_is_a_store_error_and_undone(tmp_path):
    path = tmp_path / "busy.sqlite"
    with Store.open(path) as holder, Store.open(path, timeout=0.2) as waiter:
        with holder.transaction():
            holder.add(Person(name="Holder"))
            with pytest.raises(StoreError, match="locked"):
                waiter.add_many([Person(name="Waiter")])
        waiter.add(Person(name="Later"))
        assert [p.name for p in waiter.list(Person)] == ["Holder", "Later"]


OPENER = textwrap.dedent("""
    import sys
    from infoview.models import Person
    from infoview.store import Store
    sys.stdin.readline()  # wait for the parent's go, so all open the new file together
    with Store.open(sys.argv[1]) as store:
        store.add(Person(name=sys.argv[2]))
    print("done", flush=True)
""")


@pytest.mark.slow
def test_many_processes_creating_the_same_store_at_once_all_succeed(tmp_path):
    # Creating the file means switching it to WAL mode and running every migration: the
    # first-open race that a second kernel and a CLI command can run into.
    path = tmp_path / "new.sqlite"
    children = [_child(OPENER, str(path), f"opener {n}") for n in range(8)]
    for child in children:
        child.stdin.write("go\n")
        child.stdin.flush()
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert out.strip() == "done"
    with Store.open(path) as store:
        assert store.counts()["people"] == 8
