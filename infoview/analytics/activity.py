"""Activity over time (outreach and meetings per ISO week) and what was learned per industry."""

from __future__ import annotations

from infoview.analytics._frames import (
    Frames,
    channel_list,
    in_range,
    is_in,
    org_keys,
    people_org_keys,
    row_positions,
    rows_where,
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
    if len(x) < 4:
        # A few weeks only: matplotlib would stretch them over years, one dot lost in a
        # wide empty plot. Show a fortnight either side, the weeks named by their day.
        from datetime import timedelta

        from matplotlib.dates import MO, DateFormatter, WeekdayLocator

        ax.set_xlim(x.min() - timedelta(days=14), x.max() + timedelta(days=14))
        ax.xaxis.set_major_locator(WeekdayLocator(byweekday=MO))
        ax.xaxis.set_major_formatter(DateFormatter("%d %b"))
    else:  # months by name ("Jun 2026"), not "2026-06"
        from matplotlib.dates import AutoDateLocator, DateFormatter

        ax.xaxis.set_major_locator(AutoDateLocator(maxticks=8))
        ax.xaxis.set_major_formatter(DateFormatter("%b %Y"))
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

    insights = table(frames, "insights")
    meetings = table(frames, "meetings")
    meetings = rows_where(meetings, in_range(meetings["starts_at"], since, until).to_numpy())
    insights = rows_where(insights, insights["meeting_id"].isin(meetings["id"]).to_numpy())
    if insights.empty:
        return no_insights()
    industry = meeting_industries(frames, meetings)
    # as text whatever the mapping held: a store where no meeting has an industry maps to
    # all-missing values, which pandas would otherwise type as whole numbers
    named = insights["meeting_id"].map(industry).astype("string")
    return _learned(insights, named.fillna(UNKNOWN_INDUSTRY), meetings)


def _learned(insights, industry, meetings):
    """:func:`insights_by_industry` from the insights, the industry of each and the
    meetings they come from: counted with whole arrays, the texts and tags gathered in one
    pass (grouping, merging and exploding a quarter of a million insights in pandas took
    most of a second). The insights are read in the order of their meetings' times, then
    of their ids; industries are listed as they first come up in that order."""
    import numpy as np
    import pandas as pd

    from infoview.analytics._frames import row_positions

    # as a merge on the meeting id would pair them: each insight with its meeting(s)
    meeting_ids = pd.to_numeric(meetings["id"]).to_numpy(dtype="float64", na_value=np.nan)
    keys = pd.to_numeric(insights["meeting_id"]).to_numpy(dtype="float64", na_value=np.nan)
    if len(np.unique(meeting_ids)) == len(meeting_ids):
        rows = row_positions(insights["meeting_id"], np.nan_to_num(meeting_ids, nan=-1)
                             .astype(np.int64))
        left = np.flatnonzero(rows >= 0)
        rows = rows[left]
    else:  # the same meeting twice (frames made by hand): the merge itself
        pairs = pd.DataFrame({"row": np.arange(len(keys)), "key": keys}).merge(
            pd.DataFrame({"key": meeting_ids, "meeting_row": np.arange(len(meeting_ids))}),
            on="key")
        left, rows = pairs["row"].to_numpy(), pairs["meeting_row"].to_numpy()
    starts = meetings["starts_at"]
    stamps = pd.DatetimeIndex(starts).asi8[rows]
    stamps = np.where(starts.isna().to_numpy()[rows], np.iinfo(np.int64).max, stamps)
    ids = pd.to_numeric(insights["id"]).to_numpy(dtype="float64", na_value=np.inf)[left]
    order = left[np.lexsort((ids, stamps))]  # stable, as pandas sorts on two columns
    meeting_of = keys[order]
    group, names = pd.factorize(industry.array[order])
    count = np.bincount(group, minlength=len(names))
    met = pd.DataFrame({"g": group, "m": meeting_of}).drop_duplicates()["g"].to_numpy()
    result = pd.DataFrame(
        {"meetings": np.bincount(met, minlength=len(names)), "insights": count},
        index=pd.Index(names, dtype=industry.dtype, name="industry"))
    learned_lists: list[list] = [[] for _ in names]
    texts = insights["text"].array[order]
    for g, at in _first_pairs(group, texts):
        learned_lists[g].append(texts[at])  # each text once per industry, first seen first
    learned = pd.Series(learned_lists, index=result.index, dtype=object)
    top_tags = pd.Series(_top_tags_by_row(group, insights["tags"].to_numpy(dtype=object), order,
                                          len(names)), index=result.index, dtype=object)
    return industry_table(result, learned, top_tags)


def _first_pairs(group, values) -> list[tuple[int, int]]:
    """``(group, row)`` of the first row of each distinct ``(group, value)`` pair, in the
    order of the rows: what a dict of the pairs keeps, found by hashing each value once
    in C (missing values are one value, as a dict holds them)."""
    import numpy as np
    import pandas as pd

    if not len(group):
        return []
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    pairs = np.asarray(group, dtype=np.int64) * (len(uniques) + 1) + codes
    _, first = np.unique(pairs, return_index=True)
    first.sort()
    return list(zip(np.asarray(group)[first].tolist(), first.tolist(), strict=True))


def _top_tags_by_row(group, tags, order, groups: int) -> list[list]:
    """:func:`_top_tags` of ``tags[order]`` (``group``: of each of those rows), read in the
    table's order: each row's list lies where it was made, beside the next row's, and a
    quarter of a million lists read in the meetings' order took four times as long. The
    counts do not depend on the order of the rows, nor does a tag shown, as long as it is
    text (of values equal to one another, such as 1 and True, the first one read is
    shown: then they are read in the meetings' order after all)."""
    import numpy as np

    by_row = np.argsort(order, kind="stable")
    top = _top_tags(np.asarray(group)[by_row], tags[np.asarray(order)[by_row]], groups)
    if all(type(tag) is str for listed in top for tag in listed):
        return top
    return _top_tags(group, tags[order], groups)


def _top_tags(group, tags, groups: int) -> list[list]:
    """The :data:`TOP_TAGS` most frequent tags of each group (ties by tag), as pandas'
    ``explode``, ``dropna``, count and sort give them: every row's tags laid end to end in
    one array (each with its row's group), hashed once in C and counted per group and tag
    with whole arrays (turning each row's list into a key first cost three times as much)."""
    from itertools import chain

    import numpy as np
    import pandas as pd

    if not set(map(type, tags)) <= {list}:  # the store's lists; anything else, one by one
        tags = [_tag_list(t) for t in tags]
    lengths = np.fromiter(map(len, tags), dtype=np.int64, count=len(tags))
    flat = np.empty(int(lengths.sum()), dtype=object)
    flat[:] = list(chain.from_iterable(tags))
    owner = np.repeat(np.asarray(group, dtype=np.int64), lengths)
    codes, uniques = pd.factorize(flat)  # a missing tag: -1, left out
    keep = codes >= 0
    width = max(len(uniques), 1)
    pairs, counts = np.unique(owner[keep] * width + codes[keep], return_counts=True)
    counts = counts.astype(np.int64)
    owners, tag_codes = np.divmod(pairs, width)
    rank = np.empty(len(uniques), dtype=np.int64)  # the tags in the order sorting gives them
    rank[sorted(range(len(uniques)), key=uniques.__getitem__)] = np.arange(len(uniques))
    top: list[list] = [[] for _ in range(groups)]
    for g, code in zip(*(a[np.lexsort((rank[tag_codes], -counts, owners))].tolist()
                         for a in (owners, tag_codes)), strict=True):
        if len(top[g]) < TOP_TAGS:
            top[g].append(uniques[code])
    return top


def _tag_list(tags) -> list:
    """A row's tags as ``explode`` then ``dropna`` leave them: each entry of a list, or the
    value itself, missing ones left out."""
    import pandas as pd

    if isinstance(tags, (list, tuple)):
        return [t for t in tags if not (t is None or (not isinstance(t, str) and pd.isna(t)))]
    if tags is None or (not isinstance(tags, str) and pd.isna(tags)):
        return []
    return [tags]


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
    import numpy as np
    import pandas as pd

    meetings = table(frames, "meetings") if meetings is None else meetings
    people = table(frames, "people")
    orgs = table(frames, "organizations")
    org_industry = orgs.assign(key=org_keys(orgs["name"])).dropna(subset=["industry"])
    org_industry = org_industry.drop_duplicates("key").set_index("key")["industry"]
    # the key of each person's organization is made once per report (people_org_keys);
    # a meeting's person without one (or unknown) takes the last slot, the missing key
    person_key, keys = people_org_keys(frames)
    key_industry = pd.Series([*keys, None], dtype="string").map(org_industry)
    rows = row_positions(meetings["person_id"], pd.to_numeric(people["id"]).to_numpy(dtype="int64"))
    code = np.append(person_key, -1)[rows]
    via_org = pd.Series(key_industry.array.take(np.where(code < 0, len(keys), code)),
                        index=meetings.index)
    own = _each_value(meetings["industry"], lambda i: i.astype("string").str.strip()
                      .replace("", None))
    return pd.Series(own.fillna(via_org.astype("string")).to_numpy(), index=meetings["id"].to_numpy(),
                     dtype="string")


def _each_value(values, convert):
    """``convert(values)`` for a conversion made value by value, made once per distinct
    value (a quarter of a million meetings name a few thousand organizations)."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(values.astype("object"))
    converted = convert(pd.Series([*uniques, None], dtype=object))  # the last: a missing one
    return pd.Series(converted.array.take(np.where(codes < 0, len(uniques), codes)),
                     index=values.index)
