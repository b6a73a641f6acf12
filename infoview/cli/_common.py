"""Small helpers shared by the CLI modules."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from infoview.errors import BadField, BadInput
from infoview.paths import default_cache_path, default_db_path
from infoview.settings import Settings
from infoview.store import Store


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON (dates and paths as strings)."""
    # On a terminal that is not UTF-8, \u escapes keep every name intact (and valid JSON).
    utf8 = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "") == "utf8"
    json.dump(data, sys.stdout, indent=2, ensure_ascii=not utf8, default=str)
    sys.stdout.write("\n")


def usage(parser) -> int:
    """Handler of a command group called without its command: the help on stdout, one line
    saying what is missing on stderr, exit status 2 (a usage error like any other)."""
    parser.print_help()
    sys.stderr.write(f"{parser.prog}: error: a command is missing; see {parser.prog} --help\n")
    return 2


#: The longest --delay accepted: a politeness pause, not a way to stall for hours.
MAX_DELAY = 300.0
#: The most sites researched at once: past this, threads and connections cost more than
#: they save.
MAX_WORKERS = 256


def add_fetch_options(parser, *, when: str = "") -> None:
    """Add ``--no-cache`` and ``--delay``, the options of every command that fetches pages.

    Args:
        when: a prefix for the help texts, e.g. ``"with --company-url: "``.
    """
    parser.add_argument("--no-cache", action="store_true",
                        help=f"{when}ignore and bypass the HTTP cache")
    parser.add_argument("--delay", type=float, metavar="S",
                        help=f"{when}minimum seconds between two requests to one site (default 1)")


def research_settings(args):
    """The :class:`~infoview.settings.Settings` a fetching command's options ask for (the
    HTTP cache beside the chosen database)."""
    changes = {"cache_path": default_cache_path(db_path(args)), "use_cache": not args.no_cache}
    if args.delay is not None:
        if not 0 <= args.delay <= MAX_DELAY:  # also refuses nan
            raise BadInput(f"--delay must be 0 to {MAX_DELAY:g} seconds, not {args.delay}")
        changes["host_delay"] = args.delay
    if getattr(args, "max_pages", None) is not None:
        if args.max_pages < 1:
            raise BadInput(f"--max-pages must be at least 1, not {args.max_pages}")
        changes["max_pages"] = args.max_pages
    if getattr(args, "workers", None) is not None:
        if not 1 <= args.workers <= MAX_WORKERS:
            raise BadInput(f"--workers must be 1 to {MAX_WORKERS}, not {args.workers}")
        changes["workers"] = args.workers
    return Settings().with_(**changes)


def db_path(args) -> Path:
    """The database the user chose with ``--db``, else the default."""
    given = getattr(args, "db", None)
    if given is None:
        return default_db_path()
    if not given.strip():  # an unset variable in a script, e.g. --db "$DB"
        raise BadInput("--db is empty: give the database file's path, or leave --db out "
                       "to use $INFOVIEW_DB or your own store")
    return Path(given).expanduser()


@contextmanager
def existing_store(args) -> Iterator[Any]:
    """The store chosen by ``--db`` (or the default) when its file exists, else ``None``;
    for commands that only note something in a store the user already has."""
    path = db_path(args)
    if not path.is_file():
        yield None
        return

    with Store.open(path) as store:
        yield store


def open_store(args):
    """Open the store chosen by ``--db`` (or the default), creating it if needed.

    Used as ``with open_store(args) as store:``, a store this command created is removed
    again when the command fails (a mistyped ``--db``, an input file that cannot be read),
    so a failed command leaves no empty database behind.
    """
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


@contextmanager
def options_named(options: dict[str, str]) -> Iterator[None]:
    """A mistake in a field (:class:`~infoview.errors.BadField`) raised inside names the
    command-line option that set it ("--email: ..."); ``options`` maps field -> option."""
    try:
        yield
    except BadField as exc:
        option = options.get(exc.field)
        if option is None:
            raise
        raise BadField(f"--{option}: {exc}", exc.field) from exc
