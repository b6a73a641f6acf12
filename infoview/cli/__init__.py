"""The ``infoview`` command line: argument parsing and printing only.

Each area registers its subcommands from its own module (``db``, ``research``, ...). A
subcommand's handler takes the parsed arguments and returns an exit status; an
:class:`~infoview.errors.InfoviewError` becomes one line on stderr and exit status 2.

Starting fast: a command imports only the module that registers it (:data:`COMMANDS` says
which), and ``infoview --help`` lists every command from that table without importing any.
Importing them all cost ``--help`` and every command a tenth of a second and two hundred
modules. A command the table does not know yet (or a mistyped one) gets the whole parser.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Iterable

from infoview import __version__
from infoview.cli._common import usage
from infoview.errors import InfoviewError

#: Modules of ``infoview.cli`` that each define ``register(subparsers)``.
COMMAND_MODULES = ("db", "people", "research", "questions", "prep", "meetings", "outreach", "report",
                   "demo", "app", "cache", "warm", "memory", "imports", "profile")

#: Every top-level command: the module that registers it and the line ``infoview --help``
#: shows for it (the same line the module gives; a test keeps the two in step).
COMMANDS: dict[str, tuple[str, str]] = {
    "db": ("db", "the store: where it is, what it holds, export, import"),
    "people": ("people", "the people in the store"),
    "research": ("research", "research a company or a person from public web pages"),
    "questions": ("questions", "plan, check and list interview questions"),
    "prep": ("prep", "write the one-page brief for a meeting (md, html, pdf, ics)"),
    "draft": ("prep", "draft an outreach message, with its checks"),
    "followups": ("prep", "3B7 and keep-in-touch suggestions, due actions to .ics"),
    "meeting": ("meetings", "add, list, show, edit and mark meetings"),
    "debrief": ("meetings", "save a meeting's debrief from a JSON file or prompts"),
    "outreach": ("outreach", "record messages sent and replies received"),
    "report": ("report", "write the outcomes report (one self-contained HTML page)"),
    "targets": ("report", "organizations to pursue first, best first"),
    "actions": ("report", "open follow-up actions, soonest first; done, snooze, due"),
    "demo": ("demo", "run the whole flow offline on the bundled sample"),
    "app": ("app", "open the app in your browser (research, prepare, meet, debrief, outcomes)"),
    "cache": ("cache", "look into and clear the HTTP cache"),
    "warm": ("warm", "who you can reach at an organization, and how"),
    "digest": ("memory", "the weekly digest: due, losing touch, leads, missed meetings"),
    "dossier": ("memory", "everything learned about one organization (md, html, pdf)"),
    "import-mail": ("imports", "log outreach and replies from your mail export (mbox, .eml, Maildir)"),
    "import-calendar": ("imports", "log meetings from your calendar export (.ics file or folder)"),
    "profile": ("profile", "your own profile: who you are, for drafts and briefs"),
}


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line and exit status 2.

    Abbreviated options are not accepted: ``draft thanks --meeting 1`` was read as
    ``--meeting-date 1`` and answered "'1' is not a date", a message about an option the
    user never typed. The line ends by naming the command's ``--help``: "the following
    arguments are required: file, --out" alone does not say where to read what they mean.
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: error: {message}; see '{self.prog} --help'\n")
        raise SystemExit(2)


def build_parser(only: Iterable[str] | None = None) -> argparse.ArgumentParser:
    """The parser with every command, or with only the modules of the top-level commands
    named in ``only`` imported and registered.

    Every other command of :data:`COMMANDS` is still listed with its help line, so the
    top-level help reads the same; ``only=()`` lists them all and imports none.
    """
    parser = _Parser(
        prog="infoview",
        description="Prepare, hold and learn from informational interviews.",
    )
    parser.add_argument("--version", action="version", version=f"infoview {__version__}")
    parser.add_argument("--db", help="the database file (default: $INFOVIEW_DB or the user data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    chosen = set(COMMAND_MODULES) if only is None else {COMMANDS[c][0] for c in only}
    listed = {module for module, _ in COMMANDS.values()}
    for name in COMMAND_MODULES:
        if name in chosen or name not in listed:  # a module the table misses: the real thing
            importlib.import_module(f"infoview.cli.{name}").register(sub)
            continue
        for top, (module, line) in COMMANDS.items():
            if module == name:
                sub.add_parser(top, help=line, add_help=False)
    return parser


def _command_word(argv: list[str]) -> str | None:
    """The top-level command in ``argv`` (the first word that is not an option or the value
    of ``--db``), or ``None`` when there is none."""
    words = iter(argv)
    for word in words:
        if word == "--":
            return next(words, None)
        if not word.startswith("-") or word == "-":
            return word
        if "=" not in word and len(word) >= 3 and "--db".startswith(word):
            next(words, None)  # --db PATH (argparse also takes --d PATH)
    return None


def _parser_for(argv: list[str]) -> argparse.ArgumentParser:
    """The smallest parser that reads ``argv`` exactly as the full one would."""
    command = _command_word(argv)
    if command is None:  # infoview --help, --version, or no command at all
        return build_parser(only=())
    if command in COMMANDS:
        return build_parser(only=(command,))
    return build_parser()  # unknown: the full parser says which commands exist


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    # A terminal that cannot show a name (an ASCII or Latin-1 console) gets "?" for the
    # letters it lacks rather than a UnicodeEncodeError halfway through the output.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # io.TextIOWrapper's
        try:
            if reconfigure is not None:
                reconfigure(errors="replace")
        except ValueError:  # not a text stream we may change
            pass
    parser = _parser_for(sys.argv[1:] if argv is None else list(argv))
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        return usage(parser)
    try:
        return int(handler(args) or 0)
    except InfoviewError as exc:
        # One line, whatever the message holds (a scraped title, a path with a newline).
        sys.stderr.write(f"infoview: error: {' '.join(str(exc).splitlines())}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("infoview: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
