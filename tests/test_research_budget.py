"""Reading one page is bounded in CPU time: a pathological page gives a partial result and
a warning, never minutes of computing (issue 17, "Also"; issue 18, the fuzz measures).

The budget is enforced from outside the extractors (budget.py), so it bounds any slow step,
including ones nobody has found yet: the tests use a deliberately endless step as well as a
real page of thousands of cards. CPU is measured with the process's own clock; the bounds
are several times the budget so that a busy machine cannot fail them.
"""

from __future__ import annotations

import re
import threading
import time

import pytest
from hostile_server import Hostile
from research_sites import fast_settings

from infoview.research import company
from infoview.research.budget import PageBudget, run_within
from infoview.research.company import research_company
from infoview.settings import Settings

HTML = {"Content-Type": "text/html; charset=utf-8"}


def _spin() -> None:
    while True:   # pure Python: stopped at the next bytecode once the budget is spent
        pass


def _regex_forever() -> None:
    text = "a" * 2_000
    while True:   # C calls in a loop: stopped between two of them
        re.findall(r"a+b", text)


def _swallows_everything() -> None:
    while True:
        try:
            sum(range(10_000))
        except Exception:   # an extractor's broad except must not keep it running
            pass


@pytest.mark.parametrize("step", [_spin, _regex_forever, _swallows_everything])
def test_a_step_past_its_budget_is_stopped_and_gives_the_default(step):
    budget = PageBudget(0.3)
    started = time.process_time()
    assert run_within(budget, "people", step, default=[]) == []
    assert time.process_time() - started < 2.0
    assert budget.overrun and budget.skipped == ["people"]


def test_after_an_overrun_the_page_s_other_steps_are_skipped():
    budget = PageBudget(0.2)
    run_within(budget, "people", _spin, default=[])
    ran = []
    assert run_within(budget, "news", lambda: ran.append(1) or ["item"], default=[]) == []
    assert ran == [] and budget.skipped == ["people", "news"]


def test_a_step_within_its_budget_returns_its_result_and_is_charged_for_it():
    budget = PageBudget(5.0)
    assert run_within(budget, "facts", lambda: sum(range(200_000)), default=0) == \
        sum(range(200_000))
    assert 0 < budget.left < 5.0 and not budget.skipped


def test_an_ordinary_exception_of_a_step_still_reaches_the_caller():
    def broken() -> None:
        raise KeyError("a bug")

    with pytest.raises(KeyError):
        run_within(PageBudget(1.0), "facts", broken, default=None)


def test_the_stop_never_lands_after_the_step_has_finished():
    # many short steps on a tight budget: a late exception would escape one of these calls
    # or hit the loop around them
    budget = PageBudget(10.0)
    for _ in range(2_000):
        run_within(budget, "facts", lambda: sum(range(2_000)), default=0)
    time.sleep(0.1)   # the watchdog has had time to act, were anything pending
    assert not budget.overrun


def test_threads_are_bounded_each_on_their_own_clock():
    results: dict[str, object] = {}

    def slow() -> None:
        results["slow"] = run_within(PageBudget(0.3), "people", _spin, default="stopped")

    def quick() -> None:
        results["quick"] = run_within(PageBudget(30.0), "facts", lambda: sum(range(10**6)),
                                      default="stopped")

    threads = [threading.Thread(target=slow), threading.Thread(target=quick)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results == {"slow": "stopped", "quick": sum(range(10**6))}


@pytest.fixture()
def site():
    with Hostile() as server:
        server.routes["/"] = (200, HTML, (
            b"<html><head><title>Fellgate Surveyors</title>"
            b'<meta property="og:site_name" content="Fellgate Surveyors"></head><body>'
            b"<main><h1>Fellgate Surveyors</h1><p>Fellgate Surveyors is a chartered surveying "
            b"practice based in Kendal. We were founded in 1998.</p></main></body></html>"
        ))
        yield server


def test_research_finishes_with_a_warning_when_one_extractor_never_ends(site, tmp_path,
                                                                          monkeypatch):
    monkeypatch.setitem(company._Extracts.STEPS, "people", lambda page: _spin())
    settings = fast_settings(tmp_path, max_pages=1, page_cpu_seconds=0.5)
    started = time.process_time()
    profile = research_company(site.url, settings=settings)
    assert time.process_time() - started < 5.0
    assert profile.name == "Fellgate Surveyors"      # read before the budget ran out
    assert profile.people == []
    assert any("took too long to read" in w and "people" in w for w in profile.warnings)


def test_a_page_of_two_thousand_team_cards_costs_a_bounded_time(site, tmp_path):
    # 2,000 cards once took 12.6 s of CPU (a step quadratic in the cards); whatever the
    # extractors cost today, the page stays within its budget plus parsing
    cards = "".join(f'<div class="team-member"><h3>Person Number{i} Example</h3>'
                    f'<p class="role">Surveyor</p><p>Joined in 20{i % 20:02d}.</p></div>'
                    for i in range(2_000))
    site.routes["/"] = (200, HTML, f"<html><head><title>Fellgate Surveyors</title></head>"
                                   f"<body><main><h1>Our team</h1>{cards}</main></body></html>"
                        .encode())
    # the page costs about 0.4 s of CPU on a quiet machine; a busy one (caches shared with
    # other work) can stretch that past a tight budget, so the budget leaves room
    settings = fast_settings(tmp_path, max_pages=1, page_cpu_seconds=2.0)
    started = time.process_time()
    profile = research_company(site.url, settings=settings)
    assert time.process_time() - started < 6.0
    assert profile.name == "Fellgate Surveyors"


def test_the_cpu_budget_is_a_checked_setting():
    assert Settings().page_cpu_seconds > 0
    with pytest.raises(ValueError, match="page_cpu_seconds must be more than 0"):
        Settings(page_cpu_seconds=0)


def test_person_research_is_bounded_too(site, tmp_path, monkeypatch):
    from infoview.research import person
    from infoview.research.person import research_person

    monkeypatch.setattr(person, "person_facts", lambda page: _spin())
    profile = research_person(site.url, settings=fast_settings(tmp_path, page_cpu_seconds=0.3))
    assert profile.name is None
    assert any("took too long to read" in w for w in profile.warnings)
