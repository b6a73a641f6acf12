"""One person, one record: the LinkedIn archive files a person's messages under the record
research made for them, and deleting a person finds every record of them.

The case of issue 18: research saved Amara from her bio page (that page is her profile URL);
the archive's connection row matched her by name and company, but her messages went to a
new record with her LinkedIn URL. After ``people delete``, that second record was renamed
``[removed]`` and kept the URL and the messages, and ``people show --all`` did not list it.
"""

from __future__ import annotations

import json

import pytest
from linkedin_archive import archive_files, url, write_archive

from infoview.cli import main
from infoview.flows.research import keep_research
from infoview.models import Outreach, Person
from infoview.research.models import PersonProfile
from infoview.store import Store
from infoview.store.archive_import import import_archive

BIO = "https://lumengrid.example/team/amara-okafor"
AMARA_URL = url("amara-okafor-4b21a9")


def _research_amara(store: Store) -> Person:
    kept = keep_research(store, person=PersonProfile(
        url=BIO, name="Amara Okafor", title="Senior Data Scientist",
        organization="Lumen Grid Analytics", bio="Amara leads the forecasting team."))
    return kept.person


@pytest.mark.parametrize("files", ["all", "without connections"])
def test_the_archive_files_messages_under_the_person_research_saved(tmp_path, files):
    archive = archive_files()
    if files == "without connections":  # a name that fits one person still finds her
        del archive["Connections.csv"]
    with Store.open(tmp_path / "s.sqlite") as store:
        amara = _research_amara(store)
        import_archive(store, write_archive(tmp_path / "a.zip", archive))
        records = [p for p in store.list(Person) if "Amara" in p.name]
        assert [p.id for p in records] == [amara.id]
        sent = store.list(Outreach, person_id=amara.id)
        assert [(o.kind, o.replied_at is not None) for o in sent] == [
            ("request", True), ("other", False)]
        assert store.get(Person, amara.id).profile_url == BIO  # filled in, never replaced


def test_the_connection_row_decides_between_namesakes(tmp_path):
    """Two Maria Garcias: the connection rows tell which one each LinkedIn URL is, even
    when research saved the Tidewater one from her bio page first."""
    with Store.open(tmp_path / "s.sqlite") as store:
        tide = keep_research(store, person=PersonProfile(
            url="https://tidewater.example/people/maria", name="Maria Garcia",
            organization="Tidewater Labs")).person
        import_archive(store, write_archive(tmp_path / "a.zip", archive_files()))
        marias = [p for p in store.list(Person) if p.name == "Maria Garcia"]
        assert len(marias) == 2 and tide.id in [p.id for p in marias]
        (row,) = [o for o in store.list(Outreach) if "c-3" in (o.notes or "")]
        assert row.person_id == tide.id  # she wrote from maria-garcia-tide


def _legacy_duplicate(store: Store) -> tuple[Person, Person]:
    """What older versions left: the researched record, and a second one made for her
    LinkedIn messages (her URL, no organization), with a message of its own."""
    amara = _research_amara(store)
    twin = store.add(Person(name="Amara Okafor", profile_url=AMARA_URL, how_known="cold",
                            tags=["linkedin"]))
    store.add(Outreach(person_id=twin.id, channel="linkedin", body="Hello Amara"))
    return amara, twin


def test_what_is_held_lists_her_other_record_and_its_messages(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    with Store.open(db) as store:
        amara, twin = _legacy_duplicate(store)
        namesake = store.add(Person(name="Amara Okafor", organization="Tidewater Labs"))
    assert main(["--db", str(db), "people", "show", str(amara.id), "--all", "--json"]) == 0
    held = json.loads(capsys.readouterr().out)
    assert [d["id"] for d in held["same_person"]] == [twin.id]  # not the namesake elsewhere
    assert namesake.id not in [d["id"] for d in held["same_person"]]
    assert {(r["table"], r.get("person")) for r in held["records"]} >= {("outreach", twin.id)}
    assert main(["--db", str(db), "people", "show", str(amara.id), "--all"]) == 0
    text = capsys.readouterr().out
    assert f"other records of them (deleted with them): 1\n  person {twin.id}: Amara Okafor, " \
           f"{AMARA_URL}" in text


def test_delete_removes_every_record_of_her_and_keeps_a_namesake(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    with Store.open(db) as store:
        amara, twin = _legacy_duplicate(store)
        namesake = store.add(Person(name="Amara Okafor", organization="Tidewater Labs"))
        other = store.add(Person(name="Bea Lund", notes=f"met Amara, see {AMARA_URL}"))
    assert main(["--db", str(db), "people", "delete", str(amara.id), "--yes"]) == 0
    out = capsys.readouterr().out
    assert f"and their other record, person {twin.id}," in out
    with Store.open(db) as store:
        ids = [p.id for p in store.list(Person)]
        assert amara.id not in ids and twin.id not in ids
        assert namesake.id in ids and other.id in ids
        assert store.list(Outreach) == []
        assert "amara-okafor-4b21a9" not in (store.get(Person, other.id).notes or "")
    assert b"amara-okafor-4b21a9" not in db.read_bytes()


def test_a_shared_email_or_profile_url_is_the_same_person_whatever_the_name(tmp_path):
    from infoview.store.erase import same_person

    with Store.open(tmp_path / "s.sqlite") as store:
        ada = store.add(Person(name="Ada Lovelace", email="ada@example.org", organization="Acme"))
        typo = store.add(Person(name="Ada Lovelance", email="ADA@example.org"))
        via_typo = store.add(Person(name="A. Lovelace", profile_url="https://example.org/ada",
                                    email="ada@example.org "))
        elsewhere = store.add(Person(name="Ada Lovelace", organization="Babbage & Co"))
        found = same_person(store.execute, ada)
    assert [p.id for p in found] == [typo.id, via_typo.id]
    assert elsewhere.id not in [p.id for p in found]


def test_a_namesake_elsewhere_keeps_their_own_name(tmp_path, capsys):
    # Deleting Jo Bell of Acme must not rename Jo Bell of Brightly, a different person:
    # their own name is who they are, not a mention of the person deleted.
    db = tmp_path / "s.sqlite"
    with Store.open(db) as store:
        acme = store.add(Person(name="Jo Bell", organization="Acme"))
        brightly = store.add(Person(name="Jo Bell", organization="Brightly",
                                    notes="not the Jo Bell of Acme"))
    assert main(["--db", str(db), "people", "delete", str(acme.id), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "same name" in out  # the check that the store still names "Jo Bell" says why
    with Store.open(db) as store:
        kept = store.get(Person, brightly.id)
    assert kept.name == "Jo Bell" and kept.organization == "Brightly"
    assert kept.notes == "not the [removed] of Acme"  # a mention in text still goes
