"""The portfolio broken down by theme, topsector, mission, kind or status: how many
partnerships each group has, how many of them have known money, and how much.

A partnership in two themes (or topsectors, or missions) counts in both groups, so the
groups' counts and sums can add up to more than the portfolio's. Money is summed in one
currency (EUR unless asked otherwise); ``budget`` is the partnerships' total size and
``funding`` the public funder's contribution, each summed over the partnerships that
state it. A sum says nothing about the partnerships without known money: read it as a
floor, beside the count of those that have it.

>>> import mtib
>>> b = breakdown(mtib.load(), "theme")
>>> b.by, [g.id for g in b.groups][:2]
('theme', ['energietransitie', 'lwv'])
>>> sum(len(g.partnerships) for g in b.groups) >= b.total - len(b.unassigned)
True
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs

from mtib.core.labels import Lang, enum_word, label
from mtib.core.model import Money, Partnership, PartnershipKind, PartnershipStatus
from mtib.core.tables import text_table
from mtib.dataset import Dataset, display_name

__all__ = ["BY", "Breakdown", "Group", "breakdown"]


@attrs.frozen
class Group:
    """One group of a :class:`Breakdown`: its partnerships and their known money.

    >>> g = Group("lsh", "Life Sciences & Health", ("momentum",), 1, Decimal(5400000), Decimal(0))
    >>> g.count, g.with_money
    (1, 1)
    """

    id: str
    """The group's key: a theme, topsector or mission id, or a kind or status value."""
    name: str
    """The group's name in the breakdown's language."""
    partnerships: tuple[str, ...]
    """The ids of its partnerships, in the dataset's order."""
    with_money: int
    """How many of them state a budget or a funder's contribution (in any currency)."""
    budget: Decimal
    """The sum of the budgets stated in the breakdown's currency."""
    funding: Decimal
    """The sum of the funders' contributions stated in the breakdown's currency."""

    @property
    def count(self) -> int:
        """The number of partnerships in the group.

        >>> Group("x", "X", ("a", "b"), 0, Decimal(0), Decimal(0)).count
        2
        """
        return len(self.partnerships)


def _money(value: Money | None, currency: str) -> Decimal:
    return value.amount if value is not None and value.currency == currency else Decimal(0)


@attrs.frozen
class Breakdown:
    """The portfolio by one key (see :func:`breakdown`).

    >>> import mtib
    >>> b = breakdown(mtib.load(), "status")
    >>> b.groups[0].id, b.currency
    ('planned', 'EUR')
    """

    by: str
    """What the partnerships are grouped by: one of :data:`BY`."""
    groups: tuple[Group, ...]
    """Every group, also those without partnerships (they show where the portfolio is thin)."""
    total: int
    """The number of partnerships broken down."""
    unassigned: tuple[str, ...]
    """The ids of the partnerships in no group (no theme, topsector or mission)."""
    currency: str = "EUR"
    """The currency money is summed in."""
    lang: Lang = "en"
    """The language of the groups' names and of the table's headings."""

    def __getitem__(self, key: str) -> Group:
        for group in self.groups:
            if group.id == key:
                return group
        raise KeyError(key)

    def rows(self) -> list[dict[str, Any]]:
        """The groups as plain rows (money as integers or decimals), for CSV, JSON and frames.

        >>> import mtib
        >>> sorted(breakdown(mtib.load(), "kind").rows()[0])
        ['budget', 'funding', 'id', 'name', 'partnerships', 'with_money']
        """
        return [
            {
                "id": g.id,
                "name": g.name,
                "partnerships": g.count,
                "with_money": g.with_money,
                "budget": _plain(g.budget),
                "funding": _plain(g.funding),
            }
            for g in self.groups
        ]

    def to_json(self) -> str:
        """The breakdown as JSON: what it is by, the currency, the groups and the unassigned ids.

        >>> import json, mtib
        >>> json.loads(breakdown(mtib.load(), "theme").to_json())["by"]
        'theme'
        """
        plain = {
            "by": self.by,
            "currency": self.currency,
            "total": self.total,
            "groups": [dict(row, ids=list(g.partnerships)) for row, g in zip(self.rows(), self.groups, strict=True)],
            "unassigned": list(self.unassigned),
        }
        return json.dumps(plain, ensure_ascii=False, indent=2, default=str) + "\n"

    def to_pandas(self) -> Any:
        """The groups as a pandas DataFrame (needs the ``pandas`` extra).

        >>> import mtib
        >>> frame = breakdown(mtib.load(), "theme").to_pandas()  # doctest: +SKIP
        """
        from mtib.core.extras import require

        pd = require("pandas", "pandas")
        return pd.DataFrame(self.rows(), columns=["id", "name", "partnerships", "with_money", "budget", "funding"])

    def table(self) -> str:
        """The breakdown as an aligned text table, with a line on how to read it.

        >>> import mtib
        >>> print(breakdown(mtib.load(), "kind").table().splitlines()[0].split())
        ['kind', 'partnerships', 'with', 'money', 'budget', '(EUR)', 'funding', '(EUR)']
        """
        lang = self.lang
        header = [
            label(f"breakdown.by.{self.by}", lang),
            label("word.partnerships", lang),
            label("breakdown.with_money", lang),
            label("breakdown.budget", lang, currency=self.currency),
            label("breakdown.funding", lang, currency=self.currency),
        ]
        rows = [
            [g.name, str(g.count), str(g.with_money), f"{_plain(g.budget):,}", f"{_plain(g.funding):,}"]
            for g in self.groups
        ]
        lines = [text_table(header, rows, numeric={1, 2, 3, 4}, width=60)]
        key = "breakdown.note" if self.by in _SEVERAL else "breakdown.note_one"
        lines.append(label(key, lang, total=self.total, unassigned=len(self.unassigned)))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.table()


_SEVERAL = frozenset({"theme", "topsector", "mission"})
"""The keys a partnership may have several of (it then counts in each of their groups)."""


def _plain(amount: Decimal) -> int | Decimal:
    return int(amount) if amount == amount.to_integral_value() else amount


def _themes(ds: Dataset, lang: Lang) -> list[tuple[str, str]]:
    return [(t.id, display_name(t, lang)) for t in ds.themes]


def _topsectors(ds: Dataset, lang: Lang) -> list[tuple[str, str]]:
    return [(t.id, display_name(t, lang)) for t in ds.topsectors]


def _missions(ds: Dataset, lang: Lang) -> list[tuple[str, str]]:
    order = {t.id: i for i, t in enumerate(ds.themes)}
    missions = sorted(ds.missions, key=lambda m: order.get(m.theme, len(order)))  # stable: file order per theme
    return [(m.id, f"{m.id}: {display_name(m, lang)}") for m in missions]


BY: Mapping[str, tuple[Callable[[Dataset, Lang], list[tuple[str, str]]], Callable[[Partnership], Iterable[str]]]] = (
    MappingProxyType(
        {
            "theme": (_themes, lambda p: p.themes),
            "topsector": (_topsectors, lambda p: p.topsectors),
            "mission": (_missions, lambda p: p.missions),
            "kind": (
                lambda _, lang: [(k.value, enum_word(k, lang)) for k in PartnershipKind],
                lambda p: (p.kind.value,),
            ),
            "status": (
                lambda _, lang: [(s.value, enum_word(s, lang)) for s in PartnershipStatus],
                lambda p: (p.status.value,),
            ),
        }
    )
)
"""What a portfolio can be broken down by: the groups (id and name) and each partnership's keys."""


def breakdown(
    ds: Dataset | None = None,
    by: str = "theme",
    *,
    partnerships: Sequence[Partnership] | None = None,
    currency: str = "EUR",
    lang: Lang = "en",
) -> Breakdown:
    """The partnerships grouped ``by`` theme, topsector, mission, kind or status, with the
    number in each group, how many state money, and their budgets and funders'
    contributions summed in ``currency``.

    ``partnerships`` narrows the portfolio (for example a ``where()`` selection); by
    default it is every partnership of ``ds`` (the bundled dataset if ``ds`` is None).

    >>> import mtib
    >>> ds = mtib.load()
    >>> by_theme = breakdown(ds, "theme")
    >>> health = by_theme["gezondheid-zorg"]
    >>> health.count == len(ds.partnerships.where(theme="gezondheid-zorg"))
    True
    >>> health.budget == sum(p.budget.amount for p in ds.partnerships.where(theme="gezondheid-zorg")
    ...                      if p.budget is not None and p.budget.currency == "EUR")
    True
    >>> breakdown(ds, "colour")
    Traceback (most recent call last):
    ...
    ValueError: cannot break down by 'colour'; expected one of theme, topsector, mission, kind, status
    """
    if by not in BY:
        raise ValueError(f"cannot break down by {by!r}; expected one of {', '.join(BY)}")
    if ds is None:
        import mtib

        ds = mtib.load()
    chosen = tuple(ds.partnerships) if partnerships is None else tuple(partnerships)
    groups_of, keys_of = BY[by]
    groups = groups_of(ds, lang)
    members: dict[str, list[Partnership]] = {key: [] for key, _ in groups}
    unassigned: list[str] = []
    for p in chosen:
        keys = [k for k in dict.fromkeys(keys_of(p)) if k in members]
        if not keys:
            unassigned.append(p.id)
        for key in keys:
            members[key].append(p)
    built = tuple(
        Group(
            key,
            name,
            tuple(p.id for p in members[key]),
            sum(1 for p in members[key] if p.budget is not None or p.funding is not None),
            sum((_money(p.budget, currency) for p in members[key]), Decimal(0)),
            sum((_money(p.funding, currency) for p in members[key]), Decimal(0)),
        )
        for key, name in groups
    )
    return Breakdown(by, built, len(chosen), tuple(unassigned), currency, lang)
