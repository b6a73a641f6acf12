"""The method of DOMAIN.md, held in every face: each failure reported in issue 24 (items 1,
2, 4, 5, 6, 7 and 10) as a test, through the command line on real SQLite files.

Items 3, 8 and 9 (the question linter and the plan's order) are tested with the questions.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from infoview.cli import main
from infoview.flows.debrief import Debrief, Promise, debrief_from_dict, save_debrief
from infoview.models import Action, Meeting, Outreach, Person, Referral
from infoview.store import Store


@pytest.fixture
def db(tmp_path):
    return tmp_path / "method.sqlite"


def cli(capsys, db, *argv):
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def warnings_of(out: str) -> dict[str, str]:
    return {w["code"]: w["message"] for w in json.loads(out)["warnings"]}


def _referred(db, may_mention="no"):
    """Jo suggested Alex in a debrief, and said whether Alex may be told so."""
    with Store.open(db) as store:
        jo = store.add(Person(name="Jo Smith", organization="Bayes Health"))
        alex = store.add(Person(name="Alex Rivera", organization="Kestrel Health Labs"))
        meeting = store.add(Meeting(person_id=jo.id, starts_at=datetime(2026, 3, 2, 10, tzinfo=UTC),
                                    status="scheduled"))
        save_debrief(store, debrief_from_dict({
            "meeting_id": meeting.id,
            "people": [{"name": "Alex Rivera", "organization": "Kestrel Health Labs",
                        "may_mention": may_mention}]}), now=datetime(2026, 3, 2, 11, tzinfo=UTC))
        return jo.id, alex.id


# ---- 1. the host's permission to be named ------------------------------------------------------

def test_an_intro_checked_from_a_file_warns_when_it_names_a_referrer_who_said_no(capsys, db, tmp_path):
    _jo, alex = _referred(db)
    text = tmp_path / "intro.txt"
    text.write_text("Hi Alex,\n\nJo Smith suggested I contact you. I am exploring UX research "
                    "and your advice would mean a lot; I am not looking for a job. Would you have "
                    "15 minutes at a time that suits you?\n\nBest wishes,\nLena")
    code, out, _ = cli(capsys, db, "draft", "intro", "--person", str(alex), "--referrer",
                       "Jo Smith", "--may-mention", "no", "--check", str(text), "--json")
    assert code == 0
    assert "said you may not mention it" in warnings_of(out)["name_without_permission"]
    # the stored permission is checked even when none is given on the command line
    code, out, _ = cli(capsys, db, "draft", "intro", "--person", str(alex), "--check", str(text),
                       "--json")
    assert "name_without_permission" in warnings_of(out)


def test_a_request_to_someone_suggested_checks_the_stored_permission(capsys, db):
    _jo, alex = _referred(db)
    code, out, _ = cli(capsys, db, "draft", "request", "--person", str(alex), "--reason",
                       "Jo Smith suggested I contact you", "--json")
    assert code == 0 and "Jo Smith suggested" in json.loads(out)["body"]
    assert "Jo Smith" in warnings_of(out)["name_without_permission"]
    # any message to them: a thank-you naming Jo too
    code, out, _ = cli(capsys, db, "draft", "thanks", "--person", str(alex), "--learned",
                       "Jo's team hires from nursing", "--json")
    assert "name_without_permission" in warnings_of(out)


def test_with_permission_naming_the_referrer_is_fine(capsys, db):
    _jo, alex = _referred(db, may_mention="yes")
    code, out, _ = cli(capsys, db, "draft", "request", "--person", str(alex), "--reason",
                       "Jo Smith suggested I contact you", "--json")
    assert "name_without_permission" not in warnings_of(out)


# ---- 2. a "not" elsewhere does not cancel a job ask or a CV ------------------------------------

@pytest.mark.parametrize("sentence,code", [
    ("I know it is not the usual way, but I would love to be considered for a position on "
     "your team.", "asks_for_job"),
    ("I have put my CV below in case it is useful, though I am not asking for anything "
     "formal.", "attaches_cv"),
    ("I am not looking for a job and would love to hear about any openings.", "asks_for_job"),
])
def test_negation_elsewhere_does_not_hide_the_ask(capsys, db, tmp_path, sentence, code):
    text = tmp_path / "request.txt"
    text.write_text("Hi Sam,\n\nI read your article on clinic software. " + sentence
                    + " Would you have 15 minutes for a call at a time that suits you?\n\n"
                    "Best wishes,\nLena")
    status, out, _ = cli(capsys, db, "draft", "request", "--to", "Sam", "--check", str(text),
                         "--json")
    assert status == 0 and code in warnings_of(out)


def test_a_denied_ask_still_passes(capsys, db, tmp_path):
    text = tmp_path / "request.txt"
    text.write_text("Hi Sam,\n\nI read your article on clinic software. I am exploring UX "
                    "research, and your advice would mean a lot; I am not looking for a job "
                    "and will not send a CV. Would you have 15 minutes at a time that suits "
                    "you?\n\nBest wishes,\nLena")
    status, out, _ = cli(capsys, db, "draft", "request", "--to", "Sam", "--check", str(text),
                         "--json")
    assert not {"asks_for_job", "attaches_cv"} & set(warnings_of(out))


# ---- 4. one source of due actions --------------------------------------------------------------

def test_after_a_request_a_held_meeting_and_a_debrief_followups_says_no_stale_no_reply(capsys, db):
    with Store.open(db) as store:
        priya = store.add(Person(name="Priya Patel", organization="Acme"))
        store.add(Outreach(person_id=priya.id, kind="request",
                           sent_at=datetime(2026, 9, 1, 9, tzinfo=UTC)))
        meeting = store.add(Meeting(person_id=priya.id, status="scheduled",
                                    starts_at=datetime(2026, 9, 20, 10, tzinfo=UTC)))
        save_debrief(store, Debrief(meeting_id=meeting.id, rapport=4),
                     now=datetime(2026, 9, 20, 11, tzinfo=UTC))
    code, out, _ = cli(capsys, db, "followups", "--today", "2026-09-25")
    assert code == 0 and "no reply" not in out.lower()
    assert "Send Priya Patel a thank-you note" in out


def test_3b7_follow_ups_are_in_the_digest_and_actions_without_saving_them(capsys, db):
    with Store.open(db) as store:
        priya = store.add(Person(name="Priya Patel", organization="Acme"))
        store.add(Person(name="Owen Price", organization="Acme"))
        store.add(Outreach(person_id=priya.id, kind="request",
                           sent_at=datetime(2026, 9, 1, 9, tzinfo=UTC)))
    code, out, _ = cli(capsys, db, "followups", "--today", "2026-09-14", "--json")
    listed = sorted(a["what"] for a in json.loads(out)["suggested"] if a["kind"] != "keep_in_touch")
    assert len(listed) == 2
    code, out, _ = cli(capsys, db, "digest", "--as-of", "2026-09-14", "--json")
    digest = json.loads(out)
    assert sorted(row["what"] for row in digest["due"]) == listed
    assert digest["counts"]["due"] == 2
    with Store.open(db) as store:
        assert store.list(Action) == []  # nothing had to be saved


# ---- 5. 3B7 dates: the region's holidays, the user's own days ---------------------------------

def _request_on(db, sent: datetime):
    with Store.open(db) as store:
        sam = store.add(Person(name="Sam Okafor", organization="Kestrel"))
        store.add(Person(name="Jo Smith", organization="Kestrel"))
        store.add(Outreach(person_id=sam.id, kind="request", sent_at=sent))


def _next_contact_due(capsys, db, today: str, *extra: str) -> str | None:
    code, out, err = cli(capsys, db, "followups", "--today", today, "--json", *extra)
    assert code == 0, err
    found = [a["due"][:10] for a in json.loads(out)["suggested"] if a["kind"] == "next_contact"]
    return found[0] if found else None


def test_englands_august_bank_holiday_is_not_a_business_day(capsys, db):
    _request_on(db, datetime(2026, 8, 28, 15, tzinfo=UTC))  # Friday 28 August 2026
    assert _next_contact_due(capsys, db, "2026-09-02", "--country", "GB") is None
    assert _next_contact_due(capsys, db, "2026-09-03", "--country", "GB") == "2026-09-03"
    # Scotland works on England's late-August bank holiday
    assert _next_contact_due(capsys, db, "2026-09-02", "--region", "Scotland") == "2026-09-02"


def test_easter_monday_counts_by_region_and_the_profile_keeps_the_region(capsys, db):
    _request_on(db, datetime(2026, 4, 2, 15, tzinfo=UTC))  # Thursday before Good Friday
    assert _next_contact_due(capsys, db, "2026-04-10", "--region", "GB-ENG") == "2026-04-09"
    assert _next_contact_due(capsys, db, "2026-04-10", "--region", "GB-SCT") == "2026-04-08"
    assert cli(capsys, db, "profile", "set", "--region", "GB-SCT")[0] == 0
    assert _next_contact_due(capsys, db, "2026-04-10") == "2026-04-08"  # from the profile


def test_business_days_are_counted_in_the_users_time_zone(capsys, db):
    tokyo = ZoneInfo("Asia/Tokyo")
    # Monday 7 September 2026, 08:00 in Tokyo: still Sunday in UTC
    _request_on(db, datetime(2026, 9, 7, 8, 0, tzinfo=tokyo))
    assert cli(capsys, db, "profile", "set", "--timezone", "Asia/Tokyo")[0] == 0
    assert _next_contact_due(capsys, db, "2026-09-09") is None  # two business days only
    assert _next_contact_due(capsys, db, "2026-09-10") == "2026-09-10"  # Thursday


def test_an_unknown_region_is_one_plain_line(capsys, db):
    Store.open(db).close()  # a store there: the region is what is wrong
    code, _out, err = cli(capsys, db, "followups", "--region", "Atlantis")
    assert code == 2 and err.count("\n") == 1 and "not a country or region" in err


# ---- 6. a promise without a date still falls due -----------------------------------------------

def test_a_promise_saved_without_a_due_date_falls_due_within_a_week(capsys, db):
    held = datetime.now(UTC).replace(microsecond=0) - timedelta(days=3)
    with Store.open(db) as store:
        sam = store.add(Person(name="Sam Okafor"))
        meeting = store.add(Meeting(person_id=sam.id, starts_at=held, planned_minutes=20,
                                    status="scheduled"))
        save_debrief(store, Debrief(meeting_id=meeting.id, promises=[
            Promise(what="Send Sam the accessibility article"),
            Promise(what="Introduce me to the research lead", owner="host")]), now=held)
        (mine,) = store.list(Action, kind="promise", owner="user")
        (theirs,) = store.list(Action, kind="promise", owner="host")
    end = held + timedelta(minutes=20)
    assert mine.due == end + timedelta(days=7) and theirs.due == end + timedelta(days=14)
    code, out, _ = cli(capsys, db, "actions", "--due", "--json")
    assert "Send Sam the accessibility article" in [row["what"] for row in json.loads(out)]
    code, out, _ = cli(capsys, db, "digest", "--json")
    assert "Send Sam the accessibility article" in [row["what"] for row in json.loads(out)["due"]]
    # shown with its date, and editable
    new_day = (date.today() + timedelta(days=20)).isoformat()
    assert cli(capsys, db, "actions", "due", str(mine.id), new_day)[0] == 0
    code, out, _ = cli(capsys, db, "actions", "--due", "--json")
    assert "Send Sam the accessibility article" not in [row["what"] for row in json.loads(out)]


# ---- 7. the thank-you fits the day it goes -----------------------------------------------------

def test_a_thank_you_ten_days_late_says_so_and_never_says_today(capsys, db, tmp_path):
    met = datetime.now(UTC) - timedelta(days=10)
    with Store.open(db) as store:
        sam = store.add(Person(name="Sam Okafor"))
        meeting = store.add(Meeting(person_id=sam.id, starts_at=met, timezone="UTC",
                                    status="scheduled"))
        save_debrief(store, Debrief(meeting_id=meeting.id), now=met + timedelta(hours=1))
    code, out, _ = cli(capsys, db, "draft", "thanks", "--person", str(sam.id), "--learned",
                       "how clinics buy software", "--json")
    data = json.loads(out)
    assert "today" not in data["body"].lower()
    assert f"on {met:%A} {met.day} {met:%B}" in data["body"]
    assert "10 days after the meeting" in warnings_of(out)["late_thanks"]
    text = tmp_path / "thanks.txt"
    text.write_text("Hi Sam,\n\nThank you for your time today. I learned how clinics buy "
                    "software.\n\nBest wishes,\nLena")
    code, out, _ = cli(capsys, db, "draft", "thanks", "--person", str(sam.id), "--check",
                       str(text), "--json")
    assert "Says 'today'" in warnings_of(out)["wrong_day"]


def test_a_thank_you_on_the_day_says_today_and_the_next_day_yesterday():
    from infoview.prep.outreach import thanks

    day = date(2026, 12, 1)
    assert "your time today." in thanks("Sam", None, meeting_date=day, send_date=day).body
    later = thanks("Sam", None, meeting_date=day, send_date=day + timedelta(days=1))
    assert "your time yesterday." in later.body and "late_thanks" not in {
        w.code for w in later.warnings}
    unknown = thanks("Sam", None, learned="x").body
    assert "today" not in unknown and "Thank you for taking the time" in unknown


# ---- 10. the request email ---------------------------------------------------------------------

def test_the_75_word_limit_applies_by_default_and_check_honours_the_interests(capsys, db, tmp_path):
    text = tmp_path / "request.txt"
    body = ("Hi Sam,\n\nI read your article on clinic software. I am exploring UX research and "
            "your advice would mean a lot; I am not looking for a job. "
            + "Your work sounds fascinating to me. " * 6
            + "Would you have 15 minutes for a call at a time that suits you?\n\nBest wishes,\nLena")
    text.write_text(body)
    code, out, _ = cli(capsys, db, "draft", "request", "--to", "Sam", "--check", str(text),
                       "--json")
    assert 75 < json.loads(out)["word_count"] <= 100 and "too_long" in warnings_of(out)
    code, out, _ = cli(capsys, db, "draft", "request", "--to", "Sam", "--check", str(text),
                       "--narrow", "research operations for hospital pharmacies", "--broad",
                       "supply chains", "--json")
    assert {"interest_narrow", "interest_broad"} <= set(warnings_of(out))


def test_the_confirmation_greets_the_stored_person_and_booking_adds_a_reminder(capsys, db):
    with Store.open(db) as store:
        sam = store.add(Person(name="Samira Okafor"))
    when = (date.today() + timedelta(days=6)).isoformat() + "T10:00"
    code, out, err = cli(capsys, db, "meeting", "add", "--person", str(sam.id), "--when", when,
                         "--timezone", "Europe/London", "--json")
    assert code == 0, err
    meeting_id = json.loads(out)["meeting"]["id"]
    code, out, _ = cli(capsys, db, "draft", "confirm", "--meeting", str(meeting_id), "--json")
    assert json.loads(out)["body"].startswith("Hi Samira,")
    with Store.open(db) as store:
        (reminder,) = store.list(Action, kind="confirm")
        start = store.get(Meeting, meeting_id).starts_at
    assert reminder.due == start - timedelta(days=1) and reminder.done_at is None
    # sending the confirmation ticks the reminder off
    assert cli(capsys, db, "outreach", "add", "--person", str(sam.id), "--kind",
               "confirmation")[0] == 0
    with Store.open(db) as store:
        assert store.list(Action, kind="confirm")[0].done_at is not None


def test_the_request_says_when_no_questions_are_planned_for_that_person(capsys, db):
    with Store.open(db) as store:
        sam = store.add(Person(name="Sam Okafor"))
    code, out, _ = cli(capsys, db, "draft", "request", "--person", str(sam.id), "--reason",
                       "I read your article", "--narrow", "UX research", "--json")
    assert "plan them before you send" in warnings_of(out)["no_plan"]
    code, out, err = cli(capsys, db, "meeting", "add", "--person", str(sam.id), "--plan",
                         "--role", "UX researcher", "--json")
    assert code == 0, err
    code, out, _ = cli(capsys, db, "draft", "request", "--person", str(sam.id), "--reason",
                       "I read your article", "--narrow", "UX research", "--json")
    assert "no_plan" not in warnings_of(out)


def test_strict_is_still_accepted_for_a_request_and_changes_no_limit(capsys, db):
    code, out, _ = cli(capsys, db, "draft", "request", "--to", "Sam", "--reason", "I read your "
                       "article", "--narrow", "UX research", "--strict", "--json")
    assert code == 0 and json.loads(out)["word_count"] <= 75
    with Store.open(db) as store:
        assert store.list(Referral) == []


def test_the_method_table_names_code_and_tests_that_exist():
    """docs/method.md: every module and test it cites is there (the table cannot rot)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    text = (root / "docs" / "method.md").read_text(encoding="utf-8")
    tests = re.findall(r"`(test_[a-z0-9_]+\.py)(?:::([a-z0-9_]+))?`", text)
    assert len(tests) > 50
    for name, test in tests:
        source = (root / "tests" / name).read_text(encoding="utf-8")
        assert not test or re.search(rf"^def {test}\b", source, re.M), f"{name}::{test}"
    for module in re.findall(r"`(infoview/[a-z_/]+\.py)`", text):
        assert (root / module).is_file(), module
    assert "docs/method.md" in (root / "README.md").read_text(encoding="utf-8")
