"""Histories with little or odd data: nothing crashes, nothing divides by zero, and every
empty result says in words that there is nothing to show yet."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

import pytest
from _analytics_history import NOW, open_store, utc

from infoview import analytics
from infoview.analytics.report import build_report
from infoview.models import Outreach, Person

TABLE_FUNCTIONS = [
    lambda f: analytics.funnel(f), lambda f: analytics.funnel(f, by="channel"),
    lambda f: analytics.reply_rates(f), lambda f: analytics.chain_depths(f),
    lambda f: analytics.door_openers(f), lambda f: analytics.thank_you_timeliness(f, now=NOW),
    lambda f: analytics.overdue_actions(f, now=NOW), lambda f: analytics.due_actions(f, now=NOW),
    lambda f: analytics.open_promises(f, now=NOW), lambda f: analytics.uncontacted_leads(f),
    lambda f: analytics.stale_contacts(f, now=NOW), lambda f: analytics.question_effectiveness(f),
    lambda f: analytics.category_effectiveness(f), lambda f: analytics.activity_by_week(f),
    lambda f: analytics.insights_by_industry(f), lambda f: analytics.targets(f),
]
PLOTS = [analytics.plot_funnel, analytics.plot_reply_rates, analytics.plot_referral_graph,
         analytics.plot_question_effectiveness, analytics.plot_activity]


@pytest.fixture()
def empty(tmp_path):
    store = open_store(tmp_path, "empty.sqlite")
    yield store.frames()
    store.close()


@pytest.mark.parametrize("index", range(len(TABLE_FUNCTIONS)))
def test_every_table_of_an_empty_store_is_empty_and_says_so(empty, index):
    result = TABLE_FUNCTIONS[index](empty)
    assert result.empty
    assert analytics.message(result).startswith("Nothing to show yet: ")


def test_an_empty_dict_works_like_an_empty_store():
    assert analytics.funnel({}).empty
    assert analytics.network_summary({}) == {
        "referrals": 0, "people_in_chains": 0, "chains": 0, "deepest_chain": 0}


def test_every_plot_of_an_empty_store_says_nothing_to_show(empty):
    for plot in PLOTS:
        fig = plot(empty)
        texts = [t.get_text() for t in fig.axes[0].texts]
        assert any(t.startswith("Nothing to show yet") for t in texts), plot.__name__


def test_summary_of_an_empty_store_has_no_rate(empty):
    summary = dict(zip(*analytics.follow_up_health(empty, now=NOW).T.values, strict=True))
    assert summary["meetings held"] == 0
    assert summary["share of thank-yous on time"] is None


def test_report_of_an_empty_store_says_nothing_to_show(empty):
    html = build_report(empty, now=NOW)
    assert html.count("Nothing to show yet") >= 8


def test_outreach_without_meetings(tmp_path):
    store = open_store(tmp_path)
    for i in range(3):
        person = store.add(Person(name=f"P{i}", how_known="cold"))
        store.add(Outreach(person_id=person.id, channel="linkedin", sent_at=utc(1 + i),
                           replied_at=utc(2 + i) if i == 0 else None))
    frames = store.frames()
    table = analytics.funnel(frames).set_index("stage")
    assert table.loc["met", "count"] == 0
    assert math.isnan(table.loc["referred someone", "conversion"])  # nobody met: no rate
    assert analytics.reply_rates(frames).iloc[0]["answer_rate"] == pytest.approx(1 / 3)
    assert analytics.thank_you_timeliness(frames).empty
    assert list(analytics.activity_by_week(frames)["meetings"]) == [0, 0]  # W09 and W10
    assert 'role="img" aria-label="funnel"' in build_report(frames, now=NOW)


def test_timestamps_in_several_zones_compare_as_instants(tmp_path):
    store = open_store(tmp_path)
    person = store.add(Person(name="Zoë"))
    tokyo = timezone(timedelta(hours=9))
    new_york = timezone(timedelta(hours=-5))
    # sent 23:00 on 1 March in New York = 04:00 UTC on 2 March; answered 13:00 on 2 March in
    # Tokyo = 04:00 UTC on 2 March: the answer came at once, not a day "earlier"
    store.add(Outreach(person_id=person.id, sent_at=datetime(2026, 3, 1, 23, 0, tzinfo=new_york),
                       replied_at=datetime(2026, 3, 2, 13, 0, tzinfo=tokyo)))
    frames = store.frames()
    assert analytics.reply_rates(frames, by=None).iloc[0]["mean_days_to_reply"] == pytest.approx(0.0)
    assert list(analytics.activity_by_week(frames)["week"]) == ["2026-W10"]


def test_hand_built_frames_with_python_datetimes_are_accepted():
    import pandas as pd

    frames = {
        "people": pd.DataFrame({"id": [1], "name": ["A"], "how_known": ["cold"]}),
        "outreach": pd.DataFrame({
            "id": [1], "person_id": [1], "channel": ["email"], "kind": ["request"],
            "sent_at": [datetime(2026, 3, 1, 9, tzinfo=timezone(timedelta(hours=2)))],
            "replied_at": [None],
        }),
    }
    assert analytics.funnel(frames).set_index("stage").loc["contacted", "count"] == 1
    assert analytics.reply_rates(frames).iloc[0]["sent"] == 1


def test_a_lone_held_meeting_without_thanks_or_messages(tmp_path):
    from infoview.models import Meeting

    store = open_store(tmp_path)
    person = store.add(Person(name="Solo"))
    store.add(Meeting(person_id=person.id, starts_at=utc(20), status="held"))  # after NOW
    frames = store.frames()
    table = analytics.thank_you_timeliness(frames, now=NOW)
    assert table["thanked_at"].isna().all() and not table["within_24h"].any()
    # the only contact lies after "now": nothing to measure staleness from, and no crash
    assert analytics.stale_contacts(frames, now=NOW).empty
    assert "Solo" not in set(analytics.uncontacted_leads(frames)["name"])
