"""Hostile input: every bad file gives one DataError with paths, nothing is run, every limit holds.

The corpus is ``tests/hostile/``: one file per case under ``yaml/`` and ``json/``, and
``expected.yaml`` saying what loading each must give. Inputs too large to keep in the
repository (enormous files and strings, deep nesting, many aliases) are made here.
"""

from __future__ import annotations

import csv as csv_module
import io
import json
import os
import random
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mtib
from mtib import DataError, Limits
from mtib.io.writing import OutputError
from tests import fuzz_loader
from tests.conftest import MINIMAL

HOSTILE = Path(__file__).parent / "hostile"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((HOSTILE / "expected.yaml").read_text(encoding="utf-8"))
CASE_FILES = sorted(str(p.relative_to(HOSTILE)) for p in HOSTILE.glob("*/*") if p.suffix in (".yaml", ".json"))


def problems_of(path: Path, **kwargs: Any) -> list[mtib.Problem]:
    with pytest.raises(DataError) as info:
        mtib.load(path, **kwargs)
    assert info.value.problems, "a DataError must list its problems"
    return list(info.value.problems)


def _case(name: str) -> Any:
    bug = EXPECTED[name].get("bug")
    marks = [pytest.mark.xfail(strict=True, reason=f"bug: {bug}")] if bug else []
    return pytest.param(name, marks=marks, id=name)


# --------------------------------------------------------------------------- the corpus


def test_the_corpus_is_complete() -> None:
    assert len(CASE_FILES) >= 40
    assert sorted(EXPECTED) == CASE_FILES, "every case file needs an entry in expected.yaml, and every entry a file"
    for name, expected in EXPECTED.items():
        assert set(expected) <= {"problems", "loads", "bundled", "absent", "bug"}, name
        assert bool(expected.get("problems")) != bool(expected.get("loads")), name
        size = (HOSTILE / name).stat().st_size
        assert size < 4096, f"{name}: keep large inputs out of the repository; generate them in the test"


@pytest.mark.parametrize("name", [_case(n) for n in sorted(EXPECTED)])
def test_hostile_case(name: str, ds: mtib.Dataset) -> None:
    expected = EXPECTED[name]
    path = HOSTILE / name
    bundled = expected.get("bundled", True)
    if expected.get("loads"):
        loaded = mtib.load(path, bundled=bundled)
        assert sum(loaded.counts().values()) > sum(ds.counts().values())
        return
    found = problems_of(path, bundled=bundled)
    wanted = {(p, m) for p, m in expected["problems"]}
    assert {p.path for p in found} == {p for p, _ in wanted}, [str(p) for p in found]
    for want_path, fragment in wanted:
        messages = [p.message for p in found if p.path == want_path]
        assert any(fragment in m for m in messages), (want_path, fragment, messages)
    for problem in found:
        assert problem.file == str(path)
        assert "\n" not in problem.message, problem.message
        for absent in expected.get("absent", ()):
            assert absent not in problem.message, problem.message
    # nothing lost: the bundled dataset is the same object, unchanged
    assert mtib.load() is ds


def test_a_case_with_a_bom_loads_its_records() -> None:
    loaded = mtib.load(HOSTILE / "yaml" / "081-utf8-bom-loads.yaml")
    assert loaded.organisations["o1"].name == "Org"


# --------------------------------------------------------------------------- nothing is run


@pytest.mark.parametrize(
    "template",
    [
        'organisations: [{{id: !!python/object/apply:os.system ["touch {marker}"], name: "x", sphere: "industry"}}]\n',
        'x: !!python/object/apply:subprocess.check_call [["touch", "{marker}"]]\n',
        "x: !!python/object/new:subprocess.Popen {{args: [[touch, '{marker}']]}}\n",
        "x: !!python/object/apply:builtins.exec [\"open('{marker}', 'w').close()\"]\n",
        "x: !!python/object/apply:builtins.eval [\"open('{marker}', 'w')\"]\n",
        "- !!python/object/apply:os.system\n  args: ['touch {marker}']\n",
        "x: &a !!python/object/apply:os.system ['touch {marker}']\ny: *a\n",
    ],
)
def test_nothing_in_a_file_is_ever_run(tmp_path: Path, template: str) -> None:
    marker = tmp_path / "was-run"
    path = tmp_path / "evil.yaml"
    path.write_text(template.format(marker=marker), encoding="utf-8")
    found = problems_of(path)
    assert any("is not allowed" in p.message and "python/" in p.message for p in found), found
    assert not marker.exists()


# --------------------------------------------------------------------------- limits


def test_a_file_larger_than_the_default_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as fh:  # a sparse file: nothing is written to disk
        fh.truncate(Limits().max_bytes + 1)
    (problem,) = problems_of(path)
    assert problem.path == "$"
    assert f"larger than the limit of {Limits().max_bytes:,} bytes (max_bytes)" in problem.message


def test_each_limit_is_configurable_through_load(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert "my-ppp" in mtib.load(path, limits=Limits()).partnerships
    size = len(MINIMAL.encode())
    cases = [
        (Limits(max_bytes=size - 1), f"larger than the limit of {size - 1:,} bytes (max_bytes)"),
        (Limits(max_depth=3), "nesting deeper than 3 levels (max_depth)"),
        (Limits(max_nodes=20), "more than 20 values (max_nodes)"),
    ]
    for limits, fragment in cases:
        found = problems_of(path, limits=limits)
        assert len(found) == 1 and fragment in found[0].message, (limits, found)
    # just enough is enough
    assert "my-ppp" in mtib.load(path, limits=Limits(max_bytes=size)).partnerships
    aliased = tmp_path / "aliased.yaml"
    aliased.write_text(
        MINIMAL.replace('sources: ["my-src"]}', 'sources: &s ["my-src"]}').replace(
            'sources: ["my-src"]\n', "sources: *s\n"
        )
    )
    assert aliased.read_text().count("*s") == 1
    assert "more than 0 aliases (max_aliases)" in problems_of(aliased, limits=Limits(max_aliases=0))[0].message
    assert "my-ppp" in mtib.load(aliased, limits=Limits(max_aliases=1)).partnerships


def test_limits_apply_to_json_as_well(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(yaml.safe_load(MINIMAL)), encoding="utf-8")
    assert "max_depth" in problems_of(path, limits=Limits(max_depth=3))[0].message
    assert "max_bytes" in problems_of(path, limits=Limits(max_bytes=100))[0].message
    # max_nodes bounds YAML alias expansion; a JSON file's values are bounded by max_bytes


_DEEP: dict[str, tuple[str, Callable[[int], str]]] = {
    "yaml-flow-lists": (".yaml", lambda n: "organisations: " + "[" * n + "]" * n),
    "yaml-flow-mappings": (".yaml", lambda n: "organisations: " + "{a: " * n + "}" * n),
    "yaml-block-lists": (".yaml", lambda n: "organisations:\n" + "- " * n + "x\n"),
    # indentation grows with depth: 2,000 levels are already 2 MB
    "yaml-block-mappings": (
        ".yaml",
        lambda n: "organisations:\n" + "".join(" " * i + "a:\n" for i in range(min(n, 2_000))),
    ),
    "json-lists": (".json", lambda n: '{"organisations": ' + "[" * n + "]" * n + "}"),
    "json-objects": (".json", lambda n: '{"organisations": ' + '{"a": ' * n + "1" + "}" * n + "}"),
}


@pytest.mark.parametrize("levels", [1_000, 20_000])
@pytest.mark.parametrize("shape", list(_DEEP))
def test_deep_nesting_stops_at_the_depth_limit(tmp_path: Path, levels: int, shape: str) -> None:
    suffix, make = _DEEP[shape]
    path = tmp_path / f"deep{suffix}"
    path.write_text(make(levels), encoding="utf-8")
    (problem,) = problems_of(path)
    assert "nesting deeper than 64 levels (max_depth)" in problem.message
    assert problem.path.startswith("$")


def test_deep_nesting_that_is_never_closed(tmp_path: Path) -> None:
    for suffix in (".yaml", ".json"):
        path = tmp_path / f"open{suffix}"
        path.write_text("[" * 1_000_000, encoding="utf-8")
        assert len(problems_of(path)) == 1


def test_more_aliases_than_the_default_limit(tmp_path: Path) -> None:
    n = Limits().max_aliases + 1
    path = tmp_path / "aliases.yaml"
    path.write_text(
        'organisations:\n  - {id: "o1", name: &n "Org", sphere: "industry", aliases: [' + ", ".join(["*n"] * n) + "]}\n"
    )
    (problem,) = problems_of(path)
    assert f"more than {Limits().max_aliases:,} aliases (max_aliases)" in problem.message


def test_billion_laughs_within_the_alias_limit_is_stopped_by_the_node_limit(tmp_path: Path) -> None:
    # 12 levels of 2 aliases each: only 24 aliases, but 2**12 values per 'lol'
    lines = ['a0: &a0 ["lol", "lol"]'] + [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, 13)]
    path = tmp_path / "laughs.yaml"
    path.write_text("\n".join(lines) + "\n")
    (problem,) = problems_of(path, limits=Limits(max_nodes=4096))
    assert "more than 4,096 values (max_nodes)" in problem.message


def test_many_files_in_a_directory_and_a_symlink_loop(tmp_path: Path) -> None:
    for i in range(200):
        (tmp_path / f"o{i:03d}.yaml").write_text(f'organisations: [{{id: "o{i}", name: "O{i}", sphere: "industry"}}]\n')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    loaded = mtib.load(tmp_path, bundled=False)
    assert len(loaded.organisations) == 200


# --------------------------------------------------------------------------- enormous values


def test_an_enormous_string_loads_intact(tmp_path: Path) -> None:
    name = "Org " + "x" * 5_000_000
    path = tmp_path / "long.yaml"
    path.write_text(f'organisations: [{{id: "o1", name: "{name}", sphere: "industry"}}]\n')
    assert mtib.load(path, bundled=False).organisations["o1"].name == name


def test_an_enormous_wrong_value_gives_a_short_message(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text('organisations: [{id: "o1", name: "Org", sphere: "' + "x" * 1_000_000 + '"}]\n')
    (problem,) = problems_of(path)
    assert problem.path == "$.organisations[0].sphere"
    assert len(problem.message) < 1000


def test_aliases_do_not_multiply_the_size_of_messages(tmp_path: Path) -> None:
    # 200 aliases of a 20 kB string: a 20 kB file, but (before the fix) 4 MB of messages
    path = tmp_path / "amplified.yaml"
    path.write_text(
        'organisations: [{id: "o1", name: "Org", sphere: "industry", aliases: [&s "'
        + "x" * 20_000
        + '", '
        + ", ".join(["*s"] * 200)
        + "]}]\n"
    )
    found = problems_of(path)
    assert {p.path for p in found} == {f"$.organisations[0].aliases[{i}]" for i in range(1, 201)}
    assert sum(len(p.message) for p in found) < path.stat().st_size


def test_an_enormous_integer_is_a_data_error(tmp_path: Path) -> None:
    path = tmp_path / "int.yaml"
    path.write_text('events: [{id: "e1", title: {en: "E"}, year: 0x' + "f" * 5000 + "}]\n")
    found = problems_of(path)
    assert [p.path for p in found] == ["$.events[0].year"]
    assert "integer string conversion" not in found[0].message


def test_an_enormous_exponent_is_refused_or_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "exp.yaml"
    path.write_text('facts: [{id: "f1", topic: "t", statement: {en: "S"}, value: "1e5000", sources: ["mtib-note"]}]\n')
    try:
        loaded = mtib.load(path)
    except DataError as error:
        assert [p.path for p in error.problems] == ["$.facts[0].value"]
        return
    again = tmp_path / "again.yaml"
    again.write_text(mtib.dumps(loaded.facts["f1"]))
    assert mtib.load(again) == loaded


def test_a_nan_or_infinite_value_from_yaml_is_refused(tmp_path: Path) -> None:
    for value in (".nan", ".inf", "-.inf", '"NaN"', '"-Infinity"', '"sNaN"', '"-inf"'):
        path = tmp_path / "v.yaml"
        path.write_text(
            f'facts: [{{id: "f1", topic: "t", statement: {{en: "S"}}, value: {value}, sources: ["mtib-note"]}}]\n'
        )
        found = problems_of(path)
        assert [p.path for p in found] == ["$.facts[0].value"], (value, found)
        assert "finite" in found[0].message, (value, found)


# --------------------------------------------------------------------------- configuration by environment


def test_limits_can_be_set_in_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    monkeypatch.setenv("MTIB_MAX_BYTES", "100")
    assert "larger than the limit of 100 bytes (max_bytes)" in problems_of(path)[0].message
    # an explicit argument wins over the environment
    assert "my-ppp" in mtib.load(path, limits=Limits()).partnerships


# --------------------------------------------------------------------------- properties

_TRICKY = st.sampled_from(
    [
        "NO",
        "yes",
        "off",
        "~",
        "null",
        "true",
        "1e3",
        "0x1F",
        "2022-11-04",
        "12:30",
        "*a",
        "&a",
        "!!python/name:os.system",
        "- x",
        "? x",
        "a: b",
        "#c",
        "'",
        '"',
        "\\",
        "---",
        "...",
        "<<",
        "=1+1",
        "+31",
        "-5",
        "@SUM(A1)",
        "\t=x",
        " lead",
        "trail ",
        "line\nbreak",
        "\u00a0nbsp",
        "caf\u00e9",
        "\U0001f600",
        "\u202eright-to-left",
        "\x85next-line",
        "\u2028",
        "%YAML",
        "{a}",
        "[1]",
        ",",
        "|",
        ">",
        "`",
        "NaN",
        "Infinity",
    ]
)
_HOSTILE_TEXT = st.one_of(
    _TRICKY,
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=20),
    st.builds(lambda a, b: a + b, _TRICKY, _TRICKY),
).filter(lambda s: s.strip() != "")


@st.composite
def _hostile_records(draw: st.DrawFn) -> list[Any]:
    """Records of many kinds whose every free text is hostile, referring to each other validly."""
    from mtib.core.model import (
        TKI,
        Agenda,
        Concept,
        Covenant,
        Event,
        Fact,
        HelixSphere,
        Instrument,
        InstrumentKind,
        Mission,
        Organisation,
        Rate,
        Source,
        SourceKind,
        Text,
        Theme,
        ThemeKind,
        Topsector,
    )

    h = _HOSTILE_TEXT
    texts = st.builds(Text, nl=st.none() | h, en=h)
    source = Source(
        id="s1", title=draw(h), kind=SourceKind.POLICY_NOTE, publisher=draw(st.none() | h), note=draw(st.none() | h)
    )
    return [
        source,
        Organisation(
            id="o1",
            name=draw(h),
            sphere=draw(st.sampled_from(list(HelixSphere))),
            aliases=tuple(draw(st.lists(h, max_size=3, unique=True))),
            description=draw(st.none() | texts),
            sources=("s1",),
        ),
        Topsector(id="t1", name=draw(texts), established=2011, acronym=draw(st.none() | h), tkis=("k1",)),
        TKI(id="k1", name=draw(texts), aliases=tuple(draw(st.lists(h, max_size=2, unique=True)))),
        Theme(id="th1", name=draw(texts), kind=ThemeKind.SOCIETAL, description=draw(st.none() | texts)),
        Mission(id="m1", theme="th1", statement=draw(texts), code=draw(st.none() | h), name=draw(st.none() | texts)),
        Fact(id="f1", topic=draw(h), statement=draw(texts), unit=draw(st.none() | h), scope=draw(st.none() | h)),
        Event(id="e1", title=draw(texts), year=2020, related=("o1",), description=draw(st.none() | texts)),
        Concept(id="c1", name=draw(texts), aliases=tuple(draw(st.lists(h, max_size=2, unique=True)))),
        Instrument(
            id="i1",
            name=draw(texts),
            kind=draw(st.sampled_from(list(InstrumentKind))),
            acronym=draw(st.none() | h),
            rates=(Rate(Decimal(draw(st.integers(0, 100))), basis=draw(st.none() | texts)),),
            administrators=("o1",),
        ),
        Covenant(id="kc1", name=draw(texts), description=draw(st.none() | texts)),
        Agenda(id="a1", name=draw(texts), covenant="kc1", themes=("th1",), aliases=(draw(h),)),
    ]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=_hostile_records(), fmt=st.sampled_from(["yaml", "json"]))
def test_hostile_texts_round_trip_in_every_kind(tmp_path: Path, records: list[Any], fmt: str) -> None:
    target = tmp_path / f"data.{fmt}"
    mtib.dump(records, target, overwrite=True)
    from mtib.core.schema import KIND_OF

    assert mtib.load(target, bundled=False) == mtib.Dataset({KIND_OF[type(r)]: [r] for r in records})


_SEEDS = [s for s in fuzz_loader.seeds() if s]
_KNOWN_BUG_CASES = {name for name, e in EXPECTED.items() if e.get("bug")}


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_files_load_or_raise_data_error(data: st.DataObject) -> None:
    seed = data.draw(st.sampled_from(_SEEDS))
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    mutated = fuzz_loader.mutate(seed, rng)
    body, fmt, bundled = fuzz_loader._input(mutated)
    try:
        fuzz_loader.check(body, fmt, bundled)
    except Exception as exc:  # known bugs are tested (xfail) above; anything else fails here
        if fuzz_loader.known_bug(exc) is None:
            raise


def test_fuzz_smoke() -> None:
    """A short, fixed run of the fuzz target over the corpus and its mutations."""
    outcomes = []
    for name in sorted(EXPECTED):
        if name in _KNOWN_BUG_CASES:
            continue
        expected = EXPECTED[name]
        result = fuzz_loader.check((HOSTILE / name).read_bytes(), name.split(".")[-1], expected.get("bundled", True))
        outcomes.append(result)
        assert result == ("loaded" if expected.get("loads") else "refused"), name
    seen = fuzz_loader.run_random(120, seed=1234, report=lambda _: None, max_runs=600)
    assert seen["loaded"] > 0 and seen["refused"] > 0, seen
    assert set(seen) <= {"loaded", "refused"} | {
        f"known bug: {b}" for b in ("explicit-tag-crash", "huge-integer", "control-character-message")
    }


def test_the_fuzz_script_runs_without_atheris(tmp_path: Path) -> None:
    import subprocess

    result = subprocess.run(
        [sys.executable, str(Path(fuzz_loader.__file__)), "--random", "--seconds", "1"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
    )
    assert result.returncode == 0, result.stderr
    assert "runs:" in result.stdout and "'refused'" in result.stdout


# --------------------------------------------------------------------------- writes: complete or not at all

# Every command that writes a file, as (argv after the output, the output's name).
_WRITERS: dict[str, tuple[list[str], str]] = {
    "export-yaml": (["export", "--format", "yaml", "--kind", "topsectors", "-o"], "out.yaml"),
    "export-json": (["export", "--format", "json", "--kind", "topsectors", "-o"], "out.json"),
    "export-csv": (["export", "--format", "csv", "--kind", "topsectors", "-o"], "csv/topsectors.csv"),
    "export-parquet": (["export", "--format", "parquet", "--kind", "topsectors", "-o"], "pq/topsectors.parquet"),
    "report": (["report", "-o"], "report.html"),
    "graph-graphml": (["graph", "--format", "graphml", "--kind", "topsectors", "-o"], "g.graphml"),
    "graph-dot": (["graph", "--format", "dot", "--kind", "topsectors", "-o"], "g.dot"),
    "graph-mermaid": (["graph", "--format", "mermaid", "--kind", "topsectors", "-o"], "g.mmd"),
    "plot": (["plot", "helix", "-o"], "helix.svg"),
}


def _writer_argv(name: str, tmp_path: Path) -> tuple[list[str], Path]:
    argv, output = _WRITERS[name]
    target = tmp_path / output
    where = target.parent if name in ("export-csv", "export-parquet") else target
    if name == "export-parquet":
        pytest.importorskip("pyarrow")
    if name == "plot":
        pytest.importorskip("matplotlib")
    return [*argv, str(where), "--force"], target


def _run(argv: list[str]) -> tuple[int, str]:
    import io

    from mtib.cli import main

    err = io.StringIO()
    code = main(argv, out=io.StringIO(), err=err)
    return code, err.getvalue()


@pytest.mark.parametrize("name", list(_WRITERS))
def test_a_full_disk_leaves_the_old_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    argv, target = _writer_argv(name, tmp_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"the old content")

    def full(_: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code, err = _run(argv)
    assert code == 1 and "No space left on device" in err, err
    assert target.read_bytes() == b"the old content"
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name], "no temporary file is left behind"


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
@pytest.mark.parametrize("name", list(_WRITERS))
def test_outputs_get_the_mode_the_umask_gives(tmp_path: Path, name: str, umask: int) -> None:
    argv, target = _writer_argv(name, tmp_path)
    old = os.umask(umask)
    try:
        code, err = _run(argv)
    finally:
        os.umask(old)
    assert code == 0, err
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize("name", list(_WRITERS))
def test_a_target_that_is_not_a_regular_file_is_refused(tmp_path: Path, name: str) -> None:
    argv, target = _writer_argv(name, tmp_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(target)
    code, err = _run(argv)
    assert code == 1 and "a FIFO (named pipe), not a regular file" in err, err
    assert Path(target).is_fifo()
    target.unlink()
    target.mkdir()
    code, err = _run(argv)
    assert code == 1 and "is a directory, not a regular file" in err, err
    assert target.is_dir()


def test_dev_null_is_never_replaced(tmp_path: Path) -> None:
    before = os.stat("/dev/null")
    for argv in (
        ["export", "--format", "yaml", "-o", "/dev/null", "--force"],
        ["report", "-o", "/dev/null", "--force"],
        ["graph", "-o", "/dev/null", "--force"],
    ):
        code, err = _run(argv)
        assert code == 1 and "/dev/null is a character device, not a regular file" in err, err
    with pytest.raises(OutputError):
        mtib.dump(mtib.load().topsectors, "/dev/null", overwrite=True, format="yaml")
    after = os.stat("/dev/null")
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert not list(Path("/dev").glob(".null.*.tmp"))


def test_a_symlinked_target_replaces_the_file_it_points_to(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("old")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    mtib.dump(mtib.load().topsectors, link, overwrite=True)
    assert link.is_symlink() and "topsectors:" in real.read_text()


def test_an_existing_file_needs_force(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("mine")
    code, err = _run(["report", "-o", str(target)])
    assert code == 1 and "exists; use --force" in err
    assert target.read_text() == "mine"


# --------------------------------------------------------------------------- the number of problems is capped


def test_the_problems_are_capped_and_counted(tmp_path: Path) -> None:
    from mtib.core.errors import MAX_PROBLEMS

    path = tmp_path / "misplaced.json"
    path.write_text(
        json.dumps({"organisations": [{"id": "o", "name": "O", "sphere": "industry", "aliases": [7] * 60_000}]})
    )
    with pytest.raises(DataError) as info:
        mtib.load(path, bundled=False)
    error = info.value
    assert len(error.problems) == MAX_PROBLEMS and error.total == 60_000 and not error.stopped
    assert error.problems[0].path == "$.organisations[0].aliases[0]"
    lines = str(error).splitlines()
    assert lines[0] == f"60,000 problems in the data (the first {MAX_PROBLEMS:,} are listed):"
    assert len(lines) == MAX_PROBLEMS + 2 and lines[-1] == "  ... and 59,000 more problems, not listed"
    import pickle

    again = pickle.loads(pickle.dumps(error))
    assert (again.total, again.problems) == (error.total, error.problems)


def test_a_record_with_very_many_unknown_keys(tmp_path: Path) -> None:
    record: dict[str, Any] = {"id": "o", "name": "O", "sphere": "industry"}
    record.update({f"nmae{i}": 1 for i in range(200_000)})
    path = tmp_path / "keys.json"
    path.write_text(json.dumps({"organisations": [record]}))
    with pytest.raises(DataError) as info:
        mtib.load(path, bundled=False)
    assert info.value.total == 200_000 and len(info.value.problems) == 1000
    assert all(p.path.startswith("$.organisations[0].nmae") for p in info.value.problems)


def test_many_wrong_records_are_capped_in_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(
        "organisations:\n" + "".join(f'  - {{id: "o{i}", name: "O", sphere: "bank"}}\n' for i in range(3000))
    )
    code, err = _run(["validate", str(path)])
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == "mtib: 3,000 problems in the data (the first 1,000 are listed):"
    assert len(lines) == 1002, "one line per problem listed, and one for the rest"


@pytest.mark.parametrize(
    "make",
    [
        lambda big: {"organisations": [{"id": "o", "name": "O", "sphere": "industry", big: 1}]},
        lambda big: {big: []},
        lambda big: {"organisations": [{"id": "o", "name": "O", "sphere": "industry", "aliases": [big, big]}]},
        lambda big: {"organisations": [{"id": "o", "name": "O", "sphere": big}]},
        lambda big: {"organisations": [{"id": big.upper(), "name": "O", "sphere": "industry"}]},
        lambda big: {"facts": [{"id": "f", "topic": "t", "statement": {"en": "S"}, "value": "9" * 2_000_000}]},
        lambda big: {"partnerships": [{"id": "p", "name": "P", "topsectors": [big]}]},
    ],
)
def test_no_problem_quotes_a_huge_value_in_full(tmp_path: Path, make: Callable[[str], Any]) -> None:
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(make("x" * 2_000_000)))
    found = problems_of(path)
    assert found
    for problem in found:
        assert len(problem.path) < 200 and len(problem.message) < 2000, (problem.path[:200], problem.message[:200])


# --------------------------------------------------------------------------- CSV: item by item, round trips


@pytest.mark.parametrize("name", ["'=HYPERLINK(1)", "'quoted", "''", "=1+1", "@x", "plain"])
def test_csv_cells_are_neutralised_item_by_item_and_round_trip(name: str) -> None:
    from mtib.analysis.tables import csv_text
    from mtib.io.csvinput import parse_csv

    p = mtib.load().partnerships["momentum"]
    p = attrs.evolve(p, name=name, aliases=("a", "@SUM(A1)", "-2+3", "'=x"))
    text = csv_text([p], mtib.Partnership)
    row = next(csv_module.DictReader(io.StringIO(text)))
    assert row["aliases"] == "a;'@SUM(A1);'-2+3;''=x", "each item is neutralised on its own"
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row.values())
    (back,) = parse_csv(text)["partnerships"]
    assert back["name"] == name and back["aliases"] == list(p.aliases)


def test_a_huge_csv_stops_at_the_cell_limit_while_reading(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("id\n" + "x\n" * 2_000_000)
    (problem,) = problems_of(path, limits=Limits(max_nodes=10_000))
    assert problem.message == "the table has more than 10,000 cells (max_nodes)"


# --------------------------------------------------------------------------- control characters in outputs

_CONTROLS = "Ev\x1b[2Jil\x07 \x0b\x00\x1f\x7f\x9b Org"


def _control_file(tmp_path: Path) -> Path:
    path = tmp_path / "controls.yaml"
    path.write_text(
        "organisations:\n  - {id: o-ctl, name: "
        + json.dumps(_CONTROLS)
        + ", sphere: industry, aliases: ["
        + json.dumps("\x1b]0;title\x07")
        + "]}\n"
    )
    assert mtib.load(path).organisations["o-ctl"].name == _CONTROLS
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "organisations"],
        ["show", "o-ctl"],
        ["search", "Org"],
        ["overview"],
    ],
)
def test_no_control_character_from_the_data_reaches_the_terminal(tmp_path: Path, argv: list[str]) -> None:
    import io

    from mtib.cli import main

    out = io.StringIO()
    assert main([*argv, "--data", str(_control_file(tmp_path))], out=out, err=io.StringIO()) == 0
    text = out.getvalue()
    assert not any(c in text for c in "\x1b\x07\x0b\x00\x1f\x7f\x9b"), repr(text[:500])


def test_graphml_with_control_characters_is_well_formed(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    from mtib.analysis.graph import dataset_graph

    ds = mtib.load(_control_file(tmp_path))
    g = dataset_graph(ds, kinds=["organisations"])
    root = ET.fromstring(g.to_graphml())
    labels = [d.text for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data") if d.get("key") == "label"]
    assert "Ev\\u001b[2Jil\\u0007 \\u000b\\u0000\\u001f\\u007f\\u009b Org" in labels
    for text in (g.to_dot(), g.to_mermaid()):
        assert not any(c in text for c in "\x1b\x07\x0b\x00")


# --------------------------------------------------------------------------- several --data paths, read in place


def test_several_paths_are_read_in_place_and_problems_name_the_users_files(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "loop").symlink_to(tmp_path / "b", target_is_directory=True)
    (tmp_path / "self.yaml").symlink_to(tmp_path / "self.yaml")
    first = tmp_path / "a" / "a.yaml"
    first.write_text('organisations: [{id: "o-a", name: "A", sphere: "industry"}]\n')
    second = tmp_path / "b" / "b.yaml"
    second.write_text('organisations: [{id: "o-a", name: "B", sphere: "industry"}]\n')
    assert set(mtib.load([first], bundled=False).organisations.ids()) == {"o-a"}
    code, err = _run(
        [
            "list",
            "organisations",
            "--data",
            str(tmp_path / "a"),
            "--data",
            str(tmp_path / "b"),
            "--data",
            "/dev/zero",
            "--data",
            str(tmp_path / "self.yaml"),
            "--data",
            str(tmp_path / "nothing"),
        ]
    )
    assert code == 1, err
    lines = err.splitlines()
    assert lines[0] == "mtib: 4 problems in the data:"
    assert (
        f"  {second}: $.organisations[0].id: duplicate id 'o-a' (already used at {first}: $.organisations[0])" in lines
    )
    assert "  /dev/zero: $: unsupported file type '(none)': use .yaml, .yml, .json or .csv" in lines
    assert f"  {tmp_path / 'self.yaml'}: $: a symbolic link that leads nowhere (broken, or a loop)" in lines
    assert f"  {tmp_path / 'nothing'}: $: no such file or directory" in lines


def test_a_long_base_60_value_is_refused_without_arithmetic(tmp_path: Path) -> None:
    path = tmp_path / "sixty.yaml"
    path.write_text("events: [{id: e1, title: {en: E}, year: 1" + ":59" * 300_000 + "}]\n")
    (problem,) = problems_of(path)
    assert problem.path == "$.events[0].year" and "base-60 number in YAML 1.1" in problem.message
    assert len(problem.message) < 400


def test_a_lone_surrogate_in_a_json_key_or_list_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "keys.json"
    path.write_text('{"organisations": [{"id": "o", "name": "O", "sphere": "industry", "aliases": ["ok", "\\udfff"]}]}')
    (problem,) = problems_of(path)
    assert problem.path == "$.organisations[0].aliases[1]" and "lone UTF-16 surrogate" in problem.message
    path.write_text('{"organisations": [{"id": "o", "name": "O", "sphere": "industry", "\\ud800x": 1}]}')
    found = problems_of(path)
    assert any(p.path == "$.organisations[0]" and "lone UTF-16 surrogate" in p.message for p in found), found


def test_a_carriage_return_inside_a_csv_cell_is_quoted_and_round_trips() -> None:
    from mtib.analysis.tables import csv_text
    from mtib.io.csvinput import parse_csv

    p = attrs.evolve(mtib.load().partnerships["momentum"], name="one\rtwo", aliases=("a\rb",))
    text = csv_text([p], mtib.Partnership)
    (row,) = list(csv_module.DictReader(io.StringIO(text)))
    assert row["name"] == "one\rtwo"
    (back,) = parse_csv(text)["partnerships"]
    assert back["name"] == "one\rtwo" and back["aliases"] == ["a\rb"]


# ------------------------------------------------- checking stops after MAX_COUNTED problems (bounded time)


def test_checking_stops_after_enough_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mtib.core import errors
    from mtib.io import converting

    monkeypatch.setattr(errors, "MAX_COUNTED", 2_500)
    built: list[int] = []
    real = converting._field_problems

    def counting(*args: Any, **kwargs: Any) -> Any:
        built.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(converting, "_field_problems", counting)
    path = tmp_path / "wrong.json"
    records = [{"id": f"p{i}", "name": "P", "status": "running"} for i in range(20_000)]
    path.write_text(json.dumps({"partnerships": records}))
    with pytest.raises(DataError) as info:
        mtib.load(path, bundled=False)
    error = info.value
    assert error.stopped and 2_500 <= error.total < 2_600 and len(error.problems) == errors.MAX_PROBLEMS
    assert len(built) < 1_000, "the records after the stop are not structured"
    lines = str(error).splitlines()
    assert lines[0].startswith(f"at least {error.total:,} problems in the data (checking stopped there;")
    assert lines[-1].endswith("or more more problems, not listed")
    import pickle

    assert pickle.loads(pickle.dumps(error)).stopped
    code, err = _run(["validate", "--alone", str(path)])
    assert code == 1 and err.splitlines()[0].startswith("mtib: at least ")


def test_a_list_of_millions_of_wrong_items_stops_at_the_count(tmp_path: Path) -> None:
    from mtib.core.errors import MAX_COUNTED

    path = tmp_path / "misplaced.json"
    record = {"id": "o", "name": "O", "sphere": "industry", "aliases": [7] * (MAX_COUNTED + 50_000)}
    path.write_text(json.dumps({"organisations": [record, dict(record, id="o2")]}))
    with pytest.raises(DataError) as info:
        mtib.load(path, bundled=False)
    assert info.value.stopped and info.value.total == MAX_COUNTED
    assert all(p.path.startswith("$.organisations[0].") for p in info.value.problems)  # the second is not read


def test_under_the_stop_every_problem_is_counted(tmp_path: Path) -> None:
    path = tmp_path / "wrong.json"
    path.write_text(json.dumps({"partnerships": [{"id": f"p{i}", "name": "P", "status": "x"} for i in range(300)]}))
    with pytest.raises(DataError) as info:
        mtib.load(path, bundled=False)
    per_record = len([p for p in info.value.problems if p.path.startswith("$.partnerships[0].")])
    assert not info.value.stopped and info.value.total == 300 * per_record


def test_hints_are_not_computed_for_problems_that_are_only_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mtib.core import suggest

    asked: list[str] = []
    real = suggest.did_you_mean

    def spy(word: str, options: Any) -> Any:
        asked.append(word)
        return real(word, options)

    monkeypatch.setattr(suggest, "did_you_mean", spy)
    path = tmp_path / "wrong.json"
    path.write_text(
        json.dumps({"organisations": [{"id": f"o{i}", "name": "O", "sphere": f"industri{i}"} for i in range(3000)]})
    )
    with pytest.raises(DataError) as info:
        mtib.load(path, bundled=False)
    assert info.value.total == 3000 and "did you mean" in info.value.problems[0].message
    assert 1000 <= len(asked) <= 1001, "hints only for the problems listed"


def test_a_huge_csv_is_refused_before_its_rows_are_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mtib.io import csvinput

    def no_rows(*_: Any) -> Any:
        raise AssertionError("a row was built")

    monkeypatch.setattr(csvinput, "_record", no_rows)
    path = tmp_path / "cells.csv"
    path.write_text("id\n" + "".join(f"x{i}\n" for i in range(2_000)))
    with pytest.raises(DataError, match=r"more than 1,000 cells \(max_nodes\)"):
        mtib.load(path, bundled=False, limits=mtib.Limits(max_nodes=1_000))


def test_a_csv_under_the_cell_limit_is_not_refused_by_its_count(tmp_path: Path) -> None:
    path = tmp_path / "cells.csv"
    # quoted delimiters and blank rows make the cheap bound pass the limit; the exact count does not
    path.write_text('id,name\n"a","x,y,z,w"\n\n\n\n"b","v,w"\n')
    with pytest.raises(DataError) as info:  # the rows are still checked (no sources): only not refused by size
        mtib.load(path, bundled=False, limits=mtib.Limits(max_nodes=6))
    assert info.value.problems and not any("max_nodes" in p.message for p in info.value.problems)
