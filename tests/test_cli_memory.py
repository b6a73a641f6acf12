"""`infoview digest` and `infoview meeting mark` through ``main()``, on real SQLite files:
the sample history and the small hand-worked one."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from _analytics_history import open_store, small_history

from infoview.cli import main
from infoview.demo.history import generate_sample
from infoview.models import Meeting, Person
from infoview.store import Store


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("memory") / "sample.sqlite"
    with Store.open(path) as store:
        generate_sample(store, seed=7, today=date(2026, 3, 31))
    return path


@pytest.fixture()
def small_db(tmp_path):
    with open_store(tmp_path) as store:
        ids = small_history(store)
    return tmp_path / "history.sqlite", ids


@pytest.mark.parametrize("command", [["digest"], ["meeting", "mark"], ["dossier"]], ids=" ".join)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as caught:
        main([*command, "--help"])
    assert caught.value.code == 0
    assert "usage: infoview " + " ".join(command) in capsys.readouterr().out


def test_digest_json_of_the_sample_shows_its_no_show_and_the_people_losing_touch(sample_db, capsys):
    assert main(["--db", str(sample_db), "digest", "--as-of", "2026-03-31", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["as_of"].startswith("2026-03-31T23:59:59")
    # newest first: the sample's host who did not show three days before its last day
    # (a cancellation of the last month may follow)
    assert data["missed"][0]["status"] == "no_show"
    assert {m["status"] for m in data["missed"][1:]} <= {"cancelled"}
    assert data["missed"][0]["starts_at"].startswith("2026-03-28")
    assert data["counts"]["losing_touch"] == len(data["losing_touch"]) > 0
    assert {r["level"] for r in data["losing_touch"]} <= {"due", "overdue"}
    assert data["counts"]["leads"] == len(data["leads"]) > 0
    assert data["counts"]["due"] >= 3 and data["drafts"] == {}


def test_digest_text_with_drafts(small_db, capsys):
    db, ids = small_db
    assert (
        main(["--db", str(db), "digest", "--as-of", "2026-03-10T12:00:00+00:00", "--drafts"]) == 0
    )
    out = capsys.readouterr().out
    # overdue under "Overdue" only, the rest under "Due this week": nothing said twice
    late, coming = out.split("\nOverdue: 2\n")[1].split("\nDue this week: 1\n")
    assert "Send Ana the article" in late and "Thank Ben" in late
    assert "Send Ana the article" not in coming and "Thank Ben" not in coming
    assert "OVERDUE" not in out and "Digest as of Tue 10 Mar 2026" in out
    assert (
        "Losing touch: 1" in out and "Ana Ruiz (Kestrel Health Labs)" in out
        and "later than you meant" in out
    )
    assert "past ideal" not in out and "past max" not in out  # plain words, not the settings' names
    assert "Leads not yet contacted: 1" in out and "Gus Hale" in out
    assert re.search(r"Gus Hale .*, suggested by Ben \w+, you may mention Ben\n", out)  # not "them"
    assert re.search(r"Ana Ruiz .*, \d+ days ago; later than you meant", out)  # whole days
    assert f"--- update draft for person {ids['ana']}" in out and "Hi Ana," in out


@pytest.mark.parametrize(
    "argv, words",
    [
        (["digest", "--as-of", "31/03/2026"], "is not a date"),
        (["digest", "--days", "nan"], "--days must be"),
        (["meeting", "mark", "3", "moved"], "needs the new time"),
        (["meeting", "mark", "3", "postponed"], "use no-show, cancelled or moved"),
        (["meeting", "mark", "99", "cancelled"], "no meeting with id 99"),
        (["meeting", "mark", "1", "cancelled"], "held"),
    ],
)
def test_mistakes_are_one_line_and_status_2(small_db, capsys, argv, words):
    db, _ = small_db
    assert main(["--db", str(db), *argv]) == 2
    err = capsys.readouterr().err
    assert words in err and len(err.strip().splitlines()) == 1


def test_meeting_mark_moves_a_meeting_and_prints_the_draft(small_db, capsys):
    db, ids = small_db
    with Store.open(db) as store:
        eve = store.list(Meeting, person_id=ids["eve"])[0]
    assert (
        main(
            [
                "--db",
                str(db),
                "meeting",
                "mark",
                str(eve.id),
                "moved",
                "--to",
                "2026-03-19T14:30+00:00",
                "--draft",
            ]
        )
        == 0
    )
    captured = capsys.readouterr()
    assert f"Meeting {eve.id} marked moved (was at Thu 12 Mar 2026, 10:00)" in captured.out
    assert "Hi Eve," in captured.out and "Thursday 19 March at 14:30" in captured.out
    # no profile saved in this store: only the signature is left to fill in
    # no profile stored: the note to fill it in, once (not also each signature placeholder)
    assert "1 warning(s)" in captured.err and captured.err.count("[placeholder]") == 0
    assert "[profile_missing]" in captured.err
    with Store.open(db) as store:
        new = [m for m in store.list(Meeting) if m.rescheduled_from == eve.id]
        assert len(new) == 1 and store.get(Meeting, eve.id).status == "moved"


def test_meeting_mark_json_for_a_no_show(small_db, capsys):
    db, ids = small_db
    with Store.open(db) as store:
        cal = store.add(
            Meeting(person_id=ids["cal"], starts_at="2026-03-09T11:00:00+00:00", status="scheduled")
        )
    assert (
        main(
            [
                "--db",
                str(db),
                "meeting",
                "mark",
                str(cal.id),
                "no-show",
                "--note",
                "No word from them",
                "--draft",
                "--json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["meeting"]["status"] == "no_show" and data["new_meeting"] is None
    assert data["meeting"]["notes"] == "No word from them"
    assert data["draft"]["kind"] == "no_show"
    # no profile stored: said once
    assert {w["code"] for w in data["draft"]["warnings"]} == {"profile_missing"}
    assert "Hi Cal," in data["draft"]["body"]
    with Store.open(db) as store:
        assert store.get(Person, ids["cal"]).name == "Cal Moss"


@pytest.mark.parametrize("enabled", [True, False])
def test_the_digest_runs_with_the_cycle_collector_paused_and_leaves_it_as_it_was(
        sample_db, capsys, monkeypatch, enabled):
    """The digest's tables are built and printed with the collector paused (it walked them
    again and again: 0.3 s of a 1M-row digest); after the command, and after a failure in
    it, the collector is as it was."""
    import gc

    from infoview.errors import NotFound
    from infoview.flows import outcomes

    seen = []
    real = outcomes.store_digest

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        monkeypatch.setattr(outcomes, "store_digest", watched)
        assert main(["--db", str(sample_db), "digest", "--as-of", "2026-03-31", "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["counts"]["losing_touch"] > 0
        assert seen == [False] and gc.isenabled() is enabled

        def failing(*_args, **_kwargs):
            raise NotFound("no such meeting")

        monkeypatch.setattr(outcomes, "store_digest", failing)
        assert main(["--db", str(sample_db), "digest", "--json"]) == 2
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
