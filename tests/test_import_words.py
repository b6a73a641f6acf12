"""What the Import page says of a mail or calendar file, in words a new user reads right:
verbs agree with their counts ("1 are" was seen), no "0" clauses, a file written as older
Windows text is said to be read as such (it was only logged, and a calendar's accented
titles were kept as "Caf\ufffd"), and a damaged calendar is said to be damaged, not quoted in
the library's bytes."""

from __future__ import annotations

from mail_samples import ME, at, calendar, event, mbox, message

from infoview.flows.calendar_import import import_calendar
from infoview.flows.mail_import import import_mail
from infoview.models import CalendarEvent, MailMessage, Meeting, Person, UserProfile
from infoview.widgets.imports import ImportPanel

SAM = "sam@kestrel.example"


def _sam(store) -> Person:
    store.save_profile(UserProfile(name="Lena Fischer", email=ME))
    return store.add(Person(name="Sam Okafor", email=SAM))


def test_one_message_matched_is_said_with_is_and_no_zero_clauses(store, tmp_path):
    _sam(store)
    path = mbox(tmp_path / "one.mbox", [message(f"Sam <{SAM}>", ME, "Tomorrow", at(4), "a@k")])
    lines = import_mail(store, path, dry_run=True).lines()
    assert "1 message is to or from people you saved." in lines
    assert not any(" 0 " in f" {line} " or "1 are" in line for line in lines), lines
    assert lines[-1] == ("Would keep the date, subject and direction of 1 new "
                         "message with 1 person.")


def test_lists_and_nothing_new_are_said_in_agreeing_words(store, tmp_path):
    _sam(store)
    digest = message("News <news@list.example>", ME, "Digest", at(5), "n@l",
                     extra={"List-Id": "<news.list.example>"})
    path = mbox(tmp_path / "m.mbox", [message(f"Sam <{SAM}>", ME, "Hi", at(4), "a@k"), digest])
    assert ("1 message is to or from people you saved; 1 came from a mailing list or a "
            "machine and was left out.") in import_mail(store, path, dry_run=True).lines()
    only_lists = import_mail(store, mbox(tmp_path / "lists.mbox", [digest]), dry_run=True)
    assert only_lists.lines()[1] == ("No message is to or from people you saved; 1 came "
                                     "from a mailing list or a machine and was left out.")
    assert only_lists.kept() == ("Nothing new would be kept, and nothing of the 1 message "
                                 "with anyone else.")


def test_a_file_read_before_and_unchanged_does_not_say_no_message_matched(store, tmp_path):
    _sam(store)
    path = mbox(tmp_path / "m.mbox", [message(f"Sam <{SAM}>", ME, "Hi", at(4), "a@k")])
    import_mail(store, path)
    lines = import_mail(store, path, dry_run=True).lines()
    assert not any("to or from people" in line for line in lines), lines


def test_a_windows_1252_mailbox_is_read_right_and_the_page_says_what_was_guessed(store,
                                                                                tmp_path):
    _sam(store)
    raw = message(f"Sam <{SAM}>", ME, "Caf\u00e9 \u2013 Gr\u00fc\u00dfe", at(4), "w@k")
    raw = raw.decode("utf-8").encode("cp1252")
    path = mbox(tmp_path / "windows.mbox", [raw])
    panel = ImportPanel(store)
    panel.path.value = str(path)
    panel.preview_button.click()
    assert "Windows-1252" in panel.preview.value and "so it was read" in panel.preview.value
    panel.import_button.click()
    assert [m.subject for m in store.list(MailMessage)] == ["Caf\u00e9 \u2013 Gr\u00fc\u00dfe"]
    assert "Windows-1252" in panel.result.value


def test_a_utf8_mailbox_says_nothing_of_windows_text(store, tmp_path):
    _sam(store)
    path = mbox(tmp_path / "m.mbox", [message(f"Sam <{SAM}>", ME, "Caf\u00e9", at(4), "u@k")])
    assert not any("Windows" in line for line in import_mail(store, path).lines())


def _windows_calendar(tmp_path):
    text = calendar([event("e1", ":20240310T150000Z", "Caf\u00e9 with Sam Okafor \u2013 Gr\u00fc\u00dfe",
                           lines=(f"ATTENDEE;CN=Sam Okafor:mailto:{SAM}",))])
    path = tmp_path / "windows.ics"
    path.write_bytes(text.encode("cp1252"))
    return path


def test_a_windows_1252_calendar_is_read_right_and_the_page_says_so(store, tmp_path):
    _sam(store)
    panel = ImportPanel(store)
    panel.kind.value = "calendar"
    panel.path.value = str(_windows_calendar(tmp_path))
    panel.preview_button.click()
    assert "windows.ics was not saved as UTF-8 text" in panel.preview.value
    assert "Windows-1252" in panel.preview.value
    report = import_calendar(store, _windows_calendar(tmp_path))
    assert report.added == 1 and store.list(CalendarEvent)
    assert "\ufffd" not in repr(store.list(Meeting)) + repr(store.list(CalendarEvent))


def test_a_damaged_calendar_is_said_in_words_beside_the_file_not_in_the_librarys_bytes(
        store, tmp_path):
    _sam(store)
    path = tmp_path / "broken.ics"
    path.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\n")
    panel = ImportPanel(store)
    panel.kind.value = "calendar"
    panel.path.value = str(path)
    panel.preview_button.click()
    said = panel.input_message.text
    assert "damaged or cut short" in said and "export it again" in said
    assert "b'" not in said and "\\r\\n" not in said and "components" not in said


def test_done_says_what_was_kept_once_not_twice(store, tmp_path):
    _sam(store)
    path = mbox(tmp_path / "one.mbox", [message(f"Sam <{SAM}>", ME, "Tomorrow", at(4), "a@k")])
    panel = ImportPanel(store)
    panel.path.value = str(path)
    panel.preview_button.click()
    panel.import_button.click()
    kept = "Kept the date, subject and direction of 1 new message with 1 person."
    assert panel.message.text == kept
    assert kept not in panel.result.value and "Sam Okafor: 1 received" in panel.result.value


def test_nobody_chosen_says_what_to_do_in_plain_words(store):
    from infoview.widgets.selection import Selection

    said = Selection().describe_html(store)
    assert "choose or add a person under <b>People</b>" in said
    assert "every step follows" not in said


def test_a_calendar_preview_names_only_what_happens_with_no_zero_counts(store, tmp_path):
    _sam(store)
    path = tmp_path / "c.ics"
    path.write_text(calendar([event("e1", ":20240310T150000Z", "Coffee with Sam Okafor",
                                    lines=(f"ATTENDEE;CN=Sam Okafor:mailto:{SAM}",)),
                              event("e2", ":20240311T150000Z", "Dentist")]))
    lines = import_calendar(store, path, dry_run=True).lines()
    assert "Meetings would be added: 1." in lines and "  Sam Okafor: 1 added" in lines
    assert lines[-1] == ("Would keep the time, title and status of 1 event naming "
                         "people you know; nothing of the other 1 event.")
    assert not any(": 0" in line or " 0 " in line for line in lines), lines


def test_the_text_kept_of_a_windows_1252_message_is_read_as_such_not_as_replacement_marks(
        store, tmp_path):
    sam = _sam(store)
    raw = message(f"Sam <{SAM}>", ME, "Tomorrow", at(4), "t@k", body="Gr\u00fc\u00dfe \u2013 Sam\n")
    raw = raw.replace(b"; charset=utf-8", b"").decode("utf-8").encode("cp1252")
    report = import_mail(store, mbox(tmp_path / "w.mbox", [raw]), bodies_for=[sam.id])
    assert [m.body for m in store.list(MailMessage)] == ["Gr\u00fc\u00dfe \u2013 Sam"]
    assert report.windows_text == 1
