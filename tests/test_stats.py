"""Coverage figures (mtib.analysis.stats and `mtib stats`): counted independently and checked on gaps."""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import attrs

import mtib
from mtib.analysis.stats import Check, coverage
from mtib.cli import main
from mtib.core.schema import COLLECTIONS


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_counts_per_kind_match_the_collections(ds: mtib.Dataset) -> None:
    cov = coverage(ds)
    assert [k.kind for k in cov.kinds] == list(COLLECTIONS)
    for k in cov.kinds:
        records = list(getattr(ds, k.kind))
        assert k.records == len(records)
        assert k.sourced == (None if k.kind == "sources" else sum(1 for r in records if r.sources))
        if "evidence" in attrs.fields_dict(COLLECTIONS[k.kind]):
            assert k.confirmed == sum(1 for r in records if r.evidence is mtib.Evidence.CONFIRMED)
            assert k.reported == sum(1 for r in records if r.evidence is mtib.Evidence.REPORTED)
            assert k.confirmed + k.reported == k.records
        else:
            assert k.confirmed is None and k.reported is None
    assert cov.total == sum(ds.counts().values())


def test_citations_count_every_citing_record_once(ds: mtib.Dataset) -> None:
    expected: Counter[str] = Counter()
    for name in COLLECTIONS:
        for record in getattr(ds, name):
            expected.update(set(getattr(record, "sources", ())))
    cov = coverage(ds)
    assert dict(cov.citations) == {s.id: expected.get(s.id, 0) for s in ds.sources}
    counts = [n for _, n in cov.citations]
    assert counts == sorted(counts, reverse=True)
    # the SDG texts are the most cited source: every goal, target and indicator cites them
    assert cov.citations[0][0] == "open-sdg-translations"


def test_reported_lists_exactly_the_reported_records(ds: mtib.Dataset) -> None:
    cov = coverage(ds)
    expected = {
        r.id
        for name in COLLECTIONS
        for r in getattr(ds, name)
        if getattr(r, "evidence", None) is mtib.Evidence.REPORTED
    }
    assert {r.id for r in cov.reported} == expected
    assert "healthcare-co2-share-nl-note" in expected  # only the policy note makes this claim


def test_the_bundled_dataset_passes_every_check(ds: mtib.Dataset) -> None:
    cov = coverage(ds)
    assert len(cov.checks) == 6
    assert [c for c in cov.checks if not c.passed] == []


def test_checks_name_the_records_that_fail(write: Callable[..., Path]) -> None:
    path = write(
        """
        sources:
          - {id: "s1", title: "S", url: "https://example.org/s"}
          - {id: "unused", title: "U", url: "https://example.org/u"}
        topsectors:
          - {id: "t1", name: {nl: "Een"}, established: 2020, sources: ["s1"]}
        themes:
          - {id: "th1", name: {nl: "Thema", en: "Theme"}, kind: "societal", sources: ["s1"]}
        missions:
          - {id: "m1", theme: "th1", statement: {nl: "In 2030 ..."}, sdgs: [{goal: 3}]}
        """
    )
    cov = coverage(mtib.load(path, bundled=False))
    failing = {c.name: c.failing for c in cov.checks}
    assert failing["every topsector has a partnership"] == ("t1",)
    assert failing["every theme has a partnership"] == ("th1",)
    assert failing["every theme, mission and partnership links an SDG"] == ("th1",)
    assert failing["every topsector and theme has a Dutch and an English name"] == ("t1",)
    assert failing["every record cites a source"] == ("m1",)
    assert failing["every source is cited"] == ("unused",)
    assert not Check("x", ("a",)).passed


def test_stats_command_table_and_json(ds: mtib.Dataset) -> None:
    code, out, err = _cli("stats", "--top", "3")
    assert code == 0 and err == ""
    cov = coverage(ds)
    assert f"{cov.total} records of {len(COLLECTIONS)} kinds" in out
    assert cov.kinds_table() in out
    top = out.split("Records per source (the 3 most cited)\n", 1)[1].split("\n  sources:")[0].splitlines()
    assert [line.split()[0] for line in top] == [s for s, _ in cov.citations[:3]]
    for record in cov.reported:
        assert f" {record.id}: " in out
    assert "every record cites a source: yes" in out
    code, out, _ = _cli("stats", "--format", "json")
    plain = json.loads(out)
    assert plain == json.loads(json.dumps(cov.to_plain()))
    assert plain["kinds"]["sdg_targets"]["records"] == len(ds.sdg_targets)
    assert len(plain["citations"]) == len(ds.sources)
    code, out, _ = _cli("stats", "--top", "0")
    assert sum(1 for line in out.splitlines() if line.startswith("  ") and line.split()[0] in ds.sources) == len(
        ds.sources
    )


def test_stats_measures_the_users_records_too(write: Callable[..., Path]) -> None:
    from tests.conftest import MINIMAL

    path = write(MINIMAL)
    code, out, _ = _cli("stats", "--data", str(path), "--format", "json")
    assert code == 0
    mine = json.loads(out)
    assert mine["kinds"]["partnerships"]["records"] == len(mtib.load().partnerships) + 1


def test_stats_in_dutch_names_every_check(ds: mtib.Dataset) -> None:
    from mtib.analysis.stats import _NL

    code, out, _ = _cli("stats", "--lang", "nl")
    assert code == 0
    for check in coverage(ds).checks:
        assert f"  {_NL[check.name]}: ja" in out
    assert "Controles" in out and "Records per bron" in out


def test_overview_shows_covenants_instruments_and_coverage(ds: mtib.Dataset) -> None:
    code, out, _ = _cli("overview")
    assert code == 0
    section = out.split("Knowledge and innovation covenants and their agendas (KIC, KIA)\n", 1)[1].split("\n\n", 1)[0]
    for kic in ds.covenants:
        assert str(kic.name.get("en")) in section
    for kia in ds.agendas:
        assert str(kia.name.get("en")) in section
    instruments = out.split("Instruments\n", 1)[1].split("\n\n", 1)[0]
    assert all(str(i.name.get("en")) in instruments for i in ds.instruments)
    assert "25% (2013-2017), 30% (2018-2023)" in instruments
    cov = coverage(ds)
    assert f"{cov.total} records citing {len(ds.sources)} sources; {len(cov.reported)} reported only" in out
    code, out_nl, _ = _cli("overview", "--lang", "nl")
    assert "Kennis- en innovatieconvenanten" in out_nl and "controles: 6 van 6 in orde" in out_nl
