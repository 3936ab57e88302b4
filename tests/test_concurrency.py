"""Concurrency: many threads querying one fresh Dataset get the single-threaded answers.

A Dataset builds its lookup, search and filter indexes lazily, on first use. Here many
threads start at once on a Dataset whose indexes are not built yet, each running the
same mix of lookups, searches, filters and navigation in its own order; every answer
must equal the one a single thread gets. (That ``mtib.load()`` loads the bundled
dataset once under concurrent first calls is tested in ``test_loading.py``.)
"""

from __future__ import annotations

import random
import sys
import threading
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest

import mtib

THREADS = 8


def fresh_dataset() -> mtib.Dataset:
    """A new Dataset with the bundled records: none of its lazy indexes is built yet."""
    return mtib.Dataset({name: list(coll) for name, coll in mtib.load().collections().items()})


def queries(ds: mtib.Dataset) -> list[tuple[str, Callable[[], object]]]:
    """A mix of every kind of query, each named, as calls on ``ds``."""
    q: list[tuple[str, Callable[[], object]]] = []

    def add(name: str, call: Callable[[], object]) -> None:
        q.append((name, call))

    for text in ("Life Sciences en Health", "HTSM", "energie", "Water & Maritiem", "logistiek", "no such sector"):
        add(f"topsectors.lookup({text!r})", partial(ds.topsectors.lookup, text))
    for text in ("Klimaatactie", "Good health and well-being", "SDG 7", "3"):
        add(f"sdgs.lookup({text!r})", partial(ds.sdgs.lookup, text))
    for text in ("ZonMw", "TNO", "zonmw"):
        add(f"organisations.lookup({text!r})", partial(ds.organisations.lookup, text))
    add("partnerships.lookup('MOMENTUM')", lambda: ds.partnerships.lookup("MOMENTUM"))
    for text in ("microplastics", "zorg", "water", "energy transition", "helth"):
        # the search rows of each collection are built lazily too (Dataset.search, over every
        # collection, is left out only because it is slow)
        add(f"partnerships.search({text!r})", partial(ds.partnerships.search, text))
        add(f"themes.scored({text!r})", partial(ds.themes.scored, text))
        add(f"organisations.search({text!r})", partial(ds.organisations.search, text, limit=5))
        add(f"topsectors.search({text!r})", partial(ds.topsectors.search, text))
    criteria: list[dict[str, object]] = [
        {"topsector": "lsh"},
        {"topsector": "lsh", "theme": "gezondheid-zorg"},
        {"sdg": 3, "active_in": 2022},
        {"sdg": "3.3"},
        {"organisation": "ZonMw"},
        {"sphere": "civil_society"},
        {"helix": "quadruple"},
        {"cross_sectoral": True},
        {"topsector": ["lsh", "water"], "sphere": ["industry", "academia"]},
        {"mission": next(iter(ds.missions)).id},
    ]
    for c in criteria:
        add(f"partnerships.where({c})", partial(ds.partnerships.where, **c))  # type: ignore[arg-type]
    some = [coll.records[len(coll) // 2] for coll in ds.collections().values() if coll]
    navigation = (
        "partnerships_of",
        "themes_of",
        "missions_of",
        "sdgs_of",
        "sources_of",
        "topsectors_of",
        "facts_about",
        "events_about",
        "referrers",
        "resolve",
    )
    for record in [*some, "lsh", "gezondheid-zorg", 3, "3.3", "zonmw", "momentum", "tki-bbe"]:
        for name in navigation:
            add(f"{name}({record if isinstance(record, (str, int)) else record.id!r})", _bound(ds, name, record))
    add("tkis_of('chemie')", lambda: ds.tkis_of("chemie"))
    add("organisations_of('momentum')", lambda: ds.organisations_of("momentum"))
    add("facts.contested()", lambda: ds.facts.contested())
    add("events.timeline(2015, 2025)", lambda: ds.events.timeline(2015, 2025))
    add("id_index()['lsh']", lambda: ds.id_index()["lsh"])
    return q


def _bound(ds: mtib.Dataset, name: str, argument: object) -> Callable[[], object]:
    method = getattr(ds, name)
    return lambda: method(argument)


def answer(call: Callable[[], object]) -> object:
    """The result of a query, or the error it raises (as its type and message)."""
    try:
        result = call()
    except (LookupError, mtib.MtibError) as exc:
        return ("raised", type(exc).__name__, str(exc))
    if isinstance(result, dict):
        return dict(result)
    return result


def _orders(n: int, seed: int) -> Iterator[list[int]]:
    rng = random.Random(seed)
    while True:
        order = list(range(n))
        rng.shuffle(order)
        yield order


@pytest.fixture
def fast_switching() -> Iterator[None]:
    """Switch threads as often as possible, to make races likely."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


@pytest.mark.usefixtures("fast_switching")
@pytest.mark.parametrize("round_", range(2))
def test_threads_querying_a_fresh_dataset_agree_with_one_thread(round_: int) -> None:
    expected = {name: answer(call) for name, call in queries(fresh_dataset())}
    assert sum(1 for v in expected.values() if isinstance(v, tuple) and v[:1] == ("raised",)) < len(expected) / 2

    ds = fresh_dataset()
    named = queries(ds)
    results: list[dict[str, object]] = [{} for _ in range(THREADS)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(THREADS)
    orders = _orders(len(named), seed=round_)
    plans = [next(orders) for _ in range(THREADS)]

    def work(i: int) -> None:
        try:
            barrier.wait()
            for j in plans[i]:
                name, call = named[j]
                results[i][name] = answer(call)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    for i, got in enumerate(results):
        assert got.keys() == expected.keys()
        different = [name for name in expected if got[name] != expected[name]]
        assert different == [], f"thread {i} disagrees on {different[:5]}"


@pytest.mark.usefixtures("fast_switching")
def test_threads_loading_the_same_user_file_get_equal_datasets(tmp_path: Path) -> None:
    from tests.conftest import MINIMAL

    path = tmp_path / "mine.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace('"tno"', '"tnoo"'), encoding="utf-8")
    expected = mtib.load(path)
    expected_problems = _problems(bad)
    barrier = threading.Barrier(THREADS)
    loaded: list[object] = []

    def work(i: int) -> None:
        barrier.wait()
        loaded.append(mtib.load(path) if i % 2 else _problems(bad))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(loaded) == THREADS
    assert [x for x in loaded if isinstance(x, mtib.Dataset)] == [expected] * (THREADS // 2)
    assert [x for x in loaded if not isinstance(x, mtib.Dataset)] == [expected_problems] * (THREADS // 2)
    assert "my-ppp" not in mtib.load().partnerships


def _problems(path: Path) -> tuple[mtib.Problem, ...]:
    with pytest.raises(mtib.DataError) as info:
        mtib.load(path)
    return info.value.problems
