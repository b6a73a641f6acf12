"""The meeting companion keeps time against the agenda with an injected clock."""

from __future__ import annotations

from infoview.questions.models import PlanItem, QuestionPlan
from infoview.widgets.meeting import MeetingCompanion


class FakeClock:
    """Seconds that move only when the test says so."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += minutes * 60


def _plan(minutes=20):
    items = [
        PlanItem("path-1", "path", "How did you come to work as a UX researcher?", 3, "top"),
        PlanItem("role-2", "role", "What does a typical week look like?", 3, "top"),
        PlanItem("closing-who", "closing", "Who else would you suggest I talk to?", 1, "always"),
        PlanItem("closing-name", "closing", "May I mention your name when I contact them?", 1,
                 "always"),
    ]
    return QuestionPlan(items=items, meeting_minutes=minutes, overhead_minutes=6)


AGENDA = [(0, "Greeting and thanks"), (1, "Purpose: advice, not a job"), (2, "Questions"),
          (14, "Your 30-second introduction"), (16, "Closing pair"), (18, "Wrap-up")]


def test_clock_follows_injected_time_and_highlights_the_current_agenda_step():
    clock = FakeClock()
    panel = MeetingCompanion(_plan(), AGENDA, clock=clock)
    assert panel.elapsed_minutes == 0 and panel.signal == ""
    panel.start_button.click()
    clock.advance(5.5)
    panel.refresh()
    assert round(panel.elapsed_minutes, 2) == 5.5
    assert "05:30" in panel.clock_label.value
    assert panel.current_mark().label == "Questions"
    assert "▶" in panel.agenda_html.value and panel.signal == ""


def test_closing_pair_signal_then_wrap_up_then_overtime():
    clock = FakeClock()
    panel = MeetingCompanion(_plan(), AGENDA, clock=clock, warn_before=3)
    panel.start()
    clock.advance(16.2)
    panel.refresh()
    assert panel.signal == "closing"
    assert "closing pair" in panel.banner.text
    clock.advance(1)  # 17.2 minutes: three minutes before the promised end
    panel.refresh()
    assert panel.signal == "wrap_up" and panel.banner.kind == "warning"
    clock.advance(3)
    panel.refresh()
    assert panel.signal == "over" and panel.bar.bar_style == "danger"


def test_without_an_agenda_the_closing_signal_comes_a_few_minutes_before_the_end():
    clock = FakeClock()
    panel = MeetingCompanion(_plan(30), clock=clock, warn_before=4)
    panel.start()
    clock.advance(25.9)
    panel.refresh()
    assert panel.signal == ""
    clock.advance(0.2)
    panel.refresh()
    assert panel.signal == "wrap_up"


def test_stop_freezes_the_clock():
    clock = FakeClock()
    panel = MeetingCompanion(_plan(), AGENDA, clock=clock)
    panel.start()
    clock.advance(3)
    panel.stop_button.click()
    clock.advance(10)
    panel.refresh()
    assert round(panel.elapsed_minutes) == 3


def test_to_debrief_carries_ticks_and_notes_in_plan_order():
    panel = MeetingCompanion(_plan(), AGENDA, clock=FakeClock(), meeting_id=4)
    panel.tick(0, "Came from teaching; a bootcamp helped")
    panel.rows[2][1].value = "Suggested Priya in the data team"  # notes alone count as asked
    notes = panel.to_debrief()
    assert [n["position"] for n in notes] == [1, 2, 3, 4]
    assert notes[0] == {"question_id": "path-1", "category": "path",
                        "text": "How did you come to work as a UX researcher?", "position": 1,
                        "asked": True, "notes": "Came from teaching; a bootcamp helped"}
    assert [n["asked"] for n in notes] == [True, False, True, False]


def test_a_meeting_without_planned_questions_says_where_to_plan_them():
    companion = MeetingCompanion(QuestionPlan(items=[], meeting_minutes=20, overhead_minutes=4))
    shown = " ".join(getattr(child, "value", "") or ""
                     for child in (*companion.children, *companion.questions_box.children)
                     if isinstance(getattr(child, "value", None), str))
    assert "No questions saved" in shown and companion.rows == []


def test_start_after_stop_resumes_where_the_clock_stopped():
    clock = FakeClock()
    panel = MeetingCompanion(_plan(), AGENDA, clock=clock)
    panel.start_button.click()
    clock.advance(4)
    panel.stop_button.click()  # the host takes a call
    clock.advance(6)
    assert panel.start_button.description == "Resume the clock"
    assert "Resume" in panel.banner.text and "04:00" in panel.clock_label.value
    panel.start_button.click()
    clock.advance(1.5)
    panel.refresh()
    assert panel.elapsed_minutes == 5.5 and "05:30" in panel.clock_label.value
    # a second pause counts too
    panel.stop_button.click()
    clock.advance(2)
    panel.start_button.click()
    clock.advance(0.5)
    assert panel.elapsed_minutes == 6.0


def test_reset_sets_the_clock_back_to_zero_and_keeps_the_notes():
    clock = FakeClock()
    panel = MeetingCompanion(_plan(), AGENDA, clock=clock)
    assert panel.reset_button.disabled  # nothing to reset before the start
    panel.start()
    panel.tick(0, "came from nursing")
    clock.advance(7)
    panel.reset_button.click()
    assert panel.elapsed_minutes == 0 and "00:00" in panel.clock_label.value
    assert panel.start_button.description == "Start the clock" and not panel.ticker.playing
    assert "Press start" in panel.banner.text
    assert panel.to_debrief()[0]["notes"] == "came from nursing"
    panel.start()
    clock.advance(2)
    assert panel.elapsed_minutes == 2.0


def test_the_banner_counts_minutes_in_words_without_a_bracketed_plural():
    # Seen in the browser: "On track: 20 minute(s) left."
    clock = FakeClock()
    panel = MeetingCompanion(_plan(), AGENDA, clock=clock, warn_before=3)
    panel.start()
    clock.advance(5)
    panel.refresh()
    assert panel.banner.text == "On track: 15 minutes left."
    clock.advance(13.8)  # 1.2 minutes before the end
    panel.refresh()
    assert panel.banner.text.startswith("1 minute left:") and "(s)" not in panel.banner.text


def test_the_agenda_reads_on_the_clocks_own_face():
    # Seen in the browser: the clock said 04:32 and the agenda "4.5′ Question 2": a new user
    # had to turn tenths of a minute into seconds in the middle of a call.
    agenda = [(0, "Greeting"), (1.5, "Question 1"), (4.5, "Question 2"), (18.5, "Wrap-up")]
    panel = MeetingCompanion(_plan(), agenda, clock=FakeClock())
    said = panel.agenda_html.value
    assert "00:00 Greeting" in said and "01:30 Question 1" in said
    assert "04:30 Question 2" in said and "18:30 Wrap-up" in said
    assert "′" not in said and "4.5" not in said


def test_with_no_meeting_chosen_there_is_no_clock_to_start_and_it_says_where_to_add_one(
        tmp_path):
    """Seen as a new user: the companion offered "Start the clock" with no meeting chosen,
    and said "add one under People" while Debrief said "add one under Prepare"."""
    from infoview.store import Store
    from infoview.widgets.debrief import DebriefForm

    store = Store.open(tmp_path / "new.sqlite")
    companion = MeetingCompanion.for_meeting(store, None)
    assert companion.start_button.layout.display == "none"
    assert companion.bar.layout.display == "none"
    assert "under Prepare (Save person and meeting)" in companion.title.value
    assert "under People" not in companion.title.value
    form = DebriefForm(store)
    assert "under Prepare (Save person and meeting)" in form.meeting_message.text
    alone = MeetingCompanion(_plan())
    assert alone.start_button.layout.display == ""  # a notebook's companion, no store: a clock
