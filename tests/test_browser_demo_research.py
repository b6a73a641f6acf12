"""In a real browser, on ``infoview app --demo`` as it runs: the demo store is made in this
process (its sample site on one port), the app's kernel serves the sample site on another;
researching all the demo's organizations reads Kestrel Health Labs from the site served
now and leaves the made-up others out in one line."""

from __future__ import annotations

import pytest
from browser_console import Console
from voila_server import serve_app

from infoview.app import AppConfig
from infoview.demo.run import make_demo_store

WAIT = 240_000  # ms: the most any one step may take (a cold kernel on a busy machine)


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.timeout(900)
def test_researching_every_demo_organization_works_offline(chromium, tmp_path):
    store = make_demo_store(tmp_path / "demo.sqlite")
    config = AppConfig(store=str(store), out_dir=str(tmp_path / "exports"), demo=True,
                       sample_site=True)
    with serve_app(tmp_path, config) as app:
        context = chromium.new_context(viewport={"width": 1200, "height": 900})
        try:
            page = context.new_page()
            console = Console(page, app.base)
            page.goto(app.url, timeout=WAIT)
            page.locator(".infoview-nav").get_by_role("button", name="Research",
                                                      exact=True).click(timeout=WAIT)
            batch = page.locator(".infoview-batch-research")
            batch.get_by_role("button", name="Use my organizations' websites").click(
                timeout=WAIT)
            batch.get_by_role("button", name="Research them all").click(timeout=WAIT)
            batch.get_by_text("Done: 1 organization researched").wait_for(timeout=WAIT)
            said = batch.get_by_text("Left out Harbourline Energy")
            assert said.count() == 1
            assert "sample organizations of the demo, with no real website to read" in \
                said.inner_text()
            assert "Not researched" not in batch.inner_text()
            rows = batch.locator("table.infoview-table tr")
            assert rows.count() == 2 and "Kestrel Health Labs" in rows.nth(1).inner_text()
            page.screenshot(path=str(tmp_path / "demo-research.png"), full_page=True)
            assert console.problems == [], console.problems
        finally:
            context.close()
