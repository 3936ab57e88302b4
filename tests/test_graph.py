"""Graphs: nodes and edges match the dataset; GraphML, DOT and Mermaid carry every node and edge."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest

import mtib
from mtib.analysis.graph import Edge, Graph, Node, cross_sector_network, dataset_graph
from mtib.cli import main
from mtib.core.schema import KIND_OF
from mtib.dataset import reference_paths

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


def test_every_record_is_a_node_and_every_reference_an_edge(ds: mtib.Dataset) -> None:
    g = dataset_graph(ds)
    ids = {n.id for n in g.nodes}
    assert len(g.nodes) == len(ids) == sum(ds.counts().values())
    expected = {
        (r.id, ref, field.split("[")[0])
        for coll in ds.collections().values()
        for r in coll
        for field, ref in reference_paths(r)
    }
    assert {(e.source, e.target, e.type) for e in g.edges} == expected
    assert all(n.kind == KIND_OF[type(ds.resolve(n.id))] for n in g.nodes)


def test_kinds_restrict_nodes_and_edges(ds: mtib.Dataset) -> None:
    g = dataset_graph(ds, kinds=["partnerships", "topsectors"])
    kinds = {n.id: n.kind for n in g.nodes}
    assert set(kinds.values()) == {"partnerships", "topsectors"}
    assert all(e.source in kinds and e.target in kinds for e in g.edges)
    assert len(g.edges) == sum(len(set(p.topsectors)) for p in ds.partnerships)
    with pytest.raises(ValueError, match="unknown kind"):
        dataset_graph(ds, kinds=["nope"])


def test_graphml_round_trips_without_networkx(ds: mtib.Dataset) -> None:
    g = dataset_graph(ds, kinds=["partnerships", "organisations", "sdgs", "sdg_targets"])
    root = ET.fromstring(g.to_graphml())
    graph = root.find("g:graph", NS)
    assert graph is not None
    nodes = {n.get("id"): tuple(d.text for d in n.findall("g:data", NS)) for n in graph.findall("g:node", NS)}
    assert nodes == {n.id: (n.kind, n.label) for n in g.nodes}
    edges = [
        (e.get("source"), e.get("target"), e.find("g:data[@key='type']", NS).text)  # type: ignore[union-attr]
        for e in graph.findall("g:edge", NS)
    ]
    assert edges == [(e.source, e.target, e.type) for e in g.edges]


def test_networkx_and_graphml_read_back(ds: mtib.Dataset) -> None:
    nx = pytest.importorskip("networkx")
    g = dataset_graph(ds, kinds=["partnerships", "topsectors", "themes"])
    G = g.to_networkx()
    assert G.number_of_nodes() == len(g.nodes) and G.number_of_edges() == len(g.edges)
    read = nx.read_graphml(io.BytesIO(g.to_graphml().encode()))
    assert set(read.nodes) == {n.id for n in g.nodes}
    assert read.number_of_edges() == len(g.edges)
    assert read.nodes["lsh"]["label"] == g.node("lsh").label
    c = cross_sector_network(ds).to_networkx()
    assert not c.is_directed()


def test_missing_networkx_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "networkx", None)
    with pytest.raises(ImportError, match=r"pip install 'mtib\[graph\]'"):
        cross_sector_network().to_networkx()


def test_dot_and_mermaid_hold_every_edge(ds: mtib.Dataset) -> None:
    g = dataset_graph(ds, kinds=["partnerships", "topsectors"])
    dot = g.to_dot()
    assert dot.startswith("digraph mtib {") and dot.rstrip().endswith("}")
    assert len(re.findall(r'^  "[^"]+" -> "[^"]+"', dot, flags=re.M)) == len(g.edges)
    mermaid = g.to_mermaid()
    assert len(re.findall(r"^  n\d+ -->", mermaid, flags=re.M)) == len(g.edges)
    assert len(re.findall(r"^  n\d+\[", mermaid, flags=re.M)) == len(g.nodes)


def test_escaping() -> None:
    g = Graph((Node('a"b', "x", 'say "hi" <now>'), Node("c", "x", "C")), (Edge('a"b', "c", "t"),))
    assert '"a\\"b" [label="say \\"hi\\" <now>"' in g.to_dot()
    assert "#quot;hi#quot;" in g.to_mermaid()
    root = ET.fromstring(g.to_graphml())
    assert root.find("g:graph/g:node", NS).get("id") == 'a"b'  # type: ignore[union-attr]


def test_cross_sector_network(ds: mtib.Dataset) -> None:
    g = cross_sector_network(ds)
    assert not g.directed
    pairs = {frozenset((e.source, e.target)): e.weight for e in g.edges}
    for p in ds.partnerships:
        ts = sorted(set(p.topsectors))
        for i, a in enumerate(ts):
            for b in ts[i + 1 :]:
                assert pairs[frozenset((a, b))] >= 1
    from mtib.analysis.matrices import topsector_cooccurrence

    m = topsector_cooccurrence(ds)
    for e in g.edges:
        assert e.weight == m[e.source, e.target]
    assert sum(1 for a in m.rows for b in m.columns if a < b and m[a, b]) == len(g.edges)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_graph(ds: mtib.Dataset, tmp_path) -> None:
    code, out, _ = run("graph", "--format", "mermaid", "--cross-sector")
    assert code == 0 and out == cross_sector_network(ds).to_mermaid()
    code, out, _ = run("graph", "--format", "dot", "--kind", "topsectors", "--kind", "tkis")
    assert out == dataset_graph(ds, kinds=["topsectors", "tkis"]).to_dot()
    target = tmp_path / "g.graphml"
    code, out, _ = run("graph", "--format", "graphml", "-o", str(target))
    assert code == 0 and "wrote a graph" in out and target.read_text() == dataset_graph(ds).to_graphml()
    code, _, err = run("graph", "-o", str(target))
    assert code == 1 and "exists" in err
    code, _, err = run("graph", "--cross-sector", "--kind", "tkis")
    assert code == 2


def test_mermaid_defaults_to_a_scope_a_renderer_can_draw(ds: mtib.Dataset) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["graph", "--format", "mermaid"], out=out, err=err) == 0
    scoped = dataset_graph(ds, kinds=["partnerships", "topsectors", "themes"])
    assert out.getvalue() == scoped.to_mermaid()
    everything = io.StringIO()
    assert main(["graph", "--format", "mermaid", "--all"], out=everything, err=err) == 0
    assert everything.getvalue() == dataset_graph(ds).to_mermaid()
    assert len(everything.getvalue()) > len(out.getvalue())


def test_mermaid_says_when_a_graph_passes_what_mermaid_draws(
    ds: mtib.Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    out = io.StringIO()
    assert main(["graph", "--format", "mermaid", "--all"], out=out) == 0
    edges = len(dataset_graph(ds).edges)
    note = capsys.readouterr().err
    assert (f"{edges:,} edges" in note) == (edges > 500 or len(out.getvalue()) > 50_000)
    assert main(["graph", "--format", "mermaid", "--kind", "topsectors", "--kind", "tkis"], out=io.StringIO()) == 0
    assert capsys.readouterr().err == ""
