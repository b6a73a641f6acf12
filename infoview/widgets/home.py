"""The app's home page: what to do next.

It leads a new user through the first steps (say who you are, add a person) and, later,
says what matters today: the next meeting and its brief, what is due, who is losing touch,
the last research.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import ipywidgets as w

from infoview.widgets._common import MessageLine, button, heading


class HomePage(w.VBox):
    """What to do next, with a button for each step.

    Args:
        store: the open store.
        go: opens a page of the app by its key (``"people"``, ``"prepare"``, ...).
        choose: makes a person or meeting the app's choice (``choose(meeting_id=3)``).
        now: the moment "today" is measured against (default: now).
    """

    def __init__(self, store, *, go: Callable[[str], None], choose: Callable[..., None],
                 now: datetime | None = None):
        self.store = store
        self.go = go
        self.choose = choose
        self.now = now
        self.message = MessageLine()
        self.steps = w.VBox()
        super().__init__([heading("What to do next"), self.steps, self.message])
        self.refresh()

    def refresh(self) -> None:
        """Recompute what the page says."""
        with self.message.guard("reading the store"):
            research = button("Research an organization", "primary")
            research.on_click(lambda _b: self.go("research"))
            prepare = button("Prepare a meeting")
            prepare.on_click(lambda _b: self.go("prepare"))
            self.steps.children = [w.HBox([research, prepare])]
