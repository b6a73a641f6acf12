"""The sample history: deterministic, realistic in size and shape, and fit for every analytic."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta

import networkx as nx
import pytest

from infoview import analytics
from infoview.demo.history import generate_sample
from infoview.paths import data_dir
from infoview.questions.bank import load_bank
from infoview.store import Store

TODAY = date(2026, 3, 31)
NOW = datetime(2026, 3, 31, 18, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    store = Store.open(tmp_path_factory.mktemp("sample") / "sample.sqlite")
    summary = generate_sample(store, seed=7, today=TODAY)
    frames = store.frames()
    store.close()
    return summary, frames


def test_same_seed_and_day_give_the_same_history(sample, tmp_path):
    _, first = sample
    store = Store.open(tmp_path / "again.sqlite")
    generate_sample(store, seed=7, today=TODAY)
    again = store.frames()
    for name, frame in first.items():
        assert frame.equals(again[name]), name


def test_another_seed_gives_another_history(sample, tmp_path):
    _, first = sample
    store = Store.open(tmp_path / "other.sqlite")
    generate_sample(store, seed=8, today=TODAY)
    assert not first["outreach"].equals(store.frames()["outreach"])


def test_sizes_are_those_of_a_real_search(sample):
    summary, frames = sample
    assert 70 <= summary["people"] <= 95
    assert 100 <= summary["outreach"] <= 150
    assert 30 <= summary["held_meetings"] <= 50
    assert summary["held_meetings"] == int((frames["meetings"]["status"] == "held").sum())
    assert summary["organizations"] == 14


def test_referral_chains_run_four_deep_from_samira(sample):
    _, frames = sample
    assert analytics.max_chain_depth(frames) == 4
    depths = analytics.chain_depths(frames).set_index("name")
    assert depths.loc["Samira Okafor", "depth"] == 0
    samira = frames["people"].set_index("name").loc["Samira Okafor"]
    assert (samira["organization"], samira["title"]) == ("Kestrel Health Labs", "Senior UX Researcher")
    graph = analytics.referral_graph(frames)
    samira_id = next(n for n, d in graph.nodes(data=True) if d["name"] == "Samira Okafor")
    below = nx.descendants(graph, samira_id)
    assert max(depths.set_index("person_id").loc[list(below), "depth"]) == 4
    assert max(d for _, d in graph.in_degree()) >= 2  # someone suggested by two people


def test_warm_email_is_answered_far_more_than_cold_linkedin(sample):
    _, frames = sample
    rates = analytics.reply_rates(frames, by="channel").set_index("channel")["answer_rate"]
    assert rates["email"] > rates["linkedin"] + 0.25
    warmth = analytics.reply_rates(frames, by="warmth").set_index("warmth")["answer_rate"]
    assert warmth["referral"] > warmth["cold"] + 0.4


def test_every_part_of_the_history_is_there(sample):
    _, frames = sample
    assert set(frames["outcomes"]["kind"]) == {"lead", "application", "interview", "offer"}
    assert len(analytics.overdue_actions(frames, now=NOW)) > 0
    assert frames["actions"]["done_at"].notna().sum() > 0
    assert frames["meetings"]["timezone"].nunique() >= 3
    assert len(analytics.question_effectiveness(frames)) > 20
    assert frames["questions_asked"]["question_id"].str.contains("-").all()
    assert frames["people"]["connected_on"].notna().sum() > 5  # LinkedIn connections
    assert analytics.targets(frames)["advocacy"].sum() >= 5
    assert len(analytics.uncontacted_leads(frames)) > 0
    assert len(analytics.insights_by_industry(frames)) >= 5


@pytest.mark.parametrize("seed, today", [(7, TODAY), (8, TODAY), (3, date(2025, 11, 2))])
def test_a_diligent_user_has_only_a_couple_of_overdue_actions_and_a_few_coming_up(tmp_path, seed, today):
    store = Store.open(tmp_path / "sample.sqlite")
    generate_sample(store, seed=seed, today=today)
    frames = store.frames()
    now = datetime.combine(today, datetime.min.time(), UTC).replace(hour=18)
    overdue = analytics.overdue_actions(frames, now=now)
    assert 2 <= len(overdue) <= 4
    assert overdue["days_overdue"].max() <= 21  # weeks behind at most, never months
    due = analytics.due_actions(frames, now=now, days=7)
    coming = due.loc[~due["overdue"]]
    assert len(coming) >= 3 and "thank_you" in set(coming["kind"])  # yesterday evening's meeting
    thanks = analytics.thank_you_timeliness(frames, now=now)
    assert thanks["within_24h"].mean() >= 0.6  # mostly on time, some a day or two late
    older = thanks.loc[thanks["starts_at"] < now - timedelta(days=3)]
    assert older["thanked_at"].notna().all()  # none forgotten; only the last days' may wait


def test_answer_notes_are_varied_and_say_what_the_host_answered(sample):
    """Every note was "Notes on the answer.", which then filled the demo's update drafts
    and dossiers: notes now differ, fit their question, and the closing pair is answered
    with the people the host actually suggested."""
    _, frames = sample
    asked = frames["questions_asked"]
    notes = asked["answer_notes"]
    assert notes.notna().all() and not (notes == "Notes on the answer.").any()
    body = asked[asked["category"] != "closing"]
    assert body["answer_notes"].nunique() >= len(body) // 3
    # a fair or good answer has a note written for its question; a poor one, a thin note
    written: dict[str, set[str]] = {}
    with open(data_dir() / "sample_answers.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            written.setdefault(row["question_id"], set()).add(row["note"])
    for qid, score, note in zip(body["question_id"], body["usefulness"], body["answer_notes"],
                                strict=True):
        assert note in written["low" if score <= 2 else qid], (qid, note)
    bank = {q.id for q in load_bank() if q.category != "closing"}
    assert bank <= set(written), sorted(bank - set(written))  # whichever question is drawn
    people = frames["people"].set_index("id")["name"]
    referrals = frames["referrals"]
    who_else = asked[asked["question_id"] == "closing-01"]
    for meeting_id, note in zip(who_else["meeting_id"], who_else["answer_notes"], strict=True):
        names = [people[p] for p in referrals[referrals["meeting_id"] == meeting_id]["to_person_id"]]
        assert all(name in note for name in names)
        assert names or note.startswith("Nobody")

