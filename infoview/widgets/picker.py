"""The question picker: check, uncheck, reorder and add questions, with a live time total.

The plan comes from :func:`infoview.questions.select.select_questions`; the user's own
questions go through :func:`infoview.questions.lint.lint_question` as they are typed, so the
warnings (closed question, salary, two questions at once, ...) show before they are added.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from infoview.errors import BadInput, InfoviewError
from infoview.questions.bank import fill_placeholders, load_bank
from infoview.questions.lint import flag_sentence, lint_question, question_flags
from infoview.questions.models import CATEGORY_LABELS, PlanItem, QuestionPlan
from infoview.text import count_of
from infoview.widgets._common import FULL_WIDTH, MessageLine, bullet_list, button, esc, flag_html

#: Category given to the user's own questions.
OWN_CATEGORY = "own"

#: What a question is about, beside it in the list (the bank's codes, "path", "role",
#: meant nothing to a reader).
TOPIC_WORDS = {**CATEGORY_LABELS, OWN_CATEGORY: "your own question"}

#: What the minutes that are not questions' go to, in the total under the list.
FIXED_PARTS = "greeting, purpose, your introduction and wrap-up"

#: How each linter warning is headed for a reader (the code stays in the tooltip).
LINT_TITLES = {"closed": "Yes/no question", "double": "Two questions in one",
               "job_ask": "Asks for a job", "placeholder": "Unfilled placeholder",
               "research_answerable": "Their website answers this", "salary": "Pay or benefits",
               "too_long": "Long question"}


class QuestionPicker(w.VBox):
    """A list of planned questions the user edits before the meeting.

    Args:
        on_change: called with no arguments whenever the chosen questions or their order
            change (the prepare panel refreshes its brief preview).
        research: a research result passed to the linter (it then names what research found).

    Attributes:
        items: every question shown, in order (``PlanItem``s).
        checked: ``{item id: bool}``, whether each question is in the plan.
        meeting_minutes, overhead_minutes: the budget the total is measured against.
    """

    def __init__(self, on_change: Callable[[], None] | None = None, research=None):
        self.items: list = []
        self.checked: dict[str, bool] = {}
        self.meeting_minutes = 20
        self.overhead_minutes = 0.0
        self.research = research
        self.on_change = on_change
        self.skipped: list = []
        self._values: dict[str, str | None] = {}
        self._own = 0
        self._rows: dict[str, w.HBox] = {}
        self._insisting: str | None = None  # the flagged question "Add it anyway" would add

        self.total = w.HTML()
        self.list_box = w.VBox()
        self.new_question = w.Textarea(placeholder="Type a question of your own ...",
                                       continuous_update=True, rows=2,
                                       layout=w.Layout(width=FULL_WIDTH))
        self.new_minutes = w.BoundedFloatText(value=2, min=0.5, max=15, step=0.5,
                                              description="minutes", layout=w.Layout(width="160px"))
        self.add_button = button("Add my question", "info")
        self.suggestion: str | None = None
        self.use_suggestion = button("Use the suggested wording",
                                     tooltip="replace your question with the open wording above")
        self.use_suggestion.layout.display = "none"
        self.use_suggestion.on_click(lambda _b: self.take_suggestion())
        self.lint_box = w.HTML()
        self.message = MessageLine()
        self.skipped_html = w.HTML()
        self.new_question.observe(lambda _c: self.lint_new(), names="value")
        self.add_button.on_click(lambda _b: self.add_own())
        super().__init__([
            self.total, self.list_box,
            self.new_question, w.HBox([self.new_minutes, self.add_button]),
            self.lint_box, self.use_suggestion, self.message, self.skipped_html,
        ])
        self.add_class("infoview-picker")
        self._redraw()

    # -- content ---------------------------------------------------------------------------
    def set_plan(self, plan, values: dict[str, str | None] | None = None, *,
                 keep_own: bool = False) -> None:
        """Show ``plan`` (a ``QuestionPlan``): all its questions checked, in its order.

        ``values`` fill the placeholders (role, industry, company, person) of the questions
        left out, so "Left out, and why" can show their wording rather than their ids.
        ``keep_own`` keeps the user's own questions shown now, ticked or not, before the
        new plan's closing pair (planning again lost what they had typed).
        """
        own = [item for item in self.items if item.category == OWN_CATEGORY] if keep_own else []
        ticked = {item.id: self.checked.get(item.id, True) for item in own}
        self._values = values or {}
        self.items = list(plan.items)
        planned = {item.text for item in self.items}
        own = [item for item in own if item.text not in planned]  # asked once is enough
        closing = [i for i, it in enumerate(self.items) if it.category == "closing"]
        at = closing[0] if closing else len(self.items)
        self.items[at:at] = own
        self.checked = {item.id: ticked.get(item.id, True) for item in self.items}
        self.meeting_minutes = plan.meeting_minutes
        self.overhead_minutes = plan.overhead_minutes
        self.skipped = list(getattr(plan, "skipped", []) or [])
        self._rows = {}
        self._redraw()
        self._changed()

    def clear(self) -> None:
        """Show no plan (another person was chosen: their questions would be wrong)."""
        self.items, self.checked, self.skipped, self._rows = [], {}, [], {}
        self._redraw()

    def selected(self) -> list:
        """The checked questions, in the order shown."""
        return [item for item in self.items if self.checked.get(item.id)]

    def plan(self):
        """The edited plan as a ``QuestionPlan`` (only the checked questions)."""
        return QuestionPlan(items=self.selected(), meeting_minutes=self.meeting_minutes,
                            overhead_minutes=self.overhead_minutes, skipped=self.skipped)

    @property
    def total_minutes(self) -> float:
        """Minutes of the checked questions plus the fixed parts of the meeting."""
        return sum(item.minutes for item in self.selected()) + self.overhead_minutes

    def check(self, index: int, value: bool = True) -> None:
        """Check (or uncheck) the question at ``index`` in the order shown."""
        item = self.items[index]
        self.checked[item.id] = bool(value)
        self._rows[item.id].children[0].value = bool(value)
        self._changed()

    def move(self, index: int, delta: int) -> None:
        """Move the question at ``index`` up (``delta < 0``) or down; ends are clamped."""
        target = max(0, min(len(self.items) - 1, index + delta))
        if target == index:
            return
        item = self.items.pop(index)
        self.items.insert(target, item)
        self._redraw()
        self._changed()

    def add_own(self, question: str | None = None, minutes: float | None = None, *,
                insist: bool = False) -> None:
        """Add the user's own question (what "Add my question" does), checked, before the
        closing pair so that the pair stays last.

        A question the linter flags (yes/no, pay, job ask, two in one) is added only when
        the user insists: the first press says what is wrong and turns the button into
        "Add it anyway"; the second (or ``insist=True``) adds it, and it keeps its warning
        wherever it is shown.
        """
        with self.message.guard("adding the question"):
            question = (question if question is not None else self.new_question.value).strip()
            if not question:
                raise BadInput("type a question first")
            flags = question_flags(question, self.research)
            if flags and not insist and self._insisting != question:
                self._insisting = question
                self.add_button.description = "Add it anyway"
                self.message.show(
                    f"Not added yet: this question {flag_sentence(flags)}"
                    " (see above). Reword it, or press Add it anyway to keep it as it is; it "
                    "stays marked in the plan, the companion and the brief.", "warning")
                return
            self._reset_insist()
            minutes = float(minutes if minutes is not None else self.new_minutes.value)
            self._own += 1
            item = PlanItem(id=f"own-{self._own}", category=OWN_CATEGORY, text=question,
                            minutes=minutes, reason="your own question")
            closing = [i for i, it in enumerate(self.items) if it.category == "closing"]
            self.items.insert(closing[0] if closing else len(self.items), item)
            self.checked[item.id] = True
            self.new_question.value = ""
            self._redraw()
            self._changed()
            self.message.show(f"Added: {question}" + (" (marked: it keeps its warning)"
                                                      if flags else ""), "ok")

    def _reset_insist(self) -> None:
        self._insisting = None
        self.add_button.description = "Add my question"

    def lint_new(self) -> list:
        """Lint the question being typed and show the warnings; returns them."""
        question = self.new_question.value.strip()
        self._offer(None)
        if self._insisting is not None and question != self._insisting:
            # "Not added yet: ... yes or no" spoke of the wording before this edit (the
            # suggested one, say): it goes with the "Add it anyway" it offered.
            self._reset_insist()
            self.message.clear()
        if not question:
            self.lint_box.value = ""
            return []
        found = []
        with self.message.guard("checking the question"):
            found = lint_question(question, research=self.research)
            if not found:
                self.lint_box.value = "<span style='color:#1b5e20'>✓ An open question: good.</span>"
            else:
                self.lint_box.value = bullet_list(
                    f"<b>{esc(LINT_TITLES.get(x.code, x.code))}</b>: "  # no code on hover
                    f"{esc(x.message)}"
                    + (f"<br><i>Try:</i> {esc(x.suggestion)}" if x.suggestion else "")
                    for x in found)
                self._offer(next((x.suggestion for x in found if x.suggestion), None))
        return found

    def _offer(self, suggestion: str | None) -> None:
        """Show the "use the suggested wording" button while there is a suggestion."""
        self.suggestion = suggestion
        self.use_suggestion.layout.display = "" if suggestion else "none"

    def take_suggestion(self) -> None:
        """Replace the question being typed with the linter's suggested wording."""
        if self.suggestion:
            self.new_question.value = self.suggestion

    # -- drawing ---------------------------------------------------------------------------
    def _row(self, item) -> w.HBox:
        if item.id in self._rows:
            return self._rows[item.id]
        box = w.Checkbox(value=self.checked.get(item.id, True), indent=False,
                         layout=w.Layout(width="28px"))
        up = button("▲", tooltip="move up", width="36px")
        down = button("▼", tooltip="move down", width="36px")
        # Why it was chosen (ranks, weights, TIARA tags) is there on hover: on the line it
        # buried the questions under jargon.
        label = w.HTML(f"<span title='Why: {esc(item.reason)}'>{esc(item.text)} "
                       f"<small style='color:#555'>({esc(topic_words(item.category))}, "
                       f"{item.minutes:g} min)"
                       f"</small>{flag_html(item.text)}</span>", layout=w.Layout(flex="1 1 auto"))
        box.observe(lambda change, qid=item.id: self._toggled(qid, change["new"]), names="value")
        up.on_click(lambda _b, qid=item.id: self.move(self._index(qid), -1))
        down.on_click(lambda _b, qid=item.id: self.move(self._index(qid), 1))
        for fixed in (box, up, down):  # a narrow notebook squeezes the text, not the buttons
            fixed.layout.flex = "0 0 auto"
        row = w.HBox([box, up, down, label], layout=w.Layout(align_items="center"))
        self._rows[item.id] = row
        return row

    def _index(self, qid: str) -> int:
        return next(i for i, item in enumerate(self.items) if item.id == qid)

    def _toggled(self, qid: str, value: bool) -> None:
        if self.checked.get(qid) != value:
            self.checked[qid] = value
            self._changed()

    def _redraw(self) -> None:
        self.list_box.children = [self._row(item) for item in self.items]
        texts = self._bank_texts() if self.skipped else {}
        self.skipped_html.value = (
            f"<details><summary>Left out ({len(self.skipped)}), and why</summary>"
            + bullet_list(f"<i>{esc(texts.get(s.id, s.id))}</i>: {esc(s.reason)}"
                          for s in self.skipped) + "</details>"
            if self.skipped else "")
        self._show_total()

    def _bank_texts(self) -> dict[str, str]:
        """Question id -> its wording for this meeting (ids alone mean nothing to a reader)."""
        try:
            return {q.id: fill_placeholders(q.text, self._values) for q in load_bank()}
        except InfoviewError:  # a broken bank file is reported where plans are made
            return {}

    def _show_total(self) -> None:
        if not self.items:
            self.total.value = "<i>No questions yet: press Plan questions.</i>"
            return
        questions = sum(item.minutes for item in self.selected())
        total = questions + self.overhead_minutes
        over = total > self.meeting_minutes + 1e-9
        colour = "#b00020" if over else "#1b5e20"
        note = " (over: uncheck a question)" if over else ""
        self.total.value = (
            f"<b class='infoview-total' style='color:{colour}'>{count_of(len(self.selected()), 'question')}, "
            f"{questions:g} min + {self.overhead_minutes:g} min for the {FIXED_PARTS} = {total:g} of "
            f"{self.meeting_minutes} min{note}</b>")

    def _changed(self) -> None:
        self._show_total()
        if self.on_change is not None:
            self.on_change()


def topic_words(category: str) -> str:
    """What a question of ``category`` is about, in words ("the person's path")."""
    return TOPIC_WORDS.get(category, category.replace("_", " "))
