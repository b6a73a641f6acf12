"""Lena typed "Sam Okafor, Kestrel Health" by hand; the site calls itself Kestrel Health
Labs. Saving research on Sam in the app keeps her words on Sam, keeps the organization
under them too, and every page sees one organization: the dossier and warm paths, asked
by either name. A real SQLite file and the sample site served on 127.0.0.1."""

from __future__ import annotations

from infoview.flows.dossier import build_dossier
from infoview.flows.warm import warm_paths
from infoview.models import Organization, Person, ResearchSnapshot
from infoview.settings import Settings
from infoview.store import Store
from infoview.widgets.app import App
from infoview.widgets.session import SAMPLE_PERSON_PATH, NotebookSession


def test_research_on_sam_keeps_the_organization_lena_typed(sites, tmp_path):
    site = sites.get()
    with Store.open(tmp_path / "lena.sqlite") as store:
        sam = store.add(Person(name="Sam Okafor", organization="Kestrel Health"))
        session = NotebookSession(store=store, db_path=store.path, out_dir=tmp_path / "out",
                                  settings=Settings(host_delay=0.0,
                                                    cache_path=tmp_path / "cache.sqlite"),
                                  demo=False)
        app = App(session, background=False)
        app.choose(person_id=sam.id)
        panel = app.page("research")
        panel.background = False  # research inside the click, as the kernel's thread would
        panel.company_url.value = site.url
        panel.person_url.value = site.url + SAMPLE_PERSON_PATH
        panel.research_button.click()
        assert panel.company.name == "Kestrel Health Labs"
        panel.save_button.click()
        assert panel.message.kind == "ok", panel.message.text
        [person] = store.list(Person)
        [org] = store.list(Organization)
        assert (person.id, person.organization) == (sam.id, "Kestrel Health")
        assert org.name == "Kestrel Health" and org.website
        assert {s.organization_id for s in store.list(ResearchSnapshot)} == {org.id}
        for asked in ("Kestrel Health", "Kestrel Health Labs"):
            dossier = build_dossier(store, asked)
            assert dossier.name == "Kestrel Health"
            assert [p.name for p in dossier.met + dossier.known] == ["Sam Okafor"]
            assert any("Kestrel raises" in n.title for n in dossier.news)
            paths = warm_paths(store, asked)
            found = [(p.person_id, p.relation) for p in paths if p.name == "Sam Okafor"]
            assert found == [(sam.id, "now")], [(p.name, p.relation) for p in paths]
        # the research panel's own warm paths (the company researched) find him too
        paths = warm_paths(store, panel.company)
        assert [(p.person_id, p.relation) for p in paths if p.person_id] == [(sam.id, "now")], \
            [(p.name, p.relation, p.warmth) for p in paths]
