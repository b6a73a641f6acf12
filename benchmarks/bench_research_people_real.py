"""People research lists on real small-business pages, against a ten-line regex.

Usage: ``.venv/bin/python benchmarks/bench_research_people_real.py [CORPUS_DIR] [--show]``

The corpus is ``../shared/corpora/webstruct-people-dev`` (58 real pages of small US, UK and
Canadian businesses with their people annotated by hand; its README says how a run is
scored, and ``people_scoring.py`` implements that). Each page is served as the home page
``/`` of a site on 127.0.0.1 and researched end to end (``research_company``); the people
of the result are scored. The pages are split in two folds by the parity of their id, and
both folds are reported. The rules of issue 17 were written reading the odd pages; the even
fold was only measured until the end, when four of its pages (118, 158, 240, 324) were read
for its missing titles (measured before that: recall 0.735, precision 0.909, titled recall
0.760, right title 0.200). A later round (false people on the project's own gold, and the
right title) read the even pages 208, 240 and 324 and the odd page 45 for their missing
titles; every change it kept is a general rule (an initial "A." is no article, acronyms such
as CEO are jobs not degrees, a role in a long sentence ends at its head noun, a title after a
comma in prose), judged by the 2-fold cross-validation. A third round studied the misses
and false people of one fold, kept a general rule only when the other fold did not lose
by it and the service pages (``wcxb-service-dev``) gained no false person, then swapped:
from the odd fold a bio that calls a person by the given name and "he"/"she", a nickname
in brackets, nested and layout tables, a heading over links to sub-pages, "& Son" firms,
bylines with names no census holds; from the even fold definition lists of offers, a row
of names over a row of titles, the next name of a list under a role heading or between
people already listed, a bare middle initial, indenting blockquotes, "Posted by:" lines,
names written in capitals, a testimonial signed "Reese K.", "May" as a family name, a
firm after "Name - "; from the service pages (so no longer a clean check for these three)
<main> nested in a menu by broken markup, a heading that ends a quotation's reach, a bio's
title cut before "within" or "in Firm". (Its commits give the figures of each step.) The
other, held-back half of the corpus is how issue 17 is judged.
The learned scorer that adds what the rules miss (``people_model.json``) is trained on all
58 pages, so its part of the figures here is measured on pages it saw: the estimate for
unseen pages is the 2-fold cross-validation of ``train_people_model.py``.

The baseline, measured in the same run on the same pages, is a ten-line regex: a
"Name, Title" or "Name - Title" line, or a name alone on a line over a line with a job
word. Two pages built here check that people research stays linear: a team grid of 2,000
cards and a page of 10,000 cards inside ``<template>``; each must cost at most ``_BIG_RATIO`` times four times
what a page of a quarter of the cards costs, measured in the same run (a step that reads
the whole grid for each card makes that ratio about 4), and under ``_BIG_CPU`` seconds.

Goals (issue 17): titled recall >= 0.8, the right title >= 0.7, recall of all named people
>= 0.6, precision >= 0.85, under 0.15 s of CPU per page for the whole research. ``--show``
prints every miss and every wrong name.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from people_scoring import Score, score_page  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "webstruct-people-dev"
GOALS = {"titled_recall": 0.8, "right_title": 0.7, "recall": 0.6, "precision": 0.85}
CPU_PER_PAGE = 0.15
_BIG_RATIO = 1.6
_BIG_CPU = 1.0

_JOB = (r"(?:CEO|CFO|COO|CTO|President|Vice President|Director|Manager|Founder|Owner|Partner|"
        r"Principal|Officer|Coordinator|Assistant|Consultant|Engineer|Designer|Attorney|"
        r"Associate|Administrator|Representative|Specialist|Secretary|Treasurer|Chair\w*)")
_NAME = r"(?:(?:Dr|Mr|Mrs|Ms)\.? )?[A-Z][a-z]+(?: [A-Z]\.)? [A-Z][A-Za-z'\-]+"


def regex_people(lines: list[str]) -> list[tuple[str, str | None]]:
    """The baseline: "Name, Title" / "Name - Title" lines, or a name line over a title line."""
    found = []
    for i, line in enumerate(lines):
        m = re.match(rf"^[-–—]?\s*({_NAME})\s*(?:,|\s[-–—|]\s)\s*(.{{2,80}})$", line)
        if m and re.search(_JOB, m.group(2), re.I):
            found.append((m.group(1), m.group(2)))
        elif re.fullmatch(_NAME, line) and i + 1 < len(lines) and len(lines[i + 1]) < 60 \
                and re.search(_JOB, lines[i + 1], re.I):
            found.append((line, lines[i + 1]))
    return found


class _OnePage(BaseHTTPRequestHandler):
    """Serves the current page at ``/`` and 404 elsewhere (robots.txt, sitemap, links)."""

    body = b""

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        ok = self.path.split("?", 1)[0] == "/"
        self.send_response(200 if ok else 404)
        self.send_header("Content-Type", "text/html")
        payload = type(self).body if ok else b"not here"
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _research_all(folder: Path, ids: list[str]) -> tuple[dict, float]:
    """Each page researched end to end as the home page of a local site; CPU per page."""
    import tempfile

    from infoview.research import research_company
    from infoview.settings import Settings

    server = ThreadingHTTPServer(("127.0.0.1", 0), _OnePage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    people = {}
    cpu = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(host_delay=0.0, use_cache=False,
                            cache_path=Path(tmp) / "cache.sqlite")
        _OnePage.body = (folder / "html" / f"{ids[0]}.html").read_bytes()
        research_company(url, settings=settings)  # warm up: imports and first-use tables
        for page in ids:
            _OnePage.body = (folder / "html" / f"{page}.html").read_bytes()
            start = time.process_time()
            profile = research_company(url, settings=settings)
            cpu += time.process_time() - start
            people[page] = [(p.name, p.title) for p in profile.people]
    server.shutdown()
    server.server_close()
    return people, cpu / max(1, len(ids))


def _big_page(n: int, template: bool) -> bytes:
    """A team grid of ``n`` invented people, each card in a box (or inside ``<template>``)."""
    first = ["Ada", "Bram", "Cleo", "Dov", "Esme", "Finn", "Gia", "Hugo", "Ines", "Jonah"]
    last = ["Marlow", "Quince", "Tarrant", "Vesey", "Whitcombe", "Ashdown", "Brightwell"]
    cards = []
    for i in range(n):
        name = f"{first[i % 10]} {last[(i // 10) % 7]}{last[(i // 70) % 7].lower()}"
        card = f'<div class="card"><h3>{name}</h3><p>Senior Engineer</p></div>'
        cards.append(f"<template>{card}</template>" if template else card)
    return f"<html><body><section>{''.join(cards)}</section></body></html>".encode()


def _people_cpu(body: bytes) -> tuple[float, int]:
    from infoview.research.extract import extract_people, parse_page

    page = parse_page(body, "http://127.0.0.1/")
    start = time.process_time()
    found = extract_people(page)
    return time.process_time() - start, len(found)


def _check_big() -> bool:
    """People of a huge page cost about what a quarter of it costs, times four."""
    ok = True
    for n, template in ((2000, False), (10000, True)):
        label = f"{n:,} {'<template> ' if template else 'team '}cards"
        quarter = min(_people_cpu(_big_page(n // 4, template))[0] for _ in range(3))
        body = _big_page(n, template)
        cpu, found = min(_people_cpu(body) for _ in range(3))
        ratio = cpu / max(4 * quarter, 1e-4)
        met = ratio <= _BIG_RATIO and cpu <= _BIG_CPU
        ok &= met
        print(f"{label} ({len(body) // 1024} KB): people {cpu:.3f} s CPU ({found} listed); a "
              f"quarter of it {quarter:.3f} s: ratio to four quarters {ratio:.2f} (target <= "
              f"{_BIG_RATIO}, and <= {_BIG_CPU} s) {'met' if met else 'MISSED'}")
    return ok


def main() -> int:
    from infoview.research.extract import parse_page

    args = [a for a in sys.argv[1:] if not a.startswith("--")]  # run_all passes --quick
    folder = Path(args[0]) if args else DEFAULT_CORPUS
    if not (folder / "index.json").exists():
        print(f"No corpus at {folder}.")
        return 2
    ids = json.loads((folder / "index.json").read_text())["ids"]
    gold = {i: json.loads((folder / "gold" / f"{i}.json").read_text()) for i in ids}
    ours, cpu = _research_all(folder, ids)
    regex = {i: regex_people(parse_page((folder / "html" / f"{i}.html").read_bytes(),
                                        "http://127.0.0.1/").lines) for i in ids}
    print(f"{len(ids)} pages, {sum(len(g['people']) for g in gold.values())} people "
          f"({sum(1 for g in gold.values() for p in g['people'] if p['titles'])} with a title)")
    totals = {}
    for label, listed in (("research", ours), ("regex", regex)):
        folds = {"odd ids": Score(), "even ids": Score(), "all": Score()}
        for page in ids:
            score = score_page(page, gold[page], listed[page])
            folds["odd ids" if int(page) % 2 else "even ids"].add(score)
            folds["all"].add(score)
        for fold, score in folds.items():
            print(f"{label:8s} {fold:8s} {score.line()}")
        totals[label] = folds["all"]
    ok = True
    for key, goal in GOALS.items():
        value = getattr(totals["research"], key)
        met = value >= goal
        ok &= met
        print(f"{key}: {value:.3f} (regex {getattr(totals['regex'], key):.3f}), goal >= {goal} "
              f"{'met' if met else 'MISSED'}")
    met = cpu <= CPU_PER_PAGE
    ok &= met
    print(f"CPU per page, whole research: {cpu:.3f} s (goal <= {CPU_PER_PAGE}) "
          f"{'met' if met else 'MISSED'}")
    ok &= _check_big()
    if "--show" in sys.argv:
        for page, name in totals["research"].wrong_names:
            print(f"wrong {page}: {name}")
        for page, name, titles in totals["research"].missed:
            print(f"missed {page}: {name} [{titles}]")
    print("targets " + ("met" if ok else "MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
