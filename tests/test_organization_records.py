"""People are grouped by the organization *record* their organization plainly is: Ana typed
"Kestrel Health Labs" before research kept "Kestrel Health" (or the other way round), and
every list that groups people by organization (warm paths, the target list, the dossier,
the LinkedIn import's "who works where") counts her there, while organizations that are
really two stay two. On real SQLite files, through the CLI where there is one."""

from __future__ import annotations

import json

import pytest
from cli_run import run

from infoview import analytics
from infoview.flows.dossier import build_dossier
from infoview.flows.linkedin_import import _known_at
from infoview.flows.records import add_organization
from infoview.models import Organization, Person
from infoview.store.matching import OrganizationIndex, match_organization


def _warm(capsys, store, target: str) -> list[str]:
    code, out, err = run(capsys, "--db", str(store.path), "warm", target, "--json")
    assert code == 0, err
    return sorted(p["name"] for p in json.loads(out))


@pytest.mark.parametrize(("typed", "kept"), [("Kestrel Health Labs", "Kestrel Health"),
                                             ("Kestrel Health", "Kestrel Health Labs")])
def test_a_name_typed_fuller_or_shorter_than_the_kept_one_is_that_organization(
        store, capsys, typed, kept):
    ana = store.add(Person(name="Ana Ruiz", organization=typed, how_known="friend"))
    store.add(Person(name="Sam Okafor", organization=kept, how_known="colleague"))
    store.add(Person(name="Lee Park", organization="Kestrel Capital"))  # another one
    add_organization(store, name=kept, website="https://kestrel.example")
    for target in (typed, kept):
        assert _warm(capsys, store, target) == ["Ana Ruiz", "Sam Okafor"]
    targets = analytics.targets(store.frames())
    row = targets.set_index("name").loc[kept]
    assert row["people_found"] == 2 and row["advocates"] == 2
    dossier = build_dossier(store, typed)
    assert dossier.name == kept
    assert sorted(p.name for p in dossier.met + dossier.known) == ["Ana Ruiz", "Sam Okafor"]
    assert _known_at(store)[1] == [(kept, ["Ana Ruiz", "Sam Okafor"])]
    # Ana's own words stay hers
    assert store.get(Person, ana.saved_id).organization == typed


def test_two_organizations_kept_apart_are_never_merged(store, capsys):
    store.add(Person(name="Ana Ruiz", organization="Kestrel Health Labs", how_known="friend"))
    store.add(Person(name="Bo Chen", organization="Kestrel Health Group", how_known="friend"))
    store.add(Person(name="Cy Diaz", organization="Kestrel Health", how_known="friend"))
    store.add(Organization(name="Kestrel Health Labs"))
    store.add(Organization(name="Kestrel Health Group"))
    # "Kestrel Health" could be either: a guess is not made, it stays a name of its own
    assert _warm(capsys, store, "Kestrel Health Labs") == ["Ana Ruiz"]
    assert _warm(capsys, store, "Kestrel Health Group") == ["Bo Chen"]
    assert _warm(capsys, store, "Kestrel Health") == ["Cy Diaz"]
    found = analytics.targets(store.frames()).set_index("name")["people_found"]
    # and in the targets it is a row of its own too (named on Cy, unscored), not a third
    # person at either kept one
    assert found.to_dict() == {"Kestrel Health Labs": 1, "Kestrel Health Group": 1,
                               "Kestrel Health": 1}


@pytest.mark.parametrize("name", ["Kestrel Health", "kestrel  health", "Kestrel Health Inc.",
                                  "Kestrel Health Labs", "Kestrel Health Labs GmbH",
                                  "The Kestrel Health", "Kestrel", "Kestrel Health Group",
                                  "Kestrel Capital", "", None])
def test_the_index_finds_the_record_match_organization_finds(name):
    for kept in (["Kestrel Health"], ["Kestrel Health Labs", "Kestrel Health Group"],
                 ["Kestrel Health Labs"]):
        records = [Organization(name=n, id=i) for i, n in enumerate(kept, 1)]
        expected = match_organization(records, name=name)
        got = OrganizationIndex(kept).record_name(name)
        assert got == (expected.name if expected else None), (name, kept)
