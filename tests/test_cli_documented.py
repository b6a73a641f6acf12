"""Every command of the ``infoview`` CLI has working ``--help`` and is in the README."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from infoview.cli import build_parser, main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """Every command path of the parser, groups and leaves."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name), sub
                yield from _commands(sub, (*path, name))


COMMANDS = sorted(path for path, _ in _commands(build_parser()))


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_has_help_that_says_what_it_does(path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([*path, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    # (an alias such as 'draft confirmation' shows its command's own name)
    assert out.startswith(" ".join(("usage: infoview", *path[:-1])))
    # More than the usage line: a sentence on what the command is for.
    assert len([line for line in out.splitlines() if line.strip()]) > 2


@pytest.mark.parametrize("name", sorted({path[0] for path in COMMANDS}))
def test_every_top_level_command_is_shown_in_the_readme(name):
    assert f"infoview {name}" in README, f"README.md does not show 'infoview {name}'"


def test_the_start_table_lists_every_command_with_its_own_help_line():
    """``infoview --help`` lists the commands from a table, without importing their modules:
    the table must name each command's module and repeat the line that module gives."""
    from infoview.cli import COMMANDS

    registered = {}
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            registered = {a.dest: a.help for a in action._choices_actions}
    assert {name: line for name, (_module, line) in COMMANDS.items()} == registered


def test_a_command_imports_only_its_own_module_and_help_lists_all(capsys):
    import subprocess
    import sys

    code = ("import sys; from infoview.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('infoview.cli.')))")
    listing = subprocess.run([sys.executable, "-c", code, "--help"], capture_output=True,
                             text=True, check=True).stdout
    for name in ("report", "digest", "dossier", "meeting", "warm"):
        assert f"\n    {name}" in listing
    assert listing.splitlines()[-1] == "['infoview.cli._common']"
    report = subprocess.run([sys.executable, "-c", code, "report", "--help"], capture_output=True,
                            text=True, check=True).stdout
    assert report.startswith("usage: infoview report")
    assert report.splitlines()[-1] == "['infoview.cli._common', 'infoview.cli.report']"


#: Words of the trade a first-time reader cannot know: the help says what they mean instead.
JARGON = ("LAMP", "current batch")


def test_no_help_text_speaks_jargon(capsys):
    """"LAMP list" and "current batch" meant nothing to a new user reading ``targets
    --help``: every command's help, and the start page's list, say it in plain words."""
    for path in [(), *COMMANDS]:
        with pytest.raises(SystemExit):
            main([*path, "--help"])
        out = capsys.readouterr().out
        assert not [w for w in JARGON if w.lower() in out.lower()], (path, out)


def _readme_command_lines() -> list[str]:
    """Every ``infoview ...`` line of the README's shell examples, continuations joined and
    comments dropped."""
    lines: list[str] = []
    for block in re.findall(r"```(?:bash|sh|console)\n(.*?)```", README, flags=re.S):
        text = re.sub(r"\\\n\s*", " ", block)
        for line in text.splitlines():
            line = re.sub(r"\s+#.*$", "", line.strip())
            if line.startswith("infoview "):
                lines.append(line)
    return lines


def _option_problems(line: str) -> list[str]:
    """What in one README line a command's --help does not show: an option it lacks, or
    one it hides. Alternatives after ``|`` may name a sibling command (``db path | stats``)."""
    words = line.split()[1:]
    if words[:1] == ["--db"]:
        words = words[2:]
    parser, parent = build_parser(), None
    while words:
        choices = next((a.choices for a in parser._actions
                        if isinstance(a, argparse._SubParsersAction)), {})
        if words[0] not in choices:
            break
        parent, parser = choices, choices[words.pop(0)]
    problems = []
    for n, segment in enumerate((" " + " ".join(words)).split(" | ")):
        first = segment.split()[:1]
        leaf = parent[first[0]] if n and parent and first and first[0] in parent else parser
        shown = {o: a.help != argparse.SUPPRESS for a in leaf._actions for o in a.option_strings}
        for option in re.findall(r"(?<![\w-])--[a-z][a-z-]*", segment):
            if option not in shown:
                problems.append(f"{line}: {leaf.prog} has no {option}")
            elif not shown[option]:
                problems.append(f"{line}: {leaf.prog} hides {option}")
    return problems


def test_every_option_the_readme_shows_is_one_the_help_shows():
    """The README showed ``draft request ... [--strict]``, an option the command's --help
    hid: each option on a README command line must be one the command's --help lists."""
    lines = _readme_command_lines()
    assert len(lines) > 40  # the README's examples were found
    problems = [p for line in lines for p in _option_problems(line)]
    assert problems == []


def test_the_readme_check_finds_an_option_a_command_lacks():
    assert _option_problems("infoview people list --nonsense") == [
        "infoview people list --nonsense: infoview people list has no --nonsense"]
    assert _option_problems("infoview db path | stats --json | check --nonsense") == [
        "infoview db path | stats --json | check --nonsense: infoview db check has no --nonsense"]
