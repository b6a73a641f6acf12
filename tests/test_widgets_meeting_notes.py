"""Notes taken in the meeting companion survive a reload until the debrief saves them.

Seen in the browser: a reload (or a closed tab) in the middle of a call showed the
companion with every tick and line of notes gone, and the debrief had nothing to bring in.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from infoview.flows.forget import forget_person
from infoview.flows.meeting_notes import keep_notes, kept_notes, notes_key
from infoview.flows.meetings import next_meeting, save_meeting_plan
from infoview.models import Meeting, Person, UserProfile
from infoview.questions.models import PlanItem, QuestionPlan
from infoview.store.appstate import get_state
from infoview.widgets.debrief import DebriefForm
from infoview.widgets.holdings import holdings_html
from infoview.widgets.meeting import MeetingCompanion

PLAN = QuestionPlan(items=[
    PlanItem("path-01", "path", "How did you end up working as a UX researcher?", 3, "top"),
    PlanItem("role-01", "role", "What does a typical week look like for you?", 3, "top"),
    PlanItem("closing-01", "closing", "Who else would you suggest I talk to?", 1, "always"),
], meeting_minutes=20, overhead_minutes=4)


@pytest.fixture
def store(store):
    store.save_profile(UserProfile(name="Lena Fischer"))
    save_meeting_plan(store, Person(name="Samira Okafor", organization="Kestrel Health Labs"),
                      Meeting(person_id=0, starts_at=datetime.now(UTC) - timedelta(minutes=10),
                              status="scheduled"), PLAN)
    return store


def _companion(store) -> MeetingCompanion:
    return MeetingCompanion.for_meeting(store, next_meeting(store), clock=lambda: 0.0)


def test_notes_taken_come_back_when_the_page_is_opened_again(store):
    companion = _companion(store)
    companion.tick(0, "Came from nursing; a hackathon got her in")
    companion.rows[1][1].value = "Interviews, synthesis, a roadmap meeting"  # noted, not ticked
    again = _companion(store)  # the page reloaded: a new kernel, a new companion
    assert [(box.value, line.value) for box, line in again.rows] == [
        (True, "Came from nursing; a hackathon got her in"),
        (False, "Interviews, synthesis, a roadmap meeting"),
        (False, "")]
    assert "Picked up the notes you took earlier (2 questions)" in again.notes_message.text
    form = DebriefForm(store, companion=again)
    form.notes_button.click()
    assert "Brought in 2 questions" in form.notes_message.text
    assert [q["notes"].value for q in form.questions][:2] == [
        "Came from nursing; a hackathon got her in", "Interviews, synthesis, a roadmap meeting"]


def test_saving_the_debrief_lets_the_kept_notes_go(store):
    companion = _companion(store)
    companion.tick(0, "Came from nursing")
    meeting = companion.meeting_id
    form = DebriefForm(store, companion=companion)
    form.notes_button.click()
    form.save_button.click()
    assert form.message.kind == "ok", form.message.text
    assert kept_notes(store, meeting) == []
    assert _companion(store).notes_message.text == ""


def test_unticking_everything_keeps_nothing(store):
    companion = _companion(store)
    companion.tick(0)
    assert get_state(store, notes_key(companion.meeting_id)) is not None
    companion.rows[0][0].value = False
    assert get_state(store, notes_key(companion.meeting_id)) is None


def test_notes_kept_for_another_hosts_meeting_of_that_number_are_not_shown(store):
    meeting = store.get(Meeting, next_meeting(store))
    keep_notes(store, meeting.id, [{"question_id": "path-01", "text": "x", "ticked": True,
                                    "notes": "Ben's answer"}])
    ben = store.add(Person(name="Ben Okoro"))
    meeting.person_id = ben.id  # the number now belongs to a meeting with someone else
    store.update(meeting)
    assert kept_notes(store, meeting.id) == []


def test_the_notes_are_listed_with_what_is_held_and_forgetting_the_host_removes_them(store):
    from infoview.flows.forget import what_is_held

    companion = _companion(store)
    companion.tick(0, "Came from nursing")
    samira = store.get(Meeting, companion.meeting_id).person_id
    assert "Notes from a meeting with them" in holdings_html(what_is_held(store, samira))
    forget_person(store, samira)
    assert get_state(store, notes_key(companion.meeting_id)) is None
