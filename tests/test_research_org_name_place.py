"""The company's name and place on small-business pages (issue 17, "Also").

Each fixture in ``tests/fixtures/messy_pages/`` is a fictional page with a pattern measured
on real pages (``benchmarks/bench_research_org.py``): the only address is in the footer, the
title is a page name or a slogan, the copyright line names the firm, a platform's copyright
sits beside the firm's name. Pages are served from 127.0.0.1, as the benchmark's webstruct
pages are, so no host name helps.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from research_sites import fast_settings

from infoview.research.company import research_company
from infoview.research.extract.address import place_in_lines
from infoview.research.extract.organization import organization_facts
from infoview.research.extract.page import parse_page
from infoview.research.extract.sitename import brand_of, copyright_holder, name_from_title

PAGES = Path(__file__).resolve().parent / "fixtures" / "messy_pages"


@pytest.fixture(scope="module")
def server():
    from infoview.demo.site import serve

    with serve(PAGES) as running:
        yield running


def _research(server, tmp_path, name):
    return research_company(server.url + name, settings=fast_settings(tmp_path, max_pages=1))


def test_a_footer_address_gives_the_place_and_the_page_name_is_not_the_company(server, tmp_path):
    profile = _research(server, tmp_path, "footer_address.html")
    assert profile.name == "Kestrel Ridge Roofing"
    # "your new roof will be based in Springfield" speaks of the reader, not the firm
    assert profile.location == "Harrisonburg, VA"


def test_a_slogan_title_gives_way_to_the_copyright_holder_and_a_uk_postcode(server, tmp_path):
    profile = _research(server, tmp_path, "tagline_title.html")
    assert profile.name == "Marlowe & Pike Builders Ltd"
    assert profile.location == "Kendal, UK"


def test_a_platform_credited_in_the_footer_is_not_the_company(server, tmp_path):
    profile = _research(server, tmp_path, "powered_by_footer.html")
    assert profile.name == "Ostrander Eye Care"
    assert profile.location == "Medford, OR"


@pytest.mark.parametrize("lines, place", [
    (["1435 North McDowell Blvd. Suite 300", "Petaluma, CA 94954"], "Petaluma, CA"),
    (["3900 East Mexico Ave, Suite 500 Denver, CO 80210 | 303.333.0000"], "Denver, CO"),
    (["5320 - Roper Road", "Edmonton, Alberta", "T6B 3E9", "Canada"], "Edmonton, AB"),
    (["PO Box 306", "Newcastle upon Tyne", "NE6 5ZH"], "Newcastle upon Tyne, UK"),
    (["7 Bell Yard, London, England, WC2A 2JR"], "London, UK"),
    (["Routes 202 & 263, Store #35, Lahaska, Bucks County, PA 18931"], "Lahaska, PA"),
    (["Woodmere NY, 11598"], "Woodmere, NY"),
    (["Glendale, Az. 85308"], "Glendale, AZ"),
    (["1971 University Blvd.Lynchburg, VA 24515"], "Lynchburg, VA"),
    (["\u200dPortsmouth, NH 03802"], "Portsmouth, NH"),
    (["We have 12345 customers in 50 states"], None),
    (["Order ID AB12 3CD shipped"], None),
    (["Call 555-0100 or write to us, or 90210"], None),
])
def test_the_town_of_a_postal_address(lines, place):
    assert place_in_lines(lines) == place


@pytest.mark.parametrize("footer, holder", [
    ("© 2014 Bunchball inc. All rights reserved", "Bunchball inc"),
    ("Copyright 2014 by Abacus Solutions, LLC. .", "Abacus Solutions, LLC"),
    ("Executive Visions Inc. Copyright ©1986-2013", "Executive Visions Inc"),
    ("Copyright © Harris Dermatology 20142009. All Rights Reserved", "Harris Dermatology"),
    ("Map data © 2014 Google", None),
    ("Powered by Clinicsite. Ostrander Eye Care. © 2014 Clinicsite, Inc.", None),
    ("© Copyright 2014", None),
])
def test_the_copyright_holder(footer, holder):
    page = parse_page(f"<html><body><p>x</p><div>{footer}</div></body></html>".encode(),
                      "http://127.0.0.1/", "utf-8")
    assert copyright_holder(page) == holder


@pytest.mark.parametrize("title, name", [
    ("Executive Team", None),
    ("Attorneys & Staff", None),
    ("What Our Customers Say | Kestrel Ridge Roofing", "Kestrel Ridge Roofing"),
    ("About Oatfield Oatfield", "Oatfield"),
    ("COLORADO WORKERS COMPENSATION ATTORNEY", None),
])
def test_page_names_slogans_and_headlines_are_not_company_names(title, name):
    page = parse_page(f"<html><head><title>{title}</title></head><body><p>Hello.</p>"
                      "</body></html>".encode(), "http://127.0.0.1/")
    assert name_from_title(page) == name


def test_a_slogan_glued_to_a_metadata_name_is_cut_off():
    page = parse_page(b'<html><head><meta property="og:site_name" content="Quillby: The '
                      b'Friendliest Invoicing App"></head><body><p>x</p></body></html>',
                      "https://quillby.example/")
    assert organization_facts(page, use_text=False)["name"] == "Quillby"
    assert brand_of("https://quillby.example/", page) is None
