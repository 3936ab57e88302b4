"""The helix model: classifying a set of spheres as triple, quadruple or partial helix.

>>> from mtib.model import HelixSphere as S
>>> classify({S.INDUSTRY, S.ACADEMIA, S.GOVERNMENT}).value
'triple'
>>> classify(set(S)).value
'quadruple'
>>> classify({S.INDUSTRY, S.CIVIL_SOCIETY}).value
'partial'
"""

from __future__ import annotations

from collections.abc import Iterable

from mtib.model import HelixSphere, HelixType

__all__ = ["QUADRUPLE_HELIX", "TRIPLE_HELIX", "classify"]

TRIPLE_HELIX: frozenset[HelixSphere] = frozenset({HelixSphere.INDUSTRY, HelixSphere.ACADEMIA, HelixSphere.GOVERNMENT})
"""Industry, academia and government."""
QUADRUPLE_HELIX: frozenset[HelixSphere] = TRIPLE_HELIX | {HelixSphere.CIVIL_SOCIETY}
"""The triple helix and civil society."""


def classify(spheres: Iterable[HelixSphere]) -> HelixType:
    """The helix classification of a set of spheres.

    All four spheres make a quadruple helix; industry, academia and government
    without civil society make a triple helix; anything else (including no
    spheres at all) is partial.

    >>> classify([]).value
    'partial'
    """
    present = frozenset(spheres)
    if present >= QUADRUPLE_HELIX:
        return HelixType.QUADRUPLE
    if present >= TRIPLE_HELIX:
        return HelixType.TRIPLE
    return HelixType.PARTIAL
