"""A small fixed-seed fuzz run in CI: mutated pages never crash company research.

The same generator as ``benchmarks/bench_research_fuzz.py`` (which runs 10,000 documents
and checks CPU and memory), with a fixed seed and a count small enough for every run of the
suite. A failure names the document (seed, number, source page and mutations), so it can be
regenerated with ``fuzz_pages.documents(SEED, number + 1)`` and kept as a fixture.
"""

from __future__ import annotations

import logging
import time

import pytest
from fuzz_pages import MUTATIONS, documents
from hostile_server import Hostile
from research_sites import fast_settings

from infoview.errors import InfoviewError
from infoview.research.company import read_company_page, research_company
from infoview.research.fetch import Fetcher

SEED = 20260118
COUNT = 80
HTTP_COUNT = 12
#: A hang guard, not a speed target (the benchmark holds that): far above the page budget.
HANG_CPU = 20.0


@pytest.fixture(autouse=True)
def _quiet_extruct():
    logging.disable(logging.CRITICAL)   # extruct logs a traceback for each odd page
    yield
    logging.disable(logging.NOTSET)


def _foreign(step) -> str | None:
    try:
        step()
    except InfoviewError:
        return None
    except Exception as exc:  # the point of the test: anything else is a bug
        return f"{type(exc).__name__}: {exc}"
    return None


def test_the_generator_is_reproducible_and_uses_every_mutation():
    first = [(d.body, d.content_type) for d in documents(SEED, 30)]
    assert first == [(d.body, d.content_type) for d in documents(SEED, 30)]
    used = {m for d in documents(SEED, COUNT) for m in d.mutations}
    assert used == set(MUTATIONS)


@pytest.mark.slow
def test_mutated_pages_through_the_per_page_step_of_research(tmp_path):
    settings = fast_settings(tmp_path)
    failures, slow = [], []
    for doc in documents(SEED, COUNT):
        started = time.process_time()
        problem = _foreign(lambda doc=doc: read_company_page(
            doc.body, "https://fuzz.example/", content_type=doc.content_type,
            settings=settings))
        if problem:
            failures.append(f"{doc.describe()}: {problem}")
        if time.process_time() - started > HANG_CPU:
            slow.append(doc.describe())
    assert failures == [] and slow == []


@pytest.mark.slow
def test_mutated_pages_served_from_loopback_through_company_research(tmp_path):
    failures = []
    with Hostile() as server, Fetcher(fast_settings(tmp_path)) as fetcher:
        for doc in documents(SEED + 1, HTTP_COUNT):
            path = f"/site{doc.number}/"
            server.routes[path] = (200, {"Content-Type": doc.content_type}, doc.body)
            problem = _foreign(lambda path=path: research_company(
                server.url.rstrip("/") + path, fetcher=fetcher, max_pages=2))
            if problem:
                failures.append(f"{doc.describe()}: {problem}")
    assert failures == []
