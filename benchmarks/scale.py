"""The scale benchmark (issue 16): mtib at 10k, 100k and 1M partnerships, against polars, pandas and DuckDB.

    pip install -e '.[bench]'
    python benchmarks/run.py --scale                     # 10k, 100k, 1M (about 15 minutes, 2 cores)
    python benchmarks/run.py --scale --sizes 10000 100000   # smaller

Every figure is printed per record (or per query) at each size, so that a cost that
grows faster than the data shows as a per-record figure that grows. The baselines
are measured in the same run, on the same records. Nothing here asserts on time.
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth

import mtib

QUERIES = {  # what a user asks: a name, a typo, an acronym, a word of the description
    "name": "Synthetic partnership 123",
    "typo": "synthtic partnrship 4567",
    "acronym": "SP77",
    "description": "generated 999",
    "broad": "synthetic partnership",  # a name part of every record: the limit's early stop
}
WHERE = {
    "topsector x SDG": {"topsector": "lsh", "sdg": 3},
    "sphere": {"sphere": "civil_society"},
    "organisation": {"organisation": "zonmw"},
    "active_in": {"active_in": 2021, "include_open": True},  # the baselines count an open end as open
}


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def best(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        times.append(timed(fn))
    return statistics.median(times)


def rss() -> int:
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def long_tables(ps: tuple[mtib.Partnership, ...]) -> dict[str, dict[str, list[Any]]]:
    """The same facts as plain Python lists, one long table per question (as an analyst would build them)."""
    pair: dict[str, list[Any]] = {"id": [], "topsector": [], "sdg": []}
    sphere: dict[str, list[Any]] = {"id": [], "sphere": []}
    org: dict[str, list[Any]] = {"id": [], "organisation": []}
    period: dict[str, list[Any]] = {"id": [], "start": [], "end": []}
    for p in ps:
        goals = sorted({link.goal for link in p.sdgs})
        for t in p.topsectors:
            for g in goals:
                pair["id"].append(p.id)
                pair["topsector"].append(t)
                pair["sdg"].append(g)
        for s in p.spheres:
            sphere["id"].append(p.id)
            sphere["sphere"].append(s.value)
        for part in dict.fromkeys(x.organisation for x in p.participants):
            org["id"].append(p.id)
            org["organisation"].append(part)
        if p.period is not None:
            period["id"].append(p.id)
            period["start"].append(p.period.start)
            period["end"].append(p.period.end)
    return {"topsector x SDG": pair, "sphere": sphere, "organisation": org, "active_in": period}


def polars_queries(tables: dict[str, dict[str, list[Any]]]) -> dict[str, Callable[[], list[str]]]:
    import polars as pl

    frames = {name: pl.DataFrame(cols) for name, cols in tables.items()}
    c = pl.col

    filters = {
        "topsector x SDG": ("topsector x SDG", (c("topsector") == "lsh") & (c("sdg") == 3)),
        "sphere": ("sphere", c("sphere") == "civil_society"),
        "organisation": ("organisation", c("organisation") == "zonmw"),
        "active_in": (
            "active_in",
            (c("start").is_null() | (c("start") <= 2021)) & (c("end").is_null() | (c("end") >= 2021)),
        ),
    }
    out: dict[str, Callable[[], Any]] = {}
    for label, (table, expr) in filters.items():
        frame = frames[table]
        out[label] = lambda frame=frame, expr=expr: list(frame.filter(expr)["id"].unique(maintain_order=True))
        out[label + " (series)"] = lambda frame=frame, expr=expr: frame.filter(expr)["id"].unique(maintain_order=True)
    return out


def pandas_queries(tables: dict[str, dict[str, list[Any]]]) -> dict[str, Callable[[], list[str]]]:
    import pandas as pd

    f = {name: pd.DataFrame(cols) for name, cols in tables.items()}
    pair, sphere, org, period = f["topsector x SDG"], f["sphere"], f["organisation"], f["active_in"]

    def active() -> list[str]:
        mask = (period["start"].isna() | (period["start"] <= 2021)) & (period["end"].isna() | (period["end"] >= 2021))
        return list(dict.fromkeys(period.loc[mask, "id"]))

    return {
        "topsector x SDG": lambda: list(
            dict.fromkeys(pair.loc[(pair["topsector"] == "lsh") & (pair["sdg"] == 3), "id"])
        ),
        "sphere": lambda: list(dict.fromkeys(sphere.loc[sphere["sphere"] == "civil_society", "id"])),
        "organisation": lambda: list(dict.fromkeys(org.loc[org["organisation"] == "zonmw", "id"])),
        "active_in": active,
    }


def duckdb_queries(tables: dict[str, dict[str, list[Any]]]) -> dict[str, Callable[[], list[str]]]:
    import duckdb
    import pyarrow as pa

    con = duckdb.connect()
    for name, cols in tables.items():
        con.register(name.replace(" ", "_"), pa.table(cols))

    def q(sql: str) -> Callable[[], list[str]]:
        return lambda: [r[0] for r in con.execute(sql).fetchall()]

    return {
        "topsector x SDG": q("SELECT DISTINCT id FROM topsector_x_SDG WHERE topsector = 'lsh' AND sdg = 3"),
        "sphere": q("SELECT DISTINCT id FROM sphere WHERE sphere = 'civil_society'"),
        "organisation": q("SELECT DISTINCT id FROM organisation WHERE organisation = 'zonmw'"),
        "active_in": q(
            "SELECT DISTINCT id FROM active_in"
            ' WHERE (start IS NULL OR start <= 2021) AND ("end" IS NULL OR "end" >= 2021)'
        ),
    }


def one_size(n: int, tmp: Path, out: list[tuple[str, int, str]]) -> None:
    print(f"\n{n:,} partnerships", flush=True)

    def report(what: str, figure: str) -> None:
        out.append((what, n, figure))
        print(f"  {what}: {figure}", flush=True)

    path = synth.write(n, tmp / f"scale-{n}.json")
    gc.collect()
    before = rss()
    start = time.perf_counter()
    ds = mtib.load(path, limits=mtib.Limits(max_bytes=1 << 32))
    load_s = time.perf_counter() - start
    gc.collect()
    resident = (rss() - before) / n
    figure = f"{load_s * 1e6 / n:.1f} µs/record ({load_s:.1f} s)"
    try:
        import msgspec_baseline

        data = path.read_bytes()
        gc.disable()  # as mtib builds its records
        start = time.perf_counter()
        decoded = msgspec_baseline.decode(data)
        theirs = time.perf_counter() - start
        gc.enable()
        del decoded, data
        figure += f"; msgspec Structs {theirs * 1e6 / n:.1f} µs/record ({load_s / theirs:.1f}x)"
    except ImportError:
        print("  (msgspec is not installed: pip install -e '.[bench]')")
    path.unlink()
    ps = ds.partnerships
    report("load (JSON, strict)", figure)
    report("resident memory after load", f"{resident:,.0f} B/partnership")
    t = timed(lambda: ps.lookup("Synthetic partnership 17"))
    report("first lookup, exact name (builds the name index)", f"{t * 1e6 / n:.2f} µs/record ({t:.2f} s)")
    t = timed(lambda: ps.lookup("synthetic partnership 18"))
    report("first lookup, name written differently (normalised index)", f"{t * 1e6 / n:.2f} µs/record ({t:.2f} s)")
    t = timed(lambda: ps.where(sphere="civil_society"))
    report("first where (builds the facet index)", f"{t * 1e6 / n:.2f} µs/record ({t:.2f} s)")
    t = timed(lambda: ps.where(active_in=2021))
    report("first where(active_in) (builds the year index)", f"{t * 1e6 / n:.2f} µs/record ({t:.2f} s)")
    t = timed(lambda: ps.search("Synthetic partnership 1"))
    report("first search (builds the word index of the names)", f"{t * 1e6 / n:.2f} µs/record ({t:.2f} s)")
    t = timed(lambda: ps.search("generated 12345"))
    report("first search reaching the texts (builds their word index)", f"{t * 1e6 / n:.2f} µs/record ({t:.2f} s)")
    for label, query in QUERIES.items():
        t = best(lambda query=query: ps.search(query), repeat=3)
        report(f"search ({label}: {query!r})", f"{t * 1e3:.1f} ms/query")
    tables = long_tables(ps.records)
    engines: dict[str, dict[str, Callable[[], list[str]]]] = {}
    for engine, make in (("polars", polars_queries), ("pandas", pandas_queries), ("duckdb", duckdb_queries)):
        try:
            engines[engine] = make(tables)
        except ImportError:
            print(f"  ({engine} is not installed: pip install -e '.[bench]')")
    for label, criteria in WHERE.items():
        # mtib's answer is a lazy Selection; ``.ids()`` reads every id into a Python tuple, as the
        # baselines' answers are read into a Python list of ids (polars also without that step)
        ours = best(lambda criteria=criteria: ps.where(**criteria), repeat=7)  # type: ignore[arg-type]
        ours_ids_t = best(lambda criteria=criteria: ps.where(**criteria).ids(), repeat=7)  # type: ignore[arg-type]
        found = ps.where(**criteria)  # type: ignore[arg-type]
        ours_ids = found.ids()
        line = f"{ours * 1e3:.2f} ms, with ids {ours_ids_t * 1e3:.2f} ms ({len(found):,} found)"
        for engine, queries in engines.items():
            theirs = best(queries[label], repeat=5)
            same = sorted(queries[label]()) == sorted(ours_ids)
            line += f"; {engine} {theirs * 1e3:.2f} ms ({theirs / ours_ids_t:.1f}x{'' if same else ', DIFFERENT'})"
            if engine == "polars":
                series = best(queries[label + " (series)"], repeat=5)
                line += f", as a Series {series * 1e3:.2f} ms ({series / ours:.1f}x)"
        report(f"where {label}", line)
    import polars as pl

    from mtib.analysis import frames

    t_ours = timed(lambda: frames.to_arrow("partnerships", ds))
    t_pandas = timed(lambda: frames.to_pandas("partnerships", ds))
    rows_lists = frames.schema("partnerships")
    columns = [c.name for c in rows_lists]
    sample = frames.rows("partnerships", ds)
    as_lists = {c: [r[c] for r in sample] for c in columns}
    t_polars = timed(lambda: pl.DataFrame(as_lists, strict=False))
    report(
        "frames: to_arrow / to_pandas (partnerships) vs polars from lists",
        f"{t_ours * 1e6 / n:.1f} / {t_pandas * 1e6 / n:.1f} µs/record; polars {t_polars * 1e6 / n:.1f} µs/record "
        f"({t_ours / t_polars:.1f}x / {t_pandas / t_polars:.1f}x)",
    )


def fresh_process(out: list[tuple[str, int, str]]) -> None:
    import subprocess

    from run import fresh  # the fresh-process timer of the standard run

    mtib.load()  # the bundle is cached
    ours = fresh("import mtib; mtib.load().topsectors.get('lsh')", 9)
    try:
        theirs = fresh("import pycountry; pycountry.countries.get(alpha_2='NL')", 9)
    except subprocess.CalledProcessError:
        print("  (pycountry is not installed: pip install -e '.[bench]')")
        return
    # the floor of any first answer made of attrs records: Python starting and importing attrs
    floor = fresh("import attrs", 9)
    figure = (
        f"{ours * 1e3:.0f} ms; pycountry {theirs * 1e3:.0f} ms ({ours / theirs:.2f}x); "
        f"floor: python -c 'import attrs' {floor * 1e3:.0f} ms ({floor / theirs:.2f}x pycountry)"
    )
    out.append(("fresh process to first answer", 0, figure))
    print(f"\nfresh process to first answer: {figure}", flush=True)


def main(sizes: list[int], tmp: Path) -> list[tuple[str, int, str]]:
    out: list[tuple[str, int, str]] = []
    fresh_process(out)
    for n in sizes:
        one_size(n, tmp, out)
    return out
