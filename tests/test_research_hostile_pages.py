"""Inputs that once escaped research as Python exceptions: each now gives a partial result.

Research reads pages written by strangers; a malformed link, an absurd JSON-LD block or a
broken header costs the part it spoils (with a warning where the user should know), never
the research (issue 18, item 4). Every site here is a real server on 127.0.0.1.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_server import Hostile
from research_sites import fast_settings

from infoview.errors import FetchError
from infoview.research import charset
from infoview.research.company import research_company
from infoview.research.extract.links import discover_pages, page_links, sitemap_urls
from infoview.research.extract.maintext import main_text
from infoview.research.extract.metadata import embedded_metadata
from infoview.research.extract.news import extract_news
from infoview.research.extract.page import parse_page
from infoview.research.fetch import Fetcher

PAGES = Path(__file__).resolve().parent / "fixtures" / "hostile_pages"
HTML = {"Content-Type": "text/html; charset=utf-8"}


@pytest.fixture()
def server():
    with Hostile() as running:
        yield running


def _page(body: str, url: str = "https://brackenfold.example/"):
    return parse_page(body.encode(), url)


def test_a_link_with_a_broken_ipv6_host_is_skipped_and_the_others_are_kept():
    page = parse_page((PAGES / "broken_links.html").read_bytes(), "https://brackenfold.example/")
    urls = [link.url for link in page_links(page)]
    assert "https://brackenfold.example/about-us" in urls
    assert not any("[::1" in u for u in urls)
    assert discover_pages(page_links(page), page.url) == {
        "about": "https://brackenfold.example/about-us"}


def test_a_news_card_whose_link_is_malformed_keeps_its_title_and_date():
    page = parse_page((PAGES / "broken_links.html").read_bytes(), "https://brackenfold.example/")
    news = extract_news(page)
    assert [(n.title, n.date) for n in news] == [("Our new workshop opens in March", "2024-02-01")]


def test_a_sitemap_with_a_malformed_address_keeps_the_good_ones():
    body = (b"<urlset><url><loc>http://[::1/x</loc></url>"
            b"<url><loc>/team</loc></url></urlset>")
    assert sitemap_urls(body, "https://brackenfold.example/sitemap.xml") == [
        "https://brackenfold.example/team"]


@pytest.mark.parametrize("opening, closing", [("[", "]"), ('{"a":', "}")])
def test_json_ld_nested_50000_deep_is_skipped_with_a_warning(opening, closing):
    deep = opening * 50_000 + "1" + closing * 50_000
    page = _page('<html><head><script type="application/ld+json">' + deep + "</script>"
                 '<script type="application/ld+json">{"@type": "Organization", '
                 '"name": "Brackenfold Joinery"}</script></head><body>x</body></html>')
    items = embedded_metadata(page)["json-ld"]
    assert [item.get("name") for item in items] == ["Brackenfold Joinery"]
    assert any("nested" in w for w in page.warnings)


def test_json_ld_a_few_hundred_levels_deep_is_read_and_cut():
    # json.loads accepts it, but every reader downstream recurses: the levels past a
    # dozen are dropped so that no later step can run out of stack
    deep = '{"@type": "Organization", "name": "Brackenfold", "x": ' + "[" * 600 + "1" + \
        "]" * 600 + "}"
    page = _page(f'<html><head><script type="application/ld+json">{deep}</script></head>'
                 "<body>x</body></html>")
    [item] = embedded_metadata(page)["json-ld"]
    assert item["name"] == "Brackenfold"
    level, depth = item["x"], 0
    while isinstance(level, list):
        level, depth = level[0], depth + 1
    assert level is None and depth < 20


def test_a_charset_label_with_a_nul_byte_is_unknown_not_an_error():
    encoding, warnings = charset.decide("text/html; charset=utf-8\0", "<p>Zoë</p>".encode(),
                                       markup=True)
    assert encoding == "utf-8"
    assert warnings and "unknown charset" in warnings[0]


def test_research_of_a_site_with_every_one_of_these_completes(server, tmp_path):
    deep = "[" * 50_000 + "]" * 50_000
    home = (PAGES / "broken_links.html").read_text().replace(
        "</head>", f'<script type="application/ld+json">{deep}</script></head>')
    server.routes["/"] = (200, {"Content-Type": "text/html; charset=utf-8\0"}, home.encode())
    server.routes["/about-us"] = (200, HTML, b"<html><body><h1>About Brackenfold</h1><p>We "
                                             b"are a joinery workshop in Kendal.</p></body></html>")
    profile = research_company(server.url, settings=fast_settings(tmp_path, max_pages=2))
    assert profile.name == "Brackenfold Joinery"
    assert profile.pages["about"] == server.url + "about-us"
    assert "/about-us" in server.paths()
    assert any("nested" in w for w in profile.warnings)


def test_a_redirect_to_a_malformed_address_is_a_fetch_error(server, tmp_path):
    server.routes["/odd"] = (302, {"Location": "http://[::1/x"}, b"")
    with Fetcher(fast_settings(tmp_path)) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(server.url + "odd")
    assert "not valid" in str(caught.value)


def test_a_main_element_inside_a_template_does_not_hide_the_page_s_text():
    # found by the fuzzer: the only <main> sat inside a <template> (never measured)
    page = _page("<html><body><p>Brackenfold Joinery makes sash windows by hand.</p>"
                 "<template><main><p>a card template</p></main></template></body></html>")
    assert main_text(page) == "Brackenfold Joinery makes sash windows by hand."


def test_a_tag_with_thousands_of_attributes_is_read_without_them():
    # found by the fuzzer: libxml2 compares each new attribute with all the earlier ones,
    # so 150,000 of them cost minutes of CPU inside one C call, out of the budget's reach
    attributes = " ".join(f"data-x{i}=1" for i in range(20_000))
    page = _page(f"<html><body><div {attributes}><p>Brackenfold Joinery makes sash windows."
                 "</p></div></body></html>")
    assert "Brackenfold Joinery makes sash windows." in main_text(page)
    assert any("thousands of attributes" in w for w in page.warnings)
    assert page.tree.find(".//div").attrib == {}


def test_a_long_tag_with_one_long_attribute_is_kept_whole():
    picture = "data:image/png;base64," + "A" * 40_000
    page = _page(f'<html><body><img alt="Workshop" src="{picture}"><p>x</p></body></html>')
    assert page.tree.find(".//img").get("src") == picture and page.warnings == []
