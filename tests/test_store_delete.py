"""delete_person leaves nothing that names the person: not in any table, not in the file."""

from __future__ import annotations

import pytest
from _store_data import TARGET, fill_everything

from infoview.errors import BadInput, NotFound
from infoview.models import RECORD_TYPES, Action, Meeting, Person, Referral, ResearchSnapshot
from infoview.store import Store
from infoview.store.erase import delete_person
from infoview.store.schema import COLUMNS

TRACES = [TARGET, "alice@example.org", "+1 555 0100", "linkedin.com/in/alice-wonderly"]


def _rows_naming(store: Store, text: str) -> list[tuple]:
    hits = []
    for table, cols in COLUMNS.items():
        for col in cols:
            rows = store.execute(f"SELECT id, {col.name} FROM {table} "
                                 f"WHERE lower(CAST({col.name} AS TEXT)) LIKE ?",
                                 [f"%{text.lower()}%"])
            hits += [(table, col.name, *row) for row in rows]
    return hits


def _raw(folder) -> bytes:
    return b"".join(p.read_bytes() for p in folder.iterdir() if p.name.startswith("store"))


def test_deleting_a_person_leaves_no_row_and_no_byte_naming_them(tmp_path):
    path = tmp_path / "store.sqlite"
    with Store.open(path) as store:
        ids = fill_everything(store)
        assert _rows_naming(store, TARGET)
        assert TARGET.encode() in _raw(tmp_path)
        report = delete_person(store, ids["alice"])
        assert report.deleted["people"] == 1
        assert report.deleted["meetings"] == 1 and report.deleted["research"] == 2
        assert report.deleted["referrals"] == 2 and report.deleted["actions"] == 2
        assert report.redacted >= 2  # Bob's notes, his meeting's notes, the company snapshot
        for trace in TRACES:
            assert _rows_naming(store, trace) == [], trace
        with pytest.raises(NotFound):
            store.get(Person, ids["alice"])
        # Everything not about her stays.
        assert store.get(Person, ids["bob"]).notes == "Knows [removed] from school"
        assert store.get(Meeting, ids["meeting_bob"]).notes == "Bob suggested [removed] at Acme"
        assert store.list(Referral) == []
        assert [a.what for a in store.list(Action)] == ["Update CV"]
        snapshot = store.list(ResearchSnapshot)[0]
        assert snapshot.data["people"] == [{"name": "[removed]", "title": "Staff"}]
        raw = _raw(tmp_path)
        for trace in TRACES:
            assert trace.encode() not in raw, trace


def test_every_table_is_searched(tmp_path):
    # If a table is added to the models, the search above must cover it.
    with Store.open(tmp_path / "s.sqlite"):
        assert set(COLUMNS) == {cls.table for cls in RECORD_TYPES}


def test_deleting_a_missing_person_is_not_found(tmp_path):
    with Store.open(tmp_path / "s.sqlite") as store:
        with pytest.raises(NotFound):
            delete_person(store, 7)
        store.add(Person(name="Kept"))
        # One row's delete cannot remove a person everywhere: it names the function that can.
        with pytest.raises(BadInput, match="delete_person"):
            store.delete(Person, 1)
        assert [p.name for p in store.list(Person)] == ["Kept"]


def test_redaction_takes_whole_names_only(tmp_path):
    with Store.open(tmp_path / "s.sqlite") as store:
        ann = store.add(Person(name="Ann Lee", profile_url="https://www.x.test/in/ann"))
        other = store.add(Person(name="Bo", notes="Annual review with ann lee, via  ANN\n"
                                                         "LEE; see http://x.test/in/ann/ or Ann."))
        delete_person(store, ann.id)
        assert store.get(Person, other.id).notes == (
            "Annual review with [removed], via  [removed]; see http://[removed]/ or Ann.")
