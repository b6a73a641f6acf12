"""A plan being edited survives a page reload: kept in the store after every change until it
is saved or dropped, one per person (and one for someone not saved yet)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from infoview.flows.meetings import save_meeting_plan
from infoview.flows.plans import kept_plan
from infoview.models import Meeting, Person
from infoview.questions.models import PlanItem, QuestionPlan
from infoview.settings import Settings
from infoview.widgets.app import App
from infoview.widgets.prepare import NEW, PreparePanel
from infoview.widgets.session import NotebookSession

OWN = "What do you wish you had known before your first year in this work?"


@pytest.fixture
def store(store):
    store.add(Person(name="Sam Okafor", organization="Kestrel Health"))
    return store


def _panel(store, tmp_path) -> PreparePanel:
    return PreparePanel(store, out_dir=tmp_path / "out", role="product manager",
                        industry="health tech")


def _edit(panel: PreparePanel) -> list[str]:
    panel.plan_button.click()
    panel.picker.check(1, False)
    panel.picker.add_own(OWN, 3, insist=True)
    panel.reason.value = "I read your post on patient onboarding"
    panel.place.value = "https://call.example/sam"
    panel.date.value = date(2037, 12, 3)
    return [item.text for item in panel.picker.items]


def test_a_reload_picks_up_the_plan_as_it_was_left(store, tmp_path):
    before = _panel(store, tmp_path)
    texts = _edit(before)
    unchecked = before.picker.items[1].text
    after = _panel(store, tmp_path)  # the page reloaded: a new panel on the same store
    assert after.restored is not None and "Picked up the plan" in after.message.text
    assert [item.text for item in after.picker.items] == texts  # order, own question
    assert [i.text for i in after.picker.selected()] == [t for t in texts if t != unchecked]
    assert after.reason.value == "I read your post on patient onboarding"
    assert after.place.value == "https://call.example/sam"
    assert after.date.value == date(2037, 12, 3)
    assert after.drop_button.layout.display == ""
    assert OWN in after.preview.value  # the brief follows the plan picked up
    after.picker.add_own("How do new product managers learn the clinical side?", 2, insist=True)
    kept = [i["text"] for i in kept_plan(store, after._person_id()).value["items"]]
    assert "How do new product managers learn the clinical side?" in kept  # kept at once


def test_saving_the_meeting_or_dropping_the_plan_ends_keeping_it(store, tmp_path):
    panel = _panel(store, tmp_path)
    _edit(panel)
    panel.save_button.click()
    assert panel.message.kind == "ok", panel.message.text
    assert kept_plan(store, panel._person_id()) is None
    assert _panel(store, tmp_path).restored is None
    again = _panel(store, tmp_path)
    again.picker.check(0, False)  # an edit of the saved plan is kept again
    assert kept_plan(store, again._person_id()) is not None
    again.drop_button.click()
    assert kept_plan(store, again._person_id()) is None
    assert again.message.text == "Dropped the plan you were editing."
    assert all(again.picker.checked.values())  # the meeting as saved


def test_a_plan_for_someone_not_saved_yet_comes_back_with_their_name(store, tmp_path):
    panel = _panel(store, tmp_path)
    panel.person.value = NEW
    panel.new_name.value = "Ada Berg"
    panel.new_organization.value = "Nordlicht"
    panel.plan_button.click()
    after = _panel(store, tmp_path)
    assert after.person.value == NEW and after.new_name.value == "Ada Berg"
    assert after.picker.items and after.new_person_box.layout.display == ""


def test_only_edits_are_kept_not_a_saved_plan_being_shown(store, tmp_path):
    sam = store.list(Person)[0]
    plan = QuestionPlan(items=[PlanItem(id="own-1", category="own", text=OWN, minutes=3,
                                        reason="")], meeting_minutes=20, overhead_minutes=4)
    save_meeting_plan(store, sam, Meeting(person_id=sam.id, status="scheduled",
                                          starts_at=datetime.now(UTC) + timedelta(days=2)), plan)
    panel = _panel(store, tmp_path)
    assert [i.text for i in panel.picker.items] == [OWN]
    assert kept_plan(store, sam.id) is None and panel.restored is None


def test_the_app_opens_on_the_person_whose_plan_was_being_edited(store, tmp_path):
    ada = store.add(Person(name="Ada Berg"))
    sam = store.find_people(name="Sam Okafor")[0]
    store.add(Meeting(person_id=sam.id, status="scheduled",
                      starts_at=datetime.now(UTC) + timedelta(days=1)))
    panel = _panel(store, tmp_path)
    panel.person.value = ada.id
    panel.plan_button.click()
    session = NotebookSession(store=store, db_path=store.path, out_dir=tmp_path / "out",
                              settings=Settings(cache_path=tmp_path / "c.sqlite"), demo=False)
    app = App(session)
    assert app.selection.person_id == sam.id  # the next meeting
    app.show("prepare")
    assert app.prepare.person.value == ada.id and app.prepare.picker.items
    assert app.selection.person_id == ada.id  # the plan in progress wins


def test_undoing_a_persons_delete_brings_back_the_plan_being_edited_for_them(store, tmp_path):
    """Lena deletes Sam by mistake while a plan for him is half made, and clicks Undo: Sam
    came back but his plan did not (forgetting him had removed it). It comes back too, as it
    was left, and the Prepare page picks it up."""
    from infoview.flows.records import delete_record, restore

    sam = store.list(Person)[0]
    session = NotebookSession(store=store, db_path=store.path, out_dir=tmp_path / "out",
                              settings=Settings(cache_path=tmp_path / "c.sqlite"), demo=False)
    app = App(session, background=False)
    app.show("prepare")
    texts = _edit(app.prepare)
    left = kept_plan(store, sam.id)
    assert left is not None
    app.show("people")
    people = app.page("people")
    people.people.value = sam.id
    people.delete_person_button.click()
    people.deletions.confirm_button.click()
    assert kept_plan(store, sam.id) is None  # forgotten with him
    people.deletions.undo_buttons[0].click()
    back = kept_plan(store, sam.id)
    assert back is not None and back.value == left.value and back.updated_at == left.updated_at
    app.show("prepare")
    panel = app.prepare
    assert panel.person.value == sam.id and panel.restored is not None
    assert [item.text for item in panel.picker.items] == texts
    assert panel.reason.value == "I read your post on patient onboarding"
    assert "Picked up the plan" in panel.message.text

    # A plan started under the same key since is never overwritten by the old one.
    deleted = delete_record(store, "person", sam.id)
    assert kept_plan(store, sam.id) is None
    from infoview.flows.plans import keep_plan

    keep_plan(store, sam.id, {"person": sam.id, "items": [], "reason": "newer"})
    restore(store, deleted)
    assert kept_plan(store, sam.id).value["reason"] == "newer"


def test_a_draft_written_after_saving_brings_no_picked_up_note_back(store, tmp_path):
    """Lena saved the meeting, then wrote the request email: every reload since said it had
    picked up the plan she was editing (the draft had kept the whole plan again)."""
    panel = _panel(store, tmp_path)
    _edit(panel)
    panel.save_button.click()
    panel.draft_button.click()
    assert panel.draft_text.value
    kept = kept_plan(store, panel._person_id())
    assert kept is None or kept.value.get("saved")  # the plan is no plan in progress
    after = _panel(store, tmp_path)
    assert after.restored is None and "Picked up" not in after.message.text
    assert after.drop_button.layout.display == "none"
    assert after.draft_text.value == panel.draft_text.value  # the draft is not lost
    after.picker.check(0, False)  # a real edit of the saved plan is kept, and said so
    assert not kept_plan(store, after._person_id()).value.get("saved")
    assert "Picked up the plan" in _panel(store, tmp_path).message.text


def _two_meetings(store):
    sam = store.find_people(name="Sam Okafor")[0]
    first = store.add(Meeting(person_id=sam.id, status="scheduled", place="https://call.example/a",
                              starts_at=datetime(2037, 11, 2, 9, 0, tzinfo=UTC)))
    second = store.add(Meeting(person_id=sam.id, status="scheduled", place="https://call.example/b",
                               starts_at=datetime(2037, 11, 20, 15, 0, tzinfo=UTC)))
    return sam, first, second


def test_a_kept_plan_never_takes_back_a_meeting_chosen_since(store, tmp_path):
    """A plan kept for Sam's first meeting; after a reload Lena pressed "Work on it" on his
    second meeting, and Prepare exported the calendar file of the first."""
    sam, first, second = _two_meetings(store)
    session = NotebookSession(store=store, db_path=store.path, out_dir=tmp_path / "out",
                              settings=Settings(cache_path=tmp_path / "c.sqlite"), demo=False)
    app = App(session, background=False)
    app.show("prepare")
    app.prepare.meeting.value = first.id
    app.prepare.plan_button.click()
    app.prepare.reason.value = "for the first meeting"
    assert kept_plan(store, sam.id).value["meeting"] == first.id

    again = App(session, background=False)  # a reload
    again.show("people")
    again.page("people").choose(sam.id, second.id)
    again.choose(meeting_id=second.id)  # what "Work on it" does
    again.show("prepare")
    panel = again.prepare
    assert panel.meeting.value == second.id and again.selection.meeting_id == second.id
    assert panel.restored is None and "Picked up" not in panel.message.text
    assert panel.place.value == "https://call.example/b"
    panel.plan_button.click()
    ics = panel.export("ics").read_text()
    assert "20371120" in ics
    assert "20371102" not in ics and "call.example/a" not in ics

    # Going back to the first meeting on the page picks its plan up again.
    first_plan = App(session, background=False)
    first_plan.show("prepare")
    first_plan.prepare.choose(sam.id, first.id)
    assert first_plan.prepare.meeting.value == first.id


def test_an_open_panel_follows_a_meeting_chosen_elsewhere_not_its_kept_plan(store, tmp_path):
    sam, first, second = _two_meetings(store)
    ada = store.add(Person(name="Ada Berg"))
    panel = _panel(store, tmp_path)
    panel.person.value = sam.id
    panel.meeting.value = first.id
    panel.plan_button.click()
    panel.reason.value = "for the first meeting"
    panel.choose(ada.id, None)
    panel.choose(sam.id, second.id)  # "Work on it" on his second meeting, on another page
    assert panel.meeting.value == second.id and panel.restored is None
    assert panel.place.value == "https://call.example/b"
    assert kept_plan(store, sam.id).value["reason"] == "for the first meeting"  # not lost
    panel.meeting.value = first.id  # back to the first: its plan comes back
    assert panel.restored is not None and panel.place.value == "https://call.example/a"


def test_a_saved_meeting_opened_again_keeps_why_them_and_who_you_are(store, tmp_path):
    # Seen in the browser: Lena typed why she chose Sam and that she is a career changer,
    # saved the meeting, closed the tab; Home's "See the brief" showed the plan again, but
    # the brief said "Add your own reason for choosing them" and "You are a" said anyone.
    panel = _panel(store, tmp_path)
    _edit(panel)
    panel.audience.value = "career_changer"
    panel.save_button.click()
    assert panel.message.kind == "ok", panel.message.text
    again = _panel(store, tmp_path)  # a new page, nothing kept but the saved meeting
    assert again.restored is None
    assert again.reason.value == "I read your post on patient onboarding"
    assert again.audience.value == "career_changer"
    assert again.build().reason == "I read your post on patient onboarding"
    assert "I read your post on patient onboarding" in again.preview.value
    from infoview.flows.meetings import meeting_brief

    stored = meeting_brief(store, again.meeting.value)  # the companion's, the CLI's
    assert stored.reason == "I read your post on patient onboarding"


def test_a_plan_saved_on_a_held_meeting_says_it_was_not_kept(store, tmp_path):
    # Seen in the browser: a plan saved on a meeting already debriefed said "Saved Priya
    # Raman and the meeting with its questions", and the questions were nowhere after a
    # reload (a held meeting keeps what its debrief recorded).
    sam = store.list(Person)[0]
    save_meeting_plan(store, sam, Meeting(person_id=sam.id, status="held",
                                          starts_at=datetime(2026, 3, 2, 10, tzinfo=UTC)), None)
    panel = _panel(store, tmp_path)
    panel.plan_button.click()
    panel.save_button.click()
    assert panel.message.kind == "warning", panel.message.text
    assert "with its questions" not in panel.message.text
    assert "held" in panel.message.text and "not kept" in panel.message.text
