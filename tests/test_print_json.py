"""``--json`` output: indented, one record a line, and always the same data as json.dumps."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview.cli._common import print_json

LEAVES = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
KEYS = st.text(max_size=4) | st.integers() | st.booleans()
TREES = st.recursive(LEAVES, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(KEYS, inner, max_size=4), max_leaves=20)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # capsys is read each time
@given(TREES)
def test_printed_json_reads_back_as_the_data(capsys, value):
    capsys.readouterr()
    print_json(value)
    assert json.loads(capsys.readouterr().out) == json.loads(json.dumps(value))


def test_records_stand_one_a_line_inside_indented_lists(capsys):
    print_json({"as_of": "2026-03-31", "due": [{"id": 1, "what": "Thank Ana"}, {"id": 2}],
                "drafts": {}})
    assert capsys.readouterr().out.splitlines() == [
        "{", '  "as_of": "2026-03-31",', '  "due": [', '    {"id": 1, "what": "Thank Ana"},',
        '    {"id": 2}', "  ],", '  "drafts": {}', "}"]


def _pandas_records(df):
    """What to_records gave before: pandas' own JSON, read back."""
    return json.loads(df.to_json(orient="records", date_format="iso"))


MICROS = st.integers(-2_000_000_000_000_000, 4_000_000_000_000_000)  # 1906 to 2096


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(rows=st.integers(1, 6), data=st.data())
def test_records_hold_the_values_pandas_json_gave(rows, data):
    import pandas as pd

    from infoview.analytics.report import to_records

    def column(values):
        return data.draw(st.lists(values, min_size=rows, max_size=rows))

    moments = pd.Series(pd.to_datetime(column(st.none() | MICROS), unit="us", utc=True))
    df = pd.DataFrame({
        "when": moments.astype("datetime64[us, UTC]"),
        "day": moments.dt.tz_localize(None).astype("datetime64[us]"),
        "paris": moments.dt.tz_convert("Europe/Paris"),
        "count": pd.array(column(st.none() | st.integers(-10**12, 10**12)), dtype="Int64"),
        "plain": column(st.integers(-5, 5)),
        "name": pd.array(column(st.none() | st.text(max_size=5)), dtype="string"),
        "level": pd.Categorical(column(st.none() | st.sampled_from(["ok", "due"]))),
        "flag": column(st.booleans()),
        "maybe": pd.array(column(st.none() | st.booleans()), dtype="boolean"),
        "share": column(st.floats(allow_infinity=False)),
        "tags": column(st.none() | st.lists(st.text(max_size=3), max_size=2)),
    })
    assert to_records(df) == _pandas_records(df)
