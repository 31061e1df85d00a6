"""A Cypher script that loads the graph into an empty Neo4j (cypher-shell or the Neo4j Browser).

    CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
    UNWIND [{id: 'person-amara', name: 'Amara Diallo', props: {title: 'Programme manager'}}] AS row
    MERGE (n:Person {id: row.id}) SET n.name = row.name, n += row.props;
    UNWIND [{from: 'person-amara', to: 'org-kla', props: {}}] AS row
    MATCH (a:Person {id: row.from}) MATCH (b:Organization {id: row.to})
    MERGE (a)-[r:WORKS_FOR]->(b) SET r += row.props;

Every value is written as a Cypher literal: strings in single quotes with backslash escapes, so
no name or note can end its string and run as Cypher. Labels, types and property keys come from
the schema's closed sets and are quoted with backticks all the same. Loading twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TextIO

import networkx as nx

ROWS_PER_STATEMENT = 500

_ESCAPES = {
    "\\": "\\\\",
    "'": "\\'",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}


def cypher_string(text: str) -> str:
    """``text`` as a single-quoted Cypher string literal."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ch in "\u2028\u2029":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def cypher_name(name: str) -> str:
    """A label, type or property key as a backtick-quoted Cypher name."""
    return "`" + name.replace("`", "``") + "`"


def cypher_literal(value: object) -> str:
    """A Cypher literal for a string, whole number, float, boolean, None, list or map."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{cypher_name(str(k))}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


def _chunks(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


def cypher_statements(G: nx.MultiDiGraph) -> Iterator[str]:
    """The statements, one string each (ending in ``;``), that load ``G`` into Neo4j."""
    labels = sorted({d["label"] for _, d in G.nodes(data=True)})
    for label in labels:
        yield (
            f"CREATE CONSTRAINT {cypher_name(label.lower() + '_id')} IF NOT EXISTS "
            f"FOR (n:{cypher_name(label)}) REQUIRE n.id IS UNIQUE;"
        )
    for label in labels:
        rows = (
            {
                "id": n,
                "name": d["name"],
                "props": {k: v for k, v in d.items() if k not in ("label", "name") and v is not None},
            }
            for n, d in G.nodes(data=True)
            if d["label"] == label
        )
        for chunk in _chunks(rows, ROWS_PER_STATEMENT):
            yield (
                f"UNWIND {cypher_literal(chunk)} AS row\n"
                f"MERGE (n:{cypher_name(label)} {{id: row.id}}) SET n.name = row.name, n += row.props;"
            )
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        key = (G.nodes[u]["label"], d.get("type", k), G.nodes[v]["label"])
        props = {name: value for name, value in d.items() if name != "type" and value is not None}
        groups.setdefault(key, []).append({"from": u, "to": v, "props": props})
    for (source_label, rel_type, target_label), rows in sorted(groups.items()):
        for chunk in _chunks(rows, ROWS_PER_STATEMENT):
            yield (
                f"UNWIND {cypher_literal(chunk)} AS row\n"
                f"MATCH (a:{cypher_name(source_label)} {{id: row.from}}) "
                f"MATCH (b:{cypher_name(target_label)} {{id: row.to}})\n"
                f"MERGE (a)-[r:{cypher_name(rel_type)}]->(b) SET r += row.props;"
            )


def write_cypher(G: nx.MultiDiGraph, out: TextIO) -> None:
    """Write the whole script to an open text file."""
    out.write("// graphkit export: load into an empty Neo4j with cypher-shell -f FILE or the Neo4j Browser\n")
    for statement in cypher_statements(G):
        out.write(statement + "\n")
