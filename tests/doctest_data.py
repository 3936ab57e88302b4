"""A pytest plugin: the examples run against the frozen fixture dataset, not the bundled data.

The docstring examples of ``src/mtib``, the examples of ``README.md`` (both collected by
pytest's doctest plugin) and those of ``docs/**/*.md`` (run by ``tests/test_docs.py``)
show the output of ``mtib.load()``. While they run, ``mtib.load()`` returns the small,
frozen sample of the data in ``tests/fixture/data/`` instead of the bundled dataset, so
that adding a record to ``data/`` changes no example. The figures of the bundled data are
checked in one place, the snapshot (``python -m tests.snapshot``).

The plugin is registered in ``pyproject.toml`` (``addopts = ["-p", "tests.doctest_data"]``,
with ``pythonpath = ["."]`` so that ``tests`` imports before any conftest is read).

>>> import mtib
>>> mtib.load() is fixture_dataset()    # in a doctest, the bundled dataset is the fixture
True
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest
from _pytest.doctest import DoctestItem

import mtib
from mtib.io import loading

FIXTURE = Path(__file__).resolve().parent / "fixture"
"""The fixture's directory; its data files are in ``data/``, laid out as ``data/`` of the repository."""

FIXTURE_DATA = FIXTURE / "data"


@functools.cache
def fixture_dataset() -> mtib.Dataset:
    """The frozen fixture dataset, loaded strictly on its own (``bundled=False``), once."""
    return mtib.load(FIXTURE_DATA, bundled=False)


@contextlib.contextmanager
def bundled_is_fixture() -> Iterator[mtib.Dataset]:
    """Make ``mtib.load()`` return the fixture dataset inside the block; the bundled one after it.

    The bundled dataset is cached in ``mtib.io.loading._bundled``; the block puts the
    fixture there and restores whatever was there before (``None`` when the bundled data
    had not been read yet), also when the block raises.
    """
    fixture = fixture_dataset()
    with loading._bundled_lock:
        saved = loading._bundled
        loading._bundled = fixture
    try:
        yield fixture
    finally:
        with loading._bundled_lock:
            loading._bundled = saved


@pytest.fixture(autouse=True)
def _doctests_run_against_the_fixture(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every doctest item (docstrings, README.md) runs with the fixture as the bundled dataset."""
    if isinstance(request.node, DoctestItem):
        with bundled_is_fixture():
            yield
    else:
        yield
