"""The user's own question file, added to the bank from the app.

A careers adviser keeps her own questions in a file of her own (the bank's columns; see
:mod:`infoview.questions.bank`). The CLI takes it with ``--bank-file`` or
``$INFOVIEW_QUESTIONS``; the app's Import page takes it as an upload or a path, checks it
(a bad row is named with its line, and nothing changes), says what it adds and which of its
questions the checker would flag (a yes/no question, with its open version), and keeps a
copy beside the store (:func:`~infoview.paths.own_questions_path`), which every plan made
from then on draws on. Importing another file replaces it.

To start her file, she downloads :func:`write_starting_file` (the columns and two example
questions, each column said in plain words by :data:`COLUMN_WORDS`), and to name a bank
question as a favourite or never, :func:`write_bank_list` (the bank's questions with their
ids, itself a question file).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from infoview.errors import BadInput, BadInputFile
from infoview.paths import own_questions_path
from infoview.questions.bank import load_bank, shipped_bank_path, shipped_questions, use_own_file
from infoview.questions.lint import FLAG_PHRASES, flag_sentence, lint_question
from infoview.store.exchange import neutralise
from infoview.store.exports import write_export
from infoview.text import count_of
from infoview.userfiles import write_bytes, writing

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store


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


# -- files to start from ----------------------------------------------------------------------

#: What each column of a question file means, in plain words (shown beside the download).
COLUMN_WORDS: tuple[tuple[str, str], ...] = (
    ("id", "a short name of your own for the question, such as my-01 (letters, digits and "
           "dashes). A row with a bank question's id changes that question: the id and yes "
           "under favourite or never are enough, the other cells may stay empty."),
    ("category", "the part of the conversation it belongs to: path, role, workplace, "
                 "industry, advice, feedback, resources or closing."),
    ("minutes", "about how long the answer takes; 2 when left empty."),
    ("weight", "how much you want it asked, from 0 to 5: plans pick higher ones first; 3 "
               "when left empty."),
    ("audiences", "whom it suits: anyone, student, career_changer or job_seeker (several: "
                  "separate them with spaces); anyone when left empty."),
    ("answered_by_research", "usually empty. Name what research answers it (products, "
                             "founded, history, leadership...) and plans leave it out when "
                             "research found that."),
    ("tags", "any words of your own to group questions; may stay empty."),
    ("text", "the question itself. {role}, {profession}, {industry}, {company} and {person} "
             "are filled in for each meeting."),
    ("favourite", "yes to have it in every plan it suits (write no to take the mark off "
                  "again)."),
    ("never", "yes to keep it out of every plan, for a bank question you never want (write "
              "no to take the mark off again)."),
)

#: The starting file's two example questions, in the order of :data:`COLUMN_WORDS`.
STARTING_ROWS: tuple[tuple[str, ...], ...] = (
    ("my-01", "role", "3", "4", "anyone", "", "insights",
     "Which part of your work as a {role} would surprise someone outside {industry}?", "", ""),
    ("my-02", "advice", "2", "3", "student career_changer", "", "advice",
     "If you were starting out in {profession} today, what would you learn first?", "", ""),
)

#: The names the two downloads are saved under in the export folder.
STARTING_FILE_NAME = "my-questions.csv"
BANK_LIST_NAME = "question-bank.csv"

def spreadsheet_csv(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> str:
    """A CSV a spreadsheet opens as it should (a byte-order mark for UTF-8, CRLF lines),
    every cell neutralised so that none is run as a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(tuple(neutralise(cell) for cell in row) for row in rows)
    return "\ufeff" + buffer.getvalue()


def starting_file_text() -> str:
    """A question file to start from: the columns and two example questions."""
    return spreadsheet_csv(tuple(name for name, _words in COLUMN_WORDS), list(STARTING_ROWS))


def bank_list_text() -> str:
    """The bank's questions (with the user's own file, if any) and their ids, as a question
    file: a favourite or never marked in it takes when the file is added back."""
    def yes(flag: bool) -> str:
        return "yes" if flag else ""

    # The starting file's columns, in its order, so that a row copies from one to the other;
    # a cell left empty in a user's file changes nothing (builds_on stays as the bank has it).
    rows = [(q.id, q.category, f"{q.minutes:g}", f"{q.weight:g}", " ".join(q.audiences),
             " ".join(q.answered_by_research), " ".join(q.tags), q.text, yes(q.favourite),
             yes(q.never)) for q in load_bank()]
    return spreadsheet_csv(tuple(name for name, _words in COLUMN_WORDS), rows)


def write_starting_file(store: Store, folder: str | Path) -> Path:
    """Write :func:`starting_file_text` into ``folder`` (through the one export writer)."""
    return write_export(store, Path(folder).expanduser() / STARTING_FILE_NAME,
                        starting_file_text(), kind="export")


def write_bank_list(store: Store, folder: str | Path) -> Path:
    """Write :func:`bank_list_text` into ``folder`` (through the one export writer)."""
    return write_export(store, Path(folder).expanduser() / BANK_LIST_NAME, bank_list_text(),
                        kind="export")


def bank_overview() -> list[dict[str, str]]:
    """The bank's questions as the Import page lists them: each one's id, its text, and
    whether it is marked a favourite or never."""
    return [{"id": q.id, "text": q.text,
             "marked": "favourite" if q.favourite else "never" if q.never else ""}
            for q in load_bank()]
