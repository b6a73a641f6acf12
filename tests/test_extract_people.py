"""People and titles from cards, tables, definition lists and structured data."""

from __future__ import annotations

import pytest

from infoview.research.extract.page import parse_page
from infoview.research.extract.people import extract_people, looks_like_name, looks_like_title


def _people(html: str) -> list[tuple[str, str | None]]:
    page = parse_page(html.encode(), "https://a.example/team/", "utf-8")
    return [(p.name, p.title) for p in extract_people(page)]


@pytest.mark.parametrize("text", ["Samira Okafor", "José da Silva", "Mei Lin Chen",
                                  "Callum O'Reilly", "Zoë Brontë-Martín", "Ludwig van der Berg"])
def test_names(text):
    assert looks_like_name(text)


@pytest.mark.parametrize("text", ["Our Values", "Meet the Team", "Senior UX Researcher",
                                  "Read More", "Samira", "2024 Annual Report", "Contact Us Today"])
def test_not_names(text):
    assert not looks_like_name(text)


@pytest.mark.parametrize("text", ["Senior UX Researcher", "CEO", "Head of Clinical Safety",
                                  "Co-founder and Chief Data Scientist", "Treasurer"])
def test_titles(text):
    assert looks_like_title(text)


def test_cards_with_name_and_title():
    html = """<div class="grid">
      <div class="card"><h3>Ada Brennan</h3><p class="role">Head of Product</p><p>Ada likes maps.</p></div>
      <div class="card"><h3><a href="/ravi">Ravi Menon</a></h3><p>Lead Engineer</p></div>
      <div class="card"><h3>Our values</h3><p>Honest work</p></div></div>"""
    assert _people(html) == [("Ada Brennan", "Head of Product"), ("Ravi Menon", "Lead Engineer")]


def test_name_and_title_on_one_line():
    assert _people("<ul><li><strong>Ines Roth</strong>, Chief Operating Officer</li></ul>") == [
        ("Ines Roth", "Chief Operating Officer")]


def test_table_with_header_row():
    html = """<table><tr><th>Role</th><th>Name</th></tr>
      <tr><td>Chair</td><td>Olu Bankole</td></tr><tr><td>Secretary</td><td>Ann Lee</td></tr></table>"""
    assert _people(html) == [("Olu Bankole", "Chair"), ("Ann Lee", "Secretary")]


def test_definition_list_either_way_round():
    html = "<dl><dt>Rhys Morgan</dt><dd>Founder</dd><dt>Studio Manager</dt><dd>Eira Jones</dd></dl>"
    assert _people(html) == [("Rhys Morgan", "Founder"), ("Eira Jones", "Studio Manager")]


def test_structured_data_people_come_first_and_each_name_once():
    html = """<script type="application/ld+json">{"@type": "Organization", "name": "A",
      "employee": [{"@type": "Person", "givenName": "Kofi", "familyName": "Mensah",
      "jobTitle": "CTO"}]}</script><div><h3>Kofi Mensah</h3><p>Chief Technology Officer</p></div>"""
    assert _people(html) == [("Kofi Mensah", "CTO")]


def test_names_in_navigation_are_not_people():
    assert _people("<footer><h4>Privacy Policy</h4><h4>Jane Doe</h4><p>Web Designer</p></footer>") == []


def test_feature_headings_with_a_line_under_them_are_not_people():
    # seen on real service pages: section cards read like "Name / Title" pairs
    html = """<div class="card"><h3>Case Studies</h3><p>Product Descriptions</p></div>
      <div class="card"><h3>Customer Stories</h3><p>Kevin Tsuei, SVP Information Security Officer</p></div>
      <div class="card"><h3>Paid Search</h3><p>Content Marketing</p></div>
      <div class="card"><h3>Who Should Attend</h3><p>Marketing Managers</p></div>"""
    assert _people(html) == []


def test_review_authors_in_structured_data_are_not_the_companys_people():
    html = """<script type="application/ld+json">{"@type": "Product", "name": "Cover",
      "review": [{"@type": "Review", "author": {"@type": "Person", "name": "Jack Nicholson"}}]}
      </script>"""
    assert _people(html) == []


def test_headerless_comparison_tables_are_not_people():
    html = """<table><tr><td>State Farm</td><td>$1,200</td></tr>
      <tr><td>American Family</td><td>$1,150</td></tr></table>"""
    assert _people(html) == []


def test_name_and_title_in_one_heading():
    html = "<h3>Jane Okoye – Chief Executive</h3><h3>Li Wei, Head of Sales</h3><h3>News – 2025</h3>"
    assert _people(html) == [("Jane Okoye", "Chief Executive"), ("Li Wei", "Head of Sales")]
