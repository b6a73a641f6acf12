"""`infoview meeting add|list|show|edit|mark` and `infoview debrief`: what notebooks 2, 3 record.

Parsing and printing only: the records are written by :mod:`infoview.flows.meetings`,
:mod:`infoview.flows.meeting_status` and :mod:`infoview.flows.debrief`, the same steps the
preparation panel and the debrief form take. ``infoview debrief FILE.json`` reads the shape
in :data:`DEBRIEF_HELP`; ``--interactive`` asks for the same things one line at a time.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from infoview.cli._common import check_question_files, open_store, options_named, print_json, usage
from infoview.errors import BadInput, NotFound
from infoview.flows.debrief_json import DEBRIEF_JSON_SHAPE
from infoview.models import CHOICES, Meeting
from infoview.questions.models import AUDIENCES
from infoview.userfiles import parse_json, read_text

if TYPE_CHECKING:  # pragma: no cover
    from datetime import tzinfo

    from infoview.store import Store

DEBRIEF_HELP = ("Save what you learned in a meeting, as the debrief form of notebook 3 does: "
                "answers and their usefulness, people suggested, promises, outcomes and "
                "insights; the follow-ups are created with it. Saving the same meeting again "
                "updates it, never duplicates. The file holds one JSON object:\n\n"
                + DEBRIEF_JSON_SHAPE
                + "\n\nA mistake anywhere in it is reported in one line and nothing is saved.")


def register(sub) -> None:
    """Add ``meeting add|list|show|mark`` and ``debrief``."""
    meeting = sub.add_parser("meeting", help="add, list, show, edit and mark meetings",
                             description="Add a meeting (with its planned questions), list "
                             "meetings, show one with its debrief and follow-ups, or mark one "
                             "no-show, cancelled or moved.")
    commands = meeting.add_subparsers(dest="meeting_command", metavar="WHAT")
    meeting.set_defaults(handler=lambda args: usage(meeting))

    add = commands.add_parser("add", help="add a meeting with a stored person",
                              description="Add a meeting: requested, or scheduled when --when "
                              "is given. With --plan its questions are planned now and kept, "
                              "for the companion and the debrief.")
    add.add_argument("--person", type=int, required=True, metavar="ID",
                     help="who it is with (see infoview people list)")
    add.add_argument("--when", metavar="ISO", help="start, e.g. 2026-12-01T10:00")
    add.add_argument("--timezone", metavar="ZONE", help="IANA zone, e.g. Europe/London")
    add.add_argument("--format", default="video",
                     help="how you meet: video, phone or in person (default video)")
    add.add_argument("--place", help="the address or call link")
    add.add_argument("--minutes", type=int, default=20, help="planned length (default 20)")
    add.add_argument("--role", help="the role you are curious about")
    add.add_argument("--industry", help="the industry")
    add.add_argument("--audience", choices=AUDIENCES, default="anyone",
                     help="who is asking (with --plan)")
    add.add_argument("--plan", action="store_true", help="plan the questions now and keep them")
    add.add_argument("--no-history", action="store_true",
                     help="with --plan: do not learn from your debriefs")
    add.add_argument("--json", action="store_true",
                     help='print {"meeting": {...}, "questions": [...]}')
    add.set_defaults(handler=_add)

    listing = commands.add_parser("list", help="list meetings, soonest first",
                                  description="List meetings by start time, with whom and "
                                  "their status.")
    listing.add_argument("--person", type=int, metavar="ID", help="only this person's")
    listing.add_argument("--status", choices=CHOICES[("meetings", "status")],
                         help="only meetings with this status")
    listing.add_argument("--json", action="store_true",
                         help="print a list of the meetings' fields with the person's name")
    listing.set_defaults(handler=_list)

    show = commands.add_parser("show", help="show one meeting, its debrief and follow-ups",
                               description="Show a meeting: when, with whom, the questions "
                               "(with answers once debriefed), people suggested, promises, "
                               "outcomes, insights and every follow-up action.")
    show.add_argument("meeting_id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true",
                      help='print {"meeting", "person", "questions", "people", "promises", '
                      '"outcomes", "insights", "actions"}')
    show.set_defaults(handler=_show)

    edit = commands.add_parser(
        "edit", help="correct a meeting's time, format, length, place, role or notes",
        description="Change the details given and keep the others; '' clears a text. A "
        "requested meeting given a time is scheduled (and gets its reminder to confirm the "
        "day before). A meeting that did not happen is marked with 'meeting mark'; a "
        "duplicate is deleted from the app (with undo).")
    edit.add_argument("meeting_id", type=int, metavar="ID", help="the meeting's id")
    edit.add_argument("--when", metavar="ISO",
                      help="the start, e.g. 2026-12-01T10:00 (in --timezone, else the "
                      "meeting's own zone); '' clears it")
    edit.add_argument("--timezone", metavar="ZONE", help="IANA zone, e.g. Europe/London")
    edit.add_argument("--format", help="video, phone or in person")
    edit.add_argument("--minutes", type=int, help="planned length")
    edit.add_argument("--place", help="the address or call link")
    edit.add_argument("--role", help="the role you are curious about")
    edit.add_argument("--industry", help="the industry")
    edit.add_argument("--notes", help="your notes on it")
    edit.add_argument("--json", action="store_true", help="print the meeting as JSON")
    edit.set_defaults(handler=_edit)

    mark = commands.add_parser(
        "mark", help="mark a meeting no-show, cancelled or moved",
        description="Record that a meeting did not happen as planned. The meeting keeps its "
        "time; with --to a new meeting is booked at the new time (needed for moved) and the "
        "planned questions move to it. --draft prints the message to send: a gracious note "
        "to a host who did not show, else a polite request to reschedule.")
    mark.add_argument("meeting_id", type=int, metavar="ID", help="the meeting's id")
    mark.add_argument("status", metavar="STATUS", help="no-show, cancelled or moved")
    mark.add_argument("--to", metavar="DATETIME",
                      help="the new time, e.g. 2026-04-02T10:00 (in the meeting's time zone "
                      "unless it has an offset)")
    mark.add_argument("--timezone", metavar="ZONE", help="IANA zone of --to, e.g. Europe/London")
    mark.add_argument("--note", metavar="TEXT", help="a line for the meeting's notes")
    mark.add_argument("--draft", action="store_true",
                      help="print the message to send, with its checks")
    mark.add_argument("--json", action="store_true",
                      help='print {"meeting", "new_meeting", "moved_questions", "draft"}')
    mark.set_defaults(handler=_mark)

    debrief = sub.add_parser("debrief", help="save a meeting's debrief from a JSON file or prompts",
                             description=DEBRIEF_HELP,
                             formatter_class=argparse.RawDescriptionHelpFormatter)
    source = debrief.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", metavar="FILE.json",
                        help="the debrief as JSON (- for stdin)")
    source.add_argument("--interactive", action="store_true",
                        help="answer questions on the terminal instead of giving a file")
    debrief.add_argument("--meeting", type=int, metavar="ID",
                         help="with --interactive: the meeting (asked for when left out)")
    debrief.add_argument("--yes", action="store_true",
                         help="save even when the meeting's start is still ahead (it took "
                         "place early); saving marks it held")
    debrief.add_argument("--json", action="store_true",
                         help='print {"meeting": {...}, "saved": {counts}, "actions": [...]}')
    debrief.set_defaults(handler=_debrief)


# ---- meeting ---------------------------------------------------------------------------------

def _add(args) -> int:
    from infoview.flows.meetings import MeetingOptions, add_meeting
    from infoview.times import parse_start, zone

    zone(args.timezone)  # an unknown zone is reported even without --when
    if args.plan:
        check_question_files(args)
    start = parse_start(args.when, args.timezone) if args.when else None
    options = MeetingOptions(person_id=args.person, starts_at=start, timezone=args.timezone,
                             format=args.format, place=args.place, minutes=args.minutes,
                             role=args.role, industry=args.industry, audience=args.audience,
                             plan=args.plan, use_history=not args.no_history)
    with open_store(args) as store, options_named({"format": "format"}):
        meeting, plan = add_meeting(store, options)
    items = plan.to_list() if plan is not None else []
    if args.json:
        print_json({"meeting": meeting.to_dict(), "questions": items})
        return 0
    print(f"Added meeting {meeting.id} ({meeting.status})"
          + (f" with {len(items)} planned questions." if plan is not None else "."))
    return 0


#: ``meeting edit`` options -> the fields of :func:`infoview.flows.records.edit_meeting`.
_EDIT_FIELDS = {"when": "starts_at", "timezone": "timezone", "format": "format",
                "minutes": "planned_minutes", "place": "place", "role": "role",
                "industry": "industry", "notes": "notes"}


def _edit(args) -> int:
    from infoview.flows.profile import user_zone
    from infoview.flows.records import edit_meeting

    changes = {field: getattr(args, option) for option, field in _EDIT_FIELDS.items()
               if getattr(args, option) is not None}
    if not changes:
        raise BadInput("nothing to change: give at least one of "
                       + ", ".join(f"--{option}" for option in _EDIT_FIELDS))
    with open_store(args) as store, options_named({v: k for k, v in _EDIT_FIELDS.items()}):
        meeting = edit_meeting(store, args.meeting_id, **changes)
        mine = user_zone(store)
    if args.json:
        print_json(meeting.to_dict())
    else:
        when = (_when(meeting.starts_at, meeting.timezone, mine) if meeting.starts_at
                else "no time yet")
        print(f"Meeting {meeting.id} saved: {when}, {meeting.format.replace('_', ' ')}, "
              f"{meeting.planned_minutes} minutes ({meeting.status})")
    return 0


def _when(value, zone_name: str | None, mine: tzinfo) -> str:
    """A meeting's start on the user's clock (``mine``, About me's zone), with the
    meeting's own time beside it when its zone's clock differs, as the app writes it:
    "Sun 20 Dec 2026, 18:00 (10:00 in Europe/Berlin)"."""
    from infoview.times import on_my_clock

    if value is None:
        return "not agreed"
    return on_my_clock(value, zone_name, mine)


def _list(args) -> int:
    from infoview.flows.meetings import list_meetings
    from infoview.flows.profile import user_zone

    with open_store(args) as store:
        rows = list_meetings(store, person_id=args.person, status=args.status)
        mine = user_zone(store)
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("No meetings yet: add one with infoview meeting add --person ID.")
    said = [_when(row["starts_at"], row["timezone"], mine) for row in rows]
    width = max((len(when) for when in said), default=0)
    for row, when in zip(rows, said, strict=True):
        print(f"{row['id']:>4}  {when:<{width}}  {row['status']:<9}  {row['person']}")
    return 0


def _show(args) -> int:
    from infoview.flows.meetings import meeting_summary
    from infoview.flows.profile import user_zone
    from infoview.times import day_words, shown_in

    with open_store(args) as store:
        summary = meeting_summary(store, args.meeting_id)
        mine = user_zone(store)
    if args.json:
        print_json(summary)
        return 0
    m, p = summary["meeting"], summary["person"]
    org = f" ({p['organization']})" if p["organization"] else ""
    print(f"Meeting {m['id']} with {p['name']}{org}: {m['status']}, "
          f"{_when(m['starts_at'], m['timezone'], mine)}, {m['format']}, "
          f"{m['planned_minutes']} minutes")
    if m["rapport"] is not None:
        print(f"  rapport {m['rapport']}/5")
    _lines("Questions", [q["text"] + (f"  -> {q['answer_notes']}" if q["answer_notes"] else "")
                         + (f" [{q['usefulness']}/5]" if q["usefulness"] else "")
                         for q in summary["questions"]])
    _lines("People suggested", [s["name"] + (f", {s['organization']}" if s["organization"] else "")
                                for s in summary["people"]])
    _lines("Promises", [f"{x['what']} ({x['owner']})" for x in summary["promises"]])
    _lines("Outcomes", [x["kind"] + (f": {x['notes']}" if x["notes"] else "")
                        for x in summary["outcomes"]])
    _lines("Insights", [x["text"] for x in summary["insights"]])
    _lines("Actions", [f"{day_words(shown_in(a['due'], mine))}  {a['what']}" if a["due"]
                       else a["what"] for a in summary["actions"]])
    return 0


def _mark(args) -> int:
    from infoview.flows.drafts import missed_meeting_draft
    from infoview.flows.meeting_status import mark_meeting
    from infoview.flows.profile import user_zone


    if args.to is None and args.status.strip().lower() in ("moved", "rescheduled"):
        raise BadInput("moving a meeting needs the new time: give it with --to "
                       "(e.g. --to 2026-04-02T10:00)")
    with open_store(args) as store:
        change = mark_meeting(store, args.meeting_id, args.status, to=args.to,
                              timezone_name=args.timezone, note=args.note)
        draft = missed_meeting_draft(store, args.meeting_id) if args.draft else None
        mine = user_zone(store)
    if args.json:
        print_json({**change.to_dict(), "draft": draft.to_dict() if draft else None})
        return 0
    m = change.meeting
    print(f"Meeting {m.id} marked {m.status.replace('_', '-')}"
          + (f" (was at {_when(m.starts_at, m.timezone, mine)})" if m.starts_at else ""))
    if change.new_meeting is not None:
        new = change.new_meeting
        moved = (f"; {change.moved_questions} planned question(s) moved to it"
                 if change.moved_questions else "")
        print(f"Booked again as meeting {new.id} at {_when(new.starts_at, new.timezone, mine)}{moved}")
    if draft is not None:
        print("\n" + draft.text)
        sys.stderr.write(f"\n{draft.word_count} words; " + (
            f"{len(draft.warnings)} warning(s):\n" if draft.warnings else "no warnings.\n"))
        for warning in draft.warnings:
            sys.stderr.write(f"  - [{warning.code}] {warning.message}\n")
    return 0


def _lines(title: str, lines: list[str]) -> None:
    if lines:
        print(f"\n{title}")
        for line in lines:
            print(f"  - {line}")


# ---- debrief ---------------------------------------------------------------------------------

def _read_file(path: str) -> object:
    text = sys.stdin.read() if path == "-" else read_text(path, what="debrief file")
    try:
        return parse_json(text)
    except json.JSONDecodeError as exc:
        raise BadInput(f"{path} is not JSON (line {exc.lineno}, column {exc.colno}: "
                       f"{exc.msg}); see infoview debrief --help for its shape") from exc


def _refuse_a_future_meeting(store: Store, meeting_id: int, yes: bool) -> None:
    """A debrief marks its meeting held: one still ahead needs ``--yes`` (as the panel's
    "Save anyway")."""
    from infoview.times import describe_start, starts_in_future

    try:
        meeting = store.get(Meeting, meeting_id)
    except NotFound:  # save_debrief reports a missing meeting in its own words
        return
    if meeting.starts_at is not None and starts_in_future(meeting.starts_at) and not yes:
        raise BadInput(f"meeting {meeting_id} is planned for "
                       f"{describe_start(meeting.starts_at, meeting.timezone)}, still ahead, "
                       "and saving a debrief marks it held: add --yes if it took place early")


def _debrief(args) -> int:
    from infoview.cli._prompts import ask_debrief
    from infoview.flows.debrief import debrief_from_dict, save_debrief, saved_counts
    from infoview.flows.followups import meeting_actions

    if args.meeting is not None and not args.interactive:
        raise BadInput("--meeting goes with --interactive; a debrief file names its meeting_id")
    data: object  # checked by debrief_from_dict
    with open_store(args) as store:
        if args.interactive:
            if args.meeting is not None:
                _refuse_a_future_meeting(store, args.meeting, args.yes)  # before any prompt
            data = ask_debrief(store, args.meeting)
        else:
            data = _read_file(args.file)
        debrief = debrief_from_dict(data)
        _refuse_a_future_meeting(store, debrief.meeting_id, args.yes)
        meeting = save_debrief(store, debrief)
        actions = meeting_actions(store, meeting.id or 0)
    counts = saved_counts(debrief)
    if args.json:
        print_json({"meeting": meeting.to_dict(), "saved": counts,
                    "actions": [a.to_dict() for a in actions]})
        return 0
    print(f"Saved the debrief of meeting {meeting.id}: {counts['answers']} answer(s), "
          f"{counts['people']} person(s) suggested, {counts['promises']} promise(s), "
          f"{counts['outcomes']} outcome(s), {counts['insights']} insight(s); "
          f"{len(actions)} follow-up action(s) (infoview meeting show {meeting.id}).")
    return 0
