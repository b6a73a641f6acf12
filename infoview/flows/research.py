"""Research in the store: saving it linked to its person and organization, finding it again.

One save flow, :func:`keep_research`, serves the research panel's Save and
``infoview research company|person URL --save``: the company becomes (or updates) an
organization, the person a person record (found again by :func:`~infoview.store.matching.
match_person`), and each profile a snapshot linked to both, so that preparation
(:func:`research_for`) finds it whichever face saved it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from infoview.errors import BadInput
from infoview.models import Organization, Person, ResearchSnapshot
from infoview.research.models import CompanyProfile, PersonProfile
from infoview.research.results import Profile, kind_of
from infoview.store.matching import (
    OrganizationIndex,
    match_organization,
    match_person,
    organization_fits,
)
from infoview.text import fold, is_linkedin_profile, name_key, org_key, org_variant

if TYPE_CHECKING:  # pragma: no cover
    from infoview.store import Store

log = logging.getLogger(__name__)


@dataclass
class KeptResearch:
    """What :func:`keep_research` stored: the records and the snapshots linked to them."""

    person: Person | None = None
    organization: Organization | None = None
    snapshots: list[ResearchSnapshot] = field(default_factory=list)


def save_research(store: Store, profile: Profile, person_id: int | None = None,
                  organization_id: int | None = None) -> ResearchSnapshot:
    """Save one profile as a research snapshot, linked as given; returns the snapshot.

    This is the bare write; :func:`keep_research` also creates and links the person and
    organization the research is about, which is what the panel and the CLI use.

    Args:
        store: an open :class:`infoview.store.Store`.
        profile: a :class:`CompanyProfile` or :class:`PersonProfile`.
        person_id: the person the research is about (or for), if any.
        organization_id: the organization it is about, if any.
    """
    snapshot = ResearchSnapshot(
        kind=kind_of(profile), source_url=profile.url, data=profile.to_dict(),
        fetched_at=datetime.now(UTC), person_id=person_id,
        organization_id=organization_id,
    )
    return store.add(snapshot)


def _newest(snapshots: list[ResearchSnapshot]) -> ResearchSnapshot | None:
    return max(snapshots, key=lambda s: (s.fetched_at is not None, s.fetched_at or 0, s.id or 0),
               default=None)


def _profile(snapshot: ResearchSnapshot | None) -> Profile | None:
    if snapshot is None:
        return None
    cls = PersonProfile if snapshot.kind == "person" else CompanyProfile
    return cls.from_dict(snapshot.data)


def latest_research(store: Store, url: str | None = None, *, kind: str = "company",
                    person_id: int | None = None,
                    organization_id: int | None = None) -> Profile | None:
    """The newest saved research matching the filters, as a profile; ``None`` if there is none.

    Args:
        store: an open :class:`infoview.store.Store`.
        url: the researched URL, if known.
        kind: ``"company"`` or ``"person"``.
        person_id, organization_id: the record the research was saved for.
    """
    filters: dict[str, Any] = {"kind": kind}
    if url is not None:
        filters["source_url"] = url
    if person_id is not None:
        filters["person_id"] = person_id
    if organization_id is not None:
        filters["organization_id"] = organization_id
    return _profile(_newest(store.list(ResearchSnapshot, **filters)))


def find_organization(store: Store, name: str | None) -> Organization | None:
    """The stored organization a person's organization plainly is, if any: by the rule
    research attaches by (:func:`~infoview.store.matching.match_organization`), so
    "Kestrel Health Inc." and "kestrel health" typed find "Kestrel Health"."""
    return match_organization(store.list(Organization), name=name) if fold(name) else None


def people_at(store: Store, organization: Organization) -> list[Person]:
    """The stored people whose organization is ``organization`` by the rule of
    :func:`find_organization` ("Kestrel Health Inc." and "kestrel health" work at Kestrel
    Health), in the store's order."""
    orgs = store.list(Organization)
    found: dict[str, bool] = {}
    people = []
    for person in store.list(Person):
        key = fold(person.organization)
        if key and key not in found:
            match = match_organization(orgs, name=person.organization)
            found[key] = match is not None and match.id == organization.id
        if key and found[key]:
            people.append(person)
    return people


def people_by_organization(store: Store) -> dict[int, list[Person]]:
    """The stored people at each organization, by its id, by the rule of
    :func:`people_at` (one pass over the people for every organization: the list of
    organizations names whom the user knows at each)."""
    orgs = store.list(Organization)
    by_key: dict[str, int | None] = {}
    out: dict[int, list[Person]] = {}
    for person in store.list(Person):
        key = fold(person.organization)
        if not key:
            continue
        if key not in by_key:
            match = match_organization(orgs, name=person.organization)
            by_key[key] = match.id if match is not None else None
        if (org_id := by_key[key]) is not None:
            out.setdefault(org_id, []).append(person)
    return out


def organization_website(store: Store, person_id: int | None) -> str | None:
    """The website saved for the chosen person's organization, if any: where research of
    them starts (``None`` for nobody, no organization stored, or no website saved)."""
    people = store.list(Person, id=person_id) if person_id is not None else []
    org = find_organization(store, people[0].organization) if people else None
    website = (org.website or "").strip() if org is not None else ""
    return website or None


def name_to_find(store: Store, person_id: int | None) -> str | None:
    """The chosen person's name, to look for on their organization's website, while no page
    of theirs that research could read is saved (none, or only a LinkedIn profile, which is
    never fetched); ``None`` for nobody, or once their page is known."""
    people = store.list(Person, id=person_id) if person_id is not None else []
    if not people or not people[0].name:
        return None
    page = (people[0].profile_url or "").strip()
    return people[0].name if not page or is_linkedin_profile(page) else None


def names_no_organization(company: CompanyProfile | None) -> bool:
    """Whether company research gave no organization's name to save it under (a bare list
    of files, a parked page): the one rule of :func:`~infoview.flows.batch_research.nameable`,
    for the single-site research panel."""
    from infoview.flows.batch_research import nameable

    return company is not None and not nameable(company.to_dict())


#: What Save says when the site gave no name and the user typed none.
TYPE_THE_NAME = ("its pages do not say whose site it is, so there is no organization to save "
                 "it under: type the organization's name in the box beside this message, "
                 "then press Save again")


#: What ``infoview research company URL --save`` says when the site gave no name and
#: ``--organization`` was not given.
PASS_THE_NAME = ("its pages do not say whose site it is, so there is no organization to save "
                 "it under: run it again with --organization NAME (nothing was saved)")


def named_by_user(company: CompanyProfile | None, typed: str | None,
                  ask: str = TYPE_THE_NAME) -> CompanyProfile | None:
    """The company research to save: as found when its pages named the organization, else
    under the name the user typed for it (spaces tidied). The research panel's Save and
    ``research company --save`` (``--organization``) both go through this one rule.

    Args:
        company: the research to save, if any.
        typed: the organization's name the user gave (the panel's box, ``--organization``).
        ask: what to say when a name is needed and none was given (where to give it).

    Raises:
        BadInput: the pages named no organization and nothing was typed.
    """
    if company is None or not names_no_organization(company):
        return company
    name = " ".join((typed or "").split())
    if not name:
        raise BadInput(ask)
    return replace(company, name=name)


def keep_research(store: Store, company: CompanyProfile | None = None,
                  person: PersonProfile | None = None, *,
                  known_as: str | None = None, chosen: int | None = None) -> KeptResearch:
    """Save research results and the records they are about, in one transaction.

    The company becomes (or updates) an :class:`Organization`, the person a :class:`Person`
    (matched by :func:`~infoview.store.matching.match_person`, so research saved twice
    does not make two people), and each profile a research snapshot linked to them. A
    company researched alone is linked to its organization; a person researched alone to
    their person record (and to their organization when one of that name is stored).

    Args:
        store: the open store.
        company: a :class:`~infoview.research.models.CompanyProfile`, or ``None``.
        person: a :class:`~infoview.research.models.PersonProfile`, or ``None``.
        known_as: the name the user looked the person up by ("Sam Okafor"), when their page
            writes it otherwise ("Samira Okafor"): a stored person of that name at the same
            organization is the one the research is about.
        chosen: the id of the person the user is working on (the app's choice): when the
            page's name fits theirs ("Samira Okafor" found, "Sam Okafor" chosen), the
            research is theirs, by the one rule of :func:`~infoview.store.matching.
            match_person`.

    Raises:
        BadInput: neither profile given, or the person's page named nobody.
    """
    if company is None and person is None:
        raise BadInput("nothing to save: research a company or a person first")
    if person is not None and not person.name:
        raise BadInput(f"the page {person.url} names nobody, so there is no person to save; "
                       "check the URL, or add the person by hand in the preparation step")
    kept = KeptResearch()
    now = datetime.now(UTC)
    with store.transaction():
        if company is not None and company.name:
            kept.organization = _upsert_organization(store, company, now)
        elif person is not None:
            kept.organization = match_organization(store.list(Organization),
                                                   name=person.organization)
        if person is not None:
            kept.person = _upsert_person(store, person, company, now, known_as,
                                         kept.organization, chosen)
            if kept.organization is None:
                kept.organization = match_organization(store.list(Organization),
                                                       name=kept.person.organization)
        org_id = kept.organization.id if kept.organization else None
        person_id = kept.person.id if kept.person else None
        for profile in (company, person):
            if profile is not None:
                kept.snapshots.append(save_research(store, profile, person_id=person_id,
                                                    organization_id=org_id))
    log.info("kept research: organization %s, person %s", org_id, person_id)
    return kept


def _upsert_organization(store: Store, company: CompanyProfile, now: datetime) -> Organization:
    """The organization research found: the stored one it plainly is (same name, same
    website, or the typed name plus "Labs", "Inc" and the like), given the fields it lacks
    and keeping every one the user typed (its name too); else a new one."""
    org = match_organization(store.list(Organization), name=company.name, website=company.url)
    if org is None:
        return store.add(Organization(name=_name_used(store, company.name or ""),
                                      website=company.url,
                                      industry=company.industry, location=company.location,
                                      created_at=now))
    org.website = org.website or company.url
    org.industry = org.industry or company.industry
    org.location = org.location or company.location
    return store.update(org)


def _name_used(store: Store, found: str) -> str:
    """The name a new organization is kept under: the one the user's people records already
    give it, written shorter or fuller than the site's ("Kestrel Health" typed on Sam, the
    site says "Kestrel Health Labs"), so their words stay and the records share one name
    (the dossier and warm paths key on it; the site's name still finds it, by
    :func:`~infoview.store.matching.match_organization`); else ``found``, the site's."""
    typed = {org_key(p.organization): p.organization for p in store.list(Person)
             if p.organization and org_variant(p.organization, found)}
    return next(iter(typed.values())) if len(typed) == 1 else found


def _looked_up(people: list[Person], name: str, organization: str | None) -> Person | None:
    """The one stored person called ``name`` whose organization is not known, or is the
    found one written shorter or fuller ("Kestrel Health" for "Kestrel Health Labs Ltd"):
    whom a user means when they look a person up by the name they stored them under. The
    organizations compare by the rule of :func:`~infoview.store.matching.match_person`
    (:func:`~infoview.store.matching.organization_fits`), so a "Kestrel" kept is not a
    "Kestrel Health" found."""
    hits = [p for p in people if name_key(p.name) == name_key(name)
            and organization_fits(p.organization, organization)]
    return hits[0] if len(hits) == 1 else None


def _upsert_person(store: Store, profile: PersonProfile, company: CompanyProfile | None,
                   now: datetime, known_as: str | None = None,
                   stored: Organization | None = None, chosen: int | None = None) -> Person:
    """The person a page is about: the stored one by the one rule (their typed name, email
    and notes kept; title, location, page address and organization filled in where
    empty), else a new one."""
    organization = profile.organization or (company.name if company is not None else None)
    if stored is not None and (not organization or org_variant(organization, stored.name)
                               or (company is not None and fold(organization) == fold(company.name))):
        # the organization as the user keeps it, so the person and it stay one name
        organization = stored.name
    # A team page that lists them among others is where they were found, not their profile.
    own_url = profile.url if profile.own_page else None
    people = store.list(Person)
    # the staff named beside them on the organization's pages: a short form kept ("Chris
    # Smith") that fits two of them is neither
    staff = [(p.name, organization) for p in (company.people if company is not None else [])
             if p.kind == "staff"]
    person = match_person(people, profile_url=own_url, name=profile.name,
                          organization=organization, chosen=chosen, together=staff)
    if person is None and known_as:
        person = match_person(people, name=known_as, organization=organization) \
            or _looked_up(people, known_as, organization)
    if person is not None:
        person.title = person.title or profile.title
        # the organization as the user wrote it stays (never the site's longer name)
        person.organization = person.organization or organization
        person.location = person.location or profile.location
        person.profile_url = person.profile_url or own_url
        return store.update(person)
    return store.add(Person(name=profile.name or "", title=profile.title,
                            organization=organization, location=profile.location,
                            profile_url=own_url, created_at=now))


def load_research(store: Store, person: Person) -> tuple[CompanyProfile | None,
                                                           PersonProfile | None]:
    """The latest stored company and person research for a person (each may be ``None``).

    Company research is looked for among the person's own snapshots, then among those of
    the organization their organization plainly is, or the one their own researched page
    names: by the stored organizations' name rule
    (:class:`~infoview.store.matching.OrganizationIndex`, as the dossier and warm paths
    group people), so research kept under "Kestrel Health" is found for a person typed at
    "Kestrel Health Labs", while a name that could be two kept organizations finds neither.
    """
    own = store.list(ResearchSnapshot, person_id=person.id)
    found = _profile(_newest([s for s in own if s.kind == "person"]))
    company_snap = _newest([s for s in own if s.kind == "company"])
    if company_snap is None:
        orgs = store.list(Organization)
        index = OrganizationIndex(o.name for o in orgs)
        keys = {index.key(n) for n in (person.organization, getattr(found, "organization", None))}
        keys.discard("")
        company_snap = _newest([s for o in orgs if keys and index.key(o.name) in keys
                                for s in store.list(ResearchSnapshot, organization_id=o.id)
                                if s.kind == "company"])
    company = _profile(company_snap)
    return (company if isinstance(company, CompanyProfile) else None,
            found if isinstance(found, PersonProfile) else None)


def title_to_check(person: Person, found: PersonProfile | None) -> str | None:
    """The title the person's researched page gives when it is not the one on their record
    (``None`` when they agree, or either is missing).

    Research never overwrites a title on the record (the user may have typed it), and the
    store does not keep where a title came from (typed, a LinkedIn import, research); so
    the two are set side by side for the user to settle, rather than one picked silently.
    """
    page = (found.title or "").strip() if found is not None else ""
    kept = (person.title or "").strip()
    if not page or not kept or fold(page) == fold(kept):
        return None
    return page


def use_researched_title(store: Store, person_id: int) -> Person:
    """Put the title from the person's newest researched page on their record (the user
    said the page is right).

    Raises:
        NotFound: no such person. BadInput: no researched page gives a title.
    """
    person = store.get(Person, person_id)
    _company, found = load_research(store, person)
    title = (found.title or "").strip() if found is not None else ""
    if not title:
        raise BadInput(f"no researched page gives a title for {person.name}: type it on "
                       "their record (People, Edit)")
    person.title = title
    return store.update(person)


def research_for(store: Store, person_id: int) -> tuple[CompanyProfile | None,
                                                        PersonProfile | None]:
    """The newest saved research for a stored person: ``(company profile, person profile)``.

    The company research is the one saved for the person, else the one saved for their
    organization; either may be ``None``. The panels and the printed brief both use this.
    """
    return load_research(store, store.get(Person, person_id))
