"""Mutated web pages for fuzzing research: a seeded, reproducible stream of hostile documents.

Shared by ``tests/test_research_fuzz.py`` (a small fixed-seed run in CI) and
``benchmarks/bench_research_fuzz.py`` (10,000 documents and more). Each document starts as
one of the project's own fixture pages (or a page built here) and gets one to three
mutations of the kinds that broke research before: truncation, flipped bytes, deep
nesting, huge attributes, wrong declared encodings, NUL bytes, thousands of cards or
templates, absurd JSON-LD, malformed links, odd Content-Type headers.

``documents(seed, count)`` yields :class:`Doc` records; the same seed gives the same
documents on every machine.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@dataclass
class Doc:
    """One fuzzed document: what to serve, and how it was made (to reproduce a failure)."""

    number: int
    body: bytes
    content_type: str
    source: str
    mutations: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return f"#{self.number} from {self.source} via {', '.join(self.mutations) or 'nothing'}"


def seed_pages() -> list[tuple[str, bytes]]:
    """The starting pages: every fixture HTML page of the project, plus a few built here."""
    pages = [(str(p.relative_to(FIXTURES)), p.read_bytes())
             for p in sorted(FIXTURES.rglob("*.html"))]
    pages.append(("built:empty-shell", b"<html><head></head><body></body></html>"))
    pages.append(("built:text-only", b"Just some text, no markup at all. Founded in 1999."))
    return pages


# -- mutations: each takes (rng, body) and returns the new body ------------------------------

def _truncate(rng: random.Random, body: bytes) -> bytes:
    return body[:rng.randrange(0, max(1, len(body)))]


def _flip_bytes(rng: random.Random, body: bytes) -> bytes:
    data = bytearray(body or b" ")
    for _ in range(rng.choice((1, 5, 50, 500))):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def _insert(rng: random.Random, body: bytes, piece: bytes) -> bytes:
    at = rng.randrange(0, len(body) + 1)
    return body[:at] + piece + body[at:]


def _deep_nesting(rng: random.Random, body: bytes) -> bytes:
    tag = rng.choice((b"div", b"b", b"table", b"ul", b"a", b"span", b"section", b"li"))
    depth = rng.choice((300, 3_000, 30_000, 100_000))
    closed = rng.random() < 0.5
    piece = b"<" + tag + b">x" * 0 + (b"<" + tag + b">") * depth + b"deep"
    if closed:
        piece += (b"</" + tag + b">") * depth
    return _insert(rng, body, piece)


def _huge_attribute(rng: random.Random, body: bytes) -> bytes:
    size = rng.choice((100_000, 1_000_000, 3_000_000))
    kind = rng.randrange(3)
    if kind == 0:
        piece = b'<div class="' + b"a " * (size // 2) + b'">x</div>'
    elif kind == 1:
        piece = b'<a href="/' + b"p" * size + b'">About</a>'
    else:
        piece = b"<div " + b" ".join(b"d%d=1" % i for i in range(size // 20)) + b">x</div>"
    return _insert(rng, body, piece)


_CHARSETS = ("utf-16", "utf-16le", "utf-32", "shift_jis", "utf-7", "iso-2022-jp", "x-unknown",
             "utf-8\0", "ebcdic-cp-us", "cp1252", "koi8-r", "", "utf-8;;;", "\"utf-8", "big5")


def _wrong_encoding(rng: random.Random, body: bytes) -> bytes:
    label = rng.choice(_CHARSETS).encode("latin-1")
    if rng.random() < 0.5:
        return _insert(rng, body, b'<meta charset="' + label + b'">')
    if rng.random() < 0.5:
        return b'<?xml version="1.0" encoding="' + label + b'"?>' + body
    return body.decode("utf-8", "replace").encode(rng.choice(("utf-16", "utf-32", "cp500")),
                                                  "replace")


def _nul_bytes(rng: random.Random, body: bytes) -> bytes:
    data = bytearray(body)
    for _ in range(rng.choice((1, 10, 1_000))):
        data.insert(rng.randrange(len(data) + 1), 0)
    return bytes(data)


def _many_cards(rng: random.Random, body: bytes) -> bytes:
    count = rng.choice((500, 2_000, 10_000))
    kind = rng.randrange(4)
    if kind == 0:   # team cards
        card = (b'<div class="team-member"><h3>Alex Person%d Example</h3><p class="role">'
                b"Senior Engineer</p><p>I have worked here since 2010.</p></div>")
    elif kind == 1:   # the same inside templates
        card = b"<template><div class='card'><h4>Sam Person%d Doe</h4><p>Director</p></div></template>"
    elif kind == 2:   # news cards
        card = (b'<article><h2><a href="/news/2024/01/%d">A headline about things</a></h2>'
                b'<time datetime="2024-01-02">2 January 2024</time></article>')
    else:             # testimonial quotes beside names
        card = (b'<blockquote>"I have used them for years and would recommend them to '
                b'anyone at all."</blockquote><p><strong>Jo Quote%d Smith</strong>, CEO at Acme</p>')
    cards = b"".join(card.replace(b"%d", str(i).encode()) for i in range(count))
    return _insert(rng, body, b"<section>" + cards + b"</section>")


def _json_ld(rng: random.Random, body: bytes) -> bytes:
    kind = rng.randrange(5)
    if kind == 0:
        depth = rng.choice((500, 5_000, 50_000))
        data = "[" * depth + "]" * depth
    elif kind == 1:
        depth = rng.choice((500, 5_000, 50_000))
        data = '{"@type":"Organization","a":' * depth + "1" + "}" * depth
    elif kind == 2:
        data = json.dumps({"@graph": [{"@type": "Person", "name": f"P{i} Q{i}",
                                       "jobTitle": "CEO"} for i in range(20_000)]})
    elif kind == 3:
        data = json.dumps({"@type": ["Organization", 7, None, {"x": 1}], "name": {"@value": [[]]},
                           "address": [[{"addressLocality": {"name": None}}]],
                           "foundingDate": 19990101, "sameAs": [None, 5, "http://[::1/x"]})
    else:
        data = '{"@type": "Organization", "name": "Broken' + "\\" * rng.randrange(1, 5)
    script = b'<script type="application/ld+json">' + data.encode() + b"</script>"
    return _insert(rng, body, script)


_BAD_HREFS = (b"http://[::1/x", b"http://[v1.x]:99/", b"https://a:notaport/", b"http://\xff\xfe/",
              b"//[", b"http://a b/", b"javascript:alert(1)", b"\x00", b"http://" + b"a." * 200,
              b"mailto:", b"http://example.com:99999999999/", b"https://xn--/")


def _bad_links(rng: random.Random, body: bytes) -> bytes:
    links = b"".join(b'<a href="' + rng.choice(_BAD_HREFS) + b'">' + rng.choice(
        (b"About", b"Team", b"News", b"Contact")) + b"</a>" for _ in range(rng.randrange(1, 30)))
    return _insert(rng, body, b"<nav>" + links + b"</nav>")


def _tag_soup(rng: random.Random, body: bytes) -> bytes:
    pieces = (b"<!--", b"-->", b"<![CDATA[", b"]]>", b"<script>", b"</script>", b"<style>",
              b"<svg><foreignObject>", b"<math>", b"</html>", b"<html>", b"<body>", b"<head>",
              b"<title>", b"<plaintext>", b"<xmp>", b"&#0;", b"&#x110000;", b"&nbsp" * 50,
              b"<h1>", b"<table><tr><td>", b"</td></tr></table>", b"<noscript>")
    for _ in range(rng.randrange(1, 40)):
        body = _insert(rng, body, rng.choice(pieces))
    return body


def _splice(rng: random.Random, body: bytes) -> bytes:
    at = rng.randrange(0, len(body) + 1)
    chunk = body[rng.randrange(0, len(body) + 1):][:rng.randrange(1, 50_000)]
    return body[:at] + chunk * rng.choice((1, 10, 100)) + body[at:]


def _bom(rng: random.Random, body: bytes) -> bytes:
    return rng.choice((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")) + body


#: Name -> (mutation, weight). Heavy ones (thousands of cards, megabytes) are rarer so that
#: 10,000 documents run in minutes; each still appears hundreds of times.
MUTATIONS: dict[str, tuple[Callable[[random.Random, bytes], bytes], float]] = {
    "truncate": (_truncate, 10), "flip-bytes": (_flip_bytes, 10), "deep-nesting": (_deep_nesting, 6),
    "huge-attribute": (_huge_attribute, 2), "wrong-encoding": (_wrong_encoding, 8),
    "nul-bytes": (_nul_bytes, 6), "many-cards": (_many_cards, 2), "json-ld": (_json_ld, 6),
    "bad-links": (_bad_links, 6), "tag-soup": (_tag_soup, 8), "splice": (_splice, 4),
    "bom": (_bom, 2),
}

_CONTENT_TYPES = ("text/html", "text/html; charset=utf-8", "text/html; charset=utf-8\0",
                  "text/html; charset=", "text/html; charset=utf-16", "text/html; charset=bogus",
                  "text/html;;charset=\"latin1", "application/xhtml+xml", "TEXT/HTML; CHARSET=UTF-8",
                  "text/html, text/html", "text/html; charset=utf-8; charset=koi8-r", "")


def documents(seed: int, count: int) -> Iterator[Doc]:
    """``count`` fuzzed documents, the same ones for the same ``seed``."""
    rng = random.Random(seed)
    seeds = seed_pages()
    names = list(MUTATIONS)
    weights = [MUTATIONS[n][1] for n in names]
    for number in range(count):
        source, body = rng.choice(seeds)
        chosen = rng.choices(names, weights, k=rng.choice((1, 1, 2, 3)))
        for name in chosen:
            body = MUTATIONS[name][0](rng, body)
        yield Doc(number, body, rng.choice(_CONTENT_TYPES), source, chosen)
