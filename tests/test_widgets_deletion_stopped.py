"""A deletion stopped part way (the app or the computer stopped while it rewrote an export
folder) is offered on the People page, by name, to finish: the person is in no list any more,
so it could not be chosen there. Real store, real export folder, a real process killed at an
event (it opens one file of the folder to write)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from stopped_run import stop_when_it_writes

from infoview.cli import main
from infoview.models import Outreach, Person
from infoview.store import Store
from infoview.widgets.records import PeoplePage


def _names(folder: Path, name: str) -> list[str]:
    return sorted(p.name for p in folder.rglob("*")
                  if p.is_file() and name.encode() in p.read_bytes())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_deletion_stopped_part_way_is_finished_from_the_people_page(tmp_path, monkeypatch):
    monkeypatch.delenv("INFOVIEW_DB", raising=False)
    db, dump = tmp_path / "store.sqlite", tmp_path / "dump"
    with Store.open(db) as store:
        sam = store.add(Person(name="Sam Okafor", organization="Kestrel Health"))
        bob = store.add(Person(name="Bob Marr"))
        store.add(Outreach(person_id=sam.saved_id, channel="email", subject="Hello"))
        # Bob's long message stays in outreach.csv, more than a pipe holds: the run waits,
        # writing it, until the test has stopped it (a short file went through whole first)
        store.add(Outreach(person_id=bob.saved_id, subject="Thanks", body="word " * 40_000))
    assert main(["--db", str(db), "db", "export", str(dump)]) == 0
    pipe = dump / "outreach.csv.part"
    os.mkfifo(pipe)
    stop_when_it_writes(["--db", str(db), "people", "delete", "1", "--yes", "--exports"], pipe)
    pipe.unlink()  # what a kill leaves: a file half-written, removed on finishing
    pipe.write_bytes(b"id,person_id,channel\n1,1,email,Sam Okafor")
    assert "infoview-export.json" in _names(dump, "Sam Okafor")

    with Store.open(db) as store:
        changed = []
        page = PeoplePage(store, cache_path=tmp_path / "cache.sqlite",
                          on_change=lambda: changed.append(1))
        assert [label for label, _id in page.people.options] == ["Bob Marr"]
        offer = page.deletions.stopped_box.children
        assert len(offer) == 1 and "Deleting Sam Okafor was interrupted" in \
            offer[0].children[0].value
        page.deletions.finish_buttons[sam.saved_id].click()
        assert page.deletions.message.text == "Finished deleting Sam Okafor."
        assert page.deletions.stopped_box.children == ()  # nothing left to finish
        assert changed
        assert store.execute("SELECT key FROM app_state") == []
    assert _names(tmp_path, "Sam Okafor") == []
    assert not list(tmp_path.rglob("*.part"))
