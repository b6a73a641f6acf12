"""The import panel, driven as a user would: path or upload, Preview, tick, Import."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from mail_samples import ME, at, calendar, event, mbox, message

from infoview.models import Meeting, Outreach, Person, UserProfile
from infoview.store import Store
from infoview.widgets.imports import ImportPanel

SAM = "sam.okafor@kestrel.example"


def _store(tmp_path) -> Store:
    store = Store.open(tmp_path / "s.sqlite")
    store.save_profile(UserProfile(name="Maya", email=ME))
    store.add(Person(name="Sam Okafor", email=SAM))
    return store


def _mailbox(tmp_path):
    pat = [message(f"Maya <{ME}>", "Pat Lee <pat@lee.example>", f"Note {i}", at(4 + i), f"p{i}@m")
           for i in range(3)]
    return mbox(tmp_path / "mail.mbox", [
        message(f"Maya <{ME}>", SAM, "Coffee?", at(4), "m1@m"),
        message(f"Sam <{SAM}>", ME, "Re: Coffee?", at(5), "s1@k"), *pat])


def test_preview_shows_what_would_be_kept_and_import_records_it(tmp_path):
    with _store(tmp_path) as store:
        panel = ImportPanel(store)
        assert panel.me.value == ME and panel.import_button.disabled
        panel.path.value = str(_mailbox(tmp_path))
        panel.preview_button.click()
        assert "Sam Okafor: 1 sent, 1 received" in panel.preview.value
        assert "Would keep" in panel.preview.value
        assert store.list(Outreach) == [] and not panel.import_button.disabled
        (box,) = [c for c in panel.offered.children if "Pat" in getattr(c, "description", "")]
        assert "Pat Lee" in box.description
        box.value = True
        panel.import_button.click()
        assert panel.message.kind == "ok" and "Kept" in panel.message.text
        assert {p.name for p in store.list(Person)} == {"Sam Okafor", "Pat Lee"}
        assert len(store.list(Outreach)) == 4
        assert "Done:" in panel.result.value and panel.import_button.disabled


def test_import_needs_a_preview_of_the_same_input(tmp_path):
    with _store(tmp_path) as store:
        panel = ImportPanel(store)
        panel.path.value = str(_mailbox(tmp_path))
        panel.preview_button.click()
        panel.bodies_for.value = (store.list(Person)[0].id,)  # asks for more than previewed
        assert panel.import_button.disabled
        panel.preview_button.click()
        assert not panel.import_button.disabled
        panel.path.value = str(tmp_path / "other.mbox")  # changed since the preview
        assert panel.import_button.disabled
        panel.import_button.click()
        assert panel.input_message.kind == "error" and "Preview first" in panel.input_message.text
        assert store.list(Outreach) == []


def test_a_double_click_on_import_imports_once_and_asks_for_no_preview(tmp_path):
    # Seen in the browser: the second click of a double click on Import put "Press Preview
    # first" in red under the file just imported, as if the import had failed.
    with _store(tmp_path) as store:
        panel = ImportPanel(store)
        panel.path.value = str(_mailbox(tmp_path))
        panel.preview_button.click()
        panel.import_button.click()
        kept, logged = panel.message.text, len(store.list(Outreach))
        assert logged == 1  # the request to Sam, with his reply
        panel.import_button.click()  # the second click, before the button greyed out
        assert panel.input_message.text == "" and panel.message.kind == "ok"
        assert panel.message.text == kept and "Done:" in panel.result.value
        assert len(store.list(Outreach)) == logged
        panel.path.value = str(tmp_path / "other.mbox")  # other input: a preview again
        panel.import_button.click()
        assert "Preview first" in panel.input_message.text


def test_errors_show_beside_the_file_field_in_plain_words(tmp_path):
    with _store(tmp_path) as store:
        panel = ImportPanel(store)
        panel.preview_button.click()
        assert panel.input_message.kind == "error" and "upload a file" in panel.input_message.text
        (tmp_path / "cut.mbox").write_bytes(b"From - Mon Mar 04 10:00:00 2024\nFrom: a@b.example\nSubj")
        panel.path.value = str(tmp_path / "cut.mbox")
        panel.preview_button.click()
        assert "cut short" in panel.input_message.text and "Traceback" not in panel.input_message.text
        assert panel.import_button.disabled


def test_an_uploaded_calendar_is_read_in_memory(tmp_path):
    with _store(tmp_path) as store:
        panel = ImportPanel(store)
        panel.kind.value = "calendar"
        assert panel.mail_options.layout.display == "none"
        ics = calendar([event("u1", ":20240304T100000Z", "Coffee with Sam Okafor")]).encode()
        panel.upload.value = ({"name": "work.ics", "type": "text/calendar", "size": len(ics),
                               "content": memoryview(ics),
                               "last_modified": datetime(2024, 3, 1, tzinfo=UTC)},)
        panel.preview_button.click()
        assert "Meetings would be added: 1" in panel.preview.value
        panel.import_button.click()
        assert [m.status for m in store.list(Meeting)] == ["scheduled"]
        assert sorted(p.name for p in tmp_path.iterdir()) == ["s.sqlite", "s.sqlite-shm", "s.sqlite-wal"]


def test_offered_people_are_shown_once_as_tick_boxes(tmp_path):
    with _store(tmp_path) as store:
        panel = ImportPanel(store)
        panel.path.value = str(_mailbox(tmp_path))
        panel.preview_button.click()
        assert "pat@lee.example" not in panel.preview.value
        assert sum("pat@lee.example" in getattr(c, "description", "")
                   for c in panel.offered.children) == 1


def test_a_preview_that_keeps_nothing_says_why_and_what_to_do(tmp_path):
    # Lena added Sam by hand without an address and wrote to him from her mail program:
    # the preview must not just say "0 messages" but name Sam and say where to add it.
    with Store.open(tmp_path / "s.sqlite") as store:
        store.save_profile(UserProfile(name="Lena"))
        sam = store.add(Person(name="Sam Okafor"))
        panel = ImportPanel(store)
        panel.path.value = str(mbox(tmp_path / "sam.mbox", [
            message(f"Lena <{ME}>", f"Sam Okafor <{SAM}>", "Coffee?", at(4), "m1@m"),
            message(f"Sam Okafor <{SAM}>", ME, "Re: Coffee?", at(5), "s1@k")]))
        panel.preview_button.click()
        # One conversation: either address may be hers, so the page asks rather than guess.
        assert "Cannot tell which messages are yours" in panel.input_message.text
        panel.me.value = ME
        panel.preview_button.click()
        assert panel.message.kind == "warning"
        assert "Sam Okafor has" in panel.message.text and "People" in panel.message.text
        sam.email = SAM
        store.update(sam)
        panel.me.value = ME
        panel.preview_button.click()
        assert panel.message.kind == "info"
        assert "Sam Okafor: 1 sent, 1 received" in panel.preview.value


def _uploaded(name: str, data: bytes) -> tuple:
    return ({"name": name, "type": "", "size": len(data), "content": memoryview(data),
             "last_modified": datetime(2024, 3, 1, tzinfo=UTC)},)


def test_a_failed_preview_does_not_leave_the_last_files_preview_on_the_page(tmp_path):
    # Seen in the browser: after a good preview, a file that is no mailbox got its error
    # beside the field, and under it still "If you import this: Read 5 messages".
    with _store(tmp_path) as store:
        panel = ImportPanel(store)
        panel.path.value = str(_mailbox(tmp_path))
        panel.preview_button.click()
        assert "If you import this" in panel.preview.value and panel.offered.children
        panel.upload.value = _uploaded("notes.mbox", b"%PDF-1.4 not a mailbox\x00\x01" * 50)
        assert panel.preview.value == "" and panel.offered.children == ()
        panel.preview_button.click()
        assert panel.input_message.kind == "error" and "not a mailbox" in panel.input_message.text
        assert panel.preview.value == "" and panel.import_button.disabled


def test_a_path_typed_after_an_upload_is_the_one_read_and_the_upload_is_named(tmp_path):
    # Seen in the browser: once a file was uploaded, a path typed afterwards was ignored
    # (the upload won, with no way to drop it), and nothing said which file was uploaded.
    with _store(tmp_path) as store:
        panel = ImportPanel(store)
        panel.upload.value = _uploaded("notes.mbox", b"%PDF-1.4 not a mailbox\x00\x01" * 50)
        assert "notes.mbox" in panel.upload_note.value
        panel.path.value = str(_mailbox(tmp_path))
        assert panel.upload.value == () and panel.upload_note.value == ""
        panel.preview_button.click()
        assert panel.input_message.text == "", panel.input_message.text
        assert "Sam Okafor: 1 sent, 1 received" in panel.preview.value
        # and the other way round: an upload replaces the path typed
        panel.upload.value = _uploaded("notes.mbox", b"%PDF-1.4 not a mailbox\x00\x01" * 50)
        assert panel.path.value == ""


def test_a_small_upload_is_named_with_its_size_in_bytes_not_as_1_kb(tmp_path):
    with _store(tmp_path) as store:
        panel = ImportPanel(store)
        panel.upload.value = _uploaded("fake.ics", b"BEGIN:VCALENDAR\r\nEND:\n")
        assert "fake.ics (22 bytes)" in panel.upload_note.value, panel.upload_note.value
        assert "KB" not in panel.upload_note.value
        panel.upload.value = _uploaded("big.ics", b"x" * 14_200)
        assert "big.ics (14 KB)" in panel.upload_note.value


def test_an_upload_too_big_to_carry_says_to_type_its_path_instead(tmp_path, monkeypatch):
    # Seen in the browser: a 50 MB mailbox uploaded from the page cut the page's connection
    # (the server refused a message that large) and nothing on the page said anything.
    # The app's server now takes uploads up to UPLOAD_LIMIT; above it, the panel says what
    # to do beside the field, and the help under the field says it before anyone tries.
    monkeypatch.setattr("infoview.widgets.imports.UPLOAD_LIMIT", 1_000)
    with _store(tmp_path) as store:
        panel = ImportPanel(store)
        assert "larger" in panel.upload_help.value and "path" in panel.upload_help.value
        assert "of up to 1 KB;" in panel.upload_help.value
        panel.upload.value = _uploaded("All mail.mbox", b"x" * 5_000)
        panel.preview_button.click()
        text = panel.input_message.text
        assert panel.input_message.kind == "error" and "All mail.mbox" in text
        assert "5 KB" in text and "File or folder" in text
        assert panel.preview.value == "" and panel.import_button.disabled


def test_the_apps_server_takes_a_message_as_large_as_an_upload_may_be():
    from traitlets.config.loader import PyFileConfigLoader

    from infoview.app import UPLOAD_LIMIT, VOILA_CONFIG_DIR

    config = PyFileConfigLoader("voila.py", path=str(VOILA_CONFIG_DIR)).load_config()
    most = config.Voila.tornado_settings["websocket_max_message_size"]
    assert most >= UPLOAD_LIMIT * 1.1  # the file, and the message around it


def test_an_event_written_in_utc_is_shown_on_the_users_clock(tmp_path):
    # Seen in the browser: a coffee at 15:00 in Berlin, exported by a calendar program as
    # 14:00Z, was kept "in UTC" and shown everywhere as "Tue 15 Dec 2026, 14:00". A time
    # written in UTC names no zone of its own: it is shown on the user's clock.
    from infoview.widgets.records import PeoplePage

    with _store(tmp_path) as store:
        profile = store.get_profile()
        profile.timezone = "Europe/Berlin"
        store.save_profile(profile)
        panel = ImportPanel(store)
        panel.kind.value = "calendar"
        panel.path.value = str(tmp_path / "work.ics")
        (tmp_path / "work.ics").write_text(calendar([
            event("u1", ":20261215T140000Z", "Coffee with Sam Okafor",
                  lines=(f"ATTENDEE;CN=Sam Okafor:mailto:{SAM}",))]))
        panel.preview_button.click()
        panel.import_button.click()
        [meeting] = store.list(Meeting)
        assert meeting.timezone in (None, "Europe/Berlin")
        page = PeoplePage(store, out_dir=tmp_path / "exports")
        page.people.value = meeting.person_id
        [row] = page.meetings_box.children
        shown = row.children[0].value
        assert "15 Dec 2026, 15:00" in shown, shown


def test_the_path_field_suggests_a_file_of_the_kind_chosen(tmp_path):
    # Seen in the browser: with Calendar (.ics) chosen, File or folder still suggested
    # ".../Takeout/Mail/All mail.mbox".
    with _store(tmp_path) as store:
        panel = ImportPanel(store)
        assert panel.path.placeholder.endswith(".mbox")
        panel.kind.value = "calendar"
        assert panel.path.placeholder.endswith(".ics") and "Mail" not in panel.path.placeholder
        panel.kind.value = "mail"
        assert panel.path.placeholder.endswith(".mbox")


def test_the_upload_button_says_what_it_does_without_a_file_count(tmp_path):
    # Seen in the browser: "Upload a file (0)". ipywidgets always appends the count, so the
    # panel hides the button's own text and draws its words in their place.
    panel = ImportPanel(_store(tmp_path))
    assert "infoview-upload" in panel.upload._dom_classes
    styles = [c.value for c in panel.children if "<style>" in getattr(c, "value", "")]
    assert styles, "the panel carries the style that hides the count"
    css = styles[0]
    assert ".widget-upload.infoview-upload {font-size:0 !important;}" in css
    assert "::after {content:'Upload a file';" in css
    assert "(0)" not in css and panel.upload.description == "Upload a file"
    # The page names the button for a screen reader with the words its neighbour carries
    # (the browser test checks the name a screen reader is given).
    assert "data-button='Upload a file'" in panel.upload_refusal.value


def test_a_wrong_files_name_is_written_as_the_user_named_it(tmp_path):
    # Seen in the browser: "Brief-sam-okafor-2026-12-15.pdf: this is not a mailbox" and
    # "Notes.txt: ...", the file's name given a capital it does not have.
    with _store(tmp_path) as store:
        panel = ImportPanel(store)
        panel.upload.value = _uploaded("brief-sam-okafor.pdf", b"%PDF-1.4 a brief\x00\x01" * 50)
        panel.preview_button.click()
        assert panel.input_message.text.startswith("brief-sam-okafor.pdf: this is not a mailbox")
        panel.kind.value = "calendar"
        panel.upload.value = _uploaded("notes.txt", b"hello, this is not a calendar\n")
        panel.preview_button.click()
        assert panel.input_message.text.startswith("notes.txt: this is not a calendar file")


SIZES = {0: "0 bytes", 1: "1 byte", 22: "22 bytes", 999: "999 bytes", 1_000: "1 KB",
         1_250: "1.3 KB", 9_949: "9.9 KB", 9_950: "10 KB", 14_200: "14 KB",
         999_499: "999 KB", 999_500: "1 MB", 2_345_678: "2.3 MB", 150_994_944: "151 MB",
         3_000_000_000: "3 GB"}


def test_sizes_read_the_same_in_an_upload_and_in_a_mail_imports_report(tmp_path):
    # Seen: the upload note said "14 KB" and the mail import's report "14.2 KB" of the same
    # size, two rules in two places. One rule now: a decimal below 10 only, whole from 10.
    from infoview.flows.mail_import import MailImportReport
    from infoview.userfiles import size_words

    with _store(tmp_path) as store:
        panel = ImportPanel(store)
        for size, words in SIZES.items():
            assert size_words(size) == words, size
            report = MailImportReport(source="mail", files=1, unchanged_bytes=size)
            if size:
                assert f"; {words} unchanged since the last import" in report.lines()[0], size
            if size <= 20_000:
                panel.upload.value = _uploaded("mail.mbox", b"x" * size)
                assert f"mail.mbox ({words})" in panel.upload_note.value, size


def test_an_upload_just_over_the_limit_is_not_said_to_be_the_limit(tmp_path, monkeypatch):
    # "All mail.mbox is 1 KB, more than the 1 KB an upload can carry" said nothing.
    monkeypatch.setattr("infoview.widgets.imports.UPLOAD_LIMIT", 1_000)
    with _store(tmp_path) as store:
        panel = ImportPanel(store)
        panel.upload.value = _uploaded("All mail.mbox", b"x" * 1_020)
        panel.preview_button.click()
        assert panel.input_message.kind == "error"
        assert "All mail.mbox is just over 1 KB, more than the 1 KB an upload" in (
            panel.input_message.text)


def test_an_upload_refused_is_named_as_it_is_written(tmp_path, monkeypatch):
    # Seen: "Mail.mbox is 2 KB, more than ..." for mail.mbox: a file's name is shown as it is.
    monkeypatch.setattr("infoview.widgets.imports.UPLOAD_LIMIT", 1_000)
    with _store(tmp_path) as store:
        panel = ImportPanel(store)
        for name in ("mail.mbox", "all mail.mbox"):
            panel.upload.value = _uploaded(name, b"x" * 2_000)
            panel.preview_button.click()
            assert panel.input_message.kind == "error"
            assert panel.input_message.text.startswith(f"{name} is 2 KB, more than the 1 KB"), (
                panel.input_message.text)
    # a file that is no mailbox is named as written too, spaces and all
    with _store(tmp_path) as store:
        panel = ImportPanel(store)
        panel.upload.value = _uploaded("all mail.mbox", b"just some words\n")
        panel.preview_button.click()
        assert panel.input_message.kind == "error"
        assert panel.input_message.text.startswith("all mail.mbox: "), panel.input_message.text
        assert panel.input_message.text.endswith("."), panel.input_message.text


@pytest.mark.browser
def test_the_pages_upload_check_writes_sizes_by_the_same_rule(page):
    """The app's page refuses a large upload before the kernel sees it, and names its size
    itself (upload_limit.js): its words for each size are the kernel's."""
    import re

    from infoview.app import VOILA_CONFIG_DIR
    from infoview.userfiles import size_words
    from infoview.widgets.imports import upload_size_words

    script = (VOILA_CONFIG_DIR / "share/voila/templates/infoview/upload_limit.js").read_text()
    body = re.search(r"  var UNITS.*?(?=\n  function check)", script, re.S)
    assert body, "the size rule is no longer where this test reads it"
    limit = 100_000_000
    sizes = [*SIZES, 100_000_001, 100_400_000, 100_500_000, 2 * 10**15]
    said = page.evaluate(f"(sizes) => {{ {body.group(0)}\n return sizes.map("
                         f"(n) => [sizeWords(n), uploadSizeWords(n, {limit})]); }}", sizes)
    assert said == [[size_words(n), upload_size_words(n)] for n in sizes]
    assert said[len(SIZES) + 1][1] == "just over 100 MB"


def test_the_list_of_whose_text_to_keep_says_how_to_choose_and_what_none_means(tmp_path):
    # Seen in the browser: "Keep the text of messages with" a list of names, and nothing
    # said that choosing several takes Ctrl-click, or that choosing nobody keeps no text.
    panel = ImportPanel(_store(tmp_path))
    hint = panel.bodies_hint.value
    assert "Nobody chosen: no message's text is kept" in hint and "Ctrl-click" in hint
    assert panel.bodies_hint in panel.mail_options.children[1].children  # beside the list


def test_a_preview_that_keeps_nothing_leaves_import_unpressable_and_says_why(tmp_path):
    # Seen in the browser: a mailbox with nobody of the store in it, previewed; Import
    # could still be pressed, and said it kept 0 messages with 0 people.
    strangers = mbox(tmp_path / "other.mbox", [
        message("Ann <ann@a.example>", "Bob <bob@b.example>", "Lunch", at(4), "x1@a")])
    with _store(tmp_path) as store:
        panel = ImportPanel(store)
        panel.path.value = str(strangers)
        panel.preview_button.click()
        assert panel.message.text.startswith("No message in this file is with anyone you saved")
        assert panel.import_button.disabled
        panel.path.value = str(_mailbox(tmp_path))  # one with Sam in it
        panel.preview_button.click()
        assert not panel.import_button.disabled


# ---- LinkedIn contacts ----------------------------------------------------------------------

def _connections() -> bytes:
    from pathlib import Path

    return (Path(__file__).parent / "data" / "Connections.csv").read_bytes()


def test_linkedin_connections_uploaded_are_previewed_then_imported_with_who_works_where(tmp_path):
    from infoview.models import Organization

    with _store(tmp_path) as store:
        store.add(Organization(name="Lumen Grid Analytics, Inc."))
        store.add(Organization(name="Northwind Health"))
        store.add(Organization(name="Harbour Museum"))
        panel = ImportPanel(store)
        panel.kind.value = "linkedin"
        assert "Connections.csv" in panel.intro.value and not panel.mail_options.layout.display == ""
        panel.upload.value = _uploaded("Connections.csv", _connections())
        panel.preview_button.click()
        assert panel.input_message.text == "", panel.input_message.text
        assert "9 people would be added" in panel.preview.value
        assert len(store.list(Person)) == 1  # a preview keeps nothing
        # Whom she knows at her organizations, already in the preview.
        assert "Lumen Grid Analytics, Inc.: Amara Okafor (Senior Data Scientist), Kwame " \
               "Mensah (Analytics Engineer)" in panel.known.value
        assert "Northwind Health: Priya Raman" in panel.known.value
        assert "Harbour Museum" not in panel.known.value
        panel.import_button.click()
        assert panel.message.kind == "ok" and "9 people added" in panel.message.text
        assert len(store.list(Person)) == 10
        assert "Lumen Grid Analytics, Inc.: Amara Okafor" in panel.known.value
        assert "Line 13 left out (no name)." in panel.result.value


def test_linkedin_lines_are_sentences_and_a_file_in_windows_text_is_said_to_be_read_so(tmp_path):
    # Seen on the Import page: "9 people would be added from your contacts" and the others
    # without a full stop (the mail and calendar lines have one); and a Connections.csv
    # saved again in Excel on Windows was read as Windows-1252 without a word, while the
    # mail and calendar imports say so.
    text = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
            "Renée,Jørgensen,https://www.linkedin.com/in/renee-j,,Café Nord,Chef,12 Mar 2024\r\n"
            "Amara,Okafor,https://www.linkedin.com/in/amara-o,,Lumen Grid,Analyst,1 Feb 2024\r\n")
    with _store(tmp_path) as store:
        panel = ImportPanel(store)
        panel.kind.value = "linkedin"
        panel.upload.value = _uploaded("Connections.csv", text.encode("utf-8"))
        panel.preview_button.click()
        assert "2 people would be added from your contacts." in panel.preview.value
        assert "Windows" not in panel.preview.value
        panel.upload.value = _uploaded("Connections.csv", text.encode("cp1252"))
        panel.preview_button.click()
        assert "2 people would be added from your contacts." in panel.preview.value
        assert ("Connections.csv was not saved as UTF-8 text, so it was read as Western "
                "European Windows text (Windows-1252)") in panel.preview.value
        panel.import_button.click()
        assert "Renée Jørgensen" in [p.name for p in store.list(Person)]
        assert "Windows-1252" in panel.result.value


def test_linkedin_archive_by_path_fills_in_about_me_and_a_wrong_file_is_said_beside_it(tmp_path):
    from linkedin_archive import archive_files, write_archive

    with _store(tmp_path) as store:
        panel = ImportPanel(store)
        panel.kind.value = "linkedin"
        panel.upload.value = _uploaded("notes.mbox", b"From nobody\n")
        panel.preview_button.click()
        assert "not a LinkedIn export" in panel.input_message.text
        assert panel.import_button.disabled
        archive = write_archive(tmp_path / "archive", archive_files())
        # Uploaded, the archive is read in memory (nothing is written anywhere).
        panel.upload.value = _uploaded("Basic_LinkedInDataExport.zip", archive.read_bytes())
        panel.preview_button.click()
        assert "About me would be given" in panel.preview.value, panel.input_message.text
        panel.path.value = str(archive)
        panel.preview_button.click()
        assert "About me would be given" in panel.preview.value
        assert store.get_profile().schools == [] and len(store.list(Person)) == 1  # kept nothing
        assert "Add the organizations you are curious about" in panel.known.value
        panel.import_button.click()
        assert panel.message.kind == "ok"
        assert store.get_profile().schools  # the archive's education went into About me
        assert any(p.name == "Amara Okafor" for p in store.list(Person))


# ---- the adviser's own questions -----------------------------------------------------------

RUTH_QUESTIONS = (
    "id,category,minutes,weight,audiences,answered_by_research,tags,text\n"
    "ruth-01,advice,3,5,student,,,What surprised you most in your first year?\n"
    "ruth-02,workplace,2,3,student,,,Do you like working in a team?\n"
    "path-01,,,,,,,\n"
)


def test_an_advisers_question_file_is_checked_then_every_plan_draws_on_it(tmp_path):
    # Ruth's own questions, added from the app's Import page: previewed (with what the
    # checker says of a yes/no question), kept beside the store, and in the bank after.
    from infoview.paths import own_questions_path
    from infoview.questions.bank import load_bank, use_own_file

    try:
        with _store(tmp_path) as store:
            panel = ImportPanel(store)
            panel.kind.value = "questions"
            assert "question bank" in panel.intro.value
            panel.upload.value = _uploaded("ruth.csv", b"id,category,text\nr-1,chatting,Hi?\n")
            panel.preview_button.click()
            # A bad row is named by the file's own name and line, never a temporary path.
            assert panel.input_message.text.startswith("ruth.csv, line 2:"), \
                panel.input_message.text
            assert panel.import_button.disabled
            panel.upload.value = _uploaded("ruth.csv", RUTH_QUESTIONS.encode())
            panel.preview_button.click()
            assert "2 new questions would be added" in panel.preview.value
            assert "can be answered with yes or no" in panel.preview.value
            assert "an open version" in panel.preview.value
            assert not own_questions_path(store.path).exists()  # a preview keeps nothing
            assert "ruth-01" not in {q.id for q in load_bank()}
            panel.import_button.click()
            assert panel.message.kind == "ok" and "Added 2 questions" in panel.message.text
            assert own_questions_path(store.path).read_text() == RUTH_QUESTIONS
            assert {"ruth-01", "ruth-02"} <= {q.id for q in load_bank()}
    finally:
        use_own_file(None)


def test_the_question_file_kept_beside_a_store_is_used_when_the_app_opens_it(tmp_path):
    from infoview.paths import own_questions_path
    from infoview.questions.bank import load_bank, use_own_file
    from infoview.widgets.session import start

    db = tmp_path / "ruth.sqlite"
    try:
        session = start(str(db), out_dir=tmp_path / "out")
        session.store.close()
        assert "ruth-01" not in {q.id for q in load_bank()}
        # Added from another tab (another kernel) after this one opened: used from now on.
        own_questions_path(db).write_text(RUTH_QUESTIONS, encoding="utf-8")
        assert "ruth-01" in {q.id for q in load_bank()}
        start(str(tmp_path / "other.sqlite"), out_dir=tmp_path / "out").store.close()
        assert "ruth-01" not in {q.id for q in load_bank()}  # another store, its own bank
    finally:
        use_own_file(None)


def test_the_upload_help_says_truly_for_each_kind_whether_the_file_is_copied(tmp_path,
                                                                             monkeypatch):
    # Seen by Ruth: the help said "nothing is copied" while her question file is kept as a
    # copy beside her data. Each kind says what becomes of its file, the refusal too.
    monkeypatch.setattr("infoview.widgets.imports.UPLOAD_LIMIT", 1_000)
    with _store(tmp_path) as store:
        panel = ImportPanel(store)
        for kind in ("mail", "calendar", "linkedin"):
            panel.kind.value = kind
            assert "nothing is copied" in panel.upload_help.value
            assert "nothing is copied" in panel.upload_refusal.value
        panel.kind.value = "questions"
        for said in (panel.upload_help.value, panel.upload_refusal.value):
            assert "nothing is copied" not in said and "a copy is kept" in said
        assert "A copy is kept beside your data" in panel.intro.value
        panel.upload.value = _uploaded("mine.csv", b"x" * 5_000)
        panel.preview_button.click()
        assert "a copy is kept beside your data" in panel.input_message.text
        panel.kind.value = "mail"
        assert "nothing is copied" in panel.upload_help.value


def test_a_starting_question_file_downloads_explained_and_adds_back_unchanged(tmp_path):
    # Ruth asked how to write her own questions file: the section explains each column in
    # words, the button gives her a file to start from, and that file added back as it is
    # adds its two example questions.
    import base64
    import re

    from infoview.flows.question_file import COLUMN_WORDS, STARTING_FILE_NAME
    from infoview.questions.bank import COLUMNS, load_bank, use_own_file
    from infoview.store.exports import list_exports

    try:
        with _store(tmp_path) as store:
            panel = ImportPanel(store, out_dir=tmp_path / "exports")
            assert panel.question_help.layout.display == "none"  # mail is chosen
            panel.kind.value = "questions"
            help_ = panel.question_help
            assert help_.layout.display == "" and help_ in panel.children
            assert "(favourite or never: yes)" not in panel.intro.value
            for name in (*COLUMNS, "favourite", "never"):
                assert f"<b>{name}</b>:" in help_.columns.value
            assert [name for name, _ in COLUMN_WORDS][:len(COLUMNS)] == list(COLUMNS)
            help_.start_button.click()
            written = tmp_path / "exports" / STARTING_FILE_NAME
            assert written.is_file() and help_.message.kind == "ok"
            assert written in [record.path for record in list_exports(store)]
            link = re.search(r"download='([^']+)' href='data:text/csv;base64,([^']+)'",
                             help_.files.value)
            assert link and link.group(1) == STARTING_FILE_NAME
            data = base64.b64decode(link.group(2))
            assert data == written.read_bytes() and data.startswith(b"\xef\xbb\xbfid,category")
            panel.upload.value = _uploaded(STARTING_FILE_NAME, data)
            panel.preview_button.click()
            assert panel.input_message.text == ""
            assert "2 new questions would be added" in panel.preview.value
            assert "yes or no" not in panel.preview.value  # its examples are open questions
            panel.import_button.click()
            assert "Added 2 questions" in panel.message.text
            assert {"my-01", "my-02"} <= {q.id for q in load_bank()}
            assert "my-01" in help_.bank.value  # the bank's list shows them now
    finally:
        use_own_file(None)


def test_the_banks_questions_are_listed_with_their_ids_and_download_without_formulas(tmp_path):
    from infoview.flows.question_file import BANK_LIST_NAME
    from infoview.paths import own_questions_path
    from infoview.questions.bank import load_bank, use_own_file

    hostile = ("id,category,text,favourite\n"
               'evil-1,advice,"=HYPERLINK(""http://x.example"",""<b>what</b> next?"")",\n'
               "path-01,,,yes\n")
    try:
        with _store(tmp_path) as store:
            own_questions_path(store.path).write_text(hostile, encoding="utf-8")
            use_own_file(own_questions_path(store.path))
            panel = ImportPanel(store, out_dir=tmp_path / "exports")
            panel.kind.value = "questions"
            help_ = panel.question_help
            shown = help_.bank.value
            assert f"the bank's {len(load_bank())} questions and their ids" in shown
            assert "<td style" in shown and ">path-01</td>" in shown and "favourite" in shown
            assert "<b>what</b>" not in shown and "&lt;b&gt;what" in shown  # escaped
            help_.bank_button.click()
            rows = (tmp_path / "exports" / BANK_LIST_NAME).read_text(encoding="utf-8-sig")
            lines = rows.splitlines()
            assert lines[0] == ("id,category,minutes,weight,audiences,answered_by_research,"
                                "tags,text,favourite,never")
            assert any(line.startswith("path-01,") and line.endswith(",yes,") for line in lines)
            evil = next(line for line in lines if line.startswith("evil-1,"))
            assert ",\"'=HYPERLINK(" in evil  # shown as text by a spreadsheet, never run
            assert "add a row to your own file with its id" in help_.message.text
    finally:
        use_own_file(None)


def test_a_preview_names_the_address_a_person_saved_without_one_wrote_from(tmp_path):
    # Seen walking as Lena: Sam, added by hand without an address, wrote from the very
    # address the file holds; the page said only "add it under People", not which one.
    with Store.open(tmp_path / "s.sqlite") as store:
        store.save_profile(UserProfile(name="Lena", email=ME))
        store.add(Person(name="Sam Okafor"))
        store.add(Person(name="Ada Lane"))  # not in the file: only told to add one
        panel = ImportPanel(store)
        panel.path.value = str(mbox(tmp_path / "sam.mbox", [
            message(f"Lena <{ME}>", f"Sam Okafor <{SAM}>", "Coffee?", at(4), "m1@m"),
            message(f"Sam Okafor <{SAM}>", ME, "Re: Coffee?", at(5), "s1@k")]))
        panel.preview_button.click()
        assert panel.message.kind == "warning"
        assert (f"this file has mail with Sam Okafor at {SAM}: add that address to Sam Okafor "
                "under People (Edit), then press Preview again") in panel.message.text
        assert "Ada Lane has none yet" in panel.message.text
