"""The text of a PDF, page by page, with what made pages unreadable.

pypdfium2 (Google's PDFium) reads the text layer: it was chosen by measurement
(``benchmarks/bench_research_documents.py``), reading a 40-page report about 25 times faster
than pypdf and pdfminer.six. PDFium is not safe to call from two threads at once, and batch
research runs many, so every call holds one lock.

A PDF that cannot be read (encrypted, broken, not a PDF) gives no text and a warning; a
page with pictures and no text (a scan) is noted, never guessed at: there is no OCR.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

#: Pages read at most from one document (a 300-page report is already unusual).
MAX_PAGES = 300
_LOCK = threading.Lock()


@dataclass
class PdfText:
    """What could be read from a PDF.

    Attributes:
        pages: each page's text (1-based page ``n`` is ``pages[n - 1]``); "" when unreadable.
        page_count: pages in the document (may exceed ``len(pages)`` past :data:`MAX_PAGES`).
        title: the document's own title metadata, if any.
        scanned: 1-based numbers of pages that hold pictures and no text.
        warnings: one line per problem (without the document's URL: the caller adds it).
    """

    pages: list[str] = field(default_factory=list)
    page_count: int = 0
    title: str | None = None
    scanned: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def has_text(self) -> bool:
        """Whether any page had a text layer."""
        return any(text.strip() for text in self.pages)


def pdf_text(data: bytes, *, max_pages: int = MAX_PAGES) -> PdfText:
    """Read the text layer of a PDF's pages.

    Args:
        data: the PDF's bytes.
        max_pages: pages read at most.

    Returns:
        The :class:`PdfText`; never raises for a bad document (its warnings say why).
    """
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    result = PdfText()
    if not data.lstrip()[:5].startswith(b"%PDF"):
        result.warnings.append("is not a PDF, so it was not read")
        return result
    with _LOCK:
        try:
            document = pypdfium2.PdfDocument(data)
        except pypdfium2.PdfiumError as exc:
            result.warnings.append(_why_unreadable(str(exc)))
            return result
        try:
            result.page_count = len(document)
            title = (document.get_metadata_value("Title") or "").strip()
            result.title = title or None
            for index in range(min(result.page_count, max_pages)):
                page = document[index]
                try:
                    textpage = page.get_textpage()
                    text = textpage.get_text_range()
                    textpage.close()
                    if not text.strip() and _has_pictures(page, pdfium_c):
                        result.scanned.append(index + 1)
                except pypdfium2.PdfiumError as exc:   # one damaged page: skip it
                    log.info("page %s unreadable: %s", index + 1, exc)
                    text = ""
                finally:
                    page.close()
                result.pages.append(text.replace("\r\n", "\n").replace("\r", "\n"))
        finally:
            document.close()
    if result.page_count > max_pages:
        result.warnings.append(f"has {result.page_count} pages; only the first {max_pages} were read")
    if not result.has_text:
        result.warnings.append("has no text layer (a scanned document?), so nothing could be read "
                               "from it; open it yourself")
    elif result.scanned:
        pages = ", ".join(str(n) for n in result.scanned[:8]) + (
            "..." if len(result.scanned) > 8 else "")
        result.warnings.append(f"page{'s' if len(result.scanned) > 1 else ''} {pages} "
                               "hold only pictures (scanned?) and were not read")
    return result


def _has_pictures(page, pdfium_c) -> bool:
    for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        return True
    return False


def _why_unreadable(message: str) -> str:
    lowered = message.lower()
    if "password" in lowered or "security" in lowered:
        return "is encrypted (it needs a password), so it was not read"
    if "format" in lowered or "file" in lowered:
        return "is damaged or incomplete, so it could not be read"
    return f"could not be read ({message})"
