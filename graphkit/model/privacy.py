"""Privacy, decided in one place: a fact is private if it, or any node it names, is marked private.
A saved view (a record with a ``page``) names the records among its parameters
(``graphkit.model.views``): it is private when one of them is, or when what it names cannot be read
(callers say a record no longer known is private to it: nothing shows it is shareable).

Everything that shares data (shared exports, viewers' pages, briefing packs for sharing, path
sentences for a viewer, the history a viewer reads) asks this module, and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from graphkit.model.changeset import Change
from graphkit.model.views import view_shows

if TYPE_CHECKING:
    import networkx as nx

PRIVATE = "private"


def marked_private(props: Mapping[str, Any] | None) -> bool:
    """Whether a record's own properties mark it private.

    >>> marked_private({"sensitivity": "private"}), marked_private({"sensitivity": "internal"})
    (True, False)
    """
    return props is not None and props.get("sensitivity") == PRIVATE


def shown(props: Mapping[str, Any] | None) -> list[str] | None:
    """The ids a record names: a saved view's among its parameters; None when a view's cannot be
    read (``graphkit.model.views.view_shows``); nothing for any other record.

    >>> shown({"page": "explore", "params": "explore_areas=pa-c7&focus=person-ana"})
    ['pa-c7', 'person-ana']
    >>> shown({"name": "Ana"})
    []
    """
    if not props or "page" not in props:  # only saved views name records
        return []
    return view_shows(props)


def record_is_private(props: Mapping[str, Any] | None, node_is_private: Callable[[str], bool]) -> bool:
    """Whether a node record is private: marked so itself, or a saved view naming a private node
    (or one whose parameters cannot be read, so cannot be shown to be shareable).

    >>> record_is_private({"page": "explore", "params": "focus=person-ana"}, lambda n: n == "person-ana")
    True
    >>> record_is_private({"page": "explore", "query": "focus=Ana+Lima"}, lambda n: False)
    True
    """
    if not props:
        return False
    if props.get("sensitivity") == PRIVATE:
        return True
    if "page" not in props:  # most records name nothing: no call, no list (shareable asks of every node)
        return False
    names = view_shows(props)
    return names is None or any(node_is_private(n) for n in names)


def fact_is_private(
    props: Mapping[str, Any] | None, names: tuple[str, ...], node_is_private: Callable[[str], bool]
) -> bool:
    """Whether a fact is private: marked so itself, or naming (joining, citing) a private node.

    >>> fact_is_private({}, ("person-a", "person-b"), lambda n: n == "person-b")
    True
    """
    return marked_private(props) or any(node_is_private(n) for n in names if n)


def change_is_private(change: Change, node_is_private: Callable[[str], bool]) -> bool:
    """Whether a history entry is private: its record was private before or after, or it names a
    node that is private (or no longer known, so cannot be shown to be shareable)."""
    records = (change.before, change.after)
    if any(record_is_private((r or {}).get("props"), node_is_private) for r in records):
        return True
    if change.action in ("load", "erase"):
        return False
    return any(node_is_private(n) for n in (change.node, change.other) if n)


def without_private_values(attrs: Mapping[str, Any], private: Mapping[str, frozenset[str]]) -> dict[str, Any]:
    """A record's attributes (``label`` among them) without the values of its label's private declared
    fields (``private``: names by label, ``Schema.private_fields``).

    >>> without_private_values({"label": "Person", "dues": "late", "title": "Dr"}, {"Person": frozenset({"dues"})})
    {'label': 'Person', 'title': 'Dr'}
    """
    hidden = private.get(attrs.get("label", ""), ())
    return {k: v for k, v in attrs.items() if k not in hidden}


def change_without_private_fields(change: Change, private: Mapping[str, frozenset[str]]) -> Change:
    """A history entry without the values of its record's private declared fields (the record's
    label says which), as a viewer may read it."""

    def strip(record: dict[str, Any] | None) -> dict[str, Any] | None:
        if not record or "label" not in record or not private.get(record["label"]):
            return record
        hidden = private[record["label"]]
        return {**record, "props": {k: v for k, v in record.get("props", {}).items() if k not in hidden}}

    before, after = strip(change.before), strip(change.after)
    if before is change.before and after is change.after:
        return change
    return replace(change, before=before, after=after)


def without_private_fields(G: nx.MultiDiGraph, private: Mapping[str, frozenset[str]]) -> nx.MultiDiGraph:
    """A copy of the graph ``G`` whose records hold no value of a private declared field."""
    H = G.copy()
    for _, d in H.nodes(data=True):
        hidden = private.get(d.get("label", ""), ())
        for name in [k for k in d if k in hidden]:
            del d[name]
    return H
