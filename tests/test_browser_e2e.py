"""End to end in a real browser: Voila serves the app as `infoview app` does, and Debian's
chromium (through Playwright) researches the sample site, moves on to preparation, chooses
questions and exports the brief, which must then be on disk; then it keeps the meeting and
starts the meeting companion's clock, which ticks in the browser.

The browser console shows no error or warning outside the documented allow-list and no
request leaves this machine. Every wait is for something to appear on the page (no
sleeps), with a generous budget: on a busy two-core machine a cold kernel and the first
research take long, and waiting longer costs nothing when they are quick.

The test's screenshot goes into its own tmp folder. ``INFOVIEW_UPDATE_SCREENSHOT=1`` (what
``make screenshot`` sets) also copies it to ``docs/screenshot.png`` for the README, so an
ordinary test run leaves the work tree clean."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from browser_console import Console
from voila_server import serve_app

from infoview.app import AppConfig

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "docs" / "screenshot.png"
WAIT = 240_000  # ms: the most any one step may take (a cold kernel on a busy machine)


@pytest.fixture
def voila_app(tmp_path):
    """The app on a fresh store with the sample site offered, served by Voila (started, and
    waited for, before the test's first step)."""
    out = tmp_path / "exports"
    with serve_app(tmp_path, AppConfig(store=str(tmp_path / "e2e.sqlite"), out_dir=str(out),
                                       sample_site=True)) as served:
        yield served, out


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.timeout(900)
def test_research_prepare_and_export_a_brief_in_a_real_browser(chromium, voila_app, tmp_path):
    served, out = voila_app
    url = served.url
    shot = tmp_path / "screenshot.png"
    context = chromium.new_context(viewport={"width": 1100, "height": 820})
    page = context.new_page()
    console = Console(page, served.base)
    try:
        # 1. Research: enter the sample site's URL, press Research, see the company.
        page.goto(url, timeout=WAIT)
        nav = page.locator(".infoview-nav")
        nav.get_by_role("button", name="Research", exact=True).click(timeout=WAIT)
        company = page.get_by_placeholder("https://example.com/")
        company.wait_for(timeout=WAIT)
        sample_url = company.input_value()
        assert sample_url.startswith("http://127.0.0.1:")
        company.fill("")
        company.type(sample_url)
        page.locator(".infoview-page-research").get_by_role(
            "button", name="Research", exact=True).click()
        name = page.locator(".infoview-company-name")
        name.wait_for(timeout=WAIT)
        assert name.text_content() == "Kestrel Health Labs"
        page.get_by_role("button", name="Save to my store").click()
        page.get_by_text("Saved Kestrel Health Labs and Samira Okafor").wait_for(timeout=WAIT)

        # 2. Move on to preparation: the person just researched is the one prepared for.
        nav.get_by_role("button", name="Prepare", exact=True).click()
        page.get_by_role("button", name="Plan questions").wait_for(timeout=WAIT)
        assert "Samira Okafor" in page.locator(".widget-dropdown select").first.input_value() or \
            page.get_by_text("Samira Okafor (Kestrel Health Labs)").count() > 0
        page.get_by_role("button", name="Plan questions").click()
        total = page.locator(".infoview-total")
        total.wait_for(timeout=WAIT)
        before = total.text_content()

        # The brief preview shows the whole agenda: nothing between its last row and the
        # page scrolls on its own (an inner scrollbar cut the agenda off).
        last_row = page.locator(".infoview-brief table.agenda tr").last
        last_row.wait_for(timeout=WAIT)
        clipped = last_row.evaluate(
            """row => { const boxes = [];
                for (let e = row.parentElement; e && e !== document.body; e = e.parentElement) {
                    const s = getComputedStyle(e);
                    if (/(auto|scroll|hidden)/.test(s.overflowY)
                        && e.scrollHeight > e.clientHeight + 1
                        && !e.classList.contains('jp-Notebook') && e.id !== 'rendered_cells')
                        boxes.push(e.className || e.tagName); }
                return boxes; }""")
        assert clipped == [], f"the brief preview scrolls inside {clipped}"

        # 3. Choose questions: leave the second one out; the total follows.
        page.locator(".infoview-picker .widget-checkbox input").nth(1).uncheck()
        page.wait_for_function(
            "before => document.querySelector('.infoview-total').textContent !== before",
            arg=before, timeout=WAIT)

        # 4. Export the brief and find the file on disk.
        page.get_by_role("button", name="Export as text (Markdown)").click()
        page.get_by_text("Wrote brief-samira-okafor").first.wait_for(timeout=WAIT)

        # 5. A question of one's own: the linter flags a yes/no question as it is typed.
        page.get_by_placeholder("Type a question of your own").type("Do you like working at Kestrel?")
        page.get_by_text("Yes/no question").wait_for(timeout=WAIT)
        page.get_by_role("button", name="Use the suggested wording").wait_for(timeout=WAIT)
        # The README's picture: the app's bar and the chosen person, then the plan below.
        page.set_viewport_size({"width": 1100, "height": 1350})
        page.locator("h2.infoview-title").evaluate("h => h.scrollIntoView()")
        page.screenshot(path=str(shot))
        page.set_viewport_size({"width": 1100, "height": 820})

        # 6. Keep the meeting, open the meeting companion: its clock ticks in the browser.
        page.get_by_role("button", name="Save person and meeting").click()
        page.get_by_text("Saved Samira Okafor and the meeting").wait_for(timeout=WAIT)
        nav.get_by_role("button", name="Meeting", exact=True).click()
        page.get_by_text("With Samira Okafor").wait_for(timeout=WAIT)
        page.get_by_role("button", name="Start the clock").click(timeout=WAIT)
        page.wait_for_function(
            "() => [...document.querySelectorAll('b')].some(b => /^00:0[1-9]$/.test(b.textContent))",
            timeout=WAIT)
        assert "On track" in page.locator(".infoview-ok").first.text_content()
    finally:
        context.close()
    assert console.problems == [], console.problems
    [brief] = out.glob("brief-samira-okafor-*.md")
    text = brief.read_text()
    assert "Kestrel Health Labs" in text
    assert_not_blank(shot)
    if os.environ.get("INFOVIEW_UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)


def assert_not_blank(path: Path) -> None:
    """The screenshot shows a page: many colours, and a good part of it is not background."""
    from PIL import Image

    with Image.open(path) as image:
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 16)
        assert colours is None or len(colours) > 50, f"{path} looks blank"
        background = max(colours)[0] if colours else 0
        assert background < 0.97 * rgb.width * rgb.height, f"{path} is nearly all one colour"
