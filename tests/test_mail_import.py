"""Mail import: messages exchanged with stored people become outreach, replies and touches;
everything else leaves nothing behind (real mbox, .eml and Maildir files, real SQLite)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mail_samples import ME, at, mbox, message

from infoview.analytics.funnel import funnel
from infoview.analytics.memory import touches
from infoview.cli import main
from infoview.errors import BadInput, BadInputFile
from infoview.flows.forget import files_naming, forget_person
from infoview.flows.mail_import import import_mail
from infoview.flows.outreach_log import record_outreach
from infoview.models import MailMessage, Outreach, Person, UserProfile
from infoview.store import Store
from infoview.store.mailbox import TruncatedMailbox

SAM = "sam.okafor@kestrel.example"


@pytest.fixture
def store(store):
    store.save_profile(UserProfile(name="Maya Lindqvist", email=ME))
    store.add(Person(name="Sam Okafor", email=SAM))
    return store


def _sam(store: Store) -> Person:
    return store.list(Person, name="Sam Okafor")[0]


def _thread(tmp_path: Path) -> Path:
    """Maya asks Sam, nudges him, Sam answers: and a list, a stranger and a forward."""
    return mbox(tmp_path / "mail.mbox", [
        message(f"Maya <{ME}>", '"Sam O." <Sam.Okafor+work@Kestrel.example>',
                "Coffee?", at(4), "m1@maya"),
        message(f"Maya <{ME}>", SAM, "Coffee? (a gentle nudge)", at(11), "m2@maya"),
        message(f"Samuel Okafor <{SAM}>", ME, "Re: Coffee?", at(12, 9), "s1@kestrel",
                extra={"In-Reply-To": "<m1@maya>"}),
        message("UX list <ux@lists.example>", ME, "Weekly digest", at(12), "l1@list",
                extra={"List-Id": "<ux.lists.example>"}),
        message("Kestrel <no-reply@kestrel.example>", ME, "Your account", at(13), "n1@k"),
        message("Colleague <col@work.example>", ME, "Fwd: Coffee?", at(14), "f1@work",
                body=f"---------- Forwarded message ---------\nFrom: Sam Okafor <{SAM}>\n"),
        message("Stranger <stranger@else.example>", ME, "Secret stranger subject", at(15),
                "x1@else"),
    ])


def test_sent_mail_becomes_outreach_and_a_reply_marks_it_answered(store, tmp_path):
    report = import_mail(store, _thread(tmp_path))
    sam = _sam(store)
    rows = sorted(store.list(Outreach), key=lambda r: r.sent_at)
    assert [(r.kind, r.channel, r.sent_at, r.replied_at) for r in rows] == [
        ("request", "email", at(4), at(12, 9)), ("follow_up", "email", at(11), at(12, 9))]
    assert all(r.person_id == sam.id for r in rows)
    received = store.list(MailMessage, direction="received")
    assert [(m.subject, m.sent_at, m.outreach_id) for m in received] == [
        ("Re: Coffee?", at(12, 9), rows[0].id)]  # In-Reply-To names the request
    assert (report.sent_added, report.received_added, report.replies_marked) == (2, 1, 2)
    assert report.bulk == 2 and report.matched == 3 and report.messages == 7


def test_received_mail_never_counts_as_sent(store, tmp_path):
    mbox(tmp_path / "in.mbox", [
        message(f"Sam <{SAM}>", ME, "Hello from Sam", at(4), "s1@k"),
        message(f"Sam <{SAM}>", ME, "Another note", at(6), "s2@k"),
    ])
    import_mail(store, tmp_path / "in.mbox")
    assert store.list(Outreach) == []
    stages = funnel(store.frames()).set_index("stage")["count"]
    assert stages["contacted"] == 0 and stages["replied"] == 0
    # ... yet each of Sam's messages resets his keep-in-touch clock
    seen = touches(store.frames())
    assert list(seen["what"]) == ["message received", "message received"]
    assert list(seen["at"]) == [at(6), at(4)]


def test_funnel_and_reply_rate_count_the_imported_exchange(store, tmp_path):
    import_mail(store, _thread(tmp_path))
    stages = funnel(store.frames(), by="channel").set_index(["group", "stage"])["count"]
    assert stages[("email", "contacted")] == 1 and stages[("email", "replied")] == 1


def test_matching_ignores_case_plus_tags_and_display_names_and_uses_every_alias(store, tmp_path):
    sam = _sam(store)
    sam.email = f"{SAM}, sam.okafor@gmail.com"
    store.update(sam)
    store.add(Person(name="Sam Okafor", email="sam@other-sam.example"))  # a namesake
    mbox(tmp_path / "m.mbox", [
        message("SAM OKAFOR <S.A.M.OKAFOR+lists@GoogleMail.com>", ME, "From his Gmail", at(4), "a@g"),
        message(f"Okafor, Samuel <{SAM.upper()}>", ME, "From work", at(5), "b@k"),
        message("Sam Okafor <sam.okafor@somewhere-else.example>", ME, "Not him", at(6), "c@x"),
    ])
    report = import_mail(store, tmp_path / "m.mbox")
    kept = store.list(MailMessage)
    assert sorted(m.subject for m in kept) == ["From his Gmail", "From work"]
    assert {m.person_id for m in kept} == {sam.id}  # never the namesake
    assert report.matched == 2


def test_unmatched_messages_leave_no_trace_in_the_store_file(store, tmp_path):
    report = import_mail(store, _thread(tmp_path))
    store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for text in ("stranger@else.example", "Secret stranger subject", "Weekly digest",
                 "ux@lists.example", "col@work.example"):
        assert files_naming([store.path], text) == [], text
    assert "Secret stranger" not in json.dumps(report.to_dict())
    assert "nothing of the other 4 messages" in report.kept()


def test_forwarded_thread_is_not_put_on_the_forwarded_from_person(store, tmp_path):
    import_mail(store, _thread(tmp_path))
    assert "Fwd: Coffee?" not in {m.subject for m in store.list(MailMessage)}
    # and a forward the user sends to someone else is logged for that someone, as 'other'
    jo = store.add(Person(name="Jo Park", email="jo@park.example"))
    mbox(tmp_path / "fwd.mbox", [message(f"Maya <{ME}>", "jo@park.example", "Fwd: Re: Coffee?",
                                         at(20), "fw@maya")])
    import_mail(store, tmp_path / "fwd.mbox")
    rows = store.list(Outreach, person_id=jo.id)
    assert [r.kind for r in rows] == ["other"]
    assert store.list(Outreach, person_id=_sam(store).id, sent_at=at(20)) == []


def test_automatic_replies_do_not_count_as_answers(store, tmp_path):
    mbox(tmp_path / "m.mbox", [
        message(f"Maya <{ME}>", SAM, "Coffee?", at(4), "m1@maya"),
        message(f"Sam <{SAM}>", ME, "Out of office", at(4, 11), "ooo@k",
                extra={"Auto-Submitted": "auto-replied"}),
    ])
    import_mail(store, tmp_path / "m.mbox")
    assert [r.replied_at for r in store.list(Outreach)] == [None]


def test_reimport_adds_nothing_and_skips_an_unchanged_file(store, tmp_path):
    path = _thread(tmp_path)
    import_mail(store, path)
    before = store.counts()
    again = import_mail(store, path)
    assert store.counts() == before
    assert again.messages == 0 and again.unchanged_bytes == path.stat().st_size
    # a message appended later is the only one read
    with open(path, "ab") as f:
        f.write(b"From - Tue Mar 19 10:00:00 2024\n"
                + message(f"Sam <{SAM}>", ME, "One more thing", at(19), "s9@k") + b"\n")
    third = import_mail(store, path)
    assert third.messages == 1 and third.received_added == 1


def test_reimport_after_a_new_person_reads_everything_and_keeps_old_records(store, tmp_path):
    path = _thread(tmp_path)
    import_mail(store, path)
    outreach = store.list(Outreach)
    store.add(Person(name="Col League", email="col@work.example"))
    again = import_mail(store, path)
    assert again.messages == 7 and again.already == 3 and again.received_added == 1
    assert store.list(Outreach) == outreach
    # not "Read 7 new messages", two lines above "3 had been imported before"
    assert again.lines()[0] == "Read 7 messages in 1 file."


def test_duplicate_message_ids_across_folders_count_once(store, tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    raw = message(f"Sam <{SAM}>", ME, "Hello", at(4), "same@k")
    mbox(folder / "Inbox", [raw])
    mbox(folder / "All Mail", [raw])
    report = import_mail(store, folder)
    assert report.duplicates == 1 and len(store.list(MailMessage)) == 1


def test_a_message_logged_by_hand_is_linked_not_doubled(store, tmp_path):
    sam = _sam(store)
    hand = record_outreach(store, sam.id, sent_at=at(4, 12))
    mbox(tmp_path / "m.mbox", [message(f"Maya <{ME}>", SAM, "Coffee?", at(4, 9), "m1@maya")])
    report = import_mail(store, tmp_path / "m.mbox")
    rows = store.list(Outreach)
    assert [r.id for r in rows] == [hand.id] and rows[0].subject == "Coffee?"
    assert report.sent_linked == 1 and report.sent_added == 0


def test_bodies_are_kept_only_for_the_people_asked(store, tmp_path):
    jo = store.add(Person(name="Jo Park", email="jo@park.example"))
    mbox(tmp_path / "m.mbox", [
        message(f"Sam <{SAM}>", ME, "Advice", at(4), "s@k", body="Read the annual report.\n"),
        message("Jo <jo@park.example>", ME, "Hi", at(5), "j@p", body="Private words.\n"),
    ])
    report = import_mail(store, tmp_path / "m.mbox", bodies_for=[_sam(store).id])
    bodies = {m.person_id: m.body for m in store.list(MailMessage)}
    assert bodies == {_sam(store).id: "Read the annual report.", jo.id: None}
    assert report.bodies_kept == 1
    store.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert files_naming([store.path], "Private words") == []


def test_frequent_correspondents_are_offered_and_added_only_when_asked(store, tmp_path):
    messages = [message(f"Maya <{ME}>", '"Pat Lee" <pat@lee.example>', f"Note {i}", at(4 + i),
                        f"p{i}@maya") for i in range(3)]
    messages.append(message("Pat Lee <pat@lee.example>", ME, "Re: Note 0", at(9), "r@lee"))
    messages += [message("Once <once@else.example>", ME, "Hi", at(9), "o@else")]
    path = mbox(tmp_path / "m.mbox", messages)
    report = import_mail(store, path)
    assert [(c.address, c.name, c.sent, c.received) for c in report.offered] == [
        ("pat@lee.example", "Pat Lee", 3, 1)]
    assert [p.name for p in store.list(Person)] == ["Sam Okafor"]  # never added silently
    added = import_mail(store, path, add=["Pat@Lee.example"])
    pat = store.list(Person, name="Pat Lee")
    assert len(pat) == 1 and pat[0].email == "pat@lee.example"
    assert added.sent_added == 3 and added.received_added == 1 and added.offered == []


def test_dry_run_writes_nothing_and_says_what_would_be_kept(store, tmp_path):
    before = store.counts()
    report = import_mail(store, _thread(tmp_path), dry_run=True)
    assert store.counts() == before
    assert store.execute("SELECT count(*) FROM mail_sources")[0][0] == 0
    assert report.sent_added == 2 and "Would keep" in report.kept()


def test_eml_folder_and_maildir_are_read(store, tmp_path):
    maildir = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    (maildir / "cur" / "1700000000.1.host:2,S").write_bytes(
        message(f"Sam <{SAM}>", ME, "In cur", at(4), "c@k"))
    (maildir / "new" / "1700000001.2.host").write_bytes(
        message(f"Sam <{SAM}>", ME, "In new", at(5), "n@k"))
    (maildir / "tmp" / "1700000002.3.host").write_bytes(
        message(f"Sam <{SAM}>", ME, "Half delivered", at(6), "t@k"))
    eml = tmp_path / "eml"
    eml.mkdir()
    (eml / "coffee.eml").write_bytes(message(f"Maya <{ME}>", SAM, "Sent one", at(3), "e@m"))
    (eml / "notes.txt").write_text("not mail")
    assert import_mail(store, maildir).received_added == 2
    assert import_mail(store, eml).sent_added == 1
    assert sorted(m.subject or "" for m in store.list(MailMessage)) == ["", "In cur", "In new"]


def test_the_users_address_is_found_from_where_mail_was_delivered(tmp_path):
    with Store.open(tmp_path / "s.sqlite") as s:
        s.add(Person(name="Sam Okafor", email=SAM))
        mbox(tmp_path / "m.mbox", [
            message(f"Sam <{SAM}>", f"Maya <{ME}>", "Hi", at(4), "a@k",
                    extra={"Delivered-To": ME}),
            message(f"Maya <{ME}>", SAM, "Re: Hi", at(5), "b@m"),
        ])
        report = import_mail(s, tmp_path / "m.mbox")
        assert report.me == [ME] and report.sent_added == 1 and report.received_added == 1


def test_without_any_known_address_of_the_user_the_import_asks(tmp_path):
    with Store.open(tmp_path / "s.sqlite") as s:
        s.add(Person(name="Sam Okafor", email=SAM))
        mbox(tmp_path / "m.mbox", [message(f"Sam <{SAM}>", "a@x.example", "Hi", at(4), "a@k"),
                                   message("b@y.example", "c@z.example", "Yo", at(5), "b@k")])
        with pytest.raises(BadInput, match="which messages are yours"):
            import_mail(s, tmp_path / "m.mbox")


@pytest.mark.parametrize("cut", ["headers", "multipart", "line"])
def test_a_truncated_mbox_is_refused_whole(store, tmp_path, cut):
    good = [message(f"Sam <{SAM}>", ME, f"Hi {i}", at(4 + i), f"g{i}@k") for i in range(3)]
    path = mbox(tmp_path / "m.mbox", good)
    data = path.read_bytes()
    if cut == "headers":
        data += b"From - Mon Mar 11 10:00:00 2024\nFrom: Sam <" + SAM.encode() + b">\nSubj"
    elif cut == "multipart":
        data += (b"From - Mon Mar 11 10:00:00 2024\nFrom: " + SAM.encode() + b"\nTo: " + ME.encode()
                 + b"\nContent-Type: multipart/mixed; boundary=\"XYZ\"\n\n--XYZ\n"
                 b"Content-Type: text/plain\n\nhalf a mess")
    else:
        data = data.rstrip(b"\n")[:-3]
    path.write_bytes(data)
    with pytest.raises(TruncatedMailbox, match="cut short") as info:
        import_mail(store, path)
    assert "\n" not in str(info.value)
    assert store.list(Outreach) == [] and store.list(MailMessage) == []


def test_unknown_charset_and_broken_headers_give_a_line_each_and_the_rest_is_imported(store, tmp_path):
    weird = message(f"Sam <{SAM}>", ME, "=?x-unknown-charset?Q?Caf=E9?=", at(4), "w@k")
    broken = b"\x00\x01 this is not a header\n\njunk\n"
    fine = message(f"Sam <{SAM}>", ME, "=?iso-8859-1?Q?Caf=E9_?= ok", at(5), "f@k")
    report = import_mail(store, mbox(tmp_path / "m.mbox", [weird, broken, fine]))
    subjects = sorted(m.subject or "" for m in store.list(MailMessage))
    assert subjects == ["Café ok", "Caf\ufffd"]
    assert report.unreadable == 1
    assert any("unknown character set" in w for w in report.warnings)
    assert all("\n" not in w for w in report.warnings)


def test_not_mail_is_refused_with_one_line(store, tmp_path):
    (tmp_path / "notes.txt").write_text("shopping list\n")
    with pytest.raises(BadInputFile, match="not a mailbox"):
        import_mail(store, tmp_path / "notes.txt")
    with pytest.raises(BadInputFile, match="no such file"):
        import_mail(store, tmp_path / "missing.mbox")


@pytest.mark.parametrize("name, text", [
    ("calendar.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nBEGIN:VEVENT\r\n"
                     "UID:a\r\nDTSTART:20261201T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"),
    ("Connections.csv", "Notes:\n\"Some addresses are missing.\"\n\nFirst Name,Last Name,URL\n"
                        "Sam,Okafor,https://www.linkedin.com/in/sam\n"),
])
def test_a_calendar_or_csv_given_as_mail_is_refused_not_read_as_one_message(store, tmp_path,
                                                                          name, text):
    """The user mixed up the commands (a calendar to import-mail) or picked the wrong file:
    that is a mistake, said in one line, not a successful import of one unreadable message."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BadInputFile, match="not a mailbox"):
        import_mail(store, path)


def test_forgetting_a_person_removes_what_the_import_created(store, tmp_path):
    import_mail(store, _thread(tmp_path), bodies_for=[_sam(store).id])
    sam = _sam(store)
    report = forget_person(store, sam.id)
    assert report.store.deleted["mail_messages"] == 3 and report.store.deleted["outreach"] == 2
    assert store.list(MailMessage) == [] and store.list(Outreach) == []
    assert report.still_named_in == []
    for text in ("Sam Okafor", "Re: Coffee?", "Coffee? (a gentle nudge)"):
        assert files_naming([store.path], text) == [], text


def test_cli_dry_run_json_and_bad_input(tmp_path, capsys):
    db = tmp_path / "cli.sqlite"
    with Store.open(db) as s:
        s.save_profile(UserProfile(name="Maya", email=ME))
        s.add(Person(name="Sam Okafor", email=SAM))
    path = _thread(tmp_path)
    assert main(["--db", str(db), "import-mail", str(path), "--dry-run", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["dry_run"] is True and data["sent_added"] == 2 and "Would keep" in data["kept"]
    with Store.open(db) as s:
        assert s.list(Outreach) == []
    assert main(["--db", str(db), "import-mail", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Sam Okafor: 2 sent, 1 received" in out and "Kept the date" in out
    assert main(["--db", str(db), "import-mail", str(tmp_path / "nope.mbox")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such file" in err and "Traceback" not in err


def test_an_address_two_people_share_names_neither_and_says_so(store, tmp_path):
    store.add(Person(name="Samuel Okafor Sr", email=SAM.upper()))
    mbox(tmp_path / "m.mbox", [message(f"Sam <{SAM}>", ME, "Which of us?", at(4), "w@k")])
    report = import_mail(store, tmp_path / "m.mbox")
    assert store.list(MailMessage) == []
    assert any("two of your saved people" in w and SAM in w for w in report.warnings)


def test_reply_rates_by_channel_count_the_request_once_with_its_reply_time(store, tmp_path):
    from infoview.analytics.replies import reply_rates

    import_mail(store, _thread(tmp_path))
    rates = reply_rates(store.frames(), by="channel").set_index("channel")
    assert rates.loc["email", "sent"] == 1 and rates.loc["email", "replied"] == 1
    assert rates.loc["email", "median_days_to_reply"] == pytest.approx(7.958, abs=0.01)


def test_the_one_matching_rule_knows_aliases_and_plus_addressing():
    from infoview.store.matching import match_person

    people = [Person(name="Sam Okafor", email=f"{SAM}; sam.okafor@gmail.com", id=1),
              Person(name="Jo Park", email="jo@park.example", id=2)]
    assert match_person(people, email="S.amOkafor+x@googlemail.com").id == 1
    assert match_person(people, email="JO+news@park.example").id == 2
    assert match_person(people, email="sam@elsewhere.example") is None


def test_broken_mime_in_a_body_asked_for_keeps_what_can_be_read(store, tmp_path):
    raw = (f"From: Sam <{SAM}>\nTo: {ME}\nSubject: Notes\nDate: Mon, 04 Mar 2024 10:00:00 +0000\n"
           "Message-ID: <b@k>\nMIME-Version: 1.0\nContent-Type: multipart/mixed\n\n"
           "no boundary was declared, so this is not real MIME\n").encode()
    report = import_mail(store, mbox(tmp_path / "m.mbox", [raw]), bodies_for=[_sam(store).id])
    (kept,) = store.list(MailMessage)
    assert kept.subject == "Notes"
    assert any("MIME" in w for w in report.warnings) and all("\n" not in w for w in report.warnings)


def test_takeout_labels_mark_sent_mail_and_leave_spam_out(tmp_path):
    with Store.open(tmp_path / "s.sqlite") as s:
        s.add(Person(name="Sam Okafor", email=SAM))
        mbox(tmp_path / "takeout.mbox", [
            # sent from an old address of hers: only the label says it is hers
            message("Maya <maya@old-job.example>", SAM, "Coffee?", at(4), "a@m",
                    extra={"X-Gmail-Labels": "Sent,Opened"}),
            message(f"Sam <{SAM}>", ME, "Cheap pills", at(5), "b@k", extra={"X-Gmail-Labels": "Spam"}),
        ])
        report = import_mail(s, tmp_path / "takeout.mbox", me=[ME])
        assert (report.sent_added, report.received_added) == (1, 0)
        assert [m.subject for m in s.list(MailMessage)] == [None]


def test_a_store_from_before_the_imports_gains_their_tables_and_keeps_its_records(tmp_path):
    import sqlite3

    from infoview.store.migrations import MIGRATIONS

    step = next(i for i, script in enumerate(MIGRATIONS) if "mail_messages" in script)
    path = tmp_path / "older.sqlite"
    conn = sqlite3.connect(path)
    for script in MIGRATIONS[:step]:
        conn.executescript(script)
    conn.execute(f"PRAGMA user_version = {step}")
    conn.execute("INSERT INTO people (name, email) VALUES ('Sam Okafor', ?)", [SAM])
    conn.execute("INSERT INTO outreach (person_id, kind, sent_at) VALUES "
                 "(1, 'request', '2024-03-04T09:00:00.000000+00:00')")
    conn.commit()
    conn.close()
    with Store.open(path) as s:
        report = import_mail(s, mbox(tmp_path / "m.mbox", [
            message(f"Sam <{SAM}>", ME, "Re: hello", at(5), "r@k")]), me=[ME])
        assert report.replies_marked == 1
        assert s.list(Outreach)[0].replied_at == at(5)
    assert Path(f"{path}.bak-v{step}").exists()  # the upgrade kept a copy


def test_one_note_past_those_kept_is_counted_as_one_note():
    from infoview.flows.mail_import import WARNINGS_KEPT, MailImportReport

    report = MailImportReport(source="mail.mbox")
    for n in range(WARNINGS_KEPT + 1):
        report.warn(f"Left out: message {n} has no date.")
    assert "... and 1 more note like these." in report.lines()
    report.warn("Left out: one more message has no date.")
    assert "... and 2 more notes like these." in report.lines()


def test_a_file_of_one_conversation_does_not_guess_the_other_person_as_the_user(tmp_path):
    # Seen walking as Lena: two messages between her and Sam put both addresses in every
    # message, and the guess of "which address is yours" picked either, by chance.
    with Store.open(tmp_path / "s.sqlite") as store:
        store.add(Person(name="Sam Okafor"))
        path = mbox(tmp_path / "sam.mbox", [
            message(f"Lena <{ME}>", "Sam Okafor <sam@kestrel.example>", "Coffee?", at(4), "m1@m"),
            message("Sam Okafor <sam@kestrel.example>", ME, "Re: Coffee?", at(5), "s1@k")])
        with pytest.raises(BadInput, match="cannot tell which messages are yours"):
            import_mail(store, path, dry_run=True)
