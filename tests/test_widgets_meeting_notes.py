"""Notes taken in the meeting companion survive a reload until the debrief saves them.

Seen in the browser: a reload (or a closed tab) in the middle of a call showed the
companion with every tick and line of notes gone, and the debrief had nothing to bring in.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from question_fixtures import THREE_QUESTIONS

from infoview.flows.forget import forget_person
from infoview.flows.meeting_notes import debrief_key, keep_notes, kept_notes, notes_key
from infoview.flows.meetings import next_meeting, save_meeting_plan
from infoview.models import Meeting, Person, UserProfile
from infoview.store.appstate import get_state
from infoview.widgets.debrief import DebriefForm
from infoview.widgets.holdings import holdings_html
from infoview.widgets.meeting import MeetingCompanion

PLAN = THREE_QUESTIONS


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
    companion.rows[1][1].value = "Interviews, synthesis, a roadmap meeting"  # noted: ticks it
    again = _companion(store)  # the page reloaded: a new kernel, a new companion
    assert [(box.value, line.value) for box, line in again.rows] == [
        (True, "Came from nursing; a hackathon got her in"),
        (True, "Interviews, synthesis, a roadmap meeting"),
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
    assert "Notes and a debrief being written" in holdings_html(what_is_held(store, samira))
    forget_person(store, samira)
    assert get_state(store, notes_key(companion.meeting_id)) is None


# -- the debrief being written --------------------------------------------------------------
def test_a_debrief_typed_but_not_saved_comes_back_after_a_reload(store):
    # Seen in the browser: a line typed into "Anything else worth remembering" (and with it
    # everything typed since the last save) was gone after a reload.
    form = DebriefForm(store)
    meeting = form.meeting.value
    form.questions[0]["asked"].value = True
    form.questions[0]["notes"].value = "Came from nursing"
    form.questions[0]["usefulness"].value = 4
    form.insights.add(text="Findings reach the roadmap monthly", tags="process")
    row = form.people.add(name="Priya Nair", email="priya@wren.example")
    row["contact_by"].value = "host"
    form.promises.add(what="Send Samira the article", due=date(2026, 12, 18))
    form.outcomes.add(kind="lead", notes="A product role opening in January")
    form.rapport.value = 4
    form.notes.value = "She offered to review my CV later"

    again = DebriefForm(store, meeting_id=meeting)  # the page reloaded
    assert again.questions[0]["asked"].value and again.questions[0]["usefulness"].value == 4
    assert again.questions[0]["notes"].value == "Came from nursing"
    assert [r["text"].value for r in again.insights.rows] == ["Findings reach the roadmap monthly"]
    assert again.people.values()[0]["name"] == "Priya Nair"
    assert again.people.values()[0]["contact_by"] == "host"
    assert again.promises.values()[0]["due"] == date(2026, 12, 18)
    assert again.outcomes.values()[0]["kind"] == "lead"
    assert again.rapport.value == 4 and again.notes.value == "She offered to review my CV later"
    assert "Picked up the debrief you were writing" in again.message.text
    assert again.drop_draft_button.layout.display == ""
    assert store.get(Meeting, meeting).status != "held"  # nothing was saved meanwhile

    again.save_button.click()
    assert again.message.kind == "ok", again.message.text
    assert again.drop_draft_button.layout.display == "none"
    third = DebriefForm(store, meeting_id=meeting)  # saved: the store's debrief, no pick-up
    assert "Picked up" not in third.message.text
    assert third.notes.value == "She offered to review my CV later"


def test_dropping_the_unsaved_changes_shows_the_debrief_as_saved(store):
    form = DebriefForm(store)
    form.insights.add(text="Most studies run remotely")
    form.save_button.click()
    form.insights.add(text="A second thought, never saved")
    again = DebriefForm(store, meeting_id=form.meeting.value)
    assert len(again.insights.rows) == 2
    again.drop_draft_button.click()
    assert [r["text"].value for r in again.insights.rows] == ["Most studies run remotely"]
    assert again.drop_draft_button.layout.display == "none"
    assert "Picked up" not in DebriefForm(store, meeting_id=form.meeting.value).message.text


def test_opening_the_form_alone_keeps_nothing(store):
    form = DebriefForm(store)
    assert get_state(store, debrief_key(form.meeting.value)) is None
    form.load()
    assert get_state(store, debrief_key(form.meeting.value)) is None


class _Clocks:
    """A kernel's timer (seconds from an arbitrary point, different in each kernel) and
    the time of day, moved by hand."""

    def __init__(self, timer: float = 0.0):
        self.timer = timer
        self.day = datetime(2037, 3, 4, 10, 0, tzinfo=UTC)

    def later(self, seconds: float) -> None:
        self.timer += seconds
        self.day += timedelta(seconds=seconds)


def _timed(store, clocks: _Clocks) -> MeetingCompanion:
    return MeetingCompanion.for_meeting(store, next_meeting(store), clock=lambda: clocks.timer,
                                        wall=lambda: clocks.day)


def test_the_clock_goes_on_after_a_reload_instead_of_starting_from_zero(store):
    # Seen in the browser: the ticks and notes came back after a reload, but the clock
    # showed 00:00 and "Press start" seven minutes into the call.
    clocks = _Clocks(timer=5000.0)
    companion = _timed(store, clocks)
    companion.start()
    clocks.later(7 * 60)
    clocks.timer = 12.0  # the page reloaded: a new kernel, whose timer starts elsewhere
    clocks.later(30)
    again = _timed(store, clocks)
    assert again.running and round(again.elapsed_minutes * 60) == 7 * 60 + 30
    assert "07:30" in again.clock_label.value
    assert "The clock goes on from 07:30" in again.notes_message.text
    clocks.later(60)
    assert round(again.elapsed_minutes * 60) == 8 * 60 + 30  # and keeps counting
    again.stop()
    clocks.later(600)  # stopped: the time away is not counted
    stopped = _timed(store, clocks)
    assert not stopped.running and "08:30" in stopped.clock_label.value
    assert "The clock is stopped at 08:30" in stopped.notes_message.text
    assert stopped.start_button.description == "Resume the clock"
    stopped.reset()
    assert _timed(store, clocks).started_at is None  # reset: a reload starts from zero


def test_a_reload_before_the_clock_started_keeps_it_at_zero_and_says_nothing_of_it(store):
    clocks = _Clocks()
    companion = _timed(store, clocks)
    companion.tick(0, "Came from nursing")
    again = _timed(store, clocks)
    assert again.started_at is None and "clock" not in again.notes_message.text
    assert "Picked up the notes you took earlier (1 question)" in again.notes_message.text


def test_a_clock_picked_up_running_is_set_ticking_in_the_browser_that_draws_it(store):
    # Seen in the browser: after a reload mid-call the clock said "goes on from 00:07" and
    # Start was greyed out, but it showed 00:07 for good. The browser starts its ticker's
    # timer only when it sees ``playing`` turn on, and the ticker was made playing already.
    clocks = _Clocks()
    _timed(store, clocks).start()
    clocks.later(7)
    again = _timed(store, clocks)  # the page reloaded
    assert again.running and again.start_button.disabled
    seen: list[bool] = []
    again.ticker.observe(lambda change: seen.append(change["new"]), names="playing")
    again.ticker._view_count = 1  # the browser drew the page, and so the ticker
    assert seen[-2:] == [False, True] and again.ticker.playing
    again.stop()
    seen.clear()
    again.ticker._view_count = 2  # drawn again while stopped: it stays still
    assert seen == [] and not again.ticker.playing
