"""The meeting and debrief pages under a careless or hurried user, driven without a browser.

Seen walking the app as Lena (a person, a planned meeting, the call, the debrief): a
thank-you note she changed was written over when she saved the debrief again; a meeting
debriefed before its booked day was thanked for that day, still ahead; a debrief saved on a
cancelled meeting answered with its number and a terminal command; "... then save" stayed
under the notes button once saved; the thank-you box stood empty with no word before the
save; a question noted in the companion but not ticked looked not asked; the last minute
was "0 minutes left"; a second save said what the first had said. (The tests run on the
debrief tests' store, Maya's meeting with Samira.)
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from debrief_meetings import meeting_store

from infoview.flows.meetings import next_meeting
from infoview.models import Meeting, Person
from infoview.widgets.debrief import DebriefForm
from infoview.widgets.meeting import MeetingCompanion


@pytest.fixture
def met(tmp_path):
    """The call began an hour ago."""
    with meeting_store(tmp_path, datetime.now(UTC) - timedelta(hours=1)) as store:
        yield store


def test_saving_the_debrief_again_keeps_the_thank_you_note_she_changed(met):
    form = DebriefForm(met)
    form.insights.add(text="Product teams value clinical experience")
    form.save_button.click()
    assert "clinical experience" in form.thanks_text.value
    form.thanks_text.value = "Dear Sam, thank you for the hour; the spec tip was gold."
    form.notes.value = "Call went well"
    form.save_button.click()
    assert form.message.kind == "ok", form.message.text
    assert form.thanks_text.value == "Dear Sam, thank you for the hour; the spec tip was gold."
    assert "thank-you note are kept" in form.message.text


def test_a_thank_you_not_changed_follows_the_debrief_saved_again(met):
    form = DebriefForm(met)
    form.insights.add(text="Product teams value clinical experience")
    form.save_button.click()
    form.insights.rows[0]["text"].value = "Specs are one page long"
    form.save_button.click()
    assert "Specs are one page long" in form.thanks_text.value
    assert "kept" not in form.message.text


def test_a_meeting_debriefed_before_its_day_is_thanked_for_today(tmp_path):
    with meeting_store(tmp_path, datetime.now(UTC) + timedelta(days=7)) as store:
        form = DebriefForm(store)
        form.save(confirm=True)
        assert form.message.kind == "ok", form.message.text
        assert "Thank you for your time today." in form.thanks_text.value


def test_a_debrief_on_a_cancelled_meeting_says_what_to_do_in_plain_words(met):
    sam = met.list(Person)[0]
    cancelled = met.add(Meeting(person_id=sam.id, status="cancelled",
                                starts_at=datetime.now(UTC) - timedelta(days=2)))
    form = DebriefForm(met, meeting_id=cancelled.id)
    form.happened.value = True
    form.save_button.click()
    assert form.message.kind == "error"
    text = form.message.text
    assert "infoview " not in text and str(cancelled.id) not in text, text
    assert "cancelled" in text and "under People" in text
    assert met.get(Meeting, cancelled.id).status == "cancelled"


def test_the_notes_brought_in_are_not_asked_to_be_saved_once_saved(met):
    companion = MeetingCompanion.for_meeting(met, next_meeting(met), clock=lambda: 0.0)
    form = DebriefForm(met, companion=companion)
    companion.tick(0, "Came from nursing too")
    form.take_companion_notes()
    assert "then save" in form.notes_message.text
    form.save_button.click()
    assert form.message.kind == "ok", form.message.text
    assert form.notes_message.text == ""


def test_the_thank_you_box_says_what_comes_there_before_the_save(met):
    form = DebriefForm(met)
    assert form.thanks_text.value == ""
    assert "once you save the debrief" in form.thanks_text.placeholder


def test_a_line_of_notes_ticks_its_question_in_the_companion(met):
    companion = MeetingCompanion.for_meeting(met, next_meeting(met), clock=lambda: 0.0)
    box, line = companion.rows[0]
    line.value = "Came from nursing too"
    assert box.value is True
    again = MeetingCompanion.for_meeting(met, next_meeting(met), clock=lambda: 0.0)
    assert again.rows[0][0].value is True and again.rows[0][1].value == "Came from nursing too"
    # unticked on purpose afterwards, it stays unticked while the line is edited no further
    box.value = False
    assert box.value is False


def test_the_last_minute_is_not_counted_as_none_left(met):
    now = [0.0]
    companion = MeetingCompanion.for_meeting(met, next_meeting(met), clock=lambda: now[0])
    companion.start()
    now[0] = 19.5 * 60
    companion.refresh()
    assert companion.banner.text.startswith("Less than a minute left: ask the closing pair")
    now[0] = 17.2 * 60
    companion.refresh()
    assert companion.banner.text.startswith("3 minutes left")


def test_stop_is_offered_only_while_the_clock_runs(met):
    companion = MeetingCompanion.for_meeting(met, next_meeting(met), clock=lambda: 0.0)
    assert companion.stop_button.disabled
    companion.start()
    assert not companion.stop_button.disabled
    companion.stop()
    assert companion.stop_button.disabled and companion.start_button.description.startswith(
        "Resume")


def test_a_second_save_says_the_changes_were_saved(met):
    form = DebriefForm(met)
    form.save_button.click()
    assert form.message.text.startswith("Saved the debrief: 0 answers")
    form.insights.add(text="Specs are one page long")
    form.save_button.click()
    assert form.message.text.startswith(
        "Saved your changes to the debrief: it now holds 0 answers"), form.message.text
    assert "1 insight" in form.message.text


def test_save_with_no_meeting_at_all_says_where_to_add_one(store):
    form = DebriefForm(store)
    form.save_button.click()
    assert "add one under Prepare" in form.message.text


def test_a_thank_you_ticked_as_sent_is_no_longer_asked_to_be_sent_now(tmp_path):
    with meeting_store(tmp_path, datetime.now(UTC) - timedelta(days=5)) as store:
        form = DebriefForm(store)
        form.insights.add(text="Specs are one page long")
        form.save_button.click()
        assert "days after the meeting" in form.thanks_warnings.value
        thank_you = next(item for item in form.actions.items if "thank-you" in item.what)
        form.actions.done_buttons[thank_you.key].click()
        assert "days after the meeting" not in form.thanks_warnings.value
        assert "words." in form.thanks_warnings.value  # the rest of the checks stay
        reopened = DebriefForm(store)  # the page opened again later: still not asked
        assert "days after the meeting" not in reopened.thanks_warnings.value


def test_a_meeting_chosen_again_under_debrief_says_its_clock_was_left_running(met):
    sam = met.list(Person)[0]
    other = met.add(Meeting(person_id=sam.id, status="held",
                            starts_at=datetime.now(UTC) - timedelta(days=3)))
    now, began = [100.0], datetime.now(UTC)
    companion = MeetingCompanion.for_meeting(met, next_meeting(met), clock=lambda: now[0],
                                             wall=lambda: began + timedelta(seconds=now[0]))
    first = companion.meeting_id
    companion.start()
    now[0] = 400.0
    companion.tick(0, "Came from nursing too")  # kept, with the clock at 05:00
    form = DebriefForm(met, companion=companion, meeting_id=first)
    form.meeting.value = other.id  # the companion follows the debrief's choice
    form.meeting.value = first  # and back: the page was never opened again
    text = companion.notes_message.text
    assert "The clock goes on from 05:00, as you left it running." in text, text
    assert "page" not in text


def test_a_meeting_that_did_not_happen_shows_no_debrief_to_fill_in(met):
    form = DebriefForm(met)
    assert form.debrief_part.layout.display == "" and form.thanks_part.layout.display == ""
    form.happened.value = False
    assert form.missed_row.layout.display == ""
    assert form.debrief_part.layout.display == "none" and form.thanks_part.layout.display == "none"
    # no debrief is coming: the empty follow-ups no longer say one will fill them
    said = form.actions.rows.children[0].value
    assert "No follow-ups for this meeting." in said and "debrief" not in said
    form.happened.value = True  # chosen by mistake: the debrief is back, as it was
    assert form.debrief_part.layout.display == ""
    form.missed_status.value = "cancelled"
    form.happened.value = False
    form.missed_button.click()
    reopened = DebriefForm(met, meeting_id=form.meeting.value)
    assert reopened.happened.value is False and reopened.debrief_part.layout.display == "none"


def test_the_agenda_keeps_the_greetings_end_and_cuts_long_steps_at_a_word(met):
    companion = MeetingCompanion.for_meeting(met, next_meeting(met), clock=lambda: 0.0)
    agenda = companion.agenda_html.value
    greeting = next(m.text for m in companion.marks if m.label == "Greeting")
    assert greeting.endswith(".") and greeting in agenda  # "... say you will finish by 14:20."
    from infoview.widgets.meeting import _agenda_detail

    long = "If asked, your 30-second introduction: " + "ten years on a cardiac ward " * 5
    cut = _agenda_detail(long)
    assert cut.endswith("…") and len(cut) <= 100 and long.startswith(cut[:-1])
    assert long[len(cut) - 1] == " "  # cut between words, never inside one ("resea...")


def test_a_running_clock_is_stopped_before_it_can_be_reset(met):
    now = [0.0]
    companion = MeetingCompanion.for_meeting(met, next_meeting(met), clock=lambda: now[0])
    companion.start()
    now[0] = 12 * 60
    assert companion.reset_button.disabled  # mid-call, a slip of the mouse
    companion.stop()
    assert not companion.reset_button.disabled
    companion.reset_button.click()
    assert companion.elapsed_minutes == 0
