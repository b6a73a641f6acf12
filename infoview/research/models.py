"""Research results: what was learned about a company or a person, each fact with its source.

The dict views follow the JSON contract of ``infoview research company|person --json``
(see the README); keep them stable.
"""

from __future__ import annotations

from dataclasses import MISSING, asdict, dataclass, field, fields
from typing import Any

from infoview.errors import BadInput


@dataclass
class PersonMention:
    """A person named on a company's pages, with the page it came from.

    ``kind`` says how the page presents them: ``staff`` (the company's own people),
    ``quoted`` (signs a testimonial, a review or a quotation: a customer, not staff) or
    ``named`` (named in the text, such as an article's author, with no role at the company).
    """

    name: str
    title: str | None
    source_url: str
    kind: str = "staff"


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
class PageType:
    """The type research took a page for (see :mod:`infoview.research.extract.pagetype`).

    Attributes:
        url: the page.
        type: ``home``, ``about``, ``team``, ``news``, ``article``, ``careers``,
            ``contact``, ``investors``, ``product`` or ``other``.
        confidence: 0 to 1; below 0.5 the evidence was thin or split.
    """

    url: str
    type: str
    confidence: float


@dataclass
class DocumentFact:
    """A fact from a document the site links (an annual report): the sentence and its page.

    Attributes:
        kind: ``headcount``, ``revenue``, ``funding``, ``priorities`` or ``markets``.
        text: the sentence (or table row) it came from, as the document says it.
        page: the page number, 1-based, as a PDF viewer counts.
        value: the figure for headcount, revenue and funding ("1,240", "£48.2m").
    """

    kind: str
    text: str
    page: int
    value: str | None = None


@dataclass
class Document:
    """A report the site links, as research read it.

    Attributes:
        url: the document.
        kind: ``annual report``, ``impact report``, ``sustainability report`` or
            ``investor report``.
        year: the year it reports on, when the link, the file name or its cover says.
        title: the link's text (or the document's own title).
        pages: pages in the document (0 when it could not be read).
        facts: what was found in it, each with its page.
    """

    url: str
    kind: str
    year: int | None = None
    title: str | None = None
    pages: int = 0
    facts: list[DocumentFact] = field(default_factory=list)

    def label(self) -> str:
        """How the brief names it: "Annual report 2024"."""
        return f"{self.kind.capitalize()}{f' {self.year}' if self.year else ''}"

    def page_url(self, page: int) -> str:
        """The document's URL opened at ``page`` (PDF viewers honour ``#page=N``)."""
        return f"{self.url.split('#', 1)[0]}#page={page}"


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
    #: One entry per page read, in reading order: what it was taken for and how surely.
    page_types: list[PageType] = field(default_factory=list)
    #: Reports the site links (newest of each kind), read for facts with their pages.
    documents: list[Document] = field(default_factory=list)

    def staff(self) -> list[PersonMention]:
        """The company's own people (not the customers quoted on its pages, nor others named)."""
        return [p for p in self.people if p.kind == "staff"]

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``infoview research company --json`` (plus ``page_types``)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CompanyProfile:
        """Rebuild a profile from :meth:`to_dict` output (e.g. a stored snapshot)."""
        known = _known_fields(cls, data)
        for name, kind in (("people", PersonMention), ("news", NewsItem), ("facts", Fact),
                           ("fetched", FetchRecord), ("page_types", PageType)):
            known[name] = _items(kind, name, known.get(name))
        documents = _items(Document, "documents", known.get("documents"))
        for document in documents:
            document.facts = _items(DocumentFact, "documents facts", document.facts)
        known["documents"] = documents
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
    #: False when ``url`` lists them among others (a team page): it is where they were
    #: found, not a page of theirs, so it never identifies them.
    own_page: bool = True

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``infoview research person --json``."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PersonProfile:
        """Rebuild a profile from :meth:`to_dict` output."""
        return cls(**_known_fields(cls, data))


# Rebuilding from JSON that a user may have edited or mixed up: a wrong shape is a BadInput
# naming the field, not a TypeError from deep inside a dataclass.
_SHAPES = {"str": ((str,), "text"), "str | None": ((str, type(None)), "text or null"),
           "dict[str, str]": ((dict,), "an object"), "bool": ((bool,), "true or false")}
_LIST = ((list,), "a list")


def _known_fields(cls, data: Any) -> dict[str, Any]:
    """The fields of ``cls`` found in ``data``, their simple types checked."""
    if not isinstance(data, dict):
        raise BadInput(f"a {cls.__name__} must be a JSON object, not {type(data).__name__}")
    if not isinstance(data.get("url"), str) or not data["url"]:
        raise BadInput(f'a {cls.__name__} needs a "url" (text)')
    known = {}
    for f in fields(cls):
        if data.get(f.name) is None:  # absent or null: the field's default
            continue
        value = data[f.name]
        wanted, label = _SHAPES.get(str(f.type), _LIST if str(f.type).startswith("list") else (None, ""))
        if wanted and not isinstance(value, wanted):
            raise BadInput(f'"{f.name}" should be {label}, not {type(value).__name__}')
        known[f.name] = value
    return known


def _items(kind, name: str, values: Any) -> list:
    """``values`` (a list of JSON objects) as ``kind`` records; unknown keys are ignored."""
    if not values:
        return []
    names = [f.name for f in fields(kind)]
    required = [f.name for f in fields(kind) if f.default is MISSING]
    out = []
    for number, value in enumerate(values, 1):
        if not isinstance(value, dict):
            raise BadInput(f'"{name}" item {number} should be an object, not {type(value).__name__}')
        missing = [r for r in required if r not in value]
        if missing:
            raise BadInput(f'"{name}" item {number} has no {", ".join(missing)}')
        out.append(kind(**{k: v for k, v in value.items() if k in names}))
    return out
