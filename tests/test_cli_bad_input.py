"""Bad input anywhere on the command line: exit status 2, one line on stderr naming the
problem, no traceback, and no file created or changed where it must not be.

Most cases run ``infoview.cli.main`` in-process over one folder of awkward files; a few run
the real entry point in a subprocess to prove nothing else reaches the terminal.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from infoview.analytics._frames import channel_list
from infoview.cli import main
from infoview.errors import BadInput
from infoview.models import Meeting, Person
from infoview.questions.select import select_questions
from infoview.research.company import research_company
from infoview.store import Store


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    """A folder of bad inputs, a real store with one person and meeting, and a newer store."""
    root = tmp_path_factory.mktemp("bad-input")
    made = {
        "empty": b"",
        "binary": bytes(range(256)) * 8,
        "latin1": "Subject: caf\u00e9\n\nHello caf\u00e9\n".encode("latin-1"),
        "text": b"hello\n",
        "broken.json": b'{"url": ',
        "list.json": b"[1, 2, 3]",
        "no-url.json": b'{"url": 5, "people": "x"}',
        "news-text.json": b'{"url": "https://a.example/", "news": "yesterday"}',
        "person-no-name.json": b'{"url": "https://a.example/", "people": [{"title": "CEO"}]}',
        "no-url-column.csv": b"name,site\nAcme,acme.example\n",
        "failed.jsonl": b'{"url": "https://a.example/", "error": "not found (404)", "warnings": []}\n',
        "person.json": b'{"url": "https://a.example/jo", "name": "Jo", "bio": "Jo works here."}',
    }
    for name, data in made.items():
        (root / name).write_bytes(data)
    (root / "folder").mkdir()
    (root / "demo-out" / "demo.sqlite").mkdir(parents=True)
    for name, document in {
        "export-version-text": {"format": "infoview-export", "schema_version": "2", "tables": {}},
        "export-bad-id": {"format": "infoview-export", "schema_version": 1,
                          "tables": {"people": [{"id": "x", "name": "Ada"}]}},
    }.items():
        (root / name).mkdir()
        (root / name / "infoview-export.json").write_text(json.dumps(document))
    (root / "export-binary").mkdir()
    (root / "export-binary" / "infoview-export.json").write_bytes(b"\xff\xfe\x00garbage")
    newer = sqlite3.connect(root / "newer.sqlite")
    newer.execute("CREATE TABLE t (x)")
    newer.execute("PRAGMA user_version = 999")
    newer.commit()
    newer.close()
    with Store.open(root / "store.sqlite") as store:
        person = store.add(Person(name="Ada Ode", organization="Acme"))
        store.add(Meeting(person_id=person.id, planned_minutes=20,
                          starts_at=datetime(2026, 12, 1, 10, tzinfo=UTC)))
    return {"root": root, **{p.name: p for p in root.iterdir()}}


def _snapshot(root: Path) -> dict[str, str]:
    """Every file under ``root`` with a hash of its content (SQLite's -wal/-shm aside)."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))
            if p.is_file() and not p.name.endswith(("-wal", "-shm"))}


def _fill(argv: list[str], files: dict[str, Path]) -> list[str]:
    """``{name}`` replaced by that file of the fixture folder (which need not exist)."""
    root = files["root"]
    return [re.sub(r"\{([^}]+)\}", lambda m: str(files.get(m[1], root / m[1])), a) for a in argv]


def _run(capsys, argv: list[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own usage errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


# (argv with {name} for a file of the fixture folder, words the message must hold)
CASES = [
    # files given to read
    (["questions", "plan", "--research", "{binary}"], "not UTF-8"),
    (["questions", "plan", "--research", "{missing.json}"], "no such file"),
    (["questions", "plan", "--research", "{folder}"], "it is a folder"),
    (["questions", "plan", "--research", "{broken.json}"], "not JSON"),
    (["questions", "plan", "--research", "{list.json}"], "not a company research result"),
    (["questions", "plan", "--research", "{no-url.json}"], '"url"'),
    (["questions", "plan", "--research", "{news-text.json}"], '"news" should be a list'),
    (["questions", "plan", "--research", "{person-no-name.json}"], '"people" item 1 has no name'),
    (["questions", "lint", "Where next?", "--research", "{latin1}"], "line 1"),
    (["questions", "plan", "--research", "{failed.jsonl}"], "failed research"),
    (["questions", "plan", "--research", "{person.json}"], "a person's research"),
    (["questions", "plan", "--bank-file", "{binary}"], "UTF-8"),
    (["draft", "request", "--check", "{latin1}"], "not UTF-8"),
    (["draft", "thanks", "--check", "{binary}"], "not UTF-8"),
    (["draft", "request", "--check", "{folder}"], "it is a folder"),
    # Windows text is read (Excel's "CSV", see test_sheettext): it is no Connections.csv
    (["people", "import-linkedin", "{latin1}"], "no header line 'First Name"),
    (["people", "import-linkedin", "{missing.csv}"], "cannot be read"),
    (["db", "import", "{folder}"], "no infoview-export.json"),
    (["db", "import", "{export-binary}"], "not UTF-8"),
    (["db", "import", "{export-version-text}"], "schema_version"),
    (["research", "batch", "{empty}", "--out", "{root}/out.jsonl"], "no URLs"),
    (["research", "batch", "{no-url-column.csv}", "--out", "{root}/out.jsonl"], "no 'url' column"),
    # places given to write
    (["report", "--out", "{folder}"], "it is a folder"),
    (["report", "--out", "{text}/report.html"], "a file is in the way"),
    (["followups", "--ics", "{folder}"], "it is a folder"),
    (["people", "export-vcard", "{folder}"], "it is a folder"),
    (["demo", "--out", "{text}"], "a file is in the way"),
    (["demo", "--out", "{demo-out}"], "demo.sqlite: cannot write (it is a folder)"),
    (["prep", "--meeting", "1", "--out", "{text}/briefs"], "a file is in the way"),
    (["db", "export", "{text}"], "a file is in the way"),
    # numbers, dates, ids
    (["questions", "plan", "--minutes", "abc"], "invalid int value"),
    (["questions", "plan", "--minutes", "-5"], "10 to 240 minutes"),
    (["questions", "plan", "--minutes", "1e9"], "invalid int value"),
    (["questions", "lint", "  "], "no question given"),
    (["actions", "--due", "nan"], "days must be"),
    (["actions", "--due", "inf"], "days must be"),
    (["actions", "--due", "1e9"], "days must be"),
    (["report", "--out", "{root}/r.html", "--since", "2026-02-01", "--until", "2026-01-01"],
     "swap the two dates"),
    (["report", "--out", "{root}/r.html", "--since", "yesterday"], "not a date"),
    (["draft", "request", "--person", "1", "--minutes", "-5"], "minutes must be 1 to 240"),
    (["draft", "phone", "--minutes", "9999"], "minutes must be 1 to 240"),
    (["draft", "confirm", "--when", "2026-12-01T10:00Z", "--minutes", "0"], "minutes must be"),
    (["draft", "thanks", "--meeting-date", "2026-13-01"], "not a date"),
    (["people", "delete", "999999", "--yes"], "no person with id 999999"),
    (["prep", "--meeting", "0"], "no meeting with id 0"),
    (["targets", "--motivation-scale", "0"], "motivation_scale"),
    (["prep", "--meeting", "1", "--format", ",", "--out", "{root}/briefs"], "--format is empty"),
    (["app", "--port", "99999", "--no-browser"], "--port must be"),
    (["app", "--port", "-1", "--no-browser"], "--port must be"),
    # web addresses and politeness options
    (["research", "company", "http://[::1"], "not a valid web address"),
    (["research", "company", "ftp://example.com/"], "http:// or https://"),
    (["research", "company", "not a url"], "not a valid web address"),
    (["research", "person", "https://www.linkedin.com/in/someone"], "LinkedIn"),
    (["research", "company", "https://example.com/", "--delay", "nan"], "--delay must be"),
    (["research", "company", "https://example.com/", "--delay", "1e9"], "--delay must be"),
    (["research", "company", "https://example.com/", "--delay", "-1"], "--delay must be"),
    (["research", "company", "https://example.com/", "--max-pages", "0"], "--max-pages"),
    (["prep", "--company-url", "https://example.com/", "--delay", "inf"], "--delay must be"),
]


@pytest.mark.parametrize("argv, words", CASES, ids=[" ".join(c[0]) for c in CASES])
def test_bad_input_is_one_line_and_exit_status_2(files, capsys, argv, words):
    root = files["root"]
    before = _snapshot(root)
    code, out, err = _run(capsys, ["--db", str(root / "store.sqlite"), *_fill(argv, files)])
    assert code == 2, (out, err)
    assert len(err.splitlines()) == 1 and err.endswith("\n"), err
    assert "Traceback" not in err and words in err
    assert _snapshot(root) == before  # nothing written, nothing half-written (.part)


@pytest.mark.parametrize("db, words", [
    ("{folder}", "is a folder"), ("{text}", "not an SQLite database"),
    ("{binary}", "not an SQLite database"), ("{newer.sqlite}", "newer infoview"),
    ("{text}/store.sqlite", "a file is in the way"),
])
@pytest.mark.parametrize("command", [["db", "stats"], ["people", "list"], ["targets"],
                                     ["app", "--no-browser"],
                                     ["draft", "pitch"],
                                     # with --save the store is checked before any request
                                     ["research", "person", "x.example", "--save"]],
                         ids=" ".join)
def test_a_file_that_is_not_a_store_is_left_alone(files, capsys, db, words, command):
    root = files["root"]
    before = _snapshot(root)
    if command == ["draft", "pitch"] and db.endswith("/store.sqlite"):
        pytest.skip("a pitch reads the store only when one exists there")
    code, _, err = _run(capsys, ["--db", *_fill([db], files), *command])
    assert code == 2 and len(err.splitlines()) == 1 and words in err
    assert _snapshot(root) == before


def test_followups_saved_with_a_calendar_that_cannot_be_written_are_not_saved(capsys, tmp_path):
    from infoview.models import Action, Outreach

    db = tmp_path / "s.sqlite"
    with Store.open(db) as store:
        person = store.add(Person(name="Ada Ode"))
        store.add(Outreach(person_id=person.id, channel="email", kind="request",
                           sent_at=datetime(2026, 3, 2, 9, tzinfo=UTC)))
    (tmp_path / "calendar").mkdir()
    code, _, err = _run(capsys, ["--db", str(db), "followups", "--today", "2026-03-20",
                                 "--save", "--ics", str(tmp_path / "calendar")])
    assert code == 2 and "it is a folder" in err
    with Store.open(db) as store:
        assert store.list(Action) == []
    assert _run(capsys, ["--db", str(db), "followups", "--today", "2026-03-20", "--save"])[0] == 0
    with Store.open(db) as store:
        assert store.list(Action)  # the same run with no calendar saves the suggestions


def test_an_empty_db_option_is_refused_not_taken_for_the_default(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("INFOVIEW_DB", str(tmp_path / "default.sqlite"))
    code, _, err = _run(capsys, ["--db", "", "people", "list"])
    assert code == 2 and len(err.splitlines()) == 1 and "--db is empty" in err
    assert list(tmp_path.iterdir()) == []


def test_an_export_with_a_bad_field_names_it_once_and_imports_nothing(files, capsys, tmp_path):
    db = tmp_path / "new.sqlite"
    code, _, err = _run(capsys, ["--db", str(db), "db", "import", str(files["export-bad-id"])])
    assert code == 2 and len(err.splitlines()) == 1
    assert "infoview-export.json: people[0]: id: 'x' cannot be read" in err
    assert not db.exists()


@pytest.mark.parametrize("argv", [
    ["people", "import-linkedin", "{missing.csv}"], ["db", "import", "{folder}"],
    ["people", "delete", "5", "--yes"], ["prep", "--meeting", "1"],
], ids=" ".join)
def test_a_failed_command_leaves_no_new_database_behind(files, capsys, tmp_path, argv):
    db = tmp_path / "typo.sqlite"
    code, _, err = _run(capsys, ["--db", str(db), *_fill(argv, files)])
    assert code == 2 and len(err.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []
    # ... and a command that only reads refuses the path rather than start a store there
    assert _run(capsys, ["--db", str(db), "people", "list"])[0] == 2 and not db.exists()
    assert _run(capsys, ["--db", str(db), "people", "add", "--name", "Ada"])[0] == 0
    assert db.exists()


@pytest.mark.parametrize("group", [[], ["db"], ["people"], ["research"], ["questions"], ["draft"]],
                         ids=lambda g: " ".join(g) or "infoview")
def test_a_missing_command_shows_the_help_and_one_line_on_stderr(capsys, group):
    code, out, err = _run(capsys, group)
    assert code == 2 and out.startswith("usage: infoview")
    assert err.splitlines() == [f"{' '.join(['infoview', *group])}: error: a command is missing; "
                                f"see {' '.join(['infoview', *group])} --help"]


def test_one_line_even_when_the_message_holds_a_newline(capsys, tmp_path):
    research = tmp_path / "two\nlines.json"
    code, _, err = _run(capsys, ["questions", "plan", "--research", str(research)])
    assert code == 2 and len(err.splitlines()) == 1 and "no such file" in err


@pytest.mark.parametrize("argv, words", [
    (["actions", "--due", "nan"], "days must be"),
    (["draft", "request", "--check", "{latin1}"], "not UTF-8"),
    (["report", "--out", "{folder}"], "it is a folder"),
])
def test_the_installed_command_prints_one_line_and_no_traceback(files, argv, words):
    env = {**os.environ, "INFOVIEW_DB": str(files["store.sqlite"])}
    result = subprocess.run([sys.executable, "-m", "infoview", *_fill(argv, files)],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert words in result.stderr


# ---- the library functions behind the commands ---------------------------------------------

def test_user_files_read_as_bad_input_with_the_line_of_the_first_bad_byte(tmp_path):
    from infoview.userfiles import read_text

    path = tmp_path / "notes.txt"
    path.write_bytes(b"one\ntwo\nthr\xe9e\n")
    with pytest.raises(BadInput, match=r"notes.txt, line 3: .*not UTF-8"):
        read_text(path, what="notes")
    path.write_bytes(b"\xef\xbb\xbfplain")
    assert read_text(path) == "plain"  # a byte-order mark is not part of the text


def test_a_failed_write_leaves_the_earlier_file_and_no_part_file(tmp_path):
    from infoview.userfiles import write_text

    target = tmp_path / "brief.md"
    write_text(target, "first")
    (tmp_path / "brief.md.part").mkdir()  # the temporary name is taken: the write must fail
    with pytest.raises(BadInput, match="cannot write"):
        write_text(target, "second")
    assert target.read_text() == "first"
    (tmp_path / "brief.md.part").rmdir()
    assert write_text(target, "second").read_text() == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md"]


def test_research_from_dict_of_the_wrong_shape_is_bad_input():
    from infoview.research.models import CompanyProfile, PersonProfile

    for data, words in [([1], "JSON object"), ({"people": []}, '"url"'),
                        ({"url": "u", "facts": [1]}, '"facts" item 1 should be an object'),
                        ({"url": "u", "social": []}, '"social" should be an object')]:
        with pytest.raises(BadInput, match=words):
            CompanyProfile.from_dict(data)
    with pytest.raises(BadInput, match='"name" should be text'):
        PersonProfile.from_dict({"url": "u", "name": 5})
    kept = CompanyProfile.from_dict({"url": "u", "people": [
        {"name": "Ada", "title": None, "source_url": "u", "added_later": True}]})
    assert kept.people[0].name == "Ada"  # keys a newer infoview adds are ignored


def test_due_actions_refuse_a_window_that_is_not_a_number_of_days(files):
    from infoview.analytics import due_actions

    with Store.open(files["store.sqlite"]) as store:
        frames = store.frames()
    for days in (float("nan"), float("inf"), 1e9):
        with pytest.raises(BadInput, match="days must be"):
            due_actions(frames, days=days)
    assert due_actions(frames, days=-5).empty  # overdue by five days or more: none


@pytest.mark.parametrize("kind", ["company", "person"])
def test_an_empty_page_at_the_address_given_is_a_clear_error(tmp_path, capsys, kind):
    from infoview.demo.site import serve

    site = tmp_path / "site"
    site.mkdir()
    (site / "blank.html").write_text(" \n", encoding="utf-8")
    with serve(site) as server:
        code, _, err = _run(capsys, ["--db", str(tmp_path / "s.sqlite"), "research", kind,
                                     server.url + "blank.html", "--delay", "0", "--no-cache"])
    assert code == 2 and len(err.splitlines()) == 1 and "empty page" in err


@pytest.mark.parametrize("call, words", [
    (lambda: select_questions(research="kestrel.json"), "CompanyProfile or its dict"),
    (lambda: research_company(123), "a URL is text"),
    (lambda: channel_list(["fax"]), "unknown channel 'fax'"),
], ids=["plan from a file name", "research a number", "report on an unknown channel"])
def test_library_calls_with_the_wrong_kind_of_value_are_bad_input(call, words):
    with pytest.raises(BadInput, match=words):
        call()


def test_the_prepare_panel_says_why_it_cannot_export_into_a_file(tmp_path):
    from infoview.demo.site import serve
    from infoview.flows.research import keep_research
    from infoview.research.person import research_person
    from infoview.settings import Settings
    from infoview.widgets.prepare import PreparePanel
    from infoview.widgets.session import SAMPLE_PERSON_PATH

    settings = Settings(host_delay=0.0, use_cache=False)
    with serve() as site:
        company = research_company(site.url, settings=settings)
        person = research_person(site.url + SAMPLE_PERSON_PATH, settings=settings)
    blocker = tmp_path / "exports"
    blocker.write_text("not a folder")
    with Store.open(tmp_path / "s.sqlite") as store:
        keep_research(store, company, person)
        panel = PreparePanel(store, out_dir=blocker, role="UX researcher", minutes=20)
        panel.plan_button.click()
        panel.export_buttons["md"].click()
    assert panel.export_message.kind == "error"
    assert "a file is in the way" in panel.export_message.text
    assert "Something went wrong" not in panel.export_message.text  # beside the export buttons
    assert blocker.read_text() == "not a folder"


def test_a_notebook_session_on_a_path_it_cannot_create_says_why(files):
    from infoview.errors import StoreError
    from infoview.widgets.session import start

    with pytest.raises(StoreError, match="a file is in the way"):
        start(files["text"] / "store.sqlite")


def test_research_to_save_in_an_unusable_store_fetches_nothing(files, capsys):
    from infoview.demo.site import serve

    before = _snapshot(files["root"])
    with serve() as site:
        code, _, err = _run(capsys, ["--db", str(files["newer.sqlite"]), "research", "company",
                                     site.url, "--save", "--delay", "0"])
        assert site.requests == []
    assert code == 2 and len(err.splitlines()) == 1 and "newer infoview" in err
    assert _snapshot(files["root"]) == before  # no HTTP cache beside it either


def test_a_terminal_that_is_not_utf8_gets_every_name_without_a_crash(tmp_path):
    db = tmp_path / "s.sqlite"
    with Store.open(db) as store:
        store.add(Person(name="Søren Kierkegård", organization="Fjord Maps"))
    env = {**os.environ, "INFOVIEW_DB": str(db), "PYTHONIOENCODING": "ascii"}
    listing = subprocess.run([sys.executable, "-m", "infoview", "people", "list"],
                             capture_output=True, text=True, env=env, timeout=60)
    assert listing.returncode == 0 and "S?ren Kierkeg?rd" in listing.stdout
    as_json = subprocess.run([sys.executable, "-m", "infoview", "people", "list", "--json"],
                             capture_output=True, text=True, env=env, timeout=60)
    assert json.loads(as_json.stdout)[0]["name"] == "Søren Kierkegård"  # escaped, not lost
