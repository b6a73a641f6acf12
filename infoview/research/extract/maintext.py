"""The main text of a page (its content blocks without the site's chrome) and a summary of it.

Main text is read from the page's one parsed tree: :mod:`infoview.research.extract.content`
takes the chrome away (menus, site header and footer, cookie banners, link-only blocks,
buttons) and keeps every other visible block. Company and service pages are made of short
blocks (a hero line, feature cards, folded FAQ answers) that article extractors drop; on
the real service pages of ``benchmarks/bench_research_accuracy.py`` this scores well
above trafilatura, resiliparse and readability, and runs about ten times faster than
trafilatura. trafilatura is no longer a fallback: on the pages where our text came out
short, the extra words trafilatura found were script data and boilerplate (the ground
truth agreed with the short text), so it only lowered the score.
"""

from __future__ import annotations

import re

from infoview.research.extract.content import content_lines
from infoview.research.extract.page import ParsedPage, clean, parse_page

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(])")
_BOILERPLATE = re.compile(
    r"\b(cookies?|javascript|subscribe|newsletter|sign up|log ?in|all rights reserved|"
    r"privacy (policy|statement|notice)|terms of (use|service)|terms and conditions|"
    r"you agree|click here)\b", re.I)


def main_text(page: ParsedPage | bytes, url: str | None = None) -> str:
    """The main text of an HTML page, paragraphs separated by newlines; ``""`` if none.

    Args:
        page: the parsed page (its tree is read, never parsed again), or the page's bytes
            (parsed once here).
        url: the page's URL when ``page`` is bytes.
    """
    if not isinstance(page, ParsedPage):
        if not page:
            return ""
        page = parse_page(page, url or "")
    return "\n".join(content_lines(page.tree))


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
