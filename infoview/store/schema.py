"""How each record of :mod:`infoview.models` maps to a table row, and back.

The columns of a table are exactly the fields of its dataclass. Each field has a *kind*,
read from its annotation, that decides how a value is checked and stored:

=========  ==============================  ==========================================
kind       Python value                    stored as (SQLite)
=========  ==============================  ==========================================
str        ``str``                         TEXT
int        ``int``                         INTEGER
datetime   timezone-aware ``datetime``     TEXT, ISO-8601 in UTC, fixed width
date       ``datetime.date``               TEXT, ``YYYY-MM-DD``
list       ``list[str]``                   TEXT, JSON array
dict       ``dict``                        TEXT, JSON object
=========  ==============================  ==========================================

A naive ``datetime`` is refused (:class:`~infoview.errors.BadInput`): the store cannot know
which clock it was read from, and guessing would shift meetings by hours. ISO strings are
accepted where a date or datetime is expected (with an offset, for datetimes), which keeps
notebook cells short. Values come back as UTC datetimes.

Choices (``CHOICES`` in the models) are checked here, in Python, rather than by CHECK
constraints, so that adding an allowed value to ``CHOICES`` needs no database migration.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from typing import Any

from infoview.errors import BadInput
from infoview.models import CHOICES, EARLIEST, LATEST_DATE, RECORD_TYPES, Record

# EARLIEST and LATEST_DATE (in the models) bound every date and time the store keeps.
_FIRST_MOMENT = datetime(EARLIEST.year, 1, 1, tzinfo=UTC)
_LAST_MOMENT = datetime(LATEST_DATE.year + 1, 1, 1, tzinfo=UTC)
#: SQLite keeps whole numbers in 64 bits.
INT_MIN, INT_MAX = -(2**63), 2**63 - 1

_KINDS = {
    "str": "str", "int": "int", "datetime": "datetime", "date": "date",
    "list[str]": "list", "dict[str, Any]": "dict",
}


@dataclass(frozen=True)
class Column:
    """One column of a table: its field name, kind, whether it may be empty, its choices."""

    name: str
    kind: str
    nullable: bool
    choices: tuple[str, ...] | None = None


def _kind_of(annotation: object) -> tuple[str, bool]:
    text = str(annotation).replace(" ", "")
    nullable = text.endswith("|None")
    base = text.removesuffix("|None")
    for key, kind in _KINDS.items():
        if base == key.replace(" ", ""):
            return kind, nullable
    raise TypeError(f"the store cannot keep a field annotated {annotation!r}")


def _columns(cls: type[Record]) -> tuple[Column, ...]:
    out = []
    for f in fields(cls):
        kind, nullable = _kind_of(f.type)
        out.append(Column(f.name, kind, nullable, CHOICES.get((cls.table, f.name))))
    return tuple(out)


#: Columns of every table, by table name, in dataclass field order.
COLUMNS: dict[str, tuple[Column, ...]] = {cls.table: _columns(cls) for cls in RECORD_TYPES}
#: The record class of every table.
TYPES: dict[str, type[Record]] = {cls.table: cls for cls in RECORD_TYPES}
#: Table names in an order where referenced tables come first.
TABLES: tuple[str, ...] = tuple(cls.table for cls in RECORD_TYPES)


def table_of(record_type: type[Record] | str) -> str:
    """The table name of a record class (or a table name, checked)."""
    name = record_type if isinstance(record_type, str) else getattr(record_type, "table", None)
    if name not in COLUMNS:
        raise BadInput(f"{record_type!r} is not a kind of record the store keeps; "
                       f"use one of {', '.join(TABLES)}")
    return name


# ---- Python value -> SQLite value -------------------------------------------------------

def _to_datetime(value: Any, where: str) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError as exc:
            raise BadInput(f"{where}: {value!r} is not an ISO-8601 date and time") from exc
    if not isinstance(value, datetime):
        raise BadInput(f"{where}: expected a timezone-aware datetime, got {value!r}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise BadInput(f"{where}: {value!r} has no time zone; attach one "
                       "(e.g. datetime(..., tzinfo=ZoneInfo('Europe/Paris')) or timezone.utc)")
    check_date_range(value.date(), where)  # before moving zones, which can overflow
    moment = value.astimezone(UTC)
    check_date_range(moment.date(), where)  # what is kept (in UTC) can be saved again
    return moment


def check_date_range(day: date, where: str) -> date:
    """``day`` if the store keeps it (:data:`EARLIEST` to :data:`LATEST_DATE`), else BadInput."""
    if not EARLIEST <= day <= LATEST_DATE:
        raise BadInput(f"{where}: {day.isoformat()} is outside the years {EARLIEST.year} to "
                       f"{LATEST_DATE.year} that infoview keeps; check the year")
    return day


def _to_date(value: Any, where: str) -> date:
    if isinstance(value, datetime):
        return check_date_range(value.date(), where)
    if isinstance(value, date):
        return check_date_range(value, where)
    if isinstance(value, str):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError as exc:
            raise BadInput(f"{where}: {value!r} is not a date like 2024-03-12") from exc
        return check_date_range(day, where)
    raise BadInput(f"{where}: expected a date, got {value!r}")


def _sql_str(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise BadInput(f"{where}: expected text, got {value!r}")
    return value


def _sql_int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadInput(f"{where}: expected a whole number, got {value!r}")
    if not INT_MIN <= value <= INT_MAX:
        raise BadInput(f"{where}: {value} is too large a number to keep")
    return value


#: GLOB pattern of a stored time in the store's own form (ISO 8601 in UTC to the
#: microsecond, ``2026-03-12T09:30:00.000000+00:00``): such texts compare in time order.
STORED_TIME = "????-??-??T??:??:??.??????+00:00"


def _sql_datetime(value: Any, where: str) -> str:
    # In UTC, isoformat with microseconds is fixed width, 2024-03-12T09:30:00.000000+00:00.
    return _to_datetime(value, where).isoformat(timespec="microseconds")


def _sql_date(value: Any, where: str) -> str:
    return _to_date(value, where).isoformat()


def _sql_list(value: Any, where: str) -> str:
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise BadInput(f"{where}: expected a list of text, got {value!r}")
    return json.dumps(list(value), ensure_ascii=False)


def _sql_dict(value: Any, where: str) -> str:
    if not isinstance(value, dict):
        raise BadInput(f"{where}: expected a dict, got {type(value).__name__}")
    try:
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    except (TypeError, ValueError) as exc:
        raise BadInput(f"{where}: cannot be kept as JSON ({exc})") from exc


def _json_default(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


_TO_SQL: dict[str, Callable[[Any, str], Any]] = {
    "str": _sql_str, "int": _sql_int, "datetime": _sql_datetime, "date": _sql_date,
    "list": _sql_list, "dict": _sql_dict,
}


def _converter(table: str, column: Column) -> Callable[[Any], Any]:
    where = f"{table}.{column.name}"
    to_sql_kind = _TO_SQL[column.kind]

    def general(value: Any) -> Any:
        if value is None:
            if column.nullable:
                return None
            raise BadInput(f"{where} is required")
        out = to_sql_kind(value, where)
        if column.choices is not None and out not in column.choices:
            raise BadInput(f"{where}: {value!r} is not one of {', '.join(column.choices)}")
        return out

    # Saving 100,000 rows calls these a million times: plain values take a short path.
    nullable = column.nullable
    if column.kind == "str":
        allowed = frozenset(column.choices) if column.choices is not None else None

        def fast_str(value: Any) -> Any:
            if type(value) is str and (allowed is None or value in allowed):
                return value
            if value is None and nullable:
                return None
            return general(value)

        return fast_str

    if column.kind == "int":
        def fast_int(value: Any) -> Any:
            if type(value) is int and INT_MIN <= value <= INT_MAX:
                return value
            if value is None and nullable:
                return None
            return general(value)

        return fast_int

    if column.kind == "datetime":
        def utc_first(value: Any) -> Any:
            if type(value) is datetime and value.tzinfo is UTC and (
                    _FIRST_MOMENT <= value < _LAST_MOMENT):
                return value.isoformat(timespec="microseconds")
            if value is None and nullable:
                return None
            return general(value)

        return utc_first

    def none_first(value: Any) -> Any:
        if value is None and nullable:
            return None
        return general(value)

    return none_first


_CONVERTERS: dict[str, tuple[tuple[str, Callable[[Any], Any]], ...]] = {
    table: tuple((col.name, _converter(table, col)) for col in cols)
    for table, cols in COLUMNS.items()
}
_BY_NAME = {(table, name): conv for table, pairs in _CONVERTERS.items() for name, conv in pairs}


def to_sql(table: str, column: Column, value: Any) -> Any:
    """One value checked and converted for SQLite; raises BadInput when it does not fit."""
    return _BY_NAME[(table, column.name)](value)


def to_row(record: Record) -> list[Any]:
    """The SQLite values of a record, in column order (``id`` included)."""
    return [conv(getattr(record, name)) for name, conv in _CONVERTERS[record.table]]


# ---- SQLite value -> Python value -------------------------------------------------------

def _py_datetime(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError("a date and time without a time zone")
    return value.astimezone(UTC)


_FROM_SQL: dict[str, Callable[[Any], Any]] = {
    "str": str, "int": int, "datetime": _py_datetime, "date": date.fromisoformat,
    "list": json.loads, "dict": json.loads,
}


def from_row(table: str, row: tuple | list) -> Record:
    """Rebuild a record from its SQLite values in column order."""
    values = {
        col.name: (None if raw is None else _FROM_SQL[col.kind](raw))
        for col, raw in zip(COLUMNS[table], row, strict=False)
    }
    return TYPES[table](**values)


def from_sql(column: Column, raw: Any) -> Any:
    """One SQLite value as its Python value."""
    return None if raw is None else _FROM_SQL[column.kind](raw)
