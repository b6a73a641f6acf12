"""What the Research page says when an address cannot be read, in the words of someone
who never saw a network error: under the field that holds it, with what to do."""

from __future__ import annotations

import socket

import pytest

from infoview.flows.batch_research import overview_row, read_websites
from infoview.settings import Settings
from infoview.widgets.research import ResearchPanel

JARGON = ("robots.txt", "Connection refused", "Name or service", "not fetched", "(could")


def assert_plain(said: str) -> None:
    """``said`` holds none of the network's or the trade's words."""
    for jargon in JARGON:
        assert jargon not in said, said


@pytest.fixture
def settings(tmp_path):
    return Settings(host_delay=0.0, cache_path=tmp_path / "http-cache.sqlite", use_cache=False)


@pytest.fixture
def closed_port() -> int:
    """A port on this machine that nothing listens on (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_typed_address_with_a_space_or_no_dot_is_refused_under_its_field(sites, settings):
    # Seen in the browser: "htp//kestrel health.example" was fetched as
    # "https://htp//kestrel health.example" and came back "could not connect (Name or
    # service not known)".
    site = sites.get()
    panel = ResearchPanel(None, settings=settings, background=False)
    for typed in ("htp//kestrel health.example", "htp//kestrel.example"):
        panel.company_url.value = typed
        panel.research_button.click()
        said = panel.form["company_url"].error.text
        assert said.startswith(f"{typed} is not a website address"), said
        assert "e.g. kestrel.example" in said
        assert panel.message.kind == "error"
    assert site.requests == []  # nothing was asked of any server
    with pytest.raises(ValueError, match="line 1, htp//kestrel.example, is not a website"):
        read_websites("htp//kestrel.example\n" + site.url)


def test_an_address_that_does_not_answer_says_to_check_it_or_try_later(settings, closed_port):
    panel = ResearchPanel(None, settings=settings, background=False)
    panel.company_url.value = f"http://127.0.0.1:{closed_port}/"
    panel.research_button.click()
    said = panel.form["company_url"].error.text
    assert "could not be reached. Check the address for typing mistakes" in said, said
    assert "try again later" in said
    assert_plain(said)


def test_a_page_the_site_asks_not_to_be_read_says_so_and_the_company_stays_read(sites,
                                                                                settings):
    site = sites.get("robots_team")
    panel = ResearchPanel(None, settings=settings, background=False)
    panel.company_url.value = site.url
    panel.person_url.value = site.url + "team/ada.html"
    panel.research_button.click()
    said = panel.form["person_url"].error.text
    assert "the site asks programs like this one not to read that page" in said, said
    assert "Open it in your browser" in said
    assert_plain(said)
    # The company was read and is shown: "Not researched" under it said otherwise.
    assert panel.company is not None and not panel.save_button.disabled
    assert panel.progress.bar_style == "warning"  # red said nothing was read
    assert panel.message.kind == "warning"
    assert panel.message.text.startswith(f"Read {panel.company.name or site.url}, but not "
                                         "everything"), panel.message.text


def test_a_site_not_researched_says_why_beside_its_address_not_under_latest_news():
    # Seen in the browser: "Not researched: the site could not be reached." stood in the
    # table's last column, "Latest news".
    row = overview_row({"url": "http://127.0.0.1:9/", "error": "http://127.0.0.1:9/ was not "
                        "fetched: the site could not be reached (could not connect (refused))."})
    assert row["organization"] == "http://127.0.0.1:9/"
    assert row["does"] == ("Not researched: the site could not be reached. Check the address "
                           "for typing mistakes; if it is right, the site may be down for "
                           "now: try again later.")  # what to do, not only what went wrong
    assert row["news"] == ""


def test_research_with_no_address_says_so_under_the_company_field(settings):
    panel = ResearchPanel(None, settings=settings, background=False)
    panel.company_url.value = panel.person_url.value = ""
    panel.research_button.click()
    assert panel.form["company_url"].error.text.startswith("Type the company's website here")
    assert panel.message.text == "Not researched: see the field marked in red above."
    panel.company_url.value = "kestrel.example"  # typing takes the red line away
    assert panel.form["company_url"].error.text == ""


def test_the_sample_persons_page_is_not_read_with_another_companys_website(sites, settings):
    # Seen in the browser: with the sample's person's page still in its field, researching
    # another company's website said "Done: Fernhill Robotics, Samira Okafor".
    sample, other = sites.get(), sites.get("robots_team")
    given = sample.url + "team/samira-okafor.html"
    panel = ResearchPanel(None, settings=settings, background=False, company_url=sample.url,
                          person_url=given)
    panel.company_url.value = other.url
    panel.research_button.click()
    assert panel.company is not None and panel.person is None
    assert panel.person_url.value == ""
    assert sample.requests == []
    # With the sample's own website, or a page the user typed, the page is read.
    panel.company_url.value = sample.url
    panel.person_url.value = given
    panel.research_button.click()
    assert panel.person is not None and panel.person.name == "Samira Okafor"
    typed = other.url + "about.html"
    panel.person_url.value = typed
    panel.company_url.value = sample.url
    panel.research_button.click()
    assert panel.person_url.value == typed


def test_a_page_the_site_does_not_have_says_to_check_the_address_not_404(sites, settings):
    site = sites.get()
    panel = ResearchPanel(None, settings=settings, background=False)
    panel.company_url.value = site.url
    panel.person_url.value = site.url + "team/nobody.html"
    panel.research_button.click()
    said = panel.form["person_url"].error.text
    assert said == (f"{site.url}team/nobody.html is not on that site (it may have moved). "
                    "Check the address for typing mistakes, or find the page in your browser "
                    "and copy its address from there."), said
    assert "404" not in said.replace(site.url, "")  # the address's port may hold "404"


def test_a_linkedin_page_is_kept_as_the_hint_says_not_shown_as_a_mistake(sites, settings):
    # Seen in the browser: the field's hint says "LinkedIn links are kept, not fetched", yet
    # a LinkedIn address typed there came back in red, as an error, and the bar turned amber.
    site = sites.get()
    panel = ResearchPanel(None, settings=settings, background=False)
    panel.company_url.value = site.url
    linkedin = "https://www.linkedin.com/in/samira-okafor"
    panel.person_url.value = linkedin
    panel.research_button.click()
    note = panel.form["person_url"].error
    assert note.kind == "info" and note.text.startswith("Kept, not read: LinkedIn"), note.text
    assert "open it in your browser" in note.text
    assert panel.company is not None and panel.person is None
    assert panel.message.kind != "error" and "marked in red" not in panel.message.text
    assert panel.progress.bar_style == "success"
    assert panel.person_url.value == linkedin  # kept where she typed it


def test_a_linkedin_page_alone_says_what_to_type_to_research(settings):
    panel = ResearchPanel(None, settings=settings, background=False)
    panel.person_url.value = "linkedin.com/in/samira-okafor"
    panel.research_button.click()
    assert panel.form["person_url"].error.kind == "info"
    assert panel.message.kind == "warning"
    assert "type the company's website above" in panel.message.text


def test_saving_keeps_the_linkedin_page_as_the_persons_link(sites, settings, tmp_path):
    from infoview.models import Person
    from infoview.store import Store

    store = Store.open(tmp_path / "s.sqlite")
    panel = ResearchPanel(store, settings=settings, background=False)
    panel.company_url.value = sites.get().url
    panel.person_url.value = linkedin = "https://www.linkedin.com/in/samira-okafor"
    panel.person_name.value = "Samira Okafor"  # found on the site's team page
    panel.research_button.click()
    assert panel.person is not None and panel.person.name == "Samira Okafor"
    panel.save_button.click()
    assert panel.message.kind == "ok", panel.message.text
    assert linkedin in panel.message.text
    [samira] = store.find_people(name="Samira Okafor")
    assert samira.profile_url == linkedin
    assert store.get(Person, samira.id).profile_url == linkedin
