"""`infoview import-mail PATH` and `infoview import-calendar PATH`: outreach, replies and
meetings logged from the user's own mail and calendar exports, offline.

Parsing and printing only; :mod:`infoview.flows.mail_import` and
:mod:`infoview.flows.calendar_import` do the work (the import panel calls the same).
"""

from __future__ import annotations

import argparse
import sys

from infoview.cli._common import open_store, print_json


def register(sub) -> None:
    """Add ``import-mail`` and ``import-calendar``."""
    mail = sub.add_parser(
        "import-mail", help="log outreach and replies from your mail export (mbox, .eml, Maildir)",
        description="Read an mbox file (Google Takeout, Thunderbird, Apple Mail), a folder of "
        ".eml files or a Maildir folder, and log the messages you exchanged with people in "
        "your store: those you sent as outreach, those you received as replies. Only the "
        "date, subject and direction of those messages are kept (their text only with "
        "--bodies-for); nothing of any other message. Importing again adds nothing new.")
    mail.add_argument("path", metavar="PATH", help="the mbox file, .eml file or mail folder")
    mail.add_argument("--me", action="append", default=[], metavar="ADDRESS",
                      help="an address of yours, besides your profile's email (repeatable; "
                      "default: found from where the mail was delivered)")
    mail.add_argument("--bodies-for", action="append", type=int, default=[], metavar="ID",
                      help="also keep the text of messages with this person (repeatable)")
    mail.add_argument("--add", action="append", default=[], metavar="ADDRESS",
                      help="add this correspondent as a person and import their messages "
                      "(repeatable; the import lists those you write to most)")
    mail.add_argument("--dry-run", action="store_true",
                      help="show what would be recorded, and write nothing")
    mail.add_argument("--json", action="store_true", help="print the report as JSON")
    mail.set_defaults(handler=_mail)

    cal = sub.add_parser(
        "import-calendar", help="log meetings from your calendar export (.ics file or folder)",
        description="Read an .ics file or a folder of them (Google, Outlook, Apple Calendar) "
        "and record the events that name people in your store as meetings, or update the "
        "meeting already there (same person, start within a day). New meetings are "
        "scheduled, past ones too: a meeting counts as held once you save its debrief. "
        "Importing again adds nothing new and follows moved or cancelled events.")
    cal.add_argument("path", metavar="PATH", help="the .ics file or a folder of .ics files")
    cal.add_argument("--me", action="append", default=[], metavar="ADDRESS",
                     help="an address of yours, besides your profile's email (repeatable)")
    cal.add_argument("--dry-run", action="store_true",
                     help="show what would be recorded, and write nothing")
    cal.add_argument("--json", action="store_true", help="print the report as JSON")
    cal.set_defaults(handler=_calendar)


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty() and total:
        sys.stderr.write(f"\rreading mail: {100 * done / total:5.1f}%")
        sys.stderr.flush()


def _mail(args: argparse.Namespace) -> int:
    from infoview.errors import BadInput
    from infoview.flows.mail_import import OwnerUnknown, import_mail

    with open_store(args) as store:
        if not args.dry_run:
            store.check()  # no import into a damaged file
        try:
            report = import_mail(store, args.path, me=args.me, bodies_for=args.bodies_for,
                                 add=args.add, dry_run=args.dry_run, progress=_progress)
        except OwnerUnknown as exc:
            raise BadInput("cannot tell which messages are yours: give your address with "
                           "--me you@example.org (repeatable), or keep it in your profile "
                           "with infoview profile set --email you@example.org") from exc
    if sys.stderr.isatty():
        sys.stderr.write("\r" + " " * 30 + "\r")
    _show(report, args)
    if report.offered and not args.json:
        print("To add some of them: infoview import-mail PATH --add ADDRESS [--add ...]")
    return 0


def _calendar(args: argparse.Namespace) -> int:
    from infoview.flows.calendar_import import import_calendar

    with open_store(args) as store:
        if not args.dry_run:
            store.check()  # no import into a damaged file
        report = import_calendar(store, args.path, me=args.me, dry_run=args.dry_run)
    _show(report, args)
    return 0


def _show(report, args: argparse.Namespace) -> None:
    """The report as JSON, or as lines for a reader."""
    if args.json:
        print_json(report.to_dict())
        return
    if args.dry_run:
        print("Dry run: nothing was written.")
    for line in report.lines():
        print(line)
