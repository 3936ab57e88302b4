"""Single charts as SVG or PNG files, drawn with matplotlib (the ``plot`` extra).

:func:`plot` draws one of :data:`CHARTS` and writes it; the format follows
the file's suffix. Without matplotlib it raises
:class:`~mtib.analysis.frames.MissingExtraError` naming the extra. (The HTML report,
:mod:`mtib.render.report`, needs no extra: it draws its own SVG.)

>>> sorted(CHARTS)
['helix', 'network', 'theme-sdg', 'timeline', 'topsector-sdg']
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from mtib.core.model import Lang
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
    ax.set_title(f"{m.row_title} x {m.column_title}")


def _helix(ax: Any, ds: Dataset, lang: Lang) -> None:
    from mtib.analysis.helix import composition

    comp = composition(ds.partnerships)
    labels = [t.label(lang) for t, _ in comp.types] + [s.label(lang) for s, _ in comp.spheres]
    values = [n for _, n in comp.types] + [n for _, n in comp.spheres]
    colours = ["#12355b", "#3b78b5", "#9db9d9", "#e6842a", "#1f77b4", "#2ca02c", "#9467bd"]
    ax.barh(range(len(values)), values, color=colours[: len(values)])
    ax.set_yticks(range(len(values)), labels)
    ax.invert_yaxis()
    ax.set_title("helix")


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
    for node in g.nodes:
        x, y = pos[node.id]
        ax.scatter([x], [y], s=500, color="#f4a259", edgecolors="#8a4b12", zorder=2)
        ax.annotate(node.label, (x, y), xytext=(x * 1.22, y * 1.18), ha="center", va="center")
    ax.set_xlim(-1.5, 1.5)
    ax.set_ylim(-1.4, 1.4)
    ax.set_axis_off()
    ax.set_title("cross-sector network" if lang == "en" else "cross-sectoraal netwerk")


def _timeline(ax: Any, ds: Dataset, lang: Lang) -> None:
    spans = sorted(
        (p for p in ds.partnerships if p.period is not None and p.period.start is not None),
        key=lambda p: (p.period.start if p.period and p.period.start else 0, p.id),
    )
    for i, p in enumerate(spans):
        assert p.period is not None and p.period.start is not None
        end = p.period.end + 1 if p.period.end is not None else p.period.start + 4
        ax.barh(i, end - p.period.start, left=p.period.start, color="#3b78b5", alpha=1.0 if p.period.end else 0.45)
    ax.set_yticks(range(len(spans)), [p.acronym or p.name[:30] for p in spans])
    ax.invert_yaxis()
    for e in ds.events.timeline():
        ax.axvline(e.when + 0.5, color="#d1495b", alpha=0.25, linewidth=1)
    ax.set_title("timeline" if lang == "en" else "tijdlijn")


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

_SIZES = {"theme-sdg": (11, 5), "topsector-sdg": (11, 6), "helix": (8, 4), "network": (8, 8), "timeline": (11, 9)}


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
    from mtib.analysis.frames import require

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
