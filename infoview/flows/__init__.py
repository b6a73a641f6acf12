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

from infoview._lazy import lazy_exports

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
