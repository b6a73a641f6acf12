"""Reading a CSV file a user hands over (a LinkedIn export), with limits on what is read.

A file is read as a stream and every byte is counted as it arrives, so that nothing rests on
what a file claims about itself: a zip entry that declares a few kilobytes but inflates to a
gigabyte, a 3 GB ``Connections.csv`` in a folder, or a single 200 MB field is refused once
the count passes a limit, before memory grows with it. Lines are read at most
:data:`MAX_LINE_CHARS` at a time, and fields keep the csv module's own limit (128 KB).

Before a file is opened, its type is checked: a pipe, socket or device named like a CSV file
is refused instead of blocking the import for ever, and a folder is named as such. The first
bytes say when a file is UTF-16 or a zip archive rather than UTF-8 text.

Every refusal is a :class:`~infoview.errors.BadInputFile` naming the file (and the line, when
there is one), which the CLI prints as one line.
"""

from __future__ import annotations

import codecs
import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from infoview.errors import BadInputFile
from infoview.sheettext import encoding_of, refuse_binary

#: The most bytes read from one file (a busy member's messages.csv is tens of megabytes).
MAX_FILE_BYTES = 256 * 1024 * 1024
#: The most bytes read from all the files of one archive together.
MAX_TOTAL_BYTES = 512 * 1024 * 1024
#: The longest physical line read (a message body is a few thousand characters).
MAX_LINE_CHARS = 4 * 1024 * 1024
#: The most columns a header may have (LinkedIn's files have about ten).
MAX_COLUMNS = 200

_MB = 1024 * 1024
#: The bytes an encoding is judged from when a file is read as a stream.
_SNIFF_BYTES = 64 * 1024


class Budget:
    """Bytes still allowed for one import (all its files together)."""

    def __init__(self, total: int | None = None):
        self.total = MAX_TOTAL_BYTES if total is None else total
        self.used = 0

    def spend(self, n: int, label: str) -> None:
        """Count ``n`` more bytes read; refuse when the import as a whole is too large."""
        self.used += n
        if self.used > self.total:
            raise BadInputFile(f"the files read add up to more than {self.total // _MB} MB, "
                               "more than a LinkedIn export holds; is the archive damaged?",
                               path=label)


class _Counting(io.RawIOBase):
    """A binary stream that counts what it reads and refuses past a limit."""

    def __init__(self, raw: IO[bytes], label: str, budget: Budget, limit: int | None = None):
        self._raw = raw
        self._label = label
        self._budget = budget
        self._limit = MAX_FILE_BYTES if limit is None else limit
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._raw.read(len(buffer))
        n = len(data)
        self.count += n
        if self.count > self._limit:
            raise BadInputFile(f"holds more than {self._limit // _MB} MB, more than a LinkedIn "
                               "export file holds; is the archive damaged?", path=self._label)
        self._budget.spend(n, self._label)
        buffer[:n] = data
        return n

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()


def open_regular(path: Path) -> IO[bytes]:
    """Open a file for reading only if it is a regular file (checked on the open file, so a
    file swapped in between cannot slip through).

    Raises:
        BadInputFile: a folder, a pipe, a socket or a device, or a file that cannot be read.
    """
    try:
        if path.is_dir():
            raise BadInputFile("is a folder where a file was expected", path=path)
        # O_NONBLOCK: opening a pipe nobody writes to would otherwise wait for ever.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise BadInputFile(f"cannot be read ({exc.strerror or exc})", path=path) from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise BadInputFile("is not a regular file (a pipe, socket or device); give the "
                               "files of the archive", path=path)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def text_stream(raw: IO[bytes], label: str, budget: Budget, *,
                as_saved: bool = False) -> io.TextIOWrapper:
    """The UTF-8 text of a binary stream (a byte-order mark dropped), counted as read.

    ``as_saved``: the file may have been opened and saved again in a spreadsheet (a
    ``Connections.csv`` given on its own, not inside LinkedIn's archive), so it is read in
    whatever encoding Excel wrote (:func:`infoview.sheettext.encoding_of`: UTF-16, Windows
    text), judged from its first bytes.

    Raises:
        BadInputFile: the file starts as a zip archive, or (unless ``as_saved``) as UTF-16.
    """
    buffered = io.BufferedReader(_Counting(raw, label, budget), buffer_size=256 * 1024)
    head = buffered.peek(4)[:4]
    if as_saved and not head.startswith(b"PK\x03\x04"):
        start = buffered.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
        encoding, skip = encoding_of(start)
        # a .xlsx or an image named Connections.csv: said as every spreadsheet reader says it
        refuse_binary(codecs.getincrementaldecoder(encoding)("replace").decode(start[skip:]),
                      label)
        buffered.read(skip)
        if encoding != "utf-8":
            return io.TextIOWrapper(buffered, encoding=encoding, errors="surrogateescape",
                                    newline="")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        buffered.close()
        raise BadInputFile("is UTF-16 text; LinkedIn writes UTF-8: export the archive again, "
                           "or save the file as UTF-8", path=label)
    if head.startswith(b"PK\x03\x04"):
        buffered.close()
        raise BadInputFile("is a .zip archive, not a CSV file; unpack it first", path=label)
    # Bytes that are not UTF-8 come through as lone surrogates, so that :func:`lines` can
    # say on which line they are (a strict decoder fails a whole chunk ahead of the reader).
    return io.TextIOWrapper(buffered, encoding="utf-8-sig", errors="surrogateescape",
                            newline="")


def lines(stream: io.TextIOBase, label: str, *, first_line: int = 1) -> Iterator[str]:
    """The physical lines of a text stream, line ends kept, none longer than
    :data:`MAX_LINE_CHARS` (the limit holds while reading, not after).

    Raises:
        BadInputFile: a line too long, or bytes that are not UTF-8 (with the line; the
            stream must come from :func:`text_stream`, which lets them through as lone
            surrogates).
    """
    number = first_line - 1
    while True:
        line = stream.readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_CHARS:
            raise BadInputFile(f"has a line longer than {MAX_LINE_CHARS // _MB} MB of text, "
                               "which no LinkedIn export holds", path=label, line=number)
        try:
            line.encode("utf-8")  # a lone surrogate: a byte that was not UTF-8
        except UnicodeEncodeError as exc:
            raise BadInputFile("is not UTF-8 text; export it again from LinkedIn",
                               path=label, line=number) from exc
        yield line


def check_columns(cells: list[str], label: str, line: int) -> None:
    """Refuse a header of more columns than any export has."""
    if len(cells) > MAX_COLUMNS:
        raise BadInputFile(f"has {len(cells)} columns where LinkedIn writes about ten; is "
                           "this LinkedIn's export file?", path=label, line=line)
