"""Communities (circles) on the network picture: each named in words a person can read, and its
members filled with its colour, for Explore and its embedded pictures."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import networkx as nx

from graphkit.analysis.influence import Community
from graphkit.graph.describe import name, short_name
from graphkit.viz.colours import GROUP_COLOURS, UNKNOWN_GROUP_COLOUR
from graphkit.viz.network import NetworkView, recoloured

#: Circles coloured apart on the picture, largest first; the others share one grey.
COLOURED_CIRCLES = 7


def circle_name(G: nx.MultiDiGraph, c: Community, leader: str) -> str:
    """A community in words, by its most influential member (acronym if any), largest group and main policy area:
    "Amani Kariuki's circle: government, on Access and Diversity"."""
    group = next((g.replace("_", " ") for g, _ in c.stakeholder_groups if g), "")
    area = f", on {name(G, c.policy_areas[0][0])}" if c.policy_areas else ""
    return f"{short_name(G, leader)}'s circle" + (f": {group}{area}" if group else area)


def membership(found: list[Community]) -> dict[str, int]:
    """Each member's circle, by its place in ``found``: what ``network_view(together=...)`` takes."""
    return {m: i for i, c in enumerate(found) for m in c.members}


def by_circle(
    view: NetworkView, G: nx.MultiDiGraph, found: list[Community], ranks: Mapping[str, float]
) -> tuple[NetworkView, list[dict]]:
    """``view`` with its people and organisations coloured by community (``found``, largest first),
    the largest few apart and the rest grey, those few outlined and named on the picture after their
    most influential member (by ``ranks``), and its legend: each named by that member, its group and
    its policy area.

    >>> from graphkit.analysis.influence import communities
    >>> from graphkit.examples import small_world_graph
    >>> from graphkit.viz import network_view
    >>> G = small_world_graph()
    >>> view, legend = by_circle(network_view(G), G, communities(G), {})
    >>> legend[1]["what"], view.circles[1]["members"]
    ("Amara Diallo's circle: library, on Access and Diversity", ['org-kla', 'person-amara'])
    """
    shown = {n["id"] for n in view.nodes if n.get("stakeholder") is not None}
    colour_of = dict.fromkeys(shown, UNKNOWN_GROUP_COLOUR)
    legend, outlined = [], []
    for c, colour in zip(
        (c for c in found if shown.intersection(c.members)),
        list(GROUP_COLOURS.values())[:COLOURED_CIRCLES],
        strict=False,
    ):
        members = shown.intersection(c.members)
        colour_of.update(dict.fromkeys(members, colour))
        leader = max(c.members, key=lambda m: (ranks.get(m, 0.0), m))
        legend.append({"what": circle_name(G, c, leader), "colour": colour, "shape": "dot", "letter": ""})
        outlined.append(
            {"name": f"{short_name(G, leader)}'s circle", "colour": colour, "members": sorted(members)}
        )
    if UNKNOWN_GROUP_COLOUR in colour_of.values():
        legend.append({"what": "other circles", "colour": UNKNOWN_GROUP_COLOUR, "shape": "dot", "letter": ""})
    return dataclasses.replace(recoloured(view, colour_of), circles=outlined), legend


def by_field(
    view: NetworkView, G: nx.MultiDiGraph, field: str, values: list[str]
) -> tuple[NetworkView, list[dict]]:
    """``view`` with each record filled by the colour of its value of the declared field ``field``
    (the first of ``values`` it holds; grey: none), and its legend."""
    from graphkit.graph.filters import value_texts

    palette = dict(zip(values, list(GROUP_COLOURS.values()), strict=False))
    colour_of = {}
    for record in view.nodes:
        held = value_texts(G.nodes[record["id"]].get(field)) if record["id"] in G else set()
        colour_of[record["id"]] = next(
            (palette[v] for v in values if v in held and v in palette), UNKNOWN_GROUP_COLOUR
        )
    legend = [
        {"what": value, "colour": colour, "shape": "dot", "letter": ""} for value, colour in palette.items()
    ]
    legend.append(
        {
            "what": f"no {field.replace('_', ' ')}",
            "colour": UNKNOWN_GROUP_COLOUR,
            "shape": "dot",
            "letter": "",
        }
    )
    return recoloured(view, colour_of), legend
