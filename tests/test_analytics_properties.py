"""Every analytic, the report and the digest work on any store the kit can produce.

Hypothesis builds stores in real SQLite files through ``Store.add`` (the route every command,
panel and ``db import`` takes), with what real stores hold: tables left empty, one row,
missing industries, times and scores, every status and kind ``CHOICES`` allows, text that
looks like a missing value (``"nan"``, ``"None"``, ``""``), names in any script, far dates
and odd time zones, self-referrals and cycles, meetings that replace each other. Each
example then runs every analytic and checks a few facts that hold whatever the data.

The report (seven plots) is slower, so it gets fewer examples than the tables. Hypothesis
keeps the examples that failed (in ``.hypothesis/``) and tries them first next time.
"""

from __future__ import annotations

import math
import os
import tempfile
from datetime import UTC
from pathlib import Path

import pytest
from _store_histories import History, histories, save
from hypothesis import HealthCheck, given, settings

from infoview import analytics
from infoview.analytics.digest import weekly_digest
from infoview.analytics.headline import headline_figures
from infoview.analytics.report import build_report
from infoview.cli import main

#: Examples per run of the table test (the report and the commands get a fifth and an eighth:
#: each example costs a second or more). A thorough hunt before a release:
#: INFOVIEW_PROPERTY_EXAMPLES=2000 pytest tests/test_analytics_properties.py
EXAMPLES = int(os.environ.get("INFOVIEW_PROPERTY_EXAMPLES", "30"))

pytestmark = [pytest.mark.filterwarnings("ignore::UserWarning"),  # matplotlib: glyphs missing
              pytest.mark.timeout(max(300, EXAMPLES * 3)), pytest.mark.slow]


def frames_of(history: History):
    with tempfile.TemporaryDirectory() as folder, save(history, Path(folder) / "s.sqlite") as store:
        return store.frames()


PROPERTY = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _rows(history: History, kind: str) -> list[dict]:
    return [f for k, f in history.rows if k == kind]


# ---- the properties -------------------------------------------------------------------------

@PROPERTY
@given(histories())
def test_every_table_analytic_works_on_any_store(history):
    frames = frames_of(history)
    now = history.now
    results = {
        "funnel": analytics.funnel(frames),
        "funnel by channel": analytics.funnel(frames, by="channel"),
        "funnel by warmth": analytics.funnel(frames, by="warmth"),
        "levels": analytics.person_levels(frames),
        "reply rates": analytics.reply_rates(frames),
        "reply rates by warmth": analytics.reply_rates(frames, by="warmth"),
        "chains": analytics.chain_depths(frames),
        "door openers": analytics.door_openers(frames),
        "thank-yous": analytics.thank_you_timeliness(frames, now=now),
        "overdue": analytics.overdue_actions(frames, now=now),
        "due": analytics.due_actions(frames, now=now),
        "promises": analytics.open_promises(frames, now=now),
        "leads": analytics.uncontacted_leads(frames),
        "stale": analytics.stale_contacts(frames, now=now),
        "health": analytics.follow_up_health(frames, now=now),
        "questions": analytics.question_effectiveness(frames),
        "categories": analytics.category_effectiveness(frames),
        "activity": analytics.activity_by_week(frames),
        "learned": analytics.insights_by_industry(frames),
        "targets": analytics.targets(frames),
        "statuses": analytics.meeting_statuses(frames),
        "touches": analytics.touches(frames, now=now),
        "keep in touch": analytics.keep_in_touch_status(frames, now=now),
        "losing touch": analytics.losing_touch(frames, now=now),
    }
    for name, result in results.items():
        assert len(result) or analytics.message(result), name  # empty results say so in words

    # facts that hold whatever the data
    funnel = results["funnel"].set_index("stage")["count"]
    assert (funnel["identified"] if len(funnel) else 0) == len(history.people)
    for rate in results["reply rates"].get("answer_rate", []):
        assert math.isnan(rate) or 0 <= rate <= 1
    insights = _rows(history, "insight")
    counted = results["learned"]["insights"].sum() if len(results["learned"]) else 0
    assert counted == len(insights)  # every insight is filed under some industry, "unknown" at worst
    sent = [r for r in _rows(history, "outreach") if r["sent_at"] is not None]
    weeks = results["activity"]
    assert (weeks["outreach"].sum() if len(weeks) else 0) == len(sent)
    # every stored organization, and each organization named on people that plainly is
    # none of them (the one organization rule), once
    from infoview.store.matching import OrganizationIndex

    index = OrganizationIndex(o.name for o in history.organizations)
    stored = {index.key(o.name) for o in history.organizations}
    from infoview.analytics.targets import NOT_AN_EMPLOYER
    from infoview.text import org_key

    named = ({index.key(p.organization) for p in history.people} - stored - {""}
             - {org_key(words) for words in NOT_AN_EMPLOYER})
    expected = len(history.organizations) + len(named)
    assert len(results["targets"]) == expected
    assert results["targets"]["batch"].sum() == min(5, expected)
    summary = analytics.network_summary(frames)
    assert summary["deepest_chain"] == analytics.max_chain_depth(frames) >= 0
    assert analytics.referral_graph(frames).number_of_nodes() == summary["people_in_chains"]
    head = headline_figures(frames, now=now)
    assert head["people"] == len(history.people)

    digest = weekly_digest(frames, now=now)
    counts = digest.counts()
    assert counts["losing_touch"] == len(results["losing touch"])
    assert set(digest.to_dict()) >= {"as_of", "counts", "due", "leads", "missed"}


@settings(max_examples=max(6, EXAMPLES // 5), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_the_report_renders_for_any_store(history):
    frames = frames_of(history)
    html = build_report(frames, now=history.now)
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "Organizations to pursue first" in html
    assert "<script" not in html  # whatever the names hold


@settings(max_examples=max(4, EXAMPLES // 8), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(history=histories())
def test_the_digest_with_drafts_and_the_report_commands_work_on_any_store(history, capsys):
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "s.sqlite"
        save(history, db).close()
        as_of = history.now.astimezone(UTC).date().isoformat()
        assert main(["--db", str(db), "digest", "--as-of", as_of, "--drafts", "--json"]) == 0
        assert main(["--db", str(db), "digest", "--as-of", as_of]) == 0
        assert main(["--db", str(db), "report", "--out", str(Path(folder) / "r.html")]) == 0
        assert main(["--db", str(db), "targets", "--json"]) == 0
        assert main(["--db", str(db), "actions", "--due"]) == 0
    capsys.readouterr()
