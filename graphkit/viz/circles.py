"""Communities (circles) on the network picture: each named in words a person can read, and its
members filled with its colour, for Explore and its embedded pictures."""

from __future__ import annotations

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


def by_circle(
    view: NetworkView, G: nx.MultiDiGraph, found: list[Community], ranks: Mapping[str, float]
) -> tuple[NetworkView, list[dict]]:
    """``view`` with its people and organisations coloured by community (``found``, largest first),
    the largest few apart and the rest grey, and its legend: each circle named by its most
    influential member (by ``ranks``), group and policy area.

    >>> from graphkit.analysis.influence import communities
    >>> from graphkit.examples import small_world_graph
    >>> from graphkit.viz import network_view
    >>> G = small_world_graph()
    >>> _, legend = by_circle(network_view(G), G, communities(G), {})
    >>> all("'s circle" in row["what"] for row in legend)
    True
    """
    shown = {n["id"] for n in view.nodes if n.get("stakeholder") is not None}
    colour_of = dict.fromkeys(shown, UNKNOWN_GROUP_COLOUR)
    legend = []
    for c, colour in zip(
        (c for c in found if shown.intersection(c.members)),
        list(GROUP_COLOURS.values())[:COLOURED_CIRCLES],
        strict=False,
    ):
        colour_of.update(dict.fromkeys(shown.intersection(c.members), colour))
        leader = max(c.members, key=lambda m: (ranks.get(m, 0.0), m))
        legend.append({"what": circle_name(G, c, leader), "colour": colour, "shape": "dot", "letter": ""})
    if UNKNOWN_GROUP_COLOUR in colour_of.values():
        legend.append({"what": "other circles", "colour": UNKNOWN_GROUP_COLOUR, "shape": "dot", "letter": ""})
    return recoloured(view, colour_of), legend
