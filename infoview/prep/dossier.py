"""The dossier of one organization: everything learned there, for a later job interview.

:func:`infoview.flows.dossier.build_dossier` gathers, across every informational interview with people at the
organization, what was learned (insights, answers marked useful) with the date and who
said it, the people met and known there, the news found by research, and what came of it
(applications, interviews, offers). :func:`export_dossier` writes it as Markdown, HTML or
PDF with the brief's renderers (:mod:`infoview.prep.render`): jinja2 with autoescape for
HTML, every Markdown value escaped, PDF printed by WeasyPrint without fetching anything.

Which people and research belong to the organization is decided where the dossier is
gathered (:mod:`infoview.flows.dossier`).
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from infoview.store.exports import export_format, write_export

if TYPE_CHECKING:
    from infoview.store.core import Store

log = logging.getLogger(__name__)


@dataclass
class Learned:
    """One thing learned: an insight or a useful answer, with when and from whom."""

    text: str
    who: str
    when: date | None
    kind: str = "insight"
    question: str | None = None
    usefulness: int | None = None
    tags: list[str] = field(default_factory=list)


@dataclass
class MetPerson:
    """Someone at the organization: their title, and the days the user met them."""

    name: str
    title: str | None
    met_on: list[date] = field(default_factory=list)
    rapport: int | None = None
    profile_url: str | None = None


#: ``datetime.date`` under a name the news item's own ``date`` field does not hide.
Day = date


@dataclass
class NewsItem:
    """A news item found by research, with the page it came from and when it was read."""

    title: str
    date: str | None
    url: str
    researched_on: Day | None


@dataclass
class Dossier:
    """Everything known about one organization (see :func:`build_dossier`)."""

    name: str
    website: str | None = None
    industry: str | None = None
    location: str | None = None
    summary: str | None = None
    summary_source: str | None = None
    learned: list[Learned] = field(default_factory=list)
    met: list[MetPerson] = field(default_factory=list)
    known: list[MetPerson] = field(default_factory=list)
    news: list[NewsItem] = field(default_factory=list)
    outcomes: list[dict] = field(default_factory=list)
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def to_dict(self) -> dict:
        """Plain values for JSON."""
        return asdict(self)


# ---- rendering ------------------------------------------------------------------------------


def render_dossier(dossier: Dossier, fmt: str = "md") -> str | bytes:
    """The dossier as Markdown or HTML text, or PDF bytes (the formats a dossier is offered
    in, :data:`~infoview.store.exports.EXPORT_FORMATS`)."""
    from infoview.prep.render import _environment, html_to_pdf

    kind = export_format(fmt, "dossier").name
    if kind == "md":
        text = _environment("md").get_template("dossier.md.j2").render(d=dossier)
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    html = _environment("html").get_template("dossier.html.j2").render(d=dossier)
    return html if kind == "html" else html_to_pdf(html)


def dossier_name(dossier: Dossier, ext: str) -> str:
    """A file name such as ``dossier-kestrel-health-labs-2026-03-31.pdf``."""
    slug = re.sub(r"[^a-z0-9]+", "-", dossier.name.lower()).strip("-") or "organization"
    return f"dossier-{slug}-{dossier.generated_at:%Y-%m-%d}.{ext}"


def export_dossier(dossier: Dossier, out: str | Path, fmt: str = "md", *,
                   store: Store | None = None) -> Path:
    """Write the dossier in one format; ``out`` is a file, or a folder to name one in.

    With ``store``, the file is recorded in its exports registry with the people it names
    (so deleting one of them lists it).
    """
    kind = export_format(fmt, "dossier").name
    content = render_dossier(dossier, kind)
    path = Path(out).expanduser()
    if path.is_dir() or not path.suffix:
        path = path / dossier_name(dossier, kind)
    text = content if isinstance(content, str) else str(render_dossier(dossier, "md"))
    return write_export(store, path, content, kind="dossier", text=text)
