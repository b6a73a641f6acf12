"""Export to a folder and import back: nothing lost; CSV cells safe; people as vCards."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest
import vobject
from _store_data import TARGET, fill_everything

from infoview.errors import BadInput, BadInputFile
from infoview.models import RECORD_TYPES, Person
from infoview.store import Store
from infoview.store.exchange import (
    EXPORT_JSON,
    export_folder,
    export_vcards,
    import_folder,
    name_parts,
    neutralise,
    split_name,
)


@pytest.fixture
def full(tmp_path):
    with Store.open(tmp_path / "full.sqlite") as store:
        fill_everything(store)
        yield store


def test_round_trip_keeps_every_table_column_and_id(full, tmp_path):
    folder = tmp_path / "export"
    export_folder(full, folder)
    with Store.open(tmp_path / "copy.sqlite") as copy:
        added = import_folder(copy, folder)
        assert added == full.counts()
        for cls in RECORD_TYPES:
            assert copy.list(cls) == full.list(cls), cls.table
            assert all(r.id is not None for r in copy.list(cls))
        assert [p.id for p in copy.list(Person)] == [1, 2, 3]  # the gap left by id 4 stays
        assert copy.get_profile() == full.get_profile()
        a, b = full.frames(), copy.frames()
        for table in a:
            pd.testing.assert_frame_equal(a[table], b[table])
        export_folder(copy, tmp_path / "again")
    first = json.loads((folder / EXPORT_JSON).read_text(encoding="utf-8"))
    second = json.loads((tmp_path / "again" / EXPORT_JSON).read_text(encoding="utf-8"))
    assert first["tables"] == second["tables"]
    assert all(first["tables"][cls.table] for cls in RECORD_TYPES)


def test_export_writes_one_csv_per_table_with_formulas_neutralised(full, tmp_path):
    folder = tmp_path / "export"
    export_folder(full, folder)
    assert sorted(p.name for p in folder.glob("*.csv")) == sorted(
        f"{cls.table}.csv" for cls in RECORD_TYPES)
    with open(folder / "people.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    alice = next(r for r in rows if r["name"] == TARGET)
    assert alice["title"] == "'=Staff Engineer"
    assert alice["phone"] == "'+1 555 0100"
    assert alice["organization"] == "Acme, Inc."
    assert alice["notes"] == 'Quotes "hello", and more'
    assert json.loads(alice["tags"]) == ["fintech", "-maybe"]
    carol = next(r for r in rows if r["name"] == "Carol Chen")
    assert carol["organization"] == "'@Handle Co" and carol["email"] == ""
    with open(folder / "questions_asked.csv", encoding="utf-8", newline="") as handle:
        assert any(r["answer_notes"] == "'-the pace" for r in csv.DictReader(handle))
    everything = "".join(p.read_text(encoding="utf-8") for p in folder.glob("*.csv"))
    assert "\n=" not in everything and ",=" not in everything and ",+" not in everything
    # The JSON keeps the values exactly as entered.
    document = json.loads((folder / EXPORT_JSON).read_text(encoding="utf-8"))
    assert document["tables"]["people"][0]["title"] == "=Staff Engineer"


@pytest.mark.parametrize("text, safe", [
    ("=1+1", "'=1+1"), ("+33 1", "'+33 1"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=x", "'\t=x"), ("plain", "plain"), ("a=b", "a=b"), ("", ""),
])
def test_neutralise_prefixes_only_dangerous_first_characters(text, safe):
    assert neutralise(text) == safe


def test_import_into_a_store_with_records_is_refused(full, tmp_path):
    folder = tmp_path / "export"
    export_folder(full, folder)
    with pytest.raises(BadInput, match="empty store"):
        import_folder(full, folder)


def test_export_refuses_to_overwrite_an_earlier_export(full, tmp_path):
    export_folder(full, tmp_path / "export")
    with pytest.raises(BadInput, match="already holds an export"):
        export_folder(full, tmp_path / "export")
    export_folder(full, tmp_path / "export", overwrite=True)


def test_damaged_export_imports_nothing(full, tmp_path):
    folder = tmp_path / "export"
    export_folder(full, folder)
    document = json.loads((folder / EXPORT_JSON).read_text(encoding="utf-8"))
    document["tables"]["meetings"][1]["status"] = "postponed"
    (folder / EXPORT_JSON).write_text(json.dumps(document), encoding="utf-8")
    with Store.open(tmp_path / "copy.sqlite") as copy:
        with pytest.raises(BadInputFile, match=r"meetings\[1\].*status"):
            import_folder(copy, folder)
        assert sum(copy.counts().values()) == 0
        with pytest.raises(BadInputFile, match="no infoview-export.json"):
            import_folder(copy, tmp_path)
        (folder / EXPORT_JSON).write_text("{not json", encoding="utf-8")
        with pytest.raises(BadInputFile, match="line 1"):
            import_folder(copy, folder)


def test_people_export_as_vcards(full, tmp_path):
    path = tmp_path / "people.vcf"
    assert export_vcards(full, path) == 3
    cards = list(vobject.readComponents(path.read_text(encoding="utf-8")))
    alice = next(c for c in cards if c.fn.value == TARGET)
    assert alice.email.value == "alice@example.org"
    assert alice.org.value == ["Acme, Inc."]
    assert alice.n.value.family == "Wonderly" and alice.n.value.given == "Alice"
    assert alice.url.value == "https://www.linkedin.com/in/alice-wonderly/"
    assert alice.categories.value == ["fintech", "-maybe"]
    assert {c.fn.value for c in cards} == {TARGET, "Bob Brown", "Carol Chen"}


def test_vcards_keep_particles_with_the_family_name(tmp_path):
    # Seen in the app: "Zoë Ó Briain" went out as given "Zoë Ó", family "Briain".
    store = Store.open(tmp_path / "names.sqlite")
    for name in ("Zoë Ó Briain", "Ludwig van Beethoven", "Van Morrison"):
        store.add(Person(name=name))
    path = tmp_path / "people.vcf"
    export_vcards(store, path)
    names = {c.fn.value: (c.n.value.given, c.n.value.family)
             for c in vobject.readComponents(path.read_text(encoding="utf-8"))}
    assert names == {"Zoë Ó Briain": ("Zoë", "Ó Briain"),
                     "Ludwig van Beethoven": ("Ludwig", "van Beethoven"),
                     "Van Morrison": ("Van", "Morrison")}


@pytest.mark.parametrize(("name", "given", "family"), [
    ("Zoë Ó Briain", "Zoë", "Ó Briain"),
    ("Seán Mac Giolla", "Seán", "Mac Giolla"),
    ("Maria de la Cruz", "Maria", "de la Cruz"),
    ("Mary Anne Smith", "Mary Anne", "Smith"),
    ("Aisha bin Hamad", "Aisha", "bin Hamad"),
    ("Cian O' Neill", "Cian", "O' Neill"),
    ("Le Van Tam", "Le", "Van Tam"),  # one given name is always left
    ("Le Tam", "Le", "Tam"),
    ("  Cher ", "", "Cher"),
    ("", "", ""),
])
def test_split_name_gives_the_family_its_particles(name, given, family):
    assert split_name(name) == (given, family)
    assert name_parts(name) == (given, family, "")  # no comma, no capitals: the same


@pytest.mark.parametrize(("name", "parts"), [
    ("NGUYEN Van An", ("Van An", "NGUYEN", "")),  # the family name in capitals, first
    ("TANAKA Hiroshi", ("Hiroshi", "TANAKA", "")),
    ("Jean DUPONT", ("Jean", "DUPONT", "")),  # ... or last
    ("Jean de LA FONTAINE", ("Jean", "de LA FONTAINE", "")),
    ("Mary-Kate NGUYEN-TRAN", ("Mary-Kate", "NGUYEN-TRAN", "")),
    ("Tanaka, Hiroshi", ("Hiroshi", "Tanaka", "")),  # a comma puts the family first
    ("Okafor, Sam, RN", ("Sam", "Okafor", "RN")),
    ("Sam Okafor, RN", ("Sam", "Okafor", "RN")),  # a comma before letters only sets them apart
    ("Sam Okafor RN", ("Sam", "Okafor", "RN")),
    ("Ada Berg, PhD", ("Ada", "Berg", "PhD")),
    ("Martin Luther King Jr.", ("Martin Luther", "King", "Jr.")),
    ("Yo-Yo Ma", ("Yo-Yo", "Ma", "")),  # "MA" in capitals would be letters; "Ma" is a name
    ("Tanaka Hiroshi", ("Tanaka", "Hiroshi", "")),  # cannot be known: read given name first
    ("SAM OKAFOR", ("SAM", "OKAFOR", "")),  # all in capitals says nothing
    ("J. R. R. Tolkien", ("J. R. R.", "Tolkien", "")),  # initials are not capitals
    ("Tanaka,", ("", "Tanaka", "")),
])
def test_name_parts_reads_a_comma_and_a_family_name_in_capitals(name, parts):
    assert name_parts(name) == parts


def test_vcards_put_a_family_name_written_first_in_the_family_field(tmp_path):
    # Seen in the app: "NGUYEN Van An" went out as given "NGUYEN Van", family "An".
    store = Store.open(tmp_path / "names.sqlite")
    for name in ("NGUYEN Van An", "Tanaka, Hiroshi", "Sam Okafor, RN", "Tanaka Hiroshi"):
        store.add(Person(name=name))
    path = tmp_path / "people.vcf"
    export_vcards(store, path)
    names = {c.fn.value: (c.n.value.given, c.n.value.family, c.n.value.suffix)
             for c in vobject.readComponents(path.read_text(encoding="utf-8"))}
    assert names == {"NGUYEN Van An": ("Van An", "NGUYEN", ""),
                     "Tanaka, Hiroshi": ("Hiroshi", "Tanaka", ""),
                     "Sam Okafor, RN": ("Sam", "Okafor", "RN"),
                     "Tanaka Hiroshi": ("Tanaka", "Hiroshi", "")}


def test_export_where_a_file_stands_is_bad_input(full, tmp_path):
    blocker = tmp_path / "taken"
    blocker.write_text("mine", encoding="utf-8")
    with pytest.raises(BadInput, match="cannot write"):
        export_folder(full, blocker)
    with pytest.raises(BadInput, match="cannot write"):
        export_vcards(full, blocker / "people.vcf")
    assert blocker.read_text(encoding="utf-8") == "mine"
