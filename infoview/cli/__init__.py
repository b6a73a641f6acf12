"""The ``infoview`` command line: argument parsing and printing only.

Each area registers its subcommands from its own module (``db``, ``research``, ...). A
subcommand's handler takes the parsed arguments and returns an exit status; an
:class:`~infoview.errors.InfoviewError` becomes one line on stderr and exit status 2.
Heavy modules are imported inside handlers so that ``infoview --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from infoview import __version__
from infoview.cli._common import usage
from infoview.errors import InfoviewError

#: Modules of ``infoview.cli`` that each define ``register(subparsers)``.
COMMAND_MODULES = ("db", "people", "research", "questions", "prep", "meetings", "outreach", "report",
                   "demo", "app", "cache", "warm", "memory", "imports", "profile")


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with every registered subcommand."""
    parser = _Parser(
        prog="infoview",
        description="Prepare, hold and learn from informational interviews.",
    )
    parser.add_argument("--version", action="version", version=f"infoview {__version__}")
    parser.add_argument("--db", help="the database file (default: $INFOVIEW_DB or the user data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"infoview.cli.{name}")
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    # A terminal that cannot show a name (an ASCII or Latin-1 console) gets "?" for the
    # letters it lacks rather than a UnicodeEncodeError halfway through the output.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):  # not a text stream we may change
            pass
    parser = build_parser()
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
