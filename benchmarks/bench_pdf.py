"""Benchmark: what a PDF brief costs, and the wait for one in the preparation panel.

Loading WeasyPrint costs about a second (cffi parses pango's C declarations in Python each
time a process starts), most of a PDF export. Printed, on the sample history:

- ``infoview prep --meeting 1 --format pdf`` against the same brief as a web page (``html``),
  each as a whole process (the difference is the PDF's own cost, start-up included);
- in one process, like a notebook kernel: the preparation panel is opened, a plan made, and
  two seconds later (a user reading the plan) the PDF button is clicked; timed from the click
  to the file written, with WeasyPrint loaded ahead by the panel ("warm") and without
  ("cold"), each in a fresh process, alternately.

Target: the warm click waits at most half the cold one. Exit status 1 on a miss.

    .venv/bin/python benchmarks/bench_pdf.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 0.5
READING = 2.0

CLICK = """
import sys, tempfile, time
from infoview.store import Store
import infoview.widgets.prepare as prepare
if sys.argv[2] == "cold":
    prepare.warm_pdf = lambda: None
panel = prepare.PreparePanel(Store.open(sys.argv[1]), out_dir=tempfile.mkdtemp())
panel.plan_button.click()
time.sleep(float(sys.argv[3]))
start = time.perf_counter()
panel.export_buttons["pdf"].click()
assert panel.message.kind == "ok", panel.message.text
print(time.perf_counter() - start)
"""


def _process(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each (default 3)")
    args = parser.parse_args(argv)
    from datetime import date

    from infoview.demo.history import generate_sample
    from infoview.store import Store

    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        db = Path(tmp) / "sample.sqlite"
        with Store.open(db) as store:
            generate_sample(store, seed=7, today=date(2026, 3, 31))
        prep = [sys.executable, "-m", "infoview", "--db", str(db), "prep", "--meeting", "1",
                "--out", tmp + "/", "--format"]
        _process([*prep, "html"])  # first run: files into the page cache
        html, pdf, cold, warm = [], [], [], []
        for _ in range(args.runs):
            html.append(_process([*prep, "html"]))
            pdf.append(_process([*prep, "pdf"]))
            for mode, into in (("cold", cold), ("warm", warm)):
                out = subprocess.run([sys.executable, "-c", CLICK, str(db), mode, str(READING)],
                                     check=True, capture_output=True, text=True)
                into.append(float(out.stdout.strip().splitlines()[-1]))
    med = statistics.median
    print(f"infoview prep --format html   {med(html):6.2f} s (whole process, median of {args.runs})")
    print(f"infoview prep --format pdf    {med(pdf):6.2f} s (the PDF's own cost: "
          f"{med(pdf) - med(html):.2f} s)")
    print(f"panel PDF click, cold         {med(cold):6.2f} s")
    ratio = med(warm) / med(cold)
    ok = ratio <= TARGET
    print(f"panel PDF click, warm         {med(warm):6.2f} s   ratio {ratio:.2f}   "
          f"target <= {TARGET}   {'ok' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
