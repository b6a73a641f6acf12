"""The demo's organizations researched from the app's Research page, offline.

``infoview app --demo`` makes its store in one process and serves the app in another (the
Voila kernel), where the bundled sample site is served on another port. The demo's
organizations keep made-up ``.example`` addresses: Kestrel Health Labs, whose sample site
ships with infoview, is read from wherever that site is served in this run; the others are
left out in one line, not a failure each.
"""

from __future__ import annotations

import pytest

import infoview.demo.site as demo_site
from infoview.app import AppConfig, write_app_config
from infoview.demo.run import make_demo_store
from infoview.flows.batch_research import sites_to_read
from infoview.models import Organization
from infoview.store import Store
from infoview.widgets.app import App
from infoview.widgets.session import app_session

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    """The demo's store, made as ``infoview app --demo`` makes it (its own process's site)."""
    return make_demo_store(tmp_path_factory.mktemp("demo") / "demo.sqlite")


def test_the_demo_research_reads_the_sample_site_on_this_runs_port_and_names_the_rest_once(
        demo_store, tmp_path, monkeypatch):
    made_on = demo_site.sample_site()
    monkeypatch.setattr(demo_site, "_site", None)  # the app's kernel: a new process, a new port
    config = write_app_config(tmp_path / "app.json", AppConfig(
        store=str(demo_store), out_dir=str(tmp_path / "out"), demo=True, sample_site=True))
    session = app_session(config)
    served = demo_site.sample_site()
    assert served.url != made_on.url
    before = len(made_on.requests)
    app = App(session, background=False)
    batch = app.page("research").batch
    batch.fill_button.click()
    assert len(batch.sites.value.splitlines()) == 14
    batch.run_button.click()
    if batch._thread is not None:  # the app researches in a worker thread
        batch._thread.join(timeout=120)
    # One line for the thirteen made-up organizations, under the list; no row each.
    assert batch.error.text.count("\n") == 0
    assert "Left out Harbourline Energy, Meridian Civic Data, Lumen Robotics and 10 more" \
        in batch.error.text
    assert "sample organizations of the demo, with no real website to read" in batch.error.text
    assert [r.get("name") for r in batch.results] == ["Kestrel Health Labs"]
    assert "error" not in batch.results[0]
    assert "Kestrel Health Labs" in batch.table.value and "Not researched" not in batch.table.value
    assert batch.message.text.startswith("Done: 1 organization researched")
    assert served.requests and len(made_on.requests) == before  # read on this run's port
    batch.save_button.click()
    with Store.open(demo_store) as store:  # the made-up address stays: it works next run too
        kestrel = [o for o in store.list(Organization) if o.name == "Kestrel Health Labs"]
        assert [o.website for o in kestrel] == ["https://kestrel-health-labs.example"]
    session.store.close()


def test_the_demo_organizations_address_for_the_sample_site_is_the_one_the_app_reads(
        demo_store):
    with Store.open(demo_store) as store:
        websites = {o.name: o.website for o in store.list(Organization)}
    split = sites_to_read(list(websites.values()),
                          {demo_site.SAMPLE_SITE_HOST: "http://127.0.0.1:1/"})
    assert split.read == [(websites["Kestrel Health Labs"], "http://127.0.0.1:1/")]
    assert len(split.made_up) == 13


def test_made_up_addresses_are_left_out_and_real_ones_kept_in_order():
    split = sites_to_read(["https://a.example/", "https://www.northwind.com/",
                           "https://example/", "http://127.0.0.1:8000/"])
    assert split.made_up == ["https://a.example/", "https://example/"]
    assert split.read == [("https://www.northwind.com/", "https://www.northwind.com/"),
                          ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/")]


def test_a_page_on_the_sample_companys_made_up_address_is_the_same_page_served_here():
    split = sites_to_read([f"https://{demo_site.SAMPLE_SITE_HOST}/team/a.html?x=1",
                           f"https://{demo_site.SAMPLE_SITE_HOST}"],
                          {demo_site.SAMPLE_SITE_HOST: "http://127.0.0.1:5/"})
    assert [served for _typed, served in split.read] == ["http://127.0.0.1:5/team/a.html?x=1",
                                                        "http://127.0.0.1:5/"]


def test_the_demo_persons_organization_is_researched_from_the_sample_site_on_the_one_page(
        demo_store, tmp_path):
    # Choosing Samira fills the company field with Kestrel's made-up address: Research reads
    # the sample site; another made-up address is said under its field, nothing fetched.
    from infoview.models import Person
    from infoview.settings import Settings
    from infoview.widgets.research import ResearchPanel

    served = demo_site.sample_site()
    with Store.open(demo_store) as store:
        samira = next(p for p in store.list(Person) if p.name == "Samira Okafor")
        panel = ResearchPanel(store, settings=Settings(cache_path=tmp_path / "c.sqlite",
                                                       host_delay=0.0),
                              background=False,
                              stand_ins={demo_site.SAMPLE_SITE_HOST: served.url})
        panel.follow_person(samira.id)
        assert panel.company_url.value == "https://kestrel-health-labs.example"
        panel.person_name.value = ""
        panel.research()
        assert panel.company is not None and panel.company.name == "Kestrel Health Labs"
        assert panel.message.text.startswith("Done"), panel.message.text
        panel.company_url.value = "https://harbourline-energy.example"
        panel.research()
        assert panel.form["company_url"].error.text == (
            "https://harbourline-energy.example is an example address: one ending in "
            ".example belongs to no real website, so there is nothing to read. Type the "
            "organization's real website.")
        assert panel.message.text == "Not researched: see the address marked in red above."
