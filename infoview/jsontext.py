"""JSON text written ahead: records already encoded, which a printer of JSON puts out as
they are.

A large store's digest lists hundreds of thousands of rows; encoding them column by column
(:func:`infoview.analytics.records.json_rows`) and handing the lines over as
:class:`RawRows` spares building a dict per row and encoding each again (the CLI's
``print_json`` lays them out one per line, as it lays out records).
"""

from __future__ import annotations


class RawRows(list):
    """A list of records, each either its JSON text already (a ``str``: one object, to be
    written as it is) or a plain record (a dict, laid out as any other)."""

    __slots__ = ()
