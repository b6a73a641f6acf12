"""The referral network: who introduced whom, how deep the chains run, who opens doors.

Only the referral subgraph goes into networkx (people who referred or were referred), so
the cost follows the number of referrals, not the size of the whole history. Cycles (A
suggests B, B later suggests A) are legal data: depths are computed on the graph of
strongly connected components, and downstream counts by breadth-first search, neither of
which can loop.
"""

from __future__ import annotations

from infoview.analytics._frames import Frames, table, with_message


def referral_graph(frames: Frames):
    """A ``networkx.DiGraph``: an edge A → B for each "A suggested the user talk to B".

    Nodes are person ids with ``name``, ``organization``, ``how_known`` and ``met`` (a
    held meeting with them). A pair suggested twice is one edge with ``count`` 2.
    Self-referrals are dropped.
    """
    import networkx as nx

    referrals = table(frames, "referrals")
    people = table(frames, "people")
    meetings = table(frames, "meetings")
    graph = nx.DiGraph()
    pairs = referrals[["from_person_id", "to_person_id"]].dropna().astype("int64")
    pairs = pairs[pairs["from_person_id"] != pairs["to_person_id"]]
    if pairs.empty:
        return graph
    counts = pairs.groupby(["from_person_id", "to_person_id"]).size()
    graph.add_weighted_edges_from(
        ((int(a), int(b), int(n)) for (a, b), n in counts.items()), weight="count"
    )
    nodes = list(graph.nodes)
    held = set(
        meetings.loc[meetings["status"].astype("string") == "held", "person_id"].dropna().astype("int64")
    )
    info = people.set_index("id").reindex(nodes)[["name", "organization", "how_known"]]
    for node, name, org, known in zip(nodes, info["name"], info["organization"], info["how_known"]):
        graph.nodes[node].update(
            name=_text(name, f"person {node}"), organization=_text(org, None),
            how_known=_text(known, None), met=node in held,
        )
    return graph


def _text(value, default):
    import pandas as pd

    return default if value is None or pd.isna(value) else str(value)


def node_depths(graph) -> dict[int, int]:
    """Hops from the start of its chain, for every node (a chain's first referrer has 0).

    People on a cycle share the depth of the cycle's entry, so a cycle adds no depth and
    never makes the walk loop.
    """
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return {}
    dag = nx.condensation(graph)
    depth: dict[int, int] = {}
    for component in nx.topological_sort(dag):
        preds = list(dag.predecessors(component))
        depth[component] = max((depth[p] + 1 for p in preds), default=0)
    mapping = dag.graph["mapping"]
    return {node: depth[mapping[node]] for node in graph.nodes}


def chain_depths(frames: Frames):
    """Per person in the network: ``person_id, name, organization, depth, referred_by, met``.

    Sorted deepest first. Empty (with a message) when no referral was recorded.
    """
    import pandas as pd

    graph = referral_graph(frames)
    columns = ["person_id", "name", "organization", "depth", "referred_by", "met"]
    if graph.number_of_nodes() == 0:
        return with_message(pd.DataFrame(columns=columns), "no referrals recorded yet.")
    depths = node_depths(graph)
    rows = [
        (node, data["name"], data["organization"], depths[node],
         graph.in_degree(node), data["met"])
        for node, data in graph.nodes(data=True)
    ]
    result = pd.DataFrame(rows, columns=columns)
    return result.sort_values(["depth", "person_id"], ascending=[False, True]).reset_index(drop=True)


def max_chain_depth(frames: Frames) -> int:
    """The longest chain of introductions, in hops (0 when there are no referrals)."""
    depths = node_depths(referral_graph(frames))
    return max(depths.values(), default=0)


def door_openers(frames: Frames, *, top: int | None = None):
    """People whose introductions led to the most further meetings, counting downstream.

    For each person who referred someone: ``introductions`` (people they suggested
    directly), ``downstream_people`` (everyone reachable through their introductions and
    the introductions those people made in turn) and ``downstream_meetings`` (how many of
    those the user has met). Sorted by downstream meetings, then people, then name.
    """
    import networkx as nx
    import pandas as pd

    graph = referral_graph(frames)
    columns = ["person_id", "name", "organization", "introductions",
               "downstream_people", "downstream_meetings"]
    referrers = [n for n in graph.nodes if graph.out_degree(n) > 0]
    if not referrers:
        return with_message(pd.DataFrame(columns=columns), "no referrals recorded yet.")
    met = nx.get_node_attributes(graph, "met")
    rows = []
    for node in referrers:
        reached = nx.descendants(graph, node)
        rows.append((
            node, graph.nodes[node]["name"], graph.nodes[node]["organization"],
            graph.out_degree(node), len(reached), sum(1 for n in reached if met[n]),
        ))
    result = pd.DataFrame(rows, columns=columns).sort_values(
        ["downstream_meetings", "downstream_people", "name"], ascending=[False, False, True]
    ).reset_index(drop=True)
    return result.head(top) if top else result


def network_summary(frames: Frames) -> dict[str, int]:
    """Headline figures: referrals, people in chains, chains (starting points), deepest chain."""
    graph = referral_graph(frames)
    depths = node_depths(graph)
    return {
        "referrals": int(sum(d.get("count", 1) for _, _, d in graph.edges(data=True))),
        "people_in_chains": graph.number_of_nodes(),
        "chains": sum(1 for n in graph.nodes if depths[n] == 0 and graph.out_degree(n) > 0),
        "deepest_chain": max(depths.values(), default=0),
    }


def plot_referral_graph(frames: Frames, *, max_nodes: int = 80):
    """The network drawn left to right by depth; people met in green, not yet met in grey.

    Large networks show the chains of the top door openers only (up to ``max_nodes``
    people), since a drawing of thousands of names reads as nothing.
    """
    import networkx as nx

    from infoview.analytics.plots import new_figure, text_figure

    graph = referral_graph(frames)
    if graph.number_of_nodes() == 0:
        return text_figure("Nothing to show yet: no referrals recorded yet.")
    title = "Who introduced whom"
    if graph.number_of_nodes() > max_nodes:
        keep: list[int] = []
        for node in door_openers(frames)["person_id"]:
            if node in keep:
                continue
            chain = [node, *sorted(nx.descendants(graph, node))]
            if len(keep) + len(chain) > max_nodes and keep:
                break
            keep.extend(n for n in chain if n not in keep)
        graph = graph.subgraph(keep[:max_nodes]).copy()
        title += f" (top door openers' chains: {graph.number_of_nodes()} people)"
    depths = node_depths(graph)
    nx.set_node_attributes(graph, depths, "layer")
    pos = nx.multipartite_layout(graph, subset_key="layer")
    layers = max(depths.values(), default=0) + 1
    fig, ax = new_figure(width=max(6, 2.2 * layers), height=max(3.5, 0.35 * graph.number_of_nodes() / layers + 2))
    colours = ["#5a9e6f" if graph.nodes[n]["met"] else "#b0b0b0" for n in graph.nodes]
    nx.draw_networkx_edges(graph, pos, ax=ax, arrows=True, arrowsize=10, edge_color="#777777",
                           connectionstyle="arc3,rad=0.08")
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_color=colours, node_size=160)
    labels = {n: graph.nodes[n]["name"] for n in graph.nodes}
    nx.draw_networkx_labels(graph, pos, labels=labels, ax=ax, font_size=7,
                            verticalalignment="bottom")
    ax.set_title(title)
    ax.axis("off")
    fig.tight_layout()
    return fig
