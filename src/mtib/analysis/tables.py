"""Flat tables of records: rows for CSV, with no optional dependency.

Every record becomes one row of plain strings. Bilingual texts become two
columns (``name_nl``, ``name_en``); lists are joined with ``;``; SDG links are
written as their codes; participants as ``organisation:role``. Cells that a
spreadsheet program would run as a formula are neutralised.

>>> import mtib
>>> row = flat_row(mtib.load().topsectors["lsh"])
>>> row["name_en"], row["acronym"]
('Life Sciences & Health', 'LSH')
"""

from __future__ import annotations

import csv
import datetime
import enum
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from mtib.core.schema import columns as schema_columns
from mtib.core.schema import flat
from mtib.io.converting import plain_decimal

__all__ = ["columns", "csv_text", "flat_row", "safe_cell"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def safe_cell(value: str) -> str:
    """``value`` made safe for spreadsheets: a leading ``=``, ``+``, ``-``, ``@`` (or tab or CR) is escaped.

    The escape is a leading ``'``; a value that itself starts with ``'`` gets one too,
    so that reading the CSV back (:mod:`mtib.io.csvinput`) removes exactly one.

    >>> safe_cell("=HYPERLINK(1)"), safe_cell("-5"), safe_cell("Energie"), safe_cell("'=x")
    ("'=HYPERLINK(1)", "'-5", 'Energie', "''=x")
    """
    return "'" + value if value.startswith(_FORMULA_START) else value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        return str(plain_decimal(value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):  # each item neutralised: 'a;@SUM(A1)' splits into cells
        return ";".join(safe_cell(_cell(v)) for v in value)
    if isinstance(value, frozenset):
        return ";".join(sorted(safe_cell(_cell(v)) for v in value))
    return str(value)  # value objects in lists have a text form: SDG links their code, participants org:role


def columns(cls: type) -> list[str]:
    """The CSV columns of a record class, in field order (:func:`mtib.core.schema.columns`).

    >>> from mtib.core.model import Partnership
    >>> columns(Partnership)[:4]
    ['id', 'name', 'kind', 'acronym']
    """
    return schema_columns(cls)


def flat_row(record: Any) -> dict[str, str]:
    """One record as a flat mapping of column name to string.

    >>> import mtib
    >>> row = flat_row(mtib.load().partnerships["momentum"])
    >>> row["acronym"], row["topsectors"], row["period_start"]
    ('MOMENTUM', 'lsh', '2021')
    """
    # A list cell is neutralised item by item (in _cell), a scalar cell as a whole.
    return {
        column: _cell(value) if isinstance(value, (tuple, list, frozenset)) else safe_cell(_cell(value))
        for column, value in flat(record)
    }


def csv_text(records: Iterable[Any], cls: type) -> str:
    """The records as CSV text with a header row.

    >>> import mtib
    >>> print(csv_text([mtib.load().sdgs[1]], mtib.Goal).splitlines()[0])
    id,number,name_nl,name_en,title_nl,title_en,aliases,sources
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns(cls), lineterminator="\n")
    # With "\n" line ends the csv module does not quote a lone "\r" in a cell, which no
    # reader then accepts: such rows are written with every cell quoted.
    quoted = csv.DictWriter(buffer, fieldnames=columns(cls), lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for record in records:
        row = flat_row(record)
        (quoted if any("\r" in cell for cell in row.values()) else writer).writerow(row)
    return buffer.getvalue()
