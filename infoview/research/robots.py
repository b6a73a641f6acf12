"""robots.txt: read once per site, honoured for every URL before it is requested.

How a robots.txt answer is read (RFC 9309):

- 2xx: the rules are parsed with protego (Scrapy's parser, which handles wildcards and
  Allow/Disallow precedence correctly) for the agent token ``infoview``;
- 4xx (404 included): there are no rules, everything is allowed;
- 5xx, or no answer at all: the site is treated as closed to infoview for the rest of the
  session. A server error may hide rules that forbid us, so the conservative reading wins;
  the page then fails with :class:`~infoview.errors.RobotsRefused` naming the reason.

A Crawl-delay longer than ``Settings.host_delay`` is honoured, up to
``Settings.max_retry_after`` seconds (a site cannot stall research indefinitely). The rules
themselves come from the HTTP cache like any page, so a warm re-run sends nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # protego is imported when a robots.txt is first parsed
    from protego import Protego

AGENT_TOKEN = "infoview"


@dataclass
class RobotsRules:
    """What one site's robots.txt allows.

    Attributes:
        parser: the parsed rules, or ``None`` when there are none.
        closed: why the whole site is refused (robots.txt answered with a server error), else
            ``None``.
        crawl_delay: the site's Crawl-delay for us, in seconds, if it sets one.
        unreachable: ``True`` when robots.txt got no answer at all (the site is down), so the
            refusal is a plain fetch failure rather than the site's wish.
    """

    parser: Protego | None = None
    closed: str | None = None
    crawl_delay: float | None = None
    unreachable: bool = False

    def allows(self, url: str) -> bool:
        """Whether infoview may fetch ``url``."""
        if self.closed:
            return False
        if self.parser is None:
            return True
        return self.parser.can_fetch(url, AGENT_TOKEN)


def parse_robots(status: int | None, text: str, error: str | None = None) -> RobotsRules:
    """Turn a robots.txt response into rules (see the module docstring for the reading)."""
    if status is None:
        return RobotsRules(closed=f"the site could not be reached ({error or 'no answer'})",
                           unreachable=True)
    if status >= 500:
        return RobotsRules(closed=f"its robots.txt answered with HTTP {status}; infoview "
                                  "treats the site as closed until that is fixed (RFC 9309)")
    if status >= 400 or not text.strip():
        return RobotsRules()
    from protego import Protego

    parser = Protego.parse(text)
    delay = parser.crawl_delay(AGENT_TOKEN)
    return RobotsRules(parser=parser, crawl_delay=float(delay) if delay else None)


def robots_url(url: str) -> str:
    """The robots.txt URL governing ``url``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


class RobotsBook:
    """The robots.txt rules of every site seen, each loaded once even under many threads.

    Args:
        load: given a robots.txt URL, returns its :class:`RobotsRules` (does the fetching).
    """

    def __init__(self, load: Callable[[str], RobotsRules]):
        self._load = load
        self._rules: dict[str, RobotsRules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def rules_for(self, url: str) -> RobotsRules:
        """The rules for the site of ``url``, loading its robots.txt the first time."""
        key = robots_url(url)
        with self._lock:
            if key in self._rules:
                return self._rules[key]
            site_lock = self._locks.setdefault(key, threading.Lock())
        with site_lock:
            if key not in self._rules:
                rules = self._load(key)
                with self._lock:
                    self._rules[key] = rules
            return self._rules[key]
