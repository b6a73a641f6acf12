"""`infoview questions plan|lint|bank`: the question bank, the linter and plans from a terminal.

Each command calls the library function a notebook calls (``select_questions``,
``lint_question``, ``load_bank``). The user's own question file comes from ``--bank-file``
or ``$INFOVIEW_QUESTIONS``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from infoview.cli._common import check_question_files, existing_store, print_json, usage
from infoview.errors import BadInput, BadInputFile
from infoview.questions.models import CATEGORIES, MEETING_OVERHEAD, audience_key
from infoview.userfiles import parse_json, read_text


def register(sub) -> None:
    """Add ``questions plan``, ``questions lint`` and ``questions bank``."""
    questions = sub.add_parser(
        "questions", help="plan, check and list interview questions",
        description="Plan the questions for a meeting, check a question of your own, or list "
                    "the question bank.")
    commands = questions.add_subparsers(dest="questions_command", metavar="WHAT")
    questions.set_defaults(handler=lambda args: usage(questions))

    plan = commands.add_parser(
        "plan", help="an ordered question plan that fits the meeting's minutes",
        description="Choose and order questions for one meeting: most valuable first, "
                    "categories mixed, the closing pair last, all within the minutes given "
                    "(after greeting, purpose, self-introduction and wrap-up).")
    plan.add_argument("--role", help="the person's role, e.g. 'data analyst'")
    plan.add_argument("--industry", help="the industry, e.g. 'healthcare'")
    plan.add_argument("--minutes", type=int, default=20, metavar="M",
                      help="length of the meeting in minutes, 10 to 240 (default 20)")
    plan.add_argument("--profession", help="the field or profession, e.g. 'nursing'")
    plan.add_argument("--company", help="the person's company (default: the name research found)")
    plan.add_argument("--person", help="the person's name")
    plan.add_argument("--audience", default="anyone",
                      help="who you are: student, career_changer, job_seeker or anyone (default)")
    plan.add_argument("--research", metavar="FILE.json",
                      help="output of `infoview research company URL --json`; questions it "
                           "already answers are left out")
    plan.add_argument("--include", metavar="IDS", default="",
                      help="question ids that must be asked, comma-separated")
    plan.add_argument("--exclude", metavar="IDS", default="",
                      help="question ids never to use in this plan, comma-separated")
    plan.add_argument("--asked", metavar="IDS", default="",
                      help="question ids already asked of this person, comma-separated")
    plan.add_argument("--focus", metavar="CATEGORY",
                      help="let one category lead, e.g. industry or advice")
    plan.add_argument("--explain", action="store_true",
                      help="also show why each question was chosen and why others were left out")
    add_history_option(plan)
    _common(plan)
    plan.set_defaults(handler=_plan)

    lint = commands.add_parser(
        "lint", help="check one question (closed, salary, research-answerable, job ask, ...)",
        description="Check one question and suggest a better wording. Exit status 0 when the "
                    "question is fine, 1 when there are warnings.")
    lint.add_argument("text", help="the question, in quotes")
    lint.add_argument("--research", metavar="FILE.json",
                      help="output of `infoview research company URL --json`, to name what "
                           "research already found")
    lint.add_argument("--json", action="store_true",
                      help="print a list of {code, message, suggestion} (empty when fine)")
    lint.set_defaults(handler=_lint)

    bank = commands.add_parser(
        "bank", help="list the question bank",
        description="List the question bank (the shipped file merged with your own).")
    bank.add_argument("--category", help="only this category, e.g. path, role, industry")
    bank.add_argument("--audience", help="only questions that suit this audience")
    _common(bank)
    bank.set_defaults(handler=_bank)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bank-file", metavar="FILE.csv",
                        help="your own questions, merged by id (default: $INFOVIEW_QUESTIONS)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def _ids(value: str) -> list[str]:
    return [v for v in re.split(r"[,\s]+", value or "") if v]


def _read_research(path: str | None):
    """The company profile saved by ``infoview research company URL --json``.

    A JSON Lines file of ``research batch`` works too when it holds one line; of several,
    the user says which company (its line in a file of its own).
    """
    from infoview.research.models import CompanyProfile

    if not path:
        return None

    text = read_text(path, what="research file")
    try:
        data = parse_json(text)
    except json.JSONDecodeError as exc:
        lines = [line for line in text.splitlines() if line.strip()]
        first = lines[0] if lines else ""
        if len(lines) > 1 and first.lstrip().startswith("{") and first.rstrip().endswith("}"):
            raise BadInputFile(f"holds {len(lines)} research results (a research batch); put "
                               "the line of the company you mean in a file of its own",
                               path) from exc
        try:
            data = parse_json(first)
        except json.JSONDecodeError:
            raise BadInputFile("not JSON; save the output of `infoview research company URL "
                               "--json` and pass that file", path, exc.lineno) from exc
    if not isinstance(data, dict) or "url" not in data:
        raise BadInputFile('not a company research result (a JSON object with a "url")', path)
    if "error" in data:  # a failed line of `research batch`
        raise BadInputFile(f"holds a failed research of {data['url']} ({data['error']}); "
                           "research the company again and pass that result", path)
    if "bio" in data and "pages" not in data:
        raise BadInputFile("is a person's research; pass the company's (the output of "
                           "`infoview research company URL --json`)", path)
    try:
        return CompanyProfile.from_dict(data)
    except (TypeError, ValueError) as exc:
        raise BadInputFile(f"not a company research result ({exc})", path) from exc


def add_history_option(parser: argparse.ArgumentParser) -> None:
    """``--no-history``: plan from the bank alone, not from what your debriefs taught."""
    parser.add_argument("--no-history", action="store_true",
                        help="do not learn from your debriefs (by default, questions rated "
                             "useful in meetings like this one move up, poorly rated ones "
                             "move down or out, and one you never asked gets a turn)")


@contextmanager
def planning_history(args, bank) -> Iterator[Any]:
    """The user's debriefs for a plan to learn from, unless ``--no-history``; ``None`` when
    there is no store yet (planning never creates one). Plan inside the ``with`` block: the
    history reads the store when the plan asks."""
    if getattr(args, "no_history", False):
        yield None
        return
    from infoview.flows.question_history import question_history

    with existing_store(args) as store:
        yield question_history(store, bank=bank) if store is not None else None


def say_plan_notes(plan, out) -> None:
    """What the plan learned (to ``out``) and where it overruled the user (to stderr)."""
    for note in plan.notes:
        out.write(f"{note}\n")
    for warning in plan.warnings:
        sys.stderr.write(f"infoview: warning: {warning}\n")


def _load_bank(args):
    from infoview.questions.bank import load_bank

    check_question_files(args)
    return load_bank(user_file=args.bank_file)


def _plan(args) -> int:
    from infoview.questions.select import select_questions

    bank = _load_bank(args)
    research = _read_research(args.research)
    with planning_history(args, bank) as history:
        plan = select_questions(
            role=args.role, profession=args.profession, industry=args.industry,
            company=args.company, person=args.person, audience=args.audience,
            minutes=args.minutes, research=research,
            asked=_ids(args.asked), include=_ids(args.include), exclude=_ids(args.exclude),
            bank=bank, focus=args.focus, history=history,
        )
    for skipped in plan.skipped:
        if skipped.reason.startswith("included by you"):
            sys.stderr.write(f"infoview: note: {skipped.id}: {skipped.reason}\n")
    if args.json:
        say_plan_notes(plan, sys.stderr)
        print_json(plan.to_list())
        return 0
    out = sys.stdout
    out.write(f"Question plan for a {plan.meeting_minutes}-minute meeting "
              f"({plan.question_minutes:g} min of questions, {plan.overhead_minutes:g} min fixed)\n")
    say_plan_notes(plan, out)
    if args.explain:
        out.write("Fixed parts: " + "; ".join(f"{p.label} ({p.minutes:g} min)"
                                              for p in MEETING_OVERHEAD) + "\n")
    for number, item in enumerate(plan.items, 1):
        out.write(f"{number:>2}. [{item.id}, {item.minutes:g} min] {item.text}\n")
        if args.explain:
            out.write(f"    why: {item.reason}\n")
    if args.explain:
        _explain_left_out(plan, bank, args.audience, out)
    return 0


def _explain_left_out(plan, bank, audience: str, out) -> None:
    """The questions left out with their reasons, and how many more fitted all but the time."""
    if plan.skipped:
        out.write("Left out:\n")
        for skipped in plan.skipped:
            out.write(f"  - {skipped.id}: {skipped.reason}\n")
    seen = {i.id for i in plan.items} | {s.id for s in plan.skipped}
    key = audience_key(audience)
    spare = sum(1 for q in bank if q.id not in seen and q.suits(key) and q.category != "closing")
    if spare:
        out.write(f"{spare} more suitable question(s) did not fit in {plan.meeting_minutes} minutes "
                  "(the most valuable ones come first).\n")


def _lint(args) -> int:
    from infoview.questions.lint import lint_question

    if not args.text.strip():  # the library says "fine" to empty text (a blank input box)
        raise BadInput('no question given: put the question in quotes, e.g. '
                       'infoview questions lint "How did you get into this field?"')
    warnings = lint_question(args.text, _read_research(args.research))
    if args.json:
        print_json([w.to_dict() for w in warnings])
    elif not warnings:
        print("fine: no warnings")
    else:
        for warning in warnings:
            print(f"{warning.code}: {warning.message}")
            if warning.suggestion:
                print(f"  try: {warning.suggestion}")
    return 1 if warnings else 0


def _bank(args) -> int:
    questions = _load_bank(args)
    if args.category:
        if args.category not in CATEGORIES:
            raise BadInput(f"unknown category {args.category!r}; use one of {', '.join(CATEGORIES)}")
        questions = [q for q in questions if q.category == args.category]
    if args.audience:
        audience = audience_key(args.audience)
        questions = [q for q in questions if q.suits(audience)]
    if args.json:
        print_json([q.to_dict() for q in questions])
        return 0
    for q in questions:
        marks = ("*" if q.favourite else "") + ("x" if q.never else "")
        print(f"{q.id:<14} {q.category:<10} {q.minutes:>4g} min  w{q.weight:g} {marks:<2} {q.text}")
    print(f"{len(questions)} question(s)")
    return 0
