"""The HTTP cache file looked at and pruned directly: what it holds, and forgetting some of it.

:class:`~infoview.research.httpcache.HttpCache` is what research reads and writes through;
this is what ``infoview cache ...`` and deleting a person use: every cached page with its
dates and its body (decoded for searching), every kept research result, and deletion that
leaves nothing behind. Deleted rows are overwritten (``secure_delete``), the file is then
rebuilt without its free pages (``VACUUM``, so copies freed earlier without zeroing go too)
and its write-ahead log is checkpointed and truncated.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypedDict

from infoview.errors import StoreError
from infoview.text import profile_key

log = logging.getLogger(__name__)

PAGES, REDIRECTS, RESULTS = "responses", "redirects", "infoview_results"


@dataclass
class CachedPage:
    """One cached response.

    Attributes:
        key: its key in the file.
        url: the URL asked for; ``final_url`` the one answered after redirects.
        status: the HTTP status kept.
        fetched_at: when it was stored (``None`` if unreadable).
        expires: when it stops being used.
        size: bytes of the stored entry.
        body: the body as stored (``b""`` if unreadable); ``encoding`` its charset.
    """

    key: str
    url: str
    final_url: str
    status: int | None
    fetched_at: datetime | None
    expires: datetime | None
    size: int
    body: bytes
    encoding: str | None = None
    raw: bytes = b""

    def to_dict(self) -> dict:
        """A JSON-ready view (without the body)."""
        return {"url": self.url, "final_url": self.final_url, "status": self.status,
                "fetched_at": _iso(self.fetched_at), "expires": _iso(self.expires),
                "bytes": self.size}


@dataclass
class KeptResult:
    """One finished research result kept for batch re-runs.

    Attributes:
        key: its key; ``url`` the URL researched; ``kind`` company or person.
        expires: when it stops being used; ``data`` the result (``None`` if unreadable).
    """

    key: str
    url: str
    kind: str
    expires: datetime | None
    data: dict | None
    text: str

    def to_dict(self) -> dict:
        """A JSON-ready view (without the result itself)."""
        return {"url": self.url, "kind": self.kind, "expires": _iso(self.expires)}


class CacheStats(TypedDict):
    """What a cache file holds (:meth:`CacheFile.stats`); ``infoview cache stats`` prints it."""

    path: str | None  # None: no cache file yet
    pages: int
    results: int
    expired: int
    hosts: int
    oldest: str | None  # when the oldest and newest pages were fetched (ISO 8601)
    newest: str | None
    bytes: int


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def _from_unix(value: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(float(value), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


class CacheFile:
    """Direct access to an HTTP cache file (use as a context manager).

    Args:
        path: the cache file; it must exist.
        days: how long entries were kept fresh (to date kept results, which store only
            their expiry).
    """

    def __init__(self, path: str | Path, days: float = 7.0):
        self.path = Path(path)
        self.days = days
        if not self.path.is_file():
            raise StoreError(f"{self.path}: no HTTP cache here (nothing has been cached yet)")
        try:
            self._conn = sqlite3.connect(self.path, timeout=15, isolation_level=None)
            self._conn.execute("PRAGMA secure_delete = ON")
            self._tables = {r[0] for r in self._conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"The HTTP cache {self.path} cannot be used ({exc}). It only holds "
                             "copies of web pages: delete the file.") from exc

    def __enter__(self) -> CacheFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def _rows(self, table: str, columns: str = "key, value, expires") -> list[tuple]:
        if table not in self._tables:
            return []
        return self._conn.execute(f"SELECT {columns} FROM {table}").fetchall()

    # ---- reading ------------------------------------------------------------------------

    def pages(self) -> Iterator[CachedPage]:
        """Every cached response, readable or not."""
        from requests_cache.serializers import pickle_serializer

        for key, value, expires in self._rows(PAGES):
            raw = bytes(value or b"")
            url = key.split(" ", 1)[-1]
            page = CachedPage(key, url, url, None, None, _from_unix(expires), len(raw), b"",
                              raw=raw)
            try:
                response = pickle_serializer.loads(raw)
                page.final_url = response.url or url
                page.url = getattr(response.request, "url", None) or url
                page.status = response.status_code
                page.fetched_at = response.created_at
                page.expires = response.expires or page.expires
                page.body = response.content or b""
                page.encoding = response.headers.get("X-Infoview-Encoding") or None
            except Exception as exc:  # written by another version: still listed and searchable
                log.info("cache entry %s is unreadable (%s); searching its raw bytes", key, exc)
            yield page

    def results(self) -> Iterator[KeptResult]:
        """Every kept research result."""
        for key, value, expires in self._rows(RESULTS):
            text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
            words = key.split(" ")
            kind = "person" if " person " in f" {key} " else "company"
            try:
                data = json.loads(text).get("data")
                text = json.dumps(data, ensure_ascii=False)
            except (ValueError, AttributeError):
                data = None
            yield KeptResult(key, words[-1], kind, _from_unix(expires), data, text)

    def stats(self) -> CacheStats:
        """What the file holds: counts, sizes, oldest and newest page, expired entries."""
        pages = list(self.pages())
        now = datetime.now(UTC)
        dates = sorted(p.fetched_at for p in pages if p.fetched_at)
        wal = Path(f"{self.path}-wal")
        return {
            "path": str(self.path),
            "pages": len(pages),
            "results": len(self._rows(RESULTS, "key")),
            "expired": sum(1 for p in pages if p.expires and p.expires <= now),
            "hosts": len({profile_key(p.url).split("/", 1)[0] for p in pages}),
            "oldest": _iso(dates[0]) if dates else None,
            "newest": _iso(dates[-1]) if dates else None,
            "bytes": self.path.stat().st_size + (wal.stat().st_size if wal.exists() else 0),
        }

    # ---- forgetting ---------------------------------------------------------------------

    def delete(self, pages: Iterable[str] = (), results: Iterable[str] = ()) -> int:
        """Delete entries by key, with redirects left pointing nowhere; then :meth:`compact`.

        Returns:
            The number of entries deleted.
        """
        removed = 0
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            for table, keys in ((PAGES, pages), (RESULTS, results)):
                if table in self._tables:
                    for key in keys:
                        removed += self._conn.execute(f"DELETE FROM {table} WHERE key = ?",
                                                      [key]).rowcount
            if REDIRECTS in self._tables and PAGES in self._tables:
                self._conn.execute(f"DELETE FROM {REDIRECTS} WHERE CAST(value AS TEXT) NOT IN "
                                   f"(SELECT key FROM {PAGES})")
            self._conn.execute("COMMIT")
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self.compact()
        return removed

    def compact(self) -> None:
        """Rebuild the file without free pages and truncate its write-ahead log."""
        try:
            self._conn.execute("VACUUM")
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.OperationalError as exc:  # another program is reading it right now
            raise StoreError(f"The HTTP cache {self.path} is in use ({exc}); the entries are "
                             "deleted, but close other notebooks and run 'infoview cache "
                             "stats' to finish clearing the file") from exc

    def forget(self, wanted: Callable[[CachedPage], bool],
               wanted_result: Callable[[KeptResult], bool]) -> tuple[list[CachedPage],
                                                                     list[KeptResult]]:
        """Delete the pages and kept results chosen by the two tests; returns them."""
        pages = [p for p in self.pages() if wanted(p)]
        results = [r for r in self.results() if wanted_result(r)]
        self.delete([p.key for p in pages], [r.key for r in results])
        return pages, results

    def clear(self, older_than_days: float | None = None) -> tuple[int, int]:
        """Delete every entry, or those stored more than ``older_than_days`` ago.

        Returns:
            ``(pages, results)`` deleted.
        """
        if older_than_days is None:
            pages, results = self.forget(lambda p: True, lambda r: True)
        else:
            cut = datetime.now(UTC) - timedelta(days=older_than_days)
            kept_for = timedelta(days=self.days)
            pages, results = self.forget(
                lambda p: p.fetched_at is None or p.fetched_at < cut,
                lambda r: r.expires is None or r.expires - kept_for < cut)
        return len(pages), len(results)

    def forget_url(self, url: str) -> tuple[int, int]:
        """Delete the cached pages of a URL (asked for or answered; scheme, ``www.`` and a
        final slash ignored) and the kept results researched from it."""
        key = profile_key(url)
        pages, results = self.forget(
            lambda p: key in (profile_key(p.url), profile_key(p.final_url)),
            lambda r: profile_key(r.url) == key)
        return len(pages), len(results)
