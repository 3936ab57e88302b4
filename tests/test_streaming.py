"""A large JSON file read record by record loads exactly as the same file read whole.

``mtib.io.reading.stream`` reads JSON files of at least ``STREAM_BYTES`` one record at a
time, and falls back to the whole read for anything that read would report. Here the
threshold is lowered to nothing, so that small files take the streaming path, and every
file is loaded both ways: the same records, or the same problems in the same order.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import mtib
from mtib.io import reading
from mtib.io.loading import load_records

_SOURCE = {"id": "s1", "title": "A source", "url": "https://example.org/a"}
_PARTNERSHIP = {
    "id": "p1",
    "name": "A partnership",
    "topsectors": ["lsh"],
    "themes": ["gezondheid-zorg"],
    "sdgs": [{"goal": 3, "target": "3.3"}, 7],
    "participants": [{"organisation": "tno", "role": "coordinator"}, "zonmw"],
    "period": {"start": 2020, "end": 2024},
    "budget": {"amount": 5000, "currency": "EUR"},
    "environmental_change": [],
    "sources": ["s1"],
}


def _broken(**changes: Any) -> dict[str, Any]:
    return {**_PARTNERSHIP, **changes}


TEXTS = {
    "valid": json.dumps({"sources": [_SOURCE], "partnerships": [_PARTNERSHIP, {**_PARTNERSHIP, "id": "p2"}]}),
    "empty lists": '{"sources": [], "partnerships": [ ] }',
    "empty mapping": "{ }",
    "wrong values": json.dumps(
        {
            "sources": [_SOURCE],
            "partnerships": [
                _broken(period={"start": 2020, "end": 2019}),
                _broken(id="p3", budget={"amount": 1.5e400}),
                _broken(id="p4", sdgs=[{"goal": 3.0}], participants=[{"organisation": 3}]),
                _broken(id="p5", kind="banks", unknown_key=1),
                {"name": "no id"},
                "not a mapping",
            ],
        }
    ),
    "shared then wrong": json.dumps(
        {
            "sources": [_SOURCE],
            "partnerships": [_PARTNERSHIP, _broken(id="p2", period={"start": 2020.0, "end": 2024})],
        }
    ),
    "dangling reference": json.dumps({"partnerships": [_broken(sources=["nowhere"])]}),
    "unknown collection": json.dumps({"sourcez": [_SOURCE], "partnerships": [_PARTNERSHIP]}),
    "null collection": '{"sources": null, "partnerships": []}',
    "not a list": '{"sources": {"id": "s"}}',
    "not a mapping": "[1, 2]",
    "duplicate key in a record": '{"sources": [{"id": "s1", "id": "s2", "title": "T", "url": "https://e.org"}]}',
    "duplicate collection": '{"sources": [], "sources": []}',
    "syntax error at the end": json.dumps({"sources": [_SOURCE]})[:-1],
    "trailing comma": '{"sources": [{"id": "s1"},]}',
    "trailing comma in the mapping": '{"sources": [],}',
    "text after the end": '{"sources": []} []',
    "escaped surrogate": '{"sources": [{"id": "s1", "title": "\\ud800", "url": "https://e.org"}]}',
    "too deep": '{"sources": [' + "[" * 70 + "]" * 70 + "]}",
    "non-finite": '{"sources": [{"id": "s1", "title": NaN, "url": "https://e.org"}]}',
    "whitespace": ' \n\t{ "sources" :\n [ \n' + json.dumps(_SOURCE) + " \n ] \n } \n",
}


def _load(path: Path) -> tuple[Any, ...]:
    located, problems = load_records(path)
    try:
        ds: Any = mtib.load(path)
    except mtib.DataError as exc:
        ds = (str(exc), exc.total)
    return [(loc.record, loc.collection, loc.index, loc.file) for loc in located], list(problems), problems.total, ds


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_streamed_loads_as_whole(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mine.json"
    path.write_text(TEXTS[name], encoding="utf-8")
    whole = _load(path)
    monkeypatch.setattr(reading, "STREAM_BYTES", 0)
    streamed = _load(path)
    assert streamed == whole


def test_a_valid_file_is_streamed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mine.json"
    path.write_text(TEXTS["valid"], encoding="utf-8")
    monkeypatch.setattr(reading, "STREAM_BYTES", 0)
    found = reading.stream(path)
    assert found is not None
    assert [(key, len(list(items))) for key, items in found.collections()] == [("sources", 1), ("partnerships", 2)]


def test_equal_values_are_shared(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(TEXTS["valid"], encoding="utf-8")
    ds = mtib.load(path)
    a, b = ds.partnerships["p1"], ds.partnerships["p2"]
    assert a.period is b.period and a.budget is b.budget and a.topsectors is b.topsectors
    assert a.participants[0] is b.participants[0]
    assert a.sdgs[0].target is b.sdgs[0].target
