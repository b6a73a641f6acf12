"""Jonas and Ruth on the command line (a QA pass from a new store): the mistakes they made
and what the one line on stderr told them to do. Real SQLite files, the real ``main``."""

from __future__ import annotations

import shlex

import pytest

from infoview.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of ``infoview ARGV``, whether it returns or exits."""
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("argv, command", [
    (["research", "batch"], "infoview research batch"),       # forgot the file and --out
    (["peopel", "list"], "infoview"),                           # a typo in the command
    (["people", "delete", "Zelda"], "infoview people delete"),  # a name where the id goes
])
def test_a_usage_mistake_names_the_help_to_read(capsys, tmp_path, argv, command):
    db = tmp_path / "store.sqlite"
    code, out, err = run(capsys, "--db", str(db), *argv)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert err.startswith(f"{command}: error: ")
    assert err.rstrip("\n").endswith(f"; see '{command} --help'")
    assert not db.exists()
    # ... and the help it names is there to read
    code, out, _ = run(capsys, *shlex.split(command)[1:], "--help")
    assert code == 0 and out.startswith(f"usage: {command}")
