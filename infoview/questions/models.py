"""Records of the question bank, of a plan and of the linter."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: The bank's categories, in the order a conversation usually moves through them.
CATEGORIES: tuple[str, ...] = (
    "path", "role", "workplace", "industry", "advice", "feedback", "resources", "closing",
)

AUDIENCES: tuple[str, ...] = ("student", "career_changer", "job_seeker", "anyone")

#: How each category reads in a plan's reasons and listings.
CATEGORY_LABELS: dict[str, str] = {
    "path": "the person's path",
    "role": "the role and a typical day",
    "workplace": "the workplace and tools",
    "industry": "the industry and its trends",
    "advice": "advice for you",
    "feedback": "feedback on you",
    "resources": "resources and associations",
    "closing": "the closing pair",
}

#: What research on a company can answer, so that a plan skips questions about it. Each
#: topic is one kind of fact: ``founded`` is the founding year (it answers "when was it
#: founded?"), ``history`` the company's story (how it started, what it grew from); a year
#: alone tells nothing of how a company changed.
RESEARCH_TOPICS: tuple[str, ...] = (
    "what_company_does", "products", "size", "founded", "history", "locations", "leadership",
)

#: The TIARA framework (trends, insights, advice, resources, assignments), kept as tags.
TIARA_TAGS: tuple[str, ...] = ("trends", "insights", "advice", "resources", "assignments")

#: Placeholders a bank question may hold; see ``infoview.questions.bank.fill_placeholders``.
PLACEHOLDERS: tuple[str, ...] = ("role", "profession", "industry", "company", "person")


@dataclass(frozen=True)
class AgendaPart:
    """A fixed part of the meeting that is not a question (the brief's agenda uses these)."""

    key: str
    label: str
    minutes: float


#: The fixed parts of every meeting, in agenda order. The questions fit in what is left.
#: The closing pair is a question category, not part of this overhead.
MEETING_OVERHEAD: tuple[AgendaPart, ...] = (
    AgendaPart("greeting", "Greeting and thanks", 1.0),
    AgendaPart("purpose", "Restate the purpose: information and advice, not a job", 0.5),
    AgendaPart("self_introduction", "Short self-introduction, if asked", 1.5),
    AgendaPart("wrap_up", "Wrap-up: thanks, what you will do next, end on time", 1.0),
)


def overhead_minutes() -> float:
    """Minutes of :data:`MEETING_OVERHEAD` in all."""
    return sum(part.minutes for part in MEETING_OVERHEAD)


@dataclass
class Question:
    """One question of the bank, its text still holding ``{placeholders}``."""

    id: str
    category: str
    text: str
    minutes: float
    weight: float
    audiences: list[str] = field(default_factory=lambda: ["anyone"])
    answered_by_research: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    favourite: bool = False
    never: bool = False
    builds_on: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The question as a plain dict (``infoview questions bank --json``, one element)."""
        return asdict(self)

    def suits(self, audience: str) -> bool:
        """Whether the question fits someone of ``audience`` (one of :data:`AUDIENCES`).

        A question for ``anyone`` suits everybody; a question written for students suits
        students only, and is not offered when the audience is ``anyone``.
        """
        return "anyone" in self.audiences or audience in self.audiences


def audience_key(value: str | None) -> str:
    """``value`` as one of :data:`AUDIENCES` ("Career changer" -> ``career_changer``).

    Raises:
        BadInput: the value names no known audience.
    """
    from infoview.errors import BadInput

    key = (value or "anyone").strip().lower().replace("-", "_").replace(" ", "_")
    if key not in AUDIENCES:
        raise BadInput(f"unknown audience {value!r}; use one of {', '.join(AUDIENCES)}")
    return key


@dataclass
class PlanItem:
    """A question chosen for a meeting, filled in, with why it was chosen."""

    id: str
    category: str
    text: str
    minutes: float
    reason: str
    #: How important the plan judged it (weight, bonuses and what history taught); ``None``
    #: for the closing pair and for questions not chosen by a plan. Not part of the JSON.
    importance: float | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``infoview questions plan --json`` (one element)."""
        return {"id": self.id, "category": self.category, "text": self.text,
                "minutes": self.minutes, "reason": self.reason}


@dataclass
class Skipped:
    """A question left out of a plan, and why (shown by ``--explain``)."""

    id: str
    reason: str


@dataclass
class QuestionPlan:
    """An ordered plan for a meeting of ``meeting_minutes``.

    ``overhead_minutes`` is the fixed part of the meeting (greeting, purpose, the user's
    self-introduction, wrap-up); ``items`` fit in what is left. ``notes`` say what the plan
    learned from the user's history (or that there was too little to learn from);
    ``warnings`` say where the plan overruled the user's own question file (a flagged
    question kept out or moved back, the closing pair restored), for the user to read.
    """

    items: list[PlanItem]
    meeting_minutes: int
    overhead_minutes: float
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def question_minutes(self) -> float:
        """Minutes the questions take in all."""
        return sum(item.minutes for item in self.items)

    def to_list(self) -> list[dict[str, Any]]:
        """The JSON contract of ``infoview questions plan --json``."""
        return [item.to_dict() for item in self.items]


@dataclass
class LintWarning:
    """One problem the linter found in a question."""

    code: str
    message: str
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``infoview questions lint --json`` (one element)."""
        return asdict(self)
