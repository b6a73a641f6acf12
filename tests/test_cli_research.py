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
        "warnings": [],
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


def test_batch_writes_one_line_per_url(sites, db, tmp_path, capsys):
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
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{sites.get('opengraph_only').url}\n{sites.get('team_table').url}\n")
    out = tmp_path / "out.jsonl"
    assert main(["research", "batch", str(urls), "--out", str(out), "--workers", "0"]) == 2
    assert "--workers must be 1 to" in capsys.readouterr().err and not out.exists()
    assert main(["research", "batch", str(urls), "--out", str(out), "--delay", "0",
                 "--workers", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["done"] == 2
