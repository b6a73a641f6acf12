"""Facts from the text of a report, each with its page: headcount, revenue, funding,
the priorities in the leader's letter, markets and locations.

A figure is taken only from a sentence (or a table row) that says what it counts: "1,240
employees", "revenue rose to £48.2m", "a $30m Series B". A number near none of these words
(trees planted, patients served, costs) is never taken for one, so a report gives fewer
facts rather than wrong ones. Each fact keeps the sentence it came from, for the user to
check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Words that open a quantity ("more than 1,200 employees").
_ABOUT = r"(?:(?:over|more than|almost|nearly|around|about|approximately|some|close to|just over|" \
         r"just under|c\.|circa)\s+)?"
_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?!\s?%|\s?per\s?cent|[\d,])"
_STAFF = r"(?:full[- ]time\s+|part[- ]time\s+|permanent\s+|skilled\s+|dedicated\s+|talented\s+)?" \
         r"(?:employees|staff|colleagues|team members|members of staff|ftes?|full-time equivalents)"
_HEADCOUNT = [
    re.compile(rf"(?<![\w.,]){_NUMBER}\s+{_STAFF}\b", re.I),
    re.compile(rf"\bemploy(?:s|ed|ing)?\s+{_ABOUT}{_NUMBER}\s+(?:people|staff|employees|colleagues)\b", re.I),
    re.compile(rf"\b(?:headcount|workforce|team|staff numbers?)\s+(?:of|to|reached|grew to|rose to|"
               rf"increased to|stood at|was|is|now stands at|totals?|totalled)\s+{_ABOUT}{_NUMBER}"
               rf"(?:\s+(?:people|employees|staff|colleagues))?\b", re.I),
    re.compile(rf"\bteam of\s+{_ABOUT}{_NUMBER}\b", re.I),
    re.compile(rf"(?<![\w.,]){_NUMBER}\s+people\s+(?:work|working|employed)\s+(?:for|at|across|in)\b", re.I),
]
_MONEY = re.compile(
    r"(?:(?:[£$€¥]|\b(?:us\$|usd|eur|gbp|chf|cad|aud)\s?)\s?\d[\d,]*(?:\.\d+)?"
    r"(?:\s?(?:million|billion|thousand|bn|mn|m|k)\b)?"
    r"|\b\d[\d,]*(?:\.\d+)?\s?(?:million|billion|bn|mn|m)\s+(?:pounds|dollars|euros|usd|eur|gbp)\b)",
    re.I)
_REVENUE_WORDS = re.compile(r"\b(revenues?|turnover|sales|income from (?:sales|operations))\b", re.I)
_FUNDING_WORDS = re.compile(
    r"\b(raised|raising|raise|funding|financing|series [a-f]\b|seed round|investment round|"
    r"of (?:new )?investment|venture (?:capital|debt)|growth equity)\b", re.I)
_NOT_FUNDING = re.compile(r"\b(we invested|invest(?:ed|ing)? in|spent|spend|donat)", re.I)
_GROWTH_TO = re.compile(r"\b(?:to|reached|of|was|were|at|totalled|totaling|totalling)\s+$", re.I)
#: The leader's letter: its heading names a leader and a kind of letter.
_LEADER = re.compile(r"\b(chief executive|ceo|chair(?:man|woman|person)?|founder|president|"
                     r"managing director|executive director|director[- ]general)\b", re.I)
_LETTER = re.compile(r"\b(letter|statement|message|review|foreword|introduction|welcome|report|"
                     r"overview|word)\b", re.I)
_PRIORITIES = re.compile(
    r"\b(priorit(?:y|ies)|strateg(?:y|ic|ies)|focus(?:ed|ing)? on|our (?:goals?|aims?|ambitions?|"
    r"plans? for|mission)|pillars?|(?:next|the coming|the year ahead)\b.*\bwe will|we will (?:focus|"
    r"continue|invest|grow|expand|open|launch|build|deliver)|committed to)\b", re.I)
_MARKETS = re.compile(
    r"\b(offices? in|headquartered in|headquarters in|based in|operat(?:e|es|ing) in|present in|"
    r"(?:largest|key|core|main|new) markets?|markets? (?:in|such as|including)|\d+ countries|"
    r"countries (?:including|such as)|sites? in|clinics? in|we (?:now )?work in|expan(?:d|ded|sion) "
    r"(?:in)?to)\b", re.I)
_CAPITAL = re.compile(r"\b[A-Z][a-zà-ÿ]+")
_YEAR_CELL = r"(?:FY)?(?:19|20)\d\d(?:[/-]\d\d)?"
_YEARS_LINE = re.compile(rf"^\s*(?:{_YEAR_CELL}\s+){{1,4}}{_YEAR_CELL}\s*$")
_ROW = re.compile(r"^(?P<label>[A-Za-z][A-Za-z ()£$€%&/.,'-]{1,60}?)\s+"
                  r"(?P<values>(?:[£$€]?\(?-?\d[\d,]*(?:\.\d+)?\)?[m%]?\s*){1,5})$")
_ROW_LABELS = {
    "headcount": re.compile(r"^(?:number of |average |total )?(employees|staff|headcount|colleagues|"
                            r"people employed|workforce|ftes?)\b", re.I),
    "revenue": re.compile(r"^(?:total |group |net )?(revenues?|turnover|sales)\b", re.I),
    "funding": re.compile(r"^(?:total )?(funding raised|capital raised|funds raised|funding)\b", re.I),
}
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9£$€])")
_HYPHEN_BREAK = re.compile(r"(\w)-\n(\w)")
#: The most facts of one kind taken from one document (the first in reading order win).
LIMITS = {"headcount": 2, "revenue": 2, "funding": 2, "priorities": 3, "markets": 3}
MAX_SENTENCE = 400


@dataclass
class ReportFact:
    """One fact from a report: its kind, the sentence, the page (1-based), the figure."""

    kind: str
    text: str
    page: int
    value: str | None = None


def report_facts(pages: list[str]) -> list[ReportFact]:
    """Headcount, revenue, funding, priorities and markets from a report's pages.

    Args:
        pages: each page's text, in order (page 1 first).

    Returns:
        Facts in reading order, at most :data:`LIMITS` of each kind; a sentence gives one
        fact at most.
    """
    facts: list[ReportFact] = []
    letter_pages = _letter_pages(pages)
    for number, text in enumerate(pages, 1):
        prose, rows = _split_rows(text)
        for label, row in rows:
            fact = _row_fact(label, row, number)
            if fact:
                facts.append(fact)
        for sentence in sentences_of(prose):
            fact = _sentence_fact(sentence, number, number in letter_pages)
            if fact:
                facts.append(fact)
    return _limited(facts)


def sentences_of(text: str) -> list[str]:
    """The sentences of a page's prose (lines joined, words broken at a line end mended)."""
    text = _HYPHEN_BREAK.sub(r"\1\2", text)
    flat = " ".join(text.split())
    return [s.strip() for s in _SENTENCE_END.split(flat) if s.strip()]


def _split_rows(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The page's prose, and its table rows as (label, line) pairs with the years header."""
    prose: list[str] = []
    rows: list[tuple[str, str]] = []
    header = ""
    lines = text.split("\n")
    if lines and len(lines[0]) < 70 and not lines[0].rstrip().endswith((".", "!", "?", ":")):
        lines = lines[1:]   # the page's heading is no part of its first sentence
    for line in lines:
        stripped = line.strip()
        if _YEARS_LINE.match(stripped):
            header = stripped
            continue
        match = _ROW.match(stripped)
        if match and len(match.group("label").split()) <= 6 and not stripped.endswith("."):
            rows.append((header, stripped))
            continue
        prose.append(line)
    return "\n".join(prose), rows


def _row_fact(header: str, line: str, page: int) -> ReportFact | None:
    match = _ROW.match(line)
    if match is None:
        return None
    label = match.group("label").strip()
    kind = next((k for k, pattern in _ROW_LABELS.items() if pattern.match(label)), None)
    if kind is None:
        return None
    values = re.findall(r"-?\d[\d,]*(?:\.\d+)?", match.group("values"))
    years = [int(y[-4:] if len(y) >= 4 and y[-4:].isdigit() else y[:4])
             for y in re.findall(r"(?:19|20)\d\d(?:[/-]\d\d)?", header)]
    pick = 0
    if len(years) == len(values) and len(years) > 1:
        pick = max(range(len(years)), key=lambda i: years[i])   # the newest year's column
    value = values[pick]
    if kind == "headcount" and ("." in value or _as_number(value) < 2):
        return None
    unit = re.search(r"\(([^)]*)\)", label)
    shown = f"{value} ({unit.group(1)})" if unit and kind != "headcount" else value
    year = f" in {years[pick]}" if years and len(years) == len(values) else ""
    if kind == "headcount":   # worded as a count ("1,240 employees") so it reads as one
        noun = label.lower() if re.fullmatch(r"(?i)employees|staff|colleagues|ftes?", label) else "employees"
        text = f"{value} {noun}{year} (from a table in their report)"
    else:
        text = f"{label} {value}{year} (from a table in their report)"
    return ReportFact(kind, text, page, shown)


def _sentence_fact(sentence: str, page: int, in_letter: bool) -> ReportFact | None:
    if len(sentence) > MAX_SENTENCE or len(sentence) < 12:
        return None
    for pattern in _HEADCOUNT:
        match = pattern.search(sentence)
        if match and not _is_year(match.group(1)) and _as_number(match.group(1)) >= 2 \
                and "." not in match.group(1):
            return ReportFact("headcount", sentence, page, match.group(1))
    if _REVENUE_WORDS.search(sentence):
        money = _main_amount(sentence)
        if money:
            return ReportFact("revenue", sentence, page, money)
    if _FUNDING_WORDS.search(sentence) and not _NOT_FUNDING.search(sentence):
        money = _main_amount(sentence)
        if money:
            return ReportFact("funding", sentence, page, money)
    if in_letter and _PRIORITIES.search(sentence):
        return ReportFact("priorities", sentence, page)
    if _MARKETS.search(sentence) and (_CAPITAL.search(sentence[1:]) or re.search(r"\d+ countries", sentence)):
        return ReportFact("markets", sentence, page)
    return None


def _main_amount(sentence: str) -> str | None:
    """The amount a sentence is about: the one after "to"/"of"/"reached", else the first one
    that is not in parentheses or a comparison ("from £39m", "(2023: £39m)")."""
    amounts = list(_MONEY.finditer(sentence))
    if not amounts:
        return None
    for match in amounts:
        if _GROWTH_TO.search(sentence[: match.start()][-14:]):
            return match.group(0).strip()
    for match in amounts:
        before = sentence[: match.start()]
        if re.search(r"\bfrom\s+$", before, re.I) or before.count("(") > before.count(")"):
            continue
        return match.group(0).strip()
    return None


def _letter_pages(pages: list[str]) -> set[int]:
    """The pages of the leader's letter: the page whose heading names a leader and a letter,
    and the page after it (letters often run onto a second page)."""
    found: set[int] = set()
    for number, text in enumerate(pages, 1):
        head = " ".join(text.strip().split("\n")[:3])[:160]
        if _LEADER.search(head) and _LETTER.search(head):
            found |= {number, number + 1}
        if len(found) >= 4:
            break
    return found


def _limited(facts: list[ReportFact]) -> list[ReportFact]:
    counts: dict[str, int] = {}
    seen: set[tuple[str, str]] = set()
    out = []
    for fact in facts:
        key = (fact.kind, fact.value or fact.text)
        if key in seen or counts.get(fact.kind, 0) >= LIMITS[fact.kind]:
            continue
        seen.add(key)
        counts[fact.kind] = counts.get(fact.kind, 0) + 1
        out.append(fact)
    return out


def _as_number(text: str) -> float:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return 0.0


def _is_year(text: str) -> bool:
    return bool(re.fullmatch(r"(19|20)\d\d", text))
