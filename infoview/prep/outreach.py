"""Outreach drafts: the request, confirmation, thank-you, referrer note, referred intro,
phone script and the user's 30-second introduction.

Every builder returns a :class:`Draft` that has already been through
:func:`~infoview.prep.checks.check_draft`. A missing input never raises: the draft carries a
``[bracketed placeholder]`` instead, and the placeholder check lists it among the warnings,
so the user sees exactly what to fill in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from infoview.errors import BadInput
from infoview.prep.checks import (
    WHY_THEM,
    WORD_LIMITS,
    DraftWarning,
    check_draft,
    count_words,
    gaps,
    one_per_gap,
)
from infoview.text import mid_sentence

_SIGN_OFF = "Best wishes,"


@dataclass
class Draft:
    """A message ready to edit and send, with the problems its checks found.

    Attributes:
        subject: the subject line (``None`` for a phone script or a spoken introduction).
        body: the text, greeting and signature included.
        warnings: what the checks found (empty when the draft is fine).
        word_count: words in the message proper (signature not counted).
        kind: which builder made it (``request``, ``thanks``, ...).
    """

    subject: str | None
    body: str
    warnings: list[DraftWarning] = field(default_factory=list)
    word_count: int = 0
    kind: str = "request"

    @property
    def text(self) -> str:
        """Subject and body together, as pasted into a mail client."""
        return f"Subject: {self.subject}\n\n{self.body}" if self.subject else self.body

    def to_dict(self) -> dict:
        """``{"kind", "subject", "body", "word_count", "warnings": [{"code", "message"}]}``."""
        return {"kind": self.kind, "subject": self.subject, "body": self.body,
                "word_count": self.word_count, "warnings": [w.to_dict() for w in self.warnings]}


def _first(name: str | None) -> str:
    return (name or "").split()[0] if (name or "").split() else "[their first name]"


def _name(thing) -> str | None:
    return thing if isinstance(thing, str) or thing is None else getattr(thing, "name", None)


def _clause(text: str | None, placeholder: str) -> str:
    """User text trimmed of its final full stop, or a placeholder when it is empty."""
    text = " ".join((text or "").split()).rstrip(" .")
    return text or placeholder


#: Words that start a phrase and are never names: the only first words lowercased when a
#: user's text continues a sentence. Any other capitalised word may be a name ("Kestrel
#: hires researchers", "Reading has a big NHS trust"), and the kit cannot tell: it keeps
#: the user's own capitals rather than garble a name.
_COMMON_FIRST_WORDS = frozenset("""
a an the this that these those my your our their his her its some any every each all both
most many much more few no one two three here there how why what when where which who whom
whose whether if it they we you he she there's it's as in on at for with by from to of
through via mostly mainly partly probably definitely honestly usually always never
came went got took made began left joined started moved worked studied did had was were is
are has have told used tried spent switched
about after before during since while once not also only just even really very being having
getting finding keeping making taking using working learning asking talking writing
""".split())


def _mid_sentence(text: str) -> str:
    """``text`` continuing a sentence: a first word that is never a name ("The", "How",
    "A", "Here") is lowercased; anything else keeps the user's capitals, since it may be a
    name ("Kestrel", "NHS", "iOS", "McKinsey"): lowercasing a name garbles it, while a
    capital that could have been small only looks formal."""
    words = text.split(maxsplit=1)
    if not words:
        return text
    first = words[0]
    core = first.split("'")[0].split("\u2019")[0].rstrip(",;:.")
    if core[:1].isupper() and (len(core) == 1 or core[1:].islower()) \
            and core.lower() in _COMMON_FIRST_WORDS:
        return first[0].lower() + text[1:]
    return text


_GIVING = re.compile(r"^(?:send|share|forward|email|e-mail|pass on|give)\s+(?:(?P<who>\w+)\s+)?"
                    r"(?P<what>(?:the|a|an|my|some|this|that|those|these)\b.*)$", re.IGNORECASE)


def _kept_promise(promise: str, first_name: str) -> str:
    """A promise as the thank-you keeps it: a note to self such as "Send Samira the article
    on booking forms" becomes "I am sending the article on booking forms"; anything else
    continues the sentence as written ("here is the checklist I mentioned")."""
    match = _GIVING.match(promise)
    if match and (match["who"] is None or match["who"].lower() in
                  {first_name.lower(), "her", "him", "them", "you"}):
        return f"I am sending {match['what']}"
    return _mid_sentence(promise)


def _sentence(text: str | None, placeholder: str) -> str:
    clause = _clause(text, placeholder)
    return clause[0].upper() + clause[1:] + ("" if clause.endswith(("?", "!")) else ".")


#: First words that already say what the user is doing ("exploring product roles",
#: "moving into UX", "interested in health tech"): the sentence gives them "I am" only,
#: never a second "exploring". Gerunds that are often nouns ("engineering", "marketing",
#: "learning design") are left out, so "Engineering roles" still reads "I am exploring ...".
_DOING_WORDS = frozenset("""
exploring looking moving considering thinking hoping trying aiming seeking switching
transitioning changing pivoting retraining researching investigating studying weighing
keen interested curious eager open
""".split())
_STATE_WORDS = frozenset({"keen", "interested", "curious", "eager", "open"})
_I_AM = re.compile(r"^(?:i\s+am|i'm|i\u2019m)\s+", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"^(?:i|my)\b", re.IGNORECASE)


def _exploring(narrow: str | None, placeholder: str) -> tuple[str, str]:
    """What the user is exploring as a clause starting with "I" and as a topic phrase.

    About me may hold a bare topic ("product roles"), a phrase with its own verb
    ("exploring product roles", "Moving into UX", "interested in health tech") or a whole
    first-person clause ("I'm exploring product roles", "I want to move into product").
    The clause is what the request says ("I am exploring product roles"); the topic is what
    the subject line asks advice on ("product roles"), with "I am" and "exploring" dropped.
    """
    text = _clause(narrow, "")
    if not text:
        return f"I am exploring {placeholder}", placeholder
    if _FIRST_PERSON.match(text):
        clause = "I" + text[1:] if text[0] == "i" else text
        rest = _I_AM.sub("", text)
        if rest == text:  # "I want to move into product": no phrase to ask advice on
            return clause, "your path"
    else:
        clause, rest = "", text
    words = rest.split()
    first = words[0].lower()
    if first not in _DOING_WORDS:
        return clause or f"I am exploring {text}", rest
    rest = mid_sentence(rest)  # "Exploring ..." continues "I am"
    if first == "exploring" and len(words) > 1:
        topic = rest.split(maxsplit=1)[1]
    elif first in _STATE_WORDS and len(words) > 2:  # "interested in health tech"
        topic = rest.split(maxsplit=2)[2]
    else:
        topic = rest
    return clause or f"I am {rest}", topic


def _wider(broad: str | None) -> str:
    return f", and {_clause(broad, '')} more widely" if _clause(broad, "") else ""


def _signature(profile, *, link: bool = True) -> str:
    lines = [_SIGN_OFF, getattr(profile, "name", None) or "[your name]"]
    if link:
        lines.append(getattr(profile, "profile_url", None) or "[link to your professional profile]")
    return "\n".join(lines)


#: Placeholders standing for what the user's profile lacks, and what each stands for.
PROFILE_PLACEHOLDERS: dict[str, str] = {
    "[your name]": "your name",
    "[link to your professional profile]": "a link to a page about your work",
    "[your background]": "your background",
    "[your strengths]": "your strengths",
    "[what you are exploring]": "what you are exploring",
}


def _profile_note(body: str) -> list[DraftWarning]:
    """A warning when the draft holds placeholders for what the user's profile lacks: the
    fix is to fill in the profile once, not to edit every draft."""
    marks = [mark for mark in PROFILE_PLACEHOLDERS if mark in body]
    if not marks:
        return []
    missing = [PROFILE_PLACEHOLDERS[mark] for mark in marks]
    listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
    return [DraftWarning("profile_missing", f"Your profile does not have {listed} yet, so "
                         "the draft holds a placeholder: fill in your profile and draft again.",
                         stands_for=tuple(marks))]


def _finish(kind: str, subject: str | None, body: str, notes=(), **check) -> Draft:
    profile = _profile_note(body)
    checked = check_draft(body, kind, subject=subject, **check)
    if profile:  # the note names what the profile lacks: its placeholders (and a check
        # that fails for want of the same, such as a missing signature link) are that gap
        covered = set(gaps(profile[0]))
        checked = [w for w in checked if w.placeholder not in PROFILE_PLACEHOLDERS
                   and not (gaps(w) and set(gaps(w)) <= covered)]
    warnings = one_per_gap(list(notes) + profile + checked)
    return Draft(subject=subject, body=body, warnings=warnings,
                 word_count=count_words(body), kind=kind)


def _minutes(minutes):
    """A length to write into a message: ``None``, or 1 to 240 whole minutes."""
    if minutes is None:
        return None
    if isinstance(minutes, bool) or not isinstance(minutes, (int, float)) or not 1 <= minutes <= 240:
        raise BadInput(f"minutes must be 1 to 240, not {minutes!r}; "
                       "informational interviews usually take 15 to 30")
    return f"{minutes:g}"


def _ask(minutes: int | None, coffee: bool, near: str | None) -> str:
    minutes = _minutes(minutes)
    if coffee:
        return f"Could I buy you a coffee near {near or 'your work'} one day, whenever suits you?"
    span = f"{minutes} minutes" if minutes else "15-20 minutes"
    return f"Would you have {span} for a call in the coming weeks, at a time that suits you?"


def _not_said(may_mention: str) -> str:
    """Why a referrer's name is left out, in words: they said no, or have not said yes."""
    return "said you may not" if may_mention == "no" else "have not said you may"


def request(person, profile=None, *, reason: str | None = None, narrow: str | None = None,
            broad: str | None = None, minutes: int | None = None, coffee: bool = False,
            near: str | None = None, referrer=None, may_mention: str = "unknown",
            strict: bool = False, kind: str = "request") -> Draft:
    """The message asking for an informational interview.

    The connection comes first, the aim (advice, not a job) and the interest (narrow and
    broad) next, then one small ask phrased as a question that leaves the timing to them.

    Args:
        person: the :class:`~infoview.models.Person` (or a name) to write to.
        profile: the user's :class:`~infoview.models.UserProfile` (signature).
        reason: why them, in the user's words ("I heard your talk at ...").
        narrow, broad: the interest, e.g. "research for digital health products" and "UX".
        minutes: the length asked for (default "15-20 minutes").
        coffee: ask for a coffee near their work instead of a call; ``near`` names the place.
        referrer: who suggested them; named only when ``may_mention == "yes"``.
        strict: leave out the closing courtesy line (which is otherwise added only while
            the message stays within its 75 words).
        kind: ``request`` or ``referred_intro`` (which checks apply).
    """
    referrer_name = _name(referrer)
    opening = []
    notes = []
    if referrer_name and may_mention == "yes":
        opening.append(f"{referrer_name} suggested I get in touch with you.")
    elif referrer_name:
        notes.append(DraftWarning("referrer_left_out", f"{referrer_name}'s name is left out: they "
                                  f"{_not_said(may_mention)} mention it."))
    if reason or not opening:
        opening.append(_sentence(reason, WHY_THEM))
    exploring, interest = _exploring(narrow, "[the work you are exploring]")
    wider = _wider(broad)
    lines = [
        f"Hi {_first(_name(person))},",
        "",
        " ".join(opening),
        f"{exploring}{wider}, and your advice would mean a lot; "
        "I am not looking for a job.",
        _ask(minutes, coffee, near),
    ]
    # The courtesy line goes in only while the message stays within its limit (75 words).
    courteous = [*lines, "Thank you for considering it."]
    if not strict and count_words("\n".join(courteous)) <= WORD_LIMITS[kind]:
        lines = courteous
    body = "\n".join(lines + ["", _signature(profile)])
    subject = (f"{referrer_name} suggested I contact you" if referrer_name and may_mention == "yes"
               else f"Your advice on {interest}?")
    return _finish(kind, subject, body, notes, strict=strict, reason=reason, narrow=narrow,
                   broad=broad, referrer_name=referrer_name, may_mention=may_mention)


def referred_intro(person, profile=None, *, referrer, may_mention: str = "unknown", **kwargs) -> Draft:
    """The first message to someone a contact suggested.

    The referrer is named only when they said so (``may_mention == "yes"``); otherwise the
    draft leans on ``reason`` and says why the name was left out among its warnings.
    Other keyword arguments are those of :func:`request`.
    """
    return request(person, profile, referrer=referrer, may_mention=may_mention,
                   kind="referred_intro", **kwargs)


def _when_text(meeting) -> str:
    start = getattr(meeting, "starts_at", None)
    if start is None:
        return "[day and time]"
    zone = getattr(meeting, "timezone", None)
    if zone:
        from zoneinfo import ZoneInfo

        start = start.astimezone(ZoneInfo(zone))
    return f"{start:%A} {start.day} {start:%B} at {start:%H:%M} {start.tzname() or ''}".strip()


def _where_text(meeting, person) -> str:
    fmt = getattr(meeting, "format", "video")
    place = getattr(meeting, "place", None)
    if fmt == "phone":
        number = getattr(person, "phone", None) or "[their phone number]"
        return f"by phone; I will call you on {number}"
    if fmt == "video":
        return f"by video call at {place or '[call link]'}"
    return f"at {place or '[the place you agreed]'}"


def confirmation(person, profile, meeting) -> Draft:
    """The short message, a day or so before, confirming time, place and duration."""
    planned = getattr(meeting, "planned_minutes", None)
    minutes = _minutes(20 if planned is None else planned)
    when = _when_text(meeting)
    body = "\n".join([
        f"Hi {_first(_name(person))},",
        "",
        "Thank you again for agreeing to talk with me. To confirm: "
        f"{when}, for {minutes} minutes, {_where_text(meeting, person)}.",
        "If anything changes, just let me know and I will fit around you.",
        "I look forward to speaking with you.",
        "",
        _signature(profile),
    ])
    place = getattr(meeting, "place", None)
    return _finish("confirmation", f"Confirming our conversation on {when}", body,
                   place=place, profile_url=getattr(profile, "profile_url", None))


def _thanks_opening(meeting_date: date | None, send_date: date | None) -> str:
    """The first line of a thank-you, fitting the day it goes: "today" only on the day of
    the meeting, "yesterday" the day after, the weekday within the week, else the date;
    with the day unknown, no day at all."""
    if meeting_date is None or send_date is None:
        return "Thank you for taking the time to talk with me."
    days = (send_date - meeting_date).days
    if days == 0:
        when = "today"
    elif days == 1:
        when = "yesterday"
    elif 1 < days < 7:
        when = f"on {meeting_date:%A}"
    else:
        when = f"on {meeting_date:%A} {meeting_date.day} {meeting_date:%B}"
    return f"Thank you for your time {when}."


#: What a question of each bank category was about, as a thank-you names it when the
#: question's own words do not turn into a phrase ("what you said about ...").
_CATEGORY_TOPICS = {
    "path": "your path into the work", "role": "your role and a typical day",
    "workplace": "your workplace", "industry": "where the industry is heading",
    "advice": "your advice for me", "feedback": "your feedback on my plans",
    "resources": "where to learn more",
}
#: Past tenses of the verbs questions about someone's path ask with ("How did you get
#: into ...?" is "how you got into ...").
_PAST = {"get": "got", "come": "came", "end": "ended", "move": "moved", "start": "started",
         "find": "found", "become": "became", "decide": "decided", "choose": "chose",
         "make": "made", "learn": "learned", "break": "broke", "go": "went",
         "land": "landed", "switch": "switched", "know": "knew", "hear": "heard",
         "pick": "picked", "build": "built", "prepare": "prepared", "handle": "handled"}
_ASKED_PAST = re.compile(r"^(how|why|when|where|what) did you (\w+)\b(.*)$", re.I)
_ASKED_NOW = re.compile(r"^(how|why|when|where|what) do you (.*)$", re.I)
_ASKED_WOULD = re.compile(r"^(what|which|how)\b(.{0,40}?) would you (.*)$", re.I)
#: An answer longer than this many words is named by its first sentence (a note taken
#: during the call can run to a paragraph; a thank-you quotes a line of it).
_LONGEST_ANSWER = 30


def question_topic(question: str | None, category: str | None = None) -> str | None:
    """What a question asked about, as a phrase that continues "what you said about ...":
    "How did you get into UX research?" is "how you got into UX research", "What would you
    do differently?" is "what you would do differently"; a question whose words do not turn
    into one names its bank category's topic ("your advice for me"); else ``None``."""
    text = " ".join((question or "").split()).rstrip(" ?.!")
    topic = None
    if (past := _ASKED_PAST.match(text)) and past.group(2).lower() in _PAST:
        topic = f"{past.group(1)} you {_PAST[past.group(2).lower()]}{past.group(3)}"
    elif now := _ASKED_NOW.match(text):
        topic = f"{now.group(1)} you {now.group(2)}"
    elif would := _ASKED_WOULD.match(text):
        topic = f"{would.group(1)}{would.group(2)} you would {would.group(3)}"
    if topic and len(topic.split()) <= 12 and "?" not in topic:
        return topic[0].lower() + topic[1:]
    return _CATEGORY_TOPICS.get(category or "")


def _line_of(answer: str) -> str:
    """A long note's first sentence (a thank-you quotes a line, not a paragraph), cut at a
    word with an ellipsis when that sentence alone runs long; a short note whole."""
    text = _clause(answer, "")
    if len(text.split()) <= _LONGEST_ANSWER:
        return text
    first = re.split(r"(?<=[.!?])\s+", text, maxsplit=1)[0].rstrip(" .")
    words = first.split()
    return first if len(words) <= _LONGEST_ANSWER else " ".join(words[:_LONGEST_ANSWER - 5]) + "…"


def _quoted(question: str | None) -> str:
    """A question as a letter quotes it: one line, its double quotes made single (they would
    end the quotation), without a closing full stop; empty when there is none."""
    text = " ".join((question or "").split()).replace('"', "'").rstrip(" .")
    return text


#: Words that show a note speaks *of* the person, not *to* them ("a hackathon got her into
#: research"): in a letter to her, pasted as is, it reads as written about someone else.
_THIRD_PERSON = re.compile(r"\b(?:she|her|hers|herself|he|him|his|himself)\b", re.IGNORECASE)


def _letter_line(note: str, first_name: str | None) -> bool:
    """Whether a note continues the letter's sentence as its own words: a phrase that reads
    on after a colon ("through a hackathon, then a UX course"), not a statement of its own
    (a capital it keeps, a colon or semicolon of its own) and not about the person in the
    third person or by name ("she came from nursing", "Sam's team is small")."""
    if not note or note[:1].isupper() or any(mark in note for mark in ":;"):
        return False
    if first_name and re.search(rf"\b{re.escape(first_name)}\b", note, re.IGNORECASE):
        return False
    return not _THIRD_PERSON.search(note)


def _own_words_place(note: str) -> str:
    """The marked place a note the letter cannot say as is leaves for the user's own
    words, with the note beside it to write from (its brackets and double quotes made
    plain: they would end the place or the quotation)."""
    plain = note.replace("[", "(").replace("]", ")").replace('"', "'")
    return f'[in your own words, what your note "{plain}" meant to you]'


def _valued(learned: str | None, topic: str | None = None,
            question: str | None = None, first_name: str | None = None) -> str:
    """The thank-you's line on what was learned, a line of a letter to the person.

    It names what the answer was about: the question's topic ("I especially valued what
    you said about how you got into the field"), else the question quoted ("your answer to
    "Is there anything else?""), else "what you told me". A note that reads on as the
    letter's own words (:func:`_letter_line`: "through a hackathon, then a UX course")
    follows after a colon; a long one gives its first sentence. A note written about the
    person ("a hackathon got her into research") or as a statement of its own ("Product
    teams own the roadmap") is a note to self: pasted into a letter to her it would read
    as written about someone else, or break off into a sentence of its own. The letter
    then leaves a marked place for the user's own words, with the note beside it (the
    draft's checks ask for it to be filled in)."""
    asked = _quoted(question) if not topic else ""
    if topic:
        opening = f"what you said about {topic}"
    elif asked:
        opening = f'your answer to "{asked}"'
    else:
        opening = "what you told me"
    note = _line_of(learned or "")
    clause = _mid_sentence(note) if note else "[one thing you learned]"
    if note and not _letter_line(clause, first_name):
        clause = _own_words_place(note)
    ending = "" if clause.endswith(("…", "?", "!")) else "."
    return f"I especially valued {opening}: {clause}{ending}"


def thanks(person, profile=None, *, learned: str | None = None, promises=(),
           meeting_date: date | None = None, send_date: date | None = None,
           topic: str | None = None, question: str | None = None) -> Draft:
    """The thank-you note, sent the same day or the next.

    Args:
        learned: one specific thing that was useful ("how research findings reach the roadmap").
        topic: what the question ``learned`` answered was about (:func:`question_topic`),
            when it is an answer: the letter names it before the answer.
        question: the question ``learned`` answered, quoted by the letter when it gives no
            ``topic`` ("Is there anything else?", a question of the user's own).
        promises: what the user promised and now keeps ("the link to the accessibility audit").
        meeting_date, send_date: when the meeting was and when the note goes (default
            today); the first line names the day to fit ("today" only on the day itself),
            and the checks say when the note is late.
    """
    if isinstance(meeting_date, datetime):
        meeting_date = meeting_date.date()
    send_date = send_date or (meeting_date and date.today())
    lines = [
        f"Hi {_first(_name(person))},",
        "",
        _thanks_opening(meeting_date, send_date),
        _valued(learned, topic, question, first_name=_first(_name(person))),
    ]
    first = _first(_name(person))
    lines += [f"As promised, {_kept_promise(_clause(p, ''), first)}."
              for p in promises if _clause(p, '')]
    lines += ["I will let you know how I get on.", "", _signature(profile, link=False)]
    return _finish("thanks", "Thank you", "\n".join(lines),
                   learned=_line_of(learned) if learned else learned,
                   promises=[p for p in promises if p], meeting_date=meeting_date,
                   send_date=send_date)


def referrer_note(referrer, contact, profile=None, *, how_it_went: str | None = None,
                  learned: str | None = None) -> Draft:
    """A note to the person who made an introduction, saying how the meeting went."""
    contact_name = _name(contact) or "[the person they introduced]"
    went = _sentence(how_it_went, "[how the conversation went]")
    detail = f" {_sentence(learned, '')}" if learned else ""
    body = "\n".join([
        f"Hi {_first(_name(referrer))},",
        "",
        f"I wanted to let you know that I spoke with {contact_name}. {went}{detail}",
        "Thank you for putting us in touch.",
        "",
        _signature(profile, link=False),
    ])
    return _finish("referrer", f"I spoke with {contact_name}", body, contact_name=_name(contact))


def phone_script(person, profile=None, *, reason: str | None = None, narrow: str | None = None,
                 broad: str | None = None, minutes: int = 15) -> Draft:
    """What to say when asking by telephone, with the line for a bad moment.

    Args take the meaning they have in :func:`request`; the ask defaults to 15 minutes,
    which is easier to grant on the spot.
    """
    name = getattr(profile, "name", None) or "[your name]"
    body = "\n".join([
        f"Hello, is that {_name(person) or '[their name]'}? My name is {name}.",
        _sentence(reason, "[why you are calling them in particular]"),
        f"{_exploring(narrow, '[your interest]')[0]}{_wider(broad)} and would value your advice; "
        "I am not calling about a job.",
        f"Would you have {_minutes(minutes)} minutes to tell me about your work, now or at a better time?",
        "If now is not good: when would suit you for me to call back?",
    ])
    return _finish("phone", None, body, reason=reason, narrow=narrow, broad=broad)


def pitch(profile) -> Draft:
    """The user's 30-second introduction (about 75 spoken words) from their profile.

    Background, strengths and what they are exploring, in that order. Sentences the user
    wrote in the first person are kept as written.
    """
    def part(text, lead, placeholder, phrase=lambda text: _clause(text, "")):
        text = " ".join((text or "").split())
        if text.lower().startswith(("i ", "i'm", "i’m", "my ")):
            return _sentence(text, placeholder)
        return _sentence(f"{lead}{phrase(text)}" if text else "", placeholder)

    body = " ".join([
        f"I'm {getattr(profile, 'name', None) or '[your name]'}.",
        part(getattr(profile, "background", None), "", "[your background]"),
        part(getattr(profile, "strengths", None), "My strengths are ", "[your strengths]"),
        part(getattr(profile, "exploring", None), "Right now ", "[what you are exploring]",
             lambda text: _exploring(text, "")[0]),
        "That is why I am keen to hear how people in the field see it.",
    ])
    return _finish("pitch", None, body)
