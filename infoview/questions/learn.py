"""Learning from the user's own debriefs: which questions earned useful answers, and where.

A :class:`QuestionHistory` (the store's is :func:`infoview.flows.question_history.question_history`)
summarises the debriefs for one kind of meeting: per question, how often it was asked and
how its answers were rated, each answer weighted by how much its meeting resembles the one
being planned (:class:`Likeness`: role matters most, then industry, then length).
:func:`learn` turns that summary into a :class:`Lesson` per question: how far its importance
moves, whether it is left out, and the reason a reader sees ("rated 5/5 in 4 earlier
meetings with UX researchers").

The rules, all deterministic:

- Ratings (1-5) and the bank's weights (0-5) share one scale: a weight is the bank's guess
  at how useful a question's answers will be, and the user's ratings replace that guess as
  they accumulate.
- A question's importance becomes the mean of its rated answers, each weighted by how much
  its meeting resembles this one (role matters most, then industry, then length), pulled
  towards the question's weight by :data:`PRIOR_MEETINGS` imaginary meetings, so that one
  lucky or unlucky answer moves it little and a question never rated keeps its weight.
- A question rated :data:`DROP_AT` or less on average in at least :data:`DROP_AFTER` meetings
  like this one, whose importance has fallen that low too, is left out (rated poorly again
  and again).
- Nothing is learned until :data:`MIN_RATED_MEETINGS` meetings have rated answers.
- The user's own questions (typed in the panel, not in the bank) are matched by their
  normalised text; one asked in two meetings or more that moved up is offered again.
- Exploration: a question never asked still gets its turn (see ``select_questions``); ties
  among the never-asked rotate with the date and the number of debriefs, so the same store
  on the same day gives the same plan.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from infoview.questions.models import Question
from infoview.text import words

#: Meetings with rated answers needed before the plan learns anything.
MIN_RATED_MEETINGS = 3
#: How many meetings' worth the bank's weight counts for against the user's ratings.
PRIOR_MEETINGS = 1.0
#: A question rated this low (and whose importance fell this low) is left out ...
DROP_AT = 2.0
#: ... once rated in this many meetings like this one.
DROP_AFTER = 2
#: A move smaller than this is not worth a word in the reason.
NOTABLE_MOVE = 0.25
#: A meeting counts as "like this one" in a reason from this role similarity on.
SIMILAR_ROLE = 0.5
#: An own question (not in the bank) comes back once asked in this many meetings and rated up.
OWN_MIN_MEETINGS = 2
OWN_MINUTES = 2.0
OWN_WEIGHT = 3.0


@dataclass
class Tally:
    """How one question fared in the user's held meetings, weighted for the meeting planned.

    Attributes:
        key: the question's key (:func:`question_key`): a bank id, or ``text:`` and the
            normalised text of a question of the user's own.
        text: the question as it was asked (one example).
        asked: meetings it was asked in.
        weight, weighted_sum: its rated answers and their ratings, each weighted by how much
            its meeting resembles the one planned (:class:`Likeness`).
        like_rated, like_sum: rated answers, and their ratings, in meetings "like this one"
            (a similar role), for the reason a reader sees.
        all_rated, all_sum: every rated answer and the ratings.
    """

    key: str
    text: str = ""
    asked: int = 0
    weight: float = 0.0
    weighted_sum: float = 0.0
    like_rated: int = 0
    like_sum: float = 0.0
    all_rated: int = 0
    all_sum: float = 0.0

    def add(self, other: Tally) -> None:
        """Count ``other`` in as well (a bank question saved once by id, once by text)."""
        for name in ("asked", "weight", "weighted_sum", "like_rated", "like_sum", "all_rated",
                     "all_sum"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class HistorySummary:
    """The user's debriefs summarised for one kind of meeting.

    Attributes:
        tallies: one per question asked in a held meeting.
        meetings: held meetings with questions recorded.
        rated_meetings: of those, meetings with at least one rated answer.
        today: the day the plan is made (exploration rotates with it).
    """

    tallies: list[Tally] = field(default_factory=list)
    meetings: int = 0
    rated_meetings: int = 0
    today: date = field(default_factory=date.today)


class QuestionHistory(Protocol):
    """Where a plan's history comes from: anything that summarises debriefs for a meeting."""

    def summarise(self, likeness: Likeness) -> HistorySummary:
        """The debriefs summarised for a meeting of ``likeness``'s kind."""
        ...


@dataclass(frozen=True)
class Likeness:
    """How much a past meeting resembles the one being planned, as a weight 0.1 to 1.

    The role decides most (0.1 for an unrelated role, 1 for the same), the industry halves
    it at most, and a length more than ten minutes apart takes a fifth off. What is unknown
    (no role given for the plan, none recorded for the meeting) counts as half alike.
    """

    role: str | None
    industry: str | None
    minutes: int

    def role_factor(self, role: str | None) -> float:
        if not self.role:
            return 1.0
        alike = similarity(self.role, role)
        return 0.1 + 0.9 * (alike if alike is not None else 0.5)

    def is_like(self, role: str | None) -> bool:
        """Whether a meeting with ``role`` counts as "like this one" in a reason."""
        alike = similarity(self.role, role) if self.role else None
        return alike is not None and alike >= SIMILAR_ROLE

    def industry_factor(self, industry: str | None) -> float:
        if not self.industry:
            return 1.0
        alike = similarity(self.industry, industry)
        return 0.5 + 0.5 * (alike if alike is not None else 0.5)

    #: Factor of a meeting whose length is more than :data:`MINUTES_APART` from this one's.
    OTHER_LENGTH = 0.8
    MINUTES_APART = 10


@dataclass
class Lesson:
    """What history says about one question for the meeting being planned.

    Attributes:
        move: how far its importance moves from its weight (negative: down).
        drop: whether it is left out (rated poorly again and again).
        evidence: the reader's summary, e.g. "rated 5/5 in 4 earlier meetings with UX
            researchers"; empty when it was never rated.
        asked: meetings it was asked in, any kind.
    """

    move: float = 0.0
    drop: bool = False
    evidence: str = ""
    asked: int = 0


@dataclass
class Lessons:
    """Everything :func:`learn` found, per question key (see :func:`question_key`).

    Attributes:
        enough: whether there was enough history to learn from.
        by_key: the lesson of every question asked before.
        own: the user's own questions (not in the bank) that earned their place again.
        note: one sentence for the plan: what was learned from, or why nothing was.
        rotation: where exploration starts among equally important never-asked questions.
    """

    enough: bool
    by_key: dict[str, Lesson] = field(default_factory=dict)
    own: list[Question] = field(default_factory=list)
    note: str = ""
    rotation: int = 0

    def lesson(self, key: str) -> Lesson | None:
        """The lesson of a question key, or ``None`` when it was never asked."""
        return self.by_key.get(key)

    def never_asked(self, key: str) -> bool:
        """Whether the question was never asked in any debriefed meeting."""
        return key not in self.by_key


def normal_text(text: str) -> str:
    """A question's text reduced for matching: lower case, words only
    (:func:`infoview.text.words`)."""
    return words(text)


def question_key(question_id: str | None, text: str, bank_ids: frozenset[str] | set[str]) -> str:
    """The key a question learns under: its bank id, else ``text:`` and its normalised text.

    Panel ids (``own-1``) are numbered per plan, so the same number names different questions
    in different meetings: only ids of the bank count as ids.
    """
    if question_id and question_id in bank_ids:
        return question_id
    return "text:" + normal_text(text)


class _Templates:
    """Matches a filled-in text back to the bank question it came from ("How did you end up
    working as a nurse?" is path-01), for debriefs saved without bank ids."""

    def __init__(self, bank: Sequence[Question]):
        self._patterns = [(q.id, _template_pattern(q.text)) for q in bank]
        self._found: dict[str, str | None] = {}

    def match(self, normal: str) -> str | None:
        if normal not in self._found:
            self._found[normal] = next((qid for qid, p in self._patterns if p.fullmatch(normal)),
                                       None)
        return self._found[normal]


def _template_pattern(text: str) -> re.Pattern:
    # "a {role}" may come out as "an analyst" or "someone in your role": any words will do.
    parts = re.split(r"(?:\bas\s+an?\s+|\ban?\s+)?\{[a-z]+\}", text, flags=re.IGNORECASE)
    literal = [re.escape(normal_text(p)) for p in parts]
    return re.compile(r"\s*(?:\S.*?)?\s*".join(literal).strip() or "$^")


def _stem(word: str) -> str:
    for suffix in ("ers", "er", "ors", "or", "ists", "ist", "ians", "ian", "ing", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


_FILLER = frozenset({"a", "an", "the", "of", "and", "in", "for", "at", "to", "on", "with", "senior",
                     "junior", "lead", "head", "principal", "associate", "assistant", "trainee"})


def _words(text: str | None) -> frozenset[str]:
    return frozenset(_stem(w) for w in normal_text(text or "").split() if w not in _FILLER)


def similarity(a: str | None, b: str | None) -> float | None:
    """How alike two roles (or industries) are, 0 to 1; ``None`` when either is unknown.

    Words are compared without filler ("senior", "the") and endings ("researcher" and
    "research" match), so "UX researcher" and "senior UX research lead" are alike.
    """
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return None
    return len(wa & wb) / len(wa | wb)


def learn(history: QuestionHistory, bank: Iterable[Question], *, role: str | None,
          industry: str | None, minutes: int) -> Lessons:
    """What the user's history says about each question, for a meeting of this kind.

    Args:
        history: the user's debriefs.
        bank: the questions the plan chooses from (their ids are the keys that count).
        role, industry, minutes: the meeting being planned.

    Returns:
        The lessons; ``enough`` is false (and nothing moves) with too little history.
    """
    bank = list(bank)
    summary = history.summarise(Likeness(role, industry, minutes))
    if summary.rated_meetings < MIN_RATED_MEETINGS:
        had = summary.rated_meetings
        return Lessons(enough=False, note=(
            "The questions come in the suggested order, the most important first, until "
            f"you have rated answers in {MIN_RATED_MEETINGS} debriefs ({had} so far)."))
    weights = {q.id: q.weight for q in bank}
    templates = _Templates(bank)
    tallies: dict[str, Tally] = {}
    for tally in summary.tallies:
        key = tally.key
        if key.startswith("text:"):  # a bank question saved by its wording, or one's own
            key = templates.match(key[5:]) or key
        if key in tallies:
            tallies[key].add(tally)
        else:
            tallies[key] = Tally(key=key, text=tally.text)
            tallies[key].add(tally)
    lessons = Lessons(enough=True, rotation=summary.today.toordinal() + summary.meetings)
    for key, tally in tallies.items():
        lessons.by_key[key] = _lesson(tally, weights.get(key, OWN_WEIGHT), role)
    lessons.own = _own_questions(tallies, lessons.by_key)
    lessons.note = _learned_note(summary, tallies, role)
    return lessons


def _lesson(tally: Tally, weight: float, role: str | None) -> Lesson:
    if not tally.weight:
        return Lesson(asked=tally.asked)
    prior = min(5.0, max(1.0, weight))
    pulled = (tally.weighted_sum + prior * PRIOR_MEETINGS) / (tally.weight + PRIOR_MEETINGS)
    poor = (tally.like_rated if role else tally.all_rated) >= DROP_AFTER and (
        (tally.like_sum / tally.like_rated if role else tally.all_sum / tally.all_rated) <= DROP_AT)
    if tally.like_rated:
        evidence = (f"rated {_rating(tally.like_sum / tally.like_rated)}/5 in "
                    f"{_meetings(tally.like_rated)} with {_plural(role or '')}")
    else:
        evidence = f"rated {_rating(tally.all_sum / tally.all_rated)}/5 in {_meetings(tally.all_rated)}"
    return Lesson(move=pulled - weight, drop=poor and pulled <= DROP_AT, evidence=evidence,
                  asked=tally.asked)


def _own_questions(tallies: dict[str, Tally], lessons: dict[str, Lesson]) -> list[Question]:
    """The user's own questions that were asked in a few meetings and rated up."""
    own = []
    for key, tally in tallies.items():
        lesson = lessons[key]
        if (key.startswith("text:") and tally.asked >= OWN_MIN_MEETINGS
                and lesson.move >= NOTABLE_MOVE and not lesson.drop):
            digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
            own.append(Question(id=f"own-{digest}", category="own", text=tally.text.strip(),
                                minutes=OWN_MINUTES, weight=OWN_WEIGHT))
    return sorted(own, key=lambda q: q.id)


def _learned_note(history: HistorySummary, tallies: dict[str, Tally], role: str | None) -> str:
    like = max((t.like_rated for t in tallies.values()), default=0)
    about = (f", some with {_plural(role)}" if role and like else
             f"; none with {_plural(role)} yet, so all of them count a little" if role else "")
    return (f"Learned from {history.rated_meetings} debriefed meetings with rated answers"
            f"{about}: questions rated useful in meetings like this one move up, questions "
            "rated poorly again and again move down or out, and one you have never asked "
            "gets its turn.")


def _rating(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _meetings(count: int) -> str:
    return f"{count} earlier meeting{'s' if count != 1 else ''}"


def _plural(role: str) -> str:
    """"UX researchers" for "UX researcher", "analysts" for "an analyst"."""
    role = re.sub(r"^(?:a|an|the)\s+", "", role.strip(), flags=re.IGNORECASE)
    if not role:
        return "people in that role"
    low = role.lower()
    if low.endswith(("s", "x", "ch", "sh")):
        return role + "es" if not low.endswith("s") else role
    if low.endswith("y") and low[-2:-1] not in "aeiou":
        return role[:-1] + "ies"
    return role + "s"
