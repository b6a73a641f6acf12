"""`infoview digest` and `infoview dossier`: relationship memory.

Parsing and printing only: each handler calls the library function a notebook calls
(:func:`infoview.analytics.digest.weekly_digest`, :func:`infoview.flows.dossier.build_dossier`).
Marking a meeting missed or moved is ``infoview meeting mark`` (:mod:`infoview.cli.meetings`).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, tzinfo
from pathlib import Path

from infoview.cli._common import collector_paused, json_ascii_only, open_store, print_json
from infoview.errors import BadInput
from infoview.store.exports import formats_for, formats_text
from infoview.times import check_year, day_words, describe_start, parse_day, shown_in

# The analytics, flows and renderers load inside the handlers: --help and the parser of
# these two commands need none of them.


def register(sub) -> None:
    """Add ``digest`` and ``dossier``."""
    p = sub.add_parser(
        "digest",
        help="the weekly digest: due, losing touch, leads, missed meetings",
        description="What is due this week (actions overdue or due within 7 "
        "days, meetings coming up), who you are losing touch with (past their "
        "ideal keep-in-touch interval, or past the maximum too), which people "
        "suggested to you are not yet contacted, and which missed meetings "
        "wait for a new date.",
    )
    p.add_argument(
        "--as-of",
        metavar="DATE",
        help="make it as of this day, YYYY-MM-DD (or an ISO date and time; default: now)",
    )
    p.add_argument("--days", type=float, default=7.0, metavar="N", help="days ahead (default 7)")
    p.add_argument(
        "--drafts",
        action="store_true",
        help="add a short update draft for each person losing touch",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help='print {"as_of", "counts", "due", "meetings", "losing_touch", "leads", '
        '"missed", "drafts"}',
    )
    p.set_defaults(handler=_digest)

    p = sub.add_parser(
        "dossier",
        help=f"everything learned about one organization ({', '.join(formats_for('dossier'))})",
        description="Write the dossier of an organization for a job interview "
        "there: what you learned in every informational interview (with the "
        "date and who said it), the people you met, news from research, and "
        "what came of it.",
    )
    p.add_argument("org", metavar="ORG", help="the organization's name (or id)")
    p.add_argument(
        "--format",
        action="append",
        metavar="FMT",
        help=f"{formats_text('dossier')}; repeat or give a comma list (default md)",
    )
    p.add_argument(
        "--out",
        default=".",
        metavar="PATH",
        help="folder (or file, for one format) to write to (default: .)",
    )
    p.add_argument("--json", action="store_true", help='print {"files": [...], "dossier": {...}}')
    p.set_defaults(handler=_dossier)


def _as_of(text: str | None, option: str = "--as-of") -> datetime | None:
    """``--as-of``: a day means the end of that day (UTC), so all it logged counts."""
    if not text:
        return None
    if "T" not in text and " " not in text.strip():
        day = parse_day(text, option)
        return datetime.combine(day, time(23, 59, 59), UTC) if day else None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise BadInput(f"{option} {text!r} is not a date: use YYYY-MM-DD") from exc
    check_year(moment.date(), f"{option} {text.strip()}")
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _digest(args) -> int:
    import math

    if not (math.isfinite(args.days) and 0 <= args.days <= 366):
        raise BadInput(f"--days must be 0 to 366, not {args.days}")
    now = _as_of(args.as_of)
    with collector_paused():  # a run of seconds over large tables, then the end
        with open_store(args) as store:
            from infoview.flows.outcomes import store_digest
            from infoview.flows.profile import user_zone

            digest = store_digest(store, now=now, days=args.days)
            zone = user_zone(store)
            if args.drafts:  # (the drafts' templates load only then)
                from infoview.flows.drafts import update_draft

                digest.drafts = {int(pid): update_draft(store, int(pid))
                                 for pid in digest.losing_touch["person_id"]}
        if args.json:
            print_json(digest.to_dict(ascii_only=json_ascii_only()))
            return 0
        _print_digest(digest, zone)
    return 0


def _missing(value) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value))


def _when(value, zone: tzinfo | None = None) -> str:
    """A day in day_words, on the calendar of ``zone`` (the user's) for a moment."""
    if _missing(value):
        return ""
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = shown_in(value, zone)
    return day_words(value)


def _org(value) -> str:
    return "no organization" if _missing(value) or not str(value).strip() else str(value)


def _print_digest(digest, zone: tzinfo | None = None) -> None:
    """The digest as text, days and times on the user's clock (``zone``). What is overdue
    is listed under "Overdue" only; "Due this week" holds the rest, never the same twice."""
    from infoview.analytics.memory import LEVEL_WORDS, undated_line

    counts = digest.counts()
    print(f"Digest as of {_when(digest.as_of, zone)}")
    late = [row for row in digest.due.itertuples() if row.overdue]
    coming = [row for row in digest.due.itertuples() if not row.overdue]
    print(f"\nOverdue: {len(late) or 'nothing'}")
    for row in late:
        print(f"  {_when(row.due, zone) or 'no date'}  {row.what}")
    print(f"\nDue this week: {len(coming) or 'nothing'}")
    for row in coming:
        print(f"  {_when(row.due, zone) or 'no date'}  {row.what}")
    print(f"\nMeetings this week: {counts['meetings'] or 'none'}")
    for row in digest.meetings.itertuples():
        print(
            f"  {describe_start(row.starts_at, None, zone)}  {row.name} (meeting {row.meeting_id}, "
            f"{str(row.format).replace('_', ' ')})"
        )
    note = undated_line(digest.losing_touch, others_late=bool(counts["losing_touch"]))
    print(
        f"\nLosing touch: {counts['losing_touch'] or note or 'nobody'}"
        + (f" ({counts['past_max']} of them {LEVEL_WORDS['overdue']})" if counts["past_max"] else "")
    )
    for row in digest.losing_touch.itertuples():
        level = LEVEL_WORDS.get(row.level, "")
        print(
            f"  {row.name} ({_org(row.organization)}): last contact "
            f"{_when(row.last_contact, zone)} ({row.last_what}), {int(row.days_since)} days ago; {level}"
        )
    if note and counts["losing_touch"]:  # after the list, the ones with no clock to read
        print(f"  {note}")
    print(f"\nLeads not yet contacted: {counts['leads'] or 'none'}")
    for row in digest.leads.itertuples():
        first = str(row.referrer).split()[0] if str(row.referrer).split() else row.referrer
        mention = f", you may mention {first}" if str(row.may_mention) == "yes" else ""
        print(f"  {row.name} ({_org(row.organization)}), suggested by {row.referrer}{mention}")
    print(f"\nMissed meetings to rebook: {counts['missed'] or 'none'}")
    for row in digest.missed.itertuples():
        status = row.status.replace("_", "-")
        print(
            f"  {_when(row.starts_at, zone)}  {row.name} ({status}, meeting {row.meeting_id}): "
            f"infoview meeting mark {row.meeting_id} {status} --draft"
        )
    for person_id, draft in digest.drafts.items():
        print(
            f"\n--- update draft for person {person_id} ({draft.word_count} words"
            + (f"; {len(draft.warnings)} warning(s)" if draft.warnings else "")
            + ") ---"
        )
        print(draft.text)
        for warning in draft.warnings:
            print(f"  - [{warning.code}] {warning.message}")


def _dossier(args) -> int:
    out = Path(args.out)
    from infoview.cli.prep import _formats
    from infoview.flows.dossier import build_dossier
    from infoview.prep.dossier import export_dossier

    formats = _formats(args.format, out, kind="dossier")
    with open_store(args) as store:
        dossier = build_dossier(store, args.org)
        files = [export_dossier(dossier, out, fmt, store=store) for fmt in formats]
    if args.json:
        print_json({"files": [str(f) for f in files], "dossier": dossier.to_dict()})
    else:
        for f in files:
            print(f)
    return 0
