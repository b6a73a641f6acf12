"""Everything on a page that might be a person, described by features a model can weigh.

The finders of :mod:`people` and :mod:`people_lines` each apply hard rules; this module
gathers what they found together with every other run of two to four capitalised words
on the page's lines (a "loose" candidate), groups them by folded name, and describes each
group by numbers: how common its words are as given and family names, whether the page
writes them in lower case, where the name sits (alone on a bold line, opening a
"Name, Title" line, inside a sentence, in a testimonial, in the menus), what titles lie
around it, how many lines of the same shape the page repeats, and which finders took it.
:mod:`people_model` turns the numbers into a probability. The page is walked once and each
candidate looks at a few lines around it, so the cost stays linear in the page.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from infoview.research.extract.people_lines import (
    _NOT_NAME_WORDS,
    _PARTICLES,
    Line,
    _after_quote,
    _before_quote,
    _bio_around,
    _credentials,
    _elsewhere,
    _given_first,
    _label_title,
    _next_title,
    _title_before,
    place_after,
    speech_word,
    title_phrase,
)
from infoview.research.extract.vocab import family_name, given_name, job_head, title_word

_HONORIFIC_WORD = re.compile(r"^(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Rev|Capt|Hon|Fr)\.?$")
#: A capitalised word of a name in any alphabet with cases ("Ögren", "O'Flynn", "Ann-Marie").
_CAP_WORD = re.compile(r"^[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*$")
_INITIALS = re.compile(r"^[A-Z]\.?(?:[A-Z]\.)?$")
_EDGE_PUNCT = "\"“”‘’'()[]{}*•·«»"
_POSSESSIVE = re.compile(r"['’]s$")
#: A word run into the next one with no space ("BurkeChief", "PealOpenAI"): the page's
#: markup put two blocks side by side. "McCall", "MacKintosh", "DeMond" are one word.
_GLUED = re.compile(r"^([^\W\d_][^\W\d_]{3,}?)(?=[A-Z][A-Z]|[A-Z][a-z])(?<=[a-z])(?!$)")
#: A brand's capital inside a word after a syllable no family name opens with ("GitHub",
#: "PayPal", "YouTube"); "McCall", "MacKenzie", "DeMond", "VanDyke" are names.
_BRAND = re.compile(r"^(?!Mac|Van|Von|Del|Des|Dal)[A-Z][a-z]{2}[A-Z]")
#: Endings of adverbs and participles ("Fully", "Open-sourced"); names with them are in the
#: census lists ("Kelly", "Ahmed").
_ADVERB_OR_PARTICIPLE = re.compile(r"(?:ly|ed)$")
#: The legal forms of companies: a run of capitalised words holding one names a firm.
_LEGAL = {"inc", "llc", "ltd", "limited", "corp", "corporation", "plc", "gmbh", "llp", "pllc",
          "lp", "pty", "incorporated"}
#: A version number after a run of capitalised words makes them a product's name.
_VERSION = re.compile(r"^v?\d+\.\d+|^v\d+$")
_DATE_LINE = re.compile(r"^\W*(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|"
                        r"sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|\d{1,2} (?:jan|feb|mar|apr|may|"
                        r"jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4})", re.I)
_SEPARATORS = (",", "-", "–", "—", "|", ":", "(")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass
class Span:
    """A run of capitalised words read as a name: where it sits on which line."""

    words: list[str]
    at: int
    start: int
    end: int
    honorific: bool
    #: job words the run opened with and the name was cut from ("Professor Gary Peller")
    lead: str = ""


@dataclass
class Candidate:
    """One folded name on a page, what the finders said of it, and its features."""

    key: str
    name: str
    title: str | None = None
    kind: str = "named"
    routes: set[str] = field(default_factory=set)
    span: Span | None = None
    features: dict[str, float] = field(default_factory=dict)
    #: the title read around the name when the finders gave none (see :func:`describe`),
    #: and where it was read ("same", "before", "next", "label", "bio", "role" or "")
    guess: str | None = None
    guess_from: str = ""
    #: whether what follows the name goes on to name another organisation ("Designer,
    #: Hartwell & Co"): a credit or a customer's signature, not the staff
    elsewhere: bool = False
    #: the index of the line the name was read from (-1: not from a line), and how that
    #: line is set (see :func:`line_shape`)
    at: int = -1
    shape: tuple = ()
    #: whether the name opens its line ("Jo Bell, for hosting us": an entry of a list)
    leads: bool = False


def name_spans(lines: list[Line], lower_words: set[str]) -> list[Span]:
    """Every run of two to four capitalised words (initials and particles allowed) on the
    page's lines, outside the menus: the names any finder could have meant, and more.

    A run's ends are trimmed of words of speech and job words ("Professor Gary Peller",
    "Hugh Stearns Posted"); ``lower_words`` are the words the page writes in lower case."""
    spans: list[Span] = []
    for at, line in enumerate(lines):
        if line.chrome == "nav" or len(line.text) > 1500:
            continue
        caps = sum(map(str.isupper, line.text)) > 0.8 * sum(map(str.isalpha, line.text))
        run: list[str] = []
        start = end = 0
        honorific = False
        for m in re.finditer(r"\S+", line.text):
            raw = m.group(0)
            if not run and not caps and raw[0].islower():
                # most words of prose: no name starts here (what the steps below would find)
                honorific = False
                continue
            token = raw.strip(_EDGE_PUNCT)
            closes = raw.rstrip(_EDGE_PUNCT).endswith((",", ";", ":", "!", "?")) or (
                raw.endswith(".") and len(token.rstrip(".")) > 1 and not _HONORIFIC_WORD.match(token))
            token = _POSSESSIVE.sub("", token.rstrip(",;:!?"))
            if _POSSESSIVE.search(raw.rstrip(",;:.!?")):
                closes = True
            glued = _GLUED.match(token)
            cut = m.end()
            if glued and not caps:  # "WilliamsonSTUDENT", "BurkeChief": a label run into a name
                token, closes = glued.group(1), True
                cut = m.start() + raw.find(token) + len(token)
            bare = token.rstrip(".")
            if caps and bare.isalpha() and len(bare) > 1:
                token = bare = bare.capitalize()  # "ALESONDRA BJADOR" read as written in caps
            if not run and _HONORIFIC_WORD.match(token):
                honorific, start = True, m.start()
                if closes and not raw.endswith("."):
                    honorific = False
                continue
            shaped = bool(token) and (_INITIALS.match(token) is not None or (
                token[0].isupper() and _CAP_WORD.match(bare) is not None and not bare.isupper()
                and not _BRAND.match(bare)))
            particle = bool(run) and token.lower() in _PARTICLES
            if shaped or particle:
                if not run and not honorific:
                    start = m.start()
                run.append(token if _INITIALS.match(token) else bare)
                end = cut
                if closes:
                    if not (raw.endswith(",") and place_after(line.text[m.end():])
                            and given_name(run[0]) < 0.05):  # "San Jose, CA": a town
                        _close(spans, run, at, start, end, honorific, lower_words)
                    run, honorific = [], False
                continue
            if run and not _VERSION.match(token):  # "Claude Opus 4.6": a product and its version
                _close(spans, run, at, start, end, honorific, lower_words)
            run, honorific = [], False
        if run:
            _close(spans, run, at, start, end, honorific, lower_words)
    return spans


def _close(spans: list[Span], run: list[str], at: int, start: int, end: int, honorific: bool,
           lower_words: set[str]) -> None:
    """Keep a finished run as a span when it has the shape of a name."""
    words = [w.rstrip(",;:") for w in run]
    if any(w.lower().rstrip(".") in _LEGAL for w in words):
        return  # "Virgin Australia Limited": a company
    while words and words[-1].lower() in _PARTICLES:
        words.pop()
    lead: list[str] = []
    while len(words) > 2 and (words[0].lower() in _NOT_NAME_WORDS or job_head(words[0])):
        word = words.pop(0)
        lead = [*lead, word] if job_head(word) else []  # "Professor Gary Peller"
    while len(words) > 2 and (words[-1].lower() in _NOT_NAME_WORDS or job_head(words[-1])
                              or words[-1].lower() in lower_words and not family_name(words[-1])):
        words.pop()
    if not 2 <= len(words) <= 4 or any(speech_word(w) or _ADVERB_OR_PARTICIPLE.search(w)
                                       and not given_name(w) and not family_name(w)
                                       for w in words):
        return  # "Fully Open-sourced": an adverb and a participle, not a name
    full = [w for w in words if not _INITIALS.match(w)]
    if not full or len(full) == 1 and len(words) == 2 and _INITIALS.match(words[-1]) and not honorific \
            and not _given_first(words[0]):
        return
    spans.append(Span(words, at, start, end, honorific, " ".join(lead)))


def _log_share(percent: float) -> float:
    """A name's census share on a small scale: 0 for unknown, about 3 for the commonest."""
    return math.log10(percent + 0.01) + 2.0


class PageContext:
    """What every candidate of a page is compared with: its lines, words and repeated shapes."""

    def __init__(self, lines: list[Line], lower_words: set[str]):
        self.lines = lines
        self.lower_words = lower_words
        self.counts: Counter[str] = Counter()
        for line in lines:
            self.counts.update(_WORD.findall(line.text))
        self.shapes: Counter[tuple] = Counter()
        self.alone: set[int] = set()

    def note_alone(self, span: Span) -> None:
        """Remember a line that holds only a name, by the look of the line."""
        line = self.lines[span.at]
        if span.at not in self.alone:
            self.alone.add(span.at)
            self.shapes[_shape(line)] += 1


def _shape(line: Line) -> tuple:
    return (line.bold, line.heading, line.quote, line.cell, line.chrome)


def line_shape(line: Line) -> tuple:
    """How a line is set (bold, heading level, in a quote, a table cell, page chrome): lines
    of one list share it."""
    return _shape(line)


def _alone(line: Line, span: Span) -> bool:
    """Whether a line holds nothing but the name (with its honorific, credentials, a dash)."""
    before = line.text[:span.start].strip(" -–—~•*|\"“”'")
    after = line.text[span.end:]
    creds, rest = _credentials(after)
    return not before and not rest.strip(" .,-–—|:")


#: The features :func:`describe` gives a candidate, each a number in about [0, 3].
FEATURES = (
    # the words: census shares of the first word as a given and a family name, of the last
    # word as a family and a given name; words the page writes in lower case, job words,
    # department words, plurals, three or more words, initials, letters beyond ASCII, capitals
    "given", "given_first", "first_family", "family", "last_given", "lower_first", "lower_other",
    "job_word", "title_word", "plural", "words3", "initial", "nonascii", "capitals",
    # the page: the first word again without the last ("Arvin brings"), the last word alone
    "first_again", "last_again",
    # the line: alone on it, opening it, a separator or credentials after it, inside prose;
    # how the line is set (bold, heading, testimonial, page header/footer, table cell); an
    # honorific, a capitalised word after it (a firm's name), "by" or a dash before it
    "alone", "opens", "separator", "prose", "bold", "heading", "quote", "edge", "cell",
    "honorific", "creds", "cap_after", "by_before",
    # a title around it, by where (see :func:`title_sources`)
    "title_same", "title_next", "title_label", "title_bio", "title_role", "title_before",
    # a quotation or first-person words beside it, a date under it (a review's signature),
    # and how many other name-only lines of the same look the page has (a list of people)
    "quote_near", "first_person", "date_near", "similar",
)


def describe(cand: Candidate, ctx: PageContext) -> dict[str, float]:
    """The features of a candidate read from a span (:data:`FEATURES`); the nearest title
    read around the name is kept as ``cand.guess`` on the way."""
    span = cand.span
    assert span is not None
    f: dict[str, float] = {}
    words = [w for w in span.words if w.lower() not in _PARTICLES] or span.words
    first, last = words[0], words[-1].rstrip(".")
    first_initial = _INITIALS.match(first) is not None
    f["given"] = 0.0 if first_initial else _log_share(given_name(first))
    f["given_first"] = float(not first_initial and _given_first(first))
    f["first_family"] = 0.0 if first_initial else _log_share(family_name(first))
    f["family"] = _log_share(family_name(last))
    f["last_given"] = _log_share(given_name(last))
    f["lower_first"] = float(first.lower() in ctx.lower_words)
    f["lower_other"] = float(any(w.lower() in ctx.lower_words for w in words[1:]))
    f["job_word"] = float(any(job_head(w) for w in words))
    f["title_word"] = float(any(title_word(w) for w in words))
    f["plural"] = float(any(w.lower().endswith(("s", "ing")) and not family_name(w) and not given_name(w)
                            for w in words[1:]))
    f["words3"] = float(len(words) >= 3)
    f["initial"] = float(any(_INITIALS.match(w) for w in words))
    f["nonascii"] = float(not "".join(words).isascii())
    f["capitals"] = float(any(len(w) > 2 and w.isupper() for w in cand.name.split()))
    f["first_again"] = float(not first_initial and ctx.counts.get(first, 0) > ctx.counts.get(last, 0))
    f["last_again"] = float(ctx.counts.get(last, 0) > ctx.counts.get(first, 0))
    lines, at = ctx.lines, span.at
    line = lines[at]
    text = line.text
    before, after = text[:span.start], text[span.end:]
    creds, rest = _credentials(after)
    alone = _alone(line, span)
    f["alone"] = float(alone)
    f["opens"] = float(not alone and not before.strip(" -–—~•*|\"“”'"))
    f["separator"] = float(after.lstrip().startswith(_SEPARATORS) or bool(creds))
    f["prose"] = float(len(text) > 60 and not f["opens"] and not alone)
    f["bold"] = float(line.bold)
    f["heading"] = float(bool(line.heading))
    f["quote"] = float(line.quote)
    f["edge"] = float(line.chrome == "edge")
    f["cell"] = float(line.cell)
    f["honorific"] = float(span.honorific)
    f["creds"] = float(bool(creds))
    f["cap_after"] = float(bool(re.match(r"^\s?(?:&\s)?[A-Z]", after)))
    f["by_before"] = float(bool(re.search(r"(?:\bby|\bfrom|[-–—~])\s*$", before, re.I)))
    titles = title_sources(lines, at, span, rest, first)
    for source in ("same", "next", "label", "bio", "role", "before"):
        f[f"title_{source}"] = float(titles.get(source) is not None)
    cand.guess_from = next((s for s in _NEAREST if titles.get(s)), "")
    cand.elsewhere = bool(rest) and _elsewhere(rest, ctx.lower_words)
    cand.guess = titles[cand.guess_from] if cand.guess_from else (", ".join(creds) if creds else None)
    f["quote_near"] = float(_after_quote(lines, at) or _before_quote(lines, at))
    f["first_person"] = float(_before_quote(lines, at, first_person=True))
    f["date_near"] = float(any(_DATE_LINE.match(n.text) is not None for n in lines[at + 1:at + 3]
                               if len(n.text) < 40) or _DATE_LINE.match(rest) is not None)
    others = ctx.shapes.get(_shape(line), 0) - (1 if at in ctx.alone else 0)
    f["similar"] = math.log1p(others) / 3 if alone else 0.0
    return f


#: Where a title is looked for around a name, nearest first ("Clinical Director, Jo Bell,
#: RN, is a nurse": the appositive before the name is the role).
_NEAREST = ("before", "same", "next", "label", "bio", "role")
_IS_TITLE = re.compile(r"^(?:is|has been|serves as|works as)\s+(?:the |our |a |an |its )?"
                       r"([A-Za-z][\w\-/&' ]{1,80})")


def title_sources(lines: list[Line], at: int, span: Span, rest: str, first: str) -> dict[str, str | None]:
    """The titles around a name, by where they were read: on its line after it (``same``),
    alone on the next line (``next``), a label line before it (``label``), its bio
    (``bio``), its section heading (``role``), or before it in a sentence (``before``)."""
    line = lines[at]
    text = line.text
    found: dict[str, str | None] = {}
    after = text[span.end:]
    verb = _IS_TITLE.match(rest)
    if verb:  # "Jo Bell is our office manager", "Jo Bell, RN, is the clinic's nurse"
        found["same"] = title_phrase(verb.group(1))
    elif rest and (after.lstrip().startswith(_SEPARATORS) or rest[0].isupper()):
        found["same"] = title_phrase(rest)  # "Jo Bell, Office Manager", "Jo Bell RN Nurse"
    else:
        found["same"] = None
    found["next"] = _next_title(lines, at, span.words) if _alone(line, span) else None
    found["label"] = _label_title(lines, at)
    found["bio"] = _bio_around(lines, at, first) if len(text) <= 80 else None
    found["role"] = line.role
    before = text[:span.start]
    found["before"] = span.lead or (_title_before(before) if before.strip() else None)
    return found
