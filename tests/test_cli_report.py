"""`infoview report`, `infoview targets`, `infoview actions` run for real on SQLite files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest

from infoview.cli import main
from infoview.demo.history import generate_sample
from infoview.models import Insight, Meeting, Person, QuestionAsked, Referral
from infoview.store import Store


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "sample.sqlite"
    with Store.open(path) as store:
        generate_sample(store, today=date(2026, 3, 31))
    return path


@pytest.mark.parametrize("command", ["report", "targets", "actions"])
def test_help_of_each_command(command):
    result = subprocess.run([sys.executable, "-m", "infoview", command, "--help"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "--json" in result.stdout


def test_report_writes_one_self_contained_page(sample_db, tmp_path, capsys):
    out = tmp_path / "out" / "report.html"
    assert main(["--db", str(sample_db), "report", "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    html = out.read_text(encoding="utf-8")
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 7  # the charts, in the page
    assert html.count('role="img" aria-label=') == 7
    # nothing is loaded from elsewhere: no external scripts, styles, images or fonts
    assert not re.search(r"""(src|href)=["'](https?:)?//""", html)
    assert "<script" not in html and "<link" not in html
    for heading in ("The funnel", "Answer rates", "Referral chains", "Follow-up health",
                    "earned their minutes", "Activity and what was learned",
                    "Organizations to pursue first"):
        assert heading in html
    assert "LAMP" not in html and "current batch" not in html  # plain words, no jargon
    assert "Samira Okafor" in html


def test_report_filters_and_json(sample_db, tmp_path, capsys):
    out = tmp_path / "r.html"
    code = main(["--db", str(sample_db), "report", "--out", str(out), "--since", "2026-01-01",
                 "--channel", "email", "--json"])
    assert code == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["out"] == str(out) and printed["bytes"] == out.stat().st_size
    assert "channels: email" in out.read_text(encoding="utf-8")


def test_report_escapes_what_the_user_typed(tmp_path):
    db = tmp_path / "hostile.sqlite"
    with Store.open(db) as store:
        person = store.add(Person(name="<b>Eve</b>", organization="Acme & Sons"))
        meeting = store.add(Meeting(person_id=person.id, status="held", industry="<i>games</i>",
                                    starts_at=datetime(2026, 3, 1, tzinfo=UTC)))
        store.add(Insight(meeting_id=meeting.id, text="<script>alert('x')</script>", tags=["<img src=x>"]))
        # names and categories drawn inside the charts (SVG in the page) are escaped too
        other = store.add(Person(name="</text><script>bad()</script>"))
        store.add(Referral(from_person_id=person.id, to_person_id=other.id))
        store.add(QuestionAsked(meeting_id=meeting.id, text="Why?", category="<svg onload=x>",
                                usefulness=4))
    out = tmp_path / "report.html"
    assert main(["--db", str(db), "report", "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x>" not in html and "<i>games</i>" not in html
    assert "&lt;b&gt;Eve&lt;/b&gt;" in html and "<b>Eve</b>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;i&gt;games&lt;/i&gt;" in html
    assert "<script>bad()" not in html and "<svg onload" not in html
    referrals = html[html.index('aria-label="referral network"'):]
    assert "&lt;/text&gt;&lt;script&gt;bad()&lt;/script&gt;" in referrals[:referrals.index("</svg>")]
    questions = html[html.index('aria-label="usefulness by category"'):]
    assert "&lt;svg onload=x&gt;" in questions[:questions.index("</svg>")]


def test_targets_json_lists_every_organization_with_the_batch_flagged(sample_db, capsys):
    assert main(["--db", str(sample_db), "targets", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    # the 14 organizations kept, and the 3 the sample's people work at without one kept
    # (Avonmouth University, Northgate Council, Wrenfield Consulting; never "Freelance")
    assert len(rows) == 17 and "Freelance" not in [r["name"] for r in rows]
    assert [r["rank"] for r in rows] == list(range(1, 18))
    assert sum(r["batch"] for r in rows) == 5
    assert {"advocacy", "people_found", "contacted", "met", "motivation", "postings"} <= set(rows[0])


def test_targets_table_and_batch_size(sample_db, capsys):
    assert main(["--db", str(sample_db), "targets", "--batch-size", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["rank", "organization"]  # headed as the Targets tab
    assert lines[0].rstrip().endswith("work on it") and "_" not in lines[0]
    assert sum(line.rstrip().endswith("yes") for line in lines[1:]) == 3  # not "True"


def test_actions_lists_open_ones_and_due_filters(sample_db, capsys):
    assert main(["--db", str(sample_db), "actions", "--json"]) == 0
    everything = json.loads(capsys.readouterr().out)
    assert everything and all(a["what"] for a in everything)
    assert main(["--db", str(sample_db), "actions", "--due", "--json"]) == 0
    due = json.loads(capsys.readouterr().out)
    assert 0 < len(due) <= len(everything)


def test_actions_print_the_words_of_the_report_and_json_keeps_the_stored_names(sample_db,
                                                                               capsys):
    # The table said "host", "thank_you", "OVERDUE" and "owner": the report says "them",
    # "thank-you", "whose move". Scripts read --json, so its keys and codes stay.
    assert main(["--db", str(sample_db), "actions"]) == 0
    out = capsys.readouterr().out
    header, *rows = out.splitlines()
    assert header.split()[:4] == ["key", "due", "overdue", "whose"] and "owner" not in header
    table = "\n".join(rows)
    assert re.search(r"\b(you|them)\b", table) and "overdue" in table
    for code in ("thank_you", "contact_referral", "next_contact", "follow_up", "host",
                 "OVERDUE"):
        assert code not in table, code
    assert main(["--db", str(sample_db), "actions", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"owner", "kind", "overdue"} <= set(rows[0])
    assert {r["owner"] for r in rows} <= {"user", "host"}


def test_followups_list_the_follow_ups_to_do_in_words(sample_db, tmp_path, capsys):
    import shutil

    db = tmp_path / "copy.sqlite"  # followups may save nothing, but keep the module's store
    shutil.copy(sample_db, db)
    assert main(["--db", str(db), "followups", "--today", "2026-03-31"]) == 0
    out = capsys.readouterr().out
    assert "Follow-ups to do:" in out and "Open actions" not in out
    assert "[keep_in_touch]" not in out and "[thank_you]" not in out
    assert "[keep in touch]" in out or "[thank-you]" in out


def test_actions_on_an_empty_store_says_so(tmp_path, capsys):
    with Store.open(tmp_path / "new.sqlite"):
        pass  # an empty store ('actions' refuses a --db that names no file)
    assert main(["--db", str(tmp_path / "new.sqlite"), "actions"]) == 0
    assert capsys.readouterr().out.startswith("Nothing to show yet")


def test_a_bad_date_is_one_line_and_exit_2(sample_db, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "infoview", "--db", str(sample_db), "report",
         "--out", str(tmp_path / "x.html"), "--since", "last tuesday"],
        capture_output=True, text=True, timeout=120, env={**os.environ, "MPLBACKEND": "Agg"})
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "is not a date" in result.stderr
    assert not (tmp_path / "x.html").exists()


def test_report_after_the_ordinary_flow_with_no_industry_anywhere(tmp_path, capsys):
    """The steps of issue 18: a one-row LinkedIn import, a meeting with no industry, a
    debrief with one insight, then the report (it used to stop with a TypeError)."""
    db = str(tmp_path / "flow.sqlite")
    connections = tmp_path / "Connections.csv"
    connections.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                           "Sam,Okafor,https://www.linkedin.com/in/sam-okafor,,Kestrel,Engineer,"
                           "01 Jan 2025\n", encoding="utf-8")
    debrief = tmp_path / "debrief.json"
    debrief.write_text(json.dumps({"meeting_id": 1, "insights": [{"text": "they hire researchers"}]}))
    for argv in (["people", "import-linkedin", str(connections)],
                 ["meeting", "add", "--person", "1", "--when", "2026-11-01T10:00",
                  "--timezone", "Europe/London"],
                 ["debrief", str(debrief), "--yes"]):
        assert main(["--db", db, *argv]) == 0
    out = tmp_path / "r.html"
    assert main(["--db", db, "report", "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    learned = html[html.index("Learned, by industry"):]
    assert "they hire researchers" in learned and ">not noted<" in learned  # an industry not noted, in words
    capsys.readouterr()


def test_the_highlighted_rows_of_the_targets_table_are_the_ones_to_work_on_now(sample_db, tmp_path,
                                                                            capsys):
    """The report says "the highlighted rows are the ones to work on now": read the page as
    a browser would and check which rows carry the highlight."""
    import lxml.html

    from infoview.analytics import targets

    out = tmp_path / "report.html"
    assert main(["--db", str(sample_db), "report", "--out", str(out)]) == 0
    capsys.readouterr()
    page = lxml.html.fromstring(out.read_bytes())
    (section,) = page.xpath('//section[@id="targets"]')
    assert "highlighted rows are the ones to work on now" in section.text_content()
    assert "Organizations to pursue first" in section.text_content()
    header = [th.text_content() for th in section.xpath(".//thead//th")]
    rows = section.xpath(".//tbody/tr")
    highlighted = [r.xpath("./td")[header.index("organization")].text_content()
                   for r in rows if "batch" in r.get("class", "").split()]
    with Store.open(sample_db) as store:
        expected = targets(store.frames())
    assert len(rows) == len(expected) > 5
    assert highlighted == list(expected.loc[expected["batch"], "name"])
    assert len(highlighted) == 5
    assert "tr.batch td { background" in out.read_text(encoding="utf-8")  # and it shows


def _referred_late_at_night(db) -> None:
    """A suggestion recorded at 23:30 UTC on 2 March: 08:30 on 3 March in Tokyo."""
    from infoview.flows.profile import save_profile

    with Store.open(db) as store:
        save_profile(store, name="Lena Fischer", timezone="Asia/Tokyo")
        sam = store.add(Person(name="Sam Okafor"))
        priya = store.add(Person(name="Priya Shah"))
        store.add(Referral(from_person_id=sam.id, to_person_id=priya.id,
                           created_at=datetime(2026, 3, 2, 23, 30, tzinfo=UTC)))


def test_the_report_shows_times_on_the_users_clock_and_names_the_zone(tmp_path, capsys,
                                                                      monkeypatch):
    """Lena's About me says Asia/Tokyo: the report printed UTC times ("23:30 UTC" on the
    day before); it reads them on her clock and says which clock that is, whatever the
    computer's own zone."""
    monkeypatch.setenv("TZ", "America/New_York")
    db = tmp_path / "s.sqlite"
    _referred_late_at_night(db)
    out = tmp_path / "report.html"
    assert main(["--db", str(db), "report", "--out", str(out)]) == 0
    capsys.readouterr()
    html = out.read_text(encoding="utf-8")
    leads = html[html.index("People suggested but not yet contacted"):]
    assert "Tue 3 Mar 2026, 08:30" in leads[:leads.index("</table>")]
    assert "every time on this page is Asia/Tokyo time" in html
    assert "UTC" not in html and "23:30" not in html


def test_the_report_built_without_a_zone_is_the_same_on_any_computer(tmp_path, monkeypatch):
    """The library's report has one default clock, UTC, said on the page: tests and users
    who build it from frames get the same bytes wherever they run."""
    from infoview.analytics.report import build_report

    db = tmp_path / "s.sqlite"
    _referred_late_at_night(db)
    now = datetime(2026, 3, 10, 12, tzinfo=UTC)
    pages = []
    for tz in ("Asia/Tokyo", "America/New_York"):
        monkeypatch.setenv("TZ", tz)
        with Store.open(db) as store:
            pages.append(build_report(store.frames(), now=now))
    assert pages[0] == pages[1]
    assert "Generated Tue 10 Mar 2026, 12:00 (every time on this page is UTC time)" in pages[0]
    assert "Mon 2 Mar 2026, 23:30" in pages[0]


@pytest.mark.parametrize("enabled", [True, False])
def test_the_report_is_built_with_the_cycle_collector_paused_and_leaves_it_as_it_was(
        sample_db, tmp_path, monkeypatch, enabled):
    """The report's tables are built with the collector paused (it walked them again and
    again on a large store); after the command, and after a failure in it, the collector is
    as it was."""
    import gc

    from infoview.errors import BadInput
    from infoview.flows import outcomes

    seen = []
    real = outcomes.write_store_report

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    def failing(*_args, **_kwargs):
        raise BadInput("no room on the disk")

    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        monkeypatch.setattr(outcomes, "write_store_report", watched)
        assert main(["--db", str(sample_db), "report", "--out", str(tmp_path / "r.html")]) == 0
        assert seen == [False] and gc.isenabled() is enabled
        monkeypatch.setattr(outcomes, "write_store_report", failing)
        assert main(["--db", str(sample_db), "report", "--out", str(tmp_path / "s.html")]) == 2
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
