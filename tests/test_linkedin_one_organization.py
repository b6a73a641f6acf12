"""A LinkedIn export that writes a kept organization shorter or fuller ("Kestrel Health
Labs" for the "Kestrel Health" the user keeps) names the same organization: the person
has not moved (no past position, which warm paths would show as "worked there before"),
their organization stays as the user wrote it, and no second organization is added.
Two organizations really different stay two. Real SQLite store, a real CSV file."""

from __future__ import annotations

from pathlib import Path

from infoview.models import Affiliation, Organization, Person
from infoview.store import Store
from infoview.store.linkedin import import_linkedin

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _export(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "Connections.csv"
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_company_written_fuller_is_the_organization_kept_not_a_move(store: Store, tmp_path):
    ana = store.add(Person(name="Ana Ruiz", organization="Kestrel Health", title="Nurse"))
    store.add(Organization(name="Kestrel Health"))
    report = import_linkedin(store, _export(
        tmp_path, "Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz,,Kestrel Health Labs,"
                  "Nurse lead,1 Mar 2024"), add_organizations=True)
    assert report.updated == 1 and report.past_positions == 0
    assert store.list(Affiliation) == []
    kept = store.get(Person, ana.saved_id)
    assert kept.organization == "Kestrel Health" and kept.title == "Nurse lead"
    assert report.organizations_added == 0
    assert [o.name for o in store.list(Organization)] == ["Kestrel Health"]


def test_a_move_to_another_organization_is_still_a_past_position(store: Store, tmp_path):
    ana = store.add(Person(name="Ana Ruiz", organization="Kestrel Health Group",
                           profile_url="https://www.linkedin.com/in/ana-ruiz"))
    store.add(Organization(name="Kestrel Health Group"))
    report = import_linkedin(store, _export(
        tmp_path, "Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz,,Kestrel Health Labs,"
                  "Nurse lead,1 Mar 2024"), add_organizations=True)
    assert report.past_positions == 1
    assert [a.organization for a in store.list(Affiliation)] == ["Kestrel Health Group"]
    assert store.get(Person, ana.saved_id).organization == "Kestrel Health Labs"
    assert sorted(o.name for o in store.list(Organization)) == ["Kestrel Health Group",
                                                                "Kestrel Health Labs"]
