"""Frames: rows follow the documented schema; pandas, Arrow and Parquet carry the same values."""

from __future__ import annotations

import io
import sys

import pytest

import mtib
from mtib.analysis.frames import KINDS, MissingExtraError, rows, schema, to_arrow, to_pandas, write_parquet
from mtib.cli import main
from mtib.core.schema import COLLECTIONS


def test_kinds_are_the_collections_and_the_long_tables() -> None:
    assert (*COLLECTIONS, "participants", "sdg_links") == KINDS
    with pytest.raises(ValueError, match="unknown table kind"):
        schema("nope")


@pytest.mark.parametrize("kind", KINDS)
def test_rows_follow_the_schema(ds: mtib.Dataset, kind: str) -> None:
    cols = schema(kind)
    table = rows(kind, ds)
    python = {"string": str, "int": int, "float": float, "bool": bool, "list": list}
    for row in table:
        assert list(row) == [c.name for c in cols]
        for c in cols:
            value = row[c.name]
            if value is not None and c.type != "date":
                assert isinstance(value, python[c.type]), (kind, c.name, value)
    if kind in COLLECTIONS:
        assert [r["id"] for r in table] == list(getattr(ds, kind).ids())


def test_rows_hold_the_values(ds: mtib.Dataset) -> None:
    p = ds.partnerships["momentum"]
    row = next(r for r in rows("partnerships", ds) if r["id"] == "momentum")
    assert row["topsectors"] == list(p.topsectors)
    assert row["sdgs"] == [link.code for link in p.sdgs]
    assert row["participants"] == [f"{x.organisation}:{x.role.value}" for x in p.participants]
    assert row["helix_type"] == p.helix_type.value and row["spheres"] == sorted(s.value for s in p.spheres)
    assert row["period_start"] == (p.period.start if p.period else None)
    assert row["budget_amount"] == (float(p.budget.amount) if p.budget else None)
    assert len(rows("participants", ds)) == sum(len(x.participants) for x in ds.partnerships)
    links = rows("sdg_links", ds)
    assert len(links) == sum(len(r.sdgs) for k in ("themes", "missions", "partnerships") for r in getattr(ds, k))


def test_pandas(ds: mtib.Dataset) -> None:
    pytest.importorskip("pandas")
    df = to_pandas("partnerships", ds)
    assert list(df.columns) == [c.name for c in schema("partnerships")]
    assert len(df) == len(ds.partnerships)
    assert str(df["period_start"].dtype) == "Int64" and str(df["id"].dtype) == "string"
    assert (df["helix_type"] == "triple").sum() == sum(1 for p in ds.partnerships if p.helix_type.value == "triple")
    events = to_pandas("events", ds)
    assert list(events["id"]) == list(ds.events.ids())


def test_arrow_and_parquet_round_trip(ds: mtib.Dataset, tmp_path) -> None:
    pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")

    for kind in ("partnerships", "events", "facts", "participants"):
        table = to_arrow(kind, ds)
        assert table.schema.names == [c.name for c in schema(kind)]
        path = write_parquet(kind, tmp_path / f"{kind}.parquet", ds)
        back = pq.read_table(path)
        assert back.to_pylist() == rows(kind, ds)
        assert back.schema.field(0).metadata[b"description"]
    with pytest.raises(FileExistsError):
        write_parquet("events", tmp_path / "events.parquet", ds)


@pytest.mark.parametrize(
    ("module", "extra", "call"),
    [
        ("pandas", "pandas", lambda: to_pandas("topsectors")),
        ("pyarrow", "arrow", lambda: to_arrow("topsectors")),
        ("pyarrow", "arrow", lambda: write_parquet("topsectors", "never-written.parquet")),
    ],
)
def test_missing_extra_gives_one_line(monkeypatch: pytest.MonkeyPatch, module: str, extra: str, call) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(MissingExtraError) as info:
        call()
    assert str(info.value) == f"this needs {module}, which is not installed: pip install 'mtib[{extra}]'"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_export_parquet(ds: mtib.Dataset, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    code, _, err = run("export", "--format", "parquet", "-o", str(tmp_path / "pq"))
    assert code == 1 and err == "mtib: this needs pyarrow, which is not installed: pip install 'mtib[arrow]'\n"
    monkeypatch.undo()
    pq = pytest.importorskip("pyarrow.parquet")

    code, out, _ = run("export", "--format", "parquet", "-o", str(tmp_path / "pq"), "--kind", "topsectors")
    assert code == 0 and "wrote 1 Parquet files" in out
    assert pq.read_table(tmp_path / "pq" / "topsectors.parquet").to_pylist() == rows("topsectors", ds)
    code, _, err = run("export", "--format", "parquet", "-o", "-")
    assert code == 2
