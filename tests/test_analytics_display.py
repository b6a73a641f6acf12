"""Outcome tables as shown: formatted numbers, never NaN or six-decimal shares."""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime

import pandas as pd
import pytest

from infoview.analytics import (
    follow_up_health,
    funnel,
    question_effectiveness,
    reply_rates,
)
from infoview.analytics.display import format_number, readable_frame
from infoview.demo.history import generate_sample
from infoview.store import Store
from infoview.widgets._common import frame_html

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
#: What must never reach a reader: NaN, inf, or a number with four or more decimals.
RAW = re.compile(r"\bnan\b|\binf\b|<NA>|\d\.\d{4,}", re.IGNORECASE)


@pytest.fixture(scope="module")
def frames(tmp_path_factory):
    store = Store.open(tmp_path_factory.mktemp("display") / "s.sqlite")
    generate_sample(store, seed=7, today=date(2026, 11, 20))
    return store.frames()


@pytest.mark.parametrize("value, share, shown", [
    (0.877778, True, "88%"), (0.877778, False, "0.878"), (90.0, False, "90"),
    (1234, False, "1,234"), (1234.56, False, "1,235"), (float("nan"), True, ""),
    (None, False, ""), (pd.NA, False, ""), (math.inf, False, ""), (True, False, "yes"),
    (pd.Timestamp("2026-11-20T10:00Z"), False, "2026-11-20"), ("Kestrel", False, "Kestrel"),
])
def test_format_number(value, share, shown):
    assert format_number(value, share=share) == shown


def test_the_sample_tables_read_without_nan_or_long_decimals(frames):
    tables = {"funnel": funnel(frames), "replies": reply_rates(frames, by="channel"),
              "questions": question_effectiveness(frames),
              "health": follow_up_health(frames, now=NOW)}
    raw = tables["funnel"].to_string()
    assert RAW.search(raw), "the sample funnel should hold NaN and long decimals to format"
    for name, table in tables.items():
        readable = readable_frame(table)
        assert list(readable.columns) == list(table.columns)
        assert not RAW.search(readable.to_string()), (name, readable.to_string())
        assert not RAW.search(frame_html(table)), name
    shares = readable_frame(tables["funnel"])["conversion"]
    assert shares.iloc[0] == "" and all(s.endswith("%") for s in shares.iloc[1:])


def test_a_share_in_a_check_value_table_is_a_percentage(frames):
    health = readable_frame(follow_up_health(frames, now=NOW))
    shown = dict(zip(health["check"], health["value"], strict=True))
    assert shown["share of thank-yous on time"].endswith("%")
    assert shown["meetings held"].isdigit()
