"""Fetch-and-parse steps shared by company and person research.

A failed or refused page becomes a warning on the profile, never an exception, except for
the first page of a research (the URL the caller gave), whose failure is the caller's to see.
"""

from __future__ import annotations

import logging
from typing import Any

from infoview.errors import BadInput, FetchError, NotHTML, RobotsRefused
from infoview.research import urls
from infoview.research.extract.page import ParsedPage, parse_page
from infoview.research.models import FetchRecord

log = logging.getLogger(__name__)


def check_url(url: str) -> str:
    """A usable http(s) URL from what the user typed ("example.com" gets ``https://``).

    Checked in full (scheme, host name, never a social profile) before anything is opened,
    so a mistyped address costs neither a request nor a cache file.
    """
    if url is not None and not isinstance(url, str):
        raise BadInput(f"a URL is text, not {type(url).__name__}: pass the address of a web page")
    url = urls.normalize_url(url)
    if not url:
        raise BadInput("no URL given: pass the address of a public web page")
    return urls.check_url(url)


def make_fetcher(settings: Any, fetcher: Any) -> tuple[Any, bool]:
    """The caller's fetcher, or a new one (``True`` when we own it and must close it)."""
    if fetcher is not None:
        return fetcher, False
    from infoview.research.fetch import Fetcher

    return Fetcher(settings), True


class PageReader:
    """Fetches pages for one research, recording each request and each problem.

    Attributes:
        fetched: one record per request that reached the site (or the cache).
        warnings: one line per page that was refused, failed or was unreadable.
        documents: URLs that turned out not to be HTML (kept as links, not parsed).
        pages: the pages parsed so far.
    """

    def __init__(self, fetcher: Any, refresh: bool = False):
        self.fetcher = fetcher
        self.refresh = refresh
        self.fetched: list[FetchRecord] = []
        self.warnings: list[str] = []
        self.documents: list[str] = []
        self.pages: list[ParsedPage] = []
        #: the address the user named: its host may be in a private network, no other may
        self.named: str | None = None

    def all_warnings(self) -> list[str]:
        """Fetch warnings and the warnings extractors left on the pages, each once."""
        return list(dict.fromkeys(self.warnings + [w for p in self.pages for w in p.warnings]))

    def read(self, url: str, *, strict: bool = False) -> ParsedPage | None:
        """Fetch and parse one page; ``None`` (plus a warning) when that is not possible.

        Args:
            url: the page.
            strict: raise the fetch error instead of warning (for the page the user asked for).
        """
        page = self.fetch(url, strict=strict)
        if page is None:
            return None
        if not page.is_html:
            self.documents.append(page.final_url)
            if strict:
                raise NotHTML(f"{url} is not an HTML page ({page.content_type or 'unknown type'}); "
                              "give the address of a web page", url=url, status=page.status)
            return None
        if not page.body.strip():
            if strict:
                raise FetchError(f"{url} answered with an empty page; check the address, or "
                                 "try again later", url=url, status=page.status)
            if not page.warnings:
                self.warnings.append(f"{url}: the page is empty")
            return None
        parsed = parse_page(page.body, page.final_url, page.encoding)
        self.pages.append(parsed)
        return parsed

    def fetch(self, url: str, *, strict: bool = False) -> Any:
        """The fetcher's ``Page`` for ``url``, or ``None`` (plus a warning) on failure.

        The first URL a research reads is the one its user named (see :attr:`named`).
        """
        if self.named is None:
            self.named = url
        try:
            page = self.fetcher.fetch(url, refresh=self.refresh, trusted=self.named)
        except RobotsRefused as exc:
            if strict:
                raise
            self.warnings.append(f"{url}: not fetched, the site's robots.txt disallows it")
            log.info("robots.txt refuses %s: %s", url, exc)
            return None
        except FetchError as exc:
            if exc.status:
                self.fetched.append(FetchRecord(url, int(exc.status), False))
            if strict:
                raise
            self.warnings.append(str(exc) if url in str(exc) else f"{url}: {exc}")
            return None
        # The Fetcher raises for any answer but a 2xx, so what comes back is a page.
        self.fetched.append(FetchRecord(page.final_url, int(page.status), bool(page.from_cache)))
        self.warnings.extend(page.warnings)
        return page
