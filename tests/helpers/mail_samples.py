"""Mail and calendar files written for the import tests: raw bytes, so each header is exactly
what a test needs (mail programs write them in many ways)."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

ME = "maya.lindqvist@example.org"


def message(sender: str, to: str, subject: str, when: datetime, mid: str | None, *,
            extra: dict[str, str] | None = None, body: str = "Hello,\nthanks.\n") -> bytes:
    """One message as bytes (headers, a blank line, the body)."""
    lines = [f"From: {sender}", f"To: {to}", f"Subject: {subject}",
             f"Date: {format_datetime(when)}"]
    if mid:
        lines.append(f"Message-ID: <{mid}>")
    lines += [f"{k}: {v}" for k, v in (extra or {}).items()]
    lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", ""]
    return ("\n".join(lines) + "\n" + body).encode("utf-8")


def mbox(path: Path, messages: list[bytes]) -> Path:
    """Write messages as an mbox (``From `` lines, bodies' ``From `` lines escaped)."""
    out = bytearray()
    for raw in messages:
        out += b"From - Mon Mar 04 10:00:00 2024\n"
        head, _sep, body = raw.partition(b"\n\n")
        body = b"\n".join(b">" + line if line.startswith(b"From ") else line
                          for line in body.split(b"\n"))
        out += head + b"\n\n" + body.rstrip(b"\n") + b"\n\n"
    path.write_bytes(bytes(out))
    return path


def at(day: int, hour: int = 10, month: int = 3) -> datetime:
    """A moment in March 2024 (UTC)."""
    return datetime(2024, month, day, hour, tzinfo=UTC)


def calendar(events: list[str], *, extra: str = "") -> str:
    """An .ics text around VEVENT blocks."""
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//infoview tests//EN\r\n" + extra
            + "".join(events) + "END:VCALENDAR\r\n")


def event(uid: str, start: str, summary: str, *, lines: tuple[str, ...] = ()) -> str:
    """One VEVENT; ``start`` is a full DTSTART value with its parameters (``:2024...Z``)."""
    body = [f"UID:{uid}", f"DTSTART{start}", f"SUMMARY:{summary}", *lines]
    return "BEGIN:VEVENT\r\n" + "\r\n".join(body) + "\r\nEND:VEVENT\r\n"
