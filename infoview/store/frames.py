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
from collections.abc import Sequence
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


def _series(table: str, column: Column, values: tuple):
    import pandas as pd

    dtype = column_dtype(table, column)
    if column.kind == "datetime":
        data = pd.to_datetime(pd.Series(values, dtype=object), format="ISO8601", utc=True)
        return data.astype(dtype)
    if column.kind == "date":
        return pd.to_datetime(pd.Series(values, dtype=object), format="%Y-%m-%d").astype(dtype)
    if column.kind in ("list", "dict"):
        return pd.Series([None if v is None else json.loads(v) for v in values], dtype=object)
    return pd.Series(values, dtype=dtype)


def table_frame(conn: sqlite3.Connection, table: str):
    """One table as a frame (see the module docstring for the dtypes)."""
    import pandas as pd

    columns = COLUMNS[table]
    names = ", ".join(c.name for c in columns)
    rows = conn.execute(f"SELECT {names} FROM {table} ORDER BY id").fetchall()
    if not rows:
        return empty_frame(table)
    data = dict(zip((c.name for c in columns), zip(*rows, strict=True), strict=True))
    return pd.DataFrame({c.name: _series(table, c, data[c.name]) for c in columns})


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


def build_frames(conn: sqlite3.Connection, snapshot: bool = True) -> dict[str, Any]:
    """Every table as a frame, read in one snapshot of the database.

    ``snapshot=False`` when the caller already holds a transaction (which is a snapshot).
    """
    if not snapshot:
        return {table: table_frame(conn, table) for table in TABLES}
    conn.execute("BEGIN")  # one read transaction: the frames agree with one another
    try:
        return {table: table_frame(conn, table) for table in TABLES}
    finally:
        conn.execute("COMMIT")
