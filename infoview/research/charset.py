"""Decide how to decode a fetched body: header charset, else the document's own, else detection.

requests falls back to ISO-8859-1 when a header names no charset, which mangles UTF-8 pages,
and charset detection alone often mistakes a windows-1252 page for windows-1250. The order
here follows what browsers do (the WHATWG encoding rules): a byte-order mark wins, then the
Content-Type charset, then a ``<meta>`` charset (or an XML declaration), then UTF-8 if the
bytes are valid UTF-8, then detection, with windows-1252 preferred among Latin code pages.
One step beyond browsers: a UTF-8 label on bytes that are not UTF-8 (a common server
misconfiguration) is overruled by detection, with a warning.
"""

from __future__ import annotations

import codecs
import re

# Labels that browsers read as windows-1252, a superset that also maps 0x80-0x9F.
_AS_CP1252 = {"ascii", "latin_1", "iso8859_1", "cp1252"}
# Code pages for Latin-script languages; detection picks among them unreliably.
_LATIN = {
    "cp1250", "cp1252", "cp1254", "cp1257", "latin_1", "iso8859_1", "iso8859_2", "iso8859_3",
    "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15",
    "iso8859_16", "mac_roman", "mac_latin2", "cp850", "cp858", "cp437",
}
# Code pages rarely used on the web; detection names them for short Western pages that
# are really windows-1252.
_UNLIKELY = {"mac_roman", "mac_latin2", "cp437", "cp850", "cp858", "iso8859_3", "iso8859_10",
             "iso8859_14", "iso8859_16", "iso8859_4"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_META = re.compile(rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
_SNIFF_BYTES = 4096      # browsers look for <meta charset> in the first 1024 bytes; be generous
_DETECT_BYTES = 256 * 1024


def normalize(label: str | None) -> str | None:
    """A Python codec name for a charset label, or ``None`` if Python does not know it."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except (LookupError, ValueError):  # ValueError: a NUL or other junk inside the label
        return None
    name = name.replace("-", "_")
    if name in _AS_CP1252:
        return "cp1252"
    return {"utf_8": "utf-8", "utf_8_sig": "utf-8-sig"}.get(name, name)


def charset_param(content_type: str | None) -> str | None:
    """The raw ``charset=`` parameter of a Content-Type header, if any."""
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def declared_in_document(body: bytes) -> str | None:
    """The charset a document declares in a ``<meta>`` tag or an XML declaration."""
    head = body[:_SNIFF_BYTES]
    match = _XML_DECL.match(head) or _META.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def detect(body: bytes) -> str | None:
    """Guess the charset of undeclared bytes: UTF-8 if valid, else charset-normalizer."""
    sample = body[:_DETECT_BYTES]
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the sample's end is still UTF-8.
        if len(body) > _DETECT_BYTES and exc.start >= len(sample) - 3:
            return "utf-8"
    from charset_normalizer import from_bytes

    matches = from_bytes(sample)
    best = matches.best()
    if best is None:
        return None
    found = normalize(best.encoding)
    if found in _LATIN and any(normalize(m.encoding) == "cp1252" for m in matches):
        return "cp1252"
    if found in _UNLIKELY and _decodes(sample, "cp1252"):
        return "cp1252"
    return found


def _fits(body: bytes, encoding: str) -> bool:
    """Whether the body decodes in a declared multi-byte charset (a wrong UTF-8 label is
    common: a windows-1252 page served as UTF-8). Single-byte charsets always decode."""
    if not encoding.startswith("utf"):
        return True
    sample = body[:_DETECT_BYTES]
    try:
        sample.decode(encoding)
    except UnicodeDecodeError as exc:
        return len(body) > _DETECT_BYTES and exc.start >= len(sample) - 3
    return True


def _mislabelled(who: str, label: str, *, known: bool) -> str:
    if known:
        return f"{who} says the charset is {label!r}, but the bytes are not; guessed instead."
    return f"{who} names an unknown charset {label!r}; guessed instead."


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def decide(content_type: str | None, body: bytes, *, markup: bool) -> tuple[str | None, list[str]]:
    """Decide the encoding of a body.

    Args:
        content_type: the Content-Type header as sent (may carry a charset).
        body: the decompressed body.
        markup: whether the body is HTML or XML, whose own declaration is then consulted.

    Returns:
        The Python codec name (``None`` for an empty body) and warnings about what was odd.
    """
    warnings: list[str] = []
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return codec, warnings
    if not body:
        return None, warnings
    header = charset_param(content_type)
    if header:
        name = normalize(header)
        if name and _fits(body, name):
            return name, warnings
        warnings.append(_mislabelled("The server", header, known=bool(name)))
    if markup:
        declared = declared_in_document(body)
        if declared:
            name = normalize(declared)
            if name in ("utf-16", "utf_16", "utf_16_le", "utf_16_be"):
                name = "utf-8"   # a meta tag readable as ASCII cannot be in UTF-16
            if name and _fits(body, name):
                return name, warnings
            warnings.append(_mislabelled("The page", declared, known=bool(name)))
    guessed = detect(body)
    if guessed is None:
        warnings.append("Could not tell the page's charset; decoded as windows-1252.")
        return "cp1252", warnings
    return guessed, warnings
