"""The LAMP target list, against organizations and contacts ranked by hand."""

from __future__ import annotations

from datetime import date

import pytest
from _analytics_history import open_store, utc

from infoview import analytics
from infoview.errors import BadInput
from infoview.models import Meeting, Organization, Outreach, Person


@pytest.fixture()
def frames(tmp_path):
    store = open_store(tmp_path)
    for name, motivation, postings in [
        ("Kestrel Health Labs", 3, 1), ("Granite Ledger", 3, 2), ("Harbourline Energy", 2, 3),
        ("Orchard Learning", 3, 1), ("Saltmarsh Games", None, None), ("Tidewater Bank", 4, 0),
    ]:
        store.add(Organization(name=name, motivation=motivation, postings=postings))
    ana = store.add(Person(name="Ana", organization="kestrel health  LABS", how_known="friend"))
    cal = store.add(Person(name="Cal", organization="Orchard Learning", how_known="cold"))
    store.add(Person(name="Dee", organization="Orchard Learning", how_known="cold",
                     connected_on=date(2024, 1, 5), tags=["linkedin"]))  # a LinkedIn connection
    store.add(Person(name="Ben", organization="Granite Ledger", how_known="cold"))
    store.add(Outreach(person_id=ana.id, sent_at=utc(1)))
    store.add(Outreach(person_id=cal.id, sent_at=utc(1)))
    store.add(Meeting(person_id=ana.id, starts_at=utc(3), status="held"))
    yield store.frames()
    store.close()


def test_targets_sort_by_motivation_then_postings_then_advocacy(frames):
    table = analytics.targets(frames)
    # motivation 3: Granite (postings 2); Kestrel and Orchard (postings 1, both with an
    # advocate: name decides); Tidewater (4 capped to 3, postings 0); then Harbourline
    # (motivation 2); Saltmarsh (no scores) last
    assert list(table["name"]) == ["Granite Ledger", "Kestrel Health Labs", "Orchard Learning",
                                   "Tidewater Bank", "Harbourline Energy", "Saltmarsh Games"]
    assert list(table["rank"]) == [1, 2, 3, 4, 5, 6]
    assert list(table["batch"]) == [True] * 5 + [False]
    assert table.set_index("name").loc["Tidewater Bank", "motivation"] == 3


def test_advocacy_and_progress_match_organizations_case_insensitively(frames):
    table = analytics.targets(frames).set_index("name")
    # Ana (a friend, met) works at "kestrel health  LABS"; at Orchard only Dee, a LinkedIn
    # connection, counts as someone the user knows (Cal is a cold contact)
    kestrel = table.loc["Kestrel Health Labs", ["advocacy", "people_found", "contacted", "met"]]
    assert tuple(kestrel) == (True, 1, 1, 1)
    orchard = table.loc["Orchard Learning", ["advocates", "people_found", "contacted", "met"]]
    assert tuple(orchard) == (1, 2, 1, 0)
    assert not table.loc["Granite Ledger", "advocacy"]
    assert table.loc["Harbourline Energy", "people_found"] == 0


def test_targets_scale_and_batch_size_are_configurable(frames):
    table = analytics.targets(frames, motivation_scale=5, batch_size=2)
    assert table.iloc[0]["name"] == "Tidewater Bank"  # 4 of 5 now outranks the 3s
    assert table["batch"].sum() == 2
    with pytest.raises(BadInput):
        analytics.targets(frames, motivation_scale=0)


def test_an_organization_named_only_on_a_person_is_a_target(tmp_path):
    """Seen on Outcomes: Targets said "no organizations added yet" although Sam's record
    names Kestrel Health. An organization a person works at is one the user has; a
    spelling of a stored one ("Granite Ledger Ltd") is that one, never a second row."""
    store = open_store(tmp_path)
    sam = store.add(Person(name="Sam", organization="Kestrel Health", how_known="friend"))
    store.add(Person(name="Ida", organization="kestrel health", how_known="cold"))
    store.add(Person(name="Flo", organization="Freelance", how_known="cold"))  # no employer
    store.add(Meeting(person_id=sam.id, starts_at=utc(3), status="held"))
    only_people = analytics.targets(store.frames())
    assert list(only_people["name"]) == ["Kestrel Health"]
    row = only_people.iloc[0]
    assert (row["people_found"], row["met"], row["advocates"], row["motivation"]) == (2, 1, 1, 0)
    store.add(Organization(name="Granite Ledger", motivation=3, postings=1))
    store.add(Person(name="Ben", organization="Granite Ledger Ltd", how_known="cold"))
    both = analytics.targets(store.frames())
    assert list(both["name"]) == ["Granite Ledger", "Kestrel Health"]
    assert both.loc[0, "people_found"] == 1
    store.close()


def test_with_no_organization_at_all_the_targets_say_where_to_add_one(tmp_path):
    store = open_store(tmp_path)
    store.add(Person(name="Sam"))
    said = analytics.message(analytics.targets(store.frames()))
    store.close()
    assert "under People, Organizations" in said and "store" not in said
