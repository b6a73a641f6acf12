"""The report and the digest read from the store (``infoview report`` and ``digest``:
only the columns their analytics read, the questions summed up in SQL, one snapshot) say
exactly what they say built from every frame, table by table and byte for byte; and the
people a written file names are found among the few names SQL hands over."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from _store_histories import ODD_TEXT, histories, save
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview.analytics import instore
from infoview.analytics.digest import weekly_digest
from infoview.analytics.inputs import FramesInputs
from infoview.analytics.report import build_report
from infoview.demo.history import generate_sample
from infoview.flows.actions import followup_frames
from infoview.flows.outcomes import report_inputs, store_digest
from infoview.models import Meeting, Person, QuestionAsked
from infoview.store import Store
from infoview.store.exports import candidate_names
from infoview.store.mentions import names_in

NOW = datetime(2026, 3, 31, 18, tzinfo=UTC)
TABLES = ["funnel", "reply_rates", "network_summary", "door_openers", "follow_up_health",
          "overdue_actions", "open_promises", "uncontacted_leads", "stale_contacts",
          "meeting_statuses", "category_effectiveness", "question_effectiveness",
          "activity_by_week", "insights_by_industry", "targets", "headline_figures",
          "referral_drawing"]


def answers(src: FramesInputs) -> dict:
    """Every table and figure the report asks for."""
    out = {}
    for name in TABLES:
        method = getattr(src, name)
        if name == "funnel":
            for by in (None, "channel", "warmth"):
                out[f"funnel {by}"] = method(by)
        elif name == "reply_rates":
            out["replies channel"], out["replies warmth"] = method("channel"), method("warmth")
        elif name == "door_openers":
            out[name] = method(10)
        elif name == "question_effectiveness":
            out[name], out[f"{name} 0"] = method(2), method(0)
        else:
            out[name] = method()
    return out


def assert_same(store_side: dict, frames_side: dict) -> None:
    assert store_side.keys() == frames_side.keys()
    for name, ours in store_side.items():
        theirs = frames_side[name]
        if isinstance(theirs, pd.DataFrame):
            pd.testing.assert_frame_equal(ours, theirs, check_exact=True, obj=name)
            assert ours.attrs == theirs.attrs, name
        else:
            assert ours == theirs, name


def both(store: Store, **selection) -> tuple[FramesInputs, FramesInputs]:
    """(read from the store, from every frame) for one selection."""
    stored = report_inputs(store, now=NOW, **selection)
    frames = followup_frames(store, now=NOW, frames=store.frames())
    return stored, FramesInputs(frames, now=stored.now, **selection)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "sample.sqlite"
    with Store.open(path) as store:
        generate_sample(store, seed=7, today=date(2026, 3, 31))
    return path


@pytest.mark.parametrize("selection", [
    {}, {"since": date(2026, 1, 1)}, {"until": "2026-02-15", "channels": ["email"]},
    {"since": "2025-12-01", "until": date(2026, 3, 1), "channels": ["linkedin", "phone"]},
], ids=["all", "since", "until and a channel", "a window and two channels"])
def test_the_sample_report_read_from_the_store_is_the_report_of_every_frame(sample, selection):
    with Store.open(sample) as store:
        stored, every = both(store, **selection)
        assert_same(answers(stored), answers(every))
        assert build_report(stored) == build_report(every)
        assert stored.frames.skipped["people"]  # it did leave columns unread


def assert_same_digest(store: Store, now: datetime, days: float = 7) -> None:
    ours = store_digest(store, now=now, days=days)
    theirs = weekly_digest(followup_frames(store, now=now, frames=store.frames()), now=now,
                           days=days)
    assert ours.to_dict() == theirs.to_dict()
    for name, table in ours.sections().items():
        pd.testing.assert_frame_equal(table, theirs.sections()[name], check_exact=True, obj=name)
        assert table.attrs == theirs.sections()[name].attrs


@pytest.mark.parametrize("days", [-40, 0, 20, 90])
def test_the_sample_digest_read_from_the_store_is_the_digest_of_every_frame(sample, days):
    with Store.open(sample) as store:
        assert_same_digest(store, NOW + timedelta(days=days), days=7 if days else 30)


def test_questions_with_odd_keys_group_as_pandas_groups_them(tmp_path):
    with Store.open(tmp_path / "q.sqlite") as store:
        person = store.add(Person(name="Ada"))
        meeting = store.add(Meeting(person_id=person.id, status="held", starts_at=NOW))
        for text, bank_id, category, score in [
                ("\u2003What next?\x1c ", None, None, 4), ("What next?", None, "path", 2),
                ("Why?", "q-1", None, None), ("Why not?", "q-1", "Path", 5),
                ("  ", None, "", 3), ("", None, "", None), ("nan", "", "uncategorised", 1)]:
            store.add(QuestionAsked(meeting_id=meeting.id, text=text, question_id=bank_id,
                                    category=category, usefulness=score))
        stored, every = both(store)
        for method in ("category_effectiveness", "question_effectiveness"):
            args = (0,) if method == "question_effectiveness" else ()
            ours, theirs = getattr(stored, method)(*args), getattr(every, method)(*args)
            pd.testing.assert_frame_equal(ours, theirs, check_exact=True)
        # "What next?" stripped is one question; blank texts and the empty bank id are another
        assert len(stored.question_effectiveness(0)) == 3


def test_a_meeting_time_typed_by_hand_is_read_row_by_row(tmp_path):
    with Store.open(tmp_path / "odd.sqlite") as store:
        person = store.add(Person(name="Ada"))
        meeting = store.add(Meeting(person_id=person.id, status="held", starts_at=NOW))
        store.add(QuestionAsked(meeting_id=meeting.id, text="Why?", usefulness=4))
        store.execute("UPDATE meetings SET starts_at = '2026-03-31 20:00:00+02:00'")
        with pytest.raises(instore.OddStore):
            instore.question_figures(store, since="2026-03-01")
        stored, every = both(store, since="2026-03-01")
        assert_same(answers(stored), answers(every))


def test_a_report_reads_one_snapshot_while_another_program_writes(sample, tmp_path):
    path = tmp_path / "copy.sqlite"
    with Store.open(sample) as source, Store.open(path) as copy:
        source._conn.backup(copy._conn)
    with Store.open(path) as store, Store.open(path) as other:
        with store.reading():
            before = store.execute("SELECT count(*) FROM people")[0][0]
            other.add(Person(name="Written meanwhile"))
            assert store.execute("SELECT count(*) FROM people")[0][0] == before
            assert len(store.frames(tables=["people"])["people"]) == before
        assert store.execute("SELECT count(*) FROM people")[0][0] == before + 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=histories())
def test_any_store_gives_the_same_report_both_ways(history):
    now = history.now
    with tempfile.TemporaryDirectory() as folder, save(history, Path(folder) / "s.sqlite") as store:
        stored = report_inputs(store, now=now)
        every = FramesInputs(followup_frames(store, now=now, frames=store.frames()),
                             now=stored.now)
        assert_same(answers(stored), answers(every))
        assert_same_digest(store, now)
        week = (now - timedelta(days=60)).date()
        stored = report_inputs(store, now=now, since=week, channels=["email", "other"])
        every = FramesInputs(followup_frames(store, now=now, frames=store.frames()),
                             now=stored.now, since=week, channels=["email", "other"])
        assert_same(answers(stored), answers(every))


def test_the_names_sql_hands_over_hold_every_name_the_text_holds(tmp_path):
    names = ["Person 12", "Person 120", "Zoë Ørsted", "Ann  Lee", "Jean-Luc Picard", "O'Brien",
             "Smith Jr.", "李小龍", "Tab\tName", "Trailing ", "ADA LOVELACE", "Ada Lovelace",
             "Grace Hopper", "Alan Turing", "x"]
    text = ("Notes: person 12 met ANN LEE and jean-luc picard (with o'brien), zoë ørsted, "
            "李小龍 and tab name; Ada Lovelace twice; trailing. Smith Jr. wrote; x.")
    with Store.open(tmp_path / "n.sqlite") as store:
        for name in names:
            store.add(Person(name=name))
        every = names_in(text, store.execute("SELECT id, name FROM people"))
        handed = candidate_names(store, text)
        assert names_in(text, handed) == every
        shown = {name for _, name in handed}
        assert {"Grace Hopper", "Alan Turing", "Person 120"}.isdisjoint(shown)  # left out
        assert len(every) == 12


def _by_the_last_word_rule(people: list[tuple[int, str]], text: str) -> list[tuple[int, str]]:
    """The people a text may name, by the rule itself, read name by name."""
    from infoview.store.matching import fold
    from infoview.store.mentions import words

    vocabulary = words(fold(text))
    chosen = []
    for person_id, name in people:
        last = name.rpartition(" ")[2]
        if not (last.isascii() and last.isalnum()) or last.lower() in vocabulary:
            chosen.append((person_id, name))
    return chosen


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(names=st.lists(ODD_TEXT | st.sampled_from(["Ada Lovelace", "ann LEE", "Jo Ø", "x y ",
                                                  "Person 12", "a  b"]), max_size=6),
       extra=st.lists(ODD_TEXT, max_size=4), mentioned=st.lists(st.booleans(), max_size=6))
def test_the_index_hands_over_the_names_the_last_word_rule_chooses(names, extra, mentioned):
    text = " ".join([n for n, m in zip(names, mentioned, strict=False) if m] + extra)
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "n.sqlite") as store:
        for name in names:
            store.add(Person(name=name))
        people = [(i, n) for i, n in store.execute("SELECT id, name FROM people ORDER BY id")]
        assert candidate_names(store, text) == _by_the_last_word_rule(people, text)
