"""How complete and how well sourced a dataset is: counts, citations, claims, gaps.

:func:`coverage` measures a :class:`mtib.Dataset` (the bundled one or your own):
how many records of each kind it holds and how many of them are confirmed at a
public source or reported only, how many records cite each source, which records
are reported only, and which coverage checks it passes. ``mtib stats`` prints it.

>>> import mtib
>>> from mtib.analysis import stats
>>> cov = stats.coverage(mtib.load())
>>> cov.records("topsectors"), all(check.passed for check in cov.checks)
(10, True)
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import attrs

from mtib.core.model import Evidence, Lang, Record
from mtib.core.schema import COLLECTIONS, KIND_OF
from mtib.dataset import Dataset, display_name

__all__ = ["Check", "Coverage", "KindCoverage", "coverage"]


@attrs.frozen
class KindCoverage:
    """The records of one kind: how many, how many cite a source, and their evidence.

    ``sourced`` is ``None`` for the sources themselves. ``confirmed`` and ``reported``
    are ``None`` for kinds whose records carry no evidence level (sources,
    organisations, SDGs, ...): those are reference records, each cited to the page
    that describes it.

    >>> k = KindCoverage("partnerships", records=36, sourced=36, confirmed=31, reported=5)
    >>> k.reported
    5
    """

    kind: str
    records: int
    sourced: int | None
    confirmed: int | None = None
    reported: int | None = None


@attrs.frozen
class Check:
    """A coverage check and the ids of the records that fail it (none when it passes).

    >>> Check("every theme has a partnership", ()).passed
    True
    """

    name: str
    failing: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        """Whether no record fails the check.

        >>> Check("every source is cited", ("unused-page",)).passed
        False
        """
        return not self.failing


@attrs.frozen
class Coverage:
    """The coverage of a dataset; made by :func:`coverage`.

    >>> import mtib
    >>> cov = coverage(mtib.load())
    >>> cov.citations[0][1] >= cov.citations[-1][1]      # most-cited source first
    True
    """

    kinds: tuple[KindCoverage, ...]
    citations: tuple[tuple[str, int], ...]
    """Every source id with the number of records that cite it, most-cited first."""
    reported: tuple[Record, ...]
    """Every record whose evidence is reported only (no public source confirms it yet)."""
    checks: tuple[Check, ...]

    @property
    def total(self) -> int:
        """The number of records of every kind.

        >>> import mtib
        >>> coverage(mtib.load()).total == sum(mtib.load().counts().values())
        True
        """
        return sum(k.records for k in self.kinds)

    def records(self, kind: str) -> int:
        """The number of records of ``kind`` (a collection name).

        >>> import mtib
        >>> coverage(mtib.load()).records("sdgs")
        17
        """
        for k in self.kinds:
            if k.kind == kind:
                return k.records
        raise KeyError(f"no collection {kind!r}")

    def kinds_table(self) -> str:
        """The counts per kind as a plain-text table.

        >>> import mtib
        >>> print(coverage(mtib.load()).kinds_table().splitlines()[0])
        kind              records  sourced  confirmed  reported only
        """
        lines = [f"{'kind':<16}{'records':>9}{'sourced':>9}{'confirmed':>11}{'reported only':>15}"]
        for k in self.kinds:
            sourced, confirmed, reported = ("-" if n is None else str(n) for n in (k.sourced, k.confirmed, k.reported))
            lines.append(f"{k.kind:<16}{k.records:>9}{sourced:>9}{confirmed:>11}{reported:>15}")
        return "\n".join(lines)

    def table(self, lang: Lang = "en", top: int | None = 10) -> str:
        """The whole coverage as plain text, in English or Dutch: kinds, most-cited
        sources, reported-only records and the checks. ``top`` limits the list of
        sources (``None``: all).

        >>> import mtib
        >>> "every record cites a source: yes" in coverage(mtib.load()).table()
        True
        >>> "elk record noemt een bron: ja" in coverage(mtib.load()).table("nl")
        True
        """
        out = [f"{self.total} {_t('records of', lang)} {len(self.kinds)} {_t('kinds', lang)}", ""]
        out += [self.kinds_table(), ""]
        shown = self.citations if top is None else self.citations[:top]
        most = "" if top is None else " (" + _t("the {n} most cited", lang).format(n=len(shown)) + ")"
        out += [_t("Records per source", lang) + most]
        width = max((len(s) for s, _ in shown), default=0)
        out += [f"  {source:<{width}}  {n:>5}" for source, n in shown]
        uncited = sum(1 for _, n in self.citations if n == 0)
        out += ["  " + _t("sources: {n}, cited by no record: {u}", lang).format(n=len(self.citations), u=uncited), ""]
        out += [f"{_t('Reported only, not (yet) confirmed at a public source', lang)}: {len(self.reported)}"]
        for record in self.reported:
            name = display_name(record, lang)
            name = name if len(name) <= 70 else name[:67] + "..."
            out.append(f"  {KIND_OF[type(record)]:<13} {record.id}: {name}")
        out += ["", _t("Checks", lang)]
        for check in self.checks:
            mark = _t("yes", lang) if check.passed else f"{_t('NO', lang)}: {', '.join(check.failing)}"
            out.append(f"  {_t(check.name, lang)}: {mark}")
        return "\n".join(out)

    def to_plain(self) -> dict[str, Any]:
        """The coverage as plain data (for JSON).

        >>> import mtib
        >>> coverage(mtib.load()).to_plain()["kinds"]["topsectors"]["records"]
        10
        """
        return {
            "total": self.total,
            "kinds": {k.kind: {f: v for f, v in attrs.asdict(k).items() if f != "kind"} for k in self.kinds},
            "citations": dict(self.citations),
            "reported": [{"kind": KIND_OF[type(r)], "id": r.id} for r in self.reported],
            "checks": [{"name": c.name, "passed": c.passed, "failing": list(c.failing)} for c in self.checks],
        }


_NL = {
    "records of": "records van",
    "kinds": "soorten",
    "Records per source": "Records per bron",
    "the {n} most cited": "de {n} meest geciteerde",
    "sources: {n}, cited by no record: {u}": "bronnen: {n}, door geen record geciteerd: {u}",
    "Reported only, not (yet) confirmed at a public source": (
        "Alleen gemeld, (nog) niet bevestigd bij een openbare bron"
    ),
    "Checks": "Controles",
    "yes": "ja",
    "NO": "NEE",
    "every topsector has a partnership": "elke topsector heeft een partnerschap",
    "every theme has a partnership": "elk thema heeft een partnerschap",
    "every theme, mission and partnership links an SDG": (
        "elk thema, elke missie en elk partnerschap verwijst naar een SDG"
    ),
    "every topsector and theme has a Dutch and an English name": (
        "elke topsector en elk thema heeft een Nederlandse en een Engelse naam"
    ),
    "every record cites a source": "elk record noemt een bron",
    "every source is cited": "elke bron wordt geciteerd",
}


def _t(text: str, lang: Lang) -> str:
    return _NL.get(text, text) if lang == "nl" else text


def _evidence_kinds() -> frozenset[str]:
    return frozenset(name for name, cls in COLLECTIONS.items() if "evidence" in attrs.fields_dict(cls))


def coverage(ds: Dataset) -> Coverage:
    """Measure a dataset's coverage: counts per kind, citations, reported-only records, checks.

    The checks: every topsector and every societal or cross-cutting theme has a
    partnership; every theme, mission and partnership links an SDG; every topsector
    and theme has a Dutch and an English name; every record cites a source; every
    source is cited.

    >>> import mtib
    >>> cov = coverage(mtib.load())
    >>> [c.name for c in cov.checks if not c.passed]
    []
    """
    with_evidence = _evidence_kinds()
    kinds = []
    cited: Counter[str] = Counter()
    reported: list[Record] = []
    unsourced: list[str] = []
    for name in COLLECTIONS:
        records = getattr(ds, name)
        sourced = 0
        counts: Counter[Evidence] = Counter()
        for record in records:
            sources = getattr(record, "sources", ())
            if sources:
                sourced += 1
            elif name != "sources":
                unsourced.append(record.id)
            cited.update(dict.fromkeys(sources, 1))
            if name in with_evidence:
                counts[record.evidence] += 1
                if record.evidence is Evidence.REPORTED:
                    reported.append(record)
        if name in with_evidence:
            kinds.append(
                KindCoverage(name, len(records), sourced, counts[Evidence.CONFIRMED], counts[Evidence.REPORTED])
            )
        else:
            kinds.append(KindCoverage(name, len(records), None if name == "sources" else sourced))
    citations = sorted(((s.id, cited.get(s.id, 0)) for s in ds.sources), key=lambda item: (-item[1], item[0]))
    checks = (
        Check(
            "every topsector has a partnership",
            tuple(t.id for t in ds.topsectors if not ds.partnerships.where(topsector=t.id)),
        ),
        Check(
            "every theme has a partnership",
            tuple(t.id for t in ds.themes if not ds.partnerships.where(theme=t.id)),
        ),
        Check(
            "every theme, mission and partnership links an SDG",
            tuple(r.id for name in ("themes", "missions", "partnerships") for r in getattr(ds, name) if not r.sdgs),
        ),
        Check(
            "every topsector and theme has a Dutch and an English name",
            tuple(
                r.id
                for name in ("topsectors", "themes")
                for r in getattr(ds, name)
                if r.name.nl is None or r.name.en is None
            ),
        ),
        Check("every record cites a source", tuple(unsourced)),
        Check("every source is cited", tuple(s for s, n in citations if n == 0)),
    )
    return Coverage(tuple(kinds), tuple(citations), tuple(reported), checks)
