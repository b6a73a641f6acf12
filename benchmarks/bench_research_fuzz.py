"""Fuzzing company research: thousands of hostile pages, no crash, bounded CPU and memory.

Usage: ``.venv/bin/python benchmarks/bench_research_fuzz.py [--count N] [--http N]
[--seed S] [--quick]``

Documents come from ``tests/helpers/fuzz_pages.py``: the project's fixture pages, each given one to
three mutations (truncation, flipped bytes, deep nesting, huge attributes, wrong declared
encodings, NUL bytes, thousands of cards or templates, absurd JSON-LD, malformed links, tag
soup, byte-order marks) and a fuzzed Content-Type header. They go through research two ways:

- ``--count`` documents (default 10,000) through
  :func:`infoview.research.company.read_company_page`, the per-page step of company research
  without the network: the charset decided as the fetcher decides it, one parse, every
  extractor (facts, people, news, summary, links, social profiles, page type) under the
  page's CPU budget;
- ``--http`` documents (default 300) served as home pages by a real server on 127.0.0.1
  and researched with :func:`~infoview.research.company.research_company` (two pages a
  site), so headers and the fetcher are fuzzed too.

Targets (exit 1 on a miss): no exception that is not infoview's own (an ``InfoviewError``
such as "page too large" is a clean refusal), no page over 5 s of CPU, peak memory of the
process under 500 MB. CPU is the process's CPU time around one page (the extractors run on
a helper thread), so it does not grow when the machine is busy; wall time is shown beside.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import traceback
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "helpers"))   # the generator and the misbehaving test server

from fuzz_pages import Doc, documents  # noqa: E402
from hostile_server import Hostile  # noqa: E402

from infoview.errors import InfoviewError  # noqa: E402
from infoview.research.company import read_company_page, research_company  # noqa: E402
from infoview.research.fetch import Fetcher  # noqa: E402
from infoview.settings import Settings  # noqa: E402

MAX_CPU = 5.0
MAX_MB = 500
WORST = 10


class Tally:
    """What happened to each document: CPU, failures, per mutation."""

    def __init__(self) -> None:
        self.cpu: list[tuple[float, float, str]] = []
        self.failures: list[tuple[str, str]] = []
        self.refused = 0
        self.by_mutation: dict[str, list[float]] = defaultdict(list)

    def run(self, doc: Doc, step) -> None:  # type: ignore[no-untyped-def]
        started, wall = time.process_time(), time.perf_counter()
        try:
            step()
        except InfoviewError:
            self.refused += 1
        except Exception:   # the point of the benchmark: anything else is a bug
            self.failures.append((doc.describe(), traceback.format_exc(limit=-3)))
        spent = time.process_time() - started
        self.cpu.append((spent, time.perf_counter() - wall, doc.describe()))
        for name in dict.fromkeys(doc.mutations):
            self.by_mutation[name].append(spent)


def fuzz_in_process(seed: int, count: int, settings: Settings) -> Tally:
    """``count`` documents through the per-page step of company research."""
    tally = Tally()
    for doc in documents(seed, count):
        tally.run(doc, lambda doc=doc: read_company_page(
            doc.body, "https://fuzz.example/", content_type=doc.content_type, settings=settings))
    return tally


def fuzz_over_http(seed: int, count: int, settings: Settings) -> Tally:
    """``count`` documents served from 127.0.0.1 and researched as company home pages."""
    tally = Tally()
    with Hostile() as server, Fetcher(settings) as fetcher:
        for doc in documents(seed + 1, count):
            path = f"/site{doc.number}/"
            server.routes[path] = (200, {"Content-Type": doc.content_type}, doc.body)
            tally.run(doc, lambda path=path: research_company(
                server.url.rstrip("/") + path, fetcher=fetcher, max_pages=2))
            del server.routes[path]
    return tally


def report(name: str, tally: Tally) -> list[str]:
    """Print one part's figures; return the targets it missed."""
    cpu = sorted(tally.cpu, reverse=True)
    print(f"\n{name}: {len(cpu)} documents, {len(tally.failures)} foreign exceptions, "
          f"{tally.refused} refused cleanly (an infoview error)")
    if cpu:
        print(f"  CPU per page: mean {sum(c for c, _, _ in cpu) / len(cpu):.3f} s, "
              f"max {cpu[0][0]:.2f} s; wall max {max(w for _, w, _ in cpu):.2f} s")
    print(f"  {'mutation':<16} {'docs':>6} {'mean CPU':>9} {'max CPU':>8}")
    for mutation, values in sorted(tally.by_mutation.items()):
        print(f"  {mutation:<16} {len(values):>6} {sum(values) / len(values):>9.3f} "
              f"{max(values):>8.2f}")
    print(f"  slowest {WORST}:")
    for spent, wall, what in cpu[:WORST]:
        print(f"    {spent:6.2f} s CPU ({wall:6.2f} s wall)  {what}")
    for what, trace in tally.failures[:20]:
        print(f"  FAILED {what}\n    " + trace.strip().replace("\n", "\n    "))
    missed = []
    if tally.failures:
        missed.append(f"{name}: {len(tally.failures)} exceptions that are not infoview's own")
    over = [c for c in cpu if c[0] > MAX_CPU]
    if over:
        missed.append(f"{name}: {len(over)} pages over {MAX_CPU} s of CPU (worst {over[0][0]:.1f} s)")
    return missed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="documents read in process")
    parser.add_argument("--http", type=int, default=300, help="documents served over HTTP")
    parser.add_argument("--seed", type=int, default=18, help="the generator's seed")
    parser.add_argument("--quick", action="store_true", help="500 + 30 documents")
    args = parser.parse_args()
    if args.quick:
        args.count, args.http = 500, 30
    import logging

    logging.disable(logging.CRITICAL)   # extruct logs a traceback per odd page; counted here
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(host_delay=0.0, use_cache=False, cache_path=Path(tmp) / "c.sqlite")
        started = time.perf_counter()
        missed = report("in process (read_company_page)",
                        fuzz_in_process(args.seed, args.count, settings))
        if args.http:
            missed += report("over HTTP from 127.0.0.1 (research_company)",
                             fuzz_over_http(args.seed, args.http, settings))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory {peak_mb:.0f} MB; {time.perf_counter() - started:.0f} s in all "
          f"(seed {args.seed})")
    if peak_mb >= MAX_MB:
        missed.append(f"peak memory {peak_mb:.0f} MB, over {MAX_MB} MB")
    print(f"Targets: 0 foreign exceptions, no page over {MAX_CPU} s of CPU, memory under "
          f"{MAX_MB} MB.")
    if missed:
        print("MISSED: " + "; ".join(missed))
        return 1
    print("Targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
