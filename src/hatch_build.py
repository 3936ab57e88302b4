"""The wheel build's hook: build the bundle of the bundled data, and the JSON Schemas, into the wheel.

hatchling runs this for every build (``[tool.hatch.build.hooks.custom]`` in
``pyproject.toml``, which also lists mtib's runtime dependencies so that pip's
isolated build environment has them). For a regular wheel it imports mtib
from ``src/``, loads ``data/`` strictly (invalid data fail the build with
every problem listed) and puts the bundle into the wheel as
``mtib/data/bundle.mtib`` (see :mod:`mtib.io.bundle`). The sdist and editable
wheels get no bundle: an editable install caches its own on first use.
"""

from __future__ import annotations

import contextlib
import importlib
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class BundleHook(BuildHookInterface):  # type: ignore[type-arg]
    """Adds ``mtib/data/bundle.mtib`` and ``mtib/schemas/*.json`` to regular wheels (the schemas to the
    source tree for editable ones)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        data = root / "data"
        if version == "editable":
            # An editable install reads the source tree: its JSON Schemas are written there (not in git).
            with _mtib_from(root / "src") as modules:
                modules["mtib.io.schemas"].write(root / "src" / "mtib" / "schemas")
            return
        self._tmp = Path(tempfile.mkdtemp(prefix="mtib-bundle-"))
        with _mtib_from(root / "src") as modules:
            for path in modules["mtib.io.schemas"].write(self._tmp / "schemas"):
                build_data["force_include"][str(path)] = f"mtib/schemas/{path.name}"
            bundle = modules["mtib.io.bundle"]
            if (data / bundle.BUNDLE_NAME).exists():
                raise RuntimeError(
                    f"{data / bundle.BUNDLE_NAME} exists: the bundle is built, not kept in data/; remove the file"
                )
            loading = modules["mtib.io.loading"]
            target = bundle.write_bundle(loading.load_yaml_directory(data), data, self._tmp / bundle.BUNDLE_NAME)
            name = bundle.BUNDLE_NAME
        build_data["force_include"][str(target)] = f"mtib/data/{name}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def _mtib_from(src: Path) -> Iterator[dict[str, Any]]:
    """Import ``mtib`` from ``src`` for the duration of a ``with`` block, then forget it again."""
    saved_path = list(sys.path)
    saved_modules = {k: sys.modules.pop(k) for k in list(sys.modules) if _is_mtib(k)}
    sys.path.insert(0, str(src))
    importlib.invalidate_caches()
    try:
        mtib = importlib.import_module("mtib")
        where = Path(mtib.__file__ or "").resolve()
        if not where.is_relative_to(src.resolve()):
            raise RuntimeError(f"the bundle must be built by the mtib in {src}, not by {where}")
        importlib.import_module("mtib.io.loading")
        importlib.import_module("mtib.io.bundle")
        importlib.import_module("mtib.io.schemas")
        yield dict(sys.modules)
    finally:
        sys.path[:] = saved_path
        for k in [k for k in sys.modules if _is_mtib(k)]:
            del sys.modules[k]
        sys.modules.update(saved_modules)


def _is_mtib(name: str) -> bool:
    return name == "mtib" or name.startswith("mtib.")
