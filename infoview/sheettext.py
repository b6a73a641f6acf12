"""The one reader of a spreadsheet text file a user hands over (a CSV or a tab-separated list).

People keep their lists in Excel and save them as whatever Save As offers: "CSV UTF-8"
(UTF-8 with a byte-order mark), "CSV" (the Windows code page, cp1252 in Western Europe and
the Americas), "Unicode Text" (UTF-16 with a byte-order mark, tab-separated) or "CSV
UTF-16"; a spreadsheet set to a language whose decimal mark is a comma writes semicolons.
Every reader of such a file (the question file, a research batch's list of URLs) goes
through :func:`decode_sheet` and :func:`delimiter_of`, so that each accepts all of them the
same way, and refuses a file that is not text with one line naming the line.

Cells are read as written: nothing is neutralised here (formulas are neutralised when a file
is written, see :func:`infoview.store.exchange.neutralise`).
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from infoview.errors import BadInputFile

log = logging.getLogger(__name__)

#: What to say when a file cannot be read as text, so that every reader says the same.
SAVE_AS = ('save it from your spreadsheet as "CSV UTF-8", "CSV" or "Unicode Text" and '
           "try again")

#: Byte-order marks, and the encoding each starts.
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))

#: Control characters no spreadsheet writes into a text file (tab, line ends, vertical tab
#: and form feed are fine); a file holding them is binary data (a .xlsx, an image, a zip)
#: named as a CSV.
_BINARY = re.compile("[\x00-\x08\x0e-\x1f]")


@dataclass(frozen=True)
class SheetText:
    """A spreadsheet text file, decoded.

    Attributes:
        text: the text, without a byte-order mark.
        encoding: ``"utf-8"``, ``"utf-16-le"``, ``"utf-16-be"`` or ``"cp1252"``.
        warnings: what the reader should be told (bytes that no encoding explains).
    """

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode_sheet(raw: bytes, path: str | Path) -> SheetText:
    """The text of a spreadsheet file's bytes: a byte-order mark decides (UTF-8, UTF-16 LE
    or BE); UTF-16 without one is recognised by its zero bytes; else UTF-8 when the bytes
    are UTF-8, else cp1252 (Excel's "CSV" on Windows), with a warning for the few bytes
    cp1252 leaves undefined.

    Raises:
        BadInputFile: the bytes are binary data, or UTF-16 that does not decode; the
            message names ``path`` and the line.
    """
    encoding, skip = encoding_of(raw)
    body = raw[skip:]
    if encoding == "cp1252":
        return _cp1252(raw, path)
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8":
            raise BadInputFile(f"is not readable text (it starts as UTF-16 but is not); "
                               f"{SAVE_AS}", path, _line_at(body, exc.start, encoding)) from exc
        return _cp1252(raw, path)
    refuse_binary(text, path)
    return SheetText(text, encoding)


def encoding_of(head: bytes) -> tuple[str, int]:
    """The encoding of a spreadsheet file judged from its first bytes (all of them, or the
    first few kilobytes of a file read as a stream), and the length of its byte-order mark.

    A mark decides; else UTF-16 without one is recognised by its zero bytes; else UTF-8 when
    the bytes are UTF-8 so far (a character cut at the end of ``head`` is no fault), else
    ``"cp1252"``.
    """
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name, len(bom)
    utf16 = _utf16_without_bom(head)
    if utf16 is not None:
        return utf16, 0
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1252", 0
    return "utf-8", 0


def delimiter_of(text: str) -> str:
    """The separator of a spreadsheet text, from its first line that is not blank: a comma
    when it has one, else the semicolon a spreadsheet set to a European language writes,
    else the tab of Excel's "Unicode Text" (a comma when it has none of them)."""
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if "," not in first:
        for separator in (";", "\t"):
            if separator in first:
                return separator
    return ","


def text_line_of(data: bytes, offset: int) -> int:
    """The 1-based line number holding byte ``offset`` of bytes in an ASCII-compatible
    encoding."""
    return data.count(b"\n", 0, offset) + 1


# -- internals --------------------------------------------------------------------------------

def _utf16_without_bom(raw: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when ``raw`` looks like UTF-16 without a mark:
    mostly Latin text, so one byte of nearly every pair is zero, always on the same side."""
    sample = raw[:4096]
    pairs = len(sample) // 2
    if pairs < 2 or len(raw) % 2:
        return None
    even, odd = sample[0:pairs * 2:2].count(0), sample[1:pairs * 2:2].count(0)
    if odd >= 0.6 * pairs and even == 0:
        return "utf-16-le"
    if even >= 0.6 * pairs and odd == 0:
        return "utf-16-be"
    return None


def _cp1252(raw: bytes, path: str | Path) -> SheetText:
    """Bytes that are not UTF-8, read as Windows text; the five bytes cp1252 leaves
    undefined become U+FFFD, with a warning naming the first one's line."""
    warnings = []
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        text = raw.decode("cp1252", "replace")
        warnings.append(f"{path}, line {text_line_of(raw, exc.start)}: some characters could "
                        f"not be read and show as \ufffd; {SAVE_AS}")
    refuse_binary(text, path)
    for warning in warnings:
        log.warning("%s", warning)
    log.info("%s: not UTF-8, read as Windows text (cp1252)", path)
    return SheetText(text, "cp1252", warnings)


def refuse_binary(text: str, path: str | Path) -> None:
    """Refuse a text holding control characters: a .xlsx, an image or a zip is not a list."""
    found = _BINARY.search(text)
    if found is not None:
        raise BadInputFile(f"is not a text file (it holds binary data); {SAVE_AS}", path,
                           text.count("\n", 0, found.start()) + 1)


def _line_at(body: bytes, offset: int, encoding: str) -> int:
    """The 1-based line holding byte ``offset`` of ``body`` in ``encoding``."""
    return body[:offset].decode(encoding, "replace").count("\n") + 1
