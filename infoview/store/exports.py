"""The registry of files the kit wrote: where, when, and who is in them.

Every writer of a file that can name people (a brief in any format, the outcomes report,
drafts, calendar files, vCards, a CSV/JSON export of the store) calls :func:`record_export`
once the file is written, with the text the file says. Who is in it is decided here, one
way for all: the people the writer names explicitly, and every stored person whose full name
appears in that text. Deleting a person then lists the files that still exist and still
name them (:func:`exports_naming`), and can remove them.

Only the path, the time and person ids are kept: the names stay in the files themselves.
Writing the same path again replaces its entry.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from infoview.models import Person
from infoview.store.mentions import Mentions, names_in, readable

if TYPE_CHECKING:
    from infoview.store.core import Store

log = logging.getLogger(__name__)

#: Formats whose bytes can be searched for a name; others (PDF) trust the registry.
TEXT_SUFFIXES = {".md", ".html", ".htm", ".txt", ".csv", ".json", ".jsonl", ".vcf", ".ics"}


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


def record_export(store: Store | None, path: str | Path, *, kind: str, text: str,
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
    part is not among the text's words is left out. Any other name is handed over.
    """
    from infoview.store.matching import fold
    from infoview.store.mentions import words

    vocabulary = words(fold(text))
    ids, names = (json.loads(column) for column in store.execute(
        "SELECT json_group_array(id), json_group_array(name) FROM people")[0])
    chosen = []
    for person_id, name in zip(ids, names, strict=True):
        last = name.rpartition(" ")[2] if name else ""
        if not (last.isascii() and last.isalnum()) or last.lower() in vocabulary:
            chosen.append((person_id, name))
    return chosen


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
