"""A plan made on Prepare for "a new meeting", the meeting then added on People: the Debrief
page offers to save it with the meeting in one click (as the Meeting page does) and then lists
its questions; Prepare, showing the plan with that meeting, keeps the meeting's own length."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from infoview.flows.meetings import MeetingOptions, add_meeting, planned_questions
from infoview.flows.plans import kept_plan
from infoview.models import Meeting, Person
from infoview.widgets.debrief import DebriefForm
from infoview.widgets.prepare import NEW, PreparePanel


@pytest.fixture
def store(store):
    store.add(Person(name="Sam Okafor", organization="Kestrel Health"))
    return store


def _planned_on_prepare(store, tmp_path) -> tuple[int, list[str]]:
    """Lena plans 45 minutes on Prepare with "A new meeting" chosen, unticks one, and saves
    nothing; the person's id and the questions ticked."""
    panel = PreparePanel(store, out_dir=tmp_path / "out", role="product manager",
                         industry="health tech", minutes=45)
    assert panel.meeting.value == NEW
    panel.plan_button.click()
    panel.picker.check(1, False)
    return panel._person_id(), [item.text for item in panel.picker.selected()]


def _added_on_people(store, person_id: int, starts_at: datetime, minutes: int = 20) -> int:
    """The meeting added as the People page adds one (no questions planned with it)."""
    meeting, _plan = add_meeting(store, MeetingOptions(
        person_id=person_id, starts_at=starts_at, timezone="Europe/London", minutes=minutes))
    return meeting.saved_id


def test_the_debrief_offers_the_plan_made_on_prepare_and_then_lists_it(store, tmp_path):
    person, planned = _planned_on_prepare(store, tmp_path)
    meeting = _added_on_people(store, person, datetime.now(UTC) - timedelta(minutes=30))
    form = DebriefForm(store, meeting_id=meeting)
    assert form.meeting.value == meeting and form.questions == []
    form.notes.value = "Sam runs the clinical data team."  # typed before saving the plan
    shown = form.questions_box.children
    words = f"{len(planned)} questions"
    assert f"You planned {words}" in shown[0].value and "not saved" in shown[0].value
    assert "No planned questions" not in "".join(getattr(c, "value", "") for c in shown)
    save = shown[1]
    assert save.description == f"Save the {words} with this meeting"  # the Meeting page's
    save.click()
    assert [i.text for i in planned_questions(store, meeting).items] == planned
    assert [q["text"] for q in form.questions] == planned  # ready to debrief
    assert form.meeting_message.text == f"Saved {words} with this meeting."
    assert form.notes.value == "Sam runs the clinical data team."  # nothing typed is lost
    assert kept_plan(store, person) is None  # kept for good now
    again = DebriefForm(store, meeting_id=meeting)
    assert [q["text"] for q in again.questions] == planned


def test_a_meeting_without_a_kept_plan_still_says_none_are_stored(store):
    [person] = store.list(Person)
    meeting = _added_on_people(store, person.saved_id, datetime.now(UTC) - timedelta(hours=1))
    form = DebriefForm(store, meeting_id=meeting)
    [note] = form.questions_box.children
    assert "No planned questions stored" in note.value


def test_prepare_keeps_the_length_set_on_people(store, tmp_path):
    person, planned = _planned_on_prepare(store, tmp_path)
    meeting = _added_on_people(store, person, datetime(2037, 12, 3, 9, 0, tzinfo=UTC),
                               minutes=30)
    again = PreparePanel(store, out_dir=tmp_path / "out")  # Prepare opened again
    assert again.meeting.value == meeting
    assert [i.text for i in again.picker.selected()] == planned
    assert again.minutes.value == 30  # the meeting's own length, not the plan's 45
    assert again.picker.meeting_minutes == 30  # the questions measured against it
    again.save_button.click()
    assert again.message.kind == "ok", again.message.text
    assert store.get(Meeting, meeting).planned_minutes == 30
    assert [i.text for i in planned_questions(store, meeting).items] == planned
