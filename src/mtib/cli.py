"""The ``mtib`` command line: overview, lists, lookups, filters, validation, export, analyses and charts.

Exit status: 0 on success, 1 when something is not found or data is invalid
(the message goes to stderr), 2 on a usage error. A user mistake never ends in
a traceback.

>>> main(["--version"])  # doctest: +ELLIPSIS
mtib ... (data ...)
0
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import mtib
from mtib._version import DATA_VERSION, __version__
from mtib.core.checks import PROFILES
from mtib.core.errors import DataError, MtibError
from mtib.core.model import (
    TKI,
    Agenda,
    Covenant,
    Event,
    Fact,
    HelixSphere,
    HelixType,
    Instrument,
    Lang,
    Mission,
    Organisation,
    Partnership,
    Record,
    Source,
    Text,
    Topsector,
)
from mtib.core.schema import COLLECTIONS, KIND_OF
from mtib.dataset import Dataset, NotFoundError, display_name
from mtib.io.writing import atomic_path, check_target, write_text

__all__ = ["main"]

_L: dict[str, tuple[str, str]] = {
    "title": (
        "Missiegedreven Topsectoren- en Innovatiebeleid: de dataset",
        "Mission-driven topsector and innovation policy: the dataset",
    ),
    "counts": ("Aantallen", "Counts"),
    "topsectors": ("Topsectoren en hun partnerschappen", "Topsectors and their partnerships"),
    "themes": ("Thema's, hun SDG's en missies", "Themes, their SDGs and missions"),
    "helix": ("Helixsamenstelling van de partnerschappen", "Helix composition of the partnerships"),
    "covenants": (
        "Kennis- en innovatieconvenanten en hun agenda's (KIC, KIA)",
        "Knowledge and innovation covenants and their agendas (KIC, KIA)",
    ),
    "instruments": ("Instrumenten", "Instruments"),
    "signed": ("getekend", "signed"),
    "coverage": ("Dekking", "Coverage"),
    "none": ("(geen)", "(none)"),
    "sdgs": ("SDG's", "SDGs"),
    "missions": ("missies", "missions"),
    "since": ("sinds", "since"),
    "reported": ("alleen gemeld door de eigen bron", "reported by its own source only"),
}


def _t(key: str, lang: Lang) -> str:
    return _L[key][0 if lang == "nl" else 1]


class _Usage(Exception):
    """A usage mistake found after parsing (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one line, exit 2
        self.exit(2, f"mtib: error: {message} (see 'mtib --help')\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="mtib",
        description="Dutch mission-driven topsector and innovation policy: topsectors, TKIs, themes, "
        "missions, SDGs and public-private partnerships, with their sources.",
    )
    parser.add_argument("--version", action="store_true", help="show the package and data versions")
    common = _Parser(add_help=False)
    common.add_argument("--lang", choices=("nl", "en"), default="en", help="language of names and texts (default: en)")
    common.add_argument(
        "--data",
        metavar="PATH",
        action="append",
        default=[],
        help="also load your own YAML/JSON file or directory on top of the bundled data (repeatable)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    sub.add_parser("overview", parents=[common], help="a readable picture of the dataset (the main job)")

    p = sub.add_parser(
        "stats", parents=[common], help="coverage: records per kind and per source, reported-only claims, checks"
    )
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--top", type=int, default=10, metavar="N", help="how many sources to list (0: all; default 10)")

    p = sub.add_parser("list", parents=[common], help="list the records of one kind")
    p.add_argument("kind", choices=list(COLLECTIONS), metavar="KIND", help=f"one of: {', '.join(COLLECTIONS)}")
    _formats(p)

    p = sub.add_parser("show", parents=[common], help="show one record with its sources")
    p.add_argument("id", help="an id, or a name that identifies one record")
    p.add_argument("--kind", choices=list(COLLECTIONS), metavar="KIND", help="look the name up in this kind only")
    p.add_argument("--format", choices=("text", "json", "yaml"), default="text")

    p = sub.add_parser("search", parents=[common], help="search names and descriptions of every kind")
    p.add_argument("text")
    p.add_argument("--kind", choices=list(COLLECTIONS), metavar="KIND", help="search this kind only")
    p.add_argument("--limit", type=int, default=10)
    _formats(p)

    p = sub.add_parser("partnerships", parents=[common], help="list partnerships, filtered (filters combine with AND)")
    _filters(p)
    _formats(p)

    p = sub.add_parser("validate", parents=[common], help="check a YAML/JSON file or directory of your own records")
    p.add_argument("path")
    p.add_argument("--alone", action="store_true", help="validate without the bundled data (no references into it)")
    p.add_argument(
        "--profile",
        choices=list(PROFILES),
        default="default",
        help="extra rules: 'bundled' holds the records to the policy of mtib's own data (a source on every "
        "record, a rationale on every SDG link, ...)",
    )

    p = sub.add_parser("export", parents=[common], help="write the dataset as YAML, JSON, CSV or Parquet files")
    p.add_argument("--format", choices=("yaml", "json", "csv", "parquet"), default="yaml")
    p.add_argument("-o", "--output", required=True, help="file (yaml/json; '-' for stdout) or directory (csv, parquet)")
    p.add_argument("--kind", choices=list(COLLECTIONS), metavar="KIND", action="append", help="only these kinds")
    p.add_argument("--force", action="store_true", help="replace existing files")

    # -- analyses (mtib.analysis.*, mtib.render.report, mtib.render.plot) --
    p = sub.add_parser(
        "helix", parents=[common], help="helix composition and synergy (Triple-Helix indicator) of the partnerships"
    )
    _filters(p)
    p.add_argument(
        "--include-none", action="store_true", help="count partnerships without placed participants (the 'none' cell)"
    )
    p.add_argument("--format", choices=("table", "json"), default="table")

    from mtib.analysis.matrices import MATRICES

    p = sub.add_parser("matrix", parents=[common], help="a matrix of counts: " + ", ".join(MATRICES))
    p.add_argument("name", choices=list(MATRICES), metavar="NAME", help=f"one of: {', '.join(MATRICES)}")
    _filters(p)
    p.add_argument("--drop-empty", action="store_true", help="leave out rows and columns of zeros")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")

    p = sub.add_parser("graph", parents=[common], help="the dataset as a graph (records and references)")
    p.add_argument("--format", choices=("dot", "graphml", "mermaid"), default="dot")
    p.add_argument("--kind", choices=list(COLLECTIONS), metavar="KIND", action="append", help="only these kinds")
    p.add_argument(
        "--cross-sector", action="store_true", help="the network of topsectors that share partnerships instead"
    )
    p.add_argument("-o", "--output", default="-", help="file to write (default: stdout)")
    p.add_argument("--force", action="store_true", help="replace an existing file")

    p = sub.add_parser("report", parents=[common], help="one self-contained HTML page with the analyses and charts")
    p.add_argument("-o", "--output", required=True, help="the HTML file to write ('-' for stdout)")
    p.add_argument("--force", action="store_true", help="replace an existing file")

    from mtib.render.plot import CHARTS

    p = sub.add_parser("plot", parents=[common], help="one chart as SVG or PNG (needs mtib[plot])")
    p.add_argument("chart", choices=list(CHARTS), metavar="CHART", help=f"one of: {', '.join(CHARTS)}")
    p.add_argument("-o", "--output", required=True, help="file to write: .svg or .png")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    return parser


def _filters(p: argparse.ArgumentParser) -> None:
    """The partnership filters (they combine with AND)."""
    p.add_argument("--topsector", action="append", help="id or name (repeat for any of several)")
    p.add_argument("--theme", action="append")
    p.add_argument("--mission", action="append")
    p.add_argument("--sdg", action="append", help="goal (3) or target (3.3)")
    p.add_argument(
        "--sphere", action="append", choices=[s.value for s in HelixSphere], help="all given must be present"
    )
    p.add_argument("--organisation", action="append")
    p.add_argument("--helix", choices=[h.value for h in HelixType])
    p.add_argument("--active-in", type=int, metavar="YEAR")
    p.add_argument("--cross-sectoral", action="store_true", help="only partnerships spanning two or more topsectors")


def _formats(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")


# --------------------------------------------------------------------------- helpers


def _dataset(args: argparse.Namespace) -> Dataset:
    if not args.data:
        return mtib.load()
    return mtib.load(args.data if len(args.data) > 1 else args.data[0])  # several paths: read together, in place


def _table(rows: list[list[str]], header: list[str], out: TextIO) -> None:
    widths = [len(h) for h in header]
    clipped = [[(c if len(c) <= 70 else c[:67] + "...") for c in row] for row in rows]
    for row in clipped:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    out.write("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in clipped:
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")


def _summary(record: Record, lang: Lang) -> list[str]:
    """id, name, and one informative column, for tables."""
    extra = ""
    if isinstance(record, Partnership):
        extra = ", ".join(record.topsectors)
    elif isinstance(record, Organisation):
        extra = record.sphere.value
    elif isinstance(record, Source):
        extra = record.url or ""
    elif isinstance(record, Mission):
        extra = record.theme
    elif isinstance(record, Event):
        extra = record.date.isoformat() if record.date else str(record.when)
    elif isinstance(record, (Topsector, TKI)) and record.established:
        extra = str(record.established)
    elif isinstance(record, Fact):
        extra = record.topic
    elif isinstance(record, Instrument):
        extra = record.kind.value.replace("_", " ") + (f", {record.period}" if record.period else "")
    elif isinstance(record, (Covenant, Agenda)) and record.period:
        extra = str(record.period)
    return [record.id, display_name(record, lang), extra]


def _emit(records: Sequence[Record], fmt: str, lang: Lang, out: TextIO) -> None:
    if fmt == "json":
        out.write(json.dumps([mtib.to_plain(r) for r in records], ensure_ascii=False, indent=2, default=str) + "\n")
        return
    if fmt == "csv":
        from mtib.analysis.tables import csv_text

        kinds = {type(r) for r in records}
        if len(kinds) > 1:
            raise _Usage("CSV needs records of one kind: add --kind")
        cls = kinds.pop() if kinds else Partnership
        out.write(csv_text(records, cls))
        return
    header = ["id", "name" if lang == "en" else "naam", ""]
    if records and len({type(r) for r in records}) > 1:
        rows = [[KIND_OF[type(r)], *_summary(r, lang)] for r in records]
        _table(rows, ["kind", *header], out)
        return
    _table([_summary(r, lang) for r in records], header, out)


def _text(value: Text | None, lang: Lang) -> str:
    return value.get(lang) or "" if value is not None else ""


# --------------------------------------------------------------------------- commands


def _overview(ds: Dataset, lang: Lang, out: TextIO) -> None:
    w = out.write
    w(f"{_t('title', lang)} (mtib {__version__}, data {DATA_VERSION})\n\n")
    w(f"{_t('counts', lang)}\n")
    for name, n in ds.counts().items():
        w(f"  {name:<16}{n:>6}\n")
    deleted = sum(1 for i in ds.sdg_indicators if i.deleted)
    if deleted:
        w(
            f"  ({deleted} of the indicators were deleted by the UN and are marked as such)\n"
            if lang == "en"
            else f"  ({deleted} indicatoren zijn door de VN geschrapt en als zodanig gemarkeerd)\n"
        )
    w(f"\n{_t('topsectors', lang)}\n")
    for ts in ds.topsectors:
        ps = ds.partnerships.where(topsector=ts.id)
        acronym = f" ({ts.acronym})" if ts.acronym else ""
        w(f"  {ts.name.get(lang)}{acronym}, {_t('since', lang)} {ts.established}: {len(ps)}\n")
        for p in ps:
            tag = f" [{p.helix_type.label(lang)}]"
            w(f"    - {p.acronym or p.name}{tag}\n")
    w(f"\n{_t('themes', lang)}\n")
    for theme in ds.themes:
        goals = ", ".join(str(link.goal) for link in theme.sdgs if link.target is None) or _t("none", lang)
        missions = ds.missions_of(theme.id)
        w(f"  {theme.name.get(lang)} [{theme.kind.value.replace('_', '-')}]\n")
        w(f"    {_t('sdgs', lang)}: {goals}\n")
        w(f"    {_t('missions', lang)}: {len(missions)}\n")
        for m in missions:
            if m.parent is None or m.parent not in {x.id for x in missions}:
                label = display_name(m, lang)
                w(f"      - {label if len(label) <= 100 else label[:97] + '...'}\n")
    _overview_covenants(ds, lang, out)
    w(f"\n{_t('helix', lang)}\n")
    types = Counter(p.helix_type for p in ds.partnerships)
    for helix in HelixType:
        w(f"  {helix.label(lang):<20}{types.get(helix, 0):>4}\n")
    spheres = Counter(s for p in ds.partnerships for s in p.spheres)
    for sphere in HelixSphere:
        w(f"    {sphere.label(lang):<24}{spheres.get(sphere, 0):>4}\n")
    cross = sum(1 for p in ds.partnerships if p.cross_sectoral)
    w(("  cross-sectoral (2+ topsectors): " if lang == "en" else "  cross-sectoraal (2+ topsectoren): ") + f"{cross}\n")
    from mtib.analysis.stats import coverage

    cov = coverage(ds)
    w(f"\n{_t('coverage', lang)}\n")
    failed = [c.name for c in cov.checks if not c.passed]
    if lang == "en":
        w(f"  {cov.total} records citing {len(ds.sources)} sources; {len(cov.reported)} reported only\n")
        w(f"  checks: {len(cov.checks) - len(failed)} of {len(cov.checks)} pass (details: mtib stats)\n")
    else:
        w(f"  {cov.total} records met {len(ds.sources)} bronnen; {len(cov.reported)} alleen gemeld\n")
        w(f"  controles: {len(cov.checks) - len(failed)} van {len(cov.checks)} in orde (details: mtib stats)\n")


def _overview_covenants(ds: Dataset, lang: Lang, out: TextIO) -> None:
    w = out.write
    if ds.covenants or ds.agendas:
        w(f"\n{_t('covenants', lang)}\n")
        for kic in sorted(ds.covenants, key=lambda c: (c.period.start or 0) if c.period else 0):
            signed = f", {_t('signed', lang)} {kic.signed.isoformat()}" if kic.signed else ""
            money = f"; {kic.commitment} ({kic.commitment_year})" if kic.commitment else ""
            w(f"  {display_name(kic, lang)}{signed}{money}\n")
            for kia in ds.agendas_of(kic.id):
                if kia.parent is None:
                    w(f"    - {display_name(kia, lang)}\n")
                    for part in ds.agendas_of(kia.id):
                        w(f"        - {display_name(part, lang)}\n")
        for kia in ds.agendas:
            if kia.covenant is None and kia.parent is None:
                w(f"  {display_name(kia, lang)}\n")
    if ds.instruments:
        w(f"\n{_t('instruments', lang)}\n")
        for tool in ds.instruments:
            if tool.parent is not None:
                continue
            rates = ", ".join(str(r) for r in tool.rates if r.period is not None)
            bits = [b for b in (str(tool.period) if tool.period else "", rates) if b]
            w(f"  {display_name(tool, lang)}{' (' + '; '.join(bits) + ')' if bits else ''}\n")
            for piece in ds.instruments_of(tool.id):
                w(f"    - {display_name(piece, lang)}\n")
            if tool.successor:
                arrow = "succeeded by" if lang == "en" else "opgevolgd door"
                w(f"    {arrow} {display_name(ds.instruments[tool.successor], lang)}\n")


def _stats(ds: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    from mtib.analysis.stats import coverage

    if args.top < 0:
        raise _Usage("--top must be 0 (all) or more")
    cov = coverage(ds)
    if args.format == "json":
        out.write(json.dumps(cov.to_plain(), ensure_ascii=False, indent=2) + "\n")
        return
    out.write(f"mtib {__version__}, data {DATA_VERSION}: " + cov.table(args.lang, top=args.top or None) + "\n")


def _show(ds: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    lang: Lang = args.lang
    if args.kind:
        coll = getattr(ds, args.kind)
        record = coll.get(args.id) or coll.lookup(args.id)
    else:
        try:
            record = ds.resolve(args.id)
        except NotFoundError:
            found = ds.search(args.id, limit=2)
            exact = [r for r in found if ds.collections()[KIND_OF[type(r)]].scored(args.id)[0][0] >= 0.95]
            if not exact:
                raise
            record = exact[0]
    if args.format in ("json", "yaml"):
        out.write(mtib.dumps([record], args.format))
        return
    kind = KIND_OF[type(record)]
    out.write(f"{display_name(record, lang)}\n{kind[:-1] if kind.endswith('s') else kind} {record.id!r}\n\n")
    plain = mtib.to_plain(record)
    for key, value in plain.items():
        if key in ("id", "sources"):
            continue
        out.write(f"  {key}: {json.dumps(value, ensure_ascii=False, default=str)}\n")
    if isinstance(record, Partnership):
        spheres = ", ".join(sorted(s.label(lang) for s in record.spheres)) or _t("none", lang)
        out.write(f"  helix: {record.helix_type.label(lang)} ({spheres})\n")
        out.write(f"  cross-sectoral: {'yes' if record.cross_sectoral else 'no'}\n")
    referrers = ds.referrers(record)
    if referrers:
        out.write(
            f"\n  referred to by {len(referrers)} record(s): "
            f"{', '.join(r.id for r in referrers[:12])}{' ...' if len(referrers) > 12 else ''}\n"
        )
    sources = ds.sources_of(record) if hasattr(record, "sources") else ()
    if sources:
        out.write("\nSources:\n")
        for s in sources:
            year = f" ({s.published})" if s.published else ""
            out.write(f"  [{s.id}] {s.title}{year}{' - ' + s.url if s.url else ''}\n")


def _filtered(ds: Dataset, args: argparse.Namespace) -> tuple[Partnership, ...]:
    return ds.partnerships.where(
        topsector=args.topsector,
        theme=args.theme,
        mission=args.mission,
        sdg=[int(s) if s.isascii() and s.isdigit() else s for s in args.sdg] if args.sdg else None,
        sphere=args.sphere,
        organisation=args.organisation,
        helix=args.helix,
        active_in=args.active_in,
        cross_sectoral=True if args.cross_sectoral else None,
    )


def _partnerships(ds: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    _emit(_filtered(ds, args), args.format, args.lang, out)


def _validate(args: argparse.Namespace, out: TextIO) -> None:
    ds = mtib.load(args.path, bundled=not args.alone, profile=args.profile)
    base = mtib.load().counts() if not args.alone else dict.fromkeys(COLLECTIONS, 0)
    added = {k: v - base[k] for k, v in ds.counts().items() if v - base[k]}
    detail = ", ".join(f"{n} {k}" for k, n in added.items()) or "no records"
    out.write(f"{args.path}: valid ({detail})\n")


def _export(ds: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    kinds = args.kind or list(COLLECTIONS)
    if args.format == "parquet":
        from mtib.analysis.frames import write_parquet

        if args.output == "-":
            raise _Usage("Parquet export writes one file per kind: give a directory with -o")
        folder = Path(args.output)
        targets = [folder / f"{kind}.parquet" for kind in kinds]
        for target in targets:  # every target first: nothing is written if one is refused
            check_target(target, overwrite=args.force)
        for kind, target in zip(kinds, targets, strict=True):
            with atomic_path(target, overwrite=True) as tmp:
                write_parquet(kind, tmp, ds, overwrite=True)
        out.write(f"wrote {len(targets)} Parquet files to {folder}\n")
        return
    if args.format == "csv":
        from mtib.analysis.tables import csv_text

        if args.output == "-":
            raise _Usage("CSV export writes one file per kind: give a directory with -o")
        folder = Path(args.output)
        folder.mkdir(parents=True, exist_ok=True)
        targets = [folder / f"{kind}.csv" for kind in kinds]
        for target in targets:
            check_target(target, overwrite=args.force)
        for kind, target in zip(kinds, targets, strict=True):
            write_text(target, csv_text(getattr(ds, kind), COLLECTIONS[kind]), overwrite=True)
        out.write(f"wrote {len(targets)} CSV files to {folder}\n")
        return
    records = [r for kind in kinds for r in getattr(ds, kind)]
    if args.output == "-":
        out.write(mtib.dumps(records, args.format))
        return
    target = mtib.dump(records, args.output, format=args.format, overwrite=args.force)
    out.write(f"wrote {len(records)} records to {target}\n")


def _write(text: str, output: str, force: bool, out: TextIO, what: str) -> None:
    """Write ``text`` to stdout ('-') or to a file (refusing to replace one without --force)."""
    if output == "-":
        out.write(text)
        return
    target = write_text(output, text, overwrite=force)  # complete or not at all, never over a device
    out.write(f"wrote {what} to {target}\n")


def _helix(ds: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    from mtib.analysis.helix import TRIPLE_HELIX, composition, mutual_redundancy, sphere_counts, synergy

    lang: Lang = args.lang
    chosen = _filtered(ds, args)
    comp = composition(chosen)
    counts = sphere_counts(chosen, include_none=args.include_none)
    measures: dict[str, float | None] = {"T_uig": None, "T_uigc": None, "R_uigc": None}
    if sum(counts.values()):
        uig = [s for s in HelixSphere if s in TRIPLE_HELIX]
        measures = {
            "T_uig": synergy(counts, uig),
            "T_uigc": synergy(counts, list(HelixSphere)),
            "R_uigc": mutual_redundancy(counts, list(HelixSphere)),
        }
    if args.format == "json":
        data = {
            "partnerships": comp.total,
            "include_none": args.include_none,
            "types": {t.value: n for t, n in comp.types},
            "spheres": {s.value: n for s, n in comp.spheres},
            "combinations": [{"spheres": sorted(s.value for s in k), "count": n} for k, n in counts.items()],
            "synergy_bits": measures,
        }
        out.write(json.dumps(data, indent=2) + "\n")
        return
    nl = lang == "nl"
    out.write(
        ("Helixsamenstelling" if nl else "Helix composition")
        + f" ({comp.total} "
        + ("partnerschappen" if nl else "partnerships")
        + ")\n"
    )
    for label, n in comp.table(lang):
        out.write(f"  {label:<28}{n:>5}\n")
    out.write("\n" + ("Combinaties van sferen" if nl else "Combinations of spheres") + "\n")
    for key, n in counts.items():
        label = " + ".join(s.label(lang) for s in HelixSphere if s in key) or _t("none", lang)
        out.write(f"  {label:<60}{n:>5}\n")
    out.write(
        "\n"
        + (
            "Synergie (Triple-Helix-indicator T, millibits; negatief = synergie)"
            if nl
            else "Synergy (Triple-Helix indicator T, millibits; negative = synergy)"
        )
        + "\n"
    )
    for name, value in measures.items():
        shown = "n/a" if value is None else f"{1000 * value:+.2f}"
        out.write(f"  {name:<8}{shown:>10}\n")
    none_note = (
        (
            "partnerschappen zonder geplaatste deelnemers tellen mee"
            if args.include_none
            else "partnerschappen zonder geplaatste deelnemers tellen niet mee (--include-none)"
        )
        if nl
        else (
            "partnerships without placed participants are counted"
            if args.include_none
            else "partnerships without placed participants are left out (--include-none)"
        )
    )
    out.write(f"  ({none_note}; R_uigc = -T_uigc)\n")


def _matrix(ds: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    from mtib.analysis.matrices import matrix

    m = matrix(args.name, ds, partnerships=_filtered(ds, args), lang=args.lang)
    if args.drop_empty:
        m = m.drop_empty()
    if args.format == "csv":
        out.write(m.to_csv())
    elif args.format == "json":
        out.write(m.to_json())
    else:
        out.write(str(m) + "\n")


def _graph(ds: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    from mtib.analysis.graph import cross_sector_network, dataset_graph

    if args.cross_sector and args.kind:
        raise _Usage("--cross-sector and --kind do not combine")
    g = (
        cross_sector_network(ds, lang=args.lang)
        if args.cross_sector
        else dataset_graph(ds, kinds=args.kind, lang=args.lang)
    )
    text = {"dot": g.to_dot, "graphml": g.to_graphml, "mermaid": g.to_mermaid}[args.format]()
    _write(text, args.output, args.force, out, f"a graph of {len(g.nodes)} nodes and {len(g.edges)} edges")


def _report(ds: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    from mtib.render.report import report_html

    _write(report_html(ds, lang=args.lang), args.output, args.force, out, "the report")


def _plot(ds: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    from mtib.render.plot import plot

    target = Path(args.output)
    if target.suffix.lower() not in (".svg", ".png"):
        raise _Usage("the output file must end in .svg or .png")
    plot(args.chart, target, ds, lang=args.lang, overwrite=args.force)
    out.write(f"wrote {args.chart} to {target}\n")


_SCREEN_COMMANDS = frozenset({"overview", "stats", "list", "show", "search", "partnerships", "helix", "matrix"})


class _Printable:
    """A text stream that writes control characters from the data as visible escapes (line breaks kept)."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, text: str) -> int:
        from mtib.analysis.graph import printable

        return self._out.write("\n".join(printable(line) for line in text.split("\n")))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._out, name)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line with ``argv``; returns the exit status.

    >>> main(["partnerships", "--organisation", "zonmw", "--sdg", "3", "--active-in", "2022"])
    id        name
    --------  -----------------------------------------  ---
    momentum  Microplastics and Human Health Consortium  lsh
    0
    >>> import io
    >>> main(["show", "no-such-thing"], err=io.StringIO())
    1
    """
    out = out or sys.stdout
    err = err or sys.stderr
    parser = _parser()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.version:
        out.write(f"mtib {__version__} (data {DATA_VERSION})\n")
        return 0
    if args.command is None:
        parser.print_help(out)
        return 2
    if args.command in _SCREEN_COMMANDS and getattr(args, "format", "table") in ("table", "text"):
        out = _Printable(out)  # type: ignore[assignment]  # text for a terminal: no ESC or BEL from the data
    commands: dict[str, Callable[[argparse.Namespace], None]] = {
        "overview": lambda a: _overview(_dataset(a), a.lang, out),
        "stats": lambda a: _stats(_dataset(a), a, out),
        "list": lambda a: _emit(getattr(_dataset(a), a.kind).records, a.format, a.lang, out),
        "show": lambda a: _show(_dataset(a), a, out),
        "search": lambda a: _emit(
            getattr(_dataset(a), a.kind).search(a.text, limit=a.limit)
            if a.kind
            else _dataset(a).search(a.text, limit=a.limit),
            a.format,
            a.lang,
            out,
        ),
        "partnerships": lambda a: _partnerships(_dataset(a), a, out),
        "validate": lambda a: _validate(a, out),
        "export": lambda a: _export(_dataset(a), a, out),
        "helix": lambda a: _helix(_dataset(a), a, out),
        "matrix": lambda a: _matrix(_dataset(a), a, out),
        "graph": lambda a: _graph(_dataset(a), a, out),
        "report": lambda a: _report(_dataset(a), a, out),
        "plot": lambda a: _plot(_dataset(a), a, out),
    }
    try:
        if getattr(args, "limit", 1) is not None and getattr(args, "limit", 1) < 1:
            raise _Usage("--limit must be at least 1")
        commands[args.command](args)
    except _Usage as exc:
        err.write(f"mtib: error: {exc}\n")
        return 2
    except DataError as exc:
        err.write(f"mtib: {exc}\n")
        return 1
    except NotFoundError as exc:
        err.write(f"mtib: {exc}\n")
        return 1
    except (MtibError, FileExistsError) as exc:
        err.write(f"mtib: {exc}\n")
        return 1
    except BrokenPipeError:  # e.g. `mtib overview | head`: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        with contextlib.suppress(OSError, ValueError):
            os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        err.write(f"mtib: {exc.strerror or exc}: {exc.filename or ''}\n".replace(": \n", "\n"))
        return 1
    return 0
