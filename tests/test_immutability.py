"""Immutability: nothing the public API hands out is a mutable container of shared state.

The test walks the public surface of a Dataset, of each collection class and of every
record: it reads every public attribute and calls every public method that takes no
argument or one simple argument (an id, a number, a record, a word). Every value
returned must be immutable all the way down (str, numbers, enums, dates, tuples,
frozensets, read-only mappings, frozen records); the few methods documented to
return a fresh dict or list (``counts``, ``collections``, ``contested``, ``scored``)
must return a new one on every call, and mutating it must change nothing.
"""

from __future__ import annotations

import datetime
import enum
import importlib
import inspect
import pkgutil
import re
import types
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import partial
from pathlib import PurePath
from typing import Any

import attrs
import pytest

import mtib
from mtib.dataset import Collection, Selection

FRESH = {"counts", "collections", "contested", "scored"}
"""Methods that return a new mutable container on each call, by design."""

_TEXT = {"search", "scored", "lookup"}
_SCALARS = (str, bytes, int, float, bool, type(None), Decimal, datetime.date, enum.Enum, range, re.Pattern, PurePath)


def mutable_parts(value: Any, where: str = "result", seen: set[int] | None = None) -> list[str]:
    """Where, inside ``value``, a mutable object is (an empty list when there is none)."""
    seen = set() if seen is None else seen
    if isinstance(value, _SCALARS) or id(value) in seen:
        return []
    if isinstance(value, (type, types.FunctionType, types.BuiltinFunctionType)):
        return []  # classes and functions in a registry are code, not data
    seen.add(id(value))
    if isinstance(value, (tuple, frozenset, Selection)):  # a Selection is an immutable view of records
        return [p for i, v in enumerate(value) for p in mutable_parts(v, f"{where}[{i}]", seen)]
    if isinstance(value, types.MappingProxyType):
        return [p for k, v in value.items() for p in mutable_parts(v, f"{where}[{k!r}]", seen)]
    if isinstance(value, (Collection, mtib.Dataset)):
        return []  # immutable by design; their own surface is walked by the tests below
    if attrs.has(type(value)):
        if not _is_frozen(value):
            return [f"{where}: {type(value).__name__} is not frozen"]
        return [
            p
            for f in attrs.fields(type(value))
            for p in mutable_parts(getattr(value, f.name), f"{where}.{f.name}", seen)
        ]
    return [f"{where}: {type(value).__name__}"]


def _is_frozen(record: Any) -> bool:
    fields = attrs.fields(type(record))
    if not fields:
        return True
    try:
        object.__getattribute__(record, "__setattr__")(fields[0].name, getattr(record, fields[0].name))
    except attrs.exceptions.FrozenInstanceError:
        return True
    return False


def fresh_dataset() -> mtib.Dataset:
    """A new Dataset with the bundled records, so nothing here touches the shared one."""
    return mtib.Dataset({name: list(coll) for name, coll in mtib.load().collections().items()})


def _arguments(ds: mtib.Dataset) -> list[object]:
    some = [next(iter(coll)) for coll in ds.collections().values() if coll]  # a record of each kind
    return [*some, 3, "3", "3.3", "lsh", "momentum", "zonmw", "gezondheid-zorg", "zorg"]


def calls(obj: object, arguments: list[object]) -> Iterator[tuple[str, Callable[[], object]]]:
    """Every public attribute of ``obj`` and every call of a public method with simple arguments."""
    for name in dir(obj):
        if name.startswith("_"):
            continue
        attribute = getattr(obj, name)
        if not callable(attribute) or isinstance(attribute, (Collection, type)):
            yield name, partial(getattr, obj, name)
            continue
        params = [
            p
            for p in inspect.signature(attribute).parameters.values()
            if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
        if not params:
            yield f"{name}()", attribute
        if len(params) <= 1:
            # text search is slow on a fresh dataset: two words are enough for it
            for arg in arguments if name not in _TEXT else ("lsh", "zorg"):
                yield f"{name}({arg!r:.40})", partial(attribute, arg)


def _results(obj: object, arguments: list[object]) -> Iterator[tuple[str, str, object]]:
    for label, call in calls(obj, arguments):
        try:
            result = call()
        except (LookupError, TypeError, ValueError, AttributeError, mtib.MtibError):
            continue  # an argument of the wrong kind for this method
        yield label.split("(")[0], label, result


def _surfaces(ds: mtib.Dataset) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = [("Dataset", ds)]
    seen: set[type] = set()
    for name, coll in ds.collections().items():
        if type(coll) not in seen or name == "partnerships":
            seen.add(type(coll))
            out.append((f"ds.{name}", coll))
    return out


def test_every_public_result_is_immutable_or_fresh() -> None:
    ds = fresh_dataset()
    before = fresh_dataset()
    arguments = _arguments(ds)
    checked = 0
    for surface, obj in _surfaces(ds):
        for method, label, result in _results(obj, arguments):
            checked += 1
            if method in FRESH and isinstance(result, (dict, list)):
                again = getattr(obj, method)
                twin = again(*_args_of(label, arguments))
                assert twin is not result, f"{surface}.{label} returned the same container twice"
                inner = result.values() if isinstance(result, dict) else result
                assert not [p for v in inner for p in mutable_parts(v)], f"{surface}.{label}"
                snapshot = dict(result) if isinstance(result, dict) else list(result)
                result.clear()
                assert again(*_args_of(label, arguments)) == snapshot, (
                    f"clearing {surface}.{label} changed the next call"
                )
                continue
            assert mutable_parts(result) == [], f"{surface}.{label}: {mutable_parts(result)}"
    assert checked > 200
    assert ds == before
    # a pinch of mutation through the read-only views fails
    with pytest.raises(TypeError):
        ds.id_index()["lsh"] = None  # type: ignore[index]


def _args_of(label: str, arguments: list[object]) -> tuple[object, ...]:
    inside = label.split("(", 1)[1][:-1] if "(" in label else ""
    if not inside:
        return ()
    return tuple(a for a in arguments if f"{a!r:.40}" == inside)[:1]


def test_where_with_every_criterion_returns_immutable_selections_of_frozen_records() -> None:
    ds = fresh_dataset()
    criteria: dict[str, object] = {
        "topsector": "lsh",
        "theme": "gezondheid-zorg",
        "sdg": 3,
        "sphere": "industry",
        "organisation": "zonmw",
        "kind": "ppp_consortium",
        "status": "active",
        "helix": "triple",
        "active_in": 2022,
        "cross_sectoral": True,
        "mission": next(iter(ds.missions)).id,
    }
    for key, value in criteria.items():
        found = ds.partnerships.where(**{key: value})  # type: ignore[arg-type]
        assert isinstance(found, Selection) and found == tuple(found)
        assert mutable_parts(found) == [], key
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            found._positions = ()


def test_every_record_of_the_dataset_is_frozen_all_the_way_down() -> None:
    ds = mtib.load()
    for name, coll in ds.collections().items():
        for record in coll:
            assert mutable_parts(record) == [], (name, record.id)
            for label, _, value in _results(record, []):
                assert mutable_parts(value) == [], (name, record.id, label)


def test_record_fields_are_declared_immutable() -> None:
    from mtib.core.schema import COLLECTIONS

    classes = {*COLLECTIONS.values(), mtib.Text, mtib.Period, mtib.Money, mtib.SDGLink, mtib.Participant, mtib.Rate}
    for cls in classes:
        for field in attrs.fields(cls):
            text = str(field.type)
            assert not re.search(r"\b(list|dict|set|List|Dict|Set)\[", text), (cls.__name__, field.name, text)


def test_datasets_and_collections_refuse_new_values() -> None:
    ds = fresh_dataset()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ds.topsectors = ds.themes  # type: ignore[assignment]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del ds.topsectors
    with pytest.raises(AttributeError):
        ds.topsectors.records = ()  # type: ignore[misc]
    with pytest.raises(AttributeError):
        ds.topsectors.anything = 1  # type: ignore[attr-defined]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ds.topsectors["lsh"].established = 1999  # type: ignore[misc]


def test_errors_and_limits_are_immutable() -> None:
    error = mtib.DataError([mtib.Problem("$.a", "bad")])
    assert isinstance(error.problems, tuple)
    assert mutable_parts(error.problems) == []
    assert mutable_parts(mtib.Limits()) == []


def _public_constants() -> list[Any]:
    out = []
    for info in pkgutil.walk_packages(mtib.__path__, "mtib."):
        if info.name == "mtib.__main__":
            continue
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if inspect.isclass(value) or inspect.isfunction(value) or inspect.ismodule(value) or callable(value):
                continue
            known = f"{info.name.removeprefix('mtib.')}.{name}" in _KNOWN_MUTABLE
            marks = (
                [pytest.mark.xfail(strict=True, reason=f"bug: {info.name}.{name} is a mutable dict")] if known else []
            )
            out.append(pytest.param(info.name, name, marks=marks, id=f"{info.name}.{name}"))
    return out


_KNOWN_MUTABLE: set[str] = set()


@pytest.mark.parametrize(("module", "name"), _public_constants())
def test_public_constants_are_immutable(module: str, name: str) -> None:
    value = getattr(importlib.import_module(module), name)
    if isinstance(value, (types.GenericAlias, types.UnionType)) or type(value).__module__ == "typing":
        return  # a type alias such as Lang or Record
    assert mutable_parts(value) == [], f"{module}.{name}: {mutable_parts(value)}"
