"""People extraction on the gold_people fixture site: team shapes found, customer quotes not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from infoview.research.extract import extract_people, parse_page

SITE = Path(__file__).parent / "fixtures" / "sites" / "gold_people"
GOLD = Path(__file__).parent.parent / "benchmarks" / "gold" / "people.json"


def _people(name: str) -> dict[str, str | None]:
    page = parse_page((SITE / name).read_bytes(), f"http://127.0.0.1/{name}")
    return {p.name: p.title for p in extract_people(page)}


def _gold(kind: str, name: str) -> list[dict]:
    return [p for p in json.loads(GOLD.read_text())[kind]
            if p["page"] == "gold_people" and p.get("file") == name]


@pytest.mark.parametrize("name", sorted(p.name for p in SITE.glob("*.html")))
def test_every_gold_person_is_listed_with_title_and_no_quote_author(name):
    found = _people(name)
    for person in _gold("people", name):
        assert found.get(person["name"]) == person["title"]
    for person in _gold("not_people", name):
        assert person["name"] not in found


def test_quote_in_a_sibling_box_and_first_person_prose_mark_testimonials():
    found = _people("customers.html")
    # quote two levels above the author, "I've tried ..." with no quote marks, a
    # testimonial picture: customers; a third-person bio beside a card: staff
    assert found == {"Gwendolyn Abernathy": "Account Manager"}
