"""The on-disk HTTP cache: fetched pages kept in SQLite for a few days.

requests-cache provides the storage (its SQLite backend, whose connection is guarded by a
lock and so is safe to share between threads) and the expiry bookkeeping. Its caching
session is not used for the requests themselves, because it reads every body in full before
our size caps could apply; instead the fetcher stores each page once it has been read within
the caps, already decompressed, with the charset it decided.

A second table keeps finished research results (JSON) for batch research, so that a warm
re-run neither fetches nor parses again.

Writes are queued and written by one writer thread, many to a transaction, through its own
connection: with a batch's threads and processes all saving pages at the same moment, a
write of its own on each research thread waited up to a tenth of a second for the file's
lock (SQLite's busy wait backs off in sleeps), and held up that thread's next page and its
result. Queued entries are read from the queue until written; :meth:`HttpCache.close`
waits for the queue to empty.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from infoview.locking import retry_while_locked

logger = logging.getLogger(__name__)

# Status codes worth remembering: a page, or a definite "not there" (so a warm re-run of
# research that probes /sitemap.xml sends nothing either).
CACHEABLE = {200, 203, 204, 404, 410}


def open_cache(settings: Any, *, only_existing: bool = False) -> HttpCache | None:
    """The HTTP cache that ``settings`` name (``cache_path``, else the default file).

    Args:
        settings: a :class:`~infoview.settings.Settings`.
        only_existing: give ``None`` instead of creating the file when it does not exist yet
            (a cache that was never written cannot hold anything worth reading).
    """
    from infoview.paths import default_cache_path

    path = settings.cache_path or default_cache_path()
    if only_existing and not Path(path).exists():
        return None
    return HttpCache(path, settings.cache_days)


class HttpCache:
    """Cached responses keyed by URL, expiring after ``days``.

    Args:
        path: the SQLite file (created with its folder if missing).
        days: how long an entry stays fresh.
    """

    def __init__(self, path: Path, days: float):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.days = days
        self._open_tables()
        # (table, key) -> what to write: a CachedResponse, or a result's (JSON, expires)
        self._queued: dict[tuple[str, str], Any] = {}
        self._queue_changed = threading.Condition()
        self._writer: threading.Thread | None = None
        self.prune()

    def _open_tables(self, patience: float = 15.0) -> None:
        """Open the cache's tables, waiting while another process holds the file.

        Several processes (a batch's research processes, a second notebook) may open the
        file at the same moment: opening waits for them for up to ``patience`` seconds
        (:func:`~infoview.locking.retry_while_locked`).
        """
        from requests_cache.backends.sqlite import SQLiteCache, SQLiteDict

        def open_tables() -> None:
            # busy_timeout: once open, reads and writes wait for each other politely.
            self._backend = SQLiteCache(str(self.path), wal=True, busy_timeout=15_000)
            self._results = SQLiteDict(str(self.path), table_name="infoview_results",
                                       serializer=None, lock=self._backend.responses._lock,
                                       wal=True, busy_timeout=15_000)
            # In WAL mode, synchronous=NORMAL keeps the file consistent after a crash but
            # skips the fsync on every commit; with FULL, each page written held the shared
            # lock for an fsync and stalled every thread's lookups behind it.
            for table in (self._backend.responses, self._backend.redirects, self._results):
                with table.connection() as con:
                    con.execute("PRAGMA synchronous=NORMAL")

        try:
            retry_while_locked(open_tables, patience)
        except sqlite3.DatabaseError as exc:  # locked too long, not SQLite, or damaged
            raise self._unusable(exc) from exc

    def _unusable(self, exc: Exception):
        from infoview.errors import StoreError

        return StoreError(f"The HTTP cache {self.path} cannot be used ({exc}). It only holds "
                          "copies of web pages: delete it, or research with --no-cache.")

    def prune(self) -> None:
        """Delete expired entries, so the file does not grow with every site ever visited.

        SQLite reuses the freed space; the file itself only shrinks with a VACUUM, which is
        left out because it rewrites the whole file.
        """
        try:
            self._backend.delete(expired=True, vacuum=False)
            with self._results.connection(commit=True) as con:
                con.execute("DELETE FROM infoview_results WHERE expires <= ?", (time.time(),))
        except Exception as exc:   # a busy or read-only cache file is still usable
            logger.warning("Could not prune the HTTP cache %s: %s", self.path, exc)

    @staticmethod
    def _key(url: str) -> str:
        return "GET " + url

    def get(self, url: str) -> dict | None:
        """The cached entry for a URL, or ``None`` when absent or expired.

        Returns:
            ``{"url", "final_url", "status", "content_type", "encoding", "body", "warnings"}``.
        """
        try:
            cached = (self._from_queue(self._backend.responses.table_name, self._key(url))
                      or self._backend.get_response(self._key(url)))
        except Exception as exc:  # a damaged entry is a miss, never a crash
            logger.warning("Ignoring unreadable cache entry for %s: %s", url, exc)
            return None
        if cached is None or cached.is_expired:
            return None
        headers = cached.headers
        return {
            "url": url,
            "final_url": cached.url,
            "status": cached.status_code,
            "content_type": headers.get("Content-Type", ""),
            "encoding": headers.get("X-Infoview-Encoding") or None,
            "body": cached.content or b"",
            "warnings": json.loads(headers.get("X-Infoview-Warnings") or "[]"),
        }

    def put(self, url: str, *, final_url: str, status: int, content_type: str,
            encoding: str | None, body: bytes, warnings: list[str]) -> None:
        """Store a response read within the caps (body already decompressed)."""
        if status not in CACHEABLE:
            return
        from requests.structures import CaseInsensitiveDict
        from requests_cache.models import CachedRequest, CachedResponse

        response = CachedResponse(
            url=final_url,
            status_code=status,
            headers=CaseInsensitiveDict({
                "Content-Type": content_type,
                "X-Infoview-Encoding": encoding or "",
                "X-Infoview-Warnings": json.dumps(warnings),
            }),
            expires=datetime.now(UTC) + timedelta(days=self.days),
        )
        response._content = body
        response.request = CachedRequest(method="GET", url=url, headers=CaseInsensitiveDict())
        self._enqueue(self._backend.responses.table_name, self._key(url), response)

    def get_result(self, key: str) -> dict | None:
        """A research result stored by :meth:`put_result`, or ``None`` if absent or expired."""
        try:
            queued = self._from_queue(self._results.table_name, key)
            stored = json.loads(queued[0] if queued else self._results[key])
        except KeyError:
            return None
        except Exception as exc:
            logger.warning("Ignoring unreadable cached result %s: %s", key, exc)
            return None
        if stored.get("expires", 0) < time.time():
            return None
        return stored.get("data")

    def put_result(self, key: str, data: dict) -> None:
        """Keep a research result derived from cached pages, for as long as pages are kept.

        Re-running research over unchanged cached pages gives the same result, so a warm
        re-run can skip parsing and extraction altogether.
        """
        expires = time.time() + self.days * 86400
        stored = json.dumps({"expires": expires, "data": data}, ensure_ascii=False)
        self._enqueue(self._results.table_name, key, (stored, expires))

    def flush(self) -> None:
        """Wait until every queued write is in the file."""
        with self._queue_changed:
            writer = self._writer
        while writer is not None:
            try:
                writer.join()   # it writes until the queue is empty
                return
            except RuntimeError:   # made, but its starter has not started it yet
                time.sleep(0.001)

    def clear(self) -> None:
        """Forget every cached response and result."""
        self.flush()
        self._backend.clear()
        self._results.clear()

    def close(self) -> None:
        """Write what is queued, then close the database connections."""
        self.flush()
        self._backend.close()
        self._results.close()

    # -- the writer ---------------------------------------------------------------------

    def _from_queue(self, table: str, key: str) -> Any:
        with self._queue_changed:
            return self._queued.get((table, key))

    def _enqueue(self, table: str, key: str, entry: Any) -> None:
        with self._queue_changed:
            self._queued[(table, key)] = entry
            writer = None
            if self._writer is None:
                # Not a daemon: a process that ends without close() still writes its queue.
                # The thread ends as soon as the queue is empty, so it never delays an exit.
                writer = self._writer = threading.Thread(target=self._write_queue,
                                                         name="infoview-cache-writer")
        if writer is not None:
            writer.start()   # outside the lock: starting waits for the thread to run

    def _write_queue(self) -> None:
        """Write queued entries until none are left (runs on the writer thread)."""
        con = None
        try:
            con = sqlite3.connect(str(self.path), timeout=15, isolation_level=None)
            con.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.Error as exc:
            logger.warning("Could not open the HTTP cache %s to write: %s", self.path, exc)
        while True:
            with self._queue_changed:
                batch = dict(self._queued)
                if not batch:
                    self._writer = None
                    break
            if con is not None:
                self._write_batch(con, batch)
            with self._queue_changed:   # entries queued again meanwhile stay for the next round
                for item, entry in batch.items():
                    if self._queued.get(item) is entry:
                        del self._queued[item]
        if con is not None:
            con.close()

    def _write_batch(self, con: sqlite3.Connection, batch: dict[tuple[str, str], Any]) -> None:
        responses = self._backend.responses
        rows: dict[str, list[tuple]] = {}
        for (table, key), entry in batch.items():
            if table == responses.table_name:
                row = (key, responses.serialize(entry), getattr(entry, "expires_unix", None))
            else:
                row = (key, *entry)   # a result: (JSON, expires); the expires column: prune
            rows.setdefault(table, []).append(row)
        try:
            con.execute("BEGIN IMMEDIATE")
            for table, values in rows.items():
                con.executemany(f"INSERT OR REPLACE INTO {table} (key, value, expires) "
                                "VALUES (?, ?, ?)", values)
            con.execute("COMMIT")
        except sqlite3.Error as exc:  # a full disk or locked file must not fail the research
            if con.in_transaction:
                con.rollback()
            logger.warning("Could not write %d entries to the HTTP cache %s: %s",
                           len(batch), self.path, exc)
