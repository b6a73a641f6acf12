"""Choose and order the questions for one meeting, for its time budget.

The plan puts the most valuable questions first (so that running out of time loses the
least), mixes categories, leaves out what was already asked of this person and what
research already answers, fills every placeholder, and always ends with the closing pair.
The same inputs always give the same plan.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from difflib import get_close_matches

from infoview.errors import BadInput
from infoview.questions.bank import fill_placeholders, load_bank, placeholders_in
from infoview.questions.models import (
    CATEGORIES,
    CATEGORY_LABELS,
    TIARA_TAGS,
    PlanItem,
    Question,
    QuestionPlan,
    Skipped,
    audience_key,
    overhead_minutes,
)
from infoview.questions.topics import topics_covered

__all__ = ["select_questions", "topics_covered", "MIN_MINUTES", "MAX_MINUTES"]

log = logging.getLogger(__name__)

#: Shortest and longest meeting a plan is made for.
MIN_MINUTES = 10
MAX_MINUTES = 240

#: Each further question of a category counts this much less, so categories mix; a focus
#: category decays only slightly, so that it can dominate.
_REPEAT_DECAY = 0.6
_FOCUS_DECAY = 0.95
#: Extra value for questions written for the user's audience, and for a focus category.
_AUDIENCE_BONUS = 0.5
_FOCUS_BONUS = 1.5

_CLOSING_REASONS = {
    0: "closing pair, always asked last: leads to the next people to talk to",
    1: "closing pair, always asked last: permission to use their name",
}


def select_questions(
    *,
    role: str | None = None,
    profession: str | None = None,
    industry: str | None = None,
    company: str | None = None,
    person: str | None = None,
    audience: str = "anyone",
    minutes: int = 20,
    research=None,
    asked: Iterable[str] = (),
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    bank: Iterable[Question] | None = None,
    focus: str | Iterable[str] | None = None,
) -> QuestionPlan:
    """Build the ordered question plan for one meeting.

    Args:
        role, profession, industry, company, person: fill the bank's placeholders; a missing
            one gets a neutral phrase ("your field", "your company", ...). ``company`` and
            ``industry`` default to what ``research`` found.
        audience: who is asking: ``student``, ``career_changer``, ``job_seeker`` or
            ``anyone``; questions written for another audience are left out.
        minutes: length of the meeting, :data:`MIN_MINUTES` to :data:`MAX_MINUTES`. The
            questions fit in what the fixed parts
            (:data:`~infoview.questions.models.MEETING_OVERHEAD`) leave.
        research: optional :class:`~infoview.research.models.CompanyProfile` (or its dict);
            questions about what it already covers are left out.
        asked: ids or texts of questions already asked of this person (left out).
        include: ids that must be in the plan (first, in the order given), time allowing.
        exclude: ids never to use in this plan.
        bank: the questions to choose from; :func:`~infoview.questions.bank.load_bank` by
            default (the shipped bank merged with the user's file).
        focus: a category (or several) allowed to dominate and favoured.

    Returns:
        The plan: items in the order to ask them, ending with the closing pair, and the
        questions left out with the reason.

    Raises:
        BadInput: minutes out of range, an unknown audience, focus or question id.
    """
    minutes = _check_minutes(minutes)
    audience = audience_key(audience)
    focus_set = _check_focus(focus)
    questions = list(bank) if bank is not None else load_bank()
    by_id = {q.id: q for q in questions}
    include_ids = _check_ids(include, by_id, "include")
    exclude_ids = set(_check_ids(exclude, by_id, "exclude"))
    both = sorted(exclude_ids.intersection(include_ids))
    if both:
        raise BadInput(f"question(s) {', '.join(both)} are both included and excluded; choose one")
    closing = sorted((q for q in questions if q.category == "closing"), key=lambda q: q.id)
    if not closing:
        raise BadInput("the question bank has no closing questions (category 'closing'); "
                       "add them back to your question file")
    bad_exclude = sorted(q.id for q in closing if q.id in exclude_ids)
    if bad_exclude:
        raise BadInput(f"{', '.join(bad_exclude)} belong to the closing pair, which every "
                       "plan asks; remove them from the exclude list")

    values = _fill_values(role, profession, industry, company, person, research)
    covered = topics_covered(research)
    asked_ids, asked_texts = _asked_sets(asked)

    skipped: list[Skipped] = []
    candidates: list[Question] = []
    for q in questions:
        if q.category == "closing" or q.id in include_ids:
            continue
        reason = _leave_out_reason(q, values, exclude_ids, asked_ids, asked_texts, covered)
        if reason:
            skipped.append(Skipped(q.id, reason))
        elif q.suits(audience):
            candidates.append(q)

    overhead = overhead_minutes()
    budget = _Budget(minutes - overhead - sum(q.minutes for q in closing))
    if budget.left < 0:
        raise BadInput(f"a {minutes}-minute meeting is too short for the greeting, the "
                       "self-introduction and the closing pair; give more minutes")
    for qid in include_ids:
        q = by_id[qid]
        if q.category == "closing":
            continue
        if budget.fits(q):
            budget.take(q, "you asked to include it")
        else:
            skipped.append(Skipped(qid, f"included by you, but no time was left in {minutes} minutes"))
    for q in sorted((c for c in candidates if c.favourite), key=lambda c: (-c.weight, c.id)):
        if budget.fits(q):
            budget.take(q, "one of your favourites")
    picked = {q.id for q, _ in budget.chosen}
    pool = [q for q in candidates if q.id not in picked]
    while (best := _most_valuable_next(pool, budget, audience, focus_set)) is not None:
        pool.remove(best)
        budget.take(best, _reason(best, audience, focus_set, budget.counts.get(best.category, 0)))

    items = [_item(q, reason, values) for q, reason in budget.chosen]
    items += [_item(q, _CLOSING_REASONS.get(i, "closing pair, always asked last"), values)
              for i, q in enumerate(closing)]
    log.debug("plan of %d questions for %d minutes", len(items), minutes)
    return QuestionPlan(items=items, meeting_minutes=minutes, overhead_minutes=overhead,
                        skipped=skipped)


class _Budget:
    """The minutes left for questions, and what was chosen so far (per category too)."""

    def __init__(self, minutes: float):
        self.left = minutes
        self.chosen: list[tuple[Question, str]] = []
        self.counts: dict[str, int] = {}

    def fits(self, q: Question) -> bool:
        return q.minutes <= self.left + 1e-9

    def take(self, q: Question, reason: str) -> None:
        self.chosen.append((q, reason))
        self.left -= q.minutes
        self.counts[q.category] = self.counts.get(q.category, 0) + 1


def _most_valuable_next(pool: list[Question], budget: _Budget, audience: str,
                        focus: set[str]) -> Question | None:
    """The best question of ``pool`` that fits the time and keeps categories mixed.

    Each earlier question of the same category lowers a question's value, and no category
    may take more than half of the questions (unless it is in ``focus``). Ties go to the
    bank's order, so the same inputs give the same plan.
    """
    best, best_key = None, None
    half = max(1, (len(budget.chosen) + 1) // 2)
    for index, q in enumerate(pool):
        count = budget.counts.get(q.category, 0)
        if not budget.fits(q) or (q.category not in focus and count + 1 > half):
            continue
        decay = _FOCUS_DECAY if q.category in focus else _REPEAT_DECAY
        key = (-_value(q, audience, focus) * decay ** count, index)
        if best_key is None or key < best_key:
            best, best_key = q, key
    return best


def _check_minutes(minutes) -> int:
    if isinstance(minutes, bool):
        raise BadInput(f"minutes must be a whole number of minutes, not {minutes!r}")
    try:
        number = float(minutes)
    except (TypeError, ValueError):
        raise BadInput(f"minutes must be a whole number of minutes, not {minutes!r}") from None
    if number != number or not number.is_integer():
        raise BadInput(f"minutes must be a whole number of minutes, not {minutes!r}")
    if not MIN_MINUTES <= number <= MAX_MINUTES:
        raise BadInput(f"the meeting must last {MIN_MINUTES} to {MAX_MINUTES} minutes, not "
                       f"{number:g}; informational interviews usually take 15 to 30")
    return int(number)


def _check_focus(focus) -> set[str]:
    if not focus:
        return set()
    names = [focus] if isinstance(focus, str) else list(focus)
    bad = [f for f in names if f not in CATEGORIES or f == "closing"]
    if bad:
        raise BadInput(f"unknown focus {', '.join(map(repr, bad))}; use one of "
                       f"{', '.join(c for c in CATEGORIES if c != 'closing')}")
    return set(names)


def _check_ids(ids, by_id: dict[str, Question], what: str) -> list[str]:
    """The ids, de-duplicated in order; an unknown one is an error with a close match."""
    if isinstance(ids, str):
        ids = re.split(r"[,\s]+", ids)
    out: list[str] = []
    for qid in ids:
        qid = str(qid).strip()
        if not qid or qid in out:
            continue
        if qid not in by_id:
            near = get_close_matches(qid, list(by_id), n=1)
            hint = f" (did you mean {near[0]}?)" if near else "; `infoview questions bank` lists them"
            raise BadInput(f"cannot {what} unknown question id {qid!r}{hint}")
        out.append(qid)
    return out


def _fill_values(role, profession, industry, company, person, research) -> dict[str, str | None]:
    if research is not None:
        get = research.get if isinstance(research, dict) else lambda k: getattr(research, k, None)
        company = company or get("name")
        # Research reports an industry as a label ("Digital health"); it reads mid-sentence.
        found = get("industry")
        if not industry and found:
            industry = found if found[:2].isupper() else found[:1].lower() + found[1:]
    return {"role": role, "profession": profession, "industry": industry,
            "company": company, "person": person}


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _asked_sets(asked: Iterable[str]) -> tuple[set[str], set[str]]:
    ids, texts = set(), set()
    for entry in asked or ():
        entry = str(entry).strip()
        ids.add(entry)
        texts.add(_normal(entry))
    return ids, texts


def _leave_out_reason(q, values, exclude_ids, asked_ids, asked_texts, covered) -> str | None:
    if q.never:
        return "marked never to ask in your question file"
    if q.id in exclude_ids:
        return "excluded by you"
    if (q.id in asked_ids or _normal(q.text) in asked_texts
            or _normal(fill_placeholders(q.text, values)) in asked_texts):
        return "already asked of this person"
    for topic in q.answered_by_research:
        if topic in covered:
            return f"research already answers it: {covered[topic]}"
    return None


def _value(q: Question, audience: str, focus: set[str]) -> float:
    value = q.weight
    if audience != "anyone" and audience in q.audiences:
        value += _AUDIENCE_BONUS
    if q.category in focus:
        value += _FOCUS_BONUS
    return value


def _reason(q: Question, audience: str, focus: set[str], earlier: int) -> str:
    rank = "most valuable" if earlier == 0 else "next most valuable"
    parts = [f"{rank} question on {CATEGORY_LABELS[q.category]} (value {q.weight:g})"]
    if audience != "anyone" and audience in q.audiences:
        parts.append(f"written for a {audience.replace('_', ' ')}")
    if q.category in focus:
        parts.append("in your focus")
    tiara = [t for t in q.tags if t in TIARA_TAGS]
    if tiara:
        parts.append("TIARA: " + ", ".join(tiara))
    return "; ".join(parts)


def _item(q: Question, reason: str, values: dict[str, str | None]) -> PlanItem:
    text = fill_placeholders(q.text, values)
    left = placeholders_in(text)
    if left:
        raise BadInput(f"question {q.id} holds unknown placeholder(s) "
                       f"{', '.join('{' + p + '}' for p in left)}; fix it in your question file")
    return PlanItem(id=q.id, category=q.category, text=text, minutes=q.minutes, reason=reason)
