"""The user's own question file, added to the bank from the app.

A careers adviser keeps her own questions in a file of her own (the bank's columns; see
:mod:`infoview.questions.bank`). The CLI takes it with ``--bank-file`` or
``$INFOVIEW_QUESTIONS``; the app's Import page takes it as an upload or a path, checks it
(a bad row is named with its line, and nothing changes), says what it adds and which of its
questions the checker would flag (a yes/no question, with its open version), and keeps a
copy beside the store (:func:`~infoview.paths.own_questions_path`), which every plan made
from then on draws on. Importing another file replaces it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from infoview.errors import BadInput, BadInputFile
from infoview.paths import own_questions_path
from infoview.questions.bank import load_bank, shipped_bank_path, shipped_questions, use_own_file
from infoview.questions.lint import FLAG_PHRASES, flag_sentence, lint_question
from infoview.text import count_of
from infoview.userfiles import write_bytes, writing


@dataclass
class QuestionFileReport:
    """What adding a question file did, or would do (``dry_run``).

    Attributes:
        source: the file's name as the user knows it.
        added: the new questions' texts; ``changed``: shipped questions it changes.
        flagged: ``(question, what the checker says, its open version or "")``.
        replaces: a file added before is replaced.
    """

    source: str
    dry_run: bool = False
    added: list[str] = field(default_factory=list)
    changed: int = 0
    flagged: list[tuple[str, str, str]] = field(default_factory=list)
    replaces: bool = False

    def lines(self) -> list[str]:
        """What the bank gains, in plain words ("would" in a preview)."""
        would = "would be " if self.dry_run else ""
        out = [f"{count_of(len(self.added), 'new question')} "
               f"{would}added to the bank" + (": " + "; ".join(self.added[:5])
                                             + (" …" if len(self.added) > 5 else "")
                                             if self.added else "")]
        if self.changed:
            out.append(f"{self.changed} of the bank's own questions {would}changed (marked a "
                       "favourite, left out, or reworded)")
        if self.replaces:
            out.append(f"the question file added before {would}replaced by this one")
        for text, says, open_version in self.flagged:
            out.append(f"“{text}” {says}" + (f"; an open version: “{open_version}”"
                                             if open_version else ""))
        return out

    def kept(self) -> str:
        """One sentence once the file is added."""
        return (f"Added {count_of(len(self.added), 'question')} to "
                "the bank. Plans made under Prepare draw on them from now on.")


def add_question_file(db_path: str | Path, source: str | Path | tuple[str, bytes], *,
                      dry_run: bool = False) -> QuestionFileReport:
    """Check a question file and (unless ``dry_run``) keep it as the user's own, beside the
    store at ``db_path``; see the module docstring.

    Raises:
        BadInput: nothing given, or the upload is not a .csv file.
        BadInputFile: the file is not a question file; the message names its line.
    """
    target = own_questions_path(Path(db_path))
    if isinstance(source, tuple):
        name, data = source
        if Path(name).suffix.lower() != ".csv":
            raise BadInput(f"{name} is not a question file: it is a .csv file with the "
                           "bank's columns")
    else:
        if not str(source).strip():
            raise BadInput("give your question file (.csv), or upload it")
        path = Path(source).expanduser()
        name, data = path.name, _read(path)
    report = QuestionFileReport(source=name, dry_run=dry_run, replaces=target.exists())
    # Checked where it will be kept, under a name of its own until it has passed.
    part = write_bytes(target.with_name(f"{target.name}.{os.getpid()}.new"), data)
    try:
        try:
            merged = load_bank(shipped_bank_path(), user_file=part)  # raises on a bad row
        except BadInputFile as exc:  # named as the user knows it, not by the copy's path
            raise BadInputFile(str(exc).replace(str(part), name)) from None
        if not dry_run:
            with writing(target):
                os.replace(part, target)  # whole or not at all
            use_own_file(target)
    finally:
        part.unlink(missing_ok=True)
    shipped = {q.id: q for q in shipped_questions()}
    for question in merged:
        known = shipped.get(question.id)
        if known is None:
            report.added.append(question.text)
            warnings = [w for w in lint_question(question.text) if w.code in FLAG_PHRASES]
            if warnings:  # one line per question, all it does wrong said together
                better = next((w.suggestion for w in warnings if w.suggestion), "")
                report.flagged.append((question.text,
                                       flag_sentence([w.code for w in warnings]), better))
        elif known != question:
            report.changed += 1
    return report


def use_question_file_of(db_path: str | Path) -> None:
    """Draw on the question file kept beside the store at ``db_path`` whenever there is one
    (the app calls this when it opens the store). Named even before it exists: a file added
    from another tab, whose kernel is another process, is used from the next plan on."""
    use_own_file(own_questions_path(Path(db_path)))


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise BadInputFile("is not a file; give your question file (.csv)", path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise BadInputFile(f"cannot be read ({exc.strerror or exc})", path) from exc
