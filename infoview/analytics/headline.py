"""The headline figures of the outcomes: one computation for the dashboard and the report.

The dashboard's cards and the report's top line used to be computed separately (and the
report ignored the filters); both now show :func:`headline_figures` for the same filters.
Like the rest of :mod:`infoview.analytics`, it reads only the store's tables, never the store.
"""

from __future__ import annotations

from datetime import date, datetime

from infoview.analytics._frames import Frames
from infoview.analytics.followup import follow_up_health
from infoview.analytics.funnel import funnel
from infoview.analytics.network import network_summary

#: Headline figures counted from the funnel: (label, funnel stage).
HEADLINE_STAGES = (("people", "identified"), ("contacted", "contacted"), ("replied", "replied"),
                   ("met", "met"), ("leads", "lead"), ("applications", "application"),
                   ("interviews", "interview"), ("offers", "offer"))


def headline_figures(frames: Frames, *, since: date | None = None,
                     until: date | None = None, channels: list[str] | None = None,
                     now: datetime | None = None) -> dict[str, float | int | None]:
    """The big numbers at the top of the outcomes, for the given filters.

    The funnel's counts per stage (people, contacted, replied, met, leads, applications,
    interviews, offers), the reply rate (the funnel's own replied-of-contacted share, so it
    always agrees with the two counts; ``None`` when nobody was contacted), the deepest
    referral chain, and the number of overdue actions.

    Args:
        frames: the store's tables (``Store.frames()``).
        since, until, channels: the dashboard's filters (``channels=None``: all).
        now: the moment "overdue" is measured against (default: now).
    """
    overall = funnel(frames, since=since, until=until, channels=channels)
    health = follow_up_health(frames, now=now, since=since, until=until)
    network = network_summary(frames)
    counts = dict(zip(overall["stage"], overall["count"], strict=True)) if len(overall) else {}
    checks = dict(zip(health["check"], health["value"], strict=True))
    head: dict[str, float | int | None] = {
        label: int(counts.get(stage, 0)) for label, stage in HEADLINE_STAGES}
    rates = dict(zip(overall["stage"], overall["conversion"], strict=True)) if len(overall) else {}
    rate = rates.get("replied")
    head["reply rate"] = None if rate is None or rate != rate else round(float(rate), 3)
    head["deepest referral chain"] = network.get("deepest_chain", 0)
    head["overdue actions"] = int(checks.get("overdue actions", 0) or 0)
    return head


#: The label of a headline card whose figure is exactly 1 ("1 overdue follow-up", "1 person").
_ONE_OF = {"people": "person", "leads": "lead", "applications": "application",
           "interviews": "interview", "offers": "offer", "overdue actions": "overdue follow-up"}
#: The words under a card whose key is not a plain word ("deepest referral chain").
_WORDS = {"deepest referral chain": "longest chain of introductions",
          "overdue actions": "overdue follow-ups"}


def figure_label(label: str, value: float | int | None) -> str:
    """The words under a headline figure, agreeing with it: "1" over "overdue follow-up",
    "3" over "overdue follow-ups". The figures' keys stay plural; only the shown words change."""
    return _ONE_OF.get(label, label) if value == 1 else _WORDS.get(label, label)


def format_figure(label: str, value: float | int | None) -> str:
    """A headline figure as shown: ``45%`` for the reply rate, ``–`` for no value."""
    if value is None:
        return "–"
    return f"{value:.0%}" if label == "reply rate" else f"{value:g}"
