"""The built wheel and sdist: package, data, bundle, py.typed and licences; they work outside the checkout.

The wheel's bundle (``mtib/data/bundle.mtib``) is built by ``src/hatch_build.py``; an
installed mtib reads it instead of the YAML, and it equals the YAML.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from mtib.io.bundle import BUNDLE_NAME

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
    assert f"mtib/data/{BUNDLE_NAME}" in names
    assert "mtib/py.typed" in names
    assert "mtib/__init__.py" in names
    assert any(n.endswith("licenses/LICENSE") for n in names)
    assert any(n.endswith("licenses/NOTICE-DATA.md") for n in names)
    assert not any(n.startswith(("tests/", "docs/")) or n.endswith("hatch_build.py") for n in names)


def test_the_wheels_bundle_equals_the_yaml(wheel: Path, tmp_path: Path) -> None:
    from mtib.io import bundle
    from mtib.io.loading import data_dir, load_yaml_directory

    target = tmp_path / BUNDLE_NAME
    target.write_bytes(zipfile.ZipFile(wheel).read(f"mtib/data/{BUNDLE_NAME}"))
    found = bundle._read(target, bundle._header(bundle.digest(data_dir()), with_code=False))
    assert found is not None
    assert found == load_yaml_directory(data_dir())


def _venv(where: Path) -> tuple[Path, Path]:
    """A fresh virtualenv: its python and its scripts folder."""
    venv.EnvBuilder(with_pip=True).create(where)
    bin_dir = where / ("Scripts" if os.name == "nt" else "bin")
    return bin_dir / "python", bin_dir


def _env(cache: Path) -> dict[str, str]:
    """The environment for the installed mtib: not the checkout's, and a cache of its own."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["MTIB_CACHE_DIR"] = str(cache)
    return env


# Run by the installed mtib: where it loads from, refusing the YAML path, and what it loads.
FROM_THE_BUNDLE = """
import os, pathlib, sys
import mtib, mtib.io.loading as loading
from mtib.io.bundle import BUNDLE_NAME
strict = loading.load_yaml_directory
def refuse(root):
    sys.exit(f"the YAML in {root} was read")
loading.load_yaml_directory = refuse
ds = mtib.load()
root = loading.data_dir()
print(
    root.is_relative_to(pathlib.Path(mtib.__file__).parent), (root / BUNDLE_NAME).is_file(), ds == strict(root),
    ds.partnerships["momentum"].acronym, len(ds.sdg_targets), os.path.exists(os.environ["MTIB_CACHE_DIR"]),
)
"""
LOADED_FROM_THE_BUNDLE = ["True", "True", "True", "MOMENTUM", "169", "False"]


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A fresh virtualenv with the wheel installed: its python and its scripts folder."""
    python, bin_dir = _venv(tmp_path_factory.mktemp("wheel-venv") / "venv")
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True, text=True)
    return python, bin_dir


def test_wheel_installs_and_runs_outside_the_checkout(installed: tuple[Path, Path], tmp_path: Path) -> None:
    python, bin_dir = installed
    env = _env(tmp_path / "cache")
    overview = subprocess.run(
        [str(bin_dir / "mtib"), "overview"], cwd=tmp_path, capture_output=True, text=True, env=env, check=False
    )
    assert overview.returncode == 0, overview.stderr
    assert "Life Sciences & Health" in overview.stdout
    query = subprocess.run(
        [str(python), "-c", FROM_THE_BUNDLE], cwd=tmp_path, capture_output=True, text=True, env=env, check=False
    )
    assert query.returncode == 0, query.stderr
    # the data come from the installed package, through its bundle: the YAML is not read, no cache is written
    assert query.stdout.split() == LOADED_FROM_THE_BUNDLE


def test_an_installed_bundle_that_no_longer_matches_its_yaml_is_ignored(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    python, _ = installed
    env = _env(tmp_path / "cache")
    where = subprocess.run(
        [str(python), "-c", "import mtib.io.loading as l; print(l.data_dir())"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    topsectors = Path(where.stdout.strip()) / "topsectors.yaml"
    original = topsectors.read_bytes()
    topsectors.write_bytes(original.replace(b"established: 2011", b"established: 2012", 1))
    try:
        query = subprocess.run(
            [str(python), "-c", "import mtib; print(mtib.load().topsectors.records[0].established)"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
    finally:
        topsectors.write_bytes(original)
    assert query.returncode == 0, query.stderr
    assert query.stdout.split() == ["2012"]  # the edited YAML, not the bundle
    assert [p.name.startswith("bundle-") for p in (tmp_path / "cache").iterdir()] == [True]  # and now a cache


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
    paths = [p for p in path.split(os.pathsep) if p]
    code = f"import sys; sys.path[:0] = {paths!r}; from hatchling.build import {hook}; print({hook}({str(out)!r}))"
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
    assert "src/hatch_build.py" in names  # the wheel built from the sdist needs its hook
    assert not [n for n in names if n.endswith(".mtib")]  # the bundle is built, not shipped in the sdist
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
    assert f"mtib/data/{BUNDLE_NAME}" in names
    assert {"mtib/__init__.py", "mtib/py.typed"} <= names
    assert any(n.endswith("licenses/LICENSE") for n in names)
    assert any(n.endswith("licenses/NOTICE-DATA.md") for n in names)
    assert not any(n.startswith(("tests/", "docs/")) for n in names)


def test_the_sdist_installs_with_a_bundle(sdist: Path, tmp_path: Path) -> None:
    """pip builds the sdist in an isolated environment (the hook's dependencies included) into a wheel with a bundle."""
    python, _ = _venv(tmp_path / "venv")
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(sdist)], capture_output=True, text=True, check=False
    )
    assert install.returncode == 0, install.stderr
    env = _env(tmp_path / "cache")
    query = subprocess.run(
        [str(python), "-c", FROM_THE_BUNDLE], cwd=tmp_path, capture_output=True, text=True, env=env, check=False
    )
    assert query.returncode == 0, query.stderr
    assert query.stdout.split() == LOADED_FROM_THE_BUNDLE


def test_an_editable_wheel_has_no_bundle(hatchling_path: str, tmp_path: Path) -> None:
    """An editable install reads the checkout's data/ and caches its bundle on first use."""
    import importlib.util

    path = hatchling_path
    if importlib.util.find_spec("editables") is None:  # what hatchling needs for editable wheels
        target = tmp_path / "editables"
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--target", str(target), "editables"],
            check=True,
            capture_output=True,
            text=True,
        )
        path = os.pathsep.join([hatchling_path, str(target)])
    out = tmp_path / "out"
    out.mkdir()
    wheel = _hatchling("build_editable", ROOT, out, path)
    names = zipfile.ZipFile(wheel).namelist()
    assert not [n for n in names if n.endswith(".mtib")]


def test_invalid_data_fail_the_wheel_build(sdist: Path, hatchling_path: str, tmp_path: Path) -> None:
    import tarfile

    with tarfile.open(sdist) as archive:
        if sys.version_info >= (3, 12):
            archive.extractall(tmp_path, filter="data")
        else:
            archive.extractall(tmp_path)
    (source,) = (p for p in tmp_path.iterdir() if p.is_dir())
    tkis = source / "data" / "tkis.yaml"
    tkis.write_text(tkis.read_text(encoding="utf-8").replace('sources: ["dinalog-schakel"', 'sources: ["nowhere"', 1))
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(subprocess.CalledProcessError) as failed:
        _hatchling("build_wheel", source, out, hatchling_path)
    assert "nowhere" in failed.value.stderr
    assert not list(out.iterdir())
