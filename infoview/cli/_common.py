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
    """Open the store chosen by ``--db`` (or the default), creating it if needed."""
    from infoview.store import Store

    return Store.open(db_path(args))
