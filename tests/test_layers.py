"""The package's layers hold: every module imports only from its own layer or lower ones, with no cycles.

The layers, lowest first (see docs/architecture.md):

    mtib.core  ->  mtib.dataset  ->  mtib.io  ->  mtib.analysis  ->  mtib.render  ->  mtib.cli (+ mtib.__main__)

Every import of an ``mtib`` module counts: at module level, inside functions, and
``importlib.import_module("mtib...")`` with a literal name. Only imports under
``if TYPE_CHECKING:`` are left out (they never run), and those under
``if __name__ == "__main__":`` (a module run as a script is the top of its own program). ``mtib._version`` may be
imported from anywhere; the facade ``mtib/__init__.py`` is outside the layers, and
importing it counts as importing the modules it re-exports from.

This test is the enforcement (CI runs pytest): it parses the installed package's
source, prints every offending import as ``file:line``, and fails.
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path

import attrs
import pytest

import mtib

LAYERS: tuple[tuple[str, ...], ...] = (
    ("mtib.core",),
    ("mtib.dataset",),
    ("mtib.io",),
    ("mtib.analysis",),
    ("mtib.render",),
    ("mtib.cli", "mtib.__main__"),
)
"""Each layer's module prefixes, lowest layer first."""

ANYWHERE = frozenset({"mtib._version"})
"""Modules any layer may import (they import nothing of mtib)."""

FACADE = "mtib"


@attrs.frozen
class Import:
    """One import of an mtib module found in the source."""

    source: str  # the importing module
    target: str  # the imported module
    file: str
    line: int

    def where(self) -> str:
        return f"{self.file}:{self.line}: {self.source} imports {self.target}"


def module_name(root: Path, file: Path, package: str = "mtib") -> str:
    parts = list(file.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([package, *parts])


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _is_main(test: ast.expr) -> bool:
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "__name__"
        and any(isinstance(c, ast.Constant) and c.value == "__main__" for c in test.comparators)
    )


def _walk(node: ast.AST) -> Iterator[ast.AST]:
    """Every node below ``node``, except the bodies of ``if TYPE_CHECKING:`` (they never run) and of
    ``if __name__ == "__main__":`` (they run only when the module is a script, the top of its own program)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and (_is_type_checking(child.test) or _is_main(child.test)):
            for other in child.orelse:
                yield other
                yield from _walk(other)
            continue
        yield child
        yield from _walk(child)


def imported_names(tree: ast.Module, module: str, is_package: bool) -> Iterator[tuple[str, int]]:
    """``(dotted name, line)`` for every import in ``tree``; ``from a import b`` gives ``a.b`` too."""
    here = module if is_package else module.rpartition(".")[0]
    for node in _walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.rsplit(".", node.level - 1)[0] if node.level > 1 else here
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            yield base, node.lineno
            for alias in node.names:
                yield f"{base}.{alias.name}", node.lineno
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            first = node.args[0]
            if (
                name in ("import_module", "__import__")
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                yield first.value, node.lineno


def collect(
    root: Path, package: str = "mtib", facade: Mapping[str, str] | None = None
) -> tuple[set[str], list[Import]]:
    """The modules under ``root`` and every import between them.

    ``facade`` maps a name re-exported by the package's ``__init__`` to the module it lives in;
    ``from mtib import X`` then counts as importing that module, and ``import mtib`` as importing them all.
    """
    files = sorted(root.rglob("*.py"))
    modules = {module_name(root, f, package): f for f in files}
    facade = facade or {}
    found: list[Import] = []
    for name, file in modules.items():
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
        shown = str(file.relative_to(root.parent))
        seen: set[tuple[str, int]] = set()
        for dotted, line in imported_names(tree, name, file.name == "__init__.py"):
            if dotted != package and not dotted.startswith(package + "."):
                continue
            if dotted == package or dotted.removeprefix(package + ".") in facade:
                if name == package:
                    continue  # the facade itself
                leaf = dotted.removeprefix(package).removeprefix(".")
                targets = {facade[leaf]} if leaf else set(facade.values())
            else:
                # `from a import b` yields a.b, which is a module or a name in module a.
                targets = {dotted} if dotted in modules else set()
            for target in targets:
                if target != name and (target, line) not in seen:
                    seen.add((target, line))
                    found.append(Import(name, target, shown, line))
    return set(modules), found


def layer_of(module: str, layers: tuple[tuple[str, ...], ...] = LAYERS) -> int | None:
    for i, prefixes in enumerate(layers):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return i
    return None


def upward(imports: list[Import], layers: tuple[tuple[str, ...], ...] = LAYERS) -> list[Import]:
    """The imports of a module from a higher layer."""
    bad = []
    for imp in imports:
        if imp.target in ANYWHERE or imp.source in (FACADE, *ANYWHERE):
            continue
        low, high = layer_of(imp.source, layers), layer_of(imp.target, layers)
        if low is not None and high is not None and high > low:
            bad.append(imp)
    return bad


def cycles(imports: list[Import]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    graph: dict[str, set[str]] = {}
    for imp in imports:
        graph.setdefault(imp.source, set()).add(imp.target)
        graph.setdefault(imp.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def _facade() -> dict[str, str]:
    names = {name: mtib._MODULE_OF.get(name, "mtib.core.model") for name in mtib.__all__}
    names.update({"__version__": "mtib._version", "DATA_VERSION": "mtib._version", "_version": "mtib._version"})
    return names


ROOT = Path(mtib.__file__).parent


def test_every_module_is_in_a_layer() -> None:
    modules, _ = collect(ROOT)
    outside = sorted(m for m in modules if layer_of(m) is None and m not in (FACADE, *ANYWHERE))
    assert not outside, f"modules in no layer (add them to a layer package): {outside}"


def test_no_module_imports_from_a_higher_layer() -> None:
    _, imports = collect(ROOT, facade=_facade())
    assert imports, "no imports found: the parser is broken"
    bad = upward(imports)
    for imp in bad:
        print(imp.where())
    assert not bad, "imports from a higher layer:\n" + "\n".join(imp.where() for imp in bad)


def test_no_import_cycles() -> None:
    _, imports = collect(ROOT, facade=_facade())
    found = cycles(imports)
    lines = []
    for component in found:
        members = set(component)
        lines.append(" <-> ".join(component))
        lines += [f"    {imp.where()}" for imp in imports if imp.source in members and imp.target in members]
    for line in lines:
        print(line)
    assert not found, "import cycles:\n" + "\n".join(lines)


def test_version_imports_nothing_of_mtib() -> None:
    _, imports = collect(ROOT, facade=_facade())
    assert [imp.where() for imp in imports if imp.source in ANYWHERE] == []


# ------------------------------------------------------------------ the checker itself finds what it should


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "mtib"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def test_the_checker_finds_upward_and_hidden_imports(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        {
            "__init__.py": "",
            "core/__init__.py": "",
            "core/model.py": """
                from typing import TYPE_CHECKING
                if TYPE_CHECKING:
                    from mtib.dataset import Dataset      # ignored: never runs
                else:
                    import json

                def helix():
                    from mtib.analysis.helix import classify    # inside a function
                    return classify

                def view():
                    import importlib
                    return importlib.import_module("mtib.render.display")   # a string import
                """,
            "core/text.py": "from . import model\nfrom ..core.model import helix\n",
            "dataset.py": "from mtib import load\n",
            "analysis/__init__.py": "",
            "analysis/helix.py": "from mtib.core.model import helix as classify\n",
            "render/__init__.py": "",
            "render/display.py": "import mtib.core.text\n",
            "io/__init__.py": "",
            "io/loading.py": "def load(): ...\n",
            "io/bundle.py": "if __name__ == '__main__':\n    from mtib.render import display\n",
        },
    )
    modules, imports = collect(root, facade={"load": "mtib.io.loading"})
    assert "mtib.core.model" in modules and "mtib" in modules
    bad = sorted((imp.source, imp.target, imp.file, imp.line) for imp in upward(imports))
    assert bad == [
        ("mtib.core.model", "mtib.analysis.helix", "mtib/core/model.py", 9),
        ("mtib.core.model", "mtib.render.display", "mtib/core/model.py", 14),
        ("mtib.dataset", "mtib.io.loading", "mtib/dataset.py", 1),
    ]
    assert ("mtib.core.text", "mtib.core.model") in {(i.source, i.target) for i in imports}  # relative imports
    assert all(imp.target != "mtib.dataset" for imp in imports)  # TYPE_CHECKING left out
    # model -> analysis.helix -> model, and model -> render.display -> core.text -> model
    assert cycles(imports) == [["mtib.analysis.helix", "mtib.core.model", "mtib.core.text", "mtib.render.display"]]


def test_the_checker_finds_cycles_within_a_layer(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        {
            "io/__init__.py": "",
            "io/loading.py": "def f():\n    from mtib.io import bundle\n",
            "io/bundle.py": "from mtib.io.reading import read\n",
            "io/reading.py": "import mtib.io.loading as loading\n",
            "io/csvinput.py": "from mtib.io.reading import read\n",
        },
    )
    _, imports = collect(root)
    assert upward(imports) == []
    assert cycles(imports) == [["mtib.io.bundle", "mtib.io.loading", "mtib.io.reading"]]


@pytest.mark.parametrize(
    ("module", "layer"),
    [("mtib.core.model", 0), ("mtib.dataset", 1), ("mtib.io.bundle", 2), ("mtib.cli", 5), ("mtib.__main__", 5)],
)
def test_layer_of(module: str, layer: int) -> None:
    assert layer_of(module) == layer
    assert layer_of("mtib.datasets") is None and layer_of("mtib") is None
