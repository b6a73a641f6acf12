"""Run the command line in the test's process, as a user at a terminal would see it."""

from __future__ import annotations

from infoview.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of ``infoview ARGV``, whether it returns or exits."""
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err
