"""Checks for outreach drafts: the habits that make an informational-interview message work.

:func:`check_draft` runs the checks every message needs (length, placeholders, no job ask,
no CV) and those of its kind (a request states the connection first and asks a small
question; a confirmation gives time, place and duration; a thank-you names something
learned ...). It works on any text, so a message the user rewrote by hand can be checked
again. Each problem is a :class:`DraftWarning` with a stable ``code``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from infoview.text import count_of

#: The request's limit: the 6-point email asks for fewer than 75 words, always (a first
#: message to a stranger is read on a phone, between two other things).
REQUEST_WORDS = 75
#: Message kinds, and the most words each may have (see :data:`STRICT_WORDS` for --strict).
WORD_LIMITS: dict[str, int] = {
    "request": REQUEST_WORDS, "referred_intro": REQUEST_WORDS, "confirmation": 120,
    "thanks": 150, "referrer": 120, "phone": 130, "pitch": 90, "update": 130,
    "reschedule": 100, "no_show": 100,
}
#: Kept for older callers: the request's limit, once only applied by --strict.
STRICT_REQUEST_WORDS = REQUEST_WORDS
#: The shorter limits a strict check holds a message to: the notes about a relationship or
#: a missed meeting (a request is held to 75 words by default, strict or not).
STRICT_WORDS: dict[str, int] = {
    "update": 100, "reschedule": STRICT_REQUEST_WORDS, "no_show": STRICT_REQUEST_WORDS,
}
PITCH_MIN_WORDS = 45
#: The placeholder a request opens with when the user gave no reason to write to this person.
WHY_THEM = "[why them: their talk, article or a shared connection]"
#: The checks that all report one gap, a missing "why them", best worded first (the last
#: stands for the "why them" placeholder left in the text): only the first found is kept.
_WHY_THEM_GAP = ("no_reason", "no_connection_first", "why_them_placeholder")
KINDS: tuple[str, ...] = tuple(WORD_LIMITS)

_ASKING_KINDS = {"request", "referred_intro", "phone"}
_SIGN_OFF = re.compile(
    r"^\s*(best|best wishes|kind regards|regards|warm regards|warmly|many thanks|thanks|"
    r"thank you|all the best|cheers|sincerely|yours sincerely|with thanks)\W{0,3}$",
    re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\{[^{}\n]*\}|\[[^\[\]\n]*\]|<[A-Z][A-Z _]*>|\bTODO\b|\bXXX\b|_{3,}")
_NEGATION = re.compile(r"\b(not|no|never|nor|without|rather than|instead of)\b|n[’']t\b",
                       re.IGNORECASE)
#: Where a clause ends inside a sentence: punctuation, and the words that join two clauses.
#: A "not" in one clause says nothing about an ask in the next ("it is not the usual way,
#: but I would love to be considered for a position").
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]|\s-\s|\.{3}|…|\b(?:but|though|although|"
                           r"however|yet|whereas|while|and|so|except|unless)\b", re.IGNORECASE)
#: How many words before an ask (and after it) a negation may stand and still deny it.
NEGATION_BEFORE, NEGATION_AFTER = 8, 4
_JOB = re.compile(
    r"\b(jobs?|vacanc(y|ies)|hiring|hire me|internships?|openings?|employment|"
    r"work for you|join your team|(a|an|any|open|available)\s+(position|role)s?)\b",
    re.IGNORECASE)
_CV = re.compile(r"\b(cv|c\.v\.|curriculum vitae|résumé|my resume|resume attached|"
                 r"attach(ed|ing)? (a |my )?resume)\b", re.IGNORECASE)
_CONNECTION = re.compile(
    r"\b(suggest\w*|recommend\w*|referr\w*|read|saw|seen|heard|watched|attended|met|"
    r"fellow|alumn\w*|both|mutual|introduc\w*|your (talk|article|post|work|piece|panel|"
    r"presentation|podcast|book|paper|team|career))\b", re.IGNORECASE)
_ADVICE = re.compile(r"\b(advice|advise|insights?|perspective|learn\w*|guidance|experience|"
                     r"how you)\b", re.IGNORECASE)
_MINUTES = re.compile(r"\b(\d{1,3})(?:\s*(?:-|–|to)\s*(\d{1,3}))?\s*(?:min|minutes|mins)\b",
                      re.IGNORECASE)
_HOURS = re.compile(r"\b(an|one|two|\d+)\s+hours?\b", re.IGNORECASE)
_COFFEE = re.compile(r"\b(coffee|tea|cuppa)\b", re.IGNORECASE)
_SCHEDULE = re.compile(r"\b(suits? you|convenien\w*|your schedule|works? (best )?for you|"
                       r"fits? your|when you('re| are) free|your (diary|calendar)|whenever|"
                       r"better time|good time)\b", re.IGNORECASE)
_YOU = re.compile(r"\b(you|your|yours|yourself)\b", re.IGNORECASE)
_ME = re.compile(r"\b(i|me|my|mine|myself)\b|\bi[’'](m|ve|d|ll)\b", re.IGNORECASE)
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?(am|pm)\b|\bnoon\b", re.IGNORECASE)
_DAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|"
                  r"today|january|february|march|april|may|june|july|august|september|"
                  r"october|november|december|\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
_PLACE = re.compile(r"https?://|\b(call|phone|video|zoom|teams|meet|caf[eé]|coffee|office|"
                    r"room|street|road|reception|building)\b", re.IGNORECASE)
_DURATION = re.compile(r"\b\d+\s*(min|minutes|mins)\b|\b(half an hour|an hour)\b", re.IGNORECASE)
_URL = re.compile(r"https?://\S+")
_LEARNED = re.compile(r"\b(learn\w*|useful|helpful|struck|took away|insight\w*|valued|"
                      r"especially|advice|tip)\b", re.IGNORECASE)
_THANK = re.compile(r"\bthank", re.IGNORECASE)
_MET = re.compile(r"\b(spoke|speak|spoken|met|talked|conversation|call|chat|meeting)\b",
                  re.IGNORECASE)
_WENT = re.compile(r"\b(went|useful|helpful|enjoyed|great|good|valuable|learn\w*|generous)\b",
                   re.IGNORECASE)
_APOLOGY = re.compile(r"\b(sorry|apolog\w*|regret)\b", re.IGNORECASE)
_GOODWILL = re.compile(r"\b(hope (all|you|everything|things)\b.{0,20}\bwell|no problem|no worries|"
                       r"understand\w*|busy|full diar\w*|things come up|happens)\b", re.IGNORECASE)
_BLAME = re.compile(
    r"\b(you (missed|forgot|skipped|ignored)|you (didn[’']?t|did not|never) (show|come|turn|join|"
    r"call|appear)\w*|no[- ]shows?|stood me up|wast(e|ed|ing)\b|disappoint\w*|i waited|"
    r"without (a word|warning|telling)|unprofessional|rude)\b", re.IGNORECASE)
_RESULT = re.compile(r"\b(since then|as a result|came of|led to|applied|spoke|started|now|"
                     r"joined|landed|interview\w*|offer\w*|wrote to|met)\b", re.IGNORECASE)
_ADVISED = re.compile(r"\b(advice|advised|suggest\w*|point|said|tip|told me|recommend\w*)\b",
                      re.IGNORECASE)
_SELF_INTRO = re.compile(r"\b(my name is|this is|i[’']m|i am)\b", re.IGNORECASE)


@dataclass
class DraftWarning:
    """One problem found in a draft.

    Attributes:
        code: stable identifier (``too_long``, ``no_question``, ``asks_for_job``, ...).
        message: what is wrong and what to do about it.
        placeholder: for a ``placeholder`` warning, the placeholder left in the text (so
            other checks can tell which gap it reports without reading the message).
        stands_for: for a note about several placeholders at once (``profile_missing``),
            those placeholders. :func:`gaps` reads both to say what fills the gap.
    """

    code: str
    message: str
    placeholder: str | None = field(default=None, compare=False)
    #: The placeholders a note stands for (the profile note lists the profile's gaps).
    stands_for: tuple[str, ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        return self.message

    def to_dict(self) -> dict[str, str]:
        """``{"code", "message"}`` for JSON."""
        return {"code": self.code, "message": self.message}


#: What a draft's placeholder stands for: the fact that, filled in, writes it out. The app
#: names the field of each fact on its pages (:func:`gaps` of a warning).
PLACEHOLDER_GAPS: dict[str, str] = {
    "[your name]": "your_name",
    "[link to your professional profile]": "your_link",
    "[your background]": "background",
    "[your strengths]": "strengths",
    "[what you are exploring]": "exploring",
    "[the work you are exploring]": "interest",
    "[your interest]": "interest",
    WHY_THEM: "why_them",
    "[why you are calling them in particular]": "why_them",
    "[their first name]": "their_name",
    "[their phone number]": "their_phone",
    "[day and time]": "meeting_time",
    "[call link]": "meeting_place",
    "[the place you agreed]": "meeting_place",
    "[one thing you learned]": "learned",
    "[the organization]": "their_organization",
    "[what they advised]": "advice",
    "[what came of it]": "results",
}
#: Checks (by code) that a fact missing makes fail, and that fact.
CODE_GAPS: dict[str, str] = {
    "no_reason": "why_them", "no_connection_first": "why_them",
    "no_signature_link": "your_link", "nothing_learned": "learned",
}


def gaps(warning: DraftWarning) -> tuple[str, ...]:
    """The facts (keys of :data:`PLACEHOLDER_GAPS` and :data:`CODE_GAPS` values) whose
    filling in would fix ``warning``, in the order the draft needs them; ``()`` for a
    warning only editing the text fixes (too long, asks for a job ...)."""
    marks = (warning.placeholder, *warning.stands_for)
    found = [PLACEHOLDER_GAPS[m] for m in marks if m in PLACEHOLDER_GAPS]
    if warning.code in CODE_GAPS:
        found.append(CODE_GAPS[warning.code])
    return tuple(dict.fromkeys(found))


def message_part(text: str) -> str:
    """The text without its signature block (lines after a sign-off such as "Best wishes,")."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if index and _SIGN_OFF.match(line):
            return "\n".join(lines[:index + 1])
    return text


def count_words(text: str) -> int:
    """Words of the message proper (the signature block is not counted)."""
    return sum(1 for token in message_part(text).split() if any(c.isalnum() for c in token))


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def _body_sentences(text: str) -> list[str]:
    """Sentences after the greeting line ("Hi Sam,")."""
    sentences = _sentences(message_part(text))
    if sentences and re.match(r"^\s*(hi|hello|dear|hey|good (morning|afternoon))\b.{0,40},\s*$",
                              sentences[0], re.IGNORECASE):
        sentences = sentences[1:]
    return sentences


def _denied(clause: str, start: int, end: int) -> bool:
    """Whether the ask at ``clause[start:end]`` is denied: a negation in the same clause,
    a few words before it ("I am not looking for a job") or just after ("a job is not what
    I am after")."""
    before = " ".join(clause[:start].split()[-NEGATION_BEFORE:])
    after = " ".join(clause[end:].split()[:NEGATION_AFTER])
    return bool(_NEGATION.search(before) or _NEGATION.search(after))


def _unnegated(pattern: re.Pattern[str], text: str) -> str | None:
    """The first sentence holding a match of ``pattern`` that no negation denies.

    A negation counts only in the clause of the match and near it, so a "not" elsewhere in
    the sentence ("I am not asking for anything formal") does not hide a CV or a job ask.
    """
    for sentence in _sentences(text):
        for clause in _CLAUSE_BREAK.split(sentence):
            if any(not _denied(clause, m.start(), m.end()) for m in pattern.finditer(clause)):
                return sentence.strip()
    return None


def _mentions(text: str, phrase: str | None) -> bool:
    """Whether most of the phrase's significant words appear in the text."""
    if not phrase:
        return True
    words = [w for w in re.findall(r"\w+", phrase.lower()) if len(w) > 3] or \
        re.findall(r"\w+", phrase.lower())
    lowered = text.lower()
    return sum(w in lowered for w in words) * 2 >= len(words)


def length_warning(words: int, kind: str, strict: bool = False) -> DraftWarning | None:
    """The ``too_long`` warning for a message of ``words`` words, or ``None``: the limit of
    :data:`WORD_LIMITS`, or with ``strict`` that of :data:`STRICT_WORDS` when it has one."""
    limit = STRICT_WORDS.get(kind, WORD_LIMITS[kind]) if strict else WORD_LIMITS[kind]
    if words > limit:
        return DraftWarning("too_long", f"{words} words: keep a {kind} message under {limit}.")
    return None


def _common(text: str, subject: str | None, kind: str, strict: bool,
            quoted: Iterable[str] = ()) -> list[DraftWarning]:
    """The checks of every kind; ``quoted`` text (a host's own advice, repeated back to
    them) is left out of the job and CV checks, since it is no ask of the user's."""
    out = []
    too_long = length_warning(count_words(text), kind, strict)
    if too_long is not None:
        out.append(too_long)
    for found in places_to_fill(f"{subject or ''}\n{text}"):
        out.append(DraftWarning("placeholder", f"Unfilled placeholder {found!r}: replace it.",
                                placeholder=found))
    if kind in _ASKING_KINDS and "?" not in text:
        out.append(DraftWarning("no_question", "No question: phrase the ask as a question "
                                "they can answer with a yes."))
    unquoted = text
    for part in quoted:
        unquoted = unquoted.replace(part, " ")
    job = _unnegated(_JOB, f"{subject or ''}\n{unquoted}")
    if job:
        out.append(DraftWarning("asks_for_job", f"Reads as asking for a job ({job!r}): the "
                                "meeting is for advice and information, say so."))
    cv = _unnegated(_CV, unquoted)
    if cv:
        out.append(DraftWarning("attaches_cv", f"Mentions sending a CV ({cv!r}): leave it out "
                                "unless they ask for one."))
    return out


def _request(text: str, reason, narrow, broad, referrer_name) -> list[DraftWarning]:
    out = []
    sentences = _body_sentences(text)
    opening = " ".join(sentences[:1])
    starts_with_link = bool(_CONNECTION.search(opening)) or (
        bool(reason) and _mentions(opening, reason)) or (
        bool(referrer_name) and referrer_name.lower() in opening.lower())
    if not starts_with_link:
        out.append(DraftWarning("no_connection_first", "Open with why them: the shared "
                                "connection, their talk or article, who suggested them."))
    if not _ADVICE.search(text):
        out.append(DraftWarning("no_advice", "Say that you are after advice and information."))
    for code, value, what in (("interest_narrow", narrow, "narrow"), ("interest_broad", broad, "broad")):
        if value and not _mentions(text, value):
            out.append(DraftWarning(code, f"Name your {what} interest ({value!r}) so they know "
                                    "what to talk about."))
    spans = [int(b or a) for a, b in _MINUTES.findall(text)]
    if (spans and max(spans) > 30) or _HOURS.search(text):
        out.append(DraftWarning("big_ask", "The ask is too big: 15-20 minutes by phone or "
                                "video, or a coffee near their work."))
    elif not spans and not _COFFEE.search(text):
        out.append(DraftWarning("no_ask", "Make a small, concrete ask: 15-20 minutes, or a "
                                "coffee near their work."))
    if not _SCHEDULE.search(text):
        out.append(DraftWarning("schedule", "Let them choose: offer to fit their schedule."))
    you, me = len(_YOU.findall(message_part(text))), len(_ME.findall(message_part(text)))
    if me > you:
        out.append(DraftWarning("about_user", f"More about you ({me} I/me/my) than about them "
                                f"({you} you/your): turn some sentences towards them."))
    return out


def _confirmation(text: str, place, profile_url) -> list[DraftWarning]:
    out = []
    if not (_CLOCK.search(text) and _DAY.search(text)):
        out.append(DraftWarning("no_time", "Give the day and the time (with the time zone)."))
    body = message_part(text)  # the signature's profile link is not a meeting place
    if not ((place and place.lower() in body.lower()) or (not place and _PLACE.search(body))):
        out.append(DraftWarning("no_place", "Say where: the place, the call link or who calls whom."))
    if not _DURATION.search(text):
        out.append(DraftWarning("no_duration", "Say how long: e.g. 20 minutes."))
    tail = text[len(body):] if len(body) < len(text) else "\n".join(text.strip().splitlines()[-3:])
    if not ((profile_url and profile_url in tail) or (not profile_url and _URL.search(tail))):
        out.append(DraftWarning("no_signature_link", "Sign with a link to your professional profile."))
    return out


def _thanks(text: str, learned, promises, meeting_date, send_date) -> list[DraftWarning]:
    out = []
    if not _THANK.search(text):
        out.append(DraftWarning("no_thanks", "Say thank you."))
    if meeting_date and send_date:
        days = (send_date - meeting_date).days
        if days > 1:
            out.append(DraftWarning("late_thanks", f"Sent {days} days after the meeting (on "
                                    f"{meeting_date:%A} {meeting_date.day} {meeting_date:%B}): "
                                    "a thank-you goes the same day or the next; send it now, "
                                    "and say when you met rather than 'today'."))
        said = {"today": 0, "yesterday": 1}
        for word, gap in said.items():
            if re.search(rf"\b{word}\b", message_part(text), re.IGNORECASE) and days != gap:
                out.append(DraftWarning("wrong_day", f"Says '{word}', but you met on "
                                        f"{meeting_date:%A} {meeting_date.day} {meeting_date:%B}"
                                        f" and it goes on {send_date:%A} {send_date.day} "
                                        f"{send_date:%B}: name the day you met."))
    if (learned and not _mentions(text, learned)) or (not learned and not _LEARNED.search(text)):
        out.append(DraftWarning("nothing_learned", "Name one specific thing you learned."))
    for promise in promises:
        if not _mentions(text, promise):
            out.append(DraftWarning("promise_missing", f"Mention the promise you kept: {promise!r}."))
    return out


def _referrer(text: str, contact_name) -> list[DraftWarning]:
    out = []
    if contact_name and contact_name.split()[0].lower() not in text.lower():
        out.append(DraftWarning("no_contact_name", f"Name the person they introduced ({contact_name})."))
    if not (_MET.search(text) and _WENT.search(text)):
        out.append(DraftWarning("no_outcome", "Say that you spoke and how it went."))
    if not _THANK.search(text):
        out.append(DraftWarning("no_thanks", "Thank them for the introduction."))
    return out


def _update(text: str, advice, results) -> list[DraftWarning]:
    out = []
    if (advice and not any(_mentions(text, a) for a in advice)) or \
            (not advice and not _ADVISED.search(text)):
        out.append(DraftWarning("no_advice_used", "Say which piece of their advice you used."))
    if (results and not any(_mentions(text, r) for r in results)) or \
            (not results and not _RESULT.search(text)):
        out.append(DraftWarning("no_result", "Say what came of it: who you spoke to, what you "
                                "applied for, what changed."))
    if "?" in message_part(text):
        out.append(DraftWarning("asks_something", "An update gives news and asks for nothing: "
                                "keep questions for another message."))
    return out


def _new_time(text: str, when: str | None, kind: str) -> list[DraftWarning]:
    out = []
    # the day itself ("Tuesday 3"), not merely the month a new time may share
    if when and when.lower() not in text.lower() \
            and " ".join(when.lower().split()[:2]) not in text.lower():
        out.append(DraftWarning("no_original_time", f"Name the meeting concerned ({when})."))
    rest = text.replace(when, "") if when else text
    if not ((_CLOCK.search(rest) and _DAY.search(rest)) or _SCHEDULE.search(rest)):
        out.append(DraftWarning("no_new_times", "Offer one or two new times, or ask when "
                                "would suit them."))
    if "?" not in text:
        out.append(DraftWarning("no_question", "Ask whether a new time would suit them, as a "
                                "question."))
    if kind == "reschedule" and not _APOLOGY.search(text):
        out.append(DraftWarning("no_apology", "Apologise for the change: their time is the "
                                "favour."))
    if kind == "no_show":
        blame = _BLAME.search(text)
        if blame:
            out.append(DraftWarning("blames", f"Reads as blame ({blame.group(0)!r}): assume "
                                    "something came up, and make it easy to meet again."))
        if not _GOODWILL.search(text):
            out.append(DraftWarning("no_goodwill", "Be gracious: hope all is well, or say "
                                    "that things come up."))
    return out


def _names_person(text: str, name: str) -> bool:
    """Whether ``text`` names someone: their full name, or their first name as a word with
    its capital ("Jo suggested I write")."""
    if name.lower() in text.lower():
        return True
    first = name.split()[0] if name.split() else ""
    return len(first) >= 2 and bool(re.search(rf"(?<![\w-]){re.escape(first)}(?![\w-])", text))


def permission_warnings(text: str, referrers: Iterable[tuple[str, str]]) -> list[DraftWarning]:
    """``name_without_permission`` for each referrer the text names who has not said the
    user may mention them (``may_mention`` other than ``yes``), once per name."""
    out, seen = [], set()
    for name, may in referrers:
        name = " ".join((name or "").split())
        if not name or may == "yes" or name.lower() in seen or not _names_person(text, name):
            continue
        seen.add(name.lower())
        said = "said you may not" if may == "no" else "not said you may"
        out.append(DraftWarning("name_without_permission", f"Uses {name}'s name, but they have "
                                f"{said} mention it to this person: leave the name out, or ask "
                                f"{name.split()[0]} first."))
    return out


def _why_them_rank(warning: DraftWarning) -> int | None:
    """Where ``warning`` stands in :data:`_WHY_THEM_GAP`, ``None`` for another gap."""
    said_by_placeholder = warning.placeholder is not None and \
        PLACEHOLDER_GAPS.get(warning.placeholder) == "why_them"  # a phone script's too
    gap = "why_them_placeholder" if said_by_placeholder else warning.code
    return _WHY_THEM_GAP.index(gap) if gap in _WHY_THEM_GAP else None


def one_per_gap(warnings: Iterable[DraftWarning]) -> list[DraftWarning]:
    """``warnings`` with each gap reported once: exact repeats dropped, and of the checks
    that all say "why them" is missing only the best worded one kept, where the first of
    them stood (a draft without a reason used to say so three times)."""
    unique = list({(w.code, w.message): w for w in warnings}.values())
    ranked = [(rank, i) for i, w in enumerate(unique) if (rank := _why_them_rank(w)) is not None]
    if not ranked:
        return unique
    first, best = ranked[0][1], unique[min(ranked)[1]]
    return [best if i == first else w for i, w in enumerate(unique)
            if i == first or _why_them_rank(w) is None]


def check_draft(text: str, kind: str, *, subject: str | None = None, strict: bool = False,
                reason: str | None = None, narrow: str | None = None, broad: str | None = None,
                place: str | None = None, profile_url: str | None = None,
                learned: str | None = None, promises: Iterable[str] = (),
                meeting_date: date | None = None, send_date: date | None = None,
                referrer_name: str | None = None, may_mention: str | None = None,
                contact_name: str | None = None, advice: Iterable[str] = (),
                results: Iterable[str] = (), when: str | None = None,
                referrers: Iterable[tuple[str, str]] = ()) -> list[DraftWarning]:
    """Check a message of one kind; returns the problems found (empty when it is fine).

    Args:
        text: the message body (with its greeting and signature).
        kind: one of :data:`KINDS` (``request``, ``referred_intro``, ``confirmation``,
            ``thanks``, ``referrer``, ``phone``, ``pitch``, ``update``, ``reschedule``,
            ``no_show``).
        subject: the subject line, checked for placeholders and job asks.
        strict: hold the message to :data:`STRICT_WORDS` (requests: 75 words, not 100).
        reason, narrow, broad: the request's reason and interests, checked to be present.
        place, profile_url: a confirmation's place and signature link.
        learned, promises, meeting_date, send_date: what a thank-you must mention, and when.
        referrer_name, may_mention: a referred person's intro may name the referrer only
            when ``may_mention == "yes"``.
        referrers: ``(name, may_mention)`` of everyone who suggested the recipient (from the
            store): any message to them may name a referrer only with their permission.
        contact_name: the person the referrer introduced (for the note to the referrer).
        advice, results: what a keep-in-touch ``update`` must mention: advice the host gave,
            and what came of it.
        when: the meeting a ``reschedule`` or ``no_show`` message concerns, as written in it.
    """
    from infoview.errors import BadInput

    if kind not in WORD_LIMITS:
        raise BadInput(f"unknown draft kind {kind!r}: use one of {', '.join(KINDS)}")
    out = _common(text, subject, kind, strict, quoted=list(advice) if kind == "update" else ())
    if kind in ("request", "referred_intro"):
        out += _request(text, reason, narrow, broad, referrer_name if may_mention == "yes" else None)
    pairs = [*referrers, *([(referrer_name, may_mention or "unknown")] if referrer_name else [])]
    out += permission_warnings(f"{subject or ''}\n{text}", pairs)
    if kind == "confirmation":
        out += _confirmation(text, place, profile_url)
    if kind == "thanks":
        out += _thanks(text, learned, list(promises), meeting_date, send_date)
    if kind == "referrer":
        out += _referrer(text, contact_name)
    if kind == "update":
        out += _update(text, list(advice), list(results))
    if kind in ("reschedule", "no_show"):
        out += _new_time(text, when, kind)
    if kind == "phone" and not _SELF_INTRO.search(" ".join(_sentences(text)[:2])):
        out.append(DraftWarning("no_self_intro", "Start by saying who you are."))
    if kind == "phone" and not _SCHEDULE.search(text):
        out.append(DraftWarning("schedule", "Ask whether now is a good time, or when would be."))
    if kind == "pitch" and count_words(text) < PITCH_MIN_WORDS:
        out.append(DraftWarning("too_short", f"{count_of(count_words(text), 'word')}: about 75 spoken words "
                                "(30 seconds) covers background, strengths and what you explore."))
    return out


def places_to_fill(text: str) -> list[str]:
    """The gaps a draft still holds for the user to fill in ("[your name]"), each once, in
    the order they appear."""
    return list(dict.fromkeys(_PLACEHOLDER.findall(text or "")))
