"""Recognising the same person twice: the keys (a normalised profile URL, a folded name)
and the one matching rule (:func:`match_person`) every part of infoview uses."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

from infoview.models import Person


def fold(text: str | None) -> str:
    """Text compared without case, accents-as-written kept, spaces collapsed.

    ``casefold`` rather than SQLite's ``NOCASE``, which only knows ASCII: "ZOË" and "zoë"
    are the same name.
    """
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@lru_cache(maxsize=1 << 17)
def profile_key(url: str | None) -> str:
    """A profile URL reduced to what identifies it: host without ``www.``, path, no slash.

    ``https://www.linkedin.com/in/ada-l/?trk=x`` and ``http://linkedin.com/in/Ada-L`` give
    the same key.
    """
    if not url or not url.strip():
        return ""
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError:  # "https://[::1/x": not a URL, but still the same text each time
        return text.split("://", 1)[1].rstrip("/").casefold()
    host = parts.netloc.lower().removeprefix("www.")
    return (host + parts.path.rstrip("/")).casefold()


def is_linkedin_profile(url: str | None) -> bool:
    """True for a LinkedIn address (``linkedin.com/in/...``): the one profile URL a person
    has on LinkedIn, where a bio page on their employer's site is one of many pages."""
    key = profile_key(url)
    host = key.split("/", 1)[0]
    return host == "linkedin.com" or host.endswith(".linkedin.com")


#: Domains whose mailboxes ignore dots in the local part; ``googlemail.com`` is ``gmail.com``.
_DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}
_ADDRESS_SEPARATORS = re.compile(r"[,;\s]+")


def address_key(address: str | None) -> str:
    """An email address reduced to the mailbox it delivers to.

    Case is ignored, a ``+tag`` (plus-addressing) is dropped, and on Gmail dots in the
    local part are too: ``J.Smith+work@GoogleMail.com`` is ``jsmith@gmail.com``. Returns
    ``""`` for text that is not an address.
    """
    text = (address or "").strip().strip("<>").strip().lower()
    if text.startswith("mailto:"):
        text = text[7:]
    local, at, domain = text.rpartition("@")
    if not at or not local or "." not in domain:
        return ""
    local = local.split("+", 1)[0] or local
    domain = domain.rstrip(".")
    if domain in _DOTLESS_DOMAINS:
        domain = _DOTLESS_DOMAINS[domain]
        local = local.replace(".", "")
    return f"{local}@{domain}"


def email_addresses(text: str | None) -> list[str]:
    """The addresses of an email field, which may list several (a person's aliases), split
    at commas, semicolons or spaces; each as :func:`address_key` gives it."""
    keys = (address_key(part) for part in _ADDRESS_SEPARATORS.split(text or ""))
    return list(dict.fromkeys(k for k in keys if k))


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


def repair_text(text: str | None) -> str:
    """Undo the common mis-decoding of UTF-8 as Windows-1252 (``JosÃ©`` back to ``José``).

    Some LinkedIn exports write names that way; a text that does not round-trip is kept.
    """
    if not text:
        return ""
    if "Ã" not in text and "Â" not in text and "Å" not in text:
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


@lru_cache(maxsize=65536)
def name_key(text: str | None) -> str:
    """A person's name for a looser match: folded, accents and punctuation dropped.

    "José Núñez-García", "JOSE NUNEZ GARCIA" and the mis-decoded "JosÃ© NÃºÃ±ez-GarcÃ­a"
    give the same key. Used only where a profile URL is missing, and only when it points to
    one person.
    """
    text = unicodedata.normalize("NFKD", repair_text(text)).casefold()
    kept = "".join(" " if not (c.isalnum() or unicodedata.combining(c)) else c
                   for c in text if not unicodedata.combining(c))
    return " ".join(kept.replace("ł", "l").replace("ø", "o").replace("đ", "d")
                    .replace("ß", "ss").replace("æ", "ae").split())


#: Legal-form words dropped from the end of organization names before comparing them.
LEGAL_SUFFIXES = frozenset((
    "inc", "incorporated", "ltd", "limited", "llc", "llp", "lp", "plc", "gmbh", "ag", "kg",
    "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oy", "oyj", "ab", "as", "asa", "aps",
    "pty", "co", "corp", "corporation", "company", "kk", "se", "ug", "sl", "pte",
))


@lru_cache(maxsize=65536)
def org_key(text: str | None) -> str:
    """An organization name for matching: case, accents, punctuation and legal suffixes
    ignored, so "Kestrel Health Labs, Inc.", "kestrel health labs" and "Kestrel Health
    Labs GmbH" are one organization. A leading "The" is dropped too, and so is a legal
    suffix written with dots ("S.L.", "G.m.b.H.": single letters once punctuation goes)."""
    words = name_key(text).split()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    while len(words) > 1:
        if words[-1] in LEGAL_SUFFIXES:
            words.pop()
            continue
        dotted = next((n for n in range(2, min(len(words), 6))
                       if all(len(w) == 1 for w in words[-n:])
                       and "".join(words[-n:]) in LEGAL_SUFFIXES), 0)
        if not dotted:
            break
        del words[-dotted:]
    return " ".join(words)
