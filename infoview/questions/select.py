"""Choose and order the questions for one meeting, for its time budget.

The ordering rule (``docs/method.md`` states it for users):

1. **Most important first.** A question's importance is its weight in the bank, plus small
   bonuses for what the user said (written for their audience +0.5, building on what
   research found +0.25, in their focus +1.5) and the move their own history earned (at
   most two points either way). Questions are taken in that order while they fit the time,
   so running out of time loses the least: a question is left out for a less important
   one only when it does not fit together with everything at least as important.
2. **Variety breaks ties only.** Among equally important questions, the category asked least
   so far goes first, then the bank's order. Variety never beats importance.
3. **What the user chose comes before the rule**: questions they include (in their order),
   then their favourites (by weight).
4. **Exploration.** With enough history, a plan that holds no question the user has never
   asked gets one: the most important never-asked question that fits, ties rotating with the
   date and the number of debriefs. Its reason says so.
5. **Always**: nothing the research answered, nothing already asked of this person, no
   question the linter flags unless the user included it or made it a favourite (then it
   keeps its mark, and a question about pay or a job ask goes last, never first), the
   time budget kept, and the closing pair asked, last, as the bank writes it.

The same inputs (and the same history on the same day) always give the same plan.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import get_close_matches
from typing import Any

from infoview.errors import BadInput
from infoview.questions.bank import fill_placeholders, load_bank, placeholders_in, shipped_questions
from infoview.questions.learn import (
    NOTABLE_MOVE,
    Lessons,
    QuestionHistory,
    learn,
    normal_text,
    question_key,
)
from infoview.questions.lint import FLAG_LABELS, flag_sentence, lint_codes, research_evidence
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
from infoview.questions.roles import role_to_ask
from infoview.questions.topics import topics_covered

__all__ = ["select_questions", "topics_covered", "MIN_MINUTES", "MAX_MINUTES"]

log = logging.getLogger(__name__)

#: Shortest and longest meeting a plan is made for.
MIN_MINUTES = 10
MAX_MINUTES = 240

#: Extra importance for questions written for the user's audience, for a focus category,
#: and for a question that builds on something research found. The first and the last
#: together stay under one point, so they never lift a question above a heavier one.
AUDIENCE_BONUS = 0.5
FOCUS_BONUS = 1.5
BUILDS_ON_BONUS = 0.25

#: Linter codes that keep a question out of a plan unless the user chose it.
_PLAN_FLAGS = ("closed", "salary", "job_ask", "double", "research_answerable", "too_long")
#: Flags that never open a conversation: such a question, when chosen, goes last.
_NEVER_FIRST = ("salary", "job_ask")
_FLAG_WHY = {"research_answerable": "asks what the company's own website usually answers",
             "too_long": "is too long to hold in mind when spoken"}

_CLOSING_REASONS = {
    0: "closing pair, always asked last: leads to the next people to talk to",
    1: "closing pair, always asked last: permission to use their name",
}
OWN_LABEL = "your own questions"


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
    history: QuestionHistory | None = None,
    host_title: str | None = None,
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
        history: the user's debriefs (:func:`infoview.flows.question_history.question_history`);
            ``None`` plans from the bank alone.
        host_title: the host's job title: when it names another role than ``role``, the
            questions about a role ask about theirs, and a note says so
            (:func:`~infoview.questions.roles.role_to_ask`).

    Returns:
        The plan: items in the order to ask them, ending with the closing pair; the questions
        left out with the reason; notes on what history taught; warnings where the plan
        overruled the user's question file.

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

    values = _fill_values(role, profession, industry, company, person, research)
    asked_role = role_to_ask(role, host_title, person)
    plan = _Planner(values={**values, "role": asked_role.role}, research=research,
                    audience=audience, focus=focus_set, minutes=minutes)
    plan.notes.append(asked_role.note or "")
    closing = plan.closing_pair(questions)
    bad_exclude = sorted(q.id for q in closing if q.id in exclude_ids)
    if bad_exclude:
        raise BadInput(f"{', '.join(bad_exclude)} belong to the closing pair, which every "
                       "plan asks; remove them from the exclude list")
    pair_ids = {q.id for q in closing}
    if history is not None:
        plan.lessons = learn(history, questions, role=values["role"],
                             industry=values["industry"], minutes=minutes)
        plan.notes.append(plan.lessons.note)

    asked_ids, asked_texts = _asked_sets(asked)
    candidates: list[Question] = []
    pool = [q for q in questions if q.id not in pair_ids and q.id not in include_ids]
    if plan.lessons is not None:
        pool += plan.lessons.own
    for q in pool:
        reason = plan.leave_out_reason(q, exclude_ids, asked_ids, asked_texts)
        if reason:
            plan.skipped.append(Skipped(q.id, reason))
        elif q.suits(audience) or q.category == "own":
            candidates.append(q)

    budget = _Budget(minutes - overhead_minutes() - sum(q.minutes for q in closing))
    if budget.left < 0:
        raise BadInput(f"a {minutes}-minute meeting is too short for the greeting, the "
                       "self-introduction and the closing pair; give more minutes")
    for qid in include_ids:
        q = by_id[qid]
        if q.id in pair_ids:
            continue
        if budget.fits(q):
            budget.take(q, plan.chosen_reason(q, "you asked to include it", explicit=True),
                        plan.importance(q))
        else:
            plan.skipped.append(Skipped(qid, f"included by you, but no time was left in {minutes} minutes"))
    for q in sorted((c for c in candidates if c.favourite), key=lambda c: (-c.weight, c.id)):
        if budget.fits(q):
            budget.take(q, plan.chosen_reason(q, "one of your favourites", explicit=True),
                        plan.importance(q))
    picked = {q.id for q, _, _ in budget.chosen}
    ranked = [q for q in candidates if q.id not in picked and not q.favourite]
    plan.fill(budget, ranked)
    plan.say_moved_down(ranked, budget)

    items = [plan.item(q, reason, value) for q, reason, value in plan.final_order(budget)]
    items += [plan.item(q, _CLOSING_REASONS.get(i, "closing pair, always asked last"), None)
              for i, q in enumerate(closing)]
    log.debug("plan of %d questions for %d minutes", len(items), minutes)
    return QuestionPlan(items=items, meeting_minutes=minutes, overhead_minutes=overhead_minutes(),
                        skipped=plan.skipped, notes=[n for n in plan.notes if n],
                        warnings=plan.warnings)


class _Budget:
    """The minutes left for questions, and what was chosen so far (per category too)."""

    def __init__(self, minutes: float):
        self.total = minutes
        self.left = minutes
        self.chosen: list[tuple[Question, str, float]] = []
        self.counts: dict[str, int] = {}

    def fits(self, q: Question) -> bool:
        return q.minutes <= self.left + 1e-9

    def take(self, q: Question, reason: str, value: float) -> None:
        self.chosen.append((q, reason, value))
        self.left -= q.minutes
        self.counts[q.category] = self.counts.get(q.category, 0) + 1


@dataclass
class _Planner:
    """One plan in the making: what it knows (fills, research, history) and what it found."""

    values: dict[str, str | None]
    research: Any
    audience: str
    focus: set[str]
    minutes: int
    lessons: Lessons | None = None
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    explored: str | None = None

    def __post_init__(self) -> None:
        self.covered = topics_covered(self.research)
        name = self.values.get("company")
        self._name = name if name and self.research is not None else None
        self._flags: dict[str, tuple[str, ...]] = {}
        self._importance: dict[str, float] = {}
        self._texts: dict[tuple[str, str], str] = {}
        self._shipped = {q.id: q for q in shipped_questions()}

    # -- what each question is -----------------------------------------------------------
    def text(self, q: Question) -> str:
        """The question as it will be asked, placeholders filled."""
        if (q.id, q.text) not in self._texts:
            self._texts[(q.id, q.text)] = fill_placeholders(q.text, self.values)
        return self._texts[(q.id, q.text)]

    def flags(self, q: Question) -> tuple[str, ...]:
        """The linter's codes for the question as it will be asked."""
        text = self.text(q)  # by text: a user's file may reword a question of the bank
        if text not in self._flags:
            codes = lint_codes(text, self._name)
            self._flags[text] = tuple(c for c in _PLAN_FLAGS if c in codes)
        return self._flags[text]

    def from_user(self, q: Question) -> bool:
        """Whether the question (or its wording) comes from the user's own file."""
        shipped = self._shipped.get(q.id)
        return shipped is None or shipped.text != q.text or shipped.category != q.category

    def key(self, q: Question) -> str:
        """The key the question learns under: its id, or its text for an own question."""
        return question_key(None if q.category == "own" else q.id, q.text, {q.id})

    def importance(self, q: Question) -> float:
        """The question's importance for this meeting (see the module's ordering rule)."""
        if q.id not in self._importance:
            self._importance[q.id] = self._importance_of(q)
        return self._importance[q.id]

    def _importance_of(self, q: Question) -> float:
        value = q.weight
        if self.audience != "anyone" and self.audience in q.audiences:
            value += AUDIENCE_BONUS
        if q.category in self.focus:
            value += FOCUS_BONUS
        if any(t in self.covered for t in q.builds_on):
            value += BUILDS_ON_BONUS
        lesson = self.lessons.lesson(self.key(q)) if self.lessons else None
        if lesson is not None and self.lessons is not None and self.lessons.enough:
            value += lesson.move
        return round(value, 6)

    # -- the closing pair ------------------------------------------------------------------
    def closing_pair(self, questions: list[Question]) -> list[Question]:
        """The closing pair as the bank writes it; a user file that moves, drops or spoils
        one of them is overruled, with a warning."""
        shipped_pair = [q for q in shipped_questions() if q.category == "closing"]
        by_id = {q.id: q for q in questions}
        if not any(q.id in by_id for q in shipped_pair):  # a bank of the user's own
            pair = sorted((q for q in questions if q.category == "closing"), key=lambda q: q.id)
            if not pair:
                raise BadInput("the question bank has no closing questions (category "
                               "'closing'); add them back to your question file")
            return pair
        pair = []
        for original in shipped_pair:
            mine = by_id.get(original.id, original)
            problem = None
            if mine.category != "closing":
                problem = f"moves {original.id} to the {mine.category} category"
            elif mine.never:
                problem = f"marks {original.id} never to ask"
            elif self.flags(mine):
                problem = f"rewords {original.id} so that it {_flag_words(self.flags(mine))}"
            if problem:
                self.warnings.append(
                    f"Your question file {problem}; the closing pair is always asked, last, "
                    f"as the bank writes it: \"{fill_placeholders(original.text, self.values)}\"")
                mine = original
            pair.append(mine)
        return pair

    # -- leaving out -------------------------------------------------------------------------
    def leave_out_reason(self, q: Question, exclude_ids: set[str], asked_ids: set[str],
                         asked_texts: set[str]) -> str | None:
        if q.never:
            return "marked never to ask in your question file"
        if q.id in exclude_ids:
            return "excluded by you"
        if (q.id in asked_ids or normal_text(q.text) in asked_texts
                or normal_text(self.text(q)) in asked_texts):
            return "already asked of this person"
        for topic in q.answered_by_research:
            if topic in self.covered:
                return f"research already answers it: {self.covered[topic]}"
        flags = self.flags(q)
        if flags and not q.favourite:
            return self._flag_reason(q, flags)
        lesson = self.lessons.lesson(self.key(q)) if self.lessons and self.lessons.enough else None
        if lesson is not None and lesson.drop and not q.favourite:
            return f"your history: {lesson.evidence}, so it is left out this time"
        return None

    def _flag_reason(self, q: Question, flags: tuple[str, ...]) -> str:
        if "research_answerable" in flags:
            found = research_evidence(self.text(q), self.research)
            if found:
                return f"research already answers it: {found}"
        said = _flag_words(flags)
        if self.from_user(q):
            self.warnings.append(f"Left out {q.id} from your question file: it {said} "
                                 "(include it, or make it a favourite, to ask it anyway).")
        return f"the linter flags it: it {said}"

    # -- choosing ----------------------------------------------------------------------------
    def fill(self, budget: _Budget, ranked: list[Question]) -> None:
        """Take the most important questions that fit, keeping one turn for exploration."""
        ranked = list(ranked)
        order = {q.id: i for i, q in enumerate(ranked)}
        explore = self._exploration(budget, ranked, order)
        if explore is not None:
            budget.left -= explore.minutes
            ranked = [q for q in ranked if q.id != explore.id]
        start = len(budget.chosen)
        while (best := self._most_important_next(ranked, budget, order)) is not None:
            ranked.remove(best)
            earlier = budget.counts.get(best.category, 0)
            budget.take(best, self.chosen_reason(best, self._rank_words(best, earlier)),
                        self.importance(best))
        if explore is not None:
            budget.left += explore.minutes
            value = self.importance(explore)
            reason = self.chosen_reason(explore, self._rank_words(explore, 0)) + (
                "; never asked in your meetings yet: given a turn so the plan can learn how it "
                "works for you")
            # In its place by importance among what the plan chose itself.
            at = next((i for i in range(start, len(budget.chosen)) if budget.chosen[i][2] < value),
                      len(budget.chosen))
            budget.chosen.insert(at, (explore, reason, value))
            budget.left -= explore.minutes
            budget.counts[explore.category] = budget.counts.get(explore.category, 0) + 1
            self.explored = explore.id

    def say_moved_down(self, ranked: list[Question], budget: _Budget) -> None:
        """Questions history moved down and out of the plan are listed as left out, with why."""
        if self.lessons is None or not self.lessons.enough:
            return
        chosen = {q.id for q, _, _ in budget.chosen}
        for q in ranked:
            lesson = self.lessons.lesson(self.key(q))
            if q.id not in chosen and lesson is not None and lesson.move <= -NOTABLE_MOVE:
                self.skipped.append(Skipped(q.id, f"moved down by your history ({lesson.evidence}); "
                                                  "the time went to more important questions"))

    def _exploration(self, budget: _Budget, ranked: list[Question],
                     order: dict[str, int]) -> Question | None:
        """The never-asked question to give a turn, when the plan would hold none."""
        lessons = self.lessons
        if lessons is None or not lessons.enough:
            return None
        trial = _Budget(budget.left)
        trial.counts = dict(budget.counts)
        rest = list(ranked)
        while (best := self._most_important_next(rest, trial, order)) is not None:
            rest.remove(best)
            trial.take(best, "", 0.0)
        chosen = [q for q, _, _ in budget.chosen + trial.chosen]
        if any(lessons.never_asked(self.key(q)) for q in chosen):
            return None
        never = [q for q in rest if lessons.never_asked(self.key(q)) and budget.fits(q)]
        if not never:
            return None
        top = max(self.importance(q) for q in never)
        tied = [q for q in never if self.importance(q) == top]
        return tied[lessons.rotation % len(tied)]

    def _most_important_next(self, pool: list[Question], budget: _Budget,
                             order: dict[str, int]) -> Question | None:
        """The most important question of ``pool`` that fits; ties go to the category asked
        least so far, then to the bank's order."""
        best, best_key = None, None
        for q in pool:
            if not budget.fits(q):
                continue
            key = (-self.importance(q), budget.counts.get(q.category, 0), order[q.id])
            if best_key is None or key < best_key:
                best, best_key = q, key
        return best

    def _rank_words(self, q: Question, earlier: int) -> str:
        label = OWN_LABEL if q.category == "own" else CATEGORY_LABELS[q.category]
        rank = "most valuable" if earlier == 0 else "next most valuable"
        return f"{rank} question on {label} (value {q.weight:g})"

    def chosen_reason(self, q: Question, why: str, *, explicit: bool = False) -> str:
        """Why ``q`` is in the plan; for the user's explicit choices (``explicit``), their
        choice and any mark of the linter only."""
        parts = [why]
        if explicit:
            return "; ".join(parts + self._marks(q))
        if self.audience != "anyone" and self.audience in q.audiences:
            parts.append(f"written for a {self.audience.replace('_', ' ')}")
        if q.category in self.focus:
            parts.append("in your focus")
        built = [self.covered[t] for t in q.builds_on if t in self.covered]
        if built:
            parts.append(f"builds on what research found: {built[0]}")
        tiara = [t for t in q.tags if t in TIARA_TAGS]
        if tiara:
            parts.append("TIARA: " + ", ".join(tiara))
        lesson = self.lessons.lesson(self.key(q)) if self.lessons and self.lessons.enough else None
        if lesson is not None and lesson.evidence:
            against = "its weight" if q.category != "own" else "a new question's"
            if lesson.move >= NOTABLE_MOVE:
                parts.append(f"moved up: {lesson.evidence}, above {against} {q.weight:g}")
            elif lesson.move <= -NOTABLE_MOVE:
                parts.append(f"moved down: {lesson.evidence}, below {against} {q.weight:g}")
        return "; ".join(parts + self._marks(q))

    def _marks(self, q: Question) -> list[str]:
        """The linter's mark on a question the user chose although it is flagged, with a
        warning that says so."""
        flags = self.flags(q)
        if not flags:
            return []
        where = ("last, just before the closing pair" if any(f in _NEVER_FIRST for f in flags)
                 else "where you placed it")
        self.warnings.append(f"{q.id} {_flag_words(flags)}; it is in the plan only because you "
                             f"chose it, marked, and asked {where}.")
        return ["⚠ " + ", ".join(FLAG_LABELS.get(f, _FLAG_WHY.get(f, f)) for f in flags)]

    def final_order(self, budget: _Budget) -> list[tuple[Question, str, float]]:
        """The chosen questions in asking order: extra closing questions and anything about
        pay or a job go last (in that order), before the closing pair."""
        def rank(entry: tuple[Question, str, float]) -> int:
            q = entry[0]
            if any(f in _NEVER_FIRST for f in self.flags(q)):
                return 2
            return 1 if q.category == "closing" else 0

        return sorted(budget.chosen, key=rank)

    def item(self, q: Question, reason: str, value: float | None) -> PlanItem:
        text = self.text(q)
        left = placeholders_in(text)
        if left:
            raise BadInput(f"question {q.id} holds unknown placeholder(s) "
                           f"{', '.join('{' + p + '}' for p in left)}; fix it in your question file")
        return PlanItem(id=q.id, category=q.category, text=text, minutes=q.minutes,
                        reason=reason, importance=value)


def _flag_words(flags: Iterable[str]) -> str:
    """What the flags say the question does: "asks about pay and is too long to ..."."""
    flags = list(flags)
    phrases = [flag_sentence([f for f in flags if f in FLAG_LABELS])]
    phrases += [_FLAG_WHY[f] for f in flags if f not in FLAG_LABELS]
    return " and ".join(p for p in phrases if p)


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


def _asked_sets(asked: Iterable[str]) -> tuple[set[str], set[str]]:
    ids, texts = set(), set()
    for entry in asked or ():
        entry = str(entry).strip()
        ids.add(entry)
        texts.add(normal_text(entry))
    return ids, texts
