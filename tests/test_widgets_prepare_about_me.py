"""Prepare starts a new plan from what About me says: who the user is ("You are a") and the
role they are curious about, and says so beside the fields; what they typed, and a plan
kept from before, stay as they were."""

from __future__ import annotations

from infoview.flows.profile import save_profile
from infoview.flows.profile_prep import prep_defaults, role_from_exploring
from infoview.models import UserProfile
from infoview.widgets.prepare import PreparePanel

LENA = {"name": "Lena Fischer", "background": "Nurse for eight years on a cardiac ward",
        "exploring": "product roles in health tech"}


def test_about_me_says_who_she_is_and_the_role_she_explores():
    assert prep_defaults(UserProfile(**LENA)) == ("career_changer", "product manager")
    assert prep_defaults(UserProfile(headline="Computer science student",
                                     exploring="UX researcher jobs")) == ("student",
                                                                        "UX researcher")
    assert prep_defaults(UserProfile(background="I am changing careers")).audience == \
        "career_changer"
    # Nothing said, nothing guessed.
    assert prep_defaults(UserProfile()) == (None, None)
    assert role_from_exploring("something else") is None
    assert role_from_exploring("user research roles in digital health") == "user researcher"


def test_a_new_plan_starts_from_about_me_and_says_so(store, tmp_path):
    save_profile(store, **LENA)
    panel = PreparePanel(store, out_dir=tmp_path / "out")
    assert panel.audience.value == "career_changer"
    assert panel.role.value == "product manager"
    note = panel.about_me_note.value
    assert "<b>You are a</b> and <b>Role you are curious about</b> came from" in note
    assert "About me" in note
    panel.new_name.value = "Sam Okafor"
    panel.plan_button.click()  # the plan is made for what the fields now say
    assert panel.plan is not None and panel.plan.items


def test_what_she_typed_and_a_kept_plan_are_not_overwritten(store, tmp_path):
    panel = PreparePanel(store, out_dir=tmp_path / "out")
    assert panel.role.value == "" and panel.audience.value == "anyone"  # About me empty
    assert panel.about_me_note.value == ""
    panel.new_name.value = "Sam Okafor"
    panel.role.value = "data analyst"
    panel.audience.value = "student"
    panel.plan_button.click()  # a plan with questions is kept over a reload
    save_profile(store, **LENA)
    again = PreparePanel(store, out_dir=tmp_path / "out")  # the plan kept over a reload
    assert again.role.value == "data analyst"
    assert again.audience.value == "student"
    assert again.about_me_note.value == ""  # nothing on screen came from About me


def test_the_note_goes_once_she_changes_the_field(store, tmp_path):
    save_profile(store, **LENA)
    panel = PreparePanel(store, out_dir=tmp_path / "out")
    panel.role.value = "clinical product specialist"
    assert "<b>You are a</b> came from" in panel.about_me_note.value
    assert "Role you are curious about" not in panel.about_me_note.value
    panel.audience.value = "anyone"
    assert panel.about_me_note.value == ""
