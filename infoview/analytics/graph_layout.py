"""Where the referral drawing puts each person and their name, so that no two names overlap.

The drawing reads left to right by depth in the chain of introductions. A general layout
(spring, or networkx's multipartite layout in a fixed-size figure) places dots and leaves
the names to fall where they may: in a dense network they pile up into an unreadable
block. Here each name is measured in the font it is drawn with, and the layout is built
in points (1/72 inch) around those sizes: a name sits to the right of its dot, one name per
row, each column as wide as its longest name, and the figure is then sized to fit. A
layer with many people is wrapped into several columns rather than drawn very tall.

Within a layer, people are ordered by the average row of those who introduced them (one
sweep of the barycentre heuristic), so that most introduction lines run straight across.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

#: Font size of the names, in points.
FONT_SIZE = 7.0
#: Height of one row (a name and the space under it), in points.
ROW = 13.0
#: Room for the dot and the space between the dot and its name, in points.
DOT = 10.0
#: Space between a name and the next column's dots, where the lines run, in points.
GAP = 26.0
#: Margin around the drawing, in points.
MARGIN = 8.0
#: Most rows in one column before a layer wraps into another column.
MAX_ROWS = 24
#: Longest name drawn in full; longer ones end with an ellipsis.
MAX_CHARS = 32


#: A node of the graph being laid out (a person's id, or a row number).
N = TypeVar("N", bound=Hashable)


@dataclass
class Layout(Generic[N]):
    """Dot positions and figure size, in points; ``labels`` are the texts to draw and
    ``label_widths`` the room each takes to the right of its dot (from ``x + DOT / 2``)."""

    positions: dict[N, tuple[float, float]]
    labels: dict[N, str]
    label_widths: dict[N, float]
    width: float
    height: float


def short_label(name: str, limit: int = MAX_CHARS) -> str:
    """A name on one line and at most ``limit`` characters (an ellipsis marks a cut)."""
    flat = " ".join(str(name).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """The width of ``text`` drawn in matplotlib's default font at ``size``, in points."""
    import warnings

    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    with warnings.catch_warnings():  # a glyph missing from the font still has a width
        warnings.simplefilter("ignore", UserWarning)
        width, _, _ = TextToPath().get_text_width_height_descent(
            text, FontProperties(size=size), ismath=False)
    return float(width)


def layered_layout(layers: Mapping[N, int], names: Mapping[N, str],
                   predecessors: Mapping[N, Sequence[N]], *,
                   font_size: float = FONT_SIZE,
                   measure: Callable[[str, float], float] | None = None) -> Layout[N]:
    """Positions for a drawing in layers with a name to the right of each dot.

    Args:
        layers: the layer (0 = leftmost) of each node.
        names: the name shown for each node.
        predecessors: for each node, the nodes with an edge into it (used for the order).
        font_size: the size the names will be drawn at.
        measure: ``measure(text, size)`` is the width of a name drawn at ``size``: by default
            matplotlib's own measure (:func:`text_width`); the report's SVG drawing gives
            :func:`infoview.analytics.textwidth.text_width`, which needs no font library.

    Returns:
        A :class:`Layout` whose names, drawn left-aligned at ``(x + DOT, y)`` and centred
        vertically, do not overlap one another.
    """
    width_of = text_width if measure is None else measure
    labels = {node: short_label(names[node]) for node in layers}
    widths = {node: width_of(labels[node], font_size) * 1.05 + 2 for node in layers}
    by_layer: dict[int, list[N]] = {}
    for node, layer in layers.items():
        by_layer.setdefault(int(layer), []).append(node)

    row_of: dict[N, float] = {}
    columns: list[list[N]] = []
    for layer in sorted(by_layer):
        nodes = by_layer[layer]

        def key(node: N) -> tuple[float, str]:
            rows = [row_of[p] for p in predecessors.get(node, ()) if p in row_of]
            return (sum(rows) / len(rows) if rows else math.inf, labels[node])

        ordered = sorted(nodes, key=key)
        # a crowded layer is dealt into several columns like cards, so that each column
        # keeps the layer's order from top to bottom and lines stay short
        n_columns = math.ceil(len(ordered) / MAX_ROWS)
        for c in range(n_columns):
            column = ordered[c::n_columns]
            columns.append(column)
            for i, node in enumerate(column):
                row_of[node] = float(i)
    rows = max((len(c) for c in columns), default=1)
    height = 2 * MARGIN + rows * ROW
    positions: dict[N, tuple[float, float]] = {}
    x = MARGIN
    for column in columns:
        top = MARGIN + (rows - len(column)) * ROW / 2  # each column centred vertically
        for i, node in enumerate(column):
            positions[node] = (x + DOT / 2, height - (top + (i + 0.5) * ROW))
        x += DOT + max(widths[n] for n in column) + GAP
    width = x - GAP + MARGIN
    return Layout(positions=positions, labels=labels, label_widths=widths, width=width,
                  height=height)
