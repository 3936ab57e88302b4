"""The helix model: classification, composition and synergy of the helix spheres.

A partnership's *spheres* are the helix spheres of its participants (industry,
academia, government, civil society). :func:`classify` names a set of spheres
(triple, quadruple or partial helix); :func:`composition` counts a portfolio;
:func:`synergy` and :func:`mutual_redundancy` compute Leydesdorff's
Triple-Helix indicator and its n-helix generalisation from the case counts
that :func:`sphere_counts` returns.

>>> from mtib.core.model import HelixSphere as S
>>> classify({S.INDUSTRY, S.ACADEMIA, S.GOVERNMENT}).value
'triple'
>>> classify(set(S)).value
'quadruple'
>>> classify({S.INDUSTRY, S.CIVIL_SOCIETY}).value
'partial'

The exclusive-or table, one case in each of the cells 011, 101, 110 and 000 of
(U, I, G), is the textbook case of synergy: T = -1 bit.

>>> xor = {frozenset({S.INDUSTRY, S.GOVERNMENT}): 1, frozenset({S.ACADEMIA, S.GOVERNMENT}): 1,
...        frozenset({S.ACADEMIA, S.INDUSTRY}): 1, frozenset(): 1}
>>> synergy(xor, spheres=[S.ACADEMIA, S.INDUSTRY, S.GOVERNMENT])
-1.0
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterable, Mapping

import attrs

from mtib.core.model import QUADRUPLE_HELIX, TRIPLE_HELIX, HelixSphere, HelixType, Lang, Partnership, classify
from mtib.core.tables import html_table, text_table

__all__ = [
    "QUADRUPLE_HELIX",
    "TRIPLE_HELIX",
    "Composition",
    "classify",
    "composition",
    "entropy",
    "mutual_redundancy",
    "sphere_counts",
    "synergy",
]

_ORDER = {sphere: i for i, sphere in enumerate(HelixSphere)}


def _spheres_of(case: Partnership | Iterable[HelixSphere]) -> frozenset[HelixSphere]:
    if isinstance(case, Partnership):
        return case.spheres
    spheres = frozenset(case)
    for s in spheres:
        if not isinstance(s, HelixSphere):
            raise TypeError(f"expected a Partnership or a set of HelixSphere values, got {s!r} in a case")
    return spheres


def sphere_counts(
    partnerships: Iterable[Partnership | Iterable[HelixSphere]], include_none: bool = False
) -> dict[frozenset[HelixSphere], int]:
    """How many cases have each combination of spheres: the input of :func:`synergy`.

    Each case is a :class:`~mtib.Partnership` (its participants' spheres) or
    any iterable of :class:`~mtib.HelixSphere` values. A case with none of the
    spheres (a partnership whose participants are unknown or unplaced) is
    left out, unless ``include_none`` is true: then it is counted under the
    empty set, the "none" cell of the table (000 for U, I, G). Including it
    changes the entropies and so the synergy; say which you chose.

    The mapping is ordered by count (largest first), then by the spheres.

    >>> import mtib
    >>> from mtib.core.model import HelixSphere as S
    >>> counts = sphere_counts(mtib.load().partnerships)
    >>> counts[frozenset({S.INDUSTRY, S.ACADEMIA, S.GOVERNMENT})]
    4
    >>> frozenset() in counts, frozenset() in sphere_counts(mtib.load().partnerships, include_none=True)
    (False, True)
    """
    tally: Counter[frozenset[HelixSphere]] = Counter()
    for case in partnerships:
        spheres = _spheres_of(case)
        if spheres or include_none:
            tally[spheres] += 1
    return dict(sorted(tally.items(), key=lambda kv: (-kv[1], _set_key(kv[0]))))


_BIT = {sphere: 1 << i for i, sphere in enumerate(HelixSphere)}


def _set_key(spheres: frozenset[HelixSphere]) -> tuple[int, ...]:
    return tuple(sorted(_ORDER[s] for s in spheres))


def entropy(counts: Iterable[float]) -> float:
    """The Shannon entropy, in bits, of a distribution given as (unnormalised) counts.

    >>> entropy([1, 1]), entropy([5]), entropy([1, 1, 1, 1])
    (1.0, 0.0, 2.0)
    """
    values = [float(c) for c in counts if c > 0]
    total = math.fsum(values)
    if total <= 0:
        return 0.0
    return -math.fsum(c / total * math.log2(c / total) for c in values) + 0.0


def _dimensions(
    counts: Mapping[frozenset[HelixSphere], float], spheres: Iterable[HelixSphere] | None
) -> tuple[HelixSphere, ...]:
    if spheres is None:
        present = set().union(*counts) if counts else set()
        dims = tuple(sorted(present, key=_ORDER.__getitem__))
    else:
        dims = tuple(dict.fromkeys(spheres))
        for s in dims:
            if not isinstance(s, HelixSphere):
                raise TypeError(f"spheres must be HelixSphere values, got {s!r}")
    if not dims:
        raise ValueError("no spheres to analyse: the counts hold no sphere and none were given")
    return dims


def _table(
    counts: Mapping[frozenset[HelixSphere], float], dims: tuple[HelixSphere, ...], include_none: bool
) -> dict[tuple[bool, ...], float]:
    """The joint table of the binary variables ``dims``: cell (present per dimension) -> count."""
    table: dict[tuple[bool, ...], float] = {}
    for key, n in counts.items():
        if isinstance(n, bool) or not isinstance(n, (int, float)) or not math.isfinite(n) or n < 0:
            raise ValueError(f"counts must be finite numbers >= 0, got {n!r} for {sorted(s.value for s in key)}")
        cell = tuple(s in key for s in dims)
        if not include_none and not any(cell):
            continue
        table[cell] = table.get(cell, 0) + n
    if math.fsum(table.values()) <= 0:
        raise ValueError("the counts are empty: there are no cases to analyse")
    return table


def _coinformation(table: Mapping[tuple[bool, ...], float], n: int) -> float:
    """T_n = sum over non-empty subsets S of the dimensions of (-1)^(|S|+1) H(X_S)."""
    terms: list[float] = []
    for size in range(1, n + 1):
        sign = 1.0 if size % 2 == 1 else -1.0
        for subset in itertools.combinations(range(n), size):
            marginal: dict[tuple[bool, ...], float] = {}
            for cell, c in table.items():
                key = tuple(cell[i] for i in subset)
                marginal[key] = marginal.get(key, 0) + c
            terms.append(sign * entropy(marginal.values()))
    value = math.fsum(terms)
    # Entropies are exact up to rounding; report the exact zero and integers as such.
    rounded = round(value, 12)
    return rounded + 0.0


def synergy(
    counts: Mapping[frozenset[HelixSphere], float],
    spheres: Iterable[HelixSphere] | None = None,
    *,
    include_none: bool = True,
) -> float:
    """Leydesdorff's Triple-Helix indicator T, in bits: the co-information of the spheres.

    ``counts`` maps each combination of spheres to its number of cases (as
    :func:`sphere_counts` returns it). Each sphere in ``spheres`` (by default
    every sphere that occurs in ``counts``, in the order of
    :class:`~mtib.HelixSphere`) is a binary variable, present or absent per
    case, and

        T = sum over non-empty subsets S of the spheres of (-1)^(|S|+1) H(S),

    with H the Shannon entropy (bits) of the joint distribution of the spheres
    in S. For three spheres U, I, G this is
    T = H_u + H_i + H_g - H_ui - H_ug - H_ig + H_uig = I(U;I) - I(U;I|G)
    (Leydesdorff 2003); for four, its n-helix generalisation (Leydesdorff,
    Park & Lengyel 2014). Multiply by 1000 for millibits. The result is
    rounded to 12 decimals, so that exact values (0, -1) come out exact.

    **The sign.** For three spheres a *negative* T means synergy: knowing the
    third sphere reduces the uncertainty left between the other two more than
    their bilateral relation accounts for, as in the exclusive-or table
    (T = -1). A positive T means redundancy: the spheres move together (one
    case with all, one with none: T = +1). For four spheres the sign of T
    flips: use :func:`mutual_redundancy`, which is negative for synergy in any
    number of dimensions. T = 0 when the spheres are independent, and T does
    not depend on the order in which the spheres are given.

    A case whose spheres lie outside ``spheres`` (civil society only, when
    U, I, G are analysed) falls in the "none" cell (all absent). Such cases,
    and the cases counted under the empty set, count by default, as in the
    published tables; ``include_none=False`` leaves them out. Cases are never
    dropped silently: :func:`sphere_counts` only counts the empty set when
    asked.

    >>> from mtib.core.model import HelixSphere as S
    >>> U, I, G = S.ACADEMIA, S.INDUSTRY, S.GOVERNMENT
    >>> synergy({frozenset({U, I, G}): 1, frozenset(): 1}, [U, I, G])   # redundancy
    1.0
    >>> independent = {frozenset(c): 1 for c in [(), (U,), (I,), (G,), (U, I), (U, G), (I, G), (U, I, G)]}
    >>> synergy(independent)
    0.0

    On the partnerships of ``mtib.load()`` (without the one that has no placed
    participant), in millibits:

    >>> import mtib
    >>> round(1000 * synergy(sphere_counts(mtib.load().partnerships), [U, I, G]), 2)
    -3.0
    """
    dims = _dimensions(counts, spheres)
    return _coinformation(_table(counts, dims, include_none), len(dims))


def mutual_redundancy(
    counts: Mapping[frozenset[HelixSphere], float],
    spheres: Iterable[HelixSphere] | None = None,
    *,
    include_none: bool = True,
) -> float:
    """The mutual redundancy R = (-1)^(n+1) T over n spheres, in bits (Leydesdorff & Ivanova 2014).

    R equals :func:`synergy` for three spheres and its negative for four; a
    negative R means synergy in any number of dimensions. Arguments as for
    :func:`synergy`.

    >>> from mtib.core.model import HelixSphere as S
    >>> giant_bit = {frozenset(S): 1, frozenset(): 1}      # all four spheres, or none
    >>> synergy(giant_bit), mutual_redundancy(giant_bit)
    (1.0, -1.0)
    """
    dims = _dimensions(counts, spheres)
    t = _coinformation(_table(counts, dims, include_none), len(dims))
    return (t if len(dims) % 2 == 1 else -t) + 0.0


@attrs.frozen
class Composition:
    """The helix composition of a portfolio of partnerships.

    ``types`` counts triple, quadruple and partial helix partnerships (every
    :class:`~mtib.HelixType`, in order); ``spheres`` counts the partnerships
    in which each sphere takes part; ``combinations`` counts each set of
    spheres (the empty set for partnerships without placed participants).

    >>> import mtib
    >>> c = composition(mtib.load().partnerships)
    >>> c.total == len(mtib.load().partnerships)
    True
    >>> c.count(HelixType.TRIPLE) + c.count(HelixType.QUADRUPLE) + c.count(HelixType.PARTIAL) == c.total
    True
    """

    total: int
    types: tuple[tuple[HelixType, int], ...]
    spheres: tuple[tuple[HelixSphere, int], ...]
    combinations: tuple[tuple[frozenset[HelixSphere], int], ...]

    def count(self, key: HelixType | HelixSphere | frozenset[HelixSphere]) -> int:
        """The number of partnerships of a helix type, with a sphere, or with exactly a set of spheres.

        >>> import mtib
        >>> composition(mtib.load().partnerships).count(frozenset(QUADRUPLE_HELIX))
        2
        """
        pairs: tuple[tuple[object, int], ...]
        if isinstance(key, HelixType):
            pairs = self.types
        elif isinstance(key, HelixSphere):
            pairs = self.spheres
        else:
            pairs = self.combinations
            key = frozenset(key)
        return next((n for k, n in pairs if k == key), 0)

    def share(self, key: HelixType | HelixSphere | frozenset[HelixSphere]) -> float:
        """:meth:`count` as a fraction of :attr:`total` (0.0 for an empty portfolio).

        >>> composition([]).share(HelixType.TRIPLE)
        0.0
        """
        return self.count(key) / self.total if self.total else 0.0

    def table(self, lang: Lang = "en") -> list[tuple[str, int]]:
        """Label and count of each helix type, then of each sphere, for display.

        >>> import mtib
        >>> composition(mtib.load().partnerships).table("nl")[0][0]
        'quadruple helix'
        """
        return [(t.label(lang), n) for t, n in self.types] + [(s.label(lang), n) for s, n in self.spheres]

    def __str__(self) -> str:
        return text_table(None, [[label, str(n)] for label, n in self.table()], numeric={1})

    def _repr_html_(self) -> str:
        return html_table(["", "n"], [[label, str(n)] for label, n in self.table()], numeric={1})


def composition(partnerships: Iterable[Partnership]) -> Composition:
    """The helix composition of a portfolio: how many triple, quadruple and partial helix partnerships.

    >>> import mtib
    >>> ds = mtib.load()
    >>> c = composition(ds.partnerships.where(topsector="lsh"))
    >>> [(t.value, n) for t, n in c.types]   # doctest: +SKIP
    [('quadruple', ...), ('triple', ...), ('partial', ...)]
    >>> c.count(HelixType.TRIPLE) == sum(1 for p in ds.partnerships.where(topsector="lsh")
    ...                                   if p.helix_type is HelixType.TRIPLE)
    True
    """
    # One pass: each partnership's spheres once; the types and the sphere counts follow from the
    # (at most 16) combinations, so the cost is that of reading the participants.
    masks: Counter[int] = Counter()
    others: Counter[frozenset[HelixSphere]] = Counter()
    bit = _BIT
    counted = getattr(partnerships, "sphere_combinations", None)  # a whole collection keeps its count
    if counted is not None:
        others.update(counted())
        partnerships = ()
    for case in partnerships:
        if isinstance(case, Partnership):  # the common case: a bit per sphere, no set per partnership
            mask = 0
            for part in case.participants:
                if part.sphere is not None:
                    mask |= bit[part.sphere]
            masks[mask] += 1
        else:
            others[_spheres_of(case)] += 1
    combos = others
    for mask, n in masks.items():
        combos[frozenset(s for s, b in bit.items() if mask & b)] += n
    types: Counter[HelixType] = Counter()
    spheres: Counter[HelixSphere] = Counter()
    for combo, n in combos.items():
        types[classify(combo)] += n
        for sphere in combo:
            spheres[sphere] += n
    return Composition(
        total=sum(combos.values()),
        types=tuple((t, types.get(t, 0)) for t in HelixType),
        spheres=tuple((s, spheres.get(s, 0)) for s in HelixSphere),
        combinations=tuple(sorted(combos.items(), key=lambda kv: (-kv[1], _set_key(kv[0])))),
    )
