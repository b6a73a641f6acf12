"""A page's content blocks once its site chrome is taken away (our own main-text candidate).

Company and service pages are made of many short blocks (a hero line, feature cards, a
call to action) that article-oriented extractors such as trafilatura often drop as
boilerplate. This module reads the page the other way round: everything visible in the
``<body>`` is content, except what is recognisably the site's chrome or noise:

- elements that are never content: scripts, forms' controls, menus (``nav``, ARIA roles
  ``navigation``, ``banner``, ``contentinfo``, ``search``, ``dialog``), the site header
  and footer (not the ``<header>`` of an article), hidden elements;
- blocks whose class or id names chrome (cookie banners, menus, breadcrumbs, share bars,
  newsletter sign-ups, skip links, modals);
- blocks made mostly of links (link density), which is how a menu looks when it has no
  tag to say so.

When the page marks its main region (one ``<main>`` or ``role=main``) only that region is
read. Lines are returned in page order, a repeated line once (responsive layouts render
the same block twice). The tree is never modified: removal is a skip during the walk.
"""

from __future__ import annotations

import re
from typing import Any

from infoview.research.extract.page import _INVISIBLE, clean

#: Elements whose text is never content.
_SKIP_TAGS = {
    "script", "style", "noscript", "template", "svg", "head", "title", "meta", "link",
    "iframe", "canvas", "select", "option", "button", "input", "textarea", "label",
    "nav", "dialog", "object", "embed", "map", "video", "audio", "picture",
}
#: Elements that are chrome unless they hold most of the page (ASP.NET wraps a whole page
#: in one ``<form>``; some themes put the page inside an ``<aside>``-less sidebar layout).
_SOFT_TAGS = {"form", "aside"}
#: ARIA roles of chrome.
_SKIP_ROLES = {"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog",
               "menu", "menubar", "complementary", "toolbar", "tooltip"}
#: Class or id words that name chrome. Matched on whole words of the attribute
#: ("site-footer", "cookie_banner", "navbar"), never inside content words.
_CHROME_WORDS = re.compile(
    r"(?:^|[\s_-])(cookies?|cookie-?(?:banner|notice|consent|bar)|consent|gdpr|cc-window|"
    r"onetrust|navbar|navigation|nav|menu|menus|mega-?menu|submenu|breadcrumbs?|"
    r"site-?header|site-?footer|global-?header|global-?footer|footer|masthead|topbar|"
    r"top-?bar|skip-?link|skip-?to-?content|screen-?reader-?text|sr-only|visually-?hidden|"
    r"share|sharing|social-?share|social-?links|newsletter|subscribe|signup|sign-?up|"
    r"modal|popup|pop-?up|overlay|sidebar|widget-?area|"
    r"related-?posts|comments?|comment-?list|disqus|advert|ads|ad-?slot|banner-?ad|"
    r"pagination|pager|announcement-?bar|promo-?bar|toast|"
    r"language-?switcher|lang-?switch|search-?form|searchform|back-?to-?top)(?=$|[\s_-])",
    re.I,
)
#: Block elements: each ends a line of text.
_BLOCKS = {
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "br",
    "tr", "td", "th", "table", "section", "article", "header", "footer", "main", "figure",
    "figcaption", "blockquote", "address", "hr", "pre", "caption", "details", "summary",
}
#: A block with at least this many links and this share of its text in links is a menu.
_MENU_LINKS = 4
_MENU_DENSITY = 0.6
#: ... and holds less unlinked text than this (a page wrapper with a mega-menu holds more).
_MENU_PROSE = 300
#: ... and its links are short labels (cards that are links in full hold more per link).
_MENU_LINK_CHARS = 30
#: A line made only of link text and at most this many words is a button ("Learn more").
_BUTTON_WORDS = 4


#: A soft rule (class name, role, header/footer, form) never removes a block holding more
#: than this share of the page's text: a wrapper named "off-canvas" or "sidebar-layout"
#: around the whole page is layout, not chrome.
_SOFT_MAX_SHARE = 0.4


def content_lines(tree: Any) -> list[str]:
    """The page's content lines without its chrome; ``[]`` when there is no tree.

    Args:
        tree: the page's lxml document (see :func:`~infoview.research.extract.page.parse_page`).
    """
    if tree is None:
        return []
    body = tree.find("body")
    body = body if body is not None else tree
    sizes: dict[Any, tuple[int, int, int]] = {}
    _measure(body, sizes)
    root = _main_region(body, sizes)
    walker = _Walker(sizes, root)
    walker.walk(root)
    walker.flush()
    seen: set[str] = set()
    unique = []
    for line in walker.lines:
        key = line.lower()
        if key not in seen:
            seen.add(key)
            unique.append(line)
    return unique


def _measure(el: Any, sizes: dict[Any, tuple[int, int, int]]) -> tuple[int, int, int]:
    """(visible characters, characters inside links, links) of ``el``, stored for each element."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if not tag or tag in _INVISIBLE:
        sizes[el] = (0, 0, 0)
        return sizes[el]
    chars = len((el.text or "").strip())
    linked = links = 0
    for child in el:
        c_chars, c_linked, c_links = _measure(child, sizes)
        chars += c_chars + len((child.tail or "").strip())
        linked += c_linked
        links += c_links
    if tag == "a":
        linked, links = chars, links + 1
    sizes[el] = (chars, linked, links)
    return sizes[el]


def _main_region(body: Any, sizes: dict[Any, tuple[int, int, int]]) -> Any:
    """The page's one ``<main>`` (or ``role=main``) when it holds much of the text, else body."""
    mains = body.xpath(".//main | .//*[@role='main']")
    if len(mains) != 1:
        return body
    main = mains[0]
    # A <main> that holds a fraction of the page (a hero only) would lose content; one
    # inside an invisible element (a <template>, a <noscript>) was never measured: no text.
    return main if sizes.get(main, (0, 0, 0))[0] >= 0.3 * sizes[body][0] > 0 else body


class _Walker:
    """Walks the content region, collecting lines and skipping chrome."""

    def __init__(self, sizes: dict[Any, tuple[int, int, int]], root: Any):
        self.sizes = sizes
        self.root = root
        self.limit = _SOFT_MAX_SHARE * max(1, sizes[root][0])
        self.lines: list[str] = []
        self.current: list[str] = []
        self.unlinked = False  # whether the current line has text outside links

    def walk(self, node: Any, in_link: bool = False) -> None:
        """Add the text of ``node`` and of its content descendants."""
        block = node.tag in _BLOCKS
        in_link = in_link or node.tag == "a"
        if block:
            self.flush()
        if node.text:
            self.add(node.text, in_link)
        for child in node:
            if not self.skipped(child):
                self.walk(child, in_link)
            elif isinstance(child.tag, str) and child.tag in _BLOCKS | _SOFT_TAGS | {"nav"}:
                self.flush()
            if child.tail:
                self.add(child.tail, in_link)
        if block:
            self.flush()

    def add(self, text: str, in_link: bool) -> None:
        """Add a piece of text to the current line."""
        self.current.append(text)
        if not in_link and text.strip():
            self.unlinked = True

    def flush(self) -> None:
        """End the current line; a short line that is all link is a button, left out."""
        line = clean("".join(self.current))
        if line and (self.unlinked or len(line.split()) > _BUTTON_WORDS):
            self.lines.append(line)
        self.current.clear()
        self.unlinked = False

    def skipped(self, el: Any) -> bool:
        """Whether ``el`` is chrome or invisible (its text is left out)."""
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in _SKIP_TAGS or tag in _INVISIBLE:
            return True
        chars, linked, links = self.sizes[el]
        if tag in ("div", "ul", "ol", "section", "table", "p") and links >= _MENU_LINKS \
                and linked >= _MENU_DENSITY * max(1, chars) and chars - linked < _MENU_PROSE \
                and linked <= _MENU_LINK_CHARS * links:
            return True  # a menu without a tag saying so
        if chars > self.limit:
            return False
        if tag in _SOFT_TAGS or (el.get("role") or "").lower() in _SKIP_ROLES:
            return True
        if tag in ("header", "footer") and not self._inside_content(el):
            return True
        names = f"{el.get('class', '')} {el.get('id', '')}"
        return tag not in ("body", "main", "article", "html") and bool(_CHROME_WORDS.search(names))

    def _inside_content(self, el: Any) -> bool:
        """Whether a header/footer belongs to an article or section (its title), not the site."""
        for anc in el.iterancestors():
            if anc is self.root:
                return False
            if anc.tag in ("article", "section", "main"):
                return True
        return False
