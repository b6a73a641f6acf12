"""Dates as news pages write them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infoview.research.extract.dates import date_in_url, find_date, iso_date


@pytest.mark.parametrize("text, want", [
    ("published on the third of March, 2025", "2025-03-03"),
    ("Wick, March 3, 2024 — The port", "2024-03-03"),
    ("Issued 14th June 2025 for immediate release", "2025-06-14"),
    ("Announced on the twenty-second of January 2025", "2025-01-22"),
    ("3rd Mar. 2025", "2025-03-03"),
    ("June the 4th, 2023", "2023-06-04"),
    ("Posted 2024-11-05", "2024-11-05"),
    ("the thirty-first of December 2024", "2024-12-31"),
])
def test_dates_written_in_prose_are_found(text, want):
    assert find_date(text) == want


@pytest.mark.parametrize("text", [
    "Call 0117 496 0123 in 2025", "Price: 12 May", "the thirty-first of February 2025", "",
])
def test_numbers_that_are_not_dates_give_none(text):
    assert find_date(text) is None


def test_first_date_in_the_text_wins():
    assert find_date("Updated 4 May 2025. First published 1 January 2024.") == "2025-05-04"


@pytest.mark.parametrize("url, want", [
    ("https://x.example/news/2025/03/03/launch", "2025-03-03"),
    ("https://x.example/blog/2025-10-02-rental-plans.html", "2025-10-02"),
    ("https://x.example/newsroom/2024/10/new-school/", "2024-10-01"),
    ("https://x.example/news/launch-2025.html", None),
])
def test_dates_in_urls(url, want):
    assert date_in_url(url) == want


def test_datetime_attributes_become_plain_dates():
    assert iso_date("2025-08-30T12:00:00Z") == "2025-08-30"
    assert iso_date("not a date") is None


@given(st.text(max_size=200))
def test_find_date_never_fails_and_returns_a_real_date(text):
    found = find_date(text)
    assert found is None or dt.date.fromisoformat(found)
