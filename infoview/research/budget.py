"""A CPU budget for reading one page: a pathological page costs seconds, never minutes.

The fetcher bounds the network (a page deadline, size caps); this bounds what happens
after: the extractors' CPU time on the parsed page. A page of 10,000 template cards, or
any input that makes some step slower than linear, must give a partial result and a
warning, not hold a batch's thread for minutes.

Extractors are plain Python called on the research's threads, so the bound is enforced
from outside: :func:`run_within` registers the calling thread with a watchdog thread, which
reads that thread's own CPU clock every few hundredths of a second and, once the budget is
spent, raises :class:`Overrun` inside it (CPython's asynchronous exception, delivered at
the next bytecode). ``Overrun`` derives from ``BaseException`` so that an extractor's
``except Exception`` cannot swallow it, and it is only ever raised while the thread is
inside :func:`run_within`, which catches it. Time spent inside one C call (libxml2 parsing
a 5 MB page) cannot be cut, but every such call is bounded by the size cap.

Where threads have no CPU clock of their own (Windows), wall time is used instead, which
only ever stops a step earlier.
"""

from __future__ import annotations

import ctypes
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

log = logging.getLogger(__name__)

_T = TypeVar("_T")
#: How often the watchdog looks at the clocks of the threads it guards.
_TICK = 0.02
#: A step is not started with less than this left: the watchdog could not stop it cleanly
#: in time, and nothing useful is read in less.
_MIN_STEP = 0.05


class Overrun(BaseException):  # noqa: N818  (it is a signal, not an error a caller handles)
    """Raised inside a thread whose step ran past its CPU budget (caught by run_within)."""


@dataclass
class PageBudget:
    """The CPU seconds one page's extraction may still spend.

    Attributes:
        left: seconds left (each :func:`run_within` deducts what its step used).
        overrun: whether a step was stopped for want of time (later steps are then skipped).
    """

    left: float
    overrun: bool = False
    skipped: list[str] = field(default_factory=list)

    @property
    def spent(self) -> bool:
        """Whether nothing is left to spend."""
        return self.overrun or self.left <= 0


@dataclass(eq=False)
class _Entry:
    ident: int
    clock: Callable[[], float]
    limit: float
    fired: bool = False


class _Watchdog:
    """One daemon thread per process that stops guarded threads past their limit."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._entries: set[_Entry] = set()
        self._thread: threading.Thread | None = None

    def enter(self, seconds: float) -> _Entry:
        clock = _thread_clock()
        entry = _Entry(threading.get_ident(), clock, clock() + seconds)
        with self._lock:
            self._entries.add(entry)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._watch, daemon=True,
                                                name="infoview-cpu-budget")
                self._thread.start()
            self._lock.notify()
        return entry

    def leave(self, entry: _Entry) -> None:
        """Stop guarding ``entry``'s thread; cancel an exception raised but not yet delivered.

        Safe to call twice (an Overrun may arrive inside the first call).
        """
        with self._lock:
            if entry in self._entries:
                self._entries.discard(entry)
                if entry.fired:
                    _set_async(entry.ident, None)

    def _watch(self) -> None:
        while True:
            with self._lock:
                while not self._entries:
                    self._lock.wait()
                for entry in list(self._entries):
                    if not entry.fired and entry.clock() >= entry.limit:
                        entry.fired = True
                        _set_async(entry.ident, Overrun)
                self._lock.wait(_TICK)


def _thread_clock() -> Callable[[], float]:
    """A clock of the calling thread's CPU time, readable from another thread."""
    try:
        clock_id = time.pthread_getcpuclockid(threading.get_ident())
        time.clock_gettime(clock_id)
    except (AttributeError, OSError):   # no per-thread CPU clock here: fall back on wall time
        return time.monotonic
    return lambda: time.clock_gettime(clock_id)


def _set_async(ident: int, exc: type[BaseException] | None) -> None:
    """Raise ``exc`` in thread ``ident`` at its next bytecode (``None`` cancels)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident),
                                               ctypes.py_object(exc) if exc else None)


_WATCHDOG = _Watchdog()


def run_within(budget: PageBudget, what: str, func: Callable[..., _T], *args: Any,
               default: _T) -> _T:
    """``func(*args)``, stopped once it has used ``budget.left`` seconds of CPU.

    Args:
        budget: the page's budget; the CPU time used is deducted from it.
        what: what the step finds, for the warning ("people", "news").
        func: the step.
        default: returned when the step is stopped, or when the budget was already spent.

    Returns:
        The step's result, or ``default`` (and ``what`` is added to ``budget.skipped``).
    """
    if budget.spent or budget.left < _MIN_STEP:
        budget.skipped.append(what)
        return default
    started = time.thread_time()
    entry: _Entry | None = None
    try:
        entry = _WATCHDOG.enter(budget.left)
        try:
            return func(*args)
        finally:
            _WATCHDOG.leave(entry)
            budget.left -= time.thread_time() - started
    except Overrun:
        if entry is not None:
            _WATCHDOG.leave(entry)
        budget.overrun = True
        budget.skipped.append(what)
        log.warning("stopped reading %s after its CPU budget was spent", what)
        return default


def overrun_warning(url: str, budget: PageBudget, seconds: float) -> str | None:
    """The warning a page whose budget ran out leaves on the profile, or ``None``."""
    if not budget.skipped:
        return None
    parts = ", ".join(dict.fromkeys(budget.skipped))
    return (f"{url}: the page took too long to read (over {seconds:g} s of computing), so "
            f"its {parts} may be incomplete or missing")
