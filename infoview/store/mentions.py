"""Finding a person's name in text: the one rule that erasing, exports and forgetting share.

A person is named by their full name (whole words, any case, any run of spaces), their email,
phone, or profile URL (also written without scheme, ``www.`` or final slash). Whole words
only, so that "Ann" is not found in "Annual", and the full name only, so that someone who
shares a surname with them is not mistaken for them.

Text read from files and cached pages is first made readable: decompressed when it is
gzip, deflate or brotli data, decoded (UTF-8, UTF-16 with a byte-order mark, or the charset
given), with HTML entities resolved and folded vCard/iCalendar lines joined, so that
``&Oacute;l&ouml;f`` or a name split over two lines of a ``.vcf`` is still found.
"""

from __future__ import annotations

import codecs
import html
import re
import zlib
from collections.abc import Iterable

from infoview.models import Person
from infoview.text import fold, profile_key


def person_tokens(person: Person, also: Iterable[str] = ()) -> list[str]:
    """What names the person in free text, longest first (so a full URL goes before a name).

    ``also``: other names they go by, such as the one their own researched page gives them
    ("Samira Okafor" for the "Sam Okafor" the user stored).
    """
    # The URL's key (host and path) also catches it written without scheme, www or slash.
    candidates = (person.name, person.email, person.phone, person.profile_url,
                  profile_key(person.profile_url), *also)
    found = [t.strip() for t in candidates if t and len(t.strip()) >= 3]
    return sorted(set(found), key=len, reverse=True)


def mention_pattern(tokens: Iterable[str]) -> re.Pattern[str] | None:
    """A case-insensitive pattern matching any token as whole words; ``None`` for no tokens."""
    alternatives = [r"\s+".join(re.escape(part) for part in t.split()) for t in tokens]
    alternatives = [a for a in alternatives if a]
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


class Mentions:
    """Whether a text names one person (see the module docstring).

    Args:
        person: the person (name, email, phone and profile URL are used).
        also: other names they go by (:func:`person_tokens`).
    """

    def __init__(self, person: Person, also: Iterable[str] = ()):
        self.tokens = person_tokens(person, also)
        self.folded = [fold(t) for t in self.tokens]
        # Matched on folded text: casefold also maps "ß" to "ss", which IGNORECASE does not.
        self._pattern = mention_pattern(self.folded)

    def __call__(self, text: str | None) -> bool:
        """True when ``text`` names the person."""
        if not text or self._pattern is None:
            return False
        folded = fold(text)
        if not any(t in folded for t in self.folded):  # quick refusal for most texts
            return False
        return self._pattern.search(folded) is not None

    def in_bytes(self, data: bytes, encoding: str | None = None) -> bool:
        """True when the bytes of a file or cached page name the person (any readable form)."""
        return any(self(text) for text in readable_texts(data, encoding))


def people_named_in(text: str, people: Iterable[Person]) -> list[int]:
    """The ids of the people whose full name appears in ``text`` (whole words, any case),
    in ascending order."""
    return names_in(text, ((p.id, p.name) for p in people if p.id is not None))


_WORD = re.compile(r"\w+")


def words(text: str) -> set[str]:
    """The words of ``text`` (runs of letters, digits and underscores, as ``\\w`` has them)."""
    return set(_WORD.findall(text))


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # what ``\w`` matches in a str pattern


def names_in(text: str, names: Iterable[tuple[int, str | None]]) -> list[int]:
    """The ids, in ascending order, of the ``(id, name)`` pairs whose full name appears in
    ``text``: whole words, any case, any run of spaces (the rule of the module docstring).

    One pass over the text serves every name, however many: a folded name that begins and
    ends with a letter or digit can only appear from the start of a word of the text to the
    end of one, so the text's runs of words that begin with some name's first word are
    looked up in a dict of the folded names. Searching the text once per name instead cost
    ten seconds for a report against the ten thousand names a large store leaves after a
    cheaper test. The rare name that begins or ends with another character (a final "Jr.")
    keeps a search of its own.
    """
    folded = fold(text)
    exact: dict[str, list[int]] = {}
    first_words: dict[str, int] = {}  # a name's first word -> its most words
    others: list[tuple[int, str]] = []
    for person_id, name in names:
        # fold() of a name in ASCII, the common case, is its lower case with spaces collapsed
        key = " ".join(name.lower().split()) if name and name.isascii() else fold(name)
        if not key:
            continue
        if key.replace(" ", "").isalnum():  # letters and digits only: its words are its parts
            first, count = key.split(" ", 1)[0], key.count(" ") + 1
        elif _is_word_char(key[0]) and _is_word_char(key[-1]):
            words = _WORD.findall(key)
            first, count = words[0], len(words)
        else:
            others.append((person_id, key))
            continue
        exact.setdefault(key, []).append(person_id)
        if first_words.get(first, 0) < count:
            first_words[first] = count
    found: set[int] = set()
    if exact:
        spans = [m.span() for m in _WORD.finditer(folded)]
        for i, (start, end) in enumerate(spans):
            most = first_words.get(folded[start:end])
            if most is None:
                continue
            for _, stop in spans[i:i + most]:
                ids = exact.get(folded[start:stop])
                if ids:
                    found.update(ids)
    if others:
        words_in_text = set(_WORD.findall(folded))
        for person_id, key in others:
            # a cheap test on words first, then the whole name as whole words
            if not set(_WORD.findall(key)) <= words_in_text:
                continue
            pattern = mention_pattern([key])
            if pattern is not None and pattern.search(folded):
                found.add(person_id)
    return sorted(found)


_MAX_EXPANDED = 64 * 1024 * 1024  # a cached page is capped far below this; a bomb is not read


def _expanded(data: bytes) -> bytes | None:
    """``data`` decompressed when it is gzip, zlib, raw deflate or brotli data, else ``None``."""
    if data[:2] == b"\x1f\x8b" or (len(data) > 1 and data[0] & 0x0F == 8
                                   and (data[0] << 8 | data[1]) % 31 == 0):
        try:
            return zlib.decompressobj(47).decompress(data, _MAX_EXPANDED)
        except zlib.error:
            pass
    try:
        return zlib.decompressobj(-15).decompress(data, _MAX_EXPANDED) or None
    except zlib.error:
        pass
    try:
        import brotli

        return brotli.decompress(data) or None
    except Exception:  # not brotli (brotli.error), or brotli not installed
        return None


def _decoded(data: bytes, encoding: str | None) -> list[str]:
    texts = []
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            texts.append(data.decode(codec, errors="replace"))
    if encoding:
        try:
            texts.append(data.decode(encoding, errors="replace"))
        except LookupError:
            pass
    texts.append(data.decode("utf-8", errors="replace"))
    return texts


def readable(text: str) -> str:
    """Text with HTML entities resolved and folded vCard/iCalendar lines joined."""
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    unescaped = unfolded.replace("\\,", ",").replace("\\;", ";").replace("\\n", " ")
    # JSON written with ASCII escapes ("\u00d3l\u00f6f") names them just the same.
    unescaped = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), unescaped)
    return html.unescape(unescaped)


def readable_texts(data: bytes, encoding: str | None = None) -> list[str]:
    """Every readable form of ``data`` (see the module docstring), to search for a name."""
    layers = [data]
    expanded = _expanded(data)
    if expanded:
        layers.append(expanded)
    return [readable(text) for layer in layers for text in _decoded(layer, encoding)]
