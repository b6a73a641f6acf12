"""Per-host politeness: one request at a time per host, and a pause between requests.

Different hosts proceed in parallel; requests to one host queue behind a per-host lock.
A thread waits (sleeps, never spins) until the host's next allowed time, which is set to the
end of the previous request plus the host's delay, and pushed later by a Retry-After.

A batch spread over several processes gives each its own fetcher, and each fetcher its
own gate; a host that more than one of them asks for (a report two companies keep on the
same server, one site reached from two addresses) is spaced across processes by
:class:`SharedHosts`, a table in memory the processes share.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

#: Seconds after which a host still marked as taken by another process is taken anyway
#: (that process is stuck or gone; a request never lasts this long).
_STALE = 300.0
#: How often a process waiting for a host another process holds looks again.
_POLL = 0.02


@dataclass
class _Host:
    delay: float
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_time: float = 0.0


class SharedHosts:
    """Each host's turn across the processes of one batch: who holds it, and when it is free.

    Made before the research processes are forked (they inherit it); ``time.monotonic()``
    is the same clock in every process on Linux, where batches fork. The table holds up to
    ``capacity`` hosts; past that, further hosts are spaced within each process only.
    """

    def __init__(self, capacity: int) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self.capacity = capacity
        self._lock = context.Lock()
        self._keys = context.RawArray(ctypes.c_uint64, capacity)
        self._free_at = context.RawArray(ctypes.c_double, capacity)
        self._holder = context.RawArray(ctypes.c_int, capacity)
        self._taken_at = context.RawArray(ctypes.c_double, capacity)

    def take(self, host: str, cancelled: threading.Event) -> int | None:
        """Wait until no other process holds ``host`` and its pause has passed, then hold
        it; the slot to :meth:`release` (``None`` when the table is full)."""
        me = os.getpid()
        while True:
            with self._lock:
                slot = self._slot(host)
                if slot is None:
                    return None
                now = time.monotonic()
                holder = self._holder[slot]
                if holder and holder != me and _alive(holder) \
                        and now - self._taken_at[slot] < _STALE:
                    wait = _POLL
                elif now < self._free_at[slot]:
                    wait = self._free_at[slot] - now
                else:
                    self._holder[slot], self._taken_at[slot] = me, now
                    return slot
            if cancelled.wait(wait):
                return None

    def release(self, slot: int, free_at: float) -> None:
        """Let other processes have the host from ``free_at`` on."""
        with self._lock:
            self._free_at[slot] = max(self._free_at[slot], free_at)
            self._holder[slot] = 0

    def hold_off(self, host: str, until: float) -> None:
        """Let no process reach ``host`` before ``until`` (a Retry-After)."""
        with self._lock:
            slot = self._slot(host)
            if slot is not None:
                self._free_at[slot] = max(self._free_at[slot], until)

    def _slot(self, host: str) -> int | None:
        """The host's slot, claimed if new (open addressing; called under the lock)."""
        key = int.from_bytes(hashlib.blake2b(host.encode(), digest_size=8).digest(),
                             "little") or 1
        at = key % self.capacity
        for _ in range(self.capacity):
            found = self._keys[at]
            if found == key:
                return at
            if found == 0:
                self._keys[at] = key
                return at
            at = (at + 1) % self.capacity
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:   # someone else's process now has that number: not ours
        return False
    return True


class HostGate:
    """Schedules requests per host name.

    Args:
        delay: the minimum seconds between the end of one request to a host and the start of
            the next.
        cancelled: an event that, once set, cuts every wait short (the caller then stops).
        shared: the table of a batch's processes, when this gate is one of several.
    """

    def __init__(self, delay: float, cancelled: threading.Event | None = None,
                 shared: SharedHosts | None = None):
        self.delay = max(0.0, delay)
        self._cancelled = cancelled or threading.Event()
        self._shared = shared
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
            slot = self._shared.take(host, self._cancelled) if self._shared else None
            try:
                yield
            finally:
                state.next_time = max(state.next_time, time.monotonic() + state.delay)
                if slot is not None and self._shared is not None:
                    self._shared.release(slot, state.next_time)

    def hold_off(self, host: str, seconds: float) -> None:
        """Let no request reach ``host`` for ``seconds`` (a Retry-After)."""
        state = self._host(host)
        state.next_time = max(state.next_time, time.monotonic() + seconds)
        if self._shared is not None:
            self._shared.hold_off(host, state.next_time)

    def slow_down(self, host: str, delay: float) -> None:
        """Raise the pause for one host (a robots.txt Crawl-delay longer than ours)."""
        state = self._host(host)
        state.delay = max(state.delay, delay)


