"""The schema, derived from the model: one plan per record class, and what follows from it.

A field's meaning is written once, on the model (:func:`mtib.core.fields.field`).
This module reads the attrs fields and their metadata once per class into a
:class:`Plan`, and everything else in mtib asks the plan: the collections of a
dataset (:data:`COLLECTIONS`), the references a record makes
(:func:`references`), the flat columns of a table (:func:`columns`), the keys a
data file must give, the structuring of files and the JSON Schema of each data
file (:func:`json_schema`).

>>> from mtib.core.model import Partnership
>>> p = plan(Partnership)
>>> p.collection, p["topsectors"].meta.ref, p["participants"].shape
('partnerships', 'topsectors', <Shape.VALUES: 'values'>)
>>> [f.name for f in p.fields if f.required_in_file][:3]
['id', 'name', 'topsectors']
"""

from __future__ import annotations

import datetime
import enum
import threading
import types
import typing
from collections.abc import Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs

from mtib.core.fields import GOAL_RE, INDICATOR_RE, SLUG_RE, TARGET_RE, Meta, meta
from mtib.core.model import (
    TKI,
    Agenda,
    Concept,
    Covenant,
    Event,
    Fact,
    Goal,
    Indicator,
    Initiative,
    Instrument,
    Mission,
    Organisation,
    Partnership,
    Source,
    Target,
    Theme,
    Topsector,
)

__all__ = [
    "COLLECTIONS",
    "KIND_OF",
    "FieldPlan",
    "Plan",
    "Shape",
    "columns",
    "flat",
    "json_schema",
    "plan",
    "raw_references",
    "references",
]

COLLECTIONS: Mapping[str, type[Any]] = MappingProxyType(
    {
        "sources": Source,
        "organisations": Organisation,
        "topsectors": Topsector,
        "tkis": TKI,
        "themes": Theme,
        "missions": Mission,
        "sdgs": Goal,
        "sdg_targets": Target,
        "sdg_indicators": Indicator,
        "partnerships": Partnership,
        "facts": Fact,
        "events": Event,
        "concepts": Concept,
        "instruments": Instrument,
        "covenants": Covenant,
        "agendas": Agenda,
        "initiatives": Initiative,
    }
)
"""The collection names of a dataset (and of its data files), with their record classes, in
the order a dataset holds them. A new record kind is a new class in :mod:`mtib.core.model`
and one line here."""

KIND_OF: Mapping[type[Any], str] = MappingProxyType({cls: name for name, cls in COLLECTIONS.items()})
"""The collection name of each record class."""

_SCALARS = (str, int, bool, Decimal, datetime.date)


class Shape(enum.Enum):
    """How a field holds its value.

    >>> Shape("value").name
    'VALUE'
    """

    SCALAR = "scalar"
    """A string, number, boolean or date (or ``None``)."""
    ENUM = "enum"
    """One value of a closed vocabulary."""
    VALUE = "value"
    """One value object (a :class:`~mtib.Text`, :class:`~mtib.Period`, :class:`~mtib.Money`, ...)."""
    VALUES = "values"
    """A tuple of value objects (SDG links, participants, rates)."""
    LIST = "list"
    """A tuple of strings (ids, aliases)."""
    SET = "set"
    """A frozenset of enum values (tags)."""


@attrs.frozen
class FieldPlan:
    """One field of a record or value class, as the rest of mtib needs to know it.

    ``base`` is the type of the value, or of each item for lists and sets;
    ``optional`` says whether ``None`` is allowed; ``inner`` is the plan of a
    value object's class.

    >>> from mtib.core.model import Partnership
    >>> f = plan(Partnership)["budget"]
    >>> f.shape, f.base.__name__, f.optional, f.required_in_file
    (<Shape.VALUE: 'value'>, 'Money', True, False)
    """

    name: str
    shape: Shape
    base: Any
    optional: bool
    has_default: bool
    meta: Meta
    attribute: attrs.Attribute[Any] = attrs.field(eq=False, repr=False)

    @property
    def required_in_file(self) -> bool:
        """Whether a data file must give this key (a field without a default, or marked required).

        >>> from mtib.core.model import Source
        >>> plan(Source)["title"].required_in_file, plan(Source)["url"].required_in_file
        (True, False)
        """
        return not self.meta.derived and (self.meta.required or not self.has_default)

    @property
    def inner(self) -> Plan | None:
        """The plan of the value class a VALUE or VALUES field holds.

        >>> from mtib.core.model import Partnership
        >>> [f.name for f in plan(Partnership)["period"].inner.fields]
        ['start', 'end']
        """
        return plan(self.base) if self.shape in (Shape.VALUE, Shape.VALUES) else None


@attrs.frozen
class Plan:
    """The fields of one class, in order, with what they mean.

    >>> from mtib.core.model import Mission
    >>> [f.name for f in plan(Mission).self_references]
    ['parent']
    """

    cls: type
    fields: tuple[FieldPlan, ...]
    collection: str | None
    by_name: Mapping[str, FieldPlan] = attrs.field(eq=False, repr=False)

    def __getitem__(self, name: str) -> FieldPlan:
        return self.by_name[name]

    @property
    def readable(self) -> tuple[FieldPlan, ...]:
        """The fields a data file may give (every field but the derived ones).

        >>> from mtib.core.model import Participant
        >>> [f.name for f in plan(Participant).readable]
        ['organisation', 'role']
        """
        return tuple(f for f in self.fields if not f.meta.derived)

    @property
    def self_references(self) -> tuple[FieldPlan, ...]:
        """The fields that refer to records of the class's own collection (parents, successors).

        >>> from mtib.core.model import TKI
        >>> [f.name for f in plan(TKI).self_references]
        ['successor']
        """
        return tuple(f for f in self.fields if self.collection is not None and f.meta.ref == self.collection)

    @property
    def id_pattern(self) -> str:
        """The regular expression of the class's ids (for the JSON Schema).

        >>> from mtib.core.model import Goal
        >>> plan(Goal).id_pattern
        '^(?:[1-9]|1[0-7])$'
        """
        regex = {Goal: GOAL_RE, Target: TARGET_RE, Indicator: INDICATOR_RE}.get(self.cls, SLUG_RE)
        return "^" + regex.pattern.removesuffix("\\Z") + "$"


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The annotation without ``| None``, and whether ``None`` was allowed."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"mtib fields hold one type (or None), not {annotation!r}")
        return args[0], True
    return annotation, False


def _field_plan(attribute: attrs.Attribute[Any], annotation: Any) -> FieldPlan:
    tp, optional = _unwrap(annotation)
    origin = typing.get_origin(tp)
    has_default = attribute.default is not attrs.NOTHING
    if origin in (tuple, frozenset):
        (item,) = [a for a in typing.get_args(tp) if a is not Ellipsis]
        if attrs.has(item):
            shape = Shape.VALUES
        elif isinstance(item, type) and issubclass(item, enum.Enum):
            shape = Shape.SET
        else:
            shape = Shape.LIST
        return FieldPlan(attribute.name, shape, item, optional, has_default, meta(attribute), attribute)
    if attrs.has(tp):
        shape = Shape.VALUE
    elif isinstance(tp, type) and issubclass(tp, enum.Enum):
        shape = Shape.ENUM
    elif tp in _SCALARS:
        shape = Shape.SCALAR
    else:
        raise TypeError(f"{attribute.name}: no shape for {tp!r}")
    return FieldPlan(attribute.name, shape, tp, optional, has_default, meta(attribute), attribute)


_PLANS: dict[type, Plan] = {}
_lock = threading.Lock()


def plan(cls: type) -> Plan:
    """The plan of a record or value class (computed once).

    >>> from mtib.core.model import Money
    >>> [(f.name, f.shape.value) for f in plan(Money).fields]
    [('amount', 'scalar'), ('currency', 'scalar')]
    """
    found = _PLANS.get(cls)
    if found is not None:
        return found
    with _lock:
        if cls not in _PLANS:
            hints = typing.get_type_hints(cls)
            fields = tuple(_field_plan(a, hints[a.name]) for a in attrs.fields(cls))
            _PLANS[cls] = Plan(cls, fields, KIND_OF.get(cls), MappingProxyType({f.name: f for f in fields}))
        return _PLANS[cls]


# ----------------------------------------------------------------------------- references

Reference = tuple[tuple[str | int, ...], str, str, bool]
"""Where a reference is (field, index, subfield), the id, the collection it points into, soft."""


def references(record: Any) -> Iterator[Reference]:
    """Every reference ``record`` makes: where, the id, the collection (``"*"``: any), soft or not.

    >>> from mtib.core.model import Mission, SDGLink, Text
    >>> m = Mission(id="m", theme="energietransitie", statement=Text(nl="..."), sdgs=(SDGLink(goal=7),))
    >>> [(where, ref, to) for where, ref, to, _ in references(m)]
    [(('theme',), 'energietransitie', 'themes'), (('sdgs', 0, 'goal'), '7', 'sdgs')]
    """
    for f in plan(type(record)).fields:
        value = getattr(record, f.name)
        if value is None:
            continue
        to = f.meta.ref
        if to is not None:
            if f.shape is Shape.LIST:
                for i, ref in enumerate(value):
                    yield (f.name, i), str(ref), to, f.meta.soft
            else:
                yield (f.name,), str(value), to, f.meta.soft
        elif f.shape is Shape.VALUE:
            for where, ref, to_, soft in references(value):
                yield (f.name, *where), ref, to_, soft
        elif f.shape is Shape.VALUES:
            for i, item in enumerate(value):
                for where, ref, to_, soft in references(item):
                    yield (f.name, i, *where), ref, to_, soft


@attrs.frozen
class RefField:
    """A field that holds references, directly or in the value objects it holds.

    ``subs`` are the reference fields of each value object (a participant's
    organisation, an SDG link's goal and target); empty for a direct reference.

    >>> from mtib.core.model import Partnership
    >>> [(r.name, r.shape.value) for r in reference_fields(Partnership)][:2]
    [('topsectors', 'list'), ('themes', 'list')]
    """

    name: str
    shape: Shape
    to: str | None
    soft: bool
    subs: tuple[RefField, ...] = ()


def reference_fields(cls: type) -> tuple[RefField, ...]:
    """The fields of ``cls`` that hold references (computed once per class).

    >>> from mtib.core.model import TKI
    >>> [r.name for r in reference_fields(TKI)]
    ['successor', 'sources']
    """
    found = _REF_FIELDS.get(cls)
    if found is None:
        out: list[RefField] = []
        for f in plan(cls).fields:
            if f.meta.ref is not None:
                out.append(RefField(f.name, f.shape, f.meta.ref, f.meta.soft))
            elif f.shape in (Shape.VALUE, Shape.VALUES):
                subs = reference_fields(f.base)
                if subs:
                    out.append(RefField(f.name, f.shape, None, False, subs))
        found = _REF_FIELDS[cls] = tuple(out)
    return found


_REF_FIELDS: dict[type, tuple[RefField, ...]] = {}


def raw_references(cls: type, item: Mapping[str, Any]) -> Iterator[Reference]:
    """The references of a record still in raw form (a mapping read from a file), as far as its
    shape allows. They let a loader report dangling ids even of records with other problems.

    >>> from mtib.core.model import TKI
    >>> [(where, ref) for where, ref, _, _ in raw_references(TKI, {"successor": "tki-x", "sources": ["a", 5]})]
    [(('successor',), 'tki-x'), (('sources', 0), 'a')]
    >>> from mtib.core.model import Partnership
    >>> short = {"participants": ["tno:x", {"organisation": 7}]}
    >>> [(where, ref) for where, ref, _, _ in raw_references(Partnership, short)]
    [(('participants', 0, 'organisation'), 'tno')]
    """
    for f in plan(cls).fields:
        got = item.get(f.name)
        if got is None:
            continue
        to = f.meta.ref
        if to is not None:
            if f.shape is Shape.LIST:
                if isinstance(got, list):
                    for i, ref in enumerate(got):
                        if type(ref) is str:
                            yield (f.name, i), ref, to, f.meta.soft
            elif type(got) is str and (to != "sdg_targets" or TARGET_RE.fullmatch(got)):  # a bad code: once
                yield (f.name,), got, to, f.meta.soft
        elif f.shape is Shape.VALUE and isinstance(got, Mapping):
            for where, ref, to_, soft in raw_references(f.base, got):
                yield (f.name, *where), ref, to_, soft
        elif f.shape is Shape.VALUES and isinstance(got, list):
            short = getattr(f.base, "shorthand", None)  # a value written short ("tno:partner", 3)
            for i, value in enumerate(got):
                if short is not None and not isinstance(value, Mapping):
                    try:
                        value = short(value)
                    except Exception:  # noqa: BLE001 - an unreadable value has no references to give
                        continue
                if isinstance(value, Mapping):
                    for where, ref, to_, soft in raw_references(f.base, value):
                        yield (f.name, i, *where), ref, to_, soft


def path_of(where: tuple[str | int, ...]) -> str:
    """A reference's place as a path suffix.

    >>> path_of(("participants", 2, "organisation"))
    'participants[2].organisation'
    """
    out = ""
    for part in where:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


# ---------------------------------------------------------------------------- flat columns


def columns(cls: type) -> list[str]:
    """The flat columns of a record class, in field order: a value object's fields become
    columns of their own (``name_nl``, ``name_en``, ``period_start``, ``budget_amount``).

    >>> from mtib.core.model import Topsector
    >>> columns(Topsector)[:4]
    ['id', 'name_nl', 'name_en', 'established']
    """
    out: list[str] = []
    for f in plan(cls).fields:
        inner = f.inner if f.shape is Shape.VALUE else None
        if inner is not None:
            out += [f"{f.name}_{sub.name}" for sub in inner.fields]
        else:
            out.append(f.name)
    return out


def flat(record: Any) -> Iterator[tuple[str, Any]]:
    """The record's values by flat column (:func:`columns`): a value object's fields each on their own.

    >>> from mtib.core.model import Money, Period, Text, Topsector
    >>> t = Topsector(id="energie", name=Text(nl="Energie", en="Energy"), established=2011)
    >>> list(flat(t))[:4]
    [('id', 'energie'), ('name_nl', 'Energie'), ('name_en', 'Energy'), ('established', 2011)]
    """
    for f in plan(type(record)).fields:
        value = getattr(record, f.name)
        inner = f.inner if f.shape is Shape.VALUE else None
        if inner is None:
            yield f.name, value
        else:
            for sub in inner.fields:
                yield f"{f.name}_{sub.name}", None if value is None else getattr(value, sub.name)


# ------------------------------------------------------------------------------ JSON Schema

_JSON_TYPES: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    Decimal: {"type": ["number", "string"], "pattern": r"^-?[0-9]+(\.[0-9]+)?$"},
    datetime.date: {"type": "string", "format": "date"},
}


def _value_schema(f: FieldPlan, defs: dict[str, Any]) -> dict[str, Any]:
    if f.shape in (Shape.VALUE, Shape.VALUES):
        name = f.base.__name__
        if name not in defs:
            defs[name] = {}  # reserve (value classes do not nest in cycles)
            defs[name] = _object_schema(plan(f.base), defs)
        item: dict[str, Any] = {"$ref": f"#/$defs/{name}"}
    elif f.shape in (Shape.ENUM, Shape.SET):
        item = {"type": "string", "enum": [str(m.value) for m in f.base]}
    else:
        item = dict(_JSON_TYPES[f.base])
        if f.name == "id" and f.base is str:
            item["pattern"] = ""  # filled in by the record's plan
    if f.shape in (Shape.LIST, Shape.VALUES, Shape.SET):
        schema: dict[str, Any] = {"type": "array", "items": item}
        if f.shape is Shape.SET or (f.shape is Shape.LIST and f.attribute.validator is not None):
            schema["uniqueItems"] = True
        return schema
    if f.optional:
        return {"anyOf": [item, {"type": "null"}]}
    return item


def _object_schema(p: Plan, defs: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for f in p.readable:
        schema = _value_schema(f, defs)
        if f.name == "id" and schema.get("pattern") == "":
            schema["pattern"] = p.id_pattern
        if f.meta.doc:
            schema = {**schema, "description": f.meta.doc}
        if f.meta.ref is not None:
            target = "a record of any kind" if f.meta.ref == "*" else f.meta.ref
            schema["description"] = f"{schema.get('description', '')} (ids in {target})".strip()
        properties[f.name] = schema
    out: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    required = [f.name for f in p.readable if f.required_in_file]
    if required:
        out["required"] = required
    doc = (p.cls.__doc__ or "").strip().split("\n")[0]
    if doc:
        out["description"] = doc
    return out


def json_schema(collection: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a data file that holds ``collection``.

    Editors that read ``# yaml-language-server: $schema=...`` lines complete keys
    and enum values from it. It describes the shape of each record; the rules
    across records (references that resolve, unique ids) are mtib's own checks.

    >>> schema = json_schema("partnerships")
    >>> schema["properties"]["partnerships"]["items"]["$ref"]
    '#/$defs/Partnership'
    >>> schema["$defs"]["Partnership"]["properties"]["status"]["enum"][:2]
    ['planned', 'active']
    """
    cls = COLLECTIONS[collection]
    defs: dict[str, Any] = {}
    defs[cls.__name__] = _object_schema(plan(cls), defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"mtib data file: {collection}",
        "description": f"A file of mtib records: a mapping with the key {collection!r} holding a list of records. "
        "Other collections may stand in the same file.",
        "type": "object",
        "properties": {collection: {"type": "array", "items": {"$ref": f"#/$defs/{cls.__name__}"}}},
        "$defs": dict(sorted(defs.items())),
    }
