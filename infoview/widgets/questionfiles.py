"""Help with the user's own question file, on the Import page when questions are chosen.

A careers adviser who has never written a CSV file needs three things before she can add
her questions: a file to start from (**Download a starting file**: the columns and two
example questions), what each column means in plain words (listed here), and the ids of
the bank's questions, so that a row can mark one a favourite or never (**Download the
bank's questions**, and the list itself, folded under the buttons). The files are written
by :mod:`infoview.flows.question_file`, through the one export writer.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as w

from infoview.flows.question_file import (
    COLUMN_WORDS,
    bank_overview,
    write_bank_list,
    write_starting_file,
)
from infoview.text import count_of
from infoview.widgets._common import MessageLine, button, esc, file_link, table_html

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

#: The folded list of the bank's questions (opened by the reader, closed at first).
_BANK_LABELS = {"id": "Id", "text": "Question", "marked": "Marked"}


class QuestionFileHelp(w.VBox):
    """The starting file, the columns in plain words and the bank's ids (see the module
    docstring).

    Args:
        store: the open store (the registry of files written).
        out_dir: the folder the two downloads are written to.

    Attributes:
        start_button, bank_button: the two downloads. ``files``: their links once written.
        bank: the bank's questions and ids, folded.
    """

    def __init__(self, store: Store, out_dir: Path):
        self.store = store
        self.out_dir = Path(out_dir)
        self.columns = w.HTML(columns_html())
        self.start_button = button("Download a starting file", "info",
                                   "a spreadsheet file with the columns and two example "
                                   "questions: replace them with yours")
        self.bank_button = button("Download the bank's questions", "",
                                  "every question in the bank with its id, to mark "
                                  "favourites or never")
        self.files = w.HTML()
        self.message = MessageLine()
        self.bank = w.HTML()
        self.start_button.on_click(lambda _b: self.download_start())
        self.bank_button.on_click(lambda _b: self.download_bank())
        super().__init__([self.columns, w.HBox([self.start_button, self.bank_button]),
                          self.message, self.files, self.bank])
        self.add_class("infoview-question-file-help")
        self.refresh()

    def refresh(self) -> None:
        """List the bank's questions again (a file added changes them)."""
        with self.message.guard("listing the bank's questions"):
            rows = bank_overview()
            self.bank.value = (
                f"<details><summary>See the bank's {count_of(len(rows), 'question')} and their ids"
                "</summary>" + table_html(rows, ["id", "text", "marked"], labels=_BANK_LABELS)
                + "</details>")

    def download_start(self) -> None:
        """Write the starting file and offer it for download."""
        with self.message.guard("writing the starting file"):
            path = write_starting_file(self.store, self.out_dir)
            self.files.value = f"<p>Your starting file: {file_link(path)}</p>"
            self.message.show("Open it in your spreadsheet, replace the two example questions "
                              "with yours, save it as CSV and upload it below.", "ok")

    def download_bank(self) -> None:
        """Write the bank's questions with their ids and offer them for download."""
        with self.message.guard("writing the bank's questions"):
            path = write_bank_list(self.store, self.out_dir)
            self.files.value = f"<p>The bank's questions: {file_link(path)}</p>"
            self.message.show("To ask one of them always, or never, add a row to your own "
                              "file with its id and yes under favourite or never.", "ok")


def columns_html() -> str:
    """What each column of a question file means, as a short list."""
    items = "".join(f"<li><b>{esc(name)}</b>: {esc(words)}</li>" for name, words in COLUMN_WORDS)
    return ("<div style='font-size:0.9em'><p>A question file is a spreadsheet saved as CSV, "
            "one question a row, under these columns (only id, category and text must be "
            f"filled in for a new question):</p><ul>{items}</ul></div>")
