"""A debrief marks its meeting held, so no face may do it silently over a meeting still ahead
(the CLI asks for --yes, as the panel asks for "Save anyway") or one marked no-show,
cancelled or moved (the library refuses). Real SQLite files, through ``main()``."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

import pytest

from infoview.cli import main
from infoview.errors import BadInput
from infoview.flows.debrief import Debrief, save_debrief
from infoview.flows.meeting_status import mark_meeting
from infoview.models import Meeting, Person
from infoview.store import Store


@pytest.fixture
def db(db):
    """The shared store file, holding Samira with a meeting ahead and one behind."""
    now = datetime.now(UTC).replace(microsecond=0)
    with Store.open(db) as store:
        host = store.add(Person(name="Samira Okafor", organization="Kestrel Health Labs"))
        store.add(Meeting(person_id=host.id, starts_at=now + timedelta(days=3),
                          timezone="Europe/London", status="scheduled"))
        store.add(Meeting(person_id=host.id, starts_at=now - timedelta(days=3),
                          status="scheduled"))
    return db


def status_of(db, meeting_id):
    with Store.open(db) as store:
        return store.get(Meeting, meeting_id).status


def test_a_debrief_file_for_a_meeting_still_ahead_needs_yes(db, tmp_path, capsys):
    path = tmp_path / "debrief.json"
    path.write_text(json.dumps({"meeting_id": 1, "rapport": 4}), encoding="utf-8")
    assert main(["debrief", str(path)]) == 2
    err = capsys.readouterr().err
    assert "meeting 1 is planned for" in err and "add --yes" in err
    assert len(err.strip().splitlines()) == 1 and status_of(db, 1) == "scheduled"
    assert main(["debrief", str(path), "--yes", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["meeting"]["status"] == "held"


def test_a_debrief_of_a_past_meeting_needs_no_yes(db, tmp_path, capsys):
    path = tmp_path / "debrief.json"
    path.write_text(json.dumps({"meeting_id": 2, "rapport": 4}), encoding="utf-8")
    assert main(["debrief", str(path)]) == 0 and status_of(db, 2) == "held"


def test_interactive_refuses_a_meeting_still_ahead_before_asking_anything(db, capsys,
                                                                          monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["debrief", "--interactive", "--meeting", "1"]) == 2
    captured = capsys.readouterr()
    assert "add --yes" in captured.err and len(captured.err.strip().splitlines()) == 1
    assert status_of(db, 1) == "scheduled"


def test_interactive_without_meeting_refuses_the_one_chosen_if_ahead(db, capsys, monkeypatch):
    # the meeting is asked for first; then every section is left empty, rapport skipped
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n" + "\n" * 12))
    code = main(["debrief", "--interactive"])
    err = capsys.readouterr().err
    assert code == 2 and "meeting 1 is planned for" in err
    assert status_of(db, 1) == "scheduled"


@pytest.mark.parametrize("status, shown", [("no-show", "no-show"), ("cancelled", "cancelled"),
                                           ("moved", "moved")])
def test_save_debrief_refuses_a_meeting_marked_missed(db, status, shown):
    with Store.open(db) as store:
        to = "2030-01-07T10:00+00:00" if status == "moved" else None
        mark_meeting(store, 2, status, to=to)
        before = store.counts()
        with pytest.raises(BadInput, match=f"meeting 2 was marked {shown}; debrief the "
                                           "meeting booked in its place"):
            save_debrief(store, Debrief(meeting_id=2, rapport=4))
        assert store.get(Meeting, 2).status == status.replace("-", "_")
        assert store.counts() == before


def test_the_cli_debrief_of_a_no_show_is_one_line(db, tmp_path, capsys):
    with Store.open(db) as store:
        mark_meeting(store, 2, "no_show")
    path = tmp_path / "debrief.json"
    path.write_text(json.dumps({"meeting_id": 2}), encoding="utf-8")
    assert main(["debrief", str(path), "--yes"]) == 2
    err = capsys.readouterr().err
    assert "meeting 2 was marked no-show;" in err and len(err.strip().splitlines()) == 1
