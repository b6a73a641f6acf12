"""`infoview research company|person|batch` against served fixture sites."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from research_sites import CONTRACT_KEYS

from infoview.cli import main


def test_research_help_from_a_real_process():
    done = subprocess.run([sys.executable, "-m", "infoview", "research", "--help"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert "usage: infoview research" in done.stdout and "company" in done.stdout


@pytest.mark.parametrize("command, mentions", [
    ("company", "--max-pages"), ("person", "never fetched"), ("batch", "--out"),
])
def test_help_of_each_research_command(command, mentions, capsys):
    with pytest.raises(SystemExit) as done:
        main(["research", command, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: infoview research {command}") and mentions in out


def test_company_json_prints_the_contract(sites, db, capsys):
    server = sites.get()
    assert main(["research", "company", server.url, "--json", "--delay", "0", "--no-cache"]) == 0
    data = json.loads(capsys.readouterr().out)
    # page_types: added by issue 12; documents: by issue 19
    assert set(data) == CONTRACT_KEYS | {"page_types", "documents"}
    assert data["name"] == "Kestrel Health Labs"
    assert {t["url"]: t["type"] for t in data["page_types"]}[server.url + "team.html"] == "team"
    assert {"name": "Samira Okafor", "title": "Senior UX Researcher",
            "source_url": server.url + "team.html", "kind": "staff"} in data["people"]


def test_company_summary_is_readable_and_save_keeps_a_snapshot(sites, db, capsys):
    from infoview.flows.research import latest_research
    from infoview.store import Store

    server = sites.get()
    assert main(["research", "company", server.url, "--delay", "0", "--save"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Kestrel Health Labs")
    assert "Samira Okafor, Senior UX Researcher" in out
    assert "Saved as research snapshot" in out
    with Store.open(db) as store:
        profile = latest_research(store, server.url)
    assert profile.name == "Kestrel Health Labs"


def test_max_pages_option_limits_requests(sites, db, capsys):
    server = sites.get("rich_jsonld")
    assert main(["research", "company", server.url, "--json", "--delay", "0", "--max-pages", "1"]) == 0
    assert len(json.loads(capsys.readouterr().out)["fetched"]) == 1
    assert [r for r in server.requests if r != "/robots.txt"] == ["/"]


def test_person_json(sites, db, capsys):
    server = sites.get()
    url = server.url + "team/samira-okafor.html"
    assert main(["research", "person", url, "--json", "--delay", "0"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "url": url, "name": "Samira Okafor", "title": "Senior UX Researcher",
        "organization": "Kestrel Health Labs", "location": "Bristol, UK",
        "bio": data["bio"], "links": {"linkedin": "https://www.linkedin.com/in/samira-okafor-example"},
        "warnings": [], "own_page": True,
    }


def test_linkedin_profile_is_refused_with_one_line_and_status_2(db, capsys):
    status = main(["research", "person", "https://www.linkedin.com/in/someone-example", "--json"])
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1 and "never fetches" in err


def test_bad_options_are_one_line_errors(db, capsys):
    assert main(["research", "company", "http://127.0.0.1:9/", "--max-pages", "0"]) == 2
    assert "--max-pages" in capsys.readouterr().err
    assert main(["research", "company", "ftp://files.example/"]) == 2
    assert "http" in capsys.readouterr().err


def _started(db) -> None:
    """The store $INFOVIEW_DB names, started (a batch run records its output there; it
    refuses a named store that is not there, as a typo)."""
    from infoview.store import Store

    Store.open(db).close()


def test_batch_writes_one_line_per_url(sites, db, tmp_path, capsys):
    _started(db)
    first, second = sites.get("opengraph_only"), sites.get("team_table")
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{first.url}\n{second.url}\n")
    out = tmp_path / "out.jsonl"
    assert main(["research", "batch", str(urls), "--out", str(out), "--delay", "0", "--json"]) == 0
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(line["name"] for line in lines) == ["Brightwater Ceramics",
                                                      "Northgate Community Credit Union"]
    summary = json.loads(capsys.readouterr().out)
    assert summary["done"] == 2 and summary["failed"] == 0


def test_batch_workers_sets_how_many_sites_run_at_once(sites, db, tmp_path, capsys):
    _started(db)
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{sites.get('opengraph_only').url}\n{sites.get('team_table').url}\n")
    out = tmp_path / "out.jsonl"
    assert main(["research", "batch", str(urls), "--out", str(out), "--workers", "0"]) == 2
    assert "--workers must be 1 to" in capsys.readouterr().err and not out.exists()
    assert main(["research", "batch", str(urls), "--out", str(out), "--delay", "0",
                 "--workers", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["done"] == 2


def test_company_text_names_what_the_annual_report_said(sites, db, capsys):
    """The text output shows what research read in the site's report, with its page, as the
    JSON's ``documents`` and the brief do: a reader of the text must not miss it."""
    server = sites.get()
    assert main(["research", "company", server.url, "--delay", "0", "--no-cache"]) == 0
    out = capsys.readouterr().out
    assert "\nFrom their reports\n" in out
    assert "46 employees in 2024" in out
    assert "(Annual report 2024, p. 3)" in out


def test_a_person_found_only_on_the_team_page_is_not_given_a_colleagues_bio(sites, db, capsys):
    """Owen has no page of his own: the team page lists him. Research must say who he is from
    that listing, not read the team page as a bio (it would give him the first card's bio and
    no name), and --save must keep him."""
    from infoview.models import Person
    from infoview.store import Store

    server = sites.get()
    code = main(["research", "person", "--name", "Owen Pritchard", "--site", server.url,
                 "--delay", "0", "--no-cache", "--json", "--save"])
    assert code == 0
    data = json.loads(capsys.readouterr().out.split("\nSaved as")[0])
    assert data["name"] == "Owen Pritchard"
    assert data["title"] == "Product Manager, Kestrel Watch"
    assert data["organization"] == "Kestrel Health Labs"
    assert not data["bio"]            # the team page's first bio is Imogen's, not his
    assert data["links"] == {}        # nor are the page's links his
    assert data["own_page"] is False  # nor is the page his
    with Store.open(db) as store:
        assert [(p.name, p.title) for p in store.list(Person)] == [
            ("Owen Pritchard", "Product Manager, Kestrel Watch")]


def test_saving_a_person_found_by_name_joins_the_person_asked_for(sites, db, tmp_path, capsys):
    """Maya's Sam Okafor came from her LinkedIn connections; his page calls him Samira.
    Finding "Sam Okafor" on Kestrel's site and saving it adds the research to him instead of
    making a second person."""
    from infoview.models import Person
    from infoview.store import Store

    connections = tmp_path / "Connections.csv"
    connections.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Sam,Okafor,https://www.linkedin.com/in/sam-okafor,,Kestrel Health Labs,"
        "Senior UX Researcher,12 Mar 2021\n", encoding="utf-8")
    assert main(["people", "import-linkedin", str(connections)]) == 0
    server = sites.get()
    assert main(["research", "person", "--name", "Sam Okafor", "--site", server.url,
                 "--delay", "0", "--no-cache", "--save"]) == 0
    out = capsys.readouterr().out
    assert "person 1 (Sam Okafor;" in out
    with Store.open(db) as store:
        people = store.list(Person)
        assert [p.name for p in people] == ["Sam Okafor"]
        assert people[0].location == "Bristol, UK"


@pytest.mark.parametrize("typed", ["Kestrel Health", "", "kestrel health labs ltd"])
def test_a_person_added_by_hand_gets_the_research_found_by_their_name(sites, db, capsys, typed):
    """Lena adds "Sam Okafor, Kestrel Health" by hand, then finds Sam on Kestrel's site (the
    page says Samira, of Kestrel Health Labs): the research joins her Sam, whatever shorter
    or fuller name of the company she typed; a second Sam Okafor elsewhere is left alone."""
    from infoview.models import Person
    from infoview.store import Store

    assert main(["people", "add", "--name", "Sam Okafor", "--organization", typed]) == 0
    assert main(["people", "add", "--name", "Sam Okafor", "--organization", "Heron Care"]) == 0
    server = sites.get()
    assert main(["research", "person", "--name", "Sam Okafor", "--site", server.url,
                 "--delay", "0", "--no-cache", "--save"]) == 0
    assert "person 1 (Sam Okafor;" in capsys.readouterr().out
    with Store.open(db) as store:
        people = store.list(Person)
        assert [p.name for p in people] == ["Sam Okafor", "Sam Okafor"]
        assert people[0].title == "Senior UX Researcher" and people[1].title is None


def test_two_people_found_on_the_same_team_page_stay_two_people(sites, db, capsys):
    """Tomasz and Owen have no pages of their own: the team page lists both. Saving each
    must keep two records: the team page is where they were found, not a profile of either
    (as a profile address it made Owen's research land on Tomasz's record)."""
    from infoview.models import Person
    from infoview.store import Store

    server = sites.get()
    for name in ("Tomasz Wojcik", "Owen Pritchard"):
        assert main(["research", "person", "--name", name, "--site", server.url,
                     "--delay", "0", "--save"]) == 0
    out = capsys.readouterr().out
    assert "person 2 (Owen Pritchard;" in out
    with Store.open(db) as store:
        people = store.list(Person)
    assert [(p.name, p.title, p.profile_url) for p in people] == [
        ("Tomasz Wójcik", "VP Engineering", None),
        ("Owen Pritchard", "Product Manager, Kestrel Watch", None)]


def test_finding_a_person_prints_what_went_wrong_with_the_search(sites, db, capsys):
    """A web search that does not answer (or two people matching the name) is a warning of
    the search itself: the JSON had it, the text output left it out."""
    import socket

    with socket.socket() as s:       # a port nothing listens on: the search cannot connect
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    server = sites.get()
    assert main(["research", "person", "--name", "Sam Okafor", "--site", server.url,
                 "--delay", "0", "--searxng", dead]) == 0
    out = capsys.readouterr().out
    assert "Web search (searxng) did not answer" in out


def _bare_site(sites, tmp_path):
    """A site that is only a file server's listing of a folder: no organization's name."""
    folder = tmp_path / "bare"
    folder.mkdir()
    (folder / "notes.txt").write_text("minutes of the last meeting\n", encoding="utf-8")
    return sites.get(folder)


def test_saving_a_site_that_does_not_say_whose_it_is_asks_for_organization(
        sites, db, tmp_path, capsys):
    # As the app's Save: research of a bare list of files is not kept without an
    # organization; the one line says what to pass, and nothing is saved.
    from infoview.models import Organization, ResearchSnapshot
    from infoview.store import Store

    server = _bare_site(sites, tmp_path)
    for extra in ([], ["--json"], ["--organization", "   "]):
        code = main(["research", "company", server.url, "--delay", "0", "--no-cache",
                     "--save", *extra])
        captured = capsys.readouterr()
        assert code == 2, captured
        err = captured.err.strip()
        assert "\n" not in err and "--organization NAME" in err and "Traceback" not in err
        assert "nothing was saved" in err and captured.out == ""
    with Store.open(db) as store:
        assert store.list(ResearchSnapshot) == [] and store.list(Organization) == []


def test_a_site_that_does_not_say_whose_it_is_is_saved_under_the_organization_given(
        sites, db, tmp_path, capsys):
    from infoview.models import Organization, ResearchSnapshot
    from infoview.store import Store

    server = _bare_site(sites, tmp_path)
    assert main(["research", "company", server.url, "--delay", "0", "--no-cache", "--save",
                 "--organization", "  Wren   Trust "]) == 0
    assert "organization 1 (Wren Trust)" in capsys.readouterr().out
    # A site that names itself keeps its own name: the option is for nameless sites only.
    assert main(["research", "company", sites.get().url, "--delay", "0", "--save",
                 "--organization", "Something Else"]) == 0
    capsys.readouterr()
    with Store.open(db) as store:
        orgs = {o.name: o.id for o in store.list(Organization)}
        assert sorted(orgs) == ["Kestrel Health Labs", "Wren Trust"]
        [wren] = store.list(ResearchSnapshot, source_url=server.url)
        assert wren.organization_id == orgs["Wren Trust"]
