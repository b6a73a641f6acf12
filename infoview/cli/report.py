"""`infoview report`, `infoview targets`, `infoview actions`: the outcome analytics from a terminal.

Each command opens the store, builds its frames once and calls the same function the
notebook's dashboard calls (:mod:`infoview.analytics`); nothing here computes anything.
:mod:`infoview.analytics` is imported inside the handlers: loading every analytic costs
``infoview --help`` (which imports this module to build its parser) a third of its time.
"""

from __future__ import annotations

import sys

from infoview.cli._common import collector_paused, open_store, print_json
from infoview.times import day_words


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

    p = sub.add_parser("targets", help="organizations to pursue first, best first",
                       description="Rank organizations by motivation, then postings, then advocacy "
                                   "(someone you know there); the top ones are those to work on "
                                   "now, the rest wait.")
    p.add_argument("--motivation-scale", type=int, default=3, help="top of the motivation scale (default 3)")
    p.add_argument("--batch-size", type=int, default=5,
                   help="how many of the top organizations to work on now (default 5)")
    p.add_argument("--json", action="store_true", help="print the list as JSON")
    p.set_defaults(handler=_targets)

    p = sub.add_parser("actions", help="open follow-up actions, soonest first; done, snooze, due",
                       description="List the actions not done yet: thank-yous, contacts to make, "
                                   "promises (yours and your hosts'), the 3B7 follow-ups of "
                                   "unanswered requests, overdue ones first. Done and snoozed "
                                   "ones leave the list (and the digest); 'infoview actions "
                                   "done KEY --undo' brings one back. KEY is the number "
                                   "shown, or the s... key of a 3B7 follow-up not stored yet.")
    p.add_argument("--due", nargs="?", type=float, const=7.0, default=None, metavar="DAYS",
                   help="only those overdue or due within DAYS days (default 7)")
    p.add_argument("--json", action="store_true", help="print the actions as JSON")
    p.set_defaults(handler=_actions)
    verbs = p.add_subparsers(dest="actions_command", metavar="COMMAND")
    done = verbs.add_parser("done", help="mark a follow-up done (or, with --undo, not done)",
                            description="Tick a follow-up off: it leaves 'infoview actions', the "
                                        "digest and the counts of overdue actions. --undo brings "
                                        "back one done or snoozed.")
    done.add_argument("key", metavar="KEY", help="the number shown by 'infoview actions'")
    done.add_argument("--undo", action="store_true", help="bring it back (not done, not snoozed)")
    done.add_argument("--at", metavar="WHEN", help="when you did it, YYYY-MM-DD or ISO time "
                                                   "(default: now)")
    done.add_argument("--json", action="store_true", help="print the action as JSON")
    done.set_defaults(handler=_done)
    snooze = verbs.add_parser("snooze", help="hide a follow-up until a day",
                              description="Hide a follow-up until a day: it is due again from "
                                          "that day. 'actions done KEY --undo' wakes it early.")
    snooze.add_argument("key", metavar="KEY", help="the number shown by 'infoview actions'")
    snooze.add_argument("--until", required=True, metavar="YYYY-MM-DD",
                        help="the day it comes back")
    snooze.add_argument("--json", action="store_true", help="print the action as JSON")
    snooze.set_defaults(handler=_snooze)
    due = verbs.add_parser("due", help="change when a follow-up is due",
                           description="Give a follow-up a new due date (a day means 17:00 that "
                                       "day in your time zone); 'none' leaves it undated.")
    due.add_argument("key", metavar="KEY", help="the number shown by 'infoview actions'")
    due.add_argument("on", metavar="YYYY-MM-DD", help="the new due date, or 'none'")
    due.add_argument("--json", action="store_true", help="print the action as JSON")
    due.set_defaults(handler=_set_due)


def _frames(args):
    store = open_store(args)
    try:
        return store.frames()
    finally:
        store.close()


#: What the report imports only once it has started reading the store, biggest first.
REPORT_LIBRARIES = ("pandas", "jinja2")


def load_in_background(modules: tuple[str, ...]) -> None:
    """Import ``modules`` in a thread of their own, while this one goes on.

    ``infoview report`` imports pandas (a third of a second) only once SQLite has started
    reading the store, and then waits for SQLite's first table, which lets go of Python's
    lock while it works: the import is done in that wait instead of before it. A module
    that fails to load here is imported again where it is used, which raises as usual.
    """
    import importlib
    import threading

    def load() -> None:
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 (imported again, and raised, where it is used)
                return

    threading.Thread(target=load, name="infoview-imports", daemon=True).start()


def _report(args) -> int:
    from infoview.flows.outcomes import write_store_report
    from infoview.times import parse_day

    since, until = parse_day(args.since, "--since"), parse_day(args.until, "--until")
    load_in_background(REPORT_LIBRARIES)
    with collector_paused(), open_store(args) as store:
        path = write_store_report(store, args.out, since=since, until=until,
                                  channels=args.channels)
    if args.json:
        print_json({"out": str(path), "bytes": path.stat().st_size})
    else:
        print(f"Wrote the outcomes report to {path}")
    return 0


def _show(df, columns: list[str], as_json: bool, headers: dict[str, str] | None = None) -> None:
    from infoview.analytics import message
    from infoview.analytics.records import to_records

    if as_json:  # the stored names and codes: scripts read them
        print_json(to_records(df))
    elif df.empty:
        print(message(df))
    else:  # in the words of the report and the Outcomes page
        sys.stdout.write(_in_words(df[columns], headers).to_string(index=False) + "\n")


def _in_words(df, headers: dict[str, str] | None = None):
    """``df`` as the report shows it: codes in words ("host" → "them"), yes or no for true
    or false, and the report's column headings ("owner" → "whose move") or ``headers``."""
    from infoview.analytics.report import codes_in_words, column_words

    shown = codes_in_words(df)
    shown = shown.assign(**{c: shown[c].map({True: "yes", False: "no"})
                            for c in shown.columns if shown[c].dtype == bool})
    return shown.rename(columns={c: column_words(c, headers) for c in shown.columns})


#: The target list's headings that differ from the report's, as the Targets tab says them.
_TARGET_HEADERS = {"name": "organization", "batch": "work on it"}


def _targets(args) -> int:
    from infoview.analytics import targets

    data = targets(_frames(args), motivation_scale=args.motivation_scale, batch_size=args.batch_size)
    _show(data, ["rank", "name", "motivation", "postings", "advocacy", "people_found",
                 "contacted", "met", "batch"], args.json, _TARGET_HEADERS)
    return 0


def _actions(args) -> int:
    from infoview.flows.actions import open_actions
    from infoview.flows.profile import user_zone
    from infoview.times import day_words, shown_in

    with open_store(args) as store:
        data = open_actions(store, days=args.due)
        zone = user_zone(store)
    if args.json:
        _show(data, [], True)
        return 0
    if data.empty:
        _show(data, [], False)
        return 0
    shown = data.assign(key=data["key"].astype(str),
                        due=data["due"].map(lambda d: "no date" if d is None or d != d
                                            else day_words(shown_in(d, zone))),
                        overdue=data["overdue"].map(lambda o: "overdue" if o else ""))
    _show(shown, ["key", "due", "overdue", "owner", "kind", "what"], False)
    return 0


def _day(text: str, option: str):
    from infoview.errors import BadInput
    from infoview.times import parse_day

    day = parse_day(text, option)
    if day is None:
        raise BadInput(f"{option} is empty: give a date such as 2026-03-31")
    return day


def _print_action(action, as_json: bool, said: str) -> None:
    if as_json:
        print_json(action.to_dict())
    else:
        print(f"{said}: {action.what}")


def _done(args) -> int:
    from infoview.cli.memory import _as_of
    from infoview.flows.actions import mark_done

    at = _as_of(args.at, option="--at") if args.at else None
    with open_store(args) as store:
        action = mark_done(store, args.key, undo=args.undo, at=at)
    _print_action(action, args.json, "Back on the list" if args.undo else "Done")
    return 0


def _snooze(args) -> int:
    from infoview.flows.actions import snooze

    until = _day(args.until, "--until")
    with open_store(args) as store:
        action = snooze(store, args.key, until)
    _print_action(action, args.json, f"Snoozed until {day_words(until)}")
    return 0


def _set_due(args) -> int:
    from infoview.flows.actions import set_due

    on = None if args.on.strip().lower() in ("none", "no date", "") else _day(args.on, "the date")
    with open_store(args) as store:
        action = set_due(store, args.key, on)
    _print_action(action, args.json, f"Due {day_words(on)}" if on else "No due date")
    return 0
