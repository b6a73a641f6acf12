"""A store for the warm-paths tests: the fixture archive's people plus meetings, referrals,
past positions and research around one target, Kestrel Health Labs."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from linkedin_archive import archive_files, url, write_archive

from infoview.models import Affiliation, Meeting, Organization, Person, Referral, ResearchSnapshot
from infoview.store import Store
from infoview.store.archive_import import import_archive

T0 = datetime(2024, 10, 1, 9, tzinfo=UTC)


def kestrel_store(folder: Path) -> Store:
    """Open a store in ``folder`` holding the scene described in tests/test_warm.py."""
    store = Store.open(folder / "warm.sqlite")
    import_archive(store, write_archive(folder / "a1.zip", archive_files(1)))
    import_archive(store, write_archive(folder / "a2.zip", archive_files(2)))
    samira = store.add(Person(name="Samira Okafor", organization="kestrel health labs",
                              title="Head of Data"))
    store.add(Meeting(person_id=samira.id, starts_at=T0, status="held"))
    noor = store.add(Person(name="Noor Haddad", organization="Kestrel Health Labs Ltd.",
                            how_known="referral"))
    store.add(Referral(from_person_id=samira.id, to_person_id=noor.id, may_mention="yes"))
    theo = store.add(Person(name="Theo Brandt", organization="Granite Ledger",
                            how_known="colleague"))
    store.add(Affiliation(person_id=theo.id, organization="Kestrel Health Labs",
                          title="Analyst", source="research"))
    rui = store.add(Person(name="Rui Costa", organization="Orchard Learning"))
    store.add(ResearchSnapshot(kind="person", source_url="https://orchard.test/rui",
                               person_id=rui.id, fetched_at=T0,
                               data={"bio": "Before Orchard, Rui spent four years at "
                                            "KESTREL HEALTH LABS in Lyon."}))
    maria = store.find_people(profile_url=url("maria-garcia-kestrel"))[0]
    store.add(Affiliation(person_id=maria.id, organization="ENSAI", kind="school",
                          status="past", source="manual"))
    ola = store.add(Person(name="Ola Nordmann", organization="Kestrel Health Labs"))
    store.add(Affiliation(person_id=ola.id, organization="Bluefin Analytics", source="debrief"))
    store.add(Affiliation(person_id=samira.id, organization="Bluefin Analytics",
                          source="debrief"))
    store.add(Person(name="Vera Lind", organization="Tidewater Labs", how_known="friend"))
    store.add(Organization(name="Kestrel Health Labs", motivation=3, postings=1))
    store.add(Organization(name="Tidewater Labs", motivation=2))
    store.add(ResearchSnapshot(kind="company", source_url="https://kestrel.test/",
                               fetched_at=T0, data={"name": "Kestrel Health Labs", "people": [
                                   {"name": "Samira Okafor", "title": "Head of Data"},
                                   {"name": "Lee Park", "title": "CEO"}]}))
    return store
