"""Forms whose mistakes show beside the field that caused them.

A :class:`Form` is a set of :class:`FormField` s (a label, the input, a line of help for
terms a newcomer may not know, and a red line for that field's error) and one message line
under its buttons. The library raises :class:`~infoview.errors.BadField` naming the field
at fault; :meth:`Form.guard` puts its message under that field, and anything else under the
buttons, never as a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import ipywidgets as w

from infoview.errors import InfoviewError
from infoview.widgets._common import FULL_WIDTH, MessageLine, esc, heading, page_words

log = logging.getLogger(__name__)

_HELP_STYLE = "color:#555;font-size:0.85em;margin:0 0 4px 0;line-height:1.3"
_ERROR_STYLE = "color:#b00020;margin:0 0 4px 0"
_WIDE = {"description_width": "initial"}


def text_input(label: str, placeholder: str = "", *, lines: int = 1,
               width: str = FULL_WIDTH) -> w.Text | w.Textarea:
    """A labelled text box (a ``Textarea`` of ``lines`` rows when more than one)."""
    if lines > 1:
        return w.Textarea(description=label, placeholder=placeholder, rows=lines,
                          style=_WIDE, layout=w.Layout(width=width))
    return w.Text(description=label, placeholder=placeholder, style=_WIDE,
                  layout=w.Layout(width=width))


class FormField(w.VBox):
    """One field: its input, a line of help under it, and the field's own error line.

    Args:
        name: the name the library uses for the field (``"email"``).
        input: the input widget (a ``Text``, ``Textarea``, ``Dropdown``, ...).
        help: a short explanation shown under it (plain text), or ``""``.
    """

    def __init__(self, name: str, input: w.ValueWidget, help: str = ""):
        self.name = name
        self.input = input
        self.help = w.HTML(f"<div style='{_HELP_STYLE}'>{esc(help)}</div>" if help else "")
        self.error = MessageLine()
        # The red line speaks of what was typed before: once the field is corrected it goes
        # (it stayed, wrong, until the next Save).
        self.error.clear_on_change(input)
        super().__init__([input, self.error, self.help])
        self.add_class(f"infoview-field-{name}")

    @property
    def value(self) -> Any:
        """What the field holds (text stripped)."""
        value = self.input.value
        return value.strip() if isinstance(value, str) else value

    @value.setter
    def value(self, value: Any) -> None:
        self.input.value = "" if value is None and isinstance(self.input.value, str) else value

    def lines(self) -> list[str]:
        """The field's text as a list, one item per line (or per comma on one line)."""
        text = self.input.value or ""
        parts = text.splitlines() if "\n" in text else text.split(",")
        return [p.strip() for p in parts if p.strip()]

    def show_error(self, text: str) -> None:
        """Show ``text`` in red right under the input."""
        self.error.show(text, "error")


class Form:
    """Fields by name, and the message line under the form's buttons.

    Attributes:
        fields: ``{name: FormField}``.
        message: the line under the buttons (results, and errors no field owns).
    """

    def __init__(self, fields: list[FormField]):
        self.fields = {f.name: f for f in fields}
        self.message = MessageLine()

    def align_labels(self) -> Form:
        """Give every labelled field the width of the longest label, so that the boxes start
        in one column (each sized by its own label, every box began somewhere else: a
        ragged left edge down About me and the People forms). Returns the form."""
        labelled = [f for f in self.fields.values()
                    if getattr(f.input, "description", "") and hasattr(f.input, "style")]
        if labelled:
            longest = max(len(f.input.description) for f in labelled)
            # about 0.55em a character in the widgets' font; a little over, never cut off
            width = f"{longest * 0.6 + 0.5:.1f}em"
            for f in labelled:
                f.input.style.description_width = width
                # the field's help and its error under the box, not under the label
                f.help.layout.margin = f.error.layout.margin = f"0 0 0 calc({width} + 8px)"
        return self

    def __getitem__(self, name: str) -> FormField:
        return self.fields[name]

    def values(self, *names: str) -> dict[str, Any]:
        """``{name: value}`` of the fields named (all when none are)."""
        return {n: self.fields[n].value for n in (names or self.fields)}

    def clear_errors(self) -> None:
        """Take every error line away (before a new try)."""
        for field in self.fields.values():
            field.error.clear()
        self.message.clear()

    @contextmanager
    def guard(self, doing: str = "") -> Iterator[None]:
        """Run a save: a mistake the library pins to a field shows under that field (and a
        short pointer under the buttons); other errors show under the buttons."""
        self.clear_errors()
        try:
            yield
        except InfoviewError as exc:
            problems = getattr(exc, "problems", None) or {getattr(exc, "field", None): str(exc)}
            mine = {name: text for name, text in problems.items() if name in self.fields}
            if mine and len(mine) == len(problems):
                for name, text in mine.items():
                    self.fields[name].show_error(text)
                self.message.show("Not saved: see the field marked in red above." if len(mine) == 1
                                  else "Not saved: see the fields marked in red above.", "error")
            else:
                self.message.show(page_words(exc), "error")
        except Exception as exc:  # noqa: BLE001 - a callback must not die silently
            log.exception("unexpected error in a form")
            self.message.show(f"Something went wrong{' while ' + doing if doing else ''}: "
                              f"{type(exc).__name__}: {exc}", "error")


def form_box(title: str, form: Form, save: w.Button, cancel: w.Button,
             *more: w.Button) -> w.VBox:
    """A form under its heading with its buttons and its message line, hidden until
    opened."""
    return w.VBox([heading(title), *form.fields.values(), w.HBox([save, cancel, *more]),
                   form.message], layout=w.Layout(display="none"))
