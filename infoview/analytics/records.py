"""DataFrames as JSON records: the values (:func:`to_records`) and their text, encoded a
column at a time (:func:`json_rows`).

The values are those of pandas' ``to_json(orient="records", date_format="iso")`` read back:
NaN and NA as ``None``, times as ISO 8601 text to the millisecond (with ``Z`` when they are
UTC), floats as pandas writes them (ten decimals). The CLI prints them (``--json``); a large
store's digest has hundreds of thousands of rows, so both are made column by column, and
the text of each distinct value of a column is made once.
"""

from __future__ import annotations

import json
import math
from typing import Any

from infoview.jsontext import RawRows


def to_records(df) -> list[dict[str, Any]]:
    """A DataFrame as JSON-ready dicts: NaN and NA as ``None``, times as ISO 8601 text.

    The values are those of pandas' ``to_json(orient="records", date_format="iso")`` read
    back (times to the millisecond, with ``Z`` when they are UTC), made column by column:
    the round trip through JSON text took seconds for a large store's digest.
    """
    if df is None or len(df) == 0:
        return []
    if not df.columns.is_unique:
        return json.loads(df.to_json(orient="records", date_format="iso"))
    from itertools import repeat

    names = [str(c) for c in df.columns]
    columns = [_json_column(df[c]) for c in df.columns]
    return list(map(dict, map(zip, repeat(names), zip(*columns, strict=True))))


def json_rows(df, *, ascii_only: bool) -> Any:
    """The records of :func:`to_records`, to be encoded as they are printed: a
    :class:`~infoview.jsontext.RawRows` giving the text the CLI's JSON printer writes for
    each (``{"id": 3, "what": "Call"}``, with ``\\u`` escapes when ``ascii_only``).

    Encoded a slice of rows at a time, each column of a slice at once
    (:func:`_column_texts`), and each block of lines made in one join of the texts of its
    columns: building and encoding a dict per row took seconds for a large store's digest,
    and building each row's text before joining them all a second still. A row holding a
    list or object with something in it is handed over as its record (the printer lays
    those out over several lines).
    """
    return _FrameRows(df, ascii_only)


#: Rows encoded at once by :class:`_FrameRows` (their texts are held until written)...
_SLICE = 32_768
#: ...and written in blocks of this many lines.
_BLOCK = 4_096


class _FrameRows(RawRows):
    """The rows of a DataFrame as :class:`~infoview.jsontext.RawRows`, encoded when
    written (see :func:`json_rows`)."""

    def __init__(self, df: Any, ascii_only: bool):
        from json import encoder

        self.df = df
        self.ascii_only = ascii_only
        self.strings = encoder.encode_basestring_ascii if ascii_only else encoder.encode_basestring

    def __len__(self) -> int:
        return 0 if self.df is None else len(self.df)

    def pieces(self, indent: str) -> Any:
        df = self.df
        if not len(self):
            return
        if not df.columns.is_unique:  # records, as to_records gives them
            yield from to_records(df)
            return
        joint = ",\n" + indent
        keys = [self.strings(str(column)) + ": " for column in df.columns]
        for start in range(0, len(df), _SLICE):
            part = df.iloc[start:start + _SLICE]
            columns, nested = [], set()
            for column in part.columns:
                texts, deep = _column_texts(part[column], self.strings, self.ascii_only)
                columns.append(texts)
                nested.update(deep)
            records = dict(zip(sorted(nested), to_records(part.iloc[sorted(nested)]),
                               strict=True)) if nested else {}
            done = 0
            for at in [*sorted(records), len(part)]:
                for begin in range(done, at, _BLOCK):
                    yield _block(keys, columns, begin, min(begin + _BLOCK, at), joint)
                if at < len(part):
                    yield records[at]
                done = at + 1


def _block(keys: list[str], columns: list[list[str]], start: int, stop: int, joint: str) -> str:
    """The lines of rows ``start`` to ``stop`` of ``columns`` (each a list of texts, after
    its key), joined by ``joint``: one join of every piece, no row's text made alone."""
    from itertools import chain, repeat

    parts: list[Any] = []
    for i, (key, texts) in enumerate(zip(keys, columns, strict=True)):
        parts.append(repeat((joint + "{" if i == 0 else ", ") + key))
        parts.append(texts[start:stop])
    parts.append(repeat("}"))
    # (zip stops at the end of the texts: repeat() is endless)
    return "".join(chain.from_iterable(zip(*parts, strict=False)))[len(joint):]


#: A column with at most one distinct value in this many is encoded a distinct value at a
#: time (and each row takes its text); one with more, value by value.
_REPEATS = 4


def _column_texts(series, strings: Any, ascii_only: bool) -> tuple[list[str], list[int]]:
    """Each value of ``series`` as the JSON printer writes what :func:`to_records` gives
    for it, and the positions of the values that are a list or object with something in
    it (whose row stays a record).

    The common dtypes take a short way in whole arrays, each giving the text
    :func:`_json_texts` gives for :func:`_json_column`'s value: times (their hours and the
    rest encoded apart, each distinct one once), whole numbers and booleans (nullable or
    not), text, choices (each category once), and floats (each distinct one once, by its
    bits: 0.0 and -0.0 are equal numbers with different texts). Anything else (lists,
    objects) is encoded value by value.
    """
    import numpy as np
    import pandas as pd

    dtype = series.dtype
    if dtype.kind == "M":
        return _time_texts(series), []
    if isinstance(dtype, pd.CategoricalDtype):
        every = pd.Series(pd.Categorical.from_codes(range(len(dtype.categories)), dtype=dtype))
        table = [*_json_texts(_json_column(every), strings, ascii_only), "null"]
        return np.array(table, dtype=object)[series.cat.codes.to_numpy()].tolist(), []
    if isinstance(dtype, pd.StringDtype):
        values = np.asarray(series.array, dtype=object)  # the texts, NA or NaN for none
        try:
            return list(map(strings, values)), []  # one pass in C, stopped by a missing one
        except TypeError:
            missing = series.isna().to_numpy().tolist()
            return ["null" if m else strings(v) for v, m in zip(values, missing, strict=True)], []
    numeric = isinstance(dtype, np.dtype) and dtype.kind in "biuf"
    if numeric or isinstance(dtype, (pd.Int64Dtype, pd.BooleanDtype)):
        missing = None if numeric else series.isna().to_numpy()
        if dtype.kind == "f":  # by their bits (NaN's among them)
            values = series.to_numpy().view(f"i{dtype.itemsize}")
        elif numeric:
            values = series.to_numpy()
        else:
            values = series.to_numpy(dtype=dtype.numpy_dtype, na_value=0)
        texts = _distinct_texts(values, dtype, strings, ascii_only)
        if missing is not None and missing.any():
            for at in np.flatnonzero(missing).tolist():
                texts[at] = "null"
        return texts, []
    plain = _json_column(series)
    deep = [at for at, value in enumerate(plain) if isinstance(value, (list, tuple, dict)) and value]
    return _json_texts(plain, strings, ascii_only), deep


def _distinct_texts(values: Any, dtype: Any, strings: Any, ascii_only: bool) -> list[str]:
    """The texts of a numpy array of numbers or booleans (floats given as their bits), each
    distinct value encoded once when they repeat, else value by value."""
    import numpy as np
    import pandas as pd

    def encode(array: Any) -> list[str]:
        if dtype.kind == "f":  # as pandas writes them, read back (see _json_column)
            column = pd.Series(np.asarray(array).view(dtype))
            return _json_texts(_json_column(column), strings, ascii_only)
        if dtype.kind == "b":
            return ["true" if v else "false" for v in np.asarray(array, dtype=bool).tolist()]
        return list(map(int.__repr__, np.asarray(array).tolist()))

    codes, uniques = pd.factorize(values)
    if len(uniques) * _REPEATS > len(values):
        return encode(values)
    return np.array(encode(uniques), dtype=object)[codes].tolist()


def _time_texts(series) -> list[str]:
    """The texts of a column of times: what :func:`_json_column` gives (ISO 8601 to the
    millisecond, ``Z`` when aware), quoted, or ``null``.

    Each time is cut to its hour and the rest (minutes, seconds, milliseconds), and each
    distinct hour and rest is written once by numpy: a column of times spread over a year
    has a few thousand of each, and a row's text is then one joining of two.
    """
    import numpy as np
    import pandas as pd

    aware = isinstance(series.dtype, pd.DatetimeTZDtype)
    values = series.dt.tz_convert("UTC").dt.tz_localize(None) if aware else series
    # pandas writes ISO times to the millisecond, cut (not rounded) as numpy's cast does
    ms = values.to_numpy().astype("datetime64[ms]")
    missing = np.isnat(ms)
    stamps = ms.view(np.int64)
    if missing.any():
        stamps = np.where(missing, 0, stamps)
    hours = stamps // 3_600_000
    hour_codes, hour_values = pd.factorize(hours)
    rest_codes, rest_values = pd.factorize(stamps - hours * 3_600_000)
    heads = ['"' + t + ":" for t in
             np.datetime_as_string(np.asarray(hour_values).astype("datetime64[h]")).tolist()]
    # the minutes to milliseconds of a time within 1970-01-01 00:00 (the hour cut off)
    tails = [t[14:] + ("Z\"" if aware else '"') for t in np.datetime_as_string(
        np.asarray(rest_values).astype("datetime64[ms]"), unit="ms").tolist()]
    texts = list(map(str.__add__, np.array(heads, dtype=object)[hour_codes].tolist(),
                     np.array(tails, dtype=object)[rest_codes].tolist()))
    if missing.any():
        for at in np.flatnonzero(missing).tolist():
            texts[at] = "null"
    return texts


def _json_texts(values: list[Any], strings: Any, ascii_only: bool) -> list[str]:
    """Each value as the json module's encoder writes it."""
    types = set(map(type, values))
    kinds = types - {type(None)}
    if kinds <= {str}:
        if kinds == types:  # nothing missing: each encoded in C
            return list(map(strings, values))
        return [strings(v) if v is not None else "null" for v in values]
    if kinds <= {int}:
        if kinds == types:
            return list(map(int.__repr__, values))
        return [str(v) if v is not None else "null" for v in values]
    if kinds <= {bool}:
        return ["null" if v is None else "true" if v else "false" for v in values]
    if kinds <= {float}:
        return ["null" if v is None else repr(v) if math.isfinite(v)
                else "NaN" if v != v else "Infinity" if v > 0 else "-Infinity" for v in values]
    encode = json.JSONEncoder(ensure_ascii=ascii_only, default=str).encode
    return [encode(v) for v in values]  # floats (repr, NaN, Infinity), lists, anything else


def _json_column(series) -> list[Any]:
    """One column's values as :func:`to_records` gives them."""
    import numpy as np
    import pandas as pd

    dtype = series.dtype
    if dtype.kind == "M":  # datetimes, with or without a time zone
        aware = isinstance(dtype, pd.DatetimeTZDtype)
        values = series.dt.tz_convert("UTC").dt.tz_localize(None) if aware else series
        # pandas writes ISO times to the millisecond, cut (not rounded) as numpy's cast does
        text = np.datetime_as_string(values.to_numpy().astype("datetime64[ms]"), unit="ms")
        suffix = "Z" if aware else ""
        return [None if t == "NaT" else t + suffix for t in text.tolist()]
    exact = (pd.Int64Dtype, pd.StringDtype, pd.CategoricalDtype, pd.BooleanDtype)
    if isinstance(dtype, exact) or (isinstance(dtype, np.dtype) and dtype.kind in "biu"):
        if isinstance(dtype, np.dtype):  # numpy bools and integers hold no missing value
            return series.tolist()
        return series.astype(object).where(series.notna(), None).tolist()
    # floats (written with ten decimals), lists and anything else: as pandas writes them
    return json.loads(series.to_json(orient="values", date_format="iso"))
