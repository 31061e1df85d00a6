"""The network picture as a Streamlit component: draws a NetworkView and returns the clicked node.

The component is static HTML (``network_component/index.html``, no JavaScript build), served by
Streamlit from that package folder with vis-network 9.1.2's script and style beside it (as pyvis
ships them; Apache-2.0 or MIT, its notice in the script), so nothing is loaded from a CDN, nothing
is written to a temporary folder, and the script is cached by the browser instead of being sent with
every rerun.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from graphkit.viz.colours import legend
from graphkit.viz.network import NetworkView

#: The folder Streamlit serves the component from: index.html and vis-network, package data.
HERE = Path(__file__).with_name("network_component")


def fingerprint(view: NetworkView) -> str:
    """A short hash of what the picture shows; the browser redraws only when it changes."""
    data = json.dumps(
        [view.nodes, view.edges, view.options, view.circles], sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(data.encode()).hexdigest()[:16]


_PLURALS = {"person": "people", "country": "countries"}


def _count(n: int, kind: str) -> str:
    return f"{n:,} {kind if n == 1 else _PLURALS.get(kind, kind + 's')}"


def describe(view: NetworkView) -> str:
    """The picture in words, its text alternative: what it shows, how many nodes of each kind, and the
    highlighted path, if any, node by node."""
    kinds: dict[str, int] = {}
    for n in view.nodes:
        kinds[n.get("kind", "node")] = kinds.get(n.get("kind", "node"), 0) + 1
    parts = ", ".join(_count(c, k) for k, c in sorted(kinds.items(), key=lambda kc: -kc[1]))
    text = f"{_count(view.shown, 'node')} shown ({parts}) and {_count(len(view.edges), 'relationship')}"
    text += f"; {view.hidden:,} more not drawn." if view.hidden else "."
    if view.path:
        names = {n["id"]: n["label"] for n in view.nodes}
        text += " The path, in red: " + " → ".join(names.get(v, v) for v in view.path) + "."
    return text


def legend_rows(view: NetworkView) -> list[dict]:
    """The legend of what ``view`` shows: its stakeholder groups (colour and letter) and kinds (shape)."""
    present = {n.get("stakeholder") for n in view.nodes} | {n.get("kind") for n in view.nodes}
    return [
        {"what": what, "colour": colour, "shape": shape, "letter": letter}
        for what, colour, shape, letter in legend()
        if what in present
    ]


def network_component(
    view: NetworkView,
    *,
    selected: str | None = None,
    viewport: str = "",
    title: str = "Network picture",
    fill: bool = False,
    opened: str = "",
    legend: list[dict] | None = None,
    key: str = "network",
) -> dict | None:
    """Draw ``view`` in the app; return the last node chosen (clicked, or opened with Enter from the
    keyboard or the list of nodes) as ``{"id": node id, "at": ms timestamp}``, or None before the first;
    after a drag, the nodes dropped and where, as ``{"moved": {id: [x, y]}, "at": ...}``.

    While ``viewport`` (e.g. the filters) stays the same, a redraw keeps the user's zoom and
    position; a new one fits the picture to the frame. ``title`` names the picture for screen
    readers; ``describe(view)`` is its text alternative, shown under it with a legend. With ``fill``
    the picture is as tall as the window below it, rather than ``view.height``; ``opened`` is said
    after the selected node's description (e.g. where its details are). ``legend`` replaces the
    legend's rows (``legend_rows``' shape) when the picture is coloured otherwise than by group.
    """
    from streamlit.components.v1 import declare_component

    draw = declare_component("graphkit_network", path=str(HERE))
    return draw(
        nodes=view.nodes,
        edges=view.edges,
        named=view.named,
        circles=view.circles,
        path=view.path,
        options=view.options,
        height=view.height,
        fill=fill,
        opened=opened,
        selected=selected,
        viewport=viewport,
        fingerprint=fingerprint(view),
        title=title,
        summary=describe(view),
        legend=legend_rows(view) if legend is None else legend,
        key=key,
        default=None,
    )
