"""Columns of a table as numpy arrays, handed over by SQLite in a few large strings.

What the outcomes report needs from a large store is a few columns of whole numbers, times
and choices, a million values each. Turned into Python objects one by one (a tuple per
row, or a JSON array decoded into a list) they cost more than the report may take; here
SQLite writes each column as one string, which numpy reads in C:

- whole numbers: ``1,5,7`` (``np.fromstring``), a missing value as :data:`MISSING`;
- times and dates: the texts the store writes, fixed width, side by side in one blob read
  digit by digit (microseconds since 1970 for times, days for dates), a missing one as
  :data:`MISSING`;
- choices: one letter per row, the position of the value in its choices (``-1`` for a
  missing or unknown value, as pandas' categorical codes have it);
- conditions (any SQL expression, ``status = 'held'``): one digit per row, as booleans;
- text: a JSON array, as a list of ``str`` or ``None``.

Exactness is checked, never assumed: a column holding a value this way would misread (a
number that is not whole, a time typed by hand in another form, an impossible date, a
blob) raises :class:`OddColumn`, and the caller reads the store the careful way
(``Store.frames()``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Generator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from infoview.errors import InfoviewError
from infoview.store.schema import COLUMNS

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

#: A missing whole number, time or date.
MISSING = -(2**63)
#: Width of a stored time (``2026-03-12T09:30:00.000000+00:00``) and of a stored date.
TIME_WIDTH, DATE_WIDTH = 32, 10
_TIME_PAD, _DATE_PAD = " " * TIME_WIDTH, " " * DATE_WIDTH
#: The fixed characters of a stored time and date, by position (the others are digits).
_TIME_MARKS = {4: "-", 7: "-", 10: "T", 13: ":", 16: ":", 19: ".", 26: "+", 27: "0", 28: "0",
               29: ":", 30: "0", 31: "0"}
_DATE_MARKS = {4: "-", 7: "-"}
_CODE_BASE = 65  # choices are coded from "A"
#: Rows of times checked at once (see :func:`_grid`).
_CHECK_ROWS = 65_536
US_PER_DAY = 86_400_000_000


class OddColumn(InfoviewError, ValueError):
    """A column holds a value this reader would not read exactly (a file edited by hand)."""


def read_columns(conn: sqlite3.Connection, table: str, columns: Sequence[str] = (), *,
                 conditions: Mapping[str, str] | None = None, where: str = "",
                 params: Sequence[Any] = ()) -> dict[str, np.ndarray | list[Any]]:
    """``columns`` of ``table`` (names of its schema) and ``conditions`` (name -> SQL
    expression), for the rows matching ``where`` (an SQL condition, with ``params``), in
    the order of their ids, from one scan of the table.

    Returns ``{name: values}``: int64 arrays for whole numbers, times (microseconds since
    1970, UTC) and dates (days since 1970), with :data:`MISSING` for a missing value; int8
    arrays of choice codes (``-1`` missing or unknown); bool arrays for conditions; lists
    for text. Raises :class:`OddColumn` when a value would not be read exactly.
    """
    query = ColumnQuery(table, columns, conditions=conditions, where=where, params=params)
    return query.parse(query.run(conn))


class ColumnQuery:
    """One :func:`read_columns`, in two steps: :meth:`run` (SQLite's work, which lets other
    threads run meanwhile) and :meth:`parse` (numpy's)."""

    def __init__(self, table: str, columns: Sequence[str] = (), *,
                 conditions: Mapping[str, str] | None = None, where: str = "",
                 params: Sequence[Any] = ()):
        schema = {c.name: c for c in COLUMNS[table]}
        parts: list[str] = []   # one SQL aggregate per column
        self.readers: list[tuple[str, str, int]] = []
        # The ids (the rowid, never missing) are read as their range when they fill it
        # without a gap, as a store never pruned has them: no text for SQLite to write and
        # numpy to read back; else as any whole numbers, by a second scan (see run).
        self.ids = "id" in columns and "id" in schema
        for name in columns:
            column = schema[name]  # KeyError: not a column of the table
            if name == "id" and self.ids:
                self.readers.append((name, "id", 0))
                continue
            if column.choices is not None:
                cases = " ".join(f"WHEN {_quote(v)} THEN '{chr(_CODE_BASE + i)}'"
                                 for i, v in enumerate(column.choices))
                parts.append(f"CAST(group_concat(CASE {name} {cases} ELSE '@' END, '') AS BLOB)")
                self.readers.append((name, "choice", len(column.choices)))
            elif column.kind == "int":
                parts.append(f"CAST(group_concat(coalesce({name}, {MISSING})) AS BLOB)")
                self.readers.append((name, "int", 0))
            elif column.kind in ("datetime", "date"):
                pad = _TIME_PAD if column.kind == "datetime" else _DATE_PAD
                parts.append(f"CAST(group_concat(coalesce({name}, '{pad}'), '') AS BLOB)")
                self.readers.append((name, column.kind, 0))
            elif column.kind == "str":
                parts.append(f"json_group_array({name})")
                self.readers.append((name, "str", 0))
            else:
                raise ValueError(f"{table}.{name} is a {column.kind} column; read it as a frame")
        for name, expression in (conditions or {}).items():
            parts.append(f"CAST(group_concat(CASE WHEN {expression} THEN '1' ELSE '0' END, '') "
                         "AS BLOB)")
            self.readers.append((name, "condition", 0))
        # No check in SQL (it would cost as much as the reading): what is read back is
        # checked instead, and SQLite's INTEGER affinity has already made whole numbers of
        # numeric texts.
        if self.ids:
            parts.append("min(id), max(id)")
        self.table = table
        scan = f" FROM {table} NOT INDEXED" + (f" WHERE {where}" if where else "")
        self.sql = f"SELECT {', '.join(['count(*)', *parts])}{scan}"
        self.id_sql = f"SELECT CAST(group_concat(id) AS BLOB){scan}"
        self.params = list(params)

    def run(self, conn: sqlite3.Connection) -> tuple[Any, ...]:
        """SQLite's answer: the number of rows, then one string per column, then (when the
        ids are read) their least and greatest and, unless they fill that range, their
        text."""
        try:
            row = tuple(conn.execute(self.sql, self.params).fetchone())
            if self.ids and row[0] and row[-1] - row[-2] + 1 != row[0]:  # a gap: read them
                row += (conn.execute(self.id_sql, self.params).fetchone()[0],)
            return row
        except (sqlite3.DataError, sqlite3.OperationalError) as exc:  # e.g. a blob as text
            raise OddColumn(f"{self.table} cannot be read column by column: {exc}") from exc

    def parse(self, row: tuple[Any, ...]) -> dict[str, np.ndarray | list[Any]]:
        """The columns from :meth:`run`'s answer (see :func:`read_columns`)."""
        import numpy as np

        n = row[0]
        out: dict[str, Any] = {}
        values = list(row[1:])
        if self.ids:  # the range, and the ids' text when they do not fill it
            low, high = values[len(self.readers) - 1:len(self.readers) + 1]
            ids = values[len(self.readers) + 1] if len(values) > len(self.readers) + 1 else None
            at = [kind for _, kind, _ in self.readers].index("id")
            values = [*values[:at], (low, ids), *values[at:len(self.readers) - 1]]
        for (name, kind, choices), value in zip(self.readers, values, strict=True):
            if kind == "id":
                low, text = value
                if text is not None:
                    out[name] = _ints(text, n)
                else:  # low .. low + n - 1, the greatest id at most: no overflow
                    out[name] = np.arange(n, dtype=np.int64) + np.int64(low if n else 0)
            elif kind == "int":
                out[name] = _ints(value, n)
            elif kind == "datetime":
                out[name] = _times(value, n)
            elif kind == "date":
                out[name] = _dates(value, n)
            elif kind == "choice":
                codes = _letters(value, n).astype(np.int16) - _CODE_BASE
                out[name] = np.where((codes >= 0) & (codes < choices), codes, -1).astype(np.int8)
            elif kind == "condition":
                out[name] = _letters(value, n) == ord("1")
            else:
                out[name] = _texts(value, n)
        return out


def prefetch(conn: sqlite3.Connection,
             queries: Sequence[ColumnQuery]) -> Generator[Any, None, None]:
    """Each query's answer (or the :class:`OddColumn` it raised), in order, run one after
    the other in a thread of their own: SQLite works on the next table while the caller
    turns the last one into arrays (SQLite lets go of Python's lock while it works).

    The thread uses ``conn`` as it is, within the transaction the caller holds (one
    snapshot for all); a connection bound to its thread (``check_same_thread``) runs them
    in the caller's. Stop iterating early and the thread finishes its current query.
    """
    import queue
    import threading

    answers: queue.Queue = queue.Queue()
    stop = threading.Event()
    bound = object()  # the connection may only be used in the thread that made it

    def work() -> None:
        for query in queries:
            if stop.is_set():
                break
            try:
                answers.put(query.run(conn))
            except OddColumn as exc:
                answers.put(exc)
            except sqlite3.ProgrammingError:
                answers.put(bound)
                break
            except BaseException as exc:  # handed to the caller, who raises it
                answers.put(exc)
                break

    thread = threading.Thread(target=work, name="infoview-read", daemon=True)
    thread.start()
    try:
        for index in range(len(queries)):
            answer = answers.get()
            if answer is bound:
                thread.join()
                for rest in queries[index:]:
                    yield _answer(rest, conn)
                return
            if isinstance(answer, BaseException) and not isinstance(answer, OddColumn):
                raise answer
            yield answer
    finally:
        stop.set()
        thread.join()


def _answer(query: ColumnQuery, conn: sqlite3.Connection) -> Any:
    try:
        return query.run(conn)
    except OddColumn as exc:
        return exc


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _letters(value: bytes | None, n: int) -> np.ndarray:
    import numpy as np

    data = np.frombuffer(value or b"", dtype=np.uint8)
    if len(data) != n:
        raise OddColumn("a column came back with the wrong number of values")
    return data


def _ints(value: bytes | None, n: int) -> np.ndarray:
    """The whole numbers SQLite wrote, comma-separated. What it writes for whole numbers
    holds only digits, commas and a minus sign before a digit: anything else (``20.5``,
    ``1e3``, a text ``-`` that numpy would read as 0) is odd."""
    import warnings

    import numpy as np

    if not n:
        return np.zeros(0, dtype=np.int64)
    data = np.frombuffer(value or b"", dtype=np.uint8)
    digit = (data >= ord("0")) & (data <= ord("9"))
    minus = data == ord("-")
    if not (digit | minus | (data == ord(","))).all() or not digit[1:][minus[:-1]].all() \
            or (len(data) and minus[-1]):
        raise OddColumn("a column of whole numbers holds something else")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a text numpy cannot read to its end
        try:
            array = np.fromstring(value or b"", dtype=np.int64, sep=",")
        except (DeprecationWarning, ValueError) as exc:
            raise OddColumn("a column of whole numbers did not read back") from exc
    if len(array) != n:
        raise OddColumn("a column came back with the wrong number of values")
    return array


#: A column of text whose first rows repeat a value this often or more is held with one
#: object per distinct text (see :func:`_texts`).
_SAMPLE, _REPEATED = 1024, 2


def _texts(value: str | None, n: int) -> list[Any]:
    """The texts of a JSON array. A column whose values repeat (organizations, kinds of
    action) holds each distinct text once, not a copy per row: a third of the memory of a
    large people table, and every later pass over the column touches fewer objects."""
    texts = json.loads(value) if value else []
    if len(texts) != n or not set(map(type, texts)) <= {str, type(None)}:
        raise OddColumn("a column of text holds something else (a number)")
    sample = texts[:_SAMPLE]
    if len(sample) >= _REPEATED * len(set(sample)):
        same: dict[str | None, str | None] = {}
        texts = list(map(same.setdefault, texts, texts))
    return texts


def _grid(value: bytes | None, n: int, width: int, marks: dict[int, str]):
    """The values of the blob (one row of ``width`` bytes each) that are present, and
    which rows are missing (all spaces; ``None`` when none is); every present row must
    have digits and the marks in their places.

    One pass checks every byte: each position has its lowest allowed byte and the span
    above it (a digit: ``0`` and 9, a mark: itself and 0), and a byte below the lowest
    wraps round to a large number, so ``byte - lowest <= span`` holds exactly for the
    allowed bytes.
    """
    import numpy as np

    data = np.frombuffer(value or b"", dtype=np.uint8)
    if len(data) != n * width:
        raise OddColumn("a column of times came back with the wrong length")
    data = data.reshape(n, width)
    missing: np.ndarray | None = data[:, 0] == ord(" ")
    if missing is not None and missing.any():
        if not (data[missing] == ord(" ")).all():
            raise OddColumn("a time or date is not in the store's own form")
        data = data[~missing]
    else:
        missing = None
    lowest, span = _allowed(width, marks)
    # in slices, through two buffers used again: a whole column's temporaries (two of 24 MB
    # for a million times) cost more in fresh memory than the check itself
    step = min(len(data), _CHECK_ROWS)
    shifted, allowed = np.empty((step, width), dtype=np.uint8), np.empty((step, width), dtype=bool)
    for start in range(0, len(data), step or 1):
        rows = data[start:start + step]
        np.subtract(rows, lowest, out=shifted[:len(rows)])
        if not np.less_equal(shifted[:len(rows)], span, out=allowed[:len(rows)]).all():
            raise OddColumn("a time or date is not in the store's own form")
    return data, missing


def _allowed(width: int, marks: dict[int, str]):
    """Per position of a stored time or date: the lowest byte allowed and the span above it."""
    import numpy as np

    lowest = np.full(width, ord("0"), dtype=np.uint8)
    span = np.full(width, 9, dtype=np.uint8)
    for position, mark in marks.items():
        lowest[position], span[position] = ord(mark), 0
    return lowest, span


def _number(data: np.ndarray, start: int, stop: int) -> np.ndarray:
    """The whole number written in columns ``start:stop`` of each row of ``data`` (digits
    already checked), as int32 (at most eight digits)."""
    import numpy as np

    number = data[:, start].astype(np.int32)
    number -= 48
    for i in range(start + 1, stop):
        number *= 10
        number += data[:, i]
        number -= 48
    return number


def _days(data: np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 of the ``YYYY-MM-DD`` at the start of each row (a valid date
    checked: a month or day out of range is odd)."""
    import numpy as np

    year, month, day = _number(data, 0, 4), _number(data, 5, 7), _number(data, 8, 10)
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    lengths = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int32)
    valid = (month >= 1) & (month <= 12) & (day >= 1)
    if not valid.all() or not (day <= lengths[month] + (leap & (month == 2))).all():
        raise OddColumn("a stored date does not exist")
    # days from the civil date (the proleptic Gregorian calendar, in whole numbers; the
    # years 0000-9999 keep every step within int32)
    y = year - (month <= 2)
    era = y // 400
    year_of_era = y - era * 400
    day_of_year = (153 * (month + np.where(month > 2, -3, 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return (era * 146097 + day_of_era - 719468).astype(np.int64)


def _times(value: bytes | None, n: int) -> np.ndarray:
    """Microseconds since 1970 (UTC) of each stored time, :data:`MISSING` for none."""
    import numpy as np

    present, missing = _grid(value, n, TIME_WIDTH, _TIME_MARKS)
    hours, minutes, seconds = (_number(present, 11, 13), _number(present, 14, 16),
                               _number(present, 17, 19))
    if not ((hours < 24) & (minutes < 60) & (seconds < 60)).all():
        raise OddColumn("a stored time does not exist")
    clock = hours * 3600
    clock += minutes * 60
    clock += seconds
    stamps = _days(present) * US_PER_DAY
    stamps += clock.astype(np.int64) * 1_000_000
    stamps += _number(present, 20, 26)
    if missing is None:
        return stamps
    out = np.full(n, MISSING, dtype=np.int64)
    out[~missing] = stamps
    return out


def _dates(value: bytes | None, n: int) -> np.ndarray:
    """Days since 1970 of each stored date, :data:`MISSING` for none."""
    import numpy as np

    present, missing = _grid(value, n, DATE_WIDTH, _DATE_MARKS)
    if missing is None:
        return _days(present)
    out = np.full(n, MISSING, dtype=np.int64)
    out[~missing] = _days(present)
    return out
