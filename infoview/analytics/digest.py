"""The weekly digest: what is due this week, who the user is losing touch with, which leads
wait to be contacted, and which meetings were missed and not yet booked again.

:func:`weekly_digest` only reads the store's frames (like every analytic); the update
drafts for the people losing touch are :func:`infoview.flows.drafts.update_draft`, which
``infoview digest --drafts`` adds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from infoview.analytics._frames import Frames, is_in, now_utc, person_field, table, with_message

if TYPE_CHECKING:  # pragma: no cover
    pass

#: The digest looks this many days ahead.
WEEK_DAYS = 7
#: Missed meetings older than this many days no longer call for a new date.
REBOOK_DAYS = 30


@dataclass
class Digest:
    """One week's digest.

    Attributes:
        as_of: the moment it was made for (UTC).
        due: open actions overdue or due within the week
            (:func:`~infoview.analytics.followup.due_actions`).
        meetings: meetings scheduled within the week.
        losing_touch: :func:`~infoview.analytics.memory.losing_touch`.
        leads: :func:`~infoview.analytics.followup.uncontacted_leads`.
        missed: meetings marked no-show or cancelled in the last 30 days, not booked again.
        drafts: ``{person_id: Draft}`` update drafts, when asked for.
    """

    as_of: Any
    due: Any
    meetings: Any
    losing_touch: Any
    leads: Any
    missed: Any
    drafts: dict = field(default_factory=dict)

    def sections(self) -> dict[str, Any]:
        """The tables by section title, in the order they are shown."""
        return {
            "Due this week": self.due,
            "Meetings this week": self.meetings,
            "Losing touch": self.losing_touch,
            "Leads not yet contacted": self.leads,
            "Missed meetings to rebook": self.missed,
        }

    def counts(self) -> dict[str, int]:
        """How many rows each section has (the digest's headline)."""
        return {
            "due": len(self.due),
            "overdue": int(self.due["overdue"].sum()) if len(self.due) else 0,
            "meetings": len(self.meetings),
            "losing_touch": len(self.losing_touch),
            "past_max": int((self.losing_touch["level"] == "overdue").sum())
            if len(self.losing_touch)
            else 0,
            "leads": len(self.leads),
            "missed": len(self.missed),
        }

    def to_dict(self, *, ascii_only: bool | None = None) -> dict:
        """Plain values for JSON: ``as_of``, ``counts`` and one list of rows per section.

        With ``ascii_only`` (``True`` or ``False``), each section is its rows to be encoded
        as they are printed (:func:`~infoview.analytics.records.json_rows`), with ``\\u``
        escapes or not, for the CLI's printer, which writes the same as from the plain rows.
        """
        from infoview.analytics.records import json_rows, to_records

        def rows(df) -> Any:
            return to_records(df) if ascii_only is None else json_rows(df, ascii_only=ascii_only)

        return {
            "as_of": self.as_of.isoformat(),
            "counts": self.counts(),
            "due": rows(self.due),
            "meetings": rows(self.meetings),
            "losing_touch": rows(self.losing_touch),
            "leads": rows(self.leads),
            "missed": rows(self.missed),
            "drafts": {str(k): d.to_dict() for k, d in self.drafts.items()},
        }


def meetings_within(frames: Frames, *, now=None, days: float = WEEK_DAYS):
    """Meetings requested or scheduled to start from ``now`` to ``days`` later, soonest first.

    Returns ``meeting_id, person_id, name, starts_at, format, place``.
    """
    import pandas as pd

    meetings = table(frames, "meetings")
    stamp = now_utc(now)
    soon = meetings.loc[
        is_in(meetings["status"], ["requested", "scheduled"])
        & (meetings["starts_at"] >= stamp).fillna(False).to_numpy()
        & (meetings["starts_at"] <= stamp + pd.Timedelta(days=days)).fillna(False).to_numpy()
    ]
    columns = ["meeting_id", "person_id", "name", "starts_at", "format", "place"]
    if soon.empty:
        return with_message(pd.DataFrame(columns=columns), "no meeting in the coming week.")
    soon = soon.rename(columns={"id": "meeting_id"}).copy()
    soon["name"] = person_field(frames, soon["person_id"])
    # stable: meetings at the same moment stay in the order they were saved
    return soon[columns].sort_values("starts_at", kind="stable").reset_index(drop=True)


def missed_to_rebook(frames: Frames, *, now=None, days: float = REBOOK_DAYS):
    """Meetings marked no-show or cancelled in the ``days`` before ``now`` (or without a
    time) that no later meeting replaces.

    Returns ``meeting_id, person_id, name, starts_at, status``, newest first.
    """
    import pandas as pd

    meetings = table(frames, "meetings")
    stamp = now_utc(now)
    replaced = pd.to_numeric(meetings["rescheduled_from"]).dropna().astype("int64").unique()
    missed = meetings.loc[
        is_in(meetings["status"], ["no_show", "cancelled"])
        & ~pd.to_numeric(meetings["id"]).isin(replaced).to_numpy()
        & ~(meetings["starts_at"] > stamp).fillna(False).to_numpy()
        & ~(meetings["starts_at"] < stamp - pd.Timedelta(days=days)).fillna(False).to_numpy()
    ]
    columns = ["meeting_id", "person_id", "name", "starts_at", "status"]
    if missed.empty:
        return with_message(
            pd.DataFrame(columns=columns), "no missed meeting waits to be booked again."
        )
    missed = missed.rename(columns={"id": "meeting_id"}).copy()
    missed["name"] = person_field(frames, missed["person_id"])
    return (
        missed[columns]
        .sort_values("starts_at", ascending=False, na_position="last", kind="stable")
        .reset_index(drop=True)
    )


#: The columns the digest's analytics read, by table: :func:`infoview.flows.outcomes.store_digest`
#: reads these and leaves the rest unread (an analytic that starts reading another one fails
#: in the tests).
DIGEST_COLUMNS: dict[str, tuple[str, ...]] = {
    "people": ("id", "name", "organization", "keep_in_touch_days", "keep_in_touch_max_days"),
    "outreach": ("id", "person_id", "kind", "sent_at", "replied_at"),
    "meetings": ("id", "person_id", "starts_at", "status", "format", "place",
                 "rescheduled_from"),
    "actions": ("id", "what", "kind", "owner", "due", "done_at", "snoozed_until",
                "meeting_id", "person_id"),
    "referrals": ("id", "from_person_id", "to_person_id", "may_mention", "contact_by",
                  "created_at"),
    "mail_messages": ("id", "person_id", "direction", "sent_at"),
}


def weekly_digest(frames: Frames, *, now=None, days: float = WEEK_DAYS) -> Digest:
    """The digest for the week starting at ``now`` (default: now).

    Args:
        frames: the store's tables (``Store.frames()``).
        now: the moment of the digest; "due this week" is overdue or due by ``now + days``.
        days: the length of the week ahead (7).
    """
    from infoview.analytics.followup import due_actions, uncontacted_leads
    from infoview.analytics.memory import losing_touch

    return Digest(
        as_of=now_utc(now),
        due=due_actions(frames, now=now, days=days),
        meetings=meetings_within(frames, now=now, days=days),
        losing_touch=losing_touch(frames, now=now),
        leads=uncontacted_leads(frames),
        missed=missed_to_rebook(frames, now=now),
    )
