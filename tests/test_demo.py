"""`infoview demo` runs the whole flow offline on the bundled sample."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # each test runs the whole demo in a process of its own


def test_demo_writes_brief_emails_calendar_and_report_without_touching_the_users_db(tmp_path):
    out = tmp_path / "demo"
    users_db = tmp_path / "mine" / "infoview.sqlite"
    env = {**os.environ, "INFOVIEW_DB": str(users_db), "MPLBACKEND": "Agg"}
    run = subprocess.run([sys.executable, "-m", "infoview", "demo", "--out", str(out), "--json"],
                         capture_output=True, text=True, env=env, timeout=240)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["company"] == "Kestrel Health Labs"
    assert result["person"] == "Samira Okafor"
    files = {label: Path(path) for label, path in result["files"].items()}
    assert {"brief (md)", "brief (html)", "brief (ics)", "outcomes report",
            "email: request", "email: confirmation", "email: thanks"} <= set(files)
    for path in files.values():
        assert path.is_file() and path.stat().st_size > 0 and path.is_relative_to(out)

    brief = files["brief (md)"].read_text()
    assert "Samira Okafor" in brief and "Kestrel Health Labs" in brief
    assert "Who else would you suggest I talk to?" in brief
    assert "{" not in brief  # every placeholder filled

    from icalendar import Calendar

    event = Calendar.from_ical(files["brief (ics)"].read_bytes()).walk("VEVENT")[0]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (end - start).total_seconds() == 20 * 60
    assert str(start.tzinfo) == "Europe/London"

    report = files["outcomes report"].read_text()
    assert "<html" in report.lower() and '<svg xmlns="http://www.w3.org/2000/svg"' in report

    dossier = files["dossier (md)"].read_text()
    assert dossier.startswith("# ") and "Kestrel Health Labs" in dossier
    assert "Samira Okafor" in dossier  # met there in the sample history, so she said things
    assert files["dossier (html)"].read_text().lstrip().lower().startswith("<!doctype html")

    request = files["email: request"].read_text()
    assert "not looking for a job" in request and "?" in request
    # ready to paste: the checks are in a file of their own, not at the end of the email
    for kind in ("request", "confirmation", "thanks"):
        text = files[f"email: {kind}"].read_text()
        assert text.startswith("Subject: ") and "checks" not in text.lower()
        assert text.rstrip().endswith("Maya Lindqvist") or text.rstrip().endswith(
            "https://example.org/maya-lindqvist")
    assert "request.txt (" in files["email checks"].read_text()

    assert result["counts"]["meetings"] >= 35 and result["counts"]["people"] >= 75
    assert not users_db.exists(), "the demo must never write the user's own database"


def test_demo_can_run_twice_into_the_same_folder(tmp_path):
    from infoview.demo.run import run_demo

    first = run_demo(tmp_path)
    second = run_demo(tmp_path)
    assert first.counts == second.counts  # a fresh store each time, not one on top of another
