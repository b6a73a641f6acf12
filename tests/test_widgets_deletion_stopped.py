"""A deletion stopped part way (the app or the computer stopped while it rewrote an export
folder) is offered on the People page, by name, to finish: the person is in no list any more,
so it could not be chosen there. Real store, real export folder, a real process killed at an
event (it opens one file of the folder to write)."""

from __future__ import annotations

import os

import pytest
from stopped_run import deletion_stopped_in_exports, files_naming

from infoview.models import Person
from infoview.store import Store
from infoview.widgets.records import PeoplePage


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_deletion_stopped_part_way_is_finished_from_the_people_page(tmp_path, monkeypatch):
    monkeypatch.delenv("INFOVIEW_DB", raising=False)
    db, dump = deletion_stopped_in_exports(
        tmp_path, Person(name="Sam Okafor", organization="Kestrel Health"),
        Person(name="Bob Marr"))
    assert "infoview-export.json" in files_naming(dump, "Sam Okafor")

    with Store.open(db) as store:
        changed = []
        page = PeoplePage(store, cache_path=tmp_path / "cache.sqlite",
                          on_change=lambda: changed.append(1))
        assert [label for label, _id in page.people.options] == ["Bob Marr"]
        offer = page.deletions.stopped_box.children
        assert len(offer) == 1 and "Deleting Sam Okafor was interrupted" in \
            offer[0].children[0].value
        page.deletions.finish_buttons[1].click()
        assert page.deletions.message.text == "Finished deleting Sam Okafor."
        assert page.deletions.stopped_box.children == ()  # nothing left to finish
        assert changed
        assert store.execute("SELECT key FROM app_state") == []
    assert files_naming(tmp_path, "Sam Okafor") == []
    assert not list(tmp_path.rglob("*.part"))
