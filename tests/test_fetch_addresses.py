"""Research never follows a stranger's redirect into a private network (issue 18, item 2).

The user's own choice is respected: the host they name may be on loopback or their local
network (every test server here is on 127.0.0.1), but a redirect or a discovered link may
not move research to any other private address. Connections are watched with an audit
hook, so "never connected" is observed, not inferred.
"""

from __future__ import annotations

import sys
import threading

import pytest
from hostile_server import Hostile
from research_sites import fast_settings
from urllib3 import HTTPConnectionPool
from urllib3 import exceptions as urllib3_errors

from infoview.errors import AddressRefused, FetchError
from infoview.research import addresses
from infoview.research.company import research_company
from infoview.research.fetch import Fetcher

METADATA = "http://169.254.169.254/latest/meta-data/"
HTML = {"Content-Type": "text/html; charset=utf-8"}


class _Connections:
    """Every address a socket of this process tries to connect to while recording."""

    def __init__(self) -> None:
        self.recording = False
        self.seen: list[str] = []
        self._lock = threading.Lock()
        sys.addaudithook(self._hook)   # audit hooks cannot be removed: one per session

    def _hook(self, event: str, args: tuple) -> None:
        if event == "socket.connect" and self.recording:
            address = args[1]
            with self._lock:
                self.seen.append(str(address[0]) if isinstance(address, tuple) else str(address))


_CONNECTIONS = _Connections()


@pytest.fixture()
def connections():
    _CONNECTIONS.seen.clear()
    _CONNECTIONS.recording = True
    yield _CONNECTIONS.seen
    _CONNECTIONS.recording = False


@pytest.fixture()
def named():
    """The site the user names (as ``localhost``), and another server on 127.0.0.1."""
    with Hostile() as site, Hostile() as other:
        site.url = f"http://localhost:{site.port}/"
        yield site, other


@pytest.fixture()
def fetcher(tmp_path):
    with Fetcher(fast_settings(tmp_path)) as running:
        yield running


def test_the_named_host_is_allowed_even_on_loopback(named, fetcher):
    site, _ = named
    site.routes["/hop"] = (302, {"Location": "/landing"}, b"")
    page = fetcher.fetch(site.url + "hop")
    assert page.final_url == site.url + "landing"


def test_a_redirect_to_the_metadata_service_is_refused_before_connecting(named, fetcher,
                                                                         connections):
    site, _ = named
    site.routes["/hop"] = (302, {"Location": METADATA}, b"")
    with pytest.raises(AddressRefused) as caught:
        fetcher.fetch(site.url + "hop")
    assert "169.254.169.254" in str(caught.value) and "private network" in str(caught.value)
    assert "169.254.169.254" not in connections
    assert "127.0.0.1" in connections   # the watch works: the first hop was seen


def test_a_redirect_to_another_private_host_is_refused(named, fetcher):
    site, other = named
    site.routes["/hop"] = (301, {"Location": other.url + "secret"}, b"")
    with pytest.raises(AddressRefused):
        fetcher.fetch(site.url + "hop")
    assert other.paths() == []


def test_a_redirect_to_the_same_address_under_another_name_or_port_is_refused(named, fetcher):
    site, other = named
    # 127.0.0.1 is where "localhost" lives, but it is not the name the user gave
    site.routes["/by-ip"] = (302, {"Location": f"http://127.0.0.1:{site.port}/x"}, b"")
    site.routes["/by-port"] = (302, {"Location": f"http://localhost:{other.port}/x"}, b"")
    for path in ("by-ip", "by-port"):
        with pytest.raises(AddressRefused):
            fetcher.fetch(site.url + path)
    assert site.paths() == ["/robots.txt", "/by-ip", "/by-port"] and other.paths() == []


def test_a_robots_txt_redirect_into_the_network_is_not_followed(named, fetcher, connections):
    site, _ = named
    site.routes["/robots.txt"] = (302, {"Location": METADATA}, b"")
    # an unreachable robots.txt closes the site, as when its server fails
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(site.url + "page")
    assert "private network" in str(caught.value)
    assert "169.254.169.254" not in connections and site.paths() == ["/robots.txt"]


def test_research_reads_the_named_site_and_refuses_its_redirect_elsewhere(named, tmp_path):
    site, other = named
    site.routes["/"] = (200, HTML, b'<html><head><title>Harrowgate Tiles</title></head><body>'
                                   b'<nav><a href="/about">About</a><a href="/team">Team</a></nav>'
                                   b"<h1>Harrowgate Tiles</h1></body></html>")
    site.routes["/about"] = (200, HTML, b"<html><body><p>We lay floors.</p></body></html>")
    site.routes["/team"] = (302, {"Location": other.url + "admin"}, b"")
    profile = research_company(site.url, settings=fast_settings(tmp_path, max_pages=3))
    assert profile.name == "Harrowgate Tiles"
    assert "/about" in site.paths() and other.paths() == []
    assert any("private network" in w for w in profile.warnings)


def test_a_host_name_that_resolves_to_loopback_is_refused_when_not_named(named, fetcher):
    site, other = named
    other.url = f"http://127.0.0.1:{other.port}/"
    other.routes["/hop"] = (302, {"Location": f"http://localhost:{site.port}/x"}, b"")
    with pytest.raises(AddressRefused) as caught:
        fetcher.fetch(other.url + "hop")
    assert "localhost" in str(caught.value)
    assert site.paths() == []


def test_the_connection_itself_is_pinned_even_when_the_hop_check_is_skipped(named):
    # A host name may resolve to a public address when checked and to a private one when
    # connected (DNS rebinding): the connection checks again, on the address it uses.
    site, other = named
    pool = HTTPConnectionPool("127.0.0.1", other.port, retries=False)
    pool.ConnectionCls = addresses.GuardedHTTPConnection
    with addresses.trusting(site.url), pytest.raises((AddressRefused, urllib3_errors.HTTPError)):
        pool.request("GET", "/pinned")
    assert isinstance(addresses.last_refusal(), AddressRefused)
    assert other.paths() == []
    with addresses.trusting(f"http://127.0.0.1:{other.port}/"):
        assert pool.request("GET", "/pinned").status == 200
    assert other.paths() == ["/pinned"]


@pytest.mark.parametrize("address, public", [
    ("93.184.215.14", True), ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", True),
    ("127.0.0.1", False), ("::1", False), ("10.1.2.3", False), ("172.16.0.9", False),
    ("192.168.1.1", False), ("169.254.169.254", False), ("fe80::1", False),
    ("224.0.0.251", False), ("ff02::fb", False), ("0.0.0.0", False), ("100.64.0.1", False),
    ("::ffff:169.254.169.254", False), ("::ffff:10.0.0.1", False), ("fd00::1", False),
    ("not an address", False),
])
def test_which_addresses_count_as_public(address, public):
    assert addresses.is_public(address) is public


def test_http_and_https_of_one_host_are_one_origin():
    assert addresses.origin("http://intranet.local/") == addresses.origin("https://intranet.local/a")
    assert addresses.origin("http://intranet.local:8080/") != addresses.origin("http://intranet.local/")


def test_a_refusal_is_not_retried_later_as_a_passing_failure(named, fetcher):
    site, _ = named
    site.routes["/hop"] = (302, {"Location": METADATA}, b"")
    before = fetcher.transient_failures
    with pytest.raises(FetchError):
        fetcher.fetch(site.url + "hop")
    assert fetcher.transient_failures == before


def test_hosts_the_user_lists_as_their_own_may_be_reached_by_a_redirect(named, tmp_path):
    site, other = named
    site.routes["/hop"] = (302, {"Location": f"http://127.0.0.1:{other.port}/intranet"}, b"")
    settings = fast_settings(tmp_path, allow_private=(f"127.0.0.1:{other.port}",))
    with Fetcher(settings) as fetcher:
        assert fetcher.fetch(site.url + "hop").final_url.endswith("/intranet")
        site.routes["/meta"] = (302, {"Location": METADATA}, b"")
        with pytest.raises(AddressRefused):   # only the hosts listed
            fetcher.fetch(site.url + "meta")
    assert other.paths() == ["/robots.txt", "/intranet"]


def test_the_list_of_own_hosts_is_checked():
    from infoview.settings import Settings

    with pytest.raises(ValueError, match="allow_private must be a list of host names"):
        Settings(allow_private="intranet.local")
