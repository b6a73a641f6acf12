"""End to end in a real browser, the second half of the app: the meeting companion runs for a
few seconds, its notes come into the debrief, the debrief is saved (the sample meeting is
still ahead, so the form asks first) and lists its follow-ups; then the outcomes dashboard is
filtered and its report saved. Served as ``infoview app --demo`` serves it (Voila, the demo
store), driven by Debian's chromium.

Throughout, the browser console shows no error or warning outside the documented allow-list
(:mod:`browser_console`) and no request leaves this machine; once the page is closed, Voila
has no kernel left running (the page shuts its own down)."""

from __future__ import annotations

import argparse
import re
import time

import pytest
from browser_console import Console, allowed
from browser_layout import cut_off
from voila_server import running_kernels, serve_app

from infoview.cli.app import app_config

WAIT = 240_000  # ms: the most any one step may take (a cold kernel on a busy machine)


@pytest.fixture
def demo_app(tmp_path):
    """The app on a demo store: sample history, sample research, a planned meeting."""
    config = app_config(argparse.Namespace(db=None, demo=True, out=str(tmp_path / "exports")),
                        tmp_path)
    with serve_app(tmp_path, config) as served:
        yield served, tmp_path / "exports"


#: The text boxes whose text does not fit (placeholder and value of each).
CUT_OFF_INPUTS = """() => [...document.querySelectorAll('input[type=text], input:not([type])')]
    .filter(i => i.offsetParent !== null && i.scrollWidth > i.clientWidth + 1)
    .map(i => [i.placeholder, i.value])"""
def wait_for_kernels(server, count: int, timeout: float = 60.0) -> int:
    """How many kernels ``server`` runs once that number is ``count`` (or ``timeout`` passed)."""
    deadline = time.monotonic() + timeout
    while (now := running_kernels(server)) != count and time.monotonic() < deadline:
        time.sleep(0.25)
    return now


def test_the_console_allow_list_takes_only_voilas_version_warnings():
    assert allowed("Unsatisfied version 4.2.5 from _JUPYTERLAB.CORE_OUTPUT of shared singleton "
                   "module @jupyterlab/rendermime (required ^4.6.2)")
    assert allowed("No satisfying version (^4.6.2) of shared module @jupyterlab/outputarea found "
                   "in shared scope default.\nAvailable versions: 4.2.5 from "
                   "_JUPYTERLAB.CORE_OUTPUT")
    assert not allowed("Unsatisfied version 1.0 from infoview of shared singleton module x")
    assert not allowed("Failed to load resource: the server responded with a status of 404")


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.timeout(900)
def test_debrief_and_outcomes_in_a_real_browser_leave_no_kernel_running(chromium, demo_app):
    served, out = demo_app
    server = served.process
    context = chromium.new_context(viewport={"width": 1100, "height": 900})
    try:
        page = context.new_page()
        console = Console(page, served.base)
        page.goto(served.url, timeout=WAIT)
        nav = page.locator(".infoview-nav")
        # 0. Home lists what is due: worked out beside the first paint, shown once drawn.
        page.locator(".infoview-page-home .infoview-followup").first.wait_for(timeout=WAIT)
        # 1. The meeting companion: start the clock and let it run a few seconds.
        nav.get_by_role("button", name="Meeting", exact=True).click(timeout=WAIT)
        page.get_by_role("button", name="Start the clock").click(timeout=WAIT)
        assert wait_for_kernels(server, 1) == 1
        page.wait_for_function(
            "() => [...document.querySelectorAll('b')]"
            ".some(b => /^00:0[3-9]$/.test(b.textContent))",
            timeout=WAIT)
        notes = page.get_by_placeholder("a line of notes").first
        notes.fill("Came from nursing; a hackathon got her into research")
        notes.press("Tab")

        # 2. Opening the debrief brings the notes in and says what came; bringing them in
        # again says that nothing new did.
        nav.get_by_role("button", name="Debrief", exact=True).click()
        page.get_by_text("Brought in 1 question from the meeting").wait_for(timeout=WAIT)
        bring = page.get_by_role("button", name="Bring in the meeting notes")
        bring.click(timeout=WAIT)
        page.get_by_text("Nothing new in the meeting notes").wait_for(timeout=WAIT)
        assert page.get_by_placeholder("what they said").first.input_value().startswith(
            "Came from nursing")

        # 3. The debrief: a rapport score, a person suggested, then save. The sample meeting
        # is still ahead, so the form asks before marking it held.
        page.get_by_role("button", name="4", exact=True).click()
        page.get_by_role("button", name="Add a person they suggested").click()
        page.get_by_placeholder("name (needed)").fill("Priya Shah")
        page.get_by_placeholder("name (needed)").press("Tab")
        # A long title and organization show whole (they were cut off in boxes too narrow).
        row = page.locator(".infoview-page-debrief")
        row.get_by_placeholder("title").fill("Senior Director of Clinical Product Operations")
        row.get_by_placeholder("organization").last.fill("Kestrel Health Labs International")
        row.get_by_placeholder("organization").last.press("Tab")
        # A sentence learned shows whole too (its box was 420 px, whatever the room beside).
        page.get_by_role("button", name="Add an insight").click()
        insight = page.get_by_placeholder("something you learned")
        insight.fill("Product teams at Kestrel value clinical experience most in discovery work")
        insight.press("Tab")
        assert page.evaluate(CUT_OFF_INPUTS) == []
        # The row's ✕ stays at the end of its first line, at this width and a narrower one
        # (it wrapped below the fields, on a line that looked like its own).
        assert cut_off(page) == []
        page.set_viewport_size({"width": 900, "height": 900})
        assert cut_off(page) == []
        page.set_viewport_size({"width": 1100, "height": 900})
        page.get_by_role("button", name="Save debrief").click()
        page.get_by_text("still ahead").wait_for(timeout=WAIT)
        page.get_by_role("button", name="Save anyway (mark it held)").click()
        page.get_by_text("Saved the debrief: 1 answer, 1 person suggested").wait_for(timeout=WAIT)

        # 4. Its follow-ups are listed: the thank-you and contacting the person suggested.
        follow_ups = page.locator(".infoview-page-debrief .infoview-followups")
        follow_ups.get_by_text("a thank-you note").first.wait_for(timeout=WAIT)
        assert "Priya Shah" in follow_ups.text_content()

        # 5. The outcomes dashboard: filter by channel, update, save the report.
        nav.get_by_role("button", name="Outcomes", exact=True).click()
        page.get_by_text("Updated at").wait_for(timeout=WAIT)
        # Every channel shows whole: "other", the last, was cut off at the list's bottom.
        assert cut_off(page) == []
        assert page.locator("select[multiple] option").all_text_contents() == [
            "email", "LinkedIn", "phone", "other"]
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
        page.get_by_text("Saved for the filters shown.").wait_for(timeout=WAIT)
        page.close(run_before_unload=True)
        assert wait_for_kernels(server, 0) == 0, "the app's page left its kernel running"
    finally:
        context.close()
    assert (out / "outcomes-report.html").exists()
    assert console.problems == [], console.problems
