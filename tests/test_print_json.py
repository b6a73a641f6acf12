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


def _printed(capsys, monkeypatch, data, ascii_only: bool) -> str:
    from infoview.cli import _common

    monkeypatch.setattr(_common, "json_ascii_only", lambda: ascii_only)
    capsys.readouterr()
    print_json(data)
    return capsys.readouterr().out


@pytest.mark.slow
@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.integers(0, 5), data=st.data())
def test_rows_encoded_ahead_print_as_their_records(capsys, monkeypatch, rows, data):
    import pandas as pd

    from infoview.analytics.report import json_rows, to_records

    def column(values):
        return data.draw(st.lists(values, min_size=rows, max_size=rows))

    moments = pd.Series(pd.to_datetime(column(st.none() | MICROS), unit="us", utc=True),
                        dtype="datetime64[us, UTC]")
    df = pd.DataFrame({
        "when": moments,
        "count": pd.array(column(st.none() | st.integers(-10**12, 10**12)), dtype="Int64"),
        "plain": pd.Series(column(st.integers(-5, 5)), dtype="int64"),
        "name": pd.array(column(st.none() | st.text(max_size=5)), dtype="string"),
        "level": pd.Categorical(column(st.none() | st.sampled_from(["ok", "due"]))),
        "flag": pd.Series(column(st.booleans()), dtype=bool),
        "maybe": pd.array(column(st.none() | st.booleans()), dtype="boolean"),
        "days": pd.Series(column(st.none() | st.floats()), dtype="float64"),
        "tags": pd.Series(column(st.none() | st.lists(st.text(max_size=3), max_size=2)),
                          dtype=object),
        "odd key \"\u00e9\"": pd.Series(column(st.text(max_size=2)), dtype=object),
    })
    for ascii_only in (False, True):
        plain = _printed(capsys, monkeypatch, {"due": to_records(df)}, ascii_only)
        ahead = _printed(capsys, monkeypatch, {"due": json_rows(df, ascii_only=ascii_only)},
                         ascii_only)
        assert ahead == plain


@pytest.mark.parametrize("ascii_only", [False, True])
def test_the_digest_printed_from_rows_encoded_ahead_is_the_digest(capsys, monkeypatch, tmp_path,
                                                                  ascii_only):
    from datetime import UTC, date, datetime

    from infoview.demo.history import generate_sample
    from infoview.flows.outcomes import store_digest
    from infoview.models import Person
    from infoview.store import Store

    with Store.open(tmp_path / "d.sqlite") as store:
        generate_sample(store, seed=7, today=date(2026, 3, 31))
        store.add(Person(name='Zoë "Quote" \u2028 Ørsted', organization="李小龍\n"))
        digest = store_digest(store, now=datetime(2026, 3, 31, 18, tzinfo=UTC), days=30)
    assert len(digest.due) and len(digest.losing_touch)
    plain = _printed(capsys, monkeypatch, digest.to_dict(), ascii_only)
    ahead = _printed(capsys, monkeypatch, digest.to_dict(ascii_only=ascii_only), ascii_only)
    assert ahead == plain


@pytest.mark.parametrize(("rows_at_once", "block"), [(32_768, 4_096), (7, 3), (5, 1)])
def test_rows_encoded_ahead_print_as_their_records_on_odd_values(capsys, monkeypatch,
                                                                 rows_at_once, block):
    """Values that repeat (each distinct one is encoded once) and values at the edges:
    times before 1970 and far from it, to the millisecond, missing; -0.0, NaN, infinities
    and floats pandas rounds; nullable numbers and booleans; text with quotes, escapes,
    non-ASCII and astral characters; choices that are not text; lists among plain rows;
    encoded a few rows at a time and written in blocks of a few lines, records at their
    edges."""
    import numpy as np
    import pandas as pd

    from infoview.analytics import records
    from infoview.analytics.records import json_rows, to_records

    monkeypatch.setattr(records, "_SLICE", rows_at_once)
    monkeypatch.setattr(records, "_BLOCK", block)

    times = pd.Series(pd.to_datetime([
        "1969-12-31T23:59:59.999999", "1970-01-01", "0900-02-28T13:14:15.5", "9999-12-31T23:59:59",
        "2026-03-31T09:30:00.000250", None, "1900-01-01T00:00:00.001", "2026-03-31T09:30:00"],
        utc=True, format="ISO8601")).astype("datetime64[us, UTC]")
    base = pd.DataFrame({
        "when": times,
        "paris": times.dt.tz_convert("Europe/Paris"),
        "day": times.dt.tz_localize(None),
        "share": [0.0, -0.0, np.nan, np.inf, -np.inf, 0.1 + 0.2, 1e300, 1 / 3],
        "small": np.array([0.5, -0.0, 1.25, 0.0, np.nan, 3.0, 1e-7, 2.5], dtype=np.float32),
        "count": pd.array([1, None, -(2**63), 2**63 - 1, 0, 7, None, 7], dtype="Int64"),
        "big": np.array([2**64 - 1, 0, 1, 2, 3, 4, 5, 6], dtype=np.uint64),
        "flag": [True, False] * 4,
        "maybe": pd.array([True, None, False, True, None, False, True, True], dtype="boolean"),
        "name": pd.array(['Zoë "Q"', None, "\u2028\n\t\\/", "李小龍", "\U0001f600", "", "a", "a"],
                         dtype="string"),
        "level": pd.Categorical(["ok", None, "due", "ok", "due", "ok", None, "ok"]),
        "size": pd.Categorical([1, 2, 2, None, 1, 1, 2, 1]),
        "tags": [["a"], [], None, ["b", "c"], None, [], ["\u00e9"], None],
    })
    df = pd.concat([base] * 40, ignore_index=True)  # every value repeats
    for ascii_only in (False, True):
        plain = _printed(capsys, monkeypatch, {"due": to_records(df)}, ascii_only)
        ahead = _printed(capsys, monkeypatch, {"due": json_rows(df, ascii_only=ascii_only)},
                         ascii_only)
        assert ahead == plain
        assert json.loads(ahead)["due"][:8] == to_records(base)
    assert '"0900-02-28T13:14:15.500Z"' in plain and '"1969-12-31T23:59:59.999Z"' in plain
    lines = plain.splitlines()  # a row a line, or (holding a list) laid out over several
    assert sum(line.startswith('    {"when": ') for line in lines) == 5 * 40  # 3 of 8 laid out
    empty = _printed(capsys, monkeypatch, {"due": json_rows(df.iloc[:0], ascii_only=False),
                                           "also": [json_rows(df.iloc[:0], ascii_only=True)]},
                     False)
    assert json.loads(empty) == {"due": [], "also": [[]]}
