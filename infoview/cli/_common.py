"""Small helpers shared by the CLI modules.

Imported by ``infoview --help`` and every command's start, so the store, the settings and
the paths load inside the helpers that need them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infoview.errors import BadField, BadFields, BadInput, BadInputFile
from infoview.jsontext import RawRows

if TYPE_CHECKING:  # pragma: no cover
    from infoview.settings import Settings
    from infoview.store import Store


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused for the block, as it was before after it.

    For a command that builds large tables, prints or writes them, then exits (``infoview
    digest`` and ``infoview report`` on a store of a million rows): the collector kept
    walking the hundreds of thousands of objects its tables hold, stable until the end,
    each time new ones piled up, 0.3 s of the digest's 4.8 s, while the run makes no
    cycles worth freeing (the same peak memory without).
    Not for the app, whose process lives on: there the collector must run.
    """
    import gc

    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def json_ascii_only() -> bool:
    """Whether JSON printed now escapes every character outside ASCII: on a terminal that
    is not UTF-8, ``\\u`` escapes keep every name intact (and valid JSON)."""
    return (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "") != "utf8"


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON (dates and paths as strings), each record (an object
    or list holding no other) on one line.

    Records are written by the json module's C encoder, which takes no indent: the indented
    encoder is pure Python and spent twenty seconds on a large store's digest. Records
    encoded ahead (:class:`~infoview.jsontext.RawRows`, made with the escapes
    :func:`json_ascii_only` says) are written as they are.
    """
    encode = _encoder(ascii_only=json_ascii_only())
    lines = _Lines()
    _json_lines(data, encode, "", "", lines)
    lines.flush()


class _Lines(list):
    """Lines of JSON written out to stdout a batch at a time (a large store's digest is
    a hundred megabytes: held whole, and again joined, it doubled the memory)."""

    BATCH = 4096

    def append(self, line: str) -> None:
        super().append(line)
        if len(self) >= self.BATCH:
            self.flush()

    def flush(self) -> None:
        if self:
            sys.stdout.write("\n".join(self) + "\n")
            self.clear()

    def write(self, text: str) -> None:
        """Write ``text`` (whole lines) after the lines held."""
        self.flush()
        sys.stdout.write(text)


def _encoder(*, ascii_only: bool) -> Any:
    """``encode(value) -> str``: what ``json.JSONEncoder(ensure_ascii=ascii_only,
    default=str).encode`` writes, through one C encoder made once (``JSONEncoder.encode``
    makes a new one per call, which cost two seconds for the 400,000 rows of a large
    store's digest). The plain Python encoder where the C one is missing."""
    from json import encoder as json_encoder

    slow = json.JSONEncoder(ensure_ascii=ascii_only, default=_default).encode
    make = getattr(json_encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover (an interpreter built without the C accelerator)
        return slow
    strings = (json_encoder.encode_basestring_ascii if ascii_only
               else json_encoder.encode_basestring)
    # markers None: no check for a container holding itself (the CLI's data never does)
    fast = make(None, _default, strings, None, ": ", ", ", False, False, True)

    def encode(value: Any) -> str:
        if isinstance(value, str):
            return strings(value)
        if isinstance(value, (dict, list, tuple)):
            return "".join(fast(value, 0))
        return slow(value)

    return encode


def _default(value: Any) -> Any:
    """What the encoders write for a value JSON has no form for: records encoded ahead
    and none to write as an empty list, anything else as its text (dates, paths)."""
    if isinstance(value, RawRows) and not len(value):
        return []
    return str(value)


def _json_key(key: Any) -> str:
    """An object key as the json module writes it (``True`` as ``true``, ``1.5`` as ``1.5``)."""
    if isinstance(key, str):
        return key
    return json.dumps(key) if isinstance(key, (bool, float)) or key is None else str(key)


def _json_lines(value: Any, encode: Any, indent: str, key: str, lines: _Lines,
                comma: str = "") -> None:
    """Append ``value`` (after ``key``, e.g. ``"due": ``) as indented lines to ``lines``."""
    if not _nested(value):
        lines.append(f"{indent}{key}{encode(value)}{comma}")  # a record, or a plain value
        return
    if isinstance(value, RawRows):
        _raw_lines(value, encode, indent, key, lines, comma)
        return
    if isinstance(value, dict):
        items: list[tuple[str, Any]] = [(encode(_json_key(k)) + ": ", v) for k, v in value.items()]
        brackets = "{}"
    else:
        items = [("", v) for v in value]
        brackets = "[]"
    lines.append(f"{indent}{key}{brackets[0]}")
    inner = indent + "  "
    last = len(items) - 1
    for i, (name, item) in enumerate(items):
        end = "," if i < last else ""
        if not name and isinstance(item, (dict, list, tuple)):
            # A record of a list: encoded in one C call; only one whose text shows a bracket
            # after its first character may hold a list or object to lay out.
            text = encode(item)
            if ("[" not in text[1:] and "{" not in text[1:]) or not _nested(item):
                lines.append(f"{inner}{text}{end}")
                continue
        _json_lines(item, encode, inner, name, lines, end)
    lines.append(f"{indent}{brackets[1]}{comma}")


def _raw_lines(rows: RawRows, encode: Any, indent: str, key: str, lines: _Lines,
               comma: str) -> None:
    """:func:`_json_lines` of records encoded ahead: each block of their text written as
    it comes (a record a line), a plain record among them laid out as any other."""
    lines.append(f"{indent}{key}[")
    inner = indent + "  "
    pieces = rows.pieces(inner)
    piece = next(pieces, None)
    while piece is not None:
        following = next(pieces, None)
        end = "," if following is not None else ""
        if isinstance(piece, str):
            lines.write(f"{inner}{piece}{end}\n")
        else:
            _json_lines(piece, encode, inner, "", lines, end)
        piece = following
    lines.append(f"{indent}]{comma}")


def _nested(value: Any) -> bool:
    """Whether ``value`` is an object or list holding a non-empty object or list (records
    encoded ahead are such a list)."""
    if isinstance(value, RawRows):
        return len(value) > 0
    if isinstance(value, dict):
        value = value.values()
    elif not isinstance(value, (list, tuple)):
        return False
    return any((isinstance(v, (dict, list, tuple)) and v) or (isinstance(v, RawRows) and len(v))
               for v in value)


def usage(parser: argparse.ArgumentParser) -> int:
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


def add_fetch_options(parser: argparse.ArgumentParser, *, when: str = "") -> None:
    """Add ``--no-cache`` and ``--delay``, the options of every command that fetches pages.

    Args:
        when: a prefix for the help texts, e.g. ``"with --company-url: "``.
    """
    parser.add_argument("--no-cache", action="store_true",
                        help=f"{when}ignore and bypass the HTTP cache")
    parser.add_argument("--delay", type=float, metavar="S",
                        help=f"{when}minimum seconds between two requests to one site (default 1)")


def research_settings(args: argparse.Namespace) -> Settings:
    """The :class:`~infoview.settings.Settings` a fetching command's options ask for (the
    HTTP cache beside the chosen database)."""
    from infoview.paths import default_cache_path
    from infoview.settings import Settings

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


def db_path(args: argparse.Namespace) -> Path:
    """The database the user chose with ``--db``, else the default."""
    given = getattr(args, "db", None)
    if given is None:
        from infoview.paths import default_db_path

        return default_db_path()
    if not given.strip():  # an unset variable in a script, e.g. --db "$DB"
        raise BadInput("--db is empty: give the database file's path, or leave --db out "
                       "to use $INFOVIEW_DB or your own store")
    return Path(given).expanduser()


#: The commands that start a user's data, and so may start a new store at a path the user
#: named (``--db`` or ``$INFOVIEW_DB``) where no file is yet: who they are, the first people
#: (by hand or from LinkedIn), their mail and calendar, an export brought over, research
#: saved, and the app, where Lena starts. Every other command shows or changes records a
#: store already holds, so a named path with no file is a typo to it: it refuses, rather
#: than start an empty store that would list nobody ("where are my students?") and leave
#: the mistyped file behind.
STARTING_COMMANDS = frozenset({
    "app", "db import", "import-calendar", "import-mail", "people add",
    "people import-linkedin", "profile set", "research company", "research person",
})
#: The commands that work without any store (a pitch, a question plan, a brief from web
#: addresses): a ``--db`` naming no file leaves them without one, and none is made.
STORELESS_COMMANDS = frozenset({"draft", "prep", "questions plan"})


def command_name(args: argparse.Namespace) -> str:
    """The command ``args`` were parsed for, as typed: ``"people list"``, ``"report"``."""
    top = getattr(args, "command", None) or ""
    verb = getattr(args, f"{top.replace('-', '_')}_command", None)
    return f"{top} {verb}" if verb else top


def named_by(args: argparse.Namespace) -> str | None:
    """Who named the store's path: ``"--db"``, ``"$INFOVIEW_DB"``, or ``None`` for the
    default store in the user's data folder (a path typed in either place can be a typo;
    the default cannot)."""
    if getattr(args, "db", None) is not None:
        return "--db"
    return "$INFOVIEW_DB" if os.environ.get("INFOVIEW_DB") else None


def store_path(args: argparse.Namespace, *, creates: bool = True) -> Path:
    """The store file this command may open: :func:`db_path`, checked by the one rule.

    A path the user named (``--db``, or ``$INFOVIEW_DB`` without it: a typo in a variable
    is as easy as in a flag) that names no file is refused (one line, exit status 2)
    unless the command starts a user's data (:data:`STARTING_COMMANDS`), which starts a
    new store there, but not in a folder that does not exist (a typo would make one).
    ``creates=False``: the caller never makes a store; a command of
    :data:`STORELESS_COMMANDS` then goes on without one. The default store (neither given)
    is started wherever it is needed, so a first run works.
    """
    path = db_path(args)
    named = named_by(args)
    if named is None or path.exists():
        return path
    if path.parent.exists() and not path.parent.is_dir():
        return path  # opening it says which file is in the way
    command = command_name(args)
    given = "" if named == "--db" else f" (named by {named})"
    if creates and command in STARTING_COMMANDS:
        if not path.parent.is_dir():
            raise BadInput(f"there is no folder {path.parent} for the store {path}{given}: "
                           "check the path, or make the folder first")
        return path
    if not creates and command in STORELESS_COMMANDS:
        return path
    start = f"infoview --db {path} " if named == "--db" else "infoview "
    raise BadInput(f"there is no store at {path}{given}: check the path; a new store is "
                   "started only by a command that adds your first records (people add, "
                   "profile set, people import-linkedin, import-mail, import-calendar, db "
                   f"import), e.g. {start}people add --name NAME")


@contextmanager
def existing_store(args: argparse.Namespace) -> Iterator[Store | None]:
    """The store chosen by ``--db`` (or the default) when its file exists, else ``None``;
    for commands that only note something in a store the user already has. A ``--db``
    naming no file is refused unless the command works without a store
    (:func:`store_path`)."""
    path = store_path(args, creates=False)
    if not path.exists():  # (a folder is opened, to be refused with a clear line)
        yield None
        return
    from infoview.store import Store

    with Store.open(path) as store:
        yield store


def open_store(args: argparse.Namespace) -> Store:
    """Open the store chosen by ``--db`` (or the default), creating it if needed and
    allowed (:func:`store_path`).

    Used as ``with open_store(args) as store:``, a store this command created is removed
    again when the command fails (an input file that cannot be read), so a failed command
    leaves no empty database behind.
    """
    from infoview.store import Store

    class CommandStore(Store):
        created = False

        def __exit__(self, *exc_info: object) -> None:
            failed = exc_info[0] is not None  # (type, value, traceback) of what was raised
            empty = failed and self.created and not any(self.counts().values())
            super().__exit__(*exc_info)
            if empty:
                for suffix in ("", "-wal", "-shm", "-journal"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    path = store_path(args)
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
    except BadFields as exc:  # several options at once: each message after its option
        if not all(field in options for field in exc.problems):
            raise
        raise BadField(" ".join(f"--{options[field]}: {message}"
                                for field, message in exc.problems.items()),
                       exc.field) from exc
    except BadField as exc:
        option = options.get(exc.field)
        if option is None:
            raise
        raise BadField(f"--{option}: {exc}", exc.field) from exc


def check_question_files(args: argparse.Namespace) -> None:
    """Refuse a question file of the user's own (``--bank-file``, else
    ``$INFOVIEW_QUESTIONS``) that is not there, saying where its path came from.

    The bank's own message ("cannot open the question file (No such file or directory)")
    neither says that the path was set by ``$INFOVIEW_QUESTIONS`` long ago nor what to do.
    """
    from infoview.questions.bank import USER_BANK_ENV

    given, source = getattr(args, "bank_file", None), "--bank-file"
    if given is None:
        given, source = os.environ.get(USER_BANK_ENV) or None, f"${USER_BANK_ENV}"
    if given is None:
        return
    path = Path(given).expanduser()
    if path.is_dir():
        raise BadInputFile(f"the question file given by {source} is a folder; give the "
                           "path of your .csv file", given)
    if not path.exists():
        unset = f" (or unset {source})" if source.startswith("$") else ""
        raise BadInputFile(f"no question file there; check the path given by {source}{unset}",
                           given)
