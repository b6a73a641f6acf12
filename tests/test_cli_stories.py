"""The user stories walked from a terminal on a fresh store, against the bundled sample site
served on 127.0.0.1: each test is a step where the kit once said or did the wrong thing."""

from __future__ import annotations

import json

from infoview.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_lenas_brief_has_the_company_her_hosts_page_names(sites, db, tmp_path, capsys):
    """Lena stores "Sam Okafor, Kestrel Health"; Sam's page and Kestrel's site say Kestrel
    Health Labs. Her brief must carry the company research, not "No company research yet"."""
    server = sites.get()
    assert run(capsys, "people", "add", "--name", "Sam Okafor", "--organization",
               "Kestrel Health")[0] == 0
    assert run(capsys, "research", "person", "--name", "Sam Okafor", "--site", server.url,
               "--delay", "0", "--save")[0] == 0
    assert run(capsys, "research", "company", server.url, "--delay", "0", "--save")[0] == 0
    code, out, _ = run(capsys, "prep", "--person", "1", "--out", str(tmp_path / "b.md"))
    assert code == 0
    brief = (tmp_path / "b.md").read_text(encoding="utf-8")
    assert "No company research yet" not in brief
    assert "Kestrel Health Labs builds patient-scheduling" in brief
    assert "Annual report 2024, p. 3" in brief


def test_a_brief_that_cannot_be_made_in_every_format_writes_none(db, tmp_path, capsys):
    """Maya asks for md, html and a calendar file before Sam agreed a time: the calendar
    cannot be made, so the command fails, and (as the README promises of a failing
    command) leaves no Markdown or web page behind either."""
    assert run(capsys, "people", "add", "--name", "Sam Okafor")[0] == 0
    out = tmp_path / "briefs"
    code, _, err = run(capsys, "prep", "--person", "1", "--format", "md,html,ics",
                       "--out", str(out))
    assert code == 2 and "no start time yet" in err
    assert not out.exists() or list(out.iterdir()) == []
    code, printed, _ = run(capsys, "prep", "--person", "1", "--format", "md,html",
                           "--out", str(out))
    assert code == 0
    assert sorted(p.suffix for p in out.iterdir()) == [".html", ".md"]
    assert printed.split() == [str(p) for p in sorted(out.iterdir(), key=lambda p: p.suffix != ".md")]


def test_jonas_briefs_for_two_companies_without_names_are_two_files(sites, tmp_path, capsys):
    """Jonas prepares a brief per exhibitor from its site alone (no person's name yet): each
    brief keeps its own file instead of every one overwriting 'brief-their-name-DAY.md', and
    the agenda greets "[their name]" whole, not "[their"."""
    out = tmp_path / "fair"
    for site in (None, "rich_jsonld"):
        server = sites.get(site)
        code, _, _ = run(capsys, "prep", "--company-url", server.url, "--minutes", "10",
                         "--delay", "0", "--out", str(out))
        assert code == 0
    briefs = sorted(out.iterdir())
    assert len(briefs) == 2
    assert any("kestrel-health-labs" in p.name for p in briefs)
    text = "".join(p.read_text(encoding="utf-8") for p in briefs)
    assert "Greet \\[their name\\] and thank them" in text
    assert "Greet \\[their and" not in text


def test_briefs_of_people_with_non_latin_names_keep_their_own_files(db, tmp_path, capsys):
    """Two hosts whose names have no Latin letters each get a brief of their own (their
    names had both become 'brief-brief-DAY.md'), and accented names keep their letters."""
    out = tmp_path / "briefs"
    for name in ("Олена Коваль", "王伟", "Zoë Brontë"):
        assert run(capsys, "people", "add", "--name", name)[0] == 0
    for pid in ("1", "2", "3"):
        assert run(capsys, "prep", "--person", pid, "--out", str(out))[0] == 0
    names = sorted(p.name.rsplit("-", 3)[0] for p in out.iterdir())
    assert names == ["brief-zoe-bronte", "brief-олена-коваль", "brief-王伟"]


def test_a_brief_does_not_ask_for_the_job_title_the_store_already_holds(db, tmp_path, capsys):
    """Sam's title came with Maya's LinkedIn connections: the brief shows it under Who and
    must not list "No job title found" among the gaps."""
    assert run(capsys, "people", "add", "--name", "Sam Okafor", "--title",
               "Senior UX Researcher")[0] == 0
    assert run(capsys, "prep", "--person", "1", "--out", str(tmp_path / "b.md"))[0] == 0
    brief = (tmp_path / "b.md").read_text(encoding="utf-8")
    assert "Senior UX Researcher" in brief
    assert "No job title found" not in brief
    assert "No public bio found" in brief       # the bio is still a gap


def test_meetings_are_listed_on_my_clock_with_the_time_they_were_booked_beside(db, capsys):
    """A meeting booked for 10:00 Berlin time was listed as "09:00 +0000", then in its own
    zone only: the user reads it on their own clock (About me's zone), as the app shows
    it, with the hour agreed in the meeting's zone beside it; JSON keeps the moment."""
    assert run(capsys, "profile", "set", "--timezone", "Asia/Tokyo")[0] == 0
    assert run(capsys, "people", "add", "--name", "Zoë Brontë")[0] == 0
    assert run(capsys, "meeting", "add", "--person", "1", "--when", "2026-12-20T10:00",
               "--timezone", "Europe/Berlin")[0] == 0
    said = "Sun 20 Dec 2026, 18:00 (10:00 in Europe/Berlin)"
    code, out, _ = run(capsys, "meeting", "list")
    assert code == 0 and said in out and "09:00" not in out and "CET" not in out
    code, out, _ = run(capsys, "meeting", "show", "1")
    assert code == 0 and said in out
    code, out, _ = run(capsys, "meeting", "list", "--json")
    assert json.loads(out)[0]["starts_at"].replace("T", " ") == "2026-12-20 09:00:00+00:00"
    # a meeting in the user's own zone is said once
    assert run(capsys, "meeting", "edit", "1", "--timezone", "Asia/Tokyo")[0] == 0
    code, out, _ = run(capsys, "meeting", "list")
    assert "Sun 20 Dec 2026, 18:00" in out and " in Asia/Tokyo" not in out


def test_the_thank_you_drafted_after_a_debrief_names_what_was_learned(db, tmp_path, capsys):
    """Maya's debrief holds what she learned and what she promised: `draft thanks --person`
    writes them in, as the debrief form's thank-you does, instead of a placeholder."""
    assert run(capsys, "people", "add", "--name", "Sam Okafor")[0] == 0
    assert run(capsys, "meeting", "add", "--person", "1", "--when", "2026-11-03T10:00",
               "--timezone", "Europe/London")[0] == 0
    debrief = tmp_path / "debrief.json"
    debrief.write_text(
        '{"meeting_id": 1, "questions": [{"text": "How did you start?", "answer_notes": '
        '"through teaching", "usefulness": 4}], "insights": [{"text": "Kestrel hires '
        'researchers with teaching backgrounds"}], "promises": [{"what": "send Sam my '
        'portfolio", "owner": "user"}, {"what": "send the article", "owner": "host"}]}',
        encoding="utf-8")
    assert run(capsys, "debrief", str(debrief))[0] == 0
    code, out, err = run(capsys, "draft", "thanks", "--person", "1")
    assert code == 0
    assert "Kestrel hires researchers with teaching backgrounds" in out
    assert "portfolio" in out and "article" not in out
    assert "[one thing you learned]" not in out + err
    code, out, _ = run(capsys, "draft", "thanks", "--person", "1", "--learned", "their path")
    assert "what you told me: their path" in out     # what the user gives still wins


def test_a_debrief_file_answering_a_planned_question_keeps_it_a_bank_question(db, tmp_path,
                                                                             capsys):
    """Maya's debrief file names her planned questions by their text, as the README shows.
    Each answer must stay tied to the bank question planned (its id and category), or the
    next plan cannot learn from her rating of it."""
    from infoview.models import QuestionAsked
    from infoview.store import Store

    assert run(capsys, "people", "add", "--name", "Sam Okafor")[0] == 0
    assert run(capsys, "meeting", "add", "--person", "1", "--when", "2026-11-03T10:00",
               "--timezone", "Europe/London", "--role", "UX researcher", "--plan")[0] == 0
    with Store.open(db) as store:
        planned = store.list(QuestionAsked, meeting_id=1)
    first = planned[0]
    assert first.question_id
    debrief = tmp_path / "debrief.json"
    debrief.write_text(json.dumps({"meeting_id": 1, "questions": [
        {"text": first.text.upper() + " ", "usefulness": 5},
        {"text": "What is your favourite tool?", "usefulness": 3}]}), encoding="utf-8")
    assert run(capsys, "debrief", str(debrief))[0] == 0
    with Store.open(db) as store:
        saved = store.list(QuestionAsked, meeting_id=1)
    assert [(q.question_id, q.category, q.usefulness) for q in saved if q.asked] == [
        (first.question_id, first.category, 5), (None, None, 3)]
    # the plan's other questions are kept, as not asked
    assert [q.text for q in saved if not q.asked] == [q.text for q in planned[1:]]


def test_the_company_name_typed_stays_and_the_sites_name_finds_it(sites, db, tmp_path,
                                                                   capsys):
    """Lena typed "Kestrel Health"; Sam's page and the site say Kestrel Health Labs. Once
    research is saved, Sam's record keeps her words, the organization is kept under them
    too, and the site's name finds it: the dossier and warm paths see one organization."""
    server = sites.get()
    assert run(capsys, "people", "add", "--name", "Sam Okafor", "--organization",
               "Kestrel Health")[0] == 0
    assert run(capsys, "research", "company", server.url, "--delay", "0", "--save")[0] == 0
    assert run(capsys, "research", "person", "--name", "Sam Okafor", "--site", server.url,
               "--delay", "0", "--save")[0] == 0
    code, out, _ = run(capsys, "people", "list")
    assert "Sam Okafor  (Senior UX Researcher, Kestrel Health)" in out
    for asked in ("Kestrel Health Labs", "Kestrel Health"):
        code, out, _ = run(capsys, "warm", asked)
        assert code == 0 and "Sam Okafor #1" in out
        code, _, _ = run(capsys, "dossier", asked, "--format", "md",
                         "--out", str(tmp_path / "d.md"))
        dossier = (tmp_path / "d.md").read_text(encoding="utf-8")
        assert "Sam Okafor" in dossier and "Kestrel raises £6m" in dossier


def test_logging_the_thank_you_sent_ticks_off_the_thank_you_to_send(db, tmp_path, capsys):
    """Maya logs the thank-you she sent (`outreach add --kind thanks`): the report counted
    it as sent on time while listing "Send Sam Okafor a thank-you note" as overdue, and
    `actions` kept it; as a logged confirmation ticks off its reminder, it is done."""
    assert run(capsys, "people", "add", "--name", "Sam Okafor")[0] == 0
    assert run(capsys, "meeting", "add", "--person", "1", "--when", "2026-11-03T10:00",
               "--timezone", "Europe/London")[0] == 0
    (tmp_path / "d.json").write_text('{"meeting_id": 1}', encoding="utf-8")
    assert run(capsys, "debrief", str(tmp_path / "d.json"))[0] == 0
    assert "thank-you note" in run(capsys, "actions")[1]
    assert run(capsys, "outreach", "add", "--person", "1", "--kind", "thanks",
               "--sent", "2026-11-03T18:00+00:00")[0] == 0
    code, out, _ = run(capsys, "actions")
    assert "thank-you note" not in out
    assert run(capsys, "report", "--out", str(tmp_path / "r.html"))[0] == 0
    report = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Send Sam Okafor a thank-you note" not in report


def test_jonas_batch_file_given_as_research_is_refused_not_read_as_its_first_company(
        sites, db, tmp_path, capsys):
    """Jonas passes his whole batch output to `questions lint --research`: planning or
    linting against whichever company happens to be first is wrong without a word; he is
    told to pick the company's line."""
    from infoview.store import Store

    Store.open(db).close()  # his store ($INFOVIEW_DB), started before the fair
    out = tmp_path / "exhibitors.jsonl"
    urls = tmp_path / "fair.txt"
    urls.write_text(f"{sites.get().url}\n{sites.get('rich_jsonld').url}\n", encoding="utf-8")
    assert run(capsys, "research", "batch", str(urls), "--out", str(out), "--delay", "0")[0] == 0
    code, _, err = run(capsys, "questions", "lint", "When was it founded?", "--research",
                       str(out))
    assert code == 2 and "2 research results" in err
    first = tmp_path / "one.json"
    first.write_text(out.read_text(encoding="utf-8").splitlines()[0], encoding="utf-8")
    assert run(capsys, "questions", "lint", "What do you do?", "--research", str(first))[0] != 2


def test_deleting_lenas_sam_forgets_the_name_his_page_gives_him_too(sites, db, capsys):
    """Lena stored "Sam Okafor"; the page research found for him says "Samira Okafor".
    When she deletes him, the name his own page gives him goes too: from the company
    research saved beside him (its staff list), the cached team page and sitemap."""
    from infoview.flows.forget import files_naming
    from infoview.paths import default_cache_path

    server = sites.get()
    assert run(capsys, "people", "add", "--name", "Sam Okafor", "--organization",
               "Kestrel Health")[0] == 0
    assert run(capsys, "research", "company", server.url, "--delay", "0", "--save")[0] == 0
    assert run(capsys, "research", "person", "--name", "Sam Okafor", "--site", server.url,
               "--delay", "0", "--save")[0] == 0
    cache = default_cache_path(db)
    assert files_naming([db, cache], "Samira Okafor")
    code, out, _ = run(capsys, "people", "delete", "1", "--yes")
    assert code == 0 and "still name" not in out
    assert files_naming([db, cache], "Samira Okafor") == []
    code, out, _ = run(capsys, "research", "company", server.url, "--delay", "0")
    assert "Imogen Hartley" in out       # the rest of the company is still there to research


def test_the_thank_you_for_an_earlier_meeting_names_what_that_meeting_taught(db, tmp_path,
                                                                             capsys):
    """`draft thanks --meeting 1` after two meetings with Sam: what was learned comes from
    meeting 1's debrief, not from the latest one."""
    assert run(capsys, "people", "add", "--name", "Sam Okafor")[0] == 0
    for n, (day, insight) in enumerate((("2026-11-03", "teaching counts as research"),
                                        ("2026-11-20", "the NHS framework matters")), 1):
        assert run(capsys, "meeting", "add", "--person", "1", "--when", f"{day}T10:00",
                   "--timezone", "Europe/London")[0] == 0
        path = tmp_path / f"d{n}.json"
        path.write_text(json.dumps({"meeting_id": n, "insights": [{"text": insight}]}),
                        encoding="utf-8")
        assert run(capsys, "debrief", str(path))[0] == 0
    assert "the NHS framework matters" in run(capsys, "draft", "thanks", "--person", "1")[1]
    out = run(capsys, "draft", "thanks", "--meeting", "1")[1]
    assert "teaching counts as research" in out and "NHS" not in out


def test_a_zone_typed_as_a_city_is_written_out_as_its_iana_name(db, tmp_path, capsys):
    """Jonas types '--timezone Berlin' as About me lets Lena type it: the meeting keeps
    Europe/Berlin, and the calendar file and the brief name that zone, not 'Berlin' (a
    calendar program does not know a TZID called 'Berlin')."""
    assert run(capsys, "people", "add", "--name", "Sam Okafor")[0] == 0
    assert run(capsys, "meeting", "add", "--person", "1", "--when", "2026-12-01T10:00",
               "--timezone", "Berlin")[0] == 0
    code, out, _ = run(capsys, "meeting", "show", "1", "--json")
    assert code == 0 and json.loads(out)["meeting"]["timezone"] == "Europe/Berlin"
    folder = tmp_path / "brief"
    code, _, err = run(capsys, "prep", "--meeting", "1", "--format", "md,ics", "--out",
                       str(folder))
    assert code == 0, err
    ics = next(folder.glob("*.ics")).read_text(encoding="utf-8")
    assert "TZID=Europe/Berlin" in ics and "TZID=Berlin" not in ics
    brief = next(folder.glob("*.md")).read_text(encoding="utf-8")
    assert "Europe/Berlin" in brief and "(Berlin)" not in brief
