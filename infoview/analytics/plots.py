"""Figure helpers shared by the analytics: a new figure, the "nothing to show" figure, PNG export.

matplotlib is imported inside the functions, and figures are built with the object API
(``matplotlib.figure.Figure``) rather than ``pyplot``, so that building a report opens no
window, keeps no global figure list, and works without a display.
"""

from __future__ import annotations

import base64
import io

from infoview.analytics._frames import message


def new_figure(*, width: float = 7, height: float = 4):
    """A fresh ``(Figure, Axes)`` pair, not registered with pyplot."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    ax = fig.add_subplot(1, 1, 1)
    return fig, ax


def text_figure(text: str, *, width: float = 7, height: float = 1.2):
    """A small figure holding one sentence, shown where a plot has no data."""
    fig, ax = new_figure(width=width, height=height)
    ax.axis("off")
    ax.text(0.5, 0.5, text, ha="center", va="center", wrap=True, fontsize=11, color="#555555")
    fig.infoview_message = text  # marks it as words only: see is_message_figure
    return fig


def is_message_figure(fig) -> bool:
    """Whether ``fig`` holds only a sentence (from :func:`text_figure`), not a drawing:
    a page that shows the same sentence in words can leave such a picture out."""
    return bool(getattr(fig, "infoview_message", None))


def empty_figure(data) -> object:
    """The "Nothing to show yet: ..." figure for an empty result ``data``."""
    return text_figure(message(data) or "Nothing to show yet.")


def figure_png_base64(fig, *, dpi: int = 90) -> str:
    """The figure as a base64 PNG, for embedding in a self-contained HTML page."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return base64.b64encode(buffer.getvalue()).decode("ascii")
