"""Generated titles, rendered when read: a logged meeting's stored name is its kind ("Meeting"),
which names nobody; a graph read from the store calls it "Meeting with A, B" from who took part
as it is read, so that no copy of a person's name is stored for erasure to chase."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graphkit.model.privacy import marked_private


def kind_said(kind: str) -> str:
    """The name a logged interaction of ``kind`` is stored with: ``kind_said('phone_call') == 'Phone call'``."""
    return kind.replace("_", " ").capitalize()


def title(kind: str, names: list[str]) -> str:
    """An interaction's generated title.

    >>> title("meeting", ["Amara Diallo", "Lucas Pereira"]), title("call", [])
    ('Meeting with Amara Diallo, Lucas Pereira', 'Call')
    """
    said = kind_said(kind)
    return f"{said} with {', '.join(names)}" if names else said


def titled(G: nx.MultiDiGraph, ids: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """Give ``G``'s logged interactions stored with a generated name (their kind said, as
    ``kind_said``) their title, in place: the names of the participants that are neither private
    nor linked privately, in id order. Only the interactions among ``ids`` when given. Returns ``G``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("ix", label="Interaction", name="Meeting", kind="meeting")
    >>> G.add_node("p", label="Person", name="Ana")
    >>> G.add_node("q", label="Person", name="Bo", sensitivity="private")
    >>> _ = G.add_edge("p", "ix", key="PARTICIPATED_IN"), G.add_edge("q", "ix", key="PARTICIPATED_IN")
    >>> titled(G).nodes["ix"]["name"]
    'Meeting with Ana'
    """
    for ix in G if ids is None else [i for i in ids if i in G]:
        data = G.nodes[ix]
        kind = data.get("kind")
        if data.get("label") != "Interaction" or not kind or data.get("name") != kind_said(kind):
            continue
        who = sorted(
            p
            for p, _, k, d in G.in_edges(ix, keys=True, data=True)
            if k == "PARTICIPATED_IN" and not marked_private(d) and not marked_private(G.nodes[p])
        )
        data["name"] = title(kind, [G.nodes[p].get("name") or p for p in who])
    return G
