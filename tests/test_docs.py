"""The documentation: runnable examples everywhere, and generated pages that cover the data.

- Every public module, class, function and method of mtib has a docstring with a
  ``>>>`` example (the examples themselves run through pytest's doctest collection).
- Every example in ``docs/**/*.md`` runs and gives the output shown.
- The generators in ``docs/hooks.py`` (data reference, API reference, command
  output) cover every record, module and subcommand. They need no MkDocs.
"""

from __future__ import annotations

import argparse
import doctest
import enum
import importlib
import importlib.util
import inspect
import pkgutil
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

import mtib
from tests.doctest_data import bundled_is_fixture

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

pytestmark = pytest.mark.skipif(not DOCS.is_dir(), reason="the docs/ directory is not here (installed package only)")


def _public_modules() -> list[ModuleType]:
    names = [  # the modules (a layer's package only describes the layer)
        m.name
        for m in pkgutil.walk_packages(mtib.__path__, "mtib.")
        if not m.ispkg and not any(part.startswith("_") for part in m.name.split("."))
    ]
    return [mtib, *(importlib.import_module(name) for name in sorted(names))]


def _public_names(module: ModuleType) -> list[str]:
    names = getattr(module, "__all__", None)
    if names is None:
        names = [
            n
            for n, v in vars(module).items()
            if not n.startswith("_") and getattr(v, "__module__", None) == module.__name__
        ]
    return list(names)


def _has_example(obj: Any) -> bool:
    doc = obj.__doc__ if isinstance(obj, property) else inspect.getdoc(obj)
    return doc is not None and ">>>" in doc


def _methods(cls: type) -> list[tuple[str, Any]]:
    """The public methods and properties a class defines itself (not enum members, not inherited)."""
    out = []
    for name, value in vars(cls).items():
        if name.startswith("_"):
            continue
        if isinstance(cls, enum.EnumMeta) and name in cls.__members__:
            continue
        if isinstance(value, (staticmethod, classmethod)):
            value = value.__func__
        if inspect.isfunction(value) or isinstance(value, property):
            out.append((name, value))
    return out


def test_every_public_name_has_a_runnable_example() -> None:
    missing: list[str] = []
    seen: set[int] = set()
    checked = 0
    for module in _public_modules():
        if not _has_example(module):
            missing.append(module.__name__)
        for name in _public_names(module):
            obj = getattr(module, name)
            if not (inspect.isclass(obj) or inspect.isfunction(obj)) or id(obj) in seen:
                continue
            seen.add(id(obj))
            checked += 1
            if not _has_example(obj):
                missing.append(f"{module.__name__}.{name}")
            if inspect.isclass(obj):
                for method_name, method in _methods(obj):
                    checked += 1
                    if not _has_example(method):
                        missing.append(f"{module.__name__}.{name}.{method_name}")
    assert checked > 100  # the walk reaches the API: every class and its methods
    assert not missing, "public names without a '>>>' example in their docstring:\n  " + "\n  ".join(missing)


def test_the_walk_would_notice_a_missing_example() -> None:
    class Example:
        """A class with an example.

        >>> Example().documented()
        1
        """

        def documented(self) -> int:
            """>>> 1
            1
            """
            return 1

        def undocumented(self) -> int:
            """No example here."""
            return 2

    assert [name for name, method in _methods(Example) if not _has_example(method)] == ["undocumented"]


# ------------------------------------------------------------------------ docs examples

DOC_PAGES = sorted(p for p in DOCS.rglob("*.md") if ">>>" in p.read_text(encoding="utf-8")) if DOCS.is_dir() else []


@pytest.mark.parametrize("page", DOC_PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_docs_examples_run(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    test = doctest.DocTestParser().get_doctest(text, {"__name__": page.stem}, page.name, str(page), 0)
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    with bundled_is_fixture():  # the examples show the frozen sample of the data (tests/fixture/)
        result = runner.run(test, out=report.append)
    assert result.attempted > 0
    assert result.failed == 0, "".join(report)


def test_the_pages_with_examples_include_the_recipes_and_the_guide() -> None:
    names = {str(p.relative_to(DOCS)) for p in DOC_PAGES}
    assert {"index.md", "quickstart.md", "recipes.md", "guide/queries.md", "guide/own-data.md"} <= names


def test_recipes_are_at_least_five_real_analyses() -> None:
    text = (DOCS / "recipes.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    with_output = [s for s in sections if re.search(r"^>>> .*\n(?!>>>|\.\.\.)\S", s, flags=re.MULTILINE)]
    assert len(with_output) >= 5


# ------------------------------------------------------------------------- the hooks


@pytest.fixture(scope="module")
def hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mtib_docs_hooks", DOCS / "hooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def pages(hooks: ModuleType, ds: mtib.Dataset) -> dict[str, str]:
    result: dict[str, str] = hooks.data_pages(ds)
    return result


def _section(page: str, anchor: str) -> str:
    """The text of the entry with this anchor, up to the next heading."""
    marker = f"{{#{anchor}}}"
    assert page.count(marker) == 1, f"{marker} occurs {page.count(marker)} times"
    start = page.index(marker)
    end = page.find("\n#", start)
    return page[start : end if end != -1 else len(page)]


@pytest.mark.parametrize(
    ("kind", "page"),
    [
        ("topsectors", "data/topsectors.md"),
        ("tkis", "data/topsectors.md"),
        ("themes", "data/themes.md"),
        ("missions", "data/themes.md"),
        ("partnerships", "data/partnerships.md"),
        ("organisations", "data/organisations.md"),
        ("facts", "data/facts.md"),
        ("events", "data/timeline.md"),
        ("concepts", "data/index.md"),
        ("covenants", "data/agendas.md"),
        ("agendas", "data/agendas.md"),
        ("instruments", "data/agendas.md"),
    ],
)
def test_data_reference_has_every_record_with_its_sources(
    pages: dict[str, str], ds: mtib.Dataset, kind: str, page: str
) -> None:
    records = list(getattr(ds, kind))
    assert records
    for record in records:
        section = _section(pages[page], record.id)
        for source in record.sources:
            assert f"[`{source}`](sources.md#{source})" in section, f"{kind} {record.id}: source {source} missing"


def test_data_reference_lists_every_source_and_sdg(pages: dict[str, str], ds: mtib.Dataset) -> None:
    for source in ds.sources:
        assert f'<span id="{source.id}"></span>`{source.id}`' in pages["data/sources.md"]
    for goal in ds.sdgs:
        assert f"{{#sdg-{goal.id}}}" in pages["data/sdgs.md"]
    for target in ds.sdg_targets:
        assert f"**{target.id}**" in pages["data/sdgs.md"]


def test_data_reference_follows_the_data(hooks: ModuleType, write: Any) -> None:
    """A record added to the data appears in the generated pages: nothing is hard-coded."""
    from tests.conftest import MINIMAL

    own = mtib.load(write(MINIMAL))
    pages = hooks.data_pages(own)
    assert "{#my-ppp}" in _section(pages["data/partnerships.md"], "my-ppp")
    assert "[`my-src`](sources.md#my-src)" in _section(pages["data/partnerships.md"], "my-ppp")
    assert "{#my-org}" in pages["data/organisations.md"]
    assert "{#my-ppp}" not in hooks.data_pages(mtib.load())["data/partnerships.md"]


def test_markdown_escaping(hooks: ModuleType) -> None:
    assert hooks.esc("a *b* [c](d) <e> | f_g") == r"a \*b\* \[c\](d) &lt;e&gt; \| f\_g"
    assert hooks.url("https://x.org/a (b)") == "https://x.org/a%20%28b%29"


def test_api_reference_has_a_page_per_public_module(hooks: ModuleType) -> None:
    pages = hooks.api_pages()
    modules = [m.__name__ for m in _public_modules()[1:]]
    assert {f"reference/{m.removeprefix('mtib.')}.md" for m in modules} | {"reference/index.md"} == set(pages)
    for module in modules:
        assert f"::: {module}\n" in pages[f"reference/{module.removeprefix('mtib.')}.md"]
    for name in mtib.__all__:
        assert f"`mtib.{name}`" in pages["reference/index.md"]


def test_markers_become_real_command_output(hooks: ModuleType) -> None:
    page = "Intro\n\n<!-- mtib: --version -->\n\n  <!-- mtib: show momentum | head -1 -->\n"
    expanded = hooks.expand_markers(page)
    assert f"$ mtib --version\nmtib {mtib.__version__} (data {mtib.DATA_VERSION})\n```" in expanded
    assert "  $ mtib show momentum | head -1\n  Microplastics and Human Health Consortium\n  ```" in expanded
    assert "<!--" not in expanded
    failing = hooks.expand_markers("<!-- mtib: show no-such-record -->")
    assert "no-such-record" in failing and "$ echo $?\n1" in failing
    with pytest.raises(RuntimeError, match="unsupported pipe"):
        hooks.expand_markers("<!-- mtib: overview | grep x -->")


def _subcommands() -> set[str]:
    from mtib import cli

    parser = cli._parser()
    (action,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(action.choices)


def test_cli_reference_covers_every_subcommand() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert "<!-- mtib: --help -->" in text
    commands = _subcommands()
    assert {"overview", "list", "show", "search", "partnerships", "validate", "export"} <= commands
    missing = [c for c in sorted(commands) if f"<!-- mtib: {c} --help -->" not in text]
    assert not missing, f"docs/cli.md has no help marker for: {', '.join(missing)}"


def test_every_page_in_the_nav_exists_or_is_generated(hooks: ModuleType, pages: dict[str, str]) -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))

    def walk(items: Any) -> list[str]:
        found: list[str] = []
        for item in items:
            if isinstance(item, str):
                found.append(item)
            elif isinstance(item, dict):
                for value in item.values():
                    found += walk(value) if isinstance(value, list) else [value]
        return found

    nav = walk(config["nav"])
    generated = set(pages) | set(hooks.api_pages())
    missing = [p for p in nav if not (DOCS / p).is_file() and p not in generated]
    assert not missing
    assert config["theme"]["font"] is False  # no fonts fetched from Google at view time
    assert set(pages) <= set(nav)


def test_griffe_extension_fences_examples_and_roles() -> None:
    pytest.importorskip("griffe")
    spec = importlib.util.spec_from_file_location("mtib_docs_griffe", DOCS / "griffe_doctest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = "Use :func:`load` or :class:`~mtib.Dataset`.\n\n>>> 1\n1\n\nAfter."
    assert module.markdown_docstring(text) == "Use `load` or `Dataset`.\n\n```pycon\n>>> 1\n1\n```\n\nAfter."
