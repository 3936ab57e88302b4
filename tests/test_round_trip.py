"""Anything that can be built can be written and read back equal: a property of the one schema.

The strategies are derived from the schema's plans (shapes, references, validators), so a new
field or record kind is covered without editing this file.
"""

from __future__ import annotations

import datetime
import string
from decimal import Decimal
from typing import Any, Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtib.core import fields as rules
from mtib.core.model import Goal, Indicator, Target
from mtib.core.schema import COLLECTIONS, FieldPlan, Shape, plan
from mtib.io.converting import structure_document
from mtib.io.loading import dumps
from mtib.io.reading import read_text

slugs = st.from_regex(r"\A[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}\Z")
plain = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12).filter(
    lambda s: s.strip() != ""
)
_BY_VALIDATOR: dict[Any, st.SearchStrategy[Any]] = {
    rules.slug: slugs,
    rules.url: slugs.map(lambda s: f"https://example.org/{s}"),
    rules.country: st.text(string.ascii_uppercase, min_size=2, max_size=2),
    rules.language: st.text(string.ascii_lowercase, min_size=2, max_size=2),
    rules.kvk: st.text("0123456789", min_size=8, max_size=8),
    rules.ror: st.from_regex(r"\A0[a-z0-9]{6}[0-9]{2}\Z").map(lambda s: f"https://ror.org/{s}"),
    rules.year: st.integers(1000, 2999),
}


def _validators(f: FieldPlan) -> list[Any]:
    v = f.attribute.validator
    return list(getattr(v, "_validators", (v,))) if v is not None else []


def _scalar(f: FieldPlan) -> st.SearchStrategy[Any]:
    for v in _validators(f):
        if v in _BY_VALIDATOR:
            return _BY_VALIDATOR[v]
    if f.meta.ref is not None:
        return st.integers(1, 17) if f.base is int else slugs
    return {
        str: plain,
        int: st.integers(0, 10**6),
        bool: st.booleans(),
        Decimal: st.decimals(0, 10**9, allow_nan=False, allow_infinity=False, places=3),
        datetime.date: st.dates(datetime.date(1000, 1, 1), datetime.date(2999, 12, 31)),
    }[f.base]


def _field(f: FieldPlan) -> st.SearchStrategy[Any]:
    if f.shape is Shape.SCALAR:
        one = _scalar(f)
    elif f.shape is Shape.ENUM:
        one = st.sampled_from(list(f.base))
    elif f.shape is Shape.SET:
        return st.frozensets(st.sampled_from(list(f.base)), max_size=3)
    elif f.shape is Shape.LIST:
        item = slugs if f.meta.ref is not None else plain
        return st.lists(item, max_size=3, unique=True).map(tuple)
    elif f.shape is Shape.VALUES:
        return st.lists(records(f.base), max_size=3).map(tuple)
    else:
        one = records(f.base)
    return st.none() | one if f.optional else one


def _build(cls: type, values: dict[str, Any]) -> Any:
    try:
        return cls(**values)
    except (TypeError, ValueError):
        return None  # not a record that can be built (a rule across its fields): nothing to test


def records(cls: type) -> st.SearchStrategy[Any]:
    """Records (or value objects) of ``cls`` that can be built, from the class's plan."""
    if cls is Goal:
        return st.integers(1, 17).flatmap(
            lambda n: st.builds(Goal, id=st.just(str(n)), number=st.just(n), name=records(plan(Goal)["name"].base))
        )
    fields = {
        f.name: _field(f)
        for f in plan(cls).readable
        if not (cls in (Target, Indicator) and f.name in ("id", "goal", "target"))
    }
    if cls is Target:
        fields["goal"] = st.integers(1, 17)
        return (
            st.fixed_dictionaries(fields)
            .flatmap(lambda v: st.integers(1, 99).map(lambda t: _build(Target, {**v, "id": f"{v['goal']}.{t}"})))
            .filter(lambda r: r is not None)
        )
    if cls is Indicator:
        return (
            st.fixed_dictionaries(fields)
            .flatmap(
                lambda v: st.tuples(st.integers(1, 17), st.integers(1, 9), st.integers(1, 9)).map(
                    lambda g: _build(Indicator, {**v, "target": f"{g[0]}.{g[1]}", "id": f"{g[0]}.{g[1]}.{g[2]}"})
                )
            )
            .filter(lambda r: r is not None)
        )
    return st.fixed_dictionaries(fields).map(lambda v: _build(cls, v)).filter(lambda r: r is not None)


@pytest.mark.parametrize("collection", list(COLLECTIONS))
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_every_record_that_can_be_built_is_written_and_read_back_equal(
    collection: str, fmt: Literal["yaml", "json"]
) -> None:
    cls = COLLECTIONS[collection]

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    @given(records(cls))
    def round_trip(record: Any) -> None:
        text = dumps([record], fmt)
        problems: list[Any] = []
        located = structure_document(read_text(text, fmt), None, problems)
        assert problems == [], (record, text)
        assert [loc.record for loc in located] == [record]

    round_trip()
