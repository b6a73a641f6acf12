"""Reachability and chain depth on a referral graph, vectorised with numpy.

A careers service's store can hold a hundred thousand referrals; walking each referrer's
descendants in Python (networkx's ``descendants`` per node) costs seconds there. These
functions work on whole arrays instead:

- the transitive closure grows one hop per round (chains are short, so rounds are few);
- depths peel the graph layer by layer from the people nobody referred (Kahn's order),
  which is the longest chain to each person when there is no cycle; people on or behind a
  cycle then get theirs on the graph of strongly connected components (two people on a
  cycle reach each other), which has no cycles, so every loop ends.

Nodes are numbered ``0 .. n-1``; edges are two int64 arrays; pairs are coded ``a * n + b``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    import numpy as np

    values = np.sort(values, kind="stable")  # radix sort for integers
    if values.size:
        values = values[np.concatenate(([True], values[1:] != values[:-1]))]
    return values


def _contains(sorted_keys: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Which ``values`` are in ``sorted_keys`` (a sorted array), by binary search."""
    import numpy as np

    if sorted_keys.size == 0:
        return np.zeros(values.shape, dtype=bool)
    at = np.minimum(np.searchsorted(sorted_keys, values), sorted_keys.size - 1)
    return sorted_keys[at] == values


def _children(src: np.ndarray, dst: np.ndarray, n: int):
    """Adjacency in CSR form: the children of node ``i`` are ``child[start[i]:start[i + 1]]``."""
    import numpy as np

    order = np.argsort(src, kind="stable")
    start = np.searchsorted(src[order], np.arange(n + 1))
    return start, dst[order]


def _expand(nodes: np.ndarray, start: np.ndarray, child: np.ndarray):
    """For each entry of ``nodes``, its children: returns (entry index, child) pairs, flat."""
    import numpy as np

    counts = start[nodes + 1] - start[nodes]
    total = int(counts.sum())
    which = np.repeat(np.arange(nodes.size), counts)
    offset = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    return which, child[np.repeat(start[nodes], counts) + offset]


def closure(src: np.ndarray, dst: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Every pair ``(a, b)`` with a path from ``a`` to ``b`` (``a != b``), as two arrays."""
    import numpy as np

    if n == 0 or src.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    start, child = _children(src, dst, n)
    loop = src == dst
    keys = _sorted_unique(src[~loop] * n + dst[~loop])
    frontier = keys
    while frontier.size:
        a, d = np.divmod(frontier, n)
        which, reached = _expand(d, start, child)
        if reached.size == 0:
            break
        ancestor = a[which]
        keep = ancestor != reached
        fresh = _sorted_unique(ancestor[keep] * n + reached[keep])
        fresh = fresh[~_contains(keys, fresh)]
        keys = np.sort(np.concatenate((keys, fresh)), kind="stable")
        frontier = fresh
    return np.divmod(keys, n)


def depths(src: np.ndarray, dst: np.ndarray, n: int) -> np.ndarray:
    """Hops from the start of the longest chain leading to each node (0 for a chain's start).

    People on a cycle share one depth (that of the cycle's entry), so cycles add nothing.
    """
    import numpy as np

    depth = np.zeros(n, dtype=np.int64)
    if n == 0 or src.size == 0:
        return depth
    keep = src != dst
    src, dst = src[keep], dst[keep]
    start, child = _children(src, dst, n)
    waiting = np.bincount(dst, minlength=n)  # referrers not yet placed, per node
    layer = np.flatnonzero(waiting == 0)
    placed = np.zeros(n, dtype=bool)
    level = 0
    while layer.size:
        placed[layer] = True
        depth[layer] = level
        _, reached = _expand(layer, start, child)
        np.subtract.at(waiting, reached, 1)
        candidates = np.unique(reached)
        layer = candidates[(waiting[candidates] == 0) & ~placed[candidates]]
        level += 1
    if placed.all():
        return depth
    return _depths_with_cycles(src, dst, n)


def _depths_with_cycles(src: np.ndarray, dst: np.ndarray, n: int) -> np.ndarray:
    import numpy as np

    a, b = closure(src, dst, n)
    keys = a * n + b  # sorted
    mutual = _contains(keys, b * n + a)
    label = np.arange(n)
    np.minimum.at(label, a[mutual], b[mutual])  # a component is named by its smallest node
    ls, ld = label[src], label[dst]
    keep = ls != ld
    ls, ld = np.divmod(_sorted_unique(ls[keep] * n + ld[keep]), n)
    depth = np.zeros(n, dtype=np.int64)
    for _ in range(n + 1):  # the components' graph has no cycle: at most n rounds, far fewer in practice
        relaxed = depth.copy()
        np.maximum.at(relaxed, ld, depth[ls] + 1)
        if np.array_equal(relaxed, depth):
            break
        depth = relaxed
    return depth[label]
