"""The streaming mbox reader against Python's own mailbox module (an independent oracle),
with blocks small enough that every boundary falls across two of them."""

from __future__ import annotations

import email.message
import mailbox
import random
import re

import pytest
from mail_samples import ME

import infoview.store.mailbox as reader_module
from infoview.store.mailbox import MboxReader, Source, find_sources


def _stdlib_mbox(path, count: int, seed: int = 5):
    rng = random.Random(seed)
    box = mailbox.mbox(path)
    for i in range(count):
        m = email.message.EmailMessage()
        m["From"] = f'"Person {i}" <p{i}@example.com>'
        m["To"] = ME
        m["Subject"] = f"Note {i}"
        m["Date"] = "Mon, 04 Mar 2024 10:00:00 +0000"
        m["Message-ID"] = f"<n{i}@example.com>"
        lines = ["From the start of a line, a trap for readers."] * rng.randint(0, 4)
        m.set_content("\n".join(lines + ["plain words " * rng.randint(1, 200)]))
        if i % 5 == 0:
            m.add_attachment(rng.randbytes(rng.randint(1000, 30000)), maintype="application",
                             subtype="octet-stream", filename="a.bin")
        box.add(m)
    box.flush()
    box.close()
    return path


@pytest.mark.parametrize("chunk", [257, 4096, 1 << 22])
def test_every_message_is_found_whatever_the_block_size(tmp_path, monkeypatch, chunk):
    path = _stdlib_mbox(tmp_path / "m.mbox", 120)
    monkeypatch.setattr(reader_module, "CHUNK", chunk)
    expected = [m["Message-ID"].strip("<>") for m in mailbox.mbox(path)]
    reader = MboxReader(Source(path, "mbox"))
    wanted = {"n3@example.com", "n10@example.com"}
    found = list(reader.messages(lambda h: h.message_id in wanted))
    assert [h.message_id for h in found] == expected
    bodies = {h.message_id: h.body for h in found if h.body}
    assert set(bodies) == wanted  # only the bodies asked for are read
    oracle = {m["Message-ID"].strip("<>"): m for m in mailbox.mbox(path)}
    for mid in wanted:
        part = oracle[mid].get_payload(0) if oracle[mid].is_multipart() else oracle[mid]
        text = part.get_payload(decode=True).decode().strip()
        # the mailbox module leaves its ">From " escapes in; the reader takes them out
        assert bodies[mid] == re.sub(r"(?m)^>From ", "From ", text)
    assert reader.end == path.stat().st_size


def test_crlf_mailboxes_and_unescaped_from_lines_without_a_date_are_read(tmp_path):
    raw = (b"From a@b.example Mon Mar  4 10:00:00 2024\r\nFrom: a@b.example\r\nTo: " + ME.encode()
           + b"\r\nMessage-ID: <one@x>\r\n\r\nhello\r\nFrom here it goes on\r\n\r\n"
           b"From c@d.example Tue Mar  5 11:00:00 2024\r\nFrom: c@d.example\r\n"
           b"Message-ID: <two@x>\r\n\r\nbye\r\n")
    (tmp_path / "crlf.mbox").write_bytes(raw)
    (source,) = find_sources(tmp_path / "crlf.mbox")
    found = list(MboxReader(source).messages())
    assert [h.message_id for h in found] == ["one@x", "two@x"]
    assert found[1].date().isoformat() == "2024-03-05T11:00:00+00:00"  # from the From line


def test_a_message_larger_than_many_blocks_is_skipped_and_the_next_one_found(tmp_path, monkeypatch):
    monkeypatch.setattr(reader_module, "CHUNK", 1 << 16)
    big = b"x" * 76 + b"\n"
    data = (b"From - Mon Mar 04 10:00:00 2024\nFrom: a@b.example\nMessage-ID: <big@x>\n\n"
            + big * 40000 + b"\nFrom - Mon Mar 04 11:00:00 2024\nFrom: c@d.example\n"
            b"Message-ID: <small@x>\n\nhi\n")
    (tmp_path / "big.mbox").write_bytes(data)
    reader = MboxReader(Source(tmp_path / "big.mbox", "mbox"))
    assert [h.message_id for h in reader.messages()] == ["big@x", "small@x"]


def test_a_from_line_without_a_blank_line_before_it_starts_a_message_only_before_headers(tmp_path):
    data = (b"From - Mon Mar 04 10:00:00 2024\nFrom: a@b.example\nMessage-ID: <one@x>\n\n"
            b"body line\nFrom - Mon Mar 04 11:00:00 2024\nFrom: c@d.example\nMessage-ID: <two@x>\n\n"
            b"a reply that quotes\nFrom Monday 10:30 on, I am free\nthanks\n")
    (tmp_path / "tight.mbox").write_bytes(data)
    found = list(MboxReader(Source(tmp_path / "tight.mbox", "mbox")).messages())
    assert [h.message_id for h in found] == ["one@x", "two@x"]


@pytest.mark.parametrize("date, line", [
    ("Mon, 01 Jan 2300 10:00:00 +0000", b""),
    ("Fri, 31 Dec 9999 23:00:00 -1200", b""),  # moving it to UTC would overflow
    ("", b"From - Mon Jan 01 10:00:00 9999"),
])
def test_a_date_outside_the_years_the_store_keeps_is_no_date(date, line):
    """The store keeps 1900 to 2199; such a message is left out with a note, not a crash
    and not an import that stops at it."""
    from infoview.store.mailheaders import parse_headers

    headers = parse_headers((f"From: a@example.org\nDate: {date}\n" if date else
                             "From: a@example.org\n").encode(), "m.eml")
    headers.from_line = line
    assert headers.date() is None
    assert not date or any("outside the years" in p for p in headers.problems)
