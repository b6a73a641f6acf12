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

#: Pay as people say it, one general rule a line: money words of the trade (comp, OTE,
#: total comp, take-home, base pay, packages), money that someone "makes", "takes home" or
#: "brings in" (as the end of the question or with a time unit, so "what do designers make
#: of AI?" and "what do you take home from a conference?" stay open), "how much do/does X
#: get/make ..." ending the question, and money talked about as good or bad.
_PER_TIME = r"(?:a|an|per|each|every|in\s+a)\s+(?:year|month|hour|week|day|shift|project)"
_SALARY_TALK = re.compile(
    r"\b(?:(?:total\s+)?comp(?:ensation)?\s+(?:band|bands|range|ranges|level|levels|package|"
    r"structure|like|look\s+like|for|at|in)|comp\s*$|comp\?|total\s+comp|"
    r"on[-\s]target\s+earnings?|take[-\s]home\s+pay|base\s+(?:pay|salary)|remuneration|perks|"
    r"money[-\s]wise|financially|starting\s+(?:salary|rate|pay|offer)|signing\s+bonus|"
    r"(?:the|a|your|typical|starting|usual|entry[-\s]level|graduate)\s+package|"
    r"(?:good|decent|great|big|more|less|much|enough|real|serious)\s+money|"
    r"(?:how(?:'s|\s+is|\s+was)|what(?:'s|\s+is)|is)\s+the\s+money|the\s+money\s+(?:like|good|ok|okay|"
    r"any\s+good|decent|worth\s+it))\b"
    r"|(?-i:\b(?:OTE|TC)\b)"
    r"|\b(?:make|earn|take\s+home|bring\s+in|pull\s+in|pocket|clear|charge|bill)\s+"
    rf"(?:(?:roughly|about|around|on\s+average)\s+)?{_PER_TIME}\b"
    r"|\b(?:what|how\s+much)\s+(?:do|does|did|would|will|could|can|might|should)\s+"
    r"(?:\w+\s+){1,4}(?:make|take\s+home|bring\s+in|pull\s+in|pocket|charge|bill|get)"
    r"(?:\s+(?:here|there|now|today|starting\s+out|at\s+first|on\s+average|at\s+(?:\w+\s+)?level))?"
    r"\s*[?.!]*\s*$",
    _I,
)

_COMPANY = r"(?:company|organi[sz]ation|firm|business|employer|agency|start-?up|practice|studio)"
_OWNER = r"(?:your|the|this|that|their|its)"
#: A company named by its own name: capitalised words ("Kestrel Health Labs", "Acme & Co").
#: Case matters here, so the group switches case-insensitivity off.
_NAMED = r"(?-i:[A-Z][\w&'.-]*(?:\s+(?:[A-Z][\w&'.-]*|&|of|and)){0,4})"

#: Per research topic, the ways a question asks for that fact. ``{C}`` is the company, named
#: as "your company" or by a name (the one research found, or any capitalised name).
_RESEARCH_TEMPLATES: dict[str, tuple[str, ...]] = {
    "what_company_does": (
        rf"\bwhat\s+(?:exactly\s+)?(?:does|do)\s+{_OWNER}\s+{_COMPANY}\s+do\b",
        rf"\bwhat\s+(?:is|'s)\s+{_OWNER}\s+{_COMPANY}(?:'s)?\s+(?:mission|purpose|main\s+business)",
        rf"\bwhat\s+(?:kind|sort|type)\s+of\s+{_COMPANY}\s+is\b",
        rf"\bwhat\s+(?:industry|sector|market)\s+(?:is|does)\s+{_OWNER}\s+{_COMPANY}",
        r"\bwho\s+are\s+(?:your|the|its)\s+(?:company's\s+)?(?:customers|clients)\b",
        rf"\bwhat\s+(?:does|do)\s+{_COMPANY}\s+do\b",
        r"\bwhat\s+(?:exactly\s+)?does\s+{C}\s+do\s*(?:\?|$)",
        r"\bwhat\s+(?:exactly\s+)?is\s+{CS}\s*(?:\?|$)",
    ),
    "products": (
        r"\b(?:what|which)\s+(?:products?|services?|solutions?)\s+(?:\w+\s+){0,4}"
        r"(?:sell|offer|make|provide|build|produce|have)\b",
        r"\bwhat\s+(?:does|do)\s+{C}\s+(?:sell|make|offer|produce|build|provide)\b",
    ),
    "size": (
        r"\bhow\s+many\s+(?:people|employees|staff|workers)\s+(?:does|do|are|work)\b",
        r"\bhow\s+(?:big|large|small)\s+is\s+{CS}\b",
        rf"\bwhat\s+(?:is|'s)\s+{_OWNER}\s+{_COMPANY}'s\s+(?:revenue|turnover|size|headcount)",
    ),
    "founded": (
        r"\bwhen\s+(?:was|did)\s+{C}\s+(?:first\s+)?(?:get\s+)?(?:founded|established|set\s+up|"
        r"incorporated)\b",
        r"\bwhen\s+(?:was|did)\s+{CS}\s+(?:first\s+)?(?:get\s+)?(?:start|started|begin|created|"
        r"launched)\b",
        r"\b(?:what|which)\s+year\s+(?:was|did)\s+{C}\s+(?:get\s+)?(?:founded|established|"
        r"set\s+up|incorporated)\b",
        r"\b(?:what|which)\s+year\s+(?:was|did)\s+{CS}\s+(?:get\s+)?(?:start|started|launched)\b",
        r"\bhow\s+old\s+is\s+{C}\b",
        r"\bhow\s+long\s+has\s+{C}\s+(?:been\s+around|existed|been\s+in\s+business)\b",
    ),
    "history": (
        r"\b(?:history|story|origins?)\s+of\s+{CS}(?!\s+(?:in|on|at)\b)",
        r"\bhow\s+did\s+{C}\s+(?:get\s+started|begin|come\s+about|start\s+out|come\s+to\s+be)\b",
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
        r"\bwho\s+(?:runs|leads|owns|manages|heads)\s+{CS}\b",
        r"\bwho\s+(?:founded|started|created|set\s+up)\s+{C}\b",
    ),
}


@functools.lru_cache(maxsize=32)
def _research_patterns(name: str | None) -> dict[str, tuple[re.Pattern, ...]]:
    """The compiled patterns of :data:`_RESEARCH_TEMPLATES` for a researched company name."""
    strict = [rf"{_OWNER}\s+{_COMPANY}"]
    if name:
        strict.insert(0, re.escape(name))
        first = name.split()[0]
        if len(first) >= 4 and first != name:  # "Kestrel" for "Kestrel Health Labs"
            strict.insert(1, re.escape(first))
    # {CS} (strict): "your company" or the researched name, for wordings that also fit other
    # things ("When did Covid start ...?"); {C} also takes any capitalised name.
    forms = {"{C}": "(?P<co>" + "|".join(strict + [_NAMED]) + ")",
             "{CS}": "(?P<co>" + "|".join(strict) + ")"}
    compiled: dict[str, tuple[re.Pattern, ...]] = {}
    for topic, templates in _RESEARCH_TEMPLATES.items():
        patterns = []
        for template in templates:
            for key, form in forms.items():
                template = template.replace(key, form)
            patterns.append(re.compile(template, _I))
        compiled[topic] = tuple(patterns)
    return compiled

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

#: Job asks as people say them: an opening asked about with "any" ("Any openings on your
#: team?", "Got any roles going?"), openings placed on the person's team or company or in
#: the present, hiring asked of "you" without an auxiliary ("You guys hiring?"), and asks
#: to be passed on, put forward or given a chance at an interview. Asking how people find
#: openings in a field stays open: nothing there is asked of this person.
_OPENING = (r"(?:(?:job\s+|open\s+|current\s+|new\s+)?(?:openings?|vacanc(?:y|ies)|open\s+(?:roles?|"
            r"positions?|jobs?|reqs?|headcount))|(?:roles?|positions?|jobs?|spots?|places?|"
            r"internships?)\s+(?:going|open|available|coming\s+up))")
_JOB_TALK = re.compile(
    r"^(?:so\s+|and\s+|but\s+)?(?:any|got\s+any|anything|have\s+you\s+got\s+any)\s+"
    r"(?:job\s+|open\s+|current\s+|new\s+|paid\s+)?(?:openings?|vacanc\w+|roles?|positions?|"
    r"jobs?|internships?|spots?|places|opportunities|open|going|available)\b"
    rf"|\b{_OPENING}\s+(?:on|in|at|with|for)\s+(?:your|the|this|their|our)\s+(?:team|company|"
    r"department|group|firm|organi[sz]ation|office|unit|practice|studio)\b"
    rf"|\b{_OPENING}\s+(?:right\s+now|currently|at\s+the\s+moment|here|there|at\s+(?-i:[A-Z])\w+)"
    rf"|\b{_OPENING}\s+(?:do|does|are|is|will|could)\s+(?:you|your|there)\b"
    r"|\b(?:you(?:\s+guys|\s+all|\s+folks)?|your\s+(?:team|company|firm|group|department|"
    r"boss|manager))\s+(?:(?:currently|still|now|actively)\s+)?(?:hiring|recruiting)\b"
    r"(?!\s+(?:process|practices?|criteria))"
    r"|^(?:so\s+)?(?:hiring|recruiting)\b"
    r"|\b(?:pass|forward|send|give|hand)\s+(?:on\s+|along\s+)?my\s+(?:name|details|"
    r"contact\s+details|profile|portfolio|number)\s+(?:on\s+|along\s+)?to\b"
    r"|\bput\s+(?:me|my\s+name)\s+forward\b"
    r"|\b(?:chance|shot)\s+(?:of|at)\s+(?:an?\s+|the\s+)?(?:interview|job|role|position|"
    r"internship|offer|opening)\b"
    r"|\b(?:room|space|a\s+place|a\s+spot)\s+(?:on\s+your\s+team\s+)?for\s+"
    r"(?:someone\s+like\s+)?me\b",
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
    "founded": "when it was founded",
    "history": "its history",
    "locations": "where it is based",
    "leadership": "who leads it",
}

_CLOSED_REWRITES: tuple[tuple[re.Pattern, Any], ...] = (
    # With an auxiliary or said as a statement ("You like it here?").
    (re.compile(r"^(?:so,?\s+)?(?:(do|did) )?you (like|enjoy|love) (.+?)[?.!\s]*$", _I),
     lambda m: f"What {(m[1] or 'do').lower()} you {m[2].lower()} most about {_it_here(m[3])}?"),
    (re.compile(r"^(do|does|did) (you|they|people|your \w+) have (?:any |a |an |some )?(\w+)"
                r"(.*?)[?.!\s]*$", _I),
     lambda m: f"What {m[3]} {m[1].lower()} {m[2]} have{m[4]}?"),
    (re.compile(r"^(?:can|could|would) you recommend (?:any |a |an |some )?(.+?)[?.!\s]*$", _I),
     lambda m: f"Which {m[1]} would you recommend?"),
    (re.compile(r"^(?:is it|(?:so,?\s+)?it(?:'s| is)) (hard|difficult|easy|tough|challenging) "
                r"(to|for) (.+?)[?.!\s]*$", _I),
     lambda m: f"What makes it {m[1].lower()} {m[2].lower()} {m[3]}?"),
    (re.compile(r"^is it (common|usual|normal|typical|rare) (to|for) (.+?)[?.!\s]*$", _I),
     lambda m: f"How {m[1].lower()} is it {m[2].lower()} {m[3]}?"),
    (re.compile(r"^(is|are) (.+?) (growing|changing|shrinking|declining)\b(.*?)[?.!\s]*$", _I),
     lambda m: f"How {m[1].lower()} {m[2]} changing{m[4]}?"),
    (re.compile(r"^do you think (?:that )?(.+?)[?.!\s]*$", _I),
     lambda m: f"To what extent do you think {m[1]}?"),
    (re.compile(r"^(?:did you always want|(?:so,?\s+)?you (?:always )?wanted) to (be|become|work) "
                r"(.+?)[?.!\s]*$", _I),
     lambda m: f"How did you come to {m[1].lower()} {m[2]}?"),
    # Cut down to "any".
    (re.compile(r"^any (advice|tips|suggestions|pointers|thoughts) (for|on|about) (.+?)[?.!\s]*$", _I),
     lambda m: f"What {m[1].lower()} would you give {'' if m[2].lower() == 'for' else m[2].lower() + ' '}"
               f"{m[3]}?"),
    (re.compile(r"^any (books|courses|podcasts|blogs|newsletters|events|groups|people|tools|"
                r"resources) (?:that )?you(?:'d| would) recommend(.*?)[?.!\s]*$", _I),
     lambda m: f"Which {m[1].lower()} would you recommend{m[2]}?"),
    (re.compile(r"^anything you(?:'d| would) (.+?)[?.!\s]*$", _I),
     lambda m: f"What would you {m[1]}?"),
    (re.compile(r"^anything you (wish|regret|miss) (.+?)[?.!\s]*$", _I),
     lambda m: f"What do you {m[1].lower()} {m[2]}?"),
)


def _it_here(thing: str) -> str:
    """"it here" reads "working here" once the question asks what is liked about it."""
    return re.sub(r"^it (here|there)$", r"working \1", thing.strip(), flags=_I)


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


#: How each flag reads as what the question does, after "this question ..." (the labels
#: above are nouns and read wrongly there: "this question yes/no question").
FLAG_PHRASES = {"closed": "can be answered with yes or no", "salary": "asks about pay",
                "job_ask": "asks for a job", "double": "asks two things at once"}


def flag_sentence(flags: list[str]) -> str:
    """The flags as one phrase: ``"can be answered with yes or no and asks about pay"``."""
    phrases = [FLAG_PHRASES[f] for f in flags]
    if len(phrases) <= 1:
        return "".join(phrases)
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]


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


@functools.lru_cache(maxsize=8192)
def lint_codes(text: str, company: str | None = None) -> frozenset[str]:
    """The codes :func:`lint_question` finds in ``text`` (for plans, which lint every question
    they take). Only the company's name matters here (research changes the messages, not the
    codes), so the answer is kept for the next plan."""
    named = {"name": company, "url": "about:blank"} if company else None
    return frozenset(w.code for w in _lint(text, named))


def research_evidence(text: str, research) -> str | None:
    """What research found that answers ``text``: ``"'founded 2014' (https://...)"``, or
    ``None`` when the question asks nothing research holds."""
    topic, named = _research_topic(" ".join(str(text).split()), research)
    if topic is None or not _same_company(named, _company_name(research)):
        return None
    return topics_covered(research).get(topic)


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
    return _check_said_as_statement(text)


#: Subjects a statement opens with: pronouns, and a noun phrase ("your team", "the work")
#: that a verb follows within a few words ("Your team uses Figma?").
_SUBJECT_PRONOUN = (r"(?:you|you're|you've|you'd|you'll|it|it's|that|that's|this|there|there's|"
                    r"they|they're|we|we're|he|she|he's|she's|people|everyone|everybody|"
                    r"someone|somebody|most\s+people|things)")
_FINITE = (r"(?:is|are|was|were|has|have|had|does|do|did|will|would|can|could|should|gets?|got|"
           r"seems?|feels?|looks?|tends?|stays?|works?|pays?|likes?|enjoys?|wants?|needs?|goes|"
           r"went|comes?|came|includes?|involves?|means?|makes?|takes?|uses?|keeps?|travels?|"
           r"spends?|lets?|allows?|offers?|requires?|hires?|expects?)")
_STATEMENT = re.compile(
    r"^(?:so|and|but|ok|okay|right)?[,\s]*"
    rf"(?:{_SUBJECT_PRONOUN}\b|(?:the|your|my|our|their|his|her|this|that|most|many|all)\s+"
    rf"(?:[\w-]+\s+){{0,3}}?{_FINITE}\b)",
    _I)
#: A question cut down to "any ...": "Any advice for a newcomer?", "Anything you would change?".
_ANY_QUESTION = re.compile(r"^(?:so\s+|and\s+)?(?:any|anything|anyone|anybody|anywhere)\b", _I)
_QUESTION_WORD = re.compile(rf"\b{_WH}\b", _I)


def _check_said_as_statement(text: str) -> LintWarning | None:
    """A yes/no question with no auxiliary in front: a statement with a question mark
    ("You like it here?") or a question cut down to "any" ("Any advice?"). A question word
    anywhere ("You mentioned burnout: what helped?") or a choice ("... or ...?") keeps it
    open; so do imperatives ("Tell me about ...?"), which start with no subject."""
    text = text.strip()
    if not text.endswith("?") or _QUESTION_WORD.search(text) or _EITHER_OR.search(text):
        return None
    if _ANY_QUESTION.match(text):
        how = "it asks only whether there is any"
    elif _STATEMENT.match(text):
        how = "it is a statement with a question mark, with no question word"
    else:
        return None
    return LintWarning(
        "closed",
        f"Can be answered with yes or no ({how}). Open with what, how, which or why so that "
        "the answer tells a story.",
        _rewrite_closed(text),
    )


def _rewrite_closed(clause: str) -> str | None:
    for pattern, build in _CLOSED_REWRITES:
        match = pattern.match(clause)
        if match:
            return build(match)
    return None


def _check_salary(text: str, research) -> LintWarning | None:
    if not (_SALARY.search(text) or _SALARY_TALK.search(text)):
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
    researched = _company_name(research)
    # Research about one company answers nothing about another one the question names.
    covered = topics_covered(research) if _same_company(named, researched) else {}
    company = (researched if covered else named) or researched or "your company"
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
    name = _company_name(research)
    for topic, patterns in _research_patterns(name).items():
        for pattern in patterns:
            match = pattern.search(text)
            if match:
                named = match.groupdict().get("co")
                if named and re.match(rf"{_OWNER}\s", named, _I):
                    named = None  # "your company": no name
                return topic, named
    return None, None


def _same_company(named: str | None, researched: str | None) -> bool:
    """Whether a question that names ``named`` asks about the researched company."""
    if not named or not researched:
        return True
    named, researched = named.lower(), researched.lower()
    return named in researched or researched in named


def _company_name(research) -> str | None:
    if research is None:
        return None
    name = research.get("name") if isinstance(research, dict) else research.name
    return name or None


@functools.lru_cache(maxsize=1)
def _topic_rewrites() -> dict[str, str]:
    """Per research topic, a shipped bank question that asks about it the useful way."""
    from infoview.questions.bank import shipped_questions

    rewrites: dict[str, str] = {}
    for question in shipped_questions():
        for topic in question.builds_on:
            rewrites.setdefault(topic, question.text)
    return {t: rewrites[t] for t in RESEARCH_TOPICS if t in rewrites}


def _check_job_ask(text: str, research) -> LintWarning | None:
    if not (_JOB_ASK.search(text) or _JOB_TALK.search(text)):
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
