"""The records and value objects: validation, derived properties, immutability."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

import attrs
import pytest

import mtib
from mtib.analysis.helix import classify
from mtib.core.model import (
    Event,
    HelixSphere,
    HelixType,
    Money,
    Participant,
    Partnership,
    Period,
    Role,
    SDGLink,
    Text,
)

S = HelixSphere


def test_text_needs_a_language_and_no_blank() -> None:
    with pytest.raises(ValueError, match="at least one"):
        Text()
    with pytest.raises(ValueError, match="blank"):
        Text(nl="  ")
    assert Text(en="Energy").get("nl") == "Energy"
    assert Text(en="Energy").get("nl", fallback=False) is None
    assert Text(nl="Energie", en="Energy").values() == ("Energie", "Energy")


def test_period_bounds_and_containment() -> None:
    with pytest.raises(ValueError, match="before start"):
        Period(2024, 2020)
    with pytest.raises(ValueError, match="implausible year"):
        Period(20211)
    p = Period(2019, 2023)
    assert [p.contains(y) for y in (2018, 2019, 2023, 2024)] == [False, True, True, False]
    assert Period(None, 2020).contains(1900)
    assert str(Period(2019, 2023)) == "2019-2023"
    assert str(Period(2021, 2021)) == "2021"


@pytest.mark.parametrize(
    ("amount", "currency", "message"),
    [(Decimal(-1), "EUR", "negative"), (Decimal("NaN"), "EUR", "finite"), (Decimal(1), "EURO", "unknown currency")],
)
def test_money_rejects_bad_values(amount: Decimal, currency: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Money(amount, currency)


def test_sdg_link_checks_goal_and_target() -> None:
    assert SDGLink(3, "3.3").code == "3.3"
    assert SDGLink(17).code == "17"
    with pytest.raises(ValueError, match="1-17"):
        SDGLink(18)
    with pytest.raises(ValueError, match="does not belong"):
        SDGLink(3, "4.1")
    with pytest.raises(ValueError, match="malformed"):
        SDGLink(3, "3.333")


def test_event_needs_a_consistent_date_or_year() -> None:
    with pytest.raises(ValueError, match="'date' or a 'year'"):
        Event(id="e", title=Text(en="x"))
    with pytest.raises(ValueError, match="does not match"):
        Event(id="e", title=Text(en="x"), date=datetime.date(2018, 7, 13), year=2019)
    assert (
        Event(id="e", title=Text(en="x"), year=1953).sort_key
        < Event(id="f", title=Text(en="y"), date=datetime.date(1953, 2, 1)).sort_key
    )


def _partnership(*spheres: HelixSphere, topsectors: tuple[str, ...] = ("lsh",)) -> Partnership:
    return Partnership(
        id="p",
        name="P",
        topsectors=topsectors,
        participants=tuple(Participant(f"o{i}", Role.PARTNER, s) for i, s in enumerate(spheres)),
        sources=("s",),
    )


@pytest.mark.parametrize(
    ("spheres", "expected"),
    [
        ((), HelixType.PARTIAL),
        ((S.INDUSTRY, S.ACADEMIA), HelixType.PARTIAL),
        ((S.INDUSTRY, S.ACADEMIA, S.GOVERNMENT), HelixType.TRIPLE),
        ((S.INDUSTRY, S.ACADEMIA, S.GOVERNMENT, S.GOVERNMENT), HelixType.TRIPLE),
        ((S.INDUSTRY, S.ACADEMIA, S.GOVERNMENT, S.CIVIL_SOCIETY), HelixType.QUADRUPLE),
        ((S.INDUSTRY, S.ACADEMIA, S.CIVIL_SOCIETY), HelixType.PARTIAL),
    ],
)
def test_helix_type_of_partnership(spheres: tuple[HelixSphere, ...], expected: HelixType) -> None:
    p = _partnership(*spheres)
    assert p.spheres == frozenset(spheres)
    assert p.helix_type is expected
    assert classify(spheres) is expected


def test_cross_sectoral_needs_two_topsectors() -> None:
    assert not _partnership(topsectors=("lsh",)).cross_sectoral
    assert _partnership(topsectors=("lsh", "water")).cross_sectoral


def test_active_in_without_period_is_false() -> None:
    assert not _partnership().active_in(2020)
    assert attrs.evolve(_partnership(), period=Period(2020, 2021)).active_in(2021)


def test_records_are_frozen(ds: mtib.Dataset) -> None:
    lsh = ds.topsectors["lsh"]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        lsh.established = 2000  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ds.topsectors = ds.themes  # type: ignore[assignment]
    assert isinstance(lsh.tkis, tuple)


def test_labels_in_both_languages() -> None:
    assert S.GOVERNMENT.label("nl") == "overheid"
    assert HelixType.TRIPLE.label() == "triple helix"


@pytest.mark.parametrize("percent", [Decimal("-1"), Decimal("100.5"), Decimal("NaN"), Decimal("Infinity")])
def test_rate_is_a_percentage(percent: Decimal) -> None:
    with pytest.raises(ValueError, match="0 to 100"):
        mtib.Rate(percent)


def test_instrument_rate_in_a_year() -> None:
    rates = (
        mtib.Rate(Decimal("25"), Period(2013, 2017)),
        mtib.Rate(Decimal("40"), None, basis=Text(en="the first EUR 20,000")),
        mtib.Rate(Decimal("30"), Period(2018, 2023)),
    )
    tool = mtib.Instrument(id="x", name=Text(nl="X"), kind=mtib.InstrumentKind.ALLOWANCE, rates=rates)
    assert [tool.rate_in(y) for y in (2012, 2013, 2017, 2018, 2023, 2024)] == [
        None,
        Decimal("25"),
        Decimal("25"),
        Decimal("30"),
        Decimal("30"),
        None,
    ]
    assert str(rates[0]) == "25% (2013-2017)" and str(rates[1]) == "40%"


def test_covenant_commitment_needs_its_year_and_signatories_are_positive() -> None:
    money = Money(Decimal("5700000000"))
    with pytest.raises(ValueError, match="together"):
        mtib.Covenant(id="k", name=Text(nl="K"), commitment=money)
    with pytest.raises(ValueError, match="together"):
        mtib.Covenant(id="k", name=Text(nl="K"), commitment_year=2024)
    with pytest.raises(ValueError, match="at least 1"):
        mtib.Covenant(id="k", name=Text(nl="K"), signatories=0)
    kic = mtib.Covenant(id="k", name=Text(nl="K"), commitment=money, commitment_year=2024, signatories=32)
    assert kic.commitment == money and kic.signatories == 32


@pytest.mark.parametrize(
    ("build", "where"),
    [
        (lambda: mtib.Organisation(id="Not A Slug!", name="X", sphere=mtib.HelixSphere.INDUSTRY), ("id",)),
        (
            lambda: mtib.Organisation(id="x", name="X", sphere=mtib.HelixSphere.INDUSTRY, website="ftp://x"),
            ("website",),
        ),
        (lambda: mtib.Organisation(id="tno\n", name="X", sphere=mtib.HelixSphere.INDUSTRY), ("id",)),
        (lambda: mtib.Source(id="s", title="S", url="javascript:alert(1)"), ("url",)),
        (lambda: mtib.Partnership(id="p", name="P", sources=()), ("sources",)),
        (lambda: mtib.Partnership(id="p", name="P", topsectors=("lsh", "lsh"), sources=("s",)), ("topsectors", 1)),
        (lambda: mtib.Period(start=20), ("start",)),
        (lambda: mtib.TKI(id="t", name=mtib.Text(nl="T"), established=2020, ended=2015), ("ended",)),
    ],
)
def test_a_record_that_breaks_a_rule_cannot_be_built(build: Callable[[], object], where: tuple[object, ...]) -> None:
    from mtib.core.fields import FieldError

    with pytest.raises(FieldError) as info:
        build()
    assert info.value.where == where


def test_a_dataset_built_in_python_is_checked_and_gets_its_spheres() -> None:
    tno = mtib.Organisation(id="tno", name="TNO", sphere=mtib.HelixSphere.ACADEMIA)
    src = mtib.Source(id="s", title="S", url="https://example.org")
    p = mtib.Partnership(id="p", name="P", participants=(mtib.Participant("tno"),), sources=("s",))
    ds = mtib.Dataset({"organisations": [tno], "sources": [src], "partnerships": [p]})
    assert [x.id for x in ds.partnerships.where(sphere="academia")] == ["p"]
    assert ds.partnerships["p"].participants[0].sphere is mtib.HelixSphere.ACADEMIA
    with pytest.raises(mtib.DataError) as info:
        mtib.Dataset({"sources": [src, src]})
    assert [x.path for x in info.value.problems] == ["$.sources[1].id"]
    loop = [
        mtib.TKI(id="a", name=mtib.Text(nl="A"), successor="b"),
        mtib.TKI(id="b", name=mtib.Text(nl="B"), successor="a"),
    ]
    with pytest.raises(mtib.DataError, match="TKI successors form a loop"):
        mtib.Dataset({"tkis": loop})


def test_a_date_of_an_implausible_year_cannot_be_built() -> None:
    import datetime

    from mtib.core.fields import FieldError

    with pytest.raises(FieldError, match="implausible date 0001-01-01"):
        mtib.Event(id="e", title=mtib.Text(en="E"), date=datetime.date(1, 1, 1))
    assert mtib.Event(id="e", title=mtib.Text(en="E"), date=datetime.date(1953, 2, 1)).when == 1953
