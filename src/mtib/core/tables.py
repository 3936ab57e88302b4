"""The one plain-text table and the one HTML table that every view, report and command prints.

Pure string functions: cells are strings, nothing is read or looked up. Columns
listed in ``numeric`` are right-aligned; HTML is escaped.

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
from collections.abc import Iterable, Sequence

__all__ = ["clip", "html_table", "text_table"]


def clip(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` characters, ending in ``...`` when it was cut.

    >>> clip("Life Sciences & Health", 10), clip("LSH", 10)
    ('Life Sc...', 'LSH')
    """
    return text if len(text) <= width else text[: max(width - 3, 0)] + "..."


def text_table(
    header: Sequence[str] | None,
    rows: Iterable[Sequence[str]],
    *,
    numeric: Iterable[int] = (),
    indent: int = 0,
    width: int | None = None,
) -> str:
    """A plain-text table with aligned columns, two spaces apart.

    ``header`` is printed above a rule of dashes; ``None`` gives a bare aligned list.
    Columns in ``numeric`` are right-aligned; ``indent`` spaces go before every line;
    a cell longer than ``width`` is clipped (see :func:`clip`). Trailing spaces are
    removed; every row has as many cells as the header (or as the first row).

    >>> print(text_table(["a", "b"], [["x", "1"]]))
    a  b
    -  -
    x  1
    >>> print(text_table(None, [["triple helix", "12"], ["partial", "3"]], numeric={1}, indent=2))
      triple helix  12
      partial        3
    >>> print(text_table(["name"], [["Microplastics and Human Health"]], width=12))
    name
    ------------
    Microplas...
    """
    body = [[c if width is None else clip(c, width) for c in row] for row in rows]
    first = list(header) if header is not None else (body[0] if body else [])
    widths = [len(h) if header is not None else 0 for h in first]
    for row in body:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    right = set(numeric)
    pad = " " * indent

    def line(cells: Sequence[str]) -> str:
        joined = "  ".join(
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )
        return (pad + joined).rstrip()

    lines = [] if header is None else [line(first), pad + "  ".join("-" * w for w in widths)]
    return "\n".join([*lines, *(line(r) for r in body)])


def html_table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    numeric: Iterable[int] = (),
    caption: str | None = None,
    row_header: bool = False,
) -> str:
    """An escaped HTML table (class ``mtib``); columns in ``numeric`` are right-aligned.

    ``row_header`` makes each row's first cell a ``<th>``.

    >>> html_table(["x", "n"], [["a", "1"]], numeric={1}, caption="C")  # doctest: +ELLIPSIS
    '<table class="mtib"><caption>C</caption>...<td style="text-align:right">1</td>...'
    >>> "<script>" in html_table(["<script>"], [["<script>alert(1)</script>"]])
    False
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
