"""Records of the question bank, of a plan and of the linter."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: The bank's categories, in the order a conversation usually moves through them.
CATEGORIES: tuple[str, ...] = (
    "path", "role", "workplace", "industry", "advice", "feedback", "resources", "closing",
)

AUDIENCES: tuple[str, ...] = ("student", "career_changer", "job_seeker", "anyone")


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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class PlanItem:
    """A question chosen for a meeting, filled in, with why it was chosen."""

    id: str
    category: str
    text: str
    minutes: float
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``infoview questions plan --json`` (one element)."""
        return asdict(self)


@dataclass
class Skipped:
    """A question left out of a plan, and why (shown by ``--explain``)."""

    id: str
    reason: str


@dataclass
class QuestionPlan:
    """An ordered plan for a meeting of ``meeting_minutes``.

    ``overhead_minutes`` is the fixed part of the meeting (greeting, purpose, the user's
    self-introduction, wrap-up); ``items`` fit in what is left.
    """

    items: list[PlanItem]
    meeting_minutes: int
    overhead_minutes: float
    skipped: list[Skipped] = field(default_factory=list)

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
