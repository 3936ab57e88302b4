"""mtib: Dutch mission-driven topsector and innovation policy as typed, sourced data.

A typed, immutable model and a bundled, sourced dataset of the Missiegedreven
Topsectoren- en Innovatiebeleid: the triple and quadruple helix, the topsectors
and their TKIs, the societal themes and their missions, the UN SDGs they link
to, and the public-private partnerships that act on them.

>>> import mtib
>>> ds = mtib.load()
>>> ds.topsectors.lookup("Life Sciences en Health").acronym
'LSH'
>>> [p.id for p in ds.partnerships.where(topsector="lsh", sdg=3)][:2]
['amr-global', 'gloria']

Importing mtib is cheap: every public name is imported on first use, and the
data are only read on the first call of :func:`load`.
"""

from __future__ import annotations

import importlib

from mtib._version import DATA_VERSION, __version__

TYPE_CHECKING = False  # not imported from typing: `import mtib` imports nothing it does not need
if TYPE_CHECKING:
    from typing import Any

    from mtib.core.errors import DataError, MtibError, Problem
    from mtib.core.model import (
        TKI,
        Agenda,
        Concept,
        Covenant,
        EnvironmentalChange,
        Event,
        Evidence,
        Fact,
        Goal,
        HealthDimension,
        HelixSphere,
        HelixType,
        Indicator,
        Instrument,
        InstrumentKind,
        Mission,
        Money,
        Organisation,
        OrganisationKind,
        Participant,
        Partnership,
        PartnershipKind,
        PartnershipStatus,
        Period,
        Rate,
        Role,
        SDGLink,
        SDGRelation,
        Source,
        SourceKind,
        Target,
        Text,
        Theme,
        ThemeKind,
        Topsector,
    )
    from mtib.dataset import (
        Collection,
        Dataset,
        EventCollection,
        FactCollection,
        NotFoundError,
        PartnershipCollection,
        SDGCollection,
    )
    from mtib.io.loading import dump, dumps, load, to_plain
    from mtib.io.reading import Limits

__all__ = [
    "DATA_VERSION",
    "TKI",
    "Agenda",
    "Collection",
    "Concept",
    "Covenant",
    "DataError",
    "Dataset",
    "EnvironmentalChange",
    "Event",
    "EventCollection",
    "Evidence",
    "Fact",
    "FactCollection",
    "Goal",
    "HealthDimension",
    "HelixSphere",
    "HelixType",
    "Indicator",
    "Instrument",
    "InstrumentKind",
    "Limits",
    "Mission",
    "Money",
    "MtibError",
    "NotFoundError",
    "Organisation",
    "OrganisationKind",
    "Participant",
    "Partnership",
    "PartnershipCollection",
    "PartnershipKind",
    "PartnershipStatus",
    "Period",
    "Problem",
    "Rate",
    "Role",
    "SDGCollection",
    "SDGLink",
    "SDGRelation",
    "Source",
    "SourceKind",
    "Target",
    "Text",
    "Theme",
    "ThemeKind",
    "Topsector",
    "__version__",
    "dump",
    "dumps",
    "load",
    "to_plain",
]

_MODULE_OF = {
    **dict.fromkeys(
        [
            "Collection",
            "Dataset",
            "EventCollection",
            "FactCollection",
            "NotFoundError",
            "PartnershipCollection",
            "SDGCollection",
        ],
        "mtib.dataset",
    ),
    **dict.fromkeys(["DataError", "MtibError", "Problem"], "mtib.core.errors"),
    **dict.fromkeys(["dump", "dumps", "load", "to_plain"], "mtib.io.loading"),
    "Limits": "mtib.io.reading",
}
"""Where each public name lives; everything else in ``__all__`` is in :mod:`mtib.core.model`."""


def __getattr__(name: str) -> Any:
    # Public names are imported on first use, so that ``import mtib`` costs next to nothing.
    if name not in __all__ or name in ("DATA_VERSION", "__version__"):
        raise AttributeError(f"module 'mtib' has no attribute {name!r}")
    value = getattr(importlib.import_module(_MODULE_OF.get(name, "mtib.core.model")), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
