"""Safe reading: nothing is run, every limit holds, every problem has a path."""

from __future__ import annotations

import pytest

from mtib import DataError
from mtib.io.reading import Limits, read_text


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
