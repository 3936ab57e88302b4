"""A fuzz target for the loader: any bytes either load or give one DataError, never anything else.

Run it for a long time as a script; a short smoke run is part of the test suite
(``tests/test_hostile.py::test_fuzz_smoke``)::

    pip install atheris                        # optional: coverage-guided fuzzing
    python tests/fuzz_loader.py --corpus /tmp/mtib-fuzz-corpus -max_total_time=600
    python tests/fuzz_loader.py --seconds 600  # without atheris: seeded random mutations

Each input is one file: the first byte picks the format (YAML or JSON) and whether
the bundled dataset is loaded under it; the rest is the file. :func:`check` states
what must hold:

* ``mtib.load`` returns a Dataset or raises :class:`mtib.DataError`, nothing else;
* every problem has a path starting with ``$``, names the file, and has a message of
  one line;
* a file that loads dumps (YAML and JSON) to text that loads back equal;
* its CSV export starts no cell with a spreadsheet formula character.

Bugs already reported are recognised by :func:`known_bug` and counted rather than
stopping the run, so that a long run can find new ones.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import io
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mtib

HERE = Path(__file__).resolve().parent
SEEDS = (HERE / "hostile" / "yaml", HERE / "hostile" / "json")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_workdir: Path | None = None


def _scratch() -> Path:
    global _workdir
    if _workdir is None:
        _workdir = Path(tempfile.mkdtemp(prefix="mtib-fuzz-"))
    return _workdir


def check(data: bytes, fmt: str = "yaml", bundled: bool = True) -> str:
    """Load ``data`` as a ``fmt`` file and check every promise; returns ``"loaded"`` or ``"refused"``.

    Raises AssertionError (or the unexpected exception) when a promise is broken.

    >>> check(b'organisations: [{id: "o1", name: "=1+1", sphere: "industry"}]')
    'loaded'
    >>> check(b'organisations: [{id: "o1", name: yes}]')
    'refused'
    """
    path = _scratch() / f"input.{fmt}"
    path.write_bytes(data)
    try:
        ds = mtib.load(path, bundled=bundled)
    except mtib.DataError as error:
        assert error.problems, "a DataError without problems"
        for problem in error.problems:
            assert problem.path.startswith("$"), problem
            assert problem.file == str(path), problem
            assert "\n" not in problem.message, f"a message of more than one line: {problem.message!r}"
        return "refused"
    assert isinstance(ds, mtib.Dataset)
    base = mtib.load() if bundled else mtib.Dataset({})
    added = [r for name, coll in ds.collections().items() for r in coll if r not in getattr(base, name)]
    for out_fmt in ("yaml", "json"):
        again = _scratch() / f"again.{out_fmt}"
        again.write_text(mtib.dumps(added, out_fmt), encoding="utf-8")
        assert mtib.load(again, bundled=bundled) == ds, f"the {out_fmt} round trip changed the data"
    from mtib.analysis.tables import csv_text

    for name, coll in ds.collections().items():
        mine = [r for r in coll if r not in getattr(base, name)]
        if not mine:
            continue
        rows = list(csv.reader(io.StringIO(csv_text(mine, type(mine[0])))))
        for row in rows[1:]:
            for cell in row:
                assert not cell.startswith(_FORMULA), f"a formula cell in the {name} CSV: {cell!r}"
                for item in cell.split(";"):
                    assert not item.startswith(_FORMULA), f"a formula item in the {name} CSV: {cell!r}"
    if added:
        import xml.etree.ElementTree as ET

        from mtib.analysis.graph import dataset_graph

        kinds = sorted({name for name, coll in ds.collections().items() if any(r in coll for r in added)})
        ET.fromstring(dataset_graph(ds, kinds=kinds).to_graphml())  # well-formed whatever the names hold
    return "loaded"


def known_bug(exc: BaseException) -> str | None:
    """The name of an already reported bug that ``exc`` shows, or None for a new finding."""
    text = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, (KeyError, IndexError, AttributeError)):
        tb = exc.__traceback__
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        if tb is not None and "yaml" in tb.tb_frame.f_code.co_filename:
            return "explicit-tag-crash"
    if "integer string conversion" in text:
        return "huge-integer"
    if "a message of more than one line" in text and "unacceptable character" in text:
        return "control-character-message"
    return None


def _input(raw: bytes) -> tuple[bytes, str, bool]:
    selector = raw[0] if raw else 0
    return raw[1:], ("json" if selector & 1 else "yaml"), not selector & 2


def _one(raw: bytes, seen: Counter[str]) -> None:
    data, fmt, bundled = _input(raw)
    try:
        seen[check(data, fmt, bundled)] += 1
    except Exception as exc:
        name = known_bug(exc)
        if name is None:
            raise
        seen[f"known bug: {name}"] += 1


_TOKENS = [
    b":",
    b"-",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b"&a",
    b"*a",
    b"!",
    b"!!str ",
    b"!!int ",
    b"!!float ",
    b"!!bool ",
    b"!!timestamp ",
    b"!!python/object/apply:os.system ",
    b"<<: ",
    b"'",
    b'"',
    b"#",
    b"|",
    b">",
    b"\n",
    b"\n  ",
    b"\t",
    b" ",
    b"NO",
    b"yes",
    b"~",
    b"null",
    b".nan",
    b"-.inf",
    b"1e400",
    b"2023-02-30",
    b"0x",
    b"99999999999",
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"=",
    b"@",
    b"NaN",
    b"Infinity",
    b"\\u0000",
    b"---\n",
    b"...\n",
]


def mutate(seed: bytes, rng: random.Random) -> bytes:
    """``seed`` with a few random edits: bytes deleted, flipped, or tokens of YAML/JSON inserted."""
    raw = bytearray(seed)
    for _ in range(rng.choice((1, 1, 1, 2, 3, 6))):
        pos = rng.randint(0, len(raw))
        op = rng.random()
        if op < 0.3 and raw:
            del raw[pos : pos + rng.randint(1, 8)]
        elif op < 0.5 and raw:
            raw[min(pos, len(raw) - 1)] = rng.randint(0, 255)
        elif op < 0.6 and len(raw) > 2:
            start = rng.randint(0, len(raw) - 1)
            raw[pos:pos] = raw[start : start + rng.randint(1, 40)]
        else:
            raw[pos:pos] = rng.choice(_TOKENS)
    return bytes(raw)


VALID = """
sources:
  - {id: "s1", title: "Notes", url: "https://example.org/notes", date: 2021-03-04, language: "nl"}
organisations:
  - {id: "o1", name: "=Coop", sphere: "civil_society", kind: "cooperative", aliases: ["C1"], country: "NL",
     kvk: "12345678", sources: ["s1"]}
  - {id: "o2", name: "Firm", sphere: "industry", description: {nl: "Een bedrijf", en: "A firm"}}
topsectors:
  - {id: "t1", name: {nl: "Sector", en: "Sector"}, established: 2011, acronym: "SEC", tkis: ["k1"]}
tkis:
  - {id: "k1", name: {nl: "TKI Een"}, established: 2012, ended: 2020, website: "https://example.org/k1"}
themes:
  - {id: "th1", name: {nl: "Thema"}, kind: "societal", sdgs: [{goal: 3, target: "3.3", relation: "indirect"}]}
missions:
  - {id: "m1", theme: "th1", statement: {nl: "In 2030"}, code: "A", target_year: 2030,
     period: {start: 2019, end: 2030}}
  - {id: "m2", theme: "th1", statement: {en: "Sub"}, parent: "m1", evidence: "confirmed"}
partnerships:
  - id: "p1"
    name: "-Partnership"
    kind: "programme"
    description: {en: "+A description"}
    topsectors: ["t1"]
    themes: ["th1"]
    missions: ["m1"]
    sdgs: [{goal: 7}, {goal: 3, target: "3.3", rationale: {en: "@why"}}]
    participants: [{organisation: "o1", role: "coordinator"}, {organisation: "o2"}]
    period: {start: 2020}
    budget: {amount: 1250000.50, currency: "EUR"}
    status: "active"
    environmental_change: ["pollution"]
    health_dimensions: ["disease", "nutrition"]
    sources: ["s1"]
facts:
  - {id: "f1", topic: "share", statement: {nl: "Zeven procent"}, value: -7.25, unit: "%", year: 2019,
     subjects: ["p1"], sources: ["s1"]}
events:
  - {id: "e1", title: {nl: "Start"}, date: 2020-01-15, related: ["p1", "o1"], sources: ["s1"]}
  - {id: "e2", title: {en: "Later"}, year: 2022}
concepts:
  - {id: "c1", name: {en: "Quadruple"}, spheres: ["industry", "academia", "government", "civil_society"]}
"""
"""A valid file that uses every collection, for mutations to start from (it loads alone)."""


def seeds() -> list[bytes]:
    """Valid and hostile inputs to start from: the corpus and valid files of every kind."""
    import json

    import yaml

    from tests.conftest import MINIMAL

    valid = VALID.encode()
    as_json = json.dumps(yaml.safe_load(VALID), default=str).encode()
    out = [b"\x00" + MINIMAL.encode(), b"\x02" + MINIMAL.encode(), b"\x02" + valid, b"\x03" + as_json]
    out += [b"\x00" + valid.replace(b'"s1"', b'"mtib-note"').replace(b'  - {id: "mtib-note", ', b'  - {id: "s1", ')]
    out *= 10  # valid seeds are drawn about as often as the corpus
    for folder in SEEDS:
        for path in sorted(folder.iterdir()):
            out.append((b"\x01" if path.suffix == ".json" else b"\x00") + path.read_bytes())
    return out


def run_random(
    seconds: float, seed: int = 0, report: Callable[[str], None] = print, max_runs: int | None = None
) -> Counter[str]:
    """Mutate the seeds for ``seconds`` or ``max_runs`` runs (no atheris needed); returns what happened, counted.

    >>> seen = run_random(60, seed=3, report=lambda _: None, max_runs=20)
    >>> sum(seen.values())
    20
    """
    rng = random.Random(seed)
    pool = seeds()
    seen: Counter[str] = Counter()
    stop = time.monotonic() + seconds
    runs = 0
    while time.monotonic() < stop and (max_runs is None or runs < max_runs):
        raw = mutate(rng.choice(pool), rng)
        _one(raw, seen)
        runs += 1
        if runs % 5000 == 0:
            report(f"{runs} runs: {dict(seen)}")
    report(f"{runs} runs: {dict(seen)}")
    return seen


def main(argv: list[str]) -> int:
    """Fuzz with atheris when it is installed (libFuzzer options pass through), else at random."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="length of a random run (without atheris)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--random", action="store_true", help="use seeded random mutation even if atheris is there")
    parser.add_argument("--corpus", type=Path, help="atheris: a corpus directory, filled with the seeds first")
    args, rest = parser.parse_known_args(argv[1:])
    if args.corpus is not None:
        args.corpus.mkdir(parents=True, exist_ok=True)
        for i, seed in enumerate(dict.fromkeys(seeds())):
            (args.corpus / f"seed-{i:03d}").write_bytes(seed)
        rest.append(str(args.corpus))
    try:
        if args.random:
            raise ImportError
        atheris: Any = importlib.import_module("atheris")
    except ImportError:
        run_random(args.seconds, args.seed)
        return 0
    seen: Counter[str] = Counter()
    mtib.load()  # the bundled dataset is shared by every run

    def one(raw: bytes) -> None:
        _one(raw, seen)
        total = sum(seen.values())
        if total % 20000 == 0:
            print(f"{total} runs: {dict(seen)}", flush=True)

    atheris.instrument_all()
    atheris.Setup([argv[0], *rest], one)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    sys.exit(main(sys.argv))
