"""Matrices: every cell matches the dataset; conversions round-trip; display works."""

from __future__ import annotations

import csv
import io
import json

import pytest

import mtib
from mtib.analysis.matrices import (
    MATRICES,
    Matrix,
    environment_health,
    matrix,
    mission_partnership,
    theme_sdg,
    topsector_cooccurrence,
    topsector_sdg,
)
from mtib.cli import main


def test_theme_sdg_matches_every_cell(ds: mtib.Dataset) -> None:
    m = theme_sdg(ds)
    assert m.rows == ds.themes.ids() and m.columns == ds.sdgs.ids()
    for theme in ds.themes:
        for goal in ds.sdgs:
            expected = sum(1 for p in ds.partnerships if theme.id in p.themes and goal.number in p.sdg_goals)
            assert m[theme.id, goal.id] == expected


def test_topsector_sdg_matches_every_cell(ds: mtib.Dataset) -> None:
    m = topsector_sdg(ds)
    for ts in ds.topsectors:
        for goal in ds.sdgs:
            assert m[ts.id, goal.id] == sum(
                1 for p in ds.partnerships if ts.id in p.topsectors and goal.number in p.sdg_goals
            )


def test_cooccurrence_is_symmetric_and_matches(ds: mtib.Dataset) -> None:
    m = topsector_cooccurrence(ds)
    for a in ds.topsectors.ids():
        for b in ds.topsectors.ids():
            assert m[a, b] == m[b, a] == sum(1 for p in ds.partnerships if a in p.topsectors and b in p.topsectors)
    off_diagonal = sum(m[a, b] for a in m.rows for b in m.columns if a < b)
    assert off_diagonal == sum(len(set(p.topsectors)) * (len(set(p.topsectors)) - 1) // 2 for p in ds.partnerships)


def test_mission_partnership_is_the_incidence(ds: mtib.Dataset) -> None:
    m = mission_partnership(ds)
    assert m.total() == sum(len(set(p.missions)) for p in ds.partnerships)
    for mission, pid, n in m.cells():
        assert n == 1 and mission in ds.partnerships[pid].missions


def test_environment_health(ds: mtib.Dataset) -> None:
    m = environment_health(ds)
    for e in mtib.EnvironmentalChange:
        for h in mtib.HealthDimension:
            expected = sum(1 for p in ds.partnerships if e in p.environmental_change and h in p.health_dimensions)
            assert m[e.value, h.value] == expected


def test_portfolio_subset(ds: mtib.Dataset) -> None:
    lsh = ds.partnerships.where(topsector="lsh")
    m = theme_sdg(ds, partnerships=lsh)
    assert m["gezondheid-zorg", "3"] == len(ds.partnerships.where(topsector="lsh", theme="gezondheid-zorg", sdg=3))
    assert m.total() <= theme_sdg(ds).total()


def test_labels_in_both_languages(ds: mtib.Dataset) -> None:
    en, nl = theme_sdg(ds, lang="en"), theme_sdg(ds, lang="nl")
    assert en.values == nl.values
    assert en.row_label("gezondheid-zorg") == ds.themes["gezondheid-zorg"].name.en
    assert nl.row_label("gezondheid-zorg") == ds.themes["gezondheid-zorg"].name.nl
    assert (en.row_title, nl.row_title) == ("theme", "thema")
    assert environment_health(ds, lang="nl").row_label("pollution") == "vervuiling"


@pytest.mark.parametrize("name", list(MATRICES))
def test_conversions_round_trip(ds: mtib.Dataset, name: str) -> None:
    m = matrix(name, ds)
    data = json.loads(m.to_json())
    assert (
        Matrix(
            **{
                **data,
                **{k: tuple(data[k]) for k in ("rows", "columns", "row_labels", "column_labels")},
                "values": tuple(tuple(r) for r in data["values"]),
            }
        )
        == m
    )
    rows = list(csv.reader(io.StringIO(m.to_csv())))
    assert tuple(rows[0][1:]) == m.columns
    assert [tuple(int(v) for v in r[1:]) for r in rows[1:]] == list(m.values)
    assert [r[0] for r in rows[1:]] == list(m.rows)
    t = m.transpose()
    assert t.transpose() == m
    assert all(t[c, r] == n for r, c, n in m.cells())
    d = m.drop_empty()
    assert d.total() == m.total() and all(any(r) for r in d.values)


def test_to_pandas(ds: mtib.Dataset) -> None:
    pytest.importorskip("pandas")
    m = theme_sdg(ds)
    df = m.to_pandas()
    assert df.shape == m.shape
    assert df.loc["Health & Care", "SDG 3"] == m["gezondheid-zorg", "3"]
    assert m.to_pandas(labels=False).loc["gezondheid-zorg", "3"] == m["gezondheid-zorg", "3"]


def test_missing_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'mtib\[pandas\]'") as info:
        theme_sdg().to_pandas()
    assert isinstance(info.value, mtib.MtibError)
    assert "\n" not in str(info.value)


def test_matrix_validation_and_errors() -> None:
    with pytest.raises(ValueError, match="label"):
        Matrix("x", "a", "b", ("r",), ("c",), (), ("C",), ((1,),))
    with pytest.raises(ValueError, match="values"):
        Matrix("x", "a", "b", ("r",), ("c",), ("R",), ("C",), ((1, 2),))
    with pytest.raises(KeyError):
        theme_sdg()["nope", "3"]
    with pytest.raises(ValueError, match="unknown matrix"):
        matrix("nope")


def test_display(ds: mtib.Dataset) -> None:
    m = environment_health(ds)
    text = str(m)
    assert text.splitlines()[0] == "environment-health (environmental change x health dimension)"
    assert "climate change" in text
    html = m._repr_html_()
    assert html.count("<tr>") == len(m.rows) + 1 and "<caption>environment-health</caption>" in html


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_matrix(ds: mtib.Dataset) -> None:
    code, out, err = run("matrix", "theme-sdg", "--format", "json")
    assert code == 0 and err == ""
    assert json.loads(out)["values"] == [list(r) for r in theme_sdg(ds).values]
    code, out, _ = run("matrix", "topsector-sdg", "--format", "csv", "--topsector", "lsh")
    lsh = topsector_sdg(ds, partnerships=ds.partnerships.where(topsector="lsh"))
    assert out == lsh.to_csv()
    code, out, _ = run("matrix", "mission-partnership", "--drop-empty", "--lang", "nl")
    assert code == 0 and out.startswith("mission-partnership (missie x partnerschap)")
    code, _, err = run("matrix", "nope")
    assert code == 2 and "invalid choice" in err


def test_the_analyses_tutorial_runs() -> None:
    """docs/analyses.md is a doctest: its outputs are the real ones, on the frozen fixture."""
    import doctest
    from pathlib import Path

    from tests.doctest_data import bundled_is_fixture

    path = Path(__file__).resolve().parents[1] / "docs" / "analyses.md"
    if not path.exists():
        pytest.skip("the docs are not part of this installation")
    with bundled_is_fixture():
        result = doctest.testfile(
            str(path), module_relative=False, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
        )
    assert result.attempted > 20
    assert result.failed == 0
