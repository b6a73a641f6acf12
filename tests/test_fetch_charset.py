"""Charset: header, then the page's own declaration, then detection (fixtures on loopback)."""

from __future__ import annotations

import json

import pytest

from infoview.demo.site import serve
from infoview.research import charset
from infoview.research.fetch import Fetcher
from infoview.settings import Settings

NAMES = "Équipe : José Müller – directrice générale, François Lefèvre, Zoë Dœuf"


def _page(body: str) -> str:
    return f"<html><head><title>Team</title></head><body><h1>{body}</h1></body></html>"


CASES = {
    # path: (bytes, extra headers, expected codec); each page holds NAMES
    "/cp1252-undeclared.html": (_page(NAMES).encode("cp1252"), None, "cp1252"),
    "/utf8-undeclared.html": (_page(NAMES).encode("utf-8"), None, "utf-8"),
    "/meta-charset.html": (("<meta charset='windows-1252'>" + _page(NAMES)).encode("cp1252"),
                           None, "cp1252"),
    "/header-wins.html": (("<meta charset='windows-1252'>" + _page(NAMES)).encode("utf-8"),
                          {"Content-Type": "text/html; charset=utf-8"}, "utf-8"),
    "/latin1-label.html": (_page(NAMES).encode("cp1252"),
                           {"Content-Type": "text/html; charset=ISO-8859-1"}, "cp1252"),
    "/bom.html": (b"\xef\xbb\xbf" + _page(NAMES).encode("utf-8"),
                  {"Content-Type": "text/html; charset=iso-8859-1"}, "utf-8-sig"),
    "/bogus-label.html": (_page(NAMES).encode("utf-8"),
                          {"Content-Type": "text/html; charset=klingon-8"}, "utf-8"),
    "/wrong-utf8-header.html": (_page(NAMES).encode("cp1252"),
                                {"Content-Type": "text/html; charset=utf-8"}, "cp1252"),
    "/wrong-utf8-meta.html": (("<meta charset='utf-8'>" + _page(NAMES)).encode("cp1252"),
                              None, "cp1252"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("charset_site")
    headers = {}
    for path, (data, extra, _) in CASES.items():
        (root / path.lstrip("/")).write_bytes(data)
        if extra:
            headers[path] = extra
    (root / "meta-http-equiv.html").write_bytes(
        ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
         + _page("Команда: Иван Петров, директор")).encode("cp1251"))
    (root / "_headers.json").write_text(json.dumps(headers))
    with serve(root) as server:
        yield server


@pytest.fixture(scope="module")
def fetcher():
    with Fetcher(Settings(host_delay=0.0, use_cache=False)) as f:
        yield f


@pytest.mark.parametrize("path", CASES)
def test_accented_names_decode_right(site, fetcher, path):
    page = fetcher.fetch(site.url + path.lstrip("/"))
    assert page.encoding == CASES[path][2]
    assert NAMES in page.text


def test_windows_1251_page_declared_in_http_equiv_meta(site, fetcher):
    page = fetcher.fetch(site.url + "meta-http-equiv.html")
    assert page.encoding == "cp1251" and "Иван Петров" in page.text


def test_unknown_charset_label_is_warned_about(site, fetcher):
    page = fetcher.fetch(site.url + "bogus-label.html")
    assert any("klingon-8" in w for w in page.warnings)


@pytest.mark.parametrize("path", ["wrong-utf8-header.html", "wrong-utf8-meta.html"])
def test_page_wrongly_labelled_utf8_is_decoded_by_its_bytes_with_a_warning(site, fetcher, path):
    page = fetcher.fetch(site.url + path)
    assert NAMES in page.text
    assert any("'utf-8', but the bytes are not" in w for w in page.warnings)


def test_cp1252_page_comes_back_right_from_the_cache(site, tmp_path):
    settings = Settings(host_delay=0.0, cache_path=tmp_path / "c.sqlite")
    for expected_cache in (False, True):
        with Fetcher(settings) as f:
            page = f.fetch(site.url + "cp1252-undeclared.html")
        assert page.from_cache is expected_cache
        assert NAMES in page.text and page.encoding == "cp1252"


@pytest.mark.parametrize("label,codec", [("UTF8", "utf-8"), ("latin1", "cp1252"),
                                         ("us-ascii", "cp1252"), ("Shift_JIS", "shift_jis"),
                                         ("nonsense", None)])
def test_charset_labels_map_to_codecs_as_browsers_read_them(label, codec):
    assert charset.normalize(label) == codec


def test_polish_windows_1250_is_not_forced_to_windows_1252():
    data = _page("Zażółć gęślą jaźń, Łódź, Świętokrzyskie").encode("cp1250")
    assert charset.decide("text/html", data, markup=True)[0] == "cp1250"
