"""A plan made on Prepare for "a new meeting" is not lost when the meeting is then added on
People: Prepare shows it with that meeting and says it is not saved yet, and the Meeting
page offers to save it with the meeting in one click."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from infoview.flows.meetings import MeetingOptions, add_meeting, planned_questions
from infoview.flows.plans import kept_plan
from infoview.models import Meeting, Person
from infoview.widgets.meeting import MeetingCompanion
from infoview.widgets.prepare import NEW, PreparePanel

START = datetime(2037, 12, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(store):
    store.add(Person(name="Sam Okafor", organization="Kestrel Health"))
    return store


def _planned_on_prepare(store, tmp_path) -> tuple[PreparePanel, list[str]]:
    """Lena plans on Prepare with "A new meeting" chosen, unticks one, and saves nothing."""
    panel = PreparePanel(store, out_dir=tmp_path / "out", role="product manager",
                         industry="health tech")
    assert panel.meeting.value == NEW
    panel.plan_button.click()
    panel.picker.check(1, False)
    return panel, [item.text for item in panel.picker.selected()]


def _added_on_people(store, person_id: int) -> int:
    """The meeting added as the People page adds one (no questions planned with it)."""
    meeting, _plan = add_meeting(store, MeetingOptions(person_id=person_id, starts_at=START,
                                                       timezone="Europe/London"))
    return meeting.saved_id


def test_the_meeting_page_offers_the_plan_made_on_prepare_and_saves_it(store, tmp_path):
    panel, planned = _planned_on_prepare(store, tmp_path)
    person = panel._person_id()
    meeting = _added_on_people(store, person)
    companion = MeetingCompanion.for_meeting(store, meeting)
    shown = companion.questions_box.children
    words = f"{len(planned)} questions"
    assert f"You planned {words}" in shown[0].value and "not saved" in shown[0].value
    save = shown[1]
    assert save.description == f"Save the {words} with this meeting"
    save.click()
    assert [i.text for i in planned_questions(store, meeting).items] == planned
    assert len(companion.rows) == len(planned)
    assert companion.notes_message.text == f"Saved {words} with this meeting."
    assert kept_plan(store, person) is None  # kept for good now


def test_prepare_shows_the_plan_with_the_meeting_added_on_people(store, tmp_path):
    panel, planned = _planned_on_prepare(store, tmp_path)
    person = panel._person_id()
    meeting = _added_on_people(store, person)
    again = PreparePanel(store, out_dir=tmp_path / "out")  # Prepare opened again
    assert again.meeting.value == meeting
    assert [i.text for i in again.picker.selected()] == planned
    assert again.message.kind == "warning"
    assert "not saved with it yet" in again.message.text
    assert again.date.value == START.date()  # the meeting's own day, not the plan's blank
    again.save_button.click()
    assert again.message.kind == "ok", again.message.text
    assert [i.text for i in planned_questions(store, meeting).items] == planned
    assert MeetingCompanion.for_meeting(store, meeting).rows


def test_a_meeting_with_its_own_questions_is_left_alone(store, tmp_path):
    panel, _planned = _planned_on_prepare(store, tmp_path)
    person = panel._person_id()
    meeting, plan = add_meeting(store, MeetingOptions(person_id=person, starts_at=START,
                                                      timezone="Europe/London", plan=True))
    companion = MeetingCompanion.for_meeting(store, meeting.saved_id)
    assert len(companion.rows) == len(plan.items)
    assert kept_plan(store, person) is not None  # the other plan is still kept, not lost


def test_in_the_app_the_meeting_added_on_people_gets_the_plan(store, tmp_path):
    from datetime import date, time

    from infoview.settings import Settings
    from infoview.widgets.app import App
    from infoview.widgets.session import NotebookSession

    session = NotebookSession(store=store, db_path=store.path, out_dir=tmp_path / "out",
                              settings=Settings(cache_path=tmp_path / "c.sqlite"), demo=False)
    app = App(session, background=False)
    prepare = app.page("prepare")
    assert prepare.meeting.value == NEW
    prepare.role.value = "product manager"
    prepare.plan_button.click()
    planned = [item.text for item in prepare.picker.selected()]
    people = app.page("people")
    people.add_meeting_button.click()
    people.meeting_date.value = date(2037, 12, 3)
    people.meeting_time.value = time(15, 30)
    people.save_meeting_button.click()
    [meeting] = store.list(Meeting)
    # Prepare, still open, shows the plan with the new meeting and says it is not saved.
    assert prepare.meeting.value == meeting.id
    assert [i.text for i in prepare.picker.selected()] == planned
    assert "not saved with it yet" in prepare.message.text
    companion = app.page("meeting")
    app.choose(meeting_id=meeting.id)
    assert companion.meeting_id == meeting.id
    companion.questions_box.children[1].click()
    assert [row_item.text for row_item in companion.items] == planned
