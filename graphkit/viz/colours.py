"""The one palette: colours by stakeholder group, neutral shapes for places, themes and events.

The network view, its legend and the GEXF export all read these. Every node colour has at least 3:1
contrast with the app's light and dark backgrounds (WCAG 1.4.11), and the group colours stay apart
under simulated deuteranopia, protanopia and tritanopia (tests/test_palette.py says by how much); a
letter on each node (GROUP_LETTERS) tells the group without colour at all.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Colours by stakeholder group (every one of STAKEHOLDER_GROUPS); libraries, the group graphkit serves, get the loudest one.
GROUP_COLOURS: dict[str, str] = {
    "government": "#2670c2",
    "private_sector": "#c48207",
    "civil_society": "#2ea25e",
    "technical_community": "#a481c2",
    "intergovernmental": "#cc3729",
    "academia": "#836857",
    "library": "#ba378e",
}
#: A person or organisation without a (known) stakeholder group.
UNKNOWN_GROUP_COLOUR = "#808080"
#: The letter drawn on a node of each stakeholder group ("?" when unknown), and shown in the legend.
GROUP_LETTERS: dict[str, str] = {
    "government": "G",
    "private_sector": "P",
    "civil_society": "C",
    "technical_community": "T",
    "intergovernmental": "I",
    "academia": "A",
    "library": "L",
}
UNKNOWN_GROUP_LETTER = "?"
#: The app's backgrounds (Streamlit's light and dark themes): every node colour is readable on both.
BACKGROUNDS = {"light": "#ffffff", "dark": "#171614"}


@dataclass(frozen=True)
class Look:
    """How nodes of one label are drawn: a vis-network shape and, when not by group, a colour."""

    shape: str
    colour: str | None = None  # None: by stakeholder group


#: Shapes by label. People and organisations take their group's colour; the rest are neutral.
LABEL_LOOKS: dict[str, Look] = {
    "Person": Look("dot"),
    "Organization": Look("hexagon"),
    "Initiative": Look("star", "#66707c"),
    "PolicyArea": Look("diamond", "#9a8438"),
    "Event": Look("triangle", "#3f8ab0"),
    "Country": Look("square", "#7f8a96"),
    "Region": Look("square", "#6e7885"),
    "Interaction": Look("triangleDown", "#9b7db5"),
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
    "LAUNCHED_AT": "#a893bf",
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
    """The colour made ``amount`` transparent (0: unchanged, 1: invisible), for dimmed nodes: it fades
    into whichever background the picture has, light or dark."""
    r, g, b = rgb(colour)
    return f"rgba({r},{g},{b},{round(1 - amount, 2)})"


def group_letter(group: str | None) -> str:
    """The letter drawn on a node of this stakeholder group."""
    return GROUP_LETTERS.get(group or "", UNKNOWN_GROUP_LETTER)


def relative_luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of an sRGB colour such as ``"#2670c2"``."""
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (v / 255 for v in rgb(colour))
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2.1's contrast ratio of two colours, from 1 to 21."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def ink_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (for the letter drawn on a node)."""
    return "#000000" if contrast("#000000", colour) >= contrast("#ffffff", colour) else "#ffffff"


#: How each label is called in a legend or a list.
KIND_NAMES = {
    "Person": "person",
    "Organization": "organisation",
    "PolicyArea": "policy area",
    "Initiative": "initiative",
}


def kind_name(label: str | None) -> str:
    """``"PolicyArea"`` -> ``"policy area"``: what a node of this label is, in words."""
    return KIND_NAMES.get(label or "", (label or "node").lower())


def legend() -> list[tuple[str, str, str, str]]:
    """``(what, colour, shape, letter)`` rows for a legend: the stakeholder groups with their letters,
    then a shape per label (letter empty)."""
    rows = [(g.replace("_", " "), c, "dot", GROUP_LETTERS[g]) for g, c in GROUP_COLOURS.items()]
    rows.append(("unknown group", UNKNOWN_GROUP_COLOUR, "dot", UNKNOWN_GROUP_LETTER))
    rows += [
        (kind_name(label), look.colour or UNKNOWN_GROUP_COLOUR, look.shape, "")
        for label, look in LABEL_LOOKS.items()
    ]
    return rows
