"""Small things a newcomer meets on the command line (the second QA pass): messages that
name the option or the command to run, one parser per choice, legal suffixes, and a
deletion a script cannot make by accident. Real SQLite files, the real ``main``."""

from __future__ import annotations

import json

import pytest

from infoview.cli import main


@pytest.fixture
def db(tmp_path, monkeypatch, capsys):
    path = tmp_path / "new.sqlite"
    monkeypatch.setenv("INFOVIEW_DB", str(path))
    assert main(["people", "add", "--name", "Jo Park"]) == 0
    capsys.readouterr()
    return path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


PERSON = "infoview: error: no person with id 9; `infoview people list` shows the ids\n"
MEETING = "infoview: error: no meeting with id 9; `infoview meeting list` shows the ids\n"


@pytest.mark.parametrize("argv, said", [
    (["people", "show", "9"], PERSON),
    (["people", "delete", "9", "--yes"], PERSON),
    (["draft", "request", "--person", "9"], PERSON),
    (["prep", "--person", "9"], PERSON),
    (["meeting", "add", "--person", "9"], PERSON),
    (["meeting", "list", "--person", "9"], PERSON),
    (["outreach", "add", "--person", "9"], PERSON),
    (["outreach", "list", "--person", "9"], PERSON),
    (["meeting", "show", "9"], MEETING),
    (["meeting", "mark", "9", "no-show"], MEETING),
    (["draft", "confirm", "--meeting", "9"], MEETING),
    (["prep", "--meeting", "9"], MEETING),
])
def test_an_unknown_id_is_named_in_plain_words_with_where_the_ids_are(capsys, db, argv, said):
    code, _, err = run(capsys, *argv)
    assert (code, err) == (2, said)


def test_import_mail_that_cannot_tell_your_messages_names_the_me_option(capsys, db, tmp_path):
    from mail_samples import at, mbox, message

    box = mbox(tmp_path / "one.mbox", [message("a@one.example", "b@two.example", "Hi", at(4),
                                               "m1@x")])
    code, _, err = run(capsys, "import-mail", str(box))
    assert code == 2 and err.count("\n") == 1
    assert "--me you@example.org" in err and "infoview profile set --email" in err
    assert "name it for this import" not in err


def test_profile_list_options_read_as_one_item_each(capsys):
    with pytest.raises(SystemExit):
        main(["profile", "set", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for said in ("--school NAME a school you attended", "--employer NAME an employer you "
                 "worked for", "--place NAME a place where you lived or worked",
                 "--interest NAME an interest of yours"):
        assert said in text
    assert "one of your places" not in text


@pytest.mark.parametrize("written", ["in person", "In-Person", "in_person"])
def test_meeting_add_and_edit_read_a_format_the_same_way(capsys, db, written):
    code, out, err = run(capsys, "meeting", "add", "--person", "1", "--format", written, "--json")
    assert code == 0, err
    meeting = json.loads(out)["meeting"]
    assert meeting["format"] == "in_person"
    assert run(capsys, "meeting", "edit", str(meeting["id"]), "--format", "video")[0] == 0
    code, out, _ = run(capsys, "meeting", "edit", str(meeting["id"]), "--format", written, "--json")
    assert code == 0 and json.loads(out)["format"] == "in_person"


def test_an_unknown_format_gets_one_message_from_add_and_edit(capsys, db):
    said = "infoview: error: --format: The format must be one of phone, video, in person.\n"
    assert run(capsys, "meeting", "add", "--person", "1", "--format", "zoom")[::2] == (2, said)
    assert run(capsys, "meeting", "add", "--person", "1")[0] == 0
    assert run(capsys, "meeting", "edit", "1", "--format", "zoom")[::2] == (2, said)


@pytest.mark.parametrize("legal", ["S.L.", "S.A.", "B.V.", "G.m.b.H.", "S.p.A.", "S.à r.l."])
def test_a_dotted_legal_suffix_is_still_the_same_organization(legal):
    from infoview.store.matching import org_key

    assert org_key(f"Acme Robotics {legal}") == org_key("Acme Robotics") == "acme robotics"


def test_warm_paths_find_people_at_an_organization_written_with_a_dotted_suffix(capsys, db):
    for name, org in (("Ana Ruiz", "Acme Robotics S.L."), ("Ben Vos", "Acme Robotics B.V."),
                      ("Cem Ak", "Acme Robotics G.m.b.H.")):
        assert run(capsys, "people", "add", "--name", name, "--organization", org,
                   "--how-known", "friend")[0] == 0
    code, out, _ = run(capsys, "warm", "Acme Robotics", "--json")
    assert code == 0 and sorted(p["name"] for p in json.loads(out)) == [
        "Ana Ruiz", "Ben Vos", "Cem Ak"]
