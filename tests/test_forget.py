"""Forgetting a person everywhere the kit keeps them, on real files.

A store of the first schema version is upgraded (leaving a backup), a fixture person page
served on 127.0.0.1 is researched through the CLI and through the research panel's Save, a
batch runs, briefs, a report, vCards and an export are written; then the person is deleted.
No byte of their name may remain in the store, its log, the HTTP cache, kept batch results
or backups, and the exports listed as still naming them must be exactly those that do.
"""

from __future__ import annotations

import html
import json
import sqlite3
from pathlib import Path

import pytest
from mail_samples import at, calendar, event, mbox, message
from research_sites import SITES

from infoview.cli import main
from infoview.flows.plans import keep_plan, kept_plan
from infoview.models import CalendarEvent, MailMessage, Person, ResearchSnapshot
from infoview.paths import default_cache_path
from infoview.research.cachefile import CacheFile
from infoview.settings import Settings
from infoview.store import Store
from infoview.store.migrations import LATEST, upgrade

OLOF = "Ólöf Þórsdóttir-Wąsowska"
INGRID = "Ingrid Þórsdóttir-Wąsowska"  # shares her surname, and must keep everything


def _needles(name: str) -> list[bytes]:
    forms = {name, name.casefold(), name.upper()}
    return [f.encode(c) for f in forms for c in ("utf-8", "utf-16-le", "utf-16-be")]


def _holds(path: Path, name: str) -> bool:
    data = b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    return any(n in data for n in _needles(name))


def _names_in_text(path: Path, name: str) -> bool:
    """An oracle independent of the code under test: the file's text, entities resolved."""
    text = html.unescape(path.read_text(encoding="utf-8", errors="replace"))
    return name.casefold() in " ".join(text.split()).casefold()


def _first_version_store(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    upgrade(conn, target=1)
    rows = [(1, OLOF, "Vatnajökull Analytics", "olof@vatna.example", None),
            (2, INGRID, "Vatnajökull Analytics", "ingrid@vatna.example", None),
            (3, "Bob Marr", "Hydro Ltd", None,
             f"Met {OLOF} at the Arctic Circle forum; her colleague {INGRID} too.")]
    conn.executemany("INSERT INTO people (id, name, organization, email, notes, created_at) "
                     "VALUES (?, ?, ?, ?, ?, '2024-01-02T03:04:05.000000+00:00')", rows)
    conn.close()


def _cli(capsys, *argv: str) -> str:
    capsys.readouterr()
    status = main(list(argv))
    out = capsys.readouterr()
    assert status == 0, out.err
    return out.out


@pytest.fixture
def world(tmp_path, sites, capsys):
    """Everything the kit writes about the two people, from real runs."""
    from infoview.widgets.research import ResearchPanel

    server = sites.get("forget")
    db = tmp_path / "store.sqlite"
    out = tmp_path / "out"
    _first_version_store(db)
    olof_url, ingrid_url = server.url + "olof.html", server.url + "ingrid.html"
    base = ["--db", str(db)]
    # The CLI: research and save (the first open upgrades the store and backs it up).
    _cli(capsys, *base, "research", "person", olof_url, "--save", "--delay", "0")
    _cli(capsys, *base, "research", "person", ingrid_url, "--save", "--delay", "0")
    # Before the flows layer, 'research person --save' linked nobody: a snapshot an earlier
    # version left unlinked must be found too.
    with Store.open(db) as store:
        store.add(ResearchSnapshot(kind="person", source_url=olof_url,
                                   data={"url": olof_url, "name": OLOF},
                                   fetched_at="2024-05-06T07:08:09+00:00"))
    # The research notebook's panel: Save links the research to the person.
    with Store.open(db) as store:
        panel = ResearchPanel(store, settings=Settings(host_delay=0.0,
                                                       cache_path=default_cache_path(db)),
                              company_url=server.url, person_url=olof_url, background=False)
        panel.research()
        panel.save()
        assert panel.saved is not None and panel.saved.person.id == 1
    # Her mail and calendar, imported (with the text of her messages, as asked).
    mail = mbox(tmp_path / "mail.mbox", [
        message("Me <me@home.example>", f"{OLOF} <olof@vatna.example>", f"Coffee, {OLOF}?",
                at(4), "m1@home"),
        message(f"{OLOF} <olof@vatna.example>", "me@home.example", "Re: Coffee?", at(5),
                "o1@vatna", body=f"Gladly. {OLOF}, Vatnajökull\n"),
        message("Me <me@home.example>", "ingrid@vatna.example", "Hello Ingrid", at(6), "m2@home"),
    ])
    _cli(capsys, *base, "import-mail", str(mail), "--me", "me@home.example", "--bodies-for", "1")
    ics = tmp_path / "calendar.ics"
    ics.write_text(calendar([event("c1", ":20240308T100000Z", f"Coffee with {OLOF}"),
                             event("c2", ":20240309T100000Z", f"Call with {INGRID}")]),
                   encoding="utf-8")
    _cli(capsys, *base, "import-calendar", str(ics))
    urls = tmp_path / "people.txt"
    urls.write_text(f"{olof_url}\n{ingrid_url}\n", encoding="utf-8")
    batch = out / "batch.jsonl"
    _cli(capsys, *base, "research", "batch", str(urls), "--out", str(batch), "--kind",
         "person", "--delay", "0")
    _cli(capsys, *base, "prep", "--person", "1", "--format", "md,html", "--out", str(out))
    _cli(capsys, *base, "prep", "--person", "2", "--format", "md", "--out", str(out / "ingrid"))
    _cli(capsys, *base, "report", "--out", str(out / "report.html"))
    _cli(capsys, *base, "people", "export-vcard", str(out / "people.vcf"))
    _cli(capsys, *base, "db", "export", str(out / "dump"))
    # Plans being edited in the app: one for her, one typed for her before she was saved,
    # and one for Ingrid, which must stay.
    with Store.open(db) as store:
        keep_plan(store, 1, {"person": 1, "reason": "I read your post on glacier data"})
        keep_plan(store, None, {"new_name": OLOF, "new_organization": "Vatnajökull Analytics"})
        keep_plan(store, 2, {"person": 2, "reason": f"{INGRID} spoke at the forum"})
    return {"db": db, "out": out, "batch": batch, "olof_url": olof_url,
            "ingrid_url": ingrid_url, "cache": default_cache_path(db),
            "backup": db.with_name(db.name + ".bak-v1"), "team_url": server.url + "team.html"}


def test_show_all_lists_everything_held_with_dates(world, capsys):
    held = json.loads(_cli(capsys, "--db", str(world["db"]), "people", "show", "1", "--all",
                           "--json"))
    assert held["person"]["name"] == OLOF
    pages = {p["url"] for p in held["cached_pages"]}
    # Her page, and the gzip-sent team page that names her only through HTML entities.
    assert {world["olof_url"], world["team_url"]} <= pages
    assert world["ingrid_url"] not in pages
    assert all(p["fetched_at"] for p in held["cached_pages"])
    assert [r["url"] for r in held["kept_results"]] == [world["olof_url"]]
    snapshots = held["snapshots"]
    assert {s["linked"] for s in snapshots} == {True, False}  # linked saves, and the old unlinked one
    assert all(s["fetched_at"] for s in snapshots)
    written = [p for p in world["out"].rglob("*") if p.is_file()]
    naming = {str(p) for p in written if _names_in_text(p, OLOF)}
    assert {str(world["out"] / "people.vcf"), str(world["batch"])} <= naming
    assert {e["path"] for e in held["exports"]} == naming
    assert all(e["written_at"] for e in held["exports"])
    assert [b["path"] for b in held["backups"]] == [str(world["backup"])]
    assert {"table": "people", "id": 3, "field": "notes"} in held["mentions"]
    assert sorted(k["key"] for k in held["kept_plans"]) == ["prepare:1", "prepare:new"]
    text = _cli(capsys, "--db", str(world["db"]), "people", "show", "1", "--all")
    assert "cached web pages: " in text and world["olof_url"] in text


def test_delete_leaves_no_byte_of_the_name_and_lists_exactly_the_exports_naming_her(
        world, capsys):
    db, out = world["db"], world["out"]
    assert all(_holds(p, OLOF) for p in (db, world["cache"], world["backup"], world["batch"]))
    written = sorted(p for p in out.rglob("*") if p.is_file())
    naming = {str(p) for p in written if p != world["batch"] and _names_in_text(p, OLOF)}
    report = json.loads(_cli(capsys, "--db", str(db), "people", "delete", "1", "--yes",
                             "--json"))
    assert set(report["exports_left"]) == naming and naming
    assert report["backups_scrubbed"] == [str(world["backup"])]
    assert report["still_named_in"] == []
    assert report["kept_plans_removed"] == 2  # the plans for her and naming her went
    assert world["olof_url"] in report["cached_pages"]
    assert report["kept_results"] == [world["olof_url"]]
    for path in (db, world["cache"], world["backup"], world["batch"]):
        assert not _holds(path, OLOF), path
    assert not Path(f"{world['cache']}-wal").exists() or \
        Path(f"{world['cache']}-wal").stat().st_size == 0
    # The exports still name her (she was told); they were not touched.
    assert all(_names_in_text(Path(p), OLOF) for p in naming)

    assert report["deleted"]["mail_messages"] == 2 and report["deleted"]["calendar_events"] == 1

    # Ingrid, who shares her surname, keeps every record, page and result.
    with Store.open(db) as store:
        assert [p.name for p in store.list(Person)] == [INGRID, "Bob Marr"]
        assert kept_plan(store, 1) is None and kept_plan(store, None) is None
        assert kept_plan(store, 2).value["reason"] == f"{INGRID} spoke at the forum"
        assert [m.person_id for m in store.list(MailMessage)] == [2]
        assert [e.summary for e in store.list(CalendarEvent)] == [f"Call with {INGRID}"]
        assert store.get(Person, 3).notes == (
            f"Met [removed] at the Arctic Circle forum; her colleague {INGRID} too.")
        ingrid_snapshots = [s for s in store.list(ResearchSnapshot)
                            if s.data.get("name") == INGRID]
        assert len(ingrid_snapshots) == 1
    with CacheFile(world["cache"]) as cache:
        assert world["ingrid_url"] in {p.url for p in cache.pages()}
        assert [r.url for r in cache.results()] == [world["ingrid_url"]]
    lines = world["batch"].read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["name"] for line in lines] == [INGRID]
    with sqlite3.connect(world["backup"]) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1  # still a v1 backup
        assert [r[0] for r in conn.execute("SELECT name FROM people ORDER BY id")] == [
            INGRID, "Bob Marr"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST


def test_delete_with_exports_removes_the_files_naming_her_and_only_those(world, capsys):
    out, dump = world["out"], world["out"] / "dump"
    before = {p for p in out.rglob("*") if p.is_file()}
    naming = {p for p in before if p != world["batch"] and _names_in_text(p, OLOF)}
    in_dump = {p for p in before if p.parent == dump}
    assert naming & in_dump and naming - in_dump
    text = _cli(capsys, "--db", str(world["db"]), "people", "delete", "1", "--yes", "--exports")
    after = {p for p in out.rglob("*") if p.is_file()}
    # The db export folder stays whole, rewritten without her; other files naming her go.
    assert after == before - (naming - in_dump)
    assert not any(_names_in_text(p, OLOF) for p in after if p != world["batch"])
    assert all(f"removed export: {p}" in text for p in naming - in_dump)
    assert f"export folder rewritten without them (it can still be imported): {dump}" in text
    assert not [p for p in out.iterdir() if p.name.startswith(".infoview-forget-")]
    assert "Out of infoview's reach" in text
    with Store.open(world["db"]) as store:
        registry = {r[0] for r in store.execute("SELECT path FROM exports")}
        ids = [json.loads(r[0]) for r in store.execute("SELECT person_ids FROM exports")]
    assert not registry & {str(p) for p in naming - in_dump}
    assert all(1 not in i for i in ids)
    # ... and it imports into a new store: everyone but her, with what was held about them.
    fresh = world["db"].parent / "fresh.sqlite"
    _cli(capsys, "--db", str(fresh), "db", "import", str(dump))
    with Store.open(fresh) as store, Store.open(world["db"]) as kept:
        assert store.counts() == kept.counts()
        assert [p.name for p in store.list(Person)] == [p.name for p in kept.list(Person)]
    assert not _names_in_text(fresh, OLOF)


def test_cache_commands_stats_forget_and_clear(world, capsys):
    base = ["--db", str(world["db"]), "cache"]
    stats = json.loads(_cli(capsys, *base, "stats", "--json"))
    assert stats["pages"] >= 5 and stats["results"] == 2 and stats["oldest"]
    forgot = json.loads(_cli(capsys, *base, "forget", world["ingrid_url"], "--json"))
    assert forgot == {"pages": 1, "results": 1}
    assert not _holds(world["cache"], "Ingrid keeps the field stations")
    kept = json.loads(_cli(capsys, *base, "clear", "--older-than", "1", "--json"))
    assert kept == {"pages": 0, "results": 0}  # everything is minutes old
    cleared = json.loads(_cli(capsys, *base, "clear", "--json"))
    assert cleared["pages"] == stats["pages"] - 1 and cleared["results"] == 1
    assert json.loads(_cli(capsys, *base, "stats", "--json"))["pages"] == 0
    assert not _holds(world["cache"], OLOF)


def test_fixture_site_sends_the_team_page_compressed():
    assert (SITES / "forget" / "team.html").read_bytes()[:2] == b"\x1f\x8b"


def test_outcomes_panel_button_shows_what_is_held(world):
    from infoview.widgets.outcomes import OutcomesDashboard

    with Store.open(world["db"]) as store:
        panel = OutcomesDashboard(store, refresh=False).holdings
        panel.person.value = 1
        panel.show_button.click()
        assert panel.held is not None and panel.held.person.name == OLOF
        assert world["olof_url"] in panel.report.value
        assert html.escape(world["backup"].name) in panel.report.value
        assert "infoview people delete" not in panel.report.value + panel.message.text
        assert panel.delete_button.layout.display == ""  # deleting is a button away


def test_delete_keeps_the_company_home_page_and_its_research(world, capsys):
    report = json.loads(_cli(capsys, "--db", str(world["db"]), "people", "delete", "1", "--yes",
                             "--json"))
    home = world["olof_url"].rsplit("/", 1)[0] + "/"
    assert home not in report["cached_pages"]  # it does not name her
    with Store.open(world["db"]) as store:
        companies = [s for s in store.list(ResearchSnapshot) if s.kind == "company"]
        assert companies and all(s.person_id is None for s in companies)
        assert all(OLOF not in json.dumps(s.data, ensure_ascii=False) for s in companies)


def test_delete_leaves_no_page_in_the_cache_that_links_to_her_page_by_its_address(
        world, capsys):
    # Seen deleting a person in the app: the site's sitemap, kept in the cache, still
    # listed "/team/samira-okafor.html", her name spelt in her page's address.
    with CacheFile(world["cache"]) as cache:
        sitemaps = [p for p in cache.pages() if p.url.endswith("/sitemap.xml")]
    assert sitemaps and b"/olof.html" in sitemaps[0].body  # what the research kept
    _cli(capsys, "--db", str(world["db"]), "people", "delete", "1", "--yes")
    data = world["cache"].read_bytes()
    assert b"olof.html" not in data and b"olof" not in data.lower()
    with CacheFile(world["cache"]) as cache:
        urls = {p.url for p in cache.pages()}
    assert world["ingrid_url"] in urls and world["team_url"] not in urls
    assert world["olof_url"].rsplit("/", 1)[0] + "/" in urls  # the home page stays


def test_an_export_folder_that_cannot_be_rewritten_is_removed_whole(tmp_path, capsys):
    """An export folder whose JSON was edited by hand (no longer an infoview export) cannot
    be rewritten safely: it goes whole, and the command says so, rather than stay half."""
    db, dump = tmp_path / "store.sqlite", tmp_path / "dump"
    with Store.open(db) as store:
        store.add(Person(name=OLOF, organization="Kestrel Health Labs"))
        store.add(Person(name="Bob Marr"))
    _cli(capsys, "--db", str(db), "db", "export", str(dump))
    manifest = dump / "infoview-export.json"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        '"format": "infoview-export"', '"format": "edited"'), encoding="utf-8")
    text = _cli(capsys, "--db", str(db), "people", "delete", "1", "--yes", "--exports")
    assert f"export folder removed whole (it could not be rewritten safely): {dump}" in text
    assert not dump.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["store.sqlite"]  # no scratch store left
    with Store.open(db) as store:
        assert [p.name for p in store.list(Person)] == ["Bob Marr"]
        assert store.execute("SELECT path FROM exports") == []
