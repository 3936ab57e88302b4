"""The query API: get, [], lookup, search, where and navigation, in Dutch and English."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

import mtib
from mtib import NotFoundError
from mtib.core.text import compact, normalise

CASES = [
    line.split("\t")
    for line in (Path(__file__).parent / "fixtures" / "lookups.txt").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]


@pytest.mark.parametrize(("collection", "query", "expected"), CASES)
def test_lookup_cases(ds: mtib.Dataset, collection: str, query: str, expected: str) -> None:
    assert getattr(ds, collection).lookup(query).id == expected


def test_normalisation() -> None:
    assert normalise("Coöperatie  Één & Twee") == "cooperatie een and twee"
    assert normalise("A en B") == normalise("a and b") == normalise("A&B")
    assert compact("High Tech") == compact("hightech")


def test_get_and_getitem(ds: mtib.Dataset) -> None:
    assert ds.sdgs.get(3) is ds.sdgs.get("3") is ds.sdgs[3]
    assert ds.sdgs.get(3) == ds.sdgs.lookup("Good health and well-being")
    assert ds.topsectors.get("nope") is None
    assert ds.topsectors.get(None) is None
    with pytest.raises(KeyError, match="did you mean 'energie'"):
        ds.topsectors["energi"]
    assert ds.topsectors["lsh"] in ds.topsectors
    assert "lsh" in ds.topsectors
    assert len(ds.topsectors) == len(list(ds.topsectors)) == len(ds.topsectors.ids())


def test_lookup_failures_are_lookup_errors(ds: mtib.Dataset) -> None:
    with pytest.raises(LookupError, match="no topsector is called"):
        ds.topsectors.lookup("Ruimtevaart")
    with pytest.raises(NotFoundError, match="did you mean"):
        ds.topsectors.lookup("Life Sciences & Helth")


def test_search_ranks_exact_names_first(fixture_ds: mtib.Dataset) -> None:
    ds = fixture_ds  # rankings are figures of the data: the frozen fixture's
    results = ds.topsectors.search("water")
    assert results[0].id == "water"
    assert ds.topsectors.search("zzzzqqq") == ()
    assert ds.topsectors.search("") == ()
    assert len(ds.sdg_targets.search("2030", limit=5)) == 5
    # typo tolerance
    assert ds.topsectors.search("Logistek")[0].id == "logistiek"
    # descriptions and statements are searched with a lower weight
    hits = ds.missions.search("grondstoffen en hulpstoffen")
    assert "lwv-a" in [m.id for m in hits]
    scores = [s for s, _ in ds.themes.scored("zorg")]
    assert scores == sorted(scores, reverse=True)


def test_dataset_search_spans_kinds(fixture_ds: mtib.Dataset) -> None:
    hits = fixture_ds.search("Klimaatactie", limit=3)
    assert hits[0] is fixture_ds.sdgs[13]


@pytest.mark.parametrize("query", ["water", "Klimaatactie", "zorg", "tno", "energie", "a", "sdg 3", "innovatie"])
def test_dataset_search_with_a_limit_is_the_head_of_the_whole_ranking(ds: mtib.Dataset, query: str) -> None:
    whole = ds.search(query, limit=None)
    for limit in (1, 5, 40):
        assert ds.search(query, limit=limit) == whole[:limit]


def test_where_combines_with_and(ds: mtib.Dataset) -> None:
    every = ds.partnerships.records
    lsh = ds.partnerships.where(topsector="lsh")
    assert lsh == tuple(p for p in every if "lsh" in p.topsectors)
    health = ds.partnerships.where(sdg=3)
    assert health == tuple(p for p in every if 3 in p.sdg_goals)
    both = ds.partnerships.where(topsector="lsh", sdg=3)
    assert both == tuple(p for p in lsh if p in health)
    year = ds.partnerships.where(active_in=2022)
    assert year == tuple(p for p in every if p.active_in(2022))
    maybe = ds.partnerships.where(active_in=2022, include_open=True)
    assert maybe == tuple(p for p in every if p.period is not None and p.period.contains(2022))
    assert set(year) <= set(maybe)
    assert ds.partnerships.where() == every


def test_where_accepts_records_names_and_lists(ds: mtib.Dataset) -> None:
    by_id = ds.partnerships.where(topsector="lsh")
    assert ds.partnerships.where(topsector=ds.topsectors["lsh"]) == by_id
    assert ds.partnerships.where(topsector="Life Sciences & Health") == by_id
    either = ds.partnerships.where(topsector=["lsh", "water"])
    assert set(either) == set(by_id) | set(ds.partnerships.where(topsector="water"))
    assert ds.partnerships.where(sdg=ds.sdgs[3]) == ds.partnerships.where(sdg="3")


def test_where_by_target_sphere_and_organisation(ds: mtib.Dataset) -> None:
    every = ds.partnerships.records
    target = next(link.target for p in every for link in p.sdgs if link.target)
    assert ds.partnerships.where(sdg=target) == tuple(p for p in every if any(link.target == target for link in p.sdgs))
    civic = ds.partnerships.where(sphere=mtib.HelixSphere.CIVIL_SOCIETY)
    assert civic == tuple(p for p in every if mtib.HelixSphere.CIVIL_SOCIETY in p.spheres)
    assert ds.partnerships.where(sphere="civil_society") == civic
    zonmw = ds.partnerships.where(organisation="zonmw")
    assert zonmw == tuple(p for p in every if any(x.organisation == "zonmw" for x in p.participants))
    assert ds.partnerships.where(helix="quadruple") == tuple(
        p for p in every if p.helix_type is mtib.HelixType.QUADRUPLE
    )
    cross = ds.partnerships.where(cross_sectoral=True)
    assert cross and all(len(p.topsectors) >= 2 for p in cross)


@pytest.mark.parametrize(
    "criteria",
    [{"topsector": "nonsense"}, {"sdg": 18}, {"sdg": "3.99"}, {"sphere": "aliens"}, {"kind": "club"}],
)
def test_where_rejects_unknown_values(ds: mtib.Dataset, criteria: dict[str, object]) -> None:
    with pytest.raises(NotFoundError):
        ds.partnerships.where(**criteria)  # type: ignore[arg-type]


def test_where_rejects_a_non_year(ds: mtib.Dataset) -> None:
    with pytest.raises(TypeError):
        ds.partnerships.where(active_in="2021")  # type: ignore[arg-type]


def test_navigation_both_ways(ds: mtib.Dataset) -> None:
    for p in ds.partnerships:
        for t in p.topsectors:
            assert p in ds.partnerships_of(t)
        for o in ds.organisations_of(p):
            assert p in ds.partnerships_of(o)
            assert p in ds.referrers(o, kind="partnerships")
        for goal in ds.sdgs_of(p):
            assert p in ds.partnerships_of(goal)
        assert {s.id for s in ds.sources_of(p)} == set(p.sources)
    for theme in ds.themes:
        for goal in ds.sdgs_of(theme):
            assert theme in ds.themes_of(goal)
        for mission in ds.missions_of(theme):
            assert mission.theme == theme.id
            assert ds.themes_of(mission) == (theme,)
    for ts in ds.topsectors:
        for tki in ds.tkis_of(ts):
            assert ts in ds.topsectors_of(tki)
    for mission in ds.missions:
        for goal in ds.sdgs_of(mission):
            assert mission in ds.missions_of(goal)
        if mission.parent:
            assert mission in ds.missions_of(mission.parent)


def test_resolve_and_referrers(ds: mtib.Dataset) -> None:
    assert isinstance(ds.resolve("3.3"), mtib.Target)
    assert isinstance(ds.resolve(3), mtib.Goal)
    with pytest.raises(NotFoundError):
        ds.resolve("no-such-id")
    note_users = ds.referrers("mtib-note")
    assert note_users and all("mtib-note" in getattr(r, "sources", ()) for r in note_users)
    with pytest.raises(NotFoundError):
        ds.referrers("mtib-note", kind="widgets")


def test_facts_side_by_side(ds: mtib.Dataset) -> None:
    claims = ds.facts.claims("healthcare-co2-share-nl")
    assert len({c.value for c in claims}) >= 2
    assert len({s for c in claims for s in c.sources}) >= 2
    assert "healthcare-co2-share-nl" in ds.facts.contested()
    with pytest.raises(NotFoundError):
        ds.facts.claims("no-topic")


def test_timeline_is_ordered(ds: mtib.Dataset, fixture_ds: mtib.Dataset) -> None:
    for data in (ds, fixture_ds):
        timeline = data.events.timeline()
        assert [e.sort_key for e in timeline] == sorted(e.sort_key for e in timeline)
        assert all(2011 <= e.when <= 2019 for e in data.events.timeline(2011, 2019))
    assert fixture_ds.events.timeline()[0].id == "watersnoodramp-1953"
    assert fixture_ds.events.timeline()[0].when == 1953


def test_collections_are_immutable(ds: mtib.Dataset) -> None:
    assert isinstance(ds.partnerships.records, tuple)
    with pytest.raises(AttributeError):
        ds.partnerships.records = ()  # type: ignore[misc]
    assert isinstance(ds.counts(), dict)
    ds.counts()["sdgs"] = 0
    assert ds.counts()["sdgs"] == 17


def test_where_topsector_and_sdg_pairs_match_brute_force(ds: mtib.Dataset) -> None:
    # topsector x goal has its own index; every pair (and a target) must give the plain answer
    every = ds.partnerships.records
    for ts in ds.topsectors:
        for goal in range(1, 18):
            expected = tuple(p for p in every if ts.id in p.topsectors and goal in p.sdg_goals)
            assert ds.partnerships.where(topsector=ts.id, sdg=goal) == expected, (ts.id, goal)
            assert ds.partnerships.where(topsector=[ts.id], sdg=[goal], active_in=2022) == tuple(
                p for p in expected if p.active_in(2022)
            )
    target = next(link.target for p in every for link in p.sdgs if link.target)
    ts_id = next(p.topsectors[0] for p in every if any(link.target == target for link in p.sdgs))
    assert ds.partnerships.where(topsector=ts_id, sdg=target) == tuple(
        p for p in every if ts_id in p.topsectors and any(link.target == target for link in p.sdgs)
    )


def test_fact_series_are_in_year_order_with_every_claim(ds: mtib.Dataset) -> None:
    for topic in ds.facts.topics():
        series = ds.facts.series(topic)
        dated = [f for f in ds.facts.claims(topic) if f.year is not None and f.value is not None]
        assert sorted(series.facts, key=lambda f: f.id) == sorted(dated, key=lambda f: f.id)
        assert list(series.years) == sorted(series.years)
        assert [r["fact"] for r in series.rows()] == [f.id for f in series]
    with pytest.raises(mtib.NotFoundError):
        ds.facts.series("no-such-topic")


def test_a_fact_series_as_a_frame(ds: mtib.Dataset) -> None:
    pytest.importorskip("pandas")
    topic = max(ds.facts.topics(), key=lambda t: len(ds.facts.series(t)))
    series = ds.facts.series(topic)
    frame = series.to_pandas()
    assert frame["year"].tolist() == list(series.years)
    assert frame["value"].tolist() == [float(f.value) for f in series if f.value is not None]
    assert str(frame["value"].dtype) == "Float64"


def test_where_returns_a_selection_that_behaves_as_the_tuple(ds: mtib.Dataset) -> None:
    from mtib.dataset import Selection

    every = ds.partnerships.records
    lsh = ds.partnerships.where(topsector="lsh")
    expected = tuple(p for p in every if "lsh" in p.topsectors)
    assert isinstance(lsh, Selection) and isinstance(lsh, Sequence)
    assert lsh == expected and expected == lsh and lsh != expected[:-1] and lsh != list(expected)
    assert hash(lsh) == hash(expected) and {expected: 1}[lsh] == 1  # type: ignore[index]
    assert len(lsh) == len(expected) and list(lsh) == list(expected) and tuple(lsh) == expected
    assert lsh[0] is expected[0] and lsh[-1] is expected[-1] and lsh[1:3] == expected[1:3]
    assert isinstance(lsh[1:3], Selection) and lsh[::-1] == expected[::-1]
    assert expected[-1] in lsh and every[0] not in lsh[1:1] and lsh.index(expected[1]) == 1
    assert lsh.count(expected[0]) == 1 and lsh.ids() == tuple(p.id for p in expected)
    assert lsh + () == expected and () + lsh == expected and lsh + lsh == expected + expected  # noqa: RUF005
    assert repr(lsh) == f"Selection({expected!r})"
    assert ds.partnerships.where() == every and ds.partnerships.where(sdg=3, topsector="lsh") == tuple(
        p for p in expected if any(link.goal == 3 for link in p.sdgs)
    )
    with pytest.raises(IndexError):
        lsh[len(expected)]


def test_active_in_tells_known_from_possible() -> None:
    src = mtib.Source(id="s", title="S", url="https://example.org")

    def p(pid: str, period: mtib.Period | None, status: str = "unknown") -> mtib.Partnership:
        return mtib.Partnership(id=pid, name=pid, period=period, status=mtib.PartnershipStatus(status), sources=("s",))

    records = [
        p("closed", mtib.Period(2019, 2023)),
        p("open-active", mtib.Period(2020), "active"),
        p("open-unknown", mtib.Period(2020)),
        p("no-start", mtib.Period(end=2029)),
        p("no-period", None),
    ]
    ds = mtib.Dataset({"sources": [src], "partnerships": records})

    def ids(active_in: int, include_open: bool = False) -> list[str]:
        return [x.id for x in ds.partnerships.where(active_in=active_in, include_open=include_open)]

    assert ids(active_in=2022) == ["closed", "open-active"]
    assert ids(active_in=2022, include_open=True) == ["closed", "open-active", "open-unknown", "no-start"]
    assert ids(active_in=1990) == [] and ids(active_in=1990, include_open=True) == ["no-start"]
    assert ids(active_in=2050) == []  # an open end is not "active forever"
    with pytest.raises(ValueError, match="1000 to 2999"):
        ds.partnerships.where(active_in=99999)
