"""Finding a person by name on their company's site (issue 19), on loopback fixture sites."""

from __future__ import annotations

import pytest
from research_sites import fast_settings
from staff_sites import build_site, queries

from infoview.demo.site import serve
from infoview.errors import BadInput
from infoview.research.find_person import find_person
from infoview.research.names import name_match


@pytest.fixture(scope="module")
def staff(tmp_path_factory):
    """A 20-person site, served for the whole module."""
    root = tmp_path_factory.mktemp("staff") / "site"
    site = build_site(root, 20, seed=5)
    with serve(root) as server:
        yield site, server


def _path(search, server) -> str | None:
    return search.found.url.replace(server.url, "/", 1) if search.found else None


def test_every_person_is_found_on_their_own_page_or_the_team_page(staff, tmp_path):
    site, server = staff
    settings = fast_settings(tmp_path, use_cache=True)
    wrong = [(name, expected, _path(find_person(name, server.url, settings=settings), server))
             for name, expected in queries(site)]
    wrong = [w for w in wrong if w[1] != w[2]]
    assert wrong == []


def test_two_people_who_share_a_family_name_are_told_apart(staff, tmp_path):
    site, server = staff
    first, second = site.people[0], site.people[1]
    assert first.name.split()[-1] == second.name.split()[-1]
    search = find_person(second.name, server.url, settings=fast_settings(tmp_path))
    assert search.found is not None and search.found.name == second.name
    assert first.name not in [c.name for c in search.candidates]


def test_a_person_only_the_sitemap_lists_is_found(staff, tmp_path):
    site, server = staff
    hidden = next(p for p in site.people if p.in_sitemap_only)
    search = find_person(hidden.name, server.url, settings=fast_settings(tmp_path))
    assert _path(search, server) == hidden.page
    assert search.found.confidence >= 0.9
    assert any("about" in e for e in search.found.evidence)


def test_a_name_that_is_not_there_is_said_plainly(staff, tmp_path):
    site, server = staff
    for name in site.absent:
        search = find_person(name, server.url, settings=fast_settings(tmp_path))
        assert search.found is None and search.candidates == []
        assert search.summary().startswith(f"No page about {name} was found on 127.0.0.1")


def test_the_sample_persons_nickname_finds_her_page(sites, tmp_path):
    server = sites.get()
    search = find_person("Sam Okafor", server.url, settings=fast_settings(tmp_path))
    assert _path(search, server) == "/team/samira-okafor.html"
    assert search.found.title == "Senior UX Researcher"
    assert [c.url for c in search.candidates][1:] == [server.url + "team.html"]
    assert "/internal/staff-rota.html" not in server.requests   # robots.txt still rules


def test_a_one_word_name_is_refused_before_any_request(sites, tmp_path):
    server = sites.get()
    with pytest.raises(BadInput, match="full name"):
        find_person("Sam", server.url, settings=fast_settings(tmp_path))
    assert server.requests == []


@pytest.mark.parametrize("wanted, found, matches", [
    ("Sam Okafor", "Samuel Okafor", True), ("Sam Okafor", "S. Okafor", True),
    ("Sam Okafor", "Dr Samuel A. Okafor PhD", True), ("Sam Okafor", "Okafor, Sam", True),
    ("Jose Nunez", "José Núñez", True), ("Soren Berg", "Søren Berg", True),
    ("Bill Turner", "William Turner", True), ("Aoife OBrien", "Aoife O'Brien", True),
    ("Sam Okafor", "Grace Okafor", False), ("Sam Okafor", "Sam Okonkwo", False),
    ("Dan Wu", "Daniela Wu", False), ("Okafor", "Sam Okafor", False)])
def test_names_match_through_accents_initials_and_nicknames(wanted, found, matches):
    assert (name_match(wanted, found) >= 0.7) is matches


def test_the_search_in_words_says_probably_or_listed_without_percentages():
    # The app's words for a search (the CLI's summary and JSON keep their percentages).
    from infoview.research.find_person import Candidate, PersonSearch

    unsure = Candidate("https://k.example/people/sam-okafor", "Sam Okafor", None, 0.55,
                       ["a link reads 'Sam Okafor'", "its address names them",
                        "the page names nobody clearly"])
    said = PersonSearch("Sam Okafor", "https://k.example/", found=unsure).in_words()
    assert said == ("Found what is probably Sam Okafor's page on the k.example site: a link "
                    "named 'Sam Okafor' leads to it and its address has their name in it, "
                    "though the page itself names nobody clearly.")
    listed = Candidate("https://k.example/team", "Samira Okafor", "Designer", 0.54,
                       ["listed as Samira Okafor on https://k.example/team"], own_page=False)
    said = PersonSearch("Sam Okafor", "https://k.example/", found=listed,
                        company="Kestrel").in_words()
    assert said == ("Found Sam Okafor on the Kestrel site, listed as Samira Okafor on a page "
                    "of several people; there is no page of their own.")
    # Listed under the very name looked for, the page does not say it twice.
    same = PersonSearch("Samira Okafor", "https://k.example/", found=listed,
                        company="Kestrel").in_words()
    assert same == ("Found Samira Okafor on the Kestrel site, listed on a page of several "
                    "people; there is no page of their own.")
    nobody = PersonSearch("Ann Lee", "https://k.example/", pages_searched=["a"]).in_words()
    assert nobody == ("No page about Ann Lee was found on the k.example site (looked at 1 page "
                      "and its list of pages).")
    assert "%" in PersonSearch("Sam Okafor", "https://k.example/", found=unsure).summary()
