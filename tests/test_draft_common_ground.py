"""A request says why this person (DOMAIN step 4): with no reason typed, the draft leads
with who suggested them (when they may be named), else the strongest common ground the
brief finds, and its checks say what to verify, or that nothing was found. Real SQLite
files, run through ``infoview draft``."""

from __future__ import annotations

import json

import prep_samples as s
import pytest

from infoview.cli import main
from infoview.models import Person, Referral, ResearchSnapshot, UserProfile
from infoview.store import Store


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "user.sqlite"
    monkeypatch.setenv("INFOVIEW_DB", str(path))
    return path


def _samira(store: Store, *, research: bool = True) -> int:
    samira = store.add(s.person(id=None))
    if research:
        store.add(ResearchSnapshot(kind="person", source_url=s.person_research().url,
                                   person_id=samira.id, data=s.person_research().to_dict(),
                                   fetched_at=s.NOW))
        store.add(ResearchSnapshot(kind="company", source_url=s.company().url,
                                   person_id=samira.id, data=s.company().to_dict(),
                                   fetched_at=s.NOW))
    return samira.id


def _draft(capsys, kind: str, person_id: int, *extra: str) -> dict:
    assert main(["draft", kind, "--person", str(person_id), "--narrow", "user research",
                 *extra, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def _opening(draft: dict) -> str:
    return draft["body"].split("\n")[2]


def _codes(draft: dict) -> list[str]:
    return [w["code"] for w in draft["warnings"]]


def test_with_no_reason_the_request_leads_with_the_strongest_common_ground(capsys, db):
    """Their bio names the user's school and former employer, their location the user's
    city, the company's pages the user's interest: the school in their own words leads."""
    with Store.open(db) as store:
        store.save_profile(s.profile())
        pid = _samira(store)
    draft = _draft(capsys, "request", pid)
    assert _opening(draft) == "I see University of Bristol in your background; I studied there too."
    assert "[why them" not in draft["body"]
    assert "no_connection_first" not in _codes(draft) and "placeholder" not in _codes(draft)
    check = next(w["message"] for w in draft["warnings"] if w["code"] == "ground_to_check")
    assert "their bio" in check and "studied psychology at the University of Bristol" in check


def test_the_ground_ranks_what_their_own_pages_show_before_the_company_pages(capsys, db):
    with Store.open(db) as store:
        store.save_profile(UserProfile(name="Alex Morgan", interests=["code club"],
                                       places=["Bristol"]))
        pid = _samira(store)
    # the company's pages mention Code Club; their own location is Bristol
    assert _opening(_draft(capsys, "request", pid)) == \
        "I see you are based in Bristol, a place I know well."


def test_a_former_employer_that_is_their_organization_needs_no_research(capsys, db):
    with Store.open(db) as store:
        store.save_profile(UserProfile(name="Alex Morgan", employers=["Kestrel Health Labs"]))
        pid = _samira(store, research=False)
    assert _opening(_draft(capsys, "request", pid)) == "Like you, I have worked at Kestrel Health Labs."


def test_someone_who_suggested_them_leads_when_they_may_be_named(capsys, db):
    with Store.open(db) as store:
        store.save_profile(s.profile())
        pid = _samira(store)
        tom = store.add(Person(name="Tom Reyes"))
        store.add(Referral(from_person_id=tom.id, to_person_id=pid, may_mention="yes"))
    draft = _draft(capsys, "request", pid)
    assert _opening(draft) == "Tom Reyes suggested I get in touch with you."
    assert draft["subject"] == "Tom Reyes suggested I contact you"
    assert "ground_to_check" not in _codes(draft)


def test_a_referrer_who_may_not_be_named_is_left_out_for_the_common_ground(capsys, db):
    with Store.open(db) as store:
        store.save_profile(s.profile())
        pid = _samira(store)
        tom = store.add(Person(name="Tom Reyes"))
        store.add(Referral(from_person_id=tom.id, to_person_id=pid, may_mention="no"))
    draft = _draft(capsys, "request", pid)
    assert "Tom" not in draft["body"] and "Tom" not in draft["subject"]
    assert "University of Bristol" in _opening(draft)
    assert "referrer_left_out" in _codes(draft) and "name_without_permission" not in _codes(draft)


def test_with_nothing_found_the_checks_say_so(capsys, db):
    with Store.open(db) as store:
        store.save_profile(UserProfile(name="Alex Morgan", schools=["Lund University"]))
        pid = _samira(store)
    draft = _draft(capsys, "request", pid)
    assert "[why them" in _opening(draft)
    message = next(w["message"] for w in draft["warnings"] if w["code"] == "no_reason")
    assert "no school, employer, place or interest you share" in message


def test_a_reason_typed_is_used_as_typed(capsys, db):
    with Store.open(db) as store:
        store.save_profile(s.profile())
        pid = _samira(store)
    draft = _draft(capsys, "request", pid, "--reason", "I heard your talk at UX Bristol")
    assert _opening(draft) == "I heard your talk at UX Bristol."
    assert not {"ground_to_check", "no_reason"} & set(_codes(draft))


def test_the_phone_script_and_an_intro_without_permission_use_the_ground_too(capsys, db):
    with Store.open(db) as store:
        store.save_profile(s.profile())
        pid = _samira(store)
    phone = _draft(capsys, "phone", pid)
    assert "I see University of Bristol in your background" in phone["body"]
    intro = _draft(capsys, "intro", pid, "--referrer", "Tom Reyes", "--may-mention", "unknown")
    assert "University of Bristol" in _opening(intro) and "Tom" not in intro["body"]


def test_checking_your_own_text_is_not_told_about_the_kits_opening(capsys, db, tmp_path):
    with Store.open(db) as store:
        store.save_profile(s.profile())
        pid = _samira(store)
    mine = tmp_path / "mine.txt"
    mine.write_text("Hi Samira,\nI read your piece on nurse-led research. Could we talk for "
                    "15 minutes, at a time that suits you? I am after advice.\n", encoding="utf-8")
    assert main(["draft", "request", "--person", str(pid), "--check", str(mine), "--json"]) == 0
    codes = _codes(json.loads(capsys.readouterr().out))
    assert not {"ground_to_check", "no_reason"} & set(codes)
