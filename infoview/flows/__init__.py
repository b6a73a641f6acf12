"""The steps that touch the store, shared by the command line and the notebook panels.

The CLI (``infoview.cli``) and the widgets (``infoview.widgets``) reach the library
through this package only, so a step such as "save research", "plan a meeting", "save a
debrief" or "record a sent message" exists once and both faces give the same result:

* :mod:`~infoview.flows.research`: keep research linked to its person and organization,
  find it again.
* :mod:`~infoview.flows.meetings`: plan, add, list and show meetings; the next meeting.
* :mod:`~infoview.flows.prep`: the brief of a stored meeting or of pages researched now.
* :mod:`~infoview.flows.drafts`: the one table of draft kinds and the drafting dispatch.
* :mod:`~infoview.flows.debrief`: the debrief, saved in one transaction; its JSON form.
* :mod:`~infoview.flows.followups`: a meeting's follow-ups, computed in one place.
* :mod:`~infoview.flows.outreach_log`: messages sent and replies received.
* :mod:`~infoview.flows.meeting_status`: a meeting missed, cancelled or moved.
* :mod:`~infoview.flows.warm`: warm paths read from the store (the ranking is
  :mod:`infoview.analytics.warmth`).
* :mod:`~infoview.flows.forget`: forgetting a person everywhere the kit keeps them.

The names below load their module on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from infoview._lazy import lazy_exports

if TYPE_CHECKING:  # pragma: no cover
    # The same names for the type checker, which does not look through ``__getattr__``
    # (``name as name`` marks a re-export); a test keeps these and the table in step.
    from infoview.flows.debrief import load_debrief as load_debrief
    from infoview.flows.debrief import save_debrief as save_debrief
    from infoview.flows.drafts import write_draft as write_draft
    from infoview.flows.followups import meeting_follow_ups as meeting_follow_ups
    from infoview.flows.forget import forget_person as forget_person
    from infoview.flows.forget import what_is_held as what_is_held
    from infoview.flows.meeting_status import mark_meeting as mark_meeting
    from infoview.flows.meetings import next_meeting as next_meeting
    from infoview.flows.meetings import save_meeting_plan as save_meeting_plan
    from infoview.flows.outreach_log import record_outreach as record_outreach
    from infoview.flows.prep import brief_from_store as brief_from_store
    from infoview.flows.research import keep_research as keep_research
    from infoview.flows.research import research_for as research_for
    from infoview.flows.warm import warm_paths as warm_paths
    from infoview.store.matching import match_person as match_person

_EXPORTS = {
    "keep_research": "infoview.flows.research",
    "research_for": "infoview.flows.research",
    "save_meeting_plan": "infoview.flows.meetings",
    "next_meeting": "infoview.flows.meetings",
    "brief_from_store": "infoview.flows.prep",
    "write_draft": "infoview.flows.drafts",
    "save_debrief": "infoview.flows.debrief",
    "load_debrief": "infoview.flows.debrief",
    "meeting_follow_ups": "infoview.flows.followups",
    "record_outreach": "infoview.flows.outreach_log",
    "match_person": "infoview.store.matching",
    "mark_meeting": "infoview.flows.meeting_status",
    "warm_paths": "infoview.flows.warm",
    "forget_person": "infoview.flows.forget",
    "what_is_held": "infoview.flows.forget",
}

__all__ = sorted(_EXPORTS)

__getattr__ = lazy_exports(__name__, _EXPORTS)
