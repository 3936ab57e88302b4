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
import csv
import io
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import mtib
from mtib._version import DATA_VERSION, __version__
from mtib.core import suggest
from mtib.core.checks import PROFILES
from mtib.core.errors import DataError, MtibError
from mtib.core.labels import LANGS, enum_label, enum_word, label
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
    PartnershipKind,
    PartnershipStatus,
    Record,
    Source,
    Text,
    Topsector,
)
from mtib.core.schema import COLLECTIONS, KIND_OF
from mtib.core.tables import clip, text_table
from mtib.dataset import Dataset, NotFoundError, display_name
from mtib.io.writing import check_target, write_text

__all__ = ["main"]


def _t(key: str, lang: Lang, **values: object) -> str:
    """A label of the command line (``cli.<key>``, or a shared ``word.<key>``) from :mod:`mtib.core.labels`."""
    return label(key if "." in key else f"cli.{key}", lang, **values)


class _Usage(Exception):
    """A usage mistake found after parsing (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one line, exit 2
        # argparse's "invalid choice: 'topsector' (choose from ...)" gets a "did you mean"
        wrong = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)$", message)
        if wrong:
            choices = re.findall(r"'?([^',\s]+)'?", wrong.group(2))
            best = suggest.did_you_mean(wrong.group(1), choices)
            if best is not None:
                message = f"{message[: wrong.start()]}invalid choice: {wrong.group(1)!r} (did you mean {best!r}?)"
        self.exit(2, f"mtib: error: {message} (see '{self.prog} --help')\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="mtib",
        description="Dutch mission-driven topsector and innovation policy: topsectors, TKIs, themes, "
        "missions, SDGs and public-private partnerships, with their sources.",
    )
    parser.add_argument("--version", action="store_true", help="show the package and data versions")
    common = _Parser(add_help=False)
    common.add_argument("--lang", choices=LANGS, default="en", help="language of names and texts (default: en)")
    common.add_argument(
        "--data",
        metavar="PATH",
        action="append",
        default=[],
        help="also load your own YAML, JSON or CSV file or directory on top of the bundled data (repeatable)",
    )
    common.add_argument(
        "--replace",
        action="store_true",
        help="with --data: a record of yours with the id of a bundled record of the same kind takes its place",
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

    p = sub.add_parser(
        "validate", parents=[common], help="check YAML, JSON or CSV files or directories of your own records"
    )
    p.add_argument("path", nargs="+", help="files or directories, read together (as --data reads them)")
    p.add_argument("--alone", action="store_true", help="validate without the bundled data (no references into it)")
    p.add_argument(
        "--profile",
        choices=list(PROFILES),
        default="default",
        help="extra rules: 'bundled' holds the records to the policy of mtib's own data (a source on every "
        "record, a rationale on every SDG link, ...)",
    )

    p = sub.add_parser("export", parents=[common], help="write the dataset as YAML, JSON, CSV or Parquet files")
    p.add_argument(
        "--format",
        choices=("yaml", "json", "csv", "parquet"),
        help="the format (default: from the file's suffix, .json or .yaml/.yml; YAML for '-')",
    )
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

    from mtib.analysis.breakdown import BY

    p = sub.add_parser(
        "breakdown",
        parents=[common],
        help="the partnerships per theme, topsector, mission, kind or status, with their known money",
    )
    p.add_argument("--by", choices=list(BY), default="theme", help="what to group by (default: theme)")
    _filters(p)
    p.add_argument("--currency", default="EUR", help="the currency money is summed in (default: EUR)")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")

    p = sub.add_parser("graph", parents=[common], help="the dataset as a graph (records and references)")
    p.add_argument("--format", choices=("dot", "graphml", "mermaid"), default="dot")
    p.add_argument("--kind", choices=list(COLLECTIONS), metavar="KIND", action="append", help="only these kinds")
    p.add_argument(
        "--cross-sector", action="store_true", help="the network of topsectors that share partnerships instead"
    )
    p.add_argument(
        "--all",
        action="store_true",
        help="every kind of record (the default for dot and graphml; Mermaid shows partnerships, topsectors "
        "and themes unless --kind or --all is given, as Mermaid renderers draw at most 500 edges)",
    )
    p.add_argument("-o", "--output", default="-", help="file to write (default: stdout)")
    p.add_argument("--force", action="store_true", help="replace an existing file")

    p = sub.add_parser("report", parents=[common], help="one self-contained HTML page with the analyses and charts")
    p.add_argument("-o", "--output", required=True, help="the HTML file to write ('-' for stdout)")
    p.add_argument("--force", action="store_true", help="replace an existing file")

    _import_parser(sub)

    from mtib.render.plot import CHARTS

    p = sub.add_parser("plot", parents=[common], help="one chart as SVG or PNG (needs mtib[plot])")
    p.add_argument("chart", choices=list(CHARTS), metavar="CHART", help=f"one of: {', '.join(CHARTS)}")
    p.add_argument("-o", "--output", required=True, help="file to write: .svg or .png")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    _describe(sub)
    return parser


def _describe(sub: Any) -> None:
    """Give each subcommand's ``--help`` its one-line help as a description (argparse leaves it out)."""
    helps = {action.dest: action.help for action in sub._choices_actions}
    for name, command in sub.choices.items():
        if command.description is None and helps.get(name):
            command.description = helps[name][0].upper() + helps[name][1:] + "."
        inner = [a for a in command._actions if isinstance(a, argparse._SubParsersAction)]
        for nested in inner:
            _describe(nested)


def _import_parser(sub: Any) -> None:
    """``mtib import cordis|stip FILE -o OUT``: a public portfolio as a data file (mtib.io.importers)."""
    p = sub.add_parser("import", help="read a CORDIS or STIP Compass download into a data file that --data reads")
    which = p.add_subparsers(dest="source", metavar="SOURCE", parser_class=_Parser, required=True)
    c = which.add_parser(
        "cordis",
        help="CORDIS projects: a download's zip, its folder, or its project.csv and organization.csv",
    )
    c.add_argument(
        "files", nargs="+", metavar="FILE", help="a zip, a folder, or the two CSV files (several downloads: repeat)"
    )
    c.add_argument(
        "--country", metavar="CC", help="keep the projects with a participant in this country (ISO 3166, e.g. NL)"
    )
    c.add_argument(
        "--sphere",
        action="append",
        default=[],
        metavar="TYPE=SPHERE",
        help="place an activity type in a sphere, over the default (PRC=industry, HES/REC=academia, PUB=government, "
        "OTH=civil_society); repeatable; 'TYPE' empty for rows without one",
    )
    c.add_argument(
        "--alone",
        action="store_true",
        help="do not match participants to bundled organisations (a file that stands alone)",
    )
    c.add_argument("--objectives", action="store_true", help="keep each project's objective as its description")
    s = which.add_parser("stip", help="STIP Compass survey: STIP_Survey.csv")
    s.add_argument("files", nargs=1, metavar="FILE", help="the STIP_Survey.csv file")
    s.add_argument("--country", metavar="CCC", help="keep this country's initiatives (alpha-3, e.g. NLD)")
    for q in (c, s):
        q.add_argument(
            "-o",
            "--output",
            required=True,
            help="the data file to write (.json, .yaml, .yml), or a folder NAME.parquet of Parquet tables",
        )
        q.add_argument("--force", action="store_true", help="replace an existing file")


def _import(args: argparse.Namespace, out: TextIO) -> None:
    from mtib.io.reading import format_of

    target = Path(args.output)
    parquet = target.suffix.lower() == ".parquet"
    if target.suffix.lower() not in (".json", ".yaml", ".yml", ".parquet"):
        raise _Usage("the output must end in .json, .yaml or .yml (a data file) or .parquet (a folder of tables)")
    if target.exists() and not args.force and not parquet:
        raise FileExistsError(f"{target} exists; use --force to replace it")
    records: tuple[Record, ...]
    if args.source == "cordis":
        from mtib.io.importers.cordis import read_cordis

        spheres: dict[str, HelixSphere] = {}
        for item in args.sphere:
            code, sep, value = item.partition("=")
            if not sep or value.strip() not in {s.value for s in HelixSphere}:
                raise _Usage(
                    f"--sphere {item!r}: expected TYPE=SPHERE, SPHERE one of {', '.join(s.value for s in HelixSphere)}"
                )
            spheres[code.strip().upper()] = HelixSphere(value.strip())
        base = None if args.alone else mtib.load()
        records = read_cordis(args.files, country=args.country, spheres=spheres, base=base, objectives=args.objectives)
        from mtib.io.importers._tables import as_dataset

        imported = as_dataset(records, base)  # the same checks a data file gets, before anything is written
        n = Counter(type(r).__name__ for r in records)
        what = f"{n['Partnership']:,} projects, {n['Organisation']:,} organisations"
    else:
        from mtib.io.importers._tables import as_dataset
        from mtib.io.importers.stip import read_stip

        records = read_stip(args.files[0], country=args.country)
        imported = as_dataset(records, None)
        n = Counter(type(r).__name__ for r in records)
        what = f"{n['Initiative']:,} initiatives"
    if parquet:  # a folder of long tables (with the bundled records they refer to) for DuckDB or Spark
        from mtib.analysis.frames import write_parquet_dir

        write_parquet_dir(target, imported, overwrite=args.force)
        out.write(f"imported {what} into the Parquet tables in {target}\n")
        return
    mtib.dump(records, target, format=format_of(target), overwrite=args.force)
    out.write(f"imported {what} and {n['Source']} source{'s' if n['Source'] != 1 else ''} to {target}\n")


def _filters(p: argparse.ArgumentParser) -> None:
    """The partnership filters (they combine with AND)."""
    p.add_argument("--topsector", action="append", help="id or name (repeat for any of several)")
    p.add_argument(
        "--all-topsectors", action="store_true", help="with several --topsector: partnerships in all of them (AND)"
    )
    p.add_argument("--theme", action="append", help="id or name (repeat for any of several)")
    p.add_argument("--mission", action="append", help="id or name (repeat for any of several)")
    p.add_argument("--sdg", action="append", help="goal (3) or target (3.3); a goal also matches its targets")
    p.add_argument(
        "--sphere", action="append", choices=[s.value for s in HelixSphere], help="all given must be present"
    )
    p.add_argument("--organisation", action="append", help="id or name (repeat for any of several)")
    p.add_argument("--kind", action="append", choices=[k.value for k in PartnershipKind], help="any of these forms")
    p.add_argument("--status", action="append", choices=[s.value for s in PartnershipStatus], help="any of these")
    p.add_argument("--helix", choices=[h.value for h in HelixType], help="the helix classification")
    p.add_argument(
        "--active-in",
        type=_year,
        metavar="YEAR",
        help="partnerships known to be active in YEAR (a period covering it, or an open end while active)",
    )
    p.add_argument(
        "--include-open",
        action="store_true",
        help="with --active-in: also those that may be active (an unknown start or end counts as open)",
    )
    p.add_argument("--cross-sectoral", action="store_true", help="only partnerships spanning two or more topsectors")


def _year(text: str) -> int:
    """A year argument: ASCII digits, 1000 to 2999."""
    if not (text.isascii() and text.isdigit()) or not 1000 <= int(text) <= 2999:
        raise argparse.ArgumentTypeError(f"expected a year from 1000 to 2999, got {text[:20]!r}")
    return int(text)


def _formats(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")


# --------------------------------------------------------------------------- helpers


def _dataset(args: argparse.Namespace) -> Dataset:
    if not args.data:
        if args.replace:
            raise _Usage("--replace goes with --data PATH (your records that replace bundled ones)")
        return mtib.load()
    paths = args.data if len(args.data) > 1 else args.data[0]  # several paths: read together, in place
    return mtib.load(paths, replace=args.replace)


def _table(rows: list[list[str]], header: list[str], out: TextIO) -> None:
    out.write(text_table(header, rows, width=70) + "\n")


def _summary(record: Record, lang: Lang) -> list[str]:
    """id, name, and one informative column (see :func:`_detail`), for tables."""
    extra = ""
    if isinstance(record, Partnership):
        extra = ", ".join(record.topsectors)
    elif isinstance(record, Organisation):
        extra = enum_word(record.sphere, lang)
    elif isinstance(record, Source):
        extra = record.url or ""
    elif isinstance(record, Mission):
        extra = record.theme + (f", {record.period}" if record.period else "")
    elif isinstance(record, Event):
        extra = record.date.isoformat() if record.date else str(record.when)
    elif isinstance(record, (Topsector, TKI)) and record.established:
        extra = str(record.established)
    elif isinstance(record, Fact):
        value = "" if record.value is None else f"{record.value:,} {record.unit or ''}".strip()
        extra = ", ".join(x for x in (value, str(record.year) if record.year else "") if x)
    elif isinstance(record, Instrument):
        extra = enum_word(record.kind, lang) + (f", {record.period}" if record.period else "")
    elif isinstance(record, (Covenant, Agenda)) and record.period:
        extra = str(record.period)
    return [record.id, display_name(record, lang), extra]


_DETAIL: dict[type, str] = {
    Partnership: "word.topsectors",
    Organisation: "cli.col_sphere",
    Source: "cli.col_url",
    Mission: "cli.col_theme_period",
    Event: "word.date",
    Topsector: "cli.col_established",
    TKI: "cli.col_established",
    Fact: "cli.col_value_year",
    Instrument: "cli.col_kind_period",
    Covenant: "cli.col_period",
    Agenda: "cli.col_period",
}
"""The heading of the third column of a table of records of each kind (see :func:`_summary`)."""


def _detail(records: Sequence[Record], lang: Lang) -> str:
    kinds = {type(r) for r in records}
    key = _DETAIL.get(kinds.pop()) if len(kinds) == 1 else "word.detail"
    return _t(key, lang) if key else _t("word.detail", lang)


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
    header = [_t("word.id", lang), _t("word.name", lang), _detail(records, lang)]
    if records and len({type(r) for r in records}) > 1:
        rows = [[_t(f"collection.{KIND_OF[type(r)]}", lang), *_summary(r, lang)] for r in records]
        _table(rows, [_t("word.kind", lang), *header], out)
        return
    _table([_summary(r, lang) for r in records], header, out)


def _text(value: Text | None, lang: Lang) -> str:
    return value.get(lang) or "" if value is not None else ""


# --------------------------------------------------------------------------- commands


def _overview(ds: Dataset, lang: Lang, out: TextIO) -> None:
    w = out.write
    w(f"{_t('title', lang)} (mtib {__version__}, data {DATA_VERSION})\n\n")
    w(f"{_t('counts', lang)}\n")
    counts = [[_t("collection." + name, lang), str(n)] for name, n in ds.counts().items()]
    w(text_table(None, counts, numeric={1}, indent=2) + "\n")
    deleted = sum(1 for i in ds.sdg_indicators if i.deleted)
    if deleted:
        w(f"  {_t('deleted_indicators', lang, n=deleted)}\n")
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
        goals = ", ".join(link.code for link in theme.sdgs) or _t("word.none", lang)
        missions = ds.missions_of(theme.id)
        w(f"  {theme.name.get(lang)} [{enum_label(theme.kind, lang)}]\n")
        w(f"    {_t('word.sdgs', lang)}: {goals}\n")
        ids = {x.id for x in missions}
        top = [m for m in missions if m.parent is None or m.parent not in ids]
        if len(top) == len(missions):
            w(f"    {_t('word.missions', lang)}: {len(missions)}\n")
        else:
            w(f"    {_t('missions_with_sub', lang, n=len(missions), top=len(top), sub=len(missions) - len(top))}\n")
        for m in top:
            name = display_name(m, lang)
            when = f" ({m.period})" if m.period is not None else ""
            w(f"      - {clip(name, 100)}{when}\n")
    _overview_covenants(ds, lang, out)
    w(f"\n{_t('helix', lang)}\n")
    types = Counter(p.helix_type for p in ds.partnerships)
    w(text_table(None, [[h.label(lang), str(types.get(h, 0))] for h in HelixType], numeric={1}, indent=2) + "\n")
    spheres = Counter(s for p in ds.partnerships for s in p.spheres)
    rows = [[s.label(lang), str(spheres.get(s, 0))] for s in HelixSphere]
    w(text_table(None, rows, numeric={1}, indent=4) + "\n")
    cross = sum(1 for p in ds.partnerships if p.cross_sectoral)
    w(f"  {_t('cross_sectoral_count', lang, n=cross)}\n")
    from mtib.analysis.stats import coverage

    cov = coverage(ds)
    w(f"\n{_t('coverage', lang)}\n")
    passed = sum(1 for c in cov.checks if c.passed)
    w(f"  {_t('coverage_records', lang, total=cov.total, sources=len(ds.sources), reported=len(cov.reported))}\n")
    w(f"  {_t('coverage_checks', lang, passed=passed, checks=len(cov.checks))}\n")


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
                w(f"    {_t('succeeded_by', lang)} {display_name(ds.instruments[tool.successor], lang)}\n")


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
    if args.kind in (None, "facts") and args.id not in ds.id_index() and args.id in ds.facts.topics():
        _show_topic(ds, args.id, args.format, lang, out)  # a topic: its competing claims side by side
        return
    others: list[Record] = []
    if args.kind:
        coll = getattr(ds, args.kind)
        record = coll.get(args.id) or coll.lookup(args.id)
    else:
        try:
            record = ds.resolve(args.id)
        except NotFoundError:
            exact = [  # the record each collection names so (its name, acronym or alias, written loosely)
                (-score, order, found)
                for order, coll in enumerate(ds.collections().values())
                for score, found in coll.scored(args.id)[:1]
                if score >= 0.95
            ]
            if not exact:
                raise
            exact.sort(key=lambda item: item[:2])
            record = exact[0][2]
            others = [r for _, _, r in exact[1:]]
    if args.format in ("json", "yaml"):
        out.write(mtib.dumps([record], args.format))
        return
    out.write(ds.view(record, lang).text() + "\n")
    if others:  # a name that several kinds use: say which others there are
        also = "; ".join(f"{ds.view(r, lang).kind} {r.id!r}" for r in others)
        out.write(f"\n{_t('also_called', lang, text=args.id, others=also)}\n")


def _show_topic(ds: Dataset, topic: str, fmt: str, lang: Lang, out: TextIO) -> None:
    claims = ds.facts.claims(topic)
    if fmt in ("json", "yaml"):
        out.write(mtib.dumps(list(claims), fmt))
        return
    out.write(_t("topic_heading", lang, topic=topic, n=len(claims)) + "\n\n")
    rows = []
    for f in claims:
        value = "" if f.value is None else f"{f.value} {f.unit or ''}".strip()
        rows.append([f.id, value, str(f.year or ""), enum_word(f.evidence, lang), ", ".join(f.sources)])
    header = [_t("word.id", lang), _t("word.value", lang), _t("word.year", lang), _t("word.evidence", lang)]
    _table(rows, [*header, _t("word.sources", lang)], out)


def _sdg(ds: Dataset, text: str) -> int | str:
    """An --sdg value: a goal number (1-17), a target code that exists, or a goal's name."""
    value = text.strip()
    if value.isascii() and value.isdigit():
        number = int(value)
        if not 1 <= number <= 17:
            raise NotFoundError(f"there is no SDG {number} (goals are 1 to 17)")
        return number
    if re.fullmatch(r"[0-9]{1,2}\.[0-9a-z]{1,2}", value):
        if value not in ds.sdg_targets:
            goal = value.split(".")[0]
            known = [t.id for t in ds.sdg_targets if t.id.split(".")[0] == goal]
            of = f"; SDG {goal} has {', '.join(known)}" if known else ""
            raise NotFoundError(f"no SDG target {value!r}{of}")
        return value
    if value.startswith("-") or not value:
        raise _Usage(f"--sdg {text!r}: give a goal number (1-17), a target code (3.3) or a goal's name")
    return ds.sdgs.lookup(value).id


def _filtered(ds: Dataset, args: argparse.Namespace) -> Sequence[Partnership]:
    sdgs = [_sdg(ds, s) for s in args.sdg] if args.sdg else None
    topsectors: list[list[str]] = [[t] for t in args.topsector] if args.all_topsectors and args.topsector else []
    found: Sequence[Partnership] = ds.partnerships.where(
        topsector=None if topsectors else args.topsector,
        theme=args.theme,
        mission=args.mission,
        sdg=sdgs,
        sphere=args.sphere,
        organisation=args.organisation,
        kind=args.kind,
        status=args.status,
        helix=args.helix,
        active_in=args.active_in,
        include_open=args.include_open,
        cross_sectoral=True if args.cross_sectoral else None,
    )
    for one in topsectors:  # --all-topsectors: every one of them (AND)
        keep = {p.id for p in ds.partnerships.where(topsector=one)}
        found = tuple(p for p in found if p.id in keep)
    return found


def _partnerships(ds: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    if args.include_open and args.active_in is None:
        raise _Usage("--include-open goes with --active-in YEAR")
    found = _filtered(ds, args)
    if not found and args.format == "table":
        raise NotFoundError(_t("no_partnership_matches", args.lang))
    _emit(found, args.format, args.lang, out)
    if args.active_in is not None and args.format == "table":  # say which reading of "active" was used
        key = "active_possibly" if args.include_open else "active_known"
        out.write(_t(key, args.lang, year=args.active_in) + "\n")


def _search(ds: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    if not args.text.strip():
        raise _Usage("give a text to search for")
    found = (
        getattr(ds, args.kind).search(args.text, limit=args.limit)
        if args.kind
        else ds.search(args.text, limit=args.limit)
    )
    if not found and args.format == "table":
        raise NotFoundError(_t("no_match", args.lang, text=args.text))
    _emit(found, args.format, args.lang, out)


def _validate(args: argparse.Namespace, out: TextIO) -> None:
    paths = args.path if len(args.path) > 1 else args.path[0]
    ds = mtib.load(paths, bundled=not args.alone, profile=args.profile, replace=args.replace)
    base = mtib.load().counts() if not args.alone else dict.fromkeys(COLLECTIONS, 0)
    added = {k: v - base[k] for k, v in ds.counts().items() if v - base[k]}
    detail = ", ".join(f"{n} {k[:-1] if n == 1 and k.endswith('s') else k}" for k, n in added.items())
    replaced = f"; {len(ds.replaced)} bundled replaced: {', '.join(ds.replaced)}" if ds.replaced else ""
    out.write(f"{', '.join(args.path)}: valid ({detail or 'no new records'}{replaced})\n")


_SUFFIX_FORMATS = {".json": "json", ".yaml": "yaml", ".yml": "yaml"}


def _export_format(args: argparse.Namespace) -> str:
    """The format of ``mtib export``: the one asked for, else the one the file's suffix names."""
    suffix = Path(args.output).suffix.lower() if args.output != "-" else ""
    if args.format is not None:
        if suffix in _SUFFIX_FORMATS and _SUFFIX_FORMATS[suffix] != args.format and args.format in ("json", "yaml"):
            raise _Usage(f"--format {args.format} does not match the file name {args.output!r}")
        return str(args.format)
    if args.output == "-" or suffix in _SUFFIX_FORMATS:
        return _SUFFIX_FORMATS.get(suffix, "yaml")
    raise _Usage(f"give --format (yaml, json, csv or parquet): {args.output!r} does not end in .json, .yaml or .yml")


def _export(ds: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    args.format = _export_format(args)
    kinds = args.kind or list(COLLECTIONS)
    if args.format == "parquet":
        from mtib.analysis.frames import KINDS, write_parquet_dir

        if args.output == "-":
            raise _Usage("Parquet export writes one file per kind: give a directory with -o")
        tables = args.kind or list(KINDS)  # with the long tables (participants, sdg_links) by default
        _folder_exists(Path(args.output))
        written = write_parquet_dir(args.output, ds, kinds=tables, overwrite=args.force)
        out.write(f"wrote {len(written)} Parquet files to {args.output}\n")
        return
    if args.format == "csv":
        from mtib.analysis.tables import csv_text

        if args.output == "-":
            raise _Usage("CSV export writes one file per kind: give a directory with -o")
        folder = Path(args.output)
        if folder.suffix.lower() == ".csv":
            raise _Usage(f"CSV export writes one file per kind into a folder: give -o a folder, not {args.output!r}")
        _folder_exists(folder)
        if folder.exists() and not folder.is_dir():
            raise _Usage(f"{args.output!r} is a file: CSV export writes one file per kind into a folder")
        folder.mkdir(exist_ok=True)
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
    _folder_exists(Path(args.output))
    target = mtib.dump(records, args.output, format=args.format, overwrite=args.force)
    out.write(f"wrote {len(records)} records to {target}\n")


def _folder_exists(target: Path) -> None:
    """The folder an output goes into must exist: a mistyped path makes no directories."""
    folder = target.parent
    if not folder.is_dir():
        raise _Usage(f"there is no folder {str(folder)!r} to write {target.name!r} into")


def _write(text: str, output: str, force: bool, out: TextIO, what: str) -> None:
    """Write ``text`` to stdout ('-') or to a file (refusing to replace one without --force)."""
    if output == "-":
        out.write(text)
        return
    _folder_exists(Path(output))
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
    out.write(_t("helix_of", lang, n=comp.total) + "\n")
    out.write(text_table(None, [[name, str(n)] for name, n in comp.table(lang)], numeric={1}, indent=2) + "\n")
    out.write("\n" + _t("word.combinations", lang) + "\n")
    rows = [
        [" + ".join(s.label(lang) for s in HelixSphere if s in key) or _t("word.none", lang), str(n)]
        for key, n in counts.items()
    ]
    out.write(text_table(None, rows, numeric={1}, indent=2) + "\n")
    out.write("\n" + _t("synergy", lang) + "\n")
    rows = [[name, "n/a" if value is None else f"{1000 * value:+.2f}"] for name, value in measures.items()]
    out.write(text_table(None, rows, numeric={1}, indent=2) + "\n")
    none_note = _t("none_counted" if args.include_none else "none_left_out", lang)
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


def _breakdown(ds: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    from mtib.analysis.breakdown import breakdown
    from mtib.core.model import CURRENCIES

    currency = args.currency.strip().upper()
    if currency not in CURRENCIES:
        raise _Usage(
            f"--currency {args.currency!r}: give an ISO 4217 code such as EUR{suggest.hint(currency, CURRENCIES)}"
        )
    b = breakdown(ds, args.by, partnerships=_filtered(ds, args), currency=currency, lang=args.lang)
    if args.format == "json":
        out.write(b.to_json())
    elif args.format == "csv":
        from mtib.analysis.tables import safe_cell

        buffer = io.StringIO()
        rows = b.rows()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["id"], lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: safe_cell(v) if isinstance(v, str) else v for k, v in row.items()})
        out.write(buffer.getvalue())
    else:
        out.write(b.table() + "\n")


_MERMAID_KINDS = ("partnerships", "topsectors", "themes")
"""What ``mtib graph --format mermaid`` shows by default."""
_MERMAID_EDGES, _MERMAID_TEXT = 500, 50_000
"""The most edges and characters Mermaid draws with its default settings (``maxEdges``, ``maxTextSize``)."""


def _graph(ds: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    from mtib.analysis.graph import cross_sector_network, dataset_graph

    if args.cross_sector and (args.kind or args.all):
        raise _Usage("--cross-sector does not combine with --kind or --all")
    if args.kind and args.all:
        raise _Usage("--kind and --all do not combine")
    kinds = args.kind
    if args.format == "mermaid" and not kinds and not args.all:
        kinds = list(_MERMAID_KINDS)  # a scope a Mermaid renderer can draw
    g = (
        cross_sector_network(ds, lang=args.lang)
        if args.cross_sector
        else dataset_graph(ds, kinds=kinds, lang=args.lang)
    )
    text = {"dot": g.to_dot, "graphml": g.to_graphml, "mermaid": g.to_mermaid}[args.format]()
    _write(text, args.output, args.force, out, f"a graph of {len(g.nodes)} nodes and {len(g.edges)} edges")
    if args.format == "mermaid" and (len(g.edges) > _MERMAID_EDGES or len(text) > _MERMAID_TEXT):
        sys.stderr.write(
            f"mtib: note: {len(g.edges):,} edges and {len(text):,} characters: more than Mermaid draws with its "
            f"default settings ({_MERMAID_EDGES} edges, {_MERMAID_TEXT:,} characters); narrow it with --kind\n"
        )


def _report(ds: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    from mtib.render.report import report_html

    target = Path(args.output)
    named = args.output != "-" and (target.is_file() or not target.exists())  # a device is refused as such
    if named and target.suffix.lower() not in (".html", ".htm"):
        raise _Usage(f"the report is an HTML page: give -o a name ending in .html, not {args.output!r}")
    _write(report_html(ds, lang=args.lang), args.output, args.force, out, "the report")


def _plot(ds: Dataset, args: argparse.Namespace, out: TextIO) -> None:
    from mtib.render.plot import plot

    target = Path(args.output)
    if target.suffix.lower() not in (".svg", ".png"):
        raise _Usage("the output file must end in .svg or .png")
    _folder_exists(target)
    plot(args.chart, target, ds, lang=args.lang, overwrite=args.force)
    out.write(f"wrote {args.chart} to {target}\n")


_SCREEN_COMMANDS = frozenset(
    {"overview", "stats", "list", "show", "search", "partnerships", "helix", "matrix", "breakdown"}
)


class _Printable:
    """A text stream that writes control characters from the data as visible escapes (line breaks kept)."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, text: str) -> int:
        from mtib.analysis.graph import printable

        return self._out.write("\n".join(printable(line) for line in text.split("\n")))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._out, name)


_COMMON_OPTIONS = {"--lang": True, "--data": True, "--replace": False}
"""The options every command takes, and whether each takes a value."""


def _commands_first(argv: list[str]) -> list[str]:
    """``mtib --lang nl overview`` as ``mtib overview --lang nl``: the options every command
    takes may also come before the command.

    >>> _commands_first(["--lang", "nl", "--data=x.yaml", "show", "lsh"])
    ['show', 'lsh', '--lang', 'nl', '--data=x.yaml']
    >>> _commands_first(["show", "--lang", "nl", "lsh"])
    ['show', '--lang', 'nl', 'lsh']
    """
    moved: list[str] = []
    i = 0
    while i < len(argv):
        name = argv[i].split("=", 1)[0]
        if name not in _COMMON_OPTIONS:
            break
        takes_value = _COMMON_OPTIONS[name] and "=" not in argv[i]
        moved += argv[i : i + 1 + takes_value]
        i += 1 + takes_value
    return argv[i:] + moved if moved and i < len(argv) else argv


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line with ``argv``; returns the exit status.

    >>> main(["partnerships", "--organisation", "zonmw", "--sdg", "3", "--active-in", "2022", "--include-open"])
    id        name                                       topsectors
    --------  -----------------------------------------  ----------
    momentum  Microplastics and Human Health Consortium  lsh
    (active in 2022: those that may be, an unknown start or end counted as open)
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
            args = parser.parse_args(_commands_first(list(sys.argv[1:] if argv is None else argv)))
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
        "search": lambda a: _search(_dataset(a), a, out),
        "partnerships": lambda a: _partnerships(_dataset(a), a, out),
        "validate": lambda a: _validate(a, out),
        "export": lambda a: _export(_dataset(a), a, out),
        "helix": lambda a: _helix(_dataset(a), a, out),
        "matrix": lambda a: _matrix(_dataset(a), a, out),
        "breakdown": lambda a: _breakdown(_dataset(a), a, out),
        "graph": lambda a: _graph(_dataset(a), a, out),
        "report": lambda a: _report(_dataset(a), a, out),
        "plot": lambda a: _plot(_dataset(a), a, out),
        "import": lambda a: _import(a, out),
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
    except MtibError as exc:
        err.write(f"mtib: {exc}\n")
        return 1
    except FileExistsError as exc:
        what = exc.filename if exc.filename is not None else str(exc)
        err.write(f"mtib: {what!s} already exists (add --force to replace a file)\n")
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
