"""ipywidgets panels: one class per step, each a thin view over the library.

The notebooks build these; tests drive them without a browser by setting ``.value`` on
their named child widgets and calling ``.click()`` on their buttons.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from infoview._lazy import lazy_exports

if TYPE_CHECKING:  # pragma: no cover
    # The same names for the type checker, which does not look through ``__getattr__``
    # (``name as name`` marks a re-export); a test keeps these and the table in step.
    from infoview.widgets.app import App as App
    from infoview.widgets.debrief import DebriefForm as DebriefForm
    from infoview.widgets.imports import ImportPanel as ImportPanel
    from infoview.widgets.meeting import MeetingCompanion as MeetingCompanion
    from infoview.widgets.outcomes import OutcomesDashboard as OutcomesDashboard
    from infoview.widgets.outcomes import actions_view as actions_view
    from infoview.widgets.picker import QuestionPicker as QuestionPicker
    from infoview.widgets.prepare import PreparePanel as PreparePanel
    from infoview.widgets.research import ResearchPanel as ResearchPanel
    from infoview.widgets.session import NotebookSession as NotebookSession
    from infoview.widgets.session import app_session as app_session
    from infoview.widgets.session import start as start

_EXPORTS = {
    "start": "infoview.widgets.session",
    "app_session": "infoview.widgets.session",
    "App": "infoview.widgets.app",
    "NotebookSession": "infoview.widgets.session",
    "ResearchPanel": "infoview.widgets.research",
    "PreparePanel": "infoview.widgets.prepare",
    "QuestionPicker": "infoview.widgets.picker",
    "MeetingCompanion": "infoview.widgets.meeting",
    "DebriefForm": "infoview.widgets.debrief",
    "OutcomesDashboard": "infoview.widgets.outcomes",
    "actions_view": "infoview.widgets.outcomes",
    "ImportPanel": "infoview.widgets.imports",
}

__all__ = sorted(_EXPORTS)

# Each panel loads on first use, so a notebook pays only for the panels it shows.
__getattr__ = lazy_exports(__name__, _EXPORTS)
