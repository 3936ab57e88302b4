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

from mtib.core.labels import Lang, label
from mtib.core.model import Evidence, HelixType, PartnershipStatus, Record, ThemeKind
from mtib.core.schema import COLLECTIONS, KIND_OF
from mtib.core.tables import clip, text_table
from mtib.dataset import Dataset, display_name

__all__ = ["Check", "Coverage", "KindCoverage", "PortfolioTarget", "coverage", "portfolio_targets"]


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
class PortfolioTarget:
    """A target for the portfolio of partnerships, the value reached and whether it is met.

    ``value`` and ``goal`` are a share (0 to 1) when ``share`` is true, else a count;
    ``failing`` names the records below the target where it is one per record (each
    topsector, each theme).

    >>> t = PortfolioTarget("partnerships with a mission", 0.5, 0.6, share=True)
    >>> t.met, t.shown
    (False, '50% (target 60%)')
    """

    name: str
    value: float
    goal: float
    share: bool = False
    failing: tuple[str, ...] = ()

    @property
    def met(self) -> bool:
        """Whether the value reaches the goal and no record is below it.

        >>> PortfolioTarget("partnerships", 150, 150).met
        True
        """
        return self.value >= self.goal and not self.failing

    @property
    def shown(self) -> str:
        """The value and the goal as text.

        >>> PortfolioTarget("partnerships", 95, 150).shown
        '95 (target 150)'
        """
        if self.share:
            return f"{self.value:.0%} (target {self.goal:.0%})"
        return f"{self.value:g} (target {self.goal:g})"


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
    targets: tuple[PortfolioTarget, ...] = ()
    """The portfolio targets (:func:`portfolio_targets`) and how far the dataset reaches them."""

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

    def kinds_table(self, lang: Lang = "en") -> str:
        """The counts per kind as a plain-text table, with headings in English or Dutch.

        >>> import mtib
        >>> for line in coverage(mtib.load()).kinds_table().splitlines()[:3]:
        ...     print(line)
        kind            records  sourced  confirmed  reported only
        --------------  -------  -------  ---------  -------------
        sources             199        -          -              -
        >>> coverage(mtib.load()).kinds_table("nl").splitlines()[0]
        'soort           records  met bron  bevestigd  alleen gemeld'
        """
        header = [label(f"stats.{key}", lang) for key in ("kind", "records", "sourced", "confirmed", "reported")]
        rows = [
            [k.kind, str(k.records), *("-" if n is None else str(n) for n in (k.sourced, k.confirmed, k.reported))]
            for k in self.kinds
        ]
        return text_table(header, rows, numeric={1, 2, 3, 4})

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
        out = [label("stats.records_of_kinds", lang, n=self.total, kinds=len(self.kinds)), ""]
        out += [self.kinds_table(lang), ""]
        shown = self.citations if top is None else self.citations[:top]
        most = "" if top is None else " (" + label("stats.the_n_most_cited", lang, n=len(shown)) + ")"
        out += [label("stats.records_per_source", lang) + most]
        out += [text_table(None, [[source, str(n)] for source, n in shown], numeric={1}, indent=2)] if shown else []
        uncited = sum(1 for _, n in self.citations if n == 0)
        out += ["  " + label("stats.sources_uncited", lang, n=len(self.citations), u=uncited), ""]
        out += [f"{label('stats.reported_only', lang)}: {len(self.reported)}"]
        if self.reported:
            rows = [[KIND_OF[type(r)], f"{r.id}: {clip(display_name(r, lang), 70)}"] for r in self.reported]
            out.append(text_table(None, rows, indent=2))
        out += ["", label("stats.checks", lang)]
        for check in self.checks:
            mark = label("word.yes", lang) if check.passed else f"{label('stats.NO', lang)}: {', '.join(check.failing)}"
            out.append(f"  {label('check.' + check.name, lang)}: {mark}")
        if self.targets:
            out += ["", label("stats.targets", lang)]
            for target in self.targets:
                mark = label("stats.target_met" if target.met else "stats.target_not_met", lang)
                below = f"; {label('stats.target_below', lang)}: {', '.join(target.failing)}" if target.failing else ""
                value = f"{target.value:.0%}" if target.share else f"{target.value:g}"
                goal = f"{target.goal:.0%}" if target.share else f"{target.goal:g}"
                text = label("stats.target_value", lang, value=value, goal=goal)
                out.append(f"  {label('target.' + target.name, lang)}: {text}, {mark}{below}")
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
            "targets": [
                {"name": t.name, "value": t.value, "goal": t.goal, "met": t.met, "failing": list(t.failing)}
                for t in self.targets
            ],
        }


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
    return Coverage(tuple(kinds), tuple(citations), tuple(reported), checks, portfolio_targets(ds))


def portfolio_targets(ds: Dataset) -> tuple[PortfolioTarget, ...]:
    """How far the dataset's partnerships reach the targets set for mtib's portfolio.

    At least 150 partnerships; a budget or the public funder's contribution on 70%
    of them, a mission link on 60%, a known status on 80%; at least 8 partnerships
    in every topsector and 15 in every societal theme; at least 20 quadruple-helix
    partnerships.

    >>> import mtib
    >>> [t.name for t in portfolio_targets(mtib.load())][:2]
    ['partnerships', "partnerships with a budget or the public funder's contribution"]
    """
    ps = ds.partnerships
    n = len(ps)

    def share(count: int) -> float:
        return count / n if n else 0.0

    per_topsector = {t.id: len(ps.where(topsector=t.id)) for t in ds.topsectors}
    societal = [t for t in ds.themes if t.kind is ThemeKind.SOCIETAL]
    per_theme = {t.id: len(ps.where(theme=t.id)) for t in societal}
    return (
        PortfolioTarget("partnerships", n, 150),
        PortfolioTarget(
            "partnerships with a budget or the public funder's contribution",
            share(sum(1 for p in ps if p.budget is not None or p.funding is not None)),
            0.7,
            share=True,
        ),
        PortfolioTarget("partnerships linked to a mission", share(sum(1 for p in ps if p.missions)), 0.6, share=True),
        PortfolioTarget(
            "partnerships whose status is known",
            share(sum(1 for p in ps if p.status is not PartnershipStatus.UNKNOWN)),
            0.8,
            share=True,
        ),
        PortfolioTarget(
            "partnerships per topsector (each)",
            min(per_topsector.values(), default=0),
            8,
            failing=tuple(f"{k} ({v})" for k, v in per_topsector.items() if v < 8),
        ),
        PortfolioTarget(
            "partnerships per societal theme (each)",
            min(per_theme.values(), default=0),
            15,
            failing=tuple(f"{k} ({v})" for k, v in per_theme.items() if v < 15),
        ),
        PortfolioTarget("quadruple-helix partnerships", len(ps.where(helix=HelixType.QUADRUPLE)), 20),
    )
