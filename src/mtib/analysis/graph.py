"""The dataset as a graph: records are nodes, references are typed edges.

:func:`dataset_graph` turns a dataset (or some of its kinds) into a
:class:`Graph`: one node per record (its id, kind and display name) and one
directed edge per reference, typed by the field it comes from
(``topsectors``, ``participants``, ``sdgs``, ``sources``, ``theme``...).
:func:`cross_sector_network` gives the undirected, weighted network of
topsectors that share partnerships. A graph is written as GraphML, DOT or
Mermaid text with no extra, or converted to ``networkx`` (the ``graph`` extra).

>>> g = dataset_graph(kinds=["partnerships", "topsectors"])
>>> ("momentum", "lsh", "topsectors") in {(e.source, e.target, e.type) for e in g.edges}
True
>>> print(cross_sector_network().to_mermaid().splitlines()[0])
graph LR
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape as _xml_escape
from xml.sax.saxutils import quoteattr as _xml_quoteattr

import attrs

from mtib.core.model import Lang, Partnership
from mtib.core.views import pretty

if TYPE_CHECKING:
    from mtib.dataset import Dataset

__all__ = ["Edge", "Graph", "Node", "cross_sector_network", "dataset_graph", "printable"]


# Characters XML 1.0 does not allow (C0 controls but tab, newline and CR; lone surrogates; U+FFFE/U+FFFF),
# and the other controls (DEL, C1) that no text output should carry as they are.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _visible(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def printable(text: str) -> str:
    """``text`` with control characters (ESC, BEL, vertical tab, newline...) written as visible escapes.

    Graph labels and terminal output carry no control character from the data.

    >>> print(printable("a\\x1b[31mb\\x07"), printable("Energie"))
    a\\u001b[31mb\\u0007 Energie
    """
    return _CONTROL.sub(_visible, text)


def escape(text: str) -> str:
    """XML character data: escaped, and well-formed whatever control characters ``text`` holds."""
    return _xml_escape(_NOT_XML.sub(_visible, text))


def quoteattr(text: str) -> str:
    """An XML attribute value, quoted; well-formed whatever control characters ``text`` holds."""
    return _xml_quoteattr(_NOT_XML.sub(_visible, text))


@attrs.frozen
class Node:
    """A record as a node: its id, its kind (collection name) and a display label.

    >>> dataset_graph(kinds=["topsectors"]).node("lsh")
    Node(id='lsh', kind='topsectors', label='Life Sciences & Health')
    """

    id: str
    kind: str
    label: str


@attrs.frozen
class Edge:
    """A reference as an edge, typed by the field it comes from; ``weight`` counts repeated links.

    >>> Edge("momentum", "lsh", "topsectors").weight
    1
    """

    source: str
    target: str
    type: str
    weight: int = 1


@attrs.frozen
class Graph:
    """Nodes and typed edges, directed (references) or not (co-occurrence networks).

    >>> g = Graph((Node("a", "topsectors", "A"), Node("b", "topsectors", "B")), (Edge("a", "b", "shares", 2),))
    >>> print(g.to_dot())
    digraph mtib {
      "a" [label="A", kind="topsectors"];
      "b" [label="B", kind="topsectors"];
      "a" -> "b" [type="shares", weight=2];
    }
    """

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    directed: bool = True

    def node(self, node_id: str) -> Node:
        """The node with this id (``KeyError`` if there is none).

        >>> cross_sector_network().node("lsh").label
        'LSH'
        """
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)

    def to_networkx(self) -> Any:
        """A ``networkx.MultiDiGraph`` (or ``Graph`` when undirected); needs the ``graph`` extra.

        Node attributes ``kind`` and ``label``; edge attributes ``type`` and ``weight``.

        >>> dataset_graph().to_networkx().number_of_nodes() > 0    # doctest: +SKIP
        True
        """
        from mtib.core.extras import require

        nx = require("networkx", "graph")
        g = nx.MultiDiGraph() if self.directed else nx.Graph()
        for n in self.nodes:
            g.add_node(n.id, kind=n.kind, label=n.label)
        for e in self.edges:
            g.add_edge(e.source, e.target, type=e.type, weight=e.weight)
        return g

    def to_graphml(self) -> str:
        """GraphML text (readable by networkx, Gephi, yEd, Cytoscape).

        >>> '<graph id="mtib" edgedefault="directed">' in dataset_graph(kinds=["topsectors"]).to_graphml()
        True
        """
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
            '  <key id="kind" for="node" attr.name="kind" attr.type="string"/>',
            '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
            '  <key id="type" for="edge" attr.name="type" attr.type="string"/>',
            '  <key id="weight" for="edge" attr.name="weight" attr.type="int"/>',
            f'  <graph id="mtib" edgedefault="{"directed" if self.directed else "undirected"}">',
        ]
        for n in self.nodes:
            lines.append(
                f'    <node id={quoteattr(n.id)}><data key="kind">{escape(n.kind)}</data>'
                f'<data key="label">{escape(n.label)}</data></node>'
            )
        for e in self.edges:
            lines.append(
                f"    <edge source={quoteattr(e.source)} target={quoteattr(e.target)}>"
                f'<data key="type">{escape(e.type)}</data><data key="weight">{e.weight}</data></edge>'
            )
        lines += ["  </graph>", "</graphml>"]
        return "\n".join(lines) + "\n"

    def to_dot(self) -> str:
        """Graphviz DOT text (``dot -Tsvg``).

        >>> cross_sector_network().to_dot().splitlines()[0]
        'graph mtib {'
        """

        def q(text: str) -> str:
            return '"' + printable(text.replace("\n", " ")).replace("\\", "\\\\").replace('"', '\\"') + '"'

        arrow = "->" if self.directed else "--"
        lines = [f"{'digraph' if self.directed else 'graph'} mtib {{"]
        lines += [f"  {q(n.id)} [label={q(n.label)}, kind={q(n.kind)}];" for n in self.nodes]
        lines += [f"  {q(e.source)} {arrow} {q(e.target)} [type={q(e.type)}, weight={e.weight}];" for e in self.edges]
        lines.append("}")
        return "\n".join(lines) + "\n"

    def to_mermaid(self) -> str:
        """Mermaid flowchart text (renders on GitHub and in many Markdown viewers).

        Node ids are numbered (``n0``, ``n1``...) because record ids may hold
        characters Mermaid does not accept; the labels carry the names.

        >>> g = Graph((Node("a", "x", 'A "1"'), Node("b", "x", "B")), (Edge("a", "b", "t"),))
        >>> print(g.to_mermaid(), end="")
        graph LR
          n0["A #quot;1#quot;"]
          n1["B"]
          n0 -->|"t"| n1
        """
        ids = {n.id: f"n{i}" for i, n in enumerate(self.nodes)}

        def label(text: str) -> str:
            text = printable(text.replace("\n", " "))
            return '"' + re.sub(r'"', "#quot;", text) + '"'

        arrow = "-->" if self.directed else "---"
        lines = ["graph LR"]
        lines += [f"  {ids[n.id]}[{label(n.label)}]" for n in self.nodes]
        for e in self.edges:
            text = e.type if e.weight == 1 else f"{e.type} x{e.weight}"
            lines.append(f"  {ids[e.source]} {arrow}|{label(text)}| {ids[e.target]}")
        return "\n".join(lines) + "\n"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        pretty(self, f"<Graph: {len(self.nodes)} nodes, {len(self.edges)} edges>", printer, cycle)


def _dataset(ds: Dataset | None) -> Dataset:
    if ds is None:
        from mtib.io.loading import load

        return load()
    return ds


def dataset_graph(ds: Dataset | None = None, *, kinds: Iterable[str] | None = None, lang: Lang = "en") -> Graph:
    """The dataset as a directed graph: one node per record, one typed edge per reference.

    ``kinds`` picks collections (by default every one); edges run only between
    nodes of the kinds picked. An SDG link gives an edge to its goal (and
    another to its target, if it names one), typed ``sdgs``; a participant an
    edge of type ``participants`` to its organisation.

    >>> import mtib
    >>> ds = mtib.load()
    >>> g = dataset_graph(ds, kinds=["partnerships", "organisations"])
    >>> len(g.nodes) == len(ds.partnerships) + len(ds.organisations)
    True
    >>> sum(1 for e in g.edges if e.type == "participants") == sum(len(p.participants) for p in ds.partnerships)
    True
    """
    from mtib.core.schema import COLLECTIONS
    from mtib.dataset import display_name, reference_paths

    ds = _dataset(ds)
    chosen = list(COLLECTIONS) if kinds is None else list(dict.fromkeys(kinds))
    for kind in chosen:
        if kind not in COLLECTIONS:
            raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(COLLECTIONS)}")
    nodes: list[Node] = []
    owner: dict[str, str] = {}
    for kind in chosen:
        for record in getattr(ds, kind):
            if record.id not in owner:
                owner[record.id] = kind
                nodes.append(Node(record.id, kind, display_name(record, lang)))
    edges: dict[tuple[str, str, str], int] = {}
    for kind in chosen:
        for record in getattr(ds, kind):
            for field, ref in reference_paths(record):
                if ref in owner:
                    key = (record.id, ref, field.split("[")[0])
                    edges[key] = 1  # a record refers to another through one field at most once
    return Graph(tuple(nodes), tuple(Edge(s, t, f) for (s, t, f) in edges))


def cross_sector_network(
    ds: Dataset | None = None, *, partnerships: Iterable[Partnership] | None = None, lang: Lang = "en"
) -> Graph:
    """Topsectors as nodes, joined where they share partnerships; the weight counts them.

    Only topsectors with at least one partnership are nodes. The graph is
    undirected; edges are of type ``shared_partnerships``.

    >>> import mtib
    >>> ds = mtib.load()
    >>> g = cross_sector_network(ds)
    >>> all(e.weight == sum(1 for p in ds.partnerships if {e.source, e.target} <= set(p.topsectors))
    ...     for e in g.edges)
    True
    """
    ds = _dataset(ds)
    chosen = tuple(ds.partnerships) if partnerships is None else tuple(partnerships)
    pairs: Counter[tuple[str, str]] = Counter()
    used: set[str] = set()
    order = {t.id: i for i, t in enumerate(ds.topsectors)}
    for p in chosen:
        ts = sorted(set(p.topsectors), key=lambda t: order.get(t, len(order)))
        used.update(ts)
        for i, a in enumerate(ts):
            for b in ts[i + 1 :]:
                pairs[(a, b)] += 1
    nodes = tuple(
        Node(t.id, "topsectors", t.acronym or (t.name.get(lang) or t.id)) for t in ds.topsectors if t.id in used
    )
    edges = tuple(Edge(a, b, "shared_partnerships", n) for (a, b), n in sorted(pairs.items(), key=lambda kv: -kv[1]))
    return Graph(nodes, edges, directed=False)
