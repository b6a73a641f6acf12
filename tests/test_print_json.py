"""``--json`` output: indented, one record a line, and always the same data as json.dumps."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview.cli._common import print_json

LEAVES = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
KEYS = st.text(max_size=4) | st.integers() | st.booleans()
TREES = st.recursive(LEAVES, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(KEYS, inner, max_size=4), max_leaves=20)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # capsys is read each time
@given(TREES)
def test_printed_json_reads_back_as_the_data(capsys, value):
    capsys.readouterr()
    print_json(value)
    assert json.loads(capsys.readouterr().out) == json.loads(json.dumps(value))


def test_records_stand_one_a_line_inside_indented_lists(capsys):
    print_json({"as_of": "2026-03-31", "due": [{"id": 1, "what": "Thank Ana"}, {"id": 2}],
                "drafts": {}})
    assert capsys.readouterr().out.splitlines() == [
        "{", '  "as_of": "2026-03-31",', '  "due": [', '    {"id": 1, "what": "Thank Ana"},',
        '    {"id": 2}', "  ],", '  "drafts": {}', "}"]
