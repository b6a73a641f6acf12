"""Research on the kinds of mess found on real company and service pages.

Each fixture in ``tests/fixtures/messy_pages/`` is a fictional page that reproduces one
pattern seen when researching 165 real service pages (the WCXB corpus): a service described
as an organisation, customer testimonials beside staff cards, review authors in JSON-LD,
share buttons and videos among social links, section headings and FAQ questions among news,
picture links whose upload date is not a news date, and product pages whose title reads like
a person's name.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from research_sites import fast_settings

from infoview.research.company import research_company
from infoview.research.extract.news import extract_news
from infoview.research.extract.organization import name_from_title
from infoview.research.extract.page import parse_page
from infoview.research.person import research_person

PAGES = Path(__file__).resolve().parent / "fixtures" / "messy_pages"


def _parsed(name: str, url: str):
    return parse_page((PAGES / name).read_bytes(), url)


@pytest.fixture(scope="module")
def server():
    from infoview.demo.site import serve

    with serve(PAGES) as running:
        yield running


@pytest.fixture(scope="module")
def service(server, tmp_path_factory):
    settings = fast_settings(tmp_path_factory.mktemp("cache"), max_pages=1)
    return research_company(server.url + "service_page.html", settings=settings)


def test_the_organisation_named_like_the_site_beats_a_richer_service_item(service):
    assert service.name == "Larchmere Accounts"


def test_staff_cards_count_but_testimonials_reviews_and_buttons_do_not(service):
    # nor a product card ("Ledger Lens", "Receipt assistant app"); an "Email" link is no title
    assert [(p.name, p.title) for p in service.staff()] == [
        ("Priya Lindqvist", "Senior Bookkeeper"), ("Euan Maddox", "Payroll Manager")]
    # issue 17: customers may be listed apart from the staff, flagged as quoted, never as staff
    assert {p.kind for p in service.people if p.name == "Rosalind Achebe"} <= {"quoted"}


def test_share_buttons_and_videos_are_not_the_company_profiles(service):
    assert service.social == {
        "youtube": "https://www.youtube.com/@larchmere-accounts-example",
        "facebook": "https://www.facebook.com/larchmere.accounts.example/",
    }


def test_a_news_section_gives_its_items_not_its_heading_and_pictures_are_not_news(service):
    assert [(n.title, n.date, n.url.rsplit("/", 2)[-2]) for n in service.news] == [
        ("VAT deadline moves for quarterly filers", "2025-06-02", "vat-deadline-moves"),
        ("Our payroll year-end checklist is out", "2025-03-14", "payroll-year-end-checklist"),
    ]


def test_news_listing_keeps_headlines_and_drops_labels_questions_and_phone_numbers():
    # a long card still gives the date at its end; a form's label ("Membership terms:") and a
    # staff card ("Ines Brackett") are not news
    page = _parsed("news_listing.html", "https://brackenfield.example/newsroom/")
    assert [(n.title, n.date, n.url) for n in extract_news(page)] == [
        ("Members vote for a new filtration plant", "2025-02-12",
         "https://brackenfield.example/newsroom/members-vote-for-new-filtration-plant/"),
        ("Winter leak line opens for members", "2024-11-05",
         "https://brackenfield.example/newsroom/2024/11/05/winter-leak-line/"),
        ("Annual meeting backs a fairer tariff", "2024-10-09",
         "https://brackenfield.example/newsroom/annual-meeting-report/"),
    ]


def test_name_from_title_prefers_the_part_that_names_the_host_over_the_heading():
    page = _parsed("service_page.html", "https://www.larchmere.example/services/bookkeeping/")
    assert name_from_title(page) == "Larchmere Accounts"


def test_a_slogan_title_is_not_a_company_name():
    assert name_from_title(_parsed("slogan_title.html", "https://receipts.example/")) is None


def test_a_slogan_title_gives_the_words_that_spell_the_host():
    page = _parsed("slogan_with_brand.html", "https://www.tallyline.example/trades/")
    assert name_from_title(page) == "Tally Line"


def test_product_page_gives_no_person_but_a_warning(server, tmp_path):
    profile = research_person(server.url + "product_page.html", settings=fast_settings(tmp_path))
    assert profile.name is None and profile.title is None
    assert any("no name found" in w for w in profile.warnings)


def test_personal_site_titled_name_and_role_gives_both(server, tmp_path):
    profile = research_person(server.url + "personal_site.html", settings=fast_settings(tmp_path))
    assert (profile.name, profile.title) == ("Odile Marchetti", "Freelance Grant Writer")


@pytest.mark.parametrize("url", [
    "https://twitter.com/home?status=Read%20this",
    "https://x.com/larchmere/status/1790000000000000000",
    "https://www.instagram.com/p/C0ffeeBean/",
    "https://www.facebook.com/tr?id=1234&ev=PageView",
    "https://www.youtube.com/embed/abc123",
    "https://www.linkedin.com/shareArticle?mini=true&url=https%3A%2F%2Fa.example",
])
def test_posts_pixels_and_share_links_are_not_profiles(url):
    from infoview.research.extract.links import social_network

    assert social_network(url) is None


def test_a_profile_whose_name_contains_a_share_word_is_still_a_profile():
    from infoview.research.extract.links import social_network

    assert social_network("https://www.linkedin.com/company/search-partners-example") == "linkedin"


def test_summary_skips_repeated_slides_banners_and_legal_notices():
    from infoview.research.extract.maintext import main_text, summarize

    body = (PAGES / "repeating_banner.html").read_bytes()
    assert summarize(main_text(body, "https://ferncombe.example/garden-rooms/")) == (
        "Ferncombe Joinery builds insulated garden rooms from Welsh larch in six weeks. "
        "Every room is designed with you on site, built in our Shropshire workshop and fitted "
        "by the same two joiners.")


def test_industry_needs_the_company_as_subject_and_places_stop_at_the_line_end():
    from infoview.research.extract.organization import organization_facts

    facts = organization_facts(_parsed("about_prose.html", "https://fernhill.example/about/"))
    assert facts == {"name": "Fernhill Cartography", "industry": "mapping",
                     "location": "Hebden Bridge"}
