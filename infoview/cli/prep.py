"""`infoview prep`, `infoview draft` and `infoview followups`: the brief, messages, follow-ups.

Parsing and printing only: each handler calls the same flows a notebook calls
(:mod:`infoview.flows.prep`, :mod:`~infoview.flows.drafts`, :mod:`~infoview.flows.followups`)
and the renderers of :mod:`infoview.prep.render`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from infoview.cli._common import (
    add_fetch_options,
    check_question_files,
    existing_store,
    open_store,
    print_json,
    research_settings,
    usage,
)
from infoview.cli.questions import add_history_option, say_plan_notes
from infoview.errors import BadInput
from infoview.flows.draft_kinds import DRAFT_KINDS as KINDS
from infoview.models import ACTION_KIND_WORDS, CHOICES, Meeting, Person, UserProfile
from infoview.questions.models import AUDIENCES
from infoview.store.exports import formats_for, formats_text
from infoview.userfiles import read_text

if TYPE_CHECKING:  # pragma: no cover
    from datetime import tzinfo

    from infoview.flows import drafts
    from infoview.store import Store

#: ``infoview draft`` sub-commands and their help, from the one table of draft kinds.
DRAFT_KINDS = {kind.command: kind.help for kind in KINDS}


def register(sub) -> None:
    """Add ``prep``, ``draft KIND`` and ``followups``."""
    prep = sub.add_parser(
        "prep", help=f"write the one-page brief for a meeting ({', '.join(formats_for('brief'))})",
        description="Write the brief for an informational interview: who, why them, the "
        "company, gaps, the question plan and agenda, logistics and reminders. Take the "
        "meeting or person from the store, or research a company (and person) page now.")
    which = prep.add_mutually_exclusive_group(required=True)
    which.add_argument("--meeting", type=int, metavar="ID", help="a stored meeting")
    which.add_argument("--person", type=int, metavar="ID", help="a stored person (their next meeting)")
    which.add_argument("--company-url", metavar="URL", help="research this company site now")
    prep.add_argument("--person-url", metavar="URL",
                      help="with --company-url: a public page about the person")
    prep.add_argument("--name", help="with --company-url: the person's name, when no page says it")
    prep.add_argument("--role", help="the role you are curious about (fills the questions)")
    prep.add_argument("--industry", help="the industry (fills the questions)")
    prep.add_argument("--audience", default="anyone",
                      choices=AUDIENCES,
                      help="who is asking (picks suitable questions)")
    prep.add_argument("--minutes", type=int, help="meeting length (default: the meeting's, else 20)")
    prep.add_argument("--reason", help="your own words on why this person")
    prep.add_argument("--format", action="append", metavar="FMT",
                      help=f"{formats_text('brief')}; repeat or give a comma list (default md)")
    prep.add_argument("--notes", action="store_true", help="add a page for notes")
    prep.add_argument("--out", default=".", metavar="PATH",
                      help="folder (or file, for one format) to write to (default: .)")
    add_history_option(prep)
    add_fetch_options(prep, when="with --company-url: ")
    prep.add_argument("--json", action="store_true", help='print {"files": [...], "brief": {...}}')
    prep.set_defaults(handler=_prep)

    draft = sub.add_parser("draft", help="draft an outreach message, with its checks",
                           description="Draft a message and check it (length, a question, no "
                           "job ask, no CV, placeholders, and the checks of its kind). With "
                           "--check FILE, check your own edited text instead.")
    kinds = draft.add_subparsers(dest="draft_kind", metavar="KIND")
    draft.set_defaults(handler=lambda args: usage(draft))
    for kind in KINDS:
        # The other names of a kind (confirmation, referred_intro, referrer_update) work too.
        parser = kinds.add_parser(kind.command, aliases=list(kind.aliases), help=kind.help,
                                  description=kind.help.capitalize() + ".")
        _draft_options(parser, kind.command, kind.needs)
        parser.set_defaults(handler=_draft, draft_kind=kind.name)

    follow = sub.add_parser("followups", help="3B7 and keep-in-touch suggestions, due actions to .ics",
                            description="Suggest follow-ups: the 3B7 routine for unanswered "
                            "requests (next contact after 3 business days, a follow-up after 7) "
                            "and keep-in-touch reminders; list the follow-ups to do; export "
                            "them to .ics.")
    follow.add_argument("--region", metavar="REGION",
                        help="whose public holidays are not business days: GB-ENG, GB-SCT, "
                        "US-NY, DE, or a name such as Scotland (default: your profile's; "
                        "'infoview profile set --region' keeps it)")
    follow.add_argument("--country", help="the same as --region (GB alone means England)")
    follow.add_argument("--today", help="run as of this day, YYYY-MM-DD (default: today)")
    follow.add_argument("--save", action="store_true", help="store the suggestions as actions")
    follow.add_argument("--ics", metavar="FILE",
                        help="write the follow-ups to do that have a due date to FILE")
    follow.add_argument("--json", action="store_true", help='print {"suggested": [...], "open": [...]}')
    follow.set_defaults(handler=_followups)


def _draft_options(p: argparse.ArgumentParser, kind: str, needs: str = "") -> None:
    if needs == "person":
        p.add_argument("--person", type=int, required=True, metavar="ID",
                       help="the stored person to write to (their advice and what came of it "
                       "are read from the store)")
        p.add_argument("--strict", action="store_true", help="hold it to 100 words")
    elif needs == "meeting":
        p.add_argument("--meeting", type=int, required=True, metavar="ID",
                       help="the meeting concerned (its host is the recipient)")
        p.add_argument("--offer", action="append", default=[], metavar="ISO",
                       help="a new time to offer, e.g. 2026-04-02T10:00 (repeatable; default: "
                       "the meeting booked in its place, if any)")
        p.add_argument("--timezone", metavar="ZONE",
                       help="IANA zone of --offer (default: the meeting's)")
        if kind == "reschedule":
            p.add_argument("--reason", help="a short reason, e.g. 'a family matter came up'")
        p.add_argument("--strict", action="store_true", help="hold it to 75 words")
    elif kind != "pitch":
        p.add_argument("--person", type=int, metavar="ID", help="the stored person to write to")
        p.add_argument("--to", metavar="NAME", help="their name (instead of --person)")
    if kind in ("request", "intro", "phone"):
        p.add_argument("--reason", help="why them: the talk, article or shared connection "
                       "(default, with --person: who suggested them if they may be named, else "
                       "the strongest common ground with your profile, which the checks ask "
                       "you to confirm)")
        p.add_argument("--narrow", metavar="TEXT", help="your interest, narrowly")
        p.add_argument("--minutes", type=int, help="the length you ask for (default 15-20)")
    if kind in ("request", "intro"):
        p.add_argument("--broad", metavar="TEXT", help="your interest, broadly")
        p.add_argument("--coffee", action="store_true", help="ask for a coffee instead of a call")
        p.add_argument("--near", metavar="PLACE", help="with --coffee: where")
        # Requests are held to 75 words by default now; --strict stays so that older scripts
        # keep running, and says what little it still does (it was hidden, said to change
        # nothing, yet dropped the thank-you line).
        p.add_argument("--strict", action="store_true",
                       help="leave out the closing thank-you line (not needed: the message is "
                            "held to 75 words either way; kept for older scripts)")
    if kind in ("intro", "referrer"):
        p.add_argument("--referrer", metavar="NAME", help="who made the introduction")
    if kind == "intro":
        p.add_argument("--may-mention", choices=CHOICES[("referrals", "may_mention")],
                       help="may you use the referrer's name (default: the stored referral's, else unknown)")
    if kind == "confirm":
        p.add_argument("--meeting", type=int, metavar="ID", help="the stored meeting")
        p.add_argument("--when", metavar="ISO", help="start, e.g. 2026-12-01T10:00 (instead of --meeting)")
        p.add_argument("--timezone", metavar="ZONE", help="IANA zone of --when, e.g. Europe/London")
        p.add_argument("--format", dest="meeting_format", choices=CHOICES[("meetings", "format")],
                       default="video", help="with --when: how you meet")
        p.add_argument("--place", help="with --when: the address or call link")
        p.add_argument("--minutes", type=int, default=20, help="with --when: the length")
    if kind in ("thanks", "referrer"):
        p.add_argument("--learned", metavar="TEXT", help="one thing you learned")
    if kind == "thanks":
        p.add_argument("--meeting", type=int, metavar="ID",
                       help="the stored meeting you thank them for (its host and its day)")
        p.add_argument("--promise", action="append", default=[], metavar="TEXT",
                       help="a promise you are keeping (repeatable)")
        p.add_argument("--meeting-date", metavar="YYYY-MM-DD", help="the day you met")
        p.add_argument("--send-date", metavar="YYYY-MM-DD", help="the day you send it (default today)")
    if kind == "referrer":
        p.add_argument("--contact", metavar="NAME", help="the person they introduced you to")
        p.add_argument("--how", metavar="TEXT", help="how the conversation went")
    if kind == "pitch":
        for field in ("background", "strengths", "exploring"):
            p.add_argument(f"--{field}", help=f"your {field} (default: your stored profile)")
    p.add_argument("--check", metavar="FILE", help="check this text file (- for stdin) instead of drafting")
    p.add_argument("--json", action="store_true",
                   help='print {"kind", "subject", "body", "word_count", "warnings": [{"code", "message"}]}')


# ---- prep ------------------------------------------------------------------------------------

def _formats(values: list[str] | None, out: Path | None = None, *, kind: str = "brief") -> list[str]:
    """The ``--format`` values (repeated or comma lists), checked against the formats an
    export of ``kind`` is offered in; with ``out``, also that several formats go to a
    folder rather than one file."""
    allowed = formats_for(kind)
    chosen = [f.strip().lower() for v in (values or ["md"]) for f in v.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in allowed]
    if unknown:
        raise BadInput(f"unknown format {', '.join(unknown)}: use {', '.join(allowed)}")
    if not chosen:
        raise BadInput(f"--format is empty: give one or more of {', '.join(allowed)}")
    chosen = list(dict.fromkeys(chosen))
    if out is not None and len(chosen) > 1 and out.suffix:
        raise BadInput(f"--out {out} is a file name but {len(chosen)} formats were asked for: "
                       "give a folder")
    return chosen


def _brief_from_urls(args, history):
    from infoview.flows.prep import UrlBriefOptions, brief_from_urls

    options = UrlBriefOptions(company_url=args.company_url, person_url=args.person_url,
                              name=args.name, role=args.role, industry=args.industry,
                              audience=args.audience, minutes=args.minutes, reason=args.reason,
                              refresh=args.no_cache, history=history)
    return brief_from_urls(options, settings=research_settings(args),
                           profile=_stored_profile(args))


def _prep(args) -> int:
    from infoview.flows.prep import brief_from_store
    from infoview.flows.question_history import question_history
    from infoview.prep.render import DEFAULT_SECTIONS, export_briefs

    check_question_files(args)  # every brief plans questions from the bank
    out = Path(args.out)
    formats = _formats(args.format, out)
    sections = DEFAULT_SECTIONS + (("notes",) if args.notes else ())
    if args.company_url:
        # An existing store gives the plan its history and records the files in its
        # exports registry; none is created.
        with existing_store(args) as store:
            history = (question_history(store) if store is not None and not args.no_history
                       else None)
            brief = _brief_from_urls(args, history)
            files = export_briefs(brief, out, formats, sections=sections, store=store)
    else:
        if args.person_url or args.name:
            raise BadInput("--person-url and --name go with --company-url")

        with open_store(args) as store:
            brief = brief_from_store(store, meeting_id=args.meeting, person_id=args.person,
                                     minutes=args.minutes, role=args.role, industry=args.industry,
                                     audience=args.audience, reason=args.reason,
                                     use_history=not args.no_history)
            files = export_briefs(brief, out, formats, sections=sections, store=store)
    say_plan_notes(brief.plan, sys.stderr)
    if args.json:
        print_json({"files": [str(f) for f in files], "brief": brief.to_dict()})
    else:
        for warning in brief.warnings + brief.page_notes:
            sys.stderr.write(f"note: {warning}\n")
        for f in files:
            print(f)
    return 0


# ---- draft -----------------------------------------------------------------------------------

def _stored_profile(args):
    """The user's profile from the store when the database exists (never creates one)."""
    with existing_store(args) as store:
        return UserProfile() if store is None else store.get_profile()


def _with_store(args, fn):
    with open_store(args) as store:
        return fn(store)


def _date(text: str | None, option: str):
    from infoview.times import parse_day

    return parse_day(text, option)


def _meeting(args):
    from infoview.times import parse_start, zone_name

    if args.meeting is not None:
        return _with_store(args, lambda s: s.get(Meeting, args.meeting))
    start = parse_start(args.when, args.timezone) if args.when else None
    return Meeting(person_id=0, starts_at=start, timezone=zone_name(args.timezone) if start else None,
                   format=args.meeting_format, place=args.place, planned_minutes=args.minutes)


def _given_options(args) -> drafts.DraftOptions:
    """The draft options typed on the command line (the store fills in the rest)."""
    from infoview.flows import drafts

    options = drafts.DraftOptions(
        reason=getattr(args, "reason", None), narrow=getattr(args, "narrow", None),
        broad=getattr(args, "broad", None), minutes=getattr(args, "minutes", None),
        coffee=getattr(args, "coffee", False), near=getattr(args, "near", None),
        strict=getattr(args, "strict", False), learned=getattr(args, "learned", None),
        promises=getattr(args, "promise", []), contact=getattr(args, "contact", None),
        how_it_went=getattr(args, "how", None), referrer=getattr(args, "referrer", None))
    if getattr(args, "may_mention", None):
        options.may_mention = args.may_mention
    if args.draft_kind == "thanks":
        options.meeting_date = _date(args.meeting_date, "--meeting-date")
        options.send_date = _date(args.send_date, "--send-date")
    if getattr(args, "offer", None):
        options.new_times = list(args.offer)  # read in the meeting's zone below
    if args.draft_kind == "confirmation" and getattr(args, "meeting", None) is None:
        options.meeting = _meeting(args)
    return options


def _uses_store(args) -> bool:
    from infoview.flows import drafts

    return bool(drafts.draft_kind(args.draft_kind).needs or getattr(args, "person", None) is not None
                or getattr(args, "meeting", None) is not None)


def _from_store(args, store: Store, options: drafts.DraftOptions):
    """Recipient and options of a draft about a stored person or meeting: what the store
    knows (referrers and their permission, the meeting, the day you met, the plan) filled
    in beside what was typed."""
    from infoview.flows import drafts
    from infoview.times import parse_start

    meeting_id = getattr(args, "meeting", None)
    if options.new_times:
        # --offer is an option of the drafts whose --meeting is required
        zone = args.timezone or store.get(Meeting, args.meeting).timezone
        options.new_times = [parse_start(text, zone, option="--offer", zone_given=bool(args.timezone))
                             for text in args.offer]
    return drafts.stored_draft(store, args.draft_kind, person_id=getattr(args, "person", None),
                               meeting_id=meeting_id, options=options)


def _make_draft(args):
    from infoview.flows import drafts

    kind = args.draft_kind
    options = _given_options(args)
    if kind == "pitch":
        profile = _stored_profile(args)
        for field in ("background", "strengths", "exploring"):
            if getattr(args, field):
                setattr(profile, field, getattr(args, field))
        return drafts.write_draft(kind, None, profile)
    if _uses_store(args):
        with open_store(args) as store:
            person, options = _from_store(args, store, options)
            return drafts.write_draft(kind, person, store.get_profile(), options)
    person = Person(name=args.to) if getattr(args, "to", None) else None
    return drafts.write_draft(kind, person, _stored_profile(args), options)


def _check_file(args):
    from infoview.flows import drafts

    text = sys.stdin.read() if args.check == "-" else read_text(args.check, what="draft to check")
    options = _given_options(args)
    if _uses_store(args):
        # The store's side: an update's advice and results, a missed meeting's time, the
        # permission of whoever suggested the person, the day a thank-you follows.
        options = _with_store(args, lambda store: _from_store(args, store, options)[1])
    return drafts.check_text(args.draft_kind, text, strict=getattr(args, "strict", False),
                             options=options)


def _draft(args) -> int:
    draft = _check_file(args) if args.check else _make_draft(args)
    if args.json:
        print_json(draft.to_dict())
        return 0
    if not args.check:
        print(draft.text)
    sys.stderr.write(f"\n{draft.word_count} words; " + (
        f"{len(draft.warnings)} warning(s):\n" if draft.warnings else "no warnings.\n"))
    for warning in draft.warnings:
        sys.stderr.write(f"  - [{warning.code}] {warning.message}\n")
    return 0


# ---- follow-ups ------------------------------------------------------------------------------

def _followups(args) -> int:
    from datetime import UTC, datetime, time

    from infoview.analytics.display import OUTCOME_WORDS
    from infoview.flows.actions import open_action_records
    from infoview.flows.followups import suggest_followups
    from infoview.flows.profile import user_zone
    from infoview.prep.followup import due_actions_ics

    today = _date(args.today, "--today")
    now = datetime.combine(today, time(23, 59, 59), UTC) if today else None
    region = args.region or args.country
    with open_store(args) as store:
        suggested = suggest_followups(store, today=today, country=region)
        zone = user_zone(store)
        # One transaction: when the calendar cannot be written, nothing is saved either.
        with store.transaction():
            if args.save and suggested:
                suggested = store.add_many(suggested)
            # The one list of what is due (computed 3B7 follow-ups included).
            open_actions = open_action_records(store, now=now)
            if args.ics:
                extra = [] if args.save else [a for a in suggested
                                              if a.kind == "keep_in_touch"]
                due_actions_ics(open_actions + extra, args.ics, store=store)
    if args.json:
        print_json({"suggested": [a.to_dict() for a in suggested],
                    "open": [a.to_dict() for a in open_actions],
                    "ics": args.ics})
        return 0
    _print_actions("Suggested" + (" (saved)" if args.save else ""), suggested, zone)
    listed = {(a.kind, a.what) for a in suggested}
    _print_actions(OUTCOME_WORDS["open actions"].capitalize(),
                   [a for a in open_actions if (a.kind, a.what) not in listed], zone)
    if args.ics:
        print(f"\nCalendar written to {args.ics}")
    return 0


def _print_actions(title: str, actions, zone: tzinfo | None = None) -> None:
    """Actions soonest first, each due day in day_words on the user's calendar."""
    from infoview.times import day_words, shown_in

    print(f"{title}: {len(actions) or 'none'}")
    for a in sorted(actions, key=lambda a: (a.due is None, a.due)):
        due = day_words(shown_in(a.due, zone)) if a.due else "no date"
        print(f"  {due}  [{ACTION_KIND_WORDS.get(a.kind, a.kind)}] {a.what}")
