"""Who is who: recognising a known person again, by the rule that fits what is known.

Three rules, each used wherever that kind of evidence comes in, and nowhere else:

- :func:`match_person` (and :class:`PeopleIndex` for many lookups) is *the* rule of
  infoview, for anything that describes a person in full (a debrief's suggestion, research
  saved, a LinkedIn connection, a person typed in): the same email, else the same profile
  URL, else the same name and organization, else the person the user is working on or the
  one person at that organization whose name is a short form of the name given ("Sam
  Okafor" stored, "Samira Okafor" found), unless it fits two names found together.
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
from functools import lru_cache

from infoview.models import Organization, Person
from infoview.text import (
    GENERIC_SUFFIXES,
    LEGAL_SUFFIXES,
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


#: Short forms of given names that are not simply their first letters ("Bill" for William;
#: "Sam" for Samira needs no entry): each short form, and the full names it stands for.
SHORT_FORMS: dict[str, frozenset[str]] = {short: frozenset(full.split()) for short, full in {
    "bill": "william", "billy": "william", "bob": "robert", "bobby": "robert",
    "dick": "richard", "rick": "richard", "jim": "james", "jimmy": "james", "jack": "john",
    "peggy": "margaret", "maggie": "margaret", "meg": "margaret",
    "kate": "katherine catherine kathryn", "katie": "katherine catherine kathryn",
    "liz": "elizabeth", "beth": "elizabeth", "betty": "elizabeth", "ted": "edward theodore",
    "ned": "edward", "tony": "anthony antonio", "tom": "thomas", "mike": "michael",
    "dave": "david", "joe": "joseph", "andy": "andrew", "steve": "stephen", "nick": "nicholas",
    "nate": "nathan nathaniel", "harry": "henry harold", "hank": "henry", "chuck": "charles",
    "charlie": "charles", "larry": "lawrence", "jerry": "gerald jerome", "sally": "sarah",
    "molly": "mary", "polly": "mary", "becky": "rebecca", "sue": "susan suzanne",
    "sandy": "sandra alexandra", "sasha": "alexander alexandra", "jenny": "jennifer",
}.items()}


def given_fits(one: str, other: str) -> bool:
    """Whether two given names (already :func:`~infoview.text.name_key`-ed) can be one
    person's: the same, one the other's first two or more letters ("Sam", "Samira"), or a
    short form of :data:`SHORT_FORMS` ("Bill", "William"). An initial alone is not enough."""
    if one == other:
        return True
    short, full = sorted((one, other), key=len)
    return (len(short) >= 2 and full.startswith(short)) or full in SHORT_FORMS.get(short, ())


def names_fit(one: str | None, other: str | None) -> bool:
    """Whether two names can be one person's: the same family name (the last word) and
    given names that :func:`given_fits` ("Sam Okafor", "Samira Okafor"); a single word fits
    only the same single word."""
    a, b = name_key(one).split(), name_key(other).split()
    if not a or not b:
        return False
    if len(a) == 1 or len(b) == 1:
        return a == b
    return a[-1] == b[-1] and given_fits(a[0], b[0])


def _contradicts(person: Person, email: str | None, profile_url: str | None) -> bool:
    """Whether details plainly belong to someone else than ``person``: both have email
    addresses and none is shared, or both have a profile URL of the same kind (two LinkedIn
    profiles, two pages elsewhere) and they differ."""
    mine, theirs = set(email_addresses(person.email)), set(email_addresses(email))
    if mine and theirs and not mine & theirs:
        return True
    a, b = profile_key(person.profile_url), profile_key(profile_url)
    return bool(a and b and a != b
                and is_linkedin_profile(person.profile_url) == is_linkedin_profile(profile_url))


def _same_organization(one: str | None, other: str | None) -> bool:
    """Whether two organization names are one, both given ("Kestrel Health", "Kestrel
    Health Labs"): :func:`~infoview.text.org_variant`."""
    return bool(org_key(one)) and (org_key(one) == org_key(other) or org_variant(one, other))


def organization_fits(one: str | None, other: str | None) -> bool:
    """Whether a person kept at organization ``one`` may be the one found at ``other``: an
    organization unknown on either side is no bar, two given must be one
    (:func:`~infoview.text.org_variant`: "Kestrel Health" and "Kestrel Health Labs Ltd";
    never "Kestrel" and "Kestrel Health", two names that only begin alike)."""
    return not org_key(one) or not org_key(other) or _same_organization(one, other)


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
        #: For names that only fit: people by family name and organization (see
        #: :func:`_family_bucket`), so a lookup reads a handful of people.
        self._by_family: dict[tuple[str, str], dict[object, Person]] = defaultdict(dict)
        self._by_id: dict[int, Person] = {}
        #: Names found together with the one sought (see :meth:`found_together`).
        self._together: dict[tuple[str, str], set[str]] = defaultdict(set)
        for person in people:
            self.add(person)

    def found_together(self, found: Iterable[tuple[str | None, str | None]]) -> None:
        """Names (with their organization) found in one place: a page, a file, a debrief.

        A stored name that fits two of them ("Chris Smith" kept; "Christina Smith" and
        "Christopher Smith" found side by side) is a short form of which one? Neither is
        matched to it by a fitting name alone: both are new people rather than one being
        merged into someone else. Only a name written in full the same way still matches.
        """
        for name, organization in found:
            bucket = _family_bucket(name, organization)
            if bucket is not None:
                self._together[bucket].add(name_key(name))

    def add(self, person: Person) -> None:
        """Index ``person`` under its current keys (an earlier person keeps a shared key)."""
        for key in _keys_of(person):
            self._by_key.setdefault(key, person)
        if person.id is not None:
            self._by_id[person.id] = person
        bucket = _family_bucket(person.name, person.organization)
        if bucket is not None:  # a person changed and added again replaces their old copy
            self._by_family[bucket][person.id if person.id is not None else id(person)] = person

    def match(self, *, email: str | None = None, profile_url: str | None = None,
              name: str | None = None, organization: str | None = None,
              chosen: int | None = None) -> Person | None:
        """The known person these details name, or ``None``; see :func:`match_person`."""
        for key in person_keys(email=email, profile_url=profile_url, name=name,
                               organization=organization):
            found = self._by_key.get(key)
            if found is not None:
                return found
        mine = self._by_id.get(chosen) if chosen is not None else None
        if (mine is not None and names_fit(mine.name, name)
                and not _contradicts(mine, email, profile_url)
                and organization_fits(mine.organization, organization)):
            return mine  # the one the user works on: an organization unknown is no bar
        bucket = _family_bucket(name, organization)
        if bucket is None:
            return None
        fits = [p for p in self._by_family.get(bucket, {}).values()
                if names_fit(p.name, name) and _same_organization(p.organization, organization)
                and not _contradicts(p, email, profile_url) and not self._rivalled(p, name, bucket)]
        return fits[0] if len(fits) == 1 else None

    def _rivalled(self, person: Person, name: str | None, bucket: tuple[str, str]) -> bool:
        """Whether another name found together with ``name`` fits ``person`` too."""
        together = self._together.get(bucket, ())
        wanted = name_key(name)
        return any(other != wanted and names_fit(person.name, other) for other in together)


@lru_cache(maxsize=65536)
def _family_bucket(name: str | None, organization: str | None) -> tuple[str, str] | None:
    """Where :class:`PeopleIndex` keeps a person for names that only fit: their family name
    and their organization's name without the generic or legal words at its end, which
    "Kestrel Health" and "Kestrel Health Labs" share (``None`` when either is missing)."""
    family, org = name_key(name).split()[-1:], org_core(organization)
    return (family[0], org) if family and org else None


@lru_cache(maxsize=65536)
def org_core(organization: str | None) -> str:
    """An organization's name without the generic or legal words at its end ("kestrel
    health" for "Kestrel Health Labs, Inc."), which two names share whenever
    :func:`~infoview.text.org_variant` calls them one; ``""`` for none."""
    org = org_key(organization).split()
    while len(org) > 1 and (org[-1] in GENERIC_SUFFIXES or org[-1] in LEGAL_SUFFIXES):
        org.pop()
    return " ".join(org)


def match_person(people: Iterable[Person], *, email: str | None = None,
                 profile_url: str | None = None, name: str | None = None,
                 organization: str | None = None, chosen: int | None = None,
                 together: Iterable[tuple[str | None, str | None]] = ()) -> Person | None:
    """The known person that given details name: the one rule of infoview.

    Tried in order, the first that finds someone wins: the same email (case and a
    ``+tag`` ignored, and any of the addresses when the field lists several); the
    same profile URL (whatever the scheme, ``www.``, query or final slash); the same name
    and organization (case, accents-as-written and extra spaces ignored; an empty
    organization matches only an empty one); then a name that fits (:func:`names_fit`: the
    same family name, and given names one of which is a short form of the other, "Sam" and
    "Samira", "Bill" and "William"), for the person the user is working on (``chosen``,
    whose organization may be unknown on either side) or else for the one person at the
    same organization ("Kestrel Health" and "Kestrel Health Labs" are one). A fitting name
    never matches someone whose email or same-kind profile URL differs, and two people it
    fits at that organization are a guess, which is not made; so is a short form that fits
    two names found together (``together``: the other people of the same page, file or
    debrief, "Christina Smith" and "Christopher Smith" beside a "Chris Smith" kept). The
    debrief, research saves
    and LinkedIn imports all match people this way, so one person is never stored twice by
    one of them and found by another.

    Args:
        people: the known people (``store.list(Person)``); the oldest wins a tie.
        email, profile_url, name, organization: what is known of the person sought.
        chosen: the id of the person the user is working on (the app's choice), if any.
        together: (name, organization) of the people found in the same place.

    Returns:
        The matching ``Person`` of ``people``, or ``None``.
    """
    index = PeopleIndex(people)
    index.found_together(together)
    return index.match(email=email, profile_url=profile_url, name=name,
                       organization=organization, chosen=chosen)


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


class OrganizationIndex:
    """The stored organizations' names, for grouping by organization *record*, not by string.

    A person's organization typed "Kestrel Health Labs" and research's record "Kestrel
    Health" are one organization in the store (the name rules of
    :func:`match_organization`: the same name, else the one stored name it is a variant
    of), so warm paths, the target list and the industries count them together. A name
    that fits no record, or fits two ("Kestrel Health" beside records "Kestrel Health
    Labs" and "Kestrel Health Group"), stays an organization of its own: a guess is not made.
    """

    def __init__(self, names: Iterable[str | None] = ()):
        self._by_fold: dict[str, str] = {}
        self._by_core: dict[str, list[str]] = defaultdict(list)
        self._keys: dict[str | None, str] = {}
        for name in names:
            self.add(name)

    def add(self, name: str | None) -> None:
        """A stored organization's name (the first of two alike wins, as in the store)."""
        if not name or not fold(name) or fold(name) in self._by_fold:
            return
        self._by_fold[fold(name)] = name
        self._by_core[org_core(name)].append(name)
        self._keys.clear()

    def record_name(self, name: str | None) -> str | None:
        """The stored name ``name`` plainly is, or ``None``."""
        if not name or not fold(name):
            return None
        same = self._by_fold.get(fold(name))
        if same is not None:
            return same
        hits = [o for o in self._by_core.get(org_core(name), ()) if org_variant(o, name)]
        return hits[0] if len(hits) == 1 else None

    def key(self, name: str | None) -> str:
        """:func:`~infoview.text.org_key` of the organization ``name`` is in the store:
        its record's name when it plainly has one, else its own (``""`` for none)."""
        if name not in self._keys:
            self._keys[name] = org_key(self.record_name(name) or name)
        return self._keys[name]


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
