"""What the parts of the debrief form share: its widgets and the steps one part asks of
another, declared once for the type checker. :class:`~infoview.widgets.debrief.DebriefForm`
makes them all; the parts (kept draft, companion notes, people suggested, missed meeting,
follow-ups and thank-you) read them through ``self``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import ipywidgets as w

    from infoview.prep.outreach import Draft
    from infoview.store import Store
    from infoview.widgets._common import MessageLine
    from infoview.widgets.daypicker import DayPicker
    from infoview.widgets.draftbox import DraftActions
    from infoview.widgets.followups import FollowUpList
    from infoview.widgets.rows import RowList


class DebriefState:
    """The debrief form's widgets and shared steps (see the module docstring)."""

    store: Store
    companion: Any
    meeting: w.Dropdown
    questions: list[dict]
    extra_questions: RowList
    insights: RowList
    people: RowList
    people_note: w.HTML
    promises: RowList
    outcomes: RowList
    rapport: w.ToggleButtons
    notes: w.Textarea
    message: MessageLine
    notes_message: MessageLine
    drop_draft_button: w.Button
    actions: FollowUpList
    thanks_text: w.Textarea
    thanks_warnings: w.HTML
    happened: w.ToggleButtons
    missed_status: w.Dropdown
    missed_date: DayPicker
    missed_time: w.TimePicker
    missed_message: MessageLine
    missed_warnings: w.HTML
    missed_text: w.Textarea
    missed_actions: DraftActions
    missed_box: w.VBox
    missed_row: w.HBox
    held_row: w.HBox
    debrief_part: w.VBox
    thanks_part: w.VBox
    _host: str
    _loading: bool
    _thanks_written: tuple[int | None, str]
    _thanks_draft: Draft | None

    if TYPE_CHECKING:  # made by DebriefForm and its parts; declared for the type checker
        def load(self) -> None: ...

        def refresh_meetings(self, select: int | None = None) -> None: ...

        def check_fields(self) -> dict[str, tuple[str, str]]: ...
