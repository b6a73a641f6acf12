"""Accuracy of the main text research summarises, on real company and service pages.

Usage: ``.venv/bin/python benchmarks/bench_research_accuracy.py [CORPUS_DIR] [--limit N]``

CORPUS_DIR defaults to ``../shared/corpora/wcxb-service-dev`` beside the repository (165
pages with ground-truth main text; see its README). The pages are read from there and never
copied into the project. For each page, three extractors get the same bytes in the same run:
research's main-text step (:func:`infoview.research.extract.main_text`), trafilatura alone
with its defaults, and BeautifulSoup's ``get_text()``. The score is the corpus's own: word F1
per page (lower-cased ``\\w+`` tokens counted with multiplicity), averaged over pages.

Target: research's mean F1 is no worse than trafilatura alone. Exits 1 when it is.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "wcxb-service-dev"
_WORD = re.compile(r"\w+")


def word_f1(predicted: str, truth: str) -> float:
    """Word-level F1 of two texts (lower-cased ``\\w+`` tokens, with multiplicity)."""
    pred, gold = Counter(_WORD.findall(predicted.lower())), Counter(_WORD.findall(truth.lower()))
    if not pred or not gold:
        return 1.0 if not pred and not gold else 0.0
    overlap = sum((pred & gold).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(pred.values()), overlap / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


def load_corpus(folder: Path, limit: int | None = None) -> list[dict]:
    """The corpus pages: ``{"id", "url", "body" (bytes), "truth" (str)}``."""
    ids = json.loads((folder / "index.json").read_text())
    if isinstance(ids, dict):
        ids = ids.get("ids") or list(ids)
    pages = []
    for page_id in ids[:limit] if limit else ids:
        truth = json.loads((folder / "ground-truth" / f"{page_id}.json").read_text())
        pages.append({
            "id": page_id,
            "url": truth.get("url"),
            "body": gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes()),
            "truth": truth["ground_truth"]["main_content"],
        })
    return pages


def extractors() -> dict:
    """The three extractors compared, each a function of (bytes, url) -> text."""
    import trafilatura
    from bs4 import BeautifulSoup

    from infoview.research.extract import main_text

    return {
        "research": lambda body, url: main_text(body, url),
        "trafilatura": lambda body, url: trafilatura.extract(body, url=url) or "",
        "bs4 get_text": lambda body, url: BeautifulSoup(body, "lxml").get_text(" "),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS), help="the corpus folder")
    parser.add_argument("--limit", type=int, help="score only the first N pages")
    parser.add_argument("--quick", action="store_true", help="score the first 40 pages (make bench --quick)")
    args = parser.parse_args()
    folder = Path(args.corpus)
    if not (folder / "index.json").exists():
        print(f"No corpus at {folder} (expected index.json, html/, ground-truth/).")
        return 2
    pages = load_corpus(folder, args.limit or (40 if args.quick else None))
    scores: dict[str, list[float]] = {}
    seconds: dict[str, float] = {}
    for name, extract in extractors().items():
        extract(pages[0]["body"], pages[0]["url"])  # warm-up: imports and caches
        started = time.perf_counter()
        scores[name] = [word_f1(extract(p["body"], p["url"]), p["truth"]) for p in pages]
        seconds[name] = (time.perf_counter() - started) / len(pages)

    print(f"Main-text accuracy on {len(pages)} pages of {folder.name} (word F1, mean over pages)")
    print(f"{'extractor':<14} {'mean F1':>8} {'s/page':>8}")
    for name in scores:
        print(f"{name:<14} {sum(scores[name]) / len(pages):>8.3f} {seconds[name]:>8.4f}")
    research = sum(scores["research"]) / len(pages)
    baseline = sum(scores["trafilatura"]) / len(pages)
    print(f"\nresearch / trafilatura alone: {research / baseline:.3f} "
          f"(target: at least 1.000, i.e. no worse than trafilatura alone)")
    worst = sorted(range(len(pages)), key=lambda i: scores["research"][i])[:5]
    print("\nFive worst pages for research's extractor:")
    for i in worst:
        print(f"  {pages[i]['id']:<12} F1 {scores['research'][i]:.3f} "
              f"(trafilatura {scores['trafilatura'][i]:.3f})  {pages[i]['url']}")
    if research < baseline:
        print("\nMISSED: research's main text scores below trafilatura alone.")
        return 1
    print("\nTarget met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
