"""What is typed into one of the People page's forms, kept as it is typed.

One :class:`KeptTyping` per form (a person, an organization, a meeting) keeps the form's
values in the app's state (:mod:`infoview.flows.form_drafts`) while the form is open and
differs from what it opened with, and offers them again when the same form is opened for
the same record (after a reload, or simply on the next "Add a person"), with a button to
drop them. About me keeps its typing with one too: one form, under one key, about nobody.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from typing import TYPE_CHECKING, Any

import ipywidgets as w
from traitlets import TraitError

from infoview.flows.form_drafts import drop_form, keep_form, offered_form, typed_over
from infoview.flows.profile import user_zone
from infoview.times import shown_in

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store
    from infoview.widgets.forms import Form


#: What "Drop my unsaved changes" brings a form back to, by what it was opened for.
AS_SAVED = {"person": "the person as last saved", "organization":
            "the organization as last saved", "meeting": "the meeting as last saved",
            "new": "an empty form", "new meeting": "the form as it first opened"}


def picked_up_words(store: Store, kept_at: datetime, save_label: str, as_saved: str) -> str:
    """What a form says when it puts back typing kept at ``kept_at`` (on the user's clock):
    the one wording of every form that keeps typing, About me's included."""
    when = shown_in(kept_at, user_zone(store))
    return (f"Picked up what you were typing ({when.day} {when:%b, %H:%M}), not saved yet: "
            f"{save_label} keeps it; Drop my unsaved changes shows {as_saved}.")


class KeptTyping:
    """Keeps what is typed into ``form`` (shown in ``box``) under the key of the record it
    is open for, and offers it again.

    Args:
        store: the open store.
        form: the form whose typing is kept; its message line says what was picked up.
        box: the form's box: nothing is kept while it is closed.
        drop_button: "Drop my unsaved changes", shown while picked-up typing is in the form.
        reopen: opens the form again for the same record, as saved (after a drop).
        read: the form's values as plain JSON values (default: ``form.values()``).
        write: puts kept values back into the form (default: field by field).
        inputs: the controls whose changes are kept (default: the form's inputs).
    """

    def __init__(self, store: Store, form: Form, box: w.Box, drop_button: w.Button,
                 reopen: Callable[[], None], *,
                 read: Callable[[], dict[str, Any]] | None = None,
                 write: Callable[[dict[str, Any]], None] | None = None,
                 inputs: list[w.Widget] | None = None):
        self.store = store
        self.form = form
        self.box = box
        self.drop_button = drop_button
        self._reopen = reopen
        self._read = read or form.values
        self._write = write or self._write_fields
        #: The key the form's typing is kept under (``None`` while no form was opened).
        self.key: str | None = None
        self._person_id: int | None = None
        self._saved: dict[str, Any] = {}
        self._as_saved = "the form as it first opened"
        self._loading = False
        drop_button.layout.display = "none"
        for control in inputs or [field.input for field in form.fields.values()]:
            control.observe(lambda _c: self.keep(), names="value")
        drop_button.on_click(lambda _b: self.drop_changes())

    @property
    def saved_values(self) -> dict[str, Any]:
        """What the form showed as saved when it was last opened (a copy)."""
        return dict(self._saved)

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Fill the form without keeping what is put in it."""
        self._loading, before = True, self._loading
        try:
            yield
        finally:
            self._loading = before

    def opened(self, key: str | None, person_id: int | None, *, save_label: str,
               as_saved: str) -> bool:
        """The form was just filled for the record ``key`` is about: remember what it shows
        as what is saved, and put back what was typed for that record and not saved, if
        anything was (saying so); whether anything was.

        Args:
            key: the :func:`~infoview.flows.form_drafts.form_key` of the record (``None``:
                nothing is kept, as for a meeting with nobody chosen).
            person_id: the person the typing is about (forgetting them lets it go).
            save_label: the save button's words, for the message.
            as_saved: what Drop shows ("the person as last saved", "an empty form").
        """
        self.key, self._person_id, self._as_saved = key, person_id, as_saved
        self._saved = self._read()
        self.drop_button.layout.display = "none"
        state = offered_form(self.store, key) if key is not None else None
        if state is None:
            return False
        with self.loading():
            # only the fields typed over: one saved meanwhile elsewhere shows as saved
            self._write(typed_over(state))
        self.drop_button.layout.display = ""
        self.form.message.show(picked_up_words(self.store, state.updated_at, save_label,
                                               as_saved), "info")
        return True

    def changed(self, values: dict[str, Any]) -> dict[str, Any]:
        """Of ``values`` (the form's, as read), those that differ from what the form showed
        as saved when it opened: what a save should write, leaving a change made meanwhile
        elsewhere (research, another tab) to the rest."""
        return {name: value for name, value in values.items()
                if name not in self._saved or value != self._saved[name]}

    def keep(self) -> None:
        """Keep what the open form holds (called on every change)."""
        if self._loading or self.key is None or self.box.layout.display == "none":
            return
        with self.form.message.guard("keeping what you typed"):
            keep_form(self.store, self.key, self._read(), self._saved, self._person_id)

    def drop(self) -> None:
        """Forget what was typed (saved, cancelled or dropped)."""
        if self.key is not None:
            drop_form(self.store, self.key)
        self.drop_button.layout.display = "none"

    def drop_changes(self) -> None:
        """Forget what was typed and show the form as saved (what "Drop my unsaved
        changes" does)."""
        with self.form.guard("dropping your changes"):
            self.drop()
            self._reopen()
            self.form.message.show(f"Dropped the changes: the form shows {self._as_saved}.",
                                   "ok")

    def cancel(self) -> None:
        """Close the form without saving, forgetting what was typed in it (what "Cancel"
        does)."""
        with self.form.guard("closing the form"):
            self.drop()
        self.box.layout.display = "none"

    def _write_fields(self, values: dict[str, Any]) -> None:
        for name, field in self.form.fields.items():
            if name in values and values[name] is not None:
                with suppress(TraitError):  # a choice the form no longer offers
                    field.value = values[name]
