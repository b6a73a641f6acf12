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


# ---- the drawing: every name readable -------------------------------------------------------

FIRST = ["Alexandra", "Bartholomew", "Chidinma", "Dmitri", "Evangeline", "Fitzgerald", "Guadalupe",
         "Hyun-woo", "Ignatius", "Jacqueline", "Kwame", "Lieselotte"]
LAST = ["Montgomery-Smith", "Oyelaran", "Van der Berg", "Krishnamurthy", "Ó Súilleabháin",
        "Castellanos", "Wojciechowski"]


def _dense_network(store, hubs: int = 3, per_hub: int = 8, per_leaf: int = 2) -> None:
    """Hubs who each suggested many people, who each suggested a few more: long names,
    crowded layers (the shape that piled names on top of each other)."""
    names = (f"{f} {la}" for la in LAST for f in FIRST)
    made = [store.add(Person(name=next(names))) for _ in range(hubs)]
    for hub in made:
        for _ in range(per_hub):
            mid = store.add(Person(name=next(names)))
            store.add(Referral(from_person_id=hub.id, to_person_id=mid.id))
            store.add(Meeting(person_id=mid.id, starts_at=utc(2), status="held"))
            for _ in range(per_leaf):
                leaf = store.add(Person(name=next(names)))
                store.add(Referral(from_person_id=mid.id, to_person_id=leaf.id))


def _label_boxes(fig):
    """The drawn extent (pixels) of every name, the title left out."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = fig.axes[0]
    return [t.get_window_extent(renderer) for t in ax.texts if t.get_text()], fig.bbox


def _overlap(boxes) -> float:
    """Total area (square pixels) where two name boxes cover the same place."""
    total = 0.0
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            w = min(a.x1, b.x1) - max(a.x0, b.x0)
            h = min(a.y1, b.y1) - max(a.y0, b.y0)
            if w > 0 and h > 0:
                total += w * h
    return total


@pytest.mark.parametrize("shape", [dict(), dict(hubs=1, per_hub=40, per_leaf=0),
                                   dict(hubs=2, per_hub=4, per_leaf=4)],
                         ids=["three hubs, 75 people", "one hub, 41 people", "deep fan-out"])
def test_no_two_names_overlap_in_a_dense_referral_drawing(tmp_path, shape):
    store = open_store(tmp_path, "dense.sqlite")
    _dense_network(store, **shape)
    fig = analytics.plot_referral_graph(store.frames())
    boxes, page = _label_boxes(fig)
    people = analytics.network_summary(store.frames())["people_in_chains"]
    assert people <= 80 and len(boxes) == people  # every person has a name
    assert _overlap(boxes) == 0
    for box in boxes:  # and every name lies inside the picture
        assert page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0 and box.y1 <= page.y1


def test_a_name_that_looks_like_a_formula_is_drawn_as_written(tmp_path):
    """matplotlib reads "$...$" as mathematics (and fails on a half-formula)."""
    from infoview.analytics.plots import figure_png_base64

    store = open_store(tmp_path, "dollars.sqlite")
    a, b = store.add(Person(name="$\\frac{$ Ltd")), store.add(Person(name="a$b$c"))
    store.add(Referral(from_person_id=a.id, to_person_id=b.id))
    fig = analytics.plot_referral_graph(store.frames())
    assert figure_png_base64(fig)
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["$\\frac{$ Ltd", "a$b$c"]
