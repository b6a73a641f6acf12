"""A small panel: everything the kit holds about one person (what they are owed on asking).

It shows :func:`infoview.flows.forget.what_is_held` for the person chosen: their records, other
records naming them, research snapshots, cached pages and kept results, exports and backups,
with dates. The outcomes dashboard carries it under its tabs.
"""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w

from infoview.errors import BadInput
from infoview.flows.forget import what_is_held
from infoview.models import Person
from infoview.widgets._common import MessageLine, button, esc


class HoldingsPanel(w.VBox):
    """Pick a person, press the button, read what is held about them.

    Args:
        store: the open store.
        cache_path: the HTTP cache file (default: the one beside the store).

    Attributes:
        held: the last :class:`~infoview.flows.forget.Holdings` shown, or ``None``.
    """

    def __init__(self, store, *, cache_path: str | Path | None = None):
        self.store = store
        self.cache_path = cache_path
        self.held = None
        self.person = w.Dropdown(description="Person", options=[],
                                 style={"description_width": "initial"})
        self.show_button = button("What I hold about them", tooltip="every record, cached "
                                  "page, snapshot and export that names them, with dates")
        self.message = MessageLine()
        self.report = w.HTML()
        self.show_button.on_click(lambda _b: self.show())
        super().__init__([w.HBox([self.person, self.show_button]), self.message, self.report])
        self.refresh_people()

    def refresh_people(self) -> None:
        """Fill the person list from the store."""
        self.person.options = [(p.name, p.id) for p in self.store.list(Person)]

    def show(self):
        """Show everything held about the chosen person (what the button does)."""
        with self.message.guard("listing what is held"):
            if self.person.value is None:
                raise BadInput("choose a person first")
            self.held = what_is_held(self.store, self.person.value, cache_path=self.cache_path)
            self.report.value = ("<pre style='white-space:pre-wrap'>"
                                 + esc("\n".join(self.held.lines())) + "</pre>")
            self.message.show("To delete all of it: infoview people delete "
                              f"{self.person.value} --exports", "info")
            return self.held
        return None
