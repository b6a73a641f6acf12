"""Deleting in the app: ask first, then offer Undo for the rest of the session.

:class:`Deletions` asks "Delete Sam Okafor and everything about them?" with what that
means, deletes through :func:`infoview.flows.records.delete_record` (which keeps an
in-memory copy of every row), and lists what was deleted this session, each with an Undo
button (:func:`infoview.flows.records.restore`). The copies live in the page's kernel:
when the page is closed (or the app stops), they go with it and the deletion is final.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as w

from infoview.flows.forget import forget_person, stopped_deletions, what_is_held
from infoview.flows.records import Deleted, delete_record, meeting_label, restore
from infoview.models import Meeting, Organization, Person
from infoview.widgets._common import MessageLine, button, esc

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

#: What goes with each kind of record, said after its name when asking.
_KIND_WORDS = {"person": " and everything about them",
               "organization": "",
               "meeting": ", with its questions, notes and follow-ups"}

#: What stays, said after the question.
_KIND_STAYS = {"person": "", "meeting": " The people suggested in it stay.",
               "organization": " The people who work there stay, and so does your research."}


class Deletions(w.VBox):
    """The question before a deletion, and the session's deletions with Undo.

    Args:
        store: the open store.
        cache_path: the HTTP cache file forgetting a person also cleans (default: beside
            the store).
        on_change: called with no arguments after a deletion or an undo (the pages that
            list records reload).
        on_undo: called with the :class:`~infoview.flows.records.Deleted` brought back,
            after ``on_change`` (the page that deleted it chooses it again).

    Attributes:
        pending: ``(kind, id)`` awaiting confirmation, or ``None``.
        history: what was deleted this session, oldest first.
        undo_buttons: the Undo button of each entry of ``history``.
        finish_buttons: "Finish deleting" of each person whose deletion was stopped part
            way (the app stopped mid-deletion), by their id: they are in no list any more.
    """

    def __init__(self, store: Store, *, cache_path: str | Path | None = None,
                 on_change: Callable[[], None] | None = None,
                 on_undo: Callable[[Deleted], None] | None = None):
        self.store = store
        self.cache_path = cache_path
        self.on_change = on_change
        self.on_undo = on_undo
        self.pending: tuple[str, int] | None = None
        self.history: list[Deleted] = []
        self.undo_buttons: list[w.Button] = []
        self.question = w.HTML()
        self.remove_files = w.Checkbox(value=True, indent=False, layout=w.Layout(width="auto"))
        self.confirm_button = button("Yes, delete", "danger")
        self.cancel_button = button("Cancel")
        self.confirm_button.on_click(lambda _b: self.confirm())
        self.cancel_button.on_click(lambda _b: self.cancel())
        self.asking = w.VBox([self.question, self.remove_files,
                              w.HBox([self.confirm_button, self.cancel_button])],
                             layout=w.Layout(display="none", border="1px solid #b00020",
                                             padding="4px 8px", margin="4px 0"))
        self.message = MessageLine()
        self.done_box = w.VBox()
        self.finish_buttons: dict[int, w.Button] = {}
        self.stopped_box = w.VBox()
        super().__init__([self.stopped_box, self.asking, self.message, self.done_box])

    # -- asking ---------------------------------------------------------------------------
    def ask(self, kind: str, record_id: int) -> None:
        """Ask before deleting the record (the Delete buttons call this)."""
        with self.message.guard("getting ready to delete"):
            self.message.clear()
            label = self._label(kind, record_id)
            files = []
            if kind == "person":
                files = what_is_held(self.store, record_id, cache_path=self.cache_path).exports
            self.pending = (kind, record_id)
            self.question.value = (
                f"<b>Delete {esc(label)}{_KIND_WORDS[kind]}?</b>{_KIND_STAYS[kind]} You can "
                "undo it until you close this page; after that it is gone for good.")
            self.remove_files.description = (
                f"also delete the {len(files)} file{'s' if len(files) != 1 else ''} you "
                "exported that name them (Undo cannot bring files back)")
            self.remove_files.layout.display = "" if files else "none"
            self.asking.layout.display = ""

    def cancel(self) -> None:
        """Keep the record (what "Cancel" does)."""
        self.pending = None
        self.asking.layout.display = "none"
        self.message.show("Nothing was deleted.", "info")

    def withdraw(self) -> None:
        """Drop the question and the last message without a word (the user moved on to
        another record: "Yes, delete" must not delete the one asked about before)."""
        self.pending = None
        self.asking.layout.display = "none"
        self.message.clear()

    def confirm(self) -> Deleted | None:
        """Delete the record asked about (what "Yes, delete" does)."""
        if self.pending is None:
            return None
        kind, record_id = self.pending
        with self.message.guard("deleting"):
            options = {}
            if kind == "person":
                options = {"cache_path": self.cache_path,
                           "remove_exports": bool(self.remove_files.value)}
            deleted = delete_record(self.store, kind, record_id, **options)
            self.pending = None
            self.asking.layout.display = "none"
            self.history.append(deleted)
            self._show_history()
            self.message.show(f"Deleted {deleted.describe()}. Undo below brings it back.", "ok")
            self._changed()
            return deleted
        return None

    def undo(self, index: int) -> None:
        """Bring back the deletion ``index`` of :attr:`history` (what its Undo does)."""
        with self.message.guard("bringing it back"):
            deleted = self.history[index]
            restore(self.store, deleted)
            self._show_history()
            self.message.show(f"Brought back {deleted.label}.", "ok")
            self._changed()
            if self.on_undo is not None:
                self.on_undo(deleted)

    # -- deletions stopped part way ---------------------------------------------------------
    def show_stopped(self) -> None:
        """Offer to finish each deletion of a person stopped part way (the app or the
        computer stopped mid-deletion): gone from the list, they could not be chosen to
        finish it, and files naming them were left."""
        rows, self.finish_buttons = [], {}
        with self.message.guard("looking for deletions left unfinished"):
            for person_id, name in stopped_deletions(self.store):
                finish = button("Finish deleting", "danger",
                                tooltip="remove what is left about them in your files")
                finish.on_click(lambda _b, i=person_id: self.finish(i))
                self.finish_buttons[person_id] = finish
                rows.append(w.HBox([w.HTML(f"Deleting {esc(name)} was interrupted before it "
                                           "was finished; some files may still name them."),
                                    finish], layout=w.Layout(align_items="center")))
        self.stopped_box.children = rows

    def finish(self, person_id: int) -> None:
        """Finish the stopped deletion of ``person_id`` (what "Finish deleting" does)."""
        with self.message.guard("finishing the deletion"):
            names = dict(stopped_deletions(self.store))
            if person_id not in names:
                self.show_stopped()
                self.message.show("That deletion is already finished.", "info")
                return
            forget_person(self.store, person_id, cache_path=self.cache_path)
            self.show_stopped()
            self.message.show(f"Finished deleting {names[person_id]}.", "ok")
            self._changed()

    # -- display --------------------------------------------------------------------------
    def _label(self, kind: str, record_id: int) -> str:
        if kind == "person":
            return self.store.get(Person, record_id).name
        if kind == "organization":
            return self.store.get(Organization, record_id).name
        return meeting_label(self.store, self.store.get(Meeting, record_id))

    def _show_history(self) -> None:
        rows, self.undo_buttons = [], []
        for index, deleted in enumerate(self.history):
            undo = button("Undo", tooltip="bring it back as it was")
            undo.on_click(lambda _b, i=index: self.undo(i))
            undo.disabled = deleted.restored
            if deleted.restored:
                undo.description = "Brought back"
            self.undo_buttons.append(undo)
            rows.append(w.HBox([w.HTML(f"Deleted {esc(deleted.describe())}"), undo],
                               layout=w.Layout(align_items="center")))
        self.done_box.children = (
            [w.HTML("<b>Deleted this session</b> (final once you close this page):"),
             *rows]
            if rows else [])

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()
