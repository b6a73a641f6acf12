"""News rules on index pages written after real structures (tests/fixtures/news_pages/)."""

from __future__ import annotations

from pathlib import Path

from infoview.research.extract import parse_page
from infoview.research.extract.dates import url_date_has_day
from infoview.research.extract.news import extract_news

PAGES = Path(__file__).resolve().parent / "fixtures" / "news_pages"


def _news(name: str) -> list[tuple[str, str | None]]:
    page = parse_page((PAGES / name).read_bytes(), "https://example.com/news/")
    return [(n.title, n.date) for n in extract_news(page)]


def test_link_tiles_with_time_and_no_heading_are_news_even_in_accordion_tabs():
    news = _news("press_list.html")
    assert news[:3] == [
        ("Reservoir upgrade at Kelder Moor completed ahead of", "2025-11-18"),  # "..." cut
        ("Northgate Water appoints Priya Shah as chair", "2025-10-02"),
        ("Leakage falls for a third year running", "2025-07-21"),
    ]


def test_a_written_day_first_date_beats_a_month_only_url_date():
    news = dict(_news("press_list.html"))
    # the URL says /2025/05/ (no day); the byline says 14/05/2025 on a day-first page
    assert news["Hosepipe ban lifted across the region"] == "2025-05-14"
    assert news["Bills for 2025 to 2026 explained"] == "2025-02-03"
    assert url_date_has_day("/press/2025/05/03/x") and not url_date_has_day("/press/2025/05/x")


def test_blog_cards_under_a_section_heading_list_the_posts_not_the_heading():
    news = _news("blog_cards.html")
    assert news == [("Holiday Pay Rules for Part-Time Staff", "2025-03-04"),
                    ("Your First Payroll: A Checklist", "2025-02-11"),
                    ("Contractor or Employee? How to Tell", "2025-01-28")]
    # the plan card (a price, "Buy now", a validity range) is not news either


def test_an_offer_with_booking_and_travel_periods_is_not_news():
    html = b"""<html><body><main><div class="grid">
      <div class="card"><h3>LE GRAND HOTEL PARIS</h3><p>$100 credit</p>
       <p>BOOK: By Dec 31, 2025<br>TRAVEL: Jan 1 - Dec 31, 2026</p>
       <a href="/vacation/search/book-a-vacation?hotel=1">BOOK NOW</a></div>
      <div class="card"><h3>HARBOUR VIEW RESORT</h3>
       <p>TRAVEL: Mar 1 - Jun 30, 2026</p><a href="/deals/harbour">See details</a></div>
    </div></main></body></html>"""
    assert extract_news(parse_page(html, "https://example.com/")) == []


def test_numeric_bylines_month_first_and_products_webinars_reviews_left_out():
    news = _news("news_mixed.html")
    assert news == [("Brightlane opens an office in Lyon", "2025-09-03"),
                    ("Brightlane raises a Series B round", "2025-06-17"),
                    ("Warehouse pilot with Nordfrakt ends in a contract", "2025-04-02")]


def test_a_review_credit_date_in_prose_does_not_date_a_service_card():
    html = b"""<html><body><main><div class="box"><h3>Relax while your movers do the work</h3>
      <p>Your lead mover calls on the day. Thinking about a <a href="/long-distance/">long
      move</a>? - John V., reviewing our team (1/16/2025)</p></div></main></body></html>"""
    assert [n for n in extract_news(parse_page(html, "https://example.com/")) if n.date] == []
