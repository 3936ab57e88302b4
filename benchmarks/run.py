"""Run every mtib benchmark and print figures, baselines measured in the same run, and ratios.

    pip install -e '.[bench]'
    python benchmarks/run.py            # the full run (100k partnerships; a few minutes)
    python benchmarks/run.py --quick    # smaller sizes, for a quick look
    python benchmarks/run.py --scale    # 10k, 100k, 1M partnerships against polars, pandas, DuckDB

Each row gives mtib's figure, the baseline it is compared with, their ratio and
the target. Benchmarks print; no test asserts on time.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth

import mtib
from mtib.core.bulk import paused_gc

ROWS: list[tuple[str, str, str, str, str, str]] = []


def row(name: str, figure: str, baseline: str, ratio: float, target: str, met: bool) -> None:
    ROWS.append((name, figure, baseline, f"{ratio:.2f}", target, "yes" if met else "NO"))
    print(f"  {name}: {figure} vs {baseline} -> ratio {ratio:.2f} (target {target}) {'met' if met else 'NOT MET'}")


def fresh(code: str, runs: int) -> float:
    """Median wall time of ``python -c code`` in fresh processes.

    Bytecode may be written and read, as in an installed package (pip compiles it at install):
    with ``PYTHONDONTWRITEBYTECODE`` set, as on some build machines, a source checkout would be
    compiled again in every process while the baselines' installed packages are not. One run
    first writes it.
    """
    times = []
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE")}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)  # writes the bytecode
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def per_call(stmt: Callable[[], object], number: int = 20000, repeat: int = 7) -> float:
    """Median seconds per call."""
    return min(statistics.median(timeit.repeat(stmt, number=number, repeat=repeat)) / number, float("inf"))


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def us(seconds: float) -> str:
    return f"{seconds * 1e6:.2f} µs"


FLOOR_STRUCTURE = """
import datetime, decimal, json, sys
import cattrs
from mtib.core.schema import COLLECTIONS
conv = cattrs.Converter()
conv.register_structure_hook(datetime.date, lambda v, _: datetime.date.fromisoformat(v))
conv.register_structure_hook(decimal.Decimal, lambda v, _: decimal.Decimal(str(v)))
with open({path!r}, encoding="utf-8") as fh:
    data = json.load(fh)
records = {{name: [conv.structure(r, cls) for r in data.get(name, [])] for name, cls in COLLECTIONS.items()}}
"""


def bench_import(runs: int) -> None:
    print("import")
    base = fresh("import attrs", runs)
    ours = fresh("import mtib", runs)
    row(
        "import mtib (fresh process)", ms(ours), f"import attrs {ms(base)}", ours / base, "<= 1.25", ours / base <= 1.25
    )


def bench_first_load(runs: int, tmp: Path) -> None:
    print("first load")
    data = tmp / "bundled.json"
    data.write_text(mtib.dumps(mtib.load(), "json"), encoding="utf-8")
    floor = fresh(FLOOR_STRUCTURE.format(path=str(data)), runs)
    # every collection decoded (mtib.load() alone decodes each collection on first use)
    ours = fresh("import mtib; mtib.load().counts()", runs)
    lazy = fresh("import mtib; mtib.load()", runs)
    print(f"  (for information) mtib.load() alone, decoding nothing yet: {ms(lazy)}")
    row(
        "first mtib.load(), every collection decoded (fresh process)",
        ms(ours),
        f"json.load + cattrs structure {ms(floor)}",
        ours / floor,
        "<= 1.5",
        ours / floor <= 1.5,
    )


def bench_get_lookup() -> None:
    print("get and lookup")
    import pycountry

    ds = mtib.load()
    ts = ds.topsectors
    ts.lookup("LSH")  # build the name index
    pycountry.countries.get(alpha_2="NL")  # load pycountry's database
    ours = per_call(lambda: ts.get("lsh"), number=200000)
    theirs = per_call(lambda: pycountry.countries.get(alpha_2="NL"), number=200000)
    row(
        "collection.get(id)",
        us(ours),
        f"pycountry get {us(theirs)}",
        ours / theirs,
        "<= 1 µs and <= pycountry",
        ours <= 1e-6 and ours <= theirs,
    )
    exact = per_call(lambda: ts.lookup("Life Sciences & Health"), number=200000)
    row("collection.lookup(exact name)", us(exact), "3 µs", exact / 3e-6, "<= 3 µs", exact <= 3e-6)
    loose = per_call(lambda: ts.lookup("life sciences en health"), number=50000)
    print(f"  (for information) lookup of a name written differently: {us(loose)}")


def _load_synthetic(n: int, tmp: Path) -> mtib.Dataset:
    path = synth.write(n, tmp / f"synthetic-{n}.json")
    # 100,000 partnerships make a file larger than the default 64 MiB limit: raise it, as a user would
    return mtib.load(path, limits=mtib.Limits(max_bytes=1 << 30))


def _long_table(ds: mtib.Dataset) -> Any:
    import pandas as pd

    rows = []
    for p in ds.partnerships:
        # No period at all: never active (as in mtib); an open start or end stays NaN.
        start = p.period.start if p.period else float("inf")
        end = p.period.end if p.period else None
        goals = sorted({link.goal for link in p.sdgs})
        for t in p.topsectors:
            for g in goals:
                rows.append((p.id, t, g, start, end))
    return pd.DataFrame(rows, columns=["id", "topsector", "sdg", "start", "end"])


def bench_where(sizes: list[int], tmp: Path) -> dict[int, mtib.Dataset]:
    print("where")
    datasets = {n: _load_synthetic(n, tmp) for n in sizes}
    big = datasets[sizes[-1]]
    table = _long_table(big)
    year = 2021

    def with_pandas() -> list[str]:
        # An open start or end (NaN) counts as open: mtib's include_open=True ("possibly active").
        active = (table["start"].isna() | (table["start"] <= year)) & (table["end"].isna() | (table["end"] >= year))
        mask = (table["topsector"] == "lsh") & (table["sdg"] == 3) & active
        return list(dict.fromkeys(table.loc[mask, "id"]))

    def with_mtib() -> tuple[mtib.Partnership, ...]:
        return big.partnerships.where(topsector="lsh", sdg=3, active_in=year, include_open=True)

    with_mtib()  # build the indexes
    ours_result = [p.id for p in with_mtib()]
    theirs_result = with_pandas()
    same = ours_result == theirs_result
    ours = per_call(with_mtib, number=50, repeat=7)
    theirs = per_call(with_pandas, number=5, repeat=7)
    row(
        f"where(topsector, sdg, active_in) on {sizes[-1]:,} partnerships",
        ms(ours),
        f"pandas long table {ms(theirs)}",
        theirs / ours,
        ">= 5 (speed-up), same result",
        theirs / ours >= 5 and same,
    )
    print(f"  same result as pandas: {same} ({len(ours_result)} partnerships)")
    print("  cost against data size (the answer grows with the data; the empty query does not):")
    for n, ds in datasets.items():
        ds.partnerships.where(topsector="lsh")
        t_sel = per_call(
            lambda ds=ds: ds.partnerships.where(topsector="lsh", sdg=3, active_in=year, include_open=True), number=50
        )
        k = len(ds.partnerships.where(topsector="lsh", sdg=3, active_in=year, include_open=True))
        t_none = per_call(lambda ds=ds: ds.partnerships.where(mission="gz-iii", topsector="ict"), number=2000)
        print(
            f"    {n:>7,} partnerships: selective query {us(t_sel)} for {k:,} results "
            f"({us(t_sel / max(k, 1))} per result); a query with a tiny answer {us(t_none)}"
        )
    return datasets


def bench_user_files(n: int, tmp: Path) -> None:
    print(f"loading a {n:,}-partnership user file")
    import yaml

    mtib.load()
    json_path = synth.write(n, tmp / f"user-{n}.json")
    yaml_path = synth.write(n, tmp / f"user-{n}.yaml")
    floor_code = compile(FLOOR_STRUCTURE.format(path=str(json_path)), "<floor>", "exec")

    def floor_json() -> None:
        # Fresh globals each time: the previous run's data and records are garbage by the
        # next run (as mtib's are), not still alive and making the collector's work larger.
        exec(floor_code, {})

    ours_json = median_time(lambda: mtib.load(json_path), 3)
    base_json = median_time(floor_json, 3)
    row(
        f"load {n:,} partnerships (JSON)",
        ms(ours_json),
        f"json.load + cattrs {ms(base_json)}",
        ours_json / base_json,
        "<= 1.5",
        ours_json / base_json <= 1.5,
    )
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def libyaml() -> None:
        with open(yaml_path, encoding="utf-8") as fh:
            yaml.load(fh, Loader=loader)

    ours_yaml = median_time(lambda: mtib.load(yaml_path), 3)
    base_yaml = median_time(libyaml, 3)
    row(
        f"load {n:,} partnerships (YAML)",
        ms(ours_yaml),
        f"libyaml safe_load {ms(base_yaml)}",
        ours_yaml / base_yaml,
        "<= 1.2",
        ours_yaml / base_yaml <= 1.2,
    )


def paused(fn: Callable[[bytes], object], data: bytes) -> Callable[[], None]:
    """``fn(data)`` as a timed call with the collector paused, as mtib pauses it while it builds records."""

    def call() -> None:
        with paused_gc():
            fn(data)

    return call


def bench_msgspec(sizes: list[int], tmp: Path) -> None:
    """Strict JSON loading against msgspec decoding into Structs of the same shape (issue 16)."""
    print("strict JSON loading against msgspec")
    try:
        import msgspec_baseline
    except ImportError:
        print("  (msgspec is not installed: pip install -e '.[bench]')")
        return
    mtib.load()
    for n in sizes:
        path = synth.write(n, tmp / f"msgspec-{n}.json")
        data = path.read_bytes()
        repeat = 3 if n <= 50_000 else 1
        ours = median_time(lambda path=path: mtib.load(path, limits=mtib.Limits(max_bytes=1 << 32)), repeat)

        # as mtib builds its records: the collector paused (the Structs hold no cycles)
        theirs = median_time(paused(msgspec_baseline.decode, data), repeat)
        default = median_time(lambda data=data: msgspec_baseline.decode(data), repeat)
        row(
            f"load {n:,} partnerships (JSON, strict)",
            ms(ours),
            f"msgspec Structs {ms(theirs)} (collector on: {ms(default)})",
            ours / theirs,
            "<= 1.5",
            ours / theirs <= 1.5,
        )

        # the floors under any strict loader that makes mtib's attrs records (not targets):
        # the standard library's JSON parse alone, and msgspec's decode followed by making
        # the records from its Structs with every validator off (an accelerator's best case)
        parse = median_time(paused(json.loads, data), repeat)
        floor = median_time(paused(lambda data: msgspec_baseline.records(msgspec_baseline.decode(data)), data), repeat)
        print(
            f"  floors at {n:,}: json.loads alone {ms(parse)} ({parse / theirs:.2f}x msgspec); "
            f"msgspec + making the attrs records, validators off {ms(floor)} ({floor / theirs:.2f}x); "
            f"mtib {ours / floor:.2f}x that floor"
        )
        path.unlink()


def bench_memory(ds: mtib.Dataset) -> None:
    print("memory")
    import attrs

    partnerships = ds.partnerships.records
    values = [tuple(getattr(p, f.name) for f in attrs.fields(mtib.Partnership)) for p in partnerships]
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    as_tuples = [tuple(list(v)) for v in values]  # noqa: C414 - tuple(v) would return v itself
    middle = tracemalloc.take_snapshot()
    as_records = [mtib.Partnership(*v) for v in values]
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    tuple_bytes = sum(s.size_diff for s in middle.compare_to(before, "filename")) / len(values)
    record_bytes = sum(s.size_diff for s in after.compare_to(middle, "filename")) / len(values)
    del as_tuples, as_records
    row(
        f"memory per partnership record at {len(values):,}",
        f"{record_bytes:.0f} B",
        f"plain tuple {tuple_bytes:.0f} B",
        record_bytes / tuple_bytes,
        "<= 2",
        record_bytes / tuple_bytes <= 2,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller sizes and fewer runs")
    parser.add_argument("--markdown", metavar="FILE", help="also write the table as Markdown")
    parser.add_argument("--scale", action="store_true", help="the scale benchmark: 10k, 100k and 1M partnerships")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000], help="with --scale")
    args = parser.parse_args()
    if args.scale:
        return run_scale(args.sizes, args.markdown)
    runs = 5 if args.quick else 15
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    user_n = 2_000 if args.quick else 20_000
    print(
        f"mtib {mtib.__version__} (data {mtib.DATA_VERSION}), Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}"
    )
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        bench_import(runs)
        bench_first_load(runs, tmp)
        bench_get_lookup()
        bench_user_files(user_n, tmp)  # before the large datasets below fill the heap
        bench_msgspec([2_000, 20_000] if args.quick else [20_000, 200_000], tmp)
        datasets = bench_where(sizes, tmp)
        bench_memory(datasets[sizes[-1]])
    header = ("benchmark", "mtib", "baseline (same run)", "ratio", "target", "met")
    widths = [max(len(str(r[i])) for r in [header, *ROWS]) for i in range(6)]
    print()
    for r in [header, *ROWS]:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    if args.markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(r) + " |" for r in ROWS]
        Path(args.markdown).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0 if all(r[5] == "yes" for r in ROWS) else 1


def run_scale(sizes: list[int], markdown: str | None) -> int:
    import scale

    print(
        f"mtib {mtib.__version__} (data {mtib.DATA_VERSION}), Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}"
    )
    with tempfile.TemporaryDirectory() as name:
        results = scale.main(sizes, Path(name))
    lines = ["| measure | " + " | ".join(f"{n:,}" for n in sizes) + " |", "|---|" + "---|" * len(sizes)]
    measures = list(dict.fromkeys(what for what, _, _ in results))
    for what in measures:
        cells = {n: figure for w, n, figure in results if w == what}
        if 0 in cells:
            lines.append(f"| {what} | {cells[0]} |" + " |" * (len(sizes) - 1))
        else:
            lines.append(f"| {what} | " + " | ".join(cells.get(n, "") for n in sizes) + " |")
    print()
    print("\n".join(lines))
    if markdown:
        Path(markdown).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
