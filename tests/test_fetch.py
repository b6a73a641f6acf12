"""The fetcher against real servers on loopback: limits, redirects, retries, robots, cache."""

from __future__ import annotations

import time
import tracemalloc

import pytest
from hostile_server import Hostile, gzip_bomb

from infoview.errors import BadInput, FetchError, FetchForbidden, InfoviewError, PageTooLarge, RobotsRefused
from infoview.research.fetch import Fetcher, is_social_profile
from infoview.settings import Settings

pytestmark = pytest.mark.timeout(30)
MB = 1024 * 1024
#: Bounds on wall time only tell "stopped early" from "waited for the server's whole
#: behaviour" (a 30 s hang, an endless drip, a 3600 s Retry-After); they stay far from the
#: expected time so that a busy machine cannot fail them. Caps are checked by what the
#: server sent and the client's peak memory, not by the clock.
SLOW_MACHINE = 10.0


@pytest.fixture
def settings(tmp_path):
    """Small caps and short timeouts so every hostile case ends within seconds."""
    return Settings(host_delay=0.0, max_bytes=1024 * 1024, page_deadline=3.0,
                    connect_timeout=2.0, read_timeout=2.0, max_retry_after=1.5,
                    cache_path=tmp_path / "cache.sqlite")


@pytest.fixture
def server():
    with Hostile() as srv:
        yield srv


@pytest.fixture
def fetcher(settings):
    with Fetcher(settings) as f:
        yield f


def _timed(fn):
    start = time.monotonic()
    tracemalloc.start()
    try:
        result = fn()
    except InfoviewError as exc:
        result = exc
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result, time.monotonic() - start, peak


@pytest.fixture(scope="session")
def bomb() -> bytes:
    """The 200 MB gzip bomb, built once before any client waits for it (seconds of CPU)."""
    return gzip_bomb()


def _hung_up_early(server: Hostile, path: str) -> bool:
    """Whether the client stopped reading long before the server's 60 MB were written
    (socket buffers let a few MB through after the client's cap)."""
    deadline = time.monotonic() + SLOW_MACHINE
    while path not in server.sent and time.monotonic() < deadline:
        time.sleep(0.01)   # the handler counts its first chunk a moment after sending it
    return server.sent.get(path, 0) < 30 * MB


def test_sixty_megabyte_body_stops_at_the_cap_in_bounded_memory(server, fetcher):
    result, _, peak = _timed(lambda: fetcher.fetch(server.url + "big"))
    assert isinstance(result, PageTooLarge)
    assert "cap" in str(result) and result.url.endswith("/big")
    assert peak < 8 * MB and _hung_up_early(server, "/big")


def test_declared_oversize_body_is_refused_before_reading(server, fetcher):
    result, _, peak = _timed(lambda: fetcher.fetch(server.url + "big-declared"))
    assert isinstance(result, PageTooLarge) and "60.0 MB" in str(result)
    assert peak < 2 * MB and _hung_up_early(server, "/big-declared")


def test_gzip_bomb_is_cut_off_at_the_decompressed_cap(server, fetcher, bomb):
    result, _, peak = _timed(lambda: fetcher.fetch(server.url + "bomb"))
    assert isinstance(result, PageTooLarge)
    assert "decompressed" in str(result)
    assert peak < 8 * MB   # 200 MB once decompressed: the cap stopped it early


def test_gzip_and_raw_deflate_bodies_are_decompressed(server, fetcher):
    page = fetcher.fetch(server.url + "gzip")
    assert "Zoë Ångström" in page.text
    assert "raw deflate" in fetcher.fetch(server.url + "deflate-raw").text


def test_server_dripping_a_byte_a_second_is_abandoned_at_the_deadline(server, settings):
    with Fetcher(settings.with_(page_deadline=2.0)) as fetcher:
        result, seconds, _ = _timed(lambda: fetcher.fetch(server.url + "drip"))
    assert isinstance(result, FetchError) and "too slow" in str(result)
    assert seconds < SLOW_MACHINE   # the drip would go on for a day


def test_server_that_never_answers_times_out(server, settings):
    with Fetcher(settings.with_(read_timeout=1.0)) as fetcher:
        result, seconds, _ = _timed(lambda: fetcher.fetch(server.url + "hang"))
    assert isinstance(result, FetchError) and "did not answer" in str(result)
    assert seconds < SLOW_MACHINE * 2   # the server keeps silent for 30 s


def test_redirect_loop_is_detected(server, fetcher):
    with pytest.raises(FetchError, match="loop"):
        fetcher.fetch(server.url + "loop-a")
    assert server.paths().count("/loop-a") == 1


def test_more_than_five_redirects_gives_up(server, fetcher):
    with pytest.raises(FetchError, match="more than 5"):
        fetcher.fetch(server.url + "chain/0")
    assert [p for p in server.paths() if p.startswith("/chain/")][-1] == "/chain/5"


def test_redirect_is_followed_and_final_url_kept(server, fetcher):
    page = fetcher.fetch(server.url + "to-ok")
    assert page.url.endswith("/to-ok") and page.final_url.endswith("/ok")
    assert page.status == 200


def test_redirect_to_a_social_profile_is_never_followed(server, fetcher):
    with pytest.raises(FetchForbidden, match="browser"):
        fetcher.fetch(server.url + "to-linkedin")


def test_429_is_retried_after_retry_after_seconds(server, fetcher):
    start = time.monotonic()
    page = fetcher.fetch(server.url + "busy-once")
    assert "welcome back" in page.text
    times = [t for t, p in server.log if p == "/busy-once"]
    assert len(times) == 2 and times[1] - times[0] >= 0.95
    assert time.monotonic() - start < SLOW_MACHINE


def test_503_with_retry_after_as_http_date_is_retried(server, fetcher):
    assert "back" in fetcher.fetch(server.url + "busy-date").text
    assert server.hits["/busy-date"] == 2


def test_long_retry_after_is_capped_then_gives_up_with_status(server, settings):
    with Fetcher(settings.with_(max_retry_after=0.3, max_retries=2)) as fetcher:
        result, seconds, _ = _timed(lambda: fetcher.fetch(server.url + "busy-forever"))
    assert isinstance(result, FetchError) and result.status == 503
    assert server.hits["/busy-forever"] == 3
    assert seconds < SLOW_MACHINE   # capped: the server asked for an hour


def test_retry_after_beyond_the_page_deadline_fails_at_once(server, settings):
    # Retry-After asks for an hour, capped at 20 s, past the 2 s deadline: failing at once
    # rather than after the wait is a difference of 20 s, not of a fraction of one
    with Fetcher(settings.with_(page_deadline=2.0, max_retry_after=20.0)) as fetcher:
        result, seconds, _ = _timed(lambda: fetcher.fetch(server.url + "busy-forever"))
    assert isinstance(result, FetchError) and "deadline" in str(result)
    assert result.status == 503 and server.hits["/busy-forever"] == 1
    assert seconds < SLOW_MACHINE


def test_server_error_raises_fetch_error_with_status(server, fetcher):
    with pytest.raises(FetchError) as info:
        fetcher.fetch(server.url + "error")
    assert info.value.status == 500 and "500" in str(info.value)


def test_pdf_is_returned_as_a_non_html_page(server, fetcher):
    page = fetcher.fetch(server.url + "report.pdf")
    assert page.content_type == "application/pdf"
    assert not page.is_html and page.encoding is None
    assert page.body.startswith(b"%PDF")


def test_empty_body_gives_a_page_with_a_warning(server, fetcher):
    page = fetcher.fetch(server.url + "empty")
    assert page.body == b"" and page.text == ""
    assert any("empty" in w for w in page.warnings)


def test_badly_broken_html_is_returned_for_parsing(server, fetcher):
    page = fetcher.fetch(server.url + "broken")
    assert page.is_html and "stray item" in page.text


def test_missing_content_type_is_sniffed(server, fetcher):
    assert fetcher.fetch(server.url + "no-type").is_html


def test_robots_disallowed_page_is_never_requested(server, fetcher):
    server.robots = "User-agent: *\nDisallow: /team\n"
    with pytest.raises(RobotsRefused, match="robots.txt"):
        fetcher.fetch(server.url + "team")
    assert fetcher.fetch(server.url + "about").status == 200
    assert "/team" not in server.paths()
    assert server.paths().count("/robots.txt") == 1


def test_robots_rules_for_infoview_apply_while_others_do_not(server, fetcher):
    server.robots = "User-agent: otherbot\nDisallow: /\n\nUser-agent: infoview\nDisallow: /x\n"
    assert fetcher.fetch(server.url + "y").status == 200
    with pytest.raises(RobotsRefused):
        fetcher.fetch(server.url + "x")


def test_redirect_into_a_disallowed_path_is_refused_before_the_hop(server, fetcher):
    server.robots = "User-agent: *\nDisallow: /ok\n"
    with pytest.raises(RobotsRefused):
        fetcher.fetch(server.url + "to-ok")
    assert "/ok" not in server.paths()


def test_robots_server_error_closes_the_site_conservatively(server, settings):
    server.robots_status = 500
    with Fetcher(settings.with_(max_retries=0)) as fetcher:
        with pytest.raises(RobotsRefused, match="500"):
            fetcher.fetch(server.url + "about")
    assert "/about" not in server.paths()


def test_unreachable_site_is_a_fetch_error_not_a_robots_refusal(settings):
    with Hostile() as srv:
        url = srv.url
    with Fetcher(settings) as fetcher:
        with pytest.raises(FetchError) as info:
            fetcher.fetch(url + "about")
    assert not isinstance(info.value, RobotsRefused)


def test_second_fetch_comes_from_the_cache_without_reaching_the_server(server, settings):
    with Fetcher(settings) as first:
        first.fetch(server.url + "about")
        assert first.network_requests == 2       # robots.txt and the page
    before = list(server.paths())
    with Fetcher(settings.with_(host_delay=5.0)) as second:
        start = time.monotonic()
        page = second.fetch(server.url + "about")
        assert time.monotonic() - start < 4      # a cache hit does not wait 5 s for politeness
        assert page.from_cache and second.network_requests == 0
    assert server.paths() == before


def test_refresh_and_no_cache_both_reach_the_server(server, settings):
    with Fetcher(settings) as fetcher:
        fetcher.fetch(server.url + "about")
        assert fetcher.fetch(server.url + "about", refresh=True).from_cache is False
    with Fetcher(settings.with_(use_cache=False)) as fetcher:
        assert fetcher.cache_path is None
        assert fetcher.fetch(server.url + "about").from_cache is False
    assert server.paths().count("/about") == 3


def test_missing_page_is_remembered_so_a_rerun_sends_nothing(server, settings):
    server.routes["/sitemap.xml"] = (404, {}, b"")
    for _ in range(2):
        with Fetcher(settings) as fetcher:
            with pytest.raises(FetchError) as info:
                fetcher.fetch(server.url + "sitemap.xml")
            assert info.value.status == 404
    assert server.paths().count("/sitemap.xml") == 1


def test_expired_cache_entry_is_fetched_again(server, settings):
    with Fetcher(settings.with_(cache_days=-1)) as fetcher:
        fetcher.fetch(server.url + "about")
        assert fetcher.fetch(server.url + "about").from_cache is False


def test_pages_of_one_host_share_a_kept_alive_connection(server, fetcher):
    for path in ("a", "b", "c"):
        fetcher.fetch(server.url + path)
    assert len(server.client_ports) == 4 and len(set(server.client_ports)) == 1


def test_every_request_carries_a_user_agent_naming_infoview(server, fetcher):
    fetcher.fetch(server.url + "about")
    assert len(server.agents) == 2
    assert all(agent.startswith("infoview/") for agent in server.agents)


@pytest.mark.parametrize("url", ["ftp://example.org/x", "example.org", "", "mailto:a@b.c"])
def test_non_http_urls_are_bad_input(fetcher, url):
    with pytest.raises(BadInput, match="http"):
        fetcher.fetch(url)


@pytest.mark.parametrize("url", ["https://not a url", "http://exa mple.org/", "http://a.org:x/",
                                 "http://<script>/"])
def test_malformed_addresses_are_bad_input_before_any_request(fetcher, url):
    with pytest.raises(BadInput, match="valid web address"):
        fetcher.fetch(url)
    assert fetcher.network_requests == 0


@pytest.mark.parametrize("url", ["http://127.0.0.1:8/", "https://www.example.co.uk/a b",
                                 "http://[::1]:80/", "https://xn--bcher-kva.example/",
                                 "https://bücher.example/"])
def test_unusual_but_valid_addresses_pass_the_check(url):
    from infoview.research.fetch import check_url

    assert check_url(url) == url


@pytest.mark.parametrize("url", [
    "https://www.linkedin.com/in/jane-doe", "https://linkedin.com/company/acme",
    "https://twitter.com/jane", "https://x.com/jane", "https://m.facebook.com/jane",
    "https://www.instagram.com/jane/"])
def test_social_profiles_are_never_fetched(fetcher, url):
    assert is_social_profile(url)
    with pytest.raises(FetchForbidden, match="open it in your browser"):
        fetcher.fetch(url)
    assert fetcher.network_requests == 0


@pytest.mark.parametrize("url", ["https://example.org/team", "https://notlinkedin.com/x",
                                 "https://xx.com/", "https://github.com/jane"])
def test_other_sites_are_not_social_profiles(url):
    assert not is_social_profile(url)


def test_expired_entries_are_deleted_when_the_cache_is_opened(server, settings):
    import sqlite3

    from infoview.research.httpcache import HttpCache

    with Fetcher(settings.with_(cache_days=-1)) as fetcher:
        fetcher.fetch(server.url + "about")
        fetcher.cache.put_result("some research", {"url": "x"})
    HttpCache(settings.cache_path, 7).close()
    with sqlite3.connect(settings.cache_path) as db:
        counts = [db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                  for table in ("responses", "infoview_results")]
    assert counts == [0, 0]


def test_a_content_type_header_sent_twice_is_still_html(tmp_path, fetcher):
    site = tmp_path / "site"
    site.mkdir()
    (site / "dup.html").write_text("<html><body><h1>Twice</h1></body></html>")
    # The server already sends Content-Type; this adds a second one, as some servers do.
    (site / "_headers.json").write_text('{"/dup.html": {"Content-Type": "text/html"}}')
    from infoview.demo.site import serve

    with serve(site) as srv:
        page = fetcher.fetch(srv.url + "dup.html")
    assert page.content_type == "text/html" and page.is_html
    assert "Twice" in page.text
