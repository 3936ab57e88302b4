"""The portfolio broken down by theme, topsector, mission, kind or status (mtib.analysis.breakdown)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mtib
from mtib.analysis.breakdown import BY, breakdown
from mtib.cli import main
from mtib.core.model import (
    HelixSphere,
    Money,
    Organisation,
    Participant,
    Partnership,
    Role,
    Source,
    Text,
    Theme,
    ThemeKind,
)

ALL = mtib.load().partnerships.records


def _eur(values: list[Money | None]) -> Decimal:
    return sum((m.amount for m in values if m is not None and m.currency == "EUR"), Decimal(0))


@pytest.mark.parametrize("by", ["theme", "topsector", "mission"])
def test_each_group_is_what_where_finds(ds: mtib.Dataset, by: str) -> None:
    b = breakdown(ds, by)
    assert {g.id for g in b.groups} == {r.id for r in getattr(ds, by + "s")}  # empty groups too
    for g in b.groups:
        found = ds.partnerships.where(**{by: g.id})  # type: ignore[arg-type]
        assert g.partnerships == tuple(p.id for p in found), g.id
        assert g.budget == _eur([p.budget for p in found]) and g.funding == _eur([p.funding for p in found])
        assert g.with_money == sum(1 for p in found if p.budget is not None or p.funding is not None)
    assert set(b.unassigned) == {p.id for p in ds.partnerships if not getattr(p, by + "s")}


@given(st.lists(st.sampled_from(ALL), unique_by=lambda p: p.id), st.sampled_from(["kind", "status"]))
def test_one_key_per_partnership_adds_up(chosen: list[Partnership], by: str) -> None:
    b = breakdown(mtib.load(), by, partnerships=chosen)
    assert b.total == len(chosen) and not b.unassigned
    assert sum(g.count for g in b.groups) == len(chosen)
    assert sum(g.budget for g in b.groups) == _eur([p.budget for p in chosen])
    assert sum(g.funding for g in b.groups) == _eur([p.funding for p in chosen])


def test_a_partnership_in_two_themes_counts_in_both_and_money_is_summed_per_currency() -> None:
    src = Source(id="s", title="S", url="https://example.org")
    org = Organisation(id="o", name="O", sphere=HelixSphere.INDUSTRY, sources=("s",))
    themes = tuple(
        Theme(id=t, name=Text(en=t.upper()), kind=ThemeKind.SOCIETAL, sources=("s",)) for t in ("a", "b", "c")
    )

    def ppp(pid: str, themes: tuple[str, ...], budget: Money | None) -> Partnership:
        parts = (Participant(organisation="o", role=Role.COORDINATOR),)
        return Partnership(id=pid, name=pid, themes=themes, participants=parts, budget=budget, sources=("s",))

    ps = (
        ppp("p1", ("a", "b"), Money(Decimal(100), "EUR")),
        ppp("p2", ("a",), Money(Decimal(7), "USD")),
        ppp("p3", (), None),
    )
    ds = mtib.Dataset({"sources": (src,), "organisations": (org,), "themes": themes, "partnerships": ps})
    b = breakdown(ds, "theme")
    assert (b["a"].count, b["b"].count, b["c"].count) == (2, 1, 0)
    assert (b["a"].budget, b["a"].with_money) == (Decimal(100), 2)  # the USD budget counts as money, not in EUR
    assert breakdown(ds, "theme", currency="USD")["a"].budget == Decimal(7)
    assert b.unassigned == ("p3",) and b.total == 3
    assert "3 partnerships; one in several groups counts in each, 1 are in none." in b.table()
    with pytest.raises(KeyError):
        b["z"]


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(args), out=out), out.getvalue()


def test_the_command_line_gives_table_csv_and_json(ds: mtib.Dataset) -> None:
    b = breakdown(ds, "topsector", partnerships=ds.partnerships.where(theme="gezondheid-zorg"))
    code, out = _run("breakdown", "--by", "topsector", "--theme", "gezondheid-zorg", "--format", "json")
    assert code == 0 and json.loads(out) == json.loads(b.to_json())
    code, out = _run("breakdown", "--by", "topsector", "--theme", "gezondheid-zorg", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and [r["id"] for r in rows] == [g.id for g in b.groups]
    assert [int(r["budget"]) for r in rows] == [int(g.budget) for g in b.groups]
    code, out = _run("breakdown", "--by", "mission", "--lang", "nl")
    assert code == 0 and out.splitlines()[0].split()[:2] == ["missie", "partnerschappen"]
    assert len(out.splitlines()) == len(ds.missions) + 3  # heading, rule, a row per mission, the note


def test_the_command_line_refuses_what_it_cannot_sum() -> None:
    err = io.StringIO()
    assert main(["breakdown", "--currency", "euro"], out=io.StringIO(), err=err) == 2
    assert "ISO 4217" in err.getvalue()
    with pytest.raises(ValueError, match="expected one of " + ", ".join(BY)):
        breakdown(None, "colour")
