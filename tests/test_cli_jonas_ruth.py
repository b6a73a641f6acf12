"""Jonas and Ruth on the command line (a QA pass from a new store): the mistakes they made
and what the one line on stderr told them to do. Real SQLite files, the real ``main``."""

from __future__ import annotations

import json
import shlex

import pytest

from infoview.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of ``infoview ARGV``, whether it returns or exits."""
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("argv, command", [
    (["research", "batch"], "infoview research batch"),       # forgot the file and --out
    (["peopel", "list"], "infoview"),                           # a typo in the command
    (["people", "delete", "Zelda"], "infoview people delete"),  # a name where the id goes
])
def test_a_usage_mistake_names_the_help_to_read(capsys, tmp_path, argv, command):
    db = tmp_path / "store.sqlite"
    code, out, err = run(capsys, "--db", str(db), *argv)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert err.startswith(f"{command}: error: ")
    assert err.rstrip("\n").endswith(f"; see '{command} --help'")
    assert not db.exists()
    # ... and the help it names is there to read
    code, out, _ = run(capsys, *shlex.split(command)[1:], "--help")
    assert code == 0 and out.startswith(f"usage: {command}")


@pytest.fixture
def ruth_db(tmp_path, monkeypatch, capsys):
    """Ruth's store with one student in it (a real SQLite file), and no question file set."""
    monkeypatch.delenv("INFOVIEW_QUESTIONS", raising=False)
    path = tmp_path / "class.sqlite"
    assert main(["--db", str(path), "people", "add", "--name", "Zelda Quimby"]) == 0
    capsys.readouterr()
    return path


def test_a_question_file_that_is_not_there_names_the_option_that_gave_it(capsys, ruth_db,
                                                                           tmp_path):
    missing = tmp_path / "my-questions.csv"
    code, out, err = run(capsys, "--db", str(ruth_db), "questions", "bank",
                         "--bank-file", str(missing))
    assert code == 2 and out == ""
    assert err == (f"infoview: error: {missing}: no question file there; check the path "
                   "given by --bank-file\n")
    code, _, err = run(capsys, "questions", "plan", "--bank-file", str(tmp_path))
    assert code == 2
    assert err.endswith("the question file given by --bank-file is a folder; give the path "
                        "of your .csv file\n")


def test_a_stale_infoview_questions_says_so_wherever_questions_are_planned(
        capsys, ruth_db, tmp_path, monkeypatch, sites):
    missing = tmp_path / "old-laptop" / "questions.csv"
    monkeypatch.setenv("INFOVIEW_QUESTIONS", str(missing))
    said = (f"infoview: error: {missing}: no question file there; check the path given by "
            "$INFOVIEW_QUESTIONS (or unset $INFOVIEW_QUESTIONS)\n")
    before = ruth_db.read_bytes()
    for argv in (["questions", "plan", "--minutes", "10"],
                 ["prep", "--company-url", sites.get().url, "--delay", "0",
                  "--out", str(tmp_path / "briefs")],
                 ["meeting", "add", "--person", "1", "--plan"]):
        code, out, err = run(capsys, "--db", str(ruth_db), *argv)
        assert (code, out, err) == (2, "", said), argv
    assert ruth_db.read_bytes() == before and not (tmp_path / "briefs").exists()
    # her own file, once it is where the variable says, is used
    missing.parent.mkdir()
    missing.write_text("id,category,minutes,weight,audiences,answered_by_research,tags,text\n"
                       "ruth-01,role,3,4,anyone,,insights,"
                       "What does a good week look like for you as a {role}?\n",
                       encoding="utf-8")
    code, out, _ = run(capsys, "--db", str(ruth_db), "questions", "bank", "--category", "role")
    assert code == 0 and "What does a good week look like" in out


def _researched(out) -> list[dict]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("name, data", [
    # Excel's "Unicode Text": UTF-16 with a byte-order mark, tab-separated, a .txt name
    ("exhibitors.txt", lambda url: f"Firma\tURL\r\nAtelier Lef\u00e8vre\t{url}\r\n"
                                   .encode("utf-16")),
    # Excel's "CSV UTF-16"
    ("exhibitors.csv", lambda url: f"name,url\r\nAtelier Lef\u00e8vre,{url}\r\n"
                                   .encode("utf-16")),
    # a spreadsheet set to German writes semicolons
    ("exhibitors.csv", lambda url: f"\ufeffFirma;URL\r\nAtelier Lef\u00e8vre;{url}\r\n"
                                   .encode()),
])
def test_jonas_exhibitor_list_saved_by_excel_is_researched(capsys, tmp_path, sites, name, data):
    site = sites.get("cp1252")
    source = tmp_path / name
    source.write_bytes(data(site.url))
    out = tmp_path / "exhibitors.jsonl"
    code, said, err = run(capsys, "--db", str(tmp_path / "store.sqlite"), "research", "batch",
                          str(source), "--out", str(out), "--delay", "0")
    assert code == 0, err
    assert said.startswith("1 researched, 0 failed")
    [result] = _researched(out)
    assert result["url"].rstrip("/") == site.url.rstrip("/") and "error" not in result
    assert result["name"] == "Atelier Lef\u00e8vre & Fils"


def test_a_list_without_a_url_column_says_what_to_name_it(capsys, tmp_path):
    source = tmp_path / "exhibitors.csv"
    source.write_text("Company;Website\nAcme;https://acme.example/\n", encoding="utf-8")
    out = tmp_path / "exhibitors.jsonl"
    code, said, err = run(capsys, "research", "batch", str(source), "--out", str(out))
    assert (code, said) == (2, "")
    assert err == (f"infoview: error: {source}, line 1: the CSV has no 'url' column (columns: "
                   "Company, Website); name the column of web addresses url\n")
    assert not out.exists()


def test_the_actions_help_names_the_key_as_its_commands_do(capsys):
    """'actions done ID' in one help and 'KEY' in the next left Ruth unsure what to type."""
    helps = {}
    for argv in (["actions"], ["actions", "done"], ["actions", "snooze"], ["actions", "due"]):
        code, helps[argv[-1]], _ = run(capsys, *argv, "--help")
        assert code == 0
    for sub in ("done", "snooze", "due"):
        assert f"infoview actions {sub} [-h]" in helps[sub] and " KEY" in helps[sub]
    text = " ".join(helps["actions"].split())
    assert "'infoview actions done KEY --undo'" in text and " ID " not in text
