"""The people the host suggested: a row per person, checked as it is typed (part of
:class:`~infoview.widgets.debrief.DebriefForm`).
"""

from __future__ import annotations

import ipywidgets as w

from infoview.flows.debrief import email_problem
from infoview.models import CHOICES, Meeting, Person
from infoview.widgets._common import esc
from infoview.widgets.debrief_fields import MISSING_CLASS, small_text
from infoview.widgets.debrief_state import DebriefState


class SuggestedPeople(DebriefState):
    """The rows of people suggested, and what keeps one from being saved."""

    def _host_first_name(self) -> str:
        meeting = self.store.get(Meeting, self.meeting.value)
        host = self.store.get(Person, meeting.person_id) if meeting.person_id else None
        return (host.name.split() or ["the host"])[0] if host and host.name else "the host"

    def _person_row(self) -> dict:
        """The fields of one person suggested; name and email are checked as they are typed."""
        labels = {"yes": f"yes, I may mention {self._host}", "no": f"no, leave {self._host} out",
                  "unknown": f"mention {self._host}? not asked"}
        row = {
            # wide enough for a title such as "Senior Director of Clinical Product Operations";
            # the row wraps, so the two choices go on a line of their own
            "name": small_text("name (needed)", "180px"), "title": small_text("title", "300px"),
            "organization": small_text("organization", "240px"),
            "email": small_text("email", "200px"),
            "may_mention": w.Dropdown(options=[(labels.get(c, c), c) for c in
                                               CHOICES[("referrals", "may_mention")]],
                                      value="unknown", layout=w.Layout(width="230px")),
            "contact_by": w.Dropdown(options=[("I contact them", "user"),
                                              (f"{self._host} introduces me", "host")],
                                     value="user", layout=w.Layout(width="190px")),
        }
        for name in ("name", "email", "title", "organization"):
            row[name].observe(lambda _c: self.check_people(), names="value")
        return row

    def check_people(self) -> list[str]:
        """Say, under the rows, which person suggested cannot be saved yet (details but
        no name, or an email that is no address), and mark that field; returns those
        problems."""
        problems, nameless = [], False
        for number, row in enumerate(self.people.rows, 1):
            details = [row[k].value.strip() for k in ("email", "title", "organization")]
            name = row["name"].value.strip()
            missing = any(details) and not name
            nameless = nameless or missing
            if missing:
                problems.append(f"Person {number} ({next(d for d in details if d)}) has no name: "
                                "type their name, or remove the row with ✕.")
            wrong = email_problem(row["email"].value)
            if wrong is not None:
                problems.append(f"Person {number} ({name or 'no name yet'}): {wrong}")
            for key, bad in (("name", missing), ("email", wrong is not None)):
                (row[key].add_class if bad else row[key].remove_class)(MISSING_CLASS)
        self.people_note.value = (
            "<div class='infoview-warning' style='color:#b00020'>"
            + "<br>".join(esc(p) for p in problems)
            + (" A person suggested is saved with a name (the email alone is not enough)."
               if nameless else "")
            + "</div>" if problems else "")
        return problems
