"""The outcomes report on a store shaped like a large one (the generated store the command
benchmarks time, written small here): read from the store for its needs, it is byte for
byte the report built from every frame, for every selection; and the follow-ups the report
checks against the messages are found from their index, not a pass over every action."""

from __future__ import annotations

import importlib.util
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from infoview.analytics.inputs import FramesInputs
from infoview.analytics.report import build_report
from infoview.flows.actions import contacted_leads, followup_frames
from infoview.flows.outcomes import report_inputs
from infoview.store import Store

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
NOW = datetime(2026, 6, 30, 18, tzinfo=UTC)


def _generator():
    spec = importlib.util.spec_from_file_location("bench_analytics",
                                                  BENCHMARKS / "bench_analytics.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("large") / "rows-3000.sqlite"
    _generator().write_store(str(path), 3000)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("selection", [
    {}, {"since": date(2026, 1, 1)}, {"until": "2026-02-15", "channels": ["email"]},
    {"since": "2025-12-01", "until": date(2026, 3, 1), "channels": ["linkedin", "phone"]},
], ids=["all", "since", "until and a channel", "a window and two channels"])
def test_the_generated_stores_report_read_for_its_needs_is_that_of_every_frame(generated,
                                                                            selection):
    with Store.open(generated) as store:
        stored = report_inputs(store, now=NOW, **selection)
        every = FramesInputs(followup_frames(store, now=NOW, frames=store.frames()),
                             now=stored.now, **selection)
        ours, theirs = build_report(stored), build_report(every)
    assert ours == theirs
    assert "Nothing to show yet" not in ours  # every table of the report has rows to compare


def test_the_leads_since_contacted_are_found_from_the_index_of_open_actions(generated,
                                                                           tmp_path):
    with Store.open(generated) as store:
        statements: list[str] = []
        store._conn.set_trace_callback(statements.append)
        found = contacted_leads(store)
        store._conn.set_trace_callback(None)
        query = next(s for s in statements if "contact_referral" in s)
        plan = " ".join(str(row[-1]) for row in store.execute(f"EXPLAIN QUERY PLAN {query}"))
        every = {i for (i,) in store.execute(
            "SELECT a.id FROM actions a NOT INDEXED WHERE a.kind = 'contact_referral' "
            "AND a.done_at IS NULL AND a.person_id IN (SELECT person_id FROM outreach "
            "UNION SELECT person_id FROM meetings WHERE status IN ('scheduled', 'held'))")}
    assert "actions_open" in plan
    assert found == every and found
