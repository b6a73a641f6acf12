"""Who is who: recognising a known person again, by the rule that fits what is known.

Three rules, each used wherever that kind of evidence comes in, and nowhere else:

- :func:`match_person` (and :class:`PeopleIndex` for many lookups) is *the* rule of
  infoview, for anything that describes a person in full (a debrief's suggestion, research
  saved, a LinkedIn connection, a person typed in): the same email, else the same profile
  URL, else the same name and organization.
- :func:`match_correspondent` (over a :class:`CorrespondentIndex`) is for a LinkedIn
  message, which carries only a name and perhaps a profile URL: the URL, else a name that
  fits exactly one person (a name shared by two is reported, never guessed).
- :func:`match_organization` is for an organization research found: the same name, else
  the same website, else a name that is the stored one plus "Labs", "Inc" and the like.
- :class:`AddressBook` is for mail and calendar imports, which match by address alone,
  never by display name; an address two people share names neither of them.

The keys they compare (folded names, profile URLs, email addresses) are
:mod:`infoview.text`'s.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from infoview.models import Organization, Person
from infoview.text import (
    email_addresses,
    fold,
    host_key,
    is_linkedin_profile,
    name_key,
    org_key,
    org_variant,
    profile_key,
)


def person_keys(*, email: str | None = None, profile_url: str | None = None,
                name: str | None = None, organization: str | None = None) -> list[tuple[str, ...]]:
    """The keys that identify a person, strongest first: email, profile URL, name and
    organization (empty keys left out). Two records sharing any key are the same person."""
    keys: list[tuple[str, ...]] = []
    addresses = email_addresses(email)
    keys.extend(("email", a) for a in addresses)
    if fold(email) and not addresses:
        keys.append(("email", fold(email)))
    if profile_key(profile_url):
        keys.append(("url", profile_key(profile_url)))
    if fold(name):
        keys.append(("name", fold(name), fold(organization)))
    return keys


def _keys_of(person: Person) -> list[tuple[str, ...]]:
    return person_keys(email=person.email, profile_url=person.profile_url, name=person.name,
                       organization=person.organization)


class PeopleIndex:
    """Known people, looked up by the one matching rule of :func:`match_person`.

    For many lookups at once (an import of thousands of rows): build it once from
    ``store.list(Person)``, call :meth:`match` per row and :meth:`add` for every person
    created or changed, so later rows find them too.
    """

    def __init__(self, people: Iterable[Person] = ()):
        self._by_key: dict[tuple[str, ...], Person] = {}
        for person in people:
            self.add(person)

    def add(self, person: Person) -> None:
        """Index ``person`` under its current keys (an earlier person keeps a shared key)."""
        for key in _keys_of(person):
            self._by_key.setdefault(key, person)

    def match(self, *, email: str | None = None, profile_url: str | None = None,
              name: str | None = None, organization: str | None = None) -> Person | None:
        """The known person these details name, or ``None``; see :func:`match_person`."""
        for key in person_keys(email=email, profile_url=profile_url, name=name,
                               organization=organization):
            found = self._by_key.get(key)
            if found is not None:
                return found
        return None


def match_person(people: Iterable[Person], *, email: str | None = None,
                 profile_url: str | None = None, name: str | None = None,
                 organization: str | None = None) -> Person | None:
    """The known person that given details name: the one rule of infoview.

    Tried in order, the first that finds someone wins: the same email (case and a
    ``+tag`` ignored, and any of the addresses when the field lists several); the
    same profile URL (whatever the scheme, ``www.``, query or final slash); the same name
    and organization (case, accents-as-written and extra spaces ignored; an empty
    organization matches only an empty one). The debrief, research saves and LinkedIn
    imports all match people this way, so one person is never stored twice by one of them
    and found by another.

    Args:
        people: the known people (``store.list(Person)``); the oldest wins a tie.
        email, profile_url, name, organization: what is known of the person sought.

    Returns:
        The matching ``Person`` of ``people``, or ``None``.
    """
    return PeopleIndex(people).match(email=email, profile_url=profile_url, name=name,
                                     organization=organization)


def match_organization(organizations: Iterable[Organization], *, name: str | None = None,
                       website: str | None = None) -> Organization | None:
    """The stored organization that research's name and website plainly are, or ``None``.

    Tried in order: the same name (case and spacing ignored); the same website host
    (``www.`` ignored); a name that is the stored one with legal or generic words after it,
    or the stored one is research's written longer (:func:`~infoview.text.org_variant`:
    "Kestrel Health" typed, "Kestrel Health Labs" found). The host and the variant rules
    must point to one organization: two candidates are a guess, and a guess is not made.

    Args:
        organizations: the stored organizations (``store.list(Organization)``).
        name: the organization's name as research found it.
        website: the address research started from.
    """
    orgs = list(organizations)
    key = fold(name)
    same = [o for o in orgs if key and fold(o.name) == key]
    if same:
        return same[0]
    host = host_key(website)
    for rule in (lambda o: bool(host) and host_key(o.website) == host,
                 lambda o: org_variant(o.name, name)):
        hits = [o for o in orgs if rule(o)]
        if len(hits) == 1:
            return hits[0]
    return None


@dataclass
class CorrespondentMatch:
    """The outcome of matching one correspondent: ``how`` is ``url``, ``name``,
    ``ambiguous`` (the name fits several people) or ``none``."""

    person: Person | None
    how: str


class CorrespondentIndex:
    """Known people, looked up by profile URL and by (accent-blind) name: what
    :func:`match_correspondent` needs."""

    def __init__(self, people: Iterable[Person] = ()):
        self.by_url: dict[str, Person] = {}
        self.by_name: dict[str, list[Person]] = defaultdict(list)
        for person in people:
            self.add(person)

    def add(self, person: Person) -> None:
        """Make a (new) person findable."""
        key = profile_key(person.profile_url)
        if key:
            self.by_url.setdefault(key, person)
        self.by_name[name_key(person.name)].append(person)


def match_correspondent(index: CorrespondentIndex, name: str | None, url: str | None,
                        organization: str | None = None) -> CorrespondentMatch:
    """The person a LinkedIn correspondent is, known by a name and perhaps a profile URL.

    The profile URL decides when both sides have one. Otherwise the name, compared without
    case, accents or punctuation (and repaired when mis-decoded), must point to exactly one
    person; ``organization`` breaks a tie between namesakes. A name that fits a person with
    a *different* profile URL of the same kind (two LinkedIn profiles) is not a match; a
    person whose saved URL is a bio page on their employer's site can be.
    """
    key = profile_key(url)
    if key and key in index.by_url:
        return CorrespondentMatch(index.by_url[key], "url")
    candidates = index.by_name.get(name_key(name), []) if name else []
    if key:  # a URL the store does not know: people with another profile of that kind are
        # someone else (a bio page saved by research says nothing against a LinkedIn URL)
        linkedin = is_linkedin_profile(url)
        candidates = [p for p in candidates if not profile_key(p.profile_url)
                      or (linkedin and not is_linkedin_profile(p.profile_url))]
    if len(candidates) > 1 and organization:
        wanted = org_key(organization)
        candidates = [p for p in candidates if org_key(p.organization) == wanted] or candidates
    if len(candidates) == 1:
        return CorrespondentMatch(candidates[0], "name")
    return CorrespondentMatch(None, "ambiguous" if candidates else "none")


@dataclass
class AddressBook:
    """The addresses an import knows: people's (each of their aliases), the user's own, and
    correspondents being added. An address two people share names neither of them."""

    people: dict[int, Person]
    by_address: dict[str, int]
    me: set[str]
    shared: set[str]

    @classmethod
    def build(cls, people: Iterable[Person], me: Iterable[str]) -> AddressBook:
        """The addresses of ``people`` (each of their aliases) and the user's own ``me``."""
        mine = {k for a in me for k in email_addresses(a)}
        by_address: dict[str, int] = {}
        shared: set[str] = set()
        people_by_id = {}
        for person in people:
            assert person.id is not None
            people_by_id[person.id] = person
            for key in email_addresses(person.email):
                if key in mine:
                    continue
                if key in by_address and by_address[key] != person.id:
                    shared.add(key)
                by_address.setdefault(key, person.id)
        for key in shared:  # one address on two people: which one wrote is unknown
            del by_address[key]
        return cls(people_by_id, by_address, mine, shared)

    def fingerprint(self, extra: object) -> str:
        """A hash of everything that decides what a message becomes (for re-reads)."""
        data = json.dumps([sorted(self.by_address.items()), sorted(self.me), extra],
                          sort_keys=True, default=str)
        return hashlib.sha1(data.encode(), usedforsecurity=False).hexdigest()
