"""Benchmark: does the question plan learn from the user's debriefs, and fast enough?

**Learning**, on generated histories where the truth is known. In each generated world,
eight bank questions are planted as truly useful with UX researchers (rated 4-5 there) and
useless with nurses (rated 1-2 there); eight more the other way round; every other question
is rated around 3, whatever its weight. The planted ones are drawn from the bank's weights
2 to 4, so the bank alone does not put them first. A simulated user then holds meetings,
alternating UX researchers and nurses (with a data analyst now and then): each meeting asks
the plan made *with* history for it (the loop the kit closes), plus two questions of the
user's own choosing from the bank, and is debriefed with ratings drawn from the truth.

After 10, 30 and 100 debriefs, the 20-minute plan for a UX researcher is made with history
and without (the bank alone), and we count how many of its questions are truly useful there
and how many are planted useless there. Averaged over several worlds.

**Speed**: a store of 10,000 debriefed meetings (about 100,000 questions asked, twelve
roles, eight industries, a few questions of the user's own) is built outside the timed part;
then the 20-minute plan with history (summarising the store for this meeting, then planning)
is timed against a baseline in the same run: reading every answer of a held meeting into
Python once and counting it per question (the simplest learner there could be, with no
weighting at all). The plan without history is timed too, for the reader. Medians of 7 runs.

Targets (exit status 1 on a miss):

- after 100 debriefs the plan with history holds at least 3 truly useful questions on
  average, more than the plan without history, and no more than 0.5 planted-useless ones;
- after 30 debriefs it holds at least as many truly useful questions as without history;
- the plan with history over 10,000 debriefs takes at most 0.2 s, judged as a ratio to the
  baseline measured in the same run: at most :data:`RATIO` times it. On a quiet 2-core
  machine the baseline takes about 50 ms (about 150-250 ms when eight jobs share the two
  cores), so three times it is 0.15 s: the target leaves room under 0.2 s.

    .venv/bin/python benchmarks/bench_question_learning.py           # 5 worlds, 10,000 debriefs
    .venv/bin/python benchmarks/bench_question_learning.py --quick   # 2 worlds, 2,000 debriefs
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from infoview.flows.question_history import question_history
from infoview.models import Meeting, Person, QuestionAsked
from infoview.questions.bank import fill_placeholders, load_bank
from infoview.questions.select import select_questions
from infoview.store import Store

UX = ("UX researcher", "health tech")
NURSE = ("nurse", "hospitals")
ANALYST = ("data analyst", "retail")
CHECKPOINTS = (10, 30, 100)
PLANTED = 8
#: The plan with history may take this many times the baseline (see the docstring).
RATIO = 3.0
DAY = date(2026, 6, 1)


class World:
    """A bank, the planted truth, and a simulated user's store."""

    def __init__(self, seed: int, folder: Path):
        self.rng = random.Random(seed)
        self.bank = load_bank()
        pool = sorted(q.id for q in self.bank if q.category != "closing" and "anyone" in q.audiences
                      and 2 <= q.weight <= 4)
        planted = self.rng.sample(pool, 2 * PLANTED)
        self.useful_for_ux = set(planted[:PLANTED])
        self.useful_for_nurses = set(planted[PLANTED:])
        self.askable = [q for q in self.bank if q.category != "closing" and "anyone" in q.audiences]
        self.store = Store.open(folder / f"world-{seed}.sqlite")
        self.host = self.store.add(Person(name="Host"))
        self.count = 0

    def rating(self, qid: str, role: str) -> int:
        ux_good = qid in self.useful_for_ux
        nurse_good = qid in self.useful_for_nurses
        if role == UX[0] and (ux_good or nurse_good):
            return self.rng.choice((4, 5, 5)) if ux_good else self.rng.choice((1, 1, 2))
        if role == NURSE[0] and (ux_good or nurse_good):
            return self.rng.choice((4, 5, 5)) if nurse_good else self.rng.choice((1, 1, 2))
        return max(1, min(5, round(self.rng.gauss(3, 0.8))))

    def hold_meeting(self) -> None:
        """One meeting planned with history, asked, and debriefed."""
        self.count += 1
        role, industry = ANALYST if self.count % 7 == 0 else (UX if self.count % 2 else NURSE)
        minutes = self.rng.choice((20, 30, 45))
        plan = select_questions(role=role, industry=industry, minutes=minutes,
                                history=question_history(self.store, today=DAY))
        asked = [i.id for i in plan.items]
        extra = [q.id for q in self.rng.sample(self.askable, 2) if q.id not in asked]
        start = datetime(2026, 1, 1, 10, tzinfo=UTC) + timedelta(days=self.count)
        meeting = self.store.add(Meeting(person_id=self.host.saved_id, starts_at=start,
                                         status="held", role=role, industry=industry,
                                         planned_minutes=minutes))
        by_id = {q.id: q for q in self.bank}
        values = {"role": role, "industry": industry}
        self.store.add_many(
            QuestionAsked(meeting_id=meeting.saved_id, question_id=qid, position=n,
                          text=fill_placeholders(by_id[qid].text, values),
                          category=by_id[qid].category, usefulness=self.rating(qid, role))
            for n, qid in enumerate(asked + extra, 1))

    def score(self, with_history: bool) -> tuple[int, int]:
        """(truly useful, planted useless) questions in the 20-minute plan for a UX researcher."""
        history = question_history(self.store, today=DAY) if with_history else None
        plan = select_questions(role=UX[0], industry=UX[1], minutes=20, history=history)
        ids = {i.id for i in plan.items}
        return len(ids & self.useful_for_ux), len(ids & self.useful_for_nurses)


def learning(worlds: int, folder: Path) -> dict[int, dict[str, float]]:
    results: dict[int, dict[str, list[int]]] = {n: {"with": [], "without": [], "useless": []}
                                                for n in CHECKPOINTS}
    for seed in range(worlds):
        world = World(seed, folder)
        for checkpoint in CHECKPOINTS:
            while world.count < checkpoint:
                world.hold_meeting()
            useful, useless = world.score(True)
            base, _ = world.score(False)
            results[checkpoint]["with"].append(useful)
            results[checkpoint]["without"].append(base)
            results[checkpoint]["useless"].append(useless)
        world.store.close()
    return {n: {k: statistics.mean(v) for k, v in r.items()} for n, r in results.items()}


def big_store(path: Path, debriefs: int, seed: int = 99) -> Store:
    """A store of ``debriefs`` held meetings with about ten rated questions each."""
    rng = random.Random(seed)
    bank = [q for q in load_bank() if q.category != "closing"]
    roles = ["UX researcher", "nurse", "data analyst", "product manager", "teacher", "editor",
             "civil engineer", "accountant", "UX designer", "pharmacist", "software developer",
             "policy adviser"]
    industries = ["health tech", "hospitals", "retail", "publishing", "education", "energy",
                  "banking", "government"]
    store = Store.open(path)
    host = store.add(Person(name="Host"))
    start = datetime(2020, 1, 1, 10, tzinfo=UTC)
    with store.transaction():
        meetings = store.add_many(
            Meeting(person_id=host.saved_id, starts_at=start + timedelta(hours=n), status="held",
                    role=rng.choice(roles), industry=rng.choice(industries),
                    planned_minutes=rng.choice((15, 20, 30, 45, 60)))
            for n in range(debriefs))
        rows = []
        for meeting in meetings:
            for n, q in enumerate(rng.sample(bank, rng.randint(6, 14)), 1):
                own = rng.random() < 0.03
                rows.append(QuestionAsked(
                    meeting_id=meeting.saved_id, position=n,
                    question_id=f"own-{n}" if own else q.id,
                    text=(f"My own question number {rng.randint(1, 40)}?" if own
                          else fill_placeholders(q.text, {"role": meeting.role})),
                    usefulness=rng.choice((None, 1, 2, 3, 3, 4, 5))))
        store.add_many(rows)
    return store


def timed(fn, repeats: int = 7) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def speed(debriefs: int, folder: Path) -> dict[str, float]:
    store = big_store(folder / "big.sqlite", debriefs)
    rows = store.execute("SELECT COUNT(*) FROM questions_asked")[0][0]
    bank = load_bank()

    def with_history():
        select_questions(role="UX researcher", industry="health tech", minutes=20, bank=bank,
                         history=question_history(store, bank=bank, today=DAY))

    def without_history():
        select_questions(role="UX researcher", industry="health tech", minutes=20, bank=bank)

    def read_every_answer():
        counts: dict[str, list[float]] = {}
        for qid, usefulness in store.execute(
                "SELECT q.question_id, q.usefulness FROM questions_asked AS q "
                "JOIN meetings AS m ON m.id = q.meeting_id WHERE m.status = 'held'"):
            count = counts.setdefault(qid, [0, 0, 0.0])
            count[0] += 1
            if usefulness is not None:
                count[1] += 1
                count[2] += usefulness

    with_history(), without_history(), read_every_answer()  # warm caches and pages
    times = {"with": timed(with_history), "without": timed(without_history),
             "scan": timed(read_every_answer), "rows": rows}
    store.close()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 worlds and 2,000 debriefs")
    args = parser.parse_args()
    worlds, debriefs = (2, 2_000) if args.quick else (5, 10_000)
    misses = []
    with tempfile.TemporaryDirectory(prefix="infoview-bench-questions-") as tmp:
        folder = Path(tmp)
        results = learning(worlds, folder)
        print(f"Truly useful questions in the 20-minute plan for a UX researcher "
              f"(of {PLANTED} planted; mean of {worlds} worlds)")
        print(f"{'debriefs':>9} {'with history':>13} {'without':>8} {'planted useless':>16}")
        for n, r in results.items():
            print(f"{n:>9} {r['with']:>13.1f} {r['without']:>8.1f} {r['useless']:>16.1f}")
        last, mid = results[100], results[30]
        if not (last["with"] >= 3 and last["with"] > last["without"]):
            misses.append(f"after 100 debriefs: {last['with']:.1f} truly useful with history "
                          f"(target at least 3 and more than {last['without']:.1f})")
        if last["useless"] > 0.5:
            misses.append(f"after 100 debriefs: {last['useless']:.1f} planted-useless questions "
                          "(target at most 0.5)")
        if mid["with"] < mid["without"]:
            misses.append(f"after 30 debriefs: {mid['with']:.1f} truly useful with history, "
                          f"fewer than {mid['without']:.1f} without")

        times = speed(debriefs, folder)
        ratio = times["with"] / times["scan"]
        print(f"\nPlan with history over {debriefs:,} debriefs ({times['rows']:,} questions "
              f"asked): {times['with'] * 1000:.0f} ms; baseline, every answer read once: "
              f"{times['scan'] * 1000:.0f} ms; ratio {ratio:.2f} (target at most {RATIO:g}, "
              f"about {RATIO * 0.05:g} s on a quiet machine). The plan without history: "
              f"{times['without'] * 1000:.0f} ms.")
        if ratio > RATIO:
            misses.append(f"plan with history {ratio:.2f} times the baseline (target {RATIO:g})")
    for miss in misses:
        print(f"MISSED: {miss}")
    if not misses:
        print("All question-learning targets met.")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
