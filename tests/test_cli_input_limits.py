"""Numbers, ids, dates and nesting at the edges, in every command that takes them: exit
status 2, one line on stderr, no traceback, and no file written or changed.

The cases of issue 18 (ids past 64 bits, a far-future time in Etc/GMT+12, a debrief nested
100,000 deep, a clock time that does not exist, year 1, an offset that contradicts
--timezone, a length of 0, an abbreviated option taken for another) and the same kinds of
value given to the other commands. The rules chosen for times are in
:mod:`infoview.times`: years 1900 to 2199; a time the clocks skip is refused and the
time after the change named; a time the clocks pass twice is the first of the two.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from infoview.cli import main
from infoview.models import Meeting, Outreach, Person
from infoview.store import Store

BIG = "99999999999999999999999"  # past SQLite's 64-bit integers


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    """A store with one person, one past meeting and one message, and files of bad JSON."""
    root = tmp_path_factory.mktemp("limits")
    with Store.open(root / "store.sqlite") as store:
        person = store.add(Person(name="Ada Ode", organization="Acme"))
        store.add(Meeting(person_id=person.id, planned_minutes=20, timezone="Europe/London",
                          starts_at=datetime(2026, 3, 2, 10, tzinfo=UTC)))
        store.add(Outreach(person_id=person.id, sent_at=datetime(2026, 2, 20, 9, tzinfo=UTC)))
    deep = "[" * 100_000 + "]" * 100_000
    files = {
        "big-meeting.json": json.dumps({"meeting_id": int(BIG)}),
        "deep.json": deep,
        "deep-inside.json": '{"meeting_id": 1, "notes": ' + deep + "}",
        "nan-rapport.json": '{"meeting_id": 1, "rapport": NaN}',
        "huge-rapport.json": '{"meeting_id": 1, "rapport": 1e999}',
        "float-meeting.json": '{"meeting_id": 1.5}',
        "far-promise.json": '{"meeting_id": 1, "promises": [{"what": "x", "due": "0001-01-01"}]}',
        "deep-research.json": '{"url": ' + deep + "}",
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "deep-export").mkdir()
    (root / "deep-export" / "infoview-export.json").write_text(deep, encoding="utf-8")
    return root


def _snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.name.endswith(("-wal", "-shm"))}


def _run(capsys, argv: list[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own usage errors
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


LONDON = ["--timezone", "Europe/London"]
CASES = [
    # ids past 64 bits, wherever an id is given
    (["outreach", "replied", BIG], f"no message with id {BIG}"),
    (["outreach", "add", "--person", BIG], f"no person with id {BIG}"),
    (["outreach", "list", "--person", BIG], f"no person with id {BIG}"),
    (["people", "show", BIG], f"no person with id {BIG}"),
    (["people", "show", BIG, "--all"], f"no person with id {BIG}"),
    (["people", "delete", BIG, "--yes"], f"no person with id {BIG}"),
    (["meeting", "show", BIG], f"no meeting with id {BIG}"),
    (["meeting", "list", "--person", BIG], f"no person with id {BIG}"),
    (["meeting", "mark", BIG, "no-show"], f"no meeting with id {BIG}"),
    (["meeting", "add", "--person", BIG], f"no person with id {BIG}"),
    (["meeting", "add", "--person", "1", "--minutes", BIG], "5 to 240 minutes"),
    (["debrief", "{big-meeting.json}", "--yes"], f"no meeting {BIG}"),
    (["debrief", "--interactive", "--meeting", BIG], f"no meeting with id {BIG}"),
    (["prep", "--meeting", BIG, "--out", "{root}/briefs"], f"no meeting with id {BIG}"),
    (["prep", "--person", BIG, "--out", "{root}/briefs"], f"no person with id {BIG}"),
    (["draft", "confirm", "--meeting", BIG], f"no meeting with id {BIG}"),
    (["draft", "thanks", "--meeting", BIG], f"no meeting with id {BIG}"),
    (["draft", "reschedule", "--meeting", BIG], f"no meeting with id {BIG}"),
    (["draft", "request", "--person", BIG], f"no person with id {BIG}"),
    (["draft", "update", "--person", BIG], f"no person with id {BIG}"),
    (["dossier", BIG, "--out", "{root}/dossier"], f"no organization with id {BIG}"),
    (["actions", "done", BIG], f"there is no follow-up {BIG}"),
    (["actions", "snooze", BIG, "--until", "2199-01-01"], f"there is no follow-up {BIG}"),
    (["meeting", "edit", BIG, "--minutes", "30"], f"there is no meeting {BIG}"),
    (["people", "edit", BIG, "--name", "X"], f"there is no person {BIG}"),
    # times far out, or typed with a year that is a typo
    (["meeting", "add", "--person", "1", "--when", "9999-12-31T23:00", "--timezone", "Etc/GMT+12"],
     "the year 9999 is outside 1900 to 2199"),
    (["meeting", "add", "--person", "1", "--when", "2199-12-31T23:00", "--timezone", "Etc/GMT+12"],
     "2200-01-01 is outside the years 1900 to 2199"),  # in UTC
    (["meeting", "add", "--person", "1", "--when", "0001-01-01T10:00", *LONDON], "the year 1 is outside"),
    (["meeting", "mark", "1", "moved", "--to", "0001-01-01T10:00Z"], "the year 1 is outside"),
    (["draft", "confirm", "--when", "9999-12-31T23:00", "--timezone", "Etc/GMT+12"], "the year 9999"),
    (["draft", "reschedule", "--meeting", "1", "--offer", "0001-01-01T10:00"], "the year 1"),
    (["draft", "thanks", "--meeting-date", "0001-01-01"], "the year 1 is outside"),
    (["draft", "thanks", "--send-date", "9999-12-31"], "the year 9999 is outside"),
    (["followups", "--today", "0001-01-01"], "the year 1 is outside"),
    (["digest", "--as-of", "0001-01-01"], "the year 1 is outside"),
    (["digest", "--as-of", "9999-12-31T23:00-12:00"], "the year 9999 is outside"),
    (["outreach", "add", "--person", "1", "--sent", "0001-01-01T10:00"], "the year 1 is outside"),
    (["outreach", "replied", "1", "--at", "9999-12-31"], "the year 9999 is outside"),
    (["report", "--out", "{root}/r.html", "--since", "0001-01-01"], "the year 1 is outside"),
    (["report", "--out", "{root}/r.html", "--until", "9999-12-31"], "the year 9999 is outside"),
    (["actions", "snooze", "1", "--until", "9999-12-31"], "the year 9999 is outside"),
    (["actions", "due", "1", "0001-01-01"], "the year 1 is outside"),
    (["actions", "done", "1", "--at", "0001-01-01"], "the year 1 is outside"),
    (["meeting", "edit", "1", "--when", "0001-01-01T10:00Z"], "the year 1 is outside"),
    # a clock time the clocks skip (01:00 becomes 02:00 in London on 29 March 2026)
    (["meeting", "add", "--person", "1", "--when", "2026-03-29T01:30", *LONDON],
     "does not exist in Europe/London (the clocks go forward that night); give the time "
     "after the change, e.g. 02:30"),
    (["meeting", "mark", "1", "moved", "--to", "2026-03-29T01:30", *LONDON], "does not exist"),
    (["meeting", "edit", "1", "--when", "2026-03-29T01:30", *LONDON], "does not exist"),
    (["draft", "confirm", "--when", "2026-03-29T01:30", *LONDON], "does not exist"),
    (["draft", "reschedule", "--meeting", "1", "--offer", "2026-03-29T01:15"], "does not exist"),
    # an offset and a zone that disagree
    (["meeting", "add", "--person", "1", "--when", "2026-12-01T10:00+05:00", *LONDON],
     "says UTC+05:00 but Europe/London is at UTC+00:00 then"),
    (["meeting", "mark", "1", "moved", "--to", "2026-12-01T10:00+05:00", *LONDON], "but Europe/London"),
    (["meeting", "edit", "1", "--when", "2026-12-01T10:00+05:00", *LONDON], "but Europe/London"),
    (["draft", "confirm", "--when", "2026-07-01T10:00Z", *LONDON], "but Europe/London is at UTC+01:00"),
    # lengths: 0 is a length like -5, not "use the default"
    (["prep", "--meeting", "1", "--minutes", "0", "--out", "{root}/briefs"], "10 to 240 minutes, not 0"),
    (["prep", "--meeting", "1", "--minutes", "-5", "--out", "{root}/briefs"], "10 to 240 minutes, not -5"),
    (["draft", "phone", "--minutes", "0"], "minutes must be 1 to 240, not 0"),
    (["draft", "request", "--person", "1", "--minutes", "0"], "minutes must be 1 to 240, not 0"),
    (["meeting", "add", "--person", "1", "--minutes", "0"], "5 to 240 minutes, not 0"),
    # nesting and odd numbers in JSON the user gives
    (["debrief", "{deep.json}"], "nested too deeply"),
    (["debrief", "{deep-inside.json}"], "nested too deeply"),
    (["debrief", "{nan-rapport.json}", "--yes"], "rapport"),
    (["debrief", "{huge-rapport.json}", "--yes"], "rapport"),
    (["debrief", "{float-meeting.json}", "--yes"], "meeting_id"),
    (["debrief", "{far-promise.json}", "--yes"], "outside"),
    (["questions", "plan", "--research", "{deep-research.json}"], "not JSON"),
    (["db", "import", "{deep-export}"], "nested too deeply"),
    # an abbreviation is not taken for a longer option
    (["draft", "thanks", "--meeting-d", "2026-03-02"], "unrecognized arguments: --meeting-d"),
    (["people", "import-linkedin", "x.csv", "--org"], "unrecognized arguments: --org"),
]


@pytest.mark.parametrize("argv, words", CASES, ids=[" ".join(c[0]) for c in CASES])
def test_edge_values_are_one_line_and_exit_status_2(root, capsys, argv, words):
    before = _snapshot(root)
    filled = [re.sub(r"\{([^}]+)\}", lambda m: str(root if m[1] == "root" else root / m[1]), a)
              for a in argv]
    code, out, err = _run(capsys, ["--db", str(root / "store.sqlite"), *filled])
    assert code == 2, (out, err)
    assert len(err.splitlines()) == 1 and err.endswith("\n"), err
    assert "Traceback" not in err and words in err, err
    assert _snapshot(root) == before  # nothing written, nothing half-written


def test_the_installed_command_says_one_line_for_an_id_past_64_bits(root):
    """The real entry point, as the issue ran it (the OverflowError came with a traceback)."""
    result = subprocess.run([sys.executable, "-m", "infoview", "--db", str(root / "store.sqlite"),
                             "outreach", "replied", BIG], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"infoview: error: no message with id {BIG}; `infoview outreach list` shows the ids"]


def test_a_thank_you_for_a_stored_meeting_takes_its_host_and_day(root, capsys):
    """`draft thanks --meeting 1` used to be read as --meeting-date 1."""
    code, out, err = _run(capsys, ["--db", str(root / "store.sqlite"), "draft", "thanks",
                                   "--meeting", "1", "--send-date", "2026-03-03",
                                   "--learned", "how the team hires"])
    assert code == 0, err
    assert "Hi Ada" in out and "yesterday" in out  # met on 2 March, sent on the 3rd


def test_a_time_the_clocks_pass_twice_is_the_first_of_the_two(tmp_path, capsys):
    db = str(tmp_path / "s.sqlite")
    with Store.open(db) as store:
        store.add(Person(name="Ada"))
    code, _, err = _run(capsys, ["--db", db, "meeting", "add", "--person", "1",
                                 "--when", "2026-10-25T01:30", *LONDON])
    assert code == 0, err
    with Store.open(db) as store:
        (meeting,) = store.list(Meeting)
    assert meeting.starts_at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 01:30 summer time


def test_an_offset_that_agrees_with_the_zone_is_kept_with_the_zone(tmp_path, capsys):
    db = str(tmp_path / "s.sqlite")
    with Store.open(db) as store:
        store.add(Person(name="Ada"))
    code, _, err = _run(capsys, ["--db", db, "meeting", "add", "--person", "1",
                                 "--when", "2026-07-01T10:00+01:00", *LONDON])
    assert code == 0, err
    with Store.open(db) as store:
        (meeting,) = store.list(Meeting)
    assert meeting.starts_at == datetime(2026, 7, 1, 9, tzinfo=UTC)
    assert meeting.timezone == "Europe/London"
