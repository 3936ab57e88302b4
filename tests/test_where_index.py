"""The facet index of ``where()`` is built by columns; it holds what the record-by-record build held.

The reference below is the build it replaced, kept as the oracle: each partnership's
values are posted one by one. The pairs of a topsector and an SDG goal, which the new
index makes on first use, are compared for every pair that occurs.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

import mtib
from mtib.dataset import PartnershipCollection

from .test_properties import _with_spheres, datasets


def _reference(records: tuple[mtib.Partnership, ...]) -> dict[str, dict[Any, list[int]]]:
    names = ("topsector", "theme", "mission", "sdg", "sphere", "organisation", "kind", "status", "helix")
    facets: dict[str, dict[Any, list[int]]] = {name: {} for name in names}
    facets["cross_sectoral"] = {}
    facets["topsector_sdg"] = {}
    for i, p in enumerate(records):
        for table, keys in (
            (facets["topsector"], p.topsectors),
            (facets["theme"], p.themes),
            (facets["mission"], p.missions),
            (facets["sdg"], [k for link in p.sdgs for k in (str(link.goal), link.target) if k is not None]),
            (facets["topsector_sdg"], [(t, str(link.goal)) for t in p.topsectors for link in p.sdgs]),
            (facets["sphere"], p.spheres),
            (facets["organisation"], [part.organisation for part in p.participants]),
        ):
            for key in keys:
                postings = table.setdefault(key, [])
                if not postings or postings[-1] != i:
                    postings.append(i)
        facets["kind"].setdefault(p.kind, []).append(i)
        facets["status"].setdefault(p.status, []).append(i)
        facets["helix"].setdefault(p.helix_type, []).append(i)
        facets["cross_sectoral"].setdefault(p.cross_sectoral, []).append(i)
    return facets


def _same(ps: PartnershipCollection) -> None:
    expected = _reference(ps.records)
    built = ps._build_facets()
    for name, table in expected.items():
        if name == "topsector_sdg":
            continue
        assert {k: list(v.order) for k, v in built[name].items()} == table, name
        assert all(v.members == frozenset(v.order) for v in built[name].values())
    for (topsector, goal), positions in expected["topsector_sdg"].items():
        pair = ps._pair(built, topsector, goal)
        assert pair is not None and list(pair.order) == positions
    assert ps._pair(built, "no-such-topsector", "3") is None


def test_the_bundled_partnerships() -> None:
    _same(mtib.load().partnerships)


def test_synthetic_partnerships(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    try:
        synth: Any = importlib.import_module("synth")  # the benchmarks' synthetic portfolios
    finally:
        sys.path.pop(0)
    ds = mtib.load(synth.write(300, tmp_path / "p.json"))
    _same(ds.partnerships)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=datasets())
def test_random_partnerships(records: dict[str, list[Any]]) -> None:
    _same(_with_spheres(records).partnerships)


def test_an_empty_collection() -> None:
    _same(mtib.Dataset().partnerships)


_SHARING = {"topsector": {"cross_sectoral"}, "cross_sectoral": {"topsector"}, "sphere": {"helix"}, "helix": {"sphere"}}


def _lazily(ps: PartnershipCollection) -> None:
    """Each facet built alone, by the first query that asks for it, holds what the reference holds,
    and a query built no facet it did not need (but those that share its work)."""
    expected = _reference(ps.records)
    for name in ("topsector", "theme", "mission", "sdg", "sphere", "organisation", "kind", "status", "helix"):
        fresh = PartnershipCollection(ps.records, dataset=ps._dataset)
        table = fresh._facet(name)
        assert {k: list(v.order) for k, v in table.items()} == expected[name], name
        assert set(fresh._facets) == {name, "topsector_sdg", *_SHARING.get(name, ())}
    fresh = PartnershipCollection(ps.records, dataset=ps._dataset)
    assert {k: list(v.order) for k, v in fresh._facet("cross_sectoral").items()} == expected["cross_sectoral"]


def _where_is_a_filter(ps: PartnershipCollection) -> None:
    """A query on a fresh collection (its one facet built then) selects what a filter over the records does."""
    records = ps.records
    checks: list[tuple[dict[str, Any], Any]] = [
        ({"cross_sectoral": True}, lambda p: p.cross_sectoral),
        ({"cross_sectoral": False}, lambda p: not p.cross_sectoral),
    ]
    for topsector in {v for p in records for v in p.topsectors}:
        checks.append(({"topsector": topsector}, lambda p, v=topsector: v in p.topsectors))
    for theme in {v for p in records for v in p.themes}:
        checks.append(({"theme": theme}, lambda p, v=theme: v in p.themes))
    for sphere in {s for p in records for s in p.spheres}:
        checks.append(({"sphere": sphere}, lambda p, v=sphere: v in p.spheres))
    for helix in {p.helix_type for p in records}:
        checks.append(({"helix": helix}, lambda p, v=helix: p.helix_type is v))
    for kind in {p.kind for p in records}:
        checks.append(({"kind": kind}, lambda p, v=kind: p.kind is v))
    for status in {p.status for p in records}:
        checks.append(({"status": status}, lambda p, v=status: p.status is v))
    for organisation in {x.organisation for p in records for x in p.participants}:
        checks.append(
            ({"organisation": organisation}, lambda p, v=organisation: any(x.organisation == v for x in p.participants))
        )
    for sdg in {link.goal for p in records for link in p.sdgs}:
        checks.append(({"sdg": sdg}, lambda p, v=sdg: any(link.goal == v for link in p.sdgs)))
    for criteria, keep in checks:
        fresh = PartnershipCollection(records)  # no dataset: ids are taken as they are
        assert fresh.where(**criteria) == tuple(p for p in records if keep(p)), criteria


def test_facets_built_lazily_on_the_bundled_partnerships() -> None:
    ps = mtib.load().partnerships
    _lazily(ps)
    _where_is_a_filter(ps)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=datasets())
def test_facets_built_lazily_on_random_partnerships(records: dict[str, list[Any]]) -> None:
    ps = _with_spheres(records).partnerships
    _lazily(ps)
    _where_is_a_filter(ps)


def test_postings_make_their_set_on_first_use() -> None:
    from mtib.dataset import _Postings

    postings = _Postings.of([1, 4, 9])
    assert postings.order == (1, 4, 9) and postings._members is None
    assert postings.members == frozenset({1, 4, 9}) and postings.members is postings.members
    union = _Postings.union([postings, _Postings.of([2, 4])])
    assert union.order == (1, 2, 4, 9) and union.members == frozenset(union.order)
