"""The debrief form's small parts: score sliders and text boxes, the choices of whether a
meeting happened, the label of a meeting in the list, what a save says it kept.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

import ipywidgets as w

from infoview.flows.drafts import panel_kinds
from infoview.widgets._common import count_of, meeting_state, on_my_clock

#: The drafts this panel writes (the thank-you note, the reschedule and no-show notes),
#: labelled as in the one table of draft kinds.
DRAFT_KINDS = panel_kinds("debrief")
DRAFT_LABELS = {name: label for label, name in DRAFT_KINDS}

WIDE = {"description_width": "initial"}
NOT_RATED = 0  # slider position meaning "no score"
# Marks a field the form needs filled in; the style travels with the form (no notebook CSS).
MISSING_CLASS = "infoview-missing"
FORM_STYLE = (f"<style>.{MISSING_CLASS} input {{border-color:#b00020 !important;"
              "background:#fdecea !important}</style>")


#: What the follow-ups say before a meeting that happened is debriefed.
NO_FOLLOW_UPS_YET = "No follow-ups yet: they appear when the debrief is saved."

#: Whether the meeting took place: the form opens on "It happened".
HAPPENED = (("It happened", True), ("It did not happen", False))
#: Why a meeting did not happen, chosen on purpose ("" until one is).
MISSED_CHOICES = (("choose why", ""), ("they did not show", "no_show"),
                  ("it was cancelled", "cancelled"), ("it was moved", "moved"))
MISSED = {value for _words, value in MISSED_CHOICES if value}


def score(value: int) -> int | None:
    return None if value == NOT_RATED else int(value)


def slider(description: str, value: int | None = None) -> w.IntSlider:
    return w.IntSlider(value=value or NOT_RATED, min=0, max=5, description=description,
                       style=WIDE, tooltip="1 = not useful, 5 = very useful; 0 = no score",
                       layout=w.Layout(width="260px"))


def score_only_if_asked(asked: w.Checkbox, usefulness: w.IntSlider) -> None:
    """Show a question's usefulness only while it is ticked as asked: a question not asked
    has no usefulness, and a slider at "useful 0" beside it read as a score (seen by Maya)."""
    def show(_change: Any = None) -> None:
        usefulness.layout.visibility = "visible" if asked.value else "hidden"

    asked.observe(show, names="value")
    show()


def small_text(placeholder: str, width: str = "180px") -> w.Text:
    return w.Text(placeholder=placeholder, layout=w.Layout(width=width))


def saved_summary(debrief, skipped: dict[str, int] | None = None, *,
                  again: bool = False) -> str:
    """What a save kept, counted: answers, people suggested, promises, outcomes, insights,
    and the empty rows it skipped (``{"insight": 1, ...}``); ``again`` for a debrief saved
    before (a second save said the very words of the first, as if nothing had happened)."""
    parts = [count_of(len(debrief.questions), "answer"),
             count_of(len(debrief.people), "person suggested", "people suggested"),
             count_of(len(debrief.promises), "promise"),
             count_of(len(debrief.outcomes), "outcome"),
             count_of(len(debrief.insights), "insight")]
    text = ("Saved your changes to the debrief: it now holds " if again
            else "Saved the debrief: ") + ", ".join(parts) + "."
    if skipped:
        rows = sum(skipped.values())
        which = ", ".join(count_of(n, kind, "people" if kind == "person" else None)
                          for kind, n in skipped.items())
        text += f" Skipped {count_of(rows, 'empty row')} ({which}): nothing was typed in them."
    return text


def outcome_given(row: dict) -> bool:
    """Whether an outcome row says what came of it (a row left as added does not)."""
    return bool(row["kind"])


def meeting_label(meeting, names: dict[int, str], mine: tzinfo | None = None) -> str:
    when = (f"{on_my_clock(meeting.starts_at, meeting.timezone, mine)}, "
            if meeting.starts_at else "")
    return f"{when}{names.get(meeting.person_id, '?')} ({meeting_state(meeting)})"
