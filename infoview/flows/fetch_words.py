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
    if exc.status is None and ("could not connect" in said or "no answer" in said):
        return (f"{url} could not be reached. Check the address for typing mistakes; if it "
                "is right, the site may be down for now: try again later.")
    return DETAIL.sub("", said)
