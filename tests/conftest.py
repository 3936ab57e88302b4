"""Shared fixtures and hypothesis profiles.

The tests import the installed package (``pip install -e '.[test]'`` or a wheel),
never the source tree by path.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import mtib

settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(scope="session")
def ds() -> mtib.Dataset:
    """The bundled dataset: for rules that every record must follow, and for results that are
    computed from the data in the test itself (never for figures written into a test)."""
    return mtib.load()


@pytest.fixture(scope="session")
def fixture_ds() -> mtib.Dataset:
    """The frozen fixture dataset of ``tests/fixture/data/``: for tests that assert figures
    (counts, ids in order, rankings), which must not change when records are added to ``data/``.
    The figures of the bundled data itself are pinned in the snapshot (``tests/snapshot/``)."""
    from tests.doctest_data import fixture_dataset

    return fixture_dataset()


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a (dedented) text file into a fresh directory and return its path."""

    def _write(text: str | bytes, name: str = "mine.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write


MINIMAL = """
sources:
  - {id: "my-src", title: "My notes", url: "https://example.org/notes"}
organisations:
  - {id: "my-org", name: "My Cooperative", sphere: "civil_society", sources: ["my-src"]}
partnerships:
  - id: "my-ppp"
    name: "My partnership"
    topsectors: ["energie", "lsh"]
    themes: ["energietransitie"]
    sdgs: [{goal: 7, target: "7.2", rationale: {en: "More renewable energy."}}]
    participants:
      - {organisation: "tno", role: "coordinator"}
      - {organisation: "my-org", role: "partner"}
    period: {start: 2021, end: 2024}
    budget: {amount: 1500000, currency: "EUR"}
    sources: ["my-src"]
"""
