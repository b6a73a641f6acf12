"""Checking a database file before using it, backing it up, and connecting to it.

Everything here looks at a file through a read-only connection first: a file that is not
SQLite, is damaged, belongs to another program or comes from a newer infoview is reported
as a :class:`~infoview.errors.StoreError` naming the path and what to do, and is left
byte-for-byte as it was.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

from infoview.errors import StoreError, StoreVersionError
from infoview.store.migrations import LATEST, upgrade

log = logging.getLogger(__name__)

T = TypeVar("T")

_HEADER = b"SQLite format 3\x00"


def _readonly(path: Path) -> sqlite3.Connection:
    uri = "file:" + quote(str(path.resolve())) + "?mode=ro"
    return sqlite3.connect(uri, uri=True, isolation_level=None)


def inspect(path: Path, must_exist: bool = False) -> int | None:
    """The schema version of an existing store file, or ``None`` for a file to create.

    Raises:
        StoreError: the file is missing (with ``must_exist``), unreadable, not SQLite,
            damaged, or an SQLite file of another program.
        StoreVersionError: the file was written by a newer infoview.
    """
    if not path.exists():
        if must_exist:
            raise StoreError(f"{path}: no database here; check the path given with --db or "
                             "INFOVIEW_DB (a new store is created only where one is expected)")
        return None
    if path.is_dir():
        raise StoreError(f"{path} is a folder; give a database file path instead, "
                         f"e.g. {path / 'infoview.sqlite'}")
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(_HEADER))
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({exc.strerror}); check its permissions "
                         "or choose another file with --db") from exc
    if not header:
        return None  # an empty file holds nothing to lose: treat it as a new store
    if header != _HEADER:
        raise StoreError(f"{path} is not an SQLite database, so infoview left it alone; "
                         "point --db or INFOVIEW_DB at an infoview store or a new file name")
    if not os.access(path, os.W_OK):
        raise StoreError(f"{path} is read-only; make it writable or copy it elsewhere")
    try:
        conn = _readonly(path)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is damaged ({exc}); infoview left it untouched: move it "
                         "aside and restore a backup or an export (infoview db import)") from exc
    if check != "ok":
        raise StoreError(f"{path} is damaged (integrity check: {check}); infoview left it "
                         "untouched: move it aside and restore a backup or an export")
    if version > LATEST:
        raise StoreVersionError(
            f"{path} was written by a newer infoview (schema version {version}, this one "
            f"knows up to {LATEST}); upgrade infoview to use it. The file was not changed.")
    if version == 0 and tables:
        raise StoreError(f"{path} is an SQLite database of another program, not an infoview "
                         "store; infoview left it alone: choose another file with --db")
    return version


def backup(path: Path, version: int) -> Path:
    """Copy the store beside itself as ``NAME.bak-vVERSION`` (never over an older backup)."""
    target = path.with_name(f"{path.name}.bak-v{version}")
    n = 2
    while target.exists():
        target = path.with_name(f"{path.name}.bak-v{version}-{n}")
        n += 1
    source = _readonly(path)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)  # a consistent copy, WAL content included
    finally:
        copy.close()
        source.close()
    log.info("backed up %s (schema version %d) to %s", path, version, target)
    return target


def retry_while_locked(attempt: Callable[[], T], patience: float) -> T:
    """``attempt()``, tried again while SQLite answers "database is locked", for up to
    ``patience`` seconds; any other error, or a lock that outlasts it, is raised.

    Switching a connection to WAL mode answers "locked" at once, without SQLite's busy
    wait, while another process creates, upgrades or writes the same file, so opening a
    store or the HTTP cache beside a second kernel or a batch's processes needs this.
    """
    deadline = time.monotonic() + patience
    pause = 0.01
    while True:
        try:
            return attempt()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.2)


def connect(path: Path, must_exist: bool = False, timeout: float = 30.0) -> sqlite3.Connection:
    """A checked, upgraded, WAL-mode connection to the store at ``path``.

    The connection is in autocommit mode; the store opens its own transactions.
    """
    version = inspect(path, must_exist)
    if version is None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            why = ("a file is in the way where a folder is needed"
                   if isinstance(exc, (FileExistsError, NotADirectoryError)) else exc.strerror)
            raise StoreError(f"{path}: cannot create its folder ({why}); "
                             "choose another place with --db or INFOVIEW_DB") from exc
    elif version < LATEST:
        backup(path, version)
    try:
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None,
                               check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open ({exc}); check the folder exists and is "
                         "writable, or choose another file with --db") from exc

    def prepare() -> int:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        # Deleted rows are overwritten with zeros, so a deleted person is really gone.
        conn.execute("PRAGMA secure_delete = ON")
        return upgrade(conn)

    try:  # a second kernel may be creating or upgrading the same file right now
        old = retry_while_locked(prepare, timeout)
    except sqlite3.Error as exc:
        conn.close()
        raise StoreError(f"{path}: cannot prepare the store ({exc}); check the file is "
                         "writable and not damaged") from exc
    if old and old < LATEST:
        log.info("upgraded %s from schema version %d to %d", path, old, LATEST)
    return conn
