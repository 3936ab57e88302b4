"""Safe reading: nothing is run, every limit holds, every problem has a path."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import mtib
from mtib import DataError
from mtib.core.errors import Problem
from mtib.io.converting import structure_document
from mtib.io.reading import Limits, _json_too_deep, read_text


def problems(text: str | bytes, fmt: str = "yaml", limits: Limits | None = None) -> list[str]:
    with pytest.raises(DataError) as info:
        read_text(text, fmt, limits)  # type: ignore[arg-type]
    return [str(p) for p in info.value.problems]


def test_plain_yaml_reads() -> None:
    assert read_text('a: "NO"\nb: NO\nc: 2022-11-04\nd: [1, 2.5, null]\n', "yaml") == {
        "a": "NO",
        "b": False,
        "c": __import__("datetime").date(2022, 11, 4),
        "d": [1, 2.5, None],
    }


def test_duplicate_keys_are_found_with_their_path() -> None:
    found = problems("partnerships:\n  - id: a\n    name: x\n    name: y\n")
    assert found == ["$.partnerships[0].name: line 4: duplicate key 'name' (each key may occur once in a mapping)"]


@pytest.mark.parametrize(
    "text",
    [
        "x: !!python/object/apply:os.system ['echo hacked']\n",
        "x: !!python/name:os.system\n",
        "x: !!binary aGVsbG8=\n",
        "x: !custom {a: 1}\n",
        "x: !!set {a, b}\n",
    ],
)
def test_tags_other_than_plain_data_are_refused(text: str) -> None:
    found = problems(text)
    assert len(found) == 1
    assert found[0].startswith("$.x: line 1: the YAML tag")
    assert "not allowed" in found[0]


def test_billion_laughs_is_stopped_by_the_node_limit() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    found = problems("\n".join(lines) + "\n", limits=Limits(max_nodes=100_000))
    assert len(found) == 1
    assert "max_nodes" in found[0]


def test_alias_count_is_limited() -> None:
    text = "a: &a 1\nb: [" + ",".join(["*a"] * 50) + "]\n"
    assert "max_aliases" in problems(text, limits=Limits(max_aliases=10))[0]
    assert read_text(text, "yaml")["b"] == [1] * 50


def test_nesting_depth_is_limited() -> None:
    deep = "a: " + "[" * 100 + "]" * 100 + "\n"
    assert "max_depth" in problems(deep)[0] or "nesting" in problems(deep)[0]
    assert read_text("a: " + "[" * 10 + "]" * 10, "yaml", Limits(max_depth=20)) == {"a": [[[[[[[[[[]]]]]]]]]]}
    very_deep = "[" * 200_000
    assert len(problems(very_deep)) == 1


def test_size_is_limited() -> None:
    assert "max_bytes" in problems("a: " + "x" * 2000, limits=Limits(max_bytes=1000))[0]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "the file is empty"),
        (b"   \n# only a comment\n", "the file is empty"),
        (b"\xff\xfea\x00", "UTF-16"),
        (b"a: \xc3\x28\n", "not valid UTF-8"),
        (b"a: 1\n---\nb: 2\n", "more than one YAML document"),
        (b"a: [1, 2\n", "invalid YAML at line 2"),
        (b"a: *nowhere\n", "has no anchor"),
    ],
)
def test_broken_files_give_one_clear_problem(data: bytes, expected: str) -> None:
    found = problems(data)
    assert len(found) == 1
    assert expected in found[0]


def test_bom_is_accepted() -> None:
    assert read_text(b"\xef\xbb\xbfa: 1\n", "yaml") == {"a": 1}
    assert read_text(b'\xef\xbb\xbf{"a": 1}', "json") == {"a": 1}


def test_merge_keys_work_and_explicit_keys_win() -> None:
    got = read_text("base: &b {role: partner, x: 1}\nitem: {<<: *b, x: 2}\n", "yaml")
    assert got["item"] == {"role": "partner", "x": 2}


def test_recursive_alias_is_refused() -> None:
    assert len(problems("a: &a [1, *a]\n")) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": 1,}', "invalid JSON at line 1"),
        ('{"a": {"b": 1, "b": 2}}', "$.a.b: duplicate key 'b'"),
        ("[" * 100 + "]" * 100, "max_depth"),
    ],
)
def test_json_problems(text: str, expected: str) -> None:
    found = problems(text, "json")
    assert len(found) == 1
    assert expected in found[0]


def test_json_non_finite_numbers_are_read_as_written() -> None:
    # They are refused later, where a number is expected, with their path (tests/hostile/json).
    got = read_text('{"a": NaN, "b": -Infinity, "c": 1e400, "d": 1.5}', "json")
    assert [repr(got[k]) for k in "abcd"] == ["NaN", "-Infinity", "1e400", "1.5"]
    assert type(got["d"]) is float


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


def test_releasing_plain_values_while_structuring_changes_nothing_else() -> None:
    def document() -> dict[str, Any]:
        return {
            "sources": [{"id": "s", "title": "S", "url": "https://example.org"}, {"id": "t"}],
            "partnerships": [{"id": "p", "name": "P", "sources": ["s"]}, 5],
            "missions": None,
        }

    kept: list[Problem] = []
    released: list[Problem] = []
    data = document()
    assert structure_document(document(), "x", kept) == structure_document(data, "x", released, release=True)
    assert kept == released != []
    assert data == {"sources": [None, None], "partnerships": [None, None], "missions": None}
