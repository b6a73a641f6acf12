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


def test_name_in_a_profile_link_under_its_title_and_menus_are_not_people():
    # the title sits above the name, the name is a link to the person's LinkedIn page
    html = """<main><div class="tiles">
      <div class="tile"><img alt=""><div class="tile__content">
        <div class="tile__text">Global Partner, Threat Management</div>
        <div><a href="https://www.linkedin.com/in/marlowkeir/"><span>Keir Marlow</span></a></div>
      </div></div>
      <div class="tile"><img alt=""><div class="tile__content">
        <div class="tile__text">Global Offering Leader, Cyber Strategy</div>
        <div><a href="https://www.linkedin.com/in/odile-varga-0a1/"><span>Odile Varga</span></a></div>
      </div></div></div>
      <ul class="menu"><li><a href="/form-builder">Form Builder</a></li>
        <li><a href="/lead-generation">Lead Generation</a></li>
        <li><a href="/push-notifications">Push Notifications</a></li></ul></main>"""
    assert _people(html) == [("Keir Marlow", "Global Partner, Threat Management"),
                             ("Odile Varga", "Global Offering Leader, Cyber Strategy")]


def test_bold_name_box_with_a_badge_under_it_and_bold_feature_labels():
    html = """<main><p>Book health coaching with our staff.</p>
      <div class="card"><div class="font-bold">Tamsin Okoro</div>
        <div><strong>Verified Expert</strong></div><div><span>Senior Design Lead</span></div></div>
      <div class="card"><div class="fw-semibold lh-1">Brannagh Teel</div>
        <div class="small">Clinical Social Work/Therapist, LCSWR</div></div>
      <div class="card"><div class="font-bold">Health Coaching</div>
        <div>Sessions with a wellness coach</div></div></main>"""
    assert _people(html) == [("Tamsin Okoro", "Senior Design Lead"),
                             ("Brannagh Teel", "Clinical Social Work/Therapist, LCSWR")]


def test_credentials_after_a_name_are_not_its_title():
    html = """<div class="board">
      <div class="member"><h4>Sanjay Erlind, PhD</h4><div>Associate Professor</div>
        <div>Rady School of Management</div></div>
      <div class="member"><h4>Paulina Morrow, MPA, PMP</h4><div>Director Project Management Office</div>
        <div>Housing Commission</div></div>
      <div class="member"><h4>Soraya Sandoval, Ed.D, PMP</h4><div>VP, Project Manager</div></div>
      <div class="member"><h4>Joan Doyle, CEO</h4></div></div>"""
    assert _people(html) == [("Sanjay Erlind", "Associate Professor"),
                             ("Paulina Morrow", "Director Project Management Office"),
                             ("Soraya Sandoval", "VP, Project Manager"), ("Joan Doyle", "CEO")]


@pytest.mark.parametrize("text", ["Advisory Leader, PwC US", "Woodwind Faculty"])
def test_leaders_and_faculty_are_titles(text):
    assert looks_like_title(text)


def test_credits_naming_another_employer_or_a_former_job_are_customers():
    html = """<main><div class="wall">
      <div class="box"><a href="https://x.example/a"><div class="font-bold">Clement Delorme</div>
        <div>Co-founder and CEO at Hugface</div></a><div>Massive users of the tool here.</div></div>
      <div class="box"><a href="https://x.example/b"><div class="font-bold">Cyril Shandor</div>
        <div>SEO consultant and former Mozzle lead</div></a></div>
      <div class="box"><a href="https://x.example/c"><div class="font-bold">Ines Calloway</div>
        <div>Head of Sales</div></a></div></div></main>"""
    # a wall of love whose other entries are credits: her firm simply went unnamed
    assert _people(html) == []
    team = html.replace('<div class="box"><a href="https://x.example/c">',
                        '<h2>Our team</h2><div class="box"><a href="https://x.example/c">')
    assert _people(team) == [("Ines Calloway", "Head of Sales")]


def test_a_line_opening_with_another_name_is_the_next_card_not_a_title():
    html = """<div class="slider">
      <div class="slide"><h3>Elspeth Keown, LCSW-C</h3></div>
      <div class="slide"><h3>Nicola Benders-Hale, MD, CMO</h3></div></div>"""
    assert _people(html) == [("Nicola Benders-Hale", "MD, CMO")]


def test_credentials_on_the_line_of_the_title_stay_out_of_it():
    html = """<main><div class="byline"><p><span class="name">Rory Dunne, Ph.D.</span>
      <span class="pos">Director, Advanced Analytics</span></p></div></main>"""
    assert _people(html) == [("Rory Dunne", "Director, Advanced Analytics")]
