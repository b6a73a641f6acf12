"""ipywidgets panels: one class per step, each a thin view over the library.

The notebooks build these; tests drive them without a browser by setting ``.value`` on
their named child widgets and calling ``.click()`` on their buttons.
"""

from __future__ import annotations

from infoview._lazy import lazy_exports

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
