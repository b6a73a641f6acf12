"""The referral network: depths, door openers and cycles, against a graph drawn by hand.

    Ann -> Bob -> Cat -> Dan        (Ann suggested Bob twice: one edge, counted twice)
    Ann -> Eli -> Cat               (Cat suggested by two people: one person)
    Xia -> Yan -> Xia               (a cycle)
    Zed -> Zed                      (a self-referral, dropped)
Met: Bob, Cat, Dan, Eli, Yan.
"""

from __future__ import annotations

import pytest
from _analytics_history import open_store, utc

from infoview import analytics
from infoview.models import Meeting, Person, Referral


@pytest.fixture()
def frames(tmp_path):
    store = open_store(tmp_path)
    ids = {n: store.add(Person(name=n, organization="Org " + n)).id
           for n in ("Ann", "Bob", "Cat", "Dan", "Eli", "Xia", "Yan", "Zed")}
    for a, b in [("Ann", "Bob"), ("Ann", "Bob"), ("Bob", "Cat"), ("Cat", "Dan"), ("Ann", "Eli"),
                 ("Eli", "Cat"), ("Xia", "Yan"), ("Yan", "Xia"), ("Zed", "Zed")]:
        store.add(Referral(from_person_id=ids[a], to_person_id=ids[b]))
    for n in ("Bob", "Cat", "Dan", "Eli", "Yan"):
        store.add(Meeting(person_id=ids[n], starts_at=utc(2), status="held"))
    store.add(Meeting(person_id=ids["Xia"], starts_at=utc(3), status="cancelled"))
    yield store.frames()
    store.close()


def test_graph_has_one_edge_per_pair_and_no_self_loops(frames):
    graph = analytics.referral_graph(frames)
    names = {n: d["name"] for n, d in graph.nodes(data=True)}
    edges = {(names[a], names[b]): d["count"] for a, b, d in graph.edges(data=True)}
    assert edges[("Ann", "Bob")] == 2
    assert len(edges) == 7
    assert "Zed" not in names.values()
    assert {n for n, d in graph.nodes(data=True) if d["met"]} == {
        k for k, v in names.items() if v in {"Bob", "Cat", "Dan", "Eli", "Yan"}}


def test_chain_depths_follow_the_longest_path_and_cycles_add_nothing(frames):
    depths = dict(zip(*analytics.chain_depths(frames)[["name", "depth"]].T.values, strict=True))
    # Cat is 2 deep both through Bob and through Eli; Dan 3; the cycle sits at depth 0
    assert depths == {"Ann": 0, "Bob": 1, "Eli": 1, "Cat": 2, "Dan": 3, "Xia": 0, "Yan": 0}
    assert analytics.max_chain_depth(frames) == 3


def test_door_openers_count_meetings_downstream(frames):
    table = analytics.door_openers(frames)
    rows = {r.name: (r.introductions, r.downstream_people, r.downstream_meetings)
            for r in table.itertuples()}
    assert rows["Ann"] == (2, 4, 4)  # Bob, Eli, then Cat and Dan: all four met
    assert rows["Bob"] == (1, 2, 2)
    assert rows["Eli"] == (1, 2, 2)
    assert rows["Cat"] == (1, 1, 1)
    assert rows["Xia"] == (1, 1, 1)  # Yan was met
    assert rows["Yan"] == (1, 1, 0)  # Xia was not (her meeting was cancelled)
    assert list(table["name"]) == ["Ann", "Bob", "Eli", "Cat", "Xia", "Yan"]
    assert list(analytics.door_openers(frames, top=2)["name"]) == ["Ann", "Bob"]


def test_network_summary(frames):
    assert analytics.network_summary(frames) == {
        "referrals": 8, "people_in_chains": 7, "chains": 3, "deepest_chain": 3,
    }


@pytest.mark.timeout(20)
def test_a_network_of_only_cycles_finishes_and_draws(tmp_path):
    store = open_store(tmp_path, "cycle.sqlite")
    a, b, c = (store.add(Person(name=n)).id for n in "ABC")
    for x, y in ((a, b), (b, c), (c, a)):
        store.add(Referral(from_person_id=x, to_person_id=y))
    frames = store.frames()
    assert analytics.max_chain_depth(frames) == 0
    assert set(analytics.door_openers(frames)["downstream_people"]) == {2}
    fig = analytics.plot_referral_graph(frames)
    assert fig.axes[0].get_title() == "Who introduced whom"


def test_large_network_drawing_keeps_the_top_chains_only(tmp_path):
    store = open_store(tmp_path, "wide.sqlite")
    hubs = [store.add(Person(name=f"Hub {i}")) for i in range(5)]
    for hub in hubs:
        for j in range(30):
            leaf = store.add(Person(name=f"Leaf {hub.id}-{j}"))
            store.add(Referral(from_person_id=hub.id, to_person_id=leaf.id))
    fig = analytics.plot_referral_graph(store.frames(), max_nodes=40)
    assert "top door openers" in fig.axes[0].get_title()
