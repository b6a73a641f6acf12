"""A draft's warning that a field of the app fixes names that field, in the page's words.

Lena reads "Unfilled placeholder '[your name]'" and does not know where her name goes; each
such warning now ends "Fill in “...” above" (or "on About me", "of this person on the People
page"), and filling that field in and drafting again makes the warning go away.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, timedelta

import pytest

from infoview.flows.meetings import save_meeting_plan
from infoview.flows.profile import save_profile
from infoview.flows.records import edit_person
from infoview.models import Meeting, Person, UserProfile
from infoview.prep.checks import CODE_GAPS, PLACEHOLDER_GAPS, gaps
from infoview.prep.outreach import request
from infoview.questions.models import PlanItem, QuestionPlan
from infoview.widgets.debrief import DebriefForm
from infoview.widgets.prepare import DRAFT_KINDS, PreparePanel

#: The checks that only a field's value can satisfy in a draft the kit wrote.
_FIELD_CODES = {"placeholder", "profile_missing", *CODE_GAPS}


def _shown(warnings_html: str) -> list[str]:
    """Each warning's sentence as the user reads it (hover text included: there is none)."""
    assert "title=" not in warnings_html, warnings_html  # no check's code on hover
    return [html.unescape(re.sub(r"<[^>]+>", "", text))
            for text in re.findall(r"<li>(.*?)</li>", warnings_html)]


def _hints(warnings_html: str) -> list[str]:
    """Where each warning sends the user, from its "Fill in" (or ": fill in") on."""
    hints = []
    for text in _shown(warnings_html):
        if "ill in “" in text:
            hint = text[text.index("ill in “") - 1:]
            hints.append(hint[0].upper() + hint[1:])
    return hints


@pytest.fixture
def panel(store, tmp_path):
    store.add(Person(name="Samira Okafor", organization="Kestrel Health Labs"))
    panel = PreparePanel(store, out_dir=tmp_path / "out", role="UX researcher")
    panel.person.value = 1
    return panel


def _draft(panel, kind: str) -> str:
    panel.draft_kind.value = kind
    panel.draft_button.click()
    assert panel.draft is not None, panel.draft_message.text
    return panel.draft_warnings.value


@pytest.mark.parametrize("kind", [k for _label, k in DRAFT_KINDS])
def test_every_warning_a_field_fixes_names_it_on_the_prepare_page(panel, kind):
    """With nothing filled in, each kind of draft the page offers: a warning about a missing
    fact always says where to fill it, and never twice for one fact."""
    said = _draft(panel, kind)
    shown = _shown(said)
    assert shown
    codes = [x.code for x in panel.draft.warnings]
    assert not [code for code in codes if "_" in code and code in said]  # words, not codes
    for code, text in zip(codes, shown, strict=True):
        if code in _FIELD_CODES:
            assert "ill in “" in text, text
        assert "[" not in text.split("ill in ")[-1]  # the hint is plain words
        # Seen in the browser: "Your profile does not have the link to your LinkedIn profile
        # yet ...: fill in your profile and draft again. Fill in “Your profile link” above."
        # asked twice, and for a LinkedIn profile she does not have.
        assert text.lower().count("fill in") <= 1, text
        assert "linkedin" not in text.lower() and "your profile and" not in text, text
    hints = _hints(panel.draft_warnings.value)
    assert len(hints) == len(set(hints)), hints


def test_the_request_names_the_fields_above_and_filling_them_clears_the_warnings(panel):
    hints = _hints(_draft(panel, "request"))
    assert hints == ["Fill in “Your name (signs the drafts)” and “Your profile link” above, "
                     "or take the link's line out if you have no such page.",
                     "Fill in “What you are exploring” above.",
                     "Fill in “Why them (your words)” above."]
    panel.your_name.value = "Lena Fischer"
    panel.your_link.value = "https://www.linkedin.com/in/lena-fischer"
    panel.narrow.value = "product work in health tech"
    panel.reason.value = "I read your post on booking forms for worried patients"
    assert _hints(_draft(panel, "request")) == []


def test_the_introduction_sends_the_user_to_about_me_for_what_only_it_holds(panel, store):
    hints = _hints(_draft(panel, "pitch"))
    assert hints == ["Fill in “Your name (signs the drafts)” above and “Your background, in one "
                     "line”, “What you are good at” and “What you are exploring” on About me."]
    save_profile(store, name="Lena Fischer", background="ten years on a cardiac ward",
                 strengths="explaining things to worried people",
                 exploring="product roles in health tech")
    panel.sync_profile()
    assert _hints(_draft(panel, "pitch")) == []


def test_a_missing_phone_number_is_the_persons_field(panel, store):
    panel.your_name.value, panel.your_link.value = "Lena Fischer", "https://lena.example/"
    panel.format.value = "phone"
    panel.date.value = date.today() + timedelta(days=3)
    panel.save_button.click()
    assert panel.message.kind == "ok", panel.message.text
    assert _hints(_draft(panel, "confirmation")) == [
        "Fill in “Phone” of this person on the People page."]
    edit_person(store, 1, phone="+44 117 496 0000")
    assert _hints(_draft(panel, "confirmation")) == []


def test_a_confirmation_without_a_meeting_asks_for_its_date_and_place(panel):
    panel.your_name.value, panel.your_link.value = "Lena Fischer", "https://lena.example/"
    assert _hints(_draft(panel, "confirmation")) == [
        "Fill in “Date” above, then save the meeting.",
        "Fill in “Place or call link” above, then save the meeting."]
    panel.date.value = date.today() + timedelta(days=3)
    panel.place.value = "https://meet.example/lena-samira"
    panel.save_button.click()
    assert _hints(_draft(panel, "confirmation")) == []


def test_the_thank_you_on_the_debrief_page_names_about_me_and_key_insights(store):
    starts = datetime.now(UTC) - timedelta(minutes=30)
    plan = QuestionPlan(items=[PlanItem("path-01", "path", "How did you get here?", 3, "top")],
                        meeting_minutes=20, overhead_minutes=4)
    save_meeting_plan(store, Person(name="Samira Okafor"),
                      Meeting(person_id=0, starts_at=starts, status="scheduled"), plan)
    form = DebriefForm(store)
    form.save_button.click()
    assert form.message.kind == "ok", form.message.text
    hints = _hints(form.thanks_warnings.value)
    assert "Fill in “Your name” on About me." in hints
    assert "Fill in “Key insights” above, then save the debrief." in hints
    store.save_profile(UserProfile(name="Lena Fischer"))
    form.insights.add(text="Research findings reach the roadmap in a monthly review")
    form.save_button.click()
    assert _hints(form.thanks_warnings.value) == []


def test_every_placeholder_of_the_profile_and_the_reasons_has_a_fact():
    draft = request("Samira Okafor", UserProfile(), referrer="Tom Reyes", may_mention="no")
    facts = [gaps(w) for w in draft.warnings]
    assert ("your_name", "your_link") in facts and ("interest",) in facts
    assert set(PLACEHOLDER_GAPS.values()) >= set(CODE_GAPS.values())
    [left_out] = [w for w in draft.warnings if w.code == "referrer_left_out"]
    assert left_out.message == ("Tom Reyes's name is left out: they said you may not "
                                "mention it.")  # plain words, no field names


def test_about_me_asks_for_a_page_about_her_work_not_a_linkedin_profile(store):
    # Seen in the browser: Lena, who has no LinkedIn, read "Your LinkedIn (or portfolio)
    # link" and "Drafts still leave a gap for the link to your professional profile
    # (LinkedIn)" on About me.
    from infoview.widgets.profile import ProfileForm

    save_profile(store, name="Lena Fischer", background="ten years on a cardiac ward",
                 strengths="explaining things to worried people",
                 exploring="product roles in health tech")
    form = ProfileForm(store)
    said = html.unescape(re.sub(r"<[^>]+>", "", form.missing.value))
    assert "a link to a page about your work" in said
    link = form.form["profile_url"]
    shown = " ".join(str(getattr(x, name, "")) for x in _widgets(link)
                     for name in ("description", "placeholder", "value"))
    assert "linkedin" not in (said + shown).lower()


def _widgets(widget) -> list:
    return [widget, *(x for child in getattr(widget, "children", ()) for x in _widgets(child))]
