"""A date box with the chosen day written beside it in words ("Mon 7 Dec 2026").

The browser's date box writes a day in the order of the browser's language: "12/07/2026"
in an American-English Chromium, which a user in the UK or Germany reads as the 12th of
July. The page cannot change that order (Chromium follows its own language, not the
page's), so every date box in the app says the day chosen in the one style of the app
(:func:`infoview.times.day_words`), where the eye goes next: no day is read wrong.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import ipywidgets as w
from traitlets import Instance, link, observe

from infoview.times import day_words
from infoview.widgets._common import esc

#: The class of the words beside the box (tests and the page's style find them by it).
WORDS_CLASS = "infoview-day-words"
#: The width kept for the words, day chosen or not: the widest day ("Wed 30 Sep 2026") fits
#: on one line. Sized by its words, the place grew from nothing as a day was typed and
#: changed with each day's length, and every control after it in the row jumped about.
WORDS_WIDTH = "9.4em"
#: Said in the words' place by a box where a day may be left open (a meeting not agreed yet).
NO_DAY = "no day agreed yet"


class DayPicker(w.HBox):
    """A ``DatePicker`` and the chosen day in words beside it.

    ``value`` (a ``date`` or ``None``) is the box's, read and set as a ``DatePicker``'s;
    ``picker`` is the box itself and ``words`` what is written beside it. Other keyword
    arguments (``description``, ``style``, ``layout``) go to the box; ``blank`` is said in
    the words' place while no day is chosen (nothing when empty).
    """

    value = Instance(date, allow_none=True)

    def __init__(self, value: date | None = None, *, blank: str = "", **picker: Any):
        #: Said in the words' place while no day is chosen ("no day agreed yet"): in a row
        #: of controls, the place kept for the words was an empty gap before the next one.
        self.blank = blank
        self.picker = w.DatePicker(value=value, **picker)
        self.words = w.HTML(layout=w.Layout(margin="0 12px 0 6px", flex="0 0 auto",
                                            width=WORDS_WIDTH, min_width=WORDS_WIDTH))
        self.words.add_class(WORDS_CLASS)
        super().__init__([self.picker, self.words],
                         layout=w.Layout(align_items="center", flex="0 0 auto",
                                         width="auto"))
        self.value = value
        self._link = link((self.picker, "value"), (self, "value"))
        self._write(value)

    @observe("value")
    def _changed(self, change: dict[str, Any]) -> None:
        self._write(change["new"])

    def _write(self, day: date | None) -> None:
        if day is not None:
            self.words.value = (f"<span style='color:#555;white-space:nowrap'>"
                                f"{day_words(day)}</span>")
        else:
            self.words.value = (f"<span style='color:#777;font-style:italic;white-space:nowrap'>"
                                f"{esc(self.blank)}</span>" if self.blank else "")

    @property
    def description(self) -> str:
        """The box's label."""
        return self.picker.description

    @description.setter
    def description(self, text: str) -> None:
        self.picker.description = text
