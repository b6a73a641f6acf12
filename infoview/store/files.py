"""Checking a database file before using it, backing it up, and connecting to it.

Everything here looks at a file through a read-only connection first: a file that is not
SQLite, is damaged, belongs to another program or comes from a newer infoview is reported
as a :class:`~infoview.errors.StoreError` naming the path and what to do, and is left
byte-for-byte as it was.

How much is checked, and when. Every opening reads the header and the schema and compares
the file's length with the length its header gives (a copy cut short, the usual damage,
is refused at once): a cost that does not grow with the store. SQLite's own page by page
check (``PRAGMA quick_check``, a second or two on a store of a million rows) runs where
damage would be copied or built upon: before a migration (whose backup would keep it) and
before an import (:meth:`~infoview.store.core.Store.check`), and when asked
(``infoview db check``). Damage met later, by a command reading a damaged page, stops that
command with the same message (:func:`damaged`), and SQLite writes nothing into a damaged
page, so nothing more is lost.
"""

from __future__ import annotations

import glob
import logging
import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from infoview.errors import StoreError, StoreVersionError
from infoview.locking import retry_while_locked
from infoview.store.migrations import LATEST, upgrade

log = logging.getLogger(__name__)


_HEADER = b"SQLite format 3\x00"


def _readonly(path: Path) -> sqlite3.Connection:
    uri = "file:" + quote(str(path.resolve())) + "?mode=ro"
    return sqlite3.connect(uri, uri=True, isolation_level=None)


def damaged(path: Path, what: object) -> StoreError:
    """The error that says a store file is damaged and what to do (restore a backup)."""
    return StoreError(f"{path} is damaged ({what}); infoview left it untouched: move it "
                      "aside and restore a backup or an export (infoview db import)")


def is_damage(exc: sqlite3.DatabaseError) -> bool:
    """Whether SQLite's error says the file is damaged (not locked, full or read-only)."""
    text = str(exc).lower()
    return any(words in text for words in ("malformed", "not a database", "corrupt"))


def _length_agrees(path: Path, header: bytes) -> bool:
    """Whether the file is at least as long as its header says (when the header's count
    of pages is current): a copy cut short is not."""
    page = int.from_bytes(header[16:18], "big")
    page = 65536 if page == 1 else page
    pages = int.from_bytes(header[28:32], "big")
    current = header[24:28] == header[92:96] and pages > 0
    return not current or path.stat().st_size >= page * pages


def quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """SQLite's check of every page of the file (``PRAGMA quick_check``); raises the
    :func:`damaged` error when it finds a fault."""
    try:
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise damaged(path, exc) from exc
    if check != "ok":
        raise damaged(path, f"integrity check: {check}")


def inspect(path: Path, must_exist: bool = False, *, full: bool = False) -> int | None:
    """The schema version of an existing store file, or ``None`` for a file to create.

    The header, the schema and the file's length are checked; every page too (SQLite's
    quick check) with ``full``, or when the file is to be migrated.

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
            header = handle.read(100)
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({exc.strerror}); check its permissions "
                         "or choose another file with --db") from exc
    if not header:
        return None  # an empty file holds nothing to lose: treat it as a new store
    if header[:len(_HEADER)] != _HEADER:
        raise StoreError(f"{path} is not an SQLite database, so infoview left it alone; "
                         "point --db or INFOVIEW_DB at an infoview store or a new file name")
    if not os.access(path, os.W_OK):
        raise StoreError(f"{path} is read-only; make it writable or copy it elsewhere")
    if len(header) == 100 and not _length_agrees(path, header):
        raise damaged(path, "the file is shorter than its header says: it was cut short, "
                            "perhaps while being copied")
    try:
        conn = _readonly(path)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if full or (0 < version < LATEST):  # a migration's backup would keep damage
                quick_check(conn, path)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise damaged(path, exc) from exc
    if version > LATEST:
        raise StoreVersionError(
            f"{path} was written by a newer infoview (schema version {version}, this one "
            f"knows up to {LATEST}); upgrade infoview to use it. The file was not changed.")
    if version == 0 and tables:
        raise StoreError(f"{path} is an SQLite database of another program, not an infoview "
                         "store; infoview left it alone: choose another file with --db")
    return version


#: Pages copied per step of a backup (4 MB at SQLite's default page size): other
#: connections may read between steps, and progress is logged for a large store.
BACKUP_STEP_PAGES = 1024


def _backup_progress(status: int, remaining: int, total: int) -> None:
    """Called by SQLite after each step of a backup."""
    log.debug("backup: %d of %d pages left", remaining, total)


def _part_name(path: Path, version: int, pid: int) -> Path:
    return path.with_name(f"{path.name}.bak-v{version}.{pid}.part")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: leave its file alone
    return True


def remove_stale_parts(path: Path) -> list[Path]:
    """Delete backups left half-written by a process that was killed while writing them
    (``NAME.bak-vN.PID.part``, and a journal beside one); returns what was removed.

    A part file is never a backup: it is removed once the process that wrote it is gone.
    """
    removed = []
    for part in path.parent.glob(f"{glob.escape(path.name)}.bak-v*.part*"):
        stem = part.name.removesuffix("-journal")
        try:
            pid = int(stem.removesuffix(".part").rsplit(".", 1)[1])
        except (IndexError, ValueError):
            continue
        if stem.endswith(".part") and not _pid_alive(pid):
            part.unlink(missing_ok=True)
            removed.append(part)
            log.info("removed %s, a backup left half-written by a stopped process", part)
    return removed


def backup(path: Path, version: int) -> Path:
    """Copy the store beside itself as ``NAME.bak-vVERSION`` (never over an older backup).

    The copy is written under a temporary name (``NAME.bak-vN.PID.part``, with no journal)
    and given its real name only when complete and on disk, so a process killed halfway
    leaves no ``.bak-vN`` that opens as an empty or partial database; the next opening
    removes the part file and writes the backup again.
    """
    remove_stale_parts(path)
    part = _part_name(path, version, os.getpid())
    part.unlink(missing_ok=True)
    source = _readonly(path)
    try:
        copy = sqlite3.connect(part, isolation_level=None)
        try:
            copy.execute("PRAGMA journal_mode = OFF")  # a part file is thrown away, not repaired
            copy.execute("PRAGMA synchronous = OFF")  # flushed once, below
            source.backup(copy, pages=BACKUP_STEP_PAGES, progress=_backup_progress)
        finally:
            copy.close()
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    _flush(part)
    target = _publish(part, path.with_name(f"{path.name}.bak-v{version}"))
    log.info("backed up %s (schema version %d) to %s", path, version, target)
    return target


def _flush(path: Path) -> None:
    """Force a file's bytes to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _publish(part: Path, target: Path) -> Path:
    """Give the complete copy ``part`` the first free name of ``target``, ``target-2``...;
    a hard link claims a name atomically, so two processes never write over each other."""
    n = 2
    name = target
    while True:
        try:
            os.link(part, name)
            break
        except FileExistsError:
            name = target.with_name(f"{target.name}-{n}")
            n += 1
        except OSError:  # no hard links here (some network and FAT file systems)
            if name.exists():
                name = target.with_name(f"{target.name}-{n}")
                n += 1
                continue
            os.replace(part, name)
            break
    part.unlink(missing_ok=True)
    try:  # the new name itself on disk
        fd = os.open(name.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass
    return name


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
