"""The bundled dataset: complete, sourced, consistent, and faithful to the reference SDG data."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import mtib
from mtib.core.checks import Located, check_profile
from mtib.core.fields import URL_RE
from mtib.core.model import Evidence
from mtib.core.schema import COLLECTIONS
from mtib.dataset import reference_paths

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "sdg" / "en"


def all_records(ds: mtib.Dataset) -> list[Any]:
    return [r for name in COLLECTIONS for r in getattr(ds, name)]


def test_the_bundled_data_meets_the_bundled_profile(ds: mtib.Dataset) -> None:
    # the policy of mtib's own data is a validation profile (mtib validate --profile bundled)
    located = [Located(r, name, i, None) for name in COLLECTIONS for i, r in enumerate(getattr(ds, name))]
    assert [str(p) for p in check_profile(located, "bundled")] == []


def test_mtib_validate_with_the_bundled_profile_passes_on_data(capsys: pytest.CaptureFixture[str]) -> None:
    from mtib.cli import main
    from mtib.io.loading import data_dir

    assert main(["validate", str(data_dir()), "--alone", "--profile", "bundled"]) == 0
    assert "valid" in capsys.readouterr().out


def test_every_source_is_well_formed(ds: mtib.Dataset) -> None:
    for source in ds.sources:
        if source.kind is mtib.SourceKind.POLICY_NOTE:
            continue
        assert source.url is not None and URL_RE.match(source.url), source.id
        assert source.publisher, source.id
    urls = Counter(s.url for s in ds.sources if s.url)
    assert [u for u, n in urls.items() if n > 1] == []


def test_the_policy_note_is_a_source_without_url(ds: mtib.Dataset) -> None:
    note = ds.sources["mtib-note"]
    assert note.kind is mtib.SourceKind.POLICY_NOTE
    assert note.url is None


@pytest.mark.parametrize(
    "kind",
    [
        "topsectors",
        "tkis",
        "themes",
        "organisations",
        "partnerships",
        "concepts",
        "instruments",
        "covenants",
        "agendas",
    ],
)
def test_no_two_records_of_a_kind_share_a_name(ds: mtib.Dataset, kind: str) -> None:
    from mtib.core.text import normalise

    names: Counter[str] = Counter()
    for record in getattr(ds, kind):
        name = record.name
        for value in set(name.values() if isinstance(name, mtib.Text) else [name]):
            names[normalise(value)] += 1
    assert [n for n, c in names.items() if c > 1] == []


def test_names_in_both_languages(ds: mtib.Dataset) -> None:
    for ts in ds.topsectors:
        assert ts.name.nl and ts.name.en, ts.id
    for theme in ds.themes:
        assert theme.name.nl, theme.id
    for goal in ds.sdgs:
        assert goal.name.nl and goal.name.en


def test_sdg_counts_are_exact(ds: mtib.Dataset) -> None:
    assert len(ds.sdgs) == 17
    assert [g.number for g in ds.sdgs] == list(range(1, 18))
    assert len(ds.sdg_targets) == 169
    assert len(ds.sdg_indicators) == 252
    assert sorted(i.id for i in ds.sdg_indicators if i.deleted) == ["1.a.3", "11.c.1", "17.6.2", "8.9.2"]
    per_goal = Counter(t.goal for t in ds.sdg_targets)
    assert per_goal[17] == 19 and per_goal[3] == 13


@pytest.mark.skipif(
    not REFERENCE.is_dir(),
    reason="the research notes with the SDG reference texts (../shared/reference/sdg/en) are not beside the checkout",
)
def test_sdg_texts_match_the_reference() -> None:
    import yaml

    ds = mtib.load()
    goals = yaml.safe_load((REFERENCE / "global_goals.yml").read_text())
    targets = yaml.safe_load((REFERENCE / "global_targets.yml").read_text())
    indicators = yaml.safe_load((REFERENCE / "global_indicators.yml").read_text())

    def norm(s: str) -> str:
        return re.sub(r"\s+", " ", s).strip()

    for g in ds.sdgs:
        assert g.name.en == norm(goals[f"{g.number}-short"])
        assert g.title is not None and g.title.en == norm(goals[f"{g.number}-title"])
    assert {t.id.replace(".", "-") + "-title" for t in ds.sdg_targets} == set(targets)
    for t in ds.sdg_targets:
        assert t.title.en == norm(targets[t.id.replace(".", "-") + "-title"])
        assert t.title.nl is None
    for i in ds.sdg_indicators:
        assert i.title.en == norm(indicators[i.id.replace(".", "-") + "-title"])


def test_every_reference_resolves(ds: mtib.Dataset) -> None:
    ids = {r.id for r in all_records(ds)}
    targets = {t.id for t in ds.sdg_targets}
    for record in all_records(ds):
        for field, ref in reference_paths(record):
            if field.endswith(".goal"):
                assert 1 <= int(ref) <= 17
            elif field.endswith(".target"):
                assert ref in targets
            else:
                assert ref in ids, (record, field, ref)


def test_ids_are_unique_across_kinds(ds: mtib.Dataset) -> None:
    ids = Counter(r.id for r in all_records(ds))
    assert [i for i, n in ids.items() if n > 1] == []


# --- the seed's content is all there and queryable -------------------------------------

SEED_TOPSECTORS = [
    ("Agri & Food", "agri-food"),
    ("Chemie", "chemie"),
    ("Creatieve Industrie", "creatieve-industrie"),
    ("Energie", "energie"),
    ("Logistiek", "logistiek"),
    ("High Tech Systemen & Materialen", "htsm"),
    ("Life Sciences & Health", "lsh"),
    ("Tuinbouw & Uitgangsmaterialen", "tuinbouw"),
    ("Water & Maritiem", "water"),
]
SEED_THEMES = [
    ("Energietransitie & duurzaamheid", "energietransitie"),
    ("Landbouw, water & voedsel", "lwv"),
    ("Gezondheid & zorg", "gezondheid-zorg"),
    ("Veiligheid", "veiligheid"),
    ("Sleuteltechnologieën en -methodologieën", "sleuteltechnologieen"),
    ("Maatschappelijk verdienvermogen", "verdienvermogen"),
]
SEED_ORGANISATIONS = [
    ("ZonMw", "zonmw"),
    ("Health~Holland", "health-holland"),
    ("TNO", "tno"),
    ("Janssen", "janssen"),
    ("Leyden Laboratories", "leyden-labs"),
    ("Royal HaskoningDHV", "royal-haskoningdhv"),
    ("Deerns", "deerns"),
]


@pytest.mark.parametrize(("name", "expected"), SEED_TOPSECTORS)
def test_seed_topsectors(ds: mtib.Dataset, name: str, expected: str) -> None:
    ts = ds.topsectors.lookup(name)
    assert ts.id == expected
    assert ts.established == 2011
    assert "mtib-note" in ts.sources


@pytest.mark.parametrize(("name", "expected"), SEED_THEMES)
def test_seed_themes(ds: mtib.Dataset, name: str, expected: str) -> None:
    assert ds.themes.lookup(name).id == expected


@pytest.mark.parametrize(("name", "expected"), SEED_ORGANISATIONS)
def test_seed_organisations(ds: mtib.Dataset, name: str, expected: str) -> None:
    assert ds.organisations.lookup(name).id == expected


def test_seed_ministries(ds: mtib.Dataset) -> None:
    for oid in ("min-ienw", "min-vws", "min-ezk"):
        assert ds.organisations[oid].sphere is mtib.HelixSphere.GOVERNMENT


def test_seed_partnerships(ds: mtib.Dataset) -> None:
    for query in ("AMR-Global", "GLORIA-5-SWIM", "MOMENTUM", "Microplastics and Human Health Consortium"):
        assert ds.partnerships.lookup(query)
    swim = ds.partnerships.lookup("GLORIA-5-SWIM")
    assert set(swim.topsectors) == {"lsh", "water"} and swim.cross_sectoral
    # AIGHD's news item of 26 January 2023 names the project and its two funding TKIs.
    assert swim.evidence is Evidence.CONFIRMED and "aighd-gloria-topsectors-2023" in swim.sources
    assert {p.organisation for p in swim.participants} == {"health-holland", "tki-water-maritime"}
    momentum = ds.partnerships["momentum"]
    funders = {p.organisation for p in momentum.participants if p.role is mtib.Role.FUNDER}
    assert {"zonmw", "health-holland", "tno", "min-ienw", "min-vws"} <= funders
    deal = ds.partnerships.search("Green Deal duurzame zorg")[0]
    assert deal.kind is mtib.PartnershipKind.GREEN_DEAL


def test_seed_triple_and_quadruple_helix(ds: mtib.Dataset) -> None:
    triple = ds.concepts.lookup("triple helix")
    quadruple = ds.concepts.lookup("quadruple helix")
    assert triple.spheres == {mtib.HelixSphere.INDUSTRY, mtib.HelixSphere.ACADEMIA, mtib.HelixSphere.GOVERNMENT}
    assert quadruple.spheres == set(mtib.HelixSphere)
    assert ds.concepts.lookup("planetary health")


def test_seed_facts_and_timeline(ds: mtib.Dataset) -> None:
    shares = {(f.value, tuple(f.sources)) for f in ds.facts.claims("healthcare-co2-share-nl")}
    assert any(v == Decimal("8.1") and "mtib-note" in s for v, s in shares)
    assert any(f.value == 30 for f in ds.facts.claims("vaccine-technology-share"))
    assert any(f.value == Decimal("4.4") for f in ds.facts.claims("healthcare-co2-share-world"))
    assert any(f.value == 40_000_000 or f.value == 40 for f in ds.facts_about("leyden-labs"))
    years = {e.when for e in ds.events}
    assert {1953, 1962, 2011, 2018} <= years
    letter = [e for e in ds.events if e.date is not None and e.date.isoformat() == "2018-07-13"]
    assert letter


def test_every_topsector_and_theme_has_a_partnership(ds: mtib.Dataset) -> None:
    assert [t.id for t in ds.topsectors if not ds.partnerships_of(t)] == []
    assert [t.id for t in ds.themes if not ds.partnerships_of(t)] == []


def test_covenant_commitments_agree_with_the_facts_about_them(ds: mtib.Dataset) -> None:
    checked = 0
    for kic in ds.covenants:
        if kic.commitment is None:
            continue
        claims = [f for f in ds.facts_about(kic) if f.topic == "kic-budget"]
        assert [(f.value, f.year) for f in claims] == [(kic.commitment.amount, kic.commitment_year)], kic.id
        checked += 1
    assert checked >= 3


def test_each_covenant_has_as_many_agendas_as_the_sources_count(ds: mtib.Dataset) -> None:
    counted = 0
    for fact in ds.facts.claims("kia-count"):
        covenants = [s for s in fact.subjects if s in ds.covenants]
        assert len(covenants) == 1, fact.id
        top = [a for a in ds.agendas_of(covenants[0]) if a.parent is None]
        assert len(top) == fact.value, (fact.id, [a.id for a in top])
        counted += 1
    assert counted == 2


def test_agendas_fit_their_covenants(ds: mtib.Dataset) -> None:
    for kia in ds.agendas:
        assert kia.covenant is not None and kia.themes, kia.id
        kic = ds.covenants[kia.covenant]
        if kia.period is not None and kic.period is not None:
            assert kia.period == kic.period, kia.id
        if kia.parent is not None:
            assert ds.agendas[kia.parent].covenant == kia.covenant, kia.id
            assert set(kia.themes) <= set(ds.agendas[kia.parent].themes), kia.id
    assert [t.id for t in ds.themes if not ds.agendas_of(t)] == []


def test_instrument_rates_agree_with_the_rate_facts(ds: mtib.Dataset) -> None:
    pps = ds.instruments["pps-toeslag"]
    claims = ds.facts.claims("pps-toeslag-rate")
    assert len(claims) == 2
    for fact in claims:
        assert fact.year is not None and pps.rate_in(fact.year) == fact.value, fact.id
    for tool in ds.instruments:  # successors and parts form no cycles and stay in time order
        seen = {tool.id}
        step = tool
        while step.successor is not None:
            nxt = ds.instruments[step.successor]
            assert nxt.id not in seen, tool.id
            if step.period and step.period.end and nxt.period and nxt.period.start:
                assert nxt.period.start > step.period.end, (step.id, nxt.id)
            seen.add(nxt.id)
            step = nxt
        if tool.parent is not None:
            assert ds.instruments[tool.parent].parent is None, tool.id


# The portfolio targets (issue 12, computed by mtib.analysis.stats.portfolio_targets and shown by
# `mtib stats` and the README) that the bundled data has reached. A target joins this set when the
# data reaches it; from then on a change that brings the data below it fails here. The targets
# not yet reached (money on 70%, a mission link on 60%, a known status on 80% of the
# partnerships) are shown as "not met" by `mtib stats` until public pages give the missing facts.
REACHED = frozenset(
    {
        "partnerships",
        "partnerships per topsector (each)",
        "partnerships per societal theme (each)",
        "quadruple-helix partnerships",
    }
)


def test_the_portfolio_targets_reached_are_kept(ds: mtib.Dataset) -> None:
    from mtib.analysis.stats import portfolio_targets

    targets = {t.name: t for t in portfolio_targets(ds)}
    assert set(targets) >= REACHED, REACHED - set(targets)
    for name in sorted(REACHED):
        assert targets[name].met, f"{name}: {targets[name].shown} {targets[name].failing}"
