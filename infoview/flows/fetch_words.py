"""Why an address typed on the Research page was not read, in words for someone who never
saw a network error: what went wrong and what to do, without the network library's own
words ("Name or service not known"), nor robots.txt.

The library's errors stay precise for the CLI and the logs; the app's page says these.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from infoview.errors import AddressRefused, FetchError, FetchForbidden, InfoviewError, RobotsRefused
from infoview.research.urls import normalize_url

#: A host with no dot that is still a website here (the machine itself).
_DOTLESS_HOSTS = {"localhost"}
#: A last bracket holding the network's own words in a bracket of their own ("(could not
#: connect (Connection refused))"); a plain one ("404 (not found)") says something.
DETAIL = re.compile(r"\s*\((?:[^()]*\([^()]*\))+[^()]*\)(?=\.?$)")
#: An example of a website address, said wherever one was mistyped.
EXAMPLE = "kestrel.example or https://kestrel.example/"
#: What to do about a site that could not be reached, wherever a page says so.
CHECK_OR_RETRY = ("Check the address for typing mistakes; if it is right, the site may be "
                  "down for now: try again later.")


def unreachable(said: str) -> bool:
    """Whether a research error's words say only that the site gave no answer (no status:
    nothing connected, or nothing came back)."""
    return "could not connect" in said or "no answer" in said


def address_problem(typed: str) -> str | None:
    """What is wrong with ``typed`` as a website address, in words (``None`` when it can
    be one): a space in it, or a host with no dot ("htp//kestrel.example" reads as the
    host "htp")."""
    typed = (typed or "").strip()
    if not typed:
        return None
    if any(c.isspace() for c in typed):
        return f"{typed} is not a website address: it has a space in it. Type it as in " \
               f"your browser's address bar, e.g. {EXAMPLE}"
    parts = urlsplit(normalize_url(typed))
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host or \
            ("." not in host and ":" not in host and host not in _DOTLESS_HOSTS):
        return f"{typed} is not a website address. Type it as in your browser's address " \
               f"bar, e.g. {EXAMPLE}"
    return None


def kept_link_words(site: str) -> str:
    """What the Research page says under a person's page on ``site`` ("LinkedIn"): its
    field's hint promises such links are kept, not fetched, so it is no mistake."""
    return (f"Kept, not read: {site} does not let programs read its pages, so open it in "
            "your browser. Save keeps it as the link of the person it saves.")


def not_read_words(exc: InfoviewError) -> str:
    """Why a page was not read, and what to do, for the app's page (``exc`` as raised by
    research; errors that are not about reaching a page keep their own words)."""
    said = str(exc)
    if not isinstance(exc, FetchError) or isinstance(exc, (AddressRefused, FetchForbidden)):
        return said
    url = exc.url or said.split(" ", 1)[0]
    if isinstance(exc, RobotsRefused) and "could not be reached" not in said:
        return (f"{url} was not read: the site asks programs like this one not to read that "
                "page, and the kit keeps to that. Open it in your browser instead.")
    # Only when the network's words say no more than that (a site without https says what
    # to type instead, which stays).
    if exc.status is None and unreachable(said):
        return f"{url} could not be reached. {CHECK_OR_RETRY}"
    if exc.status in (404, 410):
        return (f"{url} is not on that site (it may have moved). Check the address for typing "
                "mistakes, or find the page in your browser and copy its address from there.")
    if exc.status in (401, 403):
        return (f"{url} is closed to visitors (it needs a login), so it cannot be read here. "
                "Open it in your browser instead.")
    if exc.status is not None and (exc.status == 429 or exc.status >= 500):
        return f"{url} is busy or has a fault on the site's side. Try again later." + (
            _REMEMBERED if "remembered from an earlier try" in said else "")
    return DETAIL.sub("", said)


# -- warnings ------------------------------------------------------------------------------
# What research noted along the way (the library's words, kept for the CLI and the logs),
# each as the Research page's Warnings tab says it: what happened, whether it matters, and
# what to do if anything. The first pattern that matches a warning gives its words.
_URL = r"(?P<url>[a-z][a-z0-9+.-]*://\S+?)"
_OPEN_IT = "If you need it, open it in your browser."
_AGAIN = "Press Research again later if you need it."
_SKIPPED = "The rest was read; nothing to do unless you need that page."
_WARNINGS: tuple[tuple[str, str], ...] = (
    # Pages that were not read.
    (rf"{_URL}:? (?:not fetched, the site's robots\.txt disallows it|was not fetched: (?!the "
     r"site could not|its robots|research was).*robots\.txt.*)",
     f"{{url}} was not read: the site asks programs like this one not to read that page, and "
     f"the kit keeps to that. {_SKIPPED} {_OPEN_IT}"),
    (rf"{_URL} was not fetched: its robots\.txt answered with HTTP \d+.*",
     "{url} was not read: the site had a fault when asked which pages programs may read, so "
     f"the kit leaves that site alone for now. {_AGAIN}"),
    (rf"{_URL} was not fetched: research was stopped\.",
     "{url} was not read because research was stopped. Press Research to read it."),
    (rf"{_URL}(?::| was not fetched:)? .*(?:could not be reached|could not connect|did not "
     r"answer|ran out of time|too slow|answered \d+ \(busy\)|stayed unavailable|connection "
     r"broke|too many requests).*",
     f"{{url}} did not answer in time (the site may be slow or down), so it was not read. "
     f"{_SKIPPED} {_AGAIN}"),
    (rf"{_URL} (?:was not found \(404\)|is gone \(410\)).*",
     f"{{url}} is no longer on the site (it may have moved), so it was not read. {_SKIPPED}"),
    (rf"{_URL} (?:needs a login|is forbidden).*",
     f"{{url}} is closed to visitors (it needs a login), so it was not read. {_SKIPPED}"),
    (rf"{_URL} answered HTTP \d+.*",
     f"{{url}} answered with an error, so it was not read. {_SKIPPED} {_AGAIN}"),
    (rf"{_URL} (?:redirects|redirected) .*",
     f"{{url}} sends visitors on to an address that could not be followed, so it was not "
     f"read. {_SKIPPED} {_OPEN_IT}"),
    (rf"{_URL} (?:is [\d.]+ MB|is larger than|expands to more than).*",
     f"{{url}} is too large to read here, so it was not read. {_SKIPPED} {_OPEN_IT}"),
    (rf"{_URL} (?:sent a corrupt|was sent with an unsupported) .*",
     f"{{url}} arrived damaged, so it was not read. {_SKIPPED} {_AGAIN}"),
    (rf"{_URL}: the site offers no secure connection.*",
     "{url} was not read: the site offers no secure connection. If it is the address you "
     "typed, type it starting with http:// instead."),
    (rf"{_URL}(?:: the page is empty| answered with an empty page\.)",
     f"{{url}} came back empty, so nothing was taken from it. {_SKIPPED}"),
    (rf"The compressed body of {_URL} ended early; .*",
     f"{{url}} arrived cut short; what arrived was used. {_AGAIN}"),
    # Pages read, with something odd about them.
    (r"(?:The server|The page) (?:says the charset|names an unknown charset).*"
     r"|Could not tell the page's charset.*",
     "One page did not say correctly how its letters are written, so the kit worked it out. "
     "If a name or an accent looks garbled, check it on the website."),
    (rf"{_URL}: \d+ tag\(s\) with thousands of attributes.*",
     "{url} is built in an unusual way; it was read, but a detail or two may be missing."),
    (rf"{_URL}: the page could not be parsed as HTML.*",
     f"{{url}} could not be read as a web page, so nothing was taken from it. {_OPEN_IT}"),
    (rf"{_URL}: (?:microdata or OpenGraph tags could not be read|a (?:malformed )?JSON-LD "
     r"block.*skipped)",
     "{url}: some details the page keeps for search engines could not be read; what the page "
     "shows was read. Nothing to do."),
    (rf"{_URL}: the page took too long to read .*so its (?P<parts>.+) may be incomplete or "
     r"missing",
     "{url} took too long to read, so some of what it holds ({parts}) may be missing. Tick \"read the pages "
     "again\" and press Research if you need them."),
    (rf"{_URL} lists (?P<name>.+) among others; no page of their own was found.*",
     "{name} is named on {url} among other people, with no page of their own, so there is no "
     "bio; their name and title were kept. Nothing to do."),
    (rf"{_URL}: no name found; .*",
     "No one's name was found on {url}. Check that it is the page of one person (a profile "
     "or bio page), not a list of people."),
    # News feeds.
    (rf"{_URL} could not be read as a news feed .*",
     "{url}, the company's list of news, could not be read, so its news is missing. The News "
     "tab shows what was found elsewhere; nothing to do."),
    (rf"{_URL} is a malformed feed .*",
     "{url}, the company's list of news, is partly broken; the news that could be read is in "
     "the News tab. Nothing to do."),
    (rf"{_URL}: every item carries the same date and time.*",
     "The news listed at {url} all carry the same day, which cannot be right, so their days "
     "are not shown. Check a day on the website before you mention it."),
    (rf"{_URL}: (?P<n>\d+) item\(s\) dated in the future.*",
     "{n} news item(s) at {url} are dated in the future, which cannot be right, so their days "
     "are not shown. Check a day on the website before you mention it."),
    (rf"{_URL}: (?P<n>\d+) item\(s\) dated before .*",
     "{n} news item(s) at {url} carry a day too old to be right, so their days are not shown. "
     "Check a day on the website before you mention it."),
    # Reports (PDF files).
    (rf"{_URL} is not a PDF, so it was not read\.",
     "{url} was listed as a report but is not one, so it was not read. Nothing to do."),
    (rf"{_URL} is encrypted .*",
     f"{{url}} is a report locked with a password, so it was not read. {_OPEN_IT}"),
    (rf"{_URL} (?:is damaged or incomplete|could not be read \().*",
     f"{{url}} is a damaged report, so it could not be read. {_OPEN_IT}"),
    (rf"{_URL} has (?P<n>\d+) pages; only the first (?P<m>\d+) were read\.",
     "{url} is a long report ({n} pages); only the first {m} were read. Nothing to do."),
    (rf"{_URL} has no text layer .*",
     f"{{url}} is a scanned report (pictures of pages), so no text could be read from it. "
     f"{_OPEN_IT}"),
    (rf"{_URL} pages? (?P<pages>[\d, .]+) holds? only pictures.*",
     "Page(s) {pages} of the report {url} are pictures (scanned), so their text was not "
     "read. Nothing to do unless you need them."),
    # The web search for a person.
    (r"Web search \(.*\) did not answer in JSON.*",
     "The web search is set up in a way the kit cannot use, so the person was looked for on "
     "the company's website only. Whoever set up the web search: turn on its JSON format."),
    (r"Web search \(.*\) did not answer.*",
     "The web search did not answer, so the person was looked for on the company's website "
     f"only. {_AGAIN}"),
)
#: Said after a warning about an answer kept from an earlier try.
_REMEMBERED = (" (That was the site's answer on an earlier try: tick \"read the pages again\" "
               "and press Research to ask it afresh.)")
_WARNING_PATTERNS = tuple((re.compile(pattern, re.DOTALL), words) for pattern, words in _WARNINGS)


def warning_words(warning: str) -> str:
    """``warning`` (as research noted it) in plain words for the app's Warnings tab: what
    happened, whether it matters and what to do. A warning already in plain words (two
    people match a name, a person listed without a page of their own) keeps its own."""
    for pattern, words in _WARNING_PATTERNS:
        found = pattern.fullmatch(warning.strip())
        if found:
            said = words.format(**{k: v.rstrip(".,;:") for k, v in found.groupdict().items()})
            # Asking afresh helps only where asking later might (not for a page gone).
            again = _AGAIN in said and "remembered from an earlier try" in warning
            return said + (_REMEMBERED if again else "")
    return DETAIL.sub("", warning)


def warnings_words(warnings: list[str]) -> list[str]:
    """Each of ``warnings`` in plain words, each said once (several pages whose letters were
    worked out make one line)."""
    return list(dict.fromkeys(warning_words(w) for w in warnings))
