"""The outcomes report: every analytic on one self-contained HTML page.

The page draws its charts as SVG in the page (:mod:`infoview.analytics.charts`) and holds
its styles inline, and links to nothing, so it opens offline, can be mailed to a mentor,
and needs no notebook. Names and notes come from the user's own records and may hold
anything (a pasted ``<script>``): jinja2's autoescape escapes every value, and the only
markup marked safe is a chart's, in which :mod:`~infoview.analytics.charts` escaped
every text it placed.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, date, datetime, tzinfo
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infoview.analytics._frames import (
    Frames,
    channel_list,
    message,
    sharing,
    timestamp,
    to_utc,
)
from infoview.analytics.display import (
    DOOR_OPENER_HEADERS,
    INTRODUCERS_HEADING,
    OUTCOME_WORDS,
    REFERRAL_KEY,
    group_words,
    health_in_words,
    reply_times_in_words,
)
from infoview.analytics.headline import figure_label, format_figure
from infoview.analytics.inputs import FramesInputs
from infoview.analytics.questions import average_text
from infoview.analytics.records import json_rows, to_records  # noqa: F401 (their old home)
from infoview.models import (
    ACTION_KIND_WORDS,
    CHANNEL_WORDS,
    MAY_MENTION_WORDS,
    OWNER_WORDS,
    STATUS_WORDS,
)
from infoview.text import count_of
from infoview.times import day_words, stored_day, zone_label

if TYPE_CHECKING:
    from infoview.store.core import Store

log = logging.getLogger(__name__)

MAX_ROWS = 25
TEMPLATE = "report.html.j2"


# ---- turning frames into what the template shows -------------------------------------------

def _day_time(moment: datetime) -> str:
    """A moment as every page writes one: "Tue 3 Mar 2026, 08:30"."""
    return f"{day_words(moment)}, {moment:%H:%M}"


def _cell(value: Any, column: str, zone: tzinfo = UTC) -> dict[str, Any]:
    """One table cell: text (or a list of entries) and whether it is a number; a moment is
    shown on the clock of ``zone`` (the page says once which zone that is)."""
    import pandas as pd

    if isinstance(value, (list, tuple)):
        return {"text": "", "entries": [str(v) for v in value], "numeric": False, "when": False}
    cell = {"text": "", "entries": None, "numeric": False, "when": False}
    if isinstance(value, datetime) and not isinstance(value, pd.Timestamp):
        value = pd.Timestamp(value)  # a moment a table holds as Python's: as pandas' below
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        cell["text"] = "–"
    elif isinstance(value, (bool,)) or type(value).__name__ == "bool_":
        cell["text"] = "yes" if value else "no"
    elif isinstance(value, pd.Timestamp):
        moment = value if value.tzinfo is None else value.tz_convert(zone)
        # as the app writes a day and time ("Tue 3 Mar 2026, 08:30"), not "2026-03-03 08:30"
        cell["text"] = _day_time(moment)
        cell["when"] = True  # on one line: a day broken over two lines reads badly
    elif isinstance(value, date):  # a day without a time: "Tue 30 Jun 2026", not "2026-06-30"
        cell["text"], cell["when"] = day_words(value), True
    elif isinstance(value, float) or type(value).__name__.startswith("float"):
        share = any(word in column for word in ("rate", "share", "conversion"))
        if "usefulness" in column:  # "4.1", as the chart beside it writes the average
            cell["text"] = average_text(value)
        else:
            cell["text"] = f"{value:.0%}" if share else f"{value:.2f}".rstrip("0").rstrip(".")
        cell["numeric"] = True
    elif isinstance(value, int) or type(value).__name__.startswith("int"):
        cell["text"], cell["numeric"] = str(value), True
    else:
        cell["text"] = str(value)
    return cell


def table_view(df, *, columns: list[str] | None = None, max_rows: int = MAX_ROWS,
               highlight: str | None = None, zone: tzinfo = UTC,
               empty: str = "Nothing to show yet.",
               headers: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A DataFrame as plain rows of cells for the template (``message`` when it is empty,
    ``empty`` without a frame); its moments on the clock of ``zone``; its columns headed
    in words (:func:`column_words`, ``headers`` first for a column this table names
    its own way)."""
    if df is None or len(df) == 0:
        return {"message": message(df) if df is not None else empty,
                "columns": [], "rows": [], "more": 0}
    # only the rows shown are put in words: the count of the rest is all the page says
    shown = codes_in_words((df[columns] if columns else df).head(max_rows))
    # the flag is read from the whole frame: it need not be one of the columns shown
    marks = df[highlight].head(max_rows).tolist() if highlight in df.columns else [False] * len(df)
    # a check/value table (follow-up health): a row whose check is a share is a percentage
    labels = (shown.iloc[:, 0].astype(str).tolist() if list(shown.columns[1:]) == ["value"]
              else None)
    rows = []
    for n, (record, mark) in enumerate(zip(shown.head(max_rows).to_dict("records"), marks,
                                           strict=False)):
        rows.append({
            "cells": [_cell(record[c], labels[n] if labels and c == "value" else c, zone)
                      for c in shown.columns],
            "highlight": bool(mark) if highlight else False,
        })
    return {"message": None, "columns": [column_words(c, headers) for c in shown.columns],
            "rows": rows, "more": max(0, len(df) - max_rows)}


def column_words(column: Any, headers: Mapping[str, str] | None = None) -> str:
    """How the report heads ``column``: ``headers``' words for it, else the words a reader
    knows it by (:data:`_HEADERS`), else its name with spaces ("last_contact" → "last
    contact"); never a name with underscores."""
    name = str(column)
    return (headers or {}).get(name) or _HEADERS.get(name) or name.replace("_", " ")


#: Columns whose stored codes are shown in words, with their words.
_CODE_WORDS = {"owner": OWNER_WORDS, "contact_by": OWNER_WORDS, "kind": ACTION_KIND_WORDS,
               "channel": CHANNEL_WORDS, "status": STATUS_WORDS, "may_mention": MAY_MENTION_WORDS,
               "industry": {"unknown": "not noted"}, "stage": OUTCOME_WORDS,
               "check": OUTCOME_WORDS}
#: Columns counting days, shown as whole days gone by ("19", not "19.6").
_DAY_COUNTS = ("days_overdue", "days_since")
#: Headers a reader understands better than the column's name.
_HEADERS = {"owner": "whose move", "contact_by": "who writes first",
            "keep_in_touch_days": "keep in touch every (days)", "days_since": "days ago",
            # the words of the dashboard's This week and Targets tabs
            "referrer": "suggested by", "referred_at": "suggested on",
            "may_mention": "may mention their name", "motivation": "motivation (0-3)",
            "postings": "openings seen", "advocacy": "someone you know there",
            "check": "what",
            "value": "figure",
            "rebooked": "booked again", "category": "kind of question",
            "asked": "times asked", "rated": "times rated",
            "mean_usefulness": "average usefulness (1 to 5)", "text": "question",
            "insights": "insights noted", "top_tags": "tags noted most",
            "learned": "what you learned",
            **DOOR_OPENER_HEADERS, **OUTCOME_WORDS}
#: Tables whose columns a reader knows by other words than the same columns elsewhere.
#: (A funnel's "replied" is a stage: only the answer rates' is "answered".)
_PEOPLE_COUNTED = {"count": "people"}
_REQUESTS = {"sent": "requests sent", "replied": "answered"}
_WITH_WHOM = {"name": "with"}


def codes_in_words(df):
    """``df`` with its stored codes in words (``no_show`` → "they did not show", ``host``
    → "them") and its day counts whole: a report, like the CLI's tables, is read by a
    person, not by code."""
    changes = {c: df[c].map(lambda v, words=words: words.get(v, v) if isinstance(v, str) else v)
               for c, words in _CODE_WORDS.items() if c in df.columns}
    import pandas as pd

    changes.update({c: df[c].map(lambda v: None if pd.isna(v) else int(v))
                    for c in _DAY_COUNTS if c in df.columns})
    return df.assign(**changes) if changes else df


def _days_late(late, now, zone: tzinfo):
    """Overdue actions whose ``days_overdue`` counts days on the user's calendar, as the
    dashboard does: due on the 17th at 21:50, it is 20 days late on the 7th, not the 19
    whole spans of 24 hours gone by."""
    if late is None or len(late) == 0:
        return late
    import numpy as np
    import pandas as pd

    today = (timestamp(now) or pd.Timestamp.now(tz="UTC")).tz_convert(zone).date()
    # each due moment on the clock of ``zone``, cut to its day (numpy floors a moment
    # before 1970 to its own day too); a missing one stays missing
    due = to_utc(late["due"])
    local_day = (due.dt.tz_convert(zone).dt.tz_localize(None)
                 .to_numpy(dtype="datetime64[us]").astype("datetime64[D]"))
    days = (np.datetime64(today, "D") - local_day).astype("timedelta64[D]").astype(np.int64)
    missing = due.isna().to_numpy()
    return late.assign(days_overdue=pd.arrays.IntegerArray(np.where(missing, 0, days), missing))


# ---- the report ----------------------------------------------------------------------------

def report_sections(frames: Frames | FramesInputs, *, now=None, since=None, until=None,
                    channels=None, zone: tzinfo = UTC) -> list[dict]:
    """Every section of the report as data (headings, tables, charts as SVG markup).

    ``frames`` is the store's frames, or the object computing the report's tables
    (:class:`~infoview.analytics.inputs.FramesInputs`, or
    :func:`~infoview.flows.outcomes.report_inputs` reading the store itself), which then
    holds the moment and the filters. Tables show moments on the clock of ``zone``.
    """
    from infoview.analytics import charts
    from infoview.analytics.funnel import funnel_wide
    from infoview.analytics.network import NO_REFERRALS

    src = _inputs(frames, now=now, since=since, until=until, channels=channels)
    zoned = partial(table_view, zone=zone)

    def block(sub=None, chart=None, table=None, text=None):
        said = charts.chart_message(chart)
        if said is not None:  # a picture of one sentence: said in words, as empty tables are,
            chart = None      # and once only when the empty table under it says it too
            table = table if table and table["message"] else table_view(None, empty=said)
        return {"subheading": sub, "chart": chart,
                "table": table, "text": text}

    depth = src.network_summary()
    drawing = src.referral_drawing()
    overall = src.funnel()
    by_channel = src.funnel(by="channel")
    replies_by_channel = src.reply_rates("channel")
    replies_by_warmth = src.reply_rates("warmth")
    categories = src.category_effectiveness()
    sections: list[dict[str, Any]] = [
        {"key": "funnel", "heading": "The funnel",
         "intro": "How far each person got, from being on your list to an offer. Someone "
                  "met counts as contacted and as having replied; an offer counts as an "
                  "interview, an application and a lead too. The share of the step before "
                  "is of those who reached the stage above (lead and referred someone: of "
                  "those met).",
         "blocks": [
             block(chart=charts.funnel_chart(overall),
                   table=zoned(overall, headers=_PEOPLE_COUNTED)),
             block("By channel of the first message",
                   chart=charts.funnel_chart(by_channel, by="channel", label="funnel by channel")),
             block("By warmth (people reaching each stage)",
                   table=zoned(funnel_wide(src.funnel(by="warmth"), "warmth"))),
         ]},
        {"key": "replies", "heading": "Answer rates and days to reply",
         "intro": "Requests for a conversation, and how many were answered.",
         "blocks": [
             block("By channel", chart=charts.reply_rates_chart(
                 replies_by_channel, key="channel", label="answer rate by channel"),
                 table=zoned(reply_times_in_words(replies_by_channel), headers=_REQUESTS)),
             block("By warmth", chart=charts.reply_rates_chart(
                 replies_by_warmth, key="warmth", label="answer rate by warmth"),
                 table=zoned(reply_times_in_words(replies_by_warmth), headers=_REQUESTS)),
         ]},
        {"key": "network", "heading": "Referral chains",
         "intro": _chains_in_words(depth),
         # no introductions: one sentence says so, not an empty tree and an empty table
         "blocks": [block(table=table_view(None, empty=f"Nothing to show yet: {NO_REFERRALS}"))]
         if drawing is None and not depth["referrals"] else [
             block(chart=charts.referral_chart(drawing),
                   text=REFERRAL_KEY if drawing is not None else None),
             block(INTRODUCERS_HEADING, table=zoned(src.door_openers(10), columns=[
                 "name", "organization", "introductions", "downstream_people", "downstream_meetings"])),
         ]},
        {"key": "followup", "heading": "Follow-up health",
         "blocks": [
             block(table=zoned(health_in_words(src.follow_up_health()))),
             block("Overdue follow-ups", table=zoned(_days_late(src.overdue_actions(), src.now,
                                                             zone), columns=[
                 "what", "kind", "owner", "due", "days_overdue", "name"], headers=_WITH_WHOM)),
             block("Promises not yet kept", table=zoned(src.open_promises(), columns=[
                 "what", "owner", "due", "overdue", "name"], headers=_WITH_WHOM)),
             block("People suggested but not yet contacted", table=zoned(
                 src.uncontacted_leads(), columns=["name", "organization", "referrer", "may_mention",
                                                   "contact_by", "referred_at"])),
             block("Losing touch", table=zoned(src.stale_contacts(), columns=[
                 "name", "organization", "last_contact", "days_since", "keep_in_touch_days"])),
             block("Meetings by status (missed, cancelled and moved ones too)",
                   table=zoned(src.meeting_statuses(), headers={"count": "meetings"})),
         ]},
        {"key": "questions", "heading": "Which questions earned their minutes",
         "blocks": [
             block(chart=charts.questions_chart(categories), table=zoned(categories)),
             block("Questions rated at least twice, most useful first", table=zoned(
                 src.question_effectiveness(2),
                 columns=["text", "category", "asked", "rated", "mean_usefulness"], max_rows=15)),
         ]},
        {"key": "activity", "heading": "Activity and what was learned",
         "blocks": [
             block(chart=charts.activity_chart(src.activity_by_week())),
             block("Learned, by industry", table=zoned(
                 src.insights_by_industry(),
                 columns=["industry", "meetings", "insights", "top_tags", "learned"])),
         ]},
        {"key": "targets", "heading": "Organizations to pursue first",
         "intro": "Organizations sorted by how much you want to work there (motivation), "
                  "then the relevant openings you saw, then whether you know someone there; "
                  "the highlighted rows are the ones to work on now.",
         "blocks": [block(table=zoned(src.targets(), highlight="batch", max_rows=40, columns=[
             "rank", "name", "industry", "motivation", "postings", "advocacy", "people_found",
             "contacted", "met"], headers={"name": "organization"}))]},
    ]
    return [{"intro": None, **section, "blocks": _said_once(section["blocks"])}
            for section in sections]


def _said_once(blocks: list[dict]) -> list[dict]:
    """A section's blocks, or, when every one of them is only the same sentence (an empty
    store: "no people in the store" under the funnel, by channel and by warmth), that
    sentence once, without the headings of tables that are not there."""
    said = {b["table"]["message"] if b["table"] and not b["chart"] and not b["text"] else None
            for b in blocks}
    if len(blocks) < 2 or len(said) != 1 or None in said:
        return blocks
    return [{**blocks[0], "subheading": None}]


def _chains_in_words(depth: dict[str, int]) -> str | None:
    """The referral chains' figures as a sentence (``None`` with none: the section says
    so once, not "0 introductions linking 0 people")."""
    if not depth["referrals"]:
        return None
    return (f"{count_of(depth['referrals'], 'introduction')} linking "
            f"{count_of(depth['people_in_chains'], 'person', 'people')}; the longest chain "
            f"runs {count_of(depth['deepest_chain'], 'introduction')} deep.")


def _inputs(frames: Frames | FramesInputs, **selection: Any) -> FramesInputs:
    """``frames`` as the object computing the report's tables."""
    from infoview.analytics.inputs import FramesInputs

    if isinstance(frames, FramesInputs):
        return frames
    return FramesInputs(frames, now=selection.pop("now"), **selection)


def headline(frames: Frames | FramesInputs, *, now=None, since=None, until=None,
             channels=None) -> list[tuple[str, str]]:
    """The big numbers at the top, as the dashboard shows them for the same filters
    (:func:`infoview.analytics.headline.headline_figures`)."""
    src = _inputs(frames, now=now, since=since, until=until, channels=channels)
    return [(figure_label(label, value), format_figure(label, value))
            for label, value in src.headline_figures().items()]


def build_report(frames: Frames | FramesInputs, *, now: datetime | None = None, since=None,
                 until=None, channels=None, title: str = "Informational interviews: outcomes",
                 zone: tzinfo | None = None) -> str:
    """The whole report as one HTML string (self-contained: inline styles, charts as SVG).

    Args:
        frames: the store's tables (``Store.frames()``), or the object computing the
            report's tables (:func:`~infoview.flows.outcomes.report_inputs` reads the
            store into one, which holds the moment and the filters: the arguments below are
            then not used).
        now: the moment "overdue" and "stale" are measured from (default: now).
        since, until, channels: the same filters the dashboard offers.
        title: the page title.
        zone: the user's time zone (About me's), whose clock every time on the page is
            read on; the page names it. Default UTC, so that the same store gives the same
            page on any computer.
    """
    import jinja2

    from infoview.analytics.inputs import FramesInputs

    if isinstance(frames, FramesInputs):
        src = frames
        now, since, until = src.now, src.window["since"], src.window["until"]
        channels = src.chosen["channels"]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parent)),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    stamp = timestamp(now or datetime.now(UTC))
    assert stamp is not None  # for the type checker: a moment was given
    if not isinstance(frames, FramesInputs):
        src = FramesInputs(frames, now=stamp, since=since, until=until, channels=channels)
    zone = zone or UTC
    selection = []
    if since or until:  # the days as the app writes them: "from Tue 1 Sep 2026 to today"
        selection.append(f"from {stored_day(since, zone) or 'the start'} "
                         f"to {stored_day(until, zone) or 'today'}")
    chosen = channel_list(channels)
    if chosen:
        selection.append("channels: " + ", ".join(group_words(c, "channel") for c in chosen))
    with sharing():  # the sections ask for some results more than once
        return env.get_template(TEMPLATE).render(
            title=title, generated=_day_time(stamp.tz_convert(zone)),
            zone=zone_label(zone, stamp.to_pydatetime()), selection="; ".join(selection),
            headline=headline(src), sections=report_sections(src, zone=zone),
        )


def write_report(frames: Frames | FramesInputs, path: str | Path, *,
                 store: Store | None = None, **options: Any) -> Path:
    """Write :func:`build_report` to ``path`` (folders created); returns the path.

    With ``store``, the file is recorded in the store's exports registry, with everyone
    it names (so that deleting one of them can find it).
    """
    from infoview.store.exports import write_export

    path = write_export(store, path, build_report(frames, **options), kind="report")
    log.info("wrote the outcomes report to %s", path)
    return path
