"""The plan made on Prepare for a meeting added later on People, offered where the meeting's
questions are shown (the Meeting and Debrief pages), in the same words: one button saves it
with the meeting, and the page then lists its questions."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import ipywidgets as w

from infoview.flows.plans import save_unsaved_questions, unsaved_questions
from infoview.widgets._common import MessageLine, button, count_of

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store


def unsaved_plan_offer(store: Store, meeting_id: int, message: MessageLine,
                       saved: Callable[[int], None]) -> list[w.Widget]:
    """The note and button offering to save the plan kept on Prepare with this meeting
    (``[]`` when there is none); pressing it saves the questions and calls ``saved`` with
    how many, so the page shows them."""
    unsaved = unsaved_questions(store, meeting_id)
    if not unsaved:
        return []
    words = count_of(len(unsaved), "question")
    save = button(f"Save the {words} with this meeting", "success",
                  tooltip="keep the questions you planned on Prepare as this meeting's")

    def _save(_b: w.Button) -> None:
        with message.guard("saving the questions"):
            saved(save_unsaved_questions(store, meeting_id))

    save.on_click(_save)
    return [w.HTML(f"<span style='color:#8a5300'>You planned {words} for this person on "
                   "Prepare, but they are not saved with this meeting yet.</span>"),
            save, message]
