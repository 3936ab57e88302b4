"""The command line: every subcommand works, every mistake exits 1 or 2 with one line, no traceback."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import attrs
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
    assert re.search(rf"^  partnerships +{len(ds.partnerships)}$", out, re.M)  # the counts, aligned
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
    assert code == 0 and "valid (1 source, 1 organisation, 1 partnership)" in out
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
        (["stats", "--top", "-1"], 2, "--top"),
        (["stats", "--format", "csv"], 2, "invalid choice"),
        (["list"], 2, "required"),
        (["list", "widgets"], 2, "invalid choice"),
        (["show", "no-such-thing"], 1, "no record with id"),
        (["show", "Ruimtevaart", "--kind", "topsectors"], 1, "no topsector is called"),
        (["partnerships", "--topsector", "ruimtevaart"], 1, "no topsector is called"),
        (["partnerships", "--sdg", "18"], 1, "no SDG 18"),
        (["partnerships", "--active-in", "soon"], 2, "expected a year from 1000 to 2999"),
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


# --------------------------------------------------------------------------- hostile input and every mistake
# (issue 6: every user mistake in every subcommand exits 1 or 2 with a one-line message)

HOSTILE = Path(__file__).parent / "hostile"


def _subcommands() -> set[str]:
    import argparse

    from mtib.cli import _parser

    for action in _parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    raise AssertionError("the mtib parser has no subcommands")


def _one_line_error(code: int, out: str, err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("mtib: "), err
    return lines[0]


# Each subcommand: a way to run it with --data (and no other mistake), and its mistakes.
_RUN_WITH_DATA: dict[str, list[str]] = {
    "overview": ["overview"],
    "stats": ["stats"],
    "list": ["list", "organisations"],
    "show": ["show", "lsh"],
    "search": ["search", "zorg"],
    "partnerships": ["partnerships", "--topsector", "lsh"],
    "export": ["export", "--format", "json", "-o", "-"],
    "helix": ["helix"],
    "matrix": ["matrix", "theme-sdg"],
    "breakdown": ["breakdown", "--by", "mission"],
    "graph": ["graph"],
    "report": ["report", "-o", "-"],
    "plot": ["plot", "helix", "-o", "{tmp}/chart.svg"],
}

_MISTAKES: list[tuple[list[str], int, str]] = [
    (["import"], 2, "required"),
    (["import", "cordis", "x.zip", "-o", "{tmp}/notes.txt"], 2, ".json, .yaml or .yml"),
    (["import", "stip", "x.csv", "y.csv", "-o", "{tmp}/s.json"], 2, "unrecognized arguments"),
    (["overview", "--lang", "de"], 2, "invalid choice"),
    (["overview", "surplus"], 2, "unrecognized arguments"),
    (["stats", "--top", "-1"], 2, "--top"),
    (["stats", "--format", "csv"], 2, "invalid choice"),
    (["list"], 2, "required"),
    (["list", "widgets"], 2, "invalid choice"),
    (["list", "topsectors", "--format", "xml"], 2, "invalid choice"),
    (["show"], 2, "required"),
    (["show", "no-such-thing"], 1, "no record with id"),
    (["show", "lsh", "--kind", "widgets"], 2, "invalid choice"),
    (["show", "lsh", "--format", "csv"], 2, "invalid choice"),
    (["search"], 2, "required"),
    (["search", "x", "--limit", "0"], 2, "--limit"),
    (["search", "x", "--limit", "many"], 2, "invalid int value"),
    (["search", "x", "--kind", "widgets"], 2, "invalid choice"),
    (["partnerships", "--sdg", "18"], 1, "no SDG 18"),
    (["partnerships", "--sdg", "3.99"], 1, "'3.99'"),
    (["partnerships", "--sphere", "aliens"], 2, "invalid choice"),
    (["partnerships", "--helix", "double"], 2, "invalid choice"),
    (["partnerships", "--organisation", "nobody-at-all"], 1, "nobody-at-all"),
    (["partnerships", "--theme", ""], 1, "no theme is called"),
    (["partnerships", "--active-in", "soon"], 2, "expected a year from 1000 to 2999"),
    (["validate"], 2, "required"),
    (["validate", "/no/such/file.yaml"], 1, "no such file"),
    (["validate", "{tmp}/notes.txt"], 1, "unsupported file type"),
    (["export"], 2, "required"),
    (["export", "--format", "xml", "-o", "{tmp}/x.xml"], 2, "invalid choice"),
    (["export", "--format", "csv", "-o", "-"], 2, "directory"),
    (["export", "--format", "csv", "-o", "{tmp}/notes.txt"], 2, "is a file: CSV export writes one file per kind"),
    (["export", "-o", "{tmp}/guess.csv"], 2, "give --format"),
    (["export", "--format", "json", "-o", "{tmp}/x.yaml"], 2, "does not match the file name"),
    (["search", " "], 2, "give a text to search for"),
    (["show", "lsh", "--replace"], 2, "--replace goes with --data"),
    (["export", "-o", "{tmp}/out.yaml", "--kind", "widgets"], 2, "invalid choice"),
    (["helix", "--format", "xml"], 2, "invalid choice"),
    (["helix", "--topsector", "ruimtevaart"], 1, "ruimtevaart"),
    (["matrix"], 2, "required"),
    (["matrix", "nope"], 2, "invalid choice"),
    (["breakdown", "--by", "colour"], 2, "invalid choice"),
    (["breakdown", "--currency", "euro"], 2, "ISO 4217"),
    (["graph", "--format", "png"], 2, "invalid choice"),
    (["graph", "-o", "{tmp}/notes.txt"], 1, "exists"),
    (["report"], 2, "required"),
    (["report", "-o", "{tmp}/notes.txt"], 2, "ending in .html"),
    (["plot"], 2, "required"),
    (["plot", "nope", "-o", "{tmp}/x.svg"], 2, "invalid choice"),
    (["plot", "helix", "-o", "{tmp}/old.svg"], 1, "exists"),
    (["plot", "helix", "-o", "{tmp}/chart.txt"], 2, ".svg or .png"),
    (["list", "partnerships", "--data", "/no/such.yaml"], 1, "no such file"),
]


def _fill(argv: list[str], tmp: Path) -> list[str]:
    return [a.replace("{tmp}", str(tmp)) for a in argv]


def test_every_subcommand_is_covered() -> None:
    assert set(_RUN_WITH_DATA) | {"validate", "import"} == _subcommands()  # import writes a data file
    assert {argv[0] for argv, _, _ in _MISTAKES} == _subcommands() | {"validate"}


@pytest.mark.parametrize(("argv", "code", "fragment"), _MISTAKES, ids=[" ".join(m[0]) for m in _MISTAKES])
def test_every_mistake_exits_with_one_line(tmp_path: Path, argv: list[str], code: int, fragment: str) -> None:
    for name in ("notes.txt", "old.svg"):
        (tmp_path / name).write_text("keep me")
    got, out, err = run(*_fill(argv, tmp_path))
    assert got == code, err
    if err.startswith("mtib: 1 problem in the data:\n"):  # a DataError: a head line, then one line per problem
        assert "Traceback" not in err
        assert len(err.strip().splitlines()) == 2 and fragment in err, err
    else:
        assert fragment in _one_line_error(got, out, err)
    for name in ("notes.txt", "old.svg"):
        assert (tmp_path / name).read_text() == "keep me"


_HOSTILE_FILES = [
    "yaml/050-python-object-apply.yaml",
    "yaml/061-billion-laughs.yaml",
    "yaml/083-empty.yaml",
    "yaml/080-invalid-utf8.yaml",
    "json/150-nan.json",
    "yaml/171-every-problem-at-once.yaml",
]


def _assert_data_error(code: int, err: str, case: str) -> None:
    assert code == 1, err
    assert "Traceback" not in err
    lines = err.rstrip("\n").split("\n")
    assert lines[0].startswith("mtib: ") and "problem" in lines[0], err
    # one line per problem, each naming the file and a path
    assert all(line.startswith(f"  {HOSTILE / case}: $") for line in lines[1:]), err
    assert len(lines) >= 2


@pytest.mark.parametrize("command", sorted(_RUN_WITH_DATA))
@pytest.mark.parametrize("case", _HOSTILE_FILES)
def test_every_subcommand_refuses_a_hostile_data_file(tmp_path: Path, command: str, case: str) -> None:
    argv = [*_fill(_RUN_WITH_DATA[command], tmp_path), "--data", str(HOSTILE / case)]
    code, out, err = run(*argv)
    _assert_data_error(code, err, case)
    assert out == ""
    assert not (tmp_path / "chart.svg").exists()


@pytest.mark.parametrize(
    "case",
    [
        *_HOSTILE_FILES,
        "yaml/056-bool-tag-not-a-boolean.yaml",
    ],
)
def test_validate_refuses_hostile_files(case: str) -> None:
    code, out, err = run("validate", str(HOSTILE / case))
    _assert_data_error(code, err, case)
    assert out == ""


def test_validate_runs_nothing_through_the_console_script(tmp_path: Path) -> None:
    marker = tmp_path / "was-run"
    evil = tmp_path / "evil.yaml"
    evil.write_text(f'x: !!python/object/apply:os.system ["touch {marker}"]\n')
    result = subprocess.run(
        [sys.executable, "-m", "mtib", "validate", str(evil)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "is not allowed" in result.stderr and "Traceback" not in result.stderr
    assert not marker.exists()


_FORMULAS = {
    "name": '=HYPERLINK("https://example.org","click")',
    "alias": "@SUM(A1:A9)",
    "description": "+31 20 123 4567",
    "partnership": "-2+3",
}


def _formula_file(tmp_path: Path) -> Path:
    f = _FORMULAS
    text = MINIMAL.replace('"My Cooperative"', json.dumps(f["name"]) + f", aliases: [{json.dumps(f['alias'])}]")
    text = text.replace(
        'name: "My partnership"',
        f"name: {json.dumps(f['partnership'])}\n    description: {{en: {json.dumps(f['description'])}}}",
    )
    path = tmp_path / "formulas.yaml"
    path.write_text(text)
    assert mtib.load(path).organisations["my-org"].name == f["name"]
    return path


def test_csv_export_neutralises_formulas_from_a_user_file(tmp_path: Path) -> None:
    data = _formula_file(tmp_path)
    code, _, err = run("export", "--format", "csv", "-o", str(tmp_path / "csv"), "--data", str(data))
    assert code == 0, err
    with (tmp_path / "csv" / "organisations.csv").open(encoding="utf-8", newline="") as fh:
        mine = next(row for row in csv.DictReader(fh) if row["id"] == "my-org")
    assert mine["name"] == "'" + _FORMULAS["name"]
    assert mine["aliases"] == "'" + _FORMULAS["alias"]
    with (tmp_path / "csv" / "partnerships.csv").open(encoding="utf-8", newline="") as fh:
        ppp = next(row for row in csv.DictReader(fh) if row["id"] == "my-ppp")
    assert ppp["name"] == "'" + _FORMULAS["partnership"]
    assert ppp["description_en"] == "'" + _FORMULAS["description"]
    for path in (tmp_path / "csv").glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                assert not [c for c in row if c.startswith(("=", "+", "-", "@", "\t", "\r"))], (path.name, row)


def test_csv_listings_neutralise_formulas_too(tmp_path: Path) -> None:
    data = str(_formula_file(tmp_path))
    for argv in (
        ["list", "organisations", "--format", "csv", "--data", data],
        ["partnerships", "--organisation", "my-org", "--format", "csv", "--data", data],
        ["search", "my-org", "--kind", "organisations", "--format", "csv", "--data", data],
    ):
        code, out, err = run(*argv)
        assert code == 0, err
        cells = [c for row in csv.reader(io.StringIO(out)) for c in row]
        assert any(c.startswith(("'" + _FORMULAS["name"][:1], "'-")) for c in cells), argv
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))], argv


@pytest.mark.parametrize("fmt", ["yaml", "json", "csv"])
def test_export_never_overwrites_unless_forced(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / (f"out.{fmt}" if fmt != "csv" else "csv")
    victim = target / "topsectors.csv" if fmt == "csv" else target
    victim.parent.mkdir(parents=True, exist_ok=True)
    victim.write_text("keep me")
    argv = ["export", "--format", fmt, "-o", str(target), "--kind", "topsectors"]
    code, out, err = run(*argv)
    assert code == 1
    assert "exists" in _one_line_error(code, out, err)
    assert victim.read_text() == "keep me"
    code, out, err = run(*argv, "--force")
    assert code == 0, err
    assert victim.read_text() != "keep me"
    if fmt != "csv":
        assert victim.read_text() == mtib.dumps(mtib.load().topsectors, fmt)


@pytest.mark.parametrize(
    "fmt",
    ["yaml", "json", "csv"],
)
def test_export_refusal_names_the_force_option(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / (f"out.{fmt}" if fmt != "csv" else "csv")
    victim = target / "topsectors.csv" if fmt == "csv" else target
    victim.parent.mkdir(parents=True, exist_ok=True)
    victim.write_text("keep me")
    code, out, err = run("export", "--format", fmt, "-o", str(target), "--kind", "topsectors")
    assert "--force" in _one_line_error(code, out, err)


def test_sdg_filters_say_what_is_wrong(ds: mtib.Dataset) -> None:
    code, _, err = run("partnerships", "--sdg", "3.99")
    assert code == 1 and "no SDG target '3.99'" in err and "3.9" in err
    for bad, exit_code, words in (("18", 1, "there is no SDG 18"), ("-3", 2, "give a goal number")):
        code, _, err = run("partnerships", "--sdg", bad)
        assert code == exit_code and words in err, bad
    code, out, _ = run("partnerships", "--sdg", "3", "--format", "json")
    assert {p["id"] for p in json.loads(out)} == {p.id for p in ds.partnerships.where(sdg=3)}


def test_no_match_exits_1_with_a_message() -> None:
    code, out, err = run("search", "qqqzzzxx")
    assert (code, out) == (1, "") and "no match for 'qqqzzzxx'" in err
    code, out, err = run("partnerships", "--topsector", "lsh", "--sdg", "1.a", "--status", "planned")
    assert code == 1 and "no partnership matches" in err


def test_kind_status_and_all_topsectors_filters(ds: mtib.Dataset) -> None:
    code, out, _ = run("partnerships", "--kind", "green_deal", "--status", "completed", "--format", "json")
    expected = ds.partnerships.where(kind="green_deal", status="completed")
    assert code == 0 and [p["id"] for p in json.loads(out)] == [p.id for p in expected]
    code, out, _ = run(
        "partnerships", "--topsector", "lsh", "--topsector", "water", "--all-topsectors", "--format", "json"
    )
    both = [p.id for p in ds.partnerships if {"lsh", "water"} <= set(p.topsectors)]
    assert code == 0 and [p["id"] for p in json.loads(out)] == both


def test_the_overview_lists_target_level_sdg_links(ds: mtib.Dataset) -> None:
    code, out, _ = run("overview")
    assert code == 0
    for theme in ds.themes:
        codes = ", ".join(link.code for link in theme.sdgs)
        assert f"SDGs: {codes}\n" in out, theme.id


def test_show_gives_names_money_and_periods(ds: mtib.Dataset) -> None:
    p = next(p for p in ds.partnerships if p.budget is not None and p.period is not None and p.participants)
    code, out, _ = run("show", p.id)
    assert code == 0
    assert f"  budget: {p.budget}\n" in out and f"  period: {p.period}\n" in out
    first = ds.organisations[p.participants[0].organisation]
    assert f"{first.id} ({first.name})" in out
    assert '{"organisation"' not in out and '"amount"' not in out  # no raw JSON
    theme = ds.themes[p.themes[0]] if p.themes else None
    if theme is not None and theme.name.nl:
        _, nl, _ = run("show", p.id, "--lang", "nl")
        assert f"{theme.id} ({theme.name.nl})" in nl


@pytest.mark.parametrize("kind", ["partnerships", "organisations", "facts", "missions", "sources", "topsectors"])
def test_list_tables_have_a_heading_for_every_column(kind: str) -> None:
    code, out, _ = run("list", kind)
    header, rule = out.splitlines()[:2]
    assert code == 0 and len(header.split()) >= 3 and rule.count("-") > 0
    assert len(rule.split()) == 3  # three columns, each with its heading


def test_list_facts_shows_values(ds: mtib.Dataset) -> None:
    fact = next(f for f in ds.facts if f.value is not None and f.unit)
    code, out, _ = run("list", "facts")
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith(fact.id + " "))
    assert f"{fact.value:,}" in line and str(fact.unit) in line


def test_mistyped_names_and_choices_get_a_did_you_mean() -> None:
    code, _, err = run("partnerships", "--topsector", "lhs")
    assert code == 1 and "did you mean" in err and "lsh" in err
    code, _, err = run("list", "topsector")
    assert code == 2 and "did you mean 'topsectors'?" in err and "see 'mtib list --help'" in err


@pytest.mark.parametrize("command", ["overview", "list", "show", "search", "partnerships", "validate", "export"])
def test_every_subcommand_help_has_a_description(command: str) -> None:
    code, text, _ = run(command, "--help")
    assert code == 0
    paragraphs = text.split("\n\n")
    assert len(paragraphs) >= 3 and not paragraphs[1].lstrip().startswith(("positional", "options")), text[:300]


def test_outputs_are_refused_where_they_cannot_be_what_is_asked(tmp_path: Path) -> None:
    code, _, err = run("report", "-o", str(tmp_path / "r.pdf"))
    assert code == 2 and "ending in .html" in err and not (tmp_path / "r.pdf").exists()
    code, _, err = run("export", "--format", "csv", "-o", str(tmp_path / "one.csv"))
    assert code == 2 and "into a folder" in err and not (tmp_path / "one.csv").exists()
    missing = tmp_path / "no" / "such"
    for argv in (["export", "-o", str(missing / "x.json")], ["graph", "-o", str(missing / "g.dot")]):
        code, _, err = run(*argv)
        assert code == 2 and "there is no folder" in err, argv
    assert not (tmp_path / "no").exists()


# ------------------------------------------------------------------ as a new user meets it (second round)


def test_validate_takes_several_paths_and_replace(write: Write, ds: mtib.Dataset) -> None:
    mine = write(MINIMAL)
    other = write(
        'sources: [{id: "s2", title: "S2", url: "https://example.org/2"}]\n'
        'organisations: [{id: "o2", name: "O2", sphere: "industry", sources: ["s2"]}]\n',
        "other.yaml",
    )
    code, out, _ = run("validate", str(mine), str(other))
    assert code == 0 and "valid (2 sources, 2 organisations, 1 partnership)" in out
    momentum = ds.partnerships["momentum"]
    fixed = write(mtib.dumps([attrs.evolve(momentum, acronym="MOMENTUM-1")], "yaml"), "fix.yaml")
    code, out, _ = run("validate", str(fixed))
    assert code == 1
    code, out, _ = run("validate", str(fixed), "--replace")
    assert code == 0 and "1 bundled replaced: momentum" in out
    code, out, _ = run("show", "momentum", "--data", str(fixed), "--replace")
    assert code == 0 and "MOMENTUM-1" in out
    code, out, _ = run("--data", str(fixed), "--replace", "show", "momentum")  # options before the command
    assert code == 0 and "MOMENTUM-1" in out


def test_export_takes_its_format_from_the_file_name(tmp_path: Path) -> None:
    target = tmp_path / "all.json"
    code, _, _ = run("export", "--kind", "topsectors", "-o", str(target))
    assert code == 0 and [t["id"] for t in json.loads(target.read_text())["topsectors"]][:1] == ["agri-food"]
    target = tmp_path / "all.yml"
    code, _, _ = run("export", "--kind", "topsectors", "-o", str(target))
    assert code == 0 and target.read_text().startswith("topsectors:")


def test_a_topic_shows_its_competing_claims(ds: mtib.Dataset) -> None:
    topic = next(iter(ds.facts.contested()))
    code, out, _ = run("show", topic)
    assert code == 0 and f"topic {topic!r}: {len(ds.facts.claims(topic))} claim(s)" in out
    assert all(f.id in out for f in ds.facts.claims(topic))


def test_overview_says_how_many_missions_are_sub_missions(ds: mtib.Dataset) -> None:
    _, out, _ = run("overview")
    for theme in ds.themes:
        missions = ds.missions_of(theme.id)
        ids = {m.id for m in missions}
        top = [m for m in missions if m.parent is None or m.parent not in ids]
        if len(top) < len(missions):
            assert f"missions: {len(missions)} (the {len(top)} below, with {len(missions) - len(top)} sub" in out


def test_show_in_dutch_names_the_fields_and_values_in_dutch(ds: mtib.Dataset) -> None:
    p = next(p for p in ds.partnerships if p.status is mtib.PartnershipStatus.ACTIVE and p.participants)
    _, out, _ = run("show", p.id, "--lang", "nl")
    assert "  deelnemers: " in out and "  status: lopend" in out and "  participants:" not in out
    _, out, _ = run("show", p.id)
    assert "  participants: " in out and "  status: active" in out


def test_show_gives_what_a_rate_is_of(ds: mtib.Dataset) -> None:
    tool = next(t for t in ds.instruments if any(r.basis is not None for r in t.rates))
    _, out, _ = run("show", tool.id)
    rate = next(r for r in tool.rates if r.basis is not None)
    assert f"{rate.percent}% of {rate.basis.get('en')}" in out  # type: ignore[union-attr]


def test_show_says_when_a_name_names_records_of_several_kinds(ds: mtib.Dataset) -> None:
    clash = next((t, o) for t in ds.topsectors for alias in t.aliases for o in ds.organisations if alias == o.name)
    topsector, organisation = clash
    code, out, _ = run("show", organisation.name)
    assert code == 0
    shown = out.splitlines()[1]
    other = topsector if shown == f"organisation {organisation.id!r}" else organisation
    kind = "topsector" if other is topsector else "organisation"
    assert f"{organisation.name!r} also names: {kind} {other.id!r} (choose with --kind)" in out
