"""The vectorised reachability and depths agree with networkx on many random small graphs."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from infoview.analytics._reach import closure, depths


def _networkx_depths(graph: nx.DiGraph) -> list[int]:
    dag = nx.condensation(graph)
    depth: dict[int, int] = {}
    for component in nx.topological_sort(dag):
        depth[component] = max((depth[p] + 1 for p in dag.predecessors(component)), default=0)
    return [depth[dag.graph["mapping"][node]] for node in sorted(graph)]


@pytest.mark.parametrize("seed", range(5))
def test_closure_and_depths_match_networkx_with_cycles_and_self_loops(seed):
    rng = np.random.default_rng(seed)
    for _ in range(60):
        n = int(rng.integers(1, 15))
        m = int(rng.integers(0, 25))
        src = rng.integers(0, n, m).astype(np.int64)
        dst = rng.integers(0, n, m).astype(np.int64)
        graph = nx.DiGraph()
        graph.add_nodes_from(range(n))
        graph.add_edges_from((int(a), int(b)) for a, b in zip(src, dst, strict=True) if a != b)
        a, b = closure(src, dst, n)
        reachable = {(u, v) for u in graph for v in nx.descendants(graph, u)}
        assert set(zip(a.tolist(), b.tolist(), strict=True)) == reachable
        assert depths(src, dst, n).tolist() == _networkx_depths(graph)


def test_empty_graphs():
    empty = np.zeros(0, dtype=np.int64)
    assert closure(empty, empty, 0)[0].size == 0
    assert depths(empty, empty, 3).tolist() == [0, 0, 0]
