"""`people delete --exports` stopped part way (the process killed while it rewrites an export
folder file by file) is finished by running it again: the store's part was done, the files'
part is completed from what the first run kept, and no file is left half-written. Real
files, a real process, a real kill: the run is stopped when it opens one file of the folder
(a named pipe the test reads from), so the moment is an event, not a timer."""

from __future__ import annotations

import os

import pytest
from stopped_run import deletion_stopped_in_exports, files_naming

from infoview.cli import main
from infoview.models import Person
from infoview.store import Store

OLOF = "Ólöf Þórsdóttir-Wąsowska"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_deletion_stopped_while_rewriting_an_export_is_finished_by_running_it_again(
        tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("INFOVIEW_DB", raising=False)
    db, dump = deletion_stopped_in_exports(
        tmp_path, Person(name=OLOF, organization="Kestrel Health Labs"),
        Person(name="Bob Marr", notes=f"met {OLOF} at the fair"))
    with Store.open(db) as store:
        assert [p.name for p in store.list(Person)] == ["Bob Marr"]  # the store's part: done
    assert "infoview-export.json" in files_naming(dump, OLOF)  # the files' part: not
    capsys.readouterr()

    assert main(["--db", str(db), "people", "delete", "1", "--yes", "--exports"]) == 0
    out, err = capsys.readouterr()
    assert f"finishing the deletion of {OLOF} (person 1)" in err
    assert f"export folder rewritten without them (it can still be imported): {dump}" in out
    assert files_naming(tmp_path, OLOF) == []  # the folder, any scratch copy, the store
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
