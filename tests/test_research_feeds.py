"""News from RSS and Atom feeds, merged with the news pages' items (issue 19), on loopback."""

from __future__ import annotations

from datetime import date

from research_sites import fast_settings

from infoview.demo.site import serve
from infoview.research.company import research_company
from infoview.research.feeds import merge_news, parse_feed
from infoview.research.models import NewsItem

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Tern Energy news</title><link>{base}</link>
<description>News</description>
<item><title>Tern opens a plant in Leeds</title><link>{base}news/leeds.html</link>
  <pubDate>Tue, 04 Mar 2025 09:00:00 GMT</pubDate></item>
<item><title>Batteries for 10,000 flats</title><link>{base}news/flats.html?utm_source=rss</link>
  <pubDate>Mon, 13 Jan 2025 09:00:00 GMT</pubDate></item>
<item><title>Tern joins the Bright Homes scheme</title><link>{base}news/bright.html</link>
  <pubDate>Fri, 08 Nov 2024 09:00:00 GMT</pubDate></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Tern blog</title><id>urn:tern</id>
<updated>2025-02-01T10:00:00Z</updated>
<entry><title>How we test a battery</title><link href="/blog/testing.html"/><id>urn:1</id>
  <updated>2025-02-01T10:00:00Z</updated></entry>
<entry><title>Tern opens a plant in Leeds</title><link href="/news/leeds.html"/><id>urn:2</id>
  <published>2025-03-04T09:00:00Z</published><updated>2025-03-05T09:00:00Z</updated></entry>
</feed>"""
NEWS_PAGE = """<html><body><h1>News</h1>
<article><h2><a href="/news/leeds.html">Tern opens a plant in Leeds</a></h2>
  <time datetime="2025-03-04">4 March 2025</time></article>
<article><h2><a href="/news/flats.html">Batteries for 10,000 flats</a></h2></article>
<article><h2><a href="/news/award.html">Tern wins a design award</a></h2>
  <time datetime="2024-06-20">20 June 2024</time></article>
</body></html>"""


def _site(root, *, feeds_linked: bool = True, rss: str = RSS, atom: str = ATOM) -> None:
    head = ('<link rel="alternate" type="application/rss+xml" title="News" href="/rss.xml">'
            if feeds_linked else "")
    (root / "index.html").write_text(
        f"<html><head><title>Tern Energy</title>{head}</head><body><h1>Tern Energy</h1>"
        "<p>Tern Energy builds home batteries.</p><nav><a href='/news.html'>News</a></nav>"
        "</body></html>")
    news = NEWS_PAGE.replace("<body>", '<head><link rel="alternate" type="application/atom+xml" '
                             'href="/blog/atom.xml"></head><body>' if feeds_linked else "<body>")
    (root / "news.html").write_text(news)
    (root / "blog").mkdir(exist_ok=True)
    (root / "rss.xml").write_text(rss)
    (root / "blog" / "atom.xml").write_text(atom)


def test_rss_and_atom_items_are_merged_with_the_news_page_each_once_with_dates(tmp_path):
    _site(tmp_path)
    with serve(tmp_path) as server:
        base = server.url
        (tmp_path / "rss.xml").write_text(RSS.format(base=base))
        profile = research_company(base, settings=fast_settings(tmp_path))
    assert [(n.title, n.date) for n in profile.news] == [
        ("Tern opens a plant in Leeds", "2025-03-04"),
        ("How we test a battery", "2025-02-01"),
        ("Batteries for 10,000 flats", "2025-01-13"),   # the page gave no date: the feed did
        ("Tern joins the Bright Homes scheme", "2024-11-08"),
        ("Tern wins a design award", "2024-06-20"),
    ]
    assert profile.news[1].url == base + "blog/testing.html"   # relative Atom link resolved
    assert profile.warnings == []


def test_a_site_without_a_feed_link_is_tried_at_the_usual_paths(tmp_path):
    _site(tmp_path, feeds_linked=False)
    (tmp_path / "rss.xml").unlink()
    (tmp_path / "feed.xml").write_text(ATOM)
    with serve(tmp_path) as server:
        profile = research_company(server.url, settings=fast_settings(tmp_path))
    assert server.requests[-3:] == ["/feed", "/rss.xml", "/feed.xml"]
    assert "How we test a battery" in [n.title for n in profile.news]
    assert profile.warnings == []          # /feed and /rss.xml missing is normal
    assert not [f for f in profile.fetched if f.url.endswith(("/feed", "/rss.xml"))]


def test_a_broken_feed_gives_a_warning_and_its_readable_items(tmp_path):
    broken = RSS.replace("</channel></rss>", "<item><title>Half an item</title><link>")
    _site(tmp_path, rss=broken)
    with serve(tmp_path) as server:
        (tmp_path / "rss.xml").write_text(broken.format(base=server.url))
        profile = research_company(server.url, settings=fast_settings(tmp_path))
    assert any("rss.xml" in w and "malformed" in w for w in profile.warnings)
    assert "Tern joins the Bright Homes scheme" in [n.title for n in profile.news]


def test_a_feed_that_is_not_one_is_a_warning(tmp_path):
    _site(tmp_path, rss="<html><body>Not a feed at all</body></html>",
          atom="<<<garbage")
    with serve(tmp_path) as server:
        profile = research_company(server.url, settings=fast_settings(tmp_path))
    assert any("atom.xml" in w and "could not be read as a news feed" in w for w in profile.warnings)
    assert [n.title for n in profile.news][0] == "Tern opens a plant in Leeds"


def _rss(*dates: str) -> bytes:
    items = "".join(f"<item><title>Item {i}</title><link>https://t.example/{i}</link>"
                    f"<pubDate>{d}</pubDate></item>" for i, d in enumerate(dates))
    return f"<rss version='2.0'><channel><title>t</title>{items}</channel></rss>".encode()


def test_dates_in_the_future_or_before_the_company_existed_are_not_believed():
    warnings: list[str] = []
    items = parse_feed(_rss("Mon, 01 Jan 2035 10:00:00 GMT", "Tue, 02 Jan 2001 10:00:00 GMT",
                            "Wed, 05 Mar 2025 10:00:00 GMT"), "https://t.example/feed",
                       warnings, founded="2015", today=date(2025, 6, 1))
    assert [i.date for i in items] == [None, None, "2025-03-05"]
    assert any("future" in w for w in warnings)
    assert any("before the company was founded (2015)" in w for w in warnings)


def test_a_feed_that_gives_every_item_the_same_time_has_no_dates():
    warnings: list[str] = []
    stamp = "Sun, 01 Jun 2025 03:00:00 GMT"
    items = parse_feed(_rss(stamp, stamp, stamp), "https://t.example/feed", warnings,
                       today=date(2025, 6, 1))
    assert [i.date for i in items] == [None, None, None]
    assert any("same date and time" in w for w in warnings)


def test_merge_keeps_the_first_item_and_takes_a_missing_date_from_a_later_one():
    page = [NewsItem("Award", None, "https://www.t.example/news/award/"),
            NewsItem("Launch", "2025-01-02", "https://t.example/launch")]
    feed = [NewsItem("AWARD!", "2025-03-01", "http://t.example/news/award?utm_medium=rss"),
            NewsItem("Launch", "2025-01-03", "https://t.example/other-url")]
    merged = merge_news(page, feed)
    assert [(n.title, n.date) for n in merged] == [("Award", "2025-03-01"), ("Launch", "2025-01-02")]
