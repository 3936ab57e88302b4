"""A portfolio of partnerships read from CSV, through the same strict validation as YAML.

One row per partnership, with the columns that ``mtib export --format csv``
writes for partnerships (see :func:`mtib.analysis.tables.columns`): ``id``, ``name``,
``topsectors``, ``themes``, ``sdgs``, ``participants``, ``sources`` and any
of the optional ones. Cells that hold lists separated their items with ``;``;
SDG links are goal numbers or target codes (``3;3.3``); participants are
``organisation`` or ``organisation:role``; an empty cell in a required list
column is an empty list; bilingual texts, periods and
budgets are split over two columns (``description_nl``/``description_en``,
``period_start``/``period_end``, ``budget_amount``/``budget_currency``). An
empty cell leaves the field out. The delimiter is a comma, or a semicolon when
the header holds semicolons and no commas (then quote the list cells).

:func:`parse_csv` turns the rows into the same raw mappings a YAML file gives
(``{"partnerships": [...]}``); :func:`mtib.load` then structures and
validates them as it does YAML, so every problem carries its path
(``$.partnerships[3].sdgs[0]``), its file, and a hint naming the CSV row and
column (:func:`csv_hints`). SDG links read from CSV are direct links without
a rationale (the CSV export writes only their codes).

>>> rows = parse_csv("id,name,topsectors,sdgs,participants\\nx,X,lsh;water,3;3.3,tno:coordinator\\n")
>>> rows["partnerships"][0]["sdgs"]
[{'goal': 3}, {'goal': 3, 'target': '3.3'}]
>>> rows["partnerships"][0]["participants"]
[{'organisation': 'tno', 'role': 'coordinator'}]
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from mtib.core import suggest
from mtib.core.errors import DataError, Problem
from mtib.core.fields import shown
from mtib.core.model import Participant, Partnership, SDGLink
from mtib.core.schema import FieldPlan, Shape, plan

__all__ = ["COLUMNS", "csv_hints", "parse_csv"]

_VALUE_PARSERS: dict[type, Callable[[str], Any]] = {SDGLink: SDGLink.shorthand, Participant: Participant.shorthand}
"""How a cell item becomes a value: the value classes' own shorthand (what YAML accepts too)."""

_DIGITS = re.compile(r"-?[0-9]{1,6}\Z")
_ESCAPED = re.compile(r"'[=+\-@\t\r']")  # the export's escape (mtib.analysis.tables.safe_cell)


def _layout() -> tuple[dict[str, tuple[FieldPlan, FieldPlan | None]], tuple[str, ...]]:
    """Each column of a partnerships CSV: the field (and the value object's field) it fills; the
    required list columns. Derived from the schema: the columns are those of the CSV export."""
    layout: dict[str, tuple[FieldPlan, FieldPlan | None]] = {}
    required: list[str] = []
    for f in plan(Partnership).readable:
        inner = f.inner if f.shape is Shape.VALUE else None
        if inner is not None:
            for sub in inner.readable:
                layout[f"{f.name}_{sub.name}"] = (f, sub)
        elif f.shape is not Shape.VALUES or f.base in _VALUE_PARSERS:
            layout[f.name] = (f, None)
            if f.meta.required and f.shape in (Shape.LIST, Shape.VALUES, Shape.SET):
                required.append(f.name)
    return layout, tuple(required)


_LAYOUT, _REQUIRED_LISTS = _layout()
COLUMNS: tuple[str, ...] = tuple(_LAYOUT)
"""The columns a partnerships CSV may have (in any order): those of the CSV export."""


def _cell(text: str) -> str:
    """Undo the spreadsheet escaping of the CSV export (a leading quote before = + - @)."""
    text = text.strip()
    return text[1:] if _ESCAPED.match(text) else text


def _items(text: str) -> list[str]:
    """The items of a list cell, each with the export's escape undone (it escapes item by item)."""
    return [_cell(item) for item in text.split(";") if item.strip()]


def _scalar(f: FieldPlan, text: str) -> Any:
    if f.base is int and _DIGITS.fullmatch(text):
        return int(text)
    return text  # anything else is structured strictly, as it would be from YAML


def _record(header: list[str], cells: list[str]) -> dict[str, Any]:
    item: dict[str, Any] = {}
    for name, raw in zip(header, cells, strict=False):
        layout = _LAYOUT.get(name)
        listed = layout is not None and layout[1] is None and layout[0].shape in (Shape.VALUES, Shape.LIST, Shape.SET)
        value = raw.strip() if listed else _cell(raw)  # a list cell is unescaped item by item
        if name in _REQUIRED_LISTS and value == "":
            item[name] = []  # the column is there but the list is empty
            continue
        if value == "" or name not in _LAYOUT:
            continue
        f, sub = _LAYOUT[name]
        if sub is not None:
            item.setdefault(f.name, {})[sub.name] = _scalar(sub, value)
        elif f.shape is Shape.VALUES:
            item[name] = [_VALUE_PARSERS[f.base](text) for text in _items(value)]
        elif f.shape in (Shape.LIST, Shape.SET):
            item[name] = _items(value)
        else:
            item[name] = _scalar(f, value)
    return item


def _rows(reader: Iterator[list[str]], found: list[Problem]) -> Iterator[list[str]]:
    try:
        yield from reader
    except csv.Error as exc:
        found.append(Problem("$", f"not a readable CSV table: {exc}"))


def _too_many_cells(text: str, delimiter: str, max_cells: int) -> bool:
    """Whether the table has more than ``max_cells`` cells in all (blank rows left out),
    found before any record is built.

    A table cannot have more cells than delimiters and line ends, so only a table whose
    count of those passes the limit is parsed once more to count exactly (in C, keeping
    nothing): a huge table is refused in the time of one parse, not of building every row.

    >>> _too_many_cells("id\\na\\nb\\n", ",", 3), _too_many_cells("id\\na\\n\\nb\\n", ",", 2)
    (False, True)
    """
    if text.count(delimiter) + text.count("\n") + text.count("\r") + 1 <= max_cells:
        return False
    cells = 0
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            if any(c.strip() for c in row):
                cells += len(row)
                if cells > max_cells:
                    return True
    except csv.Error:
        return False  # the reading proper reports it, with its place
    return False


def parse_csv(text: str, limits: Any = None, problems: list[Problem] | None = None) -> dict[str, list[Any]]:
    """The rows of a partnerships CSV as raw mappings, ``{"partnerships": [...]}``.

    Problems with the table itself (an unknown or repeated column, a row with
    more cells than the header) are added to ``problems``, or raised as one
    :class:`mtib.DataError` when no list is given. ``limits`` (a
    :class:`mtib.Limits`) bounds the number of cells by ``max_nodes``.

    >>> parse_csv("id,nmae\\nx,X\\n")
    Traceback (most recent call last):
    ...
    mtib.core.errors.DataError: 1 problem in the data:
      $: unknown column 'nmae' (did you mean 'name'?) (CSV column 2)
    """
    own = problems is None
    found: list[Problem] = [] if problems is None else problems
    end = text.find("\n")
    first = text if end < 0 else text[:end]
    delimiter = ";" if ";" in first and "," not in first else ","
    # Streamed: rows are read one by one and the cell limit is checked as they come, so a
    # huge table stops at the limit instead of being held whole first.
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    max_cells = getattr(limits, "max_nodes", None)
    try:
        header_row = next(reader, None)
    except csv.Error as exc:
        found.append(Problem("$", f"not a readable CSV table: {exc}"))
        header_row = None
    if header_row is None:
        if own and found:
            raise DataError(found)
        return {"partnerships": []}
    if max_cells is not None and len(header_row) > max_cells:
        found.append(Problem("$", f"the table has more than {max_cells:,} cells (max_nodes)"))
        if own:
            raise DataError(found)
        return {"partnerships": []}
    header = [h.strip().lstrip("\ufeff") for h in header_row]
    position: dict[str, int] = {}
    for j, name in enumerate(header, start=1):
        if name not in COLUMNS:
            hint = suggest.hint(name, COLUMNS) or f"; known columns: {', '.join(COLUMNS)}"
            found.append(Problem("$", f"unknown column {shown(name)}{hint} (CSV column {j})"))
        elif name in position:
            found.append(Problem("$", f"column {name!r} occurs twice (CSV columns {position[name]} and {j})"))
        else:
            position[name] = j
    records: list[Any] = []
    cells = len(header_row)
    if max_cells is not None and _too_many_cells(text, delimiter, max_cells):
        found.append(Problem("$", f"the table has more than {max_cells:,} cells (max_nodes)"))
        if own:
            raise DataError(found)
        return {"partnerships": []}
    rows = _rows(reader, found)
    for line, cells_of_row in enumerate(rows, start=2):
        if not any(c.strip() for c in cells_of_row):
            continue  # a blank row
        index = len(records)
        cells += len(cells_of_row)
        if max_cells is not None and cells > max_cells:
            found.append(Problem("$", f"the table has more than {max_cells:,} cells (max_nodes)"))
            break
        if len(cells_of_row) > len(header):
            found.append(
                Problem(
                    f"$.partnerships[{index}]",
                    f"the row has {len(cells_of_row)} cells but the header {len(header)} (CSV row {line})",
                )
            )
        records.append(_record(header, cells_of_row))
    if own and found:
        raise DataError(found)
    return {"partnerships": records}


_PATH = re.compile(r"^\$\.partnerships\[([0-9]+)\](?:\.([a-z_]+)(?:\.([a-z_]+))?)?")


def csv_hints(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in CSV files with the spreadsheet row and column added to their messages.

    Rows count the header as row 1 and skip blank rows; problems in other
    files are left as they are.

    >>> [str(p) for p in csv_hints([Problem("$.partnerships[3].period.start", "bad year", "mine.csv")])]
    ["mine.csv: $.partnerships[3].period.start: bad year (CSV row 5, column 'period_start')"]
    """
    out: list[Problem] = []
    for p in problems:
        match = _PATH.match(p.path)
        if p.file is None or not p.file.lower().endswith(".csv") or match is None or "(CSV row" in p.message:
            out.append(p)
            continue
        row = int(match.group(1)) + 2
        field, sub = match.group(2), match.group(3)
        column = f"{field}_{sub}" if sub and f"{field}_{sub}" in _LAYOUT else field
        where = f"CSV row {row}, column {column!r}" if column else f"CSV row {row}"
        out.append(attrs.evolve(p, message=f"{p.message} ({where})"))
    return out
