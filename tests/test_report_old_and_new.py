"""The outcomes report made faster says byte for byte what it said before.

Each place the report was sped up (issue 22) keeps its former, plain definition here, in
the test only: the report is built once with the former definitions put back and once as
it is, and the two pages must be the same text, on the sample history, on a store made by
hand with the oddities a store can hold (missing values, ties, deleted rows, moments typed
in several time zones, more rows than a table shows), and on stores hypothesis draws, each
page read on the clock of several zones.
"""

from __future__ import annotations

import importlib
import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from _store_histories import ZONES, histories, save
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview.analytics import activity, followup, replies, report
from infoview.analytics._frames import is_in, timestamp, with_message
from infoview.analytics.inputs import FramesInputs
from infoview.demo.history import generate_sample
from infoview.flows.actions import followup_frames
from infoview.flows.outcomes import report_inputs
from infoview.models import Action, Insight, Meeting, Organization, Outreach, Person, Referral
from infoview.store import Store

# the module (the package's ``funnel`` is the function of that name)
funnel_module = importlib.import_module("infoview.analytics.funnel")
NOW = datetime(2026, 3, 31, 18, tzinfo=UTC)
PAGE_ZONES = [UTC, ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Etc/GMT+12"),
              ZoneInfo("America/St_Johns"), timezone(timedelta(hours=5, minutes=30))]


# ---- the former definitions -----------------------------------------------------------------

def former_in_words(df):
    """report._in_words as it was, run over the whole frame."""
    import pandas as pd

    changes = {c: df[c].map(lambda v, words=words: words.get(v, v) if isinstance(v, str) else v)
               for c, words in report._CODE_WORDS.items() if c in df.columns}
    changes.update({c: df[c].map(lambda v: None if pd.isna(v) else int(v))
                    for c in report._DAY_COUNTS if c in df.columns})
    return df.assign(**changes) if changes else df


def former_table_view(df, *, columns=None, max_rows=report.MAX_ROWS, highlight=None, zone=UTC,
                      empty="Nothing to show yet.", headers=None):
    """report.table_view as it was: every row put in words, then the first shown (its cells
    and headers written as the page writes them now)."""
    from infoview.analytics._frames import message

    if df is None or len(df) == 0:
        return {"message": message(df) if df is not None else empty,
                "columns": [], "rows": [], "more": 0}
    shown = former_in_words(df[columns] if columns else df)
    marks = df[highlight].head(max_rows).tolist() if highlight in df.columns else [False] * len(df)
    labels = (shown.iloc[:, 0].astype(str).tolist() if list(shown.columns[1:]) == ["value"]
              else None)
    rows = []
    for n, (record, mark) in enumerate(zip(shown.head(max_rows).to_dict("records"), marks,
                                           strict=False)):
        rows.append({
            "cells": [report._cell(record[c], labels[n] if labels and c == "value" else c, zone)
                      for c in shown.columns],
            "highlight": bool(mark) if highlight else False,
        })
    return {"message": None,
            "columns": [report.column_words(c, headers) for c in shown.columns],
            "rows": rows, "more": max(0, len(df) - max_rows)}


def former_days_late(late, now, zone):
    """report._days_late as it was: each due moment's day found one by one in Python."""
    import pandas as pd

    if late is None or len(late) == 0:
        return late
    today = (timestamp(now) or pd.Timestamp.now(tz="UTC")).tz_convert(zone).date()
    days = [None if pd.isna(due) else (today - due.tz_convert(zone).date()).days
            for due in late["due"]]
    return late.assign(days_overdue=days)


def former_meeting_industries(frames, meetings=None):
    """activity.meeting_industries as it was: each meeting's organization keyed anew."""
    import pandas as pd

    from infoview.analytics._frames import lookup, org_keys, table

    meetings = table(frames, "meetings") if meetings is None else meetings
    people = table(frames, "people")
    orgs = table(frames, "organizations")
    org_industry = orgs.assign(key=org_keys(orgs["name"])).dropna(subset=["industry"])
    org_industry = org_industry.drop_duplicates("key").set_index("key")["industry"]
    their_orgs = lookup(meetings["person_id"],
                        pd.Series(people["organization"].array, index=people["id"].array))
    via_org = activity._each_value(their_orgs, lambda o: org_keys(o).map(org_industry))
    own = activity._each_value(meetings["industry"], lambda i: i.astype("string").str.strip()
                               .replace("", None))
    return pd.Series(own.fillna(via_org.astype("string")).to_numpy(),
                     index=meetings["id"].to_numpy(), dtype="string")


def former_top_tags(group, tags, groups):
    """activity._top_tags as it was: each row's list made a key, rows alike counted together."""
    from itertools import chain

    import numpy as np
    import pandas as pd

    if set(map(type, tags)) <= {list}:
        keys = list(map(tuple, tags))
    else:
        keys = [tuple(activity._tag_list(t)) for t in tags]
    lists, distinct = pd.factorize(np.fromiter(keys, dtype=object, count=len(keys)))
    per_row = np.asarray(group, dtype=np.int64) * max(len(distinct), 1) + lists
    pair, rows = np.unique(per_row, return_counts=True)
    pair_group, pair_list = np.divmod(pair, max(len(distinct), 1))
    lengths = np.fromiter(map(len, distinct), dtype=np.int64, count=len(distinct))[pair_list]
    flat = np.empty(int(lengths.sum()), dtype=object)
    flat[:] = list(chain.from_iterable(distinct[k] for k in pair_list.tolist()))
    owner, weight = np.repeat(pair_group, lengths), np.repeat(rows, lengths)
    codes, uniques = pd.factorize(flat)
    keep = codes >= 0
    width = max(len(uniques), 1)
    pairs, inverse = np.unique(owner[keep] * width + codes[keep], return_inverse=True)
    counts = np.bincount(inverse.reshape(-1), weights=weight[keep], minlength=len(pairs))
    counts = counts.astype(np.int64)
    owners, tag_codes = np.divmod(pairs, width)
    rank = np.empty(len(uniques), dtype=np.int64)
    rank[sorted(range(len(uniques)), key=uniques.__getitem__)] = np.arange(len(uniques))
    top: list[list] = [[] for _ in range(groups)]
    for g, code in zip(*(a[np.lexsort((rank[tag_codes], -counts, owners))].tolist()
                         for a in (owners, tag_codes)), strict=True):
        if len(top[g]) < activity.TOP_TAGS:
            top[g].append(uniques[code])
    return top


def former_top_tags_by_row(group, tags, order, groups):
    """activity._top_tags_by_row as it was: the tags read in the meetings' order."""
    return former_top_tags(group, tags[order], groups)


def former_rows_where(df, mask):
    """_frames.rows_where as it was: the rows taken, every one when all are kept."""
    import numpy as np

    return df.loc[np.asarray(mask, dtype=bool)].copy()


def former_by_due_then_id(actions):
    """followup.by_due_then_id as it was: pandas' sort on the two columns."""
    return actions.sort_values(["due", "id"])


def former_open_promises(frames, *, now=None):
    """followup.open_promises as it was: every open action listed and sorted, then the
    promises picked out."""
    actions = followup.due_actions(frames, now=now)
    promises = actions.loc[is_in(actions["kind"], ["promise"])].reset_index(drop=True)
    if promises.empty:
        promises.attrs.clear()
        return with_message(promises, "no promise waiting to be kept.")
    return promises


def former_follow_up_health(frames, *, since=None, until=None, now=None):
    """followup.follow_up_health as it was: the open actions counted from due_actions."""
    import pandas as pd

    thanks = followup.thank_you_timeliness(frames, since=since, until=until, now=now)
    held = len(thanks)
    rows = [
        ("meetings held", held),
        *followup.thank_you_rows(thanks),  # (the thank-yous not yet due: a later rule)
        ("open actions", len(followup.due_actions(frames, now=now))),
        ("overdue actions", len(followup.overdue_actions(frames, now=now))),
        ("promises not yet kept", len(followup.open_promises(frames, now=now))),
        ("leads not yet contacted", len(followup.uncontacted_leads(frames))),
        ("people losing touch", len(followup.stale_contacts(frames, now=now))),
    ]
    return pd.DataFrame(rows, columns=["check", "value"], dtype=object)


FORMER = {(report, "table_view"): former_table_view, (report, "_days_late"): former_days_late,
          (activity, "meeting_industries"): former_meeting_industries,
          (activity, "_top_tags"): former_top_tags,
          (activity, "_top_tags_by_row"): former_top_tags_by_row,
          (followup, "by_due_then_id"): former_by_due_then_id,
          (followup, "open_promises"): former_open_promises,
          (followup, "follow_up_health"): former_follow_up_health,
          **{(module, "rows_where"): former_rows_where for module in (activity, funnel_module, replies)}}


def pages(src: FramesInputs, zone: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """(the page as built now, the page by the former definitions) of ``src``."""
    now = report.build_report(src, zone=zone)
    with monkeypatch.context() as patch:
        for (module, name), former in FORMER.items():
            patch.setattr(module, name, former)
        before = report.build_report(src, zone=zone)
    return now, before


def assert_same_pages(src: FramesInputs, monkeypatch: pytest.MonkeyPatch,
                      zones: list[Any] = PAGE_ZONES) -> None:
    for zone in zones:
        now, before = pages(src, zone, monkeypatch)
        assert now == before, f"the page on the clock of {zone} changed"


# ---- stores -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("old-new") / "sample.sqlite"
    with Store.open(path) as store:
        generate_sample(store, seed=7, today=date(2026, 3, 31))
    return path


@pytest.mark.parametrize("selection", [
    {}, {"since": date(2026, 1, 1)}, {"until": "2026-02-15", "channels": ["email"]},
], ids=["all", "since", "until and a channel"])
def test_the_sample_report_is_what_it_was(sample, selection, monkeypatch):
    with Store.open(sample) as store:
        assert_same_pages(report_inputs(store, now=NOW, **selection), monkeypatch)


def odd_store(path: Path) -> Store:
    """A store with what a table may hold that a sample history does not: more overdue
    actions than a table shows, due at one moment (ties) and on days that differ by zone,
    missing values, deleted rows, names in capitals and spaces."""
    store = Store.open(path)
    zones = [UTC, ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Etc/GMT+12"),
             ZoneInfo("America/St_Johns"), timezone(timedelta(hours=-3, minutes=-30))]
    store.add(Organization(name="ACME ", industry="Health"))
    store.add(Organization(name="acme, inc.", industry=None))
    store.add(Organization(name="Kestrel", industry="  "))
    store.add(Organization(name=" Inc.", industry="Retail"))  # a name with no key
    people = [store.add(Person(name=name, organization=org, how_known=warmth,
                               keep_in_touch_days=days, keep_in_touch_max_days=most)).id
              for name, org, warmth, days, most in [
                  ("Ada", "Acme", "referral", 0, 0), ("Bo", "ACME ", "cold", 1, 2**40),
                  ("Cy", None, "alumni", 60, 1), ("Di", "kestrel", "friend", 36500, 90),
                  ("Ed", "", "event", 2**31, 90), ("Fi", "Nowhere", "colleague", 7, 14)]]
    meetings = []
    for n, person in enumerate(people * 2):
        start = datetime(2026, 1, 1 + n, 23, 30, tzinfo=zones[n % len(zones)])
        meetings.append(store.add(Meeting(
            person_id=person, starts_at=start, status=["held", "cancelled", "held", "no_show",
                                                       "scheduled"][n % 5],
            industry=[None, "Finance", "", None, "health"][n % 5], planned_minutes=45)).id)
        store.add(Insight(meeting_id=meetings[-1], text=["Ask early", "Ask early", "nan", ""][n % 4],
                          tags=[["pay", "hiring"], [], ["pay"], ["Pay", ""]][n % 4]))
    for n, person in enumerate(people * 3):
        sent = datetime(2026, 1, 2 + n % 9, 8 + n % 3, 0, tzinfo=zones[n % len(zones)])
        store.add(Outreach(person_id=person, channel=["email", "linkedin", "phone"][n % 3],
                           kind=["request", "follow_up", "thanks", "referred_intro"][n % 4],
                           sent_at=sent if n % 7 else None,
                           replied_at=sent + timedelta(hours=n) if n % 2 else None))
    store.add(Referral(from_person_id=people[0], to_person_id=people[5], may_mention="yes",
                       contact_by="host", created_at=datetime(2026, 2, 1, tzinfo=UTC)))
    store.add(Referral(from_person_id=people[1], to_person_id=people[5], may_mention="unknown",
                       contact_by="user", created_at=datetime(2026, 2, 1, tzinfo=UTC)))
    # 40 overdue actions: some due at the same moment, around midnight in several zones
    for n in range(40):
        due = datetime(2026, 3, 1 + n % 20, 23 if n % 2 else 0, 30, tzinfo=zones[n % len(zones)])
        store.add(Action(what=f"Write to {n}", kind=["promise", "thank_you", "other",
                                                     "follow_up"][n % 4],
                         owner=["user", "host"][n % 2], due=due,
                         person_id=people[n % len(people)] if n % 3 else None,
                         meeting_id=meetings[n % len(meetings)] if n % 3 != 1 else None))
    gone = store.add(Action(what="Deleted", kind="other", owner="user",
                            due=datetime(2026, 3, 2, tzinfo=UTC), person_id=people[0]))
    store.execute("DELETE FROM actions WHERE id = ?", (gone.id,))
    store.execute("DELETE FROM outreach WHERE id IN (SELECT id FROM outreach LIMIT 2)")
    return store


def test_a_store_with_odd_values_gives_the_page_it_gave(tmp_path, monkeypatch):
    with odd_store(tmp_path / "odd.sqlite") as store:
        src = report_inputs(store, now=NOW)
        assert len(src.overdue_actions()) > report.MAX_ROWS  # more rows than a table shows
        assert_same_pages(src, monkeypatch)
        every = FramesInputs(followup_frames(store, now=NOW, frames=store.frames()), now=NOW)
        assert_same_pages(every, monkeypatch, zones=[UTC])


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(history=histories(), zone=ZONES, days=st.sampled_from([0, 45]))
def test_any_store_gives_the_page_it_gave(history, zone, days, monkeypatch):
    with tempfile.TemporaryDirectory() as folder, save(history, Path(folder) / "s.sqlite") as store:
        since = (history.now - timedelta(days=days)).date() if days else None
        src = report_inputs(store, now=history.now, since=since)
        assert_same_pages(src, monkeypatch, zones=[zone, UTC])


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.tuples(st.sampled_from([-1, 0, 1, 2, 7, 2**40, -(2**40)]),
                               st.sampled_from([0, 1, 1, 5, -3, 2**63 - 1])), max_size=40))
def test_rows_by_person_then_moment_as_lexsort_orders_them(rows):
    import numpy as np

    from infoview.analytics.replies import person_time_order

    person = np.array([p for p, _ in rows], dtype=np.int64)
    moment = np.array([m for _, m in rows], dtype=np.int64)
    assert person_time_order(person, moment).tolist() == np.lexsort((moment, person)).tolist()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=histories())
def test_each_meetings_industry_is_what_it_was(history):
    import pandas as pd

    with tempfile.TemporaryDirectory() as folder, save(history, Path(folder) / "s.sqlite") as store:
        frames = store.frames()
    pd.testing.assert_series_equal(activity.meeting_industries(frames),
                                   former_meeting_industries(frames), check_exact=True)


TAG = st.sampled_from(["pay", "Pay", "hiring", "nan", "", " ", "zoë", "a", "b", "c", "d", "e"])


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.tuples(st.integers(0, 3), st.one_of(
    st.lists(st.one_of(TAG, st.none()), max_size=6),  # the store's lists (and a missing entry)
    st.none(), TAG)), max_size=40), as_lists=st.booleans())
def test_the_top_tags_of_each_group_are_what_they_were(rows, as_lists):
    import numpy as np

    if as_lists:  # only lists, as the store hands them over
        rows = [(g, t if isinstance(t, list) else []) for g, t in rows]
    group = np.array([g for g, _ in rows], dtype=np.int64)
    tags = np.empty(len(rows), dtype=object)
    tags[:] = [t for _, t in rows]
    assert activity._top_tags(group, tags, 4) == former_top_tags(group, tags, 4)


MOMENT = st.sampled_from([None, -(2**62), -1, 0, 1, 1, 86_400_000_000, 2**62])


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.tuples(MOMENT, st.sampled_from([None, -5, 0, 1, 1, 2, 2**62])),
                     max_size=40), masked=st.booleans())
def test_actions_by_due_then_id_as_pandas_sorts_them(rows, masked):
    import pandas as pd

    due = pd.Series([pd.NaT if m is None else pd.Timestamp(m, unit="us", tz="UTC")
                     for m, _ in rows], dtype="datetime64[us, UTC]")
    ids = [i for _, i in rows]
    if not masked:  # plain int64 ids, as a frame made by hand may hold them
        ids = [0 if i is None else i for i in ids]
    actions = pd.DataFrame({"due": due, "id": pd.Series(ids, dtype="Int64" if masked else "int64"),
                            "row": range(len(rows))}, index=[7 * n for n in range(len(rows))])
    pd.testing.assert_frame_equal(followup.by_due_then_id(actions),
                                  former_by_due_then_id(actions))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(history=histories())
def test_open_and_overdue_actions_are_what_they_were(history, monkeypatch):
    import pandas as pd

    with tempfile.TemporaryDirectory() as folder, save(history, Path(folder) / "s.sqlite") as store:
        frames = followup_frames(store, now=history.now, frames=store.frames())
    now = history.now
    made = {name: getattr(followup, name)(frames, now=now)
            for name in ("open_promises", "overdue_actions", "due_actions", "follow_up_health")}
    with monkeypatch.context() as patch:
        for (module, name), former in FORMER.items():
            patch.setattr(module, name, former)
        before = {name: getattr(followup, name)(frames, now=now) for name in made}
    for name, result in made.items():
        pd.testing.assert_frame_equal(result, before[name], check_exact=True, obj=name)
        assert result.attrs == before[name].attrs, name


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.tuples(st.integers(0, 3), st.one_of(
    st.lists(st.one_of(TAG, st.none()), max_size=6),
    st.lists(st.sampled_from([1, True, 1.0, 2, None]), max_size=4),  # equal, and not text
    st.none(), TAG)), max_size=40), data=st.data())
def test_the_top_tags_read_in_the_tables_order_are_those_of_the_meetings_order(rows, data):
    import numpy as np

    tags = np.empty(len(rows), dtype=object)
    tags[:] = [t for _, t in rows]
    # the rows of the insights in the meetings' order: some left out, some twice (a
    # meeting id held by two meetings), in any order
    order = np.array(data.draw(st.lists(st.integers(0, max(len(rows) - 1, 0)),
                                        max_size=2 * len(rows))) if rows else [], dtype=np.int64)
    group = np.array([rows[r][0] for r in order], dtype=np.int64)
    try:
        before = former_top_tags_by_row(group, tags, order, 4)
    except TypeError:  # text and numbers among the tags cannot be sorted: the same error
        with pytest.raises(TypeError):
            activity._top_tags_by_row(group, tags, order, 4)
        return
    assert activity._top_tags_by_row(group, tags, order, 4) == before


@pytest.mark.parametrize("order", [[0, 1], [1, 0], [1, 0, 1]])
def test_tags_equal_but_not_text_show_the_one_first_in_the_meetings_order(order):
    import numpy as np

    tags = np.empty(2, dtype=object)
    tags[:] = [[1], [True]]  # one tag to pandas' counting, two values to a reader
    order = np.array(order)
    group = np.zeros(len(order), dtype=np.int64)
    shown = activity._top_tags_by_row(group, tags, order, 1)
    assert shown == former_top_tags_by_row(group, tags, order, 1)
    assert shown[0][0] is tags[order[0]][0]


def test_a_shared_result_changed_by_one_caller_is_whole_for_the_next(sample):
    """The sections share results as shallow copies (pandas copies on write): whatever
    one caller does to its copy, the next gets the result as it was made."""
    import pandas as pd

    from infoview.analytics._frames import sharing

    with Store.open(sample) as store:
        frames = followup_frames(store, now=NOW, frames=store.frames())
    made = followup.overdue_actions(frames, now=NOW)
    assert len(made) > 2
    with sharing():
        first = followup.overdue_actions(frames, now=NOW)
        first.loc[first.index[0], "what"] = "changed by a caller"
        first.iloc[1, 0] = -1
        first["kind"] = "other"
        first.attrs["message"] = "changed"
        first.sort_values("id", ascending=False, inplace=True)
        pd.testing.assert_frame_equal(followup.overdue_actions(frames, now=NOW), made)
        column = followup.overdue_actions(frames, now=NOW)["due"]
        column.iloc[0] = pd.Timestamp("2000-01-01", tz="UTC")
        pd.testing.assert_frame_equal(followup.overdue_actions(frames, now=NOW), made)
