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


#: ``G.graph[GENERATED]``: the interactions of ``G`` whose name is generated (titled when read).
GENERATED = "generated_titles"


def titled(
    G: nx.MultiDiGraph, stored: Iterable[str] | None = None, near: Iterable[str] = ()
) -> nx.MultiDiGraph:
    """Title ``G``'s logged interactions stored with a generated name (their kind said, as
    ``kind_said``), in place: the names of the participants that are neither private nor linked
    privately, in id order. Returns ``G``.

    ``stored``: the nodes whose name is as stored (all of ``G``'s when None); ``near``: nodes a change
    touched, whose interactions are titled again (a participant renamed, made private, gone).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("ix", label="Interaction", name="Meeting", kind="meeting")
    >>> G.add_node("p", label="Person", name="Ana")
    >>> G.add_node("q", label="Person", name="Bo", sensitivity="private")
    >>> _ = G.add_edge("p", "ix", key="PARTICIPATED_IN"), G.add_edge("q", "ix", key="PARTICIPATED_IN")
    >>> titled(G).nodes["ix"]["name"]
    'Meeting with Ana'
    >>> G.nodes["p"]["name"] = "Ana Lopez"
    >>> titled(G, [], near=["p"]).nodes["ix"]["name"]
    'Meeting with Ana Lopez'
    """
    generated = G.graph.setdefault(GENERATED, set())
    for ix in G if stored is None else [i for i in stored if i in G]:
        data = G.nodes[ix]
        kind = data.get("kind")
        if data.get("label") == "Interaction" and kind and data.get("name") == kind_said(kind):
            generated.add(ix)
        else:
            generated.discard(ix)
    for ix in list(generated if stored is None else nearby(G, near) | (generated & set(stored))):
        if ix not in G:
            generated.discard(ix)
            continue
        who = sorted(
            p
            for p, _, k, d in G.in_edges(ix, keys=True, data=True)
            if k == "PARTICIPATED_IN" and not marked_private(d) and not marked_private(G.nodes[p])
        )
        G.nodes[ix]["name"] = title(G.nodes[ix]["kind"], [G.nodes[p].get("name") or p for p in who])
    return G


def nearby(G: nx.MultiDiGraph, nodes: Iterable[str]) -> set[str]:
    """The interactions with a generated title among ``nodes`` or that they took part in."""
    generated = G.graph.get(GENERATED, set())
    return {m for n in nodes if n in G for m in (n, *G.successors(n)) if m in generated}
