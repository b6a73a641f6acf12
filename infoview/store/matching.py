"""Keys for recognising the same person twice: a normalised profile URL, a folded name."""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit


def fold(text: str | None) -> str:
    """Text compared without case, accents-as-written kept, spaces collapsed.

    ``casefold`` rather than SQLite's ``NOCASE``, which only knows ASCII: "ZOË" and "zoë"
    are the same name.
    """
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def profile_key(url: str | None) -> str:
    """A profile URL reduced to what identifies it: host without ``www.``, path, no slash.

    ``https://www.linkedin.com/in/ada-l/?trk=x`` and ``http://linkedin.com/in/Ada-L`` give
    the same key.
    """
    if not url or not url.strip():
        return ""
    text = url.strip()
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    host = parts.netloc.lower().removeprefix("www.")
    return (host + parts.path.rstrip("/")).casefold()
