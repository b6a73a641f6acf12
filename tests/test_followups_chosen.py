"""The 3B7 follow-ups computed from the records chosen in SQL (only recent unanswered
requests, the latest people written to at their organizations, the first never written to),
and from the same records chosen in the frames a digest or report has read, are exactly
those computed from every record, on the bundled sample, on stores hypothesis draws, and on
hand-made organizations where each choice matters."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from _store_histories import histories, save
from hypothesis import HealthCheck, given, settings

from infoview.analytics.digest import DIGEST_COLUMNS
from infoview.analytics.inputs import REPORT_COLUMNS, unread_columns
from infoview.demo.history import generate_sample
from infoview.flows import actions as flows_actions
from infoview.flows.actions import computed_followups, routine_records_since
from infoview.flows.routine import routine_records_in_frames
from infoview.models import Action, Meeting, Outreach, Person
from infoview.store import Store

NOW = datetime(2026, 3, 31, 18, tzinfo=UTC)


def _plain(result) -> tuple:
    actions, stale = result
    return [a.to_dict() for a in actions], sorted(stale)


def both_ways(store: Store, now: datetime, monkeypatch) -> tuple:
    """(from the records chosen in SQL, from every record), as plain values; the records
    chosen in each kind of frames (every column, the digest's, the report's) give the same
    as SQL, and none is chosen from frames that lack a column."""
    chosen = _plain(computed_followups(store, now=now))
    with monkeypatch.context() as patch:
        patch.setattr(flows_actions, "routine_records_since", lambda *_args: None)
        every = _plain(computed_followups(store, now=now))
        with store.reading():
            for columns in (None, DIGEST_COLUMNS, REPORT_COLUMNS):
                frames = (store.frames() if columns is None else
                          store.frames(tables=columns, skip=unread_columns(columns)))
                assert _plain(computed_followups(store, now=now, frames=frames)) == chosen
            lacking = store.frames(tables=["outreach", "people", "meetings"],
                                   skip={"outreach": ["kind"]})
            assert routine_records_in_frames(lacking, store, now.date(), []) is None
    return chosen, every


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "s.sqlite") as s:
        yield s


def test_the_sample_gives_the_same_follow_ups_both_ways_on_many_days(tmp_path, monkeypatch):
    with Store.open(tmp_path / "sample.sqlite") as store:
        generate_sample(store, seed=7, today=date(2026, 3, 31))
        seen = 0
        for days in range(-120, 20, 9):
            chosen, every = both_ways(store, NOW + timedelta(days=days), monkeypatch)
            assert chosen == every
            seen += len(every[0])
        assert seen > 10  # the sample has unanswered requests on most of those days


def _request(store: Store, person: Person, sent: datetime, **extra) -> Outreach:
    return store.add(Outreach(person_id=person.saved_id, kind="request", sent_at=sent, **extra))


def test_each_choice_in_sql_keeps_the_follow_ups_of_every_record(store, monkeypatch):
    day = timedelta(days=1)
    at = {name: store.add(Person(name=name, organization=org)) for name, org in [
        ("Ada", "Acme"), ("Bea", "ACME "), ("Cy", "acme"), ("Dee", "Acme"), ("Eve", "Acme"),
        ("Fay", "Kestrel"), ("Gus", "Kestrel"), ("Hal", "Kestrel"), ("Ivy", "Orbit"),
        ("Jo", "Orbit"), ("Kit", None), ("Lu", "Orbit"), ("Mo", "Vega"), ("Ned", "Umbra"),
        ("Oz", "umbra")]}
    # Acme: Ada asked (no answer); Bea (ACME, the same organization) asked later and
    # answered, so she is no candidate but shows someone was written to since Ada's request
    _request(store, at["Ada"], NOW - 20 * day)
    _request(store, at["Bea"], NOW - 15 * day, replied_at=NOW - 14 * day)
    # Cy and Dee were never written to: Cy (the first) is the one to write to next
    # Kestrel: Fay asked long ago and again lately (3B7 counts from her first request);
    # Gus asked lately; Hal agreed a meeting after his request (an answer)
    _request(store, at["Fay"], NOW - 400 * day)
    _request(store, at["Fay"], NOW - 10 * day)
    _request(store, at["Gus"], NOW - 12 * day)
    _request(store, at["Hal"], NOW - 11 * day)
    store.add(Meeting(person_id=at["Hal"].saved_id, starts_at=NOW + 3 * day, status="scheduled"))
    # Orbit: Ivy asked long ago, and a stored 3B7 action still open keeps her in view;
    # Jo was followed up; Kit has no organization
    _request(store, at["Ivy"], NOW - 300 * day)
    store.add(Action(what="Follow up with Ivy", kind="follow_up", person_id=at["Ivy"].saved_id,
                     due=NOW - 290 * day))
    _request(store, at["Jo"], NOW - 13 * day)
    store.add(Outreach(person_id=at["Jo"].saved_id, kind="follow_up", sent_at=NOW - 2 * day))
    _request(store, at["Kit"], NOW - 9 * day)
    # Vega: Mo agreed a meeting not yet given a time (an answer too)
    _request(store, at["Mo"], NOW - 8 * day)
    store.add(Meeting(person_id=at["Mo"].saved_id, starts_at=None, status="scheduled"))
    # Umbra: Oz (who answered) was written to at the very moment of Ned's request
    _request(store, at["Ned"], NOW - 7 * day)
    _request(store, at["Oz"], NOW - 7 * day, replied_at=NOW - 6 * day)
    for days in (0, 5, 10, 25, 60):
        chosen, every = both_ways(store, NOW + days * day, monkeypatch)
        assert chosen == every
    texts = " | ".join(a["what"] for a in both_ways(store, NOW, monkeypatch)[0][0])
    assert "write to Cy, also at Acme" not in texts  # Bea was written to since Ada asked
    assert "Follow up with Ada" in texts and "Follow up with Gus" in texts
    assert "Hal" not in texts and "Follow up with Jo" not in texts
    since = (NOW - 51 * day).date()
    picked = routine_records_since(store, since, flows_actions._stored_routine_actions(store))
    assert picked is not None
    in_frames = routine_records_in_frames(store.frames(), store, since,
                                          flows_actions._stored_routine_actions(store))
    assert in_frames is not None
    assert [[r.to_dict() for r in part] for part in in_frames[:3]] == \
        [[r.to_dict() for r in part] for part in picked[:3]] and in_frames[3] == picked[3]
    outreach, people, _meetings, keep = picked
    names = {p.name for p in people}
    assert {"Ada", "Gus", "Kit", "Ivy", "Cy"} <= names  # candidates, kept, next to write to
    assert "Eve" not in names  # never written to, but after Dee (the first written "Acme")
    # Hal answered: no candidate, only one of the two last written to at Kestrel
    assert [r.kind for r in outreach if r.person_id == at["Hal"].saved_id] == ["other"]
    assert at["Ivy"].saved_id in keep and at["Lu"].saved_id in keep  # Orbit, kept whole
    assert at["Mo"].saved_id not in {r.person_id for r in outreach if r.kind == "request"}
    assert [r.kind for r in outreach if r.person_id == at["Oz"].saved_id] == ["other"]


def test_a_time_typed_by_hand_in_another_form_falls_back_to_every_record(store, monkeypatch):
    person = store.add(Person(name="Ada", organization="Acme"))
    _request(store, person, NOW - timedelta(days=9))
    store.execute("UPDATE outreach SET sent_at = '2026-03-22 10:00:00+02:00'")
    assert routine_records_since(store, (NOW - timedelta(days=51)).date(), []) is None
    assert routine_records_in_frames(store.frames(), store, (NOW - timedelta(days=51)).date(),
                                     []) is None
    chosen, every = both_ways(store, NOW, monkeypatch)
    assert chosen == every and chosen[0]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=histories())
def test_any_store_gives_the_same_follow_ups_both_ways(history):
    with tempfile.TemporaryDirectory() as folder, \
            save(history, Path(folder) / "s.sqlite") as store, \
            pytest.MonkeyPatch.context() as patch:
        chosen = computed_followups(store, now=history.now)
        in_frames = computed_followups(store, now=history.now, frames=store.frames())
        patch.setattr(flows_actions, "routine_records_since", lambda *_args: None)
        every = computed_followups(store, now=history.now)
    assert [a.to_dict() for a in chosen[0]] == [a.to_dict() for a in every[0]]
    assert [a.to_dict() for a in in_frames[0]] == [a.to_dict() for a in every[0]]
    assert chosen[1] == every[1] == in_frames[1]
