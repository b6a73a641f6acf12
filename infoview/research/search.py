"""Optional web search for a person's public talks, articles, interviews and posts.

Off unless configured: a SearXNG instance's address (its JSON API, ``format=json``) in
``INFOVIEW_SEARXNG_URL`` or ``--searxng URL``, or a Brave Search API key in
``INFOVIEW_BRAVE_API_KEY``. One query is sent per person; the first results are then
fetched like any page (robots.txt, per-host delay, size caps, cache) to check that they
name the person. Social-network profiles are listed, never fetched. Nothing else in the kit
needs web search: without it, research works as before.

The API itself is asked through the same polite fetcher, without robots.txt (SearXNG
instances forbid crawlers their search page; an API the user configured is not crawling).
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from infoview.errors import BadInput, FetchError
from infoview.research import urls
from infoview.research.names import name_words

log = logging.getLogger(__name__)

ENV_SEARXNG = "INFOVIEW_SEARXNG_URL"
ENV_BRAVE_KEY = "INFOVIEW_BRAVE_API_KEY"
BRAVE_ENDPOINT = "https://api.search.brave.com/res/v1/web/search"
#: Results kept, and results fetched to check they name the person.
MAX_RESULTS = 10
MAX_FETCHED = 3
_KINDS = (
    ("talk", re.compile(r"youtube\.com|youtu\.be|vimeo\.com|\b(talk|keynote|webinar|conference|"
                        r"summit|panel|slides|meetup|speaker)\b", re.I)),
    ("interview", re.compile(r"\b(interview|podcast|q ?& ?a|in conversation|episode)\b", re.I)),
    ("post", re.compile(r"medium\.com|substack\.com|linkedin\.com/(posts|pulse)|mastodon|"
                        r"\bx\.com|twitter\.com|bsky\.app", re.I)),
    ("article", re.compile(r"\b(news|article|blog|magazine|journal|press|story|opinion)\b", re.I)),
)


@dataclass(frozen=True)
class SearchConfig:
    """Which web search to ask, and how.

    Attributes:
        engine: ``searxng`` or ``brave``.
        url: the SearXNG instance (its home address) or the Brave API endpoint.
        key: the API key (Brave); never printed or saved with results.
    """

    engine: str
    url: str
    key: str | None = None

    def __post_init__(self) -> None:
        if self.engine not in ("searxng", "brave"):
            raise BadInput(f"unknown web search {self.engine!r}: use searxng or brave")
        if not re.match(r"https?://", self.url or ""):
            raise BadInput(f"the web search address {self.url!r} is not a web address "
                           "(e.g. http://localhost:8888 for a SearXNG instance)")
        if self.engine == "brave" and not self.key:
            raise BadInput(f"the Brave Search API needs a key: set {ENV_BRAVE_KEY}")

    def __repr__(self) -> str:   # the key stays out of logs and tracebacks
        return f"SearchConfig(engine={self.engine!r}, url={self.url!r})"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None,
                 searxng: str | None = None) -> SearchConfig | None:
        """The configured search, or ``None`` (search off).

        Args:
            environ: the environment (default ``os.environ``).
            searxng: a SearXNG address given on the command line (wins over the environment).
        """
        env = os.environ if environ is None else environ
        address = (searxng or env.get(ENV_SEARXNG) or "").strip()
        if address:
            return cls("searxng", address)
        key = (env.get(ENV_BRAVE_KEY) or "").strip()
        return cls("brave", BRAVE_ENDPOINT, key) if key else None

    def query_url(self, query: str) -> str:
        """The API request for ``query``."""
        if self.engine == "searxng":
            return f"{self.url.rstrip('/')}/search?{urlencode({'q': query, 'format': 'json'})}"
        return f"{self.url}?{urlencode({'q': query, 'count': MAX_RESULTS})}"

    def headers(self) -> dict[str, str]:
        """Request headers for the API (the key, for Brave)."""
        headers = {"Accept": "application/json"}
        if self.key:
            headers["X-Subscription-Token"] = self.key
        return headers


@dataclass
class WebResult:
    """A search result: what it is, where, from which search, and whether it names them.

    Attributes:
        title: the result's title.
        url: the page.
        snippet: the search's excerpt.
        source: the search that found it ("searxng: duckduckgo", "brave").
        kind: ``talk``, ``interview``, ``post``, ``article``, ``profile`` (a social-network
            profile: listed, never fetched) or ``page``.
        date: ``YYYY-MM-DD`` when the search gave one.
        names_them: ``True``/``False`` once the page was fetched and read, else ``None``.
    """

    title: str
    url: str
    snippet: str
    source: str
    kind: str
    date: str | None = None
    names_them: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return asdict(self)


def search_person(name: str, organization: str | None, config: SearchConfig, reader,
                  *, fetch_first: int = MAX_FETCHED) -> list[WebResult]:
    """Search the web for ``name`` (at ``organization``) and check the first results.

    Args:
        name: the person's name.
        organization: their organization's name, to narrow the search.
        config: the search to ask.
        reader: the research's :class:`~infoview.research._pages.PageReader`.
        fetch_first: results fetched to check that they name the person.

    Returns:
        The results, in the search's order; a failed search is a warning in ``reader``.
    """
    query = f'"{name}"' + (f' "{organization}"' if organization else "")
    try:
        answer = reader.fetcher.fetch(config.query_url(query), robots=False,
                                      headers=config.headers(), refresh=reader.refresh)
    except FetchError as exc:
        reader.warnings.append(f"Web search ({config.engine}) did not answer: {_no_key(str(exc), config)}")
        return []
    try:
        data = json.loads(answer.body.decode(answer.encoding or "utf-8", errors="replace"))
    except ValueError:
        reader.warnings.append(f"Web search ({config.engine}) did not answer in JSON; check "
                               "that its JSON format is enabled (SearXNG: search.formats).")
        return []
    results = parse_results(data, config.engine)[:MAX_RESULTS]
    for result in [r for r in results if not urls.is_social_profile(r.url)][:fetch_first]:
        page = reader.read(result.url)
        if page is not None:
            result.names_them = _names(name, page.flat_text)
    return results


def parse_results(data: Any, engine: str) -> list[WebResult]:
    """Results from a SearXNG (``format=json``) or Brave Web Search answer."""
    if not isinstance(data, dict):
        return []
    if engine == "searxng":
        raw = data.get("results") or []
        items = [(r.get("title"), r.get("url"), r.get("content"),
                  "searxng" + (f": {r['engine']}" if r.get("engine") else ""), r.get("publishedDate"))
                 for r in raw if isinstance(r, dict)]
    else:
        web = data.get("web") or {}
        raw = web.get("results") or [] if isinstance(web, dict) else []
        items = [(r.get("title"), r.get("url"), r.get("description"), "brave", r.get("page_age"))
                 for r in raw if isinstance(r, dict)]
    results = []
    for title, url, snippet, source, when in items:
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            continue
        title = _plain(title) or url
        snippet = _plain(snippet)
        kind = "profile" if urls.is_social_profile(url) else _kind(f"{url} {title} {snippet}")
        results.append(WebResult(title, url, snippet, source, kind, _day(when)))
    return results


def _plain(text: Any) -> str:
    """Text without the search's highlighting tags (``<strong>``), whitespace folded."""
    return " ".join(re.sub(r"<[^>]+>", "", str(text or "")).split())


def _kind(text: str) -> str:
    return next((kind for kind, pattern in _KINDS if pattern.search(text)), "page")


def _day(value: Any) -> str | None:
    match = re.match(r"((?:19|20)\d\d-\d\d-\d\d)", str(value or ""))
    return match.group(1) if match else None


def _names(name: str, text: str) -> bool:
    """Whether a page's text names the person (family name and given name or initial)."""
    words = name_words(text)
    parts = name_words(name)
    if len(parts) < 2:
        return False
    given, family = parts[0], parts[-1]
    for i, word in enumerate(words[1:], 1):
        if word == family and (words[i - 1] == given or words[i - 1][:1] == given[:1]):
            return True
    return False


def _no_key(message: str, config: SearchConfig) -> str:
    """An error message with the key, if it slipped in, blanked out."""
    host = urlsplit(config.url).netloc
    text = message.replace(config.key, "…") if config.key else message
    return text if host in text else f"{host}: {text}"
