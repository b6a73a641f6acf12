"""Pieces every panel shares: a message line that shows errors, HTML helpers, links.

Panels never let an :class:`~infoview.errors.InfoviewError` escape a callback as a
traceback: :meth:`MessageLine.guard` catches it and shows its message inside the panel.
Everything shown as HTML is escaped here, because most of it was scraped from the web.
"""

from __future__ import annotations

import html
import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator

import ipywidgets as w

from infoview.errors import InfoviewError

log = logging.getLogger(__name__)

_COLOURS = {"info": "#1f4e79", "ok": "#1b5e20", "warning": "#8a5300", "error": "#b00020"}


def esc(value: Any) -> str:
    """``value`` as text that is safe inside HTML (``None`` becomes an empty string)."""
    return "" if value is None else html.escape(str(value))


def link(url: str | None, text: str | None = None) -> str:
    """An HTML link that opens in a new tab; only http(s) and file URLs become links."""
    if not url:
        return esc(text)
    label = esc(text or url)
    if not str(url).startswith(("http://", "https://", "file://")):
        return label
    return f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{label}</a>'


def file_link(path: Path) -> str:
    """A link to a written file plus its full path, so it can be found even where the
    browser may not open ``file://`` links (Voila, a remote kernel)."""
    path = Path(path).resolve()
    return f'{link(path.as_uri(), path.name)} <code>{esc(path)}</code>'


def bullet_list(items: Iterable[str], empty: str = "Nothing here.") -> str:
    """An HTML list of already-escaped items, or a plain sentence when there are none."""
    items = list(items)
    if not items:
        return f"<p><i>{esc(empty)}</i></p>"
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def table_html(rows: list[dict[str, Any]], columns: list[str], empty: str = "Nothing to show.",
               links: Iterable[str] = ()) -> str:
    """A small HTML table of ``rows`` (dicts); columns named in ``links`` render as links."""
    if not rows:
        return f"<p><i>{esc(empty)}</i></p>"
    link_cols = set(links)
    head = "".join(f"<th style='text-align:left'>{esc(c)}</th>" for c in columns)
    body = []
    for row in rows:
        cells = []
        for col in columns:
            value = row.get(col)
            cells.append(f"<td>{link(value) if col in link_cols else esc(value)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table class='infoview-table'><tr>{head}</tr>{''.join(body)}</table>"


def frame_html(frame, empty: str = "Nothing to show.", max_rows: int = 50) -> str:
    """A pandas DataFrame as escaped HTML, or a plain sentence when it is empty."""
    if frame is None or len(frame) == 0:
        return f"<p><i>{esc(empty)}</i></p>"
    return frame.head(max_rows).to_html(escape=True, index=False, border=0, na_rep="",
                                        float_format=lambda x: f"{x:.3g}")


def heading(text: str) -> w.HTML:
    """A small section heading."""
    return w.HTML(f"<h4 style='margin:6px 0 2px 0'>{esc(text)}</h4>")


class MessageLine(w.HTML):
    """One line under a panel's buttons: progress notes, results, and errors.

    ``kind`` is the last kind shown (``info``, ``ok``, ``warning``, ``error``) and ``text``
    the plain text, so tests can read what the user saw.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.kind = ""
        self.text = ""

    def show(self, text: str, kind: str = "info") -> None:
        """Show ``text`` (plain text, escaped here) in the colour of ``kind``."""
        self.kind, self.text = kind, text
        colour = _COLOURS.get(kind, "inherit")
        self.value = f"<div class='infoview-{kind}' style='color:{colour}'>{esc(text)}</div>"

    def clear(self) -> None:
        """Show nothing."""
        self.kind, self.text, self.value = "", "", ""

    @contextmanager
    def guard(self, doing: str = "") -> Iterator[None]:
        """Run a callback's body; an ``InfoviewError`` becomes a red message, not a traceback.

        Other exceptions are programming errors: they are shown too (a widget callback
        has nowhere better to report them) and logged with their traceback.
        """
        try:
            yield
        except InfoviewError as exc:
            self.show(f"{doing + ': ' if doing else ''}{exc}", "error")
        except Exception as exc:  # noqa: BLE001 - a callback must not die silently
            log.exception("unexpected error in a widget callback")
            self.show(f"Something went wrong{' while ' + doing if doing else ''}: "
                      f"{type(exc).__name__}: {exc}", "error")


def button(description: str, style: str = "", tooltip: str = "", width: str = "auto") -> w.Button:
    """A button with the look used throughout the panels."""
    return w.Button(description=description, button_style=style, tooltip=tooltip or description,
                    layout=w.Layout(width=width))


def text(description: str, value: str = "", placeholder: str = "", width: str = "95%") -> w.Text:
    """A labelled text field whose label is not cut short."""
    return w.Text(value=value, description=description, placeholder=placeholder,
                  style={"description_width": "initial"}, layout=w.Layout(width=width))
