"""Keep-in-touch, reschedule and no-show drafts: clean when built, and hand-written texts
that break one habit each are caught with the right code. The store glue runs on real
SQLite files (the small analytics history)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import prep_samples as s
import pytest
from _analytics_history import open_store, small_history, utc

from infoview.flows import drafts
from infoview.flows.meeting_status import mark_meeting
from infoview.models import Meeting, Outreach, QuestionAsked, UserProfile
from infoview.prep import updates
from infoview.prep.checks import check_draft


def codes(text, kind, **kw):
    return [w.code for w in check_draft(text, kind, **kw)]


ADVICE = [
    "Hiring in digital health peaks in January; apply a month before",
    "Learn the health data standards",
]
RESULTS = ["spoke with Lena Novak, whom you suggested", "applied to Kestrel Health Labs"]
MEETING = Meeting(
    person_id=1, starts_at=datetime(2026, 3, 3, 10, tzinfo=UTC), timezone="Europe/London"
)
LATER = [
    datetime(2026, 3, 5, 10, tzinfo=UTC),
    datetime(2026, 3, 6, 14, tzinfo=UTC),
]


# ---- the builders make clean drafts ---------------------------------------------------------


def test_update_reports_their_advice_and_what_came_of_it():
    draft = updates.keep_in_touch_update(
        s.person(), s.profile(), advice=ADVICE, results=RESULTS, last_met=date(2026, 3, 3)
    )
    assert draft.warnings == [] and draft.kind == "update"
    assert draft.body.startswith("Hi Samira,\n\nI hope you are well. We spoke in March")
    # the advice word "hiring" is theirs, quoted back: not read as asking for a job
    assert "Hiring in digital health peaks in January" in draft.body  # their words, as written
    assert (
        "Since then, I spoke with Lena Novak, whom you suggested. I also applied to Kestrel"
        in draft.body
    )
    assert "?" not in draft.body and draft.word_count < 130


def test_update_without_material_shows_what_to_fill_in():
    draft = updates.keep_in_touch_update("Samira Okafor")
    assert {w.code for w in draft.warnings} == {"placeholder", "profile_missing"}
    assert "[what they advised]" in draft.body and "[what came of it]" in draft.body


def test_reschedule_apologises_names_the_meeting_and_offers_times():
    draft = updates.reschedule(
        s.person(), s.profile(), MEETING, new_times=LATER, reason="A family matter came up."
    )
    assert draft.warnings == []
    assert (
        "sorry" in draft.body
        and "Tuesday 3 March at 10:00 GMT: a family matter came up." in draft.body
    )
    assert "Thursday 5 March at 10:00 GMT or Friday 6 March at 14:00 GMT" in draft.body
    assert draft.subject == "Could we move our conversation on Tuesday 3 March at 10:00 GMT?"


def test_no_show_note_is_gracious_and_offers_new_times():
    draft = updates.no_show(s.person(), s.profile(), MEETING, new_times=LATER[:1])
    assert draft.warnings == []
    assert "hope all is well" in draft.body and "no problem at all" in draft.body
    assert "Would Thursday 5 March at 10:00 GMT work" in draft.body
    for word in ("missed", "no-show", "forgot", "waited"):
        assert word not in draft.body.lower()
    assert updates.no_show(s.person(), s.profile(), MEETING).warnings == []  # asks when, instead


# ---- hand-written texts that break one habit each ---------------------------------------------

GOOD_NO_SHOW = (
    "Hi Sam,\n\nI am sorry we did not connect on Tuesday 3 March at 10:00; I hope all "
    "is well. Would Thursday 5 March at 10:00 suit you?\n\nBest wishes,\nAlex"
)


@pytest.mark.parametrize(
    "text, code",
    [
        (GOOD_NO_SHOW.replace("I am sorry we did not connect", "You missed our call"), "blames"),
        (GOOD_NO_SHOW.replace("I am sorry we did not connect", "I waited half an hour"), "blames"),
        (GOOD_NO_SHOW.replace("I hope all is well", "Please be on time"), "no_goodwill"),
        (
            GOOD_NO_SHOW.replace("Would Thursday 5 March at 10:00 suit you?", "Let me know."),
            "no_new_times",
        ),
        (GOOD_NO_SHOW.replace("suit you?", "suit you."), "no_question"),
        (GOOD_NO_SHOW.replace("Tuesday 3 March at 10:00", "our day"), "no_original_time"),
    ],
)
def test_no_show_checks_catch_each_lapse(text, code):
    assert codes(GOOD_NO_SHOW, "no_show", when="Tuesday 3 March at 10:00") == []
    assert code in codes(text, "no_show", when="Tuesday 3 March at 10:00")


def test_reschedule_checks_want_an_apology_and_not_too_many_words():
    text = (
        "Hi Sam,\n\nI need to move our call on Tuesday 3 March at 10:00. Would Thursday 5 "
        "March at 10:00 suit you?\n\nBest wishes,\nAlex"
    )
    assert codes(text, "reschedule", when="Tuesday 3 March at 10:00") == ["no_apology"]
    long = text.replace("I need", "I am sorry, I need" + " really" * 100)
    assert codes(long, "reschedule", when="Tuesday 3 March at 10:00") == ["too_long"]


@pytest.mark.parametrize(
    "text, code",
    [
        (
            "Hi Sam,\n\nSince then, I applied to Kestrel. Thank you.\n\nBest wishes,\nAlex",
            "no_advice_used",
        ),
        (
            "Hi Sam,\n\nYour advice to learn the standards helped. Thank you.\n\n"
            "Best wishes,\nAlex",
            "no_result",
        ),
        (
            "Hi Sam,\n\nYour advice helped: since then, I applied to Kestrel. "
            "Could we talk again?\n\nBest wishes,\nAlex",
            "asks_something",
        ),
        (
            "Hi Sam,\n\nYour advice helped: since then, I applied to Kestrel. "
            "Are you hiring? I would love a job on your team.\n\nBest wishes,\nAlex",
            "asks_for_job",
        ),
    ],
)
def test_update_checks_catch_each_lapse(text, code):
    assert code in codes(text, "update")


# ---- store glue -------------------------------------------------------------------------------


@pytest.fixture()
def store(tmp_path):
    store = open_store(tmp_path)
    store.ids = small_history(store)
    store.save_profile(UserProfile(name="Alex Morgan", profile_url="https://example.org/alex"))
    yield store
    store.close()


def test_update_material_gathers_advice_and_results_from_the_store(store):
    ids = store.ids
    store.add(
        QuestionAsked(
            meeting_id=ids["m1"],
            text="What should I learn?",
            usefulness=5,
            answer_notes="Take the FHIR course first",
        )
    )
    store.add(
        QuestionAsked(
            meeting_id=ids["m1"], text="Small talk?", usefulness=2, answer_notes="Weather"
        )
    )
    material = drafts.update_material(store, ids["ana"])
    assert material.advice == [
        "Referrals fill most junior roles",
        "Learn the health data standards",
        "Take the FHIR course first",
    ]
    # Ana suggested Eve, written to on 03-06 but not met yet; Ana's outcome is an application
    assert material.results == [
        "applied to Kestrel Health Labs",
        "wrote to Eve Lund, whom you suggested",
    ]
    assert material.last_met == date(2026, 3, 3)
    draft = drafts.update_draft(store, ids["ana"])
    assert draft.warnings == [] and "Hi Ana," in draft.body and draft.body.endswith("Alex Morgan")


def test_update_for_a_host_whose_lead_was_met(store):
    ids = store.ids
    eve = _eve(store)
    eve.status = "held"
    store.update(eve)
    results = drafts.update_material(store, ids["ana"]).results
    assert "spoke with Eve Lund, whom you suggested" in results
    # Ben's meeting led to a lead (no organization named: his own)
    assert (
        drafts.update_material(store, ids["ben"]).results[0] == "followed up a lead from our talk"
    )


def _eve(store):
    return store.list(Meeting, person_id=store.ids["eve"])[0]


def test_missed_meeting_draft_follows_the_status_and_offers_the_new_time(store):
    eve = _eve(store)
    change = mark_meeting(store, eve.id, "moved", to="2026-03-19T14:30+00:00")
    draft = drafts.missed_meeting_draft(store, eve.id)
    assert draft.kind == "reschedule" and draft.warnings == []
    assert (
        "Thursday 12 March at 10:00 UTC" in draft.body
        and "Thursday 19 March at 14:30 UTC" in draft.body
    )
    mark_meeting(store, change.new_meeting.id, "no-show", now=utc(20))
    missed = drafts.missed_meeting_draft(store, change.new_meeting.id)
    assert missed.kind == "no_show" and missed.warnings == []
    assert "Thursday 19 March at 14:30 UTC" in missed.body
    assert store.list(Outreach, person_id=store.ids["eve"])  # nothing was sent or removed


def test_answers_about_their_own_path_or_role_are_not_called_their_advice(store):
    """"How did you end up in this role?" answered "via clinical safety" is about them, not
    advice to the user: a keep-in-touch update must not thank them for acting on it (nor on
    the names the closing question brought), while answers to advice questions count."""
    ids = store.ids
    for category, text, notes in (
            ("path", "How did you end up here?", "via clinical safety"),
            ("closing", "Who else would you suggest I talk to?", "Ngozi Adeyemi"),
            ("role", "What does a typical week look like?", "two days of interviews"),
            ("advice", "What should I do next?", "Build a small portfolio")):
        store.add(QuestionAsked(meeting_id=ids["m1"], text=text, category=category,
                                usefulness=5, answer_notes=notes))
    advice = drafts.update_material(store, ids["ana"]).advice
    assert "Build a small portfolio" in advice
    assert not {"via clinical safety", "Ngozi Adeyemi", "two days of interviews"} & set(advice)
