"""One parsed page, shared by every extractor: the HTML is parsed once per page.

Research runs several extractors over each page (metadata, people, news, links). Parsing is
the costly step, so :func:`parse_page` builds one lxml tree from the page's bytes and the
extractors read from it; text helpers here skip scripts and styles and collapse whitespace.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import lxml.html
from lxml import etree

log = logging.getLogger(__name__)

#: Elements whose text is never visible page text.
_INVISIBLE = {"script", "style", "noscript", "template", "svg", "head", "title", "meta", "link"}
#: Elements that end a line of text (block elements).
_BLOCKS = {
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "br",
    "tr", "td", "th", "table", "section", "article", "header", "footer", "nav", "aside",
    "main", "figure", "figcaption", "blockquote", "address", "form", "hr", "pre",
}
#: Elements that hold a site's navigation rather than the page's content.
_CHROME = ("nav", "footer", "header", "aside")
#: What :func:`text_of` must walk itself: invisible elements, comments, processing instructions.
_NOT_PLAIN = (*_INVISIBLE, etree.Comment, etree.PI, etree.Entity)


#: Characters a browser does not draw: the soft hyphen (``&shy;``, a place a long word may
#: break, "Jen&shy;nifer") and the zero-width marks. Left in, they split names into
#: words no vocabulary knows.
_UNSEEN = dict.fromkeys(map(ord, "\xad\u200b\u200c\u200d\u2060\ufeff"))


def clean(text: str | None) -> str:
    """Collapse whitespace (including non-breaking spaces), drop the characters a browser
    does not draw, and strip; ``None`` gives ``""``."""
    if not text:
        return ""
    # str.split() splits on exactly the characters that \s matches (no-break space among
    # them), and is several times faster than a regex substitution
    return " ".join(text.translate(_UNSEEN).split())


def text_of(el: Any) -> str:
    """The visible text of an element on one line (scripts and styles left out)."""
    # lxml's own text iterator is many times faster than a walk in Python; it gives the
    # same pieces when the element holds nothing invisible (and no comment or processing
    # instruction, whose text the walk keeps and lxml skips)
    if next(el.iter(*_NOT_PLAIN), None) is None:
        return clean(" ".join(el.itertext()))
    parts: list[str] = []
    _collect_text(el, parts)
    return clean(" ".join(parts))


def lines_of(el: Any) -> list[str]:
    """The visible text of an element split into lines at block elements, empty lines dropped."""
    lines: list[str] = []
    current: list[str] = []
    _walk_lines(el, lines, current)
    _flush(lines, current)
    return lines


def _walk_lines(node: Any, lines: list[str], current: list[str]) -> None:
    """Add the text of ``node`` to ``current``, ending a line in ``lines`` at each block."""
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag in _INVISIBLE:
        return
    block = tag in _BLOCKS
    if block and current:
        _flush(lines, current)
    text = node.text
    if text:
        current.append(text)
    for child in node:
        _walk_lines(child, lines, current)
        tail = child.tail
        if tail:
            current.append(tail)
    if block and current:
        _flush(lines, current)


def in_chrome(el: Any) -> bool:
    """Whether an element sits in the page's navigation, header, footer or sidebar."""
    return next(el.iterancestors(*_CHROME), None) is not None  # lxml filters the tags in C


def _flush(lines: list[str], current: list[str]) -> None:
    if not current:
        return  # every block flushes on entry and exit: most flushes have nothing to add
    line = clean("".join(current))
    if line:
        lines.append(line)
    current.clear()


def _collect_text(el: Any, out: list[str]) -> None:
    """Append the visible text pieces of ``el`` to ``out`` (a list, not nested generators:
    each piece a generator yields passes through every level above it)."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _INVISIBLE:
        return
    if el.text:
        out.append(el.text)
    for child in el:
        _collect_text(child, out)
        if child.tail:
            out.append(child.tail)


_T = TypeVar("_T")


class once(Generic[_T]):
    """A property computed on first use and kept on the instance, without a lock.

    ``functools.cached_property`` on Python 3.11 holds one lock per *class* while it
    computes, so threads researching different sites queue behind each other's pages. A
    page belongs to one research (one thread); at worst two threads compute a value twice.
    """

    def __init__(self, func: Callable[[Any], _T]):
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        # A non-data descriptor: once the value is in the instance's __dict__, Python finds
        # it there and never calls __get__ again.
        value = instance.__dict__[self.name] = self.func(instance)
        return value


@dataclass
class ParsedPage:
    """A fetched HTML page parsed once, with lazily computed views shared by extractors.

    Attributes:
        url: the page's final URL (links are resolved against it).
        body: the raw bytes, kept for main-text extraction (which wants bytes).
        encoding: the charset decided by the fetcher, or ``None`` to let lxml read the meta tag.
        tree: the lxml document, or ``None`` when the body could not be parsed.
        warnings: problems met while parsing; extractors may add their own.
    """

    url: str
    body: bytes
    encoding: str | None
    tree: Any = None
    warnings: list[str] = field(default_factory=list)

    @once
    def metadata(self) -> dict[str, list[dict[str, Any]]]:
        """Embedded metadata (JSON-LD, microdata, OpenGraph) via extruct, computed once."""
        from infoview.research.extract.metadata import embedded_metadata

        return embedded_metadata(self)

    @once
    def lines(self) -> list[str]:
        """The page's visible text as lines (see :func:`lines_of`)."""
        body = self.tree.find("body") if self.tree is not None else None
        return lines_of(body if body is not None else self.tree) if self.tree is not None else []

    @once
    def text(self) -> str:
        """The page's visible text as one string, lines joined by newlines."""
        return "\n".join(self.lines)

    @once
    def flat_text(self) -> str:
        """The whole document's visible text on one line (:func:`text_of` the tree), once."""
        return text_of(self.tree) if self.tree is not None else ""

    @property
    def title(self) -> str:
        """The ``<title>`` text, or ``""``."""
        if self.tree is None:
            return ""
        return clean(self.tree.findtext(".//title"))

    def meta(self, name: str) -> str | None:
        """The content of ``<meta name=...>`` or ``<meta property=...>`` (case-insensitive)."""
        if self.tree is None:
            return None
        wanted = name.lower()
        for el in self.tree.iter("meta"):
            key = (el.get("name") or el.get("property") or "").lower()
            if key == wanted:
                value = clean(el.get("content"))
                if value:
                    return value
        return None


def parse_page(body: bytes, url: str, encoding: str | None = None) -> ParsedPage:
    """Parse a page's bytes into a :class:`ParsedPage` (once; extractors share the tree).

    A body that cannot be parsed (empty, binary) gives a page with ``tree=None`` and a
    warning rather than an exception: a messy page is a partial result, not an error.

    Args:
        body: the page as received (after content decoding).
        url: the page's final URL.
        encoding: the charset the fetcher decided on; ``None`` lets lxml use the meta tag.
    """
    page = ParsedPage(url=url, body=body, encoding=encoding)
    if not body or not body.strip():
        page.warnings.append(f"{url}: the page is empty")
        return page
    body, tamed = _tame_tags(body)
    if tamed:
        page.warnings.append(f"{url}: {tamed} tag(s) with thousands of attributes were read "
                             "without them")
    try:
        parser = lxml.html.HTMLParser(encoding=_lxml_encoding(encoding), remove_comments=True)
        parser.set_element_class_lookup(_LOOKUP)
        page.tree = lxml.html.document_fromstring(body, parser=parser, base_url=url)
    except (etree.ParserError, ValueError, LookupError) as exc:
        log.info("could not parse %s: %s", url, exc)
        page.warnings.append(f"{url}: the page could not be parsed as HTML ({exc})")
    return page


#: A start tag this long is looked at before parsing (an inline image as a data: URL makes
#: a long tag with one attribute; only a long tag with many attributes is cut).
_LONG_TAG = re.compile(rb"<([A-Za-z][A-Za-z0-9:-]{0,40})([^<>]{16384,})")
#: More attributes than any real element carries; libxml2 compares each new attribute of
#: an element with all the earlier ones, so 150,000 of them cost minutes of CPU in C,
#: where the page's CPU budget cannot reach.
_MAX_ATTRIBUTES = 512


def _tame_tags(body: bytes) -> tuple[bytes, int]:
    """``body`` with the attributes of absurd start tags dropped, and how many were tamed.

    Linear: the pattern only starts at ``<`` and a tag ends at the next ``<`` or ``>``.
    """
    tamed = 0

    def cut(match: re.Match[bytes]) -> bytes:
        nonlocal tamed
        if match.group(2).count(b"=") <= _MAX_ATTRIBUTES:
            return match.group(0)
        tamed += 1
        return b"<" + match.group(1)

    if len(body) < 16384:
        return body, 0
    body = _LONG_TAG.sub(cut, body)
    return body, tamed


#: Every element an ``HtmlElement`` (text_content, cssselect, ...), chosen in C. lxml.html's
#: own lookup runs a Python method for each element the extractors touch, to give forms and
#: their fields classes of their own that research never uses; it was a fifth of research's
#: CPU time.
_LOOKUP = etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity)


def _lxml_encoding(encoding: str | None) -> str | None:
    """A charset name libxml2 knows (it lacks some Python aliases)."""
    if not encoding:
        return None
    import codecs

    try:
        return codecs.lookup(encoding).name
    except (LookupError, ValueError):  # ValueError: a NUL inside the name
        return None
