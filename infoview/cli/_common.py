"""Small helpers shared by the CLI modules."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON (dates and paths as strings)."""
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def db_path(args) -> Path:
    """The database the user chose with ``--db``, else the default."""
    from infoview.paths import default_db_path

    return Path(args.db).expanduser() if getattr(args, "db", None) else default_db_path()


def open_store(args):
    """Open the store chosen by ``--db`` (or the default), creating it if needed.

    Used as ``with open_store(args) as store:``, a store this command created is removed
    again when the command fails (a mistyped ``--db``, an input file that cannot be read),
    so a failed command leaves no empty database behind.
    """
    from infoview.store import Store

    class CommandStore(Store):
        created = False

        def __exit__(self, exc_type, exc, tb) -> None:
            empty = exc_type is not None and self.created and not any(self.counts().values())
            super().__exit__(exc_type, exc, tb)
            if empty:
                for suffix in ("", "-wal", "-shm", "-journal"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    path = db_path(args)
    is_new = not path.exists()
    store = CommandStore.open(path)
    store.created = is_new
    return store
