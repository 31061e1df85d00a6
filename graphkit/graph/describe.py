"""Plain facts about one node of the stakeholder graph, in the words an advocate would use."""

from __future__ import annotations

import networkx as nx

from graphkit.errors import GraphkitError
from graphkit.model import STAKEHOLDER_LABELS


def related(G: nx.MultiDiGraph, node: str, rel_type: str) -> list[str]:
    """Ids that ``node`` points at with ``rel_type``, e.g. ``related(G, p, "WORKS_FOR")``."""
    return [t for _, t, k in G.out_edges(node, keys=True) if k == rel_type]


def related_from(G: nx.MultiDiGraph, node: str, rel_type: str) -> list[str]:
    """Ids that point at ``node`` with ``rel_type``, e.g. the members of a coalition."""
    return [s for s, _, k in G.in_edges(node, keys=True) if k == rel_type]


def name(G: nx.MultiDiGraph, node: str) -> str:
    """A node's name, or its id when it has none."""
    return G.nodes[node].get("name") or node


def short_name(G: nx.MultiDiGraph, node: str) -> str:
    """An organisation's acronym when it has one, else its name."""
    return G.nodes[node].get("acronym") or name(G, node)


def country_of(G: nx.MultiDiGraph, node: str) -> str | None:
    """The id of the country a stakeholder is based in, if any."""
    return next(iter(related(G, node, "BASED_IN")), None)


def current_employers(G: nx.MultiDiGraph, person: str) -> list[str]:
    """The organisations a person works for now (WORKS_FOR ties with no ``until`` date), main one
    first: the one whose role is their title, else the longest held; the same order however the
    graph was read.

    >>> from graphkit.examples import small_world_graph
    >>> current_employers(small_world_graph(), "person-amara")
    ['org-kla']
    """
    title = G.nodes[person].get("title")
    jobs = [
        (d.get("role") != title or not title, str(d.get("since") or "9999"), o)
        for _, o, k, d in G.out_edges(person, keys=True, data=True)
        if k == "WORKS_FOR" and not d.get("until")
    ]
    return [o for *_, o in sorted(jobs)]


def name_and_place(G: nx.MultiDiGraph, node: str) -> str:
    """A person or organisation with where they sit: "Lucas Pereira (Ministry of Communications, Brazil)".

    A node no longer in the graph (deleted while a page showed it) is its id, said so."""
    if node not in G:
        return f"{node} (deleted)"
    data = G.nodes[node]
    label = data.get("label")
    if label not in STAKEHOLDER_LABELS:
        return name(G, node)
    where = [short_name(G, o) for o in current_employers(G, node)[:1]] if label == "Person" else []
    country = country_of(G, node)
    if country and not any(name(G, country) in text for text in (name(G, node), *where)):
        where.append(name(G, country))
    return f"{name(G, node)} ({', '.join(where)})" if where else name(G, node)


def find_node(G: nx.MultiDiGraph, text: str, labels: tuple[str, ...] = ()) -> str:
    """The id of the node that ``text`` names: an id, a name or an acronym (any case), or a unique
    part of a name or id. Raises GraphkitError naming the candidates when it is ambiguous or unknown."""
    if text in G and (not labels or G.nodes[text].get("label") in labels):
        return text
    fold = text.casefold().strip()
    pool = [(n, d) for n, d in G.nodes(data=True) if not labels or d.get("label") in labels]
    for match in (
        lambda d: str(d.get("name", "")).casefold() == fold or str(d.get("acronym", "")).casefold() == fold,
        lambda d: fold in str(d.get("name", "")).casefold(),
        lambda d: fold in d["id"].casefold(),
    ):
        hits = [n for n, d in pool if match({**d, "id": n})]
        if len(hits) == 1:
            return hits[0]
        if hits:
            shown = ", ".join(f"{name(G, n)} [{n}]" for n in sorted(hits)[:8])
            more = f" and {len(hits) - 8} more" if len(hits) > 8 else ""
            raise GraphkitError(f"{text!r} could mean {shown}{more}; give an id")
    kinds = " or ".join(labels) if labels else "node"
    raise GraphkitError(f"no {kinds} called {text!r}; search with part of a name, or give an id")


#: How a relationship reads from each end: (from its source, from its target).
RELATIONSHIP_WORDS: dict[str, tuple[str, str]] = {
    "WORKS_FOR": ("works for", "staff"),
    "KNOWS": ("knows", "known by"),
    "MEMBER_OF": ("member of", "members"),
    "PARTNERS_WITH": ("partners with", "partnered by"),
    "ENGAGES_ON": ("engages on", "stakeholders engaged"),
    "ATTENDS": ("attended", "attended by"),
    "COVERS": ("covers", "covered by"),
    "BASED_IN": ("based in", "based here"),
    "IN_REGION": ("in region", "countries"),
    "FUNDS": ("funds", "funded by"),
    "RELATES_TO": ("relates to", "related from"),
    "PARTICIPATED_IN": ("took part in", "participants"),
    "DISCUSSED": ("discussed", "discussed in"),
    "HELD_AT": ("held at", "interactions held here"),
    "LAUNCHED_AT": ("launched at", "initiatives launched here"),
}
_DETAILS = (
    "role",
    "strength",
    "stance",
    "influence",
    "interest",
    "last_contact",
    "context",
    "since",
    "until",
)


def relationships(G: nx.MultiDiGraph, node: str) -> dict[str, list[tuple[str, str]]]:
    """A node's relationships in words, grouped by how they read from this node ("works for",
    "known by", ...), each a list of ``(other node id, details)`` sorted by the other's name.

    Example: ``{"works for": [("org-kla", "role: Programme manager")], "knows": [...]}``.
    """
    grouped: dict[str, list[tuple[str, str]]] = {}
    ends = [(t, k, d, 0) for _, t, k, d in G.out_edges(node, keys=True, data=True)]
    ends += [(s, k, d, 1) for s, _, k, d in G.in_edges(node, keys=True, data=True)]
    for other, k, d, side in ends:
        words = RELATIONSHIP_WORDS.get(k, (k.lower(), f"{k.lower()} (from)"))[side]
        details = ", ".join(f"{f.replace('_', ' ')}: {d[f]}" for f in _DETAILS if d.get(f) is not None)
        grouped.setdefault(words, []).append((other, details))
    return {w: sorted(pairs, key=lambda p: (name(G, p[0]).casefold(), p[0])) for w, pairs in grouped.items()}
