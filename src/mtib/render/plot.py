"""Single charts as SVG or PNG files, drawn with matplotlib (the ``plot`` extra).

:func:`plot` draws one of :data:`CHARTS` and writes it; the format follows
the file's suffix. Without matplotlib it raises
:class:`~mtib.core.extras.MissingExtraError` naming the extra. (The HTML report,
:mod:`mtib.render.report`, needs no extra: it draws its own SVG.)

>>> sorted(CHARTS)
['helix', 'network', 'theme-sdg', 'timeline', 'topsector-sdg']
"""

from __future__ import annotations

import math
import os
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from mtib.core.labels import Lang, label
from mtib.io.writing import atomic_path, check_target

if TYPE_CHECKING:
    from mtib.dataset import Dataset

__all__ = ["CHARTS", "plot"]


def _heatmap(ax: Any, ds: Dataset, lang: Lang, name: str) -> None:
    from mtib.analysis.matrices import matrix

    m = matrix(name, ds, lang=lang).drop_empty()
    ax.imshow([list(r) for r in m.values], cmap="Blues", aspect="auto")
    ax.set_xticks(range(len(m.columns)), m.column_labels, rotation=45, ha="right")
    ax.set_yticks(range(len(m.rows)), m.row_labels)
    peak = max((v for r in m.values for v in r), default=1) or 1
    for i, row in enumerate(m.values):
        for j, v in enumerate(row):
            if v:
                ax.text(j, i, str(v), ha="center", va="center", color="white" if v / peak > 0.5 else "black")
    ax.set_title(label(f"plot.{name}", lang))


def _helix(ax: Any, ds: Dataset, lang: Lang) -> None:
    """Two panels: the helix types (each partnership once) and the spheres (a partnership in each it has)."""
    from mtib.analysis.helix import composition

    comp = composition(ds.partnerships)
    fig = ax.figure
    ax.remove()
    left, right = fig.subplots(1, 2)
    panels = (
        (left, [t.label(lang) for t, _ in comp.types], [n for _, n in comp.types], ["#12355b", "#3b78b5", "#9db9d9"]),
        (
            right,
            [s.label(lang) for s, _ in comp.spheres],
            [n for _, n in comp.spheres],
            [_SPHERE_COLOURS.get(s.value, "#888888") for s, _ in comp.spheres],
        ),
    )
    for panel, (where, names, values, colours) in zip(("plot.helix_types", "plot.helix_spheres"), panels, strict=True):
        where.barh(range(len(values)), values, color=colours)
        where.set_yticks(range(len(values)), names)
        where.invert_yaxis()
        where.set_xlabel(label("plot.partnerships", lang))
        where.set_xlim(0, max(values, default=1) * 1.15 or 1)
        where.set_title(textwrap.fill(label(panel, lang), 36), fontsize=10)  # a long title wraps, never clips
        for i, v in enumerate(values):
            where.annotate(str(v), (v, i), xytext=(3, 0), textcoords="offset points", va="center")


_SPHERE_COLOURS = {"industry": "#e6842a", "academia": "#1f77b4", "government": "#2ca02c", "civil_society": "#9467bd"}


def _network(ax: Any, ds: Dataset, lang: Lang) -> None:
    from mtib.analysis.graph import cross_sector_network

    g = cross_sector_network(ds, lang=lang)
    n = len(g.nodes)
    pos = {
        node.id: (math.cos(2 * math.pi * i / max(n, 1)), math.sin(2 * math.pi * i / max(n, 1)))
        for i, node in enumerate(g.nodes)
    }
    peak = max((e.weight for e in g.edges), default=1)
    for e in g.edges:
        (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
        ax.plot([x1, x2], [y1, y2], color="#7a9cc6", linewidth=1 + 6 * e.weight / peak, zorder=1)
        if e.weight > 1:  # how many partnerships the two share (a single one is the thinnest line)
            ax.annotate(
                str(e.weight),
                ((x1 + x2) / 2, (y1 + y2) / 2),
                ha="center",
                va="center",
                fontsize=7,
                color="#12355b",
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
                zorder=3,
            )
    sizes = {node.id: len(ds.partnerships.where(topsector=node.id)) for node in g.nodes}
    biggest = max(sizes.values(), default=1) or 1
    for node in g.nodes:
        x, y = pos[node.id]
        size = 150 + 850 * sizes[node.id] / biggest  # the area follows the topsector's partnerships
        ax.scatter([x], [y], s=size, color="#f4a259", edgecolors="#8a4b12", zorder=4)
        side = "left" if x > 0.3 else "right" if x < -0.3 else "center"
        ax.annotate(
            f"{node.label} ({sizes[node.id]})",
            (x, y),
            xytext=(x * 1.16, y * 1.16),
            ha=side,
            va="center",
            fontsize=9,
            zorder=5,
        )
    ax.set_xlim(-1.9, 1.9)
    ax.set_ylim(-1.35, 1.35)
    ax.set_axis_off()
    ax.set_title(label("plot.network", lang))


def _timeline(ax: Any, ds: Dataset, lang: Lang) -> None:
    """The partnerships' periods on an axis of their own years; events within those years marked and named."""
    from matplotlib.patches import Patch

    spans = sorted(
        (p for p in ds.partnerships if p.period is not None and p.period.start is not None),
        key=lambda p: (p.period.start if p.period and p.period.start else 0, p.id),
    )
    starts = [p.period.start for p in spans if p.period is not None and p.period.start is not None]
    ends = [p.period.end for p in spans if p.period is not None and p.period.end is not None]
    low = min(starts, default=2010) - 1
    high = max([*ends, *starts], default=2030) + 2
    ax.figure.set_size_inches(11, max(5.0, 1.5 + 0.18 * len(spans)))
    for i, p in enumerate(spans):
        assert p.period is not None and p.period.start is not None
        known = p.period.end is not None
        end = (p.period.end or high) + 1 if known else high
        ax.barh(
            i,
            end - p.period.start,
            left=p.period.start,
            color="#3b78b5" if known else "#9db9d9",
            hatch=None if known else "///",
            edgecolor="white",
        )
    ax.set_yticks(range(len(spans)), [p.acronym or p.name[:30] for p in spans], fontsize=7)
    ax.set_xlim(low, high)
    ax.set_xlabel(label("plot.year", lang))
    shown = [e for e in ds.events.timeline() if low <= e.when <= high]
    for e in shown:
        ax.axvline(e.when + 0.5, color="#d1495b", alpha=0.35, linewidth=1)
    named: dict[int, str] = {}
    for e in shown:  # one name per year (the first event of the year), so the labels stay readable
        named.setdefault(e.when, (e.title.get(lang) or e.id)[:40])
    for year, name in named.items():
        ax.annotate(
            name,
            (year + 0.5, 1),
            xycoords=("data", "axes fraction"),
            xytext=(0, 3),
            textcoords="offset points",
            rotation=50,
            fontsize=7,
            color="#8c2333",
            ha="left",
            va="bottom",
        )
    ax.set_ylim(len(spans) - 0.5, -0.5)
    ax.legend(
        handles=[
            Patch(color="#3b78b5", label=label("plot.known_end", lang)),
            Patch(facecolor="#9db9d9", hatch="///", edgecolor="white", label=label("plot.open_end", lang)),
            Patch(color="#d1495b", alpha=0.35, label=label("plot.event", lang)),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.5 / max(len(spans), 1) - 0.04),  # below the axis, clear of the bars
        ncol=3,
        fontsize=8,
        frameon=False,
    )
    ax.set_title(label("plot.timeline", lang), pad=150)  # above the events' names


CHARTS: Mapping[str, Callable[[Any, Dataset, Lang], None]] = MappingProxyType(
    {
        "theme-sdg": lambda ax, ds, lang: _heatmap(ax, ds, lang, "theme-sdg"),
        "topsector-sdg": lambda ax, ds, lang: _heatmap(ax, ds, lang, "topsector-sdg"),
        "helix": _helix,
        "network": _network,
        "timeline": _timeline,
    }
)
"""The charts :func:`plot` draws, by name."""

_SIZES = {"theme-sdg": (11, 5), "topsector-sdg": (11, 6), "helix": (10, 4.5), "network": (8, 8), "timeline": (11, 9)}


def plot(
    chart: str, path: str | os.PathLike[str], ds: Dataset | None = None, *, lang: Lang = "en", overwrite: bool = True
) -> Path:
    """Draw ``chart`` (one of :data:`CHARTS`) and write it as SVG or PNG (by the suffix).

    The file is written completely or not at all (:func:`mtib.io.writing.atomic_path`);
    an existing file is replaced unless ``overwrite=False``, and a target that is not
    a regular file is refused.

    >>> plot("helix", "helix.svg")            # doctest: +SKIP
    PosixPath('helix.svg')
    """
    from mtib.core.extras import require

    if chart not in CHARTS:
        raise ValueError(f"unknown chart {chart!r}; expected one of {', '.join(CHARTS)}")
    target = Path(path)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in ("svg", "png"):
        raise ValueError(f"unsupported file type {target.suffix!r}: use .svg or .png")
    check_target(target, overwrite=overwrite)  # before drawing
    matplotlib = require("matplotlib", "plot")
    matplotlib.use("Agg")
    plt = require("matplotlib.pyplot", "plot")
    if ds is None:
        from mtib.io.loading import load

        ds = load()
    fig, ax = plt.subplots(figsize=_SIZES[chart])
    try:
        CHARTS[chart](ax, ds, lang)
        fig.tight_layout()
        with atomic_path(target, overwrite=overwrite) as tmp:  # complete or not at all
            fig.savefig(tmp, format=fmt, dpi=150)
    finally:
        plt.close(fig)
    return target
