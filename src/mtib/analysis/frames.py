"""Records as data frames and Arrow tables, with documented column schemas.

:func:`schema` describes the columns of each kind of table; :func:`rows`
gives the table as plain Python values (no extra needed); :func:`to_pandas`
(the ``pandas`` extra), :func:`to_arrow` and :func:`write_parquet` (the
``arrow`` extra) build frames and files from the same rows. A kind is a
collection name (``"partnerships"``, ``"topsectors"``, ...) or one of two
long tables: ``"participants"`` (one row per partnership and organisation)
and ``"sdg_links"`` (one row per SDG link of a theme, mission or partnership).

Column types: ``string``, ``int`` (nullable 64-bit), ``float`` (64-bit; the
decimal amounts of budgets and facts), ``bool``, ``date`` and ``list``
(a list of strings). Bilingual texts become two columns (``name_nl``,
``name_en``), periods ``period_start``/``period_end``, money
``budget_amount``/``budget_currency``; SDG links are written as their codes,
participants as ``organisation:role`` (as in CSV), enumerations as their values.
Partnerships also get the derived columns ``spheres``, ``helix_type`` and
``cross_sectoral``.

>>> [f"{c.name}:{c.type}" for c in schema("topsectors")][:4]
['id:string', 'name_nl:string', 'name_en:string', 'established:int']
>>> rows("participants")[0]      # doctest: +ELLIPSIS
{'partnership': ..., 'organisation': ..., 'role': ..., 'sphere': ...}
"""

from __future__ import annotations

import datetime
import enum
import os
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from mtib.core.extras import require
from mtib.core.model import Partnership
from mtib.core.schema import COLLECTIONS, FieldPlan, Shape, flat, plan

if TYPE_CHECKING:
    from mtib.dataset import Dataset

__all__ = [
    "KINDS",
    "Column",
    "rows",
    "schema",
    "to_arrow",
    "to_pandas",
    "write_parquet",
    "write_parquet_dir",
]

ColumnType = Literal["string", "int", "float", "bool", "date", "list"]


@attrs.frozen
class Column:
    """One column of a table: its name, type and what it holds.

    >>> schema("partnerships")[1]
    Column(name='name', type='string', description="the partnership's name, as its own pages give it")
    """

    name: str
    type: ColumnType
    description: str


_TYPES: dict[Any, ColumnType] = {bool: "bool", int: "int", Decimal: "float", datetime.date: "date", str: "string"}


def _column(name: str, f: FieldPlan, description: str) -> Column:
    if f.shape in (Shape.LIST, Shape.SET, Shape.VALUES):
        return Column(name, "list", description)
    if f.shape is Shape.ENUM:
        return Column(name, "string", f"{description}: one of {', '.join(str(m.value) for m in f.base)}")
    return Column(name, _TYPES.get(f.base, "string"), description)


def _record_columns(cls: type) -> list[Column]:
    out: list[Column] = []
    for f in plan(cls).fields:
        about = f.meta.doc or f.name.replace("_", " ")
        inner = f.inner if f.shape is Shape.VALUE else None
        if inner is not None:
            out += [
                _column(f"{f.name}_{sub.name}", sub, f"{about}: {sub.meta.doc or sub.name}") for sub in inner.fields
            ]
        else:
            out.append(_column(f.name, f, about))
    if cls is Partnership:
        out += [
            Column("spheres", "list", "helix spheres of the participants"),
            Column("helix_type", "string", "quadruple, triple or partial"),
            Column("cross_sectoral", "bool", "two or more topsectors"),
        ]
    return out


_LONG: dict[str, list[Column]] = {
    "participants": [
        Column("partnership", "string", "partnership id"),
        Column("organisation", "string", "organisation id"),
        Column("role", "string", "coordinator, partner, funder, co_funder or signatory"),
        Column("sphere", "string", "helix sphere of the organisation"),
    ],
    "sdg_links": [
        Column("record", "string", "id of the theme, mission or partnership"),
        Column("kind", "string", "themes, missions or partnerships"),
        Column("goal", "int", "SDG goal number"),
        Column("target", "string", "SDG target code, if the link is to a target"),
        Column("relation", "string", "direct or indirect"),
    ],
}


KINDS: tuple[str, ...] = (*COLLECTIONS, *_LONG)
"""Every table kind: the collection names, then the long tables."""


def _check(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown table kind {kind!r}; expected one of {', '.join(KINDS)}")


def schema(kind: str) -> tuple[Column, ...]:
    """The columns of a table kind, in order.

    >>> [c.name for c in schema("sdg_links")]
    ['record', 'kind', 'goal', 'target', 'relation']
    """
    _check(kind)
    if kind in _LONG:
        return tuple(_LONG[kind])
    return tuple(_record_columns(COLLECTIONS[kind]))


def _value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    if isinstance(value, frozenset):
        return sorted(str(_value(v)) for v in value)
    if attrs.has(type(value)):
        return str(value)  # a value object in a list: its text form (an SDG link's code, org:role)
    return value


def _record_row(record: Any) -> dict[str, Any]:
    row: dict[str, Any] = {column: _value(value) for column, value in flat(record)}
    if isinstance(record, Partnership):
        row["spheres"] = sorted(s.value for s in record.spheres)
        row["helix_type"] = record.helix_type.value
        row["cross_sectoral"] = record.cross_sectoral
    return row


def rows(kind: str, ds: Dataset | None = None) -> list[dict[str, Any]]:
    """The table of ``kind`` as a list of mappings (column -> Python value), no extra needed.

    >>> r = rows("partnerships")[0]
    >>> list(r) == [c.name for c in schema("partnerships")]
    True
    """
    _check(kind)
    if ds is None:
        from mtib.io.loading import load

        ds = load()
    if kind == "participants":
        return [
            {
                "partnership": p.id,
                "organisation": part.organisation,
                "role": part.role.value,
                "sphere": part.sphere.value if part.sphere is not None else None,
            }
            for p in ds.partnerships
            for part in p.participants
        ]
    if kind == "sdg_links":
        return [
            {"record": r.id, "kind": name, "goal": link.goal, "target": link.target, "relation": link.relation.value}
            for name in ("themes", "missions", "partnerships")
            for r in getattr(ds, name)
            for link in r.sdgs
        ]
    return [_record_row(r) for r in getattr(ds, kind)]


_PANDAS_DTYPES: dict[ColumnType, str] = {
    "string": "string",
    "int": "Int64",
    "float": "Float64",
    "bool": "boolean",
    "date": "object",
    "list": "object",
}


def to_pandas(kind: str, ds: Dataset | None = None) -> Any:
    """The table of ``kind`` as a ``pandas.DataFrame`` (needs the ``pandas`` extra).

    Columns follow :func:`schema`, with the nullable pandas dtypes ``string``,
    ``Int64``, ``Float64`` and ``boolean``; dates are ``datetime.date``
    objects and lists are Python lists (dtype ``object``).

    >>> df = to_pandas("partnerships")                 # doctest: +SKIP
    >>> df.loc[df.helix_type == "quadruple", "id"]     # doctest: +SKIP
    """
    pd = require("pandas", "pandas")
    cols = schema(kind)
    data = rows(kind, ds)
    frame = pd.DataFrame({c.name: [r[c.name] for r in data] for c in cols}, columns=[c.name for c in cols])
    return frame.astype({c.name: _PANDAS_DTYPES[c.type] for c in cols})


def _arrow_types(pa: Any) -> dict[ColumnType, Any]:
    return {
        "string": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
        "list": pa.list_(pa.string()),
    }


def to_arrow(kind: str, ds: Dataset | None = None) -> Any:
    """The table of ``kind`` as a ``pyarrow.Table`` (needs the ``arrow`` extra).

    Types: ``string``, ``int64``, ``float64``, ``bool``, ``date32`` and
    ``list<string>``; each field carries its description as metadata.

    >>> to_arrow("topsectors").schema.field("established").type   # doctest: +SKIP
    DataType(int64)
    """
    pa = require("pyarrow", "arrow")
    types = _arrow_types(pa)
    cols = schema(kind)
    data = rows(kind, ds)
    arrow_schema = pa.schema(
        [pa.field(c.name, types[c.type], metadata={"description": c.description}) for c in cols],
        metadata={"mtib.kind": kind},
    )
    arrays: dict[str, list[Any]] = {c.name: [] for c in cols}
    for r in data:
        for c in cols:
            v = r[c.name]
            arrays[c.name].append([str(x) for x in v] if c.type == "list" and v is not None else v)
    return pa.Table.from_pydict(arrays, schema=arrow_schema)


def write_parquet(
    kind: str, path: str | os.PathLike[str], ds: Dataset | None = None, *, overwrite: bool = False
) -> Path:
    """Write the table of ``kind`` as a Parquet file (needs the ``arrow`` extra).

    >>> write_parquet("topsectors", "topsectors.parquet")   # doctest: +SKIP
    PosixPath('topsectors.parquet')
    """
    from mtib.io.writing import atomic_path

    require("pyarrow", "arrow")
    pq = require("pyarrow.parquet", "arrow")
    target = Path(path)
    table = to_arrow(kind, ds)
    with atomic_path(target, overwrite=overwrite) as tmp:  # complete or not at all
        pq.write_table(table, str(tmp))
    return target


def write_parquet_dir(
    folder: str | os.PathLike[str],
    ds: Dataset | None = None,
    *,
    kinds: Iterable[str] | None = None,
    overwrite: bool = False,
) -> list[Path]:
    """Write every table (the collections and the long tables ``participants`` and ``sdg_links``)
    as ``<kind>.parquet`` files in ``folder``, a directory that DuckDB, Spark or pandas read as
    it is (needs the ``arrow`` extra). Returns the files written.

    >>> write_parquet_dir("tables")   # doctest: +SKIP
    [PosixPath('tables/sources.parquet'), ...]
    """
    require("pyarrow", "arrow")
    target = Path(folder)
    chosen = list(KINDS if kinds is None else kinds)
    for kind in chosen:
        _check(kind)
    files = [target / f"{kind}.parquet" for kind in chosen]
    from mtib.io.writing import check_target

    for file in files:  # every target first: nothing is written if one is refused
        check_target(file, overwrite=overwrite)
    return [write_parquet(kind, path, ds, overwrite=True) for kind, path in zip(chosen, files, strict=True)]
