"""Property-based tests: round trips, and hostile mutations that must end in DataError or a load."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mtib
from mtib.core.model import (
    Event,
    Fact,
    HelixSphere,
    Money,
    Organisation,
    Participant,
    Partnership,
    PartnershipKind,
    Period,
    Role,
    SDGLink,
    SDGRelation,
    Source,
    SourceKind,
    Text,
)
from tests.conftest import MINIMAL

slug = st.from_regex(r"\A[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,5}){0,2}\Z")
plain = st.text(st.characters(codec="utf-8"), min_size=1, max_size=30).filter(lambda s: s.strip() != "")
texts = st.builds(Text, nl=st.none() | plain, en=plain) | st.builds(Text, nl=plain)
years = st.integers(1900, 2100)
decimals = st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-(10**9), max_value=10**9)


@st.composite
def datasets(draw: st.DrawFn) -> dict[str, list[Any]]:
    ids = draw(st.lists(slug, min_size=6, max_size=14, unique=True))
    source_ids, rest = ids[:2], ids[2:]
    sources = [
        Source(
            id=sid,
            title=draw(plain),
            url=f"https://example.org/{sid}",
            kind=draw(st.sampled_from([k for k in SourceKind if k is not SourceKind.POLICY_NOTE])),
            date=draw(st.none() | st.dates(datetime.date(1950, 1, 1), datetime.date(2100, 1, 1))),
            language=draw(st.none() | st.sampled_from(["nl", "en"])),
        )
        for sid in source_ids
    ]
    org_ids, rest = rest[:2], rest[2:]
    orgs = [
        Organisation(
            id=oid,
            name=draw(plain),
            sphere=draw(st.sampled_from(list(HelixSphere))),
            aliases=tuple(draw(st.lists(plain, max_size=2, unique=True))),
            sources=(source_ids[0],),
        )
        for oid in org_ids
    ]
    partnerships = []
    for pid in rest[:2]:
        start = draw(st.none() | years)
        end = draw(st.none() | st.integers(start or 1900, 2100))
        goal = draw(st.integers(1, 17))
        partnerships.append(
            Partnership(
                id=pid,
                name=draw(plain),
                kind=draw(st.sampled_from(list(PartnershipKind))),
                description=draw(st.none() | texts),
                sdgs=(SDGLink(goal, None, draw(st.sampled_from(list(SDGRelation))), draw(st.none() | texts)),),
                participants=tuple(
                    Participant(o, draw(st.sampled_from(list(Role))))
                    for o in draw(st.lists(st.sampled_from(org_ids), unique=True))
                ),
                period=Period(start, end) if start or end else None,
                budget=draw(
                    st.none() | st.builds(Money, st.decimals(0, 10**10, places=2), st.sampled_from(["EUR", "USD"]))
                ),
                sources=tuple(draw(st.lists(st.sampled_from(source_ids), min_size=1, unique=True))),
            )
        )
    facts = [
        Fact(
            id=fid,
            topic="t",
            statement=draw(texts),
            value=draw(st.none() | decimals),
            unit=draw(st.none() | plain),
            year=draw(st.none() | years),
            sources=(source_ids[1],),
        )
        for fid in rest[2:4]
    ]
    events = [
        Event(
            id=eid,
            title=draw(texts),
            date=draw(st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 1, 1))),
            related=tuple(draw(st.lists(st.sampled_from(org_ids), unique=True))),
            sources=(source_ids[0],),
        )
        for eid in rest[4:6]
    ]
    return {"sources": sources, "organisations": orgs, "partnerships": partnerships, "facts": facts, "events": events}


def _with_spheres(records: dict[str, list[Any]]) -> mtib.Dataset:
    spheres = {o.id: o.sphere for o in records["organisations"]}
    fixed = dict(records)
    fixed["partnerships"] = [
        __import__("attrs").evolve(
            p, participants=tuple(__import__("attrs").evolve(x, sphere=spheres[x.organisation]) for x in p.participants)
        )
        for p in records["partnerships"]
    ]
    return mtib.Dataset(fixed)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=datasets(), fmt=st.sampled_from(["yaml", "json"]))
def test_random_datasets_round_trip(tmp_path: Path, records: dict[str, list[Any]], fmt: str) -> None:
    expected = _with_spheres(records)
    target = tmp_path / f"data.{fmt}"
    mtib.dump(expected, target, overwrite=True)
    assert mtib.load(target, bundled=False) == expected


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [path] + [p for k, v in value.items() for p in _leaves(v, (*path, k))]
    if isinstance(value, list):
        return [path] + [p for i, v in enumerate(value) for p in _leaves(v, (*path, i))]
    return [path]


junk = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=10)
    | st.just("NO")
    | st.just("2023-02-30"),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), fmt=st.sampled_from(["yaml", "json"]))
def test_mutated_files_load_or_raise_data_error(tmp_path: Path, data: st.DataObject, fmt: str) -> None:
    doc = yaml.safe_load(MINIMAL)
    for _ in range(data.draw(st.integers(1, 3))):
        paths = _leaves(doc)
        path = data.draw(st.sampled_from(paths))
        replacement = data.draw(junk)
        if not path:
            doc = replacement
            continue
        parent = doc
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = replacement
    target = tmp_path / f"mutated.{fmt}"
    if fmt == "json":
        target.write_text(json.dumps(doc, default=str))
    else:
        target.write_text(yaml.safe_dump(doc, allow_unicode=True))
    try:
        result = mtib.load(target)
    except mtib.DataError as error:
        assert error.problems
        assert all(p.path.startswith("$") for p in error.problems)
    else:
        assert isinstance(result, mtib.Dataset)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_bytes_load_or_raise_data_error(tmp_path: Path, data: st.DataObject) -> None:
    raw = bytearray(MINIMAL.encode())
    for _ in range(data.draw(st.integers(1, 4))):
        op = data.draw(st.sampled_from(["delete", "insert", "flip"]))
        pos = data.draw(st.integers(0, len(raw) - 1))
        if op == "delete":
            del raw[pos]
        elif op == "insert":
            raw.insert(pos, data.draw(st.sampled_from(b":-[]{}&*!|>'\"#%@`\n\t \x00\xff")))
        else:
            raw[pos] = data.draw(st.integers(0, 255))
    target = tmp_path / "mutated.yaml"
    target.write_bytes(bytes(raw))
    try:
        mtib.load(target)
    except mtib.DataError as error:
        assert error.problems


def test_decimal_values_survive_both_formats(tmp_path: Path) -> None:
    fact = Fact(id="f", topic="t", statement=Text(en="x"), value=Decimal("0.1"), sources=("s",))
    source = Source(id="s", title="S", url="https://example.org")
    for name in ("a.yaml", "a.json"):
        mtib.dump([source, fact], tmp_path / name)
        assert mtib.load(tmp_path / name, bundled=False).facts["f"].value == Decimal("0.1")
