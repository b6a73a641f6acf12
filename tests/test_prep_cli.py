"""`infoview prep`, `infoview draft ...` and `infoview followups`: help, real runs on a real
store, research of the bundled sample site over loopback, errors as one line and exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime

import prep_samples as s
import pytest

from infoview.cli import main
from infoview.cli.prep import DRAFT_KINDS
from infoview.models import Action, Outreach, Person, Referral, ResearchSnapshot


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def stored(db):
    """A store holding Samira (with research), the user's profile and a meeting."""
    from infoview.store import Store

    with Store.open(db) as store:
        tom = store.add(Person(name="Tom Reyes"))
        samira = store.add(s.person(id=None))
        store.add(ResearchSnapshot(kind="company", source_url="https://kestrel.example/", person_id=samira.id,
                                   data=s.company().to_dict(), fetched_at=s.NOW))
        store.add(Referral(from_person_id=tom.id, to_person_id=samira.id, may_mention="yes"))
        meeting = store.add(s.meeting(id=None, person_id=samira.id))
        store.save_profile(s.profile())
    return {"samira": samira.id, "meeting": meeting.id, "tom": tom.id}


@pytest.mark.parametrize("argv", [["prep"], ["draft"], ["followups"]] + [["draft", k] for k in DRAFT_KINDS])
def test_every_command_has_help(capsys, argv):
    with pytest.raises(SystemExit) as exit_info:
        main([*argv, "--help"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("usage: infoview " + " ".join(argv))


def test_prep_help_from_the_installed_entry_point():
    result = subprocess.run([sys.executable, "-m", "infoview", "prep", "--help"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "--company-url" in result.stdout


def test_prep_from_a_stored_meeting_writes_every_format(capsys, stored, tmp_path):
    out_dir = tmp_path / "briefs"
    code, out, err = run(capsys, "prep", "--meeting", str(stored["meeting"]), "--format", "md,html",
                         "--format", "ics", "--out", str(out_dir))
    assert code == 0, err
    files = out.split()
    assert [f.rsplit(".", 1)[1] for f in files] == ["md", "html", "ics"]
    md = (out_dir / "brief-samira-okafor-2026-12-01.md").read_text()
    assert "Referred by Tom Reyes" in md and "Kestrel Health Labs builds" in md


def test_prep_json_lists_files_and_the_brief(capsys, stored, tmp_path):
    code, out, _ = run(capsys, "prep", "--person", str(stored["samira"]), "--minutes", "30",
                       "--role", "UX researcher", "--out", str(tmp_path / "one.md"), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["files"] == [str(tmp_path / "one.md")]
    assert data["brief"]["plan"] and data["brief"]["logistics"]["minutes"] == 30
    assert data["brief"]["agenda"][0]["label"] == "Greeting"


def test_prep_pdf_for_twenty_minutes_is_one_page(capsys, stored, tmp_path):
    from pypdf import PdfReader

    code, out, err = run(capsys, "prep", "--meeting", str(stored["meeting"]), "--format", "pdf",
                         "--out", str(tmp_path))
    assert code == 0, err
    assert len(PdfReader(out.strip()).pages) == 1


def test_prep_by_url_researches_the_sample_site(capsys, db, tmp_path):
    from infoview.demo.site import serve

    with serve() as site:
        code, out, err = run(capsys, "prep", "--company-url", site.url, "--person-url",
                             site.url + "team/samira-okafor.html", "--delay", "0", "--no-cache",
                             "--format", "md", "--out", str(tmp_path))
    assert code == 0, err
    md = open(out.strip(), encoding="utf-8").read()
    assert md.startswith("# Informational interview with Samira Okafor (Kestrel Health Labs)")
    assert "founded 2015" in md and "Senior UX Researcher" in md
    assert "/internal/" not in " ".join(site.requests)  # robots.txt kept


def test_a_brief_from_pages_on_one_site_waits_the_delay_between_all_its_requests(tmp_path):
    """The company's pages and the person's page share one per-host gate (and one robots.txt):
    the person's page is not requested right after the company's last page."""
    from itertools import pairwise

    from hostile_server import Hostile

    from infoview.flows.prep import UrlBriefOptions, brief_from_urls
    from infoview.settings import Settings

    delay = 0.4
    settings = Settings(host_delay=delay, use_cache=False, max_pages=2, page_deadline=5.0)
    with Hostile() as server:
        brief = brief_from_urls(UrlBriefOptions(company_url=server.url,
                                                person_url=server.url + "team/jo"),
                                settings=settings)
        log = list(server.log)
    paths = [path for _, path in log]
    assert paths.count("/robots.txt") == 1 and paths[-1] == "/team/jo", paths
    gaps = [b - a for (a, _), (b, _) in pairwise(log)]
    assert min(gaps) >= delay - 0.02, list(zip(paths[1:], gaps, strict=True))
    assert brief.plan is not None  # the brief was built from both pages


@pytest.mark.parametrize("argv,message", [
    (["prep", "--meeting", "999"], "no meeting with id 999"),
    (["prep", "--meeting", "1", "--format", "docx"], "unknown format docx"),
    (["prep", "--meeting", "1", "--format", "md,html", "--out", "x.md"], "give a folder"),
    (["prep", "--meeting", "1", "--name", "Sam"], "go with --company-url"),
    (["draft", "confirm", "--to", "Sam", "--when", "2026-12-01T10:00"], "add --timezone"),
    (["draft", "thanks", "--to", "Sam", "--meeting-date", "yesterday"], "not a date"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, stored, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_draft_request_json_from_the_store_profile(capsys, stored, db):
    argv = ("draft", "request", "--person", str(stored["samira"]), "--reason",
            "I heard your talk at UX Bristol", "--narrow", "user research in health",
            "--broad", "digital health", "--json")
    code, out, _ = run(capsys, *argv)
    data = json.loads(out)
    assert code == 0 and data["kind"] == "request"
    # questions come before the request (issue 24 item 10): none are planned yet
    assert [w["code"] for w in data["warnings"]] == ["no_plan"]
    assert data["body"].startswith("Hi Samira,") and "alex-morgan-example" in data["body"]
    from infoview.models import QuestionAsked
    from infoview.store import Store

    with Store.open(db) as store:
        store.add(QuestionAsked(meeting_id=stored["meeting"], text="How did you start?"))
    code, out, _ = run(capsys, *argv)
    assert json.loads(out)["warnings"] == []


def test_draft_intro_takes_permission_from_the_stored_referral(capsys, stored):
    code, out, _ = run(capsys, "draft", "intro", "--person", str(stored["samira"]),
                       "--narrow", "user research", "--json")
    assert code == 0 and json.loads(out)["subject"] == "Tom Reyes suggested I contact you"
    code, out, _ = run(capsys, "draft", "intro", "--person", str(stored["samira"]),
                       "--narrow", "user research", "--may-mention", "no", "--json")
    data = json.loads(out)
    assert "Tom" not in data["body"] and data["warnings"][0]["code"] == "referrer_left_out"


def test_draft_text_goes_to_stdout_and_warnings_to_stderr(capsys, db):
    code, out, err = run(capsys, "draft", "thanks", "--to", "Samira Okafor", "--learned", "diary studies",
                         "--meeting-date", "2026-12-01", "--send-date", "2026-12-05")
    assert code == 0
    assert out.startswith("Subject: Thank you") and "diary studies" in out
    assert "[late_thanks]" in err and "[profile_missing]" in err  # no profile stored: no name
    assert "[placeholder]" not in err  # the missing name is said once, by the profile note
    assert not db.exists()  # drafting never creates a database


def test_draft_confirm_phone_referrer_and_pitch_run(capsys, stored):
    code, out, _ = run(capsys, "draft", "confirm", "--meeting", str(stored["meeting"]), "--person",
                       str(stored["samira"]), "--json")
    assert code == 0 and json.loads(out)["warnings"] == []
    code, out, _ = run(capsys, "draft", "phone", "--to", "Samira", "--reason", "I read your article",
                       "--narrow", "UX research", "--json")
    assert code == 0 and json.loads(out)["subject"] is None
    code, out, _ = run(capsys, "draft", "referrer", "--referrer", "Tom Reyes", "--contact", "Samira Okafor",
                       "--how", "it went really well", "--json")
    assert code == 0 and json.loads(out)["body"].startswith("Hi Tom,")
    code, out, _ = run(capsys, "draft", "pitch", "--exploring", "service design", "--json")
    assert code == 0 and "exploring service design" in json.loads(out)["body"]


def test_draft_check_reads_an_edited_file(capsys, db, tmp_path):
    mine = tmp_path / "mine.txt"
    mine.write_text("Subject: A job?\n\nHi Sam,\nAre you hiring? I attached my CV.\n", encoding="utf-8")
    code, out, _ = run(capsys, "draft", "request", "--check", str(mine), "--json")
    data = json.loads(out)
    assert code == 0 and data["subject"] == "A job?"
    assert {"asks_for_job", "attaches_cv", "no_advice"} <= {w["code"] for w in data["warnings"]}


def test_followups_suggest_save_and_export_ics(capsys, stored, db, tmp_path):
    from icalendar import Calendar

    from infoview.store import Store

    with Store.open(db) as store:
        store.add(Outreach(person_id=stored["tom"], kind="request",
                           sent_at=datetime(2026, 12, 22, 10, tzinfo=UTC)))
    ics = tmp_path / "due.ics"
    code, out, _ = run(capsys, "followups", "--today", "2027-01-05", "--country", "GB", "--save",
                       "--ics", str(ics), "--json")
    data = json.loads(out)
    assert code == 0
    assert [a["kind"] for a in data["suggested"]] == ["follow_up"]  # Tom has no organization: no next contact
    assert len(Calendar.from_ical(ics.read_bytes()).walk("VEVENT")) == 1
    code, out, _ = run(capsys, "followups", "--today", "2027-01-05", "--country", "GB")
    assert "Suggested: none" in out and "[follow-up] Follow up with Tom Reyes" in out
    with Store.open(db) as store:
        assert [a.kind for a in store.list(Action)] == ["follow_up"]
