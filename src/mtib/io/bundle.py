"""The compiled form of the bundled dataset: fast to read, checked against the YAML.

The bundled YAML in ``data/`` is what people edit and review. Reading it
strictly takes a YAML parse, a structuring pass and validation. The compiled
form (``data/compiled.mtib``, JSON) holds the same, already validated records as
rows of field values, plus a digest of the YAML files it was made from. On
first use :func:`mtib.load` reads the compiled form when its digest matches
the YAML beside it, and falls back to the strict YAML path otherwise, so an
edit to the YAML is never hidden by a stale compiled file.

Regenerate it after changing ``data/`` with ``python -m mtib.io.bundle``; a test
fails while it is stale.

>>> from mtib.io.loading import data_dir
>>> is_current(data_dir())
True
"""

from __future__ import annotations

import datetime
import enum
import hashlib
import json
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from mtib.dataset import COLLECTIONS, Dataset

__all__ = ["COMPILED_NAME", "compile_dataset", "digest", "is_current", "read_compiled", "write_compiled"]

COMPILED_NAME = "compiled.mtib"
"""The file name of the compiled form, inside the data directory."""
FORMAT = 1

Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]


def digest(root: Path) -> str:
    """A digest of the data files (name and content) in ``root``.

    >>> from mtib.io.loading import data_dir
    >>> len(digest(data_dir()))
    64
    """
    h = hashlib.blake2b(digest_size=32)
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() in (".yaml", ".yml", ".json") and path.is_file():
            h.update(path.relative_to(root).as_posix().encode())
            h.update(b"\0")
            h.update(path.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


def _identity(value: Any) -> Any:
    return value


def _codec(tp: Any) -> Codec:
    """Encoder and decoder of values of type ``tp`` to and from JSON values."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        enc, dec = _codec(inner)
        return (lambda v: None if v is None else enc(v)), (lambda v: None if v is None else dec(v))
    if origin is tuple:
        enc, dec = _codec(typing.get_args(tp)[0])
        if enc is _identity:
            return list, tuple
        return (lambda v: [enc(x) for x in v]), (lambda v: tuple(dec(x) for x in v))
    if origin is frozenset:
        enc, dec = _codec(typing.get_args(tp)[0])
        return (lambda v: sorted(enc(x) for x in v)), (lambda v: frozenset(dec(x) for x in v))
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        enum_type = tp
        return (lambda v: v.value), enum_type
    if tp is Decimal:
        return str, Decimal
    if tp is datetime.date:
        return (lambda v: v.isoformat()), datetime.date.fromisoformat
    if tp in (str, int, bool):
        return _identity, _identity
    if attrs.has(tp):
        return _record_codec(tp)
    raise TypeError(f"no compiled encoding for {tp!r}")


_RECORD_CODECS: dict[type, Codec] = {}


def _record_codec(cls: type) -> Codec:
    if cls in _RECORD_CODECS:
        return _RECORD_CODECS[cls]
    hints = typing.get_type_hints(cls)
    names = [f.name for f in attrs.fields(cls)]
    pairs = [_codec(hints[name]) for name in names]
    encoders = [p[0] for p in pairs]
    decoders = [p[1] for p in pairs]

    def encode(record: Any) -> list[Any]:
        return [enc(getattr(record, name)) for enc, name in zip(encoders, names, strict=True)]

    def decode(row: list[Any]) -> Any:
        return cls(*[dec(value) for dec, value in zip(decoders, row, strict=True)])

    _RECORD_CODECS[cls] = (encode, decode)
    return encode, decode


def compile_dataset(ds: Dataset, source_digest: str) -> str:
    """The compiled form of a validated dataset, as JSON text.

    >>> import mtib
    >>> text = compile_dataset(mtib.load(), "x")
    >>> json.loads(text)["format"]
    1
    """
    collections: dict[str, Any] = {}
    for name, cls in COLLECTIONS.items():
        encode = _record_codec(cls)[0]
        collections[name] = [encode(r) for r in getattr(ds, name)]
    fields = {name: [f.name for f in attrs.fields(cls)] for name, cls in COLLECTIONS.items()}
    document = {"format": FORMAT, "digest": source_digest, "fields": fields, "collections": collections}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def read_compiled(root: Path) -> Dataset | None:
    """The dataset in ``root``'s compiled form, or ``None`` when it is missing, stale or unreadable.

    >>> import mtib
    >>> from mtib.io.loading import data_dir
    >>> read_compiled(data_dir()) == mtib.load()
    True
    """
    path = root / COMPILED_NAME
    try:
        document = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict) or document.get("format") != FORMAT or document.get("digest") != digest(root):
        return None
    fields = {name: [f.name for f in attrs.fields(cls)] for name, cls in COLLECTIONS.items()}
    if document.get("fields") != fields:
        return None  # the model changed since the file was compiled
    try:
        records = {
            name: [_record_codec(cls)[1](row) for row in document["collections"][name]]
            for name, cls in COLLECTIONS.items()
        }
    except (KeyError, TypeError, ValueError):
        return None
    return Dataset(records)


def is_current(root: Path) -> bool:
    """Whether the compiled form in ``root`` exists and matches the YAML beside it.

    >>> import tempfile
    >>> is_current(Path(tempfile.mkdtemp()))  # an empty directory has no compiled form
    False
    """
    return read_compiled(root) is not None


def write_compiled(root: Path, ds: Dataset) -> Path:
    """Write the compiled form of ``ds``, the dataset read strictly from the YAML in ``root``; returns the file.

    ``python -m mtib.io.bundle`` does this for the bundled data (read with
    :func:`mtib.io.loading.load_yaml_directory`).

    >>> import shutil, tempfile
    >>> from mtib.io.loading import data_dir, load_yaml_directory
    >>> copy = Path(tempfile.mkdtemp()) / "data"
    >>> _ = shutil.copytree(data_dir(), copy, ignore=shutil.ignore_patterns(COMPILED_NAME))
    >>> write_compiled(copy, load_yaml_directory(copy)).name, is_current(copy)
    ('compiled.mtib', True)
    """
    target = root / COMPILED_NAME
    target.write_text(compile_dataset(ds, digest(root)), encoding="utf-8")
    return target


if __name__ == "__main__":  # `python -m mtib.io.bundle`: recompile the bundled data after editing data/
    # A script, outside the layers: reading the YAML is mtib.io.loading's, which reads this module's output.
    from mtib.io.loading import data_dir, load_yaml_directory

    bundled = data_dir()
    print(f"wrote {write_compiled(bundled, load_yaml_directory(bundled))}")
