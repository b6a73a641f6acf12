"""Home's "Losing touch" leads to Prepare with the keep-in-touch note written: the same
update ``infoview draft update`` writes, with its checks, in the draft box ready to copy.
The app in the kernel, on a real SQLite file (the small history: Ana met in March)."""

from __future__ import annotations

import pytest
from _analytics_history import open_store, small_history

from infoview.flows import drafts
from infoview.models import Meeting
from infoview.settings import Settings
from infoview.widgets.app import App
from infoview.widgets.home import PICK_TIP, PICK_TIP_UNMET
from infoview.widgets.session import NotebookSession


@pytest.fixture()
def history(tmp_path):
    with open_store(tmp_path) as store:
        yield store, small_history(store)


def _app(tmp_path, store) -> App:
    return App(NotebookSession(store=store, db_path=store.path, out_dir=tmp_path / "exports",
                               settings=Settings(cache_path=tmp_path / "cache.sqlite"),
                               demo=False), background=False)


def _pick_button(home, name: str):
    for row in home.losing_touch.children:
        if name in getattr(row.children[0], "value", ""):
            return row.children[1]
    raise AssertionError(f"{name} is not under Losing touch")


def test_losing_touch_opens_prepare_with_the_keep_in_touch_note_ready(tmp_path, history):
    store, ids = history
    app = _app(tmp_path, store)
    pick = _pick_button(app.pages["home"], "Ana Ruiz")
    assert pick.description == "Choose them and open Prepare"
    assert "keep-in-touch note" in pick.tooltip == PICK_TIP
    pick.click()
    prepare = app.prepare
    assert app.nav.value == "prepare" and prepare.person.value == ids["ana"]
    assert prepare.draft_kind.value == "update"
    assert prepare.draft_kind.label == "A keep-in-touch note"
    text = prepare.draft_text.value
    # The library's update, not a second wording: her name, her advice, what came of it.
    assert text == drafts.update_draft(store, ids["ana"]).text
    assert "Hi Ana," in text and "Referrals fill most junior roles" in text
    assert "applied to Kestrel Health Labs" in text
    # Its checks above it, in plain words; the box's copy button under it.
    assert prepare.draft_warnings.value and "profile_missing" not in prepare.draft_warnings.value
    assert "Copy the draft" in prepare.draft_actions.value
    assert prepare.draft_message.text == ""


def test_someone_with_a_meeting_scheduled_gets_no_note_written_over(tmp_path, history):
    store, ids = history
    app = _app(tmp_path, store)
    # Eve has a meeting scheduled: the confirmation or the plan is her next step.
    assert any(m.status == "scheduled" for m in store.list(Meeting, person_id=ids["eve"]))
    # She replied, so she is under Losing touch, but her button promises no note.
    assert _pick_button(app.pages["home"], "Eve Lund").tooltip == PICK_TIP_UNMET
    app.prepare.person.value = ids["ana"]
    assert app.prepare.draft_kind.value == "update"
    app.prepare.person.value = ids["eve"]  # the note chosen for Ana is not kept for Eve
    assert app.prepare.draft_kind.value == "request" and app.prepare.draft_text.value == ""


def test_the_note_asks_for_someone_stored(tmp_path, history):
    store, _ids = history
    prepare = _app(tmp_path, store).prepare
    prepare.person.value = 0  # someone new
    prepare.new_name.value = "Kim Park"
    prepare.draft_kind.value = "update"
    prepare.draft_button.click()
    assert prepare.draft is None or prepare.draft.kind != "update"
    assert "someone you have met" in prepare.draft_message.text
