"""What research gives the brief: common ground with the user, and the gaps left to ask about.

Common ground is found by plain phrase matching of the user's profile (schools, past
employers, places, interests) against the text research collected about the person and
their company. Every match keeps where it was found (which field, which page), so the user
can check it before bringing it up: a false "we both studied at X" is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

#: The profile lists that are matched, and how each kind is named in the brief.
PROFILE_KINDS: tuple[tuple[str, str], ...] = (
    ("schools", "school"),
    ("employers", "employer"),
    ("places", "place"),
    ("interests", "interest"),
)

_EXCERPT_CHARS = 60


@dataclass
class CommonGround:
    """One thing the user shares with the person or their company.

    Attributes:
        kind: ``school``, ``employer``, ``place`` or ``interest``; or ``connection``
            (``value`` ``LinkedIn``): no more is known than that the two are connected.
        value: the entry of the user's profile that matched.
        where: which text it was found in (e.g. ``their bio``, ``company description``).
        source_url: the page that text came from, when known.
        excerpt: a few words around the match, to check it in context.
        also: the other texts it was found in.
    """

    kind: str
    value: str
    where: str
    source_url: str | None = None
    excerpt: str = ""
    also: list[str] = field(default_factory=list)


@dataclass
class TextSource:
    """A piece of research text to search, with a label and its page."""

    where: str
    text: str
    source_url: str | None = None


@dataclass
class Gap:
    """Something research could not find, and the planned questions that can fill it.

    Attributes:
        topic: short name (``founding year``, ``their path``...).
        note: what is missing and what to ask instead.
        questions: texts of planned questions that address it (may be empty).
    """

    topic: str
    note: str
    questions: list[str] = field(default_factory=list)


def _phrase_pattern(phrase: str) -> re.Pattern[str] | None:
    words = phrase.split()
    if not words or len("".join(words)) < 2:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    # A trailing plural still counts: "start-up" in the profile matches "start-ups".
    return re.compile(rf"(?<!\w){body}(?:e?s)?(?!\w)", re.IGNORECASE)


def _excerpt(text: str, start: int, end: int) -> str:
    left = max(0, start - _EXCERPT_CHARS)
    right = min(len(text), end + _EXCERPT_CHARS)
    snippet = " ".join(text[left:right].split())
    return ("…" if left else "") + snippet + ("…" if right < len(text) else "")


def find_common_ground(profile, sources: Iterable[TextSource]) -> list[CommonGround]:
    """Match the user's profile against research texts.

    Args:
        profile: a :class:`~infoview.models.UserProfile` (or ``None``: nothing to match).
        sources: the texts to search, each labelled with where it came from.

    Returns:
        One :class:`CommonGround` per profile entry that matched, in profile order (the
        first school comes before the first interest). ``where`` is the first text it was
        found in (the person's own texts come first), ``also`` the others.
    """
    if profile is None:
        return []
    sources = [s for s in sources if s.text]
    found: list[CommonGround] = []
    for attr, kind in PROFILE_KINDS:
        for value in getattr(profile, attr, None) or []:
            pattern = _phrase_pattern(str(value))
            if pattern is None:
                continue
            hit: CommonGround | None = None
            for source in sources:
                match = pattern.search(source.text)
                if not match:
                    continue
                if hit is None:
                    hit = CommonGround(kind=kind, value=str(value), where=source.where,
                                       source_url=source.source_url,
                                       excerpt=_excerpt(source.text, match.start(), match.end()))
                    found.append(hit)
                elif source.where != hit.where and source.where not in hit.also:
                    hit.also.append(source.where)
    return found


def research_sources(person=None, person_research=None, company=None) -> list[TextSource]:
    """The texts research and the contact record hold, labelled for the brief.

    Research comes first, so that a match is shown with the page it can be checked on.
    """
    out: list[TextSource] = []
    if person_research is not None:
        url = person_research.url
        for attr, label in (("title", "their job title"), ("organization", "their organization"),
                            ("location", "their location"), ("bio", "their bio")):
            out.append(TextSource(label, getattr(person_research, attr) or "", url))
    if person is not None:
        # The user's own record of them: no page to cite (a profile link was never fetched).
        for attr, label in (("organization", "your record of their organization"),
                            ("location", "your record of their location")):
            out.append(TextSource(label, getattr(person, attr) or ""))
    if company is not None:
        about = company.pages.get("about") or company.url
        for attr, label in (("name", "company name"), ("description", "company description"),
                            ("summary", "company pages"), ("industry", "company industry"),
                            ("location", "company location")):
            out.append(TextSource(label, getattr(company, attr) or "", about))
        for fact in company.facts:
            out.append(TextSource("company pages", fact.text, fact.source_url))
        for item in company.news:
            out.append(TextSource("company news", item.title, item.url))
    return out


#: Research fields the brief expects, the question categories that can fill each gap, and
#: the advice given when it is missing.
_GAP_RULES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("what the company does", ("workplace", "industry"),
     "No description found: listen for how they describe the organisation's work."),
    ("location", ("workplace",), "No location found: ask where the team works."),
    ("founding year", ("industry",), "No founding year found: ask how the organisation began."),
    ("leadership", ("workplace",), "No leadership found: ask how the teams are organised."),
    ("recent news", ("industry",), "No dated news found: ask what has changed lately."),
    ("their role", ("role",), "No job title found: ask what their role covers."),
    ("their path", ("path",), "No public bio found: ask how they came to this work."),
)


def find_gaps(company=None, person_research=None, plan=None, *,
              title: str | None = None) -> list[Gap]:
    """What research could not find, each with the planned questions that can fill it.

    Args:
        company: a :class:`~infoview.research.models.CompanyProfile` or ``None``.
        person_research: a :class:`~infoview.research.models.PersonProfile` or ``None``.
        plan: the :class:`~infoview.questions.models.QuestionPlan`, to point at questions.
        title: their job title when known otherwise (the stored person's): not a gap.
    """
    missing: list[str] = []
    if company is None:
        missing += ["what the company does", "location", "founding year", "leadership",
                    "recent news"]
    else:
        checks = {
            "what the company does": company.description or company.summary,
            "location": company.location,
            "founding year": company.founded,
            "leadership": company.staff(),
            "recent news": [n for n in company.news if n.date],
        }
        missing += [topic for topic, value in checks.items() if not value]
    if not (title or (person_research is not None and person_research.title)):
        missing.append("their role")
    if person_research is None or not person_research.bio:
        missing.append("their path")
    items = list(plan.items) if plan is not None else []
    gaps = []
    for topic, categories, note in _GAP_RULES:
        if topic in missing:
            asks = [item.text for item in items if item.category in categories][:2]
            gaps.append(Gap(topic=topic, note=note, questions=asks))
    return gaps


#: Where a match was found, by whose it is: the person's organization (``org``), where
#: they are (``location``), their own texts (``person``); anything else is the company's
#: pages, which say less about the person.
_SCOPES: dict[str, str] = {
    "their organization": "org", "your record of their organization": "org",
    "company name": "org", "their location": "location",
    "your record of their location": "location", "company location": "location",
    "their job title": "person", "their bio": "person",
}
_KIND_ORDER = {kind: i for i, (_attr, kind) in enumerate(PROFILE_KINDS)}


def strongest_ground(ground: Iterable[CommonGround]) -> CommonGround | None:
    """The common ground a request is best opened with, or ``None``.

    What the person's own texts, organization or location show comes before what their
    company's pages mention (a university named in the news says little about them); then
    a school before an employer, a place, an interest; then the profile's own order.
    """
    ranked = sorted(enumerate(ground), key=lambda pair: (
        _SCOPES.get(pair[1].where, "company") == "company",
        _KIND_ORDER.get(pair[1].kind, len(_KIND_ORDER)), pair[0]))
    return ranked[0][1] if ranked else None


def ground_sentence(ground: CommonGround) -> str:
    """The opening sentence of a request that names ``ground``, in the user's voice.

    It says only what the match shows (the phrase is in their background, their company is
    in that place): the draft's checks ask the user to confirm the rest before sending.
    """
    value, kind = ground.value, ground.kind
    if kind == "connection":  # all that is known: the two of them are connected there
        return f"We are connected on {value}, so I hope a message from me is welcome."
    scope = _SCOPES.get(ground.where, "company")
    if scope == "company":
        return {
            "school": f"I studied at {value}, which your company's pages mention.",
            "employer": f"I have worked at {value}, which your company's pages mention.",
            "place": f"I know {value} well, and your company's pages mention it.",
        }.get(kind, f"Your company's work on {value} caught my eye: it is an interest I share.")
    if scope == "org" and kind == "school":
        return f"I studied at {value}, where you work now."
    if scope == "org" and kind == "employer":
        return f"Like you, I have worked at {value}."
    if scope == "location" and kind == "place":
        whose = "your company is" if ground.where == "company location" else "you are"
        return f"I see {whose} based in {value}, a place I know well."
    return {
        "school": f"I see {value} in your background; I studied there too.",
        "employer": f"I see {value} in your background; I have worked there too.",
        "place": f"I see {value} in your background, a place I know well.",
    }.get(kind, f"I see {value} in your background, an interest I share.")
