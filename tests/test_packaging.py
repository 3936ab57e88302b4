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
            "import mtib, mtib.io.bundle, pathlib; ds = mtib.load(); root = mtib.io.loading.data_dir(); "
            "print(root.is_relative_to(pathlib.Path(mtib.__file__).parent), mtib.io.bundle.is_current(root), "
            "ds.partnerships['momentum'].acronym, len(ds.sdg_targets))",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=clean_env,
        check=False,
    )
    assert query.returncode == 0, query.stderr
    # the data come from the installed package, through the compiled form
    assert query.stdout.split() == ["True", "True", "MOMENTUM", "169"]


# ------------------------------------------------------------------- metadata and sdist


def _metadata(text: str) -> dict[str, list[str]]:
    """The header fields of a METADATA / PKG-INFO file (every value of repeated fields)."""
    fields: dict[str, list[str]] = {}
    for line in text.split("\n\n", 1)[0].splitlines():
        if ": " in line and not line.startswith(" "):
            key, value = line.split(": ", 1)
            fields.setdefault(key, []).append(value)
    return fields


def test_wheel_metadata_is_complete(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        (name,) = (n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        text = archive.read(name).decode("utf-8")
        entry_points = archive.read(name.replace("METADATA", "entry_points.txt")).decode("utf-8")
    fields = _metadata(text)
    import mtib

    assert fields["Name"] == ["mtib"]
    assert fields["Version"] == [mtib.__version__]
    assert fields["License-Expression"] == ["MIT AND CC-BY-4.0"]
    assert sorted(fields["License-File"]) == ["LICENSE", "NOTICE-DATA.md"]
    assert fields["Description-Content-Type"] == ["text/markdown"]
    assert fields["Requires-Python"] == [">=3.10"]
    assert "Typing :: Typed" in fields["Classifier"]
    assert fields["Summary"][0] and fields["Keywords"][0]
    runtime = sorted(r.split(">")[0].split("=")[0].strip() for r in fields["Requires-Dist"] if "extra ==" not in r)
    assert runtime == ["attrs", "cattrs", "pyyaml"]
    assert {"test", "docs"} <= set(fields["Provides-Extra"])
    assert "mtib = mtib.cli:main" in entry_points
    assert "# mtib" in text.split("\n\n", 1)[1]  # the README is the long description


@pytest.fixture(scope="module")
def hatchling_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A sys.path entry from which hatchling imports (installed there with pip if need be)."""
    if os.environ.get("MTIB_SKIP_WHEEL_TEST"):
        pytest.skip("MTIB_SKIP_WHEEL_TEST is set")
    if _has_hatchling():
        return ""
    target = tmp_path_factory.mktemp("hatchling")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--target", str(target), "hatchling>=1.27"],
        check=True,
        capture_output=True,
        text=True,
    )
    return str(target)


def _hatchling(hook: str, source: Path, out: Path, path: str) -> Path:
    """Run one PEP 517 hook of hatchling in ``source``; returns the file it built."""
    code = f"import sys; sys.path.insert(0, {path!r}); from hatchling.build import {hook}; print({hook}({str(out)!r}))"
    result = subprocess.run([sys.executable, "-c", code], cwd=source, check=True, capture_output=True, text=True)
    return out / result.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory, hatchling_path: str) -> Path:
    return _hatchling("build_sdist", ROOT, tmp_path_factory.mktemp("sdist"), hatchling_path)


def test_sdist_contents(sdist: Path) -> None:
    import tarfile

    with tarfile.open(sdist) as archive:
        names = {n.split("/", 1)[1] for n in archive.getnames() if "/" in n}
        pkg_info = archive.extractfile(f"{sdist.name.removesuffix('.tar.gz')}/PKG-INFO")
        assert pkg_info is not None
        fields = _metadata(pkg_info.read().decode("utf-8"))
    for required in ("pyproject.toml", "README.md", "CHANGELOG.md", "LICENSE", "NOTICE-DATA.md"):
        assert required in names
    assert "src/mtib/__init__.py" in names and "src/mtib/py.typed" in names
    repo_data = {f"data/{p.name}" for p in (ROOT / "data").iterdir() if p.is_file()}
    assert repo_data <= names
    assert any(n.startswith("tests/test_") for n in names)
    assert "docs/index.md" in names
    unwanted = (
        "site/",
        "dist/",
        ".ci-venv/",
        ".git/",
        ".hypothesis/",
        ".mypy_cache/",
        ".ruff_cache/",
        ".pytest_cache/",
    )
    assert not [n for n in names if n.startswith(unwanted) or "__pycache__" in n or n.endswith(".pyc")]
    assert fields["License-Expression"] == ["MIT AND CC-BY-4.0"]
    assert sorted(fields["License-File"]) == ["LICENSE", "NOTICE-DATA.md"]


def test_sdist_builds_a_complete_wheel(sdist: Path, hatchling_path: str, tmp_path: Path) -> None:
    """The sdist stands alone: a wheel built from it holds the package, the data and the licences."""
    import tarfile

    with tarfile.open(sdist) as archive:
        if sys.version_info >= (3, 12):
            archive.extractall(tmp_path, filter="data")
        else:
            archive.extractall(tmp_path)
    (source,) = (p for p in tmp_path.iterdir() if p.is_dir())
    out = tmp_path / "out"
    out.mkdir()
    wheel = _hatchling("build_wheel", source, out, hatchling_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    repo_data = {f"mtib/data/{p.name}" for p in (ROOT / "data").iterdir() if p.is_file()}
    assert repo_data <= names
    assert {"mtib/__init__.py", "mtib/py.typed"} <= names
    assert any(n.endswith("licenses/LICENSE") for n in names)
    assert any(n.endswith("licenses/NOTICE-DATA.md") for n in names)
    assert not any(n.startswith(("tests/", "docs/")) for n in names)
