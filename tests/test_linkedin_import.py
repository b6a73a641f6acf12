"""Importing LinkedIn's Connections.csv: preamble, blank emails, quoted commas, accents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from infoview.errors import BadInput, BadInputFile
from infoview.models import Organization, Person
from infoview.store.linkedin import import_linkedin

CONNECTIONS = Path(__file__).parent / "data" / "Connections.csv"


def test_realistic_file_adds_everyone_with_their_details(store):
    report = import_linkedin(store, CONNECTIONS)
    assert (report.added, report.updated, report.skipped) == (9, 0, 1)
    assert report.notes == [(13, "no name")]
    people = {p.name: p for p in store.list(Person)}
    soren = people["Søren Kierkegård"]
    assert soren.organization == "Fjord Maps, ApS"
    assert soren.email == "soren.k@example.org"
    assert soren.connected_on == date(2023, 1, 3)
    assert soren.how_known == "linkedin" and soren.tags == ["linkedin"]
    jose = people["José Núñez-García"]
    assert jose.title == "Product Manager, Payments" and jose.email is None
    assert people["Chloé Dubois"].organization == '"Les Petits" Studio'
    assert people["Mei Zhang 张"].connected_on == date(2021, 11, 7)
    assert people["Ólafur Arnalds"].organization is None
    assert store.counts()["organizations"] == 0


def test_reimport_changes_nothing(store):
    import_linkedin(store, CONNECTIONS)
    again = import_linkedin(store, CONNECTIONS)
    assert (again.added, again.updated, again.skipped) == (0, 0, 10)
    assert store.counts()["people"] == 9


def test_known_people_match_by_url_then_name_and_organization(store):
    by_url = store.add(Person(name="Amara O.", how_known="alumni", notes="met at uni",
                                     profile_url="http://linkedin.com/in/amara-okafor-4b21a9/"))
    by_name = store.add(Person(name="priya RAMAN", organization="northwind health",
                                      how_known="friend"))
    report = import_linkedin(store, CONNECTIONS)
    assert (report.added, report.updated) == (7, 2)
    amara = store.get(Person, by_url.id)
    assert amara.how_known == "alumni" and amara.notes == "met at uni"
    assert amara.title == "Senior Data Scientist" and amara.connected_on == date(2024, 3, 12)
    priya = store.get(Person, by_name.id)
    assert priya.email == "priya@example.com"
    assert priya.profile_url == "https://www.linkedin.com/in/priyaraman"
    assert priya.how_known == "friend" and priya.tags == ["linkedin"]


def test_windows_line_ends_and_no_bom_read_the_same(store, tmp_path):
    copy = tmp_path / "Connections.csv"
    text = CONNECTIONS.read_text(encoding="utf-8-sig")
    copy.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    report = import_linkedin(store, copy)
    assert report.added == 9 and report.notes == [(13, "no name")]


def test_organizations_are_created_only_when_asked(store):
    store.add(Organization(name="LUMEN GRID ANALYTICS"))
    report = import_linkedin(store, CONNECTIONS, add_organizations=True)
    names = [o.name for o in store.list(Organization)]
    assert report.organizations_added == 6
    assert len(names) == 7 and "Lumen Grid Analytics" not in names


def _broken_copy(tmp_path: Path, line_number: int, new_line: str) -> Path:
    lines = CONNECTIONS.read_text(encoding="utf-8-sig").splitlines()
    lines[line_number - 1] = new_line
    path = tmp_path / "broken.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("bad, message", [
    ("Zed,Zulu,https://www.linkedin.com/in/zz,,Acme,CEO", "expected 7 fields, found 6"),
    ("Zed,Zulu,https://www.linkedin.com/in/zz,,Acme,CEO,yesterday", "not a date"),
])
def test_malformed_row_names_its_line_and_imports_nothing(store, tmp_path, bad, message):
    path = _broken_copy(tmp_path, 11, bad)
    with pytest.raises(BadInputFile, match=message) as caught:
        import_linkedin(store, path)
    assert caught.value.line == 11
    assert "line 11" in str(caught.value)
    assert store.counts()["people"] == 0


def test_file_without_header_is_refused(store, tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("Name,Email\nAda,ada@example.org\n", encoding="utf-8")
    with pytest.raises(BadInputFile, match="no header"):
        import_linkedin(store, path)


def test_a_file_saved_again_as_windows_text_is_read(store, tmp_path):
    # Excel's "CSV" on Windows writes cp1252 (see test_sheettext for every other encoding)
    path = tmp_path / "latin1.csv"
    path.write_bytes("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                     "Ren\xe9,Roy,,,,,01 Jan 2020\n".encode("cp1252"))
    import_linkedin(store, path)
    assert [p.name for p in store.list(Person)] == ["Ren\xe9 Roy"]


def test_a_bad_byte_after_a_utf8_start_is_refused_with_line(store, tmp_path):
    # The encoding is judged from the first 64 KB; the stream still names a bad byte later.
    row = "Ada,Ode,,,,,01 Jan 2020\n"
    rows = 70_000 // len(row) + 1
    path = tmp_path / "mixed.csv"
    path.write_bytes(("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                      + row * rows).encode() + b"Ren\xe9,Roy,,,,,01 Jan 2020\n")
    with pytest.raises(BadInputFile, match=f"line {rows + 2}"):
        import_linkedin(store, path)


def test_unknown_how_known_is_bad_input(store):
    with pytest.raises(BadInput, match="how_known"):
        import_linkedin(store, CONNECTIONS, how_known="stranger")
