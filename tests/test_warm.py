"""Warm paths into Kestrel Health Labs, on the scene of tests/helpers/warm_scene.py:

- Samira (met), Noor (suggested by Samira), Amara (moved there per the newer archive,
  answered a message), Kwame (accepted an invitation), Maria of Kestrel (a connection, same
  school as the user), Ola (cold, shares a former employer with Samira) work there now,
  under four spellings of the name;
- Theo (a colleague) worked there before, by research; Rui's researched bio mentions it;
- Lee Park is only listed on the company's researched pages;
- Maria of Tidewater, Vera (a friend at Tidewater) and the others have nothing to do with it.
"""

from __future__ import annotations

import json

import pytest
from warm_scene import kestrel_store

from infoview import analytics
from infoview.cli import main
from infoview.errors import BadInput
from infoview.flows.warm import paths_frame, read_network, warm_paths
from infoview.research.models import CompanyProfile, PersonMention


@pytest.fixture
def store(tmp_path):
    s = kestrel_store(tmp_path)
    yield s
    s.close()


def _by_name(paths):
    return {p.name: p for p in paths}


def test_everyone_linked_to_the_organization_is_listed_warmest_first(store):
    paths = warm_paths(store, "Kestrel Health Labs")
    names = [p.name for p in paths]
    assert names[:2] == ["Samira Okafor", "Noor Haddad"]
    assert set(names) == {"Samira Okafor", "Noor Haddad", "Amara Okafor", "Kwame Mensah",
                          "Maria Garcia", "Ola Nordmann", "Theo Brandt", "Rui Costa",
                          "Lee Park"}
    assert names[-1] == "Lee Park"  # cold: only on the company's pages
    assert [p.warmth for p in paths] == sorted((p.warmth for p in paths), reverse=True)
    maria = _by_name(paths)["Maria Garcia"]
    assert maria.organization == "Kestrel Health Labs"  # not her namesake at Tidewater


def test_each_path_says_how_and_through_whom(store):
    paths = _by_name(warm_paths(store, "Kestrel Health Labs"))
    assert (paths["Samira Okafor"].tie, paths["Samira Okafor"].relation) == ("met", "now")
    noor = paths["Noor Haddad"]
    assert (noor.tie, noor.via) == ("referred", "Samira Okafor")
    assert "Samira Okafor suggested them; you may mention their name" in noor.reasons
    amara = paths["Amara Okafor"]
    assert amara.tie == "replied" and "they replied to you on Fri 15 Mar 2024" in amara.reasons
    assert paths["Kwame Mensah"].tie == "replied"  # the invitation he accepted
    maria = paths["Maria Garcia"]
    assert maria.tie == "introduction" and maria.via == "Samira Okafor"
    assert "you both studied at ENSAI" in maria.reasons
    # a day as every page writes it, not "2023-06-01"
    assert any(r.startswith("LinkedIn connection since ") and "-" not in r
               for r in maria.reasons), maria.reasons
    ola = paths["Ola Nordmann"]
    assert "Samira Okafor, whom you met, also worked at Bluefin Analytics" in ola.reasons
    theo = paths["Theo Brandt"]
    assert theo.relation == "before"
    assert theo.reasons[0] == "worked at Kestrel Health Labs as Analyst (from research)"
    rui = paths["Rui Costa"]
    assert rui.relation == "mentioned"
    assert rui.reasons[0] == "their researched bio mentions Kestrel Health Labs"
    assert paths["Lee Park"].person_id is None and paths["Lee Park"].tie == "cold"
    # a name ending in s is not given a second s ("Kestrel Health Labs's pages")
    assert paths["Lee Park"].reasons == ["listed on the pages of Kestrel Health Labs; no tie yet"]


def test_a_former_employee_ranks_below_the_same_tie_today(store):
    paths = _by_name(warm_paths(store, "Kestrel Health Labs"))
    # Theo is a colleague (70) who left; Amara answered (65) and is there now.
    assert paths["Theo Brandt"].warmth < paths["Amara Okafor"].warmth
    # Amara's employer before the move is a warm path into Lumen Grid, as a former employee.
    lumen = _by_name(warm_paths(store, "Lumen Grid Analytics"))
    assert lumen["Amara Okafor"].relation == "before"
    assert lumen["Amara Okafor"].reasons[0].startswith("worked at Lumen Grid Analytics as "
                                                       "Senior Data Scientist")


@pytest.mark.parametrize("spelling", ["kestrel health labs", "KESTREL HEALTH LABS, INC.",
                                      "Kestrel Health Labs GmbH", "Késtrel Health Labs Ltd"])
def test_organization_names_match_without_case_accents_or_suffixes(store, spelling):
    paths = warm_paths(store, spelling)
    assert len(paths) == 9
    assert paths[0].reasons[0] == "works at Kestrel Health Labs as Head of Data"


def test_a_research_result_adds_the_people_on_its_pages(store):
    company = CompanyProfile(url="https://kestrel.test/", name="Kestrel Health Labs, Inc.",
                             people=[PersonMention(name="Ada Quinn", title="CTO",
                                                source_url="https://kestrel.test/team"),
                                     PersonMention(name="samira okafor", title="Head of Data",
                                                source_url="https://kestrel.test/team")])
    paths = _by_name(warm_paths(store, company))
    assert paths["Ada Quinn"].relation == "listed" and "Lee Park" not in paths
    assert len([p for p in paths.values() if p.name.casefold() == "samira okafor"]) == 1


def test_an_organization_nobody_is_linked_to_gives_an_empty_list(store):
    assert warm_paths(store, "Saltmarsh Games") == []
    with pytest.raises(BadInput):
        warm_paths(store, " , . ")


def test_one_network_answers_many_organizations(store):
    network = read_network(store)
    tidewater = warm_paths(store, "Tidewater Labs", network=network)
    assert {p.name for p in tidewater} == {"Maria Garcia", "Vera Lind"}
    assert _by_name(tidewater)["Vera Lind"].tie == "known"
    frame = paths_frame(tidewater)
    assert list(frame["name"]) == [p.name for p in tidewater]


def test_lamp_advocacy_counts_known_people_there_now_or_before(store):
    table = analytics.targets(store.frames()).set_index("name")
    # Kestrel: Samira (met), Noor (referred), Amara, Kwame and Maria (connections) work
    # there; Theo (a colleague) worked there. Ola and Rui are not known to the user.
    assert table.loc["Kestrel Health Labs", "advocates"] == 6
    assert table.loc["Tidewater Labs", "advocates"] == 2  # Maria of Tidewater, and Vera


def test_cli_warm_json_and_text(store, capsys):
    db = str(store.path)
    assert main(["--db", db, "warm", "Kestrel Health Labs", "--json", "--limit", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["name"] for d in data] == ["Samira Okafor", "Noor Haddad", "Amara Okafor"]
    assert set(data[0]) >= {"person_id", "name", "warmth", "tie", "via", "reasons"}
    assert main(["--db", db, "warm", "Kestrel Health Labs"]) == 0
    out = capsys.readouterr().out
    assert "[referred via Samira Okafor]" in out and "- Samira Okafor suggested them" in out
    assert main(["--db", db, "warm", "Kestrel", "--limit", "0"]) == 2
    assert "--limit must be at least 1" in capsys.readouterr().err


def test_research_panel_shows_warm_paths_for_the_researched_company(store):
    from infoview.widgets import ResearchPanel

    panel = ResearchPanel(store, background=False)
    assert panel.warm_paths == [] and "Research a company" in panel.warm.value
    panel.company = CompanyProfile(url="https://kestrel.test/", name="Kestrel Health Labs")
    panel._show()
    assert panel.warm_paths[0].name == "Samira Okafor"
    assert "Noor Haddad" in panel.warm.value and panel.tabs.titles[-1] == "Warm paths"


def test_warm_command_has_help(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["warm", "--help"])
    assert caught.value.code == 0
    assert "usage: infoview warm" in capsys.readouterr().out
