"""What the parts of the prepare panel use of one another and of the panel's widgets.

:class:`~infoview.widgets.prepare.PreparePanel` is made of mixins, one per part
(:mod:`~infoview.widgets.prepare_who`, ``prepare_plan``, ``prepare_kept``,
``prepare_brief``, ``prepare_drafts``); each inherits :class:`PrepareParts`, which names
(for the type checker, without making them) the widgets the panel's ``__init__`` makes and
the methods the other parts define.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import ipywidgets as w

    from infoview.flows.outreach_log import Waiting
    from infoview.prep.brief import Brief
    from infoview.prep.outreach import Draft
    from infoview.questions.models import QuestionPlan
    from infoview.research.models import CompanyProfile, PersonProfile
    from infoview.store import Store
    from infoview.store.appstate import State
    from infoview.widgets._common import MessageLine
    from infoview.widgets.daypicker import DayPicker
    from infoview.widgets.draftbox import DraftActions
    from infoview.widgets.picker import QuestionPicker


class PrepareParts:
    """The names every part of the prepare panel may use (annotations only)."""

    store: Store
    out_dir: Path
    message: MessageLine
    # who and when
    person: w.Dropdown
    research_note: w.HTML
    title_note: w.HTML
    use_title_button: w.Button
    title_box: w.VBox
    new_name: w.Text
    new_name_error: MessageLine
    new_title: w.Text
    new_organization: w.Text
    new_person_box: w.VBox
    meeting: w.Dropdown
    zone_note: w.HTML
    date: DayPicker
    time: w.TimePicker
    timezone: w.Text
    format: w.Dropdown
    place: w.Text
    company: CompanyProfile | None
    person_research: PersonProfile | None
    _wanted_meeting: int | None
    _quiet: bool
    _quietly: Callable[[], Any]
    _host: Callable[[], tuple[str | None, str | None]]
    _person_id: Callable[[], int | None]
    _meeting_changed: Callable[[], None]
    current_person: Callable[[], Any]  # a Person (an unsaved one for someone new)
    current_meeting: Callable[..., Any]  # a Meeting (an unsaved one for a new meeting)
    _starts_at: Callable[[], datetime | None]
    # what the user wants to learn, and the plan
    role: w.Text
    role_note: w.HTML
    about_me_note: w.HTML
    _from_about_me: dict[str, str]
    industry: w.Text
    audience: w.Dropdown
    minutes: w.IntSlider
    reason: w.Text
    use_history: w.Checkbox
    picker: QuestionPicker
    plan: QuestionPlan | None
    _planned: tuple[str, str, str]
    _planned_words: str
    _planned_for: tuple | None
    _notes_said: set[str]
    _show_role_note: Callable[[], None]
    _show_about_me_note: Callable[[], None]
    # the plan kept over a reload
    drop_button: w.Button
    restored: State | None
    _saved_state: dict | None
    _loading: int
    _filling: Callable[[], Any]
    keep: Callable[[], None]
    plan_state: Callable[[], dict]
    _pick_up_kept_plan: Callable[[], None]
    # the brief
    brief: Brief | None
    written: dict[str, Path]
    preview: w.HTML
    exports: w.HTML
    export_message: MessageLine
    build: Callable[[], Brief]
    # the outreach drafts
    draft: Draft | None
    draft_kind: w.Dropdown
    _exploring: str
    narrow: w.Text
    broad: w.Text
    strict: w.Checkbox
    your_name: w.Text
    your_link: w.Text
    draft_text: w.Textarea
    draft_warnings: w.HTML
    draft_actions: DraftActions
    draft_message: MessageLine
    sent_message: MessageLine
    channel: w.Dropdown
    waiting: list[Waiting]
    replied_buttons: dict[int, w.Button]
    waiting_box: w.VBox
    _show_waiting: Callable[[], None]
    offer_update: Callable[[], None]
