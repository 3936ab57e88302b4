"""The one text table, the one HTML table, and the record views built on them."""

from __future__ import annotations

import html

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mtib
from mtib.core.schema import COLLECTIONS
from mtib.core.tables import clip, html_table, text_table
from mtib.core.views import Viewable, record_fields, record_html, record_text, record_title

cells = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=12)


@given(st.lists(st.lists(cells, min_size=3, max_size=3), max_size=6))
def test_text_table_aligns_every_column(rows: list[list[str]]) -> None:
    header = ["id", "name", "n"]
    text = text_table(header, rows, numeric={2})
    lines = text.split("\n")
    assert len(lines) == len(rows) + 2
    widths = [len(dashes) for dashes in lines[1].split("  ")]
    assert widths == [max(len(c) for c in column) for column in zip(header, *rows, strict=True)]
    for line in lines:
        assert line == line.rstrip()
    for line, row in zip(lines[2:], rows, strict=True):  # each cell starts where its column starts
        start = 0
        for i, (cell, width) in enumerate(zip(row, widths, strict=True)):
            if i == 2:
                assert line[start : start + width].rstrip() == cell.rjust(width).rstrip()
            else:
                assert line[start : start + width].rstrip() == cell.rstrip()  # a line ends without white space
            start += width + 2


def test_text_table_without_header_and_with_clipping() -> None:
    assert text_table(None, [["a", "1"], ["bbb", "22"]], numeric={1}, indent=2) == "  a     1\n  bbb  22"
    assert text_table(None, []) == ""
    assert text_table(["x"], []) == "x\n-"
    assert text_table(["name"], [["x" * 80]], width=70).splitlines()[2] == "x" * 67 + "..."
    with pytest.raises(ValueError, match="zip"):
        text_table(["a", "b"], [["only one"]])


def test_clip() -> None:
    assert clip("abcdef", 6) == "abcdef" and clip("abcdefg", 6) == "abc..." and len(clip("x" * 500, 100)) == 100


@given(st.lists(cells, min_size=1, max_size=4), st.lists(st.lists(cells, min_size=2, max_size=2), max_size=4))
def test_html_table_escapes_everything(header: list[str], rows: list[list[str]]) -> None:
    page = html_table(header, rows, caption="<c>&")
    assert "<c>" not in page and "&lt;c&gt;&amp;" in page
    for cell in [*header, *(c for r in rows for c in r)]:
        assert html.escape(cell) in page
    assert page.count("<tr>") == len(rows) + 1


def test_html_table_numeric_and_row_header() -> None:
    page = html_table(["k", "n"], [["a", "1"]], numeric={1}, row_header=True)
    assert '<th style="text-align:right">n</th>' in page and "<th>a</th>" in page
    assert '<td style="text-align:right">1</td>' in page


# ------------------------------------------------------------------------------------------------ record views


class _Printer:
    def __init__(self) -> None:
        self.written = ""

    def text(self, s: str) -> None:
        self.written += s


def test_every_record_kind_is_viewable_and_keeps_its_repr(ds: mtib.Dataset) -> None:
    for kind, cls in COLLECTIONS.items():
        assert issubclass(cls, Viewable), kind
        records = list(getattr(ds, kind))
        if not records:
            continue  # a kind the bundled data has no records of (initiatives come from imports)
        record = records[0]
        assert not hasattr(record, "__dict__"), kind  # still slotted
        assert repr(record).startswith(f"{cls.__name__}(id={record.id!r}"), kind
        page = record._repr_html_()
        assert page.startswith('<table class="mtib"><caption>') and html.escape(record_title(record)) in page
        printer = _Printer()
        record._repr_pretty_(printer, False)
        assert printer.written == record_text(record)
        printer = _Printer()
        record._repr_pretty_(printer, True)
        assert printer.written == f"<{cls.__name__} ...>"


def test_a_view_shows_every_field_that_is_set(ds: mtib.Dataset) -> None:
    for kind in COLLECTIONS:
        for record in getattr(ds, kind):
            shown = dict(record_fields(record))
            for field in attrs.fields(type(record)):
                value = getattr(record, field.name)
                set_ = value != field.default if field.default is not attrs.NOTHING else True
                assert (field.name in shown) == set_, (kind, record.id, field.name)


def test_record_views_read_well(fixture_ds: mtib.Dataset) -> None:
    ds = fixture_ds  # figures of records of the frozen sample
    text = record_text(ds.partnerships["momentum"])
    assert text.splitlines()[0] == "Partnership 'momentum': Microplastics and Human Health Consortium"
    assert "  topsectors: lsh\n" in text and "  period: 2021-\n" in text and "  budget: EUR 5,400,000\n" in text
    assert "  helix: triple helix (academia, government, industry)" in text
    tool = record_text(ds.instruments["pps-toeslag"])
    assert "  name: nl: PPS-toeslag onderzoek en innovatie | en: Public-private partnership allowance for R&D" in tool
    assert "  rates: 25% (2013-2017); 30% (2018-2023)" in tool
    assert all(len(line.split(": ", 1)[1]) <= 100 for line in tool.splitlines()[1:])  # values clipped
    mission = ds.missions["gz-central"]
    assert record_title(mission) == f"Mission 'gz-central': {mission.statement.get('en')}"
    assert record_title(ds.sdg_targets["3.3"]).startswith("Target '3.3': By 2030, end the epidemics")
    page = record_html(ds.partnerships["momentum"])
    assert "<th>helix</th><td>triple helix (academia, government, industry)</td>" in page
