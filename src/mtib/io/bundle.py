"""The bundle: the bundled dataset in a form that is fast to read, built, never committed.

The YAML in ``data/`` is what people edit and review, and the only form of the
data in git. Reading it strictly (a YAML parse, structuring, validation) takes
a while, so :func:`mtib.load` reads a *bundle* of the same, already validated
records when one matches the YAML beside it:

* **the packaged bundle**, ``mtib/data/bundle.mtib`` inside an installed
  wheel: built when the wheel is built (the hatchling hook in
  ``src/hatch_build.py`` loads ``data/`` strictly and calls :func:`write_bundle`;
  a wheel is not built from invalid data);
* **the cache**, for a source checkout or an editable install: written by
  :func:`write_cache` on the first strict load, to :func:`cache_dir`
  (``$MTIB_CACHE_DIR``, else ``$XDG_CACHE_HOME/mtib``, else ``~/.cache/mtib``),
  in a file named after the format, the data and the code (:func:`cache_file`).

Otherwise it reads the YAML strictly, and then writes the cache. A cache that
cannot be written (a read-only home, say) only means the YAML is read again
next time.

A bundle starts with a JSON header: the format number, the mtib version, the
digest of the data files it was made from (:func:`digest`), the digest of the
mtib code that made it, the model's field layout, and where each collection's
records lie in the file with their checksum. Each collection is one pickle of
its tuple of records, so it can be decoded on its own. A bundle whose header
does not match the data, the model and this version of mtib (for the cache
also the code), or whose bytes do not match their checksums, is ignored, and
so is a cache file that another user owns or could write. The
pickles are read with an unpickler that builds nothing but mtib's records and
values, their enums, ``Decimal`` and ``date``, so a planted file cannot run
code; and only these two files are ever unpickled, never a file a user names.

>>> import os, tempfile
>>> from unittest import mock
>>> from mtib.io.loading import data_dir, load_yaml_directory
>>> root = data_dir()
>>> with mock.patch.dict(os.environ, {"MTIB_CACHE_DIR": tempfile.mkdtemp()}):
...     strict = load_yaml_directory(root)
...     written = write_cache(strict, root)  # what the first load does
...     written.name.startswith("bundle-"), read_bundle(root) == strict
(True, True)
"""

from __future__ import annotations

import contextlib
import copyreg
import datetime
import enum
import functools
import hashlib
import io
import json
import os
import pickle
import struct
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from mtib.core.schema import COLLECTIONS
from mtib.dataset import Dataset

__all__ = [
    "BUNDLE_NAME",
    "FORMAT",
    "cache_dir",
    "cache_file",
    "digest",
    "read_bundle",
    "write_bundle",
    "write_cache",
]

BUNDLE_NAME = "bundle.mtib"
"""The file name of the packaged bundle, in the installed package's ``mtib/data/``."""

FORMAT = 2
"""The number of the bundle format (format 1 was the compiled JSON of mtib 0.1)."""

MAGIC = b"MTIB-BUNDLE\n"
_LENGTH = struct.Struct(">I")
_NEWOBJ = copyreg.__newobj__  # type: ignore[attr-defined]  # pickle writes a NEWOBJ for it, not a global
_KEEP = 8  # cache files kept in the cache directory (the newest), so edits do not pile them up
_ERRORS = (
    pickle.UnpicklingError,
    EOFError,
    AttributeError,
    IndexError,
    KeyError,
    TypeError,
    ValueError,
    OverflowError,
    RecursionError,
    MemoryError,
    UnicodeDecodeError,
)


# ----------------------------------------------------------------------------- digests


def _hash_files(root: Path, suffixes: tuple[str, ...]) -> str:
    h = hashlib.blake2b(digest_size=32)
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() in suffixes and path.is_file():
            h.update(path.relative_to(root).as_posix().encode())
            h.update(b"\0")
            h.update(path.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


def digest(root: Path) -> str:
    """A digest of the data files (their names and contents) in ``root``.

    >>> from mtib.io.loading import data_dir
    >>> len(digest(data_dir()))
    64
    """
    return _hash_files(root, (".yaml", ".yml", ".json"))


@functools.cache
def _code_digest() -> str:
    """A digest of mtib's own Python files: a cache made by other code is not trusted."""
    return _hash_files(Path(__file__).resolve().parents[1], (".py",))


@functools.cache
def _model() -> tuple[dict[tuple[str, str], Any], dict[str, list[str]]]:
    """The classes a bundle may hold, by (module, name), and the model's field layout."""
    from mtib.core import model

    allowed: dict[tuple[str, str], Any] = {
        ("decimal", "Decimal"): Decimal,
        ("datetime", "date"): datetime.date,
        ("builtins", "frozenset"): frozenset,
        ("builtins", "tuple"): tuple,
    }
    layout: dict[str, list[str]] = {}
    classes = {id(c): c for c in (*vars(model).values(), *COLLECTIONS.values()) if isinstance(c, type)}
    for cls in classes.values():
        if attrs.has(cls) and cls.__module__.startswith("mtib."):
            layout[cls.__qualname__] = [f"{f.name}: {_annotation(cls, f.name)}" for f in attrs.fields(cls)]
        elif issubclass(cls, enum.Enum) and cls.__module__ == model.__name__:
            layout[cls.__qualname__] = [repr(m.value) for m in cls]
        else:
            continue
        allowed[cls.__module__, cls.__qualname__] = cls
    return allowed, dict(sorted(layout.items()))


def _annotation(cls: type, name: str) -> str:
    """The annotation of field ``name`` as written in the source (``attrs.resolve_types`` changes ``field.type``)."""
    import inspect  # already imported by attrs

    for klass in cls.__mro__:
        annotations = inspect.get_annotations(klass)  # as written: never evaluated, never resolved
        if name in annotations:
            found = annotations[name]
            return found if isinstance(found, str) else repr(found)
    return "?"


class _Sorted:
    """A frozenset to pickle with its items in a fixed order (a frozenset's own order varies between runs)."""

    __slots__ = ("items",)

    def __init__(self, items: frozenset[Any]) -> None:
        self.items = items

    def __reduce__(self) -> tuple[Any, ...]:
        return frozenset, (tuple(sorted(self.items, key=repr)),)


def _ordered(value: Any) -> Any:
    if type(value) is frozenset and value:
        return _Sorted(value)
    if type(value) is tuple:
        return tuple(_ordered(v) for v in value)
    return value


class _Pickler(pickle.Pickler):
    """Pickles records as their fields, with every frozenset in a fixed order: the same data, the same bytes."""

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        if attrs.has(cls):
            state = {f.name: _ordered(getattr(obj, f.name)) for f in attrs.fields(cls)}
            return _NEWOBJ, (cls,), state
        return NotImplemented


def _dumps(value: Any) -> bytes:
    out = io.BytesIO()
    _Pickler(out, protocol=5).dump(value)
    return out.getvalue()


class _Unpickler(pickle.Unpickler):
    """Builds mtib's records and values only: no other global is ever looked up."""

    def find_class(self, module: str, name: str) -> Any:
        found = _model()[0].get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"a bundle may not hold {module}.{name}")
        return found


# ----------------------------------------------------------------------------- where


def cache_dir() -> Path | None:
    """The directory of the cache: ``$MTIB_CACHE_DIR``, else ``$XDG_CACHE_HOME/mtib``, else ``~/.cache/mtib``.

    ``None`` when there is no home directory to put it in.

    >>> import os
    >>> from unittest import mock
    >>> with mock.patch.dict(os.environ, {"MTIB_CACHE_DIR": "/tmp/mtib-cache-example"}):
    ...     str(cache_dir())
    '/tmp/mtib-cache-example'
    """
    explicit = os.environ.get("MTIB_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "mtib"
    try:
        return Path.home() / ".cache" / "mtib"
    except RuntimeError:  # no home directory can be found
        return None


def cache_file(root: Path) -> Path | None:
    """The cache file for the data in ``root``: named after the format, the data and mtib's code.

    >>> from mtib.io.loading import data_dir
    >>> cache_file(data_dir()).name  # doctest: +ELLIPSIS
    'bundle-2-...mtib'
    """
    return _cache_path(digest(root))


def _cache_path(data_digest: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    key = hashlib.blake2b(f"{data_digest}\0{_code_digest()}".encode(), digest_size=16).hexdigest()
    return folder / f"bundle-{FORMAT}-{key}.mtib"


def _packaged_dir() -> Path:
    """The data directory inside the installed package (absent in a source checkout)."""
    return Path(__file__).resolve().parents[1] / "data"


# ----------------------------------------------------------------------------- format


def _header(data_digest: str, *, with_code: bool = True) -> dict[str, Any]:
    """What a bundle of the data with ``data_digest`` must say about itself to be read."""
    from mtib._version import __version__

    header = {"format": FORMAT, "mtib": __version__, "data": data_digest, "layout": _model()[1]}
    if with_code:
        header["code"] = _code_digest()
    return header


def _encode(ds: Dataset, header: dict[str, Any]) -> bytes:
    payloads: list[bytes] = []
    index: dict[str, list[Any]] = {}
    offset = 0
    for name in COLLECTIONS:
        blob = _dumps(getattr(ds, name).records)
        index[name] = [offset, len(blob), hashlib.blake2b(blob, digest_size=16).hexdigest()]
        payloads.append(blob)
        offset += len(blob)
    head = json.dumps({**header, "collections": index}, sort_keys=True).encode()
    return b"".join([MAGIC, _LENGTH.pack(len(head)), head, *payloads])


def _decode(data: bytes, expected: dict[str, Any], fallback: Callable[[], Dataset] | None = None) -> Dataset | None:
    """The dataset in a bundle's bytes, or ``None`` when anything in them does not match.

    Every collection's checksum is checked first. Without ``fallback`` every collection is
    decoded at once; with it, each is decoded when it is first used (a process that asks
    for the topsectors decodes only those), and a collection that will not decode is
    taken from ``fallback()``, the dataset read strictly from the YAML.
    """
    header = _header_of(data)
    if header is None or any(header.get(k) != v for k, v in expected.items()):
        return None
    places = _places(header.get("collections"), len(data) - header["start"])
    if places is None:
        return None
    body = memoryview(data)[header["start"] :]
    blobs: dict[str, memoryview] = {}
    for name in COLLECTIONS:
        offset, length, checksum = places[name]
        blob = body[offset : offset + length]
        if hashlib.blake2b(blob, digest_size=16).hexdigest() != checksum:
            return None
        blobs[name] = blob
    if fallback is not None:
        return Dataset._lazy(
            {name: functools.partial(_decoded_or, blob, name, fallback) for name, blob in blobs.items()}
        )
    records: dict[str, tuple[Any, ...]] = {}
    for name, blob in blobs.items():
        found = _records(blob, COLLECTIONS[name])
        if found is None:
            return None
        records[name] = found
    return Dataset._checked(records)  # checked when the bundle was written


def _records(blob: memoryview, cls: type) -> tuple[Any, ...] | None:
    """One collection's records, or ``None`` if the blob does not hold a tuple of ``cls`` records."""
    try:
        found = _Unpickler(io.BytesIO(blob)).load()
    except _ERRORS:
        return None
    if type(found) is not tuple or any(type(r) is not cls for r in found):
        return None
    return found


def _decoded_or(blob: memoryview, name: str, fallback: Callable[[], Dataset]) -> tuple[Any, ...]:
    found = _records(blob, COLLECTIONS[name])
    if found is None:  # its checksum matched, yet it does not decode: the strict YAML has it
        found = getattr(fallback(), name).records
    return found


def _header_of(data: bytes) -> dict[str, Any] | None:
    """A bundle's header, with ``start``: where its records begin."""
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + _LENGTH.size:
        return None
    (size,) = _LENGTH.unpack_from(data, len(MAGIC))
    start = len(MAGIC) + _LENGTH.size + size
    try:
        header = json.loads(data[len(MAGIC) + _LENGTH.size : start])
    except (ValueError, RecursionError):
        return None
    if not isinstance(header, dict) or "start" in header:
        return None
    header["start"] = start
    return header


def _places(index: Any, size: int) -> dict[str, tuple[int, int, str]] | None:
    """Where each collection lies in a body of ``size`` bytes: every one given, within it, up to its end."""
    if not isinstance(index, dict) or set(index) != set(COLLECTIONS):
        return None
    places: dict[str, tuple[int, int, str]] = {}
    for name, entry in index.items():
        if not (isinstance(entry, list) and len(entry) == 3):
            return None
        offset, length, checksum = entry
        if type(offset) is not int or type(length) is not int or type(checksum) is not str:
            return None
        if offset < 0 or length < 0 or offset + length > size:
            return None
        places[name] = (offset, length, checksum)
    if max(offset + length for offset, length, _ in places.values()) != size:
        return None  # nothing may follow the last collection
    return places


def _read(
    path: Path, expected: dict[str, Any], *, private: bool = False, fallback: Callable[[], Dataset] | None = None
) -> Dataset | None:
    """The dataset in the bundle at ``path``; ``private``: only if the file is this user's and only theirs to write."""
    try:
        with path.open("rb") as fh:
            if private and hasattr(os, "getuid"):
                st = os.fstat(fh.fileno())
                if st.st_uid != os.getuid() or st.st_mode & 0o022:
                    return None  # someone else could have written it (a shared cache directory)
            data = fh.read()
    except OSError:
        return None
    return _decode(data, expected, fallback)


def _write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` completely or not at all (a temporary file beside it, then a rename)."""
    import tempfile  # only to write: reading a bundle needs none of it

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# ----------------------------------------------------------------------------- reading and writing


def read_bundle(root: Path, fallback: Callable[[], Dataset] | None = None) -> Dataset | None:
    """The bundled dataset of the data in ``root`` from the packaged bundle, else the cache; else ``None``.

    The packaged bundle is only looked for when ``root`` is the installed
    package's own data directory; either file is read only when its header
    matches the data in ``root``, the model and mtib (see the module's text).
    With ``fallback`` (what :func:`mtib.load` gives: the strict read of the YAML),
    each collection is decoded on first use, and taken from ``fallback()`` in the
    unlikely case that it does not decode although its checksum matched.

    >>> import tempfile
    >>> read_bundle(Path(tempfile.mkdtemp())) is None  # no bundle was ever made for an empty folder
    True
    """
    root = Path(root)
    data_digest = digest(root)
    packaged = _packaged_dir()
    if root.resolve() == packaged:
        found = _read(packaged / BUNDLE_NAME, _header(data_digest, with_code=False), fallback=fallback)
        if found is not None:
            return found
    target = _cache_path(data_digest)
    if target is None:
        return None
    return _read(target, _header(data_digest), private=True, fallback=fallback)


def write_bundle(ds: Dataset, root: Path, target: Path) -> Path:
    """Write the bundle of ``ds``, the validated dataset of the data in ``root``, to ``target``.

    This is what the wheel build does (``src/hatch_build.py``); the file is
    only ever read as the packaged bundle of an installed mtib.

    >>> import tempfile
    >>> from mtib.io.loading import data_dir, load_yaml_directory
    >>> root = data_dir()
    >>> target = write_bundle(load_yaml_directory(root), root, Path(tempfile.mkdtemp()) / BUNDLE_NAME)
    >>> target.read_bytes().startswith(MAGIC)
    True
    """
    target = Path(target)
    _write_atomically(target, _encode(ds, _header(digest(Path(root)))))
    return target


def write_cache(ds: Dataset, root: Path) -> Path | None:
    """Write the cache of ``ds``, the validated dataset of the data in ``root``; the file, or ``None``.

    The file is written completely or not at all; when the cache directory
    cannot be written, nothing happens and ``None`` is returned. Only the
    newest few cache files are kept.

    >>> import os, tempfile
    >>> from unittest import mock
    >>> import mtib
    >>> from mtib.io.loading import data_dir
    >>> with mock.patch.dict(os.environ, {"MTIB_CACHE_DIR": tempfile.mkdtemp()}):
    ...     written = write_cache(mtib.load(), data_dir())
    ...     written == cache_file(data_dir()), read_bundle(data_dir()) == mtib.load()
    (True, True)
    """
    data_digest = digest(Path(root))
    target = _cache_path(data_digest)
    if target is None:
        return None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(target, _encode(ds, _header(data_digest)))
    except OSError:
        return None
    _prune(target)
    return target


def _prune(keep: Path) -> None:
    """Remove all but the newest cache files (never ``keep``)."""
    with contextlib.suppress(OSError):
        others = [(p.stat().st_mtime, p) for p in keep.parent.glob(f"bundle-{FORMAT}-*.mtib") if p != keep]
        others.sort(reverse=True)
        for _, old in others[_KEEP - 1 :]:
            old.unlink(missing_ok=True)
