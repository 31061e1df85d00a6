"""Saved views, a team's named links to a page in a given state, as ChangeSets.

A view's id is made from its name, so two views cannot share a name: saving under a name that is
taken is refused (ConflictError) unless the caller read the view it replaces and says so.
"""

from __future__ import annotations

from collections.abc import Iterable

from graphkit.errors import GraphkitError
from graphkit.model import Node
from graphkit.model.changeset import ChangeSet
from graphkit.model.ids import slug
from graphkit.model.privacy import shown
from graphkit.store.base import Store

#: How many saved views a store's list holds at most.
MOST_VIEWS = 1_000


def view_id(name: str) -> str:
    """The id of the view called ``name``: ``view_id('Route to the minister') == 'view-route-to-the-minister'``."""
    return slug("view", name)


def saved_views(store: Store) -> list[Node]:
    """The store's saved views, by name."""
    return store.search("", limit=MOST_VIEWS, labels=["View"])


def views_showing(store: Store, node_id: str) -> list[Node]:
    """The saved views that name ``node_id`` (as focus, target, source or filter)."""
    return [v for v in saved_views(store) if node_id in shown(v.props)]


def save_view(
    name: str,
    page: str,
    query: str,
    shows: Iterable[str],
    replacing: Node | None = None,
    sensitivity: str | None = None,
) -> ChangeSet:
    """Save ``page`` with its query string as the view ``name``, naming the records in ``shows``.

    ``replacing``: the view of that name as read, to be overwritten; None when the name is thought
    free (if it is taken meanwhile, the store refuses the save).
    """
    name = name.strip()
    if not name:
        raise GraphkitError("a saved view needs a name")
    props = {"page": page, "query": query, "shows": " ".join(dict.fromkeys(shows))}
    if sensitivity:
        props["sensitivity"] = sensitivity
    view = Node(view_id(name), "View", name, props)
    return ChangeSet(nodes=[view], expected={view.id: replacing})


def rename_view(view: Node, name: str, replacing: Node | None = None) -> ChangeSet:
    """Give the view ``view`` (as read) the name ``name``; ``replacing`` as in ``save_view``."""
    if not name.strip():
        raise GraphkitError("a saved view needs a name")
    new = Node(view_id(name), "View", name.strip(), dict(view.props))
    if new.id == view.id:  # the same name written otherwise ("minister" for "Minister")
        return ChangeSet(nodes=[new], expected={view.id: view})
    return ChangeSet(nodes=[new], delete_nodes=[view.id], expected={new.id: replacing, view.id: view})


def delete_view(view: Node) -> ChangeSet:
    """Delete the view ``view`` (as read); refused when someone changed it since."""
    return ChangeSet(delete_nodes=[view.id], expected={view.id: view})
