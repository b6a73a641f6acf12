"""The funnel: from people identified to offers, overall, by channel and by warmth.

Each person is placed at the furthest stage they reached (met, referred someone, an offer,
...) and each stage counts the people who reached it *or any later one*, so the funnel
never widens: someone met at a coffee without a recorded message still counts as
contacted and replied. Outcomes count for the person they name, else for the person of
the meeting they came from.
"""

from __future__ import annotations

from infoview.analytics._frames import (
    Frames, channel_list, in_range, safe_ratio, table, with_message,
)
from infoview.errors import BadInput
from infoview.models import CHOICES

#: Stages in order; a person's level is the index of the furthest one reached.
STAGES: tuple[str, ...] = (
    "identified", "contacted", "replied", "met", "referred someone",
    "lead", "application", "interview", "offer",
)
_OUTCOME_LEVEL = {"lead": 5, "application": 6, "interview": 7, "offer": 8}
#: Group shown for people never contacted when the funnel is split by channel.
NOT_CONTACTED = "not contacted"
_GROUPINGS = {"channel": "channel", "warmth": "warmth", "how_known": "warmth"}


def person_levels(frames: Frames, *, since=None, until=None, channels=None):
    """One row per person: ``person_id, channel, warmth, first_contact, level``.

    ``channel`` is the channel of the first message sent to the person (``not contacted``
    when none was). With ``since``/``until``, only the cohort first approached in that range
    is kept (people never contacted count by the date they were added); with ``channels``,
    only people first approached on one of those channels. Later progress of the cohort
    counts even when it falls after ``until``: that is what a cohort funnel shows.
    """
    import numpy as np
    import pandas as pd

    people = table(frames, "people")
    outreach = table(frames, "outreach")
    meetings = table(frames, "meetings")
    referrals = table(frames, "referrals")
    outcomes = table(frames, "outcomes")

    ids = people["id"].astype("Int64")
    first = (
        outreach.dropna(subset=["person_id"])
        .sort_values(["sent_at"], kind="stable", na_position="last")
        .drop_duplicates("person_id")
        .set_index("person_id")
    )
    result = pd.DataFrame({"person_id": ids.to_numpy()})
    result["warmth"] = people["how_known"].astype("string").fillna("cold").to_numpy()
    result["channel"] = (
        first["channel"].astype("string").reindex(ids.to_numpy()).fillna(NOT_CONTACTED).to_numpy()
    )
    created = people["created_at"].reset_index(drop=True)
    first_sent = first["sent_at"].reindex(ids.to_numpy()).reset_index(drop=True)
    result["first_contact"] = first_sent.fillna(created)

    events = [
        pd.DataFrame({"person_id": outreach["person_id"], "level": 1}),
        pd.DataFrame({"person_id": outreach.loc[outreach["replied_at"].notna(), "person_id"], "level": 2}),
        pd.DataFrame({"person_id": meetings.loc[meetings["status"].astype("string") == "held", "person_id"], "level": 3}),
        pd.DataFrame({"person_id": referrals["from_person_id"], "level": 4}),
    ]
    if len(outcomes):
        meeting_person = meetings.set_index("id")["person_id"]
        who = outcomes["person_id"].astype("Int64").fillna(
            pd.Series(outcomes["meeting_id"].map(meeting_person).to_numpy(), index=outcomes.index).astype("Int64")
        )
        levels = outcomes["kind"].astype("string").map(_OUTCOME_LEVEL)
        events.append(pd.DataFrame({"person_id": who, "level": levels}))
    stacked = pd.concat(events, ignore_index=True).dropna()
    best = stacked.groupby(stacked["person_id"].astype("int64"))["level"].max()
    result["level"] = best.reindex(ids.to_numpy()).fillna(0).astype("int64").to_numpy()

    keep = in_range(result["first_contact"], since, until)
    wanted = channel_list(channels)
    if wanted is not None:
        keep &= result["channel"].isin(wanted)
    return result.loc[keep.to_numpy()].reset_index(drop=True) if not keep.all() else result


def funnel(frames: Frames, *, by: str | None = None, since=None, until=None, channels=None):
    """The funnel as a table: one row per stage (and per group when ``by`` is given).

    Args:
        frames: the store's tables (``Store.frames()``).
        by: ``None`` for the overall funnel, ``"channel"`` (of the first message) or
            ``"warmth"`` (how the person is known: referral, alumni, friend, ... cold).
        since, until: keep the people first approached in this range (dates inclusive).
        channels: keep the people first approached on these channels.

    Returns:
        A DataFrame with ``[group,] stage, count, share_of_identified, conversion``;
        ``conversion`` is the share of the previous stage that reached this one. Rates are
        NaN where nobody reached the previous stage (never a division by zero). Empty, with
        a "Nothing to show yet" message in ``attrs``, when there are no people.
    """
    import numpy as np
    import pandas as pd

    if by is not None and by not in _GROUPINGS:
        raise BadInput(f"cannot split the funnel by {by!r}; use 'channel' or 'warmth'.")
    levels = person_levels(frames, since=since, until=until, channels=channels)
    columns = (["group"] if by else []) + ["stage", "count", "share_of_identified", "conversion"]
    if levels.empty:
        return with_message(pd.DataFrame(columns=columns), "no people in the store for this selection.")

    group_col = _GROUPINGS.get(by or "", None)
    keys = levels[group_col] if group_col else pd.Series("all", index=levels.index)
    counts = pd.crosstab(keys, levels["level"]).reindex(columns=range(len(STAGES)), fill_value=0)
    # reached stage i or later = reverse cumulative sum over levels
    reached = counts.iloc[:, ::-1].cumsum(axis=1).iloc[:, ::-1]
    reached.columns = list(STAGES)
    reached = reached.loc[_group_order(reached.index, group_col)]

    long = reached.stack().rename("count").reset_index()
    long.columns = ["group", "stage", "count"]
    long["count"] = long["count"].astype("int64")
    identified = long.groupby("group", sort=False)["count"].transform("first")
    previous = long.groupby("group", sort=False)["count"].shift(1)
    long["share_of_identified"] = safe_ratio(long["count"], identified)
    long["conversion"] = safe_ratio(long["count"], previous.fillna(np.nan))
    long.loc[long["stage"] == STAGES[0], "conversion"] = np.nan
    if not by:
        long = long.drop(columns="group")
    return long[columns].reset_index(drop=True)


def _group_order(index, group_col: str | None) -> list:
    """Groups in the order of the model's choices, unknown values after, alphabetically."""
    if group_col == "channel":
        known = list(CHOICES[("outreach", "channel")]) + [NOT_CONTACTED]
    elif group_col == "warmth":
        known = ["referral", "alumni", "friend", "colleague", "event", "cold"]
    else:
        return list(index)
    present = list(index)
    return [g for g in known if g in present] + sorted(g for g in present if g not in known)


def plot_funnel(frames: Frames, *, by: str | None = None, since=None, until=None, channels=None):
    """The funnel drawn as horizontal bars (grouped by channel or warmth when ``by`` is given).

    Returns a matplotlib ``Figure``; with nothing to show, the figure says so in words.
    """
    from infoview.analytics.plots import empty_figure, new_figure

    data = funnel(frames, by=by, since=since, until=until, channels=channels)
    if data.empty:
        return empty_figure(data)
    fig, ax = new_figure(width=7, height=4)
    stages = list(STAGES)
    if by:
        table_ = data.pivot(index="stage", columns="group", values="count").reindex(stages)
        groups = list(dict.fromkeys(data["group"]))
        height = 0.8 / max(len(groups), 1)
        for i, g in enumerate(groups):
            ax.barh([y + i * height for y in range(len(stages))], table_[g], height=height, label=str(g))
        ax.legend(fontsize=8, title=by)
    else:
        ax.barh(range(len(stages)), data["count"], color="#3b6ea5")
        for y, (n, share) in enumerate(zip(data["count"], data["share_of_identified"])):
            label = f"{n}" if share != share else f"{n} ({share:.0%})"
            ax.text(n, y, " " + label, va="center", fontsize=8)
    ax.set_yticks(range(len(stages)), stages)
    ax.invert_yaxis()
    ax.set_xlabel("people")
    ax.set_title("Funnel" + (f" by {by}" if by else ""))
    fig.tight_layout()
    return fig
