"""Whole graphs in one file: GraphML, GEXF (for Gephi) and NetworkX node-link JSON, both ways.

Writing starts from the MultiDiGraph that ``Store.export()`` returns (node attributes ``label``,
``name`` and the properties; edges keyed by type). Reading gives back Node and Relationship records
whose ``origin`` names the file and the XML element or JSON path, and whose values are parsed by the
schema, so a round trip through any of these formats returns the same graph.

XML is first read with ``defusedxml``, which refuses entity declarations (the "billion laughs"
attack) and keeps memory small, and only then handed to NetworkX's reader.

What a record names (an import keeps a stored record's other fields): in GraphML and GEXF, the
attributes the file declares for nodes or edges (``<key>``, ``<attribute>``), as a CSV file's columns:
an element without a value for a declared one clears it. In JSON, the keys each node or edge has:
``null`` or ``""`` clears a field, a key left out keeps it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import networkx as nx
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from graphkit.errors import Problem, ValidationError
from graphkit.graph.titles import GENERATED
from graphkit.model import BUILT_IN, FIELD_DEF, RELATIONSHIP_FIELDS, Node, Relationship, Schema
from graphkit.model.schema import list_text
from graphkit.viz.colours import node_colour, rgb

# In GEXF "label" is the text Gephi shows, so the name goes there and the graphkit label moves here.
GEXF_LABEL_ATTRIBUTE = "graphkit_label"
# In GEXF an edge's "type" means directed or undirected, so the relationship type is the edge label.

_REL_FIELDS = {t: {f.name: f for f in fields} for t, fields in RELATIONSHIP_FIELDS.items()}


# -- writing -------------------------------------------------------------------------------------


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Attributes without None values, which the XML writers cannot hold; a list as one text (``list_text``)."""
    return {k: list_text(v) if isinstance(v, list) else v for k, v in data.items() if v is not None}


class _Fields:
    """A file's fields by label: the store's schema and the fields the file itself declares."""

    def __init__(self, schema: Schema, declared: Any = ()) -> None:
        self.schema = schema.declaring(declared)
        self._by_label: dict[str, dict[str, Any]] = {}

    def __call__(self, label: str) -> dict[str, Any]:
        found = self._by_label.get(label)
        if found is None:
            found = self._by_label[label] = {f.name: f for f in self.schema.node_fields(label)}
        return found


def write_graphml(G: nx.MultiDiGraph, path: Path) -> None:
    """Write the graph as GraphML; each edge's id is ``from|TYPE|to``."""
    H = nx.MultiDiGraph()
    H.add_nodes_from((n, _clean(d)) for n, d in G.nodes(data=True))
    H.add_edges_from(
        (u, v, k, {**_clean(d), "id": f"{u}|{k}|{v}"}) for u, v, k, d in G.edges(keys=True, data=True)
    )
    nx.write_graphml(H, path, edge_id_from_attribute="id", named_key_ids=True)


def write_gexf(G: nx.MultiDiGraph, path: Path) -> None:
    """Write the graph as GEXF for Gephi: names as labels, the app's colours (by stakeholder group)."""
    H = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        d = _clean(d)
        r, g, b = rgb(node_colour(d.get("label"), d.get("stakeholder_group")))
        attrs = {k: v for k, v in d.items() if k not in ("label", "name")}
        attrs[GEXF_LABEL_ATTRIBUTE] = d.get("label")
        H.add_node(n, label=d.get("name"), viz={"color": {"r": r, "g": g, "b": b, "a": 1.0}}, **attrs)
    for u, v, k, d in G.edges(keys=True, data=True):
        attrs = {name: value for name, value in _clean(d).items() if name != "type"}
        H.add_edge(u, v, k, id=f"{u}|{k}|{v}", label=d.get("type", k), **attrs)
    nx.write_gexf(H, path)


def write_json(G: nx.MultiDiGraph, path: Path) -> None:
    """Write NetworkX node-link JSON (``nodes``, ``edges`` with ``from``/``to``), UTF-8, names verbatim.

    Read it with ``nx.node_link_graph(data, edges="edges", source="from", target="to")``.
    """
    # Ends are "from" and "to", as in CSV files: "source" is the property that cites where a fact comes from.
    data = nx.node_link_data(G, edges="edges", source="from", target="to")
    data["graph"] = {k: v for k, v in data["graph"].items() if k != GENERATED}  # how it was read, not data
    with Path(path).open("w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)


# -- reading -------------------------------------------------------------------------------------


def _parse(value: object, field: Any) -> object:
    """A value read from a file, parsed as the schema's field does; a value for a text field stays as it is."""
    if field is None:
        return value
    if field.kind == "int" and isinstance(value, float) and value.is_integer():
        return int(value)
    return field.parse(value) if isinstance(value, str) and field.kind != "text" else value


def _props(data: dict[str, Any], fields: dict[str, Any] | None) -> dict[str, Any]:
    return {k: _parse(v, (fields or {}).get(k)) for k, v in data.items() if v is not None and v != ""}


def _node(node_id: object, data: dict[str, Any], origin: str, named: frozenset[str], fields: _Fields) -> Node:
    data = dict(data)
    label = str(data.pop("label", ""))
    name = data.pop("name", "")
    props = _props(data, fields(label))
    return Node(str(node_id), str(label), name, props, origin, named)


def _relationship(
    source: object, target: object, data: dict[str, Any], origin: str, named: frozenset[str]
) -> Relationship:
    data = dict(data)
    rel_type = data.pop("type", "")
    props = _props(data, _REL_FIELDS.get(rel_type))
    return Relationship(str(rel_type), str(source), str(target), props, origin, named)


def _text(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def check_xml(path: Path) -> dict[str, set[str]]:
    """The attribute names the file declares for ``node`` and ``edge`` (GraphML ``<key>``, GEXF
    ``<attribute>``); a ValidationError unless ``path`` is well-formed XML without entity declarations or DTDs.
    """
    declared: dict[str, set[str]] = {"node": set(), "edge": set()}
    kind = ""
    events = ("start", "end")
    try:
        for event, element in iterparse(
            str(path), events, forbid_dtd=True, forbid_entities=True, forbid_external=True
        ):
            tag = element.tag.rpartition("}")[2]
            if event == "start":
                kind = element.get("class", kind) if tag == "attributes" else kind
                continue
            if tag == "key":  # GraphML: for="node", "edge" or "all"
                domain = element.get("for", "all")
                for k in ("node", "edge") if domain == "all" else (domain,) if domain in declared else ():
                    declared[k].add(element.get("attr.name") or element.get("id", ""))
            elif tag == "attribute" and kind in declared:  # GEXF, inside <attributes class="...">
                declared[kind].add(element.get("title") or element.get("id", ""))
            element.clear()
    except DefusedXmlException as e:
        raise ValidationError(
            [Problem(str(path), "xml", f"refused: the file declares a DTD or entities ({type(e).__name__})")]
        ) from None
    except ParseError as e:
        line, column = e.position
        message = re.sub(r": line \d+, column \d+$", "", str(e))
        raise ValidationError(
            [Problem(f"{path} line {line} column {column}", "xml", f"not well-formed XML: {message}")]
        ) from None
    return declared


def _read_xml(path: Path, reader: Any, what: str) -> tuple[nx.MultiDiGraph, dict[str, set[str]]]:
    declared = check_xml(path)
    try:
        G = reader(path)
    except (nx.NetworkXError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise ValidationError([Problem(str(path), "file", f"not readable as {what}: {e}")]) from None
    return G, declared


class GraphFile:
    """A graph read from one GraphML or GEXF file, as records; origins name the XML element, and
    each record names the attributes the file declares for its kind (``node_fields``, ``edge_fields``)."""

    def __init__(self, path: Path, G: nx.MultiDiGraph, node_fields: set[str], edge_fields: set[str]) -> None:
        self.path = Path(path)
        self.graph = G
        self.schema = BUILT_IN  # the store's, which the reader sets
        self.node_fields = frozenset(node_fields - {"label"})
        self.edge_fields = frozenset(edge_fields - {"type", "id"})

    def nodes(self) -> Iterator[Node]:
        declared = [(n, d) for n, d in self.graph.nodes(data=True) if d.get("label") == FIELD_DEF]
        fields = _Fields(
            self.schema,
            [
                (n, _node(n, d, "", self.node_fields, _Fields(BUILT_IN)).props | {"name": d.get("name")})
                for n, d in declared
            ],
        )
        for n, data in self.graph.nodes(data=True):
            if any(v not in (None, "") for v in data.values()):  # skip ends of edges that are not declared
                yield _node(n, data, f"{self.path} <node id={n!r}>", self.node_fields, fields)

    def relationships(self) -> Iterator[Relationship]:
        for u, v, data in self.graph.edges(data=True):
            where = f"{self.path} <edge source={u!r} target={v!r}>"
            yield _relationship(u, v, data, where, self.edge_fields)


def _networkx_graphml(path: Path) -> nx.MultiDiGraph:
    return nx.read_graphml(path, edge_key_type=str, force_multigraph=True)


def read_graphml(path: Path) -> GraphFile:
    """Read a GraphML file written by graphkit (or by hand, with the same attributes)."""
    G, declared = _read_xml(path, _networkx_graphml, "GraphML")
    for *_, data in G.edges(keys=True, data=True):
        data.pop("id", None)  # the edge id graphkit writes, from|TYPE|to, is not a property
    return GraphFile(path, G, declared["node"], declared["edge"])


def read_gexf(path: Path) -> GraphFile:
    """Read a GEXF file written by graphkit (the name is the GEXF label, the relationship type the edge label)."""
    G, declared = _read_xml(path, nx.read_gexf, "GEXF")
    declared["node"] = {*declared["node"], "name"} - {GEXF_LABEL_ATTRIBUTE}  # a GEXF node's label is its name
    H = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        attrs = {k: v for k, v in d.items() if k not in ("viz", "label", GEXF_LABEL_ATTRIBUTE)}
        H.add_node(n, label=d.get(GEXF_LABEL_ATTRIBUTE, ""), name=d.get("label", ""), **attrs)
    for u, v, d in G.edges(data=True):
        attrs = {k: val for k, val in d.items() if k not in ("id", "label", "key", "networkx_key", "weight")}
        H.add_edge(u, v, type=d.get("label", ""), **attrs)
    return GraphFile(path, H, declared["node"], declared["edge"])


def read_json(path: Path) -> _JsonFile:
    """Read node-link JSON (``edges`` or ``links``; ends ``from``/``to`` or ``source``/``target``).

    Errors name the JSON path, such as ``$.edges[3]``.
    """
    try:
        with Path(path).open(encoding="utf-8-sig") as f:
            data = json.load(f)
    except UnicodeDecodeError:
        raise ValidationError([Problem(str(path), "encoding", "not UTF-8 text")]) from None
    except json.JSONDecodeError as e:
        raise ValidationError(
            [Problem(f"{path} line {e.lineno} column {e.colno}", "json", f"not valid JSON: {e.msg}")]
        ) from None
    except RecursionError:
        raise ValidationError(
            [Problem(f"{path} $", "json", "nested too deeply: expected {nodes: [...], edges: [...]}")]
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise ValidationError([Problem(f"{path} $", "nodes", "expected an object with a list of nodes")])
    edge_key = "edges" if "edges" in data else "links"
    if not isinstance(data.get(edge_key, []), list):
        raise ValidationError([Problem(f"{path} $.{edge_key}", edge_key, "expected a list")])
    return _JsonFile(Path(path), data["nodes"], data.get(edge_key, []), edge_key)


class _JsonFile:
    """Node-link JSON records, each with its JSON path as origin."""

    def __init__(self, path: Path, nodes: list, edges: list, edge_key: str) -> None:
        self.path, self._nodes, self._edges, self.edge_key = path, nodes, edges, edge_key
        self.schema = BUILT_IN  # the store's, which the reader sets

    def nodes(self) -> Iterator[Node]:
        fields = _Fields(
            self.schema,
            [
                (d["id"], d)
                for d in self._nodes
                if isinstance(d, dict) and d.get("label") == FIELD_DEF and "id" in d
            ],
        )
        for i, item in enumerate(self._nodes):
            where = f"{self.path} $.nodes[{i}]"
            if not isinstance(item, dict) or "id" not in item:
                raise ValidationError([Problem(where, "id", "expected an object with an id")])
            data = dict(item)
            node_id = data.pop("id")
            label, name = _text(data.pop("label", "")), data.pop("name", "")
            named = frozenset(data) | ({"name"} if "name" in item else set())
            yield Node(node_id, label, name, _props(data, fields(label)), where, named)

    def relationships(self) -> Iterator[Relationship]:
        for i, item in enumerate(self._edges):
            where = f"{self.path} $.{self.edge_key}[{i}]"
            ends = ("from", "to") if isinstance(item, dict) and "from" in item else ("source", "target")
            if not isinstance(item, dict) or ends[0] not in item or ends[1] not in item:
                raise ValidationError([Problem(where, "from", "expected an object with from and to")])
            data = dict(item)
            source, target = data.pop(ends[0]), data.pop(ends[1])
            data.pop("key", None)
            rel_type = _text(data.pop("type", ""))
            props = _props(data, _REL_FIELDS.get(rel_type))
            yield Relationship(rel_type, source, target, props, where, frozenset(data))
