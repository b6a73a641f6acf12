"""The referral network: who introduced whom, how deep the chains run, who opens doors.

Only the referral subgraph goes into networkx (people who referred or were referred), so
the cost follows the number of referrals, not the size of the whole history. Cycles (A
suggests B, B later suggests A) are legal data: depths are computed on the graph of
strongly connected components, and downstream counts by breadth-first search, neither of
which can loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from infoview.analytics._frames import Frames, is_in, lookup, shared, table, with_message
from infoview.text import count_of


@dataclass
class _Network:
    """The referral subgraph as arrays: node ``i`` is person ``ids[i]``."""

    ids: Any          # person id of each node
    src: Any          # edge starts (node numbers), one per distinct pair
    dst: Any          # edge ends
    count: Any        # times each pair was recorded
    met: Any          # bool per node: a meeting with them was held
    names: Any        # name per node
    organizations: Any

    @property
    def n(self) -> int:
        return len(self.ids)


@shared
def _network(frames: Frames) -> _Network:
    import numpy as np
    import pandas as pd

    referrals = table(frames, "referrals")
    pairs = referrals[["from_person_id", "to_person_id"]].dropna().astype("int64")
    pairs = pairs[pairs["from_person_id"] != pairs["to_person_id"]]
    codes, ids = pd.factorize(pd.concat([pairs["from_person_id"], pairs["to_person_id"]]), sort=True)
    ids = np.asarray(ids, dtype=np.int64)
    n, m = len(ids), len(pairs)
    keys, count = np.unique(codes[:m].astype(np.int64) * max(n, 1) + codes[m:], return_counts=True)
    src, dst = np.divmod(keys, max(n, 1))
    meetings = table(frames, "meetings")
    held = meetings.loc[is_in(meetings["status"], ["held"]), "person_id"]
    people = table(frames, "people").drop_duplicates("id").set_index("id")
    node_ids = pd.Series(ids)
    return _Network(
        ids=ids, src=src, dst=dst, count=count,
        met=np.isin(ids, held.dropna().astype("int64").to_numpy()),
        names=lookup(node_ids, people["name"].astype("object")).fillna("").to_numpy(),
        organizations=lookup(node_ids, people["organization"].astype("object")).to_numpy(),
    )


def referral_graph(frames: Frames):
    """A ``networkx.DiGraph``: an edge A → B for each "A suggested the user talk to B".

    Nodes are person ids with ``name``, ``organization`` and ``met`` (a held meeting with
    them). A pair suggested twice is one edge with ``count`` 2. Self-referrals are dropped.
    """
    return _graph_of(_network(frames))


def _graph_of(net: _Network, keep=None):
    """The networkx graph of the network, or of the nodes numbered in ``keep`` only."""
    import networkx as nx
    import numpy as np

    nodes = np.arange(net.n) if keep is None else np.asarray(keep, dtype=np.int64)
    graph = nx.DiGraph()
    graph.add_nodes_from(
        (int(net.ids[i]), {"name": _text(net.names[i], f"person {net.ids[i]}"),
                           "organization": _text(net.organizations[i], None), "met": bool(net.met[i])})
        for i in nodes.tolist()
    )
    edges = np.isin(net.src, nodes) & np.isin(net.dst, nodes) if keep is not None else slice(None)
    graph.add_weighted_edges_from(
        zip(net.ids[net.src[edges]].tolist(), net.ids[net.dst[edges]].tolist(),
            net.count[edges].tolist(), strict=True),
        weight="count",
    )
    return graph


def _text(value, default):
    import pandas as pd

    return default if value is None or pd.isna(value) or value == "" else str(value)


def node_depths(graph) -> dict[int, int]:
    """Hops from the start of its chain, for every node of a networkx graph (starts have 0).

    People on a cycle share the depth of the cycle's entry, so a cycle adds no depth and
    never makes the walk loop.
    """
    import numpy as np

    from infoview.analytics._reach import depths

    nodes = list(graph.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    edges = np.array([(index[a], index[b]) for a, b in graph.edges if a != b], dtype=np.int64).reshape(-1, 2)
    result = depths(edges[:, 0], edges[:, 1], len(nodes))
    return {node: int(result[i]) for i, node in enumerate(nodes)}


def _depths(net: _Network):
    from infoview.analytics._reach import depths

    return depths(net.src, net.dst, net.n)


def chain_depths(frames: Frames):
    """Per person in the network: ``person_id, name, organization, depth, referred_by, met``.

    ``depth`` counts introductions from the start of the longest chain leading to them;
    ``referred_by`` how many people suggested them. Deepest first. Empty (with a message)
    when no referral was recorded.
    """
    import numpy as np
    import pandas as pd

    net = _network(frames)
    columns = ["person_id", "name", "organization", "depth", "referred_by", "met"]
    if net.n == 0:
        return with_message(pd.DataFrame(columns=columns), "no referrals recorded yet.")
    result = pd.DataFrame({
        "person_id": net.ids, "name": net.names, "organization": net.organizations,
        "depth": _depths(net), "referred_by": np.bincount(net.dst, minlength=net.n), "met": net.met,
    })
    return result.sort_values(["depth", "person_id"], ascending=[False, True]).reset_index(drop=True)


def max_chain_depth(frames: Frames) -> int:
    """The longest chain of introductions, in hops (0 when there are no referrals)."""
    net = _network(frames)
    return int(_depths(net).max()) if net.n else 0


@shared
def _closure(frames: Frames):
    """Every pair (ancestor, descendant) of the referral network, by node number."""
    from infoview.analytics._reach import closure

    net = _network(frames)
    return closure(net.src, net.dst, net.n)


def door_openers(frames: Frames, *, top: int | None = None):
    """People whose introductions led to the most further meetings, counting downstream.

    For each person who referred someone: ``introductions`` (people they suggested
    directly), ``downstream_people`` (everyone reachable through their introductions and
    the introductions those people made in turn) and ``downstream_meetings`` (how many of
    those the user has met). Sorted by downstream meetings, then people, then name.
    """
    result = _door_openers(frames)
    return result.head(top) if top else result


@shared
def _door_openers(frames: Frames):
    import numpy as np
    import pandas as pd

    net = _network(frames)
    columns = ["person_id", "name", "organization", "introductions",
               "downstream_people", "downstream_meetings"]
    if net.n == 0:
        return with_message(pd.DataFrame(columns=columns), "no referrals recorded yet.")
    ancestor, descendant = _closure(frames)
    introductions = np.bincount(net.src, minlength=net.n)
    referrers = introductions > 0
    result = pd.DataFrame({
        "person_id": net.ids, "name": net.names, "organization": net.organizations,
        "introductions": introductions,
        "downstream_people": np.bincount(ancestor, minlength=net.n),
        "downstream_meetings": np.bincount(ancestor, weights=net.met[descendant],
                                           minlength=net.n).astype(np.int64),
    })[referrers]
    return result.sort_values(
        ["downstream_meetings", "downstream_people", "name"], ascending=[False, False, True]
    ).reset_index(drop=True)


def network_summary(frames: Frames) -> dict[str, int]:
    """Headline figures: referrals, people in chains, chains (starting points), deepest chain."""
    import numpy as np

    net = _network(frames)
    if net.n == 0:
        return {"referrals": 0, "people_in_chains": 0, "chains": 0, "deepest_chain": 0}
    depth = _depths(net)
    starts = (depth == 0) & (np.bincount(net.src, minlength=net.n) > 0)
    return {
        "referrals": int(net.count.sum()),
        "people_in_chains": net.n,
        "chains": int(starts.sum()),
        "deepest_chain": int(depth.max()),
    }


def plot_referral_graph(frames: Frames, *, max_nodes: int = 80):
    """The network drawn left to right by depth; people met in green, not yet met in grey.

    Large networks show the chains of the top door openers only (up to ``max_nodes``
    people), since a drawing of thousands of names reads as nothing.
    """
    from infoview.analytics.plots import text_figure

    net = _network(frames)
    if net.n == 0:
        return text_figure(f"Nothing to show yet: {NO_REFERRALS}")
    keep, title = drawn_nodes(frames, max_nodes=max_nodes)
    graph = _graph_of(net, keep)
    return _draw_layers(graph, node_depths(graph), title)


#: What the referral drawing says when there is nothing to draw.
NO_REFERRALS = "no referrals recorded yet."


def drawn_nodes(frames: Frames, *, max_nodes: int = 80) -> tuple[list[int] | None, str]:
    """Which people the referral drawing shows (node numbers of the network, ``None`` for
    all of them) and its title: the figure and the report's SVG show the same.

    Large networks keep the chains of the top door openers only (up to ``max_nodes``
    people), since a drawing of thousands of names reads as nothing.
    """
    net = _network(frames)
    title = "Who introduced whom"
    if net.n <= max_nodes:
        return None, title
    ancestor, descendant = _closure(frames)
    position = {int(p): i for i, p in enumerate(net.ids)}
    keep: dict[int, None] = {}  # node numbers, ordered, with fast membership
    for person in door_openers(frames)["person_id"]:
        node = position[int(person)]
        if node in keep:
            continue
        chain = [node, *descendant[ancestor == node].tolist()]
        if len(keep) + len(chain) > max_nodes and keep:
            break
        keep.update(dict.fromkeys(chain))
    kept = list(keep)[:max_nodes]
    return kept, title + f" (top door openers' chains: {count_of(len(kept), 'person', 'people')})"


@dataclass
class Drawing:
    """The referral drawing without networkx: per person shown (in drawing order) their
    id, name and whether they were met; the introductions among them as pairs of
    positions in those lists; each person's depth within the drawing; the title."""

    ids: list[int]
    names: list[str]
    met: list[bool]
    edges: list[tuple[int, int]]
    depths: list[int]
    title: str


def referral_drawing(frames: Frames, *, max_nodes: int = 80) -> Drawing | None:
    """What :func:`plot_referral_graph` draws, as plain lists (``None`` without
    referrals): the report draws it as SVG without loading networkx or matplotlib."""
    import numpy as np

    from infoview.analytics._reach import depths

    net = _network(frames)
    if net.n == 0:
        return None
    keep, title = drawn_nodes(frames, max_nodes=max_nodes)
    nodes = np.arange(net.n) if keep is None else np.asarray(keep, dtype=np.int64)
    place = np.full(net.n, -1, dtype=np.int64)
    place[nodes] = np.arange(len(nodes))
    inside = (place[net.src] >= 0) & (place[net.dst] >= 0) & (net.src != net.dst)
    src, dst = place[net.src[inside]], place[net.dst[inside]]
    return Drawing(
        ids=[int(net.ids[i]) for i in nodes.tolist()],
        names=[_text(net.names[i], f"person {net.ids[i]}") for i in nodes.tolist()],
        met=[bool(net.met[i]) for i in nodes.tolist()],
        edges=list(zip(src.tolist(), dst.tolist(), strict=True)),
        depths=depths(src, dst, len(nodes)).tolist(),
        title=title,
    )


def _draw_layers(graph, depths: dict[int, int], title: str):
    """The graph drawn by :func:`infoview.analytics.graph_layout.layered_layout`: names
    beside their dots, never on top of one another, the figure sized to hold them."""
    from matplotlib.patches import FancyArrowPatch

    from infoview.analytics.graph_layout import DOT, FONT_SIZE, layered_layout, text_width
    from infoview.analytics.plots import new_figure

    names = {n: graph.nodes[n]["name"] for n in graph.nodes}
    layout = layered_layout(depths, names, {n: list(graph.predecessors(n)) for n in graph.nodes})
    title_room = 24.0  # points above the drawing for the title
    width = max(layout.width, text_width(title, 15) + 16)  # the title fits too (axes.titlesize)
    fig, ax = new_figure(width=width / 72, height=(layout.height + title_room) / 72)
    ax.set_position((0, 0, 1, layout.height / (layout.height + title_room)))
    ax.set_xlim(0, width)
    ax.set_ylim(0, layout.height)
    colours = ["#5a9e6f" if graph.nodes[n]["met"] else "#b0b0b0" for n in graph.nodes]
    for source, target in graph.edges:
        (x0, y0), (x1, y1) = layout.positions[source], layout.positions[target]
        forward = depths[target] > depths[source]
        if forward:  # from the end of the name to the next dot
            x0 += DOT / 2 + layout.label_widths[source]
        ax.add_patch(FancyArrowPatch(
            (x0, y0), (x1, y1), arrowstyle="-|>", mutation_scale=7, color="#9a9a9a", lw=0.7,
            shrinkA=1, shrinkB=3, zorder=1,
            connectionstyle="arc3,rad=0" if forward else "arc3,rad=0.35"))
    xs, ys = zip(*(layout.positions[n] for n in graph.nodes), strict=True)
    ax.scatter(xs, ys, s=22, c=colours, zorder=2)
    for node, (x, y) in layout.positions.items():
        # parse_math off: a name holding "$" is a name, not a formula
        # (a white ground: lines to a wrapped column pass behind the names, not through them)
        ax.text(x + DOT / 2, y, layout.labels[node], fontsize=FONT_SIZE, ha="left", va="center",
                parse_math=False, zorder=3,
                bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none"})
    ax.set_title(title)
    ax.axis("off")
    return fig
