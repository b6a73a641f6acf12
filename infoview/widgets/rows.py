"""A list of editable rows (people suggested, promises, outcomes, insights) with add and
remove buttons, whose values read back as plain dicts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from infoview.widgets._common import button


class RowList(w.VBox):
    """Rows of named widgets made by ``make_row``; "Add" appends one, "✕" removes one.

    Args:
        make_row: returns ``{field name: widget}`` for a new, empty row.
        add_label: the add button's text.
        on_change: called with no arguments after a row is added or removed (a form
            re-checks its rows).

    Attributes:
        rows: one ``{field name: widget}`` dict per row, in order.
    """

    def __init__(self, make_row: Callable[[], dict[str, w.ValueWidget]], add_label: str,
                 on_change: Callable[[], object] | None = None):
        self.make_row = make_row
        self.on_change = on_change
        self.rows: list[dict[str, w.ValueWidget]] = []
        self._boxes: list[w.HBox] = []
        self.add_button = button(add_label)
        self.add_button.on_click(lambda _b: self.add())
        self.box = w.VBox()
        super().__init__([self.box, self.add_button])

    def add(self, **values: Any) -> dict[str, w.ValueWidget]:
        """Append a row, its fields set from ``values``; returns the row's widgets."""
        row = self.make_row()
        for name, value in values.items():
            if value is not None:
                row[name].value = value
        remove = button("✕", tooltip="remove this row", width="36px")
        remove.layout.flex = "0 0 auto"  # never squeezed by the fields beside it
        # The fields wrap among themselves; the ✕ stays at the end of the row's first line
        # (wrapped with them, it fell onto a line below, apart from the name it removes).
        fields = w.HBox(list(row.values()),
                        layout=w.Layout(flex_flow="row wrap", flex="1 1 auto", min_width="0"))
        box = w.HBox([fields, remove], layout=w.Layout(align_items="flex-start"))
        box.add_class("infoview-row")
        remove.on_click(lambda _b, row=row: self.remove(self.rows.index(row)))
        self.rows.append(row)
        self._boxes.append(box)
        self.box.children = tuple(self._boxes)
        self._changed()
        return row

    def remove(self, index: int) -> None:
        """Remove the row at ``index``."""
        del self.rows[index]
        del self._boxes[index]
        self.box.children = tuple(self._boxes)
        self._changed()

    def clear(self) -> None:
        """Remove every row."""
        self.rows, self._boxes = [], []
        self.box.children = ()
        self._changed()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    def values(self) -> list[dict[str, Any]]:
        """The rows as ``{field name: value}`` dicts (text fields stripped)."""
        out = []
        for row in self.rows:
            values = {}
            for name, widget in row.items():
                value = widget.value
                values[name] = value.strip() if isinstance(value, str) else value
            out.append(values)
        return out
