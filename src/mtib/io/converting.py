"""Structuring and validation: plain values from a file become checked records, or problems.

The strict ``cattrs`` converter turns each record's mapping into an ``attrs``
record; every failure becomes a :class:`mtib.Problem` with its path. Then
:func:`validate` checks ids and references across all records, on top of an
optional base dataset. :mod:`mtib.io.loading` drives this for files and
directories.

>>> problems = []
>>> located = structure_document({"sources": [{"id": "s", "title": "T"}]}, "x.yaml", problems)
>>> [str(p) for p in problems]
[]
>>> validate(located, problems)
>>> [str(p) for p in problems]
['x.yaml: $.sources[0].url: missing required field (only a policy note may have no URL)']
"""

from __future__ import annotations

import contextvars
import datetime
import difflib
import enum
import threading
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from functools import partial
from itertools import repeat
from types import MappingProxyType
from typing import Any

import attrs
import cattrs
import cattrs.gen
from cattrs.cols import list_structure_factory
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from mtib.core.errors import MtibError, Problem, path_join
from mtib.core.model import (
    COUNTRY_RE,
    LANGUAGE_RE,
    SLUG_RE,
    TKI,
    URL_RE,
    EnvironmentalChange,
    Evidence,
    Goal,
    HealthDimension,
    HelixSphere,
    Indicator,
    Mission,
    Money,
    Organisation,
    Participant,
    Partnership,
    PartnershipKind,
    PartnershipStatus,
    Period,
    Record,
    Role,
    SDGLink,
    SDGRelation,
    Source,
    SourceKind,
    Target,
    Text,
)
from mtib.dataset import (
    _REFERENCE_FIELDS,
    COLLECTIONS,
    KIND_OF,
    REFERENCE_TARGETS,
    Dataset,
    raw_references,
    references_of,
)

__all__ = ["Located", "converter", "finish", "plain_decimal", "structure_document", "to_plain", "validate"]

# ------------------------------------------------------------------------- converter


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


def shown(value: object, limit: int = 60) -> str:
    """``repr(value)``, shortened: messages never quote a long value in full.

    >>> shown("goverment")
    "'goverment'"
    >>> shown("x" * 100, limit=10)
    "'xxxxxxx...' (100 characters)"
    """
    if isinstance(value, str) and len(value) > limit:
        return f"{value[: limit - 3] + '...'!r} ({len(value):,} characters)"
    return repr(value)


def suggest(word: str, options: Iterable[str]) -> str:
    """A " (did you mean ...?)" hint for a short word, or nothing.

    >>> suggest("goverment", ["industry", "government"])
    " (did you mean 'government'?)"
    """
    if len(word) > _SUGGEST_MAX:
        return ""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


_SUGGEST_MAX = 80  # no "did you mean" for longer words: the matcher's cost grows with their length
_INT_BOUND = 10**15  # years, counts and goal numbers are far smaller
_DECIMAL_EXPONENT = 30  # amounts up to 10^30, precision down to 10^-30


def _str(value: object, _: type) -> str:
    if type(value) is not str:
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
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"expected an ISO date such as 2022-11-04, got {_describe(value)}") from None
    raise TypeError(f"expected a date such as 2022-11-04, got {_describe(value)}")


def _enum_hook(cls: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    values = [str(m.value) for m in cls]

    def structure(value: object, _: type) -> enum.Enum:
        if type(value) is not str:
            raise TypeError(f"expected one of {', '.join(values)}; got {_describe(value)}")
        try:
            return cls(value)
        except ValueError:
            hint = suggest(value, values)
            raise ValueError(f"unknown value {shown(value)}{hint}; expected one of {', '.join(values)}") from None

    return structure


def _is_sequence(t: Any) -> bool:
    origin = getattr(t, "__origin__", None)
    return origin in (tuple, frozenset) and len(getattr(t, "__args__", ())) in (1, 2)


def _make_converter(fast: bool = True) -> cattrs.Converter:
    """The strict converter; ``fast=False`` leaves out the hand-written fast paths (for tests:
    both must give the same records and the same problems)."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _str)
    conv.register_structure_hook(int, _int)
    conv.register_structure_hook(bool, _bool)
    conv.register_structure_hook(Decimal, _decimal)
    conv.register_structure_hook(datetime.date, _date)
    conv.register_structure_hook_factory(lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook)

    def sequence_factory(t: Any) -> Callable[[object, type], object]:
        container = t.__origin__
        list_hook = list_structure_factory(list[t.__args__[0]], conv)

        def structure(value: object, _: type) -> object:
            if not isinstance(value, (list, tuple)):
                raise TypeError(f"expected a list, got {_describe(value)}")
            return container(list_hook(value, _))

        return structure

    conv.register_structure_hook_factory(_is_sequence, sequence_factory)

    def attrs_factory(cl: type) -> Callable[[object, type], object]:
        inner: Callable[[Mapping[str, Any], Any], object]
        if cl is Participant:  # the sphere is derived from the organisation, never read
            inner = cattrs.gen.make_dict_structure_fn(cl, conv, sphere=cattrs.gen.override(omit=True))
        else:
            inner = cattrs.gen.make_dict_structure_fn(cl, conv)

        def structure(value: object, _: type) -> object:
            if not isinstance(value, Mapping):
                raise TypeError(f"expected a mapping, got {_describe(value)}")
            return inner(value, cl)  # a key that is not a string is reported as an unknown key

        quick = _FAST.get(cl) if fast else None
        return structure if quick is None else _with_fast_path(quick, structure)

    conv.register_structure_hook_factory(attrs.has, attrs_factory)

    # Unstructuring: plain values, defaults left out, derived fields never written.
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
        if cl is Participant:
            overrides["sphere"] = cattrs.gen.override(omit=True)
        # Keys a data file must have are always written, even when empty.
        for name in _REQUIRED.get(KIND_OF.get(cl, ""), ()):
            overrides[name] = cattrs.gen.override(omit_if_default=False)
        return cattrs.gen.make_dict_unstructure_fn(cl, conv, _cattrs_omit_if_default=True, **overrides)

    conv.register_unstructure_hook_factory(attrs.has, attrs_unstructure)
    return conv


SPHERES: contextvars.ContextVar[Mapping[str, HelixSphere]] = contextvars.ContextVar(
    "mtib_spheres", default=MappingProxyType({})
)
"""The helix sphere of each organisation id known while files are structured (see
:func:`mtib.io.loading.load_records`), so that participants get theirs at once."""

# ------------------------------------------------------------------------- fast paths
# Partnerships and the values inside them are the most numerous records of a user's file.
# A well-formed one is built by the hand-written functions below, which accept only the
# exact shape a data file gives (plain dicts and lists, exact types, known keys, valid
# vocabulary) and give the same record the generated structurer gives. On anything else
# they raise, and the value goes through the generated structurer instead, which reports
# every problem with its path: the problems (and their messages) do not depend on the
# fast paths. tests/test_fast_paths.py checks both give the same records and problems.


class _NotWellFormed(Exception):
    """The value is not in the exact shape a fast path accepts."""


def _with_fast_path(
    quick: Callable[[Any], object], slow: Callable[[object, type], object]
) -> Callable[[object, type], object]:
    def structure(value: object, cl: type) -> object:
        try:
            return quick(value)
        except Exception:  # noqa: BLE001 - anything unusual: the generated structurer decides
            return slow(value, cl)

    return structure


def _vocabulary(cls: type[enum.Enum]) -> dict[str, Any]:
    return {str(m.value): m for m in cls}


_ROLES = _vocabulary(Role)
_KINDS = _vocabulary(PartnershipKind)
_STATUSES = _vocabulary(PartnershipStatus)
_EVIDENCE = _vocabulary(Evidence)
_RELATIONS = _vocabulary(SDGRelation)
_ENVIRONMENT = _vocabulary(EnvironmentalChange)
_HEALTH = _vocabulary(HealthDimension)
_DIRECT = SDGRelation.DIRECT
_PARTNER = Role.PARTNER
_TEXT_KEYS = frozenset({"nl", "en"})
_LINK_KEYS = frozenset(f.name for f in attrs.fields(SDGLink))
_PERIOD_KEYS = frozenset(f.name for f in attrs.fields(Period))
_MONEY_KEYS = frozenset(f.name for f in attrs.fields(Money))
_PARTICIPANT_KEYS = frozenset({"organisation", "role"})
_PARTNERSHIP_KEYS = frozenset(f.name for f in attrs.fields(Partnership))
_AMOUNT_BOUND = 10 ** (_DECIMAL_EXPONENT + 1)  # whole amounts below it pass every check of _decimal


def _word(vocabulary: dict[str, Any], value: object) -> Any:
    if type(value) is not str:
        raise _NotWellFormed
    return vocabulary[value]  # KeyError: not in the vocabulary


def _strings(value: object) -> tuple[str, ...]:
    if type(value) is not list:
        raise _NotWellFormed
    for item in value:
        if type(item) is not str:
            raise _NotWellFormed
    return tuple(value)


def _words(vocabulary: dict[str, Any], value: object) -> frozenset[Any]:
    if type(value) is not list:
        raise _NotWellFormed
    return frozenset([_word(vocabulary, item) for item in value])


def _optional_str(value: object) -> str | None:
    if value is not None and type(value) is not str:
        raise _NotWellFormed
    return value


def _fast_text(value: Any) -> Text:
    if type(value) is not dict or not value.keys() <= _TEXT_KEYS:
        raise _NotWellFormed
    # Text's own validators refuse a blank text and a text without either language.
    return Text(_optional_str(value.get("nl")), _optional_str(value.get("en")))


def _fast_link(value: Any) -> SDGLink:
    if type(value) is not dict or not value.keys() <= _LINK_KEYS:
        raise _NotWellFormed
    goal = value["goal"]
    if type(goal) is not int:
        raise _NotWellFormed
    relation = value.get("relation")
    rationale = value.get("rationale")
    # SDGLink checks the goal (1-17) and the target's code and goal itself.
    return SDGLink(
        goal,
        _optional_str(value.get("target")),
        _DIRECT if relation is None and "relation" not in value else _word(_RELATIONS, relation),
        None if rationale is None else _fast_text(rationale),
    )


def _fast_period(value: Any) -> Period:
    if type(value) is not dict or not value.keys() <= _PERIOD_KEYS:
        raise _NotWellFormed
    start = value.get("start")
    end = value.get("end")
    if (start is not None and type(start) is not int) or (end is not None and type(end) is not int):
        raise _NotWellFormed
    return Period(start, end)  # checks the years (1000-2999) and their order itself


def _fast_money(value: Any) -> Money:
    if type(value) is not dict or not value.keys() <= _MONEY_KEYS:
        raise _NotWellFormed
    amount = value["amount"]
    if type(amount) is int and -_AMOUNT_BOUND < amount < _AMOUNT_BOUND:
        number = Decimal(amount)  # what _decimal gives for it, without the text round trip
    else:
        number = _decimal(amount, Decimal)
    currency = value.get("currency", "EUR")
    if type(currency) is not str:
        raise _NotWellFormed
    return Money(number, currency)  # refuses a negative amount and an unknown currency itself


def _fast_participant(value: Any, spheres: Mapping[str, HelixSphere]) -> Participant:
    if type(value) is not dict or not value.keys() <= _PARTICIPANT_KEYS:
        raise _NotWellFormed
    organisation = value["organisation"]
    if type(organisation) is not str:
        raise _NotWellFormed
    role = value.get("role")
    role = _PARTNER if role is None and "role" not in value else _word(_ROLES, role)
    return Participant(organisation, role, spheres.get(organisation))


def _fast_participant_alone(value: Any) -> Participant:
    return _fast_participant(value, SPHERES.get())


def _fast_participants(value: Any) -> tuple[Participant, ...]:
    if type(value) is not list:
        raise _NotWellFormed
    return tuple(map(_fast_participant, value, repeat(SPHERES.get())))


def _fast_partnership(value: Any) -> Partnership:
    if type(value) is not dict or not value.keys() <= _PARTNERSHIP_KEYS or "id" not in value or "name" not in value:
        raise _NotWellFormed
    return Partnership(**{key: _PARTNERSHIP_FIELDS_FAST[key](x) for key, x in value.items()})


def _optional(build: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else build(value)


def _list_of(build: Callable[[Any], Any]) -> Callable[[Any], tuple[Any, ...]]:
    def structure(value: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _NotWellFormed
        return tuple(map(build, value))

    return structure


def _required_str(value: object) -> str:
    if type(value) is not str:
        raise _NotWellFormed
    return value


# How each field of a partnership is built.
_PARTNERSHIP_FIELDS_FAST: dict[str, Callable[[Any], Any]] = {
    "id": _required_str,
    "name": _required_str,
    "kind": partial(_word, _KINDS),
    "acronym": _optional_str,
    "aliases": _strings,
    "description": _optional(_fast_text),
    "topsectors": _strings,
    "themes": _strings,
    "missions": _strings,
    "sdgs": _list_of(_fast_link),
    "participants": _fast_participants,
    "period": _optional(_fast_period),
    "budget": _optional(_fast_money),
    "funding": _optional(_fast_money),
    "status": partial(_word, _STATUSES),
    "environmental_change": partial(_words, _ENVIRONMENT),
    "health_dimensions": partial(_words, _HEALTH),
    "website": _optional_str,
    "evidence": partial(_word, _EVIDENCE),
    "sources": _strings,
}
assert _PARTNERSHIP_FIELDS_FAST.keys() == _PARTNERSHIP_KEYS

_FAST: dict[type, Callable[[Any], object]] = {
    Partnership: _fast_partnership,
    Participant: _fast_participant_alone,
    SDGLink: _fast_link,
    Text: _fast_text,
    Period: _fast_period,
    Money: _fast_money,
}


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


def _problems_of(exc: BaseException, path: str, cls: type | None = None) -> list[Problem]:
    """Turn a cattrs validation error tree into problems with paths."""
    out: list[Problem] = []
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
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
        known = [f.name for f in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        if exc.cl is Participant:
            known.remove("sphere")
        for extra in sorted(exc.extra_fields, key=str):
            key = str(extra)
            hint = suggest(key, known) or f"; known keys: {', '.join(known)}"
            message = f"unknown key {shown(extra)}{hint}"
            if exc.cl is Participant and key == "sphere":
                message = "unknown key 'sphere': a participant's sphere comes from its organisation"
            out.append(Problem(path_join(path, key if len(key) <= 60 else key[:57] + "..."), message))
    elif isinstance(exc, (TypeError, ValueError)):
        out.append(Problem(path, str(exc)))
    else:
        out.append(Problem(path, f"invalid value ({type(exc).__name__}: {exc})"))
    return out


# ------------------------------------------------------------------------- records


@attrs.frozen
class _Unreadable:
    """A record that could not be read: its id, class and the references that could be read."""

    id: str
    cls: type
    refs: tuple[tuple[str, str], ...] = ()


@attrs.frozen
class Located:
    """A record with where it came from (for error messages).

    >>> from mtib.core.model import Source
    >>> Located(Source(id="s", title="S", url="https://example.org"), "sources", 2, "mine.yaml").path
    '$.sources[2]'
    """

    record: Any
    collection: str
    index: int
    file: str | None

    @property
    def path(self) -> str:
        """The record's path in its file.

        >>> Located(None, "partnerships", 0, None).path
        '$.partnerships[0]'
        """
        return f"$.{self.collection}[{self.index}]"


def structure_document(data: Any, file: str | None, problems: list[Problem], *, release: bool = False) -> list[Located]:
    """The records of one parsed file, structured strictly; problems are appended.

    A record that cannot be structured still yields its id and the references
    that could be read, so that :func:`validate` can check those too. With
    ``release``, each record's plain values are dropped from ``data`` once it is
    structured (``data`` is left with ``None`` in their place): a large file then
    does not hold both forms in memory at once, and the garbage collector has fewer
    objects to go through while the records are built.

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
    conv = converter()
    out: list[Located] = []
    for key, items in data.items():
        if key not in COLLECTIONS:
            hint = suggest(str(key), COLLECTIONS) or f"; expected one of {', '.join(COLLECTIONS)}"
            problems.append(Problem(path_join("$", str(key)), f"unknown collection {shown(key)}{hint}", file))
            continue
        base = path_join("$", key)
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(Problem(base, f"expected a list of records, got {_describe(items)}", file))
            continue
        cls = COLLECTIONS[key]
        structure = conv.get_structure_hook(cls)
        required = _REQUIRED.get(key, ())
        for i, item in enumerate(items):
            if release:
                items[i] = None  # the record's plain values live on in `item` until it is built
            missing = [f for f in required if f not in item] if isinstance(item, dict) else []
            for field in missing:
                problems.append(Problem(path_join(path_join(base, i), field), "missing required field", file))
            try:
                record = structure(item, cls)
            except Exception as exc:  # noqa: BLE001 - every failure becomes a located problem
                path = path_join(base, i)
                problems.extend(attrs.evolve(p, file=file) for p in _problems_of(exc, path, cls))
                if isinstance(item, dict) and type(item.get("id")) is str:
                    # Keep its id, so that references to it are not reported as dangling,
                    # and its own references, so that dangling ones are reported now.
                    refs = tuple(raw_references(cls, item))
                    out.append(Located(_Unreadable(item["id"], cls, refs), key, i, file))
                continue
            if missing:
                refs = tuple(references_of(record, with_fields=True))
                out.append(Located(_Unreadable(record.id, cls, refs), key, i, file))
            else:
                out.append(Located(record, key, i, file))
    return out


_REQUIRED: dict[str, tuple[str, ...]] = {
    "partnerships": ("topsectors", "themes", "sdgs", "participants", "sources"),
}


def _check_record(loc: Located, problems: list[Problem]) -> None:
    r = loc.record
    f = loc.file

    def bad(field: str, message: str) -> None:
        problems.append(Problem(f"{loc.path}.{field}" if field else loc.path, message, f))

    if not isinstance(r, (Goal, Target, Indicator)) and not SLUG_RE.match(r.id):
        bad("id", f"malformed id {shown(r.id)}: use lowercase letters and digits joined by '-' or '_'")
    if isinstance(r, Source):
        if r.url is None and r.kind is not SourceKind.POLICY_NOTE:
            bad("url", "missing required field (only a policy note may have no URL)")
        if r.url is not None and not URL_RE.match(r.url):
            bad("url", f"not a web address: {shown(r.url)} (expected http:// or https://)")
        if r.language is not None and not LANGUAGE_RE.match(r.language):
            bad("language", f"expected a two-letter ISO 639-1 code such as 'nl', got {shown(r.language)}")
        if r.year is not None and not 1000 <= r.year <= 2999:
            bad("year", f"implausible year {r.year}")
    website = getattr(r, "website", None)
    if website is not None and not URL_RE.match(website):
        bad("website", f"not a web address: {shown(website)} (expected http:// or https://)")
    if isinstance(r, Organisation):
        if r.country is not None and not COUNTRY_RE.match(r.country):
            bad("country", f"expected a two-letter ISO 3166 code such as 'NL', got {shown(r.country)}")
        if r.ror is not None and not r.ror.startswith("https://ror.org/"):
            bad("ror", f"expected a ROR id such as 'https://ror.org/01bnjb948', got {shown(r.ror)}")
        if r.kvk is not None and not (r.kvk.isdigit() and len(r.kvk) == 8):
            bad("kvk", f"expected an 8-digit KvK number, got {shown(r.kvk)}")
    if isinstance(r, Source):
        return
    for field in _YEAR_FIELDS.get(type(r), ()):
        value = getattr(r, field)
        if isinstance(value, int) and not 1000 <= value <= 2999:
            bad(field, f"implausible year {value}")
    if isinstance(r, TKI) and r.established and r.ended and r.ended < r.established:
        bad("ended", f"ends ({r.ended}) before it was established ({r.established})")
    if isinstance(r, Partnership) and not r.sources:
        bad("sources", "a partnership needs at least one source")
    for field_name in _LIST_FIELDS.get(type(r), ()):
        values = getattr(r, field_name)
        if isinstance(values, tuple) and len(set(values)) != len(values):
            seen: set[object] = set()
            for i, v in enumerate(values):
                if v in seen:
                    bad(f"{field_name}[{i}]", f"{shown(v)} is listed twice")
                seen.add(v)


def _fields_among(names: tuple[str, ...]) -> dict[type, tuple[str, ...]]:
    """For each record class, those of ``names`` that are its fields (in the order given)."""
    return {cls: tuple(n for n in names if n in attrs.fields_dict(cls)) for cls in KIND_OF}


# For each record class, its reference fields: name, shape and the collection they point into.
_REFERENCE_PLANS: dict[type, tuple[tuple[str, str, str | None], ...]] = {
    cls: tuple(
        (name, shape, "sources" if name == "sources" else REFERENCE_TARGETS.get((cls, name), None))
        for name, shape in fields
    )
    for cls, fields in _REFERENCE_FIELDS.items()
}
_YEAR_FIELDS = _fields_among(("established", "ended", "target_year", "year"))
_LIST_FIELDS = _fields_among(("topsectors", "themes", "missions", "sources", "tkis", "subjects", "related", "aliases"))


def validate(located: list[Located], problems: list[Problem], base: Dataset | None = None) -> None:
    """Check ids and references of ``located`` records (on top of ``base``); problems are appended.

    >>> import tempfile, pathlib
    >>> from mtib.io.loading import load_records
    >>> mine = pathlib.Path(tempfile.mkdtemp()) / "mine.yaml"
    >>> _ = mine.write_text('organisations: [{id: "x", name: "X", sphere: "industry", sources: ["nope"]}]')
    >>> located, problems = load_records(mine)
    >>> validate(located, problems)
    >>> [(p.path, p.message) for p in problems]
    [('$.organisations[0].sources[0]', "unknown source 'nope'")]
    """
    by_id: dict[str, Located] = {}
    by_collection: dict[str, dict[str, Located]] = {name: {} for name in COLLECTIONS}
    base_ids: Mapping[str, Any] = base.id_index() if base is not None else {}
    for loc in located:
        if not isinstance(loc.record, _Unreadable):
            _check_record(loc, problems)
        rid = loc.record.id
        first = by_id.get(rid)
        if first is not None or rid in base_ids:
            if first is not None:
                where = f"already used at {first.file + ': ' if first.file else ''}{first.path}"
            else:
                where = f"already used in the bundled dataset, in {KIND_OF[type(base_ids[rid])]}"
            problems.append(Problem(path_join(loc.path, "id"), f"duplicate id {shown(rid)} ({where})", loc.file))
            continue
        by_id[rid] = loc
        by_collection[loc.collection][rid] = loc

    # The ids each collection may be referred to by: its own and the base's (built on first use).
    known_ids: dict[str | None, set[str]] = {}

    def ids_of(collection: str | None) -> set[str]:
        ids = known_ids.get(collection)
        if ids is None:
            if collection is None:
                ids = by_id.keys() | base_ids.keys()
            else:
                ids = by_collection[collection].keys() | (getattr(base, collection).ids() if base is not None else ())
            known_ids[collection] = ids
        return ids

    def known(ref: str, collection: str | None) -> bool:
        return ref in ids_of(collection)

    def candidates(collection: str | None) -> list[str]:
        if collection is None:
            return [*by_id, *base_ids]
        return [*by_collection[collection], *(getattr(base, collection).ids() if base is not None else ())]

    targets_known = bool(by_collection["sdg_targets"]) or (base is not None and bool(base.sdg_targets))

    def dangling(loc: Located, cls: type, field: str, ref: str) -> None:
        name = field.split("[")[0]
        collection = "sources" if name == "sources" else REFERENCE_TARGETS.get((cls, name), None)
        kind = "record" if collection is None else collection[:-1].replace("_", " ")
        hint = suggest(ref, candidates(collection))
        problems.append(Problem(f"{loc.path}.{field}", f"unknown {kind} {shown(ref)}{hint}", loc.file))

    for loc in located:
        r = loc.record
        if not isinstance(r, _Unreadable):
            # The common case, without building a path unless something is wrong.
            cls = type(r)
            for name, shape, collection in _REFERENCE_PLANS.get(cls, ()):
                got = getattr(r, name)
                if shape == "one":
                    if got is not None and not known(got, collection):
                        dangling(loc, cls, name, got)
                elif shape == "many":
                    if ids_of(collection).issuperset(got):
                        continue  # all known (a set operation in C); else find which are not
                    for i, ref in enumerate(got):
                        if not known(ref, collection):
                            dangling(loc, cls, f"{name}[{i}]", ref)
                elif shape == "participants":
                    organisations = ids_of("organisations")
                    for i, part in enumerate(got):
                        if part.organisation not in organisations:
                            dangling(loc, cls, f"{name}[{i}].organisation", part.organisation)
                elif shape == "sdgs" and targets_known:
                    for i, link in enumerate(got):
                        if link.target is not None and not known(link.target, "sdg_targets"):
                            message = f"unknown SDG target {shown(link.target)}"
                            problems.append(Problem(f"{loc.path}.{name}[{i}].target", message, loc.file))
            continue
        cls, pairs = r.cls, list(r.refs)
        for field, ref in pairs:
            if field.endswith(".goal"):
                continue  # goal numbers are checked by the model (1-17)
            if field.endswith(".target"):
                if targets_known and not known(ref, "sdg_targets"):
                    problems.append(Problem(f"{loc.path}.{field}", f"unknown SDG target {shown(ref)}", loc.file))
                continue
            name = field.split("[")[0]
            if not known(ref, "sources" if name == "sources" else REFERENCE_TARGETS.get((cls, name), None)):
                dangling(loc, cls, field, ref)
    # Missions: parents must not form a loop (bundled missions never point to new ones).
    missions = {k: v for k, v in by_collection["missions"].items() if isinstance(v.record, Mission)}
    for mid, loc in missions.items():
        seen = {mid}
        parent = loc.record.parent
        while parent is not None and parent in missions:
            if parent in seen:
                problems.append(
                    Problem(path_join(loc.path, "parent"), f"mission parents form a loop through {parent!r}", loc.file)
                )
                break
            seen.add(parent)
            parent = missions[parent].record.parent
    for tid, loc in by_collection["tkis"].items():
        if isinstance(loc.record, TKI) and loc.record.successor == tid:
            problems.append(Problem(path_join(loc.path, "successor"), "a TKI cannot be its own successor", loc.file))


def finish(located: list[Located], base: Dataset | None = None) -> dict[str, list[Any]]:
    """Group records by collection (after ``base``'s) and fill in the participants' spheres.

    >>> import mtib
    >>> from mtib.core.model import Participant, Partnership
    >>> p = Partnership(id="p", name="P", participants=(Participant("tno"),))
    >>> grouped = finish([Located(p, "partnerships", 0, None)], mtib.load())
    >>> grouped["partnerships"][-1].participants[0].sphere
    <HelixSphere.ACADEMIA: 'academia'>
    """
    orgs: dict[str, Organisation] = {}
    if base is not None:
        orgs.update((o.id, o) for o in base.organisations)
    orgs.update((loc.record.id, loc.record) for loc in located if isinstance(loc.record, Organisation))
    grouped: dict[str, list[Any]] = {
        name: list(getattr(base, name).records) if base is not None else [] for name in COLLECTIONS
    }
    for loc in located:
        record = loc.record
        if isinstance(record, Partnership) and any(
            p.sphere is None and p.organisation in orgs for p in record.participants
        ):
            participants = tuple(
                Participant(p.organisation, p.role, orgs[p.organisation].sphere) if p.organisation in orgs else p
                for p in record.participants
            )
            # Rebuilt positionally: attrs.evolve costs several times more per record.
            values = [getattr(record, name) for name in _PARTNERSHIP_FIELDS]
            values[_PARTICIPANTS_AT] = participants
            record = Partnership(*values)
        grouped[loc.collection].append(record)
    return grouped


_PARTNERSHIP_FIELDS = tuple(f.name for f in attrs.fields(Partnership))
_PARTICIPANTS_AT = _PARTNERSHIP_FIELDS.index("participants")


def to_plain(record: Record) -> dict[str, Any]:
    """A record as plain data, as it is written in a data file (defaults left out).

    >>> from mtib.core.model import Organisation, HelixSphere
    >>> to_plain(Organisation(id="tno", name="TNO", sphere=HelixSphere.ACADEMIA))
    {'id': 'tno', 'name': 'TNO', 'sphere': 'academia'}
    """
    plain: dict[str, Any] = converter().unstructure(record)
    return plain
