"""One self-contained HTML report of the dataset, with charts as inline SVG.

:func:`report_html` writes a single page: the overview, a theme x SDG heatmap,
the helix composition and synergy, the cross-sector network of topsectors and
the timeline of events and partnerships, in Dutch or English. The page uses
no scripts, fonts, images or style sheets from elsewhere: it opens offline.
The charts are drawn here in Python (:func:`heatmap_svg`, :func:`bars_svg`,
:func:`network_svg`, :func:`timeline_svg`) and can be used on their own.

>>> page = report_html(lang="nl")
>>> page.startswith("<!DOCTYPE html>") and "<svg" in page and "http://" not in page.split("<body>")[0]
True
"""

from __future__ import annotations

import html
import itertools
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mtib.core.labels import Lang
from mtib.core.labels import label as _label
from mtib.core.model import HelixSphere

if TYPE_CHECKING:
    from mtib.analysis.graph import Graph
    from mtib.analysis.matrices import Matrix
    from mtib.dataset import Dataset

__all__ = ["bars_svg", "heatmap_svg", "network_svg", "report_html", "timeline_svg"]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _text_width(text: str, size: float) -> float:
    return len(text) * size * 0.6


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _blend(t: float) -> str:
    """A colour from very light to dark blue, for t in [0, 1]."""
    lo, hi = (239, 245, 251), (8, 64, 129)
    r, g, b = (round(a + (c - a) * t) for a, c in zip(lo, hi, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


_SPHERE_COLOURS = {
    HelixSphere.INDUSTRY: "#e6842a",
    HelixSphere.ACADEMIA: "#1f77b4",
    HelixSphere.GOVERNMENT: "#2ca02c",
    HelixSphere.CIVIL_SOCIETY: "#9467bd",
}


# ------------------------------------------------------------------------------ charts


def heatmap_svg(matrix: Matrix, *, cell: int = 40, title: str | None = None) -> str:
    """A heatmap of a :class:`~mtib.analysis.matrices.Matrix` as SVG; zero cells are left blank.

    >>> from mtib.analysis.matrices import theme_sdg
    >>> svg = heatmap_svg(theme_sdg())
    >>> svg.startswith("<svg") and svg.count("<rect") > 17
    True
    """
    size = 13
    left = int(max((_text_width(label, size) for label in matrix.row_labels), default=0)) + 16
    top = int(max((_text_width(label, size) for label in matrix.column_labels), default=0) * 0.75) + 24
    width = left + cell * len(matrix.columns) + 50  # room for the last rotated label
    height = top + cell * len(matrix.rows) + 10
    peak = max((v for row in matrix.values for v in row), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{_e(title or matrix.name)}" font-family="system-ui, sans-serif" font-size="{size}">'
    ]
    if title:
        parts.append(f"<title>{_e(title)}</title>")
    for j, label in enumerate(matrix.column_labels):
        x = left + j * cell + cell / 2
        parts.append(
            f'<text x="{x:.1f}" y="{top - 8}" transform="rotate(-45 {x:.1f} {top - 8})" fill="#333">{_e(label)}</text>'
        )
    for i, (label, row) in enumerate(zip(matrix.row_labels, matrix.values, strict=True)):
        y = top + i * cell
        parts.append(
            f'<text x="{left - 8}" y="{y + cell / 2 + 4:.1f}" text-anchor="end" fill="#222">{_e(label)}</text>'
        )
        for j, v in enumerate(row):
            x = left + j * cell
            fill = _blend(0.15 + 0.85 * v / peak) if v else "#fafafa"
            tip = f"{label} × {matrix.column_labels[j]}: {v}"
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" rx="3" fill="{fill}" '
                f'stroke="#e3e3e3"><title>{_e(tip)}</title></rect>'
            )
            if v:
                colour = "#fff" if v / peak > 0.5 else "#123"
                parts.append(
                    f'<text x="{x + (cell - 2) / 2:.1f}" y="{y + cell / 2 + 3:.1f}" text-anchor="middle" '
                    f'fill="{colour}" font-weight="600">{v}</text>'
                )
    parts.append("</svg>")
    return "".join(parts)


def bars_svg(
    items: Sequence[tuple[str, int]],
    *,
    colours: Sequence[str] | None = None,
    width: int = 620,
    bar: int = 24,
    title: str | None = None,
) -> str:
    """A horizontal bar chart as SVG: one labelled bar per (label, count).

    >>> bars_svg([("triple helix", 13), ("partial", 19)]).count("<rect")
    2
    """
    size = 13
    left = int(max((_text_width(label, size) for label, _ in items), default=0)) + 14
    peak = max((n for _, n in items), default=0) or 1
    span = width - left - 50
    height = len(items) * (bar + 8) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{_e(title or "bar chart")}" font-family="system-ui, sans-serif" font-size="{size}">'
    ]
    for i, (label, n) in enumerate(items):
        y = 6 + i * (bar + 8)
        w = span * n / peak
        colour = colours[i % len(colours)] if colours else "#3b78b5"
        parts.append(
            f'<text x="{left - 8}" y="{y + bar / 2 + 4:.1f}" text-anchor="end" fill="#222">{_e(label)}</text>'
            f'<rect x="{left}" y="{y}" width="{max(w, 1):.1f}" height="{bar}" rx="3" fill="{colour}">'
            f"<title>{_e(label)}: {n}</title></rect>"
            f'<text x="{left + w + 6:.1f}" y="{y + bar / 2 + 4:.1f}" fill="#222">{n}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def network_svg(
    graph: Graph, sizes: dict[str, int] | None = None, *, width: int = 900, title: str | None = None
) -> str:
    """An undirected weighted network (e.g. :func:`~mtib.analysis.graph.cross_sector_network`) on a circle, as SVG.

    ``sizes`` scales the node circles (e.g. partnerships per topsector).

    >>> from mtib.analysis.graph import cross_sector_network
    >>> g = cross_sector_network()
    >>> network_svg(g).count("<circle") == len(g.nodes)
    True
    """
    height = width - 240  # wider than high: room for the labels beside the circles
    cx, cy = width / 2, height / 2
    radius = height / 2 - 60
    n = len(graph.nodes)
    pos = {
        node.id: (
            cx + radius * math.cos(2 * math.pi * i / max(n, 1) - math.pi / 2),
            cy + radius * math.sin(2 * math.pi * i / max(n, 1) - math.pi / 2),
        )
        for i, node in enumerate(graph.nodes)
    }
    peak_w = max((e.weight for e in graph.edges), default=1)
    peak_s = max((sizes or {}).values(), default=1) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{_e(title or "network")}" font-family="system-ui, sans-serif" font-size="13">'
    ]
    for e in graph.edges:
        (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
        stroke = 1.5 + 7 * e.weight / peak_w
        label = f"{graph.node(e.source).label} – {graph.node(e.target).label}: {e.weight}"
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#7a9cc6" '
            f'stroke-opacity="0.75" stroke-width="{stroke:.1f}" stroke-linecap="round">'
            f"<title>{_e(label)}</title></line>"
        )
        if e.weight > 1:
            mx, my = (x1 + x2) / 2, (y1 + y2) / 2
            parts.append(
                f'<text x="{mx:.1f}" y="{my + 4:.1f}" text-anchor="middle" font-size="11" fill="#234" '
                f'stroke="#fff" stroke-width="3" paint-order="stroke">{e.weight}</text>'
            )
    for node in graph.nodes:
        x, y = pos[node.id]
        r = 9 + 16 * math.sqrt((sizes or {}).get(node.id, 1) / peak_s)
        angle = math.atan2(y - cy, x - cx)
        lx, ly = x + (r + 8) * math.cos(angle), y + (r + 8) * math.sin(angle) + 4
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        if anchor == "middle":
            ly = y + (r + 14) * (1 if math.sin(angle) > 0 else -1) + (4 if math.sin(angle) > 0 else 0)
        count = (sizes or {}).get(node.id)
        tip = f"{node.label}: {count}" if count is not None else node.label
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#f4a259" stroke="#8a4b12" stroke-width="1.5">'
            f"<title>{_e(tip)}</title></circle>"
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" fill="#222" font-weight="600">'
            f"{_e(node.label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def timeline_svg(ds: Dataset, *, lang: Lang = "en", width: int = 1000, title: str | None = None) -> str:
    """Events as dots on a year axis, and partnerships' periods as bars below it, as SVG.

    When a long empty stretch (over 15 years) separates the earliest events
    from the rest, the axis starts after it and names the earlier years.

    >>> import mtib
    >>> svg = timeline_svg(mtib.load())
    >>> svg.count("<circle") <= len(mtib.load().events) and svg.count("<rect") > 0
    True
    """
    events = ds.events.timeline()
    spans = [p for p in ds.partnerships if p.period is not None and p.period.start is not None]
    spans.sort(key=lambda p: (p.period.start if p.period else 0, p.id))
    years = [e.when for e in events] + [p.period.start for p in spans if p.period and p.period.start]
    years += [p.period.end for p in spans if p.period and p.period.end]
    if not years:
        return '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'
    ordered = sorted(set(years))
    first, last = ordered[0], ordered[-1] + 1
    for a, b in itertools.pairwise(ordered):
        if b - a > 15:  # a long empty stretch: start the axis after it, and say what lies before
            first = b - 1
    earlier = [e for e in events if e.when < first]
    events = tuple(e for e in events if e.when >= first)
    size = 12
    labels = [_clip(p.acronym or p.name, 30) for p in spans]
    left = int(max((_text_width(label, size) for label in labels), default=40)) + 16
    span = width - left - 20
    row = 18
    by_year: dict[int, int] = {}
    for e in events:
        by_year[e.when] = by_year.get(e.when, 0) + 1
    stack = max(by_year.values(), default=1)
    top = 30 + stack * 12
    long = len(spans) > 25  # a long chart repeats its years below the bars
    height = top + 26 + len(spans) * row + 10 + (22 if long else 0)

    def x_of(year: float) -> float:
        return left + span * (year - first) / (last - first)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{_e(title or "timeline")}" font-family="system-ui, sans-serif" font-size="{size}">',
        '<defs><linearGradient id="open-end" x1="0" x2="1"><stop offset="0" stop-color="#3b78b5"/>'
        '<stop offset="1" stop-color="#3b78b5" stop-opacity="0"/></linearGradient></defs>',
    ]
    step = 1 if last - first <= 20 else 2 if last - first <= 40 else 5 if last - first <= 100 else 10
    axis_y = top + 6
    for year in range(first, last + 1):
        if year % step:
            continue
        x = x_of(year)
        parts.append(
            f'<line x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{height - 6}" stroke="#eee"/>'
            f'<text x="{x:.1f}" y="{axis_y + 16}" text-anchor="middle" fill="#555" font-size="11">{year}</text>'
        )
    parts.append(f'<line x1="{left}" y1="{axis_y}" x2="{left + span}" y2="{axis_y}" stroke="#999"/>')
    if long:
        bottom_y = axis_y + 26 + len(spans) * row + 4
        parts.append(f'<line x1="{left}" y1="{bottom_y}" x2="{left + span}" y2="{bottom_y}" stroke="#999"/>')
        parts.extend(
            f'<text x="{x_of(year):.1f}" y="{bottom_y + 16}" text-anchor="middle" fill="#555" '
            f'font-size="11">{year}</text>'
            for year in range(first, last + 1)
            if not year % step
        )
    if earlier:
        note = ", ".join(str(e.when) for e in earlier)
        word = _label("report.earlier", lang)
        parts.append(
            f'<text x="{left - 8}" y="{axis_y + 4}" text-anchor="end" fill="#d1495b" font-size="11">'
            f"◂ {word}: {_e(note)}<title>{_e('; '.join(e.title.get(lang) or e.id for e in earlier))}</title></text>"
        )
    seen: dict[int, int] = {}
    for e in events:
        k = seen.get(e.when, 0)
        seen[e.when] = k + 1
        frac = (e.date.timetuple().tm_yday / 366) if e.date else 0.5
        x = x_of(e.when + frac)
        y = axis_y - 10 - k * 12
        when = e.date.isoformat() if e.date else str(e.when)
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y}" r="5" fill="#d1495b" stroke="#fff">'
            f"<title>{_e(when)}: {_e(e.title.get(lang) or e.id)}</title></circle>"
        )
    for i, (p, label) in enumerate(zip(spans, labels, strict=True)):
        assert p.period is not None and p.period.start is not None
        y = axis_y + 26 + i * row
        start = x_of(p.period.start)
        open_end = p.period.end is None
        end = x_of((p.period.end + 1) if p.period.end is not None else min(last, p.period.start + 4))
        fill = "url(#open-end)" if open_end else "#3b78b5"
        parts.append(
            f'<text x="{left - 8}" y="{y + 11}" text-anchor="end" fill="#222">{_e(label)}</text>'
            f'<rect x="{start:.1f}" y="{y}" width="{max(end - start, 3):.1f}" height="{row - 5}" rx="3" fill="{fill}">'
            f"<title>{_e(p.name)}: {_e(str(p.period))}</title></rect>"
        )
    parts.append("</svg>")
    return "".join(parts)


# ------------------------------------------------------------------------------ page

_CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1d2630;
       background: #f6f7f9; line-height: 1.45; }
header { background: #12355b; color: #fff; padding: 28px 40px 22px; }
header h1 { margin: 0 0 4px; font-size: 28px; }
header p { margin: 0; opacity: .85; }
nav { padding: 10px 40px; background: #e9eef4; font-size: 14px; }
nav a { margin-right: 18px; color: #12355b; text-decoration: none; font-weight: 600; }
main { max-width: 1180px; margin: 0 auto; padding: 10px 24px 40px; }
section { background: #fff; border-radius: 10px; box-shadow: 0 1px 3px rgba(0,0,0,.08); margin: 22px 0;
          padding: 20px 26px; overflow-x: auto; }
h2 { margin: 0 0 6px; font-size: 21px; color: #12355b; }
p.note { margin: 0 0 14px; color: #4a5560; font-size: 14px; max-width: 900px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 10px 0 16px; }
.card { background: #f0f4f9; border-radius: 8px; padding: 10px 16px; min-width: 110px; }
.card b { display: block; font-size: 26px; color: #12355b; }
.card span { font-size: 13px; color: #4a5560; }
table.mtib { border-collapse: collapse; font-size: 14px; margin: 6px 0 12px; }
table.mtib th, table.mtib td { padding: 4px 12px; border-bottom: 1px solid #e5e8ec; text-align: left; }
table.mtib thead th { background: #f0f4f9; }
table.mtib caption { text-align: left; font-weight: 600; padding: 4px 0; }
.two { display: flex; flex-wrap: wrap; gap: 30px; align-items: flex-start; }
.legend span { display: inline-block; margin-right: 14px; font-size: 13px; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 5px;
            vertical-align: -1px; }
footer { text-align: center; font-size: 13px; color: #6a737d; padding: 0 0 30px; }
"""


def report_html(ds: Dataset | None = None, *, lang: Lang = "en") -> str:
    """The report as one self-contained HTML page (no network access needed to view it).

    >>> import mtib
    >>> page = report_html(mtib.load())
    >>> all(f'id="{s}"' in page for s in ("overview", "heatmap", "helix", "network", "timeline"))
    True
    """
    from mtib._version import DATA_VERSION, __version__
    from mtib.analysis.graph import cross_sector_network
    from mtib.analysis.helix import TRIPLE_HELIX, composition, mutual_redundancy, sphere_counts, synergy
    from mtib.analysis.matrices import theme_sdg
    from mtib.core.tables import html_table

    if ds is None:
        from mtib.io.loading import load

        ds = load()

    def t(key: str) -> str:
        return _label(key, lang)

    counts = ds.counts()
    comp = composition(ds.partnerships)
    cross = sum(1 for p in ds.partnerships if p.cross_sectoral)
    cards = [
        (counts["partnerships"], t("word.partnerships")),
        (counts["topsectors"], t("word.topsectors")),
        (counts["themes"], t("word.themes")),
        (counts["missions"], t("word.missions")),
        (counts["organisations"], t("word.organisations")),
        (cross, t("word.cross_sectoral")),
        (counts["sources"], t("word.sources")),
    ]
    overview = (
        '<div class="cards">'
        + "".join(f"<div class=card><b>{n}</b><span>{_e(label)}</span></div>" for n, label in cards)
        + "</div>"
        + html_table(
            [t("word.collection"), t("word.records")],
            [[t("collection." + k), str(n)] for k, n in counts.items()],
            numeric={1},
        )
    )

    heat = theme_sdg(ds, lang=lang).drop_empty()
    heatmap = heatmap_svg(heat, title=t("report.heatmap"))

    type_bars = bars_svg(
        [(ht.label(lang), n) for ht, n in comp.types], colours=["#12355b", "#3b78b5", "#9db9d9"], width=520
    )
    sphere_bars = bars_svg(
        [(s.label(lang), n) for s, n in comp.spheres], colours=[_SPHERE_COLOURS[s] for s, _ in comp.spheres], width=520
    )
    combos = [
        (" + ".join(s.label(lang) for s in HelixSphere if s in key) or t("word.none"), n)
        for key, n in comp.combinations
    ]
    combo_bars = bars_svg(combos, width=760, bar=20)
    sc = sphere_counts(ds.partnerships)
    measures: list[list[str]] = []
    if sum(sc.values()):
        uig = [s for s in HelixSphere if s in TRIPLE_HELIX]
        measures = [
            ["T (U, I, G)", f"{1000 * synergy(sc, uig):+.2f}"],
            ["T (U, I, G, C)", f"{1000 * synergy(sc, list(HelixSphere)):+.2f}"],
            ["R (U, I, G, C) = -T", f"{1000 * mutual_redundancy(sc, list(HelixSphere)):+.2f}"],
        ]
    legend = (
        '<p class="legend">'
        + "".join(
            f'<span><i style="background:{_SPHERE_COLOURS[s]}"></i>{_e(s.label(lang))}</span>' for s in HelixSphere
        )
        + "</p>"
    )
    helix = (
        f'<div class="two"><div><h3>{t("report.types")}</h3>{type_bars}</div>'
        f"<div><h3>{t('word.spheres')}</h3>{sphere_bars}{legend}</div></div>"
        f"<h3>{t('word.combinations')}</h3>{combo_bars}"
        + html_table([t("report.measure"), t("report.value")], measures, numeric={1})
        + f'<p class="note">{_e(t("report.synergy_letters"))}</p>'
        + f'<p class="note">{t("report.include_none")}</p>'
    )

    net = cross_sector_network(ds, lang=lang)
    sizes = {ts.id: len(ds.partnerships.where(topsector=ts.id)) for ts in ds.topsectors}
    network = network_svg(net, sizes, title=t("report.network")) if net.edges else f"<p>{t('report.no_links')}</p>"
    pairs = [[f"{net.node(e.source).label} – {net.node(e.target).label}", str(e.weight)] for e in net.edges]
    network = (
        f'<div class="two"><div>{network}</div><div>'
        + html_table([t("word.topsectors"), t("word.partnerships")], pairs, numeric={1})
        + "</div></div>"
    )

    timeline = timeline_svg(ds, lang=lang, width=1080, title=t("word.timeline"))
    event_rows = [
        [e.date.isoformat() if e.date else str(e.when), e.title.get(lang) or e.id] for e in ds.events.timeline()
    ]
    head = [t("word.date"), t("word.event")]
    timeline += f"<h3>{t('report.events')}</h3>" + html_table(head, event_rows)

    sections = [
        ("overview", t("report.overview"), "", overview),
        ("heatmap", t("report.heatmap"), t("report.heatmap_note"), heatmap),
        ("helix", t("word.helix_composition"), t("report.helix_note"), helix),
        ("network", t("report.network"), t("report.network_note"), network),
        ("timeline", t("word.timeline"), t("report.timeline_note"), timeline),
    ]
    nav = "".join(f'<a href="#{sid}">{_e(title)}</a>' for sid, title, _, _ in sections)
    body = "".join(
        f'<section id="{sid}"><h2>{_e(title)}</h2>'
        + (f'<p class="note">{_e(note)}</p>' if note else "")
        + content
        + "</section>"
        for sid, title, note, content in sections
    )
    footer = _e(t("report.footer").format(version=__version__, data=DATA_VERSION))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(t('report.title'))}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<header><h1>{_e(t('report.title'))}</h1><p>{_e(t('report.subtitle'))}</p></header>\n<nav>{nav}</nav>\n"
        f"<main>{body}</main>\n<footer>{footer}</footer>\n</body>\n</html>\n"
    )
