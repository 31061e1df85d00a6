"""What the app's pages share: words for labels, text safe in Markdown, and lists of nodes to pick from."""

from __future__ import annotations

import bisect
import contextlib
import weakref
from collections.abc import Callable, Iterable
from urllib.parse import quote

import networkx as nx
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from graphkit.analysis.paths import default_coalition
from graphkit.app import state
from graphkit.errors import GraphkitError
from graphkit.graph import changed
from graphkit.graph.describe import name, name_and_place
from graphkit.graph.feed import PerGraph, changed_since
from graphkit.graph.filters import schema_of
from graphkit.graph.search import find
from graphkit.model import Schema

LABEL_NAMES = {
    "Person": "people",
    "Organization": "organisations",
    "Country": "countries",
    "Region": "regions",
    "PolicyArea": "policy areas",
    "Event": "events",
    "Initiative": "initiatives and coalitions",
    "Interaction": "interactions",
}
ONE_OF = {
    "Person": "person",
    "Organization": "organisation",
    "Country": "country",
    "Region": "region",
    "PolicyArea": "policy area",
    "Event": "event",
    "Initiative": "initiative",
    "Interaction": "interaction",
}
#: A select offers at most this many nodes; past it, a search box narrows the list first. (Sending
#: and naming a hundred thousand options would take seconds on every rerun.)
MAX_OPTIONS = 2000

_BY_NAME: weakref.WeakKeyDictionary[nx.MultiDiGraph, dict[tuple, tuple[int, list[str]]]] = (
    weakref.WeakKeyDictionary()
)
#: ``ids_by_name`` places the nodes a change touched in its remembered order when they are at most this many.
REPLACE_AT_MOST = 1_000
#: Up to this many, the nodes a change touched are taken out of a kept list one by one.
FEW = 16
_WHO: PerGraph[dict[str, str]] = PerGraph(changed)


def own_fields(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """The team's declared fields Explore filters and colours by (choice, yes/no, a list of choices;
    not a private one, which a saved view's address would show), by name, with their values.
    Remembered per graph and change from the feed (finding them reads every node): read-only. Kept
    here, not in the page's script, whose globals Streamlit makes anew on every run."""
    return _OWN_FIELDS.get(G, _own_fields)


_OWN_FIELDS: PerGraph[dict[str, list[str]]] = PerGraph(changed)


def graph_schema(G: nx.MultiDiGraph) -> Schema:
    """``schema_of(G)``, remembered per graph and change from the feed: it reads every node, and the
    pages ask on every rerun."""
    return _SCHEMA.get(G, schema_of)


_SCHEMA: PerGraph[Schema] = PerGraph(changed)


def _own_fields(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for _, f in sorted(graph_schema(G).defs.values(), key=lambda d: d[1].name):
        if f.private:
            continue
        if f.kind == "yes_no":
            found.setdefault(f.name, ["yes", "no"])
        elif f.kind == "choice" or (f.kind == "list" and f.choices):
            found[f.name] = list(dict.fromkeys([*found.get(f.name, []), *f.choices]))
    return found


def stored_graph(url: str) -> nx.MultiDiGraph | None:
    """The whole stored graph, or None after saying on the page why there is none (the store cannot
    be read, or it is empty)."""
    try:
        G = state.graph(url)
    except GraphkitError as e:
        st.error(f"The store cannot be read: {e}")
        return None
    if not G:
        st.warning("The store is empty. Load the seed data with `graphkit seed`, then reload this page.")
        return None
    return G


def md(value: object) -> str:
    """Text from the data, safe inside Markdown: no markup, links or HTML of its own."""
    text = str(value)
    for c in "\\`*_[]<>#|~$":
        text = text.replace(c, "\\" + c)
    return text


def name_order(
    G: nx.MultiDiGraph, first: Iterable[str] = (), groups_first: Iterable[str] = ()
) -> Callable[[str], tuple]:
    """The sort key of ``ids_by_name``: those in ``groups_first``, then those labelled one of
    ``first``, then by name and id."""
    first, groups_first, nodes = tuple(first), tuple(groups_first), G.nodes

    def place(n: str) -> tuple:
        d = nodes[n]
        return (
            d.get("stakeholder_group") not in groups_first,
            d.get("label") not in first,
            name(G, n).casefold(),
            n,
        )

    return place


def ids_by_name(
    G: nx.MultiDiGraph,
    labels: Iterable[str] = (),
    first: Iterable[str] = (),
    groups_first: Iterable[str] = (),
) -> list[str]:
    """Ids of the nodes with one of ``labels`` (all when empty), by name; those in one of the
    stakeholder groups ``groups_first`` come first, then those labelled one of ``first``.
    Remembered per graph, and brought up to date by the nodes a change from the feed touched
    (sorting a million relationships' people again took half a second a change)."""
    labels, first, groups_first = tuple(labels), tuple(first), tuple(groups_first)
    nodes, place = G.nodes, name_order(G, first, groups_first)
    cache = _BY_NAME.setdefault(G, {})
    key, now = (labels, first, groups_first), changed(G)
    held = cache.get(key)
    if held is None or held[0] != now:
        touched = None if held is None else changed_since(G, held[0])
        if held is None or touched is None or len(touched) > REPLACE_AT_MOST:
            ids = sorted(
                (n for n, d in G.nodes(data=True) if not labels or d.get("label") in labels), key=place
            )
        else:
            ids = held[1].copy()  # a new list: callers may hold the old one
            if len(touched) <= FEW:
                for n in touched:  # a scan in C each: a filter of a million ids in Python took 1 s
                    with contextlib.suppress(ValueError):
                        ids.remove(n)
            else:
                ids = [n for n in ids if n not in touched]
            for n in touched:
                if n in G and (not labels or nodes[n].get("label") in labels):
                    bisect.insort(ids, n, key=place)
        cache[key] = held = (now, ids)
    return held[1]


def events_latest_first(G: nx.MultiDiGraph) -> list[str]:
    """The events' ids, the latest first; remembered per graph unless a change touches an event."""
    return _EVENTS_LATEST_FIRST.get(G, _events_latest_first)


def _events_latest_first(G: nx.MultiDiGraph) -> list[str]:
    return sorted(
        ids_by_name(G, ("Event",)), key=lambda n: (str(G.nodes[n].get("date", "")), n), reverse=True
    )


_EVENTS_LATEST_FIRST: PerGraph[list[str]] = PerGraph(
    changed, lambda G, n, events: G.nodes[n].get("label") == "Event" or n in events
)


def found_in_store(url: str, G: nx.MultiDiGraph, text: str, limit: int = 20) -> list[str]:
    """The ids of ``G``'s nodes whose name or acronym holds ``text``, best first (``Store.search``).
    Remembered per graph and text across changes from the feed that respell none of the nodes found
    and give no other node a name holding the text: the store reads every name to answer (0.6 s at
    10M relationships), and Explore asks on every rerun while its search box holds the text."""
    key = (text.strip().casefold(), limit)
    held = _FOUND.get(G, lambda G: {})
    if key not in held:
        if len(held) >= 256:  # texts typed long ago
            held.clear()
        ids = [n.id for n in state.store(url).search(text, limit=limit)]
        held[key] = (ids, {n: _spelt(G, n) for n in ids if n in G})
    return [n for n in held[key][0] if n in G]


def _spelt(G: nx.MultiDiGraph, node: str) -> tuple[object, object]:
    d = G.nodes[node]
    return d.get("name"), d.get("acronym")


def _found_concerns(G: nx.MultiDiGraph, node: str, held: dict) -> bool:
    """Whether a change to ``node`` may change a remembered search: it was found and is spelt
    otherwise now, or it was not and its name or acronym now holds the text."""
    spelt = _spelt(G, node)
    texts = [s.casefold() for s in spelt if isinstance(s, str)]
    return any(
        spelt != names[node] if node in names else any(fold in t for t in texts)
        for (fold, _), (_, names) in held.items()
    )


_FOUND: PerGraph[dict[tuple[str, int], tuple[list[str], dict[str, tuple[object, object]]]]] = PerGraph(
    changed, _found_concerns
)


def who_says(G: nx.MultiDiGraph) -> Callable[[str], str]:
    """``name_and_place(G, node)`` as a function of the node, remembered per graph and change from the feed: a
    select box names every one of its options on every rerun of its page."""
    said = _WHO.get(G, lambda G: {})

    def say(node: str) -> str:
        if node not in said:
            said[node] = name_and_place(G, node)
        return said[node]

    return say


def narrowed(G: nx.MultiDiGraph, ids: list[str], label: str, key: str, keep: Iterable[str] = ()) -> list[str]:
    """``ids`` as they are when they are few; past MAX_OPTIONS, draw a search box and return the
    first matches of its text, best first (and ``keep``, what is already chosen)."""
    if len(ids) <= MAX_OPTIONS:
        return ids
    text = st.text_input(
        f"Search {label.lower()}",
        key=f"{key}-search",
        placeholder=f"part of a name: {len(ids):,} to choose from",
    )
    among = set(ids)
    found = [n for n in find(G, text, limit=None) if n in among] if text.strip() else ids
    kept = [n for n in keep if n in G]
    return list(dict.fromkeys([*kept, *found[:MAX_OPTIONS]]))


def coalition_select(
    where: DeltaGenerator,
    G: nx.MultiDiGraph,
    initiatives: list[str],
    key: str,
    label: str = "Coalition (its members are the starting points)",
) -> str:
    """Choose a coalition among ``initiatives`` (in ``where``: ``st`` or a column), the default one first chosen."""
    return where.selectbox(
        label,
        initiatives,
        index=initiatives.index(default_coalition(G)),
        format_func=lambda n: name(G, n),
        key=key,
        bind="query-params",
    )


def stakeholder_select(G: nx.MultiDiGraph, ids: list[str], label: str, key: str, **kwargs) -> str | None:
    """A searchable select of nodes shown with where they sit; nothing chosen at first."""
    now = st.session_state.get(key)
    options = narrowed(G, ids, label, key, [str(now)] if now else [])
    kwargs.setdefault("index", None)
    # "contains": typing "Gunel" offers the names holding "gunel", not every name its letters are spread over.
    kwargs.setdefault("filter_mode", "contains")
    kwargs.setdefault("bind", "query-params")
    return st.selectbox(label, options, format_func=who_says(G), key=key, **kwargs)


def stakeholder_multiselect(G: nx.MultiDiGraph, ids: list[str], label: str, key: str, **kwargs) -> list[str]:
    """A searchable multiselect of nodes shown with where they sit."""
    options = narrowed(G, ids, label, key, st.session_state.get(key) or [])
    kwargs.setdefault("filter_mode", "contains")
    kwargs.setdefault("bind", "query-params")
    return st.multiselect(label, options, format_func=who_says(G), key=key, **kwargs)


def on_explore(node: str) -> str:
    """The address of ``node``'s detail on Explore (relative, so it works under any base path)."""
    return "explore?focus=" + quote(node, safe="")


def linked(G: nx.MultiDiGraph, node: str) -> str:
    """Markdown: the node's name and place as a link to its detail on Explore, where its briefing
    pack and warm introductions to it are one click away."""
    return f"[{md(name_and_place(G, node))}]({on_explore(node)})"


#: A table column of ``on_explore`` addresses, shown as a link.
OPEN_COLUMN = st.column_config.LinkColumn("Explore", display_text="Open", width="small")
