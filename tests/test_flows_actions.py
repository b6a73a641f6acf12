"""Finishing follow-ups (done, undo, snooze, a new due date) and the one list of what is due,
shared by ``infoview actions``, ``followups``, the digest and the report, on real SQLite
files."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from infoview.analytics.digest import weekly_digest
from infoview.analytics.followup import follow_up_health
from infoview.cli import main
from infoview.errors import BadInput, NotFound
from infoview.flows.actions import (
    followup_frames,
    mark_done,
    open_actions,
    set_due,
    snooze,
    sync_confirm_reminder,
)
from infoview.flows.debrief import Debrief, save_debrief
from infoview.models import Action, Meeting, Outreach, Person
from infoview.store import Store

NOW = datetime(2026, 9, 15, 10, 0, tzinfo=UTC)


def _promise(store, what="Send Priya the article", due=NOW - timedelta(days=2), **extra):
    person = store.add(Person(name="Priya Patel", organization="Acme"))
    return store.add(Action(what=what, kind="promise", due=due, person_id=person.id, **extra))


def test_a_done_action_leaves_the_list_and_undo_brings_it_back(store):
    action = _promise(store)
    assert list(open_actions(store, now=NOW)["id"]) == [action.id]
    done = mark_done(store, action.id, at=NOW)
    assert done.done_at == NOW
    assert open_actions(store, now=NOW).empty
    assert mark_done(store, action.id, at=NOW + timedelta(days=1)).done_at == NOW  # kept
    back = mark_done(store, action.id, undo=True)
    assert back.done_at is None
    assert list(open_actions(store, now=NOW)["id"]) == [action.id]


def test_a_snoozed_action_is_hidden_until_its_day_and_then_due_not_long_overdue(store):
    action = _promise(store)
    until = (datetime.now(UTC) + timedelta(days=3)).date()
    snooze(store, action.id, until)
    day_before = datetime.combine(until - timedelta(days=1), datetime.min.time(), UTC)
    assert open_actions(store, now=day_before).empty
    on_the_day = datetime.combine(until, datetime.min.time(), UTC) + timedelta(hours=8)
    row = open_actions(store, now=on_the_day).iloc[0]
    assert row["id"] == action.id and not row["overdue"]
    assert row["due"].date() == until
    # undo wakes it at once
    mark_done(store, action.id, undo=True)
    assert store.get(Action, action.id).snoozed_until is None


def test_snoozing_to_today_or_a_done_action_is_refused_plainly(store):
    action = _promise(store)
    with pytest.raises(BadInput, match="after today") as caught:
        snooze(store, action.id, date.today() - timedelta(days=1))
    assert "--" not in str(caught.value)
    # days as the rest of the kit writes them ("Thu 5 Mar 2020", no leading zero)
    with pytest.raises(BadInput) as caught:
        snooze(store, action.id, date(2020, 3, 5))
    assert str(caught.value).endswith("), not Thu 5 Mar 2020")
    mark_done(store, action.id)
    with pytest.raises(BadInput, match="already done"):
        snooze(store, action.id, date.today() + timedelta(days=5))
    with pytest.raises(NotFound, match="no follow-up 99"):
        mark_done(store, 99)


def test_the_digest_and_the_report_stop_counting_done_and_snoozed_actions(store):
    first = _promise(store)
    second = store.add(Action(what="Tell Priya how it went", kind="tell_referrer",
                              due=NOW - timedelta(days=1), person_id=first.person_id))

    def counts():
        frames = followup_frames(store, now=NOW)
        digest = weekly_digest(frames, now=NOW)
        health = dict(follow_up_health(frames, now=NOW).itertuples(index=False))
        return digest.counts()["due"], health["overdue actions"], health["open actions"]

    assert counts() == (2, 2, 2)
    mark_done(store, first.id, at=NOW)
    snooze(store, second.id, date.today() + timedelta(days=400))
    assert counts() == (0, 0, 0)


def test_a_new_due_date_is_kept_in_the_users_time_zone(store):
    store.save_profile(store.get_profile())
    from infoview.flows.profile import save_profile

    save_profile(store, timezone="Asia/Tokyo")
    action = _promise(store, due=None)
    moved = set_due(store, action.id, date(2026, 9, 20))
    assert moved.due == datetime(2026, 9, 20, 8, 0, tzinfo=UTC)  # 17:00 in Tokyo
    assert set_due(store, action.id, None).due is None


# ---- the 3B7 follow-ups, computed: one source for every face --------------------------------

def _request(store, when=datetime(2026, 8, 28, 9, 0, tzinfo=UTC)):
    priya = store.add(Person(name="Priya Patel", organization="Acme"))
    store.add(Outreach(person_id=priya.id, kind="request", sent_at=when))
    return priya


def test_3b7_follow_ups_are_due_without_being_saved_first(store):
    _request(store)
    table = open_actions(store, now=NOW)
    assert list(table["kind"]) == ["next_contact", "follow_up"]
    assert table["id"].isna().all() and not table["stored"].any()
    assert all(key.startswith("s") for key in table["key"])
    # the same list as the digest's, with nobody running 'followups --save'
    digest = weekly_digest(followup_frames(store, now=NOW), now=NOW)
    assert sorted(digest.due["what"]) == sorted(table["what"])
    assert store.list(Action) == []  # reading wrote nothing


def test_a_computed_follow_up_is_stored_when_marked_done_and_then_leaves(store):
    _request(store)
    key = open_actions(store, now=NOW)["key"].iloc[1]
    done = mark_done(store, key, at=NOW)
    assert done.id is not None and done.kind == "follow_up" and done.done_at == NOW
    assert list(open_actions(store, now=NOW)["kind"]) == ["next_contact"]


def test_after_the_request_a_held_meeting_and_a_debrief_no_no_reply_follow_up_is_left(store):
    priya = _request(store)
    # someone had saved the suggestions earlier (followups --save)
    for row in open_actions(store, now=NOW).itertuples():
        store.add(Action(what=row.what, kind=str(row.kind), due=row.due.to_pydatetime(),
                         person_id=int(row.person_id)))
    assert len(open_actions(store, now=NOW)) == 2
    meeting = store.add(Meeting(person_id=priya.id, starts_at=NOW - timedelta(days=2),
                                status="scheduled"))
    save_debrief(store, Debrief(meeting_id=meeting.id, rapport=4), now=NOW)
    left = open_actions(store, now=NOW)
    assert not any("no reply" in what.lower() for what in left["what"])
    assert list(left["kind"]) == ["thank_you"]
    # nothing was ticked off on the user's behalf: the stale ones are simply not due
    assert all(a.done_at is None for a in store.list(Action) if a.kind != "thank_you")


def test_actions_cli_lists_marks_done_undoes_and_snoozes(tmp_path, capsys):
    db = tmp_path / "cli.sqlite"
    with Store.open(db) as store:
        action = _promise(store)
    assert main(["--db", str(db), "actions", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [row["id"] for row in listed] == [action.id]
    assert main(["--db", str(db), "actions"]) == 0  # its due day as every page writes it
    assert "Sun 13 Sep 2026" in capsys.readouterr().out
    assert main(["--db", str(db), "actions", "done", str(action.id)]) == 0
    assert "Done: Send Priya the article" in capsys.readouterr().out
    assert main(["--db", str(db), "actions"]) == 0
    assert "no follow-ups to do" in capsys.readouterr().out
    assert main(["--db", str(db), "actions", "done", str(action.id), "--undo"]) == 0
    capsys.readouterr()
    day = (date.today().replace(day=1) + timedelta(days=40)).replace(day=5)  # ahead, one digit
    until = day.isoformat()
    assert main(["--db", str(db), "actions", "snooze", str(action.id), "--until", until]) == 0
    # a day as the app writes it: "Mon 5 Jan 2027", not "Mon 05 Jan 2027"
    assert f"Snoozed until {day:%a} 5 {day:%b %Y}" in capsys.readouterr().out
    assert main(["--db", str(db), "actions", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--db", str(db), "actions", "snooze", str(action.id), "--until", "soon"]) == 2
    assert "--until 'soon' is not a date" in capsys.readouterr().err


# ---- the reminder to confirm ------------------------------------------------------------------

def test_a_booked_meeting_gets_a_reminder_to_confirm_the_day_before_that_follows_it(store):
    person = store.add(Person(name="Sam Okafor"))
    start = datetime.now(UTC) + timedelta(days=5)
    meeting = store.add(Meeting(person_id=person.id, starts_at=start, status="scheduled"))
    reminder = sync_confirm_reminder(store, meeting)
    assert reminder.kind == "confirm" and reminder.due == start - timedelta(days=1)
    assert "Sam Okafor" in reminder.what
    meeting.starts_at = start + timedelta(days=2)
    store.update(meeting)
    assert sync_confirm_reminder(store, meeting).due == start + timedelta(days=1)
    assert len(store.list(Action, kind="confirm")) == 1
    meeting.status = "cancelled"
    assert sync_confirm_reminder(store, meeting) is None
    assert store.list(Action, kind="confirm") == []


def test_a_request_gone_cold_stops_calling_for_3b7_but_a_saved_follow_up_stays(store):
    _request(store)  # sent 28 August; the follow-up fell due on 8 September
    assert len(open_actions(store, now=NOW)) == 2
    months_later = NOW + timedelta(days=60)
    assert open_actions(store, now=months_later).empty
    # one the user chose to keep stays on the list until it is done
    key = open_actions(store, now=NOW)["key"].iloc[1]
    snooze(store, key, date.today() + timedelta(days=1))
    mark_done(store, store.list(Action)[0].id, undo=True)
    assert list(open_actions(store, now=months_later)["kind"]) == ["follow_up"]


def test_a_reminder_to_confirm_lapses_once_the_meeting_has_begun(store):
    """Confirming is for the day before: once the meeting's start has passed (held but not
    debriefed yet, or simply past), "Confirm ... (the day before)" is no longer due, in any
    face, instead of staying overdue for ever."""
    person = store.add(Person(name="Sam Okafor"))
    start = datetime.now(UTC) + timedelta(days=3)
    meeting = store.add(Meeting(person_id=person.id, starts_at=start, status="scheduled"))
    sync_confirm_reminder(store, meeting)
    before = start - timedelta(hours=2)
    assert list(open_actions(store, now=before)["kind"]) == ["confirm"]
    after = start + timedelta(days=7)
    assert open_actions(store, now=after).empty
    frames = followup_frames(store, now=after)
    assert weekly_digest(frames, now=after).counts()["due"] == 0
    health = dict(follow_up_health(frames, now=after).itertuples(index=False))
    assert (health["overdue actions"], health["open actions"]) == (0, 0)


def test_contacting_a_suggested_person_settles_the_action_to_contact_them(store, tmp_path):
    """Once the user writes to (or books a meeting with) someone a host suggested, the
    digest stops listing them as a lead not yet contacted; "Contact Ngozi ..." must leave
    the list of what is due at the same moment, not stay overdue beside it."""
    sam = store.add(Person(name="Sam Okafor"))
    meeting = store.add(Meeting(person_id=sam.id, starts_at=NOW - timedelta(days=3),
                                status="scheduled"))
    from infoview.flows.debrief import SuggestedPerson

    save_debrief(store, Debrief(meeting_id=meeting.id, people=[
        SuggestedPerson(name="Ngozi Adeyemi", may_mention="yes", contact_by="user"),
        SuggestedPerson(name="Jo Park", contact_by="host")]), now=NOW)
    later = NOW + timedelta(days=10)

    def due_kinds():
        return sorted(open_actions(store, now=later)["kind"])

    assert due_kinds().count("contact_referral") == 2
    ngozi = store.list(Person, name="Ngozi Adeyemi")[0]
    store.add(Outreach(person_id=ngozi.id, kind="request", channel="email",
                       sent_at=NOW + timedelta(days=1)))
    jo = store.list(Person, name="Jo Park")[0]
    store.add(Meeting(person_id=jo.id, starts_at=NOW + timedelta(days=20), status="scheduled"))
    assert "contact_referral" not in due_kinds()
    frames = followup_frames(store, now=later)
    digest = weekly_digest(frames, now=later)
    assert digest.counts()["leads"] == 0
    assert not any("Contact Ngozi" in str(w) for w in open_actions(store, now=later)["what"])
