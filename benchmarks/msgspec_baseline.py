"""The msgspec baseline of strict JSON loading (issue 16): Structs of the same shape as mtib's records.

The Structs are made from mtib's schema plans (``mtib.core.schema.plan``), so they have the
records' fields, types and defaults, with the same type checks msgspec can make itself:
exact types (no ``"3"`` for a number), enums by value, tuples and frozensets, dates, decimals,
unknown keys refused, required keys required, and the two shorthands a file may use (an SDG
link as a goal number or target code, a participant as an organisation id). What msgspec does
not do (the records' validators, ids and references, duplicate keys, spheres) it is not asked
to do: this is the floor of decoding the same shape, not of mtib's checks.

    python benchmarks/msgspec_baseline.py FILE.json     # decode a data file, print the counts
"""

from __future__ import annotations

import functools
import sys
from typing import Any

import attrs

from mtib.core.model import Participant, Role, SDGLink
from mtib.core.schema import COLLECTIONS, Shape, plan


@functools.cache
def struct_of(cls: type) -> Any:
    """The msgspec Struct of a record or value class, made from its plan."""
    import msgspec

    fields: list[tuple[Any, ...]] = []
    for f in plan(cls).fields:
        if f.meta.derived:
            continue
        base: Any = struct_item(f.base) if f.shape in (Shape.VALUE, Shape.VALUES) else f.base
        if f.shape in (Shape.LIST, Shape.SET, Shape.VALUES):
            tp: Any = frozenset[base] if f.shape is Shape.SET else tuple[base, ...]  # type: ignore[valid-type]
        else:
            tp = base
        if f.optional:
            tp = tp | None
        default = f.attribute.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            default = msgspec.field(default_factory=default.factory)  # type: ignore[attr-defined]
        if f.meta.required or default is attrs.NOTHING:
            fields.append((f.name, tp))
        else:
            fields.append((f.name, tp, default))
    fields.sort(key=len)  # msgspec, like Python, wants the fields without defaults first
    return msgspec.defstruct(cls.__name__, fields, forbid_unknown_fields=True, frozen=True)


def struct_item(cls: type) -> Any:
    """A value class's Struct, with the short forms a file may write instead (as mtib reads them)."""
    if cls is SDGLink:
        return struct_of(cls) | int | str  # 3 or "6.1"
    if cls is Participant:
        return struct_of(cls) | str  # "tno" or "tno:funder"
    return struct_of(cls)


@functools.cache
def file_type() -> Any:
    """The Struct of a whole data file: a list of records per collection, each optional."""
    import msgspec

    fields = [(name, tuple[struct_of(cls), ...], ()) for name, cls in COLLECTIONS.items()]
    return msgspec.defstruct("DataFile", fields, forbid_unknown_fields=True, frozen=True)


def decode(data: bytes) -> Any:
    """A data file's bytes decoded into the Structs."""
    import msgspec

    return msgspec.json.decode(data, type=file_type())


@functools.cache
def _converter(cls: type) -> Any:
    """A function making a ``cls`` record from its decoded Struct (or a file's short form of it)."""
    parts: list[tuple[str, Any]] = []
    for f in plan(cls).fields:
        if f.meta.derived:
            continue
        if f.shape is Shape.VALUE:
            parts.append((f.name, _optional(_converter(f.base))))
        elif f.shape is Shape.VALUES:
            item = _converter(f.base)
            parts.append((f.name, lambda values, item=item: tuple(map(item, values))))
        else:
            parts.append((f.name, None))  # scalars, enums, tuples and frozensets arrive as they are kept

    def convert(struct: Any) -> Any:
        if type(struct) is int or type(struct) is str:  # an SDG link or participant written short
            return _short(cls, struct)
        return cls(
            **{name: getattr(struct, name) if how is None else how(getattr(struct, name)) for name, how in parts}
        )

    return convert


def _optional(convert: Any) -> Any:
    return lambda value: None if value is None else convert(value)


def _short(cls: type, value: int | str) -> Any:
    if cls is SDGLink:
        return SDGLink(goal=value) if type(value) is int else SDGLink(goal=int(str(value).split(".")[0]), target=value)
    organisation, _, role = str(value).partition(":")
    return Participant(organisation) if not role else Participant(organisation, Role(role))


def records(decoded: Any) -> dict[str, tuple[Any, ...]]:
    """mtib's records made from decoded Structs, with the records' validators off.

    The floor of an accelerator that lets msgspec decode and type-check a file and then makes
    mtib's attrs records from its Structs: what building the records alone costs, without
    any of mtib's checks (ids, references, duplicate keys, the validators).
    """
    attrs.validators.set_disabled(True)
    try:
        return {name: tuple(map(_converter(cls), getattr(decoded, name))) for name, cls in COLLECTIONS.items()}
    finally:
        attrs.validators.set_disabled(False)


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as fh:
        decoded = decode(fh.read())
    print({name: len(getattr(decoded, name)) for name in COLLECTIONS if getattr(decoded, name)})
