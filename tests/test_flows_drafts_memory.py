"""The keep-in-touch update, the reschedule and the no-show note in the one table of draft
kinds: `infoview draft update|reschedule|no-show` writes and checks them from the store, and
the panels' draft lists come from the same table. Real SQLite files (the small history)."""

from __future__ import annotations

import json

import pytest
from _analytics_history import open_store, small_history

from infoview.cli import main
from infoview.errors import BadInput
from infoview.flows import drafts
from infoview.flows.meeting_status import mark_meeting
from infoview.models import Meeting
from infoview.prep.checks import length_warning
from infoview.widgets import debrief as debrief_widget
from infoview.widgets import prepare as prepare_widget


@pytest.fixture()
def db(tmp_path):
    with open_store(tmp_path) as store:
        ids = small_history(store)
        eve = store.list(Meeting, person_id=ids["eve"])[0]
        ids["eve_meeting"] = eve.id
    return tmp_path / "history.sqlite", ids


def run(capsys, db_path, *argv):
    code = main(["--db", str(db_path), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_every_new_kind_goes_by_its_names_and_other_is_none_of_them():
    assert drafts.draft_kind("update").name == drafts.draft_kind("keep_in_touch").name == "update"
    assert drafts.draft_kind("no-show").name == drafts.draft_kind("no_show").name == "no_show"
    assert drafts.draft_kind("reschedule").sent_as == "other"
    with pytest.raises(BadInput, match="unknown draft kind"):
        drafts.draft_kind("other")
    assert drafts.kind_for_status("no_show").name == "no_show"
    assert drafts.kind_for_status("moved").name == drafts.kind_for_status("cancelled").name \
        == "reschedule"
    with pytest.raises(BadInput, match="infoview meeting mark"):
        drafts.kind_for_status("scheduled")


def test_the_panels_offer_the_kinds_the_table_gives_them():
    assert prepare_widget.DRAFT_KINDS == drafts.panel_kinds("prepare")
    assert {name for _label, name in prepare_widget.DRAFT_KINDS} == {
        "request", "confirmation", "phone", "pitch", "update"}
    assert {name for _l, name in debrief_widget.DRAFT_KINDS} == {"thanks", "reschedule",
                                                                 "no_show"}


def test_draft_update_reads_their_advice_and_what_came_of_it(db, capsys):
    path, ids = db
    code, out, _ = run(capsys, path, "draft", "update", "--person", str(ids["ana"]), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["kind"] == "update" and data["body"].startswith("Hi Ana,")
    # Ana's insights and her outcome, from the store
    assert "Referrals fill most junior roles" in data["body"]  # as the user wrote it
    assert "applied to Kestrel Health Labs" in data["body"]
    # only the signature is unfilled in a store without a profile: one note says so
    assert {w["code"] for w in data["warnings"]} == {"profile_missing"}


def test_draft_update_needs_a_stored_person(db, capsys):
    path, _ = db
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(path), "draft", "update"])
    assert caught.value.code == 2
    assert "--person" in capsys.readouterr().err


def test_draft_reschedule_names_the_meeting_and_offers_the_new_time(db, capsys):
    path, ids = db
    code, out, _ = run(capsys, path, "draft", "reschedule", "--meeting", str(ids["eve_meeting"]),
                       "--offer", "2026-03-19T14:30+00:00", "--reason", "a family matter came up",
                       "--json")
    assert code == 0
    data = json.loads(out)
    assert data["kind"] == "reschedule" and data["body"].startswith("Hi Eve,")
    assert "Thursday 19 March at 14:30" in data["body"] and "a family matter" in data["body"]
    assert {w["code"] for w in data["warnings"]} == {"profile_missing"}


def test_draft_no_show_offers_the_meeting_booked_in_its_place(db, capsys):
    path, ids = db
    with open_store(path.parent) as store:
        mark_meeting(store, ids["eve_meeting"], "moved", to="2026-03-20T09:00+00:00")
    code, out, _ = run(capsys, path, "draft", "no-show", "--meeting", str(ids["eve_meeting"]))
    assert code == 0 and "Hi Eve," in out and "Friday 20 March at 09:00" in out


def test_check_of_a_no_show_note_knows_its_meeting(db, capsys, tmp_path):
    path, ids = db
    mine = tmp_path / "mine.txt"
    mine.write_text("Hi Eve,\n\nYou missed our call, which was disappointing. "
                    "Could we try again next week?\n\nBest,\nSam\n", encoding="utf-8")
    code, out, _ = run(capsys, path, "draft", "no-show", "--meeting", str(ids["eve_meeting"]),
                       "--check", str(mine), "--json")
    assert code == 0
    found = {w["code"] for w in json.loads(out)["warnings"]}
    # the meeting's day is not named, and the note reads as blame
    assert {"no_original_time", "blames"} <= found


def test_strict_holds_the_new_kinds_to_their_shorter_limit(db, capsys):
    assert length_warning(90, "no_show") is None
    assert length_warning(90, "no_show", strict=True).code == "too_long"
    assert length_warning(110, "update", strict=True) is not None
    assert length_warning(110, "update") is None
    assert length_warning(90, "thanks", strict=True) is None  # no strict limit of its own
    path, ids = db
    # an 80-word no-show note passes the usual check and fails the strict one
    note = path.parent / "note.txt"
    note.write_text("Hi Eve,\n\nI am sorry we did not manage to connect on Thursday 12 March; "
                    "I hope all is well. Would Tuesday at 10:00 suit you instead? "
                    + "I would still be glad to hear about your work and your team. " * 4
                    + "\n\nBest,\nSam\n", encoding="utf-8")
    codes = {}
    for extra in ((), ("--strict",)):
        _, out, _ = run(capsys, path, "draft", "no-show", "--meeting", str(ids["eve_meeting"]),
                        "--check", str(note), *extra, "--json")
        data = json.loads(out)
        assert 75 < data["word_count"] <= 100
        codes[extra] = {w["code"] for w in data["warnings"]}
    assert "too_long" not in codes[()] and "too_long" in codes[("--strict",)]


def test_a_draft_for_a_missing_meeting_is_one_line(db, capsys):
    path, _ = db
    code, _out, err = run(capsys, path, "draft", "reschedule", "--meeting", "99")
    assert code == 2 and len(err.strip().splitlines()) == 1
