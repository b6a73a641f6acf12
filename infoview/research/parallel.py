"""Running many researches at once: threads per host, and on Linux a few processes.

Fetching is mostly waiting (for the network, for politeness), which threads do well. Parsing
and extraction are CPU work that holds the GIL, so with many hosts one process saturates one
core. Hosts are therefore split between a few forked processes (one per core), each running
threads over its own hosts with its own Fetcher; all processes share the on-disk HTTP cache.

``fork`` is used because the children then inherit the modules already imported; it is only
used on Linux, where it is dependable. Elsewhere, or for a handful of hosts, everything runs
in threads of the calling process.

The URLs of a host go to one process, but the pages their sites lead to may not (a report two
companies keep on one server, a site that two addresses redirect to): every process's
fetcher spaces its requests to any host through one table they share
(:class:`~infoview.research.politeness.SharedHosts`).
"""

from __future__ import annotations

import functools
import logging
import math
import os
import queue
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from infoview.errors import InfoviewError
from infoview.settings import Settings

log = logging.getLogger(__name__)

Groups = list[list[str]]   # URLs grouped by host, each group researched in order
HOSTS_PER_PROCESS = 6      # below this many hosts per core, a process costs more than it saves


@dataclass
class RunStats:
    """Counters a run fills in for its caller.

    Attributes:
        network_requests: requests that reached a server, over all processes.
        processes: processes used (1: threads of the calling process only).
    """

    network_requests: int = 0
    processes: int = 1


@dataclass(frozen=True)
class Job:
    """What to research and how (everything but the URLs)."""

    settings: Settings
    kind: str = "company"
    max_pages: int | None = None
    refresh: bool = False


def choose_processes(requested: int | None, hosts: int) -> int:
    """How many processes to use for ``hosts`` hosts (``requested``: ``None`` for automatic)."""
    if requested is not None:
        return max(1, min(int(requested), hosts)) if _can_fork() else 1
    if not _can_fork():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, hosts // HOSTS_PER_PROCESS, 8))


def run(groups: Groups, job: Job, *, processes: int | None = None, fetcher: Any = None,
        stats: RunStats | None = None) -> Iterator[dict[str, Any]]:
    """Research every URL of ``groups``, yielding one result dict per URL as each finishes.

    Results kept in the cache from an earlier run come first, straight from this process;
    the rest run in threads here, or spread over processes (see :func:`choose_processes`;
    never when the caller shares a ``fetcher``, which cannot cross processes).
    """
    from infoview.research.fetch import Fetcher

    stats = stats if stats is not None else RunStats()
    owned = None
    if fetcher is None and choose_processes(processes, len(groups)) == 1:
        # Made now so that its cache also serves the look-up of kept results.
        owned = fetcher = Fetcher(job.settings)
    try:
        groups = yield from _kept_results(groups, job, fetcher)
        if not groups:
            return
        count = 1 if fetcher is not None else choose_processes(processes, len(groups))
        if count > 1:
            stats.processes = count
            yield from _in_processes(groups, job, count, stats)
        else:
            if fetcher is None:
                owned = fetcher = Fetcher(job.settings)
            yield from _in_threads(groups, job, fetcher, stats)
    finally:
        if owned is not None:
            owned.close()


def result_key(job: Job, url: str) -> str:
    """The cache key of a finished research.

    It changes with the research code (so an upgrade, or an edit while developing, never
    serves results the current code would not produce) and with the page budget.
    """
    if job.kind == "person":
        return f"infoview {_code_fingerprint()} person {url}"
    pages = job.settings.max_pages if job.max_pages is None else job.max_pages
    return f"infoview {_code_fingerprint()} company max_pages={pages} {url}"


@functools.lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """The version plus a digest of the research modules' sizes and modification times."""
    import hashlib
    from pathlib import Path

    from infoview import __version__

    digest = hashlib.sha1(__version__.encode())
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return f"{__version__}-{digest.hexdigest()[:12]}"


def _kept_results(groups: Groups, job: Job, fetcher: Any):
    """Yield the results already in the cache; return the groups still to research."""
    if job.refresh or not job.settings.use_cache:
        return groups
    if fetcher is not None:
        cache = getattr(fetcher, "cache", None)
    else:
        from infoview.research.httpcache import open_cache

        cache = open_cache(job.settings, only_existing=True)
    if cache is None:
        return groups
    remaining: Groups = []
    try:
        for group in groups:
            todo = []
            for url in group:
                kept = cache.get_result(result_key(job, url))
                if kept is None:
                    todo.append(url)
                else:
                    yield _as_kept(kept, url)
            if todo:
                remaining.append(todo)
    finally:
        if fetcher is None:
            cache.close()
    return remaining


def _as_kept(result: dict[str, Any], url: str) -> dict[str, Any]:
    for record in result.get("fetched") or []:
        record["from_cache"] = True   # nothing was fetched this time
    if result.get("url") != url:
        result["input_url"] = url
    return result


# -- threads ------------------------------------------------------------------------------------

def _in_threads(groups: Groups, job: Job, fetcher: Any, stats: RunStats) -> Iterator[dict]:
    research = researcher(job, fetcher)
    results: queue.Queue = queue.Queue()
    stop = threading.Event()
    finished = False
    pool = ThreadPoolExecutor(max_workers=max(1, min(job.settings.workers, len(groups))),
                              thread_name_prefix="infoview-research")
    try:
        for group in groups:
            pool.submit(_run_group, group, research, results.put, stop)
        for _ in range(sum(len(g) for g in groups)):
            yield results.get()
        finished = True
    finally:
        stop.set()   # the consumer stopped early, or Ctrl-C: start no new URL
        if not finished:
            # Cut short the URLs in progress too: their pages now fail at once, and their
            # results are never read, so a re-run researches them again.
            fetcher.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
        stats.network_requests += fetcher.network_requests


def _run_group(urls: list[str], research: Callable[[str], dict], emit: Callable[[dict], None],
               stop: threading.Event) -> None:
    """Research one host's URLs in turn, emitting exactly one result per URL."""
    for url in urls:
        if stop.is_set():
            return   # nobody reads results any more; the URL stays to do for a re-run
        try:
            result = research(url)
            if result.get("url") != url:
                result["input_url"] = url   # so that a re-run recognises it as done
            emit(result)
        except InfoviewError as exc:
            emit({"url": url, "error": str(exc), "warnings": []})
        except Exception as exc:  # a bug on one page must not end a long batch
            log.exception("research of %s failed unexpectedly", url)
            emit({"url": url, "error": f"unexpected error ({type(exc).__name__}: {exc})",
                  "warnings": []})


def researcher(job: Job, fetcher: Any) -> Callable[[str], dict[str, Any]]:
    """One URL's research as a dict, reusing a result kept in the HTTP cache when there is one.

    A result is kept only when no page failed for a passing reason (timeout, server
    error), so that a re-run tries such pages again; it lives as long as cached pages do.
    """
    settings, refresh = job.settings, job.refresh
    if job.kind == "person":
        from infoview.research.person import research_person

        def run_one(url: str) -> dict[str, Any]:
            return research_person(url, settings=settings, fetcher=fetcher,
                                   refresh=refresh).to_dict()
    else:
        from infoview.research.company import research_company

        def run_one(url: str) -> dict[str, Any]:
            return research_company(url, settings=settings, fetcher=fetcher,
                                    max_pages=job.max_pages, refresh=refresh).to_dict()

    cache = getattr(fetcher, "cache", None)

    def research(url: str) -> dict[str, Any]:
        key = result_key(job, url)
        if cache is not None and not refresh:
            kept = cache.get_result(key)
            if kept is not None:
                return _as_kept(kept, url)
        failures = fetcher.transient_failures
        result = run_one(url)
        if cache is not None and fetcher.transient_failures == failures:
            cache.put_result(key, result)
        return result

    return research


# -- processes ----------------------------------------------------------------------------------

def _can_fork() -> bool:
    import multiprocessing

    return (sys.platform.startswith("linux")
            and "fork" in multiprocessing.get_all_start_methods()
            and not multiprocessing.current_process().daemon)   # daemons may not have children


def _split(groups: Groups, parts: int) -> list[Groups]:
    """Deal host groups to ``parts`` shares with about the same number of URLs each."""
    shares: list[Groups] = [[] for _ in range(parts)]
    sizes = [0] * parts
    for group in sorted(groups, key=len, reverse=True):
        i = sizes.index(min(sizes))
        shares[i].append(group)
        sizes[i] += len(group)
    return [share for share in shares if share]


def _in_processes(groups: Groups, job: Job, processes: int, stats: RunStats) -> Iterator[dict]:
    import multiprocessing
    from multiprocessing.connection import wait

    from infoview.research.politeness import SharedHosts

    context = multiprocessing.get_context("fork")
    shares = _split(groups, processes)
    # One request at a time per host over all the processes, the per-host pause after
    # each: the hosts of the URLs are dealt out, but the pages they lead to are not.
    hosts = SharedHosts(min(max(4096, 8 * len(groups)), 1 << 20))
    # settings.workers is the number of hosts researched at once, over all processes.
    child_job = Job(job.settings.with_(workers=math.ceil(job.settings.workers / len(shares))),
                    job.kind, job.max_pages, job.refresh)
    live: dict[Any, Any] = {}
    try:
        for share in shares:
            reader, writer = context.Pipe(duplex=False)
            proc = context.Process(target=_child, args=(share, child_job, writer, hosts),
                                   daemon=True, name="infoview-research")
            proc.start()
            writer.close()
            live[reader] = proc
        while live:
            ready_readers: list[Any] = wait(list(live))  # only our pipes' ends are waited on
            for ready in ready_readers:
                try:
                    message = ready.recv()
                except EOFError:
                    proc = live.pop(ready)
                    proc.join()
                    if proc.exitcode:
                        log.error("a research process ended with status %s; its unfinished "
                                  "URLs are left for a re-run", proc.exitcode)
                    continue
                if "__requests__" in message:
                    stats.network_requests += message["__requests__"]
                else:
                    yield message
    finally:
        for proc in live.values():   # stopped early: end the children's work now
            proc.terminate()
        for proc in live.values():
            proc.join()


def _child(groups: Groups, job: Job, writer: Any, hosts: Any) -> None:
    """A research process: threads over its hosts, results sent back through ``writer``."""
    from infoview.research.fetch import Fetcher

    stats = RunStats()
    try:
        with Fetcher(job.settings, shared_hosts=hosts) as fetcher:
            for result in _in_threads(groups, job, fetcher, stats):
                writer.send(result)
        writer.send({"__requests__": stats.network_requests})
    finally:
        writer.close()
