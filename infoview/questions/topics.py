"""What company research already answers, as bank topics with the evidence found.

Both the selector (to skip questions research covered) and the linter (to tell the user
what research already found) use :func:`topics_covered`.
"""

from __future__ import annotations

import re
from typing import Any

from infoview.errors import BadInput
from infoview.research.models import CompanyProfile

#: Titles that make a person on a company's pages part of its leadership.
_LEADER_TITLE = re.compile(
    r"\b(ceo|cto|cfo|coo|cio|cmo|chief|founder|co-founder|cofounder|president|chair|chairman|"
    r"chairwoman|chairperson|managing director|director|head of|vp|vice president|partner|"
    r"owner|executive)\b",
    re.IGNORECASE,
)
_SIZE = re.compile(
    r"\b\d[\d,.]*\s*\+?\s*(employees|people|staff|colleagues|team members|engineers|"
    r"specialists|experts|professionals)\b|\bteam of \d+|\b(headcount|workforce)\b",
    re.IGNORECASE,
)
#: Products named outright come first; what the company builds or offers is a weaker sign.
_PRODUCTS = re.compile(r"\b(products?|services?|platforms?)\b", re.IGNORECASE)
_OFFERS = re.compile(r"\b(software|apps?|tools?|solutions?|offers|sells|makes|builds|provides|"
                     r"we (build|make|sell|offer|provide))\b", re.IGNORECASE)
#: The company's story: how it began and grew. A bare year is not a story (see ``_FOUNDED``).
_HISTORY = re.compile(
    r"\b(?:(?:founded|started|set up|established|created|launched|begun|formed)\s+by|"
    r"(?:began|started)\s+(?:life\s+)?as|grew\s+(?:out\s+of|from)|spun\s+(?:out|off)|"
    r"(?:history|story|origins?)\s+of\s+(?:the\s+)?(?:company|firm|business|us)|our\s+(?:history|story)|"
    r"merged\s+with|acquired\s+by|was\s+renamed)\b", re.I)
#: When the company was founded: a founding year in a sentence.
_FOUNDED = re.compile(
    r"\b(?:founded|established|started|set\s+up|incorporated)\b[^.]{0,40}?\b(?:1[89]|20)\d\d\b"
    r"|\bsince\s+(?:1[89]|20)\d\d\b", re.I)
_LOCATIONS = re.compile(
    r"\b(headquartered|based in|offices? in|located in|headquarters|locations?)\b", re.I)

#: Longest quote of evidence, in characters; the brief shows these inline.
MAX_QUOTE = 160


def topics_covered(research: CompanyProfile | dict[str, Any] | None) -> dict[str, str]:
    """Map each research topic that ``research`` answers to a line of evidence.

    The evidence quotes what was found and names the page, e.g.
    ``'Kestrel Health Labs builds patient-scheduling software' (https://kestrel.example/about)``.

    Args:
        research: a company profile from research (or its dict form); ``None`` covers nothing.

    Returns:
        topic -> evidence, for the topics of
        :data:`infoview.questions.models.RESEARCH_TOPICS` that research covered.
    """
    if research is None:
        return {}
    if isinstance(research, dict):
        research = CompanyProfile.from_dict(research)
    if not isinstance(research, CompanyProfile):
        raise BadInput(f"research must be a CompanyProfile or its dict, not "
                       f"{type(research).__name__}; research_company(url) returns one, and "
                       "CompanyProfile.from_dict(json.load(file)) reads a saved one")
    about = research.pages.get("about") or research.url
    covered: dict[str, str] = {}

    text = research.description or research.summary
    if text:
        covered["what_company_does"] = evidence(text, about)
    if research.founded:
        covered["founded"] = evidence(f"founded {research.founded}", about)
    if research.location:
        covered["locations"] = evidence(research.location, research.pages.get("contact") or about)

    leaders = [p for p in research.people if p.title and _LEADER_TITLE.search(p.title)]
    if leaders:
        names = ", ".join(f"{p.name} ({p.title})" for p in leaders[:3])
        covered["leadership"] = evidence(names, leaders[0].source_url)

    sentences = _sentences(research, about)
    for topic, pattern in (("size", _SIZE), ("founded", _FOUNDED), ("history", _HISTORY),
                           ("locations", _LOCATIONS),
                           ("products", _PRODUCTS), ("products", _OFFERS),
                           ("what_company_does", _OFFERS)):
        if topic in covered:
            continue
        for text, source in sentences:
            if pattern.search(text):
                covered[topic] = evidence(text, source)
                break
    for page in ("products", "services"):
        if "products" not in covered and research.pages.get(page):
            covered["products"] = evidence(f"the {page} page", research.pages[page])
    return covered


def _sentences(research: CompanyProfile, about: str) -> list[tuple[str, str]]:
    """Facts, then the sentences of the summary, each with its page, "Label: " prefixes cut."""
    out = [(_LABEL.sub("", f.text), f.source_url) for f in research.facts]
    for text in (research.summary, research.description):
        if text:
            out += [(s, about) for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]
    return out


_LABEL = re.compile(r"^[A-Z][\w ]{0,24}:\s+")


def evidence(text: str, source: str | None) -> str:
    """``'quote' (source)``, the quote cut to its first sentence and :data:`MAX_QUOTE`."""
    quote = " ".join(text.split())
    first = re.split(r"(?<=[.!?])\s+", quote, maxsplit=1)[0]
    quote = first.rstrip(".")
    if len(quote) > MAX_QUOTE:
        quote = quote[: MAX_QUOTE - 1].rsplit(" ", 1)[0] + "…"
    return f"'{quote}' ({source})" if source else f"'{quote}'"
