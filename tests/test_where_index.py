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
        pair = ps._pair(topsector, goal)
        assert pair is not None and list(pair.order) == positions
    assert ps._pair("no-such-topsector", "3") is None


def test_the_bundled_partnerships() -> None:
    _same(mtib.load().partnerships)


def test_a_query_builds_only_the_facets_it_asks_for(tmp_path: Path) -> None:
    ps = mtib.load(_synthetic(tmp_path, 200)).partnerships
    sphere = ps.where(sphere="civil_society")
    assert set(ps._facets) == {"sphere"}
    both = ps.where(topsector="lsh", sdg=3, kind="project")
    assert set(ps._facets) == {"sphere", "topsector", "sdg", "kind"}
    # answered as a whole build would answer them
    expected = _reference(ps.records)
    assert list(sphere.ids()) == [ps.records[i].id for i in expected["sphere"][mtib.HelixSphere.CIVIL_SOCIETY]]
    wanted = set(expected["topsector"].get("lsh", [])) & set(expected["sdg"].get("3", []))
    wanted &= set(expected["kind"].get(mtib.PartnershipKind.PROJECT, []))
    assert [p.id for p in both] == [ps.records[i].id for i in sorted(wanted)]


def _synthetic(tmp_path: Path, n: int) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    try:
        synth: Any = importlib.import_module("synth")  # the benchmarks' synthetic portfolios
    finally:
        sys.path.pop(0)
    path: Path = synth.write(n, tmp_path / "p.json")
    return path


def test_synthetic_partnerships(tmp_path: Path) -> None:
    _same(mtib.load(_synthetic(tmp_path, 300)).partnerships)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=datasets())
def test_random_partnerships(records: dict[str, list[Any]]) -> None:
    _same(_with_spheres(records).partnerships)


def test_an_empty_collection() -> None:
    _same(mtib.Dataset().partnerships)
