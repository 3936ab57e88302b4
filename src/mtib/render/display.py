"""Display helpers: records, collections and tables as HTML (for Jupyter) and as compact text.

Jupyter shows an object's ``_repr_html_``; IPython's terminal shows its
``_repr_pretty_``. Records, collections, datasets, matrices and helix
compositions get both from the helpers here. Everything is escaped.

>>> print(text_table(["id", "n"], [["lsh", "3"], ["energie", "12"]], numeric={1}))
id        n
-------  --
lsh       3
energie  12
>>> html_table(["a"], [["<b>"]])
'<table class="mtib"><thead><tr><th>a</th></tr></thead><tbody><tr><td>&lt;b&gt;</td></tr></tbody></table>'
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mtib.dataset import Collection, Dataset

__all__ = [
    "collection_html",
    "collection_text",
    "dataset_html",
    "html_table",
    "record_html",
    "record_text",
    "text_table",
]


def html_table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    numeric: Iterable[int] = (),
    caption: str | None = None,
    row_header: bool = False,
) -> str:
    """An escaped HTML table; columns in ``numeric`` are right-aligned.

    >>> html_table(["x", "n"], [["a", "1"]], numeric={1}, caption="C")  # doctest: +ELLIPSIS
    '<table class="mtib"><caption>C</caption>...<td style="text-align:right">1</td>...'
    """
    right = set(numeric)
    e = html.escape
    out = ['<table class="mtib">']
    if caption:
        out.append(f"<caption>{e(caption)}</caption>")
    out.append("<thead><tr>")
    out.extend(
        f'<th style="text-align:right">{e(h)}</th>' if i in right else f"<th>{e(h)}</th>" for i, h in enumerate(header)
    )
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>")
        for i, cell in enumerate(row):
            tag = "th" if row_header and i == 0 else "td"
            style = ' style="text-align:right"' if i in right else ""
            out.append(f"<{tag}{style}>{e(cell)}</{tag}>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def text_table(header: Sequence[str], rows: Iterable[Sequence[str]], *, numeric: Iterable[int] = ()) -> str:
    """A plain-text table with aligned columns; columns in ``numeric`` are right-aligned.

    >>> print(text_table(["a", "b"], [["x", "1"]]))
    a  b
    -  -
    x  1
    """
    body = [list(r) for r in rows]
    widths = [len(h) for h in header]
    for row in body:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    right = set(numeric)

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join([line(header), "  ".join("-" * w for w in widths), *(line(r) for r in body)])


def _value_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def _fields(record: Any) -> list[tuple[str, str]]:
    from mtib.io.loading import to_plain

    plain = to_plain(record)
    rows = [(key, _value_text(value)) for key, value in plain.items()]
    from mtib.core.model import Partnership

    if isinstance(record, Partnership):
        spheres = ", ".join(s.value for s in sorted(record.spheres, key=lambda s: s.value)) or "-"
        rows.append(("helix", f"{record.helix_type.value} ({spheres})"))
    return rows


def record_text(record: Any, width: int = 100) -> str:
    """A record as compact text: its kind and id, then one line per field that is set.

    >>> import mtib
    >>> print(record_text(mtib.load().topsectors["lsh"]).splitlines()[0])
    Topsector 'lsh': Life Sciences & Health
    """
    from mtib.dataset import display_name

    lines = [f"{type(record).__name__} {record.id!r}: {display_name(record)}"]
    for key, value in _fields(record):
        if key == "id":
            continue
        shown = value if len(value) <= width else value[: width - 3] + "..."
        lines.append(f"  {key}: {shown}")
    return "\n".join(lines)


def record_html(record: Any) -> str:
    """A record as a two-column HTML table of its fields (those that are set).

    >>> import mtib
    >>> "<th>acronym</th>" in record_html(mtib.load().topsectors["lsh"])
    True
    """
    from mtib.dataset import display_name

    return html_table(
        ["field", "value"],
        _fields(record),
        caption=f"{type(record).__name__} {record.id!r}: {display_name(record)}",
        row_header=True,
    )


def _summary_rows(records: Sequence[Any]) -> list[list[str]]:
    from mtib.dataset import display_name

    return [[r.id, display_name(r)] for r in records]


def collection_text(collection: Collection[Any], limit: int = 10) -> str:
    """The first ``limit`` records of a collection as an id/name table, with the total.

    >>> import mtib
    >>> print(collection_text(mtib.load().topsectors, limit=2))
    topsectors: 10 records
    id         name
    ---------  -----------
    agri-food  Agri & Food
    chemie     Chemistry
    ...
    """
    shown = collection.records[:limit]
    lines = [f"{collection.kind}: {len(collection)} records"]
    if shown:
        lines.append(text_table(["id", "name"], _summary_rows(shown)))
    if len(collection) > limit:
        lines.append("...")
    return "\n".join(lines)


def collection_html(collection: Collection[Any], limit: int = 20) -> str:
    """The first ``limit`` records of a collection as an HTML table (id and name).

    >>> import mtib
    >>> "<caption>sdgs: 17 records" in collection_html(mtib.load().sdgs)
    True
    """
    shown = collection.records[:limit]
    more = f" (first {limit} shown)" if len(collection) > limit else ""
    return html_table(
        ["id", "name"], _summary_rows(shown), caption=f"{collection.kind}: {len(collection)} records{more}"
    )


def dataset_html(dataset: Dataset) -> str:
    """A dataset as an HTML table of its collections and their sizes.

    >>> import mtib
    >>> "<td>partnerships</td>" in dataset_html(mtib.load())
    True
    """
    return html_table(
        ["collection", "records"],
        [[k, str(n)] for k, n in dataset.counts().items()],
        numeric={1},
        caption="mtib Dataset",
    )


def pretty(obj: Any, text: str, printer: Any, cycle: bool) -> None:
    """IPython's ``_repr_pretty_`` protocol: print ``text`` (or a placeholder when cycling)."""
    printer.text(f"<{type(obj).__name__} ...>" if cycle else text)
