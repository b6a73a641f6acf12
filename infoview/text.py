"""How infoview compares texts: folding, and the keys of names, organizations and addresses.

Every comparison of two texts that should ignore how they were typed goes through here, so
that research, the store, imports, warm paths and the analytics agree on what "the same"
means. From the lightest to the loosest:

- :func:`fold`: case and spacing ignored, accents kept ("ZOË" is "zoë", not "zoe"); what
  the store compares names and organizations by (``iv_fold`` in SQL).
- :func:`words`: lower case, words only (punctuation becomes spaces); for headlines,
  question texts and region names.
- :func:`unaccent`: accents and special letters dropped ("Łódź" to "Lodz"); a step of the
  looser keys below.
- :func:`name_key`: a person's name, folded, accents and punctuation dropped, mis-decoded
  UTF-8 repaired; :func:`org_key` the same for an organization, legal suffixes dropped;
  :func:`org_variant` also lets one name be the other plus "Labs", "Group" and the like.
- :func:`profile_key` and :func:`address_key`: a profile URL and an email address reduced
  to what identifies them.

And two rules of wording every layer shares: :func:`count_of`, a number with its noun
("1 message", "3 messages"), so no page, report or message says "1 introductions"; and
:func:`mid_sentence`, a term the user typed ("Digital health") as it reads inside a
sentence ("digital health"), used wherever a question's or a draft's blanks are filled.

Nothing here imports the rest of infoview: this module sits at the bottom of the layers.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit


def count_of(n: int, one: str, many: str | None = None) -> str:
    """``n`` things in words: "1 minute", "20 minutes" (never "minute(s)"); ``many`` for a
    plural that is not ``one`` plus "s" ("1 address", "2 addresses"). Thousands are
    grouped ("1,200 messages")."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


#: What became of a file's text that was not UTF-8 (an older Windows program's), in the
#: words an import report gives the user: the letters were guessed, and they are told so.
WINDOWS_TEXT = "read as Western European Windows text (Windows-1252)"


def mid_sentence(term: str) -> str:
    """A term the user typed (an industry, a role, a field) as it reads mid-sentence.

    Only an ordinary capitalised first word loses its capital: "Digital health" becomes
    "digital health", "Product manager" "product manager". Acronyms and words with other
    capitals are names the user meant ("AI", "UX research", "iOS", "NHS England",
    "McKinsey") and stay as typed. Organizations and people are never passed here.
    """
    first = term.split(maxsplit=1)[0] if term.split() else ""
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        start = len(term) - len(term.lstrip())
        return term[:start] + term[start].lower() + term[start + 1:]
    return term


#: Letters that NFKD does not decompose, written as their plain forms.
_SPECIAL_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                                  "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE"})


@lru_cache(maxsize=1 << 16)
def fold(text: str | None) -> str:
    """Text compared without case, accents-as-written kept, spaces collapsed.

    ``casefold`` rather than SQLite's ``NOCASE``, which only knows ASCII: "ZOË" and "zoë"
    are the same name. Remembered for the last 65,536 texts: the same organizations and
    names are folded over and over (the follow-ups of a large store fold each person's
    organization).
    """
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def words(text: str | None, *, keep: str = "") -> str:
    """Lower case, words only: every character that is neither a letter nor a digit (nor
    in ``keep``) becomes a space, and spaces are collapsed.

    ``words("What's the OTE?!")`` is ``"what s the ote"``; accents are kept.
    """
    if not text:
        return ""
    kept = "".join(c if c.isalnum() or c in keep else " " for c in text.casefold())
    return " ".join(kept.split())


def unaccent(text: str | None) -> str:
    """``text`` without accents, and with the letters Unicode cannot decompose (ł, ø, đ,
    ß, æ, œ) written plainly: "Núñez-Łódź" becomes "Nunez-Lodz". Case is kept."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_SPECIAL_LETTERS)


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
    return words(unaccent(repair_text(text)))


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


#: Words a company's own site adds to the name people know it by ("Kestrel Health Labs",
#: "Heron Group"): with the legal suffixes, what :func:`org_variant` allows at the end.
GENERIC_SUFFIXES = frozenset(("labs", "lab", "laboratories", "group", "holdings"))


def org_variant(one: str | None, other: str | None) -> bool:
    """Whether two organization names are plainly one organization: the same once folded
    (case, accents, punctuation, a leading "The" and legal suffixes ignored), or one is the
    other with only legal or generic words after it ("Kestrel Health" and "Kestrel Health
    Labs, Inc."). Two different tails ("Kestrel Health Labs", "Kestrel Health Group") are
    not the same: neither name is the other one written longer. Empty names match nothing."""
    a, b = org_key(one).split(), org_key(other).split()
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    return (longer[:len(shorter)] == shorter
            and all(w in GENERIC_SUFFIXES or w in LEGAL_SUFFIXES for w in longer[len(shorter):]))


def host_key(url: str | None) -> str:
    """The host of a web address, lower case, without ``www.`` (a port is kept: two sites
    on one machine are two sites); ``""`` for no address."""
    return profile_key(url).split("/", 1)[0]


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
