"""Stopping a run of ``infoview`` part way, at an event: it is killed once it opens a named
pipe to write (a file of an export folder it rewrites), as a killed process or a computer
switched off would leave it. The file written should be longer than a pipe holds (64 KiB
on Linux): the run then waits, writing it, until it is killed; a shorter one can be written
whole, and the run go on, before the kill."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path


def stop_when_it_writes(argv: list[str], pipe: Path) -> None:
    """Run ``infoview ARGV`` and kill it once it opens ``pipe`` to write."""
    process = subprocess.Popen([sys.executable, "-m", "infoview", *argv],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def unblock_if_it_ends() -> None:  # it ended without reaching the pipe: let the test go on
        process.wait()
        try:
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass  # the test's reader is gone already

    watcher = threading.Thread(target=unblock_if_it_ends, daemon=True)
    watcher.start()
    with open(pipe, "rb"):  # returns once the run opened the file it was writing
        reached = process.poll() is None
        process.kill()
    process.wait()
    watcher.join()
    assert reached, process.stderr.read().decode() if process.stderr else ""


def files_naming(folder: Path, name: str) -> list[str]:
    """The names of the files under ``folder`` whose bytes hold ``name`` (UTF-8)."""
    needle = name.encode("utf-8")
    return sorted(p.name for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes())


def deletion_stopped_in_exports(tmp_path: Path, person, other) -> tuple[Path, Path]:
    """A store at ``tmp_path/store.sqlite`` holding ``person`` (deleted: id 1) and ``other``
    (kept), exported to ``tmp_path/dump``; ``people delete 1 --yes --exports`` is then killed
    while it rewrites ``outreach.csv``, and what a kill leaves is put where it was writing:
    that file cut short, still naming the person. Returns the store and the folder."""
    from infoview.cli import main
    from infoview.models import Outreach
    from infoview.store import Store

    db, dump = tmp_path / "store.sqlite", tmp_path / "dump"
    with Store.open(db) as store:
        gone = store.add(person)
        kept = store.add(other)
        store.add(Outreach(person_id=gone.saved_id, channel="email", subject="Hello"))
        # more than a pipe holds stays in outreach.csv: the run waits there for the kill (a
        # short file was written whole and the run went on, now and then, before it)
        store.add(Outreach(person_id=kept.saved_id, subject="Thanks", body="word " * 40_000))
    assert main(["--db", str(db), "db", "export", str(dump)]) == 0
    # people.csv is rewritten first; the run is stopped at outreach.csv, before the JSON
    pipe = dump / "outreach.csv.part"
    os.mkfifo(pipe)
    stop_when_it_writes(["--db", str(db), "people", "delete", "1", "--yes", "--exports"], pipe)
    pipe.unlink()
    pipe.write_bytes(f"id,person_id,channel\n1,1,email,{person.name}".encode())
    return db, dump
