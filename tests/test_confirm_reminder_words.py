"""The reminder to confirm a meeting names the meeting's day: with two meetings booked with
Sam, Home showed two lines alike ("Confirm the day, time, place and length with Sam Okafor
(the day before)"), and nothing told which meeting each was about."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from infoview.flows.actions import sync_confirm_reminder
from infoview.models import Action, Meeting, Person, UserProfile


def test_two_meetings_with_one_person_give_two_reminders_told_apart_by_day(store):
    store.save_profile(UserProfile(name="Lena", timezone="Europe/Berlin"))
    sam = store.add(Person(name="Sam Okafor"))
    now = datetime(2026, 12, 7, 12, tzinfo=UTC)
    for days in (1, 3):
        meeting = store.add(Meeting(person_id=sam.id, status="scheduled",
                                    starts_at=now + timedelta(days=days)))
        sync_confirm_reminder(store, meeting, now=now)
    said = sorted(a.what for a in store.list(Action))
    assert said == ["Confirm the day, time, place and length of the Thu 10 Dec meeting with "
                    "Sam Okafor",
                    "Confirm the day, time, place and length of the Tue 8 Dec meeting with "
                    "Sam Okafor"]


def test_the_day_is_the_users_own(store):
    # 23:30 UTC on Monday is Tuesday morning in Tokyo
    store.save_profile(UserProfile(name="Lena", timezone="Asia/Tokyo"))
    sam = store.add(Person(name="Sam Okafor"))
    meeting = store.add(Meeting(person_id=sam.id, status="scheduled",
                                starts_at=datetime(2026, 12, 14, 23, 30, tzinfo=UTC)))
    reminder = sync_confirm_reminder(store, meeting, now=datetime(2026, 12, 7, tzinfo=UTC))
    assert reminder is not None and "the Tue 15 Dec meeting" in reminder.what
