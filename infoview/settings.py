"""One settings object shared by the library, the CLI and the widgets."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from infoview import __version__
from infoview.errors import BadInput

#: The smallest value each number may take, and whether that value itself is allowed.
_LOWEST: dict[str, tuple[float, bool]] = {
    "connect_timeout": (0, False), "read_timeout": (0, False), "page_deadline": (0, False),
    "page_cpu_seconds": (0, False),
    "max_bytes": (1, True), "max_redirects": (0, True), "host_delay": (0, True),
    "max_retries": (0, True), "max_retry_after": (0, True), "max_pages": (1, True),
    "workers": (1, True),
}
_WHOLE = {"max_bytes", "max_redirects", "max_retries", "max_pages", "workers"}


@dataclass(frozen=True)
class Settings:
    """Politeness, limits and locations for research.

    Attributes:
        user_agent: sent with every request; names infoview and its version.
        connect_timeout: seconds to wait for a connection.
        read_timeout: seconds to wait between two chunks of a body.
        page_deadline: seconds a single page may take in all (redirects and retries included).
        page_cpu_seconds: seconds of CPU the reading of one fetched page may take (all its
            extractors together); past it the rest of that page is skipped with a warning,
            so a pathological page costs seconds, never minutes.
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
        allow_private: hosts on your own network (``"intranet.local"``, ``"10.0.0.5:8080"``)
            that research may reach besides the address you give it: a redirect, a link or
            a web search result may then lead there. Any other loopback, private or
            link-local address is refused (see ``research/addresses.py``).
    """

    user_agent: str = field(
        default=f"infoview/{__version__} (informational-interview research; +https://pypi.org/project/infoview/)"
    )
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    page_deadline: float = 30.0
    page_cpu_seconds: float = 3.0
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
    allow_private: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        problems = [problem for f in fields(self) if (problem := self._problem(f.name))]
        if problems:
            raise BadInput("invalid research settings: " + "; ".join(problems))

    def _problem(self, name: str) -> str | None:
        """What is wrong with one field's value, or ``None``."""
        if name == "allow_private":
            hosts = self.allow_private
            if isinstance(hosts, str) or not all(isinstance(h, str) and h for h in hosts):
                return f"allow_private must be a list of host names, not {hosts!r}"
            return None
        if name not in _LOWEST:
            return None
        value = getattr(self, name)
        lowest, allowed = _LOWEST[name]
        whole = name in _WHOLE
        kind = "a whole number" if whole else "a number"
        if isinstance(value, bool) or not isinstance(value, int if whole else (int, float)):
            return f"{name} must be {kind}, not {value!r}"
        if math.isnan(value) or value < lowest or (value == lowest and not allowed):
            bound = f"{lowest:g} or more" if allowed else f"more than {lowest:g}"
            return f"{name} must be {bound}, not {value!r}"
        return None

    def with_(self, **changes) -> Settings:
        """A copy with some fields changed (checked like a new one).

        Raises:
            BadInput: a changed value is out of range (a negative delay, zero pages...).
        """
        return replace(self, **changes)
