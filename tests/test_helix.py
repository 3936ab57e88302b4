"""Helix analytics: classification, composition, and Leydesdorff's T and R against published values."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Mapping

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mtib
from mtib.analysis.helix import (
    QUADRUPLE_HELIX,
    TRIPLE_HELIX,
    classify,
    composition,
    entropy,
    mutual_redundancy,
    sphere_counts,
    synergy,
)
from mtib.core.model import HelixSphere, HelixType

U, I, G, C = HelixSphere.ACADEMIA, HelixSphere.INDUSTRY, HelixSphere.GOVERNMENT, HelixSphere.CIVIL_SOCIETY  # noqa: E741
UIG = (U, I, G)
UIGC = (U, I, G, C)
Counts = dict[frozenset[HelixSphere], float]


def cells(dims: tuple[HelixSphere, ...], *patterns: str, each: float = 1) -> Counts:
    """Counts from bit patterns such as '011' over ``dims`` (each pattern once, ``each`` cases)."""
    out: Counts = {}
    for pattern in patterns:
        assert len(pattern) == len(dims)
        key = frozenset(d for d, bit in zip(dims, pattern, strict=True) if bit == "1")
        out[key] = out.get(key, 0) + each
    return out


# ------------------------------------------------------------- published check values


def test_xor_is_minus_one_bit() -> None:
    counts = cells(UIG, "011", "101", "110", "000")
    assert synergy(counts, UIG) == pytest.approx(-1.0, abs=1e-12)
    assert mutual_redundancy(counts, UIG) == pytest.approx(-1.0, abs=1e-12)


def test_giant_bit_three_variables() -> None:
    counts = cells(UIG, "111", "000")
    assert synergy(counts, UIG) == pytest.approx(1.0, abs=1e-12)
    assert mutual_redundancy(counts, UIG) == pytest.approx(1.0, abs=1e-12)


def test_giant_bit_four_variables() -> None:
    counts = cells(UIGC, "1111", "0000")
    assert synergy(counts, UIGC) == pytest.approx(1.0, abs=1e-12)
    assert mutual_redundancy(counts, UIGC) == pytest.approx(-1.0, abs=1e-12)


def test_four_variable_parity() -> None:
    even = ["".join(bits) for bits in itertools.product("01", repeat=4) if bits.count("1") % 2 == 0]
    assert len(even) == 8
    counts = cells(UIGC, *even)
    assert synergy(counts, UIGC) == pytest.approx(1.0, abs=1e-12)
    assert mutual_redundancy(counts, UIGC) == pytest.approx(-1.0, abs=1e-12)


def test_independence_gives_zero() -> None:
    # counts proportional to pU * pI * pG with pU = 0.3, pI = 0.6, pG = 0.8 (times 1000)
    p = {U: 0.3, I: 0.6, G: 0.8}
    counts: Counts = {}
    for bits in itertools.product((0, 1), repeat=3):
        key = frozenset(d for d, b in zip(UIG, bits, strict=True) if b)
        counts[key] = 1000 * math.prod(p[d] if b else 1 - p[d] for d, b in zip(UIG, bits, strict=True))
    assert synergy(counts, UIG) == pytest.approx(0.0, abs=1e-12)


# ---------------------------------------------------------------- further cases


def test_two_dimensions_is_the_mutual_information() -> None:
    # U and I identical: I(U;I) = H(U) = 1 bit
    assert synergy(cells((U, I), "11", "00"), (U, I)) == pytest.approx(1.0)
    assert synergy(cells((U, I), "10", "01", "11", "00"), (U, I)) == pytest.approx(0.0, abs=1e-12)


def test_entropy() -> None:
    assert entropy([1, 1, 1, 1]) == 2.0
    assert entropy([3, 0, 0]) == 0.0
    assert entropy([1, 3]) == pytest.approx(-(0.25 * math.log2(0.25) + 0.75 * math.log2(0.75)))
    assert entropy([]) == 0.0


def test_the_none_cell_is_an_explicit_choice() -> None:
    counts = cells(UIG, "111", "000")
    # Leaving the none cell out leaves one pattern only: no uncertainty, T = 0.
    assert synergy(counts, UIG, include_none=False) == 0.0
    # A case with civil society only falls in the none cell of U, I, G.
    with_c = {frozenset(UIG): 1, frozenset({C}): 1}
    assert synergy(with_c, UIG) == pytest.approx(1.0)
    assert synergy(with_c, UIG, include_none=False) == 0.0


def test_default_dimensions_are_the_spheres_present() -> None:
    counts = cells(UIG, "011", "101", "110", "000")
    assert synergy(counts) == synergy(counts, UIG)
    assert synergy(cells(UIGC, "1111", "0000")) == pytest.approx(1.0)


def test_bad_input() -> None:
    with pytest.raises(ValueError, match="no spheres"):
        synergy({})
    with pytest.raises(ValueError, match="empty"):
        synergy({frozenset({U}): 0}, [U, I])
    with pytest.raises(ValueError, match=">= 0"):
        synergy({frozenset({U}): -1, frozenset({I}): 2})
    with pytest.raises(TypeError):
        synergy({frozenset({U}): 1}, ["academia"])  # type: ignore[list-item]


def _independent_t3(
    counts: Mapping[frozenset[HelixSphere], float], dims: tuple[HelixSphere, HelixSphere, HelixSphere]
) -> float:
    """T_uig = I(U;I) - I(U;I|G), computed from the joint probabilities directly."""
    total = sum(counts.values())
    joint: Counter[tuple[bool, bool, bool]] = Counter()
    for key, n in counts.items():
        joint[(dims[0] in key, dims[1] in key, dims[2] in key)] += n  # type: ignore[assignment]

    def p(**fixed: bool) -> float:
        names = ("u", "i", "g")
        return sum(n for cell, n in joint.items() if all(cell[names.index(k)] == v for k, v in fixed.items())) / total

    mi = 0.0
    cmi = 0.0
    for u, i in itertools.product((False, True), repeat=2):
        pui = p(u=u, i=i)
        if pui > 0:
            mi += pui * math.log2(pui / (p(u=u) * p(i=i)))
        for g in (False, True):
            puig = p(u=u, i=i, g=g)
            if puig > 0:
                cmi += puig * math.log2(puig * p(g=g) / (p(u=u, g=g) * p(i=i, g=g)))
    return mi - cmi


count_tables = st.dictionaries(
    st.frozensets(st.sampled_from(UIGC)), st.integers(min_value=0, max_value=50), min_size=1
).filter(lambda d: sum(d.values()) > 0)


@given(count_tables)
def test_t3_equals_conditional_mutual_information_form(counts: Counts) -> None:
    assert synergy(counts, UIG) == pytest.approx(_independent_t3(counts, UIG), abs=1e-9)


@given(count_tables, st.permutations(UIGC))
def test_invariant_under_reordering_of_spheres(counts: Counts, order: list[HelixSphere]) -> None:
    assert synergy(counts, order) == pytest.approx(synergy(counts, UIGC), abs=1e-9)
    assert synergy(counts, order[:3]) == pytest.approx(synergy(counts, sorted(order[:3], key=str)), abs=1e-9)


@given(count_tables, st.permutations(UIGC))
def test_invariant_under_relabelling_of_spheres(counts: Counts, relabel: list[HelixSphere]) -> None:
    mapping = dict(zip(UIGC, relabel, strict=True))
    renamed = {frozenset(mapping[s] for s in key): n for key, n in counts.items()}
    assert synergy(renamed, [mapping[s] for s in UIGC]) == pytest.approx(synergy(counts, UIGC), abs=1e-9)


@given(count_tables, st.integers(min_value=2, max_value=7))
def test_invariant_under_scaling(counts: Counts, k: int) -> None:
    scaled = {key: n * k for key, n in counts.items()}
    assert synergy(scaled, UIGC) == pytest.approx(synergy(counts, UIGC), abs=1e-9)


marginals = st.floats(min_value=0.01, max_value=0.99)


@given(marginals, marginals, marginals, marginals)
def test_zero_under_independence(pu: float, pi: float, pg: float, pc: float) -> None:
    p = dict(zip(UIGC, (pu, pi, pg, pc), strict=True))
    counts: Counts = {}
    for bits in itertools.product((0, 1), repeat=4):
        key = frozenset(d for d, b in zip(UIGC, bits, strict=True) if b)
        counts[key] = math.prod(p[d] if b else 1 - p[d] for d, b in zip(UIGC, bits, strict=True))
    assert synergy(counts, UIGC) == pytest.approx(0.0, abs=1e-9)
    three: Counts = {}
    for key, n in counts.items():
        three[key - {C}] = three.get(key - {C}, 0.0) + n
    assert synergy(three, UIG) == pytest.approx(0.0, abs=1e-9)


@given(count_tables)
def test_redundancy_sign_convention(counts: Counts) -> None:
    assert mutual_redundancy(counts, UIG) == synergy(counts, UIG)
    assert mutual_redundancy(counts, UIGC) == -synergy(counts, UIGC)


# ------------------------------------------------------------- counts and composition


def test_classify() -> None:
    assert classify(TRIPLE_HELIX) is HelixType.TRIPLE
    assert classify(QUADRUPLE_HELIX) is HelixType.QUADRUPLE
    assert classify(TRIPLE_HELIX - {G}) is HelixType.PARTIAL


def test_sphere_counts_match_the_partnerships(ds: mtib.Dataset) -> None:
    counts = sphere_counts(ds.partnerships)
    assert sum(counts.values()) == sum(1 for p in ds.partnerships if p.spheres)
    for key, n in counts.items():
        assert n == sum(1 for p in ds.partnerships if p.spheres == key)
    with_none = sphere_counts(ds.partnerships, include_none=True)
    assert sum(with_none.values()) == len(ds.partnerships)
    assert list(counts.values()) == sorted(counts.values(), reverse=True)
    assert sphere_counts([[U, I], {U, I}, [], (G,)]) == {frozenset({U, I}): 2, frozenset({G}): 1}
    with pytest.raises(TypeError):
        sphere_counts([["academia"]])  # type: ignore[list-item]


def test_composition_matches_the_partnerships(ds: mtib.Dataset) -> None:
    c = composition(ds.partnerships)
    assert c.total == len(ds.partnerships)
    for t in HelixType:
        assert c.count(t) == sum(1 for p in ds.partnerships if p.helix_type is t)
    for s in HelixSphere:
        assert c.count(s) == sum(1 for p in ds.partnerships if s in p.spheres)
    assert sum(n for _, n in c.combinations) == c.total
    assert c.share(HelixType.TRIPLE) == c.count(HelixType.TRIPLE) / c.total
    assert "triple helix" in str(c) and "<table" in c._repr_html_()


def test_bundled_synergy_matches_the_independent_formula(fixture_ds: mtib.Dataset) -> None:
    ds = fixture_ds  # the documented worked example runs on the frozen sample
    counts = sphere_counts(ds.partnerships)
    assert synergy(counts, UIG) == pytest.approx(_independent_t3(counts, UIG), abs=1e-12)
    assert synergy(counts, UIG) < 0  # the documented worked example: a little synergy


def test_cli_helix(ds: mtib.Dataset) -> None:
    import io
    import json

    from mtib.cli import main

    out, err = io.StringIO(), io.StringIO()
    assert main(["helix", "--format", "json"], out=out, err=err) == 0
    data = json.loads(out.getvalue())
    counts = sphere_counts(ds.partnerships)
    assert data["synergy_bits"]["T_uig"] == synergy(counts, UIG)
    assert data["synergy_bits"]["R_uigc"] == mutual_redundancy(counts, UIGC)
    assert data["types"] == {t.value: composition(ds.partnerships).count(t) for t in HelixType}
    out = io.StringIO()
    assert main(["helix", "--include-none", "--format", "json"], out=out, err=err) == 0
    with_none = sphere_counts(ds.partnerships, include_none=True)
    assert json.loads(out.getvalue())["synergy_bits"]["T_uig"] == synergy(with_none, UIG)
    out = io.StringIO()
    assert main(["helix", "--lang", "nl", "--topsector", "lsh"], out=out, err=err) == 0
    lsh = ds.partnerships.where(topsector="lsh")
    assert f"Helixsamenstelling ({len(lsh)} partnerschappen)" in out.getvalue()
    assert f"{1000 * synergy(sphere_counts(lsh), UIG):+.2f}" in out.getvalue()


def test_the_composition_of_a_collection_is_that_of_its_partnerships(ds: mtib.Dataset) -> None:
    whole = composition(ds.partnerships)  # counted once by the collection
    assert whole == composition(list(ds.partnerships)) == composition(iter(ds.partnerships))
    assert composition(ds.partnerships) is not whole and composition(ds.partnerships) == whole
    assert dict(ds.partnerships.sphere_combinations()) == dict(sphere_counts(ds.partnerships, include_none=True))
