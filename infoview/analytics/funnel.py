"""The funnel: from people identified to offers, overall, by channel and by warmth.

Counted in people. Two ladders make it up, each implied downwards so that it never
widens: contact (contacted, replied, met: someone met counts as contacted and as having
replied, even with no message recorded; someone who suggested a name counts as having
replied) and results (lead, application, interview, offer: an offer implies the
interview, the application and the lead). "Referred someone" counts the people who
suggested at least one name. Outcomes count for the person they name, else for the person
of the meeting they came from.
"""

from __future__ import annotations

from infoview.analytics._frames import (
    NOT_CONTACTED,
    Frames,
    channel_list,
    flags,
    group_order,
    in_range,
    is_in,
    lookup,
    row_positions,
    rows_where,
    safe_ratio,
    shared,
    table,
    with_message,
)
from infoview.errors import BadInput

#: Stages in order.
STAGES: tuple[str, ...] = (
    "identified", "contacted", "replied", "met", "referred someone",
    "lead", "application", "interview", "offer",
)
#: The stage each stage's ``conversion`` is measured against.
BASE_STAGE: dict[str, str | None] = {
    "identified": None, "contacted": "identified", "replied": "contacted", "met": "replied",
    "referred someone": "met", "lead": "met", "application": "lead", "interview": "application",
    "offer": "interview",
}
_OUTCOME_LEVEL = {"lead": 1, "application": 2, "interview": 3, "offer": 4}
_GROUPINGS = {"channel": "channel", "warmth": "warmth", "how_known": "warmth"}


@shared
def person_levels(frames: Frames, *, since=None, until=None, channels=None):
    """One row per person: ``person_id, channel, warmth, first_contact, contact, referred, result``.

    ``contact`` is 0-3 (identified, contacted, replied, met), ``referred`` whether they
    suggested someone, ``result`` 0-4 (none, lead, application, interview, offer).
    ``channel`` is the channel of the first message sent to them (``not contacted`` when
    none was). With ``since``/``until`` only the cohort first approached in that range is
    kept (people never contacted count by the date they were added); with ``channels``, only
    people first approached on those channels. The cohort's later progress counts even
    after ``until``: that is what a cohort funnel shows.
    """
    import numpy as np
    import pandas as pd

    people = table(frames, "people")
    outreach = table(frames, "outreach")
    meetings = table(frames, "meetings")
    referrals = table(frames, "referrals")
    outcomes = table(frames, "outcomes")

    ids = pd.to_numeric(people["id"]).to_numpy(dtype=np.int64)
    n = len(ids)
    out_rows = row_positions(outreach["person_id"], ids)
    held = is_in(meetings["status"], ["held"])
    referrer_rows = row_positions(referrals["from_person_id"], ids)
    contacted = flags(out_rows, n)
    replied = flags(out_rows[outreach["replied_at"].notna().to_numpy()], n) | flags(referrer_rows, n)
    met = flags(row_positions(meetings.loc[held, "person_id"], ids), n)

    # results: the outcome's person, else the person of the meeting it came from
    meeting_person = meetings.drop_duplicates("id").set_index("id")["person_id"]
    who = pd.to_numeric(outcomes["person_id"]).astype("Float64").fillna(
        lookup(outcomes["meeting_id"], pd.to_numeric(meeting_person).astype("Float64")))
    outcome_rows = row_positions(who, ids)
    level = outcomes["kind"].astype("string").map(_OUTCOME_LEVEL).fillna(0).to_numpy(dtype=np.int64)
    result = np.zeros(n, dtype=np.int64)
    valid = outcome_rows >= 0
    np.maximum.at(result, outcome_rows[valid], level[valid])

    # the first message to each person: its channel, and its time for the cohort
    sent = outreach["sent_at"]
    sort_key = sent.to_numpy(dtype="datetime64[ns]").astype(np.int64)
    sort_key[sent.isna().to_numpy()] = np.iinfo(np.int64).max  # undated messages count last
    # per person the earliest time, then of the messages at that time the first in the
    # table (what a stable sort by time puts first), without sorting every message
    known = out_rows >= 0
    earliest = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(earliest, out_rows[known], sort_key[known])
    at_earliest = known & (sort_key == earliest[np.where(known, out_rows, 0)])
    first = np.full(n, len(sort_key), dtype=np.int64)
    np.minimum.at(first, out_rows[at_earliest], np.flatnonzero(at_earliest))
    person_rows = np.flatnonzero(first < len(sort_key))
    first_message = first[person_rows]
    channel = outreach["channel"]
    if isinstance(channel.dtype, pd.CategoricalDtype):
        channel_codes, channel_names = channel.cat.codes.to_numpy(), channel.cat.categories
    else:
        channel_codes, channel_names = pd.factorize(channel.astype("object"))
    categories = [str(c) for c in channel_names] + [NOT_CONTACTED]
    person_channel = np.full(n, len(categories) - 1, dtype=np.int64)
    person_channel[person_rows] = channel_codes[first_message]
    person_channel[person_channel < 0] = len(categories) - 1

    levels = pd.DataFrame({
        "person_id": ids,
        "channel": pd.Categorical.from_codes(person_channel, categories=categories),
        "warmth": people["how_known"].astype("object").fillna("cold").to_numpy(),
        "contact": np.select([met, replied, contacted], [3, 2, 1], 0),
        "referred": flags(referrer_rows, n),
        "result": result,
    })
    keep = np.ones(n, dtype=bool)
    if since is not None or until is not None:
        first_sent = pd.Series(pd.NaT, index=range(n), dtype=sent.dtype)
        first_sent.iloc[person_rows] = sent.iloc[first_message].to_numpy()
        levels["first_contact"] = first_sent.fillna(people["created_at"].reset_index(drop=True))
        keep &= in_range(levels["first_contact"], since, until).to_numpy()
    wanted = channel_list(channels)
    if wanted is not None:
        keep &= levels["channel"].isin(wanted).to_numpy()
    return levels if keep.all() else levels.loc[keep].reset_index(drop=True)


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
        ``conversion`` is the share of the stage it follows from (``BASE_STAGE``: replied
        of contacted, lead of met, offer of interview, ...). Rates are NaN where that stage
        is empty (never a division by zero). Empty, with a "Nothing to show yet" message
        in ``attrs``, when there are no people.
    """
    import numpy as np
    import pandas as pd

    if by is not None and by not in _GROUPINGS:
        raise BadInput(f"cannot split the funnel by {by!r}; use 'channel' or 'warmth'.")
    levels = person_levels(frames, since=since, until=until, channels=channels)
    columns = (["group"] if by else []) + ["stage", "count", "share_of_identified", "conversion"]
    if levels.empty:
        anyone = len(table(frames, "people")) > 0
        return with_message(pd.DataFrame(columns=columns), "no people in this selection."
                            if anyone else "no people saved yet.")

    group_col = _GROUPINGS.get(by or "", None)
    if group_col is None:
        codes, groups = np.zeros(len(levels), dtype=np.int64), ["all"]
    else:
        codes, groups = pd.factorize(levels[group_col].astype("object"))
    counts = pd.DataFrame(_stage_counts(levels, codes, len(groups)),
                          index=pd.Index([str(g) for g in groups]))
    counts = counts.loc[group_order(counts.index, group_col)]

    long = counts.stack().rename("count").reset_index()
    long.columns = ["group", "stage", "count"]
    long["count"] = long["count"].astype("int64")
    by_stage = long.set_index(["group", "stage"])["count"]
    identified = long["group"].map(counts["identified"])
    base = [by_stage.get((g, BASE_STAGE[s]), float("nan")) if BASE_STAGE[s] else float("nan")
            for g, s in zip(long["group"], long["stage"], strict=True)]
    long["share_of_identified"] = safe_ratio(long["count"], identified)
    long["conversion"] = safe_ratio(long["count"], pd.Series(base, index=long.index, dtype="float64"))
    if not by:
        long = long.drop(columns="group")
    return long[columns].reset_index(drop=True)


def _stage_counts(levels, codes, groups: int) -> dict:
    """People reaching each stage per group (``codes``: each person's group): counted
    once per level (how many stopped at each), then summed from the top, which is the
    number at that level or above."""
    import numpy as np

    def at_least(values, top: int):
        per_level = np.bincount(codes * (top + 1) + values, minlength=groups * (top + 1))
        return np.cumsum(per_level.reshape(groups, top + 1)[:, ::-1], axis=1)[:, ::-1]

    contact = at_least(levels["contact"].to_numpy(dtype=np.int64), 3)
    result = at_least(levels["result"].to_numpy(dtype=np.int64), 4)
    referred = np.bincount(codes, weights=levels["referred"].to_numpy(dtype=bool),
                           minlength=groups).astype(np.int64)
    return {"identified": contact[:, 0], "contacted": contact[:, 1], "replied": contact[:, 2],
            "met": contact[:, 3], "referred someone": referred, "lead": result[:, 1],
            "application": result[:, 2], "interview": result[:, 3], "offer": result[:, 4]}


def plot_funnel(frames: Frames, *, by: str | None = None, since=None, until=None, channels=None):
    """The funnel drawn as horizontal bars (grouped by channel or warmth when ``by`` is given).

    Returns a matplotlib ``Figure``; with nothing to show, the figure says so in words.
    """
    from infoview.analytics.display import GROUPED_BY_WORDS, group_words
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
            ax.barh([y + i * height for y in range(len(stages))], table_[g], height=height,
                    label=group_words(g, by))
        ax.legend(fontsize=8, title=GROUPED_BY_WORDS.get(by, by))
    else:
        ax.barh(range(len(stages)), data["count"], color="#3b6ea5")
        for y, (n, share) in enumerate(zip(data["count"], data["share_of_identified"], strict=True)):
            label = f"{n}" if share != share else f"{n} ({share:.0%})"
            ax.text(n, y, " " + label, va="center", fontsize=8)
    from infoview.analytics.display import OUTCOME_WORDS

    ax.set_yticks(range(len(stages)), [OUTCOME_WORDS.get(s, s) for s in stages])
    ax.invert_yaxis()
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # whole people, never "0.2 people"
    ax.set_xlabel("people")
    ax.set_title("Funnel" + (f" by {by}" if by else ""))
    fig.tight_layout()
    return fig


#: Meeting statuses in the order :func:`meeting_statuses` lists them.
MEETING_STATUSES: tuple[str, ...] = (
    "requested", "scheduled", "held", "no_show", "cancelled", "moved")


def funnel_wide(data, by: str):
    """A funnel split ``by`` channel or warmth (:func:`funnel`) as a reader compares the
    groups: one row per group, named by ``by``, and one column of people per stage (the
    long table, one row per group and stage, ran to dozens of rows)."""
    if data is None or data.empty:
        return data
    wide = data.pivot(index="group", columns="stage", values="count")
    wide = wide.reindex(index=list(dict.fromkeys(data["group"])), columns=list(STAGES))
    return wide.rename_axis(index=by, columns=None).reset_index()


def meeting_statuses(frames: Frames, *, since=None, until=None):
    """Meetings counted by status: held, and also those that did not happen as planned.

    A meeting moved keeps its old time with status ``moved`` and the new time is another
    meeting, so a talk moved once and then held counts once as ``moved`` and once as
    ``held``. ``rebooked`` counts the meetings of each status that were booked again (a
    later meeting names them in ``rescheduled_from``). With ``since``/``until``, only
    meetings whose (old) time falls in that range count.

    Returns:
        ``status, count, share, rebooked``; ``share`` is of all meetings counted. With no
        meeting in the range, no rows and a sentence that says so (six rows of zeros said
        nothing a new user could use).
    """
    import pandas as pd

    meetings = table(frames, "meetings")
    chosen = rows_where(meetings, in_range(meetings["starts_at"], since, until).to_numpy())
    status = chosen["status"].astype("object").fillna("requested")
    counts = status.value_counts()
    if not len(status):
        return with_message(pd.DataFrame(columns=["status", "count", "share", "rebooked"]),
                            "no meetings in this selection.")
    replaced = pd.to_numeric(meetings["rescheduled_from"]).dropna().astype("int64").unique()
    rebooked = status[pd.to_numeric(chosen["id"]).isin(replaced).to_numpy()].value_counts()
    names = list(MEETING_STATUSES) + sorted(set(counts.index) - set(MEETING_STATUSES))
    out = pd.DataFrame({
        "status": names,
        "count": [int(counts.get(n, 0)) for n in names],
        "rebooked": [int(rebooked.get(n, 0)) for n in names],
    })
    out["share"] = safe_ratio(out["count"], pd.Series(int(out["count"].sum()), index=out.index))
    return out[["status", "count", "share", "rebooked"]]
