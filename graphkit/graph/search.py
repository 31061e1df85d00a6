"""Finding nodes by what a person types: exact and prefix matches first, case and accents ignored.

``rank`` is the one ranking rule (a pure function of the text and the candidates' names); ``find``
applies it to a graph's nodes by name and acronym.
"""

from __future__ import annotations

import unicodedata
import weakref
from collections.abc import Iterable

import networkx as nx

from graphkit.graph.feed import changed

#: Letters that carry no accent to drop but are typed as plain Latin letters.
_PLAIN = str.maketrans(
    {
        **{"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "\u0131": "i"},
        **{"Ø": "O", "Ł": "L", "Đ": "D", "Ð": "D", "Þ": "Th", "Æ": "AE", "Œ": "OE"},
    }
)
#: How a name matches: exactly, at its start, at the start of one of its words, inside it, or each
#: typed word at the start of one of its words ("abbasova gun").
EXACT, PREFIX, WORD_PREFIX, CONTAINS, ALL_WORDS = range(5)

_INDEX: weakref.WeakKeyDictionary[nx.MultiDiGraph, tuple[int, list[tuple[str, tuple[str, ...]]]]] = (
    weakref.WeakKeyDictionary()
)


def unaccented(text: str) -> str:
    """``text`` in plain Latin letters, case kept: "Łódź Müller" -> "Lodz Muller"."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return plain.translate(_PLAIN)


def fold(text: str) -> str:
    """``text`` as it is compared: case and accents dropped, spaces collapsed ("Zoë  MÜLLER" -> "zoe muller")."""
    return " ".join(unaccented(text).casefold().split())


def match(query: str, names: Iterable[str]) -> int | None:
    """How well the folded ``query`` matches the best of the folded ``names`` (EXACT best), or None."""
    words = query.split()
    best = None
    for text in names:
        parts = text.split()
        if text == query:
            found = EXACT
        elif text.startswith(query):
            found = PREFIX
        elif any(p.startswith(query) for p in parts):
            found = WORD_PREFIX
        elif query in text:
            found = CONTAINS
        elif len(words) > 1 and all(any(p.startswith(w) for p in parts) for w in words):
            found = ALL_WORDS
        else:
            continue
        best = found if best is None else min(best, found)
    return best


def rank(query: str, candidates: Iterable[tuple[str, Iterable[str]]], limit: int | None = None) -> list[str]:
    """The ids of the ``candidates`` (id, names) whose names match ``query``, best first: exact, then
    prefix, then a word's prefix, then anywhere; ties by the first name, then id. Case and accents
    are ignored; an empty query matches nothing.

    >>> rank("gunel", [("a", ["IGF Secretariat"]), ("b", ["Günel Abbasova"]), ("c", ["Gunel"])])
    ['c', 'b']
    """
    q = fold(query)
    if not q:
        return []
    found = []
    for key, names in candidates:
        folded = [fold(n) for n in names if n]
        how = match(q, folded)
        if how is not None:
            found.append((how, folded[0], key))
    found.sort()
    return [key for *_, key in found[:limit]]


def find(G: nx.MultiDiGraph, query: str, labels: Iterable[str] = (), limit: int | None = 20) -> list[str]:
    """Ids of the nodes of ``G`` (those with one of ``labels``; all when empty) whose name or acronym
    matches ``query``, ranked by ``rank``."""
    labels = set(labels)
    q = fold(query)
    if not q:
        return []
    found = []
    for node, names in _folded(G):
        if labels and G.nodes[node].get("label") not in labels:
            continue
        how = match(q, names)
        if how is not None:
            found.append((how, names[0], node))
    found.sort()
    return [node for *_, node in found[:limit]]


def _folded(G: nx.MultiDiGraph) -> list[tuple[str, tuple[str, ...]]]:
    """Each node's folded name and acronym, remembered per graph and change from the feed."""
    version, index = _INDEX.get(G, (-1, []))
    if version != changed(G) or len(index) != G.number_of_nodes():
        index = [
            (n, tuple(fold(t) for t in (d.get("name") or n, d.get("acronym")) if t))
            for n, d in G.nodes(data=True)
        ]
        _INDEX[G] = (changed(G), index)
    return index
