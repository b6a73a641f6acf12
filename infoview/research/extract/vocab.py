"""Vocabularies that say whether a word is a given name, a family name or a job's head noun.

None of them is typed here: given and family names come with their frequency from the US
census lists shipped by the ``names`` package (5,494 given names, 88,799 family names), and
the head nouns of job titles ("manager", "estimator", "hygienist") are the last words of the
74,000 job titles shipped by the ``find-job-titles`` package, kept when a word ends titles
often enough to be a role rather than a field ("sales", "services" are not). Only the data
files are read (the packages' code is never imported), once, on first use. Without a
package its vocabulary is empty and people research falls back on the shape of words.
"""

from __future__ import annotations

import gzip
import importlib.util
import logging
import re
import threading
from pathlib import Path

log = logging.getLogger(__name__)

#: Words that mark a job title.
TITLE_WORDS = re.compile(
    r"\b(ceo|cto|cfo|coo|cmo|cio|cpo|vp|svp|evp|chief|director|head|manager|founder|co-founder|"
    r"officer|engineer|lead|president|partner|researcher|designer|scientist|chair|chairman|"
    r"chairwoman|chairperson|secretary|treasurer|coordinator|consultant|analyst|developer|"
    r"architect|specialist|advisor|adviser|principal|owner|editor|counsel|nurse|physician|"
    r"doctor|executive|administrator|associate|trustee|member|accountant|strategist|"
    r"recruiter|technician|surgeon|veterinarian|teacher|professor|lecturer|pharmacist|"
    r"therapist|dentist|solicitor|barrister|lawyer|planner|writer|producer|intern|apprentice|"
    r"assistant|supervisor|controller|representative|chef|curator|librarian|coach|fellow|"
    r"bookkeeper|clerk|receptionist|auditor|actuary|economist|instructor|tutor|trainer|"
    r"paralegal|broker|surveyor|leader|faculty|"
    # trades of small firms that end too few titles in the package to be found there
    r"realtor|optometrist|chiropractor|aesthetician|florist|caterer|landscaper|notary|"
    r"proprietor|cofounder|periodontist|endodontist|auctioneer)\b",
    re.I,
)

#: A word must end at least this many job titles, and end this share of the titles it
#: appears in, to count as a role's head noun.
_HEAD_MIN_TITLES = 3
_HEAD_MIN_SHARE = 0.3

#: Words that end some job titles in the package but, alone, say who someone is to a firm
#: (a customer, a relative) or are no role at all: "Parent", "Student", "Woman", "Girl";
#: "dba" is far more often "doing business as" in a firm's legal name than a database
#: administrator.
_NOT_JOBS = {"parent", "mother", "father", "student", "customer", "client", "patient",
             "homeowner", "guest", "visitor", "girl", "woman", "women", "man", "person",
             "people", "america", "german", "heart", "stars", "model", "dba"}

_lock = threading.Lock()
_given: dict[str, float] | None = None
_family: dict[str, float] | None = None
_heads: frozenset[str] | None = None
_title_words: frozenset[str] | None = None


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        log.info("the %s package is missing: its vocabulary is left empty", name)
        return None
    return Path(list(spec.submodule_search_locations)[0])


def _census(*files: str) -> dict[str, float]:
    """Lower-case name -> share of people carrying it, in percent (highest of the files)."""
    folder = _package_dir("names")
    found: dict[str, float] = {}
    for file in files:
        path = folder / file if folder else None
        if path is None or not path.exists():
            continue
        for line in path.read_text(encoding="ascii", errors="ignore").splitlines():
            parts = line.split()
            if len(parts) >= 2:
                word = parts[0].lower()
                found[word] = max(found.get(word, 0.0), float(parts[1]))
    return found


def _load_titles() -> tuple[frozenset[str], frozenset[str]]:
    """The head nouns of job titles, and every word used in two or more job titles."""
    folder = _package_dir("find_job_titles")
    path = folder / "data" / "titles_combined.txt.gz" if folder else None
    if path is None or not path.exists():
        return frozenset(), frozenset()
    last: dict[str, int] = {}
    before: dict[str, int] = {}  # the last word before " of ", ", " or "(": "Director of Sales"
    seen: dict[str, int] = {}
    with gzip.open(path, "rt", encoding="utf-8", errors="ignore") as titles:
        for title in titles:
            words = title.lower().split()
            if not words:
                continue
            for word in words:
                seen[word] = seen.get(word, 0) + 1
            last[words[-1]] = last.get(words[-1], 0) + 1
            head = _HEAD_CUT.split(title.lower(), maxsplit=1)[0].split()
            if head:
                before[head[-1]] = before.get(head[-1], 0) + 1

    def often(counts: dict[str, int], word: str) -> bool:
        n = counts.get(word, 0)
        return n >= _HEAD_MIN_TITLES and n / seen[word] >= _HEAD_MIN_SHARE

    # a head ends titles, and also ends the part of a title before its complement:
    # "Director of Architecture" and "Receptionist, Airline Lounge" end in a field or a place
    heads = frozenset(w for w in last if w.isalpha() and often(last, w) and often(before, w))
    return heads, frozenset(w for w, n in seen.items() if n >= 2 and w.isalpha())


#: Where the complement of a job title starts ("of Sales", ", Airline Lounge", "(Retired)").
_HEAD_CUT = re.compile(r"\s+(?:of|for|at|in|to|with|on)\s+|[,(]|\s[-–—]\s")


def _load() -> None:
    global _given, _family, _heads, _title_words
    with _lock:
        if _heads is None:
            _given = _census("dist.female.first", "dist.male.first")
            _family = _census("dist.all.last")
            _heads, _title_words = _load_titles()


def given_name(word: str) -> float:
    """How common ``word`` is as a given name (percent of people; 0 when it is not one)."""
    if _given is None:
        _load()
    assert _given is not None
    return _given.get(word.lower(), 0.0)


def family_name(word: str) -> float:
    """How common ``word`` is as a family name (percent of people; 0 when it is not one)."""
    if _family is None:
        _load()
    assert _family is not None
    return _family.get(word.lower(), 0.0)


def job_head(word: str) -> bool:
    """Whether ``word`` (any case, singular or plural) is the head noun of job titles."""
    if _heads is None:
        _load()
    assert _heads is not None
    word = word.lower()
    if word in _NOT_JOBS or word.endswith("s") and word[:-1] in _NOT_JOBS:
        return False
    return (word in _heads or (word.endswith("s") and word[:-1] in _heads)
            or bool(TITLE_WORDS.fullmatch(word)))


def title_word(word: str) -> bool:
    """Whether ``word`` is used in job titles ("finance", "administration", "client"): a
    department's word rather than another firm's name."""
    if _title_words is None:
        _load()
    assert _title_words is not None
    return word.lower() in _title_words or job_head(word)
