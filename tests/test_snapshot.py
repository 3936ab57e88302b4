"""The snapshot of the bundled data's figures (tests/snapshot/) and the README's coverage table.

This is the one place where figures of the real bundled dataset are pinned: a change to
``data/`` fails these tests (and no other test or example), and one command fixes them:
``python -m tests.snapshot --write``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import mtib
from mtib.core.schema import COLLECTIONS
from tests import snapshot
from tests.conftest import MINIMAL


def test_the_snapshot_matches_the_bundled_data(ds: mtib.Dataset) -> None:
    problems = snapshot.check(ds)
    assert not problems, (
        "the figures of the bundled data changed:\n"
        + "\n".join(problems)
        + f"\nIf the change to data/ is intended, run `{snapshot.COMMAND}` and commit tests/snapshot/bundled.json"
        " and README.md."
    )


def test_the_readme_has_one_generated_coverage_table() -> None:
    if not snapshot.README.is_file():
        pytest.skip("README.md is not here (installed package only)")
    text = snapshot.README.read_text(encoding="utf-8")
    assert text.count(snapshot.BEGIN) == 1 and text.count(snapshot.END) == 1
    block = text.split(snapshot.BEGIN, 1)[1].split(snapshot.END, 1)[0]
    assert "kind              records" in block and ">>>" not in block  # shown as written, not a doctest


def test_the_snapshot_holds_the_figures_of_every_collection() -> None:
    """The shape of the snapshot (whether its figures are current is the test above)."""
    recorded = json.loads(snapshot.SNAPSHOT.read_text(encoding="utf-8"))
    assert list(recorded) == ["about", "counts", "partnerships", "helix", "coverage", "contested", "timeline"]
    assert list(recorded["counts"]) == list(COLLECTIONS) == list(recorded["coverage"]["kinds"])
    assert len(recorded["partnerships"]) == recorded["counts"]["partnerships"]
    assert snapshot.COMMAND in recorded["about"]
    measures = ["T_uig", "T_ui", "T_ug", "T_ig", "T_uigc", "R_uigc", "T_uig_with_none"]
    assert list(recorded["helix"]["synergy_mbit"]) == measures


def test_a_new_record_fails_the_check_and_says_what_changed(write: Callable[..., Path]) -> None:
    grown = mtib.load(write(MINIMAL))  # one more source, organisation and partnership
    problems = snapshot.check(grown)
    assert problems, "a new partnership must show in the snapshot"
    text = "\n".join(problems)
    recorded = json.loads(snapshot.SNAPSHOT.read_text(encoding="utf-8"))["counts"]
    for kind in ("partnerships", "organisations", "sources"):
        assert f"$.counts.{kind}: {recorded[kind]} -> {len(getattr(grown, kind))}" in text
    assert "my-ppp" in text
    if snapshot.README.is_file():
        assert "the coverage table of README.md differs from the data" in text


def test_write_regenerates_both_files_and_then_they_check(tmp_path: Path, write: Callable[..., Path]) -> None:
    grown = mtib.load(write(MINIMAL))
    target, readme = tmp_path / "bundled.json", tmp_path / "README.md"
    shutil.copy(snapshot.SNAPSHOT, target)
    readme.write_text(f"# Title\n\nbefore\n\n{snapshot.BEGIN}\nold table\n{snapshot.END}\n\nafter\n", encoding="utf-8")
    assert len(snapshot.check(grown, target, readme)) == 2
    assert snapshot.write(grown, target, readme) == [target, readme]
    assert snapshot.check(grown, target, readme) == []
    assert snapshot.write(grown, target, readme) == []  # nothing left to change
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Title\n\nbefore\n\n") and text.endswith(f"{snapshot.END}\n\nafter\n")
    assert stats_line(grown) in text
    assert json.loads(target.read_text(encoding="utf-8"))["counts"] == grown.counts()


def stats_line(ds: mtib.Dataset) -> str:
    from mtib.analysis import stats

    return next(line for line in stats.coverage(ds).kinds_table().splitlines() if line.startswith("partnerships"))


def test_a_readme_without_markers_is_reported(tmp_path: Path, ds: mtib.Dataset) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# No markers\n", encoding="utf-8")
    problems = snapshot.check(ds, snapshot.SNAPSHOT, readme)
    assert problems and "needs exactly one line" in problems[-1]
    with pytest.raises(ValueError, match="needs exactly one line"):
        snapshot.write(ds, tmp_path / "bundled.json", readme)
    assert readme.read_text(encoding="utf-8") == "# No markers\n"


def test_the_command_checks(ds: mtib.Dataset) -> None:
    """``python -m tests.snapshot`` says what the check above says (whether or not the snapshot is current)."""
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run(
        [sys.executable, "-m", "tests.snapshot"], cwd=root, capture_output=True, text=True, check=False
    )
    problems = snapshot.check(ds)
    assert result.stderr == ""
    if problems:
        assert result.returncode == 1
        assert result.stdout.startswith(problems[0].splitlines()[0]) and snapshot.COMMAND in result.stdout
    else:
        assert (result.returncode, result.stdout) == (0, "the snapshot is up to date\n")
