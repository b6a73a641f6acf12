"""`infoview questions plan|lint|bank` from the command line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from question_fixtures import KESTREL

from infoview.cli import main
from infoview.questions.bank import USER_BANK_ENV


@pytest.fixture(autouse=True)
def _no_user_bank(monkeypatch):
    monkeypatch.delenv(USER_BANK_ENV, raising=False)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture()
def research_file(tmp_path):
    path = tmp_path / "kestrel.json"
    path.write_text(json.dumps(KESTREL.to_dict()), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["questions"], ["questions", "plan"], ["questions", "lint"],
                                     ["questions", "bank"]])
def test_help_describes_each_command(capsys, command):
    with pytest.raises(SystemExit) as info:
        main(command + ["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: infoview " + " ".join(command))
    if command[-1] == "plan":
        assert "--minutes" in out and "--research" in out and "--explain" in out
        assert "--bank-file" in out


def test_plan_json_follows_the_contract(capsys):
    status, out, _ = run(capsys, "questions", "plan", "--role", "data analyst", "--industry",
                         "healthcare", "--minutes", "20", "--json")
    assert status == 0
    items = json.loads(out)
    assert all(set(i) == {"id", "category", "text", "minutes", "reason"} for i in items)
    assert [i["id"] for i in items[-2:]] == ["closing-01", "closing-02"]
    assert sum(i["minutes"] for i in items) <= 20 - 4
    assert "a data analyst" in " ".join(i["text"] for i in items)


def test_plan_with_research_explains_what_was_left_out(capsys, research_file, tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text("id,category,weight,text\n"
                    'mine-01,workplace,5,"What exactly does {company} do?"\n', encoding="utf-8")
    status, out, _ = run(capsys, "questions", "plan", "--minutes", "30", "--research",
                         str(research_file), "--explain", "--asked", "path-01",
                         "--bank-file", str(mine))
    assert status == 0
    assert "why: " in out and "Fixed parts: Greeting" in out
    assert "- path-01: already asked of this person" in out
    assert "more suitable question(s) did not fit in 30 minutes" in out
    assert ("- mine-01: research already answers it: 'Kestrel Health Labs builds "
            "patient-scheduling software for clinics' (https://kestrel.example/about)") in out


def test_plan_include_exclude_and_focus(capsys):
    status, out, _ = run(capsys, "questions", "plan", "--include", "resources-05,role-09",
                         "--exclude", "path-01", "--focus", "advice", "--json")
    ids = [i["id"] for i in json.loads(out)]
    assert status == 0 and ids[:2] == ["resources-05", "role-09"] and "path-01" not in ids


def test_plan_bad_minutes_is_one_line_and_status_2(capsys):
    status, out, err = run(capsys, "questions", "plan", "--minutes", "-3")
    assert status == 2 and out == ""
    assert err.strip() == ("infoview: error: the meeting must last 10 to 240 minutes, not -3; "
                           "informational interviews usually take 15 to 30")


def test_plan_bad_research_file_is_a_clear_error(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    status, _, err = run(capsys, "questions", "plan", "--research", str(bad))
    assert status == 2 and "bad.json" in err and "not JSON" in err
    status, _, err = run(capsys, "questions", "plan", "--research", str(tmp_path / "none.json"))
    assert status == 2 and "cannot read the research file" in err


def test_lint_prints_warnings_with_suggestions_and_exits_1(capsys):
    status, out, _ = run(capsys, "questions", "lint", "Do you like working at Acme?")
    assert status == 1
    assert out.startswith("closed: ") and "try: What do you like most about working at Acme?" in out


def test_lint_json_is_empty_for_a_fine_question(capsys):
    status, out, _ = run(capsys, "questions", "lint", "What keeps you in this field?", "--json")
    assert status == 0 and json.loads(out) == []


def test_lint_json_names_research_findings(capsys, research_file):
    status, out, _ = run(capsys, "questions", "lint", "Who is the CEO?", "--research",
                         str(research_file), "--json")
    (warning,) = json.loads(out)
    assert status == 1 and set(warning) == {"code", "message", "suggestion"}
    assert warning["code"] == "research_answerable"
    assert "Ada Byrne (Chief Executive Officer)" in warning["message"]


def test_bank_lists_and_filters(capsys):
    status, out, _ = run(capsys, "questions", "bank", "--category", "advice", "--audience",
                         "student", "--json")
    rows = json.loads(out)
    assert status == 0 and rows and all(r["category"] == "advice" for r in rows)
    assert all("student" in r["audiences"] or "anyone" in r["audiences"] for r in rows)
    status, out, _ = run(capsys, "questions", "bank")
    assert status == 0 and out.rstrip().endswith("question(s)") and "closing-02" in out


def test_bank_unknown_category_is_an_error(capsys):
    status, _, err = run(capsys, "questions", "bank", "--category", "gossip")
    assert status == 2 and "unknown category 'gossip'" in err


def test_user_bank_file_from_option_or_environment(capsys, tmp_path, monkeypatch):
    mine = tmp_path / "mine.csv"
    mine.write_text("id,category,minutes,weight,text,favourite\n"
                    "mine-01,industry,2,1,Which client surprised you most this year?,yes\n"
                    "path-01,,,,,\n", encoding="utf-8")
    status, out, _ = run(capsys, "questions", "plan", "--bank-file", str(mine), "--json")
    assert status == 0 and json.loads(out)[0]["id"] == "mine-01"
    monkeypatch.setenv(USER_BANK_ENV, str(mine))
    status, out, _ = run(capsys, "questions", "bank", "--category", "industry")
    assert "mine-01" in out and "*" in out


def test_bad_user_bank_file_names_the_line(capsys, tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text("id,category,text\nmine-01,hobby,What?\n", encoding="utf-8")
    status, _, err = run(capsys, "questions", "bank", "--bank-file", str(mine))
    assert status == 2 and "mine.csv, line 2" in err and "unknown category 'hobby'" in err


def test_real_process_prints_a_plan():
    result = subprocess.run(
        [sys.executable, "-m", "infoview", "questions", "plan", "--role", "nurse",
         "--minutes", "15"], capture_output=True, text=True, timeout=60,
        env={**__import__("os").environ, USER_BANK_ENV: ""})
    assert result.returncode == 0, result.stderr
    assert "Question plan for a 15-minute meeting" in result.stdout
    assert "May I mention your name" in result.stdout
