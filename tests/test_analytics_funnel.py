"""The funnel and the answer rates, checked against a small history worked out by hand.

See ``_analytics_history.small_history`` for the people and their messages.
"""

from __future__ import annotations

import math

import pytest

from infoview import analytics
from infoview.errors import BadInput


@pytest.fixture()
def frames(small_frames):
    return small_frames


def _counts(table, group=None):
    rows = table if group is None else table[table["group"] == group]
    return dict(zip(rows["stage"], rows["count"], strict=True))


def test_overall_funnel_counts_people_at_each_stage(frames):
    # identified 7; contacted Ana Ben Cal Dee Eve = 5; replied Ana Ben Eve = 3; met Ana Ben = 2;
    # referred someone Ana Ben = 2; lead: Ben (lead) and Ana (application implies lead) = 2;
    # application Ana = 1; no interview, no offer.
    table = analytics.funnel(frames)
    assert _counts(table) == {
        "identified": 7, "contacted": 5, "replied": 3, "met": 2, "referred someone": 2,
        "lead": 2, "application": 1, "interview": 0, "offer": 0,
    }


def test_funnel_rates_are_shares_of_the_stage_before_and_never_divide_by_zero(frames):
    table = analytics.funnel(frames).set_index("stage")
    assert table.loc["contacted", "share_of_identified"] == pytest.approx(5 / 7)
    assert table.loc["replied", "conversion"] == pytest.approx(3 / 5)
    assert table.loc["met", "conversion"] == pytest.approx(2 / 3)
    assert table.loc["referred someone", "conversion"] == pytest.approx(2 / 2)  # of those met
    assert table.loc["lead", "conversion"] == pytest.approx(2 / 2)  # of those met
    assert table.loc["application", "conversion"] == pytest.approx(1 / 2)  # of leads
    assert table.loc["interview", "conversion"] == 0  # 0 of 1 application
    assert math.isnan(table.loc["offer", "conversion"])  # 0 interviews: no rate, no error
    assert math.isnan(table.loc["identified", "conversion"])


def test_funnel_by_channel_uses_the_first_message_and_keeps_the_uncontacted_apart(frames):
    # email first: Ana, Dee, Eve; linkedin first: Ben, Cal; never contacted: Fay, Gus
    table = analytics.funnel(frames, by="channel")
    assert list(dict.fromkeys(table["group"])) == ["email", "linkedin", "not contacted"]
    assert _counts(table, "email") == {
        "identified": 3, "contacted": 3, "replied": 2, "met": 1, "referred someone": 1,
        "lead": 1, "application": 1, "interview": 0, "offer": 0,
    }
    assert _counts(table, "linkedin")["replied"] == 1
    assert _counts(table, "linkedin")["lead"] == 1
    assert _counts(table, "not contacted") == {s: (2 if s == "identified" else 0) for s in analytics.STAGES}


def test_funnel_by_warmth(frames):
    table = analytics.funnel(frames, by="warmth")
    # referral: Eve (answered) and Gus (never contacted); cold: Cal and Dee, no answers
    assert _counts(table, "referral")["identified"] == 2
    assert _counts(table, "referral")["replied"] == 1
    assert _counts(table, "cold")["contacted"] == 2
    assert _counts(table, "cold")["replied"] == 0
    assert list(dict.fromkeys(table["group"])) == ["referral", "alumni", "friend", "event", "cold"]


def test_funnel_filters_by_cohort_date_and_channel(frames):
    # first approached on or after 03-02: Cal, Dee, Eve; Gus was added 03-06, never contacted
    since = analytics.funnel(frames, since="2026-03-02")
    assert _counts(since)["identified"] == 4
    assert _counts(since)["contacted"] == 3
    assert _counts(since)["replied"] == 1
    # until is inclusive of the whole day: first contacts on 03-01 are Ana and Ben
    assert _counts(analytics.funnel(frames, until="2026-03-01"))["identified"] == 2 + 1  # + Fay (added 02-20)
    assert _counts(analytics.funnel(frames, channels=["email"]))["identified"] == 3


def test_funnel_by_an_unknown_grouping_is_refused(frames):
    with pytest.raises(BadInput, match="channel"):
        analytics.funnel(frames, by="colour")


def test_reply_rates_by_channel_count_asking_messages_only(frames):
    # email: Ana (1.0 day), Dee (no answer; her follow-up is not counted), Eve (0.5 day)
    # linkedin: Ben (3.0 days), Cal (no answer)
    table = analytics.reply_rates(frames, by="channel").set_index("channel")
    assert table.loc["email", "sent"] == 3 and table.loc["email", "replied"] == 2
    assert table.loc["email", "answer_rate"] == pytest.approx(2 / 3)
    assert table.loc["email", "median_days_to_reply"] == pytest.approx(0.75)
    assert table.loc["linkedin", "answer_rate"] == pytest.approx(0.5)
    assert table.loc["linkedin", "median_days_to_reply"] == pytest.approx(3.0)


def test_reply_rates_by_warmth_and_overall(frames):
    table = analytics.reply_rates(frames, by="warmth").set_index("warmth")
    assert table.loc["cold", "sent"] == 2 and table.loc["cold", "answer_rate"] == 0
    assert math.isnan(table.loc["cold", "median_days_to_reply"])
    # Eve's message was sent at 09:00+01:00 = 08:00 UTC and answered at 20:00 UTC: half a day
    assert table.loc["referral", "mean_days_to_reply"] == pytest.approx(0.5)
    overall = analytics.reply_rates(frames, by=None).iloc[0]
    assert (overall["sent"], overall["replied"]) == (5, 3)
    assert overall["mean_days_to_reply"] == pytest.approx((1.0 + 3.0 + 0.5) / 3)
    both = analytics.reply_rates(frames, by=["channel", "warmth"])
    assert len(both) == 5  # email-friend, email-cold, email-referral, linkedin-alumni, linkedin-cold


def test_reply_rates_filters_by_sending_date(frames):
    table = analytics.reply_rates(frames, by=None, since="2026-03-02", until="2026-03-02")
    assert table.iloc[0]["sent"] == 2  # Cal and Dee


def test_funnel_and_reply_plots_draw(frames):
    for fig in (analytics.plot_funnel(frames), analytics.plot_funnel(frames, by="warmth"),
                analytics.plot_reply_rates(frames, by="warmth")):
        assert fig.axes and fig.axes[0].patches  # bars were drawn


def test_the_funnel_counts_whole_people_on_its_axis(store):
    # Seen in the app on a new store: one person met, and the axis read 0.0, 0.2 ... 1.0
    # people.
    from datetime import UTC, datetime

    from infoview.models import Meeting, Person

    sam = store.add(Person(name="Sam Okafor"))
    store.add(Meeting(person_id=sam.id, status="held", starts_at=datetime(2026, 3, 2, tzinfo=UTC)))
    fig = analytics.plot_funnel(store.frames())
    fig.canvas.draw()
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert ticks and all(t.lstrip("−-").isdigit() for t in ticks), ticks
    fig = analytics.plot_activity(store.frames())
    fig.canvas.draw()
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels() if t.get_text()]
    assert ticks and all(t.lstrip("−-").isdigit() for t in ticks), ticks  # whole meetings too
