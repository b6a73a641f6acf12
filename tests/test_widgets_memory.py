"""The panels' share of relationship memory: marking a meeting missed or moved in the
debrief form, and the outcomes dashboard's "This week" tab (driven without a browser)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from infoview.demo.history import generate_sample
from infoview.models import Meeting, Person, QuestionAsked, UserProfile
from infoview.store import Store
from infoview.widgets.debrief import DebriefForm
from infoview.widgets.outcomes import OutcomesDashboard

NOW = datetime(2026, 3, 31, 18, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path):
    store = Store.open(tmp_path / "s.sqlite")
    store.save_profile(UserProfile(name="Maya Lindqvist", profile_url="https://example.org/maya"))
    samira = store.add(Person(name="Samira Okafor", organization="Kestrel Health Labs"))
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    store.meeting = store.add(
        Meeting(person_id=samira.id, starts_at=start, status="scheduled", timezone="Europe/London")
    )
    store.add(QuestionAsked(meeting_id=store.meeting.id, text="How did you start?", position=1))
    yield store
    store.close()


def test_marking_a_no_show_shows_a_gracious_draft(store):
    form = DebriefForm(store, meeting_id=store.meeting.id)
    form.missed_status.value = "no_show"
    form.missed_button.click()
    assert form.message.kind == "ok", form.message.text
    assert store.get(Meeting, store.meeting.id).status == "no_show"
    assert form.missed_text.value.startswith("Subject: Finding another time to talk")
    assert "Hi Samira," in form.missed_text.value and form.missed_text.layout.display == ""
    assert "(no_show)" in dict((v, k) for k, v in form.meeting.options)[store.meeting.id]


def test_moving_selects_the_new_meeting_with_its_questions(store):
    form = DebriefForm(store, meeting_id=store.meeting.id)
    form.missed_status.value = "moved"
    form.missed_to.value = "2026-12-01T10:00"
    form.missed_button.click()
    assert form.message.kind == "ok", form.message.text
    new = next(m for m in store.list(Meeting) if m.rescheduled_from == store.meeting.id)
    assert form.meeting.value == new.id and form.missed_to.value == ""
    assert [q["text"] for q in form.questions] == ["How did you start?"]
    assert "Tuesday 1 December at 10:00 GMT" in form.missed_text.value
    assert "sorry" in form.missed_text.value


def test_a_move_without_a_time_is_explained_in_the_panel(store):
    form = DebriefForm(store, meeting_id=store.meeting.id)
    form.missed_status.value = "moved"
    form.missed_button.click()
    assert form.message.kind == "error" and "needs the new time" in form.message.text
    assert store.get(Meeting, store.meeting.id).status == "scheduled"


def test_outcomes_dashboard_has_the_week_and_meeting_statuses(tmp_path):
    with Store.open(tmp_path / "sample.sqlite") as store:
        generate_sample(store, seed=7, today=NOW.date())
        dashboard = OutcomesDashboard(store, now=NOW)
    assert dashboard.message.kind == "ok", dashboard.message.text
    pane = dashboard.panes["This week"].value
    counts = dashboard.digest.counts()
    assert f"Losing touch ({counts['losing_touch']})" in pane and "past maximum" in pane
    assert f"Missed meetings to rebook ({counts['missed']})" in pane and "no_show" in pane
    statuses = dashboard.tables["meeting_statuses"].set_index("status")["count"]
    assert statuses["no_show"] == 1 and statuses["moved"] == 1
    assert "Meetings by status" in dashboard.panes["Funnel"].value
    assert date(2026, 3, 31) == dashboard.digest.as_of.date()
