"""The research panel's "find on their site" field (issue 19), on the sample site."""

from __future__ import annotations

import html

from research_sites import fast_settings

from infoview.models import Person
from infoview.widgets.research import ResearchPanel


def test_a_name_is_found_on_the_company_site_and_researched(sites, tmp_path):
    server = sites.get()
    panel = ResearchPanel(None, settings=fast_settings(tmp_path), company_url=server.url,
                          background=False)
    panel.person_name.value = "Sam Okafor"
    panel.research_button.click()
    assert panel.person is not None and panel.person.name == "Samira Okafor"
    assert panel.person.url == server.url + "team/samira-okafor.html"
    # Said as a person would (seen by Maya: "96% sure: a link reads 'Samira Okafor'; its
    # address names them; ..."): why this page is hers, in words, without a percentage.
    said = html.unescape(panel.message.value)
    assert ("Found Sam Okafor's page on the Kestrel Health Labs site: a link named "
            "'Samira Okafor' leads to it and it is about Samira Okafor.") in said, said
    assert "%" not in said and "sure" not in said and "address names" not in said
    assert "Senior UX Researcher" in panel.overview.value


def test_a_name_that_is_not_there_is_said_in_the_panel(sites, tmp_path):
    server = sites.get()
    panel = ResearchPanel(None, settings=fast_settings(tmp_path), company_url=server.url,
                          background=False)
    panel.person_name.value = "Grace Okafor"
    panel.research_button.click()
    assert panel.person is None and panel.company is not None
    assert "No page about Grace Okafor was found" in panel.message.value
    assert "page(s)" not in panel.message.value


def test_saving_a_person_found_by_name_keeps_the_one_already_stored(sites, tmp_path):
    # Lena stored "Sam Okafor, Kestrel Health" by hand; the site calls her "Samira Okafor".
    # Found by the name Lena typed and saved, the research belongs to the stored Sam: no
    # second person appears beside her.
    from infoview.store import Store

    server = sites.get()
    with Store.open(tmp_path / "lena.sqlite") as store:
        sam = store.add(Person(name="Sam Okafor", organization="Kestrel Health"))
        panel = ResearchPanel(store, settings=fast_settings(tmp_path), company_url=server.url,
                              background=False)
        panel.person_name.value = "Sam Okafor"
        panel.research_button.click()
        assert panel.person is not None and panel.person.name == "Samira Okafor"
        panel.person_name.value = "someone typed after the search"  # the search's name counts
        panel.save_button.click()
        people = store.list(Person)
        assert [p.id for p in people] == [sam.id], [p.name for p in people]
        assert panel.saved.person.id == sam.id
        assert "Sam Okafor" in panel.message.value


def test_a_name_searched_on_the_company_site_waits_the_politeness_delay_there_too(tmp_path):
    # Company research and the search for a name read the same site: every request to
    # it, across both, waits the per-host delay after the one before (the server logs times).
    from itertools import pairwise

    from hostile_server import Hostile

    from infoview.settings import Settings

    html = {"Content-Type": "text/html; charset=utf-8"}
    delay = 0.4
    settings = Settings(host_delay=delay, use_cache=False, max_pages=2, page_deadline=5.0)
    with Hostile() as server:
        server.routes["/"] = (200, html, b"<html><head><title>Wren Robotics</title></head><body>"
                              b"<h1>Wren Robotics</h1><nav><a href='/team'>Our team</a></nav>"
                              b"</body></html>")
        server.routes["/team"] = (200, html, b"<html><body><h1>Our team</h1><ul><li>"
                                  b"<a href='/team/jo-bell'>Jo Bell</a>, Head of Engineering"
                                  b"</li></ul></body></html>")
        server.routes["/team/jo-bell"] = (200, html, b"<html><head><title>Jo Bell</title>"
                                          b"</head><body><h1>Jo Bell</h1><p>Head of "
                                          b"Engineering at Wren Robotics.</p></body></html>")
        panel = ResearchPanel(None, settings=settings, background=False, company_url=server.url)
        panel.person_name.value = "Jo Bell"
        panel.research_button.click()
        log = list(server.log)
    paths = [path for _, path in log]
    assert panel.person is not None and panel.person.name == "Jo Bell", panel.message.value
    assert paths.count("/robots.txt") == 1 and "/team/jo-bell" in paths, paths
    assert paths.index("/team/jo-bell") > paths.index("/team") > 0   # found, after the company
    assert min(b - a for (a, _), (b, _) in pairwise(log)) >= delay - 0.02, log


def test_the_overview_before_research_fits_the_filled_address_and_the_saved_research(
        sites, tmp_path):
    # Seen in the browser: choosing a person filled in their organization's website, and
    # the Overview still said "Nothing researched yet: type the company's website address
    # above", while Home named that very research as the last one, saved today.
    from infoview.store import Store

    server = sites.get()
    with Store.open(tmp_path / "lena.sqlite") as store:
        panel = ResearchPanel(store, settings=fast_settings(tmp_path), company_url=server.url,
                              background=False)
        panel.research_button.click()
        panel.save_button.click()
        org = panel.saved.organization
        assert org is not None
        kept = store.add(Person(name="Sam Okafor", organization=org.name))

        fresh = ResearchPanel(store, settings=fast_settings(tmp_path), background=False)
        assert "Nothing researched yet" in fresh.overview.value  # nobody chosen, no address
        fresh.follow_person(kept.id)
        words = html.unescape(fresh.overview.value)
        assert "Nothing researched yet" not in words
        assert f"Research about {org.name} is saved in your store" in words

        assert fresh.company_url.value  # their organization's website, filled in
        # An address the user typed is theirs: the saved research of another site is not
        # offered as what "the website above" holds.
        typed = ResearchPanel(store, settings=fast_settings(tmp_path),
                              company_url="https://elsewhere.example/", background=False)
        typed.follow_person(kept.id)
        assert "Press Research to read the website above." in typed.overview.value

        bare = store.add(Person(name="Ana Lind", organization="Nowhere Ltd"))
        other = ResearchPanel(store, settings=fast_settings(tmp_path),
                              company_url="https://nowhere.example/", background=False)
        other.follow_person(bare.id)
        assert "Press Research to read the website above." in other.overview.value
