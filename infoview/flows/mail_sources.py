"""How far each mbox file was read, so that reading it again skips what is unchanged.

Mail programs append to an mbox; an export made again starts with the same bytes. After an
import the store notes, per mbox file, its size then, a hash of those bytes and a hash of
the address book the import used (people's addresses, the user's own, the options). The
next import of that file hashes the same number of bytes (one read, at disk speed): when
both hashes agree, nothing in that part can give a different result, and only what was
added after it is parsed. Nothing about any message is kept: a size and two hashes.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from infoview.store.mailbox import CHUNK, MboxReader, Source

if TYPE_CHECKING:
    from infoview.flows.mail_import import MailImportReport
    from infoview.store.core import Store


class Checkpoints:
    """The read positions of a store's mbox files, for one address book."""

    def __init__(self, store: Store, book: str):
        self.store = store
        self.book = book

    def resume(self, sources: list[Source], report: MailImportReport) -> dict:
        """Where to start each mbox: ``{path: (offset, hash of the bytes before)}`` for the
        files whose beginning is unchanged since an import with the same address book."""
        starts = {}
        for source in sources:
            if source.kind != "mbox" or source.data is not None:
                continue
            rows = self.store.execute("SELECT size, digest FROM mail_sources WHERE path = ? "
                                      "AND book = ?", [str(source.path.resolve()), self.book])
            if not rows:
                continue
            size, digest = rows[0]
            if source.path.stat().st_size < size:
                continue
            prefix = _hash_prefix(source.path, size)
            if prefix.hexdigest() == digest:
                starts[source.path] = (size, prefix)
                report.unchanged_bytes += size
        return starts

    def save(self, readers: dict[Path, MboxReader]) -> None:
        """Note how far each mbox was read (inside the import's transaction)."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        for path, reader in readers.items():
            if reader.source.data is not None:
                continue  # an upload: there is no file to come back to
            self.store.execute(
                "INSERT INTO mail_sources (path, size, digest, book, read_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(path) DO UPDATE SET size = excluded.size, digest = excluded.digest, "
                "book = excluded.book, read_at = excluded.read_at",
                [str(path.resolve()), reader.end, reader.digest, self.book, now])


def _hash_prefix(path: Path, size: int):
    """The running hash of a file's first ``size`` bytes (as :class:`MboxReader` keeps it)."""
    digest = hashlib.sha1(usedforsecurity=False)
    left = size
    with open(path, "rb") as f:
        while left > 0:
            data = f.read(min(CHUNK, left))
            if not data:
                break
            digest.update(data)
            left -= len(data)
    return digest
