"""The compiled form of the bundled data: current, equal to the strict YAML path, never trusted when stale."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import mtib
from mtib.io.bundle import COMPILED_NAME, compile_dataset, digest, is_current, read_compiled
from mtib.io.loading import data_dir, load_yaml_directory


def test_compiled_form_is_current() -> None:
    assert is_current(data_dir()), "data/ changed: run `python -m mtib.io.bundle` and commit data/compiled.mtib"


def test_compiled_form_equals_the_strict_yaml_path() -> None:
    compiled = read_compiled(data_dir())
    assert compiled is not None
    strict = load_yaml_directory(data_dir())
    assert compiled == strict
    for name in mtib.core.schema.COLLECTIONS:
        assert getattr(compiled, name).records == getattr(strict, name).records
    # derived fields survive too
    assert compiled.partnerships["momentum"].spheres == strict.partnerships["momentum"].spheres


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(data_dir(), root)
    return root


def test_a_stale_compiled_form_is_ignored(data_copy: Path) -> None:
    assert read_compiled(data_copy) is not None
    topsectors = data_copy / "topsectors.yaml"
    topsectors.write_text(topsectors.read_text(encoding="utf-8").replace("established: 2011", "established: 2012", 1))
    assert read_compiled(data_copy) is None
    assert load_yaml_directory(data_copy).topsectors.records[0].established == 2012


@pytest.mark.parametrize("content", ["", "{", '{"format": 99}', "[]", '{"format": 1, "digest": "x"}'])
def test_a_broken_compiled_form_is_ignored(data_copy: Path, content: str) -> None:
    (data_copy / COMPILED_NAME).write_text(content)
    assert read_compiled(data_copy) is None


def test_a_compiled_form_with_other_fields_is_ignored(data_copy: Path) -> None:
    import json

    path = data_copy / COMPILED_NAME
    document = json.loads(path.read_text(encoding="utf-8"))
    document["fields"]["topsectors"].append("colour")
    path.write_text(json.dumps(document), encoding="utf-8")
    assert read_compiled(data_copy) is None


def test_compile_round_trip(data_copy: Path) -> None:
    ds = load_yaml_directory(data_copy)
    (data_copy / COMPILED_NAME).write_text(compile_dataset(ds, digest(data_copy)), encoding="utf-8")
    assert read_compiled(data_copy) == ds


def test_the_digest_sees_every_data_file(data_copy: Path) -> None:
    before = digest(data_copy)
    (data_copy / "extra.yaml").write_text("sources: []\n")
    assert digest(data_copy) != before
