"""The panels' share of relationship memory: marking a meeting missed or moved in the
debrief form, and the outcomes dashboard's "This week" tab (driven without a browser)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from infoview.demo.history import generate_sample
from infoview.models import Meeting, Person, QuestionAsked, UserProfile
from infoview.store import Store
from infoview.widgets.debrief import DebriefForm
from infoview.widgets.outcomes import OutcomesDashboard

NOW = datetime(2026, 3, 31, 18, 0, tzinfo=UTC)


@pytest.fixture
def store(store):
    store.save_profile(UserProfile(name="Maya Lindqvist", profile_url="https://example.org/maya"))
    samira = store.add(Person(name="Samira Okafor", organization="Kestrel Health Labs"))
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    store.meeting = store.add(
        Meeting(person_id=samira.id, starts_at=start, status="scheduled", timezone="Europe/London")
    )
    store.add(QuestionAsked(meeting_id=store.meeting.id, text="How did you start?", position=1))
    return store


def test_marking_a_no_show_shows_a_gracious_draft(store):
    form = DebriefForm(store, meeting_id=store.meeting.id)
    form.missed_status.value = "no_show"
    form.missed_button.click()
    assert form.missed_message.kind == "ok", form.missed_message.text  # beside the button
    assert form.missed_message.text.startswith("Marked the meeting they did not show.")
    assert store.get(Meeting, store.meeting.id).status == "no_show"
    assert form.missed_text.value.startswith("Subject: Finding another time to talk")
    assert "Hi Samira," in form.missed_text.value and form.missed_box.layout.display == ""
    assert form.missed_actions.mailto.startswith("mailto:?subject=Finding%20another%20time")
    assert "(they did not show)" in dict((v, k) for k, v in form.meeting.options)[store.meeting.id]


def test_moving_selects_the_new_meeting_with_its_questions(store):
    form = DebriefForm(store, meeting_id=store.meeting.id)
    form.missed_status.value = "moved"
    form.missed_date.value = date(2026, 12, 1)
    form.missed_time.value = time(10, 0)
    form.missed_button.click()
    assert form.missed_message.kind == "ok", form.missed_message.text
    assert "booked again for Tue 1 Dec 2026, 10:00" in form.missed_message.text
    new = next(m for m in store.list(Meeting) if m.rescheduled_from == store.meeting.id)
    assert new.starts_at == datetime(2026, 12, 1, 10, tzinfo=ZoneInfo("Europe/London"))
    assert form.meeting.value == new.id and form.missed_date.value is None
    assert [q["text"] for q in form.questions] == ["How did you start?"]
    assert "Tuesday 1 December at 10:00 GMT" in form.missed_text.value
    assert "sorry" in form.missed_text.value


def test_a_move_without_a_time_is_explained_in_the_panel(store):
    form = DebriefForm(store, meeting_id=store.meeting.id)
    form.missed_status.value = "moved"
    form.missed_button.click()
    assert form.missed_message.kind == "error" and "needs the new time" in form.missed_message.text
    assert "--to" not in form.missed_message.text and "meeting 1" not in form.missed_message.text
    assert store.get(Meeting, store.meeting.id).status == "scheduled"


def test_outcomes_dashboard_has_the_week_and_meeting_statuses(tmp_path):
    with Store.open(tmp_path / "sample.sqlite") as store:
        generate_sample(store, seed=7, today=NOW.date())
        dashboard = OutcomesDashboard(store, now=NOW)
    assert dashboard.message.kind == "ok", dashboard.message.text
    pane = dashboard.panes["This week"].value
    counts = dashboard.digest.counts()
    assert f"Losing touch ({counts['losing_touch']})" in pane and "far too long" in pane
    assert "past maximum" not in pane and "past ideal" not in pane  # plain words
    assert f"Missed meetings to rebook ({counts['missed']})" in pane and "they did not show" in pane
    assert "no_show" not in pane  # the status in plain words
    statuses = dashboard.tables["meeting_statuses"].set_index("status")["count"]
    assert statuses["no_show"] == 1 and statuses["moved"] == 1
    assert "Meetings by status" in dashboard.panes["Funnel"].value
    assert date(2026, 3, 31) == dashboard.digest.as_of.date()


def test_the_debrief_opens_on_a_meeting_that_happened_and_marks_one_missed_only_on_purpose(store):
    # Seen in the browser: the debrief opened with "Did not happen: host did not show"
    # chosen at its top, one press of "Mark the meeting" from marking a held meeting missed.
    form = DebriefForm(store, meeting_id=store.meeting.id)
    assert form.happened.value is True and form.happened.label == "It happened"
    assert form.missed_row.layout.display == "none"  # the marking row waits to be asked for
    assert form.missed_status.value == "" and form.missed_status.label == "choose why"
    form.happened.value = False
    assert form.missed_row.layout.display == ""
    form.missed_button.click()  # no reason chosen: nothing is marked
    assert form.missed_message.kind == "error" and "choose why" in form.missed_message.text
    assert store.get(Meeting, store.meeting.id).status == "scheduled"
    form.missed_status.value = "cancelled"
    form.missed_button.click()
    assert store.get(Meeting, store.meeting.id).status == "cancelled"
    # Opened again, a missed meeting shows as one, with its reason.
    again = DebriefForm(store, meeting_id=store.meeting.id)
    assert again.happened.value is False and again.missed_status.value == "cancelled"
    assert again.missed_row.layout.display == ""
