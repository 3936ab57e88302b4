"""One catalogue of bilingual labels: complete, consistent, and the only place that holds them."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

import mtib
from mtib.core.labels import CATALOGUE, LANGS, enum_label, label
from mtib.core.model import EnvironmentalChange, HealthDimension, HelixSphere, HelixType

LABELLED = (HelixSphere, HelixType, EnvironmentalChange, HealthDimension)
ROOT = Path(mtib.__file__).parent


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_label_has_both_languages_and_the_same_placeholders() -> None:
    assert len(LANGS) == 2
    for key, (nl, en) in CATALOGUE.items():
        assert nl.strip() and en.strip() and nl == nl.strip() and en == en.strip(), key
        assert _fields(nl) == _fields(en), key


def test_every_member_of_the_labelled_enums_has_a_label() -> None:
    for cls in LABELLED:
        for member in cls:
            for i, lang in enumerate(LANGS):
                assert member.label(lang) == enum_label(member, lang) == CATALOGUE[f"{cls.__name__}.{member.value}"][i]
    assert HelixSphere.ACADEMIA.label("nl") == "kennisinstellingen" and HelixSphere.ACADEMIA.label() == "academia"
    assert HelixType.PARTIAL.label("nl") == "gedeeltelijk" and HelixType.TRIPLE.label("nl") == "triple helix"
    assert HealthDimension.MENTAL_WELL_BEING.label() == "mental well-being"


def test_label_fills_placeholders_and_refuses_unknown_keys() -> None:
    assert label("cli.helix_of", "nl", n=3) == "Helixsamenstelling (3 partnerschappen)"
    assert label("word.partnerships") == "partnerships"
    with pytest.raises(KeyError):
        label("word.nonexistent", "en")
    with pytest.raises(TypeError):
        CATALOGUE["word.none"] = ("x", "y")  # type: ignore[index]


DUTCH_UI_WORDS = ("partnerschappen", "kennisinstellingen", "bedrijfsleven", "topsectoren", "gedeeltelijk", "sinds ")


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
        if isinstance(node, (ast.Module, ast.ClassDef)):  # attribute docstrings: a string after an assignment
            for before, after in zip(node.body, node.body[1:], strict=False):
                assignment = isinstance(before, (ast.Assign, ast.AnnAssign))
                if assignment and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant):
                    ids.add(id(after.value))
    return ids


def _copies(path: Path, root: Path = ROOT) -> list[str]:
    """Comparisons of ``lang`` with a language code, and Dutch words in strings, outside the catalogue."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    shown = path.relative_to(root.parent)
    docs = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            names = [n for n in (node.left, *node.comparators) if isinstance(n, ast.Name) and n.id == "lang"]
            codes = [n for n in (node.left, *node.comparators) if isinstance(n, ast.Constant) and n.value in LANGS]
            if names and codes:
                found.append(f"{shown}:{node.lineno}: compares lang with a language code")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            for word in DUTCH_UI_WORDS:
                if word in node.value:
                    found.append(f"{shown}:{node.lineno}: the Dutch word {word!r} outside the catalogue")
    return found


def test_no_module_keeps_its_own_bilingual_words() -> None:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        if path.name == "labels.py" and path.parent.name == "core":
            continue
        found += _copies(path)
    # Text.get chooses a record's own text by language: that is the data, not a label.
    allowed = {f"mtib/core/model.py:{n}" for n in _text_get_lines()}
    found = [f for f in found if ":".join(f.split(":")[:2]) not in allowed]
    assert not found, "\n".join(found)


def _text_get_lines() -> set[int]:
    tree = ast.parse((ROOT / "core" / "model.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == "Text":
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == "get":
                    return set(range(item.lineno, (item.end_lineno or item.lineno) + 1))
    return set()


def test_the_copy_finder_finds_copies(tmp_path: Path) -> None:
    module = tmp_path / "mtib" / "x.py"
    module.parent.mkdir()
    module.write_text(
        '"""Over partnerschappen (a docstring may say it)."""\n'
        'def f(lang):\n    return "partnerschappen" if lang == "nl" else "partnerships"\n',
        encoding="utf-8",
    )
    assert _copies(module, tmp_path / "mtib") == [
        "mtib/x.py:3: compares lang with a language code",
        "mtib/x.py:3: the Dutch word 'partnerschappen' outside the catalogue",
    ]
