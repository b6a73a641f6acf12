"""The parts of forgetting on their own: finding a name in stored bytes, cache pruning,
backups that cannot be scrubbed."""

from __future__ import annotations

import gzip
import zlib

import brotli

from infoview.flows.forget import backups_of, forget_person, what_is_held
from infoview.models import Action, Affiliation, Meeting, Person
from infoview.research.cachefile import CacheFile
from infoview.research.httpcache import HttpCache
from infoview.store import Store
from infoview.store.mentions import Mentions, people_named_in

NAME = "Zoë Ångström-Nakamura"


def test_a_name_is_found_compressed_encoded_escaped_or_folded_over_lines():
    found = Mentions(Person(name=NAME))
    page = f"<p>Talk by {NAME} today</p>".encode()
    assert found.in_bytes(gzip.compress(page))
    assert found.in_bytes(zlib.compress(page))
    assert found.in_bytes(zlib.compress(page)[2:-4])  # raw deflate
    assert found.in_bytes(brotli.compress(page))
    assert found.in_bytes(f"\ufeff<p>{NAME}</p>".encode("utf-16-le"))
    assert found.in_bytes(f"<p>{NAME}</p>".encode("latin-1"), "latin-1")  # the page's charset
    assert found.in_bytes(b"<h3>Zo&euml; &Aring;ngstr&ouml;m-Nakamura</h3>")
    assert found.in_bytes(b'{"name": "Zo\\u00eb \\u00c5ngstr\\u00f6m-Nakamura"}')
    assert found.in_bytes(f"NOTE:Met {NAME[:8]}\r\n {NAME[8:]} at a fair".encode())
    assert found("ZOË  ÅNGSTRÖM-NAKAMURA")
    assert not found("Ingrid Ångström-Nakamura")  # the surname alone is someone else
    assert not found("Zoë Ångström-Nakamurasson")


def test_people_named_in_text_need_their_whole_name():
    people = [Person(id=1, name=NAME), Person(id=2, name="Ann Lee"), Person(id=3, name="Lee")]
    assert people_named_in(f"{NAME} met Annie Leeds.", people) == [1]
    assert people_named_in("ann  LEE said", people) == [2, 3]


def _cache_with(path, pages):
    cache = HttpCache(path, 7)
    for url, body, encoding in pages:
        cache.put(url, final_url=url, status=200, content_type="text/html", encoding=encoding,
                  body=body, warnings=[])
    cache.close()


def test_a_compressed_or_utf16_cached_body_naming_them_is_deleted_and_zeroed(tmp_path):
    db = tmp_path / "s.sqlite"
    cache_path = db.with_name("s-http-cache.sqlite")
    _cache_with(cache_path, [
        ("http://a.test/gz", gzip.compress(f"<p>{NAME}</p>".encode()), "utf-8"),
        ("http://a.test/u16", f"<p>{NAME}</p>".encode("utf-16"), "utf-16"),
        ("http://a.test/other", b"<p>Someone else</p>", "utf-8"),
    ])
    assert NAME.encode("utf-16-le") in cache_path.read_bytes()  # closed: the log is merged
    with Store.open(db) as store:
        person = store.add(Person(name=NAME))
        report = forget_person(store, person.id)
    assert report.cached_pages == ["http://a.test/gz", "http://a.test/u16"]
    data = cache_path.read_bytes()
    assert NAME.encode("utf-16-le") not in data and NAME.encode() not in data
    with CacheFile(cache_path) as cache:
        assert [p.url for p in cache.pages()] == ["http://a.test/other"]


def test_a_backup_that_cannot_be_scrubbed_is_reported(tmp_path):
    db = tmp_path / "s.sqlite"
    with Store.open(db) as store:
        person = store.add(Person(name=NAME))
        bad = db.with_name(db.name + ".bak-v1")
        bad.write_bytes(b"not a database, but it says " + NAME.encode())
        assert backups_of(db) == [bad]
        report = forget_person(store, person.id)
    assert [p for p, _why in report.backups_failed] == [str(bad)]
    assert str(bad) in report.still_named_in


def test_what_is_held_says_what_each_record_is_with_its_day(tmp_path):
    with Store.open(tmp_path / "s.sqlite") as store:
        person = store.add(Person(name="Ana Ruiz", organization="Kestrel Health Labs"))
        meeting = store.add(Meeting(person_id=person.id, status="held",
                                    starts_at="2026-03-03T10:00:00+00:00"))
        store.add(Action(what="Send Ana the survey article", person_id=person.id,
                         meeting_id=meeting.id, due="2026-03-05T09:00:00+00:00"))
        store.add(Affiliation(person_id=person.id, organization="Orchard Learning"))
        held = what_is_held(store, person.saved_id)
    lines = held.lines()
    assert f"  meetings {meeting.id}, Tue 3 Mar 2026: held" in lines  # day_words
    assert any(line.endswith(": Send Ana the survey article") and ", Thu 5 Mar 2026" in line
               for line in lines)
    assert any(line.endswith(": Orchard Learning") for line in lines)  # past positions too


def test_people_show_writes_days_as_the_app_does_and_json_keeps_iso(tmp_path, capsys):
    import json
    from datetime import UTC, date, datetime

    from infoview.cli import main

    db = tmp_path / "s.sqlite"
    with Store.open(db) as store:
        store.add(Person(name="Ana Ruiz", connected_on=date(2026, 3, 5),
                         created_at=datetime(2026, 12, 3, 10, 0, tzinfo=UTC)))
    assert main(["--db", str(db), "people", "show", "1"]) == 0
    text = capsys.readouterr().out
    assert "connected_on: Thu 5 Mar 2026" in text and "created_at: Thu 3 Dec 2026" in text
    assert main(["--db", str(db), "people", "show", "1", "--all"]) == 0
    assert "Ana Ruiz (person 1, added Thu 3 Dec 2026)" in capsys.readouterr().out
    assert main(["--db", str(db), "people", "show", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["connected_on"] == "2026-03-05"
