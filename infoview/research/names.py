"""Whether two written names are the same person's: accents, initials, nicknames, order.

"Sam Okafor" matches "Samuel Okafor", "S. Okafor", "Dr Samuel A. Okafor" and "Okafor, Sam";
"José Núñez" matches "Jose Nunez"; "Grace Okafor" does not match "Sam Okafor". Nicknames
come from the ``nicknames`` package (a hand-curated table of English given names and their
short forms, Apache-2.0), with a few common pairs it lacks added here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from infoview.text import unaccent, words

_TITLES = {"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "rev",
           "revd", "lord", "lady", "cllr", "hon"}
_SUFFIXES = {"phd", "md", "mba", "jr", "sr", "ii", "iii", "iv", "rn", "msc", "bsc", "ma", "ba",
             "frcp", "obe", "mbe", "cbe", "ceng", "cpa", "esq", "dphil", "frs", "pe", "mph"}
#: Short forms the nicknames table lacks (checked both ways).
_EXTRA_NICKNAMES = {"sam": {"samuel", "samantha", "samira"}, "alex": {"alexander", "alexandra"},
                    "kate": {"katherine", "catherine", "kathryn"}, "tom": {"thomas", "tomasz"},
                    "mo": {"mohammed", "mohamed", "muhammad"}, "dev": {"devendra", "devan"}}


def name_words(text: str) -> list[str]:
    """The words of a name in lower case, without accents or punctuation but keeping
    hyphens ("Núñez-Ortega" -> ``["nunez-ortega"]``; "O'Brien" is one word, "obrien")."""
    return words(unaccent(re.sub(r"['’]", "", text)), keep="-").split()


def name_parts(name: str) -> list[str]:
    """The words of a name, given names first, without titles and post-nominal letters."""
    if "," in name:
        head, _, tail = name.partition(",")
        tail_words = [w for w in name_words(tail) if w not in _SUFFIXES]
        name = f"{tail} {head}" if tail_words else head   # "Okafor, Sam" but not "Sam Okafor, PhD"
    parts = [w.strip("-") for w in name_words(name)]
    parts = [w for w in parts if w and w not in _TITLES]
    while parts and parts[-1] in _SUFFIXES:
        parts.pop()
    return parts


@lru_cache(maxsize=1)
def _nicknamer():
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=4096)
def given_names_match(a: str, b: str) -> float:
    """How surely two given names are one person's: 1 the same, 0.9 a nickname of it,
    0.75 an initial of it, 0.8 one a clear start of the other ("Chris", "Christopher"), else 0."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:
        return 0.75 if a[0] == b[0] else 0.0
    if b in _EXTRA_NICKNAMES.get(a, ()) or a in _EXTRA_NICKNAMES.get(b, ()):
        return 0.9
    namer = _nicknamer()
    if b in namer.nicknames_of(a) or a in namer.nicknames_of(b):
        return 0.9
    if namer.canonicals_of(a) & (namer.canonicals_of(b) | {b}) or \
            namer.canonicals_of(b) & {a}:
        return 0.85
    short, long = sorted((a, b), key=len)
    if len(short) >= 4 and long.startswith(short):
        return 0.8
    return 0.0


def _surnames_match(a: str, b: str) -> float:
    if a == b:
        return 1.0
    parts_a, parts_b = set(a.split("-")), set(b.split("-"))
    if parts_a & parts_b and (len(parts_a) > 1 or len(parts_b) > 1):
        return 0.85   # "Okafor" and "Okafor-Reid"
    return 0.0


def name_match(wanted: str, found: str) -> float:
    """How surely the name ``found`` on a page is the person ``wanted`` (0 to 1).

    The family names must agree (a hyphenated part is enough, at a discount), and the given
    names must be the same, a nickname, an initial or a clear start of each other. Middle
    names and initials are ignored. A name of one word matches only the same one word.
    """
    want, got = name_parts(wanted), name_parts(found)
    if not want or not got:
        return 0.0
    if len(want) == 1 or len(got) == 1:
        return 1.0 if want == got else 0.0
    surname = _surnames_match(want[-1], got[-1])
    if not surname:
        # "Maria Anisia Dascalescu Cocan": the wanted surname may be the found one's second-last
        if len(got) > 2 and want[-1] == got[-2]:
            surname = 0.8
        else:
            return 0.0
    return round(surname * given_names_match(want[0], got[0]), 3)


def slug_name(path_segment: str) -> str:
    """The words of a URL's last part ("samuel-okafor.html" -> "samuel okafor")."""
    stem = re.sub(r"\.(html?|php|aspx?)$", "", path_segment.lower())
    return " ".join(w for w in re.split(r"[-_.+]|%20", stem) if w and not w.isdigit())
