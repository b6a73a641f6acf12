"""Importing LinkedIn's full data archive: profile, connections, messages, invitations."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, date, datetime

import pytest
from linkedin_archive import ME_URL, THANKS, archive_files, url, write_archive

from infoview.cli import main
from infoview.errors import BadInputFile
from infoview.models import Affiliation, Outreach, Person, UserProfile
from infoview.store import Store
from infoview.store.archive_import import import_archive
from infoview.store.linkedin import import_linkedin
from infoview.store.matching import CorrespondentIndex, match_correspondent


def _utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def _history(store: Store) -> dict[str, list[Outreach]]:
    out: dict[str, list[Outreach]] = {}
    for row in store.list(Outreach):
        out.setdefault(store.get(Person, row.person_id).name, []).append(row)
    return out


def test_archive_fills_profile_people_and_linkedin_history(store, tmp_path):
    report = import_archive(store, write_archive(tmp_path / "a.zip", archive_files()))
    profile = store.get_profile()
    assert profile.name == "Inès Moreau"
    assert profile.schools == ["Université Lumière Lyon 2", "ENSAI"]
    assert profile.employers == ["Northwind Health", "Tidewater Labs"]  # current job first
    assert profile.background.startswith("Six years") and "\nat a start-up" in profile.background
    assert profile.profile_url == ME_URL
    assert report.connections.added == 7
    people = {p.profile_url: p for p in store.list(Person)}
    assert people[url("jose-nunez-garcia")].organization == "Acme, Inc."
    assert people[url("chloe-dubois-paris")].organization == '"Les Petits" Studio'

    history = _history(store)
    amara = history["Amara Okafor"]
    assert [(r.kind, r.sent_at, r.replied_at) for r in amara] == [
        ("request", _utc(2024, 3, 14, 9, 2, 11), _utc(2024, 3, 15, 17, 40)),
        ("other", _utc(2024, 3, 15, 18, 5, 30), None)]
    assert amara[1].body == THANKS and all(r.channel == "linkedin" for r in amara)
    assert [r.kind for r in history["José Núñez-García"]] == ["request", "follow_up"]
    # Maria of Tidewater wrote first (her URL tells her from Maria of Kestrel); the user's
    # answer is recorded under her, not under her namesake.
    maria = history["Maria Garcia"]
    assert len(maria) == 1 and maria[0].kind == "other"
    assert store.get(Person, maria[0].person_id).organization == "Tidewater Labs"
    # Invitations: Kwame accepted (connected 2 Apr, after the request); Lena did not.
    kwame, lena = history["Kwame Mensah"][0], history["Lena Fischer"][0]
    assert kwame.kind == "request" and kwame.replied_at == _utc(2024, 4, 2)
    assert lena.replied_at is None and lena.body is None
    assert (report.invitations_sent, report.invitations_accepted,
            report.invitations_received) == (2, 1, 1)
    # A recruiter who only wrote in is a new (cold) person, with nothing sent to them.
    zoe = store.find_people(profile_url=url("zoe-wasik-77"))[0]
    assert zoe.name == "Zoë Wąsik" and zoe.how_known == "cold" and "Zoë Wąsik" not in history
    assert (report.messages, report.messages_sent, report.messages_received) == (8, 5, 3)
    assert report.missing == [] and report.unmatched == 0


def test_folder_and_zip_import_the_same(tmp_path):
    results = []
    for as_zip in (True, False):
        dest = tmp_path / ("a.zip" if as_zip else "folder")
        with Store.open(tmp_path / f"{as_zip}.sqlite") as store:
            import_archive(store, write_archive(dest, archive_files(), as_zip=as_zip))
            results.append((store.counts(), [(r.person_id, r.kind, r.sent_at, r.replied_at)
                                             for r in store.list(Outreach)]))
    assert results[0] == results[1]


def test_same_archive_again_changes_nothing(store, tmp_path):
    archive = write_archive(tmp_path / "a.zip", archive_files())
    import_archive(store, archive)
    before = store.counts(), store.list(Outreach), store.list(Person)
    again = import_archive(store, archive)
    assert (again.outreach_added, again.outreach_updated, again.people_added) == (0, 0, 0)
    assert (store.counts(), store.list(Outreach), store.list(Person)) == before


def test_newer_archive_adds_only_what_is_new_and_keeps_the_old_employer(store, tmp_path):
    import_archive(store, write_archive(tmp_path / "a.zip", archive_files(1)))
    outreach_before = len(store.list(Outreach))
    report = import_archive(store, write_archive(tmp_path / "b.zip", archive_files(2)))
    amara = store.find_people(profile_url=url("amara-okafor-4b21a9"))
    assert len(amara) == 1 and amara[0].organization == "Kestrel Health Labs GmbH"
    assert amara[0].title == "Staff Data Scientist"
    past = store.list(Affiliation, person_id=amara[0].id)
    assert [(a.organization, a.title, a.status, a.source) for a in past] == [
        ("Lumen Grid Analytics", "Senior Data Scientist", "past", "linkedin")]
    # José answered: both unanswered messages are now answered, no record added.
    assert len(store.list(Outreach)) == outreach_before
    jose = _history(store)["José Núñez-García"]
    assert [r.replied_at for r in jose] == [_utc(2024, 9, 3, 7, 15)] * 2
    assert report.outreach_updated == 2 and report.outreach_added == 0
    assert report.connections.added == 1 and report.connections.past_positions == 1


def test_older_layout_without_urls_reads_and_refuses_to_guess_between_namesakes(store,
                                                                                tmp_path):
    report = import_archive(store, write_archive(tmp_path / "old.zip", archive_files(older=True)))
    assert report.connections.added == 7
    history = _history(store)
    assert [r.kind for r in history["Amara Okafor"]] == ["request", "other"]
    assert history["Amara Okafor"][0].replied_at == _utc(2024, 3, 15, 17, 40)
    assert "Maria Garcia" not in history  # two connections bear the name, and no URL says which
    assert report.unmatched == 1
    assert report.notes[0][2].startswith("Maria Garcia: the name fits several people")
    # A later export of the same layout: Amara's move is an update, not a second Amara.
    import_archive(store, write_archive(tmp_path / "old2.zip",
                                                archive_files(2, older=True)))
    assert len(store.find_people(name="Amara Okafor")) == 1
    assert [a.organization for a in store.list(Affiliation)] == ["Lumen Grid Analytics"]


def test_archive_without_profile_finds_the_user_from_the_conversations(store, tmp_path):
    files = archive_files()
    files = {name: text for name, text in files.items()
             if name in ("Connections.csv", "messages.csv")}
    store.save_profile(UserProfile(schools=["ENSAI"]))
    report = import_archive(store, write_archive(tmp_path / "part.zip", files))
    assert sorted(report.missing) == ["education.csv", "invitations.csv", "positions.csv",
                                      "profile.csv"]
    assert report.messages_sent == 5 and report.outreach_added == 5
    assert store.get_profile().schools == ["ENSAI"]  # nothing of the user's is lost


def test_users_own_profile_entries_are_kept_after_the_archives(store, tmp_path):
    store.save_profile(UserProfile(name="Ines M.", schools=["Lycée du Parc"],
                                   employers=["northwind health"], background="My pitch"))
    import_archive(store, write_archive(tmp_path / "a.zip", archive_files()))
    profile = store.get_profile()
    assert profile.schools == ["Université Lumière Lyon 2", "ENSAI", "Lycée du Parc"]
    assert profile.employers == ["Northwind Health", "Tidewater Labs"]
    assert profile.background == "My pitch" and profile.name == "Inès Moreau"


def _line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_malformed_messages_file_names_file_and_row_and_imports_nothing(store, tmp_path):
    files = archive_files()
    # After a multi-line body, so the row's line is not its record number.
    files["messages.csv"] = files["messages.csv"].replace(
        "c-2,", 'c-8,,A,,B,,2024-01-01 00:00:00 UTC,,"two\r\nlines",INBOX,extra\r\nc-2,', 1)
    expected = _line_of(files["messages.csv"], "c-8,")
    with pytest.raises(BadInputFile) as info:
        import_archive(store, write_archive(tmp_path / "bad.zip", files))
    message = str(info.value)
    assert "bad.zip:messages.csv" in message and f"line {expected}:" in message
    assert "expected 10 fields, found 11" in message and "\n" not in message
    assert not any(store.counts().values())


def test_bad_date_in_invitations_names_its_line(store, tmp_path):
    files = archive_files()
    files["Invitations.csv"] = files["Invitations.csv"].replace("6/20/24, 4:45 PM", "soon")
    with pytest.raises(BadInputFile, match=r"Invitations.csv, line 3: Sent At is 'soon'"):
        import_archive(store, write_archive(tmp_path / "bad.zip", files))
    assert not any(store.counts().values())


def test_not_an_archive_is_refused_clearly(store, tmp_path):
    broken = tmp_path / "download.zip"
    broken.write_bytes(b"PK\x03\x04 cut short")
    with pytest.raises(BadInputFile, match="not a readable .zip archive"):
        import_archive(store, broken)
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("Rich_Media.csv", "Date,Media\r\n")
    with pytest.raises(BadInputFile, match="holds none of Profile.csv"):
        import_archive(store, empty)


def test_matching_prefers_url_then_one_unambiguous_name():
    people = [Person(name="José Núñez-García", profile_url=url("jose"), id=1),
              Person(name="Maria Garcia", organization="Kestrel Health Labs", id=2),
              Person(name="Maria Garcia", organization="Tidewater Labs", id=3),
              Person(name="Ann Lee", profile_url=url("ann-lee-1"), id=4)]
    index = CorrespondentIndex(people)
    assert match_correspondent(index, "Someone Else", "http://linkedin.com/in/JOSE/").person.id == 1
    found = match_correspondent(index, "JosÃ© NÃºÃ±ez-GarcÃ­a", None)  # mis-decoded, no URL
    assert (found.person.id, found.how) == (1, "name")
    assert match_correspondent(index, "jose nunez garcia", None).person.id == 1
    assert match_correspondent(index, "Maria Garcia", None).how == "ambiguous"
    assert match_correspondent(index, "Maria Garcia", None, "kestrel health labs inc").person.id == 2
    # Another Ann Lee (her URL differs) is not the Ann Lee in the store.
    assert match_correspondent(index, "Ann Lee", url("ann-lee-2")).how == "none"
    assert match_correspondent(index, "Nobody", None).how == "none"


def test_cli_imports_an_archive_with_a_summary(tmp_path, capsys):
    archive = write_archive(tmp_path / "a.zip", archive_files())
    db = str(tmp_path / "cli.sqlite")
    assert main(["--db", db, "people", "import-linkedin", str(archive)]) == 0
    out = capsys.readouterr().out
    assert "connections: added 7" in out and "invitations: 2 sent (1 accepted)" in out
    assert main(["--db", db, "people", "import-linkedin", str(archive), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["outreach_added"] == 0 and data["connections"]["skipped"] == 7


def test_cli_malformed_archive_is_one_line_and_exit_2(tmp_path, capsys):
    files = archive_files()
    files["Positions.csv"] = files["Positions.csv"].replace("Sep 2019", "someday")
    archive = write_archive(tmp_path / "bad", files, as_zip=False)
    db = tmp_path / "cli.sqlite"
    assert main(["--db", str(db), "people", "import-linkedin", str(archive)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Positions.csv, line 2: Started On is 'someday'" in err
    assert not db.exists()


def test_connections_file_alone_still_imports_as_before(store, tmp_path):
    files = archive_files()
    path = tmp_path / "Connections.csv"
    path.write_text(files["Connections.csv"], encoding="utf-8")
    report = import_linkedin(store, path)
    assert report.added == 7
    assert store.find_people(profile_url=url("kwame-mensah"))[0].connected_on == date(2024, 4, 2)


def test_a_changed_display_name_still_finds_the_users_own_messages(store, tmp_path):
    files = archive_files()
    files["Profile.csv"] = files["Profile.csv"].replace("Moreau,", "Moreau-Leclerc,", 1)
    files = {n: t for n, t in files.items() if n != "Invitations.csv"}
    report = import_archive(store, write_archive(tmp_path / "renamed.zip", files))
    assert store.get_profile().name == "Inès Moreau-Leclerc"
    assert (report.messages_sent, report.messages_received) == (5, 3)
    assert store.get_profile().profile_url == ME_URL
