"""What the outcomes report shows, table by table, computed from frames or from the store.

:func:`infoview.analytics.report.build_report` asks one object for each table and figure
it shows. :class:`FramesInputs` computes each with its analytic from the frames a caller
holds (a notebook, the dashboard). :class:`StoreInputs` holds what was read from the store
for ``infoview report`` (:mod:`infoview.flows.outcomes`): only the columns the analytics
read, and the tables that are only ever summed up (every question asked) is summed up inside SQLite
(:mod:`infoview.analytics.instore`) instead of being read row by row. Both give the same
tables, which the tests check on the sample history and on stores hypothesis draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from infoview.analytics._frames import Frames

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from infoview.analytics.network import Drawing


class FramesInputs:
    """The report's tables, each from its analytic over ``frames``, for one selection.

    Args:
        frames: the store's tables (``Store.frames()``, with the follow-ups in place:
            :func:`infoview.flows.actions.followup_frames`).
        now: the moment "overdue" and "stale" are measured from.
        since, until, channels: the report's filters.
    """

    def __init__(self, frames: Frames, *, now: Any, since: Any = None, until: Any = None,
                 channels: Any = None):
        self.frames = frames
        self.now = now
        self.window = {"since": since, "until": until}
        self.chosen = {**self.window, "channels": channels}

    # the funnel, answers, network
    def headline_figures(self) -> dict[str, float | int | None]:
        from infoview.analytics.headline import headline_figures

        return headline_figures(self.frames, now=self.now, **self.chosen)

    def funnel(self, by: str | None = None) -> pd.DataFrame:
        from infoview.analytics.funnel import funnel

        return funnel(self.frames, by=by, **self.chosen)

    def reply_rates(self, by: str) -> pd.DataFrame:
        from infoview.analytics.replies import reply_rates

        return reply_rates(self.frames, by=by, **self.chosen)

    def network_summary(self) -> dict[str, int]:
        from infoview.analytics.network import network_summary

        return network_summary(self.frames)

    def referral_drawing(self) -> Drawing | None:
        from infoview.analytics.network import referral_drawing

        return referral_drawing(self.frames)

    def door_openers(self, top: int) -> pd.DataFrame:
        from infoview.analytics.network import door_openers

        return door_openers(self.frames, top=top)

    # follow-ups
    def follow_up_health(self) -> pd.DataFrame:
        from infoview.analytics.followup import follow_up_health

        return follow_up_health(self.frames, now=self.now, **self.window)

    def overdue_actions(self) -> pd.DataFrame:
        from infoview.analytics.followup import overdue_actions

        return overdue_actions(self.frames, now=self.now)

    def open_promises(self) -> pd.DataFrame:
        from infoview.analytics.followup import open_promises

        return open_promises(self.frames, now=self.now)

    def uncontacted_leads(self) -> pd.DataFrame:
        from infoview.analytics.followup import uncontacted_leads

        return uncontacted_leads(self.frames)

    def stale_contacts(self) -> pd.DataFrame:
        from infoview.analytics.followup import stale_contacts

        return stale_contacts(self.frames, now=self.now)

    def meeting_statuses(self) -> pd.DataFrame:
        from infoview.analytics.funnel import meeting_statuses

        return meeting_statuses(self.frames, **self.window)

    # questions, activity, targets
    def category_effectiveness(self) -> pd.DataFrame:
        from infoview.analytics.questions import category_effectiveness

        return category_effectiveness(self.frames, **self.window)

    def question_effectiveness(self, min_rated: int) -> pd.DataFrame:
        from infoview.analytics.questions import question_effectiveness

        return question_effectiveness(self.frames, min_rated=min_rated, **self.window)

    def activity_by_week(self) -> pd.DataFrame:
        from infoview.analytics.activity import activity_by_week

        return activity_by_week(self.frames, **self.chosen)

    def insights_by_industry(self) -> pd.DataFrame:
        from infoview.analytics.activity import insights_by_industry

        return insights_by_industry(self.frames, **self.window)

    def targets(self) -> pd.DataFrame:
        from infoview.analytics.targets import targets

        return targets(self.frames)


#: The columns the report's analytics read, by table (of the tables they read at all):
#: :func:`infoview.flows.outcomes.report_inputs` reads these and leaves the rest unread. An
#: analytic that starts reading another one fails in the tests (``KeyError``) instead of seeing it empty.
REPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "people": ("id", "name", "organization", "how_known", "keep_in_touch_days",
               "keep_in_touch_max_days", "connected_on"),
    "organizations": ("id", "name", "industry", "motivation", "postings"),
    "outreach": ("id", "person_id", "channel", "kind", "sent_at", "replied_at"),
    "meetings": ("id", "person_id", "starts_at", "planned_minutes", "status", "industry",
                 "rescheduled_from"),
    "referrals": ("id", "from_person_id", "to_person_id", "may_mention", "contact_by",
                  "created_at"),
    "actions": ("id", "what", "kind", "owner", "due", "done_at", "snoozed_until",
                "meeting_id", "person_id"),
    "outcomes": ("id", "kind", "person_id", "meeting_id"),
    "affiliations": ("id", "person_id", "organization", "kind"),
    "mail_messages": ("id", "person_id", "direction", "sent_at"),
    "insights": ("id", "meeting_id", "text", "tags"),
}


def unread_columns(columns: dict[str, tuple[str, ...]]) -> dict[str, Sequence[str]]:
    """The columns of each table left out of ``columns`` (what ``Store.frames(skip=)`` takes)."""
    from infoview.store.schema import COLUMNS

    return {table: [c.name for c in COLUMNS[table] if c.name not in wanted]
            for table, wanted in columns.items()}


class StoreInputs(FramesInputs):
    """The report's tables from what was read from the store: the frames of
    :data:`REPORT_COLUMNS` (with the follow-ups in place), and every question asked summed
    up in SQL (:func:`infoview.analytics.instore.question_figures`), or ``None`` when the
    questions were read as frames instead. :func:`infoview.flows.outcomes.report_inputs`
    reads both in one snapshot.

    Args:
        frames: the frames read.
        questions: the sums of the questions asked, or ``None``.
        now: the moment of the report.
        since, until, channels: the report's filters.
    """

    def __init__(self, frames: Frames, questions: tuple[Any, Any] | None, *, now: Any,
                 since: Any = None, until: Any = None, channels: Any = None):
        self._questions = questions
        super().__init__(frames, now=now, since=since, until=until, channels=channels)

    def category_effectiveness(self) -> pd.DataFrame:
        from infoview.analytics.questions import rank_categories

        if self._questions is None:
            return super().category_effectiveness()
        return rank_categories(self._questions[1])

    def question_effectiveness(self, min_rated: int) -> pd.DataFrame:
        from infoview.analytics.questions import rank_questions

        if self._questions is None:
            return super().question_effectiveness(min_rated)
        return rank_questions(self._questions[0], min_rated)
