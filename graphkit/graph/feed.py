"""Bringing a graph read earlier up to date from the store's change feed, at the cost of the change."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

import networkx as nx

from graphkit.graph.filters import DECLARED, schema_of, shareable
from graphkit.graph.titles import nearby, titled
from graphkit.model.changeset import Change
from graphkit.model.privacy import fact_is_private, marked_private, without_private_values
from graphkit.model.schema import APP_LABELS, DESCRIPTIVE_FIELDS, FIELD_DEF


def changed(G: nx.MultiDiGraph) -> int:
    """How many times ``G`` was changed in place from the feed: part of the key of anything cached per
    graph, which is otherwise read-only.

    >>> changed(nx.MultiDiGraph())
    0
    """
    return int(G.graph.get("changed", 0))


def reshaped(G: nx.MultiDiGraph) -> int:
    """How many of ``G``'s in-place changes reshaped it (see ``reshapes``): the key of what depends on
    the network's shape alone, such as PageRank or a layout, which a changed note leaves as it was.

    >>> reshaped(nx.MultiDiGraph())
    0
    """
    return int(G.graph.get("reshaped", 0))


T = TypeVar("T")


class PerGraph(Generic[T]):
    """What is worked out from a graph, kept beside it until ``count`` (``changed`` or ``reshaped``)
    says it changed from the feed; a graph no longer used takes its value with it. With ``concerns``,
    it is kept across changes too unless one touched a node it concerns (``concerns(G, node, value)``:
    as the node is now, or as the value kept names it, for a node whose label changed) or one no
    longer in ``G``.

    >>> degrees = PerGraph(reshaped)
    >>> G = nx.MultiDiGraph([("a", "b")])
    >>> degrees.get(G, lambda G: dict(G.degree()))
    {'a': 1, 'b': 1}
    >>> degrees.get(G, lambda G: "not worked out again: G is as it was")
    {'a': 1, 'b': 1}
    """

    def __init__(
        self,
        count: Callable[[nx.MultiDiGraph], int],
        concerns: Callable[[nx.MultiDiGraph, str, T], bool] | None = None,
    ) -> None:
        self.count, self.concerns = count, concerns
        self._held: weakref.WeakKeyDictionary[nx.MultiDiGraph, tuple[int, T]] = weakref.WeakKeyDictionary()

    def get(self, G: nx.MultiDiGraph, make: Callable[[nx.MultiDiGraph], T]) -> T:
        """The value kept for ``G`` as it is now, else ``make(G)``, kept."""
        at = self.count(G)
        held = self._held.get(G)
        if held is not None and held[0] != at and self.concerns is not None:
            since = changed_since if self.count is changed else reshaped_since
            touched = since(G, held[0])
            value = held[1]
            if touched is not None and not any(n not in G or self.concerns(G, n, value) for n in touched):
                held = self._held[G] = (at, value)
        if held is None or held[0] != at:
            held = self._held[G] = (at, make(G))
        return held[1]


#: ``G.graph[RESHAPED_IDS]``: ``(reshaped count, ids touched)`` for the last changes that reshaped ``G``
#: in place, so that what is kept per shape (the tie network) can be brought up to date by what they touched.
RESHAPED_IDS = "reshaped_ids"
#: How many of those ``G.graph[RESHAPED_IDS]`` holds.
RESHAPED_KEPT = 64


def reshaped_since(G: nx.MultiDiGraph, count: int) -> frozenset[str] | None:
    """The ids of the nodes touched by the changes that reshaped ``G`` after its ``count``-th, or
    None when they are no longer known.

    >>> G = nx.MultiDiGraph()
    >>> reshaped_since(G, 0)
    frozenset()
    >>> G.graph.update(reshaped=2, reshaped_ids=((1, frozenset("a")), (2, frozenset("b"))))
    >>> sorted(reshaped_since(G, 1)), reshaped_since(G, -1)
    (['b'], None)
    """
    log = G.graph.get(RESHAPED_IDS, ())
    if count >= reshaped(G):
        return frozenset()
    if not log or log[0][0] > count + 1:
        return None
    return frozenset().union(*(ids for at, ids in log if at > count))


#: ``G.graph[CHANGED_IDS]``: ``(changed count, ids)`` for the last changes applied to ``G`` in place:
#: the nodes whose own fields they may have changed (their titles too), so that what is kept per
#: node (a list of names in order) can be brought up to date by them.
CHANGED_IDS = "changed_ids"


def changed_since(G: nx.MultiDiGraph, count: int) -> frozenset[str] | None:
    """The ids of the nodes whose fields ``G``'s changes after its ``count``-th may have changed, or
    None when they are no longer known (or were never kept: a copy changed on its own).

    >>> G = nx.MultiDiGraph()
    >>> G.graph.update(changed=2, changed_ids=((1, frozenset("a")), (2, frozenset("b"))))
    >>> sorted(changed_since(G, 1)), sorted(changed_since(G, 0)), changed_since(G, -1)
    (['b'], ['a', 'b'], None)
    """
    later = [ids for at, ids in G.graph.get(CHANGED_IDS, ()) if at > count]
    if len(later) != changed(G) - count:
        return None
    return frozenset().union(*later)


def app_record(change: Change) -> bool:
    """Whether a history entry is about one of the app's own records (a saved view), which the graph
    the pages read leaves out (``graphkit.graph.filters.analysed``)."""
    return change.rel_type is None and any(
        (r or {}).get("label") in APP_LABELS for r in (change.before, change.after)
    )


def reshapes(change: Change) -> bool:
    """Whether a history entry changes more than a node's name and descriptive fields
    (``DESCRIPTIVE_FIELDS``): any relationship, any node made or deleted, any other field.

    >>> from graphkit.model.changeset import Change
    >>> ana = {"label": "Person", "name": "Ana", "props": {"stakeholder_group": "library"}}
    >>> noted = {**ana, "props": {**ana["props"], "notes": "met at WSIS"}}
    >>> reshapes(Change("", "u", "update", "b", "ana", before=ana, after=noted))
    False
    >>> reshapes(Change("", "u", "update", "b", "ana", before=noted, after={**ana, "label": "Organization"}))
    True
    """
    before, after = change.before, change.after
    if app_record(change):
        return False
    if change.rel_type is not None or before is None or after is None or before["label"] != after["label"]:
        return True
    old, new = before["props"], after["props"]
    return any(old.get(f) != new.get(f) for f in (old.keys() | new.keys()) - DESCRIPTIVE_FIELDS)


def _mark_changed(G: nx.MultiDiGraph, changes: list[Change]) -> bool:
    """Count ``changes`` in ``G.graph``; return whether they reshape it."""
    G.graph["changed"] = changed(G) + 1
    shaping = [c for c in changes if reshapes(c)]
    if shaping:
        count = G.graph["reshaped"] = reshaped(G) + 1
        ids = frozenset(n for c in shaping for n in (c.node, c.other) if n)
        # A tuple, replaced: a copy of G (the viewer's) shares G.graph's values, not their changes.
        G.graph[RESHAPED_IDS] = (*G.graph.get(RESHAPED_IDS, ())[1 - RESHAPED_KEPT :], (count, ids))
    return bool(shaping)


def _refill(data: dict[str, Any], attrs: dict[str, Any]) -> None:
    """Make a node's dict hold ``attrs``: updated, then emptied of what it no longer holds, rather than
    cleared first, so that a background build reading the shape (labels) never finds a node without
    its label."""
    data.update(attrs)
    for gone in data.keys() - attrs.keys():
        del data[gone]


def apply_changes(G: nx.MultiDiGraph, changes: Iterable[Change]) -> set[str]:
    """Apply history entries (``Store.changes_since``), in order, to ``G`` in place; return the ids
    of the nodes they touched. Each entry holds its record as it is after the change (None when
    deleted), so replaying an entry ``G`` already holds changes nothing.

    Example
    -------
    >>> from graphkit.model.changeset import Change
    >>> G = nx.MultiDiGraph()
    >>> after = {"label": "Person", "name": "Ana", "props": {"stakeholder_group": "library"}}
    >>> sorted(apply_changes(G, [Change("", "ana", "create", "b1", "person-ana", after=after)]))
    ['person-ana']
    >>> G.nodes["person-ana"]["name"]
    'Ana'
    """
    touched: set[str] = set()
    changes = list(changes)
    _declare(G, changes)
    changes = [c for c in changes if not app_record(c)]
    _mark_changed(G, changes)
    for c in changes:
        if c.rel_type is None:
            touched.add(c.node)
            if c.after is None:
                if c.node in G:
                    G.remove_node(c.node)
                continue
            attrs = {"label": c.after["label"], "name": c.after["name"], **c.after["props"]}
            if c.node in G:
                _refill(G.nodes[c.node], attrs)
            else:
                G.add_node(c.node, **attrs)
            continue
        u, v, k = c.node, c.other, c.rel_type
        assert v is not None, "a relationship's entry names its other end"
        touched.update((u, v))
        if c.after is None:
            if G.has_edge(u, v, k):
                G.remove_edge(u, v, k)
            continue
        if G.has_edge(u, v, k):  # replaced, not changed in place: edges may share a dict (a store's read)
            G.remove_edge(u, v, k)
        G.add_edge(u, v, key=k, type=k, **c.after["props"])
    # An interaction logged (or changed) in these changes is titled from its participants, as a read is.
    titled(G, [c.node for c in changes if c.rel_type is None and c.after is not None], near=touched)
    # A tuple, replaced (as RESHAPED_IDS): a copy of G shares it, and its own changes leave a gap in it.
    fields = frozenset(touched | nearby(G, touched))
    G.graph[CHANGED_IDS] = (*G.graph.get(CHANGED_IDS, ())[1 - RESHAPED_KEPT :], (changed(G), fields))
    return touched


def _declare(G: nx.MultiDiGraph, changes: list[Change]) -> None:
    """Keep the FieldDefs that ``changes`` write or delete where ``analysed`` keeps a graph's."""
    for c in changes:
        if _declares(c):
            declared = G.graph.setdefault(DECLARED, {})
            if c.after is None:
                declared.pop(c.node, None)
            else:
                declared[c.node] = {"label": FIELD_DEF, "name": c.after["name"], **c.after["props"]}


def _declares(change: Change) -> bool:
    return change.rel_type is None and any(
        (r or {}).get("label") == FIELD_DEF for r in (change.before, change.after)
    )


def sync_shareable(G: nx.MultiDiGraph, S: nx.MultiDiGraph, changes: list[Change]) -> nx.MultiDiGraph:
    """``S``, a copy of ``shareable(G)`` before ``changes`` were applied to ``G``, brought up to date
    by the model's privacy rule: in place, at the cost of the touched nodes' degrees; or made anew
    when a record became private or shareable (what cites it, anywhere, may change with it)."""
    if any(
        c.before is not None
        and c.after is not None
        and marked_private(c.before.get("props")) != marked_private(c.after.get("props"))
        for c in changes
        if c.rel_type is None and not app_record(c)
    ) or any(map(_declares, changes)):
        return shareable(G).copy()
    private = schema_of(G).private_fields()
    touched = {n for c in changes for n in (c.node, c.other) if n}
    if not _mark_changed(S, changes):  # names and descriptive fields only: the nodes' own dicts
        for n in touched & S.nodes.keys():
            _refill(S.nodes[n], without_private_values(G.nodes[n], private))
        _retitle(G, S, touched)
        return _changed_as(S, G)

    def node_is_private(n: str) -> bool:
        return n in G and marked_private(G.nodes[n])

    for n in touched:
        if n in S:
            S.remove_node(n)
        if n in G and not node_is_private(n):
            S.add_node(n, **without_private_values(G.nodes[n], private))
    for n in touched:
        if n not in S:
            continue
        for u, v, k, data in [*G.out_edges(n, keys=True, data=True), *G.in_edges(n, keys=True, data=True)]:
            if u in S and v in S and not fact_is_private(data, (u, v, data.get("source")), node_is_private):
                S.add_edge(u, v, key=k, **data)
    _retitle(G, S, touched)
    return _changed_as(S, G)


def _changed_as(S: nx.MultiDiGraph, G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``S`` with ``G``'s log of the nodes its changes touched, when the two have counted the same
    changes: what touched a node of ``G`` is all that can have touched it in ``S``, a part of ``G``."""
    if changed(S) == changed(G):
        S.graph[CHANGED_IDS] = G.graph.get(CHANGED_IDS, ())
    return S


def _retitle(G: nx.MultiDiGraph, S: nx.MultiDiGraph, touched: set[str]) -> None:
    for ix in nearby(G, touched):  # titled again for a participant touched
        if ix in S:
            S.nodes[ix]["name"] = G.nodes[ix]["name"]
