"""Research results: what was learned about a company or a person, each fact with its source.

The dict views follow the JSON contract of ``infoview research company|person --json``
(see the README); keep them stable.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class PersonMention:
    """A person named on a company's pages, with the page it came from."""

    name: str
    title: str | None
    source_url: str


@dataclass
class NewsItem:
    """A news item or press release; ``date`` is ``YYYY-MM-DD`` or ``None``."""

    title: str
    date: str | None
    url: str


@dataclass
class Fact:
    """A sentence of evidence and the page it came from."""

    text: str
    source_url: str


@dataclass
class FetchRecord:
    """One page requested during research."""

    url: str
    status: int
    from_cache: bool


@dataclass
class CompanyProfile:
    """What research found about a company, from its own public pages."""

    url: str
    name: str | None = None
    description: str | None = None
    summary: str | None = None
    industry: str | None = None
    location: str | None = None
    founded: str | None = None
    people: list[PersonMention] = field(default_factory=list)
    news: list[NewsItem] = field(default_factory=list)
    social: dict[str, str] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    fetched: list[FetchRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``infoview research company --json``."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "CompanyProfile":
        """Rebuild a profile from :meth:`to_dict` output (e.g. a stored snapshot)."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["people"] = [PersonMention(**p) for p in known.get("people") or []]
        known["news"] = [NewsItem(**n) for n in known.get("news") or []]
        known["facts"] = [Fact(**f) for f in known.get("facts") or []]
        known["fetched"] = [FetchRecord(**f) for f in known.get("fetched") or []]
        return cls(**known)


@dataclass
class PersonProfile:
    """What research found about a person from a public bio or profile page."""

    url: str
    name: str | None = None
    title: str | None = None
    organization: str | None = None
    location: str | None = None
    bio: str | None = None
    links: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``infoview research person --json``."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "PersonProfile":
        """Rebuild a profile from :meth:`to_dict` output."""
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})
