"""A portfolio read from CSV goes through the same strict validation as YAML."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import mtib
from mtib.analysis.tables import columns, csv_text
from mtib.cli import main
from mtib.core.model import Partnership, SDGRelation
from mtib.io.csvinput import COLUMNS, csv_hints, parse_csv

Write = Callable[..., Path]

GOOD = (
    "id,name,topsectors,themes,sdgs,participants,sources,period_start,period_end,budget_amount,description_en\n"
    "my-pilot,My pilot,lsh;water,gezondheid-zorg,3;3.3,tno:coordinator;zonmw:funder,mtib-note,2021,2024,"
    '1500000,"A pilot, with a comma"\n'
)


def test_the_export_columns_are_the_input_columns() -> None:
    assert set(columns(Partnership)) == set(COLUMNS)


def test_a_good_file_loads(write: Write) -> None:
    ds = mtib.load(write(GOOD, "mine.csv"))
    p = ds.partnerships["my-pilot"]
    assert p.topsectors == ("lsh", "water")
    assert [link.code for link in p.sdgs] == ["3", "3.3"]
    assert [(x.organisation, x.role.value) for x in p.participants] == [("tno", "coordinator"), ("zonmw", "funder")]
    assert p.period is not None and (p.period.start, p.period.end) == (2021, 2024)
    assert p.budget is not None and int(p.budget.amount) == 1500000 and p.budget.currency == "EUR"
    assert p.description is not None and p.description.en == "A pilot, with a comma"
    assert p.spheres == {mtib.HelixSphere.ACADEMIA, mtib.HelixSphere.GOVERNMENT}
    assert "my-pilot" not in mtib.load().partnerships


def test_semicolon_delimited_files(write: Write) -> None:
    text = 'id;name;topsectors;themes;sdgs;participants;sources\nx-1;X;"lsh;water";gezondheid-zorg;3;tno;mtib-note\n'
    assert mtib.load(write(text, "semi.csv")).partnerships["x-1"].topsectors == ("lsh", "water")


def test_bundled_partnerships_round_trip_through_csv(ds: mtib.Dataset, write: Write) -> None:
    mine = [attrs.evolve(p, id=f"copy-{p.id}") for p in ds.partnerships]
    loaded = mtib.load(write(csv_text(mine, Partnership), "copy.csv")).partnerships
    for p in ds.partnerships:
        # CSV carries SDG links as codes only: a direct link without a rationale
        plain = attrs.evolve(
            p, sdgs=tuple(attrs.evolve(s, relation=SDGRelation.DIRECT, rationale=None) for s in p.sdgs)
        )
        assert attrs.evolve(loaded[f"copy-{p.id}"], id=p.id) == plain


def test_every_problem_with_path_file_and_row_hint(write: Write) -> None:
    text = (
        "id,name,topsectors,themes,sdgs,participants,sources,period_start\n"
        "ok-1,Fine,lsh,gezondheid-zorg,3,tno,mtib-note,2020\n"
        "\n"
        "bad-1,Bad,lsh;watr,gezondheid-zorg,3;18,tno:boss,mtib-note,20x1\n"
    )
    path = write(text, "bad.csv")
    with pytest.raises(mtib.DataError) as info:
        mtib.load(path)
    got = {(p.path, p.file) for p in info.value.problems}
    assert got == {
        ("$.partnerships[1].topsectors[1]", str(path)),
        ("$.partnerships[1].sdgs[1]", str(path)),
        ("$.partnerships[1].participants[0].role", str(path)),
        ("$.partnerships[1].period.start", str(path)),
    }
    messages = {p.path: p.message for p in info.value.problems}
    assert messages["$.partnerships[1].topsectors[1]"].endswith(
        "(did you mean 'water'?) (CSV row 3, column 'topsectors')"
    )
    assert messages["$.partnerships[1].period.start"].endswith("(CSV row 3, column 'period_start')")
    assert "SDG goal must be 1-17, got 18" in messages["$.partnerships[1].sdgs[1]"]


def test_table_problems(write: Write) -> None:
    with pytest.raises(mtib.DataError) as info:
        mtib.load(write("id,name,nmae,name\nx,X,Y,Z,extra\n", "t.csv"))
    messages = [p.message for p in info.value.problems]
    assert any("unknown column 'nmae' (did you mean 'name'?)" in m for m in messages)
    assert any("column 'name' occurs twice" in m for m in messages)
    assert any("the row has 5 cells but the header 4" in m for m in messages)
    assert all(p.file is not None and p.file.endswith("t.csv") for p in info.value.problems)


def test_empty_and_spreadsheet_escapes() -> None:
    assert parse_csv("") == {"partnerships": []}
    row = parse_csv("id,name,acronym\nx,'=SUM(A1),'-5\n")["partnerships"][0]
    assert row["name"] == "=SUM(A1)" and row["acronym"] == "-5"


def test_hints_leave_other_files_alone() -> None:
    p = mtib.Problem("$.partnerships[0].id", "bad", "x.yaml")
    assert csv_hints([p]) == [p]


def test_cli_validate_csv(write: Write) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["validate", str(write(GOOD, "mine.csv"))], out=out, err=err) == 0
    assert "valid (1 partnership)" in out.getvalue()
    out, err = io.StringIO(), io.StringIO()
    assert main(["partnerships", "--data", str(write(GOOD, "mine.csv")), "--topsector", "water"], out=out, err=err) == 0
    assert "my-pilot" in out.getvalue()


def test_a_directory_is_read_with_its_csv_files(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text('sources: [{id: "my-src", title: "S", url: "https://example.org"}]\n')
    (tmp_path / "portfolio.csv").write_text(
        "id,name,topsectors,themes,sdgs,participants,sources\nmy-csv-ppp,From CSV,lsh,,3,tno,my-src\n"
    )
    ds = mtib.load(tmp_path)
    assert ds.partnerships["my-csv-ppp"].sources == ("my-src",)
    (tmp_path / "portfolio.csv").write_text("id,name,topsectors,themes,sdgs,participants,sources\nbad id,X,,,,,\n")
    out, err = io.StringIO(), io.StringIO()
    assert main(["validate", str(tmp_path)], out=out, err=err) == 1
    assert "portfolio.csv" in err.getvalue() and "CSV row 2" in err.getvalue()
