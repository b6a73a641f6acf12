"""Saving a debrief from the panel: meetings still ahead, what the message counts, the
rapport, the notes brought in from the companion. Driven without a browser."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from debrief_meetings import meeting_store

from infoview.flows.meetings import next_meeting
from infoview.models import Insight, Meeting, Outcome, Person
from infoview.times import starts_in_future
from infoview.widgets.debrief import DebriefForm
from infoview.widgets.meeting import MeetingCompanion


# -- the debrief ----------------------------------------------------------------------------
@pytest.fixture
def ahead(tmp_path):
    """A store whose one meeting starts tomorrow."""
    return meeting_store(tmp_path, datetime.now(UTC) + timedelta(days=1))


@pytest.fixture
def held(tmp_path):
    """A store whose one meeting began an hour ago."""
    return meeting_store(tmp_path, datetime.now(UTC) - timedelta(hours=1))


def test_a_debrief_for_a_meeting_still_ahead_asks_before_marking_it_held(ahead):
    form = DebriefForm(ahead)
    form.insights.add(text="Most studies run remotely")
    form.save_button.click()
    meeting = ahead.get(Meeting, form.meeting.value)
    assert meeting.status == "scheduled" and not ahead.list(Insight)
    assert form.message.kind == "warning" and "still ahead" in form.message.text
    assert "Europe" not in form.message.text and ", " in form.message.text  # a readable date
    assert form.save_button.description.startswith("Save anyway")
    form.save_button.click()
    assert form.message.kind == "ok", form.message.text
    assert ahead.get(Meeting, meeting.id).status == "held"
    assert form.save_button.description == "Save debrief"


def test_choosing_another_meeting_asks_again(ahead):
    other = ahead.add(Person(name="Ben Okoro"))
    ahead.add(Meeting(person_id=other.id, status="scheduled",
                      starts_at=datetime.now(UTC) + timedelta(days=3)))
    form = DebriefForm(ahead)
    first = form.meeting.value
    form.save_button.click()
    form.meeting.value = next(v for _, v in form.meeting.options if v != first)
    assert form.save_button.description == "Save debrief"
    form.save_button.click()
    assert form.message.kind == "warning"
    assert all(m.status == "scheduled" for m in ahead.list(Meeting))


def test_a_meeting_that_began_saves_at_once(held):
    form = DebriefForm(held)
    form.save_button.click()
    assert form.message.kind == "ok", form.message.text
    assert held.get(Meeting, form.meeting.value).status == "held"


def test_the_save_message_counts_everything_and_the_empty_rows_skipped(held):
    form = DebriefForm(held)
    form.questions[0]["asked"].value = True
    form.questions[0]["notes"].value = "Came from nursing"
    form.people.add(name="Priya Shah")
    form.promises.add(what="Send the article")
    form.promises.add()  # left empty
    form.outcomes.add(kind="lead")
    form.insights.add(text="Findings reach the roadmap monthly")
    form.insights.add()  # left empty
    form.save_button.click()
    assert form.message.text == (
        "Saved the debrief: 1 answer, 1 person suggested, 1 promise, 1 outcome, 1 insight. "
        "Skipped 2 empty rows (1 insight, 1 promise): nothing was typed in them.")
    assert len(held.list(Outcome)) == 1 and len(held.list(Insight)) == 1


def test_the_rapport_starts_unset_and_an_unset_rapport_saves_as_none(held):
    form = DebriefForm(held)
    assert form.rapport.value is None
    form.save_button.click()
    assert held.get(Meeting, form.meeting.value).rapport is None
    form.rapport.value = 4
    form.save_button.click()
    assert held.get(Meeting, form.meeting.value).rapport == 4
    again = DebriefForm(held)
    assert again.rapport.value == 4
    again.rapport_clear.click()
    assert again.rapport.value is None


def test_bringing_in_the_notes_always_answers(held):
    form = DebriefForm(held)
    form.take_companion_notes()  # no companion on the page
    assert form.notes_message.kind == "warning" and "No meeting companion" in form.notes_message.text

    companion = MeetingCompanion.for_meeting(held, next_meeting(held), clock=lambda: 0.0)
    form = DebriefForm(held, companion=companion)
    companion.tick(0, "Came from nursing")
    form.notes_button.click()
    assert form.notes_message.kind == "ok" and "Brought in 1 question" in form.notes_message.text
    form.notes_message.clear()
    form.notes_button.click()
    assert form.notes_message.text.startswith("Nothing new in the meeting notes")
    companion.rows[1][1].value = "Priya in the data team"
    form.notes_button.click()
    assert "Brought in 1 question" in form.notes_message.text
    assert [q["asked"].value for q in form.questions] == [True, True]


def test_notes_for_an_unplanned_question_come_in_once(held):
    form = DebriefForm(held)
    note = [{"question_id": None, "text": "What would you read first?", "asked": True,
             "notes": "The NHS design blog"}]
    assert form.take_notes(note) == 1
    assert form.take_notes(note) == 0
    assert len(form.extra_questions.rows) == 1


def test_starts_in_future():
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    assert starts_in_future(now + timedelta(minutes=1), now)
    assert not starts_in_future(now - timedelta(minutes=1), now)
    assert not starts_in_future(None, now)
    local = (now + timedelta(hours=2)).astimezone().replace(tzinfo=None)  # naive = local
    assert starts_in_future(local, now)


def test_an_outcome_row_left_untouched_is_skipped_not_saved_as_a_lead(held):
    # Seen in the browser: pressing "Add an outcome" and typing nothing saved a "lead" (the
    # dropdown's first choice), and the outcomes page counted a lead that never was.
    form = DebriefForm(held)
    form.outcomes.add()
    form.save_button.click()
    assert form.message.kind == "ok", form.message.text
    assert held.list(Outcome) == []
    assert "0 outcomes" in form.message.text and "1 outcome" in form.message.text  # skipped


def test_an_outcome_with_details_but_no_kind_asks_for_the_kind_and_saves_nothing(held):
    form = DebriefForm(held)
    form.outcomes.add(notes="They forwarded my CV to the product lead")
    form.save_button.click()
    assert form.message.kind == "error"
    assert "what came of it" in form.message.text and "They forwarded" in form.message.text
    assert held.list(Outcome) == [] and held.get(Meeting, form.meeting.value).status != "held"
    form.outcomes.rows[0]["kind"].value = "lead"
    form.save_button.click()
    assert form.message.kind == "ok", form.message.text
    assert [o.kind for o in held.list(Outcome)] == ["lead"]


def test_a_double_click_on_save_anyway_saves_once_and_does_not_ask_again(ahead):
    # Seen in the browser: the second click of a double click on "Save anyway" found the
    # meeting still ahead and said "Not saved yet" over a debrief saved a moment before.
    form = DebriefForm(ahead)
    form.insights.add(text="Most studies run remotely")
    form.save_button.click()
    assert form.save_button.description.startswith("Save anyway")
    form.save_button.click()
    form.save_button.click()  # the second click of the double click
    assert form.message.kind == "ok", form.message.text
    assert form.message.text.startswith("Saved your changes to the debrief")  # once, then again
    assert form.save_button.description == "Save debrief"
    assert ahead.get(Meeting, form.meeting.value).status == "held"
    assert len(ahead.list(Insight)) == 1
