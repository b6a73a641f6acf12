"""Politeness: one request at a time per host, a pause between them, hosts in parallel."""

from __future__ import annotations

import threading
import time
from itertools import pairwise

import pytest
from hostile_server import Hostile, needs_loopback

from infoview.research.fetch import Fetcher
from infoview.settings import Settings

pytestmark = pytest.mark.timeout(30)


def _settings(tmp_path, **changes) -> Settings:
    return Settings(use_cache=False, page_deadline=5.0, **changes)


def _in_threads(*calls) -> float:
    start = time.monotonic()
    threads = [threading.Thread(target=call) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - start


def _gaps(server: Hostile) -> list[float]:
    times = [t for t, _ in server.log]
    return [b - a for a, b in pairwise(times)]


def test_requests_to_one_host_are_spaced_by_the_host_delay(tmp_path):
    with Hostile() as server, Fetcher(_settings(tmp_path, host_delay=0.4)) as fetcher:
        fetcher.fetch(server.url + "a")
        fetcher.fetch(server.url + "b")
        assert server.paths() == ["/robots.txt", "/a", "/b"]
        assert all(gap >= 0.38 for gap in _gaps(server))


def test_threads_sharing_a_host_wait_their_turn(tmp_path):
    with Hostile() as server, Fetcher(_settings(tmp_path, host_delay=0.3)) as fetcher:
        _in_threads(*(lambda p=p: fetcher.fetch(server.url + p) for p in ("a", "b", "c")))
        assert sorted(server.paths()) == ["/a", "/b", "/c", "/robots.txt"]
        assert all(gap >= 0.28 for gap in _gaps(server))


def test_at_most_one_request_in_flight_per_host(tmp_path):
    with Hostile() as server, Fetcher(_settings(tmp_path, host_delay=0.0)) as fetcher:
        fetcher.fetch(server.url + "warm")          # robots.txt out of the way
        _in_threads(lambda: fetcher.fetch(server.url + "slow1"),
                    lambda: fetcher.fetch(server.url + "slow2"))
        arrivals = [t for t, p in server.log if p.startswith("/slow")]
        assert arrivals[1] - arrivals[0] >= 0.28    # the second waited for the first answer


@needs_loopback("127.0.0.2")
def test_different_hosts_are_fetched_in_parallel(tmp_path):
    settings = _settings(tmp_path, host_delay=2.0)
    with Hostile("127.0.0.1") as one, Hostile("127.0.0.2") as two, Fetcher(settings) as fetcher:
        _in_threads(lambda: fetcher.fetch(one.url + "a"), lambda: fetcher.fetch(two.url + "a"))
        # Each host needs robots.txt, a 2 s pause, then the page. Had the hosts waited for
        # each other, the second host's first request would arrive 2 s or more after the
        # first host's; in parallel they arrive together (judged by the servers' clocks,
        # with a wide margin for a busy machine).
        assert abs(one.log[0][0] - two.log[0][0]) < 1.5
        assert fetcher.network_requests == 4


def test_robots_crawl_delay_longer_than_ours_is_honoured(tmp_path):
    with Hostile() as server, Fetcher(_settings(tmp_path, host_delay=0.0)) as fetcher:
        server.robots = "User-agent: *\nCrawl-delay: 0.6\n"
        fetcher.fetch(server.url + "a")
        fetcher.fetch(server.url + "b")
        assert _gaps(server)[-1] >= 0.58


def test_robots_txt_is_fetched_once_per_host_under_many_threads(tmp_path):
    with Hostile() as server, Fetcher(_settings(tmp_path, host_delay=0.0)) as fetcher:
        _in_threads(*(lambda p=p: fetcher.fetch(f"{server.url}p{p}") for p in range(6)))
        assert server.paths().count("/robots.txt") == 1
        assert len(server.paths()) == 7


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="processes share the table by fork")
def test_a_host_left_held_by_a_process_that_died_is_free_again():
    import multiprocessing

    from infoview.research.politeness import SharedHosts

    hosts = SharedHosts(64)
    child = multiprocessing.get_context("fork").Process(
        target=hosts.take, args=("a.example", threading.Event()))   # takes it, never gives back
    child.start()
    child.join()
    start = time.monotonic()
    slot = hosts.take("a.example", threading.Event())
    assert slot is not None and time.monotonic() - start < 1.0


def test_a_host_another_process_holds_is_waited_for_then_its_pause(tmp_path):
    import os

    from infoview.research.politeness import SharedHosts

    hosts = SharedHosts(64)
    slot = hosts.take("a.example", threading.Event())
    assert slot is not None
    hosts._holder[slot] = os.getppid()   # as if the process that forked this one held it
    start = time.monotonic()
    # given back after 0.3 s, with its pause running to 0.8 s
    threading.Timer(0.3, hosts.release, args=(slot, start + 0.8)).start()
    assert hosts.take("a.example", threading.Event()) == slot
    assert time.monotonic() - start >= 0.8 - 0.01
    assert hosts.take("b.example", threading.Event()) != slot   # another host: at once


def test_a_full_table_leaves_further_hosts_to_each_process():
    from infoview.research.politeness import SharedHosts

    hosts = SharedHosts(2)
    assert hosts.take("a.example", threading.Event()) is not None
    assert hosts.take("b.example", threading.Event()) is not None
    assert hosts.take("c.example", threading.Event()) is None
