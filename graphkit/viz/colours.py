"""The one palette: colours by stakeholder group, neutral shapes for places, themes and events.

The network view, its legend and the GEXF export all read these.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Colours by stakeholder group (every one of STAKEHOLDER_GROUPS); libraries, the group graphkit serves, get the loudest one.
GROUP_COLOURS: dict[str, str] = {
    "government": "#3a6fb0",
    "private_sector": "#e69f00",
    "civil_society": "#2e9e5b",
    "technical_community": "#8e6bbf",
    "intergovernmental": "#c8453b",
    "academia": "#8c6d4f",
    "library": "#d6338a",
}
#: A person or organisation without a (known) stakeholder group.
UNKNOWN_GROUP_COLOUR = "#9e9e9e"


@dataclass(frozen=True)
class Look:
    """How nodes of one label are drawn: a vis-network shape and, when not by group, a colour."""

    shape: str
    colour: str | None = None  # None: by stakeholder group


#: Shapes by label. People and organisations take their group's colour; the rest are neutral.
LABEL_LOOKS: dict[str, Look] = {
    "Person": Look("dot"),
    "Organization": Look("hexagon"),
    "Initiative": Look("star", "#4f5b66"),
    "PolicyArea": Look("diamond", "#b9a76b"),
    "Event": Look("triangle", "#8fb3cc"),
    "Country": Look("square", "#aab3bd"),
    "Region": Look("square", "#7d8794"),
    "Interaction": Look("dot", "#c9b3d9"),
}

#: Quiet edge colours by relationship type (every one of RELATIONSHIP_TYPES): enough to tell ties apart, not enough to shout.
EDGE_COLOURS: dict[str, str] = {
    "KNOWS": "#8a9bb0",
    "WORKS_FOR": "#b59f86",
    "MEMBER_OF": "#a893bf",
    "PARTNERS_WITH": "#c2a0a0",
    "ENGAGES_ON": "#c8bf94",
    "ATTENDS": "#9fbfd0",
    "COVERS": "#d3ceb4",
    "BASED_IN": "#d5d9de",
    "IN_REGION": "#d5d9de",
    "FUNDS": "#9cc0a4",
    "RELATES_TO": "#d3ceb4",
    "PARTICIPATED_IN": "#c9b3d9",
    "DISCUSSED": "#d3ceb4",
    "HELD_AT": "#9fbfd0",
}

#: A highlighted path: its edges and node borders.
PATH_COLOUR = "#e4002b"
#: The selected node's border.
SELECTED_BORDER = "#111111"


def node_colour(label: str | None, group: str | None) -> str:
    """The fill colour of a node with this label and stakeholder group."""
    look = LABEL_LOOKS.get(label or "")
    if look and look.colour:
        return look.colour
    return GROUP_COLOURS.get(group or "", UNKNOWN_GROUP_COLOUR)


def node_shape(label: str | None) -> str:
    """The vis-network shape of a node with this label."""
    look = LABEL_LOOKS.get(label or "")
    return look.shape if look else "dot"


def rgb(colour: str) -> tuple[int, int, int]:
    """``"#3a6fb0"`` -> ``(58, 111, 176)``."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def faded(colour: str, amount: float = 0.75) -> str:
    """The colour blended towards white by ``amount`` (0: unchanged, 1: white), for dimmed nodes."""
    r, g, b = (round(c + (255 - c) * amount) for c in rgb(colour))
    return f"#{r:02x}{g:02x}{b:02x}"


def legend() -> list[tuple[str, str, str]]:
    """``(what, colour, shape)`` rows for a legend: the stakeholder groups, then a shape per label."""
    rows = [(g.replace("_", " "), c, "dot") for g, c in GROUP_COLOURS.items()]
    names = {
        "Person": "person",
        "Organization": "organisation",
        "PolicyArea": "policy area",
        "Initiative": "initiative, coalition",
    }
    rows += [
        (names.get(label, label.lower()), look.colour or UNKNOWN_GROUP_COLOUR, look.shape)
        for label, look in LABEL_LOOKS.items()
    ]
    return rows
