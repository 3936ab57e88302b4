"""The built wheel: it holds the package, the data, py.typed and the licences, and works outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("MTIB_SKIP_WHEEL_TEST"):
        pytest.skip("MTIB_SKIP_WHEEL_TEST is set")
    out = tmp_path_factory.mktemp("dist")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(ROOT)]
    if _has_hatchling():
        command.insert(4, "--no-build-isolation")
    subprocess.run(command, check=True, capture_output=True, text=True)
    (found,) = out.glob("mtib-*.whl")
    return found


def _has_hatchling() -> bool:
    import importlib.util

    return importlib.util.find_spec("hatchling") is not None


def test_wheel_contents(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    data_files = {Path(n).name for n in names if n.startswith("mtib/data/")}
    repo_data = {p.name for p in (ROOT / "data").iterdir() if p.is_file()}
    assert repo_data <= data_files
    assert "mtib/py.typed" in names
    assert "mtib/__init__.py" in names
    assert any(n.endswith("licenses/LICENSE") for n in names)
    assert any(n.endswith("licenses/NOTICE-DATA.md") for n in names)
    assert not any(n.startswith(("tests/", "docs/")) for n in names)


def test_wheel_installs_and_runs_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True, text=True)
    clean_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    overview = subprocess.run(
        [str(bin_dir / "mtib"), "overview"], cwd=tmp_path, capture_output=True, text=True, env=clean_env, check=False
    )
    assert overview.returncode == 0, overview.stderr
    assert "Life Sciences & Health" in overview.stdout
    query = subprocess.run(
        [
            str(python),
            "-c",
            "import mtib, pathlib; ds = mtib.load(); "
            "print(mtib.loading.data_dir().is_relative_to(pathlib.Path(mtib.__file__).parent), "
            "ds.partnerships['momentum'].acronym, len(ds.sdg_targets))",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=clean_env,
        check=False,
    )
    assert query.returncode == 0, query.stderr
    assert query.stdout.split() == ["True", "MOMENTUM", "169"]
