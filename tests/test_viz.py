"""The network picture: colours, the node cap, fixed positions, a highlighted path, no CDN."""

from __future__ import annotations

import re

import pytest
from conftest import person, small_world

from graphkit.model import RELATIONSHIP_TYPES, STAKEHOLDER_GROUPS, Relationship
from graphkit.store.base import to_networkx
from graphkit.viz import network_view, path_layout
from graphkit.viz.colours import EDGE_COLOURS, GROUP_COLOURS, LABEL_LOOKS, PATH_COLOUR, faded, legend
from graphkit.viz.component import HERE, describe, legend_rows
from graphkit.viz.network import LABEL_SIZES, STAKEHOLDER_SIZES


def world():
    return to_networkx(*small_world())


def by_id(view):
    return {n["id"]: n for n in view.nodes}


def test_the_palette_covers_every_stakeholder_group_label_and_relationship_type():
    assert set(GROUP_COLOURS) == set(STAKEHOLDER_GROUPS)
    assert set(EDGE_COLOURS) == set(RELATIONSHIP_TYPES)
    assert len(set(GROUP_COLOURS.values())) == len(GROUP_COLOURS)
    assert [what for what, *_ in legend()][:7] == [g.replace("_", " ") for g in STAKEHOLDER_GROUPS]
    assert faded("#000000", 0.5) == "rgba(0,0,0,0.5)"


def test_people_and_organisations_take_their_group_colour_the_rest_a_neutral_shape():
    nodes = by_id(network_view(world()))
    assert nodes["person-amara"]["color"]["background"] == GROUP_COLOURS["library"]
    assert nodes["person-lucas"]["color"]["background"] == GROUP_COLOURS["government"]
    assert nodes["org-minicom-br"]["color"]["background"] == GROUP_COLOURS["government"]
    assert nodes["org-minicom-br"]["shape"] == "hexagon"
    assert nodes["country-ke"]["shape"] == "square"
    assert nodes["country-ke"]["color"]["background"] == LABEL_LOOKS["Country"].colour
    assert nodes["pa-access"]["shape"] == "diamond"


def test_the_group_is_also_a_letter_and_words_not_only_a_colour():
    nodes = by_id(network_view(world()))
    assert (nodes["person-amara"]["badge"], nodes["person-amara"]["stakeholder"]) == ("L", "library")
    assert (nodes["org-minicom-br"]["badge"], nodes["org-minicom-br"]["kind"]) == ("G", "organisation")
    assert nodes["person-zoe"]["stakeholder"] == "civil society"
    assert "badge" not in nodes["pa-access"] and nodes["pa-access"]["kind"] == "policy area"
    # The letter is black or white, whichever reads better on the fill.
    assert nodes["person-amara"]["badgeColour"] == "#ffffff"
    assert nodes["person-zoe"]["badgeColour"] == "#000000"


def test_the_picture_is_described_in_words_with_its_path_and_a_legend_of_what_it_shows():
    G = world()
    view = network_view(G, highlight_path=["person-amara", "person-lucas", "person-ines"])
    text = describe(view)
    assert text.startswith(
        "15 nodes shown (4 people, 3 countries, 2 policy areas, 2 organisations, 2 regions,"
    )
    assert f"and {G.number_of_edges()} relationships." in text
    assert text.endswith("The path, in red: Amara Diallo → Lucas Pereira → Inés Álvarez.")
    part = network_view(G.subgraph(["person-amara", "person-lucas", "country-ke"]))
    assert describe(part) == "3 nodes shown (2 people, 1 country) and 2 relationships."
    assert [(r["what"], r["letter"]) for r in legend_rows(part)] == [
        ("government", "G"),
        ("library", "L"),
        ("person", ""),
        ("country", ""),
    ]


def test_hover_text_says_who_someone_is_in_plain_text():
    nodes = by_id(network_view(world()))
    assert nodes["person-amara"]["title"] == (
        "Amara Diallo\nProgramme manager\nKenya Library Association\nKenya\nstakeholder group: library"
    )
    assert nodes["event-igf-2013"]["title"] == "IGF 2013 Bali\ndate: 2013-10-22\nkind: igf"
    # Drawn alone, Amara is still described from the whole graph.
    G = world()
    alone = by_id(network_view(G.subgraph(["person-amara"]), about=G))
    assert alone["person-amara"]["title"] == nodes["person-amara"]["title"]


def test_the_cap_keeps_the_selected_node_its_neighbours_and_the_path_then_the_best_connected():
    G = world()
    path = ["person-amara", "person-lucas"]
    # Inès's neighbours: Argentina, Lucas, and the theme she engages on.
    view = network_view(G, selected="person-ines", highlight_path=path, max_nodes=5)
    assert set(by_id(view)) == {"person-ines", "person-amara", "person-lucas", "country-ar", "pa-cir"}
    assert (view.shown, view.hidden) == (5, 10)
    # Two more places go to the best connected: Access and Diversity (5 ties), then the first
    # by id of those with 3 (Brazil).
    view = network_view(G, selected="person-ines", highlight_path=path, max_nodes=7)
    assert set(by_id(view)) - {"person-ines", "person-amara", "person-lucas", "country-ar", "pa-cir"} == {
        "pa-access",
        "country-br",
    }
    assert view.hidden == 8
    assert all(e["from"] in by_id(view) and e["to"] in by_id(view) for e in view.edges)


def test_influence_ranks_and_sizes_stakeholders():
    sizes = {"person-zoe": 0.5, "person-amara": 0.125, "person-lucas": 0.1}
    # Zoë has no ties at all, so only her influence can put her first.
    assert [n["id"] for n in network_view(world(), sizes=sizes, max_nodes=1).nodes] == ["person-zoe"]
    nodes = by_id(network_view(world(), sizes=sizes))
    low, high = STAKEHOLDER_SIZES
    assert nodes["person-zoe"]["size"] == high
    assert nodes["person-amara"]["size"] == round(low + (high - low) * 0.5, 1)  # sqrt(0.125 / 0.5)
    assert nodes["person-ines"]["size"] == low  # no influence figure
    assert nodes["country-ke"]["size"] == LABEL_SIZES["Country"]


def test_positions_are_the_same_on_every_call_and_do_not_move_when_a_node_is_selected():
    G = world()
    first = {n["id"]: (n["x"], n["y"]) for n in network_view(G).nodes}
    again = {n["id"]: (n["x"], n["y"]) for n in network_view(G).nodes}
    selected = {n["id"]: (n["x"], n["y"]) for n in network_view(G, selected="person-lucas").nodes}
    assert first == again == selected
    assert len(set(first.values())) == len(first)  # nobody sits on anybody else


def test_a_highlighted_path_is_bold_and_bright_and_the_rest_faded():
    view = network_view(world(), highlight_path=["person-amara", "person-lucas", "person-ines"])
    on_path = [e for e in view.edges if e.get("color") == PATH_COLOUR]
    assert sorted((e["from"], e["to"]) for e in on_path) == [
        ("person-amara", "person-lucas"),
        ("person-lucas", "person-ines"),
    ]
    assert all(e["width"] == 5 and e["label"] == "knows" for e in on_path)
    assert view.edges[-1] in on_path  # drawn last, on top
    assert all(e.get("width", 1) == 1 for e in view.edges if e not in on_path)
    nodes = by_id(view)
    assert nodes["person-lucas"]["color"]["border"] == PATH_COLOUR
    assert nodes["person-lucas"]["color"]["background"] == GROUP_COLOURS["government"]
    assert nodes["org-kla"]["color"]["background"] == faded(GROUP_COLOURS["library"], 0.6)
    assert nodes["org-kla"]["color"]["border"] == GROUP_COLOURS["library"]  # the outline keeps its contrast


def test_the_html_loads_nothing_from_the_network_and_escapes_names():
    nodes, rels = small_world()
    nodes.append(person("person-x", "<b>Bold</b></script><script>alert(1)</script>", "civil_society"))
    rels.append(Relationship("KNOWS", "person-x", "person-amara", {"strength": 3}))
    html = network_view(to_networkx(nodes, rels)).html()
    assert "new vis.Network" in html
    assert not re.findall(r"<(?:script|link)\b[^>]*(?:src|href)=[\"']?(?:https?:)?//", html, re.IGNORECASE)
    assert "<script>alert(1)" not in html and "<b>Bold" not in html
    assert "Amara Diallo" in html
    assert len(html) < 1_000_000


def test_the_component_is_served_from_its_package_folder_with_vis_network_beside_it_and_nothing_remote():
    folder = HERE
    assert sorted(p.name for p in folder.iterdir()) == [
        "index.html",
        "vis-network.min.css",
        "vis-network.min.js",
    ]
    page = (folder / "index.html").read_text()
    assert re.findall(r"<(?:script|link)\b[^>]*(?:src|href)=\"([^\"]*)\"", page) == [
        "vis-network.min.css",
        "vis-network.min.js",
    ]
    assert "streamlit:componentReady" in page and "streamlit:setComponentValue" in page
    assert "@version 9.1.2" in (folder / "vis-network.min.js").read_text()[:400]


def test_a_path_is_laid_left_to_right_on_one_line_with_the_others_off_it():
    G = to_networkx(*small_world())
    path = ["person-amara", "person-lucas", "person-ines"]
    pos = path_layout(G, path)
    assert set(pos) == set(G)
    xs = [pos[v][0] for v in path]
    assert xs == sorted(xs) and len(set(xs)) == 3
    assert {pos[v][1] for v in path} == {0.0}
    assert all(abs(pos[v][1]) >= 0.3 * 250 for v in G if v not in path)
    assert path_layout(G, path) == pos  # seeded: the same picture every time


def test_the_most_relevant_and_the_coalition_are_named_and_relationships_say_what_they_are_on_hover():
    """A crowded picture once named only the minor nodes at its edge, where there was room."""
    from graphkit.viz.network import NAMED_MOST_RELEVANT

    G = world()
    for i in range(30):  # thirty more people, each tied once to Amara: she is the best connected
        G.add_node(f"person-{i}", label="Person", name=f"Person {i}", stakeholder_group="library")
        G.add_edge(f"person-{i}", "person-amara", key="KNOWS", strength=3)
    view = network_view(G)
    assert view.named[:2] == ["init-dc-pal", "person-amara"]  # the coalition, then the most relevant
    assert "init-dc-pal" in view.named  # the coalition's own node, however little connected
    assert len(view.named) <= NAMED_MOST_RELEVANT + 1
    assert not any("label" in e for e in view.edges)  # words on hover (``title``), not over names
    assert all(e["title"] for e in view.edges)


def test_around_a_selected_node_the_rest_is_faded():
    view = network_view(world(), selected="person-lucas")
    nodes = by_id(view)
    assert nodes["person-ines"]["color"]["background"] == GROUP_COLOURS["technical_community"]  # a neighbour
    assert nodes["person-zoe"]["color"]["background"] == faded(GROUP_COLOURS["civil_society"], 0.6)
    edges = {(e["from"], e["to"]): e for e in view.edges}
    assert edges["person-lucas", "person-ines"]["color"] == EDGE_COLOURS["KNOWS"]
    assert edges["org-kla", "init-dc-pal"]["color"] == faded(EDGE_COLOURS["MEMBER_OF"], 0.8)


def test_degrees_come_from_the_rows_read_while_they_hold_the_graphs_shape_then_from_what_changed(
    tmp_path, monkeypatch
):
    """Explore's first view ranks 1.85M nodes at 10M relationships by degree: 14 s over the graph's
    dicts, a count in numpy over the rows the graph was read from."""
    from graphkit.graph import analysed, columns
    from graphkit.graph.feed import apply_changes
    from graphkit.io.csv_folder import read_nodes, read_relationships
    from graphkit.io.synthetic import generate
    from graphkit.store import open_store
    from graphkit.viz import network

    generate(tmp_path / "gen", 800, seed=5)
    with open_store(f"sqlite:///{tmp_path / 'g.db'}") as store:
        store.upsert(list(read_nodes(tmp_path / "gen")), list(read_relationships(tmp_path / "gen")))
        G = analysed(store.export())
        assert columns.degrees(G) is not None
        assert network.degrees(G) == dict(G.degree())
        position = store.feed_position()
        a, b = [n for n, label in G.nodes(data="label") if label == "Person"][:2]
        store.upsert([person("person-new", "New")], [Relationship("KNOWS", a, b, {"strength": 5})])
        apply_changes(G, store.changes_since(position).changes)
        assert columns.degrees(G) is None  # the rows no longer hold its shape
        # ... and only the nodes the changes touched are counted again (a whole count took 14 s at 10M)
        with monkeypatch.context() as m:
            m.setattr(network, "_count_degrees", lambda G: pytest.fail("counted every node again"))
            assert network.degrees(G) == dict(G.degree())
            top = max(dict(G.degree()).values())
            assert network._degree_scores(G) == {n: d / top for n, d in G.degree()}


def test_the_most_relevant_are_chosen_once_per_shape_of_the_network(monkeypatch):
    """A page draws the same view on every rerun: choosing among 1.85M nodes took 0.45 s of each."""
    from graphkit.viz import network

    G = to_networkx(*small_world())
    sizes = {n: 1.0 / (i + 1) for i, n in enumerate(sorted(G))}
    first = network.most_relevant(G, 5, sizes, keep=["person-zoe"])
    assert first[0] == "person-zoe" and len(first) == 5

    def chosen_again(*_):
        raise AssertionError("chosen again")

    monkeypatch.setattr(network, "_most_relevant", chosen_again)
    assert network.most_relevant(G, 5, sizes, keep=["person-zoe"]) == first
    monkeypatch.undo()
    assert network.most_relevant(G, 5, sizes) != first  # another choice: worked out
    G.add_edge("person-zoe", "person-ines", key="KNOWS", type="KNOWS", strength=5)
    G.graph["reshaped"] = 1  # as the feed counts a change of shape
    assert network.most_relevant(G, 5, {**sizes, "person-ines": 2.0})[0] == "person-ines"
