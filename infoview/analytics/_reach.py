"""Reachability and chain depth on a referral graph, vectorised with numpy.

A careers service's store can hold a hundred thousand referrals; walking each referrer's
descendants in Python (networkx's ``descendants`` per node) costs seconds there. These
functions work on whole arrays instead: the transitive closure grows one hop per round
(chains are short, so rounds are few), strongly connected components fall out of the
closure (two people on a cycle reach each other), and depths are relaxed over the
components' graph, which has no cycles, so every loop ends.

Nodes are numbered ``0 .. n-1``; edges are two int64 arrays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np


def closure(src: "np.ndarray", dst: "np.ndarray", n: int) -> tuple["np.ndarray", "np.ndarray"]:
    """Every pair ``(a, b)`` with a path from ``a`` to ``b`` (``a != b``), as two arrays."""
    import numpy as np

    if n == 0 or src.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    order = np.argsort(src, kind="stable")
    s_src, s_dst = src[order], dst[order]
    starts = np.searchsorted(s_src, np.arange(n + 1))
    degree = np.diff(starts)

    keys = np.unique(src[src != dst] * n + dst[src != dst])
    frontier = keys
    while frontier.size:
        a, d = np.divmod(frontier, n)
        counts = degree[d]
        total = int(counts.sum())
        if total == 0:
            break
        # the children of each frontier pair's end node, laid out flat
        first = np.repeat(starts[d], counts)
        offset = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        child = s_dst[first + offset]
        ancestor = np.repeat(a, counts)
        fresh = np.unique(ancestor[ancestor != child] * n + child[ancestor != child])
        fresh = np.setdiff1d(fresh, keys, assume_unique=True)
        keys = np.union1d(keys, fresh)
        frontier = fresh
    return np.divmod(keys, n)


def depths(src: "np.ndarray", dst: "np.ndarray", n: int,
           reach: tuple["np.ndarray", "np.ndarray"] | None = None) -> "np.ndarray":
    """Hops from the start of the longest chain leading to each node (0 for a chain's start).

    People on a cycle share one depth (that of the cycle's entry), so cycles add nothing.
    """
    import numpy as np

    if n == 0:
        return np.zeros(0, dtype=np.int64)
    a, b = reach if reach is not None else closure(src, dst, n)
    keys = a * n + b
    mutual = np.isin(b * n + a, keys)
    label = np.arange(n)
    np.minimum.at(label, a[mutual], b[mutual])  # a component is named by its smallest node
    ls, ld = label[src], label[dst]
    keep = ls != ld
    edges = np.unique(ls[keep] * n + ld[keep])
    ls, ld = np.divmod(edges, n)
    depth = np.zeros(n, dtype=np.int64)
    for _ in range(n + 1):  # a chain is at most n long; it ends far sooner in practice
        relaxed = depth.copy()
        np.maximum.at(relaxed, ld, depth[ls] + 1)
        if np.array_equal(relaxed, depth):
            break
        depth = relaxed
    return depth[label]
