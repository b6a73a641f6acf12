"""The report's charts as SVG, drawn by the kit itself from the analytics' tables.

An SVG in the page is sharp at any zoom, prints well, keeps the page one self-contained
file, and costs nothing to load: matplotlib (half a second to import, a quarter of a second
per figure) stays for the notebooks and the dashboard. Each function takes the table an
analytic returned (never the store) and returns the markup of one ``<svg>`` element.

Every text in a chart comes from the user's records or bank and may hold anything: it is
escaped here, once, as it is placed (:func:`_text`), so the markup can be put in the page
as it is. Texts are laid out from their estimated widths
(:func:`infoview.analytics.textwidth.text_width`, a wide font's), so labels never run into
each other or out of the picture; a label too long for its place is cut with an ellipsis
and its whole text kept in a tooltip.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence
from typing import Any

from infoview.analytics.display import group_words
from infoview.analytics.textwidth import text_width

FONT = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif"
#: Sizes in SVG units (pixels at 100 % zoom).
TEXT, SMALL, TITLE = 12.0, 11.0, 14.0
#: Colours: one per bar series, then the text and the lines.
PALETTE = ("#3b6ea5", "#d9822b", "#5a9e6f", "#b4505a", "#7d65a8", "#8c6d46", "#c0699d",
           "#6f7f8f", "#a8a23a", "#3fa2b4")
INK, MUTED, GRID = "#222222", "#555555", "#dddddd"
WIDTH = 720.0
#: Longest category label drawn in full.
MAX_LABEL = 36


# ---- small pieces ---------------------------------------------------------------------------

def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _num(value: float) -> str:
    """A coordinate as short text."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


#: How much wider bold letters are drawn than regular ones (DejaVu Sans Bold's, at most).
BOLD = 1.15


def _text(x: float, y: float, text: str, *, size: float = TEXT, anchor: str = "start",
          colour: str = INK, weight: str = "normal", limit: float | None = None) -> str:
    """One ``<text>`` (escaped), its middle at ``y``; cut to ``limit`` wide when given."""
    shown, full = _fit(text, size * (BOLD if weight == "bold" else 1), limit)
    tip = f"<title>{_esc(full)}</title>" if shown != full else ""
    bold = ' font-weight="bold"' if weight == "bold" else ""
    return (f'<text x="{_num(x)}" y="{_num(y)}" font-size="{_num(size)}" fill="{colour}" '
            f'text-anchor="{anchor}" dominant-baseline="central"{bold}>{tip}{_esc(shown)}</text>')


def _fit(text: Any, size: float, limit: float | None) -> tuple[str, str]:
    """``(shown, full)``: the text on one line, cut with an ellipsis to fit ``limit``."""
    full = " ".join(str(text).split())
    if limit is None or text_width(full, size) <= limit:
        return full, full
    shown = full
    while shown and text_width(shown + "…", size) > limit:
        shown = shown[:-1]
    return shown.rstrip() + "…", full


def _label_width(labels: Sequence[str], size: float = TEXT) -> float:
    """Room for the widest of ``labels`` (each cut to :data:`MAX_LABEL` characters)."""
    return max((text_width(_short(t), size) for t in labels), default=0.0)


def _short(text: Any) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= MAX_LABEL else flat[: MAX_LABEL - 1].rstrip() + "…"


def _svg(width: float, height: float, label: str, body: list[str], *,
         sentence: str | None = None) -> str:
    """The ``<svg>`` element: ``role="img"`` with ``label`` for screen readers; a picture of
    one ``sentence`` (:func:`message_chart`) carries it, for :func:`chart_message`."""
    said = f'data-sentence="{_esc(sentence)}" ' if sentence is not None else ""
    css = f"chart {_MESSAGE_CLASS}" if sentence is not None else "chart"
    return (f'<svg {said}xmlns="http://www.w3.org/2000/svg" width="{_num(width)}" height="{_num(height)}" '
            f'viewBox="0 0 {_num(width)} {_num(height)}" role="img" aria-label="{_esc(label)}" '
            f'font-family="{FONT}" class="{css}">'
            f"<title>{_esc(label)}</title>" + "".join(body) + "</svg>")


def nice_ticks(top: float, count: int = 5, *, whole: bool = False) -> list[float]:
    """Round values from 0 to at least ``top`` for an axis (0, 20, 40, ...).

    ``whole``: the axis counts things that come whole (people, messages), so every tick is a
    whole number: with three messages in the busiest week, 0, 1, 2, 3, never 0.5 or 1.5.
    """
    if not top > 0 or not math.isfinite(top):
        return [0.0, 1.0]
    raw = max(top / count, 1.0) if whole else top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10)
                if m * power >= raw and (not whole or float(m * power).is_integer()))
    n = math.ceil(top / step - 1e-9)
    return [i * step for i in range(n + 1)]


def _tick(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e6 else f"{value:.3g}"


def message_chart(text: str, *, label: str = "nothing to show") -> str:
    """A small picture holding one sentence, shown where a chart has no data."""
    width = min(WIDTH, max(240.0, text_width(text, TEXT) + 40))
    body = [f'<rect x="0.5" y="0.5" width="{_num(width - 1)}" height="47" fill="#f7f7f7" '
            f'stroke="{GRID}"/>', _text(width / 2, 24, text, anchor="middle", colour=MUTED,
                                        limit=width - 20)]
    return _svg(width, 48, label, body, sentence=text)


#: The class of :func:`message_chart`'s picture, by which :func:`chart_message` knows it.
_MESSAGE_CLASS = "nothing-to-show"
_SENTENCE = re.compile(r'<svg data-sentence="([^"]*)"')


def chart_message(svg: str | None) -> str | None:
    """The sentence of :func:`message_chart`'s picture (``None`` for a drawing): a page can
    say it in words instead, or leave it out where the empty table under it says it."""
    found = _SENTENCE.match(svg or "")
    return html.unescape(found[1]) if found and _MESSAGE_CLASS in found.string else None


# ---- horizontal bars (the funnel, the questions) -------------------------------------------

def _hbars(categories: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], *,
           title: str, axis: str, label: str, ends: Sequence[Sequence[str]] | None = None,
           top: float | None = None, legend_title: str | None = None,
           whole: bool = False) -> str:
    """Bars to the right, one row per category and one bar per series in each row.

    ``ends`` (per series, per category) is written at the end of each bar; ``whole``: the
    bars count whole things, and the axis says whole numbers only.
    """
    row = 24.0 if len(series) == 1 else 11.0 * len(series) + 8
    left = 10 + _label_width(categories)
    end_room = max((text_width(t, SMALL) for s in (ends or []) for t in s), default=0) + 10
    legend_room = 0.0
    if len(series) > 1:  # a gap, a swatch, then the widest name (the title is bold)
        legend_room = 24 + 18 + 6 + max(_label_width([name for name, _ in series], SMALL),
                                        text_width(legend_title or "", SMALL * BOLD) - 18)
    plot_w = max(160.0, WIDTH - left - end_room - legend_room - 20)
    values = [v for _, vs in series for v in vs if v == v]
    ticks = nice_ticks(top if top is not None else max(values, default=0), whole=whole)
    scale = plot_w / ticks[-1]
    top_y = 34.0
    height = top_y + row * len(categories) + 40
    width = left + plot_w + end_room + legend_room + 10
    body = [_text(width / 2, 16, title, size=TITLE, anchor="middle", weight="bold",
                  limit=width - 10)]
    x0 = left + 6
    for tick in ticks:
        x = x0 + tick * scale
        body.append(f'<line x1="{_num(x)}" y1="{_num(top_y)}" x2="{_num(x)}" '
                    f'y2="{_num(top_y + row * len(categories))}" stroke="{GRID}"/>')
        body.append(_text(x, top_y + row * len(categories) + 10, _tick(tick), size=SMALL,
                          anchor="middle", colour=MUTED))
    body.append(_text(x0 + plot_w / 2, height - 10, axis, size=SMALL, anchor="middle",
                      colour=MUTED))
    bar = (row - 8) / len(series)
    for i, category in enumerate(categories):
        y = top_y + i * row
        body.append(_text(left, y + row / 2, _short(category), anchor="end",
                          limit=left - 4))
        for j, (name, vs) in enumerate(series):
            value = vs[i] if vs[i] == vs[i] else 0.0
            by = y + 4 + j * bar
            w = max(0.0, value) * scale
            colour = PALETTE[j % len(PALETTE)]
            body.append(f'<rect x="{_num(x0)}" y="{_num(by)}" width="{_num(w)}" '
                        f'height="{_num(bar - 1)}" fill="{colour}"><title>{_esc(name)}: '
                        f"{_esc(_tick(value))}</title></rect>")
            if ends:
                body.append(_text(x0 + w + 4, by + (bar - 1) / 2, ends[j][i], size=SMALL,
                                  colour=MUTED))
    if len(series) > 1:
        lx = left + plot_w + end_room + 24
        ly = top_y + 4
        if legend_title:
            body.append(_text(lx, ly + 6, legend_title, size=SMALL, weight="bold"))
            ly += 18
        for j, (name, _) in enumerate(series):
            body.append(f'<rect x="{_num(lx)}" y="{_num(ly)}" width="12" height="12" '
                        f'fill="{PALETTE[j % len(PALETTE)]}"/>')
            body.append(_text(lx + 18, ly + 6, _short(name), size=SMALL,
                              limit=width - lx - 18 - 4))
            ly += 18
        height = max(height, ly + 10)
    return _svg(width, height, label, body)


def funnel_chart(data, *, by: str | None = None, label: str = "funnel") -> str:
    """:func:`~infoview.analytics.funnel.funnel` as bars (one per group when ``by``)."""
    from infoview.analytics._frames import message
    from infoview.analytics.display import GROUPED_BY_WORDS, OUTCOME_WORDS
    from infoview.analytics.funnel import STAGES

    if data is None or data.empty:
        return message_chart(message(data) or "Nothing to show yet.", label=label)
    stages = list(STAGES)
    title = "Funnel" + (f" by {by}" if by else "")
    if by:
        groups = list(dict.fromkeys(data["group"]))
        by_pair = {(g, s): c for g, s, c in zip(data["group"], data["stage"], data["count"],
                                                 strict=True)}
        series = [(group_words(g, by), [float(by_pair.get((g, s), 0)) for s in stages])
                  for g in groups]
        return _hbars([OUTCOME_WORDS.get(s, s) for s in stages], series, title=title,
                      axis="people", label=label, legend_title=GROUPED_BY_WORDS.get(by, by), whole=True)
    counts = [float(c) for c in data["count"]]
    ends = [f"{int(n)}" if share != share else f"{int(n)} ({share:.0%})"
            for n, share in zip(data["count"], data["share_of_identified"], strict=True)]
    return _hbars([OUTCOME_WORDS.get(s, s) for s in data["stage"]], [("people", counts)],
                  title=title, axis="people", label=label, ends=[ends], whole=True)


def questions_chart(data, *, label: str = "usefulness by category") -> str:
    """:func:`~infoview.analytics.questions.category_effectiveness` as bars."""
    import pandas as pd

    from infoview.analytics._frames import message

    if data is None or data.empty:
        return message_chart(message(data) or "Nothing to show yet.", label=label)
    means = [0.0 if pd.isna(m) else float(m) for m in data["mean_usefulness"]]
    from infoview.analytics.questions import usefulness_words

    ends = [" not rated" if pd.isna(m) else usefulness_words(m, n)
            for m, n in zip(data["mean_usefulness"], data["rated"], strict=True)]
    return _hbars([str(c) for c in data["category"]], [("average usefulness", means)],
                  title="Which kinds of question earned their minutes",
                  axis="average usefulness (1 to 5)", label=label, ends=[ends],
                  top=5.0)


# ---- vertical bars (answer rates) -----------------------------------------------------------

def reply_rates_chart(data, *, key: str, label: str) -> str:
    """:func:`~infoview.analytics.replies.reply_rates` as bars of the answer rate, each
    labelled with replies / requests and the typical (median) time to a reply."""
    from infoview.analytics._frames import message

    if data is None or data.empty:
        return message_chart(message(data) or "Nothing to show yet.", label=label)
    names = [group_words(v, key) for v in data[key]]
    rates = [0.0 if r != r else float(r) * 100 for r in data["answer_rate"]]
    firsts = [f"{r}/{s}" for r, s in zip(data["replied"], data["sent"], strict=True)]
    from infoview.analytics.display import days_in_words

    seconds = [days_in_words(d) for d in data["median_days_to_reply"]]
    slot = max(70.0, max(text_width(t, SMALL) for t in [*firsts, *seconds, *map(_short, names)])
               + 16)
    left, top_y, plot_h = 46.0, 34.0, 200.0
    title = f"Answer rate by {key}, and typical time to a reply"
    width = max(320.0, left + slot * len(names) + 20, text_width(title, TITLE * BOLD) + 20)
    height = top_y + plot_h + 46
    body = [_text(width / 2, 16, title, size=TITLE, anchor="middle", weight="bold",
                  limit=width - 10)]
    scale = plot_h / 115
    base = top_y + plot_h
    for tick in range(0, 101, 20):
        y = base - tick * scale
        body.append(f'<line x1="{_num(left)}" y1="{_num(y)}" x2="{_num(width - 10)}" '
                    f'y2="{_num(y)}" stroke="{GRID}"/>')
        body.append(_text(left - 6, y, str(tick), size=SMALL, anchor="end", colour=MUTED))
    body.append(f'<text x="12" y="{_num(top_y + plot_h / 2)}" font-size="{_num(SMALL)}" '
                f'fill="{MUTED}" text-anchor="middle" dominant-baseline="central" '
                f'transform="rotate(-90 12 {_num(top_y + plot_h / 2)})">answered (%)</text>')
    for i, name in enumerate(names):
        cx = left + slot * (i + 0.5)
        h = rates[i] * scale
        body.append(f'<rect x="{_num(cx - slot * 0.3)}" y="{_num(base - h)}" '
                    f'width="{_num(slot * 0.6)}" height="{_num(h)}" fill="{PALETTE[2]}">'
                    f"<title>{_esc(name)}: {rates[i]:.0f} %</title></rect>")
        label_y = base - h - (26 if seconds[i] else 10)
        body.append(_text(cx, label_y, firsts[i], size=SMALL, anchor="middle"))
        if seconds[i]:
            body.append(_text(cx, label_y + 14, seconds[i], size=SMALL, anchor="middle",
                              colour=MUTED))
        body.append(_text(cx, base + 14, _short(name), size=SMALL, anchor="middle",
                          limit=slot - 6))
    return _svg(width, height, label, body)


# ---- lines over time (activity) -------------------------------------------------------------

def activity_chart(data, *, label: str = "activity per week") -> str:
    """:func:`~infoview.analytics.activity.activity_by_week` as two lines over the weeks."""
    from infoview.analytics._frames import message

    if data is None or data.empty:
        return message_chart(message(data) or "Nothing to show yet.", label=label)
    weeks = list(data["week_start"])
    lines = [("messages sent", [int(v) for v in data["outreach"]]),
             ("meetings held", [int(v) for v in data["meetings"]])]
    ticks = nice_ticks(max(max(v) for _, v in lines), whole=True)  # whole messages
    left, top_y, plot_h, legend_h = 50.0, 34.0, 190.0, 20.0
    plot_w = WIDTH - left - 20
    height = top_y + legend_h + plot_h + 54
    body = [_text(WIDTH / 2, 16, "Activity per week", size=TITLE, anchor="middle",
                  weight="bold")]
    for j, (name, _) in enumerate(lines):  # the legend, above the plot
        lx = left + j * 160
        body.append(f'<rect x="{_num(lx)}" y="{_num(top_y)}" width="14" height="3" '
                    f'fill="{PALETTE[j]}"/>')
        body.append(_text(lx + 20, top_y + 1.5, name, size=SMALL))
    y0 = top_y + legend_h
    base = y0 + plot_h
    scale = plot_h / ticks[-1]
    for tick in ticks:
        y = base - tick * scale
        body.append(f'<line x1="{_num(left)}" y1="{_num(y)}" x2="{_num(left + plot_w)}" '
                    f'y2="{_num(y)}" stroke="{GRID}"/>')
        body.append(_text(left - 6, y, _tick(tick), size=SMALL, anchor="end", colour=MUTED))
    step = plot_w / max(len(weeks) - 1, 1)

    def x_of(i: int) -> float:
        return left + (i * step if len(weeks) > 1 else plot_w / 2)

    # a day under the axis every few weeks, as many as fit without touching, in the app's
    # words ("Mon 8 Jun"), the year said on the first and wherever it changes
    room = text_width("Mon 28 Sep 2026", SMALL) + 12
    every = max(1, math.ceil(room / step)) if len(weeks) > 1 else 1
    for i, said in week_ticks(weeks, every):
        half = text_width(said, SMALL) / 2 + 2  # kept inside the picture at either end
        body.append(_text(min(max(x_of(i), half), WIDTH - half), base + 14, said, size=SMALL,
                          anchor="middle", colour=MUTED))
    body.append(_text(left + plot_w / 2, base + 34, "week starting", size=SMALL,
                      anchor="middle", colour=MUTED))
    for j, (name, values) in enumerate(lines):
        points = " ".join(f"{_num(x_of(i))},{_num(base - v * scale)}"
                          for i, v in enumerate(values))
        body.append(f'<polyline points="{points}" fill="none" stroke="{PALETTE[j]}" '
                    f'stroke-width="1.6"><title>{_esc(name)}</title></polyline>')
        if len(values) <= 60:  # a dot per week while they stay apart
            body.extend(f'<circle cx="{_num(x_of(i))}" cy="{_num(base - v * scale)}" r="2.2" '
                        f'fill="{PALETTE[j]}"/>' for i, v in enumerate(values))
    mid = y0 + plot_h / 2
    body.append(f'<text x="12" y="{_num(mid)}" font-size="{_num(SMALL)}" fill="{MUTED}" '
                f'text-anchor="middle" dominant-baseline="central" '
                f'transform="rotate(-90 12 {_num(mid)})">how many that week</text>')
    return _svg(WIDTH, height, label, body)


def week_ticks(weeks: Sequence[Any], every: int = 1) -> list[tuple[int, str]]:
    """``(position, words)`` of every ``every``-th week's first day, as the app writes a
    day (:func:`~infoview.times.day_words`): the year on the first one and on each one
    whose year is not the one before's ("Mon 28 Dec 2026", "Mon 11 Jan 2027")."""
    from infoview.times import day_words

    ticks, year = [], None
    for i in range(0, len(weeks), every):
        day = weeks[i]
        ticks.append((i, day_words(day, year=day.year != year)))
        year = day.year
    return ticks


# ---- the referral tree ----------------------------------------------------------------------

def referral_chart(drawing, *, label: str = "referral network") -> str:
    """:func:`~infoview.analytics.network.referral_drawing` drawn left to right by depth:
    people met in green, not yet met in grey, each name beside its dot, none on another
    (:func:`~infoview.analytics.graph_layout.layered_layout`)."""
    from infoview.analytics.graph_layout import DOT, layered_layout
    from infoview.analytics.network import NO_REFERRALS

    if drawing is None:
        return message_chart(f"Nothing to show yet: {NO_REFERRALS}", label=label)
    size = 10.0
    nodes = list(range(len(drawing.ids)))
    predecessors: dict[int, list[int]] = {n: [] for n in nodes}
    for a, b in drawing.edges:
        predecessors[b].append(a)
    depths: dict[int, int] = dict(enumerate(drawing.depths))
    layout = layered_layout(depths, dict(enumerate(drawing.names)),
                            predecessors, font_size=size, measure=text_width)
    title_room = 28.0
    width = max(layout.width, text_width(drawing.title, TITLE * BOLD) + 20)
    height = layout.height + title_room
    body = [_text(width / 2, 15, drawing.title, size=TITLE, anchor="middle", weight="bold"),
            '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" '
            'markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
            'fill="#9a9a9a"/></marker></defs>']

    def at(node: int) -> tuple[float, float]:
        x, y = layout.positions[node]
        return x, title_room + layout.height - y  # the layout counts y upwards

    for a, b in drawing.edges:
        (x0, y0), (x1, y1) = at(a), at(b)
        if drawing.depths[b] > drawing.depths[a]:  # from the end of the name to the next dot
            x0 += DOT / 2 + layout.label_widths[a]
            path = f"M{_num(x0)},{_num(y0)} L{_num(x1 - 4)},{_num(y1)}"
        else:  # back to an earlier layer: a curve, so it does not run along the names
            mx, my = (x0 + x1) / 2, (y0 + y1) / 2 - 0.35 * abs(x1 - x0) - 12
            path = f"M{_num(x0)},{_num(y0)} Q{_num(mx)},{_num(my)} {_num(x1)},{_num(y1 - 4)}"
        body.append(f'<path d="{path}" fill="none" stroke="#9a9a9a" stroke-width="0.8" '
                    f'marker-end="url(#arrow)"/>')
    for node in nodes:
        x, y = at(node)
        colour = "#5a9e6f" if drawing.met[node] else "#b0b0b0"
        body.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="3.5" fill="{colour}"/>')
    for node in nodes:  # names last: on a white ground above every line
        x, y = at(node)
        w = layout.label_widths[node]
        body.append(f'<rect x="{_num(x + DOT / 2 - 1)}" y="{_num(y - 7)}" width="{_num(w)}" '
                    f'height="14" fill="white"/>')
        body.append(_text(x + DOT / 2, y, layout.labels[node], size=size))
    return _svg(width, height, label, body)
