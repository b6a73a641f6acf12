"""In a real browser: the meeting companion's clock, picked up after a reload in the middle
of a call, goes on ticking.

Seen in the browser: after a reload the companion said "The clock goes on from 00:07" and
greyed out Start, but showed 00:07 for good (the browser's ticker never started: it starts
only when it sees ``playing`` turn on, and the kernel made it playing already). Served as
``infoview app --demo`` serves it (its sample meeting has a plan), driven by Debian's
chromium; every wait is for something to appear.
"""

from __future__ import annotations

import argparse

import pytest
from browser_console import Console
from voila_server import serve_app

from infoview.cli.app import app_config

WAIT = 240_000  # ms: the most any one step may take (a cold kernel on a busy machine)

#: The companion's clock, "mm:ss", as the page shows it now.
CLOCK = """() => [...document.querySelectorAll('.infoview-page-meeting b')]
    .map(b => b.textContent).find(t => /^\\d\\d:\\d\\d$/.test(t))"""


@pytest.fixture
def demo_app(tmp_path):
    config = app_config(argparse.Namespace(db=None, demo=True, out=str(tmp_path / "exports")),
                        tmp_path)
    with serve_app(tmp_path, config) as served:
        yield served


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.timeout(900)
def test_the_clock_picked_up_after_a_reload_keeps_ticking(chromium, demo_app):
    context = chromium.new_context(viewport={"width": 1100, "height": 900})
    try:
        page = context.new_page()
        console = Console(page, demo_app.base)
        page.goto(demo_app.url, timeout=WAIT)
        nav = page.locator(".infoview-nav")
        nav.get_by_role("button", name="Meeting", exact=True).click(timeout=WAIT)
        page.get_by_role("button", name="Start the clock").click(timeout=WAIT)
        page.wait_for_function(f"() => ({CLOCK})() >= '00:02'", timeout=WAIT)
        page.reload(timeout=WAIT)
        nav.get_by_role("button", name="Meeting", exact=True).click(timeout=WAIT)
        page.get_by_text("The clock goes on from").wait_for(timeout=WAIT)
        picked = page.evaluate(CLOCK)
        assert picked >= "00:02"
        # It counts on from there in the browser, by itself.
        page.wait_for_function(f"picked => ({CLOCK})() > picked", arg=picked, timeout=WAIT)
        page.get_by_role("button", name="Stop").click(timeout=WAIT)
    finally:
        context.close()
    assert console.problems == [], console.problems
