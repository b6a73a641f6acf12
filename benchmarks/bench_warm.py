"""Benchmark: importing a large LinkedIn archive, a warm-paths query over it, and how well
messages are matched to people.

A generated archive holds 30,000 connections and 100,000 messages (``--quick``: 3,000 and
10,000) with what real ones hold: accented and mis-decoded names, namesakes, one company
written several ways ("Foo Labs", "FOO LABS, Inc.", "Foo Labs GmbH"), conversations whose
profile URLs are missing, correspondents who are not connections. A second download of
the same member, months later, has a tenth of the connections at a new employer and more
messages. The truth (who each message was with) is known to the generator.

Measured, each in a child process so that its peak memory is its own:

- the import of the first archive into an empty store: seconds and peak RSS, against a
  baseline in the same run (the same CSV files read by ``csv`` and their rows written
  through bare ``sqlite3``);
- a warm-paths query for one of the largest organizations, the store read afresh each time
  (median of 5);
- after importing the second archive: precision and recall of message-to-person matching
  (each message the user sent is filed under one person; it is right when that person is
  the one the generator wrote it to).

Targets: import under 20 s and under 1 GB; warm paths under 0.5 s; precision and recall
each at least 0.95. Exit status 1 on a miss.

    .venv/bin/python benchmarks/bench_warm.py            # 30,000 connections, 100,000 messages
    .venv/bin/python benchmarks/bench_warm.py --quick    # 3,000 and 10,000
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from infoview.store.archive_import import import_archive

IMPORT_SECONDS = 20.0
IMPORT_BYTES = 1 << 30
QUERY_SECONDS = 0.5
QUALITY = 0.95

ME = "Inès Moreau"
ME_URL = "https://www.linkedin.com/in/ines-moreau"
FIRST = ["José", "Maria", "Søren", "Chloé", "Łukasz", "Zoë", "Amara", "Kwame", "Mei", "Priya",
         "Ólafur", "Inès", "François", "Anaïs", "Jürgen", "Björn", "Noor", "Theo", "Rui", "Ana",
         "Sam", "Lena", "Ola", "Vera", "Lee", "Ada", "Kenji", "Aylin", "Tomás", "Eva"]
LAST = ["Garcia", "Núñez", "Kierkegård", "Dubois", "Wiśniewski", "Okafor", "Mensah", "Zhang",
        "Raman", "Arnalds", "Müller", "Øster", "Haddad", "Brandt", "Costa", "Lind", "Park",
        "Quinn", "Tanaka", "Yılmaz", "Ruiz", "Dvořák", "Novak", "Rossi", "Smith", "Kowalski",
        "Fischer", "Moreau", "Silva", "Jensen", "Nakamura", "Ivanova", "Horvat", "Ng", "Sato",
        "Popescu", "Papadopoulos", "Ahmed", "O'Brien", "García-López"]
SYLLABLES = ["ka", "lo", "mé", "ri", "sø", "ta", "vi", "no", "dra", "ber", "şa", "ül", "ko", "ná",
             "gu", "pe", "ro", "zy", "ch", "an", "el", "ma", "tor", "ić"]
WORDS = ["Kestrel", "Granite", "Harbour", "Orchard", "Saltmarsh", "Tidewater", "Lumen",
         "Fjord", "Vistula", "Northwind", "Bluefin", "Cedar", "Aurora", "Basalt", "Cobalt"]
KINDS = ["Health Labs", "Ledger", "Energy", "Learning", "Games", "Bank", "Analytics", "Maps",
         "Robotics", "Studio", "Systems", "Foods"]
SUFFIXES = ["", "", ", Inc.", " GmbH", " Ltd", " SA"]


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in plain.lower()).split())


def _csv(header: list[str], rows, preamble: str = "") -> bytes:
    out = io.StringIO(newline="")
    out.write(preamble)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _name(rng: random.Random) -> tuple[str, str]:
    """A first and a last name; about as varied as a real network's."""
    first = rng.choice(FIRST)
    if rng.random() < 0.2:
        first += " " + rng.choice(FIRST)
    if rng.random() < 0.3:
        return first, rng.choice(LAST)
    last = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
    return first, last.capitalize()


def _mojibake(text: str) -> str:
    try:
        return text.encode("utf-8").decode("cp1252")
    except UnicodeDecodeError:
        return text


def generate(folder: Path, connections: int, messages: int, seed: int = 11) -> dict:
    """Write ``first.zip`` and ``second.zip`` into ``folder``; returns the truth:
    ``{"sent": {sent_at ISO: true profile URL}, "target": a large organization}``."""
    rng = random.Random(seed)
    companies = [f"{w} {k}" for w in WORDS for k in KINDS]
    rng.shuffle(companies)
    weights = [1 / (i + 1) for i in range(len(companies))]  # a few large employers
    people = []
    for i in range(connections):
        if i and rng.random() < 0.03:  # a namesake of someone already generated
            first, last = people[rng.randrange(len(people))]["name"].split(" ", 1)
        else:
            first, last = _name(rng)
        company = rng.choices(companies, weights)[0]
        people.append({"name": f"{first} {last}", "first": first, "last": last,
                       "url": f"https://www.linkedin.com/in/{_slug(first + ' ' + last)}-{i:05x}",
                       "company": company + rng.choice(SUFFIXES),
                       "title": rng.choice(["Engineer", "Analyst", "Designer", "Manager, Ops"]),
                       "on": (datetime(2015, 1, 1) + timedelta(days=rng.randrange(3000)))
                       .strftime("%d %b %Y")})
    outsiders = [{"name": " ".join(_name(rng)),
                  "url": f"https://www.linkedin.com/in/recruiter-{i:05x}"}
                 for i in range(max(1, connections // 30))]
    t0 = datetime(2023, 1, 1, tzinfo=UTC)
    rows, sent_truth = [], {}
    clock = 0
    conversation = 0
    while len(rows) < messages:
        conversation += 1
        other = rng.choice(people) if rng.random() < 0.95 else rng.choice(outsiders)
        hidden = rng.random() < 0.10  # this conversation's profile URLs are missing
        shown = other["name"]
        if hidden and rng.random() < 0.5:
            shown = _mojibake(shown) if rng.random() < 0.5 else _slug(shown).replace("-", " ")
        for _ in range(rng.randint(2, 8)):
            clock += rng.randint(60, 4000)
            when = t0 + timedelta(seconds=clock)
            stamp = when.strftime("%Y-%m-%d %H:%M:%S UTC")
            other_url = "" if hidden else other["url"]
            if rng.random() < 0.5:
                rows.append([f"c-{conversation}", "", ME, ME_URL, shown, other_url, stamp, "",
                             f"Hello {shown}, a question, if I may:\nhow did you start?",
                             "INBOX"])
                sent_truth[when.isoformat()] = other["url"]
            else:
                rows.append([f"c-{conversation}", "", shown, other_url, ME, ME_URL, stamp, "",
                             "Thanks, \"happy\" to help.", "INBOX"])
    header = ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
              "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"]
    profile = _csv(["First Name", "Last Name", "Headline", "Summary", "Geo Location"],
                   [["Inès", "Moreau", "Analyst", "Data, health", "Lyon, France"]])
    positions = _csv(["Company Name", "Title", "Description", "Location", "Started On",
                      "Finished On"], [[companies[3], "Analyst", "", "Lyon", "Sep 2019", ""]])
    education = _csv(["School Name", "Start Date", "End Date", "Notes", "Degree Name",
                      "Activities"], [["ENSAI", "2016", "2017", "", "Master", ""]])
    notes = 'Notes:\r\n"Some email addresses may be missing."\r\n\r\n'
    conn_header = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                   "Connected On"]

    def connections_csv() -> bytes:
        return _csv(conn_header, ([p["first"], p["last"], p["url"], "", p["company"],
                                   p["title"], p["on"]] for p in people), notes)

    def write(name: str, message_rows) -> None:
        with zipfile.ZipFile(folder / name, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("Profile.csv", profile)
            archive.writestr("Positions.csv", positions)
            archive.writestr("Education.csv", education)
            archive.writestr("Connections.csv", connections_csv())
            archive.writestr("messages.csv", _csv(header, message_rows))

    cut = int(len(rows) * 0.9)
    write("first.zip", rows[:cut])
    for person in rng.sample(people, len(people) // 10):  # moved to a new employer
        person["company"] = rng.choice(companies)
    write("second.zip", rows)
    return {"sent": sent_truth, "target": companies[0]}


def _rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def child_import(folder: str) -> dict:
    """In a child process: import first.zip, time warm paths, import second.zip, score."""
    from infoview.flows.warm import warm_paths
    from infoview.models import Outreach
    from infoview.store import Store

    folder_path = Path(folder)
    truth = json.loads((folder_path / "truth.json").read_text(encoding="utf-8"))
    with Store.open(folder_path / "bench.sqlite") as store:
        start = time.perf_counter()
        report = import_archive(store, folder_path / "first.zip")
        seconds = time.perf_counter() - start
        rss = _rss_bytes()
        queries = []
        for _ in range(5):
            start = time.perf_counter()
            paths = warm_paths(store, truth["target"].upper() + ", Inc.")
            queries.append(time.perf_counter() - start)
        import_archive(store, folder_path / "second.zip")
        urls = dict(store.execute("SELECT id, profile_url FROM people"))
        filed = [(row.sent_at.isoformat(), urls.get(row.person_id))
                 for row in store.list(Outreach, channel="linkedin")]
    right = sum(1 for when, got in filed if truth["sent"].get(when) == got)
    return {"seconds": seconds, "rss": rss, "query": statistics.median(queries),
            "paths": len(paths), "people": report.connections.added,
            "messages": report.messages, "precision": right / max(1, len(filed)),
            "recall": right / max(1, len(truth["sent"]))}


def child_baseline(folder: str) -> dict:
    """In a child process: the floor, the same CSV rows read and inserted with sqlite3."""
    start = time.perf_counter()
    conn = sqlite3.connect(Path(folder) / "bare.sqlite")
    conn.execute("CREATE TABLE people (first, last, url, email, company, position, day)")
    conn.execute("CREATE TABLE messages (c, t, sender, sender_url, recipient, recipient_url, "
                 "day, subject, body, folder)")
    with zipfile.ZipFile(Path(folder) / "first.zip") as archive, conn:
        text = archive.read("Connections.csv").decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text.split("\r\n\r\n", 1)[1], newline="")))[1:]
        conn.executemany("INSERT INTO people VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        text = archive.read("messages.csv").decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))[1:]
        conn.executemany("INSERT INTO messages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.close()
    return {"seconds": time.perf_counter() - start, "rss": _rss_bytes()}


def _run_child(kind: str, folder: str) -> dict:
    out = subprocess.run([sys.executable, __file__, f"--child-{kind}", folder], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3,000 connections, 10,000 messages")
    parser.add_argument("--child-import", metavar="FOLDER", help=argparse.SUPPRESS)
    parser.add_argument("--child-baseline", metavar="FOLDER", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_import:
        print(json.dumps(child_import(args.child_import)))
        return 0
    if args.child_baseline:
        print(json.dumps(child_baseline(args.child_baseline)))
        return 0
    connections, messages = (3_000, 10_000) if args.quick else (30_000, 100_000)
    with tempfile.TemporaryDirectory(prefix="bench-warm-") as tmp:
        start = time.perf_counter()
        truth = generate(Path(tmp), connections, messages)
        (Path(tmp) / "truth.json").write_text(json.dumps(truth), encoding="utf-8")
        print(f"generated {connections:,} connections and {messages:,} messages "
              f"in {time.perf_counter() - start:.1f} s")
        base = _run_child("baseline", tmp)
        got = _run_child("import", tmp)
    ok = []
    print(f"archive import (first download)        {got['seconds']:7.2f} s   baseline "
          f"{base['seconds']:6.2f} s   ratio {got['seconds'] / base['seconds']:5.1f}x   "
          f"target < {IMPORT_SECONDS:.0f} s   {_verdict(got['seconds'] < IMPORT_SECONDS, ok)}")
    print(f"peak memory of the import              {got['rss'] / 2**20:7.0f} MB  baseline "
          f"{base['rss'] / 2**20:6.0f} MB  target < {IMPORT_BYTES / 2**20:.0f} MB  "
          f"{_verdict(got['rss'] < IMPORT_BYTES, ok)}")
    print(f"warm paths into {truth['target']!r} ({got['paths']} people)  "
          f"{got['query']:7.3f} s   target < {QUERY_SECONDS} s   "
          f"{_verdict(got['query'] < QUERY_SECONDS, ok)}")
    print(f"message-to-person matching: precision {got['precision']:.4f}, recall "
          f"{got['recall']:.4f}   target >= {QUALITY} each   "
          f"{_verdict(min(got['precision'], got['recall']) >= QUALITY, ok)}")
    if all(ok):
        print("All targets met.")
        return 0
    return 1


def _verdict(passed: bool, record: list[bool]) -> str:
    record.append(passed)
    return "ok" if passed else "MISSED"


if __name__ == "__main__":
    sys.exit(main())
