"""Reports a company's site links (annual, impact, sustainability, investor): found, the
newest of each kind chosen, fetched politely within the size cap, and read for facts.

Each fact keeps the document, its year and its page: in ``CompanyProfile.documents`` in full,
and in ``CompanyProfile.facts`` as a sentence whose source is the PDF opened at that page
(``report.pdf#page=7``), so that the brief and gap-aware question selection use it like any
fact from the site. A report that cannot be read (scanned, encrypted, broken, over the cap)
is a warning, never a failed research.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from urllib.parse import unquote, urlsplit

from infoview.research.extract.links import Link
from infoview.research.extract.pdftext import pdf_text
from infoview.research.extract.reportfacts import report_facts
from infoview.research.models import Document, DocumentFact, Fact

log = logging.getLogger(__name__)

#: Documents read at most per company (the newest of each kind, annual report first).
MAX_DOCUMENTS = 2
#: Report kinds, most wanted first, with the words that name them in a link or file name.
KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("annual report", re.compile(r"\b(annual (report|review|accounts)|integrated report|"
                                 r"year in review|report and accounts|financial statements)\b")),
    ("impact report", re.compile(r"\b(impact report|social impact|impact review)\b")),
    ("sustainability report", re.compile(r"\b(sustainability|esg|csr|responsibility|environmental)"
                                         r"( report| review)?\b")),
    ("investor report", re.compile(r"\b(investor (report|presentation|update)|results presentation|"
                                   r"shareholder letter|letter to shareholders)\b")),
)
_YEAR = re.compile(r"(?<!\d)(?:fy\s?)?((?:19|20)\d\d)(?:\s?[-/–]\s?(\d{2}|(?:19|20)\d\d))?(?!\d)")
_SHORT_FY = re.compile(r"\bfy\s?(\d\d)\b")


@dataclass
class ReportLink:
    """A link to a report: where, what kind, which year (``None`` when nothing says)."""

    url: str
    text: str
    kind: str
    year: int | None


def report_links(links: Iterable[Link]) -> list[ReportLink]:
    """The links among ``links`` that lead to a report in PDF, each once.

    A link counts when it leads to a ``.pdf`` (or its text says PDF) and its text or file
    name names a kind of report of :data:`KINDS`.
    """
    found: dict[str, ReportLink] = {}
    for link in links:
        path = unquote(urlsplit(link.url).path).lower()
        words = f"{link.text} {path.rsplit('/', 1)[-1]}".lower()
        words = re.sub(r"[-_.+]+", " ", words)
        if not (path.endswith(".pdf") or re.search(r"\bpdf\b", link.text.lower())):
            continue
        kind = next((name for name, pattern in KINDS if pattern.search(words)), None)
        if kind is None or link.url in found:
            continue
        found[link.url] = ReportLink(link.url, " ".join(link.text.split()), kind,
                                     year_of(f"{link.text} {path}"))
    return list(found.values())


def year_of(text: str) -> int | None:
    """The year a report covers, from its link text or file name.

    "2023-24", "2023/24" and "FY24" cover a year ending in 2024; the latest plausible year
    mentioned wins ("2024 annual report, comparing 2023").
    """
    lowered = re.sub(r"[_.+]", " ", text.lower())   # "report_fy24.pdf" has words too
    latest = date.today().year + 1
    years = []
    for match in _YEAR.finditer(lowered):
        start, end = int(match.group(1)), match.group(2)
        year = start
        if end:
            year = int(end) if len(end) == 4 else int(str(start)[:2] + end)
            year = year if start < year <= start + 1 else start
        years.append(year)
    years += [2000 + int(m.group(1)) for m in _SHORT_FY.finditer(lowered)]
    plausible = [y for y in years if 1990 <= y <= latest]
    return max(plausible) if plausible else None


def choose_reports(candidates: list[ReportLink], limit: int = MAX_DOCUMENTS) -> list[ReportLink]:
    """The newest report of each kind, in the order of :data:`KINDS`, at most ``limit``.

    A report whose year nothing says comes after dated ones of its kind.
    """
    chosen = []
    for kind, _pattern in KINDS:
        of_kind = [c for c in candidates if c.kind == kind]
        if of_kind:
            chosen.append(max(of_kind, key=lambda c: (c.year is not None, c.year or 0)))
    return chosen[:limit]


def read_documents(reader, links: Iterable[Link]) -> list[Document]:
    """Fetch and read the newest reports among ``links``.

    Args:
        reader: the research's :class:`~infoview.research._pages.PageReader` (the polite
            fetcher, its cache and its warnings).
        links: the links found on the pages read so far.

    Returns:
        One :class:`Document` per report read (with or without facts); problems go to
        ``reader.warnings``.
    """
    documents = []
    for link in choose_reports(report_links(links)):
        page = reader.fetch(link.url)   # a refusal or a size cap becomes a warning there
        if page is None:
            continue
        documents.append(read_document(page.body, link, reader.warnings))
    return documents


def read_document(data: bytes, link: ReportLink, warnings: list[str]) -> Document:
    """Read one report's bytes into a :class:`Document`; its problems go to ``warnings``."""
    text = pdf_text(data)
    warnings.extend(f"{link.url} {problem}." for problem in text.warnings)
    year = link.year
    if year is None and text.pages:
        year = year_of(" ".join(text.pages[0].split())[:300])  # the cover says "Annual Report 2024"
    facts = [DocumentFact(f.kind, f.text, f.page, f.value) for f in report_facts(text.pages)]
    log.info("%s: %d pages, %d facts", link.url, text.page_count, len(facts))
    return Document(url=link.url, kind=link.kind, year=year, title=link.text or text.title,
                    pages=text.page_count, facts=facts)


def document_facts(documents: list[Document]) -> list[Fact]:
    """The documents' facts as profile facts, each sourced to its document's page."""
    return [Fact(fact.text, document.page_url(fact.page))
            for document in documents for fact in document.facts]
