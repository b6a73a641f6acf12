"""Company research against real fixture sites served on loopback."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from research_sites import COMPANY_SITES, CONTRACT_KEYS, expected, fast_settings

from infoview.errors import FetchError
from infoview.research.company import research_company


@pytest.fixture
def research(sites, tmp_path):
    """Research a fixture site by name; returns the profile and the server (with its log)."""
    def run(name, **kwargs):
        server = sites.get(name)
        return research_company(server.url, settings=fast_settings(tmp_path), **kwargs), server
    return run


@pytest.mark.parametrize("site", COMPANY_SITES)
def test_fixture_site_gives_its_expected_fields(site, research):
    profile, server = research(site)
    want = expected(site)
    data = profile.to_dict()
    for key in ("name", "description", "industry", "location", "founded"):
        if key in want:
            assert data[key] == want[key], key
    people = [[p["name"], p["title"]] for p in data["people"]]
    for pair in want.get("people", []):
        assert pair in people
    if "people_count" in want:
        assert len(people) == want["people_count"]
    news = [[n["title"], n["date"]] for n in data["news"]]
    assert news[:len(want.get("news", []))] == want.get("news", [])
    if "news_urls" in want:
        assert [urlsplit(n["url"]).path for n in data["news"]] == want["news_urls"]
    pages = {kind: urlsplit(url).path for kind, url in data["pages"].items()}
    for kind, path in want.get("pages", {}).items():
        assert pages.get(kind) == path, kind
    for network, url in want.get("social", {}).items():
        assert data["social"].get(network) == url
    if "summary_contains" in want:
        assert want["summary_contains"] in (data["summary"] or "")
    for path in want.get("never_requested", []):
        assert path not in server.requests
    if "warning_contains" in want:
        assert any(want["warning_contains"] in w for w in data["warnings"])


def test_every_fact_keeps_the_page_it_came_from(research):
    profile, server = research("rich_jsonld")
    fetched = {f.url for f in profile.fetched}
    assert profile.facts
    assert all(f.source_url in fetched for f in profile.facts)
    assert all(p.source_url in fetched for p in profile.people)


def test_robots_disallowed_team_page_is_never_requested_and_is_a_warning(research):
    profile, server = research("robots_team")
    assert "/team/" not in server.requests
    assert "/robots.txt" in server.requests
    assert any("/team/" in w and "robots.txt" in w for w in profile.warnings)
    assert all("Hidden Person" != p.name for p in profile.people)


def test_one_malformed_json_ld_block_costs_only_itself(research):
    profile, _ = research("rich_jsonld")
    assert profile.industry == "Freight and logistics"  # from the good block
    assert any("malformed JSON-LD" in w for w in profile.warnings)


def test_windows_1252_pages_without_header_charset_keep_accented_names(research):
    profile, _ = research("cp1252")
    names = {p.name for p in profile.people}
    assert {"Benoît Lefèvre", "Zoë Brontë-Martín", "Søren Kjær", "Inès Núñez"} <= names
    assert not any("\ufffd" in n or "Ã" in n for n in names)


def test_text_that_looks_like_markup_stays_text(research):
    profile, _ = research("messy")
    assert '<script>alert("not code")</script>' in (profile.summary or "")
    # the page's real script is code, not text: it is never part of what was extracted
    assert "document.write" not in repr(profile.to_dict())
    og, _ = research("opengraph_only")
    assert og.description == "Hand-thrown stoneware for restaurants <b>since</b> 2009."


def test_messy_site_gives_partial_results_and_warnings(research):
    profile, _ = research("messy")
    assert profile.name == "Pellow & Dunn Printers"
    assert ["Jenna Rowe", "Print Manager"] in [[p.name, p.title] for p in profile.people]
    assert any("404" in w for w in profile.warnings)
    assert any("empty" in w for w in profile.warnings)
    assert {f.status for f in profile.fetched} == {200, 404}


def test_sitemap_is_read_only_when_navigation_lacks_a_kind_of_page(research):
    _, server = research("sitemap_only")
    assert "/sitemap.xml" in server.requests
    _, server = research("rich_jsonld")
    assert "/sitemap.xml" not in server.requests


def test_max_pages_caps_the_pages_fetched(research):
    profile, server = research("rich_jsonld", max_pages=2)
    html_requests = [r for r in server.requests if r != "/robots.txt"]
    assert len(html_requests) == 2
    assert len(profile.fetched) == 2
    assert "about" in profile.pages and "team" in profile.pages  # discovered, not all fetched


def test_home_page_that_cannot_be_fetched_is_a_clear_error(sites, tmp_path):
    server = sites.get("messy")
    with pytest.raises(FetchError) as info:
        research_company(server.url + "missing/", settings=fast_settings(tmp_path))
    assert "404" in str(info.value)


def test_profile_dict_follows_the_contract(research):
    profile, _ = research("prose_dates")
    data = profile.to_dict()
    # page_types: added by issue 12; documents: by issue 19
    assert set(data) == CONTRACT_KEYS | {"page_types", "documents"}
    # issue 17 added "kind" (staff, quoted or named): extra keys are allowed by the contract
    assert set(data["people"][0]) == {"name", "title", "source_url", "kind"}
    assert data["people"][0]["kind"] in {"staff", "quoted", "named"}
    assert set(data["news"][0]) == {"title", "date", "url"}
    assert set(data["fetched"][0]) == {"url", "status", "from_cache"}
    assert all(isinstance(v, str) for v in data["social"].values())
    assert set(data["page_types"][0]) == {"url", "type", "confidence"}


def test_sample_site_research(sites, tmp_path):
    server = sites.get()
    profile = research_company(server.url, settings=fast_settings(tmp_path))
    assert profile.name == "Kestrel Health Labs"
    assert profile.location == "Bristol, UK"
    assert profile.founded == "2015"
    assert "patient-scheduling and remote-monitoring software" in profile.summary
    assert ["Samira Okafor", "Senior UX Researcher"] in [[p.name, p.title] for p in profile.people]
    dates = [n.date for n in profile.news]
    assert dates == sorted(dates, reverse=True) and len(dates) == 4 and None not in dates
    assert profile.pages["annual_report"].endswith("/reports/kestrel-annual-report-2024.pdf")
    assert set(profile.social) == {"linkedin", "twitter", "github", "youtube"}
    # the annual report is read (issue 19); nothing under /internal/ is requested
    assert "/reports/kestrel-annual-report-2024.pdf" in server.requests
    assert not any(r.startswith("/internal/") for r in server.requests)
    report = profile.documents[0]
    assert (report.kind, report.year, report.pages) == ("annual report", 2024, 4)
    assert ("headcount", "46", 3) in [(f.kind, f.value, f.page) for f in report.facts]
    assert profile.warnings == []


def test_warm_cache_rerun_sends_no_requests(sites, tmp_path):
    settings = fast_settings(tmp_path, use_cache=True)
    server = sites.get()
    cold = research_company(server.url, settings=settings)
    before = len(server.requests)
    warm = research_company(server.url, settings=settings)
    assert len(server.requests) == before
    assert warm.to_dict() | {"fetched": None} == cold.to_dict() | {"fetched": None}
    assert all(f.from_cache for f in warm.fetched)
