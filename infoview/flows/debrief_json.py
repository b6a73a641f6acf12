"""The shape of a debrief file (``infoview debrief FILE.json``), as text.

Kept apart from :mod:`infoview.flows.debrief`, which reads and saves debriefs, so that
``infoview debrief --help`` shows it without loading the flows; that module re-exports it.
"""

from __future__ import annotations

#: The shape of a debrief file, as ``infoview debrief --help`` and the README show it.
DEBRIEF_JSON_SHAPE = """\
{"meeting_id": 3,                        (required: see infoview meeting list)
 "rapport": 4,                           (1-5, optional)
 "notes": "text",                        (optional)
 "questions": [{"text": "...", "answer_notes": "...", "usefulness": 4,
                "question_id": null, "category": null}],
 "insights":  [{"text": "...", "tags": ["hiring"]}],
 "people":    [{"name": "...", "title": null, "organization": null, "email": null,
                "phone": null, "profile_url": null, "may_mention": "yes|no|unknown",
                "contact_by": "user|host", "notes": null}],
 "promises":  [{"what": "...", "owner": "user|host", "due": "YYYY-MM-DD"}],
 "outcomes":  [{"kind": "lead|application|interview|offer", "date": "YYYY-MM-DD",
                "notes": null}]}"""
