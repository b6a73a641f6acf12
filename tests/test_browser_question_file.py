"""In a real browser: Ruth downloads a question file to start from, reads what its columns
mean, and adds the file back as it is; the bank's questions and ids are there to read.

Served as ``infoview app`` serves it, on an empty store, driven by Debian's chromium.
"""

from __future__ import annotations

import pytest
from browser_console import Console
from voila_server import serve_app

from infoview.app import AppConfig
from infoview.flows.question_file import STARTING_FILE_NAME

WAIT = 240_000  # ms: the most any one step may take (a cold kernel on a busy machine)


@pytest.fixture
def app(tmp_path):
    db, out = tmp_path / "ruth.sqlite", tmp_path / "exports"
    with serve_app(tmp_path, AppConfig(store=str(db), out_dir=str(out))) as served:
        yield served


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.timeout(900)
def test_the_starting_question_file_downloads_reads_plainly_and_adds_back(chromium, app,
                                                                         tmp_path):
    context = chromium.new_context(viewport={"width": 1200, "height": 900},
                                   accept_downloads=True)
    try:
        page = context.new_page()
        console = Console(page, app.base)
        page.goto(app.url, timeout=WAIT)
        page.locator(".infoview-nav").get_by_role("button", name="Import", exact=True).click(
            timeout=WAIT)
        panel = page.locator(".infoview-page-imports")
        panel.get_by_role("button", name="My own questions (.csv)").click(timeout=WAIT)
        helper = panel.locator(".infoview-question-file-help")
        helper.get_by_text("the part of the conversation it belongs to").wait_for(timeout=WAIT)
        words = helper.inner_text()
        assert "favourite: yes to have it in every plan it suits" in words
        assert "(favourite or never: yes)" not in panel.inner_text()

        helper.get_by_role("button", name="Download a starting file").click(timeout=WAIT)
        link = helper.locator("a.infoview-download")
        link.wait_for(timeout=WAIT)
        with page.expect_download(timeout=WAIT) as download:
            link.click()
        assert download.value.suggested_filename == STARTING_FILE_NAME
        saved = tmp_path / "downloaded.csv"
        download.value.save_as(saved)
        text = saved.read_text(encoding="utf-8-sig")
        assert text.startswith("id,category,minutes,weight,audiences")
        assert "{profession} today, what would you learn first?" in text

        # The bank's questions, with their ids, folded under the buttons.
        helper.get_by_text("See the bank's").click(timeout=WAIT)
        helper.get_by_role("cell", name="path-01", exact=True).wait_for(timeout=WAIT)

        # Added back as it was downloaded: two questions.
        with page.expect_file_chooser(timeout=WAIT) as chooser:
            panel.locator(".infoview-upload").click()
        chooser.value.set_files(str(saved))
        panel.get_by_role("button", name="Preview").click(timeout=WAIT)
        panel.get_by_text("2 new questions would be added").wait_for(timeout=WAIT)
        panel.get_by_role("button", name="Import").click(timeout=WAIT)
        panel.get_by_text("Added 2 questions to the bank").wait_for(timeout=WAIT)
        page.screenshot(path=str(tmp_path / "import-questions.png"), full_page=True)
        assert console.problems == [], console.problems
    finally:
        context.close()
