"""How a list of people found on a page is scored against hand-annotated people.

Shared by the people benchmarks. It follows the scoring described in the README of
``../shared/corpora/webstruct-people-dev``:

- a predicted name is cut at its first comma (or " - ", " | "), stripped of honorifics and
  trailing credentials, and folded (lower case, no punctuation, no accents, as the gold's
  folded forms are; a full stop splits words);
- it matches a gold person when its words equal one of the gold person's folded forms, or
  when one's words include all of the other's and they share at least two words of two or
  more letters (a middle name or an initial may be missing);
- recall is matched gold people over gold people; precision is matched predictions over
  predictions that are matches or wrong (a second prediction of a matched person and a
  prediction of a ``neutral`` partial name count neither way);
- titled recall is recall over the gold people with a title; a title is right when the Dice
  overlap of its folded words with one of the gold titles (common abbreviations expanded,
  stop words dropped) is at least 0.5; "right title" is the share of titled gold people
  matched by a prediction whose title is right.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "rev", "reverend",
              "sir", "dame", "hon", "capt", "captain", "fr", "sr", "sister", "brother"}
#: Suffixes dropped from the end of a name whatever their case.
SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "esq", "phd", "md"}
ABBREVIATIONS = {
    "ceo": "chief executive officer", "cfo": "chief financial officer",
    "coo": "chief operating officer", "cto": "chief technology officer",
    "cmo": "chief marketing officer", "cio": "chief information officer",
    "vp": "vice president", "svp": "senior vice president", "evp": "executive vice president",
    "avp": "assistant vice president", "gm": "general manager", "md": "managing director",
    "sr": "senior", "jr": "junior", "mgr": "manager", "dir": "director", "asst": "assistant",
    "assoc": "associate", "exec": "executive", "admin": "administrator", "hr": "human resources",
    "pr": "public relations", "it": "information technology", "dept": "department",
    "coord": "coordinator", "rep": "representative", "pres": "president",
}
STOP_WORDS = {"and", "of", "the", "for", "at", "in", "a", "an", "to", "on", "with", "our"}
_CUT = re.compile(r",|\s[-–—|]\s")
_CREDENTIAL = re.compile(r"^[A-Z][A-Z.\-]*\.?$")


def fold(text: str) -> list[str]:
    """Lower-case words without punctuation or accents, as the gold's folded forms are
    written ("Ögren" -> "ogren"); a full stop separates ("E.P." -> "e p")."""
    text = unicodedata.normalize("NFKD", text.lower().replace(".", " "))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^\w\s]|_", "", text).split()


def name_words(predicted: str) -> list[str]:
    """The folded words of a predicted name: cut, honorifics and credentials dropped."""
    head = _CUT.split(predicted, maxsplit=1)[0]
    raw = head.split()
    while raw and fold(raw[0]) and fold(raw[0])[0] in HONORIFICS:
        raw.pop(0)
    while len(raw) > 1 and (_CREDENTIAL.match(raw[-1]) and len(raw[-1].replace(".", "")) >= 2
                            or "".join(fold(raw[-1])) in SUFFIXES):
        raw.pop()
    return fold(" ".join(raw))


def matches(predicted: list[str], form: list[str]) -> bool:
    """Whether a predicted name's words name the person of a gold form."""
    if not predicted or not form:
        return False
    if predicted == form:
        return True
    a, b = set(predicted), set(form)
    shared = {w for w in a & b if len(w) >= 2}
    return (a <= b or b <= a) and len(shared) >= 2


def title_words(title: str) -> list[str]:
    """A title's folded words, abbreviations expanded and stop words dropped."""
    words: list[str] = []
    for word in fold(re.sub(r"[/&]", " ", title)):
        words += ABBREVIATIONS.get(word, word).split()
    return [w for w in words if w not in STOP_WORDS]


def title_right(predicted: str | None, gold: Iterable[str]) -> bool:
    """Whether a predicted title overlaps one of the gold titles by a Dice score >= 0.5."""
    if not predicted:
        return False
    p = title_words(predicted)
    for title in gold:
        g = title_words(title)
        if p and g:
            shared = sum(min(p.count(w), g.count(w)) for w in set(p))
            if 2 * shared / (len(p) + len(g)) >= 0.5:
                return True
    return False


@dataclass
class Score:
    """Counts summed over pages; the rates are properties."""

    gold: int = 0
    found: int = 0
    titled: int = 0
    titled_found: int = 0
    title_right: int = 0
    right: int = 0
    wrong: int = 0
    wrong_names: list[tuple[str, str]] = field(default_factory=list)
    missed: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("gold", "found", "titled", "titled_found", "title_right", "right", "wrong"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.wrong_names += other.wrong_names
        self.missed += other.missed

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else 1.0

    @property
    def titled_recall(self) -> float:
        return self.titled_found / self.titled if self.titled else 0.0

    @property
    def right_title(self) -> float:
        return self.title_right / self.titled if self.titled else 0.0

    def line(self) -> str:
        return (f"recall {self.recall:.3f} ({self.found}/{self.gold}), precision "
                f"{self.precision:.3f} ({self.right}/{self.right + self.wrong}), titled recall "
                f"{self.titled_recall:.3f}, right title {self.right_title:.3f} "
                f"({self.title_right}/{self.titled})")


def score_page(page: str, gold: dict, predicted: list[tuple[str, str | None]]) -> Score:
    """Score one page's predictions (name, title) against its gold (``people``, ``neutral``)."""
    score = Score()
    people = gold["people"]
    forms = [[fold(f) for f in person["also"]] or [name_words(person["name"])] for person in people]
    neutral = [fold(n) for n in gold.get("neutral", [])]
    hit: dict[int, list[str | None]] = {}
    for name, title in predicted:
        words = name_words(name)
        match = next((i for i, fs in enumerate(forms) if any(matches(words, f) for f in fs)), None)
        if match is not None:
            if match not in hit:
                score.right += 1
                hit[match] = []
            hit[match].append(title)
        elif words and any(words == n or set(words) <= set(n) for n in neutral):
            continue
        else:
            score.wrong += 1
            score.wrong_names.append((page, name))
    for i, person in enumerate(people):
        score.gold += 1
        titled = bool(person["titles"])
        score.titled += titled
        if i in hit:
            score.found += 1
            score.titled_found += titled
            if titled and any(title_right(t, person["titles"]) for t in hit[i]):
                score.title_right += 1
        else:
            score.missed.append((page, person["name"], ", ".join(person["titles"])))
    return score
