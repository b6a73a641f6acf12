"""The linter on questions as people say them: pay, job asks and yes/no questions without an
auxiliary, caught by general rules (not by these strings), and the open questions that
mention money or jobs legitimately, which must pass.

Judgement calls, decided here and in ``docs/method.md``:

- "How do people in this field learn to negotiate?" passes: it asks how a skill is learned,
  not what anyone is paid. A question is about pay when it asks for an amount, a band or a
  package (what someone makes, takes home, is offered), not when money is its subject
  ("How does funding shape your projects?").
- "Any advice for a newcomer?" is a yes/no question in form ("any ...?") and is flagged,
  with an open rewording; "Your biggest challenge?" (a noun phrase, no verb) asks for a
  thing, not a yes or no, and passes.
- How people find openings in a field passes; asking whether this person's team has one
  does not.
"""

from __future__ import annotations

import json

import pytest
from question_fixtures import KESTREL

from infoview.cli import main
from infoview.questions.lint import lint_question


def codes(text: str, research=None) -> set[str]:
    return {w.code for w in lint_question(text, research)}


PAY = [
    "What's the comp band like?",
    "What's the OTE for sales roles?",
    "What do juniors take home?",
    "What does a new grad take home a month?",
    "What's total comp like for a senior engineer?",
    "How much do juniors get?",
    "How much would a trainee make starting out?",
    "What do freelancers charge per day?",
    "What do nurses make an hour?",
    "What's the package like for new graduates?",
    "How's the money in consulting?",
    "Is the money any good?",
    "Do people make good money in this field?",
    "Is it worth it financially?",
    "What's the starting salary at your firm?",
    "What's the base pay for analysts?",
    "What perks come with the job?",
    "What does remuneration look like at your level?",
    "What do contractors bill per project?",
    "Any signing bonus for graduates?",
]

JOB = [
    "Any openings on your team?",
    "Any roles going at the moment?",
    "Got any vacancies right now?",
    "Anything open on your team?",
    "You guys hiring?",
    "Your team hiring at the moment?",
    "Hiring at the moment?",
    "What openings do you have right now?",
    "Are there openings in your department?",
    "Any chance of an interview?",
    "Could you pass my name on to your manager?",
    "Would you put me forward for the graduate scheme?",
    "Is there room for someone like me on your team?",
    "Any internships going this summer?",
]

CLOSED = [
    "You like it here?",
    "So you enjoy the work?",
    "It's hard to get in?",
    "Your team uses Figma?",
    "There's a lot of travel?",
    "People stay long at your company?",
    "The team is mostly remote?",
    "Everyone works from the office?",
    "That's common in consulting?",
    "You always wanted to be a designer?",
    "Any advice for a newcomer?",
    "Anything you would change about your path?",
]

OPEN = [
    "How do people in this field learn to negotiate?",
    "How does funding shape the projects your team takes on?",
    "How do startups in health tech raise money?",
    "How does money flow through a hospital's budget?",
    "What do designers make of the new AI tools?",
    "What do you take home from a good conference?",
    "How much time do you get for learning new skills?",
    "How do people usually find openings in this field?",
    "How does your team decide whom to hire?",
    "What is the hiring process like in this industry?",
    "Which companies in the region are growing fastest?",
    "What are the benefits of a graduate scheme?",
    "How does health equity shape your research?",
    "What is the comp sci background of most people on your team?",
    "How do freelancers decide what to charge?",
    "Your biggest challenge this year?",
    "Thoughts on where the field is heading?",
    "You mentioned burnout earlier: what helped you through it?",
    "You prefer working with startups or with large clients?",
    "Tell me about a project you are proud of?",
    "What would make an application stand out to you?",
    "Which roles on your team work most closely with researchers?",
    "What do people in your role spend most of their day on?",
]


@pytest.mark.parametrize("text", PAY)
def test_pay_as_people_say_it_is_flagged(text):
    assert "salary" in codes(text), text


@pytest.mark.parametrize("text", JOB)
def test_job_asks_as_people_say_them_are_flagged(text):
    assert "job_ask" in codes(text), text


@pytest.mark.parametrize("text", CLOSED)
def test_yes_no_questions_without_an_auxiliary_are_flagged(text):
    warnings = [w for w in lint_question(text) if w.code == "closed"]
    assert warnings, text
    assert "yes or no" in warnings[0].message


@pytest.mark.parametrize("text", OPEN)
def test_open_questions_that_mention_money_jobs_or_start_oddly_pass(text):
    assert not codes(text) & {"salary", "job_ask", "closed"}, (text, codes(text))


@pytest.mark.parametrize("text, suggestion", [
    ("You like it here?", "What do you like most about working here?"),
    ("It's hard to get in?", "What makes it hard to get in?"),
    ("Any advice for a newcomer?", "What advice would you give a newcomer?"),
    ("Anything you would change about your path?", "What would you change about your path?"),
    ("Any books you'd recommend?", "Which books would you recommend?"),
])
def test_statement_questions_get_an_open_rewording_that_passes(text, suggestion):
    (warning,) = [w for w in lint_question(text) if w.code == "closed"]
    assert warning.suggestion == suggestion
    assert lint_question(suggestion) == []


def test_the_rules_are_general_not_a_list_of_the_issues_strings():
    # Same shapes, other words: a rule per shape, not per sentence.
    assert "salary" in codes("What's the comp range like for product managers?")
    assert "salary" in codes("What do interns bring in a month?")
    assert "job_ask" in codes("Any positions on your team?")
    assert "job_ask" in codes("Got any roles coming up?")
    assert "closed" in codes("Your manager lets you work from home?")


# -- item 8: research answers a question that names the company ----------------------------
@pytest.mark.parametrize("text, fact", [
    ("When was Kestrel Health Labs founded?", "'founded 2014' (https://kestrel.example/about)"),
    ("When was Kestrel founded?", "'founded 2014'"),
    ("How old is Kestrel Health Labs?", "'founded 2014'"),
    ("Who runs Kestrel Health Labs?", "Ada Byrne (Chief Executive Officer)"),
    ("How did Kestrel get started?", "'It was started by two nurses'"),
    ("How big is Kestrel?", "About 120 people work at Kestrel"),
])
def test_a_question_naming_the_company_is_answered_by_its_research(text, fact):
    (warning,) = lint_question(text, KESTREL)
    assert warning.code == "research_answerable"
    assert "Research already found" in warning.message and fact in warning.message


def test_research_about_one_company_answers_nothing_about_another():
    (warning,) = lint_question("When was Acme Widgets founded?", KESTREL)
    assert "Research already found" not in warning.message and "website" in warning.message
    assert warning.suggestion == "How has Acme Widgets changed since you joined?"


def test_a_founding_year_is_not_the_companys_story():
    (warning,) = lint_question("What is the history of the company?",
                               {"url": "https://x.example/", "name": "X", "founded": "1999"})
    assert "Research already found" not in warning.message  # only the year is known
    assert codes("When did Covid start changing your work?") == set()
    assert codes("What is the history of AI in radiology?") == set()


def test_cli_lint_names_the_fact_research_found(tmp_path, capsys):
    research = tmp_path / "research.json"
    research.write_text(json.dumps(KESTREL.to_dict()), encoding="utf-8")
    status = main(["questions", "lint", "When was Kestrel Health Labs founded?",
                   "--research", str(research)])
    out = capsys.readouterr().out
    assert status == 1
    assert out.startswith("research_answerable: Research already found when it was founded: "
                          "'founded 2014' (https://kestrel.example/about)")
