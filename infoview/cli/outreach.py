"""`infoview outreach add|replied|list`: keep the messages you sent and the answers you got.

Parsing and printing only; the records are written by :mod:`infoview.flows.outreach_log`, the
same functions the preparation panel's "I sent it" and "They replied" buttons call.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, tzinfo
from pathlib import Path

from infoview.cli._common import open_store, print_json, usage
from infoview.errors import BadInput, BadInputFile
from infoview.flows.outreach_log import awaiting_reply, mark_replied, record_outreach
from infoview.flows.profile import user_zone
from infoview.models import CHOICES, Outreach, Person
from infoview.times import day_words, describe_start, shown_in

KINDS = CHOICES[("outreach", "kind")]
CHANNELS = CHOICES[("outreach", "channel")]


def register(sub) -> None:
    """Add ``outreach add``, ``outreach replied`` and ``outreach list``."""
    parser = sub.add_parser("outreach", help="record messages sent and replies received",
                            description="Keep the messages you send and the replies you get, "
                            "so the funnel, the answer rates and the 3B7 follow-ups count them.")
    parser.set_defaults(handler=lambda args: usage(parser))
    cmds = parser.add_subparsers(dest="outreach_command", metavar="COMMAND")

    add = cmds.add_parser("add", help="record a message you sent",
                          description="Record a message you sent to a stored person.")
    add.add_argument("--person", type=int, required=True, metavar="ID",
                     help="who it went to (see 'infoview people list')")
    add.add_argument("--kind", default="request", metavar="KIND",
                     help=f"what it was: {', '.join(KINDS)} (default: request)")
    add.add_argument("--channel", default="email", metavar="CHANNEL",
                     help=f"how it went: {', '.join(CHANNELS)} (default: email)")
    add.add_argument("--sent", metavar="WHEN", help="when: YYYY-MM-DD or YYYY-MM-DDTHH:MM, your "
                     "local time unless an offset is given (default: now)")
    add.add_argument("--subject", help="the subject line")
    add.add_argument("--body-file", metavar="FILE", help="a text file holding the message sent")
    add.add_argument("--json", action="store_true", help="print the stored message as JSON")
    add.set_defaults(handler=_add)

    replied = cmds.add_parser("replied", help="record that a message was answered",
                              description="Record the reply to a message. A message already "
                              "marked keeps its first reply time unless --at is given.")
    replied.add_argument("outreach_id", type=int, metavar="OUTREACH_ID",
                         help="the message (see 'infoview outreach list')")
    replied.add_argument("--at", metavar="WHEN", help="when the reply came: YYYY-MM-DD or "
                         "YYYY-MM-DDTHH:MM (default: now)")
    replied.add_argument("--json", action="store_true", help="print the updated message as JSON")
    replied.set_defaults(handler=_replied)

    listing = cmds.add_parser("list", help="list messages, or those awaiting a reply",
                              description="List the messages sent, oldest first; with "
                              "--waiting, only requests and follow-ups still without a reply, "
                              "with the business days waited.")
    listing.add_argument("--person", type=int, metavar="ID", help="only messages to this person")
    listing.add_argument("--waiting", action="store_true", help="only those awaiting a reply")
    listing.add_argument("--country", help="with --waiting: ISO code for public holidays (GB, US...)")
    listing.add_argument("--json", action="store_true", help="print the messages as JSON")
    listing.set_defaults(handler=_list)


def _when(text: str | None, option: str) -> date | datetime | None:
    """A date or a datetime from the command line, or ``None``."""
    from infoview.times import check_year

    if not text:
        return None
    try:
        when = date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
    except ValueError as exc:
        raise BadInput(f"{option} {text!r} is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM") from exc
    check_year(when.date() if isinstance(when, datetime) else when, f"{option} {text}")
    return when


def _plain(row: dict) -> dict:
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()}


def _line(row, name: str, zone: tzinfo) -> str:
    """One message: when it went and when they answered, on the user's clock (``zone``),
    days written as everywhere else ("Mon 7 Dec 2026, 09:30")."""
    sent = describe_start(row.sent_at, None, zone) if row.sent_at else "not sent"
    reply = (f"replied {day_words(shown_in(row.replied_at, zone))}" if row.replied_at
             else "no reply")
    return f"{row.id:>5}  {sent}  {row.kind} to {name} by {row.channel}, {reply}"


def _add(args: argparse.Namespace) -> int:
    body = None
    if args.body_file:
        try:
            body = Path(args.body_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInputFile(f"cannot read the message: {exc}", path=args.body_file) from exc
    sent = _when(args.sent, "--sent")
    with open_store(args) as store:
        row = record_outreach(store, args.person, kind=args.kind, channel=args.channel,
                              sent_at=sent, subject=args.subject, body=body)
        name = store.get(Person, row.person_id).name
        zone = user_zone(store)
    assert row.sent_at is not None  # record_outreach always sets it
    if args.json:
        print_json(_plain(row.to_dict()))
    else:
        print(f"Recorded message {row.id}: {row.kind} to {name} by {row.channel} on "
              f"{describe_start(row.sent_at, None, zone)}.")
    return 0


def _replied(args: argparse.Namespace) -> int:
    at = _when(args.at, "--at")
    with open_store(args) as store:
        row = mark_replied(store, args.outreach_id, at=at)
        name = store.get(Person, row.person_id).name
        zone = user_zone(store)
    assert row.replied_at is not None  # mark_replied always sets it
    if args.json:
        print_json(_plain(row.to_dict()))
    else:
        print(f"Message {row.id}: {name} replied on {describe_start(row.replied_at, None, zone)}.")
    return 0


def _list(args: argparse.Namespace) -> int:
    with open_store(args) as store:
        zone = user_zone(store)
        if args.person is not None:
            store.get(Person, args.person)  # an unknown id is an error, not an empty list
        if args.waiting:
            waiting = awaiting_reply(store, person_id=args.person, country=args.country)
            if args.json:
                print_json([_plain(item.to_dict()) for item in waiting])
                return 0
            for item in waiting:
                print(f"{_line(item.outreach, item.person.name, zone)}, "
                      f"{item.business_days} business days waited")
            if not waiting:
                print("Nothing awaits a reply.")
            return 0
        rows = store.list(Outreach, person_id=args.person) if args.person is not None \
            else store.list(Outreach)
        rows.sort(key=lambda r: (r.sent_at is None, r.sent_at or 0, r.id))
        names = {p.id: p.name for p in store.list(Person)}
    if args.json:
        print_json([_plain({**r.to_dict(), "person": names.get(r.person_id)}) for r in rows])
        return 0
    for row in rows:
        print(_line(row, names.get(row.person_id, f"person {row.person_id}"), zone))
    if not rows:
        print("No messages recorded yet: 'infoview outreach add --person ID' records one.")
    return 0
