"""Relationship memory: every interaction resets the keep-in-touch clock; two levels of
losing touch; the weekly digest. On the small history of ``_analytics_history`` (real
SQLite files), with the expected figures worked by hand beside each assertion."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from _analytics_history import NOW, open_store, small_history, utc

from infoview import analytics
from infoview.analytics.digest import weekly_digest
from infoview.models import Action, Meeting, Outreach, Person
from infoview.prep.followup import keep_in_touch


@pytest.fixture()
def history(tmp_path):
    store = open_store(tmp_path)
    ids = small_history(store)
    yield store, ids
    store.close()


def _status(store, now=NOW):
    return analytics.keep_in_touch_status(store.frames(), now=now).set_index("name")


def test_every_kind_of_interaction_is_a_touch_and_future_ones_are_not(history):
    store, ids = history
    table = analytics.touches(store.frames(), now=NOW)
    ana = table.loc[table["person_id"] == ids["ana"]]
    # Ana: request 03-01 09:00, her reply 03-02 09:00, the meeting 03-03 10:00, thanks 03-04
    assert list(ana["what"]) == ["message sent", "meeting held", "reply received", "message sent"]
    assert list(ana["at"]) == [utc(4, 8, 30), utc(3, 10), utc(2, 9), utc(1, 9)]
    # "Call Cal" was done 03-09 13:00; Eve's meeting of 03-12 is still to come (and not held)
    cal = table.loc[table["person_id"] == ids["cal"]]
    assert (cal.iloc[0]["what"], cal.iloc[0]["at"]) == ("action done", utc(9, 13))
    assert not (table["at"] > NOW).any()


def test_a_reply_resets_the_clock(history):
    store, ids = history
    # Ana's interval is 5 days; her last touch is the thank-you of 03-04 08:30: 6.1 days
    before = _status(store).loc["Ana Ruiz"]
    assert (before["level"], before["days_since"]) == ("due", 6.1)
    store.add(
        Outreach(
            person_id=ids["ana"],
            channel="email",
            kind="keep_in_touch",
            sent_at=utc(1, 12, month=2),
            replied_at=utc(7, 12),
        )
    )
    after = _status(store).loc["Ana Ruiz"]
    # the message is old; her reply of 03-07 12:00 is 3.0 days before NOW
    assert (after["level"], after["days_since"], after["last_what"]) == (
        "ok",
        3.0,
        "reply received",
    )


def test_an_action_done_for_the_person_resets_the_clock_but_a_hosts_does_not(history):
    store, ids = history
    # a host's promise done counts for nothing: it is their move, not a contact of the user's
    store.add(
        Action(
            what="Ben sent the job link",
            kind="promise",
            owner="host",
            done_at=utc(9, 9),
            person_id=ids["ben"],
        )
    )
    assert _status(store).loc["Ben Okoro", "last_contact"] == datetime(
        2026, 3, 8, 15, 20, tzinfo=UTC
    )
    # the user's promise to Ana, tied to her meeting only (no person), done 03-08 18:00
    promise = store.list(Action, kind="promise", owner="user")[0]
    promise.person_id, promise.done_at = None, utc(8, 18)
    store.update(promise)
    ana = _status(store).loc["Ana Ruiz"]
    assert (ana["last_what"], ana["days_since"], ana["level"]) == ("action done", 1.8, "ok")


def test_two_levels_past_the_ideal_then_past_the_maximum(history):
    store, ids = history
    # Ben: 60 days ideal, 90 maximum, last touched 03-08 15:20 (his thank-you)
    later = {61: "due", 90: "due", 91: "overdue"}
    for days, level in later.items():
        now = datetime(2026, 3, 8, 15, 20, tzinfo=UTC) + timedelta(days=days)
        row = _status(store, now).loc["Ben Okoro"]
        assert row["level"] == level, days
    late = analytics.losing_touch(store.frames(), now=datetime(2026, 6, 8, tzinfo=UTC))
    # on 06-08 both are late; Ana (5/30 days, silent since 03-04) is past her maximum too.
    # Eve, not met yet but who answered on 03-06, is a relationship under the one rule
    # (met or replied, as the follow-up suggestions always had it): 94 days, past 90.
    assert list(late["name"]) == ["Ana Ruiz", "Eve Lund", "Ben Okoro"]
    assert list(late["level"]) == ["overdue", "overdue", "overdue"]
    assert late.iloc[0]["latest_by"] == utc(4, 8, 30) + timedelta(days=30)


def test_stale_contacts_keep_their_columns_and_follow_the_same_clock(history):
    store, ids = history
    frames = store.frames()
    stale = analytics.stale_contacts(frames, now=NOW)
    assert list(stale.columns) == [
        "person_id",
        "name",
        "organization",
        "last_contact",
        "days_since",
        "keep_in_touch_days",
        "past_max",
    ]
    assert list(stale["name"]) == ["Ana Ruiz"] and not stale.iloc[0]["past_max"]
    # everyone fine: empty, with the sentence the dashboard shows
    quiet = analytics.stale_contacts(frames, now=utc(5))
    assert quiet.empty and "contacted recently" in analytics.message(quiet)


def test_missed_and_moved_meetings_are_no_contact(history):
    store, ids = history
    dee = store.get(Person, ids["dee"])
    store.add(Meeting(person_id=dee.id, starts_at=utc(8, 10), status="no_show"))
    store.add(Meeting(person_id=dee.id, starts_at=utc(9, 10), status="moved"))
    assert "Dee Park" not in set(analytics.keep_in_touch_status(store.frames(), now=NOW)["name"])
    # the record-based rule of the follow-up suggestions agrees
    statuses = keep_in_touch(
        store.list(Person), store.list(Outreach), store.list(Meeting), today=NOW.date()
    )
    assert ids["dee"] not in {s.person_id for s in statuses}


def test_nobody_met_gives_an_empty_list_that_says_why(tmp_path):
    with open_store(tmp_path, "empty.sqlite") as store:
        store.add(Person(name="Solo"))
        table = analytics.losing_touch(store.frames(), now=NOW)
    assert table.empty and "no meetings held" in analytics.message(table)


def test_weekly_digest_of_the_small_history(history):
    store, ids = history
    store.add(Meeting(person_id=ids["cal"], starts_at=utc(9, 11), status="no_show"))
    digest = weekly_digest(store.frames(), now=NOW)
    counts = digest.counts()
    # open actions: Ana's promise (overdue since 03-05), the thank-you to Ben (overdue since
    # 03-07) and Ben's promise due 03-15 (within the week); "Call Cal" is done
    assert (counts["due"], counts["overdue"]) == (3, 2)
    assert list(digest.meetings["name"]) == ["Eve Lund"]  # 03-12, two days ahead
    assert list(digest.losing_touch["name"]) == ["Ana Ruiz"]
    assert list(digest.leads["name"]) == ["Gus Hale"]
    assert list(digest.missed["name"]) == ["Cal Moss"]
    data = digest.to_dict()
    assert data["counts"] == counts and data["leads"][0]["referrer"] == "Ben Okoro"
    assert data["as_of"].startswith("2026-03-10T12:00")
    # a week on, Eve's meeting is past and Ben's promise is overdue too
    later = weekly_digest(store.frames(), now=NOW + timedelta(days=7)).counts()
    assert (later["meetings"], later["overdue"]) == (0, 3)


def test_missed_meetings_leave_the_digest_once_booked_again_or_a_month_old(history):
    store, ids = history
    missed = store.add(Meeting(person_id=ids["cal"], starts_at=utc(9, 11), status="no_show"))
    assert len(weekly_digest(store.frames(), now=NOW).missed) == 1
    assert weekly_digest(store.frames(), now=NOW + timedelta(days=31)).missed.empty
    store.add(
        Meeting(
            person_id=ids["cal"],
            starts_at=utc(16, 11),
            status="scheduled",
            rescheduled_from=missed.id,
        )
    )
    assert weekly_digest(store.frames(), now=NOW).missed.empty


def test_digest_of_an_empty_store_says_nothing_is_due(tmp_path):
    with open_store(tmp_path, "empty.sqlite") as store:
        digest = weekly_digest(store.frames(), now=NOW)
    assert all(v == 0 for v in digest.counts().values())
    assert all(analytics.message(frame) for frame in digest.sections().values())


def test_followups_digest_and_analytics_follow_one_keep_in_touch_rule(history):
    from infoview.flows.followups import suggest_followups

    store, ids = history
    # the user's promise to Ana done 03-08: an action done resets her clock in every face
    promise = store.list(Action, kind="promise", owner="user")[0]
    promise.done_at = utc(8, 18)
    store.update(promise)
    days = [datetime(2026, 3, 10, tzinfo=UTC), datetime(2026, 5, 6, tzinfo=UTC),
            datetime(2026, 6, 8, tzinfo=UTC)]
    seen = []
    for day in days:
        end = day.replace(hour=23, minute=59, second=59)
        late = set(analytics.losing_touch(store.frames(), now=end)["person_id"])
        digest = set(weekly_digest(store.frames(), now=end).losing_touch["person_id"])
        suggested = {a.person_id for a in suggest_followups(store, today=day.date())
                     if a.kind == "keep_in_touch"}
        assert late == digest == suggested, day
        seen.append(suggested)
    # 03-10: Ana (5 days) was touched 2 days ago, nobody is late. 05-06: Ana is past her 30
    # days; Eve, not met but who replied on 03-06, is 61 days on (due); Ben, thanked on
    # 03-08, is at 59 of his 60. 06-08: all three.
    assert seen == [set(), {ids["ana"], ids["eve"]}, {ids["ana"], ids["eve"], ids["ben"]}]
