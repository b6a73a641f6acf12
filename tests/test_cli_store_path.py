"""A mistyped store path, typed with ``--db`` or set in ``$INFOVIEW_DB`` (a typo in a
variable is as easy as in a flag): a command that shows or changes records refuses it, one
that starts a user's data starts a new store there but never makes a folder; only the
default store in the user's data folder is started wherever it is needed (real files,
through the CLI's ``main``)."""

from __future__ import annotations

import argparse

import pytest

from infoview.cli import build_parser, main
from infoview.cli._common import STARTING_COMMANDS, STORELESS_COMMANDS
from infoview.models import Person
from infoview.store import Store

#: A run of each command that shows or changes records a store holds (or notes its files
#: in an existing store), as a user would type it after ``--db PATH``.
REFUSING_RUNS = {
    "people list": ["people", "list"],
    "people show": ["people", "show", "1"],
    "people edit": ["people", "edit", "1", "--title", "Nurse"],
    "people delete": ["people", "delete", "1", "--yes"],
    "people export-vcard": ["people", "export-vcard", "{tmp}/all.vcf"],
    "db stats": ["db", "stats"],
    "db check": ["db", "check"],
    "db export": ["db", "export", "{tmp}/export"],
    "meeting add": ["meeting", "add", "--person", "1"],
    "meeting list": ["meeting", "list"],
    "meeting show": ["meeting", "show", "1"],
    "meeting edit": ["meeting", "edit", "1", "--minutes", "30"],
    "meeting mark": ["meeting", "mark", "1", "no-show"],
    "debrief": ["debrief", "{tmp}/urls.txt"],
    "outreach add": ["outreach", "add", "--person", "1"],
    "outreach replied": ["outreach", "replied", "1"],
    "outreach list": ["outreach", "list"],
    "report": ["report", "--out", "{tmp}/report.html"],
    "targets": ["targets"],
    "actions": ["actions"],
    "actions done": ["actions", "done", "1"],
    "actions snooze": ["actions", "snooze", "1", "--until", "2030-01-01"],
    "actions due": ["actions", "due", "1", "2030-01-01"],
    "followups": ["followups"],
    "digest": ["digest"],
    "dossier": ["dossier", "Acme"],
    "warm": ["warm", "Acme"],
    "profile show": ["profile", "show"],
    "research batch": ["research", "batch", "{tmp}/urls.txt", "--out", "{tmp}/out"],
}
#: Commands that never open a store, whatever --db says.
NO_STORE = {"db path", "questions lint", "questions bank", "demo", "cache stats", "cache clear",
            "cache forget"}


def _commands(parser: argparse.ArgumentParser, prefix: str = "") -> set[str]:
    found = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                inner = _commands(sub, f"{prefix}{name} ")
                found |= inner or {f"{prefix}{name}"}
    return found


def test_every_command_has_its_place_in_the_rule():
    commands = {"draft" if c.startswith("draft ") else c for c in _commands(build_parser())}
    commands.add("actions")  # the list, without a verb
    placed = set(REFUSING_RUNS) | STARTING_COMMANDS | STORELESS_COMMANDS | NO_STORE
    assert commands == placed
    assert not set(REFUSING_RUNS) & (STARTING_COMMANDS | STORELESS_COMMANDS)


def _named(how: str, path, argv: list[str], monkeypatch) -> list[str]:
    """``argv`` with the store ``path`` given the way ``how`` says: typed, or set."""
    if how == "--db":
        monkeypatch.delenv("INFOVIEW_DB", raising=False)
        return ["--db", str(path), *argv]
    monkeypatch.setenv("INFOVIEW_DB", str(path))
    return argv


@pytest.mark.parametrize("how", ["--db", "$INFOVIEW_DB"])
@pytest.mark.parametrize("command", sorted(REFUSING_RUNS))
def test_a_command_on_existing_records_refuses_a_store_that_is_not_there(
        command, how, tmp_path, capsys, monkeypatch):
    (tmp_path / "urls.txt").write_text("https://example.com/\n", encoding="utf-8")
    typo = tmp_path / "studnets.db"
    argv = [a.replace("{tmp}", str(tmp_path)) for a in REFUSING_RUNS[command]]
    before = set(tmp_path.iterdir())
    assert main(_named(how, typo, argv, monkeypatch)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"there is no store at {typo}" in err and ": check the path" in err
    assert ("(named by $INFOVIEW_DB)" in err) == (how == "$INFOVIEW_DB")
    # how a new store is started, the path given as the user gave it
    start = f"infoview --db {typo} people add" if how == "--db" else "infoview people add"
    assert start in err
    assert set(tmp_path.iterdir()) == before  # no store, no output made


def test_a_reading_command_still_reads_the_store_that_is_there(tmp_path, capsys):
    db = tmp_path / "class.db"
    with Store.open(db) as store:
        store.add(Person(name="Ada Student"))
    assert main(["--db", str(db), "people", "list"]) == 0
    assert "Ada Student" in capsys.readouterr().out


@pytest.mark.parametrize("how", ["--db", "$INFOVIEW_DB"])
def test_a_saving_command_starts_a_new_store_at_a_path_set_or_typed(how, tmp_path, capsys,
                                                                     monkeypatch):
    db = tmp_path / "new.db"
    assert main(_named(how, db, ["people", "add", "--name", "Ada Student"], monkeypatch)) == 0
    assert main(_named(how, db, ["people", "list"], monkeypatch)) == 0
    assert "Ada Student" in capsys.readouterr().out


@pytest.mark.parametrize("how", ["--db", "$INFOVIEW_DB"])
@pytest.mark.parametrize("argv", [["people", "add", "--name", "Ada"],
                                  ["profile", "set", "--name", "Jonas"]])
def test_a_saving_command_makes_no_folder(argv, how, tmp_path, capsys, monkeypatch):
    db = tmp_path / "nofolder" / "x.db"
    assert main(_named(how, db, argv, monkeypatch)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"there is no folder {db.parent} for the store {db}" in err
    assert not db.parent.exists()


@pytest.mark.parametrize("argv", [["draft", "pitch"], ["questions", "plan", "--minutes", "20"]])
def test_a_command_that_needs_no_store_still_runs_without_one(argv, tmp_path, capsys):
    """A pitch or a question plan needs no store: one named but not there is not made."""
    assert main(["--db", str(tmp_path / "none" / "x.db"), *argv]) == 0
    assert list(tmp_path.iterdir()) == []


def test_the_default_store_is_still_started_on_a_first_run(tmp_path, monkeypatch, capsys):
    """Neither --db nor $INFOVIEW_DB: the default store, in a data folder not made yet,
    works on a first run, for reading and saving alike (no typo can name it)."""
    monkeypatch.delenv("INFOVIEW_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert main(["people", "list"]) == 0
    assert main(["people", "add", "--name", "Ada Student"]) == 0
    assert main(["people", "list"]) == 0
    assert "Ada Student" in capsys.readouterr().out
    assert (tmp_path / "data" / "infoview" / "infoview.sqlite").is_file()
