"""Links: social profiles, and which linked pages are about / team / news / careers / ...

Discovery reads the home page's links (navigation and footer first) and, when asked, a
sitemap; each link is classified by its text and its path in several wordings, since a
site may say "Who we are" instead of "About" or "Newsroom" instead of "News".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urldefrag

from infoview.research.extract.page import ParsedPage, clean, text_of
from infoview.research.urls import join, path_of, split

#: Social network → host names (without ``www.``) whose links are profiles on it.
SOCIAL_HOSTS = {
    "linkedin": ("linkedin.com",),
    "twitter": ("twitter.com", "x.com"),
    "github": ("github.com",),
    "youtube": ("youtube.com", "youtu.be"),
    "facebook": ("facebook.com", "fb.com"),
    "instagram": ("instagram.com",),
}
#: Paths that are share buttons, login pages or single posts and videos, not a profile.
_NOT_PROFILE = re.compile(
    r"/(sharer|share|intent|shareArticle|login|signup|home|dialog|plugins|tr|hashtag|search|"
    r"embed|shorts|playlist|results|p|reel|status|events?)(?:\.php)?(?=/|$)", re.I)
#: A query that makes any link a share button ("twitter.com/home?status=...", "?u=...").
_SHARE_QUERY = re.compile(r"(^|&)(status|text|u|url|shareUrl|mini)=", re.I)

#: Page kinds, each with link-text wordings and path words, most specific first.
PAGE_KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "team": (
        ("our team", "the team", "meet the team", "team", "leadership", "our people", "people",
         "management", "board", "founders", "staff", "who's who", "our leaders"),
        ("team", "leadership", "people", "management", "board", "staff", "founders", "leaders"),
    ),
    "about": (
        ("about us", "about", "who we are", "our story", "company", "our company", "story",
         "mission", "what we do"),
        ("about", "who-we-are", "our-story", "company", "story", "mission"),
    ),
    "news": (
        ("news", "latest news", "press", "press releases", "newsroom", "blog", "media",
         "updates", "announcements", "insights", "stories"),
        ("news", "press", "newsroom", "blog", "media", "updates", "announcements", "insights"),
    ),
    "careers": (
        ("careers", "jobs", "join us", "work with us", "vacancies", "we're hiring", "join our team",
         "open roles", "opportunities"),
        ("careers", "jobs", "join-us", "vacancies", "work-with-us", "hiring"),
    ),
    "contact": (
        ("contact", "contact us", "get in touch", "find us", "reach us"),
        ("contact", "contact-us", "get-in-touch", "find-us"),
    ),
    "investors": (
        ("investors", "investor relations", "annual report", "annual reports", "reports",
         "shareholders"),
        ("investors", "investor-relations", "annual-report", "ir", "shareholders"),
    ),
}


@dataclass(frozen=True)
class _KindMatcher:
    """One page kind's wordings, prepared once: a home page has a hundred links to classify."""

    kind: str
    labels: frozenset[str]          # whole link texts ("about us")
    phrases: re.Pattern | None      # the several-word wordings, anywhere in a link text
    words: frozenset[str]           # the one-word wordings, as words of a short link text
    paths: frozenset[str]           # words of a URL path


def _matcher(kind: str, wordings: tuple[str, ...], paths: tuple[str, ...]) -> _KindMatcher:
    phrases = [re.escape(w) for w in wordings if " " in w]
    return _KindMatcher(kind, frozenset(wordings),
                        re.compile(rf"\b(?:{'|'.join(phrases)})\b") if phrases else None,
                        frozenset(w for w in wordings if " " not in w), frozenset(paths))


_MATCHERS = [_matcher(kind, *wordings) for kind, wordings in PAGE_KINDS.items()]
_NAV_MARKS = re.compile(r"\b(nav|navbar|menu|footer|site-header|navigation)\b")
_PAGE_EXT = re.compile(r"\.(html?|php|aspx?)$")
_PATH_WORD_SEP = re.compile(r"[-_.]+")
_DOCUMENT_EXT = (".pdf", ".doc", ".docx", ".ppt", ".pptx", ".xls", ".xlsx", ".zip")


@dataclass
class Link:
    """A link on a page: absolute URL (no fragment), its text, and whether it sits in nav/footer."""

    url: str
    text: str
    in_nav: bool


def page_links(page: ParsedPage) -> list[Link]:
    """Every http(s) link of the page, resolved against its URL, in document order."""
    if page.tree is None:
        return []
    links = []
    base = split(page.url)
    origin = f"{base.scheme}://{base.netloc}" if base.scheme and base.netloc else ""
    nav: dict[Any, bool] = {}   # each ancestor's answer, asked once for all its links
    for a in page.tree.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
            continue
        rooted = origin and href.startswith("/") and not href.startswith("//")
        url = _join_rooted(origin, href) if rooted else join(page.url, href)
        if url is None or not url.startswith(("http://", "https://")):
            continue
        text = text_of(a) or clean(a.get("title") or a.get("aria-label"))
        links.append(Link(url, text, _in_nav(a, nav)))
    return links


@lru_cache(maxsize=8192)   # a site's menus and footer repeat these on every page
def _join_rooted(origin: str, href: str) -> str | None:
    """A link from the site's root (``/about``) resolved: only the site's scheme and host
    count, not the page it is on."""
    return join(origin + "/", href)


def _in_nav(el: Any, known: dict[Any, bool]) -> bool:
    """Whether an element sits in a menu, header or footer; ``known`` keeps each ancestor's
    answer for the page's other links."""
    climbed = []
    found = False
    for anc in el.iterancestors():
        if anc in known:
            found = known[anc]
            break
        climbed.append(anc)
        if _marks_nav(anc):
            found = True
            break
    for anc in climbed:
        known[anc] = found
    return found


def _marks_nav(anc: Any) -> bool:
    tag = anc.tag if isinstance(anc.tag, str) else ""
    if tag in ("nav", "footer", "header"):
        return True
    marks = f"{anc.get('class', '')} {anc.get('id', '')} {anc.get('role', '')}".lower()
    return bool(_NAV_MARKS.search(marks))


@lru_cache(maxsize=4096)  # a site repeats its links on every page, and in nav and body
def social_network(url: str) -> str | None:
    """The social network a URL points to a profile on (``"linkedin"``, ...), else ``None``."""
    parts = split(url)
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    for network, hosts in SOCIAL_HOSTS.items():
        if any(host == h or host.endswith("." + h) for h in hosts):
            if (_NOT_PROFILE.search(parts.path) or parts.path in ("", "/")
                    or _SHARE_QUERY.search(parts.query)):
                return None
            return network
    return None


def social_links(urls: Iterable[str]) -> dict[str, str]:
    """The first profile link per social network among ``urls``.

    A video (``youtube.com/watch?v=...``) stands in for a channel only when the page links
    no channel: a page often embeds a customer's or a partner's video.
    """
    found: dict[str, str] = {}
    videos: dict[str, str] = {}
    for url in urls:
        network = social_network(url)
        if not network:
            continue
        if path_of(url).rstrip("/").lower() == "/watch":
            videos.setdefault(network, url)
        else:
            found.setdefault(network, url)
    return {**found, **{k: v for k, v in videos.items() if k not in found}}


def same_site(url: str, base: str) -> bool:
    """Whether ``url`` is on the site of ``base`` (same host, ``www.`` ignored)."""
    def host(u: str) -> str:
        return split(u).netloc.lower().removeprefix("www.")

    return host(url) == host(base)


def is_document(url: str) -> bool:
    """Whether a URL names a non-HTML document (a PDF report, a slide deck)."""
    return path_of(url).lower().endswith(_DOCUMENT_EXT)


def classify(url: str, text: str = "") -> str | None:
    """The kind of page a link leads to (``"about"``, ``"team"``, ...) from its text and path."""
    return _best_kind(url, text)[0]


def _best_kind(url: str, text: str) -> tuple[str | None, int]:
    label = clean(text).lower().strip(" ›»>→·|")
    words = label.split()
    label_words, short = set(words), len(words) <= 5
    segments = [seg for seg in path_of(url).lower().split("/") if seg]
    last = _PAGE_EXT.sub("", segments[-1]) if segments else ""
    last_words = set(_PATH_WORD_SEP.split(last)) | {last}
    earlier = {w for seg in segments[:-1] for w in _PATH_WORD_SEP.split(seg)} | set(segments[:-1])
    best: tuple[str | None, int] = (None, 0)
    for kind in _MATCHERS:
        score = 0
        if label in kind.labels:
            score = 10
        elif kind.phrases is not None and kind.phrases.search(label):
            score = 7
        elif short and not kind.words.isdisjoint(label_words):
            score = 6
        if not kind.paths.isdisjoint(last_words):
            score += 5
        elif len(segments) <= 3 and not kind.paths.isdisjoint(earlier):
            score += 2
        if score > best[1]:
            best = (kind.kind, score)
    return best


def discover_pages(links: Iterable[Link], base: str) -> dict[str, str]:
    """The best link per page kind among a site's links, navigation and footer links first.

    Args:
        links: links from the home page (and any other page read so far).
        base: the site's home URL; links to other sites are ignored.

    Returns:
        ``{"about": url, "team": url, ...}``; documents (a PDF annual report) included.
    """
    best: dict[str, tuple[int, str]] = {}
    home = urldefrag(base)[0].rstrip("/")
    for link in links:
        if not same_site(link.url, base) or link.url.rstrip("/") == home:
            continue
        kind, score = _best_kind(link.url, link.text)
        if kind is None or score < 5:
            continue
        score += 3 if link.in_nav else 0
        if kind not in best or score > best[kind][0]:
            best[kind] = (score, link.url)
    return {kind: url for kind, (_, url) in best.items()}


def sitemap_urls(body: bytes, sitemap_url: str) -> list[str]:
    """The page URLs listed in a sitemap, resolved against the sitemap's own URL.

    Relative ``<loc>`` values are accepted (the bundled sample site uses root-relative paths
    so that it works on any port); a malformed sitemap gives what could be read.
    """
    from lxml import etree

    try:
        parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
        root = etree.fromstring(body, parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return []
    if root is None:
        return []
    urls = []
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.rsplit("}", 1)[-1] == "loc" and el.text:
            url = join(sitemap_url, el.text.strip(), keep_fragment=True)
            if url:
                urls.append(url)
    return urls
