"""The store as pandas DataFrames: one per table, with dtypes analytics can rely on.

The contract (kept stable; analytics and widgets depend on it):

- one frame per table, keyed by table name (``people``, ``meetings``, ...), with exactly
  the dataclass field names as columns, in field order, ordered by ``id``;
- ``id`` and every whole-number field: nullable ``Int64``;
- datetimes: ``datetime64[us, UTC]`` (pandas 3's own unit for parsed text);
- dates: naive ``datetime64[us]``;
- choice fields (``CHOICES``): ``CategoricalDtype(categories=CHOICES[...])``, unordered;
- text: pandas ``string`` dtype (missing values are ``pd.NA``);
- lists (tags, schools, ...) and research ``data``: Python lists / dicts in ``object``
  columns;
- an empty table gives an empty frame with the same columns and dtypes.

pandas is imported only here, and only when a frame is asked for.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from infoview.store.schema import COLUMNS, TABLES, Column, to_row

if TYPE_CHECKING:  # pragma: no cover
    from infoview.models import Record

DATETIME_DTYPE = "datetime64[us, UTC]"
DATE_DTYPE = "datetime64[us]"


def column_dtype(table: str, column: Column) -> Any:
    """The pandas dtype of one column of the frames contract."""
    import pandas as pd

    if column.choices is not None:
        return pd.CategoricalDtype(categories=list(column.choices))
    return {
        "int": "Int64", "str": "string", "datetime": DATETIME_DTYPE, "date": DATE_DTYPE,
        "list": object, "dict": object,
    }[column.kind]


def frame_dtypes(table: str) -> dict[str, Any]:
    """Column name -> dtype for one table's frame."""
    return {col.name: column_dtype(table, col) for col in COLUMNS[table]}


def empty_frame(table: str):
    """An empty frame of one table, with the contract's columns and dtypes."""
    import pandas as pd

    return pd.DataFrame({name: pd.Series(dtype=dtype)
                         for name, dtype in frame_dtypes(table).items()})


def _series(table: str, column: Column, values: Any, plain: bool = False):
    """One column of a frame from its SQLite values (a tuple or an object array).

    ``plain`` says SQLite found nothing odd in the column (only whole numbers in an int
    column, only valid JSON in a list column), which allows the fast conversions.
    """
    import pandas as pd

    dtype = column_dtype(table, column)
    if column.kind in ("datetime", "date"):
        return _times(_objects(values), column.kind == "datetime", dtype)
    if column.kind in ("list", "dict"):
        return pd.Series(_json_values(values, plain), dtype=object)
    if column.kind == "int" and plain:
        import numpy as np

        # Whole numbers and None as floats (None becomes NaN) convert to Int64 in C; exact
        # below 2**53, which ids and counts never reach (larger ones take the general way).
        floats = _objects(values).astype(np.float64)
        if np.nanmax(np.abs(floats), initial=0) < 2.0**53:
            return pd.Series(pd.array(floats, dtype="Int64"))
    return pd.Series(_objects(values), dtype=dtype)


def _times(values: Any, aware: bool, dtype: Any):
    """Stored times (ISO 8601 text in UTC) or dates (``YYYY-MM-DD``) as a Series of
    ``dtype``; ``None`` gives NaT.

    Only the texts are parsed, each on its own as pandas parses any ISO text, and put back
    in their places: parsing an array holding missing values took pandas three times as
    long.
    """
    import numpy as np
    import pandas as pd

    present = pd.notna(values)
    if present.all():
        texts, present = values, None
    else:
        texts = values[present]
    if aware:
        parsed = pd.Series(pd.to_datetime(texts, format="ISO8601", utc=True)).astype(dtype)
    else:
        parsed = pd.Series(pd.to_datetime(texts, format="%Y-%m-%d")).astype(dtype)
    if present is None:
        return parsed
    out = np.full(len(values), np.datetime64("NaT", "us"))
    unit = parsed.dt.tz_localize(None) if aware else parsed
    out[present] = unit.to_numpy(dtype="datetime64[us]")
    series = pd.Series(out)
    return series.dt.tz_localize("UTC") if aware else series


def _objects(values: Any):
    """``values`` as a one-dimensional object array (what pandas converts fastest)."""
    import numpy as np

    if isinstance(values, np.ndarray):
        return values
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _json_values(values: Any, plain: bool) -> list[Any]:
    """Decode stored JSON texts (``None`` stays ``None``).

    When SQLite has checked that every text is valid JSON, each distinct text is decoded
    once, all in one call: four times faster than a call per row at a million rows, and
    faster again when many rows hold the same tags. Each row still gets its own list or
    dict (a shallow copy), so changing one cell never changes another.
    """
    if plain and len(values):
        texts = ["null" if v is None else v for v in values]
        distinct = list(dict.fromkeys(texts))
        try:
            decoded = json.loads("[" + ",".join(distinct) + "]")
        except (TypeError, ValueError):
            decoded = None
        if isinstance(decoded, list) and len(decoded) == len(distinct):
            if len(distinct) == len(texts):
                return decoded
            value_of = dict(zip(distinct, decoded, strict=True))
            return [_own(value_of[text]) for text in texts]
    return [None if v is None else json.loads(v) for v in values]


def _own(value: Any) -> Any:
    """``value`` as a row's own: a list or dict copied (shallow), anything else as it is."""
    return value.copy() if isinstance(value, (list, dict)) else value


def _checks(columns: Iterable[Column]) -> dict[str, str]:
    """Per int or JSON column, an SQL test true for a value that is not plain: anything but
    a whole number (or NULL) in an int column, anything but valid JSON text in a list or
    dict column."""
    checks = {}
    for column in columns:
        name = column.name
        if column.kind == "int":
            checks[name] = f"typeof({name}) NOT IN ('integer', 'null')"
        elif column.kind in ("list", "dict"):
            checks[name] = f"{name} IS NOT NULL AND (typeof({name}) != 'text' OR NOT json_valid({name}))"
    return checks


def _plain_columns(conn: sqlite3.Connection, table: str,
                   columns: Iterable[Column] | None = None) -> set[str]:
    """The int and JSON columns of ``table`` that hold nothing odd, found in one scan in C:
    only whole numbers (or NULL) in an int column, only valid JSON text in a list or dict
    column. A store written by infoview holds nothing else; a file edited by hand might."""
    checks = _checks(COLUMNS[table] if columns is None else columns)
    if not checks:
        return set()
    sums = ", ".join(f"coalesce(sum({check}), 0)" for check in checks.values())
    try:
        odd = conn.execute(f"SELECT {sums} FROM {table}").fetchone()
    except sqlite3.OperationalError:  # an SQLite built without JSON: the careful way
        return set()
    return {name for name, count in zip(checks, odd, strict=True) if count == 0}


def table_frame(conn: sqlite3.Connection, table: str, skip: Collection[str] = (),
                answer: Any = None, stored_times: set[tuple[str, str]] | None = None):
    """One table as a frame (see the module docstring for the dtypes), without the columns
    named in ``skip``.

    Whole numbers, times, dates, choices and text come out of SQLite as one string per
    column read by numpy (:func:`infoview.store.columns.read_columns`), lists and dicts as
    one JSON array each (:func:`_json_columns`), which a large table hands over several
    times faster than a row per tuple. A table holding a value either would misread (a
    time typed by hand in another form) is read as JSON arrays, and one holding a value
    JSON cannot carry (a blob written by another program) row by row (:func:`_grid_frame`),
    with the same result. ``answer``: what :func:`_flat_query` of those columns already
    got from SQLite, when it was run ahead (:func:`build_frames`). ``stored_times``, when
    given, gets ``(table, column)`` for each time column read that way: each of its times
    is in the store's own form.
    """
    import pandas as pd

    columns = [c for c in COLUMNS[table] if c.name not in skip]
    fast = _column_frame(conn, table, columns, answer)
    if fast is not None and stored_times is not None:
        stored_times.update((table, c.name) for c in columns if c.kind == "datetime")
    if fast is not None:
        return fast
    try:
        read = _json_columns(conn, table, columns)
    except (sqlite3.DataError, sqlite3.OperationalError, ValueError):
        read = None
    if read is None:
        return _grid_frame(conn, table, columns)
    values, plain = read
    if not values or not len(values[0]):
        return empty_frame(table)[[c.name for c in columns]]
    return pd.DataFrame({c.name: _series(table, c, _objects(v), c.name in plain)
                         for c, v in zip(columns, values, strict=True)})


def _flat_query(table: str, columns: Sequence[Column]):
    """The :class:`~infoview.store.columns.ColumnQuery` of the columns of ``columns`` that
    are not lists or dicts."""
    from infoview.store.columns import ColumnQuery

    return ColumnQuery(table, [c.name for c in columns if c.kind not in ("list", "dict")])


def _column_frame(conn: sqlite3.Connection, table: str, columns: Sequence[Column],
                  answer: Any = None):
    """:func:`table_frame` from numpy columns (lists and dicts decoded from JSON arrays),
    or ``None`` when a value would not be read exactly that way."""
    import pandas as pd

    from infoview.store.columns import OddColumn

    nested = [c for c in columns if c.kind in ("list", "dict")]
    query = _flat_query(table, columns)
    try:
        if answer is None:
            answer = query.run(conn)
        if isinstance(answer, OddColumn):
            return None
        read = query.parse(answer)
        decoded = {}
        if nested:  # with the ids, which _json_columns checks the order of
            ids = [c for c in COLUMNS[table] if c.name == "id"]
            json_read = _json_columns(conn, table, [*ids, *nested])
            if json_read is None:
                return None
            decoded = {c.name: _series(table, c, _objects(v), c.name in json_read[1])
                       for c, v in zip(nested, json_read[0][len(ids):], strict=True)}
    except (OddColumn, sqlite3.DataError, sqlite3.OperationalError, ValueError):
        return None
    count = len(next(iter(read.values()))) if read else len(next(iter(decoded.values())))
    if not count:
        return empty_frame(table)[[c.name for c in columns]]
    return pd.DataFrame({c.name: decoded[c.name] if c.name in decoded
                         else column_series(table, c, read[c.name]) for c in columns})


def column_series(table: str, column: Column, values: Any):
    """One column of a frame from what :func:`infoview.store.columns.read_columns` read."""
    import numpy as np
    import pandas as pd

    from infoview.store.columns import MISSING, US_PER_DAY

    dtype = column_dtype(table, column)
    if column.choices is not None:
        return pd.Series(pd.Categorical.from_codes(values, dtype=dtype))
    if column.kind == "int":
        missing = values == MISSING
        data = np.where(missing, 1, values) if missing.any() else values
        return pd.Series(pd.arrays.IntegerArray(data, missing))
    if column.kind == "datetime":  # MISSING is NaT's own number
        return pd.Series(values.view("datetime64[us]")).dt.tz_localize("UTC")
    if column.kind == "date":
        stamps = np.where(values == MISSING, MISSING, values * US_PER_DAY)
        return pd.Series(stamps.view("datetime64[us]"))
    return pd.Series(_objects(values), dtype=dtype)


def _json_columns(conn: sqlite3.Connection, table: str,
                  columns: Sequence[Column]) -> tuple[list[list[Any]], set[str]] | None:
    """Every column's values, in ``id`` order, and the names of the plain columns (see
    :func:`_plain_columns`), from one scan of the table; ``None`` when the careful way
    must read it.

    Each column comes back as one JSON array built by SQLite and decoded in one call.
    Only values JSON gives back exactly are taken this way: text, NULL, and whole numbers
    in a plain int column (a real number would come back with fifteen digits, so an int
    column holding one is read again row by row).
    """
    checks = _checks(columns)
    arrays = ", ".join(f"json_group_array({c.name})" for c in columns)
    sums = "".join(f", coalesce(sum({check}), 0)" for check in checks.values())
    # NOT INDEXED: the table itself, in rowid (id) order, not a covering index's order
    row = conn.execute(f"SELECT {arrays}{sums} FROM {table} NOT INDEXED").fetchone()
    values = [json.loads(text) for text in row[:len(columns)]]
    plain = {name for name, count in zip(checks, row[len(columns):], strict=True) if count == 0}
    import numpy as np

    ids = next(v for c, v in zip(columns, values, strict=True) if c.name == "id")
    if len(ids) > 1 and not (np.diff(np.asarray(ids, dtype=np.float64)) > 0).all():
        return None  # defensive (a rowid scan is in id order): read in order of id
    for i, column in enumerate(columns):
        if column.kind == "int" and column.name not in plain:  # not only whole numbers
            values[i] = [r[0] for r in conn.execute(
                f"SELECT {column.name} FROM {table} ORDER BY id")]
    return values, plain


def _grid_frame(conn: sqlite3.Connection, table: str, columns: Sequence[Column]):
    """:func:`table_frame` read row by row (one tuple per row), the careful way for a
    table holding values a JSON array cannot carry."""
    import numpy as np
    import pandas as pd

    names = ", ".join(c.name for c in columns)
    rows = conn.execute(f"SELECT {names} FROM {table} ORDER BY id").fetchall()
    if not rows:
        return empty_frame(table)[[c.name for c in columns]]
    plain = _plain_columns(conn, table, columns)
    # One object array sliced per column: the rows are transposed in C, not by zip(*rows).
    grid = np.empty((len(rows), len(columns)), dtype=object)
    grid[:] = rows
    del rows
    return pd.DataFrame({c.name: _series(table, c, grid[:, i], c.name in plain)
                         for i, c in enumerate(columns)})


class PartialFrames(dict):
    """Frames read for one purpose: only some tables, some columns left unread.

    Attributes:
        tables_read: the tables read (any other is missing, not empty).
        skipped: ``{table: columns}`` left unread.
    """

    def __init__(self, frames: dict[str, Any], tables_read: Collection[str],
                 skipped: Mapping[str, Collection[str]]):
        super().__init__(frames)
        self.tables_read = frozenset(tables_read)
        self.skipped = {t: tuple(c) for t, c in skipped.items()}

    def copy(self) -> PartialFrames:
        """A shallow copy that still says what was left unread."""
        return PartialFrames(self, self.tables_read, self.skipped)


def records_frame(table: str, records: Sequence[Record]):
    """Records of one table (saved or not: an unsaved one has no ``id``) as a frame of the
    contract, e.g. to put actions computed on the fly beside the stored ones."""
    import pandas as pd

    if not records:
        return empty_frame(table)
    columns = COLUMNS[table]
    rows = [to_row(record) for record in records]
    data = dict(zip((c.name for c in columns), zip(*rows, strict=True), strict=True))
    return pd.DataFrame({c.name: _series(table, c, data[c.name]) for c in columns})


def build_frames(conn: sqlite3.Connection, snapshot: bool = True, *,
                 tables: Iterable[str] | None = None,
                 skip: Mapping[str, Collection[str]] | None = None,
                 stored_times: set[tuple[str, str]] | None = None) -> dict[str, Any]:
    """Every table as a frame, read in one snapshot of the database.

    ``snapshot=False`` when the caller already holds a transaction (which is a snapshot).
    ``tables`` and ``skip`` read only those tables and leave those columns unread (free
    text a large store holds a lot of); the result is then a :class:`PartialFrames`.
    ``stored_times`` gets the time columns found in the store's own form on the way
    (:meth:`infoview.store.core.Store.has_odd_times` need not scan them again).
    """
    chosen = list(TABLES) if tables is None else [t for t in TABLES if t in set(tables)]
    skipped = dict(skip or {})

    def read() -> dict[str, Any]:
        from contextlib import closing

        from infoview.store.columns import prefetch

        # SQLite reads the next table while the last one becomes a frame
        queries = [_flat_query(t, [c for c in COLUMNS[t] if c.name not in skipped.get(t, ())])
                   for t in chosen]
        with closing(prefetch(conn, queries)) as answers:
            return {table: table_frame(conn, table, skipped.get(table, ()), answer,
                                       stored_times)
                    for table, answer in zip(chosen, answers, strict=False)}

    if snapshot:
        conn.execute("BEGIN")  # one read transaction: the frames agree with one another
        try:
            frames = read()
        finally:
            conn.execute("COMMIT")
    else:
        frames = read()
    if tables is None and not skipped:
        return frames
    return PartialFrames(frames, chosen, skipped)
