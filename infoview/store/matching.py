"""Keys for recognising the same person twice: a normalised profile URL, a folded name."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit


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
    parts = urlsplit(text)
    host = parts.netloc.lower().removeprefix("www.")
    return (host + parts.path.rstrip("/")).casefold()


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
    Labs GmbH" are one organization. A leading "The" is dropped too."""
    words = name_key(text).split()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)
