"""The cost of "did you mean" hints: 2,000 dangling references against 100,000 ids.

    python benchmarks/suggest.py

Prints mtib's figure (an :class:`mtib.core.suggest.Options` index built once, then one
query per reference) beside the baseline (``difflib.get_close_matches`` over every id,
timed on a few references and scaled to all of them). Benchmarks print; no test asserts on time.
"""

from __future__ import annotations

import difflib
import random
import time

from mtib.core.suggest import Options

IDS, REFERENCES, BASELINE_SAMPLE = 100_000, 2_000, 5


def main() -> int:
    rng = random.Random(1)
    parts = ["organisation", "partnership", "source", "water", "energie", "tki", "missie", "kennis", "zorg"]
    ids = [f"{rng.choice(parts)}-{rng.choice(parts)}-{i}" for i in range(IDS)]
    references = []
    for _ in range(REFERENCES):
        target = rng.choice(ids)
        at = rng.randrange(len(target))
        references.append(target[:at] + target[at + 1 :])  # one character left out

    start = time.perf_counter()
    index = Options(ids)
    found = [index.best(r) for r in references]
    mtib_time = time.perf_counter() - start

    start = time.perf_counter()
    for r in references[:BASELINE_SAMPLE]:
        difflib.get_close_matches(r, ids, n=1, cutoff=0.6)
    baseline = (time.perf_counter() - start) / BASELINE_SAMPLE * REFERENCES

    print(f"did you mean, {REFERENCES:,} references against {IDS:,} ids:")
    print(f"  mtib.core.suggest: {mtib_time:.2f} s ({sum(f is not None for f in found):,} hints)")
    print(f"  difflib.get_close_matches over every id (scaled from {BASELINE_SAMPLE}): {baseline:.0f} s")
    print(f"  ratio {baseline / mtib_time:.0f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
