"""Every file the kit writes for the user: the formats, the one writer, and the registry.

:data:`EXPORT_FORMATS` is the one table of the formats files are written in (which
exports offer each, what the panels call it). :func:`write_export` is the one writer every
export goes through, whatever it is (a brief in any format, a dossier, the outcomes report,
a draft, a calendar file, vCards, a CSV/JSON export of the store); a batch's results, which
grow a line at a time, go through :func:`appending_export`. Both write whole or not at all
(a line at a time for the batch) and then record the file, so no export can be written and
forgotten.

Who is in a file is decided here, one way for all: the people the writer names explicitly,
and every stored person whose full name appears in what the file says. Deleting a person
then lists the files that still exist and still name them (:func:`exports_naming`), and
can remove them. Only the path, the time and person ids are kept: the names stay in the
files themselves. Writing the same path again replaces its entry.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from infoview.errors import BadInput
from infoview.models import Person
from infoview.store.mentions import Mentions, names_in, readable
from infoview.userfiles import write_bytes, writing

if TYPE_CHECKING:
    from infoview.store.core import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExportFormat:
    """One format the kit writes files in.

    Attributes:
        name: what ``--format`` and the code call it (``md``).
        label: what the panels call it (``Markdown``).
        suffixes: the file name endings it is written with, the usual one first.
        offered_for: the kinds of export (:data:`EXPORT_KINDS`) written in it.
        binary: its bytes are not text (a PDF): deleting a person trusts the registry's word
            for who it names, since its bytes cannot be searched.
        aliases: other names it answers to (``markdown``).
    """

    name: str
    label: str
    suffixes: tuple[str, ...]
    offered_for: tuple[str, ...]
    binary: bool = False
    aliases: tuple[str, ...] = ()


#: The kinds of file the kit writes, as the registry records them.
EXPORT_KINDS: tuple[str, ...] = ("brief", "calendar", "dossier", "report", "draft", "vcard",
                                 "export", "batch")

#: Every format, in the order the panels and ``--help`` list them.
EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("md", "Markdown", (".md",), ("brief", "dossier"), aliases=("markdown",)),
    ExportFormat("html", "Web page", (".html", ".htm"), ("brief", "dossier", "report")),
    ExportFormat("pdf", "PDF", (".pdf",), ("brief", "dossier"), binary=True),
    ExportFormat("ics", "Calendar event", (".ics",), ("brief", "calendar")),
    ExportFormat("txt", "Text", (".txt",), ("draft",)),
    ExportFormat("vcf", "Contact cards", (".vcf",), ("vcard",)),
    ExportFormat("json", "JSON", (".json",), ("export",)),
    ExportFormat("csv", "Spreadsheet (CSV)", (".csv",), ("export",)),
    ExportFormat("jsonl", "JSON Lines", (".jsonl",), ("batch",)),
)

#: Formats whose bytes can be searched for a name; others (PDF) trust the registry.
TEXT_SUFFIXES = frozenset(x for f in EXPORT_FORMATS if not f.binary for x in f.suffixes)


def formats_for(kind: str, *, binary: bool = True) -> tuple[str, ...]:
    """The names of the formats an export of ``kind`` is offered in (``md``, ``html``...);
    the text formats only with ``binary=False``."""
    return tuple(f.name for f in EXPORT_FORMATS
                 if kind in f.offered_for and (binary or not f.binary))


def formats_text(kind: str) -> str:
    """The formats of ``kind`` as a user reads them: ``"md, html, pdf or ics"``."""
    names = formats_for(kind)
    return ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]


def export_format(name: str, kind: str) -> ExportFormat:
    """The format called ``name`` (or one of its aliases, or ``.md``) among those offered
    for ``kind``.

    Raises:
        BadInput: no format of that name is offered for that kind; the message lists them.
    """
    wanted = str(name).strip().lower().lstrip(".")
    for fmt in EXPORT_FORMATS:
        if kind in fmt.offered_for and (wanted == fmt.name or wanted in fmt.aliases):
            return fmt
    raise BadInput(f"unknown format {name!r}: use {formats_text(kind)}")


def write_export(store: Store | None, path: str | Path, content: str | bytes, *, kind: str,
                 text: str | None = None, person_ids: Iterable[int | None] = ()) -> Path:
    """Write a file for the user, whole or not at all, and record it: the one writer.

    Args:
        store: the open store whose registry records the file (``None``: a file written
            without a store, e.g. a brief of pages researched now, is not recorded).
        path: the file (its folders are created).
        content: the file's text (written as UTF-8) or bytes.
        kind: what it is (one of :data:`EXPORT_KINDS`).
        text: what the file says, when ``content`` is bytes that are not text (a PDF: the
            Markdown it was rendered from); by default the content itself.
        person_ids: people the file is about, whether or not their name is in it.

    Returns:
        The path written.

    Raises:
        BadInput: the path is a folder or cannot be written (nothing is left half-written).
    """
    if kind not in EXPORT_KINDS:
        raise ValueError(f"unknown kind of export {kind!r}; one of {', '.join(EXPORT_KINDS)}")
    data = content.encode("utf-8") if isinstance(content, str) else content
    if text is None:
        try:
            text = content if isinstance(content, str) else data.decode("utf-8")
        except UnicodeDecodeError as exc:  # a PDF: the caller knows what it says
            raise ValueError(f"{path}: give the text a binary export says (text=...)") from exc
    written = write_bytes(path, data)
    _record(store, written, kind=kind, text=text, person_ids=person_ids)
    log.info("wrote %s (%s)", written, kind)
    return written


@contextmanager
def appending_export(store: Store | None, path: str | Path, *,
                     kind: str = "batch") -> Iterator[Callable[[str], None]]:
    """An export that grows a line at a time (a batch's results, kept as each finishes so
    that a stopped run resumes): yields ``append(line)``, which writes one whole line and
    flushes it. The file is recorded when the block ends, however it ends.

    Raises:
        BadInput: the file cannot be opened for writing.
    """
    target = Path(path).expanduser()
    with writing(target):
        if target.is_dir():
            raise IsADirectoryError(21, "Is a directory", str(target))
        target.parent.mkdir(parents=True, exist_ok=True)
        sink = target.open("a", encoding="utf-8")

    def append(line: str) -> None:
        sink.write(line.rstrip("\n") + "\n")
        sink.flush()

    try:
        yield append
    finally:
        sink.close()
        if store is not None:
            _record(store, target, kind=kind,
                    text=target.read_text(encoding="utf-8", errors="replace"))


@dataclass
class ExportRecord:
    """One file the kit wrote.

    Attributes:
        path: the file (absolute).
        kind: what it is: ``brief``, ``report``, ``dossier``, ``draft``, ``calendar``, ``vcard``,
            ``export``.
        written_at: when it was (last) written, in UTC.
        person_ids: the stored people it names.
        id: the registry entry's id.
    """

    path: Path
    kind: str
    written_at: datetime
    person_ids: list[int] = field(default_factory=list)
    id: int | None = None

    def to_dict(self) -> dict:
        """A JSON-ready view (the path and time as text, and whether the file still exists)."""
        return {"path": str(self.path), "kind": self.kind,
                "written_at": self.written_at.isoformat(), "person_ids": list(self.person_ids),
                "exists": self.path.exists()}


def _record(store: Store | None, path: str | Path, *, kind: str, text: str,
            person_ids: Iterable[int | None] = ()) -> ExportRecord | None:
    """Note in the store that the kit wrote ``path``; nothing happens without a store.

    Args:
        store: the open store, or ``None`` (a file written without one is not recorded).
        path: the file just written.
        kind: see :class:`ExportRecord`.
        text: what the file says, as text (for a PDF, the text it was rendered from).
        person_ids: people the file is about, whether or not their name is in ``text``.

    Returns:
        The registry entry, or ``None`` without a store.
    """
    if store is None:
        return None
    # Only ids and names are read, and only of the people whose name could be in the text:
    # a large store holds hundreds of thousands of people.
    readable_text = readable(text)
    named = set(names_in(readable_text, candidate_names(store, readable_text)))
    named |= {i for i in person_ids if i is not None}
    record = ExportRecord(Path(path).expanduser().resolve(), kind,
                          datetime.now(UTC).replace(microsecond=0), sorted(named))
    with store.transaction():
        store.execute("DELETE FROM exports WHERE path = ?", [str(record.path)])
        store.execute("INSERT INTO exports (path, kind, written_at, person_ids) "
                      "VALUES (?, ?, ?, ?)",
                      [str(record.path), kind, record.written_at.isoformat(),
                       json.dumps(record.person_ids)])
        record.id = store.execute("SELECT id FROM exports WHERE path = ?",
                                  [str(record.path)])[0][0]
    log.info("recorded export %s (%s) naming %d people", record.path, kind, len(named))
    return record


def candidate_names(store: Store, text: str) -> list[tuple[int, str]]:
    """The ``(id, name)`` of every person whose full name may appear in ``text``, for
    :func:`~infoview.store.mentions.names_in` to decide: a store of hundreds of thousands
    of people hands over a few.

    A name can only appear in full if each of its words is a word of the text, its last
    word too. The last part of a name after a space, when it is plain ASCII letters and
    digits (almost always), is that last word, folded by lower case: a name whose last
    part is not among the text's words is left out. Any other name is handed over. The
    people are looked up by that key in its index
    (:data:`~infoview.store.migrations.LAST_NAME_KEY`), not read one by one.
    """
    from infoview.store.matching import fold
    from infoview.store.mentions import words
    from infoview.store.migrations import LAST_NAME_KEY

    keys = ["*", *sorted(w for w in words(fold(text)) if w.isascii() and w.isalnum())]
    rows = store.execute(f"SELECT id, name FROM people INDEXED BY people_last_name_key "
                         f"WHERE {LAST_NAME_KEY} IN (SELECT value FROM json_each(?)) "
                         "ORDER BY id", [json.dumps(keys)])
    return [(person_id, name) for person_id, name in rows]


def list_exports(store: Store) -> list[ExportRecord]:
    """Every registered export, oldest first."""
    rows = store.execute("SELECT path, kind, written_at, person_ids, id FROM exports "
                         "ORDER BY written_at, id")
    return [ExportRecord(Path(p), k, datetime.fromisoformat(w), json.loads(ids), i)
            for p, k, w, ids, i in rows]


def names_person(record: ExportRecord, person: Person, mentions: Mentions | None = None) -> bool:
    """Whether an existing export names the person: its text is searched where it can be
    (edited files count as they are now), the registry's word is taken for a PDF."""
    if not record.path.is_file():
        return False
    if record.path.suffix.lower() not in TEXT_SUFFIXES:
        return person.id in record.person_ids
    try:
        data = record.path.read_bytes()
    except OSError:
        return person.id in record.person_ids  # unreadable now: trust what was written
    return (mentions or Mentions(person)).in_bytes(data)


def exports_naming(store: Store, person: Person) -> list[ExportRecord]:
    """The registered exports that still exist and name the person."""
    mentions = Mentions(person)
    return [r for r in list_exports(store) if names_person(r, person, mentions)]


def forget_in_registry(store: Store, person: Person, removed: Iterable[Path] = ()) -> int:
    """Drop a person from the registry once they are deleted; returns entries dropped.

    Their id leaves every entry (a new person could get the same id); entries of files
    removed or gone, and entries whose path itself names them, are dropped.
    """
    removed = {Path(p).resolve() for p in removed}
    mentions = Mentions(person)
    dropped = 0
    with store.transaction():
        for record in list_exports(store):
            if (record.path in removed or not record.path.exists()
                    or mentions(str(record.path))):
                store.execute("DELETE FROM exports WHERE id = ?", [record.id])
                dropped += 1
            elif person.id in record.person_ids:
                ids = [i for i in record.person_ids if i != person.id]
                store.execute("UPDATE exports SET person_ids = ? WHERE id = ?",
                              [json.dumps(ids), record.id])
    return dropped
