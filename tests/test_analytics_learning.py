"""Question effectiveness, activity per week and insights per industry, on the small history."""

from __future__ import annotations

import pytest

from infoview import analytics


@pytest.fixture()
def frames(small_frames):
    return small_frames


def test_question_effectiveness_means_only_rated_answers(frames):
    table = analytics.question_effectiveness(frames)
    rows = {r.question: (r.asked, r.rated, r.mean_usefulness) for r in table.itertuples()}
    # role-02 rated once (5), path-01 rated 4 and 2, the user's own question 2 and 3
    # (its second asking has a trailing space: still the same question)
    assert rows == {"role-02": (2, 1, 5.0), "path-01": (2, 2, 3.0), "What surprised you?": (2, 2, 2.5)}
    assert list(table["question"]) == ["role-02", "path-01", "What surprised you?"]


def test_question_effectiveness_can_require_several_ratings(frames):
    table = analytics.question_effectiveness(frames, min_rated=2)
    assert list(table["question"]) == ["path-01", "What surprised you?"]


def test_category_effectiveness_groups_uncategorised_questions(frames):
    table = analytics.category_effectiveness(frames)
    rows = {r.category: (r.asked, r.rated, r.mean_usefulness) for r in table.itertuples()}
    assert rows == {"role": (2, 1, 5.0), "path": (2, 2, 3.0), "uncategorised": (2, 2, 2.5)}


def test_questions_filter_by_meeting_date(frames):
    table = analytics.question_effectiveness(frames, since="2026-03-04")
    # only Ben's meeting (03-06): path-01 rated 2, surprised 3, role-02 unrated
    rows = {r.question: r.mean_usefulness for r in table.itertuples()}
    assert rows == {"What surprised you?": 3.0, "path-01": 2.0}


def test_activity_counts_messages_and_meetings_per_iso_week_in_utc(frames):
    table = analytics.activity_by_week(frames)
    # W09 (Sunday 03-01): Ana's and Ben's requests. W10: Cal, Dee, Dee's follow-up, Eve,
    # both thank-yous (Ben's was written on Monday 03-09 at 01:20+10:00, which is still
    # Sunday 03-08 in UTC), and the two meetings held.
    assert list(table["week"]) == ["2026-W09", "2026-W10"]
    assert list(table["outreach"]) == [2, 6]
    assert list(table["meetings"]) == [0, 2]
    assert str(table["week_start"].iloc[0].date()) == "2026-02-23"


def test_activity_fills_quiet_weeks_with_zero_and_filters_channels(frames):
    table = analytics.activity_by_week(frames, channels=["linkedin"])
    assert list(table["outreach"]) == [1, 1]  # Ben in W09, Cal in W10


def test_insights_by_industry_fall_back_to_the_organizations_industry(frames):
    table = analytics.insights_by_industry(frames)
    rows = {r.industry: (r.meetings, r.insights, r.top_tags) for r in table.itertuples()}
    # Ben's meeting has no industry; his organization "Granite Ledger" is listed (in lower
    # case) as fintech
    assert rows == {"digital health": (1, 2, ["hiring", "skills"]), "fintech": (1, 1, ["entry"])}
    assert table.iloc[0]["learned"] == ["Referrals fill most junior roles", "Learn the health data standards"]


def test_learning_plots_draw(frames):
    assert analytics.plot_question_effectiveness(frames).axes[0].patches
    assert analytics.plot_activity(frames).axes[0].lines
