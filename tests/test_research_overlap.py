"""Company research reads a site's pages on a helper thread while it fetches the next ones,
and requests the reports and feeds before the summary and page types are read: it says
exactly what it says when every step runs in turn on the research thread, and the requests
beyond the pages do not wait for that reading. On fixture sites served on loopback."""

from __future__ import annotations

import threading
from urllib.parse import urlsplit

import pytest
from research_sites import SITES, fast_settings

from infoview.demo.site import serve
from infoview.research import company
from infoview.research.company import research_company
from infoview.research.extracts import Extracts
from infoview.research.feeds import USUAL_PATHS
from infoview.research.fetch import Fetcher

NEWS = ("<html><head>{head}</head><body><h1>News</h1>"
        "<article><h2><a href='/news/plant.html'>Wren opens a plant in Derby</a></h2>"
        "<time datetime='2025-03-04'>4 March 2025</time></article>"
        "<article><h2><a href='/news/award.html'>Wren wins a design award</a></h2>"
        "<time datetime='2024-06-20'>20 June 2024</time></article></body></html>")
RSS = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Wren news</title>"
       "<item><title>Wren hires in Leeds</title><link>/news/leeds.html</link>"
       "<pubDate>Tue, 04 Feb 2025 09:00:00 GMT</pubDate></item>"
       "<item><title>Wren opens a plant in Derby</title><link>/news/plant.html</link>"
       "<pubDate>Tue, 04 Mar 2025 09:00:00 GMT</pubDate></item>"
       "<item><title>An old item</title><link>/news/old.html</link>"
       "<pubDate>Tue, 04 Mar 1980 09:00:00 GMT</pubDate></item></channel></rss>")


def _company_site(root, *, feed_linked: bool, report: bool) -> None:
    """A small company: home, about, team and news pages, a feed, perhaps a report."""
    link = ("<link rel='alternate' type='application/rss+xml' href='/rss.xml'>"
            if feed_linked else "")
    pdf = "<a href='/files/annual-report-2024.pdf'>Annual report 2024 (PDF)</a>" if report else ""
    (root / "index.html").write_text(
        f"<html><head><title>Wren Robotics</title>{link}</head><body><h1>Wren Robotics</h1>"
        "<p>Wren Robotics, founded in 2011, builds warehouse robots in Derby.</p>"
        "<nav><a href='/about.html'>About us</a> <a href='/team.html'>Our team</a> "
        f"<a href='/news.html'>News</a></nav>{pdf}</body></html>")
    (root / "about.html").write_text(
        "<html><body><h1>About Wren Robotics</h1><p>Wren Robotics was founded in 2011 in "
        "Derby. We build robots that carry parcels through warehouses.</p></body></html>")
    (root / "team.html").write_text(
        "<html><body><h1>Our team</h1><div class='person'><h3>Maya Okafor</h3>"
        "<p>Chief Executive Officer</p></div><div class='person'><h3>Tomas Berg</h3>"
        "<p>Head of Engineering</p></div></body></html>")
    (root / "news.html").write_text(NEWS.format(head=link))
    (root / ("rss.xml" if feed_linked else "feed.xml")).write_text(RSS)
    if report:
        (root / "files").mkdir(exist_ok=True)
        (root / "files" / "annual-report-2024.pdf").write_bytes(b"%PDF-1.4 not really a report")


class _InTurn(Extracts):
    """Every extractor run where it is asked for, on the research thread, in turn."""

    def __init__(self, seconds: float, *, threaded: bool = True) -> None:
        super().__init__(seconds, threaded=False)


def _both_ways(url: str, tmp_path, monkeypatch, **changes) -> tuple[dict, dict]:
    """(the research as it runs, the research with every step in turn) as dicts."""
    overlapped = research_company(url, settings=fast_settings(tmp_path, **changes)).to_dict()
    with monkeypatch.context() as patch:
        patch.setattr(company, "_Extracts", _InTurn)
        in_turn = research_company(url, settings=fast_settings(tmp_path, **changes)).to_dict()
    return overlapped, in_turn


@pytest.mark.parametrize("name", sorted(p.name for p in SITES.iterdir() if p.is_dir()))
def test_every_fixture_site_reads_the_same_in_turn(name, sites, tmp_path, monkeypatch):
    overlapped, in_turn = _both_ways(sites.get(name).url, tmp_path, monkeypatch)
    assert overlapped == in_turn


@pytest.mark.parametrize("max_pages", [1, 2, 6])
def test_the_sample_company_reads_the_same_in_turn(max_pages, sites, tmp_path, monkeypatch):
    overlapped, in_turn = _both_ways(sites.get().url, tmp_path, monkeypatch,
                                     max_pages=max_pages)
    assert overlapped == in_turn
    assert len(overlapped["fetched"]) >= max_pages


@pytest.mark.parametrize(("feed_linked", "report"), [(True, True), (False, False)],
                         ids=["feed linked, a report", "feed at a usual path"])
def test_a_site_with_feeds_and_reports_reads_the_same_in_turn(feed_linked, report, tmp_path,
                                                              monkeypatch):
    _company_site(tmp_path, feed_linked=feed_linked, report=report)
    with serve(tmp_path) as server:
        overlapped, in_turn = _both_ways(server.url, tmp_path, monkeypatch)
    assert overlapped == in_turn
    titles = [item["title"] for item in overlapped["news"]]
    assert "Wren hires in Leeds" in titles    # read from the feed
    assert any("founded (2011)" in w for w in overlapped["warnings"])  # founding year used
    assert any(f["url"].endswith(".pdf") for f in overlapped["fetched"]) == report


@pytest.mark.parametrize(("feed_linked", "report"), [(True, True), (False, False)],
                         ids=["feed linked, a report", "feed at a usual path"])
def test_reports_and_feeds_are_requested_while_the_page_types_are_read(feed_linked, report,
                                                                       tmp_path, monkeypatch):
    _company_site(tmp_path, feed_linked=feed_linked, report=report)
    asked = threading.Event()
    beyond = {"/rss.xml", "/files/annual-report-2024.pdf", *USUAL_PATHS}

    class Watching(Fetcher):
        def fetch(self, url, **kwargs):
            if urlsplit(url).path in beyond:
                asked.set()
            return super().fetch(url, **kwargs)

    real = company.page_type
    waited: list[bool] = []

    def page_type(*args, **kwargs):
        # Held until research has asked for a report or a feed: research that waited for
        # the page types before asking would hold it here until the timeout.
        waited.append(asked.wait(timeout=30))
        return real(*args, **kwargs)

    monkeypatch.setattr(company, "page_type", page_type)
    with serve(tmp_path) as server, Watching(fast_settings(tmp_path)) as fetcher:
        profile = research_company(server.url, fetcher=fetcher)
    assert waited and all(waited)
    assert len(profile.page_types) == 4 and profile.page_types[0].type == "home"
    assert "Wren hires in Leeds" in [item.title for item in profile.news]


def test_the_helper_takes_urgent_work_first_and_the_rest_in_order():
    gate, order = threading.Event(), []
    with Extracts(3.0) as work:
        work.call(gate.wait, 30)            # keeps the helper busy while the rest is queued
        for name, urgent in [("later 1", False), ("urgent 1", True), ("later 2", False),
                             ("urgent 2", True)]:
            work.call(order.append, name, urgent=urgent)
        gate.set()
        work.finish()
    assert order == ["urgent 1", "urgent 2", "later 1", "later 2"]


def test_a_page_read_for_two_kinds_keeps_the_order_of_its_steps(monkeypatch):
    from infoview.research.extract.page import parse_page

    page = parse_page(b"<html><body><h1>Team and news</h1></body></html>",
                      "http://127.0.0.1/", "utf-8")
    steps: list[str] = []
    for step in ("facts", "people", "news"):
        monkeypatch.setitem(Extracts.STEPS, step, lambda page, step=step: steps.append(step))
    gate = threading.Event()
    with Extracts(3.0) as work:
        work.call(gate.wait, 30)
        work.start("team", page)    # facts (urgent), then people
        work.start("news", page)    # facts, news: news is urgent, but comes after people here
        gate.set()
        work.finish()
    assert steps == ["facts", "people", "news"]
