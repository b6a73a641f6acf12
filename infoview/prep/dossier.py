"""The dossier of one organization: everything learned there, for a later job interview.

:func:`build_dossier` gathers, across every informational interview with people at the
organization, what was learned (insights, answers marked useful) with the date and who
said it, the people met and known there, the news found by research, and what came of it
(applications, interviews, offers). :func:`export_dossier` writes it as Markdown, HTML or
PDF with the brief's renderers (:mod:`infoview.prep.render`): jinja2 with autoescape for
HTML, every Markdown value escaped, PDF printed by WeasyPrint without fetching anything.

A person belongs to the organization when their ``organization`` matches its name
(by :func:`~infoview.store.matching.org_key`, the rule of warm paths: case, accents,
punctuation and legal suffixes ignored, so "Kestrel Health Labs, Inc." is "kestrel health
labs"); research belongs to it when it was saved for
the organization, for one of its people, or names it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from infoview.errors import BadInput, NotFound
from infoview.models import (
    Insight,
    Meeting,
    Organization,
    Outcome,
    Person,
    QuestionAsked,
    ResearchSnapshot,
)
from infoview.store.matching import org_key

log = logging.getLogger(__name__)

#: Answers scored at least this (1-5) go into the dossier.
USEFUL_SCORE = 4
FORMATS: tuple[str, ...] = ("md", "html", "pdf")


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


@dataclass
class NewsItem:
    """A news item found by research, with the page it came from and when it was read."""

    title: str
    date: str | None
    url: str
    researched_on: date | None


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


def _resolve(store, org: str | int) -> tuple[str, Organization | None]:
    """The organization's name and record (``None`` when only people or research name it)."""
    orgs = store.list(Organization)
    text = str(org).strip()
    if not org_key(text):
        raise BadInput('give the organization\'s name (or its id), e.g. "Kestrel Health Labs"')
    if text.isdigit():
        found = next((o for o in orgs if o.id == int(text)), None)
        if found is None:
            raise NotFound(f"no organization with id {text}; see `infoview targets`")
        return found.name, found
    key = org_key(text)
    record = next((o for o in orgs if org_key(o.name) == key), None)
    if record is not None:
        return record.name, record
    named = [p.organization for p in store.list(Person) if org_key(p.organization) == key]
    if named:
        return named[0], None
    raise NotFound(
        f"nothing is stored about {text!r}: no organization or person there; "
        "check the spelling (see `infoview targets` or `infoview people list`)"
    )


def _day(value) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def build_dossier(store, org: str | int, *, now: datetime | None = None) -> Dossier:
    """Gather the dossier of one organization from the store (nothing is saved).

    Args:
        store: the open store.
        org: the organization's name (any case) or its id.
        now: the moment it is made (default: now), printed on it.

    Raises:
        NotFound: nothing is stored about that organization.
    """
    name, record = _resolve(store, org)
    key = org_key(name)
    people = [p for p in store.list(Person) if org_key(p.organization) == key]
    ids = {p.id for p in people}
    dossier = Dossier(
        name=name,
        website=record.website if record else None,
        industry=record.industry if record else None,
        location=record.location if record else None,
        generated_at=now or datetime.now(UTC),
    )
    meetings = {}
    for person in people:
        held = sorted(
            (m for m in store.list(Meeting, person_id=person.id) if m.status == "held"),
            key=lambda m: (m.starts_at is None, m.starts_at or now, m.id),
        )
        entry = MetPerson(
            person.name,
            person.title,
            [d for d in (_day(m.starts_at) for m in held) if d],
            held[-1].rapport if held else None,
            person.profile_url,
        )
        (dossier.met if held else dossier.known).append(entry)
        for m in held:
            meetings[m.id] = (m, person)
    for meeting, person in meetings.values():
        when = _day(meeting.starts_at)
        for insight in store.list(Insight, meeting_id=meeting.id):
            dossier.learned.append(
                Learned(insight.text, person.name, when, tags=list(insight.tags))
            )
        for q in store.list(QuestionAsked, meeting_id=meeting.id):
            # the closing pair (who else, may I mention you) is about names, not the work
            if (q.usefulness or 0) >= USEFUL_SCORE and q.answer_notes and q.category != "closing":
                dossier.learned.append(
                    Learned(
                        q.answer_notes,
                        person.name,
                        when,
                        kind="answer",
                        question=q.text,
                        usefulness=q.usefulness,
                    )
                )
    dossier.learned.sort(key=lambda x: (x.when is None, x.when or date.min), reverse=True)
    _add_research(store, dossier, record, ids, key)
    orgs = {o.id: o.name for o in store.list(Organization)}
    for outcome in store.list(Outcome):
        at_org = (record is not None and outcome.organization_id == record.id) or (
            outcome.organization_id is None
            and (outcome.meeting_id in meetings or outcome.person_id in ids)
        )
        if at_org:
            via = meetings.get(outcome.meeting_id)
            dossier.outcomes.append(
                {
                    "kind": outcome.kind,
                    "date": outcome.date,
                    "notes": outcome.notes,
                    "organization": orgs.get(outcome.organization_id) or name,
                    "via": via[1].name if via else None,
                }
            )
    dossier.outcomes.sort(key=lambda o: (o["date"] is None, o["date"] or date.min))
    log.info(
        "dossier of %s: %d things learned, %d people met",
        name,
        len(dossier.learned),
        len(dossier.met),
    )
    return dossier


def _add_research(store, dossier: Dossier, record, ids: set, key: str) -> None:
    """News (newest research first, each URL once) and the latest company summary."""
    snapshots = [
        s
        for s in store.list(ResearchSnapshot)
        if (record is not None and s.organization_id == record.id)
        or s.person_id in ids
        or (s.kind == "company" and org_key((s.data or {}).get("name")) == key)
    ]
    snapshots.sort(
        key=lambda s: (
            s.fetched_at is None,
            s.fetched_at or datetime.min.replace(tzinfo=UTC),
        ),
        reverse=False,
    )
    seen = set()
    for snap in reversed(snapshots):  # newest first
        data = snap.data or {}
        if snap.kind == "company" and dossier.summary is None:
            dossier.summary = data.get("summary") or data.get("description")
            dossier.summary_source = snap.source_url if dossier.summary else None
            dossier.website = dossier.website or data.get("url")
            dossier.industry = dossier.industry or data.get("industry")
            dossier.location = dossier.location or data.get("location")
        for item in data.get("news") or []:
            url = str(item.get("url") or "")
            title = " ".join(str(item.get("title") or "").split())
            if not title or url in seen:
                continue
            seen.add(url)
            dossier.news.append(NewsItem(title, item.get("date"), url, _day(snap.fetched_at)))
    dossier.news.sort(key=lambda n: n.date or "", reverse=True)


# ---- rendering ------------------------------------------------------------------------------


def render_dossier(dossier: Dossier, fmt: str = "md") -> str | bytes:
    """The dossier as Markdown or HTML text, or PDF bytes."""
    from infoview.prep.render import _environment, html_to_pdf

    kind = {"markdown": "md"}.get(str(fmt).lower().lstrip("."), str(fmt).lower().lstrip("."))
    if kind not in FORMATS:
        raise BadInput(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
    if kind == "md":
        text = _environment("md").get_template("dossier.md.j2").render(d=dossier)
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    html = _environment("html").get_template("dossier.html.j2").render(d=dossier)
    return html if kind == "html" else html_to_pdf(html)


def dossier_name(dossier: Dossier, ext: str) -> str:
    """A file name such as ``dossier-kestrel-health-labs-2026-03-31.pdf``."""
    slug = re.sub(r"[^a-z0-9]+", "-", dossier.name.lower()).strip("-") or "organization"
    return f"dossier-{slug}-{dossier.generated_at:%Y-%m-%d}.{ext}"


def export_dossier(dossier: Dossier, out: str | Path, fmt: str = "md") -> Path:
    """Write the dossier in one format; ``out`` is a file, or a folder to name one in."""
    from infoview.userfiles import write_bytes, write_text

    content = render_dossier(dossier, fmt)
    ext = (
        "md" if str(fmt).lower().lstrip(".") in ("md", "markdown") else str(fmt).lower().lstrip(".")
    )
    path = Path(out).expanduser()
    if path.is_dir() or not path.suffix:
        path = path / dossier_name(dossier, ext)
    if isinstance(content, bytes):
        write_bytes(path, content)
    else:
        write_text(path, content)
    log.info("wrote %s", path)
    return path
