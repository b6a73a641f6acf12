"""`infoview report`, `infoview targets`, `infoview actions`: the outcome analytics from a terminal.

Each command opens the store, builds its frames once and calls the same function the
notebook's dashboard calls (:mod:`infoview.analytics`); nothing here computes anything.
:mod:`infoview.analytics` is imported inside the handlers: loading every analytic costs
``infoview --help`` (which imports this module to build its parser) a third of its time.
"""

from __future__ import annotations

import sys

from infoview.cli._common import open_store, print_json


def register(sub) -> None:
    """Add ``report``, ``targets`` and ``actions`` to the parser."""
    p = sub.add_parser("report", help="write the outcomes report (one self-contained HTML page)",
                       description="Write every outcome analytic (funnel, answer rates, referral "
                                   "chains, follow-ups, questions, activity, targets) into one "
                                   "HTML page that opens offline.")
    p.add_argument("--out", required=True, help="the HTML file to write, e.g. report.html")
    p.add_argument("--since", help="only activity from this date (YYYY-MM-DD)")
    p.add_argument("--until", help="only activity up to this date, inclusive (YYYY-MM-DD)")
    p.add_argument("--channel", action="append", dest="channels", metavar="CHANNEL",
                   choices=["email", "linkedin", "phone", "other"],
                   help="only messages on this channel (repeat for several)")
    p.add_argument("--json", action="store_true", help="print where the report went, as JSON")
    p.set_defaults(handler=_report)

    p = sub.add_parser("targets", help="organizations to pursue first (LAMP list)",
                       description="Rank organizations by motivation, then postings, then advocacy "
                                   "(someone you know there); the top ones are the current batch.")
    p.add_argument("--motivation-scale", type=int, default=3, help="top of the motivation scale (default 3)")
    p.add_argument("--batch-size", type=int, default=5,
                   help="how many targets form the current batch (default 5)")
    p.add_argument("--json", action="store_true", help="print the list as JSON")
    p.set_defaults(handler=_targets)

    p = sub.add_parser("actions", help="open follow-up actions, soonest first",
                       description="List the actions not done yet: thank-yous, contacts to make, "
                                   "promises (yours and your hosts'), overdue ones first.")
    p.add_argument("--due", nargs="?", type=float, const=7.0, default=None, metavar="DAYS",
                   help="only those overdue or due within DAYS days (default 7)")
    p.add_argument("--json", action="store_true", help="print the actions as JSON")
    p.set_defaults(handler=_actions)


def _frames(args):
    store = open_store(args)
    try:
        return store.frames()
    finally:
        store.close()


def _report(args) -> int:
    from infoview.analytics._frames import REPORT_TABLES, UNREAD
    from infoview.analytics.report import write_report

    with open_store(args) as store:
        frames = store.frames(tables=REPORT_TABLES, skip=UNREAD)
        path = write_report(frames, args.out, since=args.since, until=args.until,
                            channels=args.channels, store=store)
    if args.json:
        print_json({"out": str(path), "bytes": path.stat().st_size})
    else:
        print(f"Wrote the outcomes report to {path}")
    return 0


def _show(df, columns: list[str], as_json: bool) -> None:
    from infoview.analytics import message
    from infoview.analytics.report import to_records

    if as_json:
        print_json(to_records(df))
    elif df.empty:
        print(message(df))
    else:
        sys.stdout.write(df[columns].to_string(index=False) + "\n")


def _targets(args) -> int:
    from infoview.analytics import targets

    data = targets(_frames(args), motivation_scale=args.motivation_scale, batch_size=args.batch_size)
    _show(data, ["rank", "name", "motivation", "postings", "advocacy", "people_found",
                 "contacted", "met", "batch"], args.json)
    return 0


def _actions(args) -> int:
    from infoview.analytics import due_actions

    data = due_actions(_frames(args), days=args.due)
    _show(data, ["id", "due", "overdue", "owner", "kind", "what"], args.json)
    return 0
