"""Synthetic portfolios of any size that pass mtib's strict validation.

The partnerships refer to the bundled topsectors, themes, SDG targets and
organisations, so a file made here loads on top of the bundled dataset::

    python benchmarks/synth.py 20000 /tmp/p20k.yaml
    python -m mtib validate /tmp/p20k.yaml
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

import mtib


def portfolio(n: int, seed: int = 7) -> dict[str, list[dict[str, Any]]]:
    """Plain data (as in a data file) for ``n`` partnerships and the one source they cite."""
    ds = mtib.load()
    rng = random.Random(seed)
    topsectors = list(ds.topsectors.ids())
    themes = list(ds.themes.ids())
    targets = list(ds.sdg_targets)
    orgs = list(ds.organisations.ids())
    kinds = [k.value for k in mtib.PartnershipKind]
    statuses = [s.value for s in mtib.PartnershipStatus]
    env = [e.value for e in mtib.EnvironmentalChange]
    health = [h.value for h in mtib.HealthDimension]
    roles = [r.value for r in mtib.Role]
    partnerships = []
    for i in range(n):
        start = rng.randint(2005, 2026)
        sdgs = []
        for target in rng.sample(targets, rng.randint(1, 3)):
            link: dict[str, Any] = {"goal": target.goal, "relation": rng.choice(["direct", "indirect"])}
            if rng.random() < 0.6:
                link["target"] = target.id
            link["rationale"] = {"en": f"Synthetic link {i} to SDG {target.id}."}
            sdgs.append(link)
        seen_goals: set[tuple[int, str | None]] = set()
        unique_sdgs = []
        for link in sdgs:
            key = (link["goal"], link.get("target"))
            if key not in seen_goals:
                seen_goals.add(key)
                unique_sdgs.append(link)
        record: dict[str, Any] = {
            "id": f"synthetic-{i:07d}",
            "name": f"Synthetic partnership {i}",
            "kind": rng.choice(kinds),
            "acronym": f"SP{i}",
            "description": {"en": f"A generated partnership number {i}, for benchmarks.", "nl": f"Proef {i}."},
            "topsectors": rng.sample(topsectors, rng.randint(1, 3)),
            "themes": rng.sample(themes, rng.randint(1, 2)),
            "sdgs": unique_sdgs,
            "participants": [
                {"organisation": org, "role": rng.choice(roles)} for org in rng.sample(orgs, rng.randint(2, 6))
            ],
            "period": {"start": start, "end": start + rng.randint(0, 8)},
            "budget": {"amount": rng.randint(10, 10_000) * 1000, "currency": "EUR"},
            "status": rng.choice(statuses),
            "environmental_change": rng.sample(env, rng.randint(0, 2)),
            "health_dimensions": rng.sample(health, rng.randint(0, 2)),
            "sources": ["synthetic-source"],
        }
        partnerships.append(record)
    source = {"id": "synthetic-source", "title": "Synthetic data", "url": "https://example.org/synthetic"}
    return {"sources": [source], "partnerships": partnerships}


def write(n: int, path: Path, seed: int = 7) -> Path:
    """Write a synthetic portfolio as YAML or JSON (by suffix)."""
    data = portfolio(n, seed)
    if path.suffix == ".json":
        path.write_text(json.dumps(data), encoding="utf-8")
    else:
        import yaml

        dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        path.write_text(yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python benchmarks/synth.py N FILE.yaml|FILE.json")
    print(write(int(sys.argv[1]), Path(sys.argv[2])))
