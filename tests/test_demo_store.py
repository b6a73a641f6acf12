"""The notebooks' throwaway store, filled with the sample research (fill_demo_store)."""

from __future__ import annotations

from research_sites import fast_settings

from infoview.demo.run import fill_demo_store
from infoview.models import Person
from infoview.store import Store


def test_the_sample_company_and_person_are_researched_with_one_fetcher(sites, tmp_path):
    # One fetcher for everything the fill fetches: one robots.txt, one per-host gate.
    server = sites.get()
    with Store.open(tmp_path / "demo.sqlite") as store:
        notes = fill_demo_store(store, company_url=server.url, settings=fast_settings(tmp_path))
        people = [p.name for p in store.list(Person)]
    assert server.requests.count("/robots.txt") == 1, server.requests
    assert "Samira Okafor" in people and any("meeting planned" in n for n in notes)
