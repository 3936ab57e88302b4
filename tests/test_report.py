"""The HTML report, its SVG charts, the matplotlib plots, and notebook/terminal display."""

from __future__ import annotations

import io
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

import mtib
from mtib.analysis.graph import cross_sector_network
from mtib.analysis.helix import composition
from mtib.analysis.matrices import theme_sdg
from mtib.cli import main
from mtib.render.report import bars_svg, heatmap_svg, network_svg, report_html, timeline_svg


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


class _Resources(HTMLParser):
    """Collects every attribute that could fetch something."""

    def __init__(self) -> None:
        super().__init__()
        self.fetches: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value and not value.startswith("#"):
                self.fetches.append(value)
        if tag in ("script", "link", "img", "iframe"):
            self.fetches.append(tag)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_report_is_self_contained(ds: mtib.Dataset, lang: str) -> None:
    page = report_html(ds, lang=lang)  # type: ignore[arg-type]
    parser = _Resources()
    parser.feed(page)
    assert parser.fetches == []
    assert "@import" not in page and "url(http" not in page
    assert parser.tags.count("svg") == 6  # heatmap, three helix bar charts, network, timeline
    assert page.count("<section") == 5


def test_report_svgs_are_well_formed_and_show_the_data(ds: mtib.Dataset) -> None:
    page = report_html(ds)
    svgs = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    for svg in svgs:
        ET.fromstring(svg)  # well-formed XML
    heat = theme_sdg(ds).drop_empty()
    heatmap = heatmap_svg(heat, title="Themes and SDGs")
    assert heatmap in page
    for label in heat.row_labels:
        assert f">{label.replace('&', '&amp;')}<" in heatmap
    shown = [int(v) for v in re.findall(r'font-weight="600">(\d+)</text>', heatmap)]
    assert sorted(shown) == sorted(v for r in heat.values for v in r if v)
    comp = composition(ds.partnerships)
    for ht, n in comp.types:
        assert f"{ht.label('en')}: {n}</title>" in page
    net = cross_sector_network(ds)
    assert page.count("<line") >= len(net.edges)
    assert all(
        f"<title>{e.when if not e.date else e.date.isoformat()}:" in page
        for e in ds.events.timeline()
        if e.when >= 2000
    )


def test_report_languages(ds: mtib.Dataset) -> None:
    nl = report_html(ds, lang="nl")
    assert '<html lang="nl">' in nl and "Helixsamenstelling" in nl and "Gezondheid &amp; Zorg" in nl
    en = report_html(ds)
    assert "Helix composition" in en and "Health &amp; Care" in en


def test_charts_alone() -> None:
    assert bars_svg([("a", 1), ("b", 2)]).count("<rect") == 2
    assert bars_svg([]).startswith("<svg")
    g = cross_sector_network()
    assert network_svg(g, {n.id: 1 for n in g.nodes}).count("<circle") == len(g.nodes)
    svg = timeline_svg(mtib.load())
    ET.fromstring(svg)
    assert "◂ earlier" in svg or min(e.when for e in mtib.load().events) >= 2000


def test_cli_report(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    code, out, err = run("report", "-o", str(target), "--lang", "nl")
    assert code == 0 and err == "" and target.read_text(encoding="utf-8") == report_html(lang="nl")
    code, _, err = run("report", "-o", str(target))
    assert code == 1 and "exists" in err
    code, out, _ = run("report", "-o", "-")
    assert out.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_plot(tmp_path: Path, suffix: str) -> None:
    pytest.importorskip("matplotlib")
    from mtib.render.plot import CHARTS

    for chart in CHARTS:
        target = tmp_path / f"{chart}{suffix}"
        code, _, err = run("plot", chart, "-o", str(target))
        assert code == 0, err
        data = target.read_bytes()
        assert data.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in data[:2000]


def test_plot_without_matplotlib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    code, _, err = run("plot", "helix", "-o", str(tmp_path / "h.svg"))
    assert code == 1 and err == "mtib: this needs matplotlib, which is not installed: pip install 'mtib[plot]'\n"
    code, _, err = run("plot", "helix", "-o", str(tmp_path / "h.pdf"))
    assert code == 2 and ".svg or .png" in err


# ----------------------------------------------------------------------------- display


class _Printer:
    def __init__(self) -> None:
        self.written = ""

    def text(self, s: str) -> None:
        self.written += s


def test_records_collections_and_datasets_display(ds: mtib.Dataset) -> None:
    p = ds.partnerships["momentum"]
    html = p._repr_html_()
    assert "<caption>Partnership &#x27;momentum&#x27;" in html and "<th>helix</th>" in html
    printer = _Printer()
    p._repr_pretty_(printer, False)
    assert printer.written.startswith("Partnership 'momentum': Microplastics and Human Health Consortium\n")
    assert "  helix: " in printer.written
    assert repr(p).startswith("Partnership(id='momentum'")  # repr unchanged
    coll_html = ds.topsectors._repr_html_()
    assert coll_html.count("<tr>") == len(ds.topsectors) + 1
    printer = _Printer()
    ds.sdg_targets._repr_pretty_(printer, False)
    assert printer.written.startswith(f"sdg_targets: {len(ds.sdg_targets)} records\n")
    assert printer.written.endswith("...")
    assert "<td>partnerships</td>" in ds._repr_html_()
    printer = _Printer()
    ds.sdgs._repr_pretty_(printer, True)
    assert printer.written == "<SDGCollection ...>"


def test_display_escapes() -> None:
    from mtib.core.tables import html_table

    assert "<script>" not in html_table(["<script>"], [["<script>alert(1)</script>"]])


def test_the_report_says_what_the_letters_and_collections_are(ds: mtib.Dataset) -> None:
    page = report_html(ds)
    assert "U: universities and knowledge institutions, I: industry, G: government, C: civil society" in page
    assert "<td>SDG targets</td>" in page and "<td>sdg_targets</td>" not in page
    assert "U: universiteiten" in report_html(ds, lang="nl")


def test_the_timeline_spans_the_partnerships_and_names_its_marks(ds: mtib.Dataset) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from mtib.render.plot import CHARTS

    fig, ax = plt.subplots()
    try:
        CHARTS["timeline"](ax, ds, "en")
        starts = [p.period.start for p in ds.partnerships if p.period and p.period.start]
        low, high = ax.get_xlim()
        assert high >= max(starts)
        assert low == min(starts) - 1 and low > min(e.when for e in ds.events)  # not stretched to the 1953 flood
        legend = ax.get_legend()
        assert ax.get_xlabel() == "year" and legend is not None
        assert {t.get_text() for t in legend.get_texts()} >= {"end not known (open)", "event"}
        assert any(a.get_text() for a in ax.texts)  # events named
    finally:
        plt.close(fig)
    fig, ax = plt.subplots()
    try:
        CHARTS["helix"](ax, ds, "en")
        panels = fig.get_axes()
        assert len(panels) == 2 and all(p.get_xlabel() == "partnerships" for p in panels)
        assert panels[0].get_title() == "Helix type" and panels[1].get_title().startswith("Spheres")
    finally:
        plt.close(fig)
