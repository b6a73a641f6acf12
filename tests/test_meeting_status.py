"""Missed and moved meetings: marked in the store (real SQLite files), booked again, counted."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from _analytics_history import NOW, small_history, utc

from infoview import analytics
from infoview.errors import BadInput, NotFound
from infoview.flows.meeting_status import mark_meeting, missed_meetings, parse_status
from infoview.flows.meetings import next_meeting
from infoview.models import Meeting, Person, QuestionAsked
from infoview.store import Store
from infoview.store.exchange import export_folder, import_folder


@pytest.fixture()
def store(store):
    store.ids = small_history(store)
    return store


def _eve_meeting(store) -> Meeting:
    return store.list(Meeting, person_id=store.ids["eve"])[0]


def test_moving_keeps_the_old_time_and_books_the_new_one_with_its_questions(store, tmp_path):
    old = _eve_meeting(store)
    old.timezone, old.format, old.place = "Europe/London", "in_person", "Café Nero, Broad St"
    store.update(old)
    store.add_many(
        [QuestionAsked(meeting_id=old.id, text=f"Question {i}?", position=i) for i in (1, 2)]
    )
    change = mark_meeting(store, old.id, "moved", to="2026-03-19T14:30", note="Her flight moved")
    # reread from the file: the old meeting keeps its time, the new one is in the old zone
    again = Store.open(store.path)
    moved = again.get(Meeting, old.id)
    assert (moved.status, moved.starts_at) == ("moved", utc(12, 10))
    assert moved.notes == "Her flight moved"
    new = again.get(Meeting, change.new_meeting.id)
    assert new.starts_at == datetime(2026, 3, 19, 14, 30, tzinfo=UTC)  # GMT in March
    assert (new.status, new.rescheduled_from, new.place, new.format) == (
        "scheduled",
        old.id,
        "Café Nero, Broad St",
        "in_person",
    )
    assert [q.text for q in again.list(QuestionAsked, meeting_id=new.id)] == [
        "Question 1?",
        "Question 2?",
    ]
    assert again.list(QuestionAsked, meeting_id=old.id) == []
    assert change.moved_questions == 2
    again.close()


def test_a_new_time_with_an_offset_or_in_another_zone(store):
    m = _eve_meeting(store)
    change = mark_meeting(
        store, m.id, "moved", to="2026-03-20T09:00", timezone_name="Asia/Singapore"
    )
    assert change.new_meeting.starts_at == datetime(2026, 3, 20, 1, 0, tzinfo=UTC)
    assert change.new_meeting.timezone == "Asia/Singapore"
    again = mark_meeting(store, change.new_meeting.id, "moved", to="2026-03-21T09:00+02:00")
    assert again.new_meeting.starts_at == datetime(2026, 3, 21, 7, 0, tzinfo=UTC)


def test_no_show_and_cancelled_can_be_booked_again_or_not(store):
    m = _eve_meeting(store)
    change = mark_meeting(store, m.id, "No-show", now=utc(12, 11))
    assert change.new_meeting is None and store.get(Meeting, m.id).status == "no_show"
    assert [pair[0].id for pair in missed_meetings(store)] == [m.id]
    # booking it again later: same status, a new meeting at the new time
    rebooked = mark_meeting(store, m.id, "no_show", to="2026-03-26T10:00+00:00", now=utc(13))
    assert rebooked.new_meeting.rescheduled_from == m.id
    assert missed_meetings(store) == [] and len(missed_meetings(store, rebooked=True)) == 1


@pytest.mark.parametrize(
    "status, to, words",
    [
        ("moved", None, "needs the new time"),
        ("postponed", None, "use no-show, cancelled or moved"),
        ("moved", "next tuesday", "not a date and time"),
        ("moved", "2026-03-12T10:00+00:00", "already has"),
        ("no-show", None, "has not started yet"),
    ],
)
def test_mistakes_are_refused_and_nothing_changes(store, status, to, words):
    m = _eve_meeting(store)
    with pytest.raises(BadInput, match=words):
        mark_meeting(store, m.id, status, to=to, now=NOW)
    assert store.get(Meeting, m.id).status == "scheduled" and len(store.list(Meeting)) == 3


def test_a_time_without_zone_needs_one(store):
    m = _eve_meeting(store)  # stored without a time zone
    with pytest.raises(BadInput, match="no time zone"):
        mark_meeting(store, m.id, "moved", to="2026-03-19T14:30")
    with pytest.raises(BadInput, match="unknown time zone"):
        mark_meeting(store, m.id, "moved", to="2026-03-19T14:30", timezone_name="Mars/Olympus")


def test_held_meetings_and_meetings_marked_otherwise_are_left_alone(store):
    held = store.get(Meeting, store.ids["m1"])
    with pytest.raises(BadInput, match="held"):
        mark_meeting(store, held.id, "cancelled")
    m = _eve_meeting(store)
    mark_meeting(store, m.id, "cancelled")
    with pytest.raises(BadInput, match="already marked cancelled"):
        mark_meeting(store, m.id, "moved", to="2026-03-19T14:30+00:00")
    change = mark_meeting(store, m.id, "cancelled", to="2026-03-19T14:30+00:00")
    assert change.new_meeting is not None  # the message names it by its time, not its id
    with pytest.raises(BadInput, match=r"booked again \(the meeting on Thu 19 Mar 2026, 14:30\)"):
        mark_meeting(store, m.id, "cancelled", to="2026-03-20T14:30+00:00")
    with pytest.raises(NotFound):
        mark_meeting(store, 999, "cancelled")


def test_status_words_are_forgiving():
    assert [parse_status(t) for t in ("no-show", "No show", "NO_SHOW", "canceled", "moved")] == [
        "no_show",
        "no_show",
        "no_show",
        "cancelled",
        "moved",
    ]


def test_meeting_statuses_count_missed_moved_and_rebooked(store):
    m = _eve_meeting(store)
    change = mark_meeting(store, m.id, "moved", to="2026-03-19T14:30+00:00")
    store.add(Meeting(person_id=store.ids["cal"], starts_at=utc(9, 9), status="no_show"))
    store.add(
        Meeting(person_id=store.ids["dee"], starts_at=utc(20, 9, month=2), status="cancelled")
    )
    table = analytics.meeting_statuses(store.frames()).set_index("status")
    assert table["count"].to_dict() == {
        "requested": 0,
        "scheduled": 1,
        "held": 2,
        "no_show": 1,
        "cancelled": 1,
        "moved": 1,
    }
    assert table.loc["moved", "rebooked"] == 1 and table.loc["no_show", "rebooked"] == 0
    assert table.loc["held", "share"] == pytest.approx(2 / 6)
    # only the meetings of March: the February cancellation drops out
    march = analytics.meeting_statuses(store.frames(), since="2026-03-01").set_index("status")
    assert march.loc["cancelled", "count"] == 0 and march["count"].sum() == 5
    assert store.get(Meeting, change.new_meeting.id).status == "scheduled"
    # the people funnel is unchanged: Eve replied and is not met yet
    funnel = analytics.funnel(store.frames()).set_index("stage")["count"]
    assert funnel["met"] == 2


def test_next_meeting_skips_missed_and_moved_ones(store):
    m = _eve_meeting(store)
    assert next_meeting(store, now=NOW) == m.id
    change = mark_meeting(store, m.id, "moved", to="2026-03-19T14:30+00:00")
    assert next_meeting(store, now=NOW) == change.new_meeting.id
    later = store.add(Meeting(person_id=store.ids["cal"], starts_at=utc(25, 9), status="scheduled"))
    # half an hour after it should have started, the host has not come: the no-show is
    # no longer the meeting to hold next (an hour's grace applies to meetings still open)
    assert next_meeting(store, now=utc(19, 15)) == change.new_meeting.id
    mark_meeting(store, change.new_meeting.id, "no-show", now=utc(19, 15))
    assert next_meeting(store, now=utc(19, 15)) == later.id


def test_a_store_from_before_the_change_gains_the_column(tmp_path):
    from infoview.store.migrations import MIGRATIONS

    # the step that adds the column (later steps are appended after it)
    step = next(i for i, script in enumerate(MIGRATIONS) if "rescheduled_from" in script)
    path = tmp_path / "older.sqlite"
    conn = sqlite3.connect(path)
    for script in MIGRATIONS[:step]:
        conn.executescript(script)
    conn.execute(f"PRAGMA user_version = {step}")
    conn.execute("INSERT INTO people (name) VALUES ('Ada Ode')")
    conn.execute("INSERT INTO meetings (person_id, status) VALUES (1, 'scheduled')")
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.get(Meeting, 1).rescheduled_from is None
        assert store.get(Person, 1).name == "Ada Ode"
        change = mark_meeting(
            store, 1, "cancelled", to=datetime.now(UTC) + timedelta(days=3)
        )
        assert store.get(Meeting, change.new_meeting.id).rescheduled_from == 1


def test_export_and_import_keep_the_link_to_the_meeting_replaced(store, tmp_path):
    # the meeting booked again may name one with a higher id (as in the sample history)
    first = store.add(Meeting(person_id=store.ids["cal"], starts_at=utc(20, 9), status="scheduled"))
    later = store.add(Meeting(person_id=store.ids["cal"], starts_at=utc(18, 9), status="moved"))
    first.rescheduled_from = later.id
    store.update(first)
    export_folder(store, tmp_path / "export")
    with Store.open(tmp_path / "copy.sqlite") as copy:
        import_folder(copy, tmp_path / "export")
        assert copy.get(Meeting, first.id).rescheduled_from == later.id
        # deleting the old meeting clears the reference instead of failing
        copy.delete(Meeting, later.id)
        assert copy.get(Meeting, first.id).rescheduled_from is None
