"""Waiting out another process's lock on a shared SQLite file.

The store and the HTTP cache are SQLite files that several processes open at once (two
notebook kernels, a batch's worker processes). Switching a connection to WAL mode answers
"database is locked" at once, without SQLite's busy wait, while another process creates,
upgrades or writes the same file: :func:`retry_while_locked` tries again for a while.

This module sits at the bottom of the layers (it imports nothing of infoview), so the store
and research share it without importing each other.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
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
