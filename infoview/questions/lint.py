"""A linter for one interview question: warns about what spoils an informational interview.

Codes (each :class:`~infoview.questions.models.LintWarning` has one):

- ``placeholder``: ``{role}``, ``[company]`` or ``<name>`` left unfilled;
- ``closed``: answerable with yes or no (opens with is / are / do / can / would ...), unless
  it offers a choice ("... or ...?") or is a polite request ("could you describe ...");
- ``salary``: asks about salary, pay, bonuses or benefits money;
- ``research_answerable``: asks what the company's own pages say (what it does, products,
  size, history, locations, leadership); given research, says what research found;
- ``job_ask``: asks for a job, an interview or a referral instead of information;
- ``double``: asks two things at once;
- ``too_long``: runs past :data:`MAX_WORDS` words.

The rules are plain regular expressions, measured against a labelled list of questions in
``tests/data/lint_labels.csv`` (precision and recall per code in the tests).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Any

from infoview.questions.models import RESEARCH_TOPICS, LintWarning
from infoview.questions.topics import topics_covered

#: A question longer than this many words is hard to follow when spoken.
MAX_WORDS = 30

_I = re.IGNORECASE

_CLOSED_OPENERS = (
    "is", "are", "am", "was", "were", "do", "does", "did", "can", "could", "will", "would",
    "should", "have", "has", "had", "isn't", "aren't", "wasn't", "weren't", "don't",
    "doesn't", "didn't", "can't", "couldn't", "won't", "wouldn't", "shouldn't", "haven't",
    "hasn't",
)
_WH = r"(?:what|how|why|which|who|whom|whose|where|when)"
_AUX = (r"(?:is|are|am|was|were|do|does|did|can|could|will|would|should|have|has|had|may|"
        r"might|must)")
_POLITE_REQUEST = re.compile(
    r"^(?:could|can|would|will)\s+you\s+(?:please\s+)?(?:describe|tell|walk|talk|explain|share|"
    r"give\s+(?:me\s+)?(?:an?\s+)?(?:example|overview|sense|idea|picture)|outline|say\s+more|"
    r"expand|elaborate|take\s+me\s+through|help\s+me\s+understand|paint|sketch|summari[sz]e)\b"
    r"|^would\s+you\s+mind\s+\w+ing\b",
    _I,
)
_EITHER_OR = re.compile(r"\bor\b(?!\s+(?:not|no|anything|something|so|any)\b)", _I)

_PLACEHOLDER = re.compile(r"\{[^{}]*\}|\[[^\[\]]{1,40}\]|<[^<>]{1,40}>")

_SALARY = re.compile(
    r"\b(?:salary|salaries|wages?|paycheck|pay\s*(?:scale|rise|gap|band|grade|cut)s?|"
    r"compensation|bonus(?:es)?|income|stock\s+options?|equity\s+grants?|rsus?|pensions?|"
    r"401\s*\(?k\)?|benefits\s+package|(?:health|employee|fringe)\s+benefits|"
    r"(?:get|ask\s+for|give)\s+(?:a\s+)?raise|hourly\s+rate|day\s+rate|"
    r"how\s+much\s+money|earn\s+a\s+living|well[-\s]paid|highly\s+paid|underpaid|overpaid|"
    r"pays?\s+(?:well|badly|poorly))\b"
    r"|\b(?:pay|paid)\b(?!\s+(?:attention|off|back|for|it\s+forward|a\s+visit|tribute))"
    r"|\bhow\s+much\s+(?:\w+\s+){1,4}(?:earn|make|charge|bill)\b"
    r"|\bwhat\s+(?:\w+\s+){0,3}(?:earn|make)\s+(?:a|per|each|in\s+a)\s+(?:year|month|hour|week)"
    r"|\bwhat\s+(?:do|does|did|would|will|could|can|might)\s+(?:\w+\s+){1,3}earn\b"
    r"|\bbenefits\b(?!\s+(?:of|to|in|from|for|most)\b)(?<!\bwho\sbenefits)",
    _I,
)

_COMPANY = r"(?:company|organi[sz]ation|firm|business|employer|agency|start-?up|practice|studio)"
_OWNER = r"(?:your|the|this|that|their|its)"
_RESEARCH_PATTERNS: dict[str, tuple[str, ...]] = {
    "what_company_does": (
        rf"\bwhat\s+(?:exactly\s+)?(?:does|do)\s+{_OWNER}\s+{_COMPANY}\s+do\b",
        rf"\bwhat\s+(?:is|'s)\s+{_OWNER}\s+{_COMPANY}(?:'s)?\s+(?:mission|purpose|main\s+business)",
        rf"\bwhat\s+(?:kind|sort|type)\s+of\s+{_COMPANY}\s+is\b",
        rf"\bwhat\s+(?:industry|sector|market)\s+(?:is|does)\s+{_OWNER}\s+{_COMPANY}",
        r"\bwho\s+are\s+(?:your|the|its)\s+(?:company's\s+)?(?:customers|clients)\b",
        rf"\bwhat\s+(?:does|do)\s+{_COMPANY}\s+do\b",
    ),
    "products": (
        r"\b(?:what|which)\s+(?:products?|services?|solutions?)\s+(?:\w+\s+){0,4}"
        r"(?:sell|offer|make|provide|build|produce|have)\b",
        rf"\bwhat\s+(?:does|do)\s+{_OWNER}\s+{_COMPANY}\s+(?:sell|make|offer|produce|build|provide)\b",
    ),
    "size": (
        r"\bhow\s+many\s+(?:people|employees|staff|workers)\s+(?:does|do|are|work)\b",
        rf"\bhow\s+(?:big|large|small)\s+is\s+{_OWNER}\s+{_COMPANY}\b",
        rf"\bwhat\s+(?:is|'s)\s+{_OWNER}\s+{_COMPANY}'s\s+(?:revenue|turnover|size|headcount)",
    ),
    "history": (
        rf"\bwhen\s+(?:was|did)\s+{_OWNER}\s+{_COMPANY}\s+(?:get\s+)?(?:founded|start|started|"
        r"established|begin|created|set\s+up)\b",
        rf"\bhow\s+old\s+is\s+{_OWNER}\s+{_COMPANY}\b",
        rf"\bhistory\s+of\s+{_OWNER}\s+{_COMPANY}\b",
    ),
    "locations": (
        rf"\bwhere\s+(?:is|are)\s+{_OWNER}\s+(?:{_COMPANY}|headquarters|head\s+office|offices?)"
        r"(?:'s\s+\w+)?(?:\s+(?:based|located|headquartered))?\b",
        r"\bhow\s+many\s+(?:offices|locations|branches|sites)\b",
        r"\bin\s+which\s+(?:countries|cities)\s+(?:does|do|is|are)\b",
        r"\bwhere\s+(?:is|are)\s+\w+(?:\s+\w+){0,3}\s+(?:headquartered|based)\b(?<!you\sbased)",
    ),
    "leadership": (
        r"\bwho\s+(?:is|are)\s+(?:the|your)\s+(?:company's\s+)?(?:ceo|founders?|leaders?|"
        r"leadership|managing\s+director|president|board|owners?)\b",
        rf"\bwho\s+(?:runs|leads|owns|manages|heads)\s+{_OWNER}\s+{_COMPANY}\b",
        rf"\bwho\s+(?:founded|started|created|set\s+up)\s+{_OWNER}\s+{_COMPANY}\b",
    ),
}

_JOB_ASK = re.compile(
    r"\b(?:are|is)\s+(?:you|they|there|(?:your|the|this)\s+(?:company|team|firm|"
    r"organi[sz]ation|department))\s+(?:(?:currently|still|now|actively|looking\s+to|"
    r"planning\s+to|going\s+to|about\s+to)\s+)?(?:hiring|recruiting|"
    r"fill(?:ing)?\s+(?:any\s+|a\s+|the\s+)?(?:roles?|positions?|vacanc\w+|openings?))\b"
    r"|\b(?:consider|keep)\s+me\s+(?:in\s+mind\s+)?for\b"
    r"|\b(?:have|has|are\s+there|is\s+there)\s+(?:any\s+|an?\s+)?(?:open\s+|current\s+)?"
    r"(?:job\s+)?(?:openings?|vacanc(?:y|ies)|positions?|jobs?|internships?)\b"
    r"(?!\s+(?:like|similar|such))"
    r"|\b(?:give|offer|get|find)\s+me\s+(?:a\s+|an\s+)?(?:job|position|role|internship|"
    r"interview|placement)\b"
    r"|\bhire\s+me\b|\brefer\s+me\b|\brecommend\s+me\s+(?:for|to)\b"
    r"|\b(?:give|write|get|offer|provide)\s+me\s+(?:a|an|your)\s+(?:referral|reference)\b"
    r"|\breferral\s+for\s+me\b"
    r"|\bput\s+(?:in\s+)?a\s+(?:good\s+)?word\s+(?:in\s+)?for\s+me\b"
    r"|\b(?:pass|forward|send|hand|give|show)\s+(?:you\s+|him\s+|her\s+|them\s+)?"
    r"(?:on\s+|along\s+)?my\s+(?:cv|resume|résumé|"
    r"application)\b"
    r"|\bmy\s+(?:cv|resume|résumé|application)\s+(?:on\s+|along\s+)?to\b"
    r"|\b(?:can|could|may|should)\s+i\s+apply\b"
    r"|\bwork\s+for\s+you\b|\b(?:job|role|position|opening)\s+for\s+me\b"
    r"|\b(?:introduce|connect)\s+me\s+(?:to|with)\s+(?:the|your|a)\s+(?:hiring|recruit\w*)",
    _I,
)

_DOUBLE = re.compile(
    rf"[,;]\s*(?:and|but)\s+{_WH}\b"
    rf"|(?:[,;]\s*|\s+)(?:and|but|or|also|plus)\s+(?:also\s+)?"
    rf"(?:{_WH}(?:\s+(?!(?:you|i|we|they|he|she|it|people)\b)\w+){{0,3}}\s+{_AUX}\b"
    rf"|{_AUX}\s+(?:you|they|it|i|we|there|people)\b"
    r"|(?:tell|describe|explain|walk|share)\b)",
    _I,
)

_TOPIC_WORDS = {
    "what_company_does": "what the company does",
    "products": "its products and services",
    "size": "its size",
    "history": "its history",
    "locations": "where it is based",
    "leadership": "who leads it",
}

_CLOSED_REWRITES: tuple[tuple[re.Pattern, Any], ...] = (
    (re.compile(r"^(do|did) you (like|enjoy|love) (.+?)[?.!\s]*$", _I),
     lambda m: f"What {m[1].lower()} you {m[2].lower()} most about {m[3]}?"),
    (re.compile(r"^(do|does|did) (you|they|people|your \w+) have (?:any |a |an |some )?(\w+)"
                r"(.*?)[?.!\s]*$", _I),
     lambda m: f"What {m[3]} {m[1].lower()} {m[2]} have{m[4]}?"),
    (re.compile(r"^(?:can|could|would) you recommend (?:any |a |an |some )?(.+?)[?.!\s]*$", _I),
     lambda m: f"Which {m[1]} would you recommend?"),
    (re.compile(r"^is it (hard|difficult|easy|tough|challenging) (to|for) (.+?)[?.!\s]*$", _I),
     lambda m: f"What makes it {m[1].lower()} {m[2].lower()} {m[3]}?"),
    (re.compile(r"^is it (common|usual|normal|typical|rare) (to|for) (.+?)[?.!\s]*$", _I),
     lambda m: f"How {m[1].lower()} is it {m[2].lower()} {m[3]}?"),
    (re.compile(r"^(is|are) (.+?) (growing|changing|shrinking|declining)\b(.*?)[?.!\s]*$", _I),
     lambda m: f"How {m[1].lower()} {m[2]} changing{m[4]}?"),
    (re.compile(r"^do you think (?:that )?(.+?)[?.!\s]*$", _I),
     lambda m: f"To what extent do you think {m[1]}?"),
    (re.compile(r"^did you always want to (be|become|work) (.+?)[?.!\s]*$", _I),
     lambda m: f"How did you come to {m[1].lower()} {m[2]}?"),
)


def lint_question(text: str, research=None) -> list[LintWarning]:
    """Check one question; an empty list means it is fine to ask.

    Args:
        text: the question, filled in or still holding placeholders.
        research: optional :class:`~infoview.research.models.CompanyProfile` (or its dict):
            a research-answerable question then names what research already found, and
            questions naming the company by its researched name are recognised.

    Returns:
        One warning per problem, each with its code, the reason and, where one is obvious,
        a suggested rewording. A suggestion is never itself flagged: a rewording that would
        be (the open form of "Do you like it and what do you earn?" still asks about pay)
        is replaced by a clean one, or dropped.
    """
    return [_with_clean_suggestion(w, research) for w in _lint(text, research)]


#: The warnings a user may overrule (add the question anyway): the question keeps them,
#: marked wherever it is shown (the picker, the meeting companion, the brief's exports).
FLAG_CODES = ("closed", "salary", "job_ask", "double")

#: How a flagged question is marked for a reader, per code.
FLAG_LABELS = {"closed": "yes/no question", "salary": "asks about pay",
               "job_ask": "asks for a job", "double": "two questions in one"}


def question_flags(text: str, research=None) -> list[str]:
    """The :data:`FLAG_CODES` that :func:`lint_question` finds in ``text``, in that order.

    The brief, its exports and the panels call this on every planned question, so a
    question the user insisted on keeps its warning wherever it appears.
    """
    found = {w.code for w in _lint(text, research)}
    return [code for code in FLAG_CODES if code in found]


def flag_note(text: str, research=None) -> str:
    """``"⚠ yes/no question, asks about pay"`` for a flagged question, ``""`` otherwise."""
    flags = question_flags(text, research)
    return ("⚠ " + ", ".join(FLAG_LABELS[c] for c in flags)) if flags else ""


def _lint(text: str, research) -> list[LintWarning]:
    text = " ".join(str(text).split())
    warnings: list[LintWarning] = []
    if not text:
        return warnings
    for check in (_check_placeholder, _check_closed, _check_salary, _check_research,
                  _check_job_ask, _check_double, _check_too_long):
        found = check(text, research)
        if found is not None:
            warnings.append(found)
    return warnings


def _with_clean_suggestion(warning: LintWarning, research) -> LintWarning:
    if warning.suggestion is None:
        return warning
    return dataclasses.replace(warning, suggestion=_clean(warning.suggestion, research, 3))


def _clean(text: str, research, depth: int) -> str | None:
    """``text`` when the linter finds nothing in it, else the first clean rewording of it
    that its own warnings suggest (a few steps deep), else ``None``."""
    found = _lint(text, research)
    if not found:
        return text
    if depth > 0:
        for warning in found:
            if warning.suggestion and warning.suggestion != text:
                clean = _clean(warning.suggestion, research, depth - 1)
                if clean:
                    return clean
    return None


def _check_placeholder(text: str, research) -> LintWarning | None:
    left = _PLACEHOLDER.findall(text)
    if not left:
        return None
    return LintWarning(
        "placeholder",
        f"Still holds {', '.join(dict.fromkeys(left))}: fill it in before asking "
        "(a plan fills placeholders from the role, industry and company you give).",
    )


def _opening_clauses(text: str) -> list[str]:
    """The text, and what follows a short lead-in such as "Looking back, ..."."""
    clauses = [text]
    head, sep, rest = text.partition(", ")
    if sep and len(head.split()) <= 8 and rest:
        clauses.append(rest)
    return clauses


def _check_closed(text: str, research) -> LintWarning | None:
    for clause in _opening_clauses(text):
        first = clause.split()[0].lower().strip("“\"'")
        if first not in _CLOSED_OPENERS:
            continue
        if _POLITE_REQUEST.search(clause) or _EITHER_OR.search(clause):
            return None
        return LintWarning(
            "closed",
            f"Can be answered with yes or no (it opens with '{clause.split()[0]}'). Open with "
            "what, how, which or why so that the answer tells a story.",
            _rewrite_closed(clause),
        )
    return None


def _rewrite_closed(clause: str) -> str | None:
    for pattern, build in _CLOSED_REWRITES:
        match = pattern.match(clause)
        if match:
            return build(match)
    return None


def _check_salary(text: str, research) -> LintWarning | None:
    if not _SALARY.search(text):
        return None
    return LintWarning(
        "salary",
        "Asks about money (salary, pay, bonuses or benefits), which is out of place in an "
        "informational interview; published salary surveys and job ads answer it instead.",
        "How does career progression usually work in this field?",
    )


def _check_research(text: str, research) -> LintWarning | None:
    topic, named = _research_topic(text, research)
    if topic is None:
        return None
    covered = topics_covered(research)
    company = _company_name(research) or named or "your company"
    if topic in covered:
        message = (f"Research already found {_TOPIC_WORDS[topic]}: {covered[topic]}. "
                   "Ask what the pages cannot tell you.")
    else:
        message = (f"Asks {_TOPIC_WORDS[topic]}, which the company's own website usually "
                   "answers; read it first and ask what the pages cannot tell you.")
    suggestion = _topic_rewrites().get(topic)
    if suggestion:
        from infoview.questions.bank import fill_placeholders

        suggestion = fill_placeholders(suggestion, {"company": company})
    return LintWarning("research_answerable", message, suggestion)


def _research_topic(text: str, research) -> tuple[str | None, str | None]:
    """The research topic ``text`` asks about, and the company it names, if any."""
    for topic, patterns in _RESEARCH_PATTERNS.items():
        if any(re.search(p, text, _I) for p in patterns):
            return topic, None
    name = _company_name(research)
    if name:
        n = re.escape(name)
        if re.search(rf"\bwhat\s+(?:exactly\s+)?(?:does|do|is)\s+{n}(?:\s+do|\s*\?|$)", text, _I):
            return "what_company_does", name
    # A capitalised name asked about as a whole ("What does Kestrel Health Labs do?").
    match = re.search(r"\b[Ww]hat\s+(?:exactly\s+)?does\s+((?:[A-Z][\w&.-]*\s+){1,4})do\s*\??$", text)
    if match:
        return "what_company_does", match[1].strip()
    return None, None


def _company_name(research) -> str | None:
    if research is None:
        return None
    name = research.get("name") if isinstance(research, dict) else research.name
    return name or None


@functools.lru_cache(maxsize=1)
def _topic_rewrites() -> dict[str, str]:
    """Per research topic, a shipped bank question that asks about it the useful way."""
    from infoview.questions.bank import _read_file, shipped_bank_path

    rewrites: dict[str, str] = {}
    for question in _read_file(shipped_bank_path(), partial=False):
        for topic in question.answered_by_research:
            rewrites.setdefault(topic, question.text)
    return {t: rewrites[t] for t in RESEARCH_TOPICS if t in rewrites}


def _check_job_ask(text: str, research) -> LintWarning | None:
    if not _JOB_ASK.search(text):
        return None
    return LintWarning(
        "job_ask",
        "Asks for a job, an interview or a referral; an informational interview asks for "
        "information and advice, and leads come from the closing questions.",
        "What would make someone a strong candidate for work like yours?",
    )


def _check_double(text: str, research) -> LintWarning | None:
    # The suggestion is the first question alone (one question, as the rule asks); the
    # message names the second, to ask next or to add as a question of its own.
    parts = [p.strip() for p in text.split("?") if p.strip()]
    if len(parts) >= 2:
        first, second = parts[0] + "?", parts[1] + "?"
        return LintWarning("double", "Holds more than one question; ask them one at a time: "
                           f"first '{first}', then '{second}'.", first)
    match = _DOUBLE.search(text)
    if not match:
        return None
    first = text[: match.start()].rstrip(" ,;") + "?"
    second = re.sub(r"^(?:and|but|or|also|plus)\s+(?:also\s+)?", "", text[match.start():].strip(" ,;"),
                    flags=_I)
    second = second[:1].upper() + second[1:].rstrip("?. ") + "?"
    return LintWarning("double", "Asks two things at once; the answer will cover only one. "
                       f"Ask them one at a time: first '{first}', then '{second}'.", first)


def _check_too_long(text: str, research) -> LintWarning | None:
    words = len(text.split())
    if words <= MAX_WORDS:
        return None
    return LintWarning(
        "too_long",
        f"Runs to {words} words; keep a spoken question under about {MAX_WORDS} so that the "
        "other person can hold it in mind.",
    )
