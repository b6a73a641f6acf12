"""The report's SVG charts: axes that count whole things say whole numbers."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from infoview.analytics import charts


def _axis_numbers(svg: str) -> list[str]:
    """The texts of a chart that are bare numbers: its axis ticks."""
    texts = re.findall(r"<text [^>]*>(?:<title>[^<]*</title>)?([^<]*)</text>", svg)
    return [t for t in texts if re.fullmatch(r"-?[\d.]+", t)]


@pytest.mark.parametrize("busiest", [1, 2, 3, 4, 7, 12, 23, 120])
def test_the_activity_chart_counts_messages_per_week_in_whole_numbers(busiest):
    # Seen in the saved report: with two messages in the busiest week the axis read
    # 0, 0.5, 1, 1.5, 2 (half a message a week means nothing to anyone).
    weeks = pd.date_range("2026-10-05", periods=3, freq="7D", tz="UTC")
    data = pd.DataFrame({"week_start": weeks, "outreach": [busiest, 0, 1],
                         "meetings": [0, 1, 0]})
    ticks = _axis_numbers(charts.activity_chart(data))
    assert ticks and all("." not in t for t in ticks), ticks
    assert int(ticks[-1]) >= busiest and ticks[0] == "0"


@pytest.mark.parametrize("people", [1, 2, 3, 12])
def test_the_funnel_counts_people_in_whole_numbers(people):
    stages = ["identified", "contacted"]
    data = pd.DataFrame({"stage": stages, "count": [people, 1],
                         "share_of_identified": [1.0, 1 / people]})
    ticks = _axis_numbers(charts.funnel_chart(data))
    assert ticks and all("." not in t for t in ticks), ticks
    assert int(ticks[-1]) >= people


def test_whole_ticks_still_reach_the_top_in_few_round_steps():
    assert charts.nice_ticks(2, whole=True) == [0, 1, 2]
    assert charts.nice_ticks(12, whole=True) == [0, 5, 10, 15]
    assert charts.nice_ticks(2) == [0, 0.5, 1, 1.5, 2]  # a usefulness average may be fractional
