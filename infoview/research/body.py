"""Read a response body in bounded memory and time, decompressing it ourselves.

urllib3 would decompress gzip without a limit, so a small "gzip bomb" could expand to
gigabytes. Here the raw bytes are read in chunks, counted, and inflated with
``zlib.decompressobj(...).decompress(data, max_length)`` so that neither the bytes received
nor the bytes produced can pass the cap, and a server that drips bytes slowly is cut off at
the page deadline.
"""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass, field

from infoview.errors import FetchError, PageTooLarge

_CHUNK = 64 * 1024


@dataclass
class Body:
    """A body read from the network.

    Attributes:
        data: the decompressed bytes.
        truncated: ``True`` when reading stopped at the cap (only with ``truncate=True``).
        warnings: anything odd noticed (a compressed stream that ended early, ...).
    """

    data: bytes
    truncated: bool = False
    warnings: list[str] = field(default_factory=list)


class _Inflater:
    """Incremental gzip/deflate decoder that never produces more than it is allowed."""

    def __init__(self, encoding: str):
        self.encoding = encoding
        # 47 = auto-detect a gzip or zlib header; deflate may also come raw (no header).
        self._wbits = 47 if encoding in ("gzip", "x-gzip") else 15
        self._obj = zlib.decompressobj(self._wbits)
        self._started = False

    def feed(self, data: bytes, room: int) -> bytes:
        """Inflate ``data``, returning at most ``room + 1`` bytes (one more reveals overflow)."""
        try:
            out = self._obj.decompress(data, room + 1)
        except zlib.error:
            if self._started or self._wbits != 15:
                raise
            self._obj = zlib.decompressobj(-15)   # raw deflate without a zlib header
            out = self._obj.decompress(data, room + 1)
        self._started = True
        pieces = [out]
        produced = len(out)
        while self._obj.unconsumed_tail and produced <= room:
            more = self._obj.decompress(self._obj.unconsumed_tail, room + 1 - produced)
            if not more:
                break
            pieces.append(more)
            produced += len(more)
        return b"".join(pieces)

    @property
    def complete(self) -> bool:
        return self._obj.eof


def read_body(raw, *, url: str, content_encoding: str, max_bytes: int, deadline: float,
              truncate: bool = False) -> Body:
    """Read a urllib3 response's raw stream, capped in size and time.

    Args:
        raw: the ``urllib3`` response (``requests.Response.raw``) of a ``stream=True`` request.
        url: for error messages.
        content_encoding: the Content-Encoding header ("" for none).
        max_bytes: cap on both the received and the decompressed size.
        deadline: ``time.monotonic()`` value after which reading stops with an error.
        truncate: stop quietly at the cap (keeping what was read) instead of raising.

    Raises:
        PageTooLarge: the body passed the cap (unless ``truncate``).
        FetchError: the deadline passed, the encoding is unsupported or the data corrupt.
    """
    encoding = (content_encoding or "").strip().lower()
    inflater = None
    if encoding in ("gzip", "x-gzip", "deflate"):
        inflater = _Inflater(encoding)
    elif encoding not in ("", "identity"):
        raise FetchError(f"{url} was sent with an unsupported Content-Encoding {encoding!r}.",
                         url=url)
    out = bytearray()
    received = 0
    warnings: list[str] = []
    while True:
        if time.monotonic() > deadline:
            raise FetchError(f"{url} was too slow: the page was not complete within its "
                             f"deadline (got {received} bytes). Try again later (in Python, "
                             "Settings(page_deadline=...) allows more time).", url=url)
        chunk = raw.read1(_CHUNK, decode_content=False)
        if not chunk:
            break
        received += len(chunk)
        if received > max_bytes and not truncate:
            raise PageTooLarge(f"{url} is larger than the {_mb(max_bytes)} cap; it was not "
                               "read further (the cap protects memory; in Python, Settings(max_bytes=...) "
                               "changes it).", url=url)
        room = max_bytes - len(out)
        try:
            data = inflater.feed(chunk, room) if inflater else chunk[: room + 1]
        except zlib.error as exc:
            raise FetchError(f"{url} sent a corrupt {encoding} body ({exc}).", url=url) from exc
        out += data
        if len(out) > max_bytes:
            if truncate:
                del out[max_bytes:]
                return Body(bytes(out), truncated=True, warnings=warnings)
            raise PageTooLarge(f"{url} expands to more than the {_mb(max_bytes)} cap once "
                               f"decompressed (a compression bomb?); it was not read further.",
                               url=url)
    if inflater and received and not inflater.complete:
        warnings.append(f"The compressed body of {url} ended early; kept what arrived.")
    return Body(bytes(out), warnings=warnings)


def _mb(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 100_000 else f"{n} bytes"
