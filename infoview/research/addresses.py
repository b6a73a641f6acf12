"""Where research may connect: public addresses, and the one host the user named.

A public page can redirect, or link, to an address inside the user's own network: the
router's admin page, a database on the laptop, a cloud's metadata service at
169.254.169.254. Research must never carry a stranger's page there. So every hop of every
request is checked against the addresses its host name resolves to: a loopback, private,
link-local, multicast or otherwise non-public address is refused, unless it belongs to the
host the user named (researching ``http://intranet.local`` or a test server on 127.0.0.1
on purpose). Connections are then pinned to the very address that was checked, so a host
name that resolves differently the second time (DNS rebinding) gains nothing.

The trust is per request: :func:`trusting` says, for the calling thread, which origin the
user named; :class:`GuardedHTTPConnection` (installed by the fetcher) reads it when it
opens a connection.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from urllib3.connection import HTTPConnection, HTTPSConnection

from infoview.errors import AddressRefused
from infoview.research.urls import split

_DEFAULT_PORTS = {"http": 80, "https": 443}
_local = threading.local()


def origin(url: str) -> tuple[str, int]:
    """``(host, port)`` of a URL, the unit of trust: ports 80 and 443 count as one, so
    that a named site that moves from http to https stays the site the user named."""
    parts = split(url)
    host = (parts.hostname or "").lower().rstrip(".")
    try:
        port = parts.port or _DEFAULT_PORTS.get(parts.scheme.lower(), 80)
    except ValueError:
        port = 0
    return host, (0 if port in (80, 443) else port)


def is_public(address: str) -> bool:
    """Whether an IP address is on the public internet (not loopback, private, link-local,
    multicast, reserved, unspecified or shared; IPv4 written inside IPv6 is unwrapped)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        ip = ip.ipv4_mapped or ip.sixtofour or ip
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_link_local)


def resolve(host: str, port: int) -> list[str]:
    """The IP addresses ``host`` resolves to (an IP literal resolves to itself)."""
    host = host.strip("[]")
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
        return [host]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, port or None, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _allowed(url: str, trusted: str | None, allowed: frozenset[str]) -> bool:
    """Whether the user named ``url``'s host: as the research's address, or in
    ``Settings.allow_private`` (a host name, or ``host:port``)."""
    host, port = origin(url)
    if trusted is not None and origin(trusted) == (host, port):
        return True
    return host in allowed or f"{host}:{split(url).port}" in allowed


def check(url: str, trusted: str | None, allowed: frozenset[str] = frozenset()) -> None:
    """Refuse ``url`` when its host resolves to a non-public address and is not a host
    the user named (``trusted``, a URL, ``None`` naming nobody; or one in ``allowed``).

    A host that does not resolve passes: the request itself then fails with the usual
    "could not connect" message.

    Raises:
        AddressRefused: the host is inside a private network and was not named.
    """
    host, _ = origin(url)
    if _allowed(url, trusted, allowed):
        return
    try:
        addresses = resolve(host, split(url).port or 0)
    except (OSError, UnicodeError, ValueError):
        return
    private = [a for a in addresses if not is_public(a)]
    if private:
        where = f"{host} is" if private[0] == host.strip("[]") else f"{host} is at {private[0]},"
        raise AddressRefused(
            f"{url} was not fetched: {where} an address inside a private network, and "
            "research only goes there when you name that host yourself (research its "
            "address directly to read it).", url=url)


@contextmanager
def trusting(trusted: str | None, allowed: frozenset[str] = frozenset()) -> Iterator[None]:
    """Within the block, connections opened on this thread may reach ``trusted``'s host
    (and the hosts in ``allowed``) even at a private address, and no other private address."""
    before: tuple[str | None, frozenset[str], bool] = (
        getattr(_local, "trusted", None), getattr(_local, "allowed", frozenset()),
        getattr(_local, "active", False))
    _local.trusted, _local.allowed, _local.active = trusted, allowed, True
    _local.refusal = None
    try:
        yield
    finally:
        _local.trusted, _local.allowed, _local.active = before


def last_refusal() -> AddressRefused | None:
    """The refusal a connection raised on this thread in the current block, if any
    (urllib3 wraps it in its own connection errors)."""
    return getattr(_local, "refusal", None)


def _pick(host: str, port: int) -> str:
    """The address to connect to for ``host``: checked against the thread's trust."""
    if not getattr(_local, "active", False):
        return host   # a connection outside research's fetcher: not ours to police
    trusted = getattr(_local, "trusted", None)
    scheme = "https" if port == 443 else "http"
    url = f"{scheme}://{host if ':' not in host else '[' + host + ']'}:{port}/"
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError, ValueError):
        return host   # let urllib3 report the failure to resolve in its own words
    if _allowed(url, trusted, getattr(_local, "allowed", frozenset())):
        return host   # a named host: connect as usual (every address it has may be tried)
    public = [a for a in addresses if is_public(a)]
    if len(public) < len(addresses) or not public:
        refusal = AddressRefused(
            f"{url} was not fetched: {host} resolves to an address inside a private network.",
            url=url)
        _local.refusal = refusal
        raise refusal
    return public[0]


def _pin(conn: HTTPConnection) -> None:
    """Point a connection that is about to open at the address :func:`_pick` vetted
    (the host name itself stays in the Host header and in certificate checks)."""
    name = getattr(conn, "_infoview_name", None) or conn._dns_host
    conn._infoview_name = name  # type: ignore[attr-defined]
    conn._dns_host = _pick(name, conn.port)


class GuardedHTTPConnection(HTTPConnection):
    """An urllib3 connection that connects only to an address :func:`_pick` allowed."""

    def _new_conn(self) -> socket.socket:
        _pin(self)
        return super()._new_conn()


class GuardedHTTPSConnection(HTTPSConnection):
    """:class:`GuardedHTTPConnection` for https."""

    def _new_conn(self) -> socket.socket:
        _pin(self)
        return super()._new_conn()
