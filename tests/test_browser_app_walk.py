"""The third real-browser walk: a new user on an empty store lives in the app.

Served as ``infoview app`` serves it (Voila, the one app page, a token), on an empty store,
driven by Debian's chromium. The user fills in About me, adds a person and a meeting,
researches the sample site (served on 127.0.0.1 by this test), plans the meeting (and a
reload loses nothing), downloads the brief as a PDF from the page (one page, read back with
pypdf), copies the request draft, runs the meeting companion, saves the debrief, ticks a
follow-up off and sees the week's digest drop it, corrects the person's email, and deletes
the person, first with Undo, then for good.

Throughout: no console error or warning outside the documented allow-list
(:mod:`browser_console`), no request leaves 127.0.0.1, and once the page is closed no
kernel is left running. Every wait is for something to appear (no sleeps), with a generous
budget for a busy machine.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from browser_console import Console
from browser_layout import cut_off
from voila_server import running_kernels, serve_app

from infoview.app import AppConfig
from infoview.demo.run import SAMPLE_PERSON_PATH
from infoview.demo.site import serve
from infoview.models import Person
from infoview.store import Store

WAIT = 240_000  # ms: the most any one step may take (a cold kernel on a busy machine)


@pytest.fixture
def walk(tmp_path):
    """The sample site and the app on an empty store, both started before the walk."""
    db, out = tmp_path / "lena.sqlite", tmp_path / "exports"
    with serve() as site, serve_app(tmp_path, AppConfig(store=str(db), out_dir=str(out))) as app:
        yield app, site, db, out


def _wait_for_kernels(server, count: int, timeout: float = 60.0) -> int:
    import time

    deadline = time.monotonic() + timeout
    while (now := running_kernels(server)) != count and time.monotonic() < deadline:
        time.sleep(0.25)
    return now


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.timeout(1500)
def test_a_new_user_lives_in_the_app_from_profile_to_deleting_a_person(chromium, walk):
    from pypdf import PdfReader

    app, site, db, out = walk
    context = chromium.new_context(viewport={"width": 1200, "height": 950}, accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app.base)
    page = context.new_page()
    console = Console(page, app.base)
    nav = page.locator(".infoview-nav")

    def go(label: str):
        nav.get_by_role("button", name=label, exact=True).click(timeout=WAIT)
        return page.locator(f".infoview-page-{_KEYS[label]}")

    try:
        # 0. The start page is the app, and on an empty store it says what to do first.
        page.goto(app.url, timeout=WAIT)
        page.get_by_text("Four steps get you to your first informational interview").wait_for(
            timeout=WAIT)
        assert _wait_for_kernels(app.process, 1) == 1

        # 1. About me, from the home page's first step. A bad email is marked beside its field.
        page.get_by_role("button", name="Fill in About me").click()
        me = page.locator(".infoview-page-profile")
        me.get_by_placeholder("e.g. Lena Fischer").fill("Lena Fischer")
        me.get_by_placeholder("e.g. ten years as a cardiac nurse").fill(
            "ten years on a cardiac ward")
        me.get_by_placeholder("e.g. explaining things to worried people").fill(
            "explaining things to worried people")
        me.get_by_placeholder("e.g. product roles in health tech").fill(
            "product roles in health tech")
        me.get_by_placeholder("e.g. lena@example.org").fill("lena at example")
        me.get_by_role("button", name="Save my profile").click()
        email_field = me.locator(".infoview-field-email")
        email_field.locator(".infoview-error").wait_for(timeout=WAIT)
        assert "email" in email_field.locator(".infoview-error").text_content().lower()
        me.get_by_placeholder("e.g. lena@example.org").fill("lena@example.org")
        me.get_by_role("button", name="Save my profile").click()
        me.get_by_text("Saved. Your drafts and briefs use it from now on.").wait_for(timeout=WAIT)

        # 2. A person, then a meeting with them.
        people = go("People")
        people.get_by_role("button", name="Add a person").click()
        people.get_by_placeholder("e.g. Sam Okafor").fill("Samira Okafor")
        assert cut_off(page) == []  # every choice shows whole ("no connection yet (cold)")
        people.get_by_placeholder("e.g. Kestrel Health").first.fill("Kestrel Health Labs")
        people.get_by_placeholder("e.g. Product manager", exact=True).fill("Head of user research")
        people.get_by_role("button", name="Save person").click()
        people.get_by_text("Added Samira Okafor.").wait_for(timeout=WAIT)
        page.get_by_text("Working on: Samira Okafor").wait_for(timeout=WAIT)
        people.get_by_role("button", name="Add a meeting with them").click()
        day = date.today() + timedelta(days=12)
        people.locator(".infoview-field-starts_at input[type=date]").fill(day.isoformat())
        people.locator(".infoview-field-starts_at input[type=time]").fill("15:30")
        people.get_by_placeholder("e.g. Europe/London (empty: this computer's)").fill(
            "Europe/London")
        people.get_by_placeholder("an address, or the link of the video call").fill(
            "https://call.example/samira")
        people.get_by_role("button", name="Save meeting").click()
        people.get_by_text("Added the meeting:").wait_for(timeout=WAIT)

        # 3. Research the sample site and the person's page; save it to her record.
        research = go("Research")
        research.get_by_placeholder("https://example.com/").fill(site.url)
        research.get_by_placeholder("a bio or team page", exact=False).fill(
            site.url + SAMPLE_PERSON_PATH)
        research.get_by_role("button", name="Research", exact=True).click()
        research.locator(".infoview-company-name").wait_for(timeout=WAIT)
        assert research.locator(".infoview-company-name").text_content() == "Kestrel Health Labs"
        research.get_by_role("button", name="Save to my store").click()
        research.get_by_text("Saved Kestrel Health Labs and Samira Okafor").wait_for(timeout=WAIT)

        # 4. Plan the meeting; leave a question out; a reload loses nothing.
        prepare = go("Prepare")
        prepare.get_by_role("button", name="Plan questions").click(timeout=WAIT)
        total = prepare.locator(".infoview-total")
        total.wait_for(timeout=WAIT)
        before = total.text_content()
        prepare.locator(".infoview-picker .widget-checkbox input").nth(1).uncheck()
        page.wait_for_function(
            "before => document.querySelector('.infoview-total').textContent !== before",
            arg=before, timeout=WAIT)
        edited = total.text_content()
        # The brief preview follows the edit once the plan is kept: reload after that.
        prepare.locator(".infoview-brief").wait_for(timeout=WAIT)
        page.reload(timeout=WAIT)
        assert _wait_for_kernels(app.process, 1) == 1  # the old page's kernel went with it
        prepare = go("Prepare")
        prepare.get_by_text("Picked up the plan you were editing").wait_for(timeout=WAIT)
        assert prepare.locator(".infoview-total").text_content() == edited

        # 5. Export the brief as a PDF and download it from the page: one page.
        prepare.get_by_role("button", name="Export PDF").click()
        link = prepare.locator("a.infoview-download", has_text=".pdf")
        link.wait_for(timeout=WAIT)
        assert prepare.get_by_text(f"saved in {out}").count() >= 1
        with page.expect_download(timeout=WAIT) as info:
            link.click()
        pdf = info.value
        assert pdf.suggested_filename.startswith("brief-samira-okafor-")
        data = open(pdf.path(), "rb").read()  # noqa: SIM115 - read once, closed on exit
        assert data.startswith(b"%PDF")
        reader = PdfReader(io.BytesIO(data))
        assert len(reader.pages) == 1
        assert "Samira Okafor" in reader.pages[0].extract_text()

        # 6. The request email: copied with one click, and offered to the mail program.
        prepare.get_by_role("button", name="Write draft").click()
        draft = prepare.locator(".infoview-draft textarea")
        page.wait_for_function("() => [...document.querySelectorAll('.infoview-draft textarea')]"
                               ".some(t => t.value.startsWith('Subject:'))", timeout=WAIT)
        prepare.get_by_role("button", name="Copy the draft").first.click()
        prepare.get_by_role("button", name="Copied ✓").wait_for(timeout=WAIT)
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == draft.first.input_value() and "Lena Fischer" in copied
        mailto = prepare.locator("a.infoview-mailto").first.get_attribute("href")
        assert mailto.startswith("mailto:") and "subject=" in mailto and "body=" in mailto

        # The plan is kept with the meeting for good (the companion and debrief use it).
        prepare.get_by_role("button", name="Save person and meeting").click()
        prepare.get_by_text("Saved Samira Okafor and the meeting with its questions").wait_for(
            timeout=WAIT)

        # 7. The meeting companion follows the meeting chosen; its clock ticks.
        companion = go("Meeting")
        companion.get_by_text("With Samira Okafor").wait_for(timeout=WAIT)
        companion.get_by_role("button", name="Start the clock").click()
        page.wait_for_function(
            "() => [...document.querySelectorAll('b')].some(b => /^00:0[2-9]$/.test(b.textContent))",
            timeout=WAIT)
        notes = companion.get_by_placeholder("a line of notes").first
        notes.fill("She came from nursing too; a hackathon got her into research")
        notes.press("Tab")
        companion.get_by_role("button", name="Stop").click()

        # 8. The debrief: the notes came in when the clock stopped; save (the meeting is
        # still ahead, so it asks first).
        debrief = go("Debrief")
        debrief.get_by_text("Brought in 1 question from the meeting").wait_for(timeout=WAIT)
        assert cut_off(page) == []  # the rapport's buttons sit beside their label
        debrief.get_by_role("button", name="Save debrief").click()
        debrief.get_by_text("still ahead").wait_for(timeout=WAIT)
        debrief.get_by_role("button", name="Save anyway (mark it held)").click()
        debrief.get_by_text("Saved the debrief: 1 answer").wait_for(timeout=WAIT)
        debrief.locator(".infoview-followups").get_by_text("thank-you").first.wait_for(
            timeout=WAIT)

        # 9. The week's digest lists the thank-you; ticked off on Home, the digest drops it.
        outcomes = go("Outcomes")
        outcomes.get_by_role("tab", name="This week").click(timeout=WAIT)
        assert page.wait_for_function(WEEK_SAYS, arg="thank-you", timeout=WAIT).json_value()
        home = go("Home")
        row = home.locator(".infoview-followup-list .widget-hbox").filter(has_text="thank-you")
        row.get_by_role("button", name="Done").click(timeout=WAIT)
        row.get_by_text("Done.", exact=True).wait_for(timeout=WAIT)
        home.get_by_role("button", name="Undo").wait_for(timeout=WAIT)
        outcomes = go("Outcomes")
        outcomes.get_by_role("tab", name="This week").click(timeout=WAIT)
        page.wait_for_function(f"word => !({WEEK_SAYS})(word)", arg="thank-you", timeout=WAIT)

        # The import page's choice of mail or calendar, and an organization's form.
        imports = go("Import")
        imports.get_by_role("button", name="Calendar (.ics)").wait_for(timeout=WAIT)
        assert cut_off(page) == []
        people = go("People")
        people.get_by_role("tab", name="Organizations").click()
        people.get_by_role("button", name="Add an organization").click()
        people.get_by_role("button", name="Save organization").wait_for(timeout=WAIT)
        assert cut_off(page) == []
        people.get_by_role("button", name="Cancel").last.click()
        people.get_by_role("tab", name="People").click()

        # 10. Correct her email on the People page.
        people.get_by_role("button", name="Edit", exact=True).first.click(timeout=WAIT)
        people.get_by_placeholder("e.g. sam@kestrel.example").fill("samira@kestrel.example")
        people.get_by_role("button", name="Save changes").click()
        people.get_by_text("Saved the changes to Samira Okafor.").wait_for(timeout=WAIT)
        people.get_by_text("Email: samira@kestrel.example").wait_for(timeout=WAIT)

        # 11. Delete her: it asks first; Undo brings her back; deleted again, she is gone.
        people.get_by_role("button", name="Delete", exact=True).first.click()
        people.get_by_text("Delete Samira Okafor and everything about them?").wait_for(
            timeout=WAIT)
        people.get_by_role("button", name="Yes, delete").click()
        people.get_by_text("Deleted Samira Okafor").first.wait_for(timeout=WAIT)
        page.get_by_text("Nobody chosen yet").wait_for(timeout=WAIT)
        people.get_by_role("button", name="Undo").click()
        people.get_by_text("Brought back Samira Okafor.").wait_for(timeout=WAIT)
        people.locator("select").first.select_option(index=0)  # the one person there is
        people.get_by_role("button", name="Delete", exact=True).first.click(timeout=WAIT)
        people.get_by_role("button", name="Yes, delete").click(timeout=WAIT)
        people.locator(".infoview-no-people").wait_for(timeout=WAIT)
        # Both deletions are listed: the first brought back, the second still undoable
        # until the page is closed.
        assert people.get_by_role("button", name="Brought back").count() == 1
        assert people.get_by_role("button", name="Undo").count() == 1
        page.close(run_before_unload=True)
        assert _wait_for_kernels(app.process, 0) == 0, "the app's page left its kernel running"
    finally:
        context.close()

    with Store.open(db) as store:  # gone for good: the page that could undo it is closed
        assert store.list(Person) == []
    assert console.problems == [], console.problems


# Whether the "This week" pane of the outcomes page shows a word, in its "Due this week".
WEEK_SAYS = """word => {
    const heading = [...document.querySelectorAll('.infoview-page-outcomes h4')]
        .find(h => h.textContent.startsWith('Due this week'));
    return !!heading && heading.parentElement.textContent.includes(word);
}"""

_KEYS = {"Home": "home", "About me": "profile", "People": "people", "Research": "research",
         "Prepare": "prepare", "Meeting": "meeting", "Debrief": "debrief",
         "Outcomes": "outcomes", "Import": "imports"}
