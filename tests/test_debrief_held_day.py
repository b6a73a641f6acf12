""""It happened" in Debrief, for a meeting added without a date, asks on what day (a date
box with the day in words, opening on today, never a day ahead) and saves that day with
the debrief; a meeting with a date is not asked. Driven without a browser, on real SQLite
files."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from infoview import analytics
from infoview.errors import BadInput
from infoview.flows.debrief import Debrief, held_start, save_debrief
from infoview.models import Meeting, Person, UserProfile
from infoview.times import day_words, local_day
from infoview.widgets.debrief import DebriefForm

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def sam(store):
    store.save_profile(UserProfile(name="Lena", timezone="Europe/London"))
    person = store.add(Person(name="Sam Okafor", organization="Kestrel Health"))
    store.undated = store.add(Meeting(person_id=person.id, starts_at=None, status="scheduled"))
    return person


def _today() -> date:
    return local_day(datetime.now(UTC), LONDON)


def test_it_happened_asks_the_day_of_a_meeting_without_one_and_saves_it(store, sam):
    form = DebriefForm(store, meeting_id=store.undated.id)
    assert form.happened.value is True and form.held_row.layout.display == ""
    assert form.held_on.value == _today() and form.held_on.picker.max == _today()
    assert day_words(_today()) in form.held_on.words.value  # the day in words beside it
    form.happened.value = False  # "It did not happen": no day to ask
    assert form.held_row.layout.display == "none"
    form.happened.value = True
    form.held_on.value = _today() - timedelta(days=3)
    form.save()
    assert form.message.kind == "ok", form.message.text
    saved = store.get(Meeting, store.undated.id)
    assert saved.status == "held" and saved.starts_at is not None
    assert saved.starts_at.astimezone(LONDON).date() == _today() - timedelta(days=3)
    assert form.held_row.layout.display == "none"  # dated now: not asked again
    # the keep-in-touch clock runs from that day
    status = analytics.keep_in_touch_status(store.frames()).set_index("name")
    assert status.loc["Sam Okafor", "last_what"] == "meeting held"
    assert status.loc["Sam Okafor", "last_contact"].astimezone(LONDON).date() == \
        _today() - timedelta(days=3)


def test_the_day_left_empty_is_asked_for_and_nothing_is_saved(store, sam):
    form = DebriefForm(store, meeting_id=store.undated.id)
    form.held_on.value = None
    form.save()
    assert form.message.kind == "error" and "on what day the meeting took place" in \
        form.message.text
    assert store.get(Meeting, store.undated.id).status == "scheduled"


def test_a_meeting_with_a_date_is_not_asked(store, sam):
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=2)
    dated = store.add(Meeting(person_id=sam.id, starts_at=start, status="scheduled"))
    form = DebriefForm(store, meeting_id=dated.id)
    assert form.held_row.layout.display == "none"
    form.held_on.value = _today() - timedelta(days=30)  # even if the hidden box was moved
    form.save()
    assert form.message.kind == "ok", form.message.text
    assert store.get(Meeting, dated.id).starts_at == start


def test_a_day_still_ahead_is_refused_and_today_is_never_in_the_future(store, sam):
    now = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
    with pytest.raises(BadInput, match="still ahead"):
        save_debrief(store, Debrief(meeting_id=store.undated.id), now=now,
                     held_on=date(2026, 12, 8))
    assert store.get(Meeting, store.undated.id).status == "scheduled"  # nothing saved
    # held this morning: midday has not come, so the start is the moment of saving
    assert held_start(date(2026, 12, 7), LONDON, now) == now
    assert held_start(date(2026, 12, 1), LONDON, now) == datetime(2026, 12, 1, 12,
                                                                     tzinfo=LONDON)
    meeting = save_debrief(store, Debrief(meeting_id=store.undated.id), now=now,
                           held_on=date(2026, 12, 7))
    assert meeting.starts_at == now and store.get(Meeting, meeting.id).starts_at == now


def test_a_debrief_saved_before_without_a_day_is_asked_but_never_dated_today_unasked(store,
                                                                                     sam):
    store.undated.status = "held"
    store.update(store.undated)
    form = DebriefForm(store, meeting_id=store.undated.id)
    assert form.held_row.layout.display == "" and form.held_on.value is None
    form.notes.value = "She moved to the digital team."
    form.save()  # saved again without a day: still none
    assert form.message.kind == "ok", form.message.text
    assert store.get(Meeting, store.undated.id).starts_at is None
    form.held_on.value = _today() - timedelta(days=40)
    form.save()
    assert store.get(Meeting, store.undated.id).starts_at.astimezone(LONDON).date() == \
        _today() - timedelta(days=40)
