"""`infoview db ...` and `infoview people ...` from the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from _store_data import TARGET, fill_everything

from infoview.cli import main
from infoview.models import Person
from infoview.store import Store

CONNECTIONS = Path(__file__).parent / "data" / "Connections.csv"
COMMANDS = [
    ["db"], ["db", "path"], ["db", "stats"], ["db", "export"], ["db", "import"],
    ["people"], ["people", "list"], ["people", "import-linkedin"], ["people", "delete"],
    ["people", "export-vcard"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as caught:
        main([*command, "--help"])
    assert caught.value.code == 0
    assert "usage: infoview " + " ".join(command) in capsys.readouterr().out


@pytest.mark.parametrize("argv", [
    ["db", "nope"], ["db", "export"], ["people", "delete", "abc"],
    ["people", "import-linkedin", "x.csv", "--how-known", "enemy"], ["people", "list", "--bad"],
])
def test_bad_arguments_exit_2_with_one_line(argv, capsys):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def _run(db: Path, *argv: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "INFOVIEW_DB": str(db)}
    return subprocess.run([sys.executable, "-m", "infoview", *argv], capture_output=True,
                          text=True, env=env, input=stdin, timeout=60)


def test_db_path_follows_infoview_db_and_db_option(tmp_path):
    env_db = tmp_path / "env.sqlite"
    assert _run(env_db, "db", "path").stdout.strip() == str(env_db)
    other = tmp_path / "other.sqlite"
    result = _run(env_db, "--db", str(other), "db", "path", "--json")
    assert json.loads(result.stdout) == {"path": str(other)}
    assert not env_db.exists() and not other.exists()  # asking where creates nothing


def test_linkedin_import_list_and_stats(tmp_path, capsys):
    db = str(tmp_path / "s.sqlite")
    assert main(["--db", db, "people", "import-linkedin", str(CONNECTIONS), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["added"] == 9 and report["notes"] == [{"line": 13, "reason": "no name"}]
    assert main(["--db", db, "people", "list", "--json"]) == 0
    people = json.loads(capsys.readouterr().out)
    assert {"id", "name", "title", "organization", "email", "profile_url"} <= set(people[0])
    assert people[1]["name"] == "Søren Kierkegård" and people[1]["connected_on"] == "2023-01-03"
    assert main(["--db", db, "db", "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["counts"]["people"] == 9 and stats["schema_version"] >= 2


def test_malformed_linkedin_file_is_one_line_with_line_number(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Notes:\n\nFirst Name,Last Name,URL,Email Address,Company,Position,"
                   "Connected On\nAda,Ode,,,,,1 Jan 2020\nBo,Bee,,,\n", encoding="utf-8")
    result = _run(tmp_path / "s.sqlite", "people", "import-linkedin", str(bad))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "line 5" in result.stderr
    with Store.open(tmp_path / "s.sqlite") as store:
        assert store.counts()["people"] == 0


def test_export_then_import_into_a_new_file(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    with Store.open(db) as store:
        fill_everything(store)
        counts = store.counts()
    assert main(["--db", str(db), "db", "export", str(tmp_path / "out")]) == 0
    assert main(["--db", str(tmp_path / "new.sqlite"), "db", "import", str(tmp_path / "out"),
                 "--json"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out[out.index("{"):])["added"] == counts
    with Store.open(tmp_path / "new.sqlite") as copy:
        assert copy.counts() == counts
    # Importing again into the now-full store is refused with one line.
    assert main(["--db", str(tmp_path / "new.sqlite"), "db", "import",
                 str(tmp_path / "out")]) == 2
    assert "empty store" in capsys.readouterr().err


def test_export_of_a_missing_store_says_so(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "none.sqlite"), "db", "export", str(tmp_path / "o")]) == 2
    assert "there is no store at" in capsys.readouterr().err
    assert not (tmp_path / "none.sqlite").exists()


def test_delete_from_a_script_needs_yes_and_is_complete(tmp_path):
    """A script (input piped, not a terminal) cannot answer the question: without --yes
    the deletion is refused in one line and nothing is touched; with it, it is complete."""
    db = tmp_path / "s.sqlite"
    with Store.open(db) as store:
        ids = fill_everything(store)
        counts = store.counts()
    refused = _run(db, "people", "delete", str(ids["alice"]), stdin="y\n")
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    assert "--yes" in refused.stderr and "nothing was deleted" in refused.stderr
    with Store.open(db) as store:
        assert store.counts() == counts
    result = _run(db, "people", "delete", str(ids["alice"]), "--yes", "--json", stdin="")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["deleted"]["people"] == 1
    listing = _run(db, "people", "list", "--json")
    assert TARGET not in listing.stdout
    again = _run(db, "people", "delete", str(ids["alice"]))
    assert again.returncode == 2 and again.stderr.count("\n") == 1


def test_vcard_export(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    with Store.open(db) as store:
        fill_everything(store)
    out = tmp_path / "people.vcf"
    assert main(["--db", str(db), "people", "export-vcard", str(out)]) == 0
    assert "wrote 3 people" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8").count("BEGIN:VCARD") == 3


def test_corrupt_database_is_one_line_exit_2_and_untouched(tmp_path):
    db = tmp_path / "s.sqlite"
    db.write_bytes(b"not a database at all")
    result = _run(db, "people", "list")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert str(db) in result.stderr and db.read_bytes() == b"not a database at all"


def test_db_check_finds_a_damaged_page_that_opening_does_not_read(tmp_path):
    db = tmp_path / "s.sqlite"
    with Store.open(db) as store:
        store.add_many(Person(name=f"P{i}", notes="x" * 200) for i in range(300))
        root = store.execute("SELECT rootpage FROM sqlite_master WHERE name = 'people'")[0][0]
    assert _run(db, "db", "check").returncode == 0
    data = bytearray(db.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    data[size * (root - 1): size * (root - 1) + 400] = b"\xff" * 400  # people's first page
    db.write_bytes(bytes(data))
    Store.open(db).close()  # opening reads only the header, the schema and the length
    for command in (["db", "check"], ["people", "list"]):
        result = _run(db, *command)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, command
        assert "damaged" in result.stderr and "restore" in result.stderr
    assert db.read_bytes() == bytes(data)


@pytest.mark.parametrize("answer, deleted", [("n\n", False), ("y\n", True)])
def test_delete_at_a_terminal_asks_first(tmp_path, answer, deleted):
    import pty

    db = tmp_path / "s.sqlite"
    with Store.open(db) as store:
        ids = fill_everything(store)
    master, slave = pty.openpty()
    try:
        os.write(master, answer.encode())
        result = subprocess.run([sys.executable, "-m", "infoview", "--db", str(db), "people",
                                 "delete", str(ids["alice"])], stdin=slave, capture_output=True,
                                text=True, timeout=60)
    finally:
        os.close(master)
        os.close(slave)
    assert "cannot be undone" in result.stderr
    assert result.returncode == (0 if deleted else 1)
    with Store.open(db) as store:
        assert (not store.find_people(name=TARGET)) == deleted
