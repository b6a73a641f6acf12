"""The :class:`Store`: the one place that reads and writes the user's data.

A store is one SQLite file (WAL mode, foreign keys on, a busy timeout so that two notebook
kernels can write at once). Every write runs in a transaction; :meth:`Store.transaction`
groups several writes into one, and nests safely (inner blocks become savepoints).
"""

from __future__ import annotations

import builtins
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path
from typing import Any, Self, TypeVar

from infoview.errors import BadInput, NotFound, StoreError
from infoview.models import Person, Record, UserProfile
from infoview.store import files
from infoview.store.schema import (
    COLUMNS,
    INT_MAX,
    INT_MIN,
    STORED_TIME,
    TABLES,
    from_row,
    table_of,
    to_row,
    to_sql,
)
from infoview.text import fold, profile_key

R = TypeVar("R", bound=Record)

_INSERT = {t: f"INSERT INTO {t} ({', '.join(c.name for c in cols)}) "
              f"VALUES ({', '.join('?' * len(cols))})" for t, cols in COLUMNS.items()}
_ID_POSITION = {t: [c.name for c in cols].index("id") for t, cols in COLUMNS.items()}
_FIELD_NAMES = {t: {c.name for c in cols} for t, cols in COLUMNS.items()}


def _integrity(table: str, exc: sqlite3.IntegrityError) -> BadInput:
    text = str(exc)
    if "FOREIGN KEY" in text:
        hint = "a referenced record (person, meeting, organization) does not exist; save it first"
    elif "UNIQUE" in text:
        hint = "a record with that id already exists; leave id empty to get a new one"
    else:
        hint = text
    return BadInput(f"cannot save this {table + ' ' if table else ''}record: {hint}")


#: A missing record of these tables is named in plain words, with the command that
#: lists the ids of its kind (any other table: "no <table> record with id N").
_MISSING: dict[str, tuple[str, str]] = {
    "people": ("person", "infoview people list"),
    "meetings": ("meeting", "infoview meeting list"),
    "outreach": ("message", "infoview outreach list"),
    "organizations": ("organization", "infoview targets"),
}


def not_found(table: str, record_id: object) -> NotFound:
    """The error for a record of ``table`` that is not there: "no person with id 9;
    `infoview people list` shows the ids"."""
    if table in _MISSING:
        noun, command = _MISSING[table]
        return NotFound(f"no {noun} with id {record_id}; `{command}` shows the ids", noun)
    return NotFound(f"no {table} record with id {record_id}", table.rstrip("s").replace("_", " "))


def _known_id(table: str, record_id: object) -> None:
    """NotFound for an id no row can have (past SQLite's 64 bits, or not a number): the
    lookup would otherwise fail with an OverflowError instead of saying what is wrong."""
    if isinstance(record_id, bool) or not isinstance(record_id, int) or not INT_MIN <= record_id <= INT_MAX:
        raise not_found(table, record_id)


def _stamp(records: Sequence[Record]) -> None:
    """Fill an empty ``created_at`` with now (records of one type)."""
    if not records or "created_at" not in _FIELD_NAMES[records[0].table]:
        return
    now = datetime.now(UTC)
    for record in records:
        if record.created_at is None:
            record.created_at = now


class Store:
    """A connection to the user's store file.

    Use :meth:`open` (or ``with Store.open(path) as store:``). Records go in and come out
    as the dataclasses of :mod:`infoview.models`, through one generic API whatever their
    type: ``store.add(Person(...))``, ``store.get(Meeting, 3)``, ``store.list(Action,
    meeting_id=3)``, :meth:`update`, :meth:`delete`.

    What spans many records lives in the store's other modules, each a function of the
    store: deleting a person everywhere (:func:`infoview.store.erase.delete_person`), export
    and import (:mod:`infoview.store.exchange`), LinkedIn imports
    (:mod:`infoview.store.linkedin`, :mod:`infoview.store.archive_import`). This module
    imports none of them.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self._conn = conn
        self._path = path
        self._lock = threading.RLock()
        self._depth = 0
        # Time columns read whole inside the current reading() block and found in the
        # store's own form (None outside such a block): has_odd_times need not scan them.
        self._stored_times: set[tuple[str, str]] | None = None
        conn.create_function("iv_fold", 1, fold, deterministic=True)
        conn.create_function("iv_profile_key", 1, profile_key, deterministic=True)

    # ---- opening and closing -------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None = None, *, must_exist: bool = False,
             timeout: float = 30.0) -> Self:
        """Open (or create) the store at ``path``; the default comes from ``default_db_path``.

        Args:
            path: the database file; its folder is created when missing.
            must_exist: refuse to create a new file (for commands that only read).
            timeout: seconds to wait for another process's write to finish.

        Raises:
            StoreError: missing (with ``must_exist``), unreadable, not SQLite or damaged.
            StoreVersionError: written by a newer infoview; the file is left untouched.
        """
        if path is None:
            from infoview.paths import default_db_path

            path = default_db_path()
        path = Path(path).expanduser()
        return cls(files.connect(path, must_exist=must_exist, timeout=timeout), path)

    @property
    def path(self) -> Path:
        """The database file."""
        return self._path

    @property
    def changes(self) -> int:
        """How many rows this connection has written since it opened: a page that shows the
        store compares it with what it saw last, to know whether to redraw."""
        return self._conn.total_changes

    def close(self) -> None:
        """Close the connection (committed data is already on disk)."""
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self._path)!r})"

    # ---- transactions --------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Run the enclosed writes as one transaction: all of them are kept, or none.

        Nested blocks are savepoints: an exception inside undoes that block only (and then
        whatever the caller lets it undo as it propagates).
        """
        with self._lock:
            depth = self._depth
            savepoint = f"iv_sp{depth}"
            try:
                self._conn.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT {savepoint}")
            except sqlite3.Error as exc:
                raise StoreError(f"{self._path}: cannot start a write ({exc}); another "
                                 "program may be holding the database for too long") from exc
            self._depth += 1
            try:
                yield self
            except BaseException as exc:
                self._depth = depth
                if self._conn.in_transaction:  # SQLite may have rolled back already (disk full)
                    if depth == 0:
                        self._conn.execute("ROLLBACK")
                    else:
                        self._conn.execute(f"ROLLBACK TO {savepoint}")
                        self._conn.execute(f"RELEASE {savepoint}")
                if isinstance(exc, sqlite3.OperationalError):  # locked too long, disk full, ...
                    raise StoreError(f"{self._path}: the write was undone ({exc}); check free "
                                     "space and that no other program holds the file") from exc
                raise
            self._depth = depth
            try:
                self._conn.execute("COMMIT" if depth == 0 else f"RELEASE {savepoint}")
            except sqlite3.Error as exc:
                if depth == 0 and self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise StoreError(f"{self._path}: the write could not be saved ({exc})") from exc

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """Read in one snapshot: everything read inside the block sees the store as it was
        at the block's first read, whatever another program writes meanwhile (so that
        figures read with several queries agree). Inside a :meth:`transaction` (itself a
        snapshot) the block adds nothing; writes inside the block are not allowed."""
        with self._lock:
            if self._depth:
                yield self
                return
            self._conn.execute("BEGIN")
            self._depth += 1
            self._stored_times = set()
            try:
                yield self
            finally:
                self._stored_times = None
                self._depth -= 1
                if self._conn.in_transaction:
                    self._conn.execute("COMMIT")  # nothing was written: this ends the read

    @property
    def in_transaction(self) -> bool:
        """True inside a :meth:`transaction` block (of this store object)."""
        return self._depth > 0

    def _write(self, table: str, sql: str, params: Iterable[Any]) -> sqlite3.Cursor:
        """One statement, in its own transaction unless one is open (it is atomic anyway)."""
        with self._lock:
            try:
                if self._depth:
                    return self._conn.execute(sql, tuple(params))
                with self.transaction():
                    return self._conn.execute(sql, tuple(params))
            except sqlite3.IntegrityError as exc:
                raise _integrity(table, exc) from exc
            except sqlite3.DatabaseError as exc:
                if files.is_damage(exc):
                    raise files.damaged(self._path, exc) from exc
                raise
            except OverflowError as exc:  # a number past 64 bits that no check caught
                raise BadInput(f"cannot save this {table} record: a number in it is too large "
                               "to keep") from exc

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        with self._lock:
            try:
                args = params if isinstance(params, dict) else tuple(params)
                return self._conn.execute(sql, args).fetchall()
            except sqlite3.IntegrityError as exc:
                raise _integrity("", exc) from exc
            except sqlite3.DatabaseError as exc:
                if files.is_damage(exc):
                    raise files.damaged(self._path, exc) from exc
                raise StoreError(f"{self._path}: cannot read ({exc})") from exc
            except OverflowError as exc:  # looking up a number past 64 bits: none is kept
                raise BadInput("a number asked for is too large to be an id or a count "
                               "infoview keeps") from exc

    # ---- the generic API -----------------------------------------------------------------

    def add(self, record: R) -> R:
        """Save a new record; returns it with ``id`` set (and ``created_at`` when empty).

        A record whose ``id`` is already set keeps that id (used by import).
        """
        if isinstance(record, UserProfile):
            return self.save_profile(record)  # type: ignore[return-value]
        table, row = self._prepare(record)
        cursor = self._write(table, _INSERT[table], row)
        record.id = cursor.lastrowid
        return record

    def add_many(self, records: Iterable[R]) -> list[R]:
        """Save many records in one transaction (all or none); returns them with ids.

        Consecutive records of one type are written together, which is what makes saving
        100,000 meetings take about a second.
        """
        records = list(records)
        with self.transaction():
            for cls, group in groupby(records, key=type):
                batch = list(group)
                if cls is UserProfile:
                    for profile in batch:
                        self.save_profile(profile)  # type: ignore[arg-type]
                else:
                    self._insert_batch(batch)
        return records

    def _insert_batch(self, batch: Sequence[Record]) -> None:
        """Insert records of one type inside the open transaction, numbering them as SQLite
        would (highest id + 1), which the write lock held by the transaction makes safe."""
        table = table_of(type(batch[0]))
        _stamp(batch)
        rows = [to_row(record) for record in batch]
        pos = _ID_POSITION[table]
        next_id = self._conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]
        given = [row[pos] for row in rows if row[pos] is not None]
        next_id = max([next_id, *(i + 1 for i in given)])
        for row in rows:
            if row[pos] is None:
                row[pos] = next_id
                next_id += 1
        try:
            self._conn.executemany(_INSERT[table], rows)
        except sqlite3.IntegrityError as exc:
            raise _integrity(table, exc) from exc
        for record, row in zip(batch, rows, strict=True):
            record.id = row[pos]

    def _prepare(self, record: Record) -> tuple[str, list[Any]]:
        table = table_of(type(record))
        _stamp([record])
        return table, to_row(record)

    def update(self, record: R) -> R:
        """Write every field of a saved record back; raises NotFound when it is gone."""
        if isinstance(record, UserProfile):
            return self.save_profile(record)  # type: ignore[return-value]
        table = table_of(type(record))
        if record.id is None:
            raise BadInput(f"this {table} record has no id yet; add it before updating it")
        _known_id(table, record.id)
        columns = [c for c in COLUMNS[table] if c.name != "id"]
        values = [to_sql(table, c, getattr(record, c.name)) for c in columns]
        assignments = ", ".join(f"{c.name} = ?" for c in columns)
        cursor = self._write(table, f"UPDATE {table} SET {assignments} WHERE id = ?",
                             [*values, record.id])
        if cursor.rowcount == 0:
            raise not_found(table, record.id)
        return record

    def get(self, record_type: type[R], record_id: int) -> R:
        """The record of that type and id; raises NotFound."""
        table = table_of(record_type)
        _known_id(table, record_id)
        rows = self._query(f"SELECT {self._names(table)} FROM {table} WHERE id = ?", [record_id])
        if not rows:
            raise not_found(table, record_id)
        return from_row(table, rows[0])  # type: ignore[return-value]

    def list(self, record_type: type[R], **filters: Any) -> list[R]:
        """Records of a type, oldest first, whose fields equal the given values.

        ``store.list(Meeting, person_id=3, status="held")``; a filter of ``None`` matches
        empty fields.
        """
        table = table_of(record_type)
        known = {c.name: c for c in COLUMNS[table]}
        clauses, params = [], []
        for name, value in filters.items():
            if name not in known:
                raise BadInput(f"{table} has no field {name!r}; fields: {', '.join(known)}")
            if value is None:
                clauses.append(f"{name} IS NULL")
            elif known[name].kind == "int" and isinstance(value, int) and not INT_MIN <= value <= INT_MAX:
                return []  # no row holds a number past 64 bits
            else:
                clauses.append(f"{name} = ?")
                params.append(to_sql(table, known[name], value))
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._query(f"SELECT {self._names(table)} FROM {table}{where} ORDER BY id", params)
        return [from_row(table, row) for row in rows]  # type: ignore[misc]

    def delete(self, record_type: type[Record], record_id: int) -> None:
        """Delete one record and what depends on it.

        Deleting a meeting also deletes its questions asked and insights; references to it
        from actions, outcomes and referrals are cleared. A person is not deleted here:
        :func:`infoview.store.erase.delete_person` removes them everywhere (their notes in
        other records too), which one row's delete cannot.

        Raises:
            BadInput: ``record_type`` is :class:`~infoview.models.Person`.
            NotFound: there is no such record.
        """
        table = table_of(record_type)
        if table == "people":
            raise BadInput("a person is deleted with infoview.store.erase.delete_person, "
                           "which removes them everywhere, not with Store.delete")
        _known_id(table, record_id)
        cursor = self._write(table, f"DELETE FROM {table} WHERE id = ?", [record_id])
        if cursor.rowcount == 0:
            raise not_found(table, record_id)

    @staticmethod
    def _names(table: str) -> str:
        return ", ".join(c.name for c in COLUMNS[table])

    # ---- the profile, counts, matching ---------------------------------------------------

    def get_profile(self) -> UserProfile:
        """The user's own profile (an empty one until saved)."""
        rows = self._query(f"SELECT {self._names('profile')} FROM profile WHERE id = 1")
        return from_row("profile", rows[0]) if rows else UserProfile()  # type: ignore[return-value]

    def save_profile(self, profile: UserProfile) -> UserProfile:
        """Save the user's profile (there is only one); returns it with ``id`` 1."""
        profile.id = 1
        row = to_row(profile)
        marks = ", ".join("?" * len(row))
        self._write("profile",
                    f"INSERT OR REPLACE INTO profile ({self._names('profile')}) VALUES ({marks})", row)
        return profile

    def counts(self) -> dict[str, int]:
        """The number of records in each table, by table name."""
        return {t: self._query(f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}

    def find_people(self, name: str | None = None, organization: str | None = None,
                    profile_url: str | None = None) -> builtins.list[Person]:
        """People matching every given key: name and organization ignore case and extra
        spaces; profile URLs match whatever the scheme, ``www.``, query or final slash."""
        clauses, params = [], []
        if name is not None:
            clauses.append("iv_fold(name) = ?")
            params.append(fold(name))
        if organization is not None:
            clauses.append("iv_fold(organization) = ?")
            params.append(fold(organization))
        if profile_url is not None:
            if not profile_key(profile_url):
                return []
            clauses.append("iv_profile_key(profile_url) = ?")
            params.append(profile_key(profile_url))
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._query(f"SELECT {self._names('people')} FROM people{where} ORDER BY id", params)
        return [from_row("people", row) for row in rows]  # type: ignore[misc]

    # ---- views ---------------------------------------------------------------------------

    def frames(self, *, tables: Iterable[str] | None = None,
               skip: dict[str, Sequence[str]] | None = None) -> dict[str, Any]:
        """One pandas DataFrame per table; see :func:`infoview.store.frames.build_frames`
        (``tables`` and ``skip`` read less, for a purpose that needs less)."""
        from infoview.store.frames import build_frames

        with self._lock:
            try:
                return build_frames(self._conn, snapshot=self._depth == 0, tables=tables,
                                    skip=skip, stored_times=self._stored_times)
            except sqlite3.DatabaseError as exc:
                if files.is_damage(exc):
                    raise files.damaged(self._path, exc) from exc
                raise

    def check(self) -> None:
        """SQLite's check of every page of the file (a second or two for a million rows):
        raises :class:`~infoview.errors.StoreError` when the file is damaged. Opening a
        store checks only what costs nothing; imports call this first (see
        :mod:`infoview.store.files`)."""
        with self._lock:
            files.quick_check(self._conn, self._path)

    def schema_version(self) -> int:
        """The schema version of the open file (``PRAGMA user_version``)."""
        return self._query("PRAGMA user_version")[0][0]

    def execute(self, sql: str, params: Iterable[Any] = ()) -> builtins.list[tuple]:
        """Run one SQL statement and return its rows: for the store's own modules."""
        return self._query(sql, params)

    def has_odd_times(self, table: str, *columns: str) -> bool:
        """Whether a column holds a time not in the store's own form (a file edited by
        hand): then comparing its times as text in SQL could be wrong."""
        known = {c.name for c in COLUMNS[table]}   # KeyError for a table that is not ours
        if not known.issuperset(columns):
            raise ValueError(f"{table} has no column among {columns}")
        checked = self._stored_times  # read whole in this snapshot, each time in its form
        if checked is not None and all((table, column) in checked for column in columns):
            return False
        return any(self._query(f"SELECT EXISTS (SELECT 1 FROM {table} NOT INDEXED "
                               f"WHERE {column} NOT GLOB '{STORED_TIME}')")[0][0]
                   for column in columns)
