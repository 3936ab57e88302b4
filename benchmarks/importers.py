"""Benchmark of the CORDIS importer on synthetic downloads of the H2020 size and five times that.

    pip install -e '.[bench]'            # pandas for the baselines (optional)
    python benchmarks/importers.py       # H2020 size, then 5x
    python benchmarks/importers.py --scale 1

For each size it prints, from the same run: the import (``read_cordis`` and the
dataset built on the records, as ``load_cordis(..., bundled=False)`` does)
against the floor of pandas ``read_csv`` of both files plus a join of the
participations to their projects (target: at most 3x); the peak memory of an
import in a fresh process (target: under 1.5 GiB at the H2020 size); and
``where(sphere="industry", active_in=2018)`` and the helix composition on the
imported dataset against pandas on the same frames (target: faster). The
files come from ``benchmarks/cordis_synth.py``. Benchmarks print; no test
asserts on time.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cordis_synth

from mtib.analysis.helix import composition
from mtib.io.importers._tables import as_dataset
from mtib.io.importers.cordis import read_cordis

CPU: dict[int, float] = {}  # id of a result -> the median processor time of its runs


def median_time(fn: Callable[[], object], repeat: int) -> tuple[float, Any]:
    """The median wall time of ``fn`` over ``repeat`` runs and its last result; the median
    processor time (less disturbed by other work on the machine) goes to :data:`CPU`."""
    times, cpu, result = [], [], None
    for _ in range(repeat):
        gc.collect()
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    CPU[id(result)] = statistics.median(cpu)
    return statistics.median(times), result


def peak_memory(folder: Path) -> float:
    """The peak resident memory (MiB) of a fresh process that imports ``folder``."""
    code = (
        "import resource, sys\n"
        "from mtib.io.importers.cordis import read_cordis\n"
        "from mtib.io.importers._tables import as_dataset\n"
        f"ds = as_dataset(read_cordis({str(folder)!r}), None)\n"
        "ds.partnerships.where(sphere='industry', active_in=2018)\n"
        "status = open('/proc/self/status').read() if sys.platform == 'linux' else ''\n"
        "hwm = [line.split()[1] for line in status.splitlines() if line.startswith('VmHWM:')]\n"
        "print(hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    # VmHWM (Linux) is the child's own high-water mark; ru_maxrss would count the parent's memory
    # at the fork. Both are in KiB on Linux.
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return int(out.strip()) / 1024


def pandas_baselines(folder: Path, repeat: int) -> dict[str, float] | None:
    try:
        import pandas as pd
    except ImportError:
        return None

    def read() -> tuple[Any, Any, Any]:
        projects = pd.read_csv(folder / "project.csv", sep=";", dtype={"id": str})
        orgs = pd.read_csv(folder / "organization.csv", sep=";", dtype={"projectID": str, "organisationID": str})
        return projects, orgs, orgs.merge(projects, left_on="projectID", right_on="id", how="inner")

    floor, frames = median_time(read, repeat)
    floor_cpu = CPU[id(frames)]
    joined = frames[2]
    spheres = {"PRC": "industry", "HES": "academia", "REC": "academia", "PUB": "government", "OTH": "civil_society"}
    joined["sphere"] = joined["activityType"].map(spheres)
    joined["start"] = joined["startDate"].str[:4].astype(int)
    joined["end"] = joined["endDate"].str[:4].astype(int)

    def where() -> object:
        active = joined[(joined.start <= 2018) & (joined.end >= 2018)]
        return active.loc[active.sphere == "industry", "projectID"].unique()

    def helix() -> object:
        table = joined.groupby(["projectID", "sphere"]).size().unstack(fill_value=0) > 0
        triple = table["industry"] & table["academia"] & table["government"]
        quadruple = triple & table["civil_society"]
        return {"quadruple": int(quadruple.sum()), "triple": int((triple & ~quadruple).sum()), "all": len(table)}

    t_where, _ = median_time(where, repeat)
    t_helix, _ = median_time(helix, repeat)
    return {"floor": floor, "floor_cpu": floor_cpu, "where": t_where, "helix": t_helix}


def bench(scale: float, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "download"
        projects, rows = cordis_synth.write(folder, scale)
        size = sum(f.stat().st_size for f in folder.iterdir()) / 2**20
        print(f"\n## {scale:g}x the H2020 size: {projects:,} projects, {rows:,} organisation rows ({size:.0f} MiB)")
        t_import, ds = median_time(lambda: as_dataset(read_cordis(folder), None), repeat)
        t_import_cpu = CPU[id(ds)]
        print(f"  import (read_cordis + dataset): {t_import:.2f} s (processor time {t_import_cpu:.2f} s)")
        partnerships = ds.partnerships
        partnerships.where(sphere="industry", active_in=2018)  # the first call builds the indexes
        t_where, found = median_time(lambda: partnerships.where(sphere="industry", active_in=2018), repeat)
        t_where_cold = _cold_where(ds)
        t_helix = _cold_helix(ds)  # the first call counts the combinations; later calls reuse the count
        t_helix_warm, comp = median_time(lambda: composition(partnerships), repeat)
        print(
            f"  where(sphere='industry', active_in=2018): {t_where * 1000:.2f} ms ({len(found):,} projects); "
            f"first call with the indexes built: {t_where_cold * 1000:.0f} ms"
        )
        print(
            f"  helix composition: {t_helix * 1000:.0f} ms ({comp.total:,} partnerships) on the first call; "
            f"{t_helix_warm * 1000:.3f} ms once counted"
        )
        baselines = pandas_baselines(folder, repeat)
        if baselines is None:
            print("  pandas is not installed: no baselines (pip install pandas)")
        else:
            ratio = t_import / baselines["floor"]
            ratio_cpu = t_import_cpu / baselines["floor_cpu"]
            print(
                f"  pandas read_csv of both files + join: {baselines['floor']:.2f} s (processor time "
                f"{baselines['floor_cpu']:.2f} s) -> ratio {ratio:.2f}, of processor times {ratio_cpu:.2f} "
                f"(target at most 3) {'met' if max(ratio, ratio_cpu) <= 3 else 'NOT MET'}"
            )
            # Both with their indexes built (as pandas has its joined frame), the first calls beside them.
            for name, ours, first in (("where", t_where, t_where_cold), ("helix", t_helix_warm, t_helix)):
                theirs = baselines[name]
                print(
                    f"  pandas {name} on the joined frame: {theirs * 1000:.1f} ms -> ratio {ours / theirs:.2f} "
                    f"(target below 1) {'met' if ours < theirs else 'NOT MET'}; "
                    f"first call, indexes built: ratio {first / theirs:.2f}"
                )
        peak = peak_memory(folder)
        target = "under 1.5 GiB" if scale <= 1 else "(no target)"
        print(f"  peak memory of an import in a fresh process: {peak:,.0f} MiB {target}")


def _cold_where(ds: Any) -> float:
    from mtib.dataset import Dataset

    fresh = Dataset({name: coll.records for name, coll in ds.collections().items()})
    start = time.perf_counter()
    fresh.partnerships.where(sphere="industry", active_in=2018)
    return time.perf_counter() - start


def _cold_helix(ds: Any) -> float:
    from mtib.dataset import Dataset

    fresh = Dataset({name: coll.records for name, coll in ds.collections().items()})
    start = time.perf_counter()
    composition(fresh.partnerships)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark of the CORDIS importer.")
    parser.add_argument("--scale", type=float, action="append", help="sizes to run (default: 1 and 5)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for scale in args.scale or [1.0, 5.0]:
        bench(scale, args.repeat)


if __name__ == "__main__":
    main()
