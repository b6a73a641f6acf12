"""Person research from public bio pages served on loopback; social profiles never fetched."""

from __future__ import annotations

import pytest
from research_sites import fast_settings

from infoview.errors import FetchForbidden
from infoview.research.person import research_person

PEOPLE = {
    "jsonld.html": {
        "name": "Ngozi Adebayo-Clarke", "title": "Director of Data Science",
        "organization": "Meridian Genomics", "location": "Manchester, UK",
        "bio": "Ngozi leads a team of forty data scientists working on population genomics.",
        "links": {"linkedin": "https://www.linkedin.com/in/ngozi-example",
                  "github": "https://github.com/ngozi-example",
                  "twitter": "https://x.com/ngozi_example",
                  "website": "https://ngozi-adebayo-clarke.example/"},
    },
    "hcard.html": {
        "name": "Tobias Rennick", "title": "Transport Planner",
        "organization": "Westmoor City Council", "location": "Newcastle upon Tyne, England",
        "bio": "I plan bus priority schemes and write about what makes streets work for people on foot.",
        "links": {"website": "https://tobias-rennick.example/",
                  "instagram": "https://www.instagram.com/tobias.rennick.example/",
                  "youtube": "https://www.youtube.com/@tobias-rennick-example"},
    },
    "prose.html": {
        "name": "Marisol Etxeberria", "title": "Senior Product Designer",
        "organization": "Lumen Learning Tools", "location": "Bilbao",
        "links": {"linkedin": "https://www.linkedin.com/in/marisol-etxeberria-example/",
                  "github": "https://github.com/marisol-example"},
    },
}


@pytest.mark.parametrize("page", sorted(PEOPLE))
def test_person_page_gives_its_expected_fields(page, sites, tmp_path):
    server = sites.get("people")
    profile = research_person(server.url + page, settings=fast_settings(tmp_path))
    data = profile.to_dict()
    for key, want in PEOPLE[page].items():
        assert data[key] == want, key
    assert set(data) == {"url", "name", "title", "organization", "location", "bio", "links",
                         "warnings", "own_page"}
    assert data["own_page"] is True
    assert data["warnings"] == []


def test_prose_page_bio_comes_from_its_paragraphs(sites, tmp_path):
    server = sites.get("people")
    profile = research_person(server.url + "prose.html", settings=fast_settings(tmp_path))
    assert profile.bio.startswith("Hi! I'm Marisol. I am a Senior Product Designer")


def test_sample_person_page_keeps_linkedin_as_a_link_without_fetching_it(sites, tmp_path):
    server = sites.get()
    profile = research_person(server.url + "team/samira-okafor.html", settings=fast_settings(tmp_path))
    assert (profile.name, profile.title, profile.organization, profile.location) == (
        "Samira Okafor", "Senior UX Researcher", "Kestrel Health Labs", "Bristol, UK")
    assert profile.links["linkedin"] == "https://www.linkedin.com/in/samira-okafor-example"
    assert profile.bio.startswith("Samira leads user research")
    assert server.requests == ["/robots.txt", "/team/samira-okafor.html"]


@pytest.mark.parametrize("url", [
    "https://www.linkedin.com/in/samira-okafor-example",
    "https://x.com/kestrelhealth_example",
    "https://www.facebook.com/someone.example",
    "https://instagram.com/someone.example/",
])
def test_asking_to_research_a_social_profile_says_it_is_never_fetched(url, tmp_path):
    with pytest.raises(FetchForbidden) as info:
        research_person(url, settings=fast_settings(tmp_path))
    assert "never fetches" in str(info.value)
    assert "browser" in str(info.value)


def test_page_about_no_one_gives_a_warning_not_an_error(sites, tmp_path):
    server = sites.get()
    profile = research_person(server.url + "careers.html", settings=fast_settings(tmp_path))
    assert profile.name is None
    assert any("no name found" in w for w in profile.warnings)
