"""The extractors' work on one company research's pages: each result computed once, on a
helper thread while the next page is fetched, within each page's CPU budget.

A site's pages arrive a politeness pause apart and the CPU is idle meanwhile; extracting
each page then, rather than all of them after the last one, keeps a batch's CPU work
from piling up at its end, when every site finishes at once. The helper thread lets the
next request leave on time even when extraction is slow (many sites on few cores).
What each result is used for, and in which order, is decided by company research
(:mod:`infoview.research.company`).

Only one thread reads a page's tree at a time: the helper while it has work, the research
thread when it has waited for that work (:meth:`Extracts.finish`, :meth:`Extracts.get`).

The helper is one thread per process, shared by every research in it. It takes the work
that decides a site's next requests first (company facts, news, links: see
:attr:`Extracts.URGENT`), the rest in the order it is given, and a page's extractors always
in the same order (their CPU budget is the page's: a step that ran out of it would
otherwise not be the same step). Extraction holds the GIL, so a process never extracts faster with more
such threads; but each of them competes for the GIL with the threads that are sending
requests, and CPython hands the GIL to whichever waiting thread the system wakes: with a
helper per site, a batch's request threads lost that draw to two dozen extracting threads
and waited a seventh of a second, on average, between getting their turn at a host and
sending the request.
"""

from __future__ import annotations

import heapq
import itertools
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, wait
from typing import Any

from infoview.research.budget import PageBudget, overrun_warning, run_within
from infoview.research.extract import extract_news, extract_people, main_text, organization_facts
from infoview.research.extract.links import page_links
from infoview.research.extract.page import ParsedPage


class _Helper:
    """The process's extraction thread: urgent work first, the rest in the order given."""

    def __init__(self) -> None:
        self._ready = threading.Condition()
        self._queue: list[tuple[int, int, Future, Callable[[], Any]]] = []
        self._order = itertools.count()
        self.ident: int | None = None
        threading.Thread(target=self._run, name="infoview-extract", daemon=True).start()

    def submit(self, func: Callable[[], Any], urgent: bool) -> Future:
        future: Future = Future()
        with self._ready:
            heapq.heappush(self._queue, (0 if urgent else 1, next(self._order), future, func))
            self._ready.notify()
        return future

    def _run(self) -> None:
        self.ident = threading.get_ident()
        while True:
            with self._ready:
                while not self._queue:
                    self._ready.wait()
                _, _, future, func = heapq.heappop(self._queue)
            if not future.set_running_or_notify_cancel():
                continue   # cancelled: its research ended
            try:
                future.set_result(func())
            except BaseException as exc:   # handed to the research that waits for it
                future.set_exception(exc)


_lock = threading.Lock()
_helper: _Helper | None = None


def _shared_helper() -> _Helper:
    """The process's extraction thread (made on first use)."""
    global _helper
    with _lock:
        if _helper is None:
            _helper = _Helper()
        return _helper


def _forget_helper() -> None:
    """In a forked child: the parent's helper thread was not copied, so make a new one."""
    global _lock, _helper
    _lock, _helper = threading.Lock(), None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_helper)


#: What :meth:`Extracts.peek` gives for a result not read yet.
MISSING = object()


class Extracts:
    """Each extractor's result per page, computed once, on a helper thread as pages arrive.

    Args:
        seconds: the CPU budget of each page (``Settings.page_cpu_seconds``).
        threaded: ``False`` runs every piece of work at once on the calling thread, in the
            order it is asked for (reading a single page needs no helper thread).
    """

    #: Extractors run on a page as soon as it arrives, by the kind it was fetched as
    #: (company research reads these kinds).
    EAGER = {
        "home": ("facts", "text_facts", "people"),
        "about": ("facts", "text_facts", "people", "summary"),
        "team": ("facts", "people"),
        "news": ("facts", "news"),
        "contact": ("facts", "text_facts"),
    }
    STEPS = {
        "facts": lambda page: organization_facts(page, use_text=False),
        "text_facts": lambda page: organization_facts(page, use_text=True),
        "people": lambda page: extract_people(page, everyone=True),
        "news": extract_news,
        "summary": main_text,
    }
    #: The extractors whose results decide the requests beyond a site's pages (the
    #: founding year and whether it has news): run before the others (see :meth:`start`).
    URGENT = frozenset({"facts", "text_facts", "news"})
    #: The kinds of page whose links name the reports a company publishes: their links are
    #: read as they arrive too, outside the budget (as the home page's are).
    LINKS_OF = ("investors", "about", "news")

    #: What each step finds (for the warning when a page's budget runs out), and what it
    #: gives when it is stopped.
    FINDS = {"facts": ("company facts", dict), "text_facts": ("company facts", dict),
             "people": ("people", list), "news": ("news", list), "summary": ("summary", str)}

    def __init__(self, seconds: float, *, threaded: bool = True) -> None:
        self.seconds = seconds
        self._budgets: dict[int, PageBudget] = {}
        self._done: dict[tuple[str, int], Any] = {}
        self._pending: list[Future] = []
        self._later: set[int] = set()   # pages some of whose steps were queued as not urgent
        self._helper = _shared_helper() if threaded else None

    def __enter__(self) -> Extracts:
        return self

    def __exit__(self, *exc: object) -> None:
        # Work not started is dropped; work running reads this research's pages: wait for it.
        for future in self._pending:
            future.cancel()
        wait(self._pending)

    def call(self, func: Callable[..., Any], *args: Any, urgent: bool = False) -> Future:
        """Run ``func(*args)`` on the helper thread, after the work already started (urgent
        work: after the urgent work already started, before the rest)."""
        if self._helper is not None:
            future = self._helper.submit(lambda: func(*args), urgent)
        else:
            future = Future()
            try:
                future.set_result(func(*args))
            except Exception as exc:   # raised by finish(), as the helper thread's would be
                future.set_exception(exc)
        self._pending.append(future)
        return future

    def start(self, kind: str, page: ParsedPage, *, summary: bool = False) -> None:
        """Start the extractors that a page fetched as ``kind`` will need.

        The urgent ones that come first run as urgent work; the page's other steps, and any
        step asked of the page after them (a page fetched for two kinds), keep their order.
        """
        steps = self.EAGER.get(kind, ("facts",)) + (("summary",) if summary else ())
        first: list[str] = []
        for step in steps:
            if step not in self.URGENT or id(page) in self._later:
                self._later.add(id(page))
            else:
                first.append(step)
        rest = steps[len(first):]
        links = kind in self.LINKS_OF   # read outside the budget: its place does not matter

        def urgent() -> None:
            for step in first:
                self._compute(step, page)
            if links:
                self.links(page)

        if first or links:
            self.call(urgent, urgent=True)
        if rest:
            self.call(lambda: [self._compute(step, page) for step in rest])

    def finish(self) -> None:
        """Wait for the work started so far; an extractor's exception is raised here."""
        while self._pending:
            self._pending.pop(0).result()

    def get(self, step: str, page: ParsedPage) -> Any:
        """The result of extractor ``step`` on ``page`` (computed now if it was not started).

        On the research thread this first waits for the work started so far; work running
        on the helper thread (see :meth:`call`) is already past it.
        """
        if self._helper is None or threading.get_ident() != self._helper.ident:
            self.finish()
        return self._compute(step, page)

    def peek(self, step: str, page: ParsedPage) -> Any:
        """The result of ``step`` on ``page`` if it was read already, else :data:`MISSING`
        (for work on the helper thread that must not change the order of a page's steps)."""
        return self._done.get((step, id(page)), MISSING)

    def links(self, page: ParsedPage) -> list:
        """The page's links (:func:`~infoview.research.extract.links.page_links`), read once."""
        key = ("links", id(page))
        if key not in self._done:
            self._done[key] = page_links(page)
        return self._done[key]

    def bounded(self, page: ParsedPage, what: str, func: Callable[..., Any], *args: Any,
                default: Any) -> Any:
        """``func(*args)`` within what is left of ``page``'s CPU budget (see budget.py)."""
        budget = self._budgets.setdefault(id(page), PageBudget(self.seconds))
        return run_within(budget, what, func, *args, default=default)

    def note_overruns(self, pages: Any) -> None:
        """Leave a warning on each page whose budget ran out (research lists them)."""
        for page in {id(page): page for page in pages}.values():   # a page read for two kinds
            budget = self._budgets.get(id(page))
            warning = overrun_warning(page.url, budget, self.seconds) if budget else None
            if warning:
                page.warnings.append(warning)

    def _compute(self, step: str, page: ParsedPage) -> Any:
        key = (step, id(page))   # pages live as long as the research: ids stay unique
        if key not in self._done:
            what, empty = self.FINDS[step]
            self._done[key] = self.bounded(page, what, self.STEPS[step], page, default=empty())
        return self._done[key]
