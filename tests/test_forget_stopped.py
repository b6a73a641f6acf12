"""`people delete --exports` stopped part way (the process killed while it rewrites an export
folder file by file) is finished by running it again: the store's part was done, the files'
part is completed from what the first run kept, and no file is left half-written. Real
files, a real process, a real kill: the run is stopped when it opens one file of the folder
(a named pipe the test reads from), so the moment is an event, not a timer."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from stopped_run import stop_when_it_writes

from infoview.cli import main
from infoview.models import Outreach, Person
from infoview.store import Store

OLOF = "Ólöf Þórsdóttir-Wąsowska"


def _names_her(folder: Path) -> list[str]:
    needle = OLOF.encode("utf-8")
    return sorted(p.name for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_deletion_stopped_while_rewriting_an_export_is_finished_by_running_it_again(
        tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("INFOVIEW_DB", raising=False)
    db, dump = tmp_path / "store.sqlite", tmp_path / "dump"
    with Store.open(db) as store:
        olof = store.add(Person(name=OLOF, organization="Kestrel Health Labs"))
        bob = store.add(Person(name="Bob Marr", notes=f"met {OLOF} at the fair"))
        store.add(Outreach(person_id=olof.saved_id, channel="email", subject="Hello"))
        # more than a pipe holds stays in outreach.csv: the run waits there for the kill (a
        # short file was written whole and the run went on, now and then, before it)
        store.add(Outreach(person_id=bob.saved_id, subject="Thanks", body="word " * 40_000))
    assert main(["--db", str(db), "db", "export", str(dump)]) == 0
    # people.csv is rewritten first; the run is stopped at outreach.csv, before the JSON
    pipe = dump / "outreach.csv.part"
    os.mkfifo(pipe)
    stop_when_it_writes(["--db", str(db), "people", "delete", "1", "--yes", "--exports"], pipe)
    with Store.open(db) as store:
        assert [p.name for p in store.list(Person)] == ["Bob Marr"]  # the store's part: done
    assert "infoview-export.json" in _names_her(dump)  # the files' part: not
    # what a kill leaves where the pipe was: the file it was writing, cut short
    pipe.unlink()
    pipe.write_bytes(f"id,person_id,channel\n1,1,email,{OLOF}".encode())
    capsys.readouterr()

    assert main(["--db", str(db), "people", "delete", "1", "--yes", "--exports"]) == 0
    out, err = capsys.readouterr()
    assert f"finishing the deletion of {OLOF} (person 1)" in err
    assert f"export folder rewritten without them (it can still be imported): {dump}" in out
    assert _names_her(tmp_path) == []  # the folder, any scratch copy, the store
    assert not list(tmp_path.rglob("*.part"))  # nothing half-written stays
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dump", "store.sqlite"]
    again = tmp_path / "again.sqlite"
    assert main(["--db", str(again), "db", "import", str(dump)]) == 0
    with Store.open(again) as copy:
        assert [p.name for p in copy.list(Person)] == ["Bob Marr"]
    with Store.open(db) as store:  # nothing left to finish, and nothing kept about her
        assert store.execute("SELECT key FROM app_state") == []
    capsys.readouterr()
    assert main(["--db", str(db), "people", "delete", "1", "--yes"]) == 2
    assert "no person" in capsys.readouterr().err.lower()
