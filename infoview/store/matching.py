"""Recognising the same person twice: the keys (a normalised profile URL, a folded name)
and the one matching rule (:func:`match_person`) every part of infoview uses."""

from __future__ import annotations

from collections.abc import Iterable

from infoview.models import Person
from infoview.text import email_addresses, fold, profile_key


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
