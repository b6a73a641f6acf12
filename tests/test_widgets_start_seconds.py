"""A meeting whose start was stored with seconds (a debrief saved "now", a calendar import)
opens with its time in the time box, in Prepare and in the People meeting form.

A browser's time box counts in whole minutes and shows nothing at all for 14:03:27, so the
forms are given 14:03; saving the form unchanged is still the start as stored (no "already
past" question). On real SQLite files.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from infoview.flows.debrief import held_start
from infoview.models import Meeting, Person, UserProfile
from infoview.settings import Settings
from infoview.widgets.app import App
from infoview.widgets.session import NotebookSession

#: A past meeting saved with seconds in its start: 14:03:27 in London (GMT in November).
START = datetime(2026, 11, 20, 14, 3, 27, tzinfo=UTC)


def _app(tmp_path, store) -> tuple[App, Meeting]:
    store.save_profile(UserProfile(name="Maya Lindqvist", timezone="Europe/London"))
    sam = store.add(Person(name="Sam Okafor"))
    meeting = store.add(Meeting(person_id=sam.id, status="held", starts_at=START,
                                timezone="Europe/London"))
    app = App(NotebookSession(store=store, db_path=store.path, out_dir=tmp_path / "out",
                              settings=Settings(cache_path=tmp_path / "c.sqlite"), demo=False),
              background=False)
    return app, meeting


def test_the_people_meeting_form_shows_a_time_stored_with_seconds(tmp_path, store):
    app, meeting = _app(tmp_path, store)
    people = app.page("people")
    people.open_meeting_form(meeting.id)
    assert people.meeting_date.value == date(2026, 11, 20)
    assert people.meeting_time.value == time(14, 3)
    people.meeting_form["planned_minutes"].value = 30
    people.save_meeting_button.click()  # once: it is the start as stored, not a new past one
    assert "already past" not in people.meeting_form.message.text
    saved = store.get(Meeting, meeting.id)
    assert saved.planned_minutes == 30 and saved.starts_at == START.replace(second=0)


def test_prepare_shows_a_time_stored_with_seconds(tmp_path, store):
    app, meeting = _app(tmp_path, store)
    app.choose(meeting_id=meeting.id)
    prepare = app.page("prepare")
    assert prepare.meeting.value == meeting.id
    assert prepare.date.value == date(2026, 11, 20)
    assert prepare.time.value == time(14, 3)
    prepare.save_button.click()
    assert "already past" not in prepare.message.text, prepare.message.text
    assert prepare.message.kind == "ok", prepare.message.text


def test_a_debrief_saved_this_morning_starts_on_a_whole_minute():
    now = datetime(2026, 12, 7, 9, 30, 27, 512, tzinfo=UTC)
    assert held_start(date(2026, 12, 7), ZoneInfo("Europe/London"), now) == datetime(2026, 12, 7, 9, 30,
                                                                    tzinfo=UTC)
