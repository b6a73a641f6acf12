"""The research panel, driven like a user would: fill the fields, click, read, save."""

from __future__ import annotations

from datetime import date

import pytest

from infoview.demo.site import serve
from infoview.models import Organization, Person, ResearchSnapshot
from infoview.settings import Settings
from infoview.store import Store
from infoview.widgets.research import ResearchPanel
from infoview.widgets.session import SAMPLE_PERSON_PATH


@pytest.fixture(scope="module")
def site(sites):
    return sites.get()


@pytest.fixture
def settings(tmp_path):
    return Settings(host_delay=0.0, cache_path=tmp_path / "http-cache.sqlite")


def test_research_fills_every_tab_and_save_keeps_person_and_company(site, settings, tmp_path):
    store = Store.open(tmp_path / "s.sqlite")
    panel = ResearchPanel(store, settings=settings, background=False)
    panel.company_url.value = site.url
    panel.person_url.value = site.url + SAMPLE_PERSON_PATH
    assert panel.save_button.disabled
    panel.research_button.click()
    assert panel.message.kind in ("ok", "warning"), panel.message.text
    assert panel.company.name == "Kestrel Health Labs"
    assert "Kestrel Health Labs" in panel.overview.value
    assert "Samira Okafor" in panel.overview.value
    assert "Samira Okafor" in panel.people.value
    assert panel.news.value.count("<tr>") == len(panel.company.news) + 1
    assert site.url in panel.facts.value  # every fact names its page
    assert panel.progress.value == panel.progress.max and panel.progress.bar_style == "success"
    assert not panel.save_button.disabled

    panel.save_button.click()
    assert panel.message.kind == "ok", panel.message.text
    [org] = store.list(Organization)
    [person] = store.list(Person)
    assert org.name == "Kestrel Health Labs"
    assert (person.name, person.organization) == ("Samira Okafor", "Kestrel Health Labs")
    snapshots = store.list(ResearchSnapshot)
    assert sorted(s.kind for s in snapshots) == ["company", "person"]
    assert all(s.person_id == person.id and s.organization_id == org.id for s in snapshots)

    panel.save_button.click()  # saving twice keeps one person and one organization
    assert len(store.list(Person)) == 1 and len(store.list(Organization)) == 1


def test_news_days_are_said_as_on_every_other_page(site, settings):
    # The News tab said "2025-09-18" under "Date" and "Url" while the table of several
    # organizations, the brief and the dossier said "Thu 18 Sep 2025".
    from infoview.times import day_words

    panel = ResearchPanel(None, settings=settings, background=False)
    panel.company_url.value = site.url
    panel.research_button.click()
    dated = [n for n in panel.company.news if n.date]
    assert dated
    for item in dated:
        assert day_words(date.fromisoformat(str(item.date)[:10])) in panel.news.value
        assert f">{item.date}<" not in panel.news.value
    assert ">Url<" not in panel.news.value and ">Page<" in panel.news.value


def test_background_research_moves_the_progress_bar_and_finishes(site, settings):
    panel = ResearchPanel(None, settings=settings, company_url=site.url)
    panel.research()
    assert panel.research_button.disabled or not panel.busy
    panel.wait(timeout=60)
    assert not panel.busy
    assert panel.company is not None and panel.company.name == "Kestrel Health Labs"
    assert not panel.research_button.disabled
    assert panel.progress.value == panel.progress.max


def test_unreachable_site_shows_an_error_in_the_panel_not_a_traceback(settings):
    panel = ResearchPanel(None, settings=settings.with_(connect_timeout=1, page_deadline=3),
                          background=False)
    panel.company_url.value = "http://127.0.0.1:9/"  # nothing listens on the discard port
    panel.research_button.click()
    assert panel.message.kind == "error"
    assert "research" in panel.message.text
    assert panel.progress.bar_style == "danger"
    assert panel.save_button.disabled and not panel.research_button.disabled


def test_social_profile_is_kept_not_fetched_and_not_called_an_error(settings):
    panel = ResearchPanel(None, settings=settings, background=False,
                          person_url="https://www.linkedin.com/in/someone")
    panel.research_button.click()
    assert panel.message.kind == "warning"  # nothing else to research: says what to type
    assert panel.form["person_url"].error.kind == "info"
    assert "linkedin" in panel.form["person_url"].error.text.lower()


def test_empty_fields_ask_for_a_url_and_save_without_research_says_so(tmp_path):
    store = Store.open(tmp_path / "s.sqlite")
    panel = ResearchPanel(store, background=False)
    panel.research_button.click()
    assert panel.message.kind == "error" and "website" in panel.form["company_url"].error.text
    panel.save()
    assert panel.message.kind == "error" and "research" in panel.message.text.lower()
    assert store.list(Person) == []


def test_scraped_markup_is_shown_as_text(tmp_path, settings):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text(
        "<html><head><title>Acme &lt;script&gt;alert(1)&lt;/script&gt; Ltd</title>"
        '<meta name="description" content="&lt;img src=x onerror=alert(2)&gt;"></head>'
        "<body><p>hello</p></body></html>")
    with serve(tmp_path / "site") as server:
        panel = ResearchPanel(None, settings=settings, company_url=server.url, background=False)
        panel.research_button.click()
    assert "<script>" not in panel.overview.value
    assert "<img" not in panel.overview.value
    assert "&lt;script&gt;" in panel.overview.value


def test_second_research_comes_from_the_cache_unless_asked_to_fetch_again(settings):
    with serve() as server:
        panel = ResearchPanel(None, settings=settings, company_url=server.url, background=False)
        panel.research_button.click()
        first = len(server.requests)
        assert first > 1
        panel.research_button.click()
        assert len(server.requests) == first  # every page from the HTTP cache
        panel.fetch_again.value = True
        panel.research_button.click()
        assert len(server.requests) > first
        assert panel.company.name == "Kestrel Health Labs"


def test_saving_the_same_research_twice_stores_it_once(site, settings, tmp_path):
    store = Store.open(tmp_path / "s.sqlite")
    panel = ResearchPanel(store, settings=settings, background=False,
                          company_url=site.url, person_url=site.url + SAMPLE_PERSON_PATH)
    panel.research()
    panel.save_button.click()
    assert panel.save_button.disabled and "Next: prepare the meeting" in panel.message.text
    panel.save_button.click()
    assert len(store.list(ResearchSnapshot)) == 2 and "saved already" in panel.message.text
    panel.research()  # new results may be saved again
    assert not panel.save_button.disabled


def test_a_company_and_a_person_on_one_site_share_the_politeness_delay(tmp_path):
    from itertools import pairwise

    from hostile_server import Hostile

    delay = 0.4
    settings = Settings(host_delay=delay, use_cache=False, max_pages=2, page_deadline=5.0)
    with Hostile() as server:
        panel = ResearchPanel(None, settings=settings, background=False,
                              company_url=server.url, person_url=server.url + "team/jo")
        panel.research()
        log = list(server.log)
    paths = [path for _, path in log]
    assert paths.count("/robots.txt") == 1 and paths[-1] == "/team/jo", paths
    assert min(b - a for (a, _), (b, _) in pairwise(log)) >= delay - 0.02


def test_a_bad_or_unreachable_address_is_marked_under_its_own_field(settings):
    # Seen in the browser: "research: 'https://kestrel health' is not a valid web address"
    # under the progress bar, in the tool's words, not under the field that was wrong.
    panel = ResearchPanel(None, settings=settings.with_(connect_timeout=1, page_deadline=3),
                          background=False)
    panel.company_url.value = "kestrel health"
    panel.research_button.click()
    said = panel.form["company_url"].error.text
    assert "is not a website address" in said and not said.startswith("research")
    assert panel.form["person_url"].error.text == ""
    assert panel.message.kind == "error" and not panel.message.text.startswith("research:")
    assert "marked in red" in panel.message.text
    panel.company_url.value = "http://127.0.0.1:9/"  # nothing listens on the discard port
    panel.research_button.click()
    assert "could not be reached" in panel.form["company_url"].error.text
    panel.company_url.value = ""
    panel.person_url.value = "http://127.0.0.1:9/sam.html"
    panel.research_button.click()
    assert panel.form["company_url"].error.text == ""  # the last run's error went
    assert "could not be reached" in panel.form["person_url"].error.text


def test_the_overview_speaks_plainly_no_page_classes_or_keys(site, settings):
    # Seen in the browser: "Read as: home 50%, about 50%, team 100%" (how sure the page
    # classifier was) and a link labelled "annual_report" on the overview.
    panel = ResearchPanel(None, settings=settings, background=False)
    panel.company_url.value = site.url
    panel.research_button.click()
    shown = panel.overview.value
    assert "annual report" in shown and "annual_report" not in shown
    assert "Read as" not in shown and "%" not in shown


def test_warm_paths_say_how_warm_in_words_and_give_no_score_without_a_tie(tmp_path):
    from infoview.research.models import CompanyProfile, PersonMention

    store = Store.open(tmp_path / "s.sqlite")
    store.add(Person(name="Ada Berg", organization="Kestrel Health", how_known="friend"))
    panel = ResearchPanel(store, background=False)
    panel.company = CompanyProfile(name="Kestrel Health", url="https://kestrel.example",
                                   people=[PersonMention("Noor Haddad", "CTO",
                                                                         "https://kestrel.example/team")])
    panel._show()
    warm = panel.warm.value
    assert "How warm" in warm and "very warm" in warm  # a friend there
    assert "cold: no link yet" in warm  # only listed on the site: no tie at all
    assert ">10<" not in warm and ">85<" not in warm  # no score that reads as a grade


def test_an_address_typed_without_http_on_a_site_without_https_says_what_to_do(site, settings):
    # Seen in the browser: "127.0.0.1:PORT" (no http://) on a site without https said
    # "Https://127.0.0.1:... could not connect (_GuardedHTTPSPool(host=...): Max retries
    # exceeded ... SSLError(SSLEOFError(8, ...": a capitalised address and the library's repr.
    panel = ResearchPanel(None, settings=settings.with_(connect_timeout=2, page_deadline=5),
                          background=False)
    panel.company_url.value = site.url.removeprefix("http://").rstrip("/")
    panel.research_button.click()
    said = panel.form["company_url"].error.text
    assert said.startswith("https://127.0.0.1"), said
    assert "http://" in said and "secure" in said
    for jargon in ("Pool", "Max retries", "SSL", "Caused by", "Errno"):
        assert jargon not in said, said


def test_the_page_before_any_research_speaks_plain_words(tmp_path):
    # Seen in the browser by a new user: "enter a URL", "fetch again (ignore pages cached
    # in the last days)": words of the trade, not hers.
    store = Store.open(tmp_path / "s.sqlite")
    panel = ResearchPanel(store, background=False)
    said = " ".join([panel.overview.value, panel.fetch_again.description,
                     panel.research_button.tooltip or ""])
    assert "website address" in panel.overview.value
    for jargon in ("URL", "fetch", "Fetch", "cache", "extract"):
        assert jargon not in said, said


def test_several_organizations_researched_at_once_fill_a_table_and_save(sites, settings, tmp_path):
    # Maya's third step in the app: her organizations' sites researched while she makes
    # tea, a progress bar, a table of what each does, where, since when, who leads it and
    # its latest news; a site that cannot be read says so in its row, the others go on.
    from infoview.widgets.batchresearch import BatchResearch

    sample, team = sites.get(), sites.get("team_table")
    with Store.open(tmp_path / "s.sqlite") as store:
        store.add(Organization(name="Kestrel Health Labs", website=sample.url))
        store.add(Organization(name="No site yet"))
        panel = ResearchPanel(store, settings=settings, background=False)
        batch = panel.batch
        assert isinstance(batch, BatchResearch) and batch in panel.children
        batch.run_button.click()
        assert "one per line" in batch.error.text and batch.progress.layout.visibility == "hidden"
        batch.sites.value = "Kestrel Health\n"
        batch.run_button.click()
        assert "Line 1, Kestrel Health, is not a website address" in batch.error.text
        batch.fill_button.click()
        assert batch.sites.value == sample.url
        dead = "http://127.0.0.1:9/"
        batch.sites.value += f"\n{team.url}\n\n{dead}\n{sample.url}"
        batch.run_button.click()
        assert batch.error.text == ""
        assert batch.progress.max == 3 and batch.progress.value == 3
        assert len(batch.results) == 3
        table = batch.table.value
        for header in ("What it does", "Where", "Since", "Who leads it", "Latest news"):
            assert header in table
        assert "Kestrel Health Labs" in table
        # The row of the site that cannot be read says why in words, once: its address is
        # in the row already, the network's own words ("Connection refused") are left out.
        assert "Not researched: the site could not be reached." in table
        assert "Connection refused" not in table and "was not fetched" not in table
        assert "2 organizations researched, 1 could not be read" in batch.message.text
        assert not batch.save_button.disabled
        batch.save_button.click()
        assert batch.message.kind == "ok" and "Saved 2 organizations" in batch.message.text
        assert batch.save_button.disabled
        batch.save()  # a double click's second press, which reached the kernel
        assert "saved already" in batch.message.text
        assert len(store.list(ResearchSnapshot)) == 2
        assert len(store.list(Organization)) == 3  # Kestrel's research joined its record


def test_who_leads_an_organization_is_read_from_its_staff_titles():
    from infoview.flows.batch_research import overview_row
    from infoview.research.models import CompanyProfile, NewsItem, PersonMention

    profile = CompanyProfile(url="https://k.example/", name="Kestrel", location="Leeds",
                             founded="2014", summary="Care software.", people=[
                                 PersonMention(name="Ann Lee", title="Head of Design",
                                               source_url="", kind="staff"),
                                 PersonMention(name="Amira Osei", title="Chief Executive",
                                               source_url="", kind="staff"),
                                 PersonMention(name="Bo Chan", title="CEO of a customer",
                                               source_url="", kind="quoted")],
                             news=[NewsItem("Old news", "2021-01-02", ""),
                                   NewsItem("New ward app", "2024-05-06", "")])
    row = overview_row(profile.to_dict())
    assert row == {"organization": "Kestrel", "does": "Care software.", "where": "Leeds",
                   "since": "2014", "leads": "Amira Osei, Chief Executive",
                   "news": "New ward app (Mon 6 May 2024)"}


def test_a_bare_file_listing_is_not_saved_as_an_organization_named_by_its_server(
        sites, settings, tmp_path):
    # Seen by Maya in the browser: a site that is only a file server's listing of a folder
    # was saved as an organization called "Directory listing for /". Its row says why it
    # is not saved instead; the other site is saved as before.
    from infoview.widgets.batchresearch import BatchResearch

    folder = tmp_path / "bare"
    folder.mkdir()
    (folder / "notes.txt").write_text("minutes of the last meeting\n", encoding="utf-8")
    bare, sample = sites.get(folder), sites.get()
    with Store.open(tmp_path / "s.sqlite") as store:
        batch = BatchResearch(store, lambda _url: settings, background=False)
        batch.sites.value = f"{bare.url}\n{sample.url}"
        batch.run_button.click()
        table = batch.table.value
        assert "Directory listing" not in table
        assert "Not saved: its pages do not say whose site it is" in table
        assert "1 did not say whose site it is" in batch.message.text
        batch.save_button.click()
        names = [o.name for o in store.list(Organization)]
        assert names == ["Kestrel Health Labs"], names


def test_a_bare_file_listing_gives_no_organization_name(sites, tmp_path):
    from infoview.research import research_company

    folder = tmp_path / "bare"
    (folder / "docs").mkdir(parents=True)
    profile = research_company(sites.get(folder).url,
                               settings=Settings(host_delay=0.0, use_cache=False))
    assert profile.name is None


def test_several_organizations_researched_are_there_again_after_a_reload(sites, settings,
                                                                          tmp_path):
    # Seen by Maya: a reload of the page before Save them all lost the whole table (and the
    # list she typed). Both come back, and Save them all still saves them.
    from infoview.widgets.batchresearch import BatchResearch

    sample = sites.get()
    dead = "http://127.0.0.1:9/"
    with Store.open(tmp_path / "s.sqlite") as store:
        first = BatchResearch(store, lambda _url: settings, background=False)
        first.sites.value = "kestrel.example"  # typed, not yet researched
        assert BatchResearch(store, lambda _url: settings).sites.value == "kestrel.example"
        first.sites.value = f"{sample.url}\n{dead}"
        first.run_button.click()
        assert "Kestrel Health Labs" in first.table.value

        again = BatchResearch(store, lambda _url: settings, background=False)
        assert again.sites.value == f"{sample.url}\n{dead}"
        assert again.table.value == first.table.value
        assert "Picked up your research" in again.message.text and "not saved" in again.message.text
        assert not again.save_button.disabled
        again.save_button.click()
        assert [o.name for o in store.list(Organization)] == ["Kestrel Health Labs"]

        saved = BatchResearch(store, lambda _url: settings, background=False)
        assert saved.sites.value == f"{sample.url}\n{dead}"  # the list stays
        assert saved.table.value == "" and saved.save_button.disabled  # saved: not offered again


def test_research_of_several_not_yet_saved_that_names_someone_goes_when_they_are_forgotten(
        sites, settings, tmp_path):
    # Kept across a reload, the table names the people the sites list: what is held about
    # one of them says so in words, and forgetting them lets it go.
    from infoview.flows.batch_research import kept_batch
    from infoview.widgets.batchresearch import BatchResearch
    from infoview.widgets.records import PeoplePage

    with Store.open(tmp_path / "s.sqlite") as store:
        batch = BatchResearch(store, lambda _url: settings, background=False)
        batch.sites.value = sites.get().url
        batch.run_button.click()
        assert "Samira Okafor" in str(kept_batch(store).value)
        samira = store.add(Person(name="Samira Okafor", organization="Kestrel Health Labs"))
        page = PeoplePage(store, cache_path=tmp_path / "cache.sqlite")
        page.people.value = samira.id
        page.show_holdings()
        report = page.holdings.report.value
        assert "Research of several organizations that names them" in report
        assert "Plans you were editing" not in report
        page.deletions.ask("person", samira.id)
        page.deletions.confirm_button.click()
        assert kept_batch(store) is None


def test_a_site_that_does_not_say_whose_it_is_is_saved_under_the_name_she_types(
        sites, settings, tmp_path):
    # Seen in the app: researching a bare list of files and pressing Save stored the
    # research with no organization at all; the message only said "no name found". A box
    # beside the message asks whose site it is; Save refuses, saying what to type, until
    # she has typed it, then keeps the research with that organization.
    folder = tmp_path / "bare"
    folder.mkdir()
    (folder / "notes.txt").write_text("minutes of the last meeting\n", encoding="utf-8")
    with Store.open(tmp_path / "s.sqlite") as store:
        panel = ResearchPanel(store, settings=settings, background=False)
        assert panel.organization_name.layout.display == "none"
        panel.company_url.value = sites.get(folder).url
        panel.research_button.click()
        assert panel.company is not None and not panel.company.name
        assert panel.organization_name.layout.display != "none"
        assert panel.organization_name.value == ""
        assert "type the organization's name in the box" in panel.message.text

        panel.save_button.click()
        assert panel.message.kind == "error"
        assert "type the organization's name in the box" in panel.message.text
        assert store.list(ResearchSnapshot) == [] and store.list(Organization) == []
        assert not panel.save_button.disabled

        panel.organization_name.value = "  Wren   Trust "
        panel.save_button.click()
        assert panel.message.kind == "ok", panel.message.text
        [org] = store.list(Organization)
        assert org.name == "Wren Trust"
        [snapshot] = store.list(ResearchSnapshot)
        assert snapshot.organization_id == org.id
        assert panel.organization_name.layout.display == "none"


def test_a_site_that_names_itself_asks_for_no_name(site, settings):
    panel = ResearchPanel(None, settings=settings, company_url=site.url, background=False)
    panel.research_button.click()
    assert panel.company.name == "Kestrel Health Labs"
    assert panel.organization_name.layout.display == "none"
    assert "whose site" not in panel.message.text
