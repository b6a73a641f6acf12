"""Which URLs infoview may fetch: well-formed http(s) addresses, never social-network profiles."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urldefrag, urljoin, urlsplit

from infoview.errors import BadInput, FetchForbidden

# Sites whose terms forbid automated access to profiles; their URLs are kept as links.
_SOCIAL_SITES = {
    "linkedin.com": "LinkedIn", "lnkd.in": "LinkedIn", "facebook.com": "Facebook",
    "fb.com": "Facebook", "fb.me": "Facebook", "x.com": "X", "twitter.com": "X",
    "t.co": "X", "instagram.com": "Instagram", "instagr.am": "Instagram",
}
# A host name (letters of any script, digits, hyphens, dots) or an IP address.
_HOST = re.compile(r"^(?:[\w-]+(?:\.[\w-]+)*\.?|\[?[0-9a-f:.]+\]?)$", re.I)


def split(url: str) -> SplitResult:
    """``urlsplit`` that never raises: a malformed URL (``http://[::1/x``) splits as empty.

    Links, redirects and metadata are written by strangers; one broken address must cost
    that link, not the page.
    """
    try:
        return urlsplit(url or "")
    except ValueError:
        return SplitResult("", "", "", "", "")


def path_of(url: str) -> str:
    """The path of ``url`` (``""`` when the URL is malformed)."""
    return split(url).path


def host_of(url: str) -> str:
    """The lower-cased host of ``url`` (``""`` when there is none or the URL is malformed)."""
    try:
        return (split(url).hostname or "").lower()
    except ValueError:
        return ""


def join(base: str, href: str, *, keep_fragment: bool = False) -> str | None:
    """``href`` resolved against ``base`` (fragment dropped), or ``None`` when malformed."""
    try:
        url = urljoin(base, href)
        if not keep_fragment:
            url = urldefrag(url)[0]
        urlsplit(url)  # urljoin passes some malformed hosts through unchecked
    except ValueError:
        return None
    return url


def normalize_url(url: str) -> str:
    """The URL as research records it (surrounding space removed, ``https://`` if missing).

    Research results carry the URL in this form, and a batch recognises the URLs it has
    done by it, so every entry point goes through this one function.
    """
    url = (url or "").strip()
    return url if "://" in url or not url else "https://" + url


def _social_site(url: str) -> str | None:
    host = host_of(url).rstrip(".")
    for domain, site in _SOCIAL_SITES.items():
        if host == domain or host.endswith("." + domain):
            return site
    return None


def social_site(url: str) -> str | None:
    """The social network ``url`` is on, by name ("LinkedIn"), or ``None`` for any other
    site (see :func:`is_social_profile`)."""
    return _social_site(url)


def is_social_profile(url: str) -> bool:
    """Whether ``url`` is on LinkedIn, Facebook, X/Twitter or Instagram.

    Their terms forbid automated fetching, so infoview keeps such URLs as links for the
    user to open in a browser and never requests them.
    """
    return _social_site(url) is not None


def check_url(url: str) -> str:
    """Validate a URL given by the user; returns it stripped of surrounding space.

    Raises:
        BadInput: not an absolute http(s) URL.
        FetchForbidden: a social-network profile (see :func:`is_social_profile`).
    """
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError on a port that is not a number
    except ValueError as exc:
        raise BadInput(f"{url!r} is not a valid web address ({exc}).") from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        hint = f" Did you mean https://{url}?" if url and "://" not in url else ""
        raise BadInput(f"{url!r} is not a web address infoview can fetch: it must start "
                       f"with http:// or https://.{hint}")
    if not _HOST.match(parts.hostname):
        raise BadInput(f"{url!r} is not a valid web address: {parts.hostname!r} cannot be "
                       "a host name.")
    site = _social_site(url)
    if site:
        raise FetchForbidden(f"{url} is a page on {site}, which does not allow automated "
                             "access, so infoview never fetches it: open it in your browser "
                             "(it is kept as a link).", url=url)
    return url
