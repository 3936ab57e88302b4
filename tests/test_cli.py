"""The command line: every subcommand works, every mistake exits 1 or 2 with one line, no traceback."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import mtib
from mtib.cli import main
from tests.conftest import MINIMAL

Write = Callable[..., Path]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0
    assert out == f"mtib {mtib.__version__} (data {mtib.DATA_VERSION})\n"


def test_overview_in_both_languages(ds: mtib.Dataset) -> None:
    code, out, err = run("overview")
    assert code == 0 and err == ""
    assert f"partnerships {len(ds.partnerships):>6}" in out.replace("partnerships    ", "partnerships ")
    assert "Life Sciences & Health (LSH), since 2011" in out
    assert "MOMENTUM" in out
    assert "triple helix" in out and "quadruple helix" in out
    code, out_nl, _ = run("overview", "--lang", "nl")
    assert code == 0
    assert "Topsectoren en hun partnerschappen" in out_nl
    assert "Gezondheid & Zorg" in out_nl


def test_list_formats(ds: mtib.Dataset) -> None:
    code, out, _ = run("list", "topsectors")
    assert code == 0
    assert all(t.id in out for t in ds.topsectors)
    code, out, _ = run("list", "topsectors", "--format", "json")
    assert [r["id"] for r in json.loads(out)] == list(ds.topsectors.ids())
    code, out, _ = run("list", "sdgs", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 17 and rows[2]["name_nl"] == "Goede gezondheid en welzijn"


def test_show(ds: mtib.Dataset) -> None:
    code, out, _ = run("show", "momentum")
    assert code == 0
    assert "Sources:" in out and "helix:" in out
    code, out, _ = run("show", "MOMENTUM", "--kind", "partnerships", "--format", "json")
    assert json.loads(out)["partnerships"][0]["id"] == "momentum"
    code, out, _ = run("show", "LSH")
    assert code == 0 and "topsector 'lsh'" in out


def test_search() -> None:
    code, out, _ = run("search", "microplastics")
    assert code == 0 and "momentum" in out
    code, out, _ = run("search", "zorg", "--kind", "themes", "--format", "json")
    assert json.loads(out)[0]["id"] == "gezondheid-zorg"


def test_partnerships_filters(ds: mtib.Dataset) -> None:
    code, out, _ = run("partnerships", "--topsector", "lsh", "--sdg", "3", "--format", "json")
    assert code == 0
    assert [p["id"] for p in json.loads(out)] == [p.id for p in ds.partnerships.where(topsector="lsh", sdg=3)]
    code, out, _ = run("partnerships", "--active-in", "2022", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == [p.id for p in ds.partnerships.where(active_in=2022)]
    code, out, _ = run("partnerships", "--sphere", "civil_society", "--cross-sectoral")
    assert code == 0


def test_validate(write: Write) -> None:
    code, out, _ = run("validate", str(write(MINIMAL)))
    assert code == 0 and "valid (1 organisations, 1 sources, 1 partnerships)" in out.replace(
        "1 sources, 1 organisations", "1 organisations, 1 sources"
    )
    code, out, err = run("validate", str(write(MINIMAL.replace('"tno"', '"tnoo"'), "bad.yaml")))
    assert code == 1 and out == ""
    assert "$.partnerships[0].participants[0].organisation: unknown organisation 'tnoo'" in err
    assert "Traceback" not in err


def test_data_option(write: Write) -> None:
    code, out, _ = run("partnerships", "--data", str(write(MINIMAL)), "--organisation", "my-org")
    assert code == 0 and "my-ppp" in out


def test_export(tmp_path: Path, ds: mtib.Dataset) -> None:
    code, _, _ = run("export", "--format", "json", "-o", str(tmp_path / "all.json"))
    assert code == 0
    assert mtib.load(tmp_path / "all.json", bundled=False) == ds
    code, _, err = run("export", "--format", "json", "-o", str(tmp_path / "all.json"))
    assert code == 1 and "exists" in err
    code, _, _ = run("export", "--format", "csv", "-o", str(tmp_path / "csv"))
    assert code == 0
    with (tmp_path / "csv" / "partnerships.csv").open(encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == len(ds.partnerships)
    code, out, _ = run("export", "--format", "yaml", "-o", "-", "--kind", "topsectors")
    assert code == 0 and out.startswith("topsectors:")


@pytest.mark.parametrize(
    ("argv", "code", "fragment"),
    [
        ([], 2, ""),
        (["frobnicate"], 2, "invalid choice"),
        (["list"], 2, "required"),
        (["list", "widgets"], 2, "invalid choice"),
        (["show", "no-such-thing"], 1, "no record with id"),
        (["show", "Ruimtevaart", "--kind", "topsectors"], 1, "no topsectors record"),
        (["partnerships", "--topsector", "ruimtevaart"], 1, "no topsectors record"),
        (["partnerships", "--sdg", "18"], 1, "no SDG 18"),
        (["partnerships", "--active-in", "soon"], 2, "invalid int value"),
        (["search", "x", "--limit", "0"], 2, "--limit"),
        (["validate", "/no/such/file.yaml"], 1, "no such file"),
        (["overview", "--lang", "de"], 2, "invalid choice"),
        (["export", "--format", "csv", "-o", "-"], 2, "directory"),
        (["list", "partnerships", "--data", "/no/such.yaml"], 1, "no such file"),
    ],
)
def test_mistakes_exit_cleanly(argv: list[str], code: int, fragment: str) -> None:
    got, _, err = run(*argv)
    assert got == code
    assert "Traceback" not in err
    if fragment:
        assert fragment in err
        assert len(err.strip().splitlines()) <= 2


def test_python_dash_m_and_console_script() -> None:
    result = subprocess.run([sys.executable, "-m", "mtib", "show", "nope"], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.startswith("mtib: no record with id 'nope'")
    result = subprocess.run(
        [sys.executable, "-m", "mtib", "list", "themes"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "gezondheid-zorg" in result.stdout
