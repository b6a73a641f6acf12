"""Reply rates count conversations, so they agree with the funnel's contacted and replied.

A hand-built history (all times UTC, March 2026):
  Ana  friend  email     request 03-01 09:00, no reply; follow-up 03-08 09:00 answered
                         03-09 09:00: the request was answered, 8.0 days after it was sent
  Ben  alumni  linkedin  only an ``other`` message 03-02 09:00, answered 03-03 21:00: it
                         opened the conversation, answered in 1.5 days
  Cal  cold    email     request 03-03 10:00, never answered
  Dee  event   email     a note (``other``) 02-28, then a request 03-01 08:00 answered
                         03-02 08:00: one conversation (the request), 1.0 day
Funnel: 4 contacted, 3 replied (Ana, Ben, Dee).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from infoview import analytics
from infoview.models import Meeting, Outreach, Person
from infoview.store import Store
from infoview.widgets.outcomes import OutcomesDashboard

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


def utc(day: int, hour: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


@pytest.fixture()
def store(store):
    """Four people and their messages, some answered."""
    ana, ben, cal, dee = (store.add(Person(name=n, how_known=k)) for n, k in (
        ("Ana Ruiz", "friend"), ("Ben Okoro", "alumni"), ("Cal Moss", "cold"), ("Dee Park", "event")))
    store.add(Outreach(person_id=ana.id, channel="email", kind="request", sent_at=utc(1, 9)))
    store.add(Outreach(person_id=ana.id, channel="email", kind="follow_up", sent_at=utc(8, 9),
                       replied_at=utc(9, 9)))
    store.add(Outreach(person_id=ben.id, channel="linkedin", kind="other", sent_at=utc(2, 9),
                       replied_at=utc(3, 21)))
    store.add(Outreach(person_id=cal.id, channel="email", kind="request", sent_at=utc(3, 10)))
    store.add(Outreach(person_id=dee.id, channel="email", kind="other", sent_at=utc(28, 9, month=2)))
    store.add(Outreach(person_id=dee.id, channel="email", kind="request", sent_at=utc(1, 8),
                       replied_at=utc(2, 8)))
    return store


def test_a_request_answered_after_a_nudge_counts_as_answered(store):
    table = analytics.reply_rates(store.frames(), by="channel").set_index("channel")
    # email: Ana (8.0 days), Cal (no answer), Dee (1.0 day); Dee's earlier note opens nothing
    assert (table.loc["email", "sent"], table.loc["email", "replied"]) == (3, 2)
    assert table.loc["email", "median_days_to_reply"] == pytest.approx(4.5)
    # linkedin: Ben's only message, of kind "other", opened the conversation
    assert (table.loc["linkedin", "sent"], table.loc["linkedin", "replied"]) == (1, 1)
    assert table.loc["linkedin", "mean_days_to_reply"] == pytest.approx(1.5)


def test_overall_reply_rate_equals_replied_over_contacted_in_the_funnel(store):
    frames = store.frames()
    overall = analytics.reply_rates(frames, by=None).iloc[0]
    funnel = dict(zip(analytics.funnel(frames)["stage"], analytics.funnel(frames)["count"], strict=True))
    assert (overall["sent"], overall["replied"]) == (funnel["contacted"], funnel["replied"]) == (4, 3)
    assert overall["answer_rate"] == pytest.approx(0.75)


def test_one_message_and_one_reply_show_a_full_reply_rate_on_the_dashboard(tmp_path):
    store = Store.open(tmp_path / "one.sqlite")
    sam = store.add(Person(name="Sam Lee", how_known="colleague"))
    store.add(Outreach(person_id=sam.id, channel="email", kind="other", sent_at=utc(2, 9),
                       replied_at=utc(3, 9)))
    head = OutcomesDashboard(store, now=NOW).headline
    assert (head["contacted"], head["replied"], head["reply rate"]) == (1, 1, 1.0)


def test_the_headline_rate_agrees_with_its_counts_even_without_messages(tmp_path):
    # a meeting held with no message recorded: the funnel counts Sam as contacted and replied
    store = Store.open(tmp_path / "met.sqlite")
    sam = store.add(Person(name="Sam Lee"))
    kim = store.add(Person(name="Kim Vo"))
    store.add(Meeting(person_id=sam.id, starts_at=utc(4, 10), status="held"))
    store.add(Outreach(person_id=kim.id, channel="email", kind="request", sent_at=utc(2, 9)))
    head = OutcomesDashboard(store, now=NOW).headline
    assert (head["contacted"], head["replied"]) == (2, 1)
    assert head["reply rate"] == 0.5


def test_someone_met_after_an_unanswered_email_counts_as_replied_on_the_replies_tab_too(tmp_path):
    # She logged one email, never marked a reply, then debriefed the meeting it led to: the
    # headline said "1 replied, 100%" and the Replies tab "1 sent, 0 replied (0%)".
    from infoview.flows.debrief import Debrief, save_debrief
    from infoview.flows.outreach_log import record_outreach

    store = Store.open(tmp_path / "met.sqlite")
    sam = store.add(Person(name="Sam Lee"))
    record_outreach(store, sam.saved_id, kind="request", channel="email", sent_at=utc(2, 9))
    meeting = store.add(Meeting(person_id=sam.saved_id, starts_at=utc(5, 10)))
    save_debrief(store, Debrief(meeting_id=meeting.saved_id), now=utc(5, 12))
    page = OutcomesDashboard(store, now=NOW)
    head = page.headline
    replies = page.tables["replies"].set_index("channel")
    assert (head["contacted"], head["replied"], head["reply rate"]) == (1, 1, 1.0)
    assert (replies.loc["email", "sent"], replies.loc["email", "replied"]) == (1, 1)
    assert replies.loc["email", "answer_rate"] == 1.0
    # no reply was recorded, so no time to reply is made up
    assert replies.loc["email", "median_days_to_reply"] != replies.loc["email", "median_days_to_reply"]


def test_a_met_person_written_to_twice_has_only_the_latest_conversation_answered(store):
    # Cal's request went unanswered; a second request, then a meeting held: one answered of two
    frames_before = analytics.reply_rates(store.frames(), by=None).iloc[0]
    cal_id = int(store.frames()["people"].set_index("name").loc["Cal Moss", "id"])
    store.add(Outreach(person_id=cal_id, channel="email", kind="request", sent_at=utc(10, 9)))
    store.add(Meeting(person_id=cal_id, starts_at=utc(12, 10), status="held"))
    overall = analytics.reply_rates(store.frames(), by=None).iloc[0]
    assert (frames_before["sent"], frames_before["replied"]) == (4, 3)
    assert (overall["sent"], overall["replied"]) == (5, 4)
