"""Benchmark: every outcome analytic over a careers-service-sized history.

A university careers service with 10,000 students recording their interviews holds about
1,000,000 outreach and meeting rows. The frames are built directly in pandas (vectorised
numpy, the dtypes of ``Store.frames()``) rather than inserted through SQLite, since what is
measured here is the analytics, not the store (its own benchmark covers ``frames()``).

Each size runs in a fresh child process, so that its peak memory is its own. Printed per
size: the seconds of each analytic and their total, the peak resident memory, and the
ratios of time between sizes (10x more rows should cost at most about 10x the time).

Targets: at 1,000,000 rows, all analytics in under 5 s and under 2 GB, and time growing no
worse than linearly (ratio 100k -> 1M at most 10 x 1.5 for noise). Exit status 1 on a miss.

    .venv/bin/python benchmarks/bench_analytics.py            # 10k, 100k, 1M rows
    .venv/bin/python benchmarks/bench_analytics.py --quick    # 10k, 100k only
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from itertools import pairwise

SIZES = (10_000, 100_000, 1_000_000)
TARGET_SECONDS = 5.0
TARGET_BYTES = 2 * 1024**3
LINEAR_SLACK = 1.5
NOW = "2026-06-30T12:00:00+00:00"


def synthetic_frames(rows: int, seed: int = 1) -> dict:
    """Frames with ``rows`` outreach + meeting rows (3 : 1) and proportionate other tables."""
    import numpy as np
    import pandas as pd

    from infoview.models import CHOICES

    rng = np.random.default_rng(seed)
    n_out, n_meet = rows * 3 // 4, rows // 4
    n_people = max(10, rows * 6 // 10)
    n_orgs = max(20, rows // 500)
    n_ref = rows // 10
    start = pd.Timestamp("2025-07-01", tz="UTC")

    def ids(n):
        return pd.array(np.arange(1, n + 1), dtype="Int64")

    def cat(values, table, column):
        return pd.Categorical(values, categories=list(CHOICES[(table, column)]))

    def times(n, days=365):
        seconds = rng.integers(0, days * 86400, n)
        return (start + pd.to_timedelta(seconds, unit="s")).astype("datetime64[us, UTC]")

    def pick(n, high):
        return pd.array(rng.integers(1, high + 1, n), dtype="Int64")

    org_names = np.array([f"Org {i}" for i in range(n_orgs)], dtype=object)
    warmth = rng.choice(["friend", "colleague", "alumni", "referral", "event", "cold"], n_people,
                        p=[.1, .1, .2, .2, .1, .3])
    people_org = org_names[rng.integers(0, n_orgs, n_people)]
    upper = rng.random(n_people) < 0.2  # some typed in capitals: matching must fold case
    people_org[upper] = np.char.upper(people_org[upper].astype(str)).astype(object)
    people = pd.DataFrame({
        "name": pd.array([f"Person {i}" for i in range(n_people)], dtype="string"),
        "organization": pd.array(people_org, dtype="string"),
        "how_known": cat(warmth, "people", "how_known"),
        "tags": [[] for _ in range(n_people)],
        "keep_in_touch_days": pd.array(np.full(n_people, 60), dtype="Int64"),
        "keep_in_touch_max_days": pd.array(np.full(n_people, 90), dtype="Int64"),
        "connected_on": pd.Series(np.where(rng.random(n_people) < 0.2, start.tz_localize(None), pd.NaT)
                                  ).astype("datetime64[us]"),
        "created_at": times(n_people, 30),
        "id": ids(n_people),
    })
    organizations = pd.DataFrame({
        "name": pd.array(org_names, dtype="string"),
        "industry": pd.array(rng.choice(["health", "energy", "finance", "games", "public"], n_orgs),
                             dtype="string"),
        "motivation": pd.array(rng.integers(0, 4, n_orgs), dtype="Int64"),
        "postings": pd.array(rng.integers(0, 4, n_orgs), dtype="Int64"),
        "id": ids(n_orgs),
    })
    sent = times(n_out)
    channel = rng.choice(["email", "linkedin", "phone"], n_out, p=[.55, .4, .05])
    answered = rng.random(n_out) < np.where(channel == "linkedin", 0.2, 0.6)
    replied = sent + pd.to_timedelta(rng.integers(3600, 10 * 86400, n_out), unit="s")
    outreach = pd.DataFrame({
        "person_id": pick(n_out, n_people),
        "channel": cat(channel, "outreach", "channel"),
        "kind": cat(rng.choice(["request", "referred_intro", "follow_up", "thanks"], n_out,
                               p=[.55, .15, .15, .15]), "outreach", "kind"),
        "sent_at": sent,
        "replied_at": replied.where(answered),
        "id": ids(n_out),
    })
    meetings = pd.DataFrame({
        "person_id": pick(n_meet, n_people),
        "starts_at": times(n_meet),
        "planned_minutes": pd.array(np.full(n_meet, 20), dtype="Int64"),
        "status": cat(rng.choice(["held", "scheduled", "cancelled"], n_meet, p=[.85, .1, .05]),
                      "meetings", "status"),
        "industry": pd.array(rng.choice(["health", "energy", None], n_meet), dtype="string"),
        "rapport": pd.array(rng.integers(1, 6, n_meet), dtype="Int64"),
        "id": ids(n_meet),
    })
    # referral chains up to 4 deep: each referred person's referrer is from the layer above
    referred = np.arange(n_people - n_ref, n_people) + 1
    layer = rng.choice([1, 2, 3, 4], n_ref, p=[.5, .25, .15, .1])
    parent = rng.integers(1, max(2, n_people - n_ref), n_ref)
    for depth in (2, 3, 4):
        above = referred[layer == depth - 1]
        mine = layer == depth
        if len(above):
            parent[mine] = above[rng.integers(0, len(above), mine.sum())]
    cycle = rng.random(n_ref) < 0.005  # a few loops back to someone further down
    parent[cycle] = referred[rng.integers(0, n_ref, cycle.sum())]
    referrals = pd.DataFrame({
        "from_person_id": pd.array(parent, dtype="Int64"),
        "to_person_id": pd.array(referred, dtype="Int64"),
        "meeting_id": pick(n_ref, n_meet),
        "may_mention": cat(rng.choice(["yes", "no", "unknown"], n_ref), "referrals", "may_mention"),
        "contact_by": cat(rng.choice(["user", "host"], n_ref, p=[.8, .2]), "referrals", "contact_by"),
        "created_at": times(n_ref),
        "id": ids(n_ref),
    })
    n_q = n_meet * 3
    categories = np.array(list("abcdefgh"))
    qnum = rng.integers(0, 150, n_q)
    questions = pd.DataFrame({
        "meeting_id": pick(n_q, n_meet),
        "text": pd.array(np.char.add("Question ", qnum.astype(str)), dtype="string"),
        "question_id": pd.array(np.char.add("q-", qnum.astype(str)), dtype="string"),
        "category": pd.array(categories[qnum % 8], dtype="string"),
        "usefulness": pd.array(rng.integers(1, 6, n_q), dtype="Int64"),
        "id": ids(n_q),
    })
    n_act = n_meet * 2
    due = times(n_act)
    actions = pd.DataFrame({
        "what": pd.array(np.full(n_act, "Follow up"), dtype="string"),
        "kind": cat(rng.choice(["thank_you", "promise", "contact_referral", "tell_referrer"], n_act),
                    "actions", "kind"),
        "owner": cat(rng.choice(["user", "host"], n_act, p=[.8, .2]), "actions", "owner"),
        "due": due,
        "done_at": due.where(rng.random(n_act) < 0.7),
        "meeting_id": pick(n_act, n_meet),
        "person_id": pick(n_act, n_people),
        "id": ids(n_act),
    })
    n_outc = max(1, n_meet // 20)
    outcomes = pd.DataFrame({
        "kind": cat(rng.choice(["lead", "application", "interview", "offer"], n_outc, p=[.6, .25, .1, .05]),
                    "outcomes", "kind"),
        "meeting_id": pick(n_outc, n_meet),
        "person_id": pd.array([pd.NA] * n_outc, dtype="Int64"),
        "id": ids(n_outc),
    })
    insights = pd.DataFrame({
        "meeting_id": pick(n_meet, n_meet),
        "text": pd.array(np.char.add("Insight ", rng.integers(0, 300, n_meet).astype(str)), dtype="string"),
        "tags": [["hiring"] for _ in range(n_meet)],
        "id": ids(n_meet),
    })
    frames = {"people": people, "organizations": organizations, "outreach": outreach,
              "meetings": meetings, "referrals": referrals, "questions_asked": questions,
              "actions": actions, "outcomes": outcomes, "insights": insights}
    return {name: _complete(name, frame) for name, frame in frames.items()}


def _complete(name: str, frame):
    """Every column of the frames contract, in order and with its dtype, as Store.frames() gives."""
    import pandas as pd

    from infoview.store.frames import frame_dtypes

    dtypes = frame_dtypes(name)
    for column, dtype in dtypes.items():
        if column not in frame:
            frame[column] = pd.Series([None] * len(frame), dtype=dtype) if dtype is object \
                else pd.Series(pd.NA, index=frame.index).astype(dtype)
    return frame[list(dtypes)]


def _sql_values(frame, dtypes: dict) -> list[list]:
    """The frame's columns as SQLite values, in the store's text formats (see store/schema.py)."""

    columns = []
    for name, dtype in dtypes.items():
        series = frame[name]
        if str(dtype) == "datetime64[us, UTC]":
            text = series.dt.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")
            values = text.astype(object).where(series.notna(), None).tolist()
        elif str(dtype) == "datetime64[us]":
            text = series.dt.strftime("%Y-%m-%d")
            values = text.astype(object).where(series.notna(), None).tolist()
        elif dtype is object:
            values = [None if v is None else json.dumps(v) for v in series.tolist()]
        else:
            values = series.astype(object).where(series.notna(), None).tolist()
            if str(dtype) == "Int64":
                values = [None if v is None else int(v) for v in values]
        columns.append(values)
        del series
    return [list(row) for row in zip(*columns, strict=True)] if columns else []


def write_store(path: str, rows: int, seed: int = 1) -> dict[str, int]:
    """Write the synthetic history of ``rows`` outreach + meeting rows as an infoview store
    at ``path`` (a new file), so that the commands can be timed on it; returns row counts."""
    import sqlite3
    from dataclasses import fields
    from pathlib import Path

    from infoview.store import Store
    from infoview.store.frames import frame_dtypes
    from infoview.store.schema import COLUMNS, TYPES

    target = Path(path)
    if target.exists():
        raise SystemExit(f"{target} exists already; give a new file name")
    Store.open(target).close()  # the schema, at the current version
    frames = synthetic_frames(rows, seed)
    for table, frame in frames.items():  # a required field left empty gets its default
        defaults = {f.name: f.default for f in fields(TYPES[table])}
        for column in COLUMNS[table]:
            default = defaults.get(column.name)
            if not column.nullable and isinstance(default, (str, int)) and frame[column.name].isna().any():
                frame[column.name] = frame[column.name].fillna(default)
    conn = sqlite3.connect(target, isolation_level=None)
    counts = {}
    conn.execute("BEGIN")
    for table, frame in frames.items():
        dtypes = frame_dtypes(table)
        names = list(dtypes)
        values = _sql_values(frame, dtypes)
        conn.executemany(f"INSERT INTO {table} ({', '.join(names)}) "
                         f"VALUES ({', '.join('?' * len(names))})", values)
        counts[table] = len(values)
    conn.execute("COMMIT")
    conn.close()
    return counts


def run_one(rows: int) -> dict:
    """Build the frames, then time each analytic once; returns seconds and peak memory."""
    import pandas as pd  # noqa: F401  (imported before timing, as in a notebook)

    from infoview import analytics as a

    frames = synthetic_frames(rows)
    now = pd.Timestamp(NOW)
    steps = {
        "funnel (overall, channel, warmth)": lambda: [a.funnel(frames), a.funnel(frames, by="channel"),
                                                      a.funnel(frames, by="warmth")],
        "reply rates (channel, warmth)": lambda: [a.reply_rates(frames, by="channel"),
                                                  a.reply_rates(frames, by="warmth")],
        "referral chains and door openers": lambda: [a.chain_depths(frames), a.door_openers(frames)],
        "referral graph (networkx DiGraph)": lambda: a.referral_graph(frames),
        "follow-up health": lambda: a.follow_up_health(frames, now=now),
        "question effectiveness": lambda: [a.question_effectiveness(frames),
                                           a.category_effectiveness(frames)],
        "activity per week": lambda: a.activity_by_week(frames),
        "insights per industry": lambda: a.insights_by_industry(frames),
        "targets (LAMP)": lambda: a.targets(frames),
    }
    seconds = {}
    for name, step in steps.items():
        t0 = time.perf_counter()
        step()
        seconds[name] = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux
    return {"rows": rows, "seconds": seconds, "total": sum(seconds.values()), "peak_bytes": peak}


def main(argv: list[str]) -> int:
    if "--store" in argv:
        parser = argparse.ArgumentParser(description="write a generated store")
        parser.add_argument("--store", required=True, help="the new store file to write")
        parser.add_argument("--rows", type=int, default=100_000,
                            help="outreach + meeting rows (default 100,000)")
        args = parser.parse_args(argv)
        counts = write_store(args.store, args.rows)
        print(f"Wrote {args.store}: " + ", ".join(f"{n:,} {t}" for t, n in counts.items()))
        return 0
    if argv[:1] == ["--child"]:
        print(json.dumps(run_one(int(argv[1]))))
        return 0
    sizes = SIZES[:2] if "--quick" in argv else SIZES
    results = []
    for rows in sizes:
        out = subprocess.run([sys.executable, __file__, "--child", str(rows)],
                             capture_output=True, text=True, check=True,
                             env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin"})
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))

    names = list(results[0]["seconds"])
    header = f"{'analytic':36}" + "".join(f"{r['rows']:>12,}" for r in results)
    print("Seconds per analytic, by outreach + meeting rows (frames built in pandas, not SQLite)")
    print(header)
    for name in names:
        print(f"{name:36}" + "".join(f"{r['seconds'][name]:12.3f}" for r in results))
    print(f"{'TOTAL':36}" + "".join(f"{r['total']:12.3f}" for r in results))
    print(f"{'peak memory (MB)':36}" + "".join(f"{r['peak_bytes'] / 2**20:12.0f}" for r in results))

    failures = []
    for before, after in pairwise(results):
        growth = after["rows"] / before["rows"]
        ratio = after["total"] / before["total"]
        print(f"time ratio {before['rows']:,} -> {after['rows']:,} rows: {ratio:.2f}x "
              f"for {growth:.0f}x the rows (linear would be {growth:.0f}x; "
              f"target <= {growth * LINEAR_SLACK:.0f}x)")
        if ratio > growth * LINEAR_SLACK:
            failures.append(f"time grew {ratio:.1f}x for {growth:.0f}x the rows")
    largest = results[-1]
    print(f"target at {largest['rows']:,} rows: total < {TARGET_SECONDS} s "
          f"(measured {largest['total']:.2f} s), peak memory < {TARGET_BYTES / 2**30:.0f} GB "
          f"(measured {largest['peak_bytes'] / 2**30:.2f} GB)")
    if largest["rows"] == SIZES[-1]:
        if largest["total"] >= TARGET_SECONDS:
            failures.append(f"{largest['total']:.2f} s is over {TARGET_SECONDS} s")
        if largest["peak_bytes"] >= TARGET_BYTES:
            failures.append(f"peak memory {largest['peak_bytes'] / 2**30:.2f} GB is over 2 GB")
    if failures:
        print("MISSED: " + "; ".join(failures))
        return 1
    print("All targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
