"""JSON text written ahead: records already encoded, which a printer of JSON puts out as
they are.

A large store's digest lists hundreds of thousands of rows; encoding them column by column
(:func:`infoview.analytics.records.json_rows`) and handing the text over in blocks spares
building a dict per row and encoding each again, and even building each row's line on its
own: the CLI's ``print_json`` writes each block as it comes, one record a line.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


class RawRows:
    """A list of records to print, encoded as it is written: :meth:`pieces` gives them in
    order, as blocks of JSON text (several records, one a line) or as plain records (a
    dict, which the printer lays out as any other)."""

    def __len__(self) -> int:
        """How many records."""
        raise NotImplementedError

    def pieces(self, indent: str) -> Iterator[str | dict[str, Any]]:
        """The records in order: a block of text holds one or more, each an object on a
        line of its own, the lines joined by ``",\\n" + indent`` (no indent before the
        first, no comma after the last); a dict is one record."""
        raise NotImplementedError
