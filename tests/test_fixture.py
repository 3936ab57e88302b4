"""The frozen fixture dataset (tests/fixture/) and the plugin that runs the examples against it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import mtib
from mtib.analysis import stats
from mtib.io import loading
from tests.doctest_data import FIXTURE_DATA, bundled_is_fixture, fixture_dataset

ROOT = Path(__file__).resolve().parents[1]

# The records that the examples and the tests name; the fixture must keep them.
NAMED = {
    "partnerships": ["amr-global", "gloria", "gloria-5-swim", "momentum", "aim4dem", "nl2120", "hsd"],
    "organisations": ["tno", "zonmw", "min-vws", "min-ienw", "min-defensie", "min-jenv", "leyden-labs"],
    "topsectors": ["lsh", "water", "energie", "htsm", "ict", "logistiek", "tuinbouw", "chemie"],
    "themes": ["gezondheid-zorg", "energietransitie", "veiligheid", "verdienvermogen"],
    "missions": ["lwv-a"],
    "sdg_targets": ["3.3", "3.9", "7.2"],
    "sdg_indicators": ["3.3.1", "3.9.1"],
    "sources": ["mtib-note"],
    "facts": ["healthcare-co2-share-nl-note", "healthcare-co2-share-nl-rivm", "healthcare-co2-share-nl-ntvg"],
    "events": ["watersnoodramp-1953"],
    "covenants": ["kic-2024-2027"],
    "instruments": ["pps-toeslag", "pps-innovatie"],
}


def test_the_fixture_loads_strictly_on_its_own() -> None:
    alone = mtib.load(FIXTURE_DATA, bundled=False)
    assert alone == fixture_dataset()
    assert fixture_dataset() is fixture_dataset()  # loaded once


def test_the_fixture_has_the_layout_of_data() -> None:
    names = sorted(p.name for p in FIXTURE_DATA.iterdir())
    assert names and all(name.endswith(".yaml") for name in names)
    if (ROOT / "data").is_dir():
        assert set(names) <= {p.name for p in (ROOT / "data").glob("*.yaml")}
    for path in FIXTURE_DATA.iterdir():
        assert path.read_text(encoding="utf-8").startswith("# Frozen test fixture"), path.name


def test_the_fixture_is_small_and_holds_what_the_examples_name(fixture_ds: mtib.Dataset) -> None:
    assert [g.id for g in fixture_ds.sdgs] == [str(n) for n in range(1, 18)]
    assert 10 <= len(fixture_ds.partnerships) <= 20
    for kind, ids in NAMED.items():
        missing = [i for i in ids if i not in getattr(fixture_ds, kind)]
        assert not missing, f"{kind}: {missing}"
    # every topsector and theme has a partnership, so that the examples' coverage checks pass
    assert [c.name for c in stats.coverage(fixture_ds).checks if not c.passed] == []
    assert list(fixture_ds.facts.contested()) == ["healthcare-co2-share-nl"]


def test_the_fixture_is_not_the_bundled_data(ds: mtib.Dataset, fixture_ds: mtib.Dataset) -> None:
    assert mtib.load() is ds  # outside a doctest, mtib.load() is the bundled dataset
    assert mtib.load() is not fixture_ds
    assert len(fixture_ds.partnerships) < len(ds.partnerships)


def test_bundled_is_fixture_swaps_and_restores(ds: mtib.Dataset, fixture_ds: mtib.Dataset) -> None:
    with bundled_is_fixture() as inside:
        assert inside is fixture_ds and mtib.load() is fixture_ds
    assert mtib.load() is ds
    with pytest.raises(RuntimeError, match="boom"), bundled_is_fixture():
        raise RuntimeError("boom")
    assert mtib.load() is ds


def test_bundled_is_fixture_restores_a_bundle_not_yet_read(ds: mtib.Dataset) -> None:
    saved = loading._bundled
    loading._bundled = None
    try:
        with bundled_is_fixture():
            assert mtib.load() is fixture_dataset()
        assert loading._bundled is None  # as it was: the next load reads the bundled data
    finally:
        loading._bundled = saved
    assert mtib.load() is ds


def test_the_examples_see_the_fixture(tmp_path: Path) -> None:
    """A doctest collected by pytest runs with the fixture as the bundled dataset; a test does not."""
    (tmp_path / "example.py").write_text(
        textwrap.dedent(
            '''
            def count():
                """
                >>> import mtib
                >>> from tests.doctest_data import fixture_dataset
                >>> mtib.load() is fixture_dataset()
                True
                """


            def test_not_here():
                import mtib
                from tests.doctest_data import fixture_dataset

                assert mtib.load() is not fixture_dataset()
            '''
        ),
        encoding="utf-8",
    )
    options = ["-p", "tests.doctest_data", "--doctest-modules", "-p", "no:cacheprovider", "-o", f"pythonpath={ROOT}"]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", *options, "example.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout
