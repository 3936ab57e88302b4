"""JSON nesting is measured on the text (mtib.reading): exactly what a walk over the parsed values gives."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

import mtib
from mtib.reading import _json_too_deep, read_text

# ----------------------------------------------------------------------------- JSON nesting


def depth(value: Any) -> int:
    """The nesting depth of the containers in a parsed JSON value, by walking it."""
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    return 0


tricky = st.text(st.sampled_from('[]{}"\\:,ab é\n\u2028'), max_size=6)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | tricky,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(tricky, children, max_size=3),
    max_leaves=20,
)


@given(json_values, st.integers(0, 8), st.booleans(), st.booleans())
@example({"a": [1, {"b": '[[[\\"[['}]}, 2, True, False)
@example(['"', "\\", '\\"', "[", "]]", [[]]], 3, False, True)
def test_json_nesting_measured_on_the_text_is_exact(value: Any, limit: int, ascii: bool, indent: bool) -> None:
    text = json.dumps(value, ensure_ascii=ascii, indent=1 if indent else None)
    assert _json_too_deep(text, limit) == (depth(value) > limit)


@given(json_values, st.integers(1, 6))
def test_json_nesting_limit_reported_as_before(value: Any, limit: int) -> None:
    text = json.dumps({"partnerships": [value]})
    try:
        read_text(text, "json", mtib.Limits(max_depth=limit))
    except mtib.DataError as exc:
        assert depth(json.loads(text)) > limit
        assert any("max_depth" in p.message for p in exc.problems)
    else:
        assert depth(json.loads(text)) <= limit
