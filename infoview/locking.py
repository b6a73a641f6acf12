"""Waiting out another process's lock on a shared SQLite file.

The store and the HTTP cache are SQLite files that several processes open at once (two
notebook kernels, a batch's worker processes). Switching a connection to WAL mode answers
"database is locked" at once, without SQLite's busy wait, while another process creates,
upgrades or writes the same file: :func:`retry_while_locked` tries again for a while.
A file the kit appends to over a long run (a research batch's output) is guarded instead by
:func:`held_alone`, which tells a second process at once that another one holds it.

This module sits at the bottom of the layers (it imports nothing of infoview), so the store
and research share it without importing each other.
"""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def retry_while_locked(attempt: Callable[[], T], patience: float) -> T:
    """``attempt()``, tried again while SQLite answers "database is locked", for up to
    ``patience`` seconds; any other error, or a lock that outlasts it, is raised."""
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


@contextmanager
def held_alone(what: str) -> Iterator[bool]:
    """Whether this process alone does ``what`` (e.g. "batch /path/out.jsonl") for the
    ``with`` block: ``False`` when another process holds it right now, never waiting.

    An advisory ``flock`` on an empty file in the temporary folder named by a hash of
    ``what`` (so nothing is added beside the user's files, and the name says nothing of
    them); the operating system releases it when the process ends, even by a crash. Where
    ``fcntl`` is missing (Windows) every caller is alone.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield True
        return
    key = hashlib.sha256(what.encode()).hexdigest()[:20]
    with (Path(tempfile.gettempdir()) / f"infoview-{key}.lock").open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            alone = False
        else:
            alone = True
        try:
            yield alone
        finally:
            if alone:
                fcntl.flock(lock, fcntl.LOCK_UN)
