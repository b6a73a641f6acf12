"""The main text of a page (trafilatura, given bytes) and a short summary of it.

Main-text extraction is the costliest step of research, so it runs on one page per company
(the about page, else the home page), never on every page. trafilatura gets the raw bytes,
not text decoded with a guessed charset, and keeps its default balance of precision and
recall: ``favor_precision`` drops the short descriptive paragraphs company pages are made of.
When it keeps little, trafilatura's baseline (all paragraph-like text) is used instead.
"""

from __future__ import annotations

import logging
import re

from infoview.research.extract.page import clean

log = logging.getLogger(__name__)

#: Below this many words the main text is widened with trafilatura's baseline extraction.
SHORT_WORDS = 300
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(])")
_BOILERPLATE = re.compile(
    r"\b(cookies?|javascript|subscribe|newsletter|sign up|log ?in|all rights reserved|"
    r"privacy (policy|statement|notice)|terms of (use|service)|terms and conditions|"
    r"you agree|click here)\b", re.I)


def main_text(body: bytes, url: str | None = None) -> str:
    """The main text of an HTML page, paragraphs separated by newlines; ``""`` if none.

    Args:
        body: the page as received (bytes; trafilatura decides the charset itself).
        url: the page's URL, used by trafilatura for metadata only.
    """
    if not body:
        return ""
    import trafilatura

    try:
        text = trafilatura.extract(
            body, url=url, include_comments=False, include_tables=True,
            include_links=False, include_images=False, deduplicate=False, with_metadata=False,
        )
    except Exception as exc:  # trafilatura raises assorted errors on broken markup
        log.info("main text of %s unreadable: %s", url, exc)
        text = ""
    text = text or ""
    if len(text.split()) < SHORT_WORDS:
        # Product and company pages are made of short blocks that the main extractor often
        # discards as boilerplate; trafilatura's own baseline keeps them. Measured on real
        # service pages (benchmarks/bench_research_accuracy.py) this lifts word F1.
        try:
            wider = trafilatura.baseline(body)[1] or ""
        except Exception as exc:  # same reason as above
            log.info("baseline text of %s unreadable: %s", url, exc)
            wider = ""
        if len(wider.split()) > len(text.split()):
            text = wider
    return text


def summarize(text: str, *, max_sentences: int = 3, max_chars: int = 500) -> str | None:
    """A short summary: the first informative sentences of ``text``.

    Company about pages open with what the company does, so the first sentences that are
    long enough and not boilerplate ("We use cookies ...") make a faithful summary without
    any model. Returns ``None`` when nothing usable is left.
    """
    chosen: list[str] = []
    seen: set[str] = set()
    size = 0
    for paragraph in text.splitlines():
        paragraph = clean(paragraph)
        if len(paragraph) < 40 or not re.search(r"[.!?]$", paragraph):
            continue  # headings, captions and menu lines
        for sentence in _SENTENCE_END.split(paragraph):
            sentence = clean(sentence)
            if len(sentence) < 30 or _BOILERPLATE.search(sentence) or _shouted(sentence):
                continue
            key = re.sub(r"\W+", " ", sentence.lower()).strip()
            if key in seen:  # carousels and responsive layouts repeat their slides
                continue
            seen.add(key)
            if chosen and size + len(sentence) + 1 > max_chars:
                return " ".join(chosen)
            chosen.append(sentence[:max_chars])
            size += len(sentence) + 1
            if len(chosen) >= max_sentences:
                return " ".join(chosen)
    return " ".join(chosen) or None


def _shouted(sentence: str) -> bool:
    """Whether a sentence is written in capitals (a banner: "SAVE $50 TODAY!")."""
    letters = [ch for ch in sentence if ch.isalpha()]
    return len(letters) >= 10 and sum(ch.isupper() for ch in letters) > 0.7 * len(letters)


def sentences(text: str) -> list[str]:
    """``text`` split into sentences (paragraphs first, then at sentence ends)."""
    out = []
    for paragraph in text.splitlines():
        out += [clean(s) for s in _SENTENCE_END.split(clean(paragraph)) if clean(s)]
    return out
