"""Jonas and Ruth on the command line (a QA pass from a new store): the mistakes they made
and what the one line on stderr told them to do. Real SQLite files, the real ``main``."""

from __future__ import annotations

import json
import shlex
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cli_run import run

from infoview.cli import main
from infoview.store import Store


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
    with Store.open(tmp_path / "store.sqlite"):
        pass  # Jonas's store (research batch refuses a --db that names no file)
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


def test_a_batch_says_how_many_sites_failed_and_how_to_retry_them(capsys, tmp_path, sites):
    """A re-run counts failures as "already in" the file: Jonas could not tell that the dead
    exhibitor site had never been researched, nor how to try it again."""
    with socket.socket() as sock:           # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}/"
    source = tmp_path / "fair-exhibitors.csv"
    source.write_text(f"name,url\nAtelier,{sites.get('cp1252').url}\nGone,{dead}\n",
                      encoding="utf-8")
    out = tmp_path / "exhibitors.jsonl"
    note = (f"infoview: 1 of the 2 URLs in {out} failed (each line's \"error\" says why); "
            "delete a line and run the same command again to retry it.\n")
    argv = ("research", "batch", str(source), "--out", str(out), "--delay", "0")
    code, said, err = run(capsys, *argv)
    assert code == 0 and said.startswith("1 researched, 1 failed, 0 already")
    assert err.endswith(note)
    code, said, err = run(capsys, *argv)
    assert code == 0 and said.startswith("0 researched, 0 failed, 2 already")
    assert err.endswith(note)
    # deleting the failed line retries it (and only it)
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text("".join(line for line in lines if '"error"' not in line), encoding="utf-8")
    code, said, err = run(capsys, *argv)
    assert said.startswith("0 researched, 1 failed, 1 already") and err.endswith(note)
    # two runs at once each wrote every URL: the note counts sites, not lines
    out.write_text(out.read_text(encoding="utf-8") * 2, encoding="utf-8")
    code, said, err = run(capsys, *argv)
    assert said.startswith("0 researched, 0 failed, 2 already") and err.endswith(note)


def test_a_second_batch_on_the_same_output_is_refused_while_the_first_runs(capsys, tmp_path):
    """Jonas started the batch again in a second terminal: both researched every site and
    wrote each one twice. The second run now stops at once and says why."""
    arrived, release = threading.Event(), threading.Event()

    class Gate(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            arrived.set()
            release.wait(20)
            body = b"<html><head><title>Gate Ltd</title></head><body>Gate</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Gate)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    source = tmp_path / "fair-exhibitors.csv"
    source.write_text(f"name,url\nGate,http://127.0.0.1:{server.server_address[1]}/\n",
                      encoding="utf-8")
    out = tmp_path / "exhibitors.jsonl"
    argv = ["research", "batch", str(source), "--out", str(out), "--delay", "0",
            "--no-cache"]
    first: list[int] = []
    runner = threading.Thread(target=lambda: first.append(main(argv)))
    try:
        runner.start()
        assert arrived.wait(20)            # the first run is fetching: it holds the output
        code = main(argv)
        err = capsys.readouterr().err
        assert code == 2
        assert (f"infoview: error: {out} is being written by another research batch right "
                "now; wait for it to finish, or give another --out\n") in err
    finally:
        release.set()
        runner.join(30)
        server.shutdown()
        server.server_close()
    assert first == [0] and "1 researched" in capsys.readouterr().out
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    # once the first run has finished, the same command runs again (and skips the site)
    code, said, _ = run(capsys, *argv)
    assert code == 0 and said.startswith("0 researched, 0 failed, 1 already")
