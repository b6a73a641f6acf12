"""A person typed by hand at the organization kept, written shorter or fuller ("Ana Ruiz,
Kestrel Health Labs" beside the "Ana Ruiz, Kestrel Health" kept), is the person already
stored: refused with what to do, as the same name at the same organization is, instead of
a second Ana at one organization. Namesakes at two organizations stay two. Real SQLite."""

from __future__ import annotations

import pytest

from infoview.errors import BadField
from infoview.flows.records import add_person, edit_person
from infoview.models import Person


def test_the_same_name_at_the_organization_written_fuller_is_refused(store):
    ana = add_person(store, name="Ana Ruiz", organization="Kestrel Health")
    with pytest.raises(BadField, match=r"Ana Ruiz \(Kestrel Health\) is already in your "
                                       "people with the same name and organization") as caught:
        add_person(store, name="ana ruiz", organization="Kestrel Health Labs, Inc.")
    assert caught.value.field == "name"
    assert [p.id for p in store.list(Person)] == [ana.id]


def test_namesakes_at_two_organizations_stay_two(store):
    add_person(store, name="Ana Ruiz", organization="Kestrel Health Labs")
    other = add_person(store, name="Ana Ruiz", organization="Kestrel Health Group")
    assert len(store.list(Person)) == 2
    with pytest.raises(BadField, match="same name and organization"):
        edit_person(store, other.id, organization="Kestrel Health Labs Ltd")


def test_deleting_a_person_finds_their_record_at_the_organization_written_fuller(store):
    """A duplicate kept before adding refused it (an import, an older version) is found by
    a delete, and named before it, like one at the same organization written alike."""
    from infoview.flows.forget import other_records_of
    from infoview.store.erase import delete_person

    ana = store.add(Person(name="Ana Ruiz", organization="Kestrel Health"))
    copy = store.add(Person(name="Ana Ruiz", organization="Kestrel Health Labs"))
    namesake = store.add(Person(name="Ana Ruiz", organization="Kestrel Capital"))
    assert [p.id for p in other_records_of(store, ana.saved_id)] == [copy.id]
    delete_person(store, ana.saved_id)
    assert [p.id for p in store.list(Person)] == [namesake.id]
