"""Page discovery, page kinds, social links and sitemaps."""

from __future__ import annotations

from html import escape

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from infoview.research.extract.links import (
    Link,
    classify,
    discover_pages,
    page_links,
    sitemap_urls,
    social_links,
    social_network,
)
from infoview.research.extract.page import parse_page
from infoview.research.urls import join


@pytest.mark.parametrize("url, text, kind", [
    ("https://a.example/about-us/", "About us", "about"),
    ("https://a.example/who-we-are/", "Who we are", "about"),
    ("https://a.example/company/", "Company", "about"),
    ("https://a.example/our-people/", "Our people", "team"),
    ("https://a.example/company/leadership/", "Leadership", "team"),
    ("https://a.example/management.html", "Management", "team"),
    ("https://a.example/newsroom/", "Newsroom", "news"),
    ("https://a.example/press-releases.html", "Press releases", "news"),
    ("https://a.example/blog/", "Blog", "news"),
    ("https://a.example/media/", "Media", "news"),
    ("https://a.example/jobs/", "Jobs", "careers"),
    ("https://a.example/join-us/", "Join us", "careers"),
    ("https://a.example/contact.html", "Get in touch", "contact"),
    ("https://a.example/investors/", "Investor relations", "investors"),
    ("https://a.example/the-team.html", "", "team"),
    ("https://a.example/products/widgets.html", "Widgets", None),
])
def test_links_are_classified_by_text_and_path(url, text, kind):
    assert classify(url, text) == kind


def test_navigation_links_beat_body_links_and_other_sites_are_ignored():
    links = [
        Link("https://a.example/blog/team-offsite-2024/", "Our team offsite", False),
        Link("https://a.example/team/", "Team", True),
        Link("https://other.example/about/", "About", True),
    ]
    pages = discover_pages(links, "https://a.example/")
    assert pages == {"team": "https://a.example/team/"}


@pytest.mark.parametrize("url, network", [
    ("https://www.linkedin.com/company/acme", "linkedin"),
    ("https://x.com/acme", "twitter"),
    ("https://twitter.com/acme", "twitter"),
    ("https://github.com/acme", "github"),
    ("https://www.youtube.com/@acme", "youtube"),
    ("https://m.facebook.com/acme", "facebook"),
    ("https://www.instagram.com/acme/", "instagram"),
    ("https://www.facebook.com/sharer/sharer.php?u=x", None),
    ("https://twitter.com/intent/tweet?text=x", None),
    ("https://www.linkedin.com/", None),
    ("https://notlinkedin.example/acme", None),
])
def test_social_profiles_are_recognised_and_share_buttons_are_not(url, network):
    assert social_network(url) == network


def test_first_profile_per_network_wins():
    assert social_links(["https://x.com/a", "https://twitter.com/b"]) == {"twitter": "https://x.com/a"}


def test_sitemap_locations_resolve_against_the_sitemap_url():
    body = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url><loc>/about.html</loc></url><url><loc>https://a.example/team/</loc></url></urlset>"""
    assert sitemap_urls(body, "http://127.0.0.1:8123/sitemap.xml") == [
        "http://127.0.0.1:8123/about.html", "https://a.example/team/"]


def test_broken_sitemap_gives_what_could_be_read():
    assert sitemap_urls(b"<urlset><url><loc>/a.html</loc></url><url><loc>/b", "http://h/sitemap.xml")[0] == "http://h/a.html"
    assert sitemap_urls(b"not xml at all", "http://h/sitemap.xml") == []


def test_page_links_resolve_relative_urls_and_skip_mail_and_fragments():
    page = parse_page(b"""<html><body><nav><a href="/about">About</a></nav>
        <a href="mailto:x@y.z">Mail</a><a href="#top">Top</a><a href="team.html#x">Team</a>
        </body></html>""", "https://a.example/en/", "utf-8")
    links = page_links(page)
    assert [(link.url, link.text, link.in_nav) for link in links] == [
        ("https://a.example/about", "About", True),
        ("https://a.example/en/team.html", "Team", False),
    ]


_PATHS = st.text(alphabet="abc./%?#;=&-_ \\:@", max_size=12)


@settings(max_examples=300, deadline=None)
@given(page=st.sampled_from(["http://a.example/", "https://a.example/x/y.html?q=1#top",
                             "http://user@a.example:8080/deep/er/", "https://a.example/x;p"]),
       path=_PATHS)
def test_a_link_from_the_site_root_resolves_the_same_from_every_page(page, path):
    href = "/" + path
    assume(not href.startswith("//"))   # another host's address, resolved as it stands
    html = f"<html><body><a href='{escape(href, quote=True)}'>x</a></body></html>".encode()
    found = page_links(parse_page(html, page, "utf-8"))
    expected = join(page, href.strip())   # resolved against this very page
    web = expected is not None and expected.startswith(("http://", "https://"))
    assert [link.url for link in found] == ([expected] if web else [])


def test_links_in_menus_are_marked_however_deep_and_others_are_not():
    html = (b"<html><body><div class='site-menu'><ul><li><a href='/a'>A</a></li>"
            b"<li><span><a href='/b'>B</a></span></li></ul></div>"
            b"<main><p><a href='/c'>C</a></p><div><a href='/d'>D</a></div></main>"
            b"<footer><a href='/e'>E</a></footer></body></html>")
    found = page_links(parse_page(html, "https://a.example/", "utf-8"))
    assert [(link.url.rsplit("/", 1)[1], link.in_nav) for link in found] == [
        ("a", True), ("b", True), ("c", False), ("d", False), ("e", True)]
