"""The research panel's "find on their site" field (issue 19), on the sample site."""

from __future__ import annotations

from research_sites import fast_settings

from infoview.widgets.research import ResearchPanel


def test_a_name_is_found_on_the_company_site_and_researched(sites, tmp_path):
    server = sites.get()
    panel = ResearchPanel(None, settings=fast_settings(tmp_path), company_url=server.url,
                          background=False)
    panel.person_name.value = "Sam Okafor"
    panel.research_button.click()
    assert panel.person is not None and panel.person.name == "Samira Okafor"
    assert panel.person.url == server.url + "team/samira-okafor.html"
    assert "Found Sam Okafor" in panel.message.value and "% sure" in panel.message.value
    assert "Senior UX Researcher" in panel.overview.value


def test_a_name_that_is_not_there_is_said_in_the_panel(sites, tmp_path):
    server = sites.get()
    panel = ResearchPanel(None, settings=fast_settings(tmp_path), company_url=server.url,
                          background=False)
    panel.person_name.value = "Grace Okafor"
    panel.research_button.click()
    assert panel.person is None and panel.company is not None
    assert "No page about Grace Okafor was found" in panel.message.value
