"""Follow-up health on the small history, with "now" fixed at 2026-03-10 12:00 UTC."""

from __future__ import annotations

import pytest
from _analytics_history import NOW, open_store, small_history

from infoview import analytics


@pytest.fixture()
def history(tmp_path):
    store = open_store(tmp_path)
    ids = small_history(store)
    yield store.frames(), ids
    store.close()


def test_thank_yous_are_timed_from_the_meetings_end(history):
    frames, ids = history
    table = analytics.thank_you_timeliness(frames, now=NOW).set_index("meeting_id")
    # Ana: ended 03-03 10:30, thanked 03-04 08:30 -> 22 hours
    assert table.loc[ids["m1"], "hours_after"] == pytest.approx(22.0)
    assert table.loc[ids["m1"], "within_24h"]
    # Ben: ended 03-06 15:20, thanked 03-09 01:20+10:00 = 03-08 15:20 UTC -> 48 hours
    assert table.loc[ids["m2"], "hours_after"] == pytest.approx(48.0)
    assert not table.loc[ids["m2"], "within_24h"]
    assert len(table) == 2  # Eve's meeting is only scheduled


def test_overdue_actions_are_open_and_past_due(history):
    frames, _ = history
    table = analytics.overdue_actions(frames, now=NOW)
    # the article promise (due 03-05 12:00: 5.0 days) and the unticked thank-you
    # (due 03-07 15:20: 2 days 20 h 40 min = 2.9 days); the host's promise is due 03-15
    assert list(table["what"]) == ["Send Ana the article", "Thank Ben"]
    assert list(table["days_overdue"]) == [5.0, 2.9]
    assert table.iloc[1]["name"] == "Ben Okoro"  # found through the meeting


def test_due_actions_lists_open_ones_soonest_first_and_filters_by_days(history):
    frames, _ = history
    everything = analytics.due_actions(frames, now=NOW)
    assert list(everything["what"]) == ["Send Ana the article", "Thank Ben", "Ben sends the job link"]
    assert list(everything["overdue"]) == [True, True, False]
    assert len(analytics.due_actions(frames, now=NOW, days=3)) == 2  # 03-15 is 5 days away
    assert len(analytics.due_actions(frames, now=NOW, days=7)) == 3


def test_open_promises_cover_both_sides(history):
    frames, _ = history
    table = analytics.open_promises(frames, now=NOW)
    assert sorted(table["owner"]) == ["host", "user"]


def test_uncontacted_leads_are_suggested_people_never_written_to(history):
    frames, _ = history
    table = analytics.uncontacted_leads(frames)
    # Eve (suggested by Ana) was written to; Gus (suggested by Ben) was not
    assert list(table["name"]) == ["Gus Hale"]
    assert table.iloc[0]["referrer"] == "Ben Okoro"
    assert table.iloc[0]["may_mention"] == "yes"


def test_stale_contacts_use_each_persons_interval(history):
    frames, _ = history
    table = analytics.stale_contacts(frames, now=NOW)
    # Ana's interval is 5 days and her last contact was the thank-you of 03-04 08:30:
    # 6.1 days ago. Ben (60 days, thanked 1.9 days ago) is fine.
    assert list(table["name"]) == ["Ana Ruiz"]
    assert table.iloc[0]["days_since"] == 6.1
    assert not table.iloc[0]["past_max"]


def test_follow_up_health_summarises_every_check(history):
    frames, _ = history
    summary = dict(zip(*analytics.follow_up_health(frames, now=NOW).T.values, strict=True))
    assert summary == {
        "meetings held": 2, "thank-yous within 24 h": 1, "share of thank-yous on time": 0.5,
        "open actions": 3, "overdue actions": 2, "promises not yet kept": 2,
        "leads not yet contacted": 1, "people losing touch": 1,
    }


def test_ties_keep_the_order_things_were_saved_in(tmp_path):
    """Forty meetings at one moment, forty missed at another, forty people suggested at a
    third: each list keeps the order they were saved in (a sort that is not stable mixes
    ties past sixteen rows, and the digest would change from one run to the next)."""
    from datetime import timedelta

    from _analytics_history import utc

    from infoview.analytics.digest import meetings_within, missed_to_rebook
    from infoview.models import Meeting, Person, Referral

    store = open_store(tmp_path)
    add = store.add
    people = [add(Person(name=f"Person {i:02d}")) for i in range(40)]
    coming = [add(Meeting(person_id=p.id, starts_at=NOW + timedelta(days=2), status="scheduled")).id
              for p in reversed(people)]
    missed = [add(Meeting(person_id=p.id, starts_at=NOW - timedelta(days=2), status="no_show")).id
              for p in people[::3] + people[1::3] + people[2::3]]
    host = add(Person(name="Host"))
    leads = [add(Person(name=f"Lead {i:02d}")) for i in range(40)]
    suggested = [p.id for p in leads[::2] + leads[1::2]]
    for person_id in suggested:
        add(Referral(from_person_id=host.id, to_person_id=person_id, created_at=utc(1)))
    frames = store.frames()
    assert meetings_within(frames, now=NOW)["meeting_id"].tolist() == coming
    assert missed_to_rebook(frames, now=NOW)["meeting_id"].tolist() == missed
    assert analytics.uncontacted_leads(frames)["person_id"].tolist() == suggested


@pytest.mark.parametrize(("days", "words"), [(1, "the next 1 day."), (7, "the next 7 days."),
                                             (1.5, "the next 1.5 days.")])
def test_an_empty_window_of_days_is_counted_in_words(tmp_path, days, words):
    # "nothing due in the next 1 days" for a one-day window on a store with nothing open
    from infoview.store import Store

    store = Store.open(tmp_path / "empty.sqlite")
    said = analytics.message(analytics.due_actions(store.frames(), now=NOW, days=days))
    assert said.endswith("nothing due in " + words), said
