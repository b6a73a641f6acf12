"""One settings object shared by the library, the CLI and the widgets."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from infoview import __version__


@dataclass(frozen=True)
class Settings:
    """Politeness, limits and locations for research.

    Attributes:
        user_agent: sent with every request; names infoview and its version.
        connect_timeout: seconds to wait for a connection.
        read_timeout: seconds to wait between two chunks of a body.
        page_deadline: seconds a single page may take in all (redirects and retries included).
        max_bytes: cap on a body, both as received and as decompressed.
        max_redirects: redirects followed before giving up.
        host_delay: minimum seconds between two requests to one host.
        max_retries: retries on 429 / 503.
        max_retry_after: cap, in seconds, on a server's Retry-After.
        max_pages: pages fetched per company site.
        workers: hosts researched at once in batch research. A host's thread spends
            most of its time in politeness pauses, so many are cheap; the cap bounds
            memory (each holds its site's parsed pages) and open connections.
        cache_path: the on-disk HTTP cache; ``None`` means beside the database.
        cache_days: how long a cached response stays fresh.
        use_cache: ``False`` bypasses the cache (``--no-cache``).
    """

    user_agent: str = field(
        default=f"infoview/{__version__} (informational-interview research; +https://pypi.org/project/infoview/)"
    )
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    page_deadline: float = 30.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    host_delay: float = 1.0
    max_retries: int = 2
    max_retry_after: float = 10.0
    max_pages: int = 8
    workers: int = 32
    cache_path: Path | None = None
    cache_days: float = 7.0
    use_cache: bool = True

    def with_(self, **changes) -> "Settings":
        """A copy with some fields changed."""
        return replace(self, **changes)
