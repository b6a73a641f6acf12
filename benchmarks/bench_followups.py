"""The one list of what is due (``open_actions``), which every face reads (the digest, the
app's home and outcomes pages, ``infoview actions``), on a large network.

Run alone with ``.venv/bin/python benchmarks/bench_followups.py`` (or ``make bench``).
A store of 30,000 people at 3,000 organizations, 20,000 requests over the past 400 days
(a LinkedIn archive brings as many) and 2,000 actions. ``open_actions`` reads the store's
frames and computes the 3B7 follow-ups of unanswered requests on the spot; the baseline is
``store.frames()`` alone, measured in the same run, which every analytic pays anyway.

Target: ``open_actions`` under 4 times the baseline (the 3B7 routine reads only the
columns it needs and only the requests recent enough to call for a follow-up).
``--quick``: a tenth of the size.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

RATIO_TARGET = 4.0


def _fill(store, people: int, requests: int, actions: int, now: datetime) -> None:
    from infoview.models import Action, Outreach, Person

    rng = random.Random(7)
    store.add_many(Person(name=f"Person {i}", organization=f"Org {i % (people // 10)}")
                   for i in range(people))
    store.add_many(Outreach(person_id=rng.randrange(1, people + 1), kind="request",
                            sent_at=now - timedelta(days=rng.randrange(1, 400),
                                                    minutes=rng.randrange(1440)))
                   for _ in range(requests))
    store.add_many(Action(what=f"Action {i}", kind="promise",
                          due=now + timedelta(days=rng.randrange(-30, 30)))
                   for i in range(actions))


def _median(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the size")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    from infoview.flows.actions import open_actions
    from infoview.store import Store

    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as folder, \
            Store.open(Path(folder) / "bench.sqlite") as store:
        _fill(store, 30000 // scale, 20000 // scale, 2000 // scale, now)
        open_actions(store, now=now)  # warm: imports, the holiday calendar
        baseline = _median(store.frames)
        measured = _median(lambda: open_actions(store, now=now))
        due = len(open_actions(store, now=now))
    ratio = measured / baseline
    print(f"open_actions: {measured:.2f} s for {due} due actions; baseline store.frames(): "
          f"{baseline:.2f} s; ratio {ratio:.1f} (target under {RATIO_TARGET:g})")
    if ratio >= RATIO_TARGET:
        print("MISSED: open_actions is too slow for every page that shows what is due")
        return 1
    print("met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
