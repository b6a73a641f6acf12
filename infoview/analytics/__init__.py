"""Outcome analytics: pure functions from the store's tables to tables, graphs and figures.

Every function takes the dict returned by ``Store.frames()`` (and optional filters such as
``since``, ``until``, ``channels``, ``now``) and returns a pandas DataFrame, a networkx
graph or a matplotlib figure. None of them reads or writes the store, so the notebook, the
dashboard, the report and the tests all call the same code. An empty result carries a
plain sentence in ``df.attrs["message"]`` (see :func:`message`); an empty figure says it.

pandas, networkx and matplotlib are imported inside the functions, so importing this
package is cheap.
"""

from __future__ import annotations

from infoview.analytics._frames import message
from infoview.analytics.activity import activity_by_week, insights_by_industry, plot_activity
from infoview.analytics.digest import weekly_digest
from infoview.analytics.followup import (
    due_actions,
    follow_up_health,
    open_promises,
    overdue_actions,
    stale_contacts,
    thank_you_timeliness,
    uncontacted_leads,
)
from infoview.analytics.funnel import STAGES, funnel, meeting_statuses, person_levels, plot_funnel
from infoview.analytics.memory import keep_in_touch_status, losing_touch, touches
from infoview.analytics.network import (
    chain_depths,
    door_openers,
    max_chain_depth,
    network_summary,
    plot_referral_graph,
    referral_graph,
)
from infoview.analytics.questions import (
    category_effectiveness,
    plot_question_effectiveness,
    question_effectiveness,
)
from infoview.analytics.replies import plot_reply_rates, reply_rates
from infoview.analytics.targets import targets

__all__ = [
    "STAGES", "activity_by_week", "category_effectiveness", "chain_depths", "door_openers",
    "due_actions", "follow_up_health", "funnel", "insights_by_industry", "keep_in_touch_status",
    "losing_touch", "max_chain_depth", "meeting_statuses", "message", "network_summary",
    "open_promises", "overdue_actions", "person_levels",
    "plot_activity", "plot_funnel", "plot_question_effectiveness", "plot_referral_graph",
    "plot_reply_rates", "question_effectiveness", "referral_graph", "reply_rates",
    "stale_contacts", "targets", "thank_you_timeliness", "touches", "uncontacted_leads",
    "weekly_digest",
]
