"""The dossier of one organization, gathered from the store (rendered by
:mod:`infoview.prep.dossier`).

A person belongs to the organization when their ``organization`` matches its name (by
:func:`~infoview.text.org_key`, the rule of warm paths: case, accents, punctuation
and legal suffixes ignored, so "Kestrel Health Labs, Inc." is "kestrel health labs"),
or plainly is the stored organization written shorter or fuller
(:class:`~infoview.store.matching.OrganizationIndex`); research belongs to it when it
was saved for the organization, for one of its people, or
names it.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from infoview.errors import BadInput, NotFound
from infoview.flows.profile import user_zone
from infoview.models import (
    USEFUL_SCORE,
    Insight,
    Meeting,
    Organization,
    Outcome,
    Person,
    QuestionAsked,
    ResearchSnapshot,
)
from infoview.prep.dossier import Dossier, Learned, MetPerson, NewsItem
from infoview.store.matching import OrganizationIndex, match_organization
from infoview.text import org_key

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

log = logging.getLogger(__name__)


def _resolve(store: Store, org: str | int) -> tuple[str, Organization | None]:
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
    # the same name, else the one it plainly is ("Kestrel Health Labs", as its site says,
    # for "Kestrel Health", as the user keeps it)
    record = next((o for o in orgs if org_key(o.name) == key), None) \
        or match_organization(orgs, name=text)
    if record is not None:
        return record.name, record
    named = [p.organization for p in store.list(Person)
             if p.organization and org_key(p.organization) == key]
    if named:
        return named[0], None
    raise NotFound(
        f"nothing is stored about {text!r}: no organization or person there; "
        "check the spelling (see `infoview targets` or `infoview people list`)"
    )


def _day(value) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def build_dossier(store: Store, org: str | int, *, now: datetime | None = None) -> Dossier:
    """Gather the dossier of one organization from the store (nothing is saved).

    Args:
        store: the open store.
        org: the organization's name (any case) or its id.
        now: the moment it is made (default: now), printed on it.

    Raises:
        NotFound: nothing is stored about that organization.
    """
    name, record = _resolve(store, org)
    index = OrganizationIndex(o.name for o in store.list(Organization))
    key = index.key(name)  # "Kestrel Health Labs" typed on Ana is the "Kestrel Health" kept
    people = [p for p in store.list(Person) if index.key(p.organization) == key]
    ids = {p.id for p in people}
    dossier = Dossier(
        name=name,
        website=record.website if record else None,
        industry=record.industry if record else None,
        location=record.location if record else None,
        generated_at=(now or datetime.now(UTC)).astimezone(user_zone(store)),  # the user's day
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
    _add_research(store, dossier, record, ids, key, index)
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


def _add_research(store: Store, dossier: Dossier, record, ids: set, key: str,
                  index: OrganizationIndex) -> None:
    """News (newest research first, each URL once) and the latest company summary."""
    snapshots = [
        s
        for s in store.list(ResearchSnapshot)
        if (record is not None and s.organization_id == record.id)
        or s.person_id in ids
        or (s.kind == "company" and index.key((s.data or {}).get("name")) == key)
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
