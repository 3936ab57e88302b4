"""Loading, validating and dumping datasets.

:func:`load` reads the bundled dataset (lazily, once, thread-safely) and users'
own YAML or JSON files on top of it. Every file goes through the same strict
path: safe reading (:mod:`mtib.reading`), structuring into records with a
strict ``cattrs`` converter, and validation of ids and references. Every problem
found is reported at once in one :class:`mtib.DataError`; nothing is half loaded.

>>> import mtib
>>> mtib.load() is mtib.load()
True
"""

from __future__ import annotations

import datetime
import difflib
import enum
import json
import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import cattrs
import cattrs.gen
import yaml
from cattrs.cols import list_structure_factory
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from mtib.dataset import (
    COLLECTIONS,
    KIND_OF,
    REFERENCE_TARGETS,
    Collection,
    Dataset,
    raw_references,
    references_of,
)
from mtib.errors import DataError, MtibError, Problem
from mtib.model import (
    COUNTRY_RE,
    LANGUAGE_RE,
    SLUG_RE,
    TKI,
    URL_RE,
    Goal,
    Indicator,
    Mission,
    Organisation,
    Participant,
    Partnership,
    Record,
    Source,
    SourceKind,
    Target,
)
from mtib.reading import Limits, format_of, path_join, read

__all__ = ["dump", "load", "load_records", "to_plain", "validate"]

# ------------------------------------------------------------------------- converter


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()} (YAML reads unquoted yes/no/on/off/true/false as booleans: quote it)"
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
        return f"the number {value}"
    return type(value).__name__


def _str(value: object, _: type) -> str:
    if type(value) is not str:
        raise TypeError(f"expected a string, got {_describe(value)}")
    return value


def _int(value: object, _: type) -> int:
    if type(value) is not int:
        raise TypeError(f"expected a whole number, got {_describe(value)}")
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
        raise ValueError(f"expected a finite number, got {value!r}")
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
            close = difflib.get_close_matches(value, values, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ValueError(f"unknown value {value!r}{hint}; expected one of {', '.join(values)}") from None

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
            for key in value:
                if not isinstance(key, str):
                    raise TypeError(f"keys must be strings, got {_describe(key)}")
            return inner(value, cl)

        return structure

    conv.register_structure_hook_factory(attrs.has, attrs_factory)

    # Unstructuring: plain values, defaults left out, derived fields never written.
    conv.register_unstructure_hook(Decimal, _plain_decimal)
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


def _plain_decimal(d: Decimal) -> int | float | str:
    if d == d.to_integral_value():
        return int(d)
    as_float = float(d)
    return as_float if Decimal(repr(as_float)) == d else str(d)


_converter: cattrs.Converter | None = None
_converter_lock = threading.Lock()


def _conv() -> cattrs.Converter:
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
        for key in sorted(exc.extra_fields):
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else f"; known keys: {', '.join(known)}"
            message = f"unknown key {key!r}{hint}"
            if exc.cl is Participant and key == "sphere":
                message = "unknown key 'sphere': a participant's sphere comes from its organisation"
            out.append(Problem(path_join(path, key), message))
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
    """A record with where it came from (for error messages)."""

    record: Any
    collection: str
    index: int
    file: str | None

    @property
    def path(self) -> str:
        return f"$.{self.collection}[{self.index}]"


def _structure_document(data: Any, file: str | None, problems: list[Problem]) -> list[Located]:
    if not isinstance(data, dict):
        problems.append(
            Problem(
                "$",
                f"the top level must be a mapping of collections ({', '.join(COLLECTIONS)}), got {_describe(data)}",
                file,
            )
        )
        return []
    conv = _conv()
    out: list[Located] = []
    for key, items in data.items():
        if key not in COLLECTIONS:
            close = difflib.get_close_matches(str(key), list(COLLECTIONS), n=1, cutoff=0.6)
            hint = f" (did you mean {close[0]!r}?)" if close else f"; expected one of {', '.join(COLLECTIONS)}"
            problems.append(Problem(path_join("$", str(key)), f"unknown collection {key!r}{hint}", file))
            continue
        base = path_join("$", key)
        if items is None:
            continue
        if not isinstance(items, list):
            problems.append(Problem(base, f"expected a list of records, got {_describe(items)}", file))
            continue
        cls = COLLECTIONS[key]
        required = _REQUIRED.get(key, ())
        for i, item in enumerate(items):
            path = path_join(base, i)
            if isinstance(item, dict):
                missing = [f for f in required if f not in item]
                for field in missing:
                    problems.append(Problem(path_join(path, field), "missing required field", file))
            try:
                record = conv.structure(item, cls)
            except Exception as exc:  # noqa: BLE001 - every failure becomes a located problem
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
        bad("id", f"malformed id {r.id!r}: use lowercase letters and digits joined by '-' or '_'")
    if isinstance(r, Source):
        if r.url is None and r.kind is not SourceKind.POLICY_NOTE:
            bad("url", "missing required field (only a policy note may have no URL)")
        if r.url is not None and not URL_RE.match(r.url):
            bad("url", f"not a web address: {r.url!r} (expected http:// or https://)")
        if r.language is not None and not LANGUAGE_RE.match(r.language):
            bad("language", f"expected a two-letter ISO 639-1 code such as 'nl', got {r.language!r}")
        if r.year is not None and not 1000 <= r.year <= 2999:
            bad("year", f"implausible year {r.year}")
    website = getattr(r, "website", None)
    if website is not None and not URL_RE.match(website):
        bad("website", f"not a web address: {website!r} (expected http:// or https://)")
    if isinstance(r, Organisation):
        if r.country is not None and not COUNTRY_RE.match(r.country):
            bad("country", f"expected a two-letter ISO 3166 code such as 'NL', got {r.country!r}")
        if r.ror is not None and not r.ror.startswith("https://ror.org/"):
            bad("ror", f"expected a ROR id such as 'https://ror.org/01bnjb948', got {r.ror!r}")
        if r.kvk is not None and not (r.kvk.isdigit() and len(r.kvk) == 8):
            bad("kvk", f"expected an 8-digit KvK number, got {r.kvk!r}")
    for field in ("established", "ended", "target_year", "year"):
        value = getattr(r, field, None)
        if isinstance(value, int) and not isinstance(r, Source) and not 1000 <= value <= 2999:
            bad(field, f"implausible year {value}")
    if isinstance(r, TKI) and r.established and r.ended and r.ended < r.established:
        bad("ended", f"ends ({r.ended}) before it was established ({r.established})")
    if isinstance(r, Partnership) and not r.sources:
        bad("sources", "a partnership needs at least one source")
    if isinstance(r, Source):
        return
    for field_name in ("topsectors", "themes", "missions", "sources", "tkis", "subjects", "related", "aliases"):
        values = getattr(r, field_name, None)
        if isinstance(values, tuple):
            seen: set[object] = set()
            for i, v in enumerate(values):
                if v in seen:
                    bad(f"{field_name}[{i}]", f"{v!r} is listed twice")
                seen.add(v)


def validate(located: list[Located], problems: list[Problem]) -> None:
    """Check ids and references across all records; problems are appended."""
    by_id: dict[str, Located] = {}
    by_collection: dict[str, dict[str, Located]] = {name: {} for name in COLLECTIONS}
    for loc in located:
        if not isinstance(loc.record, _Unreadable):
            _check_record(loc, problems)
        rid = loc.record.id
        first = by_id.get(rid)
        if first is not None:
            where = f"{first.file + ': ' if first.file else ''}{first.path}"
            problems.append(
                Problem(path_join(loc.path, "id"), f"duplicate id {rid!r} (already used at {where})", loc.file)
            )
            continue
        by_id[rid] = loc
        by_collection[loc.collection][rid] = loc
    targets_known = bool(by_collection["sdg_targets"])
    for loc in located:
        r = loc.record
        if isinstance(r, _Unreadable):
            cls, pairs = r.cls, list(r.refs)
        else:
            cls, pairs = type(r), references_of(r, with_fields=True)
        for field, ref in pairs:
            base = field.split("[")[0]
            if field.endswith(".goal"):
                continue  # goal numbers are checked by the model (1-17)
            if field.endswith(".target"):
                if targets_known and ref not in by_collection["sdg_targets"]:
                    problems.append(Problem(f"{loc.path}.{field}", f"unknown SDG target {ref!r}", loc.file))
                continue
            if base == "sources":
                pool: Mapping[str, Located] = by_collection["sources"]
                kind = "source"
            else:
                target = REFERENCE_TARGETS.get((cls, base), None)
                pool = by_id if target is None else by_collection[target]
                kind = "record" if target is None else target[:-1].replace("_", " ")
            if ref not in pool:
                close = difflib.get_close_matches(ref, list(pool), n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                problems.append(Problem(f"{loc.path}.{field}", f"unknown {kind} {ref!r}{hint}", loc.file))
    # Missions: parents must not form a loop.
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


def _finish(located: list[Located]) -> dict[str, list[Any]]:
    """Group records by collection and fill in the participants' spheres."""
    orgs = {loc.record.id: loc.record for loc in located if isinstance(loc.record, Organisation)}
    grouped: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
    for loc in located:
        record = loc.record
        if isinstance(record, Partnership) and record.participants:
            participants = tuple(
                attrs.evolve(p, sphere=orgs[p.organisation].sphere) if p.organisation in orgs else p
                for p in record.participants
            )
            record = attrs.evolve(record, participants=participants)
        grouped[loc.collection].append(record)
    return grouped


# ----------------------------------------------------------------------------- files


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.suffix.lower() in (".yaml", ".yml", ".json") and p.is_file())
        if not found:
            raise DataError([Problem("$", "the directory holds no .yaml, .yml or .json files", str(path))])
        return found
    if not path.exists():
        raise DataError([Problem("$", "no such file or directory", str(path))])
    return [path]


def load_records(
    path: str | os.PathLike[str], limits: Limits | None = None, *, display_root: Path | None = None
) -> tuple[list[Located], list[Problem]]:
    """Read and structure the records of a file or directory, without cross-checks."""
    problems: list[Problem] = []
    located: list[Located] = []
    for file in _files(Path(path)):
        name = str(file.relative_to(display_root)) if display_root is not None else str(file)
        try:
            data = read(file, limits)
        except DataError as exc:
            problems.extend(attrs.evolve(p, file=name) for p in exc.problems)
            continue
        located.extend(_structure_document(data, name, problems))
    return located, problems


def data_dir() -> Path:
    """The directory of the bundled data (inside the installed package, or the source tree).

    >>> (data_dir() / "sdgs.yaml").is_file()
    True
    """
    packaged = resources.files("mtib") / "data"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "data"


_bundled: Dataset | None = None
_bundled_located: list[Located] | None = None
_bundled_lock = threading.Lock()


def _bundled_records() -> list[Located]:
    global _bundled, _bundled_located
    if _bundled_located is None:
        with _bundled_lock:
            if _bundled_located is None:
                root = data_dir()
                located, problems = load_records(root, display_root=root.parent)
                validate(located, problems)
                if problems:
                    raise DataError(problems, "the bundled dataset is invalid (please report this)")
                _bundled = Dataset(_finish(located))
                _bundled_located = located
    return _bundled_located


def load(
    path: str | os.PathLike[str] | None = None,
    *,
    bundled: bool = True,
    limits: Limits | None = None,
) -> Dataset:
    """Load the bundled dataset, or a user's files on top of it (or alone).

    ``mtib.load()`` returns the bundled dataset: read on first use, then cached
    and shared (it is immutable and thread-safe). ``mtib.load(path)`` reads a
    YAML or JSON file, or every such file in a directory, and returns a new
    Dataset holding the bundled records and the user's; the user's records may
    refer to bundled ids. With ``bundled=False`` the user's records stand alone.

    Any problem (a syntax error, an unknown key, a wrong type, a dangling or
    duplicate id, an unsafe YAML tag, a limit exceeded) raises one
    :class:`mtib.DataError` listing every problem with its file and path.

    >>> import mtib, tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "mine.yaml").write_text('''
    ... sources:
    ...   - {id: "my-src", title: "My notes", url: "https://example.org/notes"}
    ... partnerships:
    ...   - id: "my-ppp"
    ...     name: "My partnership"
    ...     topsectors: ["energie"]
    ...     themes: ["energietransitie"]
    ...     sdgs: [{goal: 7}]
    ...     participants: [{organisation: "tno", role: "coordinator"}]
    ...     sources: ["my-src"]
    ... ''')
    >>> ds = mtib.load(folder / "mine.yaml")
    >>> ds.partnerships["my-ppp"].spheres
    frozenset({<HelixSphere.ACADEMIA: 'academia'>})
    >>> "my-ppp" in mtib.load().partnerships
    False
    """
    if path is None:
        if not bundled:
            raise MtibError("load(bundled=False) needs a path to load")
        _bundled_records()
        assert _bundled is not None
        return _bundled
    located, problems = load_records(path, limits)
    base: list[Located] = _bundled_records() if bundled else []
    combined = base + located
    validate(combined, problems)
    if problems:
        raise DataError(problems)
    return Dataset(_finish(combined))


# ----------------------------------------------------------------------------- dump


def to_plain(record: Record) -> dict[str, Any]:
    """A record as plain data, as it is written in a data file (defaults left out).

    >>> from mtib.model import Organisation, HelixSphere
    >>> to_plain(Organisation(id="tno", name="TNO", sphere=HelixSphere.ACADEMIA))
    {'id': 'tno', 'name': 'TNO', 'sphere': 'academia'}
    """
    plain: dict[str, Any] = _conv().unstructure(record)
    return plain


def _grouped(obj: Dataset | Collection[Any] | Record | Iterable[Record]) -> dict[str, list[dict[str, Any]]]:
    if isinstance(obj, Dataset):
        records: Iterable[Any] = (r for c in obj.collections().values() for r in c)
    elif attrs.has(type(obj)):
        records = [obj]
    else:
        records = obj  # type: ignore[assignment]
    out: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        kind = KIND_OF.get(type(record))
        if kind is None:
            raise TypeError(f"cannot dump {type(record).__name__}: not an mtib record")
        out.setdefault(kind, []).append(to_plain(record))
    return {name: out[name] for name in COLLECTIONS if name in out}


def _json_default(value: object) -> object:
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def dumps(obj: Dataset | Collection[Any] | Record | Iterable[Record], format: str = "yaml") -> str:
    """The text :func:`dump` would write.

    >>> from mtib.model import Organisation, HelixSphere
    >>> print(dumps(Organisation(id="no", name="NO", sphere=HelixSphere.INDUSTRY)), end="")
    organisations:
    - id: 'no'
      name: 'NO'
      sphere: industry
    """
    data = _grouped(obj)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n"
    if format != "yaml":
        raise ValueError(f"unknown format {format!r}: use 'yaml' or 'json'")
    dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    return text


def dump(
    obj: Dataset | Collection[Any] | Record | Iterable[Record],
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    overwrite: bool = False,
) -> Path:
    """Write records as YAML or JSON (by the file's suffix) that :func:`load` reads back equal.

    ``obj`` is a Dataset, a collection, one record or any iterable of records.
    An existing file is only replaced with ``overwrite=True``; the file is
    written completely or not at all.

    >>> import mtib, tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "lsh.json"
    >>> ds = mtib.load()
    >>> _ = mtib.dump([ds.topsectors["lsh"]], target)
    >>> '"Life Sciences & Health"' in target.read_text()
    True
    """
    target = Path(path)
    fmt = format or format_of(target)
    if target.exists() and not overwrite:
        raise FileExistsError(f"{target} exists; pass overwrite=True to replace it")
    text = dumps(obj, fmt)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
