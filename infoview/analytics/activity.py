"""Activity over time (outreach and meetings per ISO week) and what was learned per industry."""

from __future__ import annotations

from infoview.analytics._frames import (
    Frames,
    channel_list,
    in_range,
    is_in,
    lookup,
    org_keys,
    table,
    with_message,
)

UNKNOWN_INDUSTRY = "unknown"


def _weeks(stamps):
    """Monday 00:00 UTC of the ISO week of each timestamp (vectorised, no Python loop)."""
    import pandas as pd

    days = stamps.dt.floor("D")
    return days - pd.to_timedelta(days.dt.weekday, unit="D")


def activity_by_week(frames: Frames, *, since=None, until=None, channels=None):
    """Messages sent and meetings held per ISO week (weeks in between with nothing show 0).

    Returns ``week`` (``2026-W07``), ``week_start`` (Monday, UTC), ``outreach``,
    ``meetings``. With ``channels``, only messages on those channels count.
    """
    import pandas as pd

    outreach = table(frames, "outreach")
    meetings = table(frames, "meetings")
    mask = in_range(outreach["sent_at"], since, until) & outreach["sent_at"].notna()
    wanted = channel_list(channels)
    if wanted is not None:
        mask &= is_in(outreach["channel"], wanted)
    sent = outreach.loc[mask.to_numpy(), "sent_at"]
    held_mask = pd.Series(is_in(meetings["status"], ["held"]), index=meetings.index)
    held_mask &= in_range(meetings["starts_at"], since, until) & meetings["starts_at"].notna()
    held = meetings.loc[held_mask.to_numpy(), "starts_at"]
    columns = ["week", "week_start", "outreach", "meetings"]
    if sent.empty and held.empty:
        return with_message(pd.DataFrame(columns=columns), "no messages or meetings in this selection.")
    counts = pd.concat([
        _weeks(sent).value_counts().rename("outreach"),
        _weeks(held).value_counts().rename("meetings"),
    ], axis=1)
    start, end = counts.index.min(), counts.index.max()
    full = pd.date_range(start, end, freq="7D", tz="UTC")
    counts = counts.reindex(full, fill_value=0).fillna(0).astype("int64")
    result = counts.rename_axis("week_start").reset_index()
    iso = result["week_start"].dt.isocalendar()
    result["week"] = iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)
    return result[columns]


def plot_activity(frames: Frames, *, since=None, until=None, channels=None):
    """Messages and meetings per week, as two lines over time."""
    from infoview.analytics.plots import empty_figure, new_figure

    data = activity_by_week(frames, since=since, until=until, channels=channels)
    if data.empty:
        return empty_figure(data)
    fig, ax = new_figure(width=7, height=3.2)
    x = data["week_start"].dt.tz_localize(None)
    ax.plot(x, data["outreach"], marker="o", markersize=3, label="messages sent")
    ax.plot(x, data["meetings"], marker="s", markersize=3, label="meetings held")
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # whole messages and meetings
    ax.set_ylabel("per week")
    ax.legend(fontsize=8)
    ax.set_title("Activity per week")
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def insights_by_industry(frames: Frames, *, since=None, until=None):
    """What was learned, grouped by industry.

    A meeting's industry is the one noted on the meeting, else that of the organization
    the person works for (matched by name, case-insensitively), else ``unknown``.

    Returns ``industry, meetings, insights, top_tags, learned`` (``learned``: the insight
    texts as a list, in meeting order, each text once), industries with the most insights first.
    """
    import pandas as pd

    insights = table(frames, "insights")
    meetings = table(frames, "meetings")
    meetings = meetings.loc[in_range(meetings["starts_at"], since, until).to_numpy()]
    insights = insights.loc[insights["meeting_id"].isin(meetings["id"])]
    if insights.empty:
        return no_insights()
    industry = meeting_industries(frames, meetings)
    # as text whatever the mapping held: a store where no meeting has an industry maps to
    # all-missing values, which pandas would otherwise type as whole numbers
    named = insights["meeting_id"].map(industry).astype("string")
    data = insights.assign(industry=named.fillna(UNKNOWN_INDUSTRY))
    data = data.merge(meetings[["id", "starts_at"]].rename(columns={"id": "meeting_id"}), on="meeting_id")
    data = data.sort_values(["starts_at", "id"])
    grouped = data.groupby("industry", sort=False)
    learned = data.drop_duplicates(["industry", "text"]).groupby("industry", sort=False)["text"].agg(list)
    tags = data[["industry", "tags"]].explode("tags").dropna()
    tag_counts = tags.groupby(["industry", "tags"]).size().reset_index(name="n")
    tag_counts = tag_counts.sort_values(["industry", "n", "tags"], ascending=[True, False, True])
    top_tags = tag_counts.groupby("industry").head(TOP_TAGS).groupby("industry")["tags"].agg(list)
    result = pd.DataFrame({
        "meetings": grouped["meeting_id"].nunique(),
        "insights": grouped.size(),
    })
    return industry_table(result, learned, top_tags)


#: Tags listed per industry, the most frequent first.
TOP_TAGS = 5
INDUSTRY_COLUMNS = ["industry", "meetings", "insights", "top_tags", "learned"]


def industry_table(result, learned, top_tags):
    """:func:`insights_by_industry` from its figures per industry: ``result`` (``meetings``
    and ``insights``, indexed by industry), ``learned`` and ``top_tags`` (lists by industry,
    ``top_tags`` holding industries with tags only)."""
    result["learned"] = learned.reindex(result.index)
    result["top_tags"] = [t if isinstance(t, list) else [] for t in top_tags.reindex(result.index)]
    result = result.rename_axis("industry").reset_index()
    ordered = result[INDUSTRY_COLUMNS].sort_values(["insights", "industry"], ascending=[False, True])
    return ordered.reset_index(drop=True)


def no_insights():
    """The empty :func:`insights_by_industry`, saying why."""
    import pandas as pd

    return with_message(pd.DataFrame(columns=INDUSTRY_COLUMNS), "no insights recorded in debriefs yet.")


def meeting_industries(frames: Frames, meetings=None):
    """``meeting id -> industry`` (the meeting's own, else the person's organization's)."""
    import pandas as pd

    meetings = table(frames, "meetings") if meetings is None else meetings
    people = table(frames, "people")
    orgs = table(frames, "organizations")
    org_industry = orgs.assign(key=org_keys(orgs["name"])).dropna(subset=["industry"])
    org_industry = org_industry.drop_duplicates("key").set_index("key")["industry"]
    their_orgs = lookup(meetings["person_id"], people.set_index("id")["organization"])
    via_org = org_keys(their_orgs).map(org_industry)
    own = meetings["industry"].astype("string").str.strip().replace("", None)
    return pd.Series(own.fillna(via_org.astype("string")).to_numpy(), index=meetings["id"].to_numpy(),
                     dtype="string")
