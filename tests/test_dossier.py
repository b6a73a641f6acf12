"""The organization dossier: gathered from a real SQLite store, written as Markdown, HTML
and PDF, with scraped and user text made inert in each."""

from __future__ import annotations

import re
from datetime import date

import pytest
from _analytics_history import NOW, open_store, small_history, utc

from infoview.cli import main
from infoview.errors import NotFound
from infoview.flows.dossier import build_dossier
from infoview.models import (
    Insight,
    Meeting,
    Organization,
    Outcome,
    Person,
    QuestionAsked,
    ResearchSnapshot,
)
from infoview.prep.dossier import export_dossier, render_dossier
from infoview.store.exports import exports_naming, list_exports

HOSTILE = "<script>alert(1)</script> **bold** [x](javascript:alert(1))"


@pytest.fixture()
def store(store):
    ids = small_history(store)
    kestrel = store.add(
        Organization(
            name="Kestrel Health Labs",
            website="https://kestrel.example",
            industry="digital health",
            location="Bristol",
        )
    )
    # a second person there, spelled with other case and spacing, met and with a hostile note
    zoe = store.add(
        Person(name="Zoë Ángel", organization="kestrel  health LABS", title="Data Lead")
    )
    m = store.add(Meeting(person_id=zoe.id, starts_at=utc(5, 9), status="held", rapport=4))
    store.add(Insight(meeting_id=m.id, text=HOSTILE, tags=["<b>tag</b>"]))
    store.add(
        QuestionAsked(
            meeting_id=m.id,
            text="What is hard here?",
            usefulness=5,
            answer_notes="Procurement takes months",
        )
    )
    store.add(
        QuestionAsked(
            meeting_id=m.id,
            text="Who else?",
            category="closing",
            usefulness=5,
            answer_notes="Ask Eve",
        )
    )
    store.add(QuestionAsked(meeting_id=m.id, text="Lunch?", usefulness=2, answer_notes="Canteen"))
    store.add(
        ResearchSnapshot(
            kind="company",
            source_url="https://kestrel.example/",
            fetched_at=utc(1),
            organization_id=kestrel.id,
            data={
                "name": "Kestrel Health Labs",
                "summary": "Clinic software & <i>data</i>.",
                "news": [
                    {
                        "title": "Kestrel opens Leeds office",
                        "date": "2026-02-10",
                        "url": "https://kestrel.example/news/leeds",
                    },
                    {"title": HOSTILE, "date": None, "url": "javascript:alert(2)"},
                ],
            },
        )
    )
    # older research of the same page: its news item appears once
    store.add(
        ResearchSnapshot(
            kind="company",
            source_url="https://kestrel.example/",
            fetched_at=utc(1, month=1),
            data={
                "name": "Kestrel Health Labs",
                "summary": "Old summary",
                "news": [
                    {
                        "title": "Kestrel opens Leeds office",
                        "date": "2026-02-10",
                        "url": "https://kestrel.example/news/leeds",
                    }
                ],
            },
        )
    )
    store.add(
        Outcome(
            kind="interview",
            date=date(2026, 3, 20),
            organization_id=kestrel.id,
            notes="Junior researcher",
        )
    )
    store.ids = {**ids, "zoe": zoe.id, "kestrel": kestrel.id}
    return store


def test_dossier_gathers_what_was_learned_with_who_and_when(store):
    d = build_dossier(store, "KESTREL health labs", now=NOW)
    assert (d.name, d.website, d.industry) == (
        "Kestrel Health Labs",
        "https://kestrel.example",
        "digital health",
    )
    learned = [(x.when, x.who, x.text) for x in d.learned]
    # newest meeting first; Ana (03-03) said two things; Zoë (03-05) an insight and an answer
    assert learned == [
        (date(2026, 3, 5), "Zoë Ángel", HOSTILE),
        (date(2026, 3, 5), "Zoë Ángel", "Procurement takes months"),
        (date(2026, 3, 3), "Ana Ruiz", "Referrals fill most junior roles"),
        (date(2026, 3, 3), "Ana Ruiz", "Learn the health data standards"),
    ]
    assert [(p.name, p.met_on) for p in d.met] == [
        ("Ana Ruiz", [date(2026, 3, 3)]),
        ("Zoë Ángel", [date(2026, 3, 5)]),
    ]
    assert [p.name for p in d.known] == ["Eve Lund"]  # scheduled, not met yet
    assert [n.title for n in d.news] == ["Kestrel opens Leeds office", HOSTILE]
    assert (
        d.summary == "Clinic software & <i>data</i>."
        and d.summary_source == "https://kestrel.example/"
    )
    # Ana's application (her meeting, no organization named) and the interview at Kestrel
    assert [(o["kind"], o["date"]) for o in d.outcomes] == [
        ("application", date(2026, 3, 8)),
        ("interview", date(2026, 3, 20)),
    ]


def test_organization_by_id_or_only_named_by_people(store):
    assert build_dossier(store, str(store.ids["kestrel"])).name == "Kestrel Health Labs"
    orchard = build_dossier(store, "orchard learning")  # no organization record: two people there
    assert orchard.name == "Orchard Learning" and orchard.met == [] and len(orchard.known) == 2
    with pytest.raises(NotFound, match="nothing is stored about 'Nowhere Ltd'"):
        build_dossier(store, "Nowhere Ltd")
    with pytest.raises(NotFound, match="no organization with id 999"):
        build_dossier(store, "999")


def test_html_escapes_scraped_and_user_text_and_drops_unsafe_links(store):
    html = render_dossier(build_dossier(store, "Kestrel Health Labs", now=NOW), "html")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in html.replace("[x](javascript:alert(1))", "")
    assert "&lt;i&gt;data&lt;/i&gt;" in html and "&lt;b&gt;tag&lt;/b&gt;" in html
    assert (
        '<a class="address" href="https://kestrel.example/news/leeds">Kestrel opens Leeds office</a>'
        in html
    )
    assert "(https://kestrel.example/news/leeds)" not in html  # the address is for print only
    assert "Zoë Ángel" in html and "met Thu 5 Mar 2026" in html and "2026-03-05" not in html
    assert "Content-Security-Policy" in html


def test_markdown_escapes_markup_and_keeps_safe_links(store):
    md = render_dossier(build_dossier(store, "Kestrel Health Labs", now=NOW), "md")
    assert md.startswith("# Dossier: Kestrel Health Labs\n")
    assert r"\*\*bold\*\*" in md and r"\<script\>" in md
    # the brackets are escaped, so no link forms; the news item's javascript: URL is text
    assert re.search(r"(?<!\\)\]\(<?javascript", md) is None and r"\[x\](javascript" in md
    assert "[Kestrel opens Leeds office](<https://kestrel.example/news/leeds>)" in md
    assert "- Tue 3 Mar 2026, Ana Ruiz: Referrals fill most junior roles" in md
    assert "- Fri 20 Mar 2026: interview: Junior researcher" in md
    assert "Ask Eve" not in md and "Canteen" not in md  # closing pair and low scores left out


def test_pdf_holds_the_dossier_text(store, tmp_path):
    pytest.importorskip("weasyprint")
    from pypdf import PdfReader

    path = export_dossier(
        build_dossier(store, "Kestrel Health Labs", now=NOW), tmp_path / "out", "pdf"
    )
    assert path.name == "dossier-kestrel-health-labs-2026-03-10.pdf"
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Procurement takes months" in text and "Kestrel opens Leeds office" in text
    # paper cannot be clicked: each news link prints its address after its title
    assert "Kestrel opens Leeds office (https://kestrel.example/news/leeds)" in " ".join(
        text.split()
    )
    # and so does the summary's source
    assert "(source) (https://kestrel.example/)" in " ".join(text.split())


def test_an_exported_dossier_is_recorded_with_the_people_it_names(store, tmp_path):
    # Deleting one of them must be able to list the file (the exports registry).
    path = export_dossier(build_dossier(store, "Kestrel Health Labs", now=NOW),
                          tmp_path / "out", "md", store=store)
    [entry] = [e for e in list_exports(store) if e.path == path.resolve()]
    named = {store.get(Person, i).name for i in entry.person_ids}
    assert entry.kind == "dossier" and "Ana Ruiz" in named
    ana = next(p for p in store.list(Person) if p.name == "Ana Ruiz")
    assert path.resolve() in {e.path for e in exports_naming(store, ana)}


def test_cli_writes_each_format_and_reports_as_json(store, tmp_path, capsys):
    db = str(store.path)
    out = tmp_path / "dossiers"
    assert (
        main(
            [
                "--db",
                db,
                "dossier",
                "Kestrel Health Labs",
                "--format",
                "md,html",
                "--out",
                str(out),
                "--json",
            ]
        )
        == 0
    )
    import json

    printed = json.loads(capsys.readouterr().out)
    assert [p.rsplit(".", 1)[1] for p in printed["files"]] == ["md", "html"]
    assert printed["dossier"]["name"] == "Kestrel Health Labs"
    assert (
        "Referrals fill most junior roles"
        in (out / printed["files"][0].rsplit("/", 1)[1]).read_text()
    )


@pytest.mark.parametrize(
    "argv, words",
    [
        (["dossier", "Nowhere Ltd"], "nothing is stored about"),
        (["dossier", "Kestrel Health Labs", "--format", "docx"], "unknown format docx"),
        (
            ["dossier", "Kestrel Health Labs", "--format", "md,html", "--out", "one.md"],
            "give a folder",
        ),
    ],
)
def test_cli_mistakes_are_one_line_and_status_2(store, capsys, argv, words, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["--db", str(store.path), *argv]) == 2
    err = capsys.readouterr().err
    assert words in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_people_and_research_match_by_the_warm_paths_rule(tmp_path):
    # accents, punctuation and legal suffixes, as well as case and spacing (org_key)
    with open_store(tmp_path, "orgs.sqlite") as store:
        store.add(Organization(name="Café Lumière GmbH"))
        one = store.add(Person(name="Ana Ruiz", organization="Cafe Lumiere"))
        two = store.add(Person(name="Ben Okoro", organization="café lumière, Inc."))
        store.add(Person(name="Cal Moss", organization="Café Lumière Bakery"))
        for person in (one, two):
            store.add(Meeting(person_id=person.id, starts_at=utc(3, 10), status="held"))
        dossier = build_dossier(store, "CAFE LUMIERE")
    assert dossier.name == "Café Lumière GmbH"
    assert sorted(p.name for p in dossier.met) == ["Ana Ruiz", "Ben Okoro"]
    assert [p.name for p in dossier.known] == []
