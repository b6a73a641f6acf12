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
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from infoview.research.budget import PageBudget, overrun_warning, run_within
from infoview.research.extract import extract_news, extract_people, main_text, organization_facts
from infoview.research.extract.links import page_links
from infoview.research.extract.page import ParsedPage


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
        self._helper: int | None = None
        self._pool = (ThreadPoolExecutor(max_workers=1, thread_name_prefix="infoview-extract",
                                         initializer=self._mark_helper) if threaded else None)

    def __enter__(self) -> Extracts:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def _mark_helper(self) -> None:
        self._helper = threading.get_ident()

    def call(self, func: Callable[..., Any], *args: Any) -> Future:
        """Run ``func(*args)`` on the helper thread, after the work already started."""
        if self._pool is not None:
            future = self._pool.submit(func, *args)
        else:
            future = Future()
            try:
                future.set_result(func(*args))
            except Exception as exc:   # raised by finish(), as the helper thread's would be
                future.set_exception(exc)
        self._pending.append(future)
        return future

    def start(self, kind: str, page: ParsedPage, *, summary: bool = False) -> None:
        """Start the extractors that a page fetched as ``kind`` will need."""
        steps = self.EAGER.get(kind, ("facts",)) + (("summary",) if summary else ())
        links = kind in self.LINKS_OF

        def work() -> None:
            for step in steps:
                self._compute(step, page)
            if links:
                self.links(page)

        self.call(work)

    def finish(self) -> None:
        """Wait for the work started so far; an extractor's exception is raised here."""
        while self._pending:
            self._pending.pop(0).result()

    def get(self, step: str, page: ParsedPage) -> Any:
        """The result of extractor ``step`` on ``page`` (computed now if it was not started).

        On the research thread this first waits for the work started so far; work running
        on the helper thread (see :meth:`call`) is already past it.
        """
        if threading.get_ident() != self._helper:
            self.finish()
        return self._compute(step, page)

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
