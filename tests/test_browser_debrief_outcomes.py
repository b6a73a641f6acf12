"""End to end in a real browser, the second half of the app: the meeting companion runs for a
few seconds, its notes come into the debrief, the debrief is saved (the sample meeting is
still ahead, so the form asks first) and lists its follow-ups; then the outcomes dashboard is
filtered and its report saved. Served as ``infoview app --demo`` serves it (Voila, the demo
store), driven by Debian's chromium.

Throughout, the browser console shows no error and no request leaves this machine; once the
pages are closed, Voila has no kernel left running (each page shuts its own down)."""

from __future__ import annotations

import argparse
import re
import time

import pytest
from voila_server import running_kernels, serve_notebooks

from infoview.cli.app import app_parameters

WAIT = 90_000  # ms: a cold kernel on a busy two-core machine


@pytest.fixture
def demo_app(tmp_path):
    """The app on a demo store: sample history, sample research, a planned meeting."""
    parameters = app_parameters(argparse.Namespace(db=None, demo=True, out=None), tmp_path)
    with serve_notebooks(tmp_path, parameters) as (base, server):
        yield base, server, tmp_path / "exports"


class Console:
    """Collects what a page reports that a user would call broken: console errors, uncaught
    exceptions, failed requests, and any request to another host."""

    def __init__(self, page, base: str):
        self.problems: list[str] = []
        page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(
            f"failed: {r.url} ({r.failure})") if not _closing_beacon(r.url) else None)
        page.on("request", lambda r: self.problems.append(f"left the machine: {r.url}")
                if not r.url.startswith((base, "data:", "blob:")) else None)


def _closing_beacon(url: str) -> bool:
    # The shutdown beacon sent as the page closes may be cut off by the closing itself.
    return "/voila/api/shutdown/" in url


def _wait_for_kernels(server, count: int, timeout: float = 30.0) -> int:
    deadline = time.monotonic() + timeout
    while (now := running_kernels(server)) != count and time.monotonic() < deadline:
        time.sleep(0.25)
    return now


@pytest.mark.browser
@pytest.mark.slow
def test_debrief_and_outcomes_in_a_real_browser_leave_no_kernel_running(chromium, demo_app):
    base, server, out = demo_app
    context = chromium.new_context(viewport={"width": 1100, "height": 900})
    try:
        # 1. The meeting companion: start the clock and let it run a few seconds.
        page = context.new_page()
        console = Console(page, base)
        page.goto(f"{base}/voila/render/03_debrief.ipynb", timeout=WAIT)
        page.get_by_role("button", name="Start the clock").click(timeout=WAIT)
        assert _wait_for_kernels(server, 1) == 1
        page.wait_for_function(
            "() => [...document.querySelectorAll('b')]"
            ".some(b => /^00:0[3-9]$/.test(b.textContent))",
            timeout=WAIT)
        notes = page.get_by_placeholder("a line of notes").first
        notes.fill("Came from nursing; a hackathon got her into research")
        notes.press("Tab")

        # 2. Bring the notes in: it says what came in, and the second time that nothing did.
        bring = page.get_by_role("button", name="Bring in the meeting notes")
        bring.click()
        page.get_by_text("Brought in 1 question from the meeting").wait_for(timeout=WAIT)
        bring.click()
        page.get_by_text("Nothing new in the meeting notes").wait_for(timeout=WAIT)
        assert page.get_by_placeholder("what they said").first.input_value().startswith(
            "Came from nursing")

        # 3. The debrief: a rapport score, a person suggested, then save. The sample meeting
        # is still ahead, so the form asks before marking it held.
        page.get_by_role("button", name="4", exact=True).click()
        page.get_by_role("button", name="Add a person they suggested").click()
        page.get_by_placeholder("name (needed)").fill("Priya Shah")
        page.get_by_placeholder("name (needed)").press("Tab")
        page.get_by_role("button", name="Save debrief").click()
        page.get_by_text("still ahead").wait_for(timeout=WAIT)
        page.get_by_role("button", name="Save anyway (mark it held)").click()
        page.get_by_text("Saved the debrief: 1 answer, 1 person suggested").wait_for(timeout=WAIT)

        # 4. Its follow-ups are listed: the thank-you and contacting the person suggested.
        follow_ups = page.locator("table.infoview-table").last
        follow_ups.get_by_text("a thank-you note").wait_for(timeout=WAIT)
        assert "Priya Shah" in follow_ups.text_content()
        page.close(run_before_unload=True)
        assert _wait_for_kernels(server, 0) == 0, "the debrief page left its kernel running"

        # 5. The outcomes dashboard: filter by channel, update, save the report.
        page = context.new_page()
        console_outcomes = Console(page, base)
        page.goto(f"{base}/voila/render/04_outcomes.ipynb", timeout=WAIT)
        page.get_by_text("Updated at").wait_for(timeout=WAIT)
        cards = page.locator(".infoview-card")
        before = cards.all_text_contents()
        page.locator("select[multiple]").select_option(["email"])
        page.get_by_text("Filters changed: press Update").wait_for(timeout=WAIT)
        page.get_by_role("button", name="Update").click()
        page.wait_for_function(
            "before => JSON.stringify([...document.querySelectorAll('.infoview-card')]"
            ".map(c => c.textContent)) !== JSON.stringify(before)", arg=before, timeout=WAIT)
        assert cards.all_text_contents() != before
        tabs = page.locator(".widget-tab").first.text_content()
        assert not re.search(r"\bNaN\b|\d\.\d{4,}", tabs), "a table shows raw numbers"
        page.get_by_role("button", name="Save report").click()
        page.get_by_text("Saved outcomes-report.html").wait_for(timeout=WAIT)
        page.close(run_before_unload=True)
        assert _wait_for_kernels(server, 0) == 0, "the outcomes page left its kernel running"
    finally:
        context.close()
    assert (out / "outcomes-report.html").exists()
    assert console.problems == [] and console_outcomes.problems == [], (
        console.problems + console_outcomes.problems)
