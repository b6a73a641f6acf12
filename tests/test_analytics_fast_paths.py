"""The analytics' fast ways (whole numpy arrays instead of pandas tables gathered and
sorted) give what their plain definitions give, on any store hypothesis draws and on the
sample history.

Each fast way keeps a plain reference beside it in the library (``last_touch`` for the
latest touch of each person, ...); these tests hold one to the other.
"""

from __future__ import annotations

import importlib
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest
from _store_histories import History, histories, save
from hypothesis import HealthCheck, given, settings
from plain_touches import plain_related

from infoview.analytics import memory
from infoview.demo.history import generate_sample
from infoview.store import Store

PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def frames_of(history: History):
    with tempfile.TemporaryDirectory() as folder, save(history, Path(folder) / "s.sqlite") as store:
        return store.frames()


@pytest.fixture(scope="module")
def sample_frames(tmp_path_factory):
    path = tmp_path_factory.mktemp("fast") / "sample.sqlite"
    with Store.open(path) as store:
        generate_sample(store, seed=7, today=date(2026, 3, 31))
        return store.frames()


def assert_latest_is_the_last_touch(frames, now) -> None:
    latest, related = memory._touch_summary(frames, now)
    assert sorted(related.tolist()) == sorted(plain_related(frames, now))
    assert related.dtype == "int64"
    fast = memory._latest(frames, now=now)
    pd.testing.assert_frame_equal(fast, latest)
    plain = memory.last_touch(frames, now=now).set_index("person_id")
    assert sorted(fast.index) == sorted(plain.index)
    if len(plain):
        fast = fast.loc[plain.index]
        pd.testing.assert_series_equal(fast["last_contact"], plain["last_contact"],
                                       check_exact=True, check_index_type=False)
        assert fast["last_what"].tolist() == plain["last_what"].tolist()


@PROPERTY
@given(histories())
def test_the_latest_touch_of_each_person_is_the_first_of_the_sorted_touches(history):
    assert_latest_is_the_last_touch(frames_of(history), history.now)


@pytest.mark.parametrize("now", [datetime(2026, 3, 31, 18, tzinfo=UTC),
                                 datetime(2026, 1, 15, tzinfo=UTC),
                                 datetime(2020, 1, 1, tzinfo=UTC)])
def test_the_latest_touches_of_the_sample_history(sample_frames, now):
    assert_latest_is_the_last_touch(sample_frames, now)


def test_the_latest_touches_with_ids_far_apart(sample_frames):
    frames = dict(sample_frames)
    frames["people"] = frames["people"].assign(id=frames["people"]["id"] * 10**12)
    for table, column in (("outreach", "person_id"), ("meetings", "person_id"),
                          ("actions", "person_id")):
        frames[table] = frames[table].assign(**{column: frames[table][column] * 10**12})
    assert_latest_is_the_last_touch(frames, datetime(2026, 3, 31, 18, tzinfo=UTC))


def plain_insights_by_industry(frames, *, since=None, until=None):
    """insights_by_industry as pandas said it, grouping, merging and exploding (the
    reference the fast way is held to)."""
    from infoview.analytics._frames import in_range, table
    from infoview.analytics.activity import (
        TOP_TAGS,
        UNKNOWN_INDUSTRY,
        industry_table,
        meeting_industries,
        no_insights,
    )

    insights = table(frames, "insights")
    meetings = table(frames, "meetings")
    meetings = meetings.loc[in_range(meetings["starts_at"], since, until).to_numpy()]
    insights = insights.loc[insights["meeting_id"].isin(meetings["id"])]
    if insights.empty:
        return no_insights()
    industry = meeting_industries(frames, meetings)
    named = insights["meeting_id"].map(industry).astype("string")
    data = insights.assign(industry=named.fillna(UNKNOWN_INDUSTRY))
    data = data.merge(meetings[["id", "starts_at"]].rename(columns={"id": "meeting_id"}),
                      on="meeting_id")
    data = data.sort_values(["starts_at", "id"])
    grouped = data.groupby("industry", sort=False)
    learned = data.drop_duplicates(["industry", "text"]).groupby("industry", sort=False)[
        "text"].agg(list)
    tags = data[["industry", "tags"]].explode("tags").dropna()
    tag_counts = tags.groupby(["industry", "tags"]).size().reset_index(name="n")
    tag_counts = tag_counts.sort_values(["industry", "n", "tags"], ascending=[True, False, True])
    top_tags = tag_counts.groupby("industry").head(TOP_TAGS).groupby("industry")["tags"].agg(list)
    result = pd.DataFrame({"meetings": grouped["meeting_id"].nunique(),
                           "insights": grouped.size()})
    return industry_table(result, learned, top_tags)


def assert_same_insights(frames, **window) -> None:
    from infoview.analytics.activity import insights_by_industry

    fast, plain = insights_by_industry(frames, **window), plain_insights_by_industry(frames,
                                                                                    **window)
    pd.testing.assert_frame_equal(fast, plain, check_exact=True)
    assert fast.attrs == plain.attrs


@PROPERTY
@given(histories())
def test_insights_by_industry_are_those_pandas_groups(history):
    frames = frames_of(history)
    assert_same_insights(frames)
    assert_same_insights(frames, since=history.now.date())


def test_insights_by_industry_of_the_sample_history(sample_frames):
    assert_same_insights(sample_frames)
    assert_same_insights(sample_frames, since=date(2026, 2, 1), until="2026-03-15")
    frames = dict(sample_frames)
    insights = frames["insights"].copy()
    insights["tags"] = [["a", None, "b"], "solo", None, [], ("a",)] * (len(insights) // 5) + \
        [["b"]] * (len(insights) % 5)
    insights.loc[insights.index[:4], "text"] = insights["text"].iloc[5]  # repeated texts
    insights.loc[insights.index[6:9], "text"] = pd.NA  # missing ones, one text among them
    frames["insights"] = insights
    assert_same_insights(frames)


def plain_meeting_industries(frames, meetings):
    """meeting_industries converting every meeting's value (the reference)."""
    from infoview.analytics._frames import lookup, org_keys, table

    people, orgs = table(frames, "people"), table(frames, "organizations")
    org_industry = orgs.assign(key=org_keys(orgs["name"])).dropna(subset=["industry"])
    org_industry = org_industry.drop_duplicates("key").set_index("key")["industry"]
    their_orgs = lookup(meetings["person_id"], people.set_index("id")["organization"])
    via_org = org_keys(their_orgs).map(org_industry)
    own = meetings["industry"].astype("string").str.strip().replace("", None)
    return pd.Series(own.fillna(via_org.astype("string")).to_numpy(),
                     index=meetings["id"].to_numpy(), dtype="string")


def assert_same_industries(frames) -> None:
    from infoview.analytics._frames import table
    from infoview.analytics.activity import meeting_industries

    meetings = table(frames, "meetings")
    pd.testing.assert_series_equal(meeting_industries(frames, meetings),
                                   plain_meeting_industries(frames, meetings), check_exact=True)


@PROPERTY
@given(histories())
def test_meeting_industries_are_those_of_each_meeting_converted(history):
    assert_same_industries(frames_of(history))


def test_meeting_industries_of_the_sample_history(sample_frames):
    assert_same_industries(sample_frames)
    frames = dict(sample_frames)
    meetings = frames["meetings"].copy()
    meetings.loc[meetings.index[:3], "industry"] = ["  ", " Health ", None]
    frames["meetings"] = meetings
    people = frames["people"].copy()
    people.loc[people.index[:3], "organization"] = [None, "Inc.", "KESTREL health labs, inc."]
    frames["people"] = people
    assert_same_industries(frames)


def plain_person_levels(frames, *, since=None, until=None, channels=None):
    """person_levels as it was written first, sorting every message (the reference)."""
    import numpy as np
    import pandas as pd

    from infoview.analytics._frames import (
        NOT_CONTACTED,
        channel_list,
        flags,
        in_range,
        is_in,
        lookup,
        row_positions,
        table,
    )
    from infoview.analytics.funnel import _OUTCOME_LEVEL

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
    order = np.argsort(sort_key, kind="stable")
    rows_in_order = out_rows[order]
    known = rows_in_order >= 0
    rank = np.full(n, len(order), dtype=np.int64)
    np.minimum.at(rank, rows_in_order[known], np.flatnonzero(known))
    person_rows = np.flatnonzero(rank < len(order))
    first_message = order[rank[person_rows]]
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



def assert_same_levels(frames, **selection) -> None:
    from infoview.analytics.funnel import person_levels

    pd.testing.assert_frame_equal(person_levels(frames, **selection),
                                  plain_person_levels(frames, **selection), check_exact=True)


@PROPERTY
@given(histories())
def test_person_levels_are_those_of_sorting_every_message(history):
    frames = frames_of(history)
    assert_same_levels(frames)
    assert_same_levels(frames, since=history.now.date(), channels=["email", "phone"])


def test_person_levels_of_the_sample_history(sample_frames):
    assert_same_levels(sample_frames)
    assert_same_levels(sample_frames, since="2026-01-01", until="2026-03-01")
    frames = dict(sample_frames)
    outreach = frames["outreach"].copy()  # messages at the same moment, and undated ones
    outreach.loc[outreach.index[1::3], "sent_at"] = outreach["sent_at"].iloc[0]
    outreach.loc[outreach.index[2::5], "sent_at"] = pd.NaT
    frames["outreach"] = outreach
    assert_same_levels(frames)


def plain_advocates_by_org(frames):
    """advocates_by_org as first written, with hashed look-ups and string keys."""
    import pandas as pd

    from infoview.analytics._frames import is_in, org_keys, table
    from infoview.analytics.warmth import KNOWN_SCORES

    people = table(frames, "people")
    meetings = table(frames, "meetings")
    referrals = table(frames, "referrals")
    outreach = table(frames, "outreach")
    affiliations = table(frames, "affiliations")
    ids = pd.Series(people["id"].astype("Int64").to_numpy())
    known = (
        is_in(people["how_known"], tuple(KNOWN_SCORES))
        | people["connected_on"].notna().to_numpy()
        | ids.isin(meetings.loc[is_in(meetings["status"], ["held"]), "person_id"]).to_numpy()
        | ids.isin(referrals["to_person_id"]).to_numpy()
        | ids.isin(outreach.loc[outreach["replied_at"].notna(), "person_id"]).to_numpy()
    )
    now = pd.DataFrame({"person_id": ids, "org": people["organization"].astype("object")})
    work = affiliations.loc[is_in(affiliations["kind"], ["work"]),
                            ["person_id", "organization"]].rename(columns={"organization": "org"})
    links = pd.concat([now, work.astype({"org": "object"})], ignore_index=True).dropna()
    known_ids = set(ids[known].dropna().astype("int64"))
    links = links[links["person_id"].isin(known_ids)]
    if links.empty:
        return pd.Series(dtype="int64")
    links = links.assign(key=org_keys(links["org"])).dropna(subset=["key"])
    return links.drop_duplicates(["key", "person_id"]).groupby("key")["person_id"].size()


def plain_people_progress(frames):
    """_people_progress as first written, grouping by the string keys."""
    import pandas as pd

    from infoview.analytics._frames import flags, is_in, org_keys, row_positions, table

    people = table(frames, "people")
    outreach = table(frames, "outreach")
    meetings = table(frames, "meetings")
    ids = people["id"].to_numpy(dtype="int64")
    contacted = flags(row_positions(outreach["person_id"], ids), len(ids))
    met = flags(row_positions(meetings.loc[is_in(meetings["status"], ["held"]), "person_id"], ids), len(ids))
    data = pd.DataFrame({
        "key": org_keys(people["organization"]).to_numpy(),
        "found": True,
        "contacted": contacted,
        "met": met,
    })
    data = data.dropna(subset=["key"])
    grouped = data.groupby("key")
    return pd.DataFrame({
        "people_found": grouped["found"].sum(),
        "contacted": grouped["contacted"].sum(),
        "met": grouped["met"].sum(),
    })


def assert_same_targets(frames) -> None:
    targets_module = importlib.import_module("infoview.analytics.targets")

    fast = targets_module.targets(frames)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(targets_module, "advocates_by_org", plain_advocates_by_org)
        patch.setattr(targets_module, "_people_progress", plain_people_progress)
        plain = targets_module.targets(frames)
    pd.testing.assert_frame_equal(fast, plain, check_exact=True)


def assert_same_id_flags(ids, keys) -> None:
    from infoview.analytics._frames import id_flags

    assert id_flags(ids, keys).tolist() == ids.isin(keys.dropna()).tolist()


@PROPERTY
@given(histories())
def test_targets_and_advocacy_are_those_of_grouping_by_name(history):
    assert_same_targets(frames_of(history))


def test_targets_and_advocacy_of_the_sample_history(sample_frames):
    assert_same_targets(sample_frames)
    frames = dict(sample_frames)
    people = frames["people"].copy()
    people.loc[people.index[:4], "organization"] = [None, "Inc.", "ACME", "acme, inc."]
    frames["people"] = people
    assert_same_targets(frames)


@pytest.mark.parametrize("ids, keys", [
    ([1, 2, 3, 2], [2, None]), ([5, 10**12, 7], [10**12, 5, 5]), ([], [1]), ([1, 2], []),
    ([3, None, 4], [4, None]),
])
def test_id_flags_are_isin(ids, keys):
    assert_same_id_flags(pd.Series(ids, dtype="Int64"), pd.Series(keys, dtype="Float64"))


def plain_conversations(outreach):
    """_conversations as first written, putting the openings back in order by sorting."""
    import numpy as np
    import pandas as pd

    from infoview.analytics._frames import is_in
    from infoview.analytics.replies import ASKING_KINDS

    never = np.iinfo(np.int64).max

    def stamps(series):  # int64 nanoseconds, missing ones last
        values = series.to_numpy(dtype="datetime64[ns]").astype(np.int64)
        values[series.isna().to_numpy()] = never
        return values

    person = pd.to_numeric(outreach["person_id"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    person = np.where(np.isnan(person), -1, person).astype(np.int64)
    # lexsort is stable: messages sent at the same moment keep the store's (id) order
    order = np.lexsort((stamps(outreach["sent_at"]), person))
    who = person[order]
    asking = is_in(outreach["kind"], ASKING_KINDS)[order]
    first = np.ones(len(who), dtype=bool)
    first[1:] = who[1:] != who[:-1]
    segment = np.cumsum(first) - 1
    has_asking = np.bincount(segment, weights=asking, minlength=int(first.sum())) > 0
    opening = asking | (first & ~has_asking[segment])
    count = np.cumsum(opening)
    # openings so far for this person: the running count less the count before the person
    before = (count - opening)[first]
    conversation = np.where(count - before[segment] > 0, count - 1, -1)
    replied = stamps(outreach["replied_at"])[order]
    inside = conversation >= 0
    first_reply = np.full(int(count[-1]) if len(count) else 0, never, dtype=np.int64)
    if inside.any():
        conv, reply = conversation[inside], replied[inside]
        starts = np.flatnonzero(np.r_[True, conv[1:] != conv[:-1]])
        first_reply[conv[starts]] = np.minimum.reduceat(reply, starts)
    rows = order[opening]
    back = np.argsort(rows, kind="stable")  # the openings in the table's own order
    rows = rows[back]
    opened = outreach[["id", "person_id", "channel", "sent_at"]].iloc[rows].copy()
    reply_ns = first_reply[conversation[opening]][back]
    replies = pd.to_datetime(np.where(reply_ns == never, np.datetime64("NaT", "ns"),
                                      reply_ns.astype("datetime64[ns]")), utc=True)
    opened["replied_at"] = pd.Series(replies, index=opened.index).astype(outreach["replied_at"].dtype)
    return opened


def assert_same_conversations(frames) -> None:
    replies = importlib.import_module("infoview.analytics.replies")
    for selection in ({}, {"channels": ["email"]}):
        fast = replies.asking_messages(frames, **selection)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(replies, "_conversations", plain_conversations)
            plain = replies.asking_messages(frames, **selection)
        pd.testing.assert_frame_equal(fast, plain, check_exact=True)


@PROPERTY
@given(histories())
def test_conversations_are_those_of_sorting_the_openings_back(history):
    assert_same_conversations(frames_of(history))


def test_conversations_of_the_sample_history(sample_frames):
    assert_same_conversations(sample_frames)


def plain_stage_counts(levels, codes, groups):
    """The funnel's counts per stage as first written: one mask per stage, summed per group
    (the reference the counts by level are held to)."""
    import numpy as np

    reached = {
        "identified": np.ones(len(levels), dtype=bool),
        "contacted": levels["contact"] >= 1, "replied": levels["contact"] >= 2,
        "met": levels["contact"] >= 3, "referred someone": levels["referred"],
        "lead": levels["result"] >= 1, "application": levels["result"] >= 2,
        "interview": levels["result"] >= 3, "offer": levels["result"] >= 4,
    }
    return {stage: np.bincount(codes, weights=np.asarray(mask, dtype="float64"),
                               minlength=groups).astype(np.int64)
            for stage, mask in reached.items()}


def assert_same_funnels(frames, **selection) -> None:
    funnel_module = importlib.import_module("infoview.analytics.funnel")
    for by in (None, "channel", "warmth"):
        fast = funnel_module.funnel(frames, by=by, **selection)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(funnel_module, "_stage_counts", plain_stage_counts)
            plain = funnel_module.funnel(frames, by=by, **selection)
        pd.testing.assert_frame_equal(fast, plain, check_exact=True)
        assert fast.attrs == plain.attrs


@PROPERTY
@given(histories())
def test_the_funnels_counts_by_level_are_those_of_a_mask_per_stage(history):
    frames = frames_of(history)
    assert_same_funnels(frames)
    assert_same_funnels(frames, since=history.now.date(), channels=["email"])


def test_the_funnels_of_the_sample_history(sample_frames):
    assert_same_funnels(sample_frames)
    assert_same_funnels(sample_frames, since=date(2026, 2, 1), until="2026-03-15")
