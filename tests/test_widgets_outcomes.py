"""The outcomes dashboard on the sample history and on an empty store."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from infoview.demo.history import generate_sample
from infoview.models import Action
from infoview.store import Store
from infoview.widgets.outcomes import TAB_TITLES, OutcomesDashboard

TODAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = Store.open(tmp_path_factory.mktemp("outcomes") / "s.sqlite")
    generate_sample(store, seed=7, today=TODAY)
    return store


@pytest.fixture(scope="module")
def dashboard(store):
    return OutcomesDashboard(store, now=NOW)


def test_headline_figures_match_the_funnel_and_every_tab_is_filled(dashboard):
    assert dashboard.message.kind == "ok", dashboard.message.text
    head = dashboard.headline
    funnel = dict(zip(dashboard.tables["funnel"]["stage"], dashboard.tables["funnel"]["count"], strict=True))
    assert head["people"] == funnel["identified"] > 0
    assert head["met"] == funnel["met"] > 0
    assert head["people"] >= head["contacted"] >= head["replied"] >= head["met"]
    assert 0 < head["reply rate"] <= 1
    for title in TAB_TITLES:
        assert dashboard.panes[title].value, title
    for title in ("Funnel", "Replies", "Referrals", "Questions", "Activity"):
        assert "data:image/png;base64," in dashboard.panes[title].value
    assert f">{head['people']}<" in dashboard.headline_html.value


def test_overdue_count_matches_the_store(dashboard, store):
    from infoview.flows.actions import FOLLOW_UP_WINDOW_DAYS
    from infoview.models import Meeting, Outreach, Person
    from infoview.prep.followup import missing_actions, three_b_seven
    from infoview.times import zone_or_local

    stored = store.list(Action)
    # the 3B7 follow-ups of unanswered requests count too, saved or not (one source)
    computed = three_b_seven(store.list(Outreach), store.list(Person), today=NOW.date(),
                             meetings=store.list(Meeting),
                             zone=zone_or_local(store.get_profile().timezone),
                             country=store.get_profile().region)
    # (for the weeks after a request: those past the window have gone cold)
    computed = [a for a in computed if a.due >= NOW - timedelta(days=FOLLOW_UP_WINDOW_DAYS)]
    overdue = [a for a in stored + missing_actions(computed, stored)
               if a.done_at is None and a.due is not None and a.due < NOW]
    assert any(a.id is None for a in overdue)
    assert dashboard.headline["overdue actions"] == len(overdue)
    actions = dashboard.tables["actions"]
    assert int(actions["overdue"].sum()) == len(overdue)


def test_channel_and_date_filters_narrow_the_figures(store, dashboard):
    everyone = dashboard.headline["contacted"]
    panel = OutcomesDashboard(store, now=NOW, refresh=False)
    assert panel.headline == {} and "Update" in panel.message.text
    panel.channels.value = ("email",)
    assert panel.filters()["channels"] == ["email"]
    panel.refresh_button.click()
    assert 0 < panel.headline["contacted"] < everyone
    panel.channels.value = [channel for _words, channel in panel.channels.options]
    assert panel.filters()["channels"] is None  # every channel chosen is no filter
    panel.since.value = date(2030, 1, 1)  # a range that holds nobody
    panel.refresh_button.click()
    assert panel.message.kind == "ok", panel.message.text
    assert panel.headline["contacted"] == 0
    panel.channels.value = ()
    panel.refresh_button.click()
    assert panel.message.kind == "warning"


def test_dates_the_wrong_way_round_are_named_as_days_not_option_names(store):
    # Seen in the browser: "since (2026-12-31) comes after until (2026-01-01)", the
    # terminal's option names, under the page's From and to.
    panel = OutcomesDashboard(store, now=NOW, refresh=False)
    panel.since.value, panel.until.value = date(2026, 12, 31), date(2026, 1, 1)
    panel.refresh_button.click()
    assert panel.message.kind == "error"
    assert "starts on 31 Dec 2026" in panel.message.text and "1 Jan 2026" in panel.message.text
    assert "swap the two dates" in panel.message.text
    assert "since" not in panel.message.text and "until" not in panel.message.text


def test_empty_store_shows_plain_messages(tmp_path):
    panel = OutcomesDashboard(Store.open(tmp_path / "empty.sqlite"), now=NOW)
    assert panel.message.kind == "ok", panel.message.text
    assert panel.headline["people"] == 0 and panel.headline["reply rate"] is None
    assert "Nothing to show" in panel.panes["Funnel"].value or "no people" in panel.panes["Funnel"].value


def test_an_empty_store_says_nothing_to_show_once_not_in_the_picture_and_under_it(tmp_path):
    panel = OutcomesDashboard(Store.open(tmp_path / "empty.sqlite"), now=NOW)
    for tab in ("Funnel", "Replies", "Questions", "Referrals", "Activity"):
        pane = panel.panes[tab].value
        assert "<img" not in pane, tab  # the picture would only repeat the sentence
        said = re.findall(r"Nothing to show yet[^<]*", pane)
        assert said and len(said) == len(set(said)), (tab, pane)  # each sentence once


def test_an_empty_store_says_it_has_no_meetings_not_six_rows_of_zeros(tmp_path):
    # Seen in the browser: under "Meetings by status" a new user read asked for 0, booked
    # 0, held 0, they did not show 0, cancelled 0, moved 0, and a Share column left blank.
    panel = OutcomesDashboard(Store.open(tmp_path / "empty.sqlite"), now=NOW,
                              out_dir=tmp_path / "exports")
    pane = panel.panes["Funnel"].value
    statuses = pane[pane.index("Meetings by status"):]
    assert "<table" not in statuses and "no meetings in this selection" in statuses
    panel.report_button.click()
    page = panel.report_path.read_text()
    start = page.index("Meetings by status")
    statuses = page[start:page.index("Which questions earned", start)]
    assert "<table" not in statuses and "no meetings in this selection" in statuses


def test_the_saved_report_of_an_empty_store_says_each_nothing_to_show_once(tmp_path):
    # Seen in the saved report: a grey picture saying "Nothing to show yet: no people in the
    # store for this selection." and the same sentence again under it, in every section.
    panel = OutcomesDashboard(Store.open(tmp_path / "empty.sqlite"), now=NOW,
                              out_dir=tmp_path / "exports")
    panel.report_button.click()
    page = panel.report_path.read_text()
    # no picture of a sentence: each empty chart says why in words, as empty tables do,
    # and once where the empty table under it says the same
    assert "nothing-to-show" not in page and "<svg" not in page
    # a section all of whose parts would say the same says it once, under its heading
    funnel = page[page.index('<section id="funnel">'):]
    funnel = funnel[:funnel.index("</section>")]
    assert funnel.count("no people saved yet") == 1, funnel
    assert "By channel of the first message" not in funnel
    for section in ("no people saved yet", "no requests sent", "no questions recorded",
                    "no referrals recorded", "no messages or meetings"):
        assert section in page
    health = page[page.index("share of thank-yous on time"):][:200]
    assert "none yet: no meeting held" in health  # as the Follow-ups tab says it, not "–"


def test_tabs_with_data_still_draw_their_picture(dashboard):
    for tab in ("Funnel", "Replies", "Questions", "Referrals", "Activity"):
        assert "<img" in dashboard.panes[tab].value, tab


def test_the_filters_help_says_only_what_the_chosen_grouping_means(store):
    # Seen in the browser: "By warmth: how close you were ..." under the filters whatever
    # the funnel was split by, overall and by channel too.
    panel = OutcomesDashboard(store, now=NOW, refresh=False)
    assert panel.funnel_by.value == "overall"
    assert panel.grouping_help.value == ""  # overall needs no words
    panel.funnel_by.value = "warmth"
    assert "By warmth" in panel.grouping_help.value
    assert "By channel" not in panel.grouping_help.value
    panel.funnel_by.value = "channel"
    assert "By channel" in panel.grouping_help.value
    assert "warmth" not in panel.grouping_help.value.lower()
    panel.funnel_by.value = "overall"
    assert panel.grouping_help.value == ""
    assert panel.grouping_help in panel.children  # on the page, under the filters


def test_funnel_by_channel_splits_the_table(store):
    panel = OutcomesDashboard(store, now=NOW, refresh=False)
    panel.funnel_by.value = "channel"
    panel.refresh_button.click()
    assert panel.message.kind == "ok", panel.message.text
    assert "group" in panel.tables["funnel"].columns
    assert set(panel.tables["funnel"]["group"]) >= {"email", "linkedin"}


def test_save_report_writes_one_self_contained_page(store, tmp_path):
    panel = OutcomesDashboard(store, now=NOW, refresh=False, out_dir=tmp_path / "exports")
    panel.channels.value = ("email", "linkedin")
    panel.report_button.click()
    assert panel.message.kind == "ok", panel.message.text
    page = panel.report_path.read_text()
    assert panel.report_path == tmp_path / "exports" / "outcomes-report.html"
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and "<script" not in page
    assert f"download='{panel.report_path.name}'" in panel.report_link.value  # from the page
    assert f"saved in <code>{panel.report_path.parent}</code>" in panel.report_link.value
    assert OutcomesDashboard(store, refresh=False).report_button.layout.display == "none"


def test_the_saved_report_speaks_in_words_not_stored_codes(store, tmp_path):
    """The report a user saves and opens: whose move is "you" or "them", a follow-up's kind
    and a meeting's status are words, days late are whole days, the share of thank-yous on
    time is a percentage (it read host, next_contact, no_show, 19.6 and 0.81)."""
    import re

    panel = OutcomesDashboard(store, now=NOW, refresh=False, out_dir=tmp_path / "exports")
    panel.report_button.click()
    assert panel.message.kind == "ok", panel.message.text
    page = panel.report_path.read_text()
    cells = re.findall(r"<t[dh][^>]*>\s*([^<]*?)\s*</t[dh]>", page)
    for code in ("user", "host", "no_show", "next_contact", "follow_up", "contact_referral",
                 "owner", "contact by", "keep in touch days", "unknown"):
        assert code not in cells, code
    assert "whose move" in cells and "them" in cells and "they did not show" in cells
    health = page[page.index("share of thank-yous on time"):][:200]
    assert re.search(r">\s*\d+%\s*<", health), health
    replies = page[page.rindex("Answer rates and days to reply"):page.rindex("Referral chains")]
    assert "typical time to a reply" in cells and "median days to reply" not in cells
    assert re.search(r">\s*about \d+ days?\s*<", replies)  # not "3.58"
    overdue = page[page.index("Overdue follow-ups"):page.index("Promises not yet kept")]
    assert "days overdue" in overdue and not re.search(r">\s*\d+\.\d+\s*<", overdue)


def test_a_share_with_nothing_to_count_says_so_instead_of_an_empty_cell(tmp_path):
    import re

    from infoview.models import Person

    store = Store.open(tmp_path / "new.sqlite")
    store.add(Person(name="Sam Okafor"))
    pane = OutcomesDashboard(store, now=NOW).panes["Follow-ups"].value
    row = re.search(r"share of thank-yous on time</td>\s*<td[^>]*>([^<]*)</td>", pane)
    assert row and row[1] == "none yet: no meeting held", pane[:600]


def test_one_week_of_activity_is_drawn_over_weeks_not_years(tmp_path):
    """A new user's first message: the Activity plot spans a few weeks around it (it
    spanned four years, the one dot lost in the middle)."""
    from matplotlib.dates import num2date

    from infoview.models import Outreach, Person

    store = Store.open(tmp_path / "new.sqlite")
    sam = store.add(Person(name="Sam Okafor"))
    store.add(Outreach(person_id=sam.id, channel="email", kind="request",
                       sent_at=NOW - timedelta(days=2)))
    axes = OutcomesDashboard(store, now=NOW).figures["activity"].axes[0]
    first, last = (num2date(v) for v in axes.get_xlim())
    assert (last - first).days <= 42, (first, last)


def test_the_report_and_the_dashboard_agree_on_how_late_a_follow_up_is(tmp_path):
    """Due on the 1st at 21:00, seen on the 7th at noon: 6 days late on both (the report
    said 5, the whole spans of 24 hours gone by)."""
    import re

    from infoview.models import Person

    store = Store.open(tmp_path / "late.sqlite")
    sam = store.add(Person(name="Sam Okafor"))
    store.add(Action(what="Send Sam the article", person_id=sam.id,
                     due=datetime(2026, 12, 1, 21, 0, tzinfo=UTC)))
    now = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    panel = OutcomesDashboard(store, now=now, out_dir=tmp_path / "exports")
    assert "overdue by 6 days" in panel.panes["Follow-ups"].value.replace("\u00a0", " ")
    panel.report_button.click()
    page = panel.report_path.read_text()
    overdue = page[page.rindex("Overdue follow-ups"):page.rindex("Promises not yet kept")]
    row = re.search(r"Send Sam the article.*?</tr>", overdue, re.S)
    assert row and re.search(r">\s*6\s*<", row[0]) and not re.search(r">\s*5\s*<", row[0])


def _one_debriefed_meeting(path, name: str):
    """A store at ``path`` with one meeting with ``name``, debriefed with one answer and no
    scores; returns the store and the meeting."""
    from infoview.flows.debrief import AnsweredQuestion, Debrief, save_debrief
    from infoview.flows.meetings import save_meeting_plan
    from infoview.models import Meeting, Person

    store = Store.open(path)
    _person, meeting = save_meeting_plan(store, Person(name=name),
                                         Meeting(person_id=0, starts_at=NOW), None)
    save_debrief(store, Debrief(meeting_id=meeting.id, questions=[
        AnsweredQuestion(text="How did you start?", category="path", answer_notes="nursing")]))
    return store, meeting


def test_a_debrief_with_no_scores_still_draws_every_figure(tmp_path):
    store, _meeting = _one_debriefed_meeting(tmp_path / "one.sqlite", "Samira Okafor")
    panel = OutcomesDashboard(store, now=NOW)
    assert panel.message.kind == "ok", panel.message.text
    assert "not rated" in panel.panes["Questions"].value or "data:image/png" in panel.panes["Questions"].value


def test_follow_ups_read_as_dates_and_lateness_not_ids(dashboard):
    pane = dashboard.panes["Follow-ups"].value.replace("\u00a0", " ").replace("&nbsp;", " ")
    assert "overdue by " in pane and "Whose move" in pane
    assert "person_id" not in pane and "Meeting id" not in pane
    assert "Person id" not in dashboard.panes["Referrals"].value  # ids mean nothing to a reader
    assert "Share of everyone on your list" in dashboard.panes["Funnel"].value  # readable headers


def test_actions_view_reads_as_when_what_who(store):
    from infoview.analytics.followup import due_actions
    from infoview.widgets import actions_view

    view = actions_view(due_actions(store.frames(), now=NOW, days=14), NOW)
    assert list(view.columns) == ["due", "status", "what", "with", "whose move"]
    assert set(view["whose move"]) <= {"you", "them"}
    assert all(s.replace("\u00a0", " ").startswith(("overdue", "due")) for s in view["status"])


def test_lateness_counts_calendar_days_not_whole_spans_of_24_hours(tmp_path):
    """Due at 09:00 on the 1st, seen at noon on the 7th: six days late, as the date beside
    it says (the floor of a negative span of moments said seven); due at 09:00 on the 9th:
    in two days, not one."""
    from infoview.analytics.followup import due_actions
    from infoview.models import Person
    from infoview.widgets.outcomes import actions_view

    store = Store.open(tmp_path / "late.sqlite")
    sam = store.add(Person(name="Sam Okafor"))
    now = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    store.add(Action(what="Send Sam the article", person_id=sam.id,
                     due=datetime(2026, 12, 1, 9, 0, tzinfo=UTC)))
    store.add(Action(what="Confirm the call", person_id=sam.id,
                     due=datetime(2026, 12, 9, 9, 0, tzinfo=UTC)))
    view = actions_view(due_actions(store.frames(), now=now, days=14), now)
    shown = {what: status.replace("\u00a0", " ")
             for what, status in zip(view["what"], view["status"], strict=True)}
    assert shown == {"Send Sam Okafor the article": "overdue by 6 days",  # named as Home names
                     "Confirm the call": "due in 2 days"}


def test_losing_touch_counts_whole_days(dashboard):
    import re

    pane = dashboard.panes["This week"].value
    losing = pane[pane.index("Losing touch"):pane.index("Leads not yet contacted")]
    assert "Days ago" in losing and re.search(r">\d+</td>", losing)
    assert "Last what" not in losing and ">Level<" not in losing  # column names, not words
    leads = pane[pane.index("Leads not yet contacted"):]
    assert "Suggested by" in leads and ">Referrer<" not in leads and ">unknown<" not in leads
    assert not re.search(r">\d+\.\d+</td>", losing), losing  # no "99.3" days


def test_grouping_applies_at_once_and_changed_filters_ask_for_update(store):
    panel = OutcomesDashboard(store, now=NOW)
    panel.funnel_by.value = "warmth"
    assert "group" in panel.tables["funnel"].columns  # no Update needed
    panel.since.value = date(2026, 9, 1)
    assert panel.message.kind == "info" and "press Update" in panel.message.text


def test_the_target_list_says_which_to_work_on_now_in_plain_words(dashboard):
    pane = dashboard.panes["Targets"].value
    assert "Work on it" in pane and ">now<" in pane and ">later<" in pane
    assert "Batch" not in pane and ">Advocacy<" not in pane
    assert "People you know there" in pane
    # The words above the table name its columns as the table does (they said "Advocacy"
    # and "Postings", headers the table does not have).
    help_text = pane.split("<table", 1)[0]
    assert "Advocacy" not in help_text and "Postings" not in help_text
    assert "Openings seen" in help_text and "People found" in help_text
    # How much she wants each, in the words she chose it with, not a score out of 3.
    assert "How much you want it" in pane and "Motivation (0-3)" not in pane
    assert re.search(r">(not scored yet|a little|quite a lot|very much)<", pane), pane


def test_this_week_with_nothing_due_soon_does_not_say_nothing_is_open(tmp_path):
    # Seen in the browser: Follow-ups said "open actions 2" while This week said "Nothing to
    # show yet: no open actions." (both were due later than the week).
    store = Store.open(tmp_path / "s.sqlite")
    store.add(Action(what="Send Sam the article", due=NOW + timedelta(days=12)))
    week = OutcomesDashboard(store, now=NOW).panes["This week"].value
    assert "no open actions" not in week
    assert "nothing due in the next 7 days" in week


def test_this_week_lists_overdue_apart_from_what_is_due_as_the_digest_does(tmp_path):
    # Seen in the app: "Due this week (3)" over two follow-ups overdue by days and one due
    # on Friday; the printed digest lists the two under "Overdue" and one under "Due this
    # week". The tab now says the same, with the same counts, nothing twice.
    import html

    from infoview.models import Person

    store = Store.open(tmp_path / "week.sqlite")
    sam = store.add(Person(name="Sam Okafor"))
    for what, days in (("Send Sam the article", -6), ("Thank Ada", -2),
                       ("Confirm the call", 2), ("Ask about the team", 12)):
        store.add(Action(what=what, person_id=sam.id, due=NOW + timedelta(days=days)))
    week = html.unescape(OutcomesDashboard(store, now=NOW).panes["This week"].value)
    late = week[week.index("<h4>Overdue (2)</h4>"):week.index("<h4>Due this week (1)</h4>")]
    coming = week[week.index("<h4>Due this week (1)</h4>"):week.index("<h4>Meetings")]
    assert "Send Sam Okafor the article" in late and "Thank Ada" in late
    assert "Confirm the call" not in late
    assert "Confirm the call" in coming
    assert "Send Sam Okafor the article" not in coming and "Thank Ada" not in coming
    assert "Ask about the team" not in week  # later than the week
    # Nothing overdue, or nothing but overdue: each list says so in words.
    for action in store.list(Action):
        if action.what != "Confirm the call":
            store.delete(Action, action.id)
    week = OutcomesDashboard(store, now=NOW).panes["This week"].value
    assert "<h4>Overdue (0)</h4><p><i>Nothing is overdue.</i></p>" in week
    assert "<h4>Due this week (1)</h4>" in week


def test_questions_chart_says_average_out_of_5_and_how_often_rated(dashboard):
    # Seen in the browser: bars ended in "4.30 (n=96)", which means nothing to most readers.
    ax = dashboard.figures["questions"].axes[0]
    ends = [t.get_text() for t in ax.texts]
    assert ends and all("(n=" not in e for e in ends)
    assert any(e.strip().endswith(" times") and " out of 5, rated " in e for e in ends), ends
    assert "mean" not in ax.get_xlabel() and "average usefulness" in ax.get_xlabel()
    assert max(ax.get_xticks()) == 5  # the scale ends at 5, the words need the room after


def test_reply_times_read_as_hours_or_days_not_fractions(dashboard):
    # Seen in the browser: "Median days to reply 0.633" and bars labelled "1.4 d".
    pane = dashboard.panes["Replies"].value
    assert "Median days to reply" not in pane and "Mean days to reply" not in pane
    assert "Typical time to a reply" in pane and "Average time to a reply" in pane
    assert "about " in pane or " hours" in pane
    ax = dashboard.figures["replies"].axes[0]
    assert "median days" not in ax.get_title() and "typical time to a reply" in ax.get_title()
    labels = [t.get_text() for t in ax.texts]
    assert labels and not any(line.endswith(" d") for t in labels for line in t.splitlines())


def test_the_target_list_explains_its_ranking_without_an_acronym(dashboard):
    pane = dashboard.panes["Targets"].value
    assert "LAMP" not in pane
    assert "most worth your time first" in pane


@pytest.mark.parametrize(("days", "words"), [
    (0.633, "15 hours"), (0.01, "under an hour"), (1 / 24, "1 hour"), (0.99, "about 1 day"),
    (1.4, "about 1 day"), (3.6, "about 4 days"), (float("nan"), ""), (None, "")])
def test_days_in_words_rounds_plainly(days, words):
    from infoview.analytics.display import days_in_words

    assert days_in_words(days) == words


def test_the_saved_report_reads_times_on_the_clock_about_me_names(tmp_path):
    from infoview.flows.profile import save_profile
    from infoview.models import Person, Referral

    store = Store.open(tmp_path / "s.sqlite")
    save_profile(store, name="Lena Fischer", timezone="Asia/Tokyo")
    sam, priya = store.add(Person(name="Sam Okafor")), store.add(Person(name="Priya Shah"))
    store.add(Referral(from_person_id=sam.id, to_person_id=priya.id,
                       created_at=datetime(2026, 3, 2, 23, 30, tzinfo=UTC)))
    panel = OutcomesDashboard(store, now=NOW, refresh=False, out_dir=tmp_path / "exports")
    panel.report_button.click()
    assert panel.message.kind == "ok", panel.message.text
    page = panel.report_path.read_text(encoding="utf-8")
    assert "every time on this page is Asia/Tokyo time" in page
    assert "Tue 3 Mar 2026, 08:30" in page and "UTC" not in page


@pytest.mark.parametrize(("by", "heading"), [("channel", "first message by"),
                                             ("warmth", "how you know them")])
def test_a_split_funnels_picture_heads_its_legend_as_the_report_does(store, by, heading):
    # The picture's legend was headed by the stored name, "channel" or "warmth".
    panel = OutcomesDashboard(store, now=NOW)
    panel.funnel_by.value = by
    legend = panel.figures["funnel"].axes[0].get_legend()
    assert legend.get_title().get_text() == heading


def test_linkedin_is_written_as_the_filters_write_it_in_the_tabs_and_the_report(store,
                                                                                 tmp_path):
    # Seen in the browser: the Channels filter said "LinkedIn", the Replies tab's picture
    # and table under it, and the saved report's charts and tables, "linkedin".
    import re

    panel = OutcomesDashboard(store, now=NOW, out_dir=tmp_path / "exports")
    ticks = [t.get_text() for t in panel.figures["replies"].axes[0].get_xticklabels()]
    assert "LinkedIn" in ticks and "linkedin" not in ticks
    assert re.search(r">\s*LinkedIn\s*<", panel.panes["Replies"].value)
    assert not re.search(r">\s*linkedin\s*<", panel.panes["Replies"].value)
    panel.funnel_by.value = "channel"
    legend = [t.get_text() for t in panel.figures["funnel"].axes[0].get_legend().get_texts()]
    assert "LinkedIn" in legend and "linkedin" not in legend
    panel.report_button.click()
    page = panel.report_path.read_text()
    assert re.search(r">\s*LinkedIn\s*<", page)  # in a chart's text and a table's cell
    assert not re.search(r">\s*linkedin\s*<", page)


def test_the_saved_report_uses_the_words_of_the_page(store, tmp_path):
    # Seen in the saved report: "stale contacts" and "Contacts gone quiet" for whom the page
    # says "Losing touch"; "referrer", "referred at", "postings", "advocacy" where the This
    # week and Targets tabs say "suggested by", "suggested on", "openings seen".
    panel = OutcomesDashboard(store, now=NOW, out_dir=tmp_path / "exports")
    panel.report_button.click()
    page = panel.report_path.read_text()
    cells = re.findall(r"<t[dh][^>]*>\s*([^<]*?)\s*</t[dh]>", page)
    for words in ("people losing touch", "suggested by", "suggested on",
                  "may mention their name", "days ago", "openings seen",
                  "someone you know there", "motivation (0-3)"):
        assert words in cells, words
    for code in ("stale contacts", "referrer", "referred at", "postings", "advocacy",
                 "days since", "may mention"):
        assert code not in cells, code
    assert "<h3>Losing touch</h3>" in page and "gone quiet" not in page
    assert "people losing touch" in panel.panes["Follow-ups"].value
    assert "stale" not in panel.panes["Follow-ups"].value


def test_a_store_where_nobody_suggested_anyone_does_not_say_all_were_contacted(tmp_path):
    # Seen on an empty store: "Leads not yet contacted: every suggested person has been
    # contacted", of people nobody ever suggested.
    panel = OutcomesDashboard(Store.open(tmp_path / "empty.sqlite"), now=NOW)
    week = panel.panes["This week"].value
    assert "every suggested person has been contacted" not in week
    assert "nobody has suggested anyone to you yet" in week


def test_a_split_funnel_is_one_row_per_group_as_in_the_report(store):
    # Seen in the browser: "by warmth" listed 54 rows (every warmth by every stage) under
    # the picture; the saved report shows one row per warmth, a column per stage.
    panel = OutcomesDashboard(store, now=NOW, refresh=False)
    panel.funnel_by.value = "warmth"
    panel.refresh_button.click()
    groups = list(dict.fromkeys(panel.tables["funnel"]["group"]))
    pane = panel.panes["Funnel"].value
    table = pane[pane.index("<table"):pane.index("</table>")]
    assert table.count("<tr") == len(groups) + 1  # the header, then one row per group
    assert re.search(r">\s*Warmth\s*<", table) and re.search(r">\s*Referred someone\s*<", table)
    panel.funnel_by.value = "channel"
    pane = panel.panes["Funnel"].value
    table = pane[pane.index("<table"):pane.index("</table>")]
    assert re.search(r">\s*Channel\s*<", table) and re.search(r">\s*LinkedIn\s*<", table)


def test_this_week_and_the_report_write_days_as_the_page_does(dashboard, store, tmp_path):
    # Seen in the browser: This week's Due said "Tue 17 Nov 2026" and Losing touch, just
    # under it, "2026-07-15"; a meeting this week showed its day without its hour; the
    # saved report wrote "2026-11-17 21:50".
    week = dashboard.panes["This week"].value.replace("\u00a0", " ")
    assert not re.search(r">\s*\d{4}-\d\d-\d\d", week)
    touch = week[week.index("Losing touch"):week.index("Leads not yet contacted")]
    assert re.search(r">\s*(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d [A-Z][a-z]{2} \d{4}\s*<", touch)
    from infoview.models import Meeting, Person

    soon = Store.open(tmp_path / "soon.sqlite")
    profile = soon.get_profile()
    profile.timezone = "Europe/London"  # GMT in November: the hour as stored
    soon.save_profile(profile)
    sam = soon.add(Person(name="Sam Okafor"))
    soon.add(Meeting(person_id=sam.id, starts_at=datetime(2026, 11, 23, 14, 30, tzinfo=UTC),
                     status="scheduled"))
    week = OutcomesDashboard(soon, now=NOW).panes["This week"].value.replace("\u00a0", " ")
    assert "Mon 23 Nov 2026, 14:30" in week
    panel = OutcomesDashboard(store, now=NOW, refresh=False, out_dir=tmp_path / "exports")
    page = panel.save_report().read_text()
    assert not re.search(r">\s*\d{4}-\d\d-\d\d \d\d:\d\d\s*<", page)
    assert re.search(r">\s*(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d [A-Z][a-z]{2} \d{4}, \d\d:\d\d\s*<",
                     page)


def test_the_referral_tree_says_what_its_colours_mean_and_its_table_is_in_words(dashboard,
                                                                              tmp_path, store):
    # Seen in the browser: green and grey dots with nothing saying which is which, and
    # "Downstream people", "Downstream meetings" over the door openers.
    from infoview.analytics.display import REFERRAL_KEY

    pane = dashboard.panes["Referrals"].value
    assert REFERRAL_KEY in pane and "Green: people you have met" in pane
    assert "People reached through them" in pane and "ownstream" not in pane
    empty = OutcomesDashboard(Store.open(tmp_path / "empty.sqlite"), now=NOW)
    assert REFERRAL_KEY not in empty.panes["Referrals"].value  # no tree, no key
    page = OutcomesDashboard(store, now=NOW, refresh=False,
                             out_dir=tmp_path / "exports").save_report().read_text()
    assert REFERRAL_KEY in page and "people reached through them" in page
    assert "downstream" not in page


def test_the_activity_axes_name_months_and_days_not_iso_dates(dashboard, store, tmp_path):
    # Seen in the browser: "2026-06", "2026-07" under the Activity picture, and
    # "2026-06-29" under the saved report's.
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = dashboard.figures["activity"]
    FigureCanvasAgg(figure).draw()
    ticks = [t.get_text() for t in figure.axes[0].get_xticklabels() if t.get_text()]
    assert ticks and all(re.fullmatch(r"[A-Z][a-z]{2} \d{4}", t) for t in ticks), ticks
    page = OutcomesDashboard(store, now=NOW, refresh=False,
                             out_dir=tmp_path / "exports").save_report().read_text()
    activity = page[page.rindex("Activity per week"):]
    activity = activity[:activity.index("</svg>")]
    # the days as the app writes them ("Mon 8 Jun 2026", then "Mon 13 Jul")
    assert re.search(r">Mon \d{1,2} [A-Z][a-z]{2} \d{4}<", activity)
    assert re.search(r">Mon \d{1,2} [A-Z][a-z]{2}<", activity)
    assert not re.search(r">\d{4}-\d\d-\d\d<", activity)


def test_the_saved_reports_days_and_times_stay_on_one_line(store, tmp_path):
    # Seen in the saved report: "Tue 17 Nov" on one line of the Due cell, "2026, 21:50" on
    # the next.
    page = OutcomesDashboard(store, now=NOW, refresh=False,
                             out_dir=tmp_path / "exports").save_report().read_text()
    assert "td.when { white-space: nowrap; }" in page
    moments = re.findall(r'<td class="when">([^<]*)</td>', page)
    assert moments and all(re.fullmatch(r"\w{3} [1-9]\d? \w{3} \d{4}, \d\d:\d\d", m) for m in moments)
    assert not re.search(r'<td>\w{3} \d\d? \w{3} \d{4}, \d\d:\d\d</td>', page)


def test_the_questions_table_writes_averages_to_one_decimal_as_its_chart_does(dashboard):
    # Seen: the table said 4.33 where the chart beside it said 4.3.
    pane = dashboard.panes["Questions"].value
    table = pane[pane.index("<table"):]
    cells = re.findall(r"<td[^>]*>(\d+\.\d+)</td>", table)
    assert cells, "the sample history should rate some questions"
    assert all(len(c.split(".")[1]) == 1 for c in cells), cells


def test_a_thank_you_not_due_until_tomorrow_is_not_counted_late(tmp_path):
    # the meeting was held this afternoon and debriefed: the thank-you is due tomorrow, and
    # the Follow-ups tab and the report said "share of thank-yous on time: 0%"
    from infoview.flows.debrief import Debrief, save_debrief
    from infoview.flows.outreach_log import record_outreach
    from infoview.models import Meeting, Person

    store = Store.open(tmp_path / "today.sqlite")
    rae = store.add(Person(name="Rae Lin"))
    meeting = store.add(Meeting(person_id=rae.saved_id, starts_at=NOW - timedelta(hours=3),
                                planned_minutes=30))
    save_debrief(store, Debrief(meeting_id=meeting.saved_id), now=NOW)

    def shown(page: str, check: str) -> str | None:
        row = re.search(rf"{check}</td>\s*<td[^>]*>([^<]*)</td>", page)
        return row[1] if row else None

    panel = OutcomesDashboard(store, now=NOW, refresh=False, out_dir=tmp_path / "exports")
    panel.report_button.click()
    assert panel.message.kind == "ok", panel.message.text
    for page in (OutcomesDashboard(store, now=NOW).panes["Follow-ups"].value,
                 panel.report_path.read_text()):
        assert shown(page, "share of thank-yous on time") == "none due yet", page[:800]
        assert shown(page, "thank-yous not yet due") == "1"
    # still not sent once the 24 hours are over: late
    late = OutcomesDashboard(store, now=NOW + timedelta(days=2)).panes["Follow-ups"].value
    assert shown(late, "share of thank-yous on time") == "0%"
    assert shown(late, "thank-yous not yet due") is None
    # sent the next morning: on time, and the share counts it
    record_outreach(store, rae.saved_id, kind="thanks", sent_at=NOW + timedelta(hours=14))
    later = OutcomesDashboard(store, now=NOW + timedelta(days=2)).panes["Follow-ups"].value
    assert shown(later, "share of thank-yous on time") == "100%"


def test_a_card_counting_one_says_its_noun_once(tmp_path):
    """Lena's cards read "1 overdue actions": a figure of 1 sits over the singular noun,
    while the figures themselves (and the report's rows) keep their plural keys."""
    from infoview.models import Person

    store = Store.open(tmp_path / "one.sqlite")
    sam = store.add(Person(name="Sam Okafor"))
    store.add(Action(what="Send Sam the article", person_id=sam.id,
                     due=datetime(2026, 12, 1, 21, 0, tzinfo=UTC)))
    panel = OutcomesDashboard(store, now=datetime(2026, 12, 7, 12, 0, tzinfo=UTC))
    assert panel.headline["overdue actions"] == 1 and panel.headline["people"] == 1
    cards = re.findall(r">([^<>]+)</div><div>([^<>]+)</div>", panel.headline_html.value)
    shown = dict((label, figure) for figure, label in cards)
    assert shown["overdue follow-up"] == "1" and shown["person"] == "1"
    assert "overdue follow-ups" not in shown and "people" not in shown
    store.add(Action(what="Ask Sam for a name", person_id=sam.id,
                     due=datetime(2026, 12, 2, 21, 0, tzinfo=UTC)))
    again = OutcomesDashboard(store, now=datetime(2026, 12, 7, 12, 0, tzinfo=UTC))
    assert ">2</div><div>overdue follow-ups</div>" in again.headline_html.value


def test_replies_after_a_debrief_with_no_request_say_who_the_headline_counts(tmp_path):
    """Lena's Outcomes after her first debrief, with no request logged: the headline said
    "1 contacted, 1 replied, 100% reply rate" while the Replies tab said no requests were
    sent. The tab now says both: no request recorded, and who is counted as having replied."""
    import html

    from infoview.models import Outreach

    store, meeting = _one_debriefed_meeting(tmp_path / "met.sqlite", "Sam Okafor")
    panel = OutcomesDashboard(store, now=NOW)
    assert (panel.headline["contacted"], panel.headline["replied"]) == (1, 1)
    replies = html.unescape(panel.panes["Replies"].value)
    assert ("no requests recorded in this selection; 1 person you met is counted as "
            "contacted and as having replied.") in replies
    assert "no requests sent" not in replies
    # Once a request is logged the tab counts it, as before.
    store.add(Outreach(person_id=meeting.person_id, kind="request",
                       sent_at=NOW - timedelta(days=20)))
    again = html.unescape(OutcomesDashboard(store, now=NOW).panes["Replies"].value)
    assert "no requests recorded" not in again and "100%" in again


def test_save_report_applies_filters_changed_but_not_updated(store, tmp_path):
    # Seen in the browser: "From" set to 1 Oct, then Save report at once: the report was of
    # October while the page beside it still showed the figures of all time.
    panel = OutcomesDashboard(store, now=NOW, out_dir=tmp_path / "exports")
    everyone = panel.headline["people"]
    panel.since.value = date(2026, 10, 1)
    assert "press Update" in panel.message.text
    panel.report_button.click()
    assert panel.report_path is not None and panel.report_path.exists()
    assert panel.shown_filters == panel.filters()
    assert panel.headline["people"] < everyone  # the page shows what the report holds
    assert panel.message.text == "Saved for the filters shown."


def test_save_report_with_an_empty_period_writes_nothing_and_says_why(store, tmp_path):
    panel = OutcomesDashboard(store, now=NOW, out_dir=tmp_path / "exports")
    panel.since.value, panel.until.value = date(2026, 10, 1), date(2026, 9, 1)
    panel.report_button.click()
    assert panel.report_path is None and not (tmp_path / "exports").exists()
    assert panel.message.kind == "error" and "swap the two dates" in panel.message.text


def test_the_targets_tab_lists_the_organization_a_person_works_at(tmp_path):
    """Seen as a new user: Targets said "no organizations added yet" beside Sam's record,
    which names Kestrel Health."""
    from infoview.models import Person

    store = Store.open(tmp_path / "sam.sqlite")
    store.add(Person(name="Sam Okafor", organization="Kestrel Health"))
    targets = OutcomesDashboard(store, now=NOW).panes["Targets"].value
    assert "Kestrel Health" in targets and "no organizations" not in targets


def test_the_tables_are_saved_for_a_spreadsheet_with_accents_and_no_formulas(tmp_path):
    """Outcomes offered only the HTML report; a user wants her people and follow-ups in a
    spreadsheet: CSV that Excel opens with "Zoë" intact and a name like "=HYPERLINK(...)"
    shown as text, never run."""
    import csv

    from infoview.models import Person

    store = Store.open(tmp_path / "s.sqlite")
    zoe = store.add(Person(name="Zoë Brontë", organization="=HYPERLINK(\"x\")"))
    store.add(Action(what="Send Zoë the article", person_id=zoe.id,
                     due=datetime(2026, 11, 18, 12, 0, tzinfo=UTC)))
    panel = OutcomesDashboard(store, now=NOW, out_dir=tmp_path / "exports")
    panel.sheets_button.click()
    assert panel.message.kind == "ok", panel.message.text
    people, followups = panel.sheet_paths
    assert people.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with its mark
    rows = list(csv.DictReader(people.read_text(encoding="utf-8-sig").splitlines()))
    assert rows == [{"person": "Zoë Brontë", "organization": "'=HYPERLINK(\"x\")",
                     "how you know them": "cold", "first message by": "not contacted",
                     "got as far as": "on your list", "suggested someone": "",
                     "what came of it": ""}]
    due = list(csv.DictReader(followups.read_text(encoding="utf-8-sig").splitlines()))
    assert [(r["due"], r["overdue"], r["what"], r["with"]) for r in due] == [
        ("2026-11-18", "yes", "Send Zoë Brontë the article", "Zoë Brontë")]
    assert people.name in panel.sheets_link.value and followups.name in panel.sheets_link.value


def test_a_saved_file_link_goes_when_the_filters_change_and_is_not_said_twice(store, tmp_path):
    """Seen in the browser: the old report's link stayed while the filters changed, and
    "Saved outcomes-report.html" under it repeated the link's file name."""
    panel = OutcomesDashboard(store, now=NOW, out_dir=tmp_path / "exports")
    panel.report_button.click()
    assert "outcomes-report.html" in panel.report_link.value
    assert "outcomes-report.html" not in panel.message.text
    panel.since.value = date(2026, 10, 1)
    assert panel.report_link.value == "" and panel.sheets_link.value == ""


def test_the_funnel_picture_names_its_first_stage_as_the_table_does(dashboard):
    ticks = [t.get_text() for t in dashboard.figures["funnel"].axes[0].get_yticklabels()]
    assert ticks[0] == "on your list" and "identified" not in ticks
