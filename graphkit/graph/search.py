"""Finding nodes by what a person types: exact and prefix matches first, case and accents ignored.

``rank`` is the one ranking rule (a pure function of the text and the candidates' names); ``find``
applies it to a graph's nodes by name and acronym.
"""

from __future__ import annotations

import unicodedata
import weakref
from collections.abc import Iterable

import networkx as nx

from graphkit.graph.describe import current_employers, related
from graphkit.graph.feed import changed
from graphkit.model import STAKEHOLDER_LABELS

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


#: Words that say nothing about whom one looks for ("the minister of ICT in Kenya").
_FILLER = frozenset(
    ["a", "an", "and", "at", "de", "des", "du", "for", "in", "la", "le", "of", "on", "the", "to"]
)
#: How people name a stakeholder group when they look for someone in it.
_GROUP_WORDS = {
    "government": "government official officials public sector",
    "intergovernmental": "intergovernmental official officials un united nations",
    "private_sector": "private sector business company industry",
    "civil_society": "civil society ngo",
    "technical_community": "technical community",
    "academia": "academia academic university research",
    "library": "library libraries librarian",
}
#: Officials (government and intergovernmental) come first: they are whom advocates seek to reach.
OFFICIAL_GROUPS = frozenset({"government", "intergovernmental"})
#: A typed word this long matches a word sharing its first STEM letters: "minister" finds "ministry".
STEM = 6

_ABOUT: weakref.WeakKeyDictionary[nx.MultiDiGraph, tuple[int, dict[str, frozenset[str]]]] = (
    weakref.WeakKeyDictionary()
)


def find_stakeholders(G: nx.MultiDiGraph, query: str, limit: int | None = 50) -> list[str]:
    """People and organisations that every word of ``query`` describes, officials first.

    A word may name the stakeholder, their title, where they work (name or acronym), the kind of
    organisation, their stakeholder group ("official", "ngo") or their country; "of", "the" and the
    like are ignored, case and accents too, and a long word finds its kin ("minister" finds "ministry").
    Among the matches, officials (government and intergovernmental) come first, then those whose own
    name or acronym holds more of the words, then by name.

    >>> from graphkit.examples import small_world_graph
    >>> G = small_world_graph()
    >>> [G.nodes[n]["name"] for n in find_stakeholders(G, "ministry brazil")]
    ['Ministry of Communications (Brazil)', 'Lucas Pereira']
    >>> [G.nodes[n]["name"] for n in find_stakeholders(G, "the adviser to a minister in Brazil")]
    ['Lucas Pereira']
    >>> [G.nodes[n]["name"] for n in find_stakeholders(G, "Kenya librarians")]
    ['Kenya Library Association', 'Amara Diallo']
    """
    words = [w for w in _words(query) if w not in _FILLER]
    if not words:
        return []
    about = _about(G)
    found = []
    for node, known in about.items():
        if all(_describes(w, known) for w in words):
            data = G.nodes[node]
            own = _words(f"{data.get('name') or node} {data.get('acronym') or ''}")
            found.append(
                (
                    data.get("stakeholder_group") not in OFFICIAL_GROUPS,
                    -sum(_describes(w, own) for w in words),
                    fold(data.get("name") or node),
                    node,
                )
            )
    found.sort()
    return [node for *_, node in found[:limit]]


def _words(text: str) -> frozenset[str]:
    """The folded words of ``text``, punctuation dropped: "ICT Authority (Kenya)" -> {"ict", "authority", "kenya"}."""
    return frozenset("".join(c if c.isalnum() else " " for c in fold(text)).split())


def _describes(word: str, known: frozenset[str]) -> bool:
    """Whether ``word`` is the start of one of ``known``, or shares its first STEM letters with one."""
    stem = word[:STEM] if len(word) >= STEM else None
    return any(k.startswith(word) or (stem is not None and k.startswith(stem)) for k in known)


def _about(G: nx.MultiDiGraph) -> dict[str, frozenset[str]]:
    """Each stakeholder's words (see ``find_stakeholders``), remembered per graph and change from the feed."""
    version, about = _ABOUT.get(G, (-1, {}))
    if version == changed(G) and about:
        return about
    about = {}
    for node, data in G.nodes(data=True):
        if data.get("label") not in STAKEHOLDER_LABELS:
            continue
        texts = [data.get("name") or node, data.get("acronym"), data.get("title"), data.get("org_type")]
        texts.append(_GROUP_WORDS.get(data.get("stakeholder_group") or "", ""))
        employers = current_employers(G, node)
        # where they work, the countries it and they are based in
        for other in [
            *employers,
            *related(G, node, "BASED_IN"),
            *(c for e in employers for c in related(G, e, "BASED_IN")),
        ]:
            more = G.nodes[other]
            texts += [more.get("name"), more.get("acronym"), more.get("org_type"), more.get("iso")]
        about[node] = _words(" ".join(str(t).replace("_", " ") for t in texts if t))
    _ABOUT[G] = (changed(G), about)
    return about
