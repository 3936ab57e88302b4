"""The JSON Schema files of mtib's data files, generated from the model's schema.

One schema per collection (``partnerships.schema.json``, ...) and one for a file
that holds any collections (``mtib.schema.json``). They are derived, never kept
in git: the wheel build writes them into the package (``mtib/schemas/``), an
editable install (or ``python -m mtib.io.schemas``) into the source tree, and
the documentation site publishes them. The files in ``data/`` name theirs in a
first line such as
``# yaml-language-server: $schema=../src/mtib/schemas/partnerships.schema.json``,
so that editors complete keys and enum values.

>>> sorted(schemas())[:2]
['agendas.schema.json', 'concepts.schema.json']
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from mtib.core.schema import COLLECTIONS, json_schema

__all__ = ["SCHEMA_DIR", "schemas", "write"]

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schemas"
"""Where the package keeps its schema files."""


def _dataset_schema() -> dict[str, Any]:
    parts = [json_schema(name) for name in COLLECTIONS]
    defs: dict[str, Any] = {}
    properties: dict[str, Any] = {}
    for part in parts:
        defs.update(part["$defs"])
        properties.update(part["properties"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "mtib data file",
        "description": "A file of mtib records: a mapping from collection names to lists of records.",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def schemas() -> dict[str, str]:
    """Every schema file's name and text (JSON, sorted keys, a newline at the end).

    >>> json.loads(schemas()["mtib.schema.json"])["additionalProperties"]
    False
    """
    out = {f"{name}.schema.json": json_schema(name) for name in COLLECTIONS}
    out["mtib.schema.json"] = _dataset_schema()
    return {name: json.dumps(schema, indent=2, ensure_ascii=False) + "\n" for name, schema in out.items()}


def write(folder: Path = SCHEMA_DIR) -> list[Path]:
    """Write every schema file into ``folder`` (each completely or not at all); returns the files.

    >>> import tempfile
    >>> len(write(Path(tempfile.mkdtemp()))) == len(schemas())
    True
    """
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, text in schemas().items():
        target = folder / name
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written.append(target)
    return written


if __name__ == "__main__":  # python -m mtib.io.schemas [FOLDER]
    for path in write(Path(sys.argv[1]) if len(sys.argv) > 1 else SCHEMA_DIR):
        print(f"wrote {path}")
