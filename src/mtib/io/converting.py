"""Structuring: plain values read from a file become records, or problems with paths.

One strict ``cattrs`` converter, generated from the model: its structure
functions are cattrs' own, made per class from the attrs fields, with mtib's
hooks for the scalar types (no silent coercion: ``"3"`` is not a number, ``yes``
is not a string) and the schema's plans for what a file must give and what it
may not (derived fields). A record is built by its own class, so its
validators run: a record that comes out is valid. Every failure becomes a
:class:`mtib.Problem` with its path; a record with several mistakes reports all
of them. The rules across records are :mod:`mtib.core.checks`; :mod:`mtib.io.loading`
drives both for files.

>>> problems = []
>>> located = structure_document({"sources": [{"id": "s", "title": "T"}]}, "x.yaml", problems)
>>> [str(p) for p in problems]
['x.yaml: $.sources[0].url: missing required field (only a policy note may have no URL)']
"""

from __future__ import annotations

import contextlib
import datetime
import enum
import heapq
import re
import threading
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

import attrs
import cattrs
import cattrs.gen
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from mtib.core import errors as errors_module
from mtib.core import suggest
from mtib.core.checks import Located, Unreadable
from mtib.core.errors import MAX_PROBLEMS, MtibError, Problem, ProblemList, path_join
from mtib.core.fields import FieldError, shown
from mtib.core.model import Record
from mtib.core.schema import COLLECTIONS, KIND_OF, Shape, plan, raw_references, references

__all__ = [
    "converter",
    "plain_decimal",
    "shared_values",
    "shown",
    "structure_document",
    "structure_stream",
    "suggest",
    "to_plain",
]

# ------------------------------------------------------------------------ shared values

_KEY_TYPES = frozenset({str, int, bool, type(None)})
"""The plain values a memo key may hold: equal values of these types (and the same type) structure
to equal values. Floats are left out (``0.0 == -0.0``, but they are different numbers to a Decimal)."""
_MEMO_TRIES = 2_000
_MEMO_MIN_HITS = 200  # after this many tries, a memo that hits less often than this stops for the load
_MEMO_CAP = 1 << 16  # and a memo holds at most this many values


class _Memo:
    """The values of one class (or container type) structured so far in a load, by their plain form."""

    __slots__ = ("hits", "on", "tries", "values")

    def __init__(self) -> None:
        self.values: dict[object, object] = {}
        self.tries = 0
        self.hits = 0
        self.on = True

    def missed(self, key: object, value: object) -> None:
        self.tries += 1
        if len(self.values) < _MEMO_CAP:
            self.values[key] = value
        if self.tries == _MEMO_TRIES and self.hits < _MEMO_MIN_HITS:
            self.on = False  # values of this kind rarely repeat (names, descriptions): not worth the keys
            self.values.clear()


class _Sharing(threading.local):
    memos: dict[object, _Memo] | None = None
    strings: dict[str, str] | None = None


_sharing = _Sharing()


@contextlib.contextmanager
def shared_values() -> Iterator[None]:
    """Equal immutable values structured in the ``with`` block are one object, shared between records.

    While a file of many records is structured, a value object (a participant, a
    period, an amount of money, a tag set, a tuple of ids) whose plain form was
    seen before is the value built then, and an id that refers to another record
    is the same string object every time. The plain form must be the same values
    of the same types, and only values that were built without a problem are
    kept, so every check runs and every problem is reported as before; the memos
    are dropped at the end of the block (per thread).

    >>> from mtib.core.model import Period
    >>> with shared_values():
    ...     a = converter().structure({"start": 2021, "end": 2024}, Period)
    ...     b = converter().structure({"start": 2021, "end": 2024}, Period)
    >>> a is b, converter().structure({"start": 2021, "end": 2024}, Period) is a
    (True, False)
    """
    if _sharing.memos is not None:  # nested: the outer block's memos go on
        yield
        return
    _sharing.memos = {}
    _sharing.strings = {}
    try:
        yield
    finally:
        _sharing.memos = None
        _sharing.strings = None


def _memo(kind: object) -> _Memo | None:
    memos = _sharing.memos
    if memos is None:
        return None
    found = memos.get(kind)
    if found is None:
        found = memos[kind] = _Memo()
    return found if found.on else None


def _shared_string(hook: Callable[[object, Any], Any]) -> Callable[[object, Any], Any]:
    """``hook`` (of a field that holds an id of another record), with equal ids made one string."""

    def structure(value: object, t: Any) -> Any:
        result = hook(value, t)
        strings = _sharing.strings
        if strings is not None and type(result) is str:
            return strings.setdefault(result, result)
        return result

    return structure


# ------------------------------------------------------------------------ scalar hooks


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()} (unquoted yes/no/on/off/true/false are booleans: quote the text)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {shown!r}"
    if isinstance(value, datetime.datetime):
        return f"the date and time {value.isoformat()}"
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()} (quote it if it is a text)"
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, int):
        return f"the number {value}" if abs(value) < 10**40 else "a number with more than 40 digits"
    return type(value).__name__


_INT_BOUND = 10**15  # years, counts and goal numbers are far smaller
_DECIMAL_EXPONENT = 30  # amounts up to 10^30, precision down to 10^-30


def _str(value: object, _: type) -> str:
    if type(value) is not str:
        if type(value) in (int, float) and len(repr(value)) <= 40:
            # a code written unquoted (target: 6.1, id: 123): say how to write it
            raise TypeError(f"expected a string, got {_describe(value)}: quote it, as in '{value!r}'")
        raise TypeError(f"expected a string, got {_describe(value)}")
    return value


def _int(value: object, _: type) -> int:
    if type(value) is not int:
        raise TypeError(f"expected a whole number, got {_describe(value)}")
    if not -_INT_BOUND <= value <= _INT_BOUND:
        raise ValueError(f"the number is too large: {_describe(value)}")
    return value


def _bool(value: object, _: type) -> bool:
    if type(value) is not bool:
        raise TypeError(f"expected true or false, got {_describe(value)}")
    return value


def _decimal(value: object, _: type) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise TypeError(f"expected a number, got {_describe(value)}")
    try:
        number = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        raise ValueError(f"expected a number, got {_describe(value)}") from None
    if not number.is_finite():
        raise ValueError(f"expected a finite number, got {shown(value)}")
    if number and not -_DECIMAL_EXPONENT <= number.adjusted() <= _DECIMAL_EXPONENT:
        raise ValueError(f"the number {shown(str(value))} is out of range (10^-30 to 10^30)")
    if len(number.as_tuple().digits) > 2 * _DECIMAL_EXPONENT:
        raise ValueError(f"the number {shown(str(value))} has more than {2 * _DECIMAL_EXPONENT} digits")
    return number


def _date(value: object, _: type) -> datetime.date:
    if isinstance(value, datetime.datetime):
        raise TypeError(f"expected a date without a time, got {_describe(value)}")
    if isinstance(value, str):
        if not _ISO_DATE.fullmatch(value):  # fromisoformat takes other forms too (20221104, 2022-W44-5)
            raise ValueError(f"expected an ISO date such as 2022-11-04, got {_describe(value)}")
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"expected an ISO date such as 2022-11-04, got {_describe(value)}") from None
    if isinstance(value, datetime.date):
        if not 1000 <= value.year <= 2999:  # as for a year: a date of year 1 is a mistake
            raise ValueError(f"implausible date {value.isoformat()} (expected a year from 1000 to 2999)")
        return value
    raise TypeError(f"expected a date such as 2022-11-04, got {_describe(value)}")


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def _enum_hook(cls: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    values = [str(m.value) for m in cls]

    def structure(value: object, _: type) -> enum.Enum:
        if type(value) is not str:
            raise TypeError(f"expected one of {', '.join(values)}; got {_describe(value)}")
        try:
            return cls(value)
        except ValueError:
            hint = suggest.hint(value, values)
            raise ValueError(f"unknown value {shown(value)}{hint}; expected one of {', '.join(values)}") from None

    return structure


def _is_sequence(t: Any) -> bool:
    origin = getattr(t, "__origin__", None)
    return origin in (tuple, frozenset) and len(getattr(t, "__args__", ())) in (1, 2)


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _str)
    conv.register_structure_hook(int, _int)
    conv.register_structure_hook(bool, _bool)
    conv.register_structure_hook(Decimal, _decimal)
    conv.register_structure_hook(datetime.date, _date)
    conv.register_structure_hook_factory(lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook)

    def sequence_factory(t: Any) -> Callable[[object, type], object]:
        container = t.__origin__
        item_type = t.__args__[0]
        list_type = list[item_type]  # type: ignore[valid-type]
        item_hook = conv.get_structure_hook(item_type)
        # A list of ids or tags (strings in the file) may be one tuple or frozenset shared by the records.
        flat = item_type is str or (isinstance(item_type, type) and issubclass(item_type, enum.Enum))

        def structure(value: object, t: Any) -> object:
            if flat and type(value) is list:
                memo = _memo(t)
                if memo is not None:
                    key = tuple(value)
                    if _KEY_TYPES.issuperset(map(type, key)):
                        found = memo.values.get(key)
                        if found is not None:
                            memo.hits += 1
                            return found
                        result = build(value)
                        memo.missed(key, result)
                        return result
            return build(value)

        def build(value: object) -> object:
            if not isinstance(value, (list, tuple)):
                raise TypeError(f"expected a list, got {_describe(value)}")
            # The wrong items: the first MAX_PROBLEMS collected, the rest counted (a list of
            # millions of wrong items must not hold millions of exceptions).
            items: list[Any] = []
            errors: list[Exception] = []
            unlisted = 0
            stopped = False
            for i, item in enumerate(value):
                try:
                    items.append(item_hook(item, item_type))
                except Exception as exc:  # noqa: BLE001 - each becomes a problem at its index
                    if len(errors) >= MAX_PROBLEMS:
                        unlisted += 1
                        if len(errors) + unlisted >= errors_module.MAX_COUNTED:  # checking stops here
                            stopped = True
                            break
                        continue
                    note = IterableValidationNote(f"Structuring {t} @ index {i}", i, item_type)
                    exc.__notes__ = [*getattr(exc, "__notes__", []), note]  # type: ignore[attr-defined]
                    errors.append(exc)
            if not errors and not unlisted:
                return container(items)
            error = IterableValidationError(f"While structuring {t!r}", errors, list_type)
            error.mtib_unlisted = unlisted  # counted by _problems_of
            error.mtib_stopped = stopped
            raise error

        return structure

    conv.register_structure_hook_factory(_is_sequence, sequence_factory)

    def attrs_factory(cl: type) -> Callable[[object, type], object]:
        overrides: dict[str, Any] = {}
        for f in plan(cl).fields:
            if f.meta.derived:
                overrides[f.name] = cattrs.gen.override(omit=True)
            elif f.meta.ref is not None and f.shape is Shape.SCALAR and f.base is str:
                # an id of another record: one string object for each id, however often it is written
                hook = _shared_string(conv.get_structure_hook(_hints(cl)[f.name]))
                overrides[f.name] = cattrs.gen.override(struct_hook=hook)
        inner: Callable[[Mapping[str, Any], Any], object] = cattrs.gen.make_dict_structure_fn(cl, conv, **overrides)
        # A value object (not a record, whose id is its own) may be shared between the records that hold it.
        value_class = cl not in KIND_OF
        # A value class may say how a file writes it short (SDG links as codes, participants as ids).
        shorthand: Callable[[object], object] | None = getattr(cl, "shorthand", None)
        accepted = f"a mapping or {cl.SHORTHAND}" if shorthand is not None else "a mapping"  # type: ignore[attr-defined]

        def structure(value: object, _: type) -> object:
            if shorthand is not None:
                value = shorthand(value)
            if not isinstance(value, Mapping):
                if isinstance(value, float) and shorthand is not None:
                    raise TypeError(
                        f"expected {accepted}, got the number {value!r}: quote a target code ('6.1'), "
                        "as a number 17.10 would be read as 17.1"
                    )
                raise TypeError(f"expected {accepted}, got {_describe(value)}")
            if value_class and type(value) is dict:
                memo = _memo(cl)
                if memo is not None:
                    values = tuple(value.values())
                    types = tuple(map(type, values))
                    if _KEY_TYPES.issuperset(types):
                        key = (tuple(value), values, types)
                        found = memo.values.get(key)
                        if found is not None:
                            memo.hits += 1
                            return found
                        built = inner(value, cl)
                        memo.missed(key, built)
                        return built
            return inner(value, cl)  # a key that is not a string is reported as an unknown key

        return structure

    conv.register_structure_hook_factory(attrs.has, attrs_factory)

    # Unstructuring: plain values, defaults left out, derived fields never written,
    # keys a data file must have always written (even when empty).
    conv.register_unstructure_hook(Decimal, plain_decimal)
    conv.register_unstructure_hook(datetime.date, lambda d: d)
    conv.register_unstructure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda _: lambda e: e.value
    )
    conv.register_unstructure_hook_factory(
        lambda t: getattr(t, "__origin__", None) is frozenset,
        lambda _: lambda s: sorted((conv.unstructure(x) for x in s), key=str),
    )

    def attrs_unstructure(cl: type) -> Callable[[object], dict[str, Any]]:
        overrides: dict[str, Any] = {}
        for f in plan(cl).fields:
            if f.meta.derived:
                overrides[f.name] = cattrs.gen.override(omit=True)
            elif f.meta.required:
                overrides[f.name] = cattrs.gen.override(omit_if_default=False)
        return cattrs.gen.make_dict_unstructure_fn(cl, conv, _cattrs_omit_if_default=True, **overrides)

    conv.register_unstructure_hook_factory(attrs.has, attrs_unstructure)
    return conv


def plain_decimal(d: Decimal) -> int | float | str:
    """A Decimal as the plainest value that reads back equal: an int, a float, or a string.

    >>> plain_decimal(Decimal("5400000")), plain_decimal(Decimal("8.1"))
    (5400000, 8.1)
    >>> plain_decimal(Decimal("0.1000000000000000001"))
    '0.1000000000000000001'

    """
    if d == d.to_integral_value():
        return int(d)
    as_float = float(d)
    return as_float if Decimal(repr(as_float)) == d else str(d)


_converter: cattrs.Converter | None = None
_converter_lock = threading.Lock()


def converter() -> cattrs.Converter:
    """The strict converter (built on first use).

    >>> from mtib.core.model import Period
    >>> converter().structure({"start": 2021, "end": 2024}, Period)
    Period(start=2021, end=2024)
    """
    global _converter
    if _converter is None:
        with _converter_lock:
            if _converter is None:
                _converter = _make_converter()
    return _converter


_HINTED_KEYS = 20  # "did you mean" for the first unknown keys of a record only


def _problems_of(exc: BaseException, path: str, cls: type | None = None) -> ProblemList:
    """Turn a cattrs validation error tree into problems with paths (the first MAX_PROBLEMS; the rest counted)."""
    out = ProblemList()
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        out.add_unlisted(getattr(exc, "mtib_unlisted", 0))
        out.stopped = bool(getattr(exc, "mtib_stopped", False))
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            if isinstance(note, IterableValidationNote):
                sub_path = path_join(path, note.index if isinstance(note.index, int) else str(note.index))
            else:
                sub_path = path_join(path, note.name)
            if isinstance(sub, KeyError) and not isinstance(sub, MtibError) and isinstance(exc, ClassValidationError):
                out.append(Problem(sub_path, "missing required field"))
            else:
                out.extend(_problems_of(sub, sub_path, getattr(note, "type", None)))
        for sub in without:
            out.extend(_problems_of(sub, path, getattr(exc, "cl", None)))
    elif isinstance(exc, ForbiddenExtraKeysError):
        fields = plan(exc.cl).fields if attrs.has(exc.cl) else ()
        known = [f.name for f in fields if not f.meta.derived]
        derived = {f.name: f.meta.doc for f in fields if f.meta.derived}
        extras = exc.extra_fields
        # The first MAX_PROBLEMS keys in order, without sorting a million of them.
        first = (
            heapq.nsmallest(MAX_PROBLEMS, extras, key=str) if len(extras) > MAX_PROBLEMS else sorted(extras, key=str)
        )
        out.add_unlisted(len(extras) - len(first))
        for n, extra in enumerate(first):
            key = str(extra)
            if key in derived:
                message = f"unknown key {key!r}: {derived[key]}; it is never read from a file"
            else:
                hint = suggest.hint(key, known) if n < _HINTED_KEYS else ""
                message = f"unknown key {shown(extra)}{hint or '; known keys: ' + ', '.join(known)}"
            out.append(Problem(path_join(path, key), message))
    elif isinstance(exc, FieldError):
        for where, message in exc.problems:
            out.append(Problem(path + "".join(f"[{w}]" if isinstance(w, int) else f".{w}" for w in where), message))
    elif isinstance(exc, (TypeError, ValueError)):
        out.append(Problem(path, str(exc)))
    else:
        out.append(Problem(path, f"invalid value ({type(exc).__name__}: {shown(str(exc))})"))
    return out


def _field_problems(conv: cattrs.Converter, cls: type, item: Mapping[str, Any], path: str) -> list[Problem]:
    """The single-record rules of every field that can be read, each on its own.

    A record with a mistake is never built, so its validators do not run; this runs
    them field by field, so that one pass reports every mistake a record has.
    """
    hints = _hints(cls)
    out: list[Problem] = []
    for f in plan(cls).readable:
        validator = f.attribute.validator
        if validator is None or f.name not in item:
            continue
        try:
            value = conv.structure(item[f.name], hints[f.name])
        except Exception:  # noqa: BLE001 - reported by the structuring itself
            continue
        try:
            validator(None, f.attribute, value)
        except Exception as exc:  # noqa: BLE001 - every broken rule becomes a problem
            out.extend(_problems_of(exc, path, cls))
    return out


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    found = _HINTS.get(cls)
    if found is None:
        found = _HINTS[cls] = typing.get_type_hints(cls)
    return found


# ------------------------------------------------------------------------- records


def structure_document(data: Any, file: str | None, problems: list[Problem], *, release: bool = False) -> list[Located]:
    """The records of one parsed file, structured strictly; problems are appended.

    A record that cannot be built still yields its id and the references that
    could be read (an :class:`~mtib.core.checks.Unreadable`), so that
    :func:`mtib.core.checks.check` can check those too. With ``release``, each
    record's plain values are dropped from ``data`` once it is structured (``data``
    is left with ``None`` in their place): a large file then does not hold both
    forms in memory at once.

    >>> problems = []
    >>> located = structure_document({"organisations": [{"id": "o", "name": "O", "sphere": "banks"}]}, None, problems)
    >>> [(p.path, p.message[:22]) for p in problems], [loc.record.id for loc in located]
    ([('$.organisations[0].sphere', "unknown value 'banks';")], ['o'])
    """
    if not isinstance(data, dict):
        problems.append(
            Problem(
                "$",
                f"the top level must be a mapping of collections ({', '.join(COLLECTIONS)}), got {_describe(data)}",
                file,
            )
        )
        return []
    out: list[Located] = []
    # A list that YAML aliases under two collections is one object: it is read for both, never emptied.
    uses: dict[int, int] = {}
    for items in data.values():
        uses[id(items)] = uses.get(id(items), 0) + 1
    for key, items in data.items():
        if key not in COLLECTIONS:
            hint = suggest.hint(str(key), COLLECTIONS) or f"; expected one of {', '.join(COLLECTIONS)}"
            problems.append(Problem(path_join("$", str(key)), f"unknown collection {shown(key)}{hint}", file))
            continue
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(Problem(path_join("$", key), f"expected a list of records, got {_describe(items)}", file))
            continue
        if _structure_items(key, items, file, problems, out, items if release and uses[id(items)] == 1 else None):
            break  # checking stopped (MAX_COUNTED problems): the rest is left unread
    return out


def structure_stream(
    collections: Iterable[tuple[str, Iterable[Any]]], file: str | None, problems: list[Problem]
) -> list[Located]:
    """The records of a file read record by record (:class:`mtib.io.reading.JsonStream`), as
    :func:`structure_document` gives those of the same file read whole: the same records, the
    same problems, in the same order.

    >>> problems = []
    >>> located = structure_stream(iter([("sources", iter([{"id": "s", "title": "T"}]))]), "x.json", problems)
    >>> [str(p) for p in problems]
    ['x.json: $.sources[0].url: missing required field (only a policy note may have no URL)']
    """
    out: list[Located] = []
    for key, items in collections:
        if key not in COLLECTIONS:
            hint = suggest.hint(str(key), COLLECTIONS) or f"; expected one of {', '.join(COLLECTIONS)}"
            problems.append(Problem(path_join("$", str(key)), f"unknown collection {shown(key)}{hint}", file))
            for _ in items:  # read past them
                pass
            continue
        if _structure_items(key, items, file, problems, out, None):
            break  # checking stopped (MAX_COUNTED problems): the rest of the file is left unread
    return out


def _structure_items(
    key: str,
    items: Iterable[Any],
    file: str | None,
    problems: list[Problem],
    out: list[Located],
    release: list[Any] | None,
) -> bool:
    """Structure the records of one collection into ``out``; with ``release``, each is dropped from that list.

    Returns whether checking stopped: once ``problems`` (a :class:`ProblemList`) holds
    :data:`MAX_PROBLEMS`, later problems are only counted and get no hints; once it has
    counted :data:`mtib.core.errors.MAX_COUNTED`, the records after it are left unread.
    """
    conv = converter()
    base = path_join("$", key)
    cls = COLLECTIONS[key]
    structure = conv.get_structure_hook(cls)
    required = [f.name for f in plan(cls).readable if f.meta.required]
    counted = problems if isinstance(problems, ProblemList) else None
    with contextlib.ExitStack() as hints:
        muting = False
        for i, item in enumerate(items):
            if counted is not None and counted.full and not muting:
                hints.enter_context(suggest.muted())  # problems are only counted now: no hints to compute
                muting = True
            if counted is not None and counted.enough:  # bounded time for input with millions of mistakes
                counted.stopped = True
                return True
            if release is not None:
                release[i] = None  # the record's plain values live on in `item` until it is built
            missing = [f for f in required if f not in item] if isinstance(item, dict) else []
            for name in missing:
                problems.append(Problem(f"{base}[{i}].{name}", "missing required field", file))
            try:
                record = structure(item, cls)
            except Exception as exc:  # noqa: BLE001 - every failure becomes a located problem
                path = f"{base}[{i}]"
                found = _problems_of(exc, path, cls)
                if isinstance(item, dict) and not found.stopped:
                    found += _field_problems(conv, cls, item, path)
                problems.extend(Problem(p.path, p.message, file) for p in dict.fromkeys(found))
                if isinstance(problems, ProblemList):
                    problems.add_unlisted(found.unlisted)
                    problems.stopped = problems.stopped or found.stopped
                _forget(exc)
                if isinstance(item, dict) and type(item.get("id")) is str:
                    # Keep its id, so that references to it are not reported as dangling,
                    # and its own references, so that dangling ones are reported now.
                    out.append(Located(Unreadable(item["id"], cls, tuple(raw_references(cls, item))), key, i, file))
                continue
            if missing:
                out.append(Located(Unreadable(record.id, cls, tuple(references(record))), key, i, file))
            else:
                out.append(Located(record, key, i, file))
    return bool(counted is not None and counted.stopped)


def _forget(exc: BaseException) -> None:
    """Drop the tracebacks of an error tree once it is reported.

    cattrs keeps each item's error in a list local to the frame that raised the group, and
    each error's traceback holds that frame: a reference cycle per wrong record, which the
    paused garbage collector (see ``mtib.core.bulk.paused_gc``) would not free until the end.
    """
    todo = [exc]
    while todo:
        error = todo.pop()
        error.__traceback__ = None
        error.__context__ = None
        todo.extend(getattr(error, "exceptions", ()))


def to_plain(record: Record) -> dict[str, Any]:
    """A record as plain data, as it is written in a data file (defaults left out).

    >>> from mtib.core.model import Organisation, HelixSphere
    >>> to_plain(Organisation(id="tno", name="TNO", sphere=HelixSphere.ACADEMIA))
    {'id': 'tno', 'name': 'TNO', 'sphere': 'academia'}
    """
    plain: dict[str, Any] = converter().unstructure(record)
    return plain
