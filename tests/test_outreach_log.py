"""Recording outreach and replies: the library, the `infoview outreach` commands, and what
the funnel, the answer rates and the follow-up rules make of the records."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from infoview import analytics
from infoview.cli import main
from infoview.errors import BadInput, NotFound
from infoview.flows.outreach_log import (
    awaiting_reply,
    business_days_between,
    mark_replied,
    record_outreach,
)
from infoview.models import Outreach, Person
from infoview.prep.followup import keep_in_touch, three_b_seven
from infoview.store.erase import delete_person

UTC = UTC
# 2026-11-16 is a Monday.
MON = datetime(2026, 11, 16, 9, 30, tzinfo=UTC)


@pytest.fixture
def store(store):
    store.add(Person(name="Samira Okafor", organization="Kestrel Health Labs", how_known="alumni"))
    store.add(Person(name="Tomas Reyes", organization="Kestrel Health Labs"))
    return store


# ---- the library ----------------------------------------------------------------------------

def test_record_outreach_stores_the_message_with_its_text(store):
    row = record_outreach(store, 1, channel="LinkedIn", sent_at=MON, subject=" Hello ", body="Hi.\n")
    kept = store.get(Outreach, row.id)
    assert (kept.person_id, kept.kind, kept.channel) == (1, "request", "linkedin")
    assert kept.sent_at == MON and kept.replied_at is None
    assert (kept.subject, kept.body) == ("Hello", "Hi.")


def test_send_time_defaults_to_now_and_is_timezone_aware(store):
    before = datetime.now(UTC)
    row = record_outreach(store, 1, subject="", body="  ")
    assert row.sent_at.tzinfo is not None
    assert before <= row.sent_at <= datetime.now(UTC)
    assert row.subject is None and row.body is None  # blank text is no text


def test_naive_and_date_only_send_times_are_local(store):
    naive = record_outreach(store, 1, sent_at=datetime(2026, 11, 16, 15, 0))
    assert naive.sent_at == datetime(2026, 11, 16, 15, 0).astimezone()
    day = record_outreach(store, 1, sent_at=date(2026, 11, 16))
    assert day.sent_at == datetime(2026, 11, 16, 12, 0).astimezone()


@pytest.mark.parametrize("kwargs, words", [
    ({"kind": "job application"}, "unknown kind 'job application'"),
    ({"channel": "pigeon"}, "unknown channel 'pigeon': use one of email, linkedin, phone, other"),
    ({"sent_at": "yesterday"}, "is not a date"),
])
def test_bad_kind_channel_or_time_is_refused_and_nothing_is_stored(store, kwargs, words):
    with pytest.raises(BadInput, match=words):
        record_outreach(store, 1, **kwargs)
    assert store.list(Outreach) == []


def test_unknown_person_or_message_says_where_to_find_the_ids(store):
    with pytest.raises(NotFound, match="infoview people list"):
        record_outreach(store, 99)
    with pytest.raises(NotFound, match="infoview outreach list"):
        mark_replied(store, 99)


def test_reply_before_the_message_was_sent_is_refused(store):
    row = record_outreach(store, 1, sent_at=MON)
    with pytest.raises(BadInput, match="before the message was sent"):
        mark_replied(store, row.id, at=MON - timedelta(minutes=1))
    assert store.get(Outreach, row.id).replied_at is None


def test_marking_twice_keeps_the_first_reply_unless_a_time_is_given(store):
    row = record_outreach(store, 1, sent_at=MON)
    first = mark_replied(store, row.id, at=MON + timedelta(days=1))
    again = mark_replied(store, row.id)
    assert again.replied_at == first.replied_at == MON + timedelta(days=1)
    corrected = mark_replied(store, row.id, at=MON + timedelta(days=2))
    assert store.get(Outreach, row.id).replied_at == corrected.replied_at == MON + timedelta(days=2)


def test_reply_dated_by_the_sending_day_comes_after_the_message(store):
    late = datetime(2026, 11, 16, 17, 0).astimezone()  # after the noon a bare date stands for
    row = record_outreach(store, 1, sent_at=late)
    assert mark_replied(store, row.id, at=date(2026, 11, 16)).replied_at == late


def test_business_days_skip_weekends_and_holidays():
    assert business_days_between(date(2026, 11, 16), date(2026, 11, 16)) == 0
    assert business_days_between(date(2026, 11, 20), date(2026, 11, 23)) == 1  # Fri -> Mon
    assert business_days_between(date(2026, 11, 16), date(2026, 11, 30)) == 10
    # Thanksgiving, 26 Nov 2026, is a US holiday
    from infoview.prep.followup import _holiday_calendar

    assert business_days_between(date(2026, 11, 25), date(2026, 11, 27),
                                 calendar=_holiday_calendar("US")) == 1


def test_awaiting_reply_lists_unanswered_requests_with_business_days_waited(store):
    request = record_outreach(store, 1, sent_at=MON)  # Monday
    record_outreach(store, 2, sent_at=MON + timedelta(days=3))  # Thursday
    record_outreach(store, 2, kind="thanks", sent_at=MON)  # asks for nothing: never waits
    waiting = awaiting_reply(store, today=date(2026, 11, 23))  # the next Monday
    assert [(w.person.name, w.business_days) for w in waiting] == [
        ("Samira Okafor", 5), ("Tomas Reyes", 2)]
    assert [w.outreach.id for w in awaiting_reply(store, person_id=1, today=date(2026, 11, 23))] \
        == [request.id]
    mark_replied(store, request.id, at=MON + timedelta(days=2))
    assert [w.person.name for w in awaiting_reply(store, today=date(2026, 11, 23))] == ["Tomas Reyes"]
    assert json.dumps(waiting[1].to_dict(), default=str)  # plain values for --json


def test_a_reply_to_the_follow_up_answers_the_request_too(store):
    request = record_outreach(store, 1, sent_at=MON)
    follow = record_outreach(store, 1, kind="follow_up", sent_at=MON + timedelta(days=9))
    assert len(awaiting_reply(store, today=date(2026, 11, 26))) == 2
    mark_replied(store, follow.id, at=MON + timedelta(days=10))
    assert awaiting_reply(store, today=date(2026, 11, 26)) == []
    assert store.get(Outreach, request.id).replied_at is None


def test_3b7_watches_a_recorded_request_until_the_reply(store):
    row = record_outreach(store, 1, sent_at=MON)
    people = store.list(Person)
    # Monday + 3 business days = Thursday: write to Tomas, at the same organization
    due = three_b_seven(store.list(Outreach), people, today=date(2026, 11, 19))
    assert [(a.kind, a.person_id) for a in due] == [("next_contact", 2)]
    mark_replied(store, row.id, at=MON + timedelta(days=1))
    assert three_b_seven(store.list(Outreach), people, today=date(2026, 11, 19)) == []


def test_a_reply_counts_as_contact_for_keep_in_touch(store):
    row = record_outreach(store, 1, sent_at=MON)
    mark_replied(store, row.id, at=MON + timedelta(days=2))
    status = keep_in_touch(store.list(Person), store.list(Outreach), [], today=date(2027, 1, 20))
    # last contact 18 Nov; ideal 60 days later (17 Jan 2027), latest 90 (16 Feb): due on 20 Jan
    assert [(s.name, s.last_contact, s.status) for s in status] == [
        ("Samira Okafor", date(2026, 11, 18), "due")]


def test_funnel_and_answer_rate_count_a_recorded_request_and_reply(store):
    delete_person(store, 2)
    row = record_outreach(store, 1, channel="email", sent_at=MON)
    mark_replied(store, row.id, at=MON + timedelta(days=1, hours=12))
    frames = store.frames()
    counts = dict(zip(analytics.funnel(frames)["stage"], analytics.funnel(frames)["count"], strict=True))
    assert (counts["identified"], counts["contacted"], counts["replied"], counts["met"]) == (1, 1, 1, 0)
    rates = analytics.reply_rates(frames, by="channel").set_index("channel")
    assert rates.loc["email", "sent"] == 1 and rates.loc["email", "replied"] == 1
    assert rates.loc["email", "answer_rate"] == pytest.approx(1.0)  # 1 of 1: 100 %
    assert rates.loc["email", "median_days_to_reply"] == pytest.approx(1.5)


# ---- the command line -----------------------------------------------------------------------

def _run(capsys, db, *argv):
    code = main(["--db", str(db), *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def db(store):
    return store.path


@pytest.mark.parametrize("command", [[], ["add"], ["replied"], ["list"]])
def test_every_outreach_command_has_help(capsys, command):
    with pytest.raises(SystemExit) as done:
        main(["outreach", *command, "--help"])
    assert done.value.code == 0
    assert "usage: infoview outreach" in capsys.readouterr().out


def test_cli_add_replied_and_list_round_trip(capsys, db, tmp_path):
    body = tmp_path / "body.txt"
    body.write_text("Dear Samira, ...\n", encoding="utf-8")
    code, out, _ = _run(capsys, db, "outreach", "add", "--person", "1", "--channel", "linkedin",
                        "--sent", "2026-11-16T09:30", "--subject", "A question", "--body-file",
                        str(body), "--json")
    assert code == 0
    added = json.loads(out)
    assert (added["person_id"], added["kind"], added["channel"]) == (1, "request", "linkedin")
    assert added["sent_at"].startswith("2026-11-16T09:30") and added["body"] == "Dear Samira, ..."

    code, out, _ = _run(capsys, db, "outreach", "list", "--waiting", "--json")
    assert code == 0 and [(w["id"], w["person"]) for w in json.loads(out)] == [(added["id"], "Samira Okafor")]

    code, out, _ = _run(capsys, db, "outreach", "replied", str(added["id"]), "--at", "2026-11-17")
    assert code == 0 and "Samira Okafor replied on Tue 17 Nov 2026, 12:00" in out
    code, out, _ = _run(capsys, db, "outreach", "list", "--waiting")
    assert code == 0 and "Nothing awaits a reply." in out
    code, out, _ = _run(capsys, db, "outreach", "list", "--person", "1")
    assert code == 0 and "request to Samira Okafor by linkedin, replied Tue 17 Nov 2026" in out


@pytest.mark.parametrize("argv, words", [
    (["add", "--person", "9"], "no person with id 9"),
    (["add", "--person", "1", "--kind", "gift"], "unknown kind 'gift'"),
    (["add", "--person", "1", "--channel", "fax"], "unknown channel 'fax'"),
    (["add", "--person", "1", "--sent", "16/11/2026"], "--sent '16/11/2026' is not a date"),
    (["add", "--person", "1", "--body-file", "/nonexistent/body.txt"], "cannot read the message"),
    (["replied", "42"], "no message with id 42"),
    (["replied", "1", "--at", "soon"], "--at 'soon' is not a date"),
    (["list", "--person", "9"], "no person with id 9"),
])
def test_cli_mistakes_exit_2_with_one_line(capsys, db, argv, words):
    code, out, err = _run(capsys, db, "outreach", *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and words in err


def test_cli_reply_before_sending_exits_2_and_keeps_the_record(capsys, db, store):
    _run(capsys, db, "outreach", "add", "--person", "1", "--sent", "2026-11-16")
    code, _, err = _run(capsys, db, "outreach", "replied", "1", "--at", "2026-11-15")
    assert code == 2 and ("a reply on Sun 15 Nov 2026, 12:00 would come before the message "
                          "was sent (Mon 16 Nov 2026") in err
    assert store.get(Outreach, 1).replied_at is None
