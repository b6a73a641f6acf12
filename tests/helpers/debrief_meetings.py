"""A store holding one planned meeting with two questions, for the debrief form's tests."""

from __future__ import annotations

from datetime import datetime

from infoview.flows.meetings import save_meeting_plan
from infoview.models import Meeting, Person, UserProfile
from infoview.questions.models import PlanItem, QuestionPlan
from infoview.store import Store

PLAN = QuestionPlan(items=[
    PlanItem("path-01", "path", "How did you end up working as a UX researcher?", 3, "top"),
    PlanItem("closing-01", "closing", "Who else would you suggest I talk to?", 1, "always"),
], meeting_minutes=20, overhead_minutes=4)


def meeting_store(tmp_path, starts: datetime) -> Store:
    """A store in ``tmp_path`` with Maya's profile and her meeting with Samira at ``starts``,
    its questions planned (:data:`PLAN`)."""
    store = Store.open(tmp_path / "d.sqlite")
    store.save_profile(UserProfile(name="Maya Lindqvist"))
    save_meeting_plan(store, Person(name="Samira Okafor", organization="Kestrel Health Labs"),
                      Meeting(person_id=0, starts_at=starts, status="scheduled",
                              timezone="Europe/London"), PLAN)
    return store
