"""Loading, validating and dumping datasets.

:func:`load` reads the bundled dataset (lazily, once, thread-safely) and users'
own YAML or JSON files on top of it. Every file goes through the same strict
path: safe reading (:mod:`mtib.io.reading`), structuring into records with a
strict ``cattrs`` converter, and validation of ids and references. Every problem
found is reported at once in one :class:`mtib.DataError`; nothing is half loaded.

>>> import mtib
>>> mtib.load() is mtib.load()
True
"""

from __future__ import annotations

import datetime
import json
import os
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from mtib.core.bulk import paused_gc
from mtib.core.checks import PROFILES, Located, check, check_profile, fill_spheres, organisations_sphere
from mtib.core.errors import DataError, MtibError, Problem, ProblemList
from mtib.core.model import Record
from mtib.core.schema import COLLECTIONS, KIND_OF
from mtib.dataset import Collection, Dataset

if TYPE_CHECKING:
    from mtib.io.reading import Limits

__all__ = ["build", "data_dir", "dump", "dumps", "load", "load_records", "load_yaml_directory", "to_plain"]


def to_plain(record: Record) -> dict[str, Any]:
    """A record as plain data, as it is written in a data file (defaults left out).

    >>> from mtib.core.model import Organisation, HelixSphere
    >>> to_plain(Organisation(id="tno", name="TNO", sphere=HelixSphere.ACADEMIA))
    {'id': 'tno', 'name': 'TNO', 'sphere': 'academia'}
    """
    from mtib.io.converting import to_plain as plain

    return plain(record)


# ----------------------------------------------------------------------------- files


_DATA_SUFFIXES = (".yaml", ".yml", ".json", ".csv")
"""The files a directory is read for (a .csv file is a table of partnerships)."""


def _files(path: Path) -> list[Path]:
    try:
        is_dir = path.is_dir()
        exists = is_dir or path.exists()
    except OSError as exc:  # a symlink loop, a name too long
        raise DataError([Problem("$", f"cannot read the path: {exc.strerror or exc}", str(path))]) from None
    if is_dir:
        try:
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in _DATA_SUFFIXES and p.is_file())
        except OSError as exc:
            raise DataError([Problem("$", f"cannot read the directory: {exc.strerror or exc}", str(path))]) from None
        if not found:
            raise DataError([Problem("$", "the directory holds no .yaml, .yml, .json or .csv files", str(path))])
        return found
    if not exists:
        message = "a symbolic link that leads nowhere (broken, or a loop)" if path.is_symlink() else None
        raise DataError([Problem("$", message or "no such file or directory", str(path))])
    return [path]


Paths = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]
"""One path (a file or a directory) or several."""


def _paths(path: Paths) -> list[Path]:
    if isinstance(path, (str, os.PathLike)):
        return [Path(path)]
    return [Path(p) for p in path]


def load_records(
    path: Paths,
    limits: Limits | None = None,
    *,
    display_root: Path | None = None,
) -> tuple[list[Located], ProblemList]:
    """Read and structure the records of a file or directory, without cross-checks.

    Returns the records, each with where it came from, and the problems found;
    the rules across records are :func:`mtib.core.checks.check`.

    >>> import tempfile, pathlib
    >>> mine = pathlib.Path(tempfile.mkdtemp()) / "mine.yaml"
    >>> _ = mine.write_text('sources: [{id: "a", title: "A", url: "https://example.org"}, {id: "b"}]')
    >>> located, problems = load_records(mine)
    >>> [(loc.record.id, loc.path) for loc in located]
    [('a', '$.sources[0]'), ('b', '$.sources[1]')]
    >>> [(p.path, p.message) for p in problems]
    [('$.sources[1].title', 'missing required field')]
    """
    problems = ProblemList()  # the first MAX_PROBLEMS kept, the rest counted
    from mtib.io.converting import shared_values, structure_document, structure_stream
    from mtib.io.reading import NotStreamable, read, stream

    # Each file's parsed values, or (a large JSON file, read record by record) its records and problems.
    documents: list[tuple[str, Any, tuple[list[Located], ProblemList] | None]] = []
    files: list[Path] = []
    for given in _paths(path):  # each path read where it is; problems name the user's files
        try:
            files.extend(_files(given))
        except DataError as exc:
            problems.extend(exc.problems)
    for file in dict.fromkeys(files):  # a file given twice (or inside a directory given too) is read once
        name = str(file.relative_to(display_root)) if display_root is not None else str(file)
        streamed = stream(file, limits)
        if streamed is not None:
            found = ProblemList()
            try:
                with paused_gc(), shared_values():
                    records = structure_stream(streamed.collections(), name, found)
            except NotStreamable:  # read whole below, which reports what is wrong with it
                pass
            else:
                documents.append((name, None, (records, found)))
                continue
            finally:
                del streamed
        try:
            documents.append((name, read(file, limits), None))
        except DataError as exc:
            problems.extend(attrs.evolve(p, file=name) for p in exc.problems)
            problems.add_unlisted(exc.total - len(exc.problems))
            problems.stopped = problems.stopped or exc.stopped
    located: list[Located] = []
    with paused_gc(), shared_values():
        for name, data, done in documents:
            if problems.enough:  # checking stopped: the files not yet structured are left unread
                problems.stopped = True
                break
            if done is not None:  # its problems in the order of the files, as if it were read whole
                located.extend(done[0])
                problems.extend(done[1])
            else:
                located.extend(structure_document(data, name, problems, release=True))
    return located, problems


def build(
    located: list[Located],
    base: Dataset | None = None,
    problems: Iterable[Problem] = (),
    *,
    replace: bool = False,
    _fresh: bool = False,
) -> Dataset:
    """The dataset of ``located`` records on top of ``base``, after the rules across records.

    ``problems`` already found (while reading) are reported with those the rules find,
    in one :class:`mtib.DataError`; nothing is built unless there are none. Participants
    get their spheres from the organisations (:func:`mtib.core.checks.fill_spheres`).
    With ``replace``, a record whose id is that of a record of the same kind in ``base``
    takes its place (:attr:`mtib.Dataset.replaced` lists them). ``_fresh`` is for
    :func:`load`: the records of ``located`` were just built by it and nothing else
    holds them, so their participants' spheres may be filled in place.

    >>> from mtib.core.model import Source
    >>> src = Source(id="s", title="S", url="https://example.org")
    >>> build([Located(src, "sources", 0, None)]).counts()["sources"]
    1
    """
    found = problems if isinstance(problems, ProblemList) else ProblemList(problems)
    base_ids: dict[str, Any] = {} if base is None else dict(base.ids_by_collection())
    replaced: dict[str, set[str]] = {}
    if replace and base is not None:
        for loc in located:
            if loc.record.id in base_ids[loc.collection]:
                replaced.setdefault(loc.collection, set()).add(loc.record.id)
        base_ids = {
            name: {k: v for k, v in ids.items() if k not in replaced.get(name, ())} if name in replaced else ids
            for name, ids in base_ids.items()
        }
    if not found.stopped:  # with checking stopped, the records are incomplete: no checks across them
        check(located, base_ids, found)
    if found.total:
        raise DataError(found, total=found.total, stopped=found.stopped)
    grouped: dict[str, list[Any]] = {
        name: list(getattr(base, name).records) if base is not None else [] for name in COLLECTIONS
    }
    for loc in located:
        gone = replaced.get(loc.collection)
        if gone and loc.record.id in gone:  # the user's record takes the place of the bundled one
            items = grouped[loc.collection]
            items[next(i for i, r in enumerate(items) if r.id == loc.record.id)] = loc.record
        else:
            grouped[loc.collection].append(loc.record)
    spheres = organisations_sphere(grouped["organisations"])
    fresh = {id(loc.record) for loc in located if loc.collection == "partnerships"} if _fresh else set()
    with paused_gc():
        grouped["partnerships"] = fill_spheres(grouped["partnerships"], spheres.get, fresh)
    ds = Dataset._checked(grouped)
    ds._note_replaced(tuple(sorted(rid for ids in replaced.values() for rid in ids)))
    return ds


def data_dir() -> Path:
    """The directory of the bundled data (inside the installed package, or the source tree).

    >>> (data_dir() / "sdgs.yaml").is_file()
    True
    """
    here = Path(__file__).resolve().parents[1]  # the package (not importlib.resources: a cheaper import)
    packaged = here / "data"
    if packaged.is_dir():
        return packaged
    return here.parents[1] / "data"


_bundled: Dataset | None = None
_bundled_lock = threading.Lock()


def load_yaml_directory(root: Path) -> Dataset:
    """Read, check and build a dataset from a directory of data files, strictly.

    This is the path the compiled form is checked against (:mod:`mtib.io.bundle`).

    >>> len(load_yaml_directory(data_dir()).sdgs)
    17
    """
    located, problems = load_records(root, display_root=root.parent)
    try:
        return build(located, None, problems, _fresh=True)
    except DataError as exc:
        raise DataError(exc.problems, "the bundled dataset is invalid (please report this)", total=exc.total) from None


_strict_cache: list[Dataset] = []


def _strict(root: Path) -> Dataset:
    """The bundled dataset read strictly from the YAML (once), for a bundle that will not decode."""
    if not _strict_cache:
        _strict_cache.append(load_yaml_directory(root))
    return _strict_cache[0]


def _bundled_dataset() -> Dataset:
    """The bundled dataset: the packaged bundle, else the cache, else the strict YAML (then cached)."""
    global _bundled
    if _bundled is None:
        with _bundled_lock:
            if _bundled is None:
                from mtib.io import bundle

                root = data_dir()
                found = bundle.read_bundle(root, fallback=lambda: _strict(root))
                if found is None:
                    found = load_yaml_directory(root)
                    bundle.write_cache(found, root)
                _bundled = found
    return _bundled


def load(
    path: Paths | None = None,
    *,
    bundled: bool = True,
    limits: Limits | None = None,
    profile: str = "default",
    replace: bool = False,
) -> Dataset:
    """Load the bundled dataset, or a user's files on top of it (or alone).

    ``mtib.load()`` returns the bundled dataset: read on first use, then cached
    and shared (it is immutable and thread-safe). ``mtib.load(path)`` reads a
    YAML or JSON file, or every such file in a directory, and returns a new
    Dataset holding the bundled records and the user's; the user's records may
    refer to bundled ids. With ``bundled=False`` the user's records stand alone.
    ``path`` may also be a list of files and directories: they are read together,
    each where it is, as one set of records.

    ``limits`` bounds what a file may hold (:class:`mtib.Limits`); without it, the
    ``MTIB_MAX_*`` environment variables apply where set, else the defaults.
    ``profile`` adds the rules of a validation profile (:data:`mtib.core.checks.PROFILES`)
    for the records read: ``"bundled"`` holds them to the policy of mtib's own data.
    With ``replace=True`` a record of yours whose id is that of a bundled record of the
    same kind corrects or extends it: it takes the bundled record's place, and
    :attr:`Dataset.replaced` lists the ids replaced (without it, a bundled id is a
    duplicate id, a problem).

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
    if profile not in PROFILES:
        raise ValueError(f"unknown validation profile {profile!r}; expected one of {', '.join(PROFILES)}")
    if path is None:
        if not bundled:
            raise MtibError("load(bundled=False) needs a path to load")
        return _bundled_dataset()
    from mtib.io.reading import environ_limits

    base = _bundled_dataset() if bundled else None
    located, problems = load_records(path, limits if limits is not None else environ_limits())
    if profile != "default":
        problems.extend(check_profile(located, profile))
    try:
        return build(located, base, problems, replace=replace, _fresh=True)
    except DataError as exc:
        from mtib.io.csvinput import csv_hints  # CSV input: add the spreadsheet row/column to each problem

        raise DataError(csv_hints(exc.problems), total=exc.total, stopped=exc.stopped) from None


# ----------------------------------------------------------------------------- dump


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

    >>> from mtib.core.model import Organisation, HelixSphere
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
    import yaml

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
    written completely or not at all (:mod:`mtib.io.writing`), with the mode the
    umask gives a new file, and a target that is not a regular file (a device, a
    directory) is refused.

    >>> import mtib, tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "lsh.json"
    >>> ds = mtib.load()
    >>> _ = mtib.dump([ds.topsectors["lsh"]], target)
    >>> '"Life Sciences & Health"' in target.read_text()
    True
    """
    from mtib.io.reading import format_of
    from mtib.io.writing import check_target, write_text

    target = check_target(path, overwrite=overwrite)  # before the work: a device or a directory is refused
    fmt = format or format_of(target)
    return write_text(target, dumps(obj, fmt), overwrite=True)
