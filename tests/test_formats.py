"""GraphML, GEXF, node-link JSON, CSV and the Cypher script: round trips and what other tools see."""

from __future__ import annotations

import csv
import json
import re

import networkx as nx
import pytest
from conftest import SEED, person, small_world, snapshot

from graphkit.edits import delete_stakeholder
from graphkit.errors import ValidationError
from graphkit.io import export_graph, open_source
from graphkit.io.cypher import cypher_statements, cypher_string
from graphkit.io.importer import import_sources
from graphkit.model import Relationship
from graphkit.store.base import to_networkx
from graphkit.viz.colours import GROUP_COLOURS, rgb

# Kept verbatim through every format: emoji, right-to-left Arabic, quotes, a backslash, Cypher look-alikes.
TRICKY_NAME = 'Layla "Lulu" O\'Neil 📚 ليلى \\ "}) DETACH DELETE n //'
FORMULA = '=HYPERLINK("http://evil.example","click")'


def tricky_world():
    nodes, rels = small_world()
    nodes.append(person("person-layla", TRICKY_NAME, "civil_society", title="@advocate", notes=FORMULA))
    rels.append(
        Relationship("KNOWS", "person-layla", "person-amara", {"strength": 5, "context": "-met at WSIS"})
    )
    return nodes, rels


def empty(store) -> None:
    for node in list(store.nodes()):
        store.apply(delete_stakeholder(store, node.id))


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_a_round_trip_gives_back_the_same_graph(store, tmp_path, fmt):
    store.upsert(*tricky_world())
    before = snapshot(store)
    out = tmp_path / f"graph.{fmt}"
    export_graph(store, fmt, out)
    empty(store)
    assert store.counts()["nodes"] == {}
    report = import_sources(store, [open_source(out, store)])
    assert snapshot(store) == before
    assert report.total("added") == 16 + 23
    assert store.get_node("person-layla").name == TRICKY_NAME
    assert store.get_node("person-layla").props["notes"] == FORMULA
    # Types survive: strength is a whole number again, dates are ISO text.
    knows = {r.key: r.props for r in store.relationships()}[("person-amara", "KNOWS", "person-lucas")]
    assert knows == {"strength": 4, "last_contact": "2013-10-24", "context": "met at IGF 2013 Bali"}


def gexf_colour(colour: str) -> dict:
    """A palette colour as networkx reads it from a GEXF file's viz:color."""
    r, g, b = rgb(colour)
    return {"r": r, "g": g, "b": b, "a": 1.0}


def test_the_seed_exported_to_gexf_opens_in_networkx_with_names_and_groups(world_store, tmp_path):
    out = tmp_path / "seed.gexf"
    export_graph(world_store, "gexf", out)
    G = nx.read_gexf(out)
    assert G.number_of_nodes() == 15 and G.number_of_edges() == 22
    amara = G.nodes["person-amara"]
    assert amara["label"] == "Amara Diallo"  # what Gephi shows
    assert amara["stakeholder_group"] == "library"
    assert amara["graphkit_label"] == "Person"
    assert amara["viz"]["color"] == gexf_colour(GROUP_COLOURS["library"])
    assert G.nodes["person-lucas"]["viz"]["color"] == gexf_colour(GROUP_COLOURS["government"])
    assert {d["label"] for *_, d in G.edges(data=True)} >= {"KNOWS", "WORKS_FOR", "IN_REGION"}


def test_node_link_json_opens_in_networkx_with_from_and_to(world_store, tmp_path):
    out = tmp_path / "g.json"
    export_graph(world_store, "json", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    G = nx.node_link_graph(data, edges="edges", source="from", target="to")
    assert G.edges["person-amara", "person-lucas", "KNOWS"]["strength"] == 4
    assert G.nodes["country-br"] == {"label": "Country", "name": "Brazil", "iso": "BR"}


def test_graphml_keeps_one_edge_per_relationship_type_between_two_nodes(store, tmp_path):
    nodes, rels = small_world()
    rels.append(Relationship("MEMBER_OF", "person-amara", "org-kla", {"role": "board member"}))
    store.upsert(nodes, rels)
    out = tmp_path / "g.graphml"
    export_graph(store, "graphml", out)
    G = nx.read_graphml(out, force_multigraph=True)
    between = sorted(d["type"] for d in G.get_edge_data("person-amara", "org-kla").values())
    assert between == ["MEMBER_OF", "WORKS_FOR"]


def test_csv_export_neutralises_formulas_and_import_keeps_cells_as_they_are(store, tmp_path):
    store.upsert(*tricky_world())
    export_graph(store, "csv", tmp_path / "out")
    with (tmp_path / "out" / "nodes" / "Person.csv").open(encoding="utf-8", newline="") as f:
        rows = {row["id"]: row for row in csv.DictReader(f)}
    assert rows["person-layla"]["notes"] == "'" + FORMULA
    assert rows["person-layla"]["title"] == "'@advocate"
    assert rows["person-layla"]["name"] == TRICKY_NAME
    with (tmp_path / "out" / "relationships" / "KNOWS.csv").open(encoding="utf-8", newline="") as f:
        contexts = {row["from"]: row["context"] for row in csv.DictReader(f)}
    assert contexts["person-layla"] == "'-met at WSIS"
    # Importing never strips or adds anything: a formula-looking cell is stored as written.
    folder = tmp_path / "in" / "nodes"
    folder.mkdir(parents=True)
    (folder / "Person.csv").write_text(
        f'id,name,stakeholder_group,notes\nperson-x,+44 20 7946 0000,library,"{FORMULA.replace(chr(34), 2 * chr(34))}"\n',
        encoding="utf-8",
    )
    import_sources(store, [open_source(folder / "Person.csv", store)])
    assert store.get_node("person-x").name == "+44 20 7946 0000"
    assert store.get_node("person-x").props["notes"] == FORMULA


def test_a_csv_folder_round_trip_without_formulas_is_exact(store, tmp_path):
    store.upsert(*small_world())
    before = snapshot(store)
    export_graph(store, "csv", tmp_path / "out")
    empty(store)
    import_sources(store, [open_source(tmp_path / "out", store)])
    assert snapshot(store) == before


# -- the Cypher script --------------------------------------------------------------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<str>'(?:[^'\\]|\\.)*')|(?P<num>-?\d+(?:\.\d+)?)|(?P<name>`(?:[^`]|``)*`|[A-Za-z_]\w*)|(?P<p>[\[\]{}:,]))"
)
_UNESCAPE = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def parse_cypher_literal(text: str):
    """Parse one Cypher list/map literal the way Neo4j does; fail on anything else (a test helper)."""
    tokens = []
    pos = 0
    while pos < len(text.rstrip()):
        m = _TOKEN.match(text, pos)
        assert m, f"not a Cypher literal at {text[pos : pos + 30]!r}"
        tokens.append((m.lastgroup, m.group(m.lastgroup)))
        pos = m.end()

    def value(i):
        kind, tok = tokens[i]
        if kind == "str":
            body, out, j = tok[1:-1], [], 0
            while j < len(body):
                if body[j] == "\\":
                    if body[j + 1] == "u":
                        out.append(chr(int(body[j + 2 : j + 6], 16)))
                        j += 6
                        continue
                    out.append(_UNESCAPE[body[j + 1]])
                    j += 2
                else:
                    out.append(body[j])
                    j += 1
            return "".join(out), i + 1
        if kind == "num":
            return (float(tok) if "." in tok else int(tok)), i + 1
        if kind == "name" and tok in ("null", "true", "false"):
            return {"null": None, "true": True, "false": False}[tok], i + 1
        if tok == "[":
            items, i = [], i + 1
            while tokens[i][1] != "]":
                item, i = value(i)
                items.append(item)
                if tokens[i][1] == ",":
                    i += 1
            return items, i + 1
        assert tok == "{", tok
        result, i = {}, i + 1
        while tokens[i][1] != "}":
            key = tokens[i][1].strip("`").replace("``", "`")
            assert tokens[i + 1][1] == ":"
            result[key], i = value(i + 2)
            if tokens[i][1] == ",":
                i += 1
        return result, i + 1

    parsed, end = value(0)
    assert end == len(tokens), "text after the literal"
    return parsed


def test_cypher_strings_escape_quotes_backslashes_and_line_breaks():
    assert cypher_string("O'Neil") == "'O\\'Neil'"
    assert cypher_string('a "b" \\ c\nd') == "'a \\\"b\\\" \\\\ c\\nd'"
    assert cypher_string("\x00\u2028") == "'\\u0000\\u2028'"
    assert parse_cypher_literal(cypher_string(TRICKY_NAME)) == TRICKY_NAME


def test_the_cypher_script_carries_every_node_and_relationship_as_safe_literals():
    nodes, rels = tricky_world()
    statements = list(cypher_statements(to_networkx(nodes, rels)))
    constraints = [s for s in statements if s.startswith("CREATE CONSTRAINT")]
    assert len(constraints) == 7
    assert (
        constraints[4]
        == "CREATE CONSTRAINT `person_id` IF NOT EXISTS FOR (n:`Person`) REQUIRE n.id IS UNIQUE;"
    )
    found_nodes, found_rels = {}, {}
    for s in statements[7:]:
        m = re.fullmatch(
            r"UNWIND (.*) AS row\n(MERGE \(n:`(\w+)`.*|MATCH \(a:`(\w+)`.*\n.*\[r:`(\w+)`\].*);", s, re.S
        )
        assert m, s[:200]
        rows = parse_cypher_literal(m.group(1))
        if m.group(3):
            assert (
                m.group(2) == f"MERGE (n:`{m.group(3)}` {{id: row.id}}) SET n.name = row.name, n += row.props"
            )
            found_nodes.update({r["id"]: (m.group(3), r["name"], r["props"]) for r in rows})
        else:
            found_rels.update({(r["from"], m.group(5), r["to"]): r["props"] for r in rows})
    assert found_nodes == {n.id: (n.label, n.name, n.props) for n in nodes}
    assert found_rels == {r.key: r.props for r in rels}
    assert found_nodes["person-layla"][1] == TRICKY_NAME


def test_a_cypher_export_is_a_file_of_statements(world_store, tmp_path):
    out = tmp_path / "load.cypher"
    export_graph(world_store, "cypher", out)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("// graphkit export")
    assert text.count("CREATE CONSTRAINT") == 7
    # One UNWIND per label, and one per (label, type, label): BASED_IN, MEMBER_OF and COVERS have two each.
    assert text.count(" AS row\n") == 7 + 12


def test_exported_formats_name_what_they_write(tmp_path, world_store):
    with pytest.raises(ValidationError, match="expected one of csv, contacts"):
        export_graph(world_store, "xlsx", tmp_path / "x.xlsx")


@pytest.mark.slow_on_neo4j
def test_the_seed_survives_graphml(store, tmp_path):
    from graphkit.io.csv_folder import read_nodes, read_relationships

    store.upsert(read_nodes(SEED), read_relationships(SEED))
    before = snapshot(store)
    export_graph(store, "graphml", tmp_path / "seed.graphml")
    empty(store)
    report = import_sources(store, [open_source(tmp_path / "seed.graphml", store)])
    assert snapshot(store) == before
    assert report.total("added") == len(before[0]) + len(before[1])


def test_a_new_format_is_one_registry_entry_with_its_reader_and_writer(world_store, tmp_path):
    """Pajek's .net, as a contributor would add it: networkx reads and writes it; one entry wires it in."""
    from graphkit.io import FORMATS, Format, GraphRecords, register

    def write(records, out):
        G = nx.DiGraph((u, v) for u, v in records.export().edges())
        nx.write_pajek(G, out)

    def read(path, store):
        G = nx.MultiDiGraph(nx.read_pajek(path))
        for n in G:
            G.nodes[n].update(label="Person", name=n)
        for u, v, k in list(G.edges(keys=True)):
            G.remove_edge(u, v, k)
            G.add_edge(u, v, key="KNOWS")
        return GraphRecords(G)

    register(Format("pajek", "Pajek .net (edges only)", (".net",), read, write, "graphkit.net", "text/plain"))
    try:
        export_graph(world_store, "pajek", tmp_path / "world.net")
        back = open_source(tmp_path / "world.net", world_store)
        edges = {(r.source, r.target) for r in back.relationships()}
        assert ("person-amara", "person-lucas") in edges
        assert len(edges) == world_store.export().number_of_edges()
    finally:
        FORMATS.pop("pajek")
