"""Per-host politeness: one request at a time per host, and a pause between requests.

Different hosts proceed in parallel; requests to one host queue behind a per-host lock.
A thread waits (sleeps, never spins) until the host's next allowed time, which is set to the
end of the previous request plus the host's delay, and pushed later by a Retry-After.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class _Host:
    delay: float
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_time: float = 0.0


class HostGate:
    """Schedules requests per host name.

    Args:
        delay: the minimum seconds between the end of one request to a host and the start of
            the next.
        cancelled: an event that, once set, cuts every wait short (the caller then stops).
    """

    def __init__(self, delay: float, cancelled: threading.Event | None = None):
        self.delay = max(0.0, delay)
        self._cancelled = cancelled or threading.Event()
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def _host(self, host: str) -> _Host:
        with self._lock:
            state = self._hosts.get(host)
            if state is None:
                state = self._hosts[host] = _Host(self.delay)
            return state

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        """Hold the host's single request slot, after waiting for its pause to pass."""
        state = self._host(host)
        with state.lock:
            wait = state.next_time - time.monotonic()
            if wait > 0:
                self._cancelled.wait(wait)   # sleeps, but wakes at once on cancel
            try:
                yield
            finally:
                state.next_time = max(state.next_time, time.monotonic() + state.delay)

    def hold_off(self, host: str, seconds: float) -> None:
        """Let no request reach ``host`` for ``seconds`` (a Retry-After)."""
        state = self._host(host)
        state.next_time = max(state.next_time, time.monotonic() + seconds)

    def slow_down(self, host: str, delay: float) -> None:
        """Raise the pause for one host (a robots.txt Crawl-delay longer than ours)."""
        state = self._host(host)
        state.delay = max(state.delay, delay)
