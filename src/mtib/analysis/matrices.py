"""Matrices over the dataset: co-occurrence and cross-tabulations of partnerships.

Each function returns a :class:`Matrix`: typed, immutable, labelled in Dutch
or English, usable without pandas (index it, iterate its rows, write it as CSV
or JSON) and convertible with :meth:`Matrix.to_pandas` (the ``pandas`` extra).
Every count is a number of partnerships, unless said otherwise; pass
``partnerships=`` (e.g. a :meth:`~mtib.PartnershipCollection.where` result)
to analyse a portfolio instead of the whole dataset.

>>> m = theme_sdg()
>>> m["gezondheid-zorg", "3"] >= 1
True
>>> m.row_label("gezondheid-zorg"), m.column_label("3")
('Health & Care', 'SDG 3')
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from mtib.core.labels import label as _label
from mtib.core.model import EnvironmentalChange, HealthDimension, Lang, Partnership
from mtib.core.tables import html_table, text_table
from mtib.core.views import pretty

if TYPE_CHECKING:
    from mtib.dataset import Dataset

__all__ = [
    "MATRICES",
    "Matrix",
    "environment_health",
    "matrix",
    "mission_partnership",
    "theme_sdg",
    "topsector_cooccurrence",
    "topsector_sdg",
]


@attrs.frozen
class Matrix:
    """A labelled matrix of counts: rows x columns, keyed by ids, labelled for display.

    ``rows`` and ``columns`` are the keys (record ids, SDG numbers as strings,
    tag values); ``row_labels`` and ``column_labels`` their display names in
    ``lang``; ``values[i][j]`` the count for row i and column j.

    >>> m = Matrix("demo", "a", "b", ("x", "y"), ("p",), ("X", "Y"), ("P",), ((1,), (2,)))
    >>> m["y", "p"], m.total(), m.row("x")
    (2, 3, (1,))
    >>> print(m)
    demo (a x b)
       P
    -  -
    X  1
    Y  2
    """

    name: str
    """What the matrix is, e.g. ``"theme-sdg"``."""
    row_title: str
    """What the rows are (``"theme"``), in ``lang``."""
    column_title: str
    """What the columns are (``"SDG"``), in ``lang``."""
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    values: tuple[tuple[int, ...], ...]
    lang: Lang = "en"

    def __attrs_post_init__(self) -> None:
        if len(self.row_labels) != len(self.rows) or len(self.column_labels) != len(self.columns):
            raise ValueError("every row and column needs exactly one label")
        if len(self.values) != len(self.rows) or any(len(r) != len(self.columns) for r in self.values):
            raise ValueError("values must have one row per row key and one value per column key")

    @property
    def shape(self) -> tuple[int, int]:
        """(number of rows, number of columns).

        >>> theme_sdg().shape[1]
        17
        """
        return (len(self.rows), len(self.columns))

    def __getitem__(self, key: tuple[str, str]) -> int:
        row, column = key
        try:
            return self.values[self.rows.index(str(row))][self.columns.index(str(column))]
        except ValueError:
            raise KeyError(key) from None

    def row(self, key: str) -> tuple[int, ...]:
        """The counts of one row.

        >>> len(theme_sdg().row("gezondheid-zorg"))
        17
        """
        return self.values[self.rows.index(key)]

    def column(self, key: str) -> tuple[int, ...]:
        """The counts of one column.

        >>> sum(theme_sdg().column("3")) >= theme_sdg()["gezondheid-zorg", "3"]
        True
        """
        j = self.columns.index(key)
        return tuple(r[j] for r in self.values)

    def row_label(self, key: str) -> str:
        """The display label of a row key.

        >>> theme_sdg(lang="nl").row_label("gezondheid-zorg")
        'Gezondheid & Zorg'
        """
        return self.row_labels[self.rows.index(key)]

    def column_label(self, key: str) -> str:
        """The display label of a column key.

        >>> environment_health().column_label("mental_well_being")
        'mental well-being'
        """
        return self.column_labels[self.columns.index(key)]

    def total(self) -> int:
        """The sum of all cells.

        >>> theme_sdg().total() == sum(n for _, _, n in theme_sdg().cells())
        True
        """
        return sum(sum(r) for r in self.values)

    def cells(self) -> Iterator[tuple[str, str, int]]:
        """Every non-zero cell as (row key, column key, count), row by row.

        >>> next(topsector_sdg().cells())   # doctest: +ELLIPSIS
        ('agri-food', ..., ...)
        """
        for key, row in zip(self.rows, self.values, strict=True):
            for column, n in zip(self.columns, row, strict=True):
                if n:
                    yield key, column, n

    def drop_empty(self) -> Matrix:
        """The matrix without rows and columns that hold only zeros.

        >>> mission_partnership().drop_empty().shape[0] <= mission_partnership().shape[0]
        True
        """
        keep_r = [i for i, r in enumerate(self.values) if any(r)]
        keep_c = [j for j in range(len(self.columns)) if any(r[j] for r in self.values)]
        return attrs.evolve(
            self,
            rows=tuple(self.rows[i] for i in keep_r),
            row_labels=tuple(self.row_labels[i] for i in keep_r),
            columns=tuple(self.columns[j] for j in keep_c),
            column_labels=tuple(self.column_labels[j] for j in keep_c),
            values=tuple(tuple(self.values[i][j] for j in keep_c) for i in keep_r),
        )

    def transpose(self) -> Matrix:
        """Rows become columns.

        >>> theme_sdg().transpose()["3", "gezondheid-zorg"] == theme_sdg()["gezondheid-zorg", "3"]
        True
        """
        return attrs.evolve(
            self,
            row_title=self.column_title,
            column_title=self.row_title,
            rows=self.columns,
            columns=self.rows,
            row_labels=self.column_labels,
            column_labels=self.row_labels,
            values=tuple(zip(*self.values, strict=True)) if self.values else tuple(() for _ in self.columns),
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready): name, titles, keys, labels and values.

        >>> sorted(environment_health().to_dict())
        ['column_labels', 'column_title', 'columns', 'lang', 'name', 'row_labels', 'row_title', 'rows', 'values']
        """
        data = attrs.asdict(self)
        data["values"] = [list(r) for r in self.values]
        for key in ("rows", "columns", "row_labels", "column_labels"):
            data[key] = list(data[key])
        return data

    def to_json(self) -> str:
        """:meth:`to_dict` as JSON text.

        >>> import json
        >>> json.loads(environment_health().to_json())["name"]
        'environment-health'
        """
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def to_csv(self, labels: bool = False) -> str:
        """CSV text: a header of column keys (or labels), then one row per row key (or label).

        >>> print(environment_health().to_csv().splitlines()[0])   # doctest: +ELLIPSIS
        environmental change,disease,mental_well_being,...
        """
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        head = self.column_labels if labels else self.columns
        writer.writerow([self.row_title, *head])
        for key, label, row in zip(self.rows, self.row_labels, self.values, strict=True):
            writer.writerow([label if labels else key, *row])
        return buffer.getvalue()

    def to_pandas(self, labels: bool = True) -> Any:
        """A ``pandas.DataFrame`` (needs the ``pandas`` extra), indexed by labels (or keys).

        >>> df = theme_sdg().to_pandas()          # doctest: +SKIP
        >>> df.loc["Health & Care", "SDG 3"]      # doctest: +SKIP
        """
        from mtib.core.extras import require

        pd = require("pandas", "pandas")
        index = pd.Index(self.row_labels if labels else self.rows, name=self.row_title)
        columns = pd.Index(self.column_labels if labels else self.columns, name=self.column_title)
        return pd.DataFrame([list(r) for r in self.values], index=index, columns=columns, dtype="int64")

    def _table_rows(self) -> list[list[str]]:
        return [[label, *(str(v) for v in row)] for label, row in zip(self.row_labels, self.values, strict=True)]

    def __str__(self) -> str:
        header = ["", *self.column_labels]
        numeric = set(range(1, len(header)))
        title = f"{self.name} ({self.row_title} x {self.column_title})"
        return title + "\n" + text_table(header, self._table_rows(), numeric=numeric)

    def _repr_html_(self) -> str:
        return html_table(
            [f"{self.row_title} \\ {self.column_title}", *self.column_labels],
            self._table_rows(),
            numeric=set(range(1, len(self.columns) + 1)),
            caption=self.name,
            row_header=True,
        )

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        pretty(self, str(self), printer, cycle)


# ----------------------------------------------------------------------------- builders


def _title(key: str, lang: Lang) -> str:
    return _label(f"axis.{key}", lang)


def _setup(ds: Dataset | None, partnerships: Iterable[Partnership] | None) -> tuple[Dataset, tuple[Partnership, ...]]:
    if ds is None:
        from mtib.io.loading import load

        ds = load()
    chosen = tuple(ds.partnerships) if partnerships is None else tuple(partnerships)
    return ds, chosen


def _crosstab(
    name: str,
    titles: tuple[str, str],
    rows: Sequence[tuple[str, str]],
    columns: Sequence[tuple[str, str]],
    pairs: Callable[[Partnership], Iterable[tuple[str, str]]],
    partnerships: Iterable[Partnership],
    lang: Lang,
) -> Matrix:
    r_index = {key: i for i, (key, _) in enumerate(rows)}
    c_index = {key: j for j, (key, _) in enumerate(columns)}
    grid = [[0] * len(columns) for _ in rows]
    for p in partnerships:
        for r, c in set(pairs(p)):  # each partnership counts once per cell
            if r in r_index and c in c_index:
                grid[r_index[r]][c_index[c]] += 1
    return Matrix(
        name=name,
        row_title=_title(titles[0], lang),
        column_title=_title(titles[1], lang),
        rows=tuple(k for k, _ in rows),
        columns=tuple(k for k, _ in columns),
        row_labels=tuple(label for _, label in rows),
        column_labels=tuple(label for _, label in columns),
        values=tuple(tuple(r) for r in grid),
        lang=lang,
    )


def _sdg_axis(ds: Dataset, lang: Lang) -> list[tuple[str, str]]:
    return [(g.id, f"SDG {g.number}") for g in ds.sdgs]


def topsector_cooccurrence(
    ds: Dataset | None = None, *, partnerships: Iterable[Partnership] | None = None, lang: Lang = "en"
) -> Matrix:
    """Topsector x topsector: how many partnerships each pair of topsectors shares.

    Cross-sectoral collaboration: the off-diagonal cell (a, b) counts the
    partnerships listing both a and b (the matrix is symmetric); the diagonal
    cell (a, a) counts all partnerships of a.

    >>> import mtib
    >>> ds = mtib.load()
    >>> m = topsector_cooccurrence(ds)
    >>> m["lsh", "lsh"] == len(ds.partnerships.where(topsector="lsh"))
    True
    >>> both = [p for p in ds.partnerships if {"lsh", "water"} <= set(p.topsectors)]
    >>> m["lsh", "water"] == m["water", "lsh"] == len(both)
    True
    """
    ds, chosen = _setup(ds, partnerships)
    axis = [(t.id, t.acronym or (t.name.get(lang) or t.id)) for t in ds.topsectors]
    return _crosstab(
        "topsector-topsector",
        ("topsector", "topsector"),
        axis,
        axis,
        lambda p: ((a, b) for a in p.topsectors for b in p.topsectors),
        chosen,
        lang,
    )


def theme_sdg(
    ds: Dataset | None = None, *, partnerships: Iterable[Partnership] | None = None, lang: Lang = "en"
) -> Matrix:
    """Theme x SDG: how many partnerships of each theme link to each SDG goal (directly or via a target).

    >>> import mtib
    >>> ds = mtib.load()
    >>> m = theme_sdg(ds, lang="nl")
    >>> m.row_label("gezondheid-zorg"), m.column_title
    ('Gezondheid & Zorg', 'SDG')
    >>> m["gezondheid-zorg", "3"] == len(ds.partnerships.where(theme="gezondheid-zorg", sdg=3))
    True
    """
    ds, chosen = _setup(ds, partnerships)
    rows = [(t.id, t.name.get(lang) or t.id) for t in ds.themes]
    return _crosstab(
        "theme-sdg",
        ("theme", "sdg"),
        rows,
        _sdg_axis(ds, lang),
        lambda p: ((t, str(g)) for t in p.themes for g in p.sdg_goals),
        chosen,
        lang,
    )


def topsector_sdg(
    ds: Dataset | None = None, *, partnerships: Iterable[Partnership] | None = None, lang: Lang = "en"
) -> Matrix:
    """Topsector x SDG: how many partnerships of each topsector link to each SDG goal.

    >>> import mtib
    >>> ds = mtib.load()
    >>> topsector_sdg(ds)["lsh", "3"] == len(ds.partnerships.where(topsector="lsh", sdg=3))
    True
    """
    ds, chosen = _setup(ds, partnerships)
    rows = [(t.id, t.acronym or (t.name.get(lang) or t.id)) for t in ds.topsectors]
    return _crosstab(
        "topsector-sdg",
        ("topsector", "sdg"),
        rows,
        _sdg_axis(ds, lang),
        lambda p: ((t, str(g)) for t in p.topsectors for g in p.sdg_goals),
        chosen,
        lang,
    )


def mission_partnership(
    ds: Dataset | None = None, *, partnerships: Iterable[Partnership] | None = None, lang: Lang = "en"
) -> Matrix:
    """Mission x partnership: 1 where the partnership names the mission, else 0 (an incidence matrix).

    Rows are every mission, columns the partnerships (labelled by acronym or
    name); :meth:`Matrix.drop_empty` keeps the missions and partnerships that
    are linked.

    >>> import mtib
    >>> m = mission_partnership(mtib.load())
    >>> all(m[mid, "momentum"] == 1 for mid in mtib.load().partnerships["momentum"].missions)
    True
    """
    from mtib.dataset import display_name

    ds, chosen = _setup(ds, partnerships)
    rows = [(m.id, display_name(m, lang)) for m in ds.missions]
    columns = [(p.id, p.acronym or p.name) for p in chosen]
    return _crosstab(
        "mission-partnership",
        ("mission", "partnership"),
        rows,
        columns,
        lambda p: ((m, p.id) for m in p.missions),
        chosen,
        lang,
    )


def environment_health(
    ds: Dataset | None = None, *, partnerships: Iterable[Partnership] | None = None, lang: Lang = "en"
) -> Matrix:
    """Planetary health: environmental change x health dimension, in partnerships tagged with both.

    >>> import mtib
    >>> ds = mtib.load()
    >>> m = environment_health(ds)
    >>> m.rows[:2], m.row_labels[:2]
    (('climate_change', 'biodiversity_loss'), ('climate change', 'biodiversity loss'))
    >>> m["pollution", "disease"] == sum(1 for p in ds.partnerships
    ...     if EnvironmentalChange.POLLUTION in p.environmental_change
    ...     and HealthDimension.DISEASE in p.health_dimensions)
    True
    """
    _, chosen = _setup(ds, partnerships)
    return _crosstab(
        "environment-health",
        ("environmental_change", "health_dimension"),
        [(e.value, e.label(lang)) for e in EnvironmentalChange],
        [(h.value, h.label(lang)) for h in HealthDimension],
        lambda p: ((e.value, h.value) for e in p.environmental_change for h in p.health_dimensions),
        chosen,
        lang,
    )


MATRICES: Mapping[str, Callable[..., Matrix]] = MappingProxyType(
    {
        "topsector-topsector": topsector_cooccurrence,
        "theme-sdg": theme_sdg,
        "topsector-sdg": topsector_sdg,
        "mission-partnership": mission_partnership,
        "environment-health": environment_health,
    }
)
"""The matrices by name (the names ``mtib matrix NAME`` takes)."""


def matrix(
    name: str,
    ds: Dataset | None = None,
    *,
    partnerships: Iterable[Partnership] | None = None,
    lang: Lang = "en",
) -> Matrix:
    """A matrix by its name (one of :data:`MATRICES`).

    >>> matrix("theme-sdg", lang="nl").row_title
    'thema'
    """
    try:
        build = MATRICES[name]
    except KeyError:
        raise ValueError(f"unknown matrix {name!r}; expected one of {', '.join(MATRICES)}") from None
    return build(ds, partnerships=partnerships, lang=lang)
