"""The polite fetcher: the one place in infoview that talks HTTP.

A :class:`Fetcher` owns one ``requests.Session`` and, for every URL it is asked for:

1. refuses social-network profiles (:func:`is_social_profile`) and non-http(s) URLs;
2. answers from the on-disk HTTP cache when it can (no network, no politeness wait);
3. reads the site's robots.txt once and never requests a URL it disallows;
4. waits its turn for the host (one request at a time per host, ``Settings.host_delay``
   seconds apart) while other hosts proceed in parallel on other threads;
5. follows redirects itself, so each hop passes the same checks, with loop detection, and
   never goes into a private network the user did not name (:mod:`.addresses`);
6. retries 429 and 503 after the server's Retry-After (capped), within the page deadline;
7. streams the body under a size cap, both compressed and decompressed, and decides its
   charset (header, then the document's own declaration, then detection).

Typical use::

    with Fetcher(Settings(host_delay=1.0)) as fetcher:
        page = fetcher.fetch("https://example.org/about")
        if page.is_html:
            html = page.text
"""

from __future__ import annotations

import email.utils
import logging
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3 import HTTPConnectionPool, HTTPSConnectionPool

from infoview.errors import AddressRefused, FetchError, FetchForbidden, PageTooLarge, RobotsRefused
from infoview.research import addresses, charset
from infoview.research.body import Body, read_body
from infoview.research.politeness import HostGate, SharedHosts
from infoview.research.robots import RobotsBook, RobotsRules, parse_robots
from infoview.research.urls import check_url, is_social_profile, join
from infoview.settings import Settings

logger = logging.getLogger(__name__)

__all__ = ["Page", "Fetcher", "is_social_profile", "check_url"]

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_MARKUP_TYPES = _HTML_TYPES | {"text/xml", "application/xml", "application/rss+xml",
                               "application/atom+xml"}
_REDIRECTS = {301, 302, 303, 307, 308}
_RETRY_STATUSES = {429, 503}
_ROBOTS_MAX_BYTES = 512 * 1024   # RFC 9309 asks parsers to read at least 500 KiB


@dataclass
class Page:
    """A fetched response (any 2xx content type).

    Attributes:
        url: the URL as requested.
        final_url: the URL after redirects.
        status: the HTTP status.
        content_type: the lowercased media type, e.g. ``"text/html"``.
        body: the decompressed body, at most ``Settings.max_bytes`` long.
        encoding: the Python codec decided for the body (``None`` for binary or empty bodies).
        from_cache: served from the on-disk cache without touching the network.
        warnings: what was odd about the response (an empty body, an unknown charset, ...).
    """

    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes
    encoding: str | None
    from_cache: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def is_html(self) -> bool:
        """Whether the page is HTML (the only kind research parses)."""
        return self.content_type in _HTML_TYPES

    @property
    def text(self) -> str:
        """The body decoded with :attr:`encoding` (undecodable bytes become U+FFFD)."""
        return self.body.decode(self.encoding or "utf-8", errors="replace")


@dataclass
class _Reply:
    """One HTTP exchange: status, headers, and for a 2xx the body read within the caps."""

    url: str
    status: int
    headers: dict
    body: Body | None = None


class _Deadline:
    """The per-page time budget, started when the first request is actually sent."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.at: float | None = None

    def start(self) -> float:
        """Start the clock (once) and return the moment the budget runs out."""
        if self.at is None:
            self.at = time.monotonic() + self.seconds
        return self.at

    def remaining(self) -> float:
        return self.seconds if self.at is None else self.at - time.monotonic()


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = addresses.GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = addresses.GuardedHTTPSConnection


class _GuardedAdapter(HTTPAdapter):
    """requests' adapter whose direct connections go only where :mod:`.addresses` allows
    (a proxy, when one is configured, is reached as usual)."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _GuardedHTTPPool,
                                                   "https": _GuardedHTTPSPool}


class Fetcher:
    """A polite, caching, thread-safe HTTP client for research.

    Share one Fetcher between the threads of a batch: politeness and robots.txt are tracked
    per host across all of them.

    Args:
        settings: limits, politeness and cache location; defaults to ``Settings()``.
        shared_hosts: the table through which the fetchers of a batch's research processes
            space their requests to the hosts they share (see :mod:`.politeness`).

    Attributes:
        settings: the settings in force.
        network_requests: requests that reached a server (cache hits excluded).
        cache_path: the HTTP cache file, or ``None`` when the cache is off.
    """

    def __init__(self, settings: Settings | None = None, *,
                 shared_hosts: SharedHosts | None = None):
        self.settings = settings or Settings()
        self._session = requests.Session()
        self._session.headers.update({
            "User-Agent": self.settings.user_agent,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
            "Accept-Encoding": "gzip, deflate",
        })
        pool = max(16, self.settings.workers * 2)
        adapter = _GuardedAdapter(pool_connections=pool, pool_maxsize=pool, max_retries=0)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._private_ok = frozenset(h.lower().rstrip(".") for h in self.settings.allow_private)
        self._cancelled = threading.Event()
        self._gate = HostGate(self.settings.host_delay, self._cancelled, shared_hosts)
        self._robots = RobotsBook(self._load_robots)
        self._count_lock = threading.Lock()
        self._local = threading.local()
        self.network_requests = 0
        self._cache = None
        self.cache_path = None
        if self.settings.use_cache:
            from infoview.research.httpcache import open_cache

            self._cache = open_cache(self.settings)  # never None: only_existing is not set
            self.cache_path = self._cache.path if self._cache else None

    # -- public -------------------------------------------------------------------------

    def fetch(self, url: str, *, refresh: bool = False, robots: bool = True,
              headers: dict[str, str] | None = None, trusted: str | None = None) -> Page:
        """Fetch one URL politely, from the cache when possible.

        Args:
            url: an absolute http(s) URL.
            refresh: ignore a cached copy (the fresh response still replaces it).
            robots: consult robots.txt; only a web search API the user configured passes
                ``False`` (an endpoint asked on purpose, not a page crawled).
            headers: extra request headers (a search API's key).
            trusted: the URL the user named, whose host may be inside a private network
                (default: ``url`` itself). Research passes the address it was given while
                it reads that site's other pages; any other private address is refused.

        Returns:
            The :class:`Page`, whatever its content type, for a 2xx answer.

        Raises:
            BadInput: ``url`` is not an http(s) URL.
            FetchForbidden: a social-network profile, never fetched.
            RobotsRefused: robots.txt disallows the URL (or a redirect target).
            AddressRefused: the URL or a redirect leads into a private network at a host
                other than ``trusted``'s.
            PageTooLarge: the body passed ``Settings.max_bytes``.
            FetchError: no usable answer (timeouts, connection errors, redirect loops,
                4xx/5xx after retries); ``status`` carries the HTTP status when there was one.
        """
        url = check_url(url)
        if self._cache is not None and not refresh:
            hit = self._cache.get(url)
            if hit is not None:
                return self._page_from_cache(hit)
        try:
            reply = self._exchange(url, check_robots=robots, max_bytes=self.settings.max_bytes,
                                   headers=headers, trusted=url if trusted is None else trusted)
            if not 200 <= reply.status < 300:
                if self._cache is not None:   # keeps a 404 or 410, so a re-run skips it
                    self._cache.put(url, final_url=reply.url, status=reply.status,
                                    content_type="", encoding=None, body=b"", warnings=[])
                raise _status_error(url, reply.status)
        except FetchError as exc:
            if _may_pass(exc):
                self._local.failures = self.transient_failures + 1
            raise
        page = self._make_page(url, reply)
        if self._cache is not None:
            for key in {url, page.final_url}:
                self._cache.put(key, final_url=page.final_url, status=page.status,
                                content_type=reply.headers.get("content-type", ""),
                                encoding=page.encoding, body=page.body, warnings=page.warnings)
        return page

    @property
    def cache(self):
        """The :class:`~infoview.research.httpcache.HttpCache`, or ``None`` when it is off."""
        return self._cache

    @property
    def transient_failures(self) -> int:
        """Fetches on the calling thread that failed in a way worth retrying later.

        Timeouts, connection errors and server errors count; robots refusals, size caps and
        404/410 do not. Batch research compares this before and after a research to decide
        whether its result may be reused from the cache.
        """
        return getattr(self._local, "failures", 0)

    def cancel(self) -> None:
        """Make every fetch in progress or to come fail at once (stopping a batch early)."""
        self._cancelled.set()

    def close(self) -> None:
        """Close network connections and the cache file."""
        self._session.close()
        if self._cache is not None:
            self._cache.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- building pages -----------------------------------------------------------------

    def _page_from_cache(self, hit: dict) -> Page:
        if not 200 <= hit["status"] < 300:
            raise _status_error(hit["url"], hit["status"], cached=True)
        return Page(url=hit["url"], final_url=hit["final_url"], status=hit["status"],
                    content_type=_media_type(hit["content_type"], hit["body"]),
                    body=hit["body"], encoding=hit["encoding"], from_cache=True,
                    warnings=list(hit["warnings"]))

    def _make_page(self, url: str, reply: _Reply) -> Page:
        body = reply.body or Body(b"")
        header = reply.headers.get("content-type", "")
        media = _media_type(header, body.data)
        warnings = list(body.warnings)
        encoding = None
        if media.startswith("text/") or media in _MARKUP_TYPES or media.endswith(("+xml", "/json")):
            encoding, found = charset.decide(header, body.data, markup=media in _MARKUP_TYPES)
            warnings += found
        if not body.data:
            warnings.append(f"{reply.url} answered with an empty page.")
        return Page(url=url, final_url=reply.url, status=reply.status, content_type=media,
                    body=body.data, encoding=encoding, from_cache=False, warnings=warnings)

    # -- robots.txt ---------------------------------------------------------------------

    def _load_robots(self, robots_url: str) -> RobotsRules:
        """Fetch and read one robots.txt (called once per site by the RobotsBook)."""
        hit = self._cache.get(robots_url) if self._cache is not None else None
        if hit is not None:
            status, data = hit["status"], hit["body"]
        else:
            try:
                # the site's own host passed the address check before its robots.txt is read
                reply = self._exchange(robots_url, check_robots=False, trusted=robots_url,
                                       max_bytes=_ROBOTS_MAX_BYTES, truncate=True)
            except FetchError as exc:
                if exc.status is not None:
                    return parse_robots(exc.status, "")
                return parse_robots(None, "", error=str(exc).replace(robots_url + ": ", "").rstrip("."))
            status, data = reply.status, reply.body.data if reply.body else b""
            if self._cache is not None:
                self._cache.put(robots_url, final_url=reply.url, status=status,
                                content_type="text/plain", encoding="utf-8", body=data,
                                warnings=[])
        return parse_robots(status, data.decode("utf-8", errors="replace"))

    def _check_robots(self, url: str) -> None:
        rules = self._robots.rules_for(url)
        if rules.crawl_delay:
            host = urlsplit(url).hostname or ""
            self._gate.slow_down(host, min(rules.crawl_delay, self.settings.max_retry_after))
        if rules.allows(url):
            return
        if rules.unreachable:
            raise FetchError(f"{url} was not fetched: {rules.closed}.", url=url)
        reason = rules.closed or "the site's robots.txt disallows it"
        raise RobotsRefused(f"{url} was not fetched: {reason}. infoview respects robots.txt; "
                            "open the page in your browser instead.", url=url)

    # -- the network --------------------------------------------------------------------

    def _exchange(self, url: str, *, check_robots: bool, max_bytes: int, trusted: str | None,
                  truncate: bool = False, headers: dict[str, str] | None = None) -> _Reply:
        """Request ``url``, following redirects and retrying 429/503, within one deadline.

        Each hop's address is checked before anything is sent to it, robots.txt included.
        """
        deadline = _Deadline(self.settings.page_deadline)
        seen = {url}
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            addresses.check(current, trusted, self._private_ok)
            if check_robots:
                self._check_robots(current)
            same_host = urlsplit(current).netloc == urlsplit(url).netloc   # a key stays home
            reply = self._with_retries(current, deadline, max_bytes, truncate, trusted,
                                       headers if same_host else None)
            location = reply.headers.get("location")
            if reply.status not in _REDIRECTS or not location:
                return reply
            target = join(current, location.strip(), keep_fragment=True)
            if target is None:
                raise FetchError(f"{current} redirects to {location.strip()[:200]!r}, which is "
                                 "not a valid address.", url=url, status=reply.status)
            if urlsplit(target).scheme.lower() not in ("http", "https"):
                raise FetchError(f"{current} redirects to {target}, which is not a web page.",
                                 url=url, status=reply.status)
            if is_social_profile(target):
                check_url(target)   # raises FetchForbidden with the usual message
            if target in seen:
                raise FetchError(f"{url} redirects in a loop (back to {target}); the site is "
                                 "misconfigured.", url=url, status=reply.status)
            seen.add(target)
            current = target
        raise FetchError(f"{url} redirected more than {self.settings.max_redirects} times; "
                         "giving up.", url=url, status=reply.status)

    def _with_retries(self, url: str, deadline: _Deadline, max_bytes: int,
                      truncate: bool, trusted: str | None,
                      headers: dict[str, str] | None = None) -> _Reply:
        host = urlsplit(url).hostname or ""
        for attempt in range(self.settings.max_retries + 1):
            reply = self._send(url, deadline, max_bytes, truncate, trusted, headers)
            if reply.status not in _RETRY_STATUSES or attempt == self.settings.max_retries:
                return reply
            asked = _retry_after(reply.headers.get("retry-after"))
            wait = min(asked if asked is not None else 2.0 ** attempt,
                       self.settings.max_retry_after)
            if wait > deadline.remaining():
                raise FetchError(f"{url} answered {reply.status} (busy) and asked to wait "
                                 f"{wait:.0f} s, past the page deadline; try again later.",
                                 url=url, status=reply.status)
            logger.info("%s answered %s; retrying in %.1f s", url, reply.status, wait)
            self._gate.hold_off(host, wait)
        return reply  # pragma: no cover  (the loop always returns)

    def _send(self, url: str, deadline: _Deadline, max_bytes: int, truncate: bool,
              trusted: str | None, headers: dict[str, str] | None = None) -> _Reply:
        """One request in the host's turn; a 2xx body is read before the turn ends."""
        host = urlsplit(url).hostname or ""
        with self._gate.turn(host):
            if self._cancelled.is_set():
                raise FetchError(f"{url} was not fetched: research was stopped.", url=url)
            deadline.start()
            remaining = deadline.remaining()
            if remaining <= 0:
                raise FetchError(f"{url} ran out of time: the site is slow or not answering; "
                                 "try again later.", url=url)
            timeout = (min(self.settings.connect_timeout, remaining),
                       min(self.settings.read_timeout, remaining))
            with self._count_lock:
                self.network_requests += 1
            try:
                with addresses.trusting(trusted, self._private_ok):
                    try:
                        response = self._session.get(url, stream=True, allow_redirects=False,
                                                     timeout=timeout, headers=headers)
                    except requests.exceptions.RequestException as exc:
                        refusal = addresses.last_refusal()
                        if refusal is not None:
                            raise refusal from exc
                        raise
            except requests.exceptions.ConnectTimeout as exc:
                raise FetchError(f"{url}: could not connect within {timeout[0]:.0f} s.",
                                 url=url) from exc
            except requests.exceptions.Timeout as exc:
                raise FetchError(f"{url}: the server did not answer within "
                                 f"{timeout[1]:.0f} s.", url=url) from exc
            except requests.exceptions.SSLError as exc:
                raise FetchError(f"{url}: the site offers no secure connection; if it has no "
                                 "https, write its address starting with http://", url=url) from exc
            except requests.exceptions.RequestException as exc:
                raise FetchError(f"{url}: could not connect ({_short(exc)}).", url=url) from exc
            except ValueError as exc:   # requests parses a redirect's Location even unasked
                raise FetchError(f"{url} redirects to an address that is not valid "
                                 f"({_short(exc)}).", url=url) from exc
            reusable = False
            try:
                reply = self._read(url, response, deadline, max_bytes, truncate)
                reusable = (reply.body is not None and not reply.body.truncated) or \
                    _drain_small(response)
                return reply
            finally:
                if reusable:   # body read to its end: the connection can serve the next page
                    response.raw.release_conn()
                response.close()

    def _read(self, url: str, response: requests.Response, deadline: _Deadline,
              max_bytes: int, truncate: bool) -> _Reply:
        headers = {k.lower(): v for k, v in response.headers.items()}
        reply = _Reply(url=url, status=response.status_code, headers=headers)
        if not 200 <= reply.status < 300:
            return reply
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes and not truncate:
            raise PageTooLarge(f"{url} is {int(declared) / 1_048_576:.1f} MB, over the "
                               f"{max_bytes / 1_048_576:.1f} MB cap, so it was not downloaded "
                               "(the cap protects memory; in Python, Settings(max_bytes=...) "
                               "changes it).",
                               url=url, status=reply.status)
        try:
            reply.body = read_body(response.raw, url=url,
                                   content_encoding=headers.get("content-encoding", ""),
                                   max_bytes=max_bytes, deadline=deadline.start(), truncate=truncate)
        except FetchError as exc:
            exc.status = reply.status
            raise
        except Exception as exc:   # urllib3 / socket errors while streaming the body
            raise FetchError(f"{url}: the connection broke while reading the page "
                             f"({_short(exc)}).", url=url, status=reply.status) from exc
        return reply


def _drain_small(response: requests.Response) -> bool:
    """Read away the short body of a redirect or error, so its connection can be reused."""
    length = response.headers.get("content-length", "")
    if not length.isdigit() or int(length) > 64 * 1024:
        return False
    try:
        response.raw.drain_conn()
    except Exception:   # a broken connection is simply not reused
        return False
    return True


def _media_type(header: str, body: bytes) -> str:
    """The lowercased media type; sniffed from the body when the server sends none."""
    # A header sent twice arrives joined with a comma ("text/html, text/html").
    media = re.split(r"[;,]", header or "", maxsplit=1)[0].strip().lower()
    if media:
        return media
    start = body[:512].lstrip().lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "text/html"
    if start.startswith(b"%pdf"):
        return "application/pdf"
    return "application/octet-stream"


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _may_pass(exc: FetchError) -> bool:
    """Whether a failure may go away by itself (a timeout, a 5xx), unlike a refusal or a 404."""
    if isinstance(exc, (RobotsRefused, PageTooLarge, FetchForbidden, AddressRefused)):
        return False
    return exc.status is None or exc.status >= 500 or exc.status in (408, 429)


def _status_error(url: str, status: int, cached: bool = False) -> FetchError:
    what = {404: "was not found (404)", 410: "is gone (410)", 401: "needs a login (401)",
            403: "is forbidden (403)", 429: "kept answering 'too many requests' (429)",
            503: "stayed unavailable (503)"}.get(status, f"answered HTTP {status}")
    note = (" (remembered from an earlier try; --no-cache, or refresh=True in Python, tries again)"
            if cached else "")
    return FetchError(f"{url} {what}{note}.", url=url, status=status)


def _short(exc: BaseException) -> str:
    """The gist of a network error (urllib3 wraps the OS's reason in layers of repr)."""
    text = str(exc) or type(exc).__name__
    reason = re.search(r"\[Errno -?\d+\] ([^'\"()\]]+)", text)
    if reason:
        return reason.group(1).strip()
    return text if len(text) < 200 else text[:197] + "..."
