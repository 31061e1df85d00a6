"""Stores: one contract, chosen by URL. ``sqlite:///graphkit.db`` (the default) is embedded."""

from __future__ import annotations

import os
from collections.abc import Callable
from urllib.parse import urlsplit

from graphkit.errors import StoreUnavailable
from graphkit.store.base import Store, WriteSummary, copy_graph

DEFAULT_URL = "sqlite:///graphkit.db"
STORE_ENV = "GRAPHKIT_STORE"


def store_url(url: str | None = None) -> str:
    """The URL to use: the one given, else ``$GRAPHKIT_STORE``, else the embedded default."""
    return url or os.environ.get(STORE_ENV) or DEFAULT_URL


def shown_url(url: str) -> str:
    """The URL without the ``user:password@`` part, for messages and the app."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()


def _sqlite(url: str, scheme: str, rest: str) -> Store:
    from graphkit.store.sqlite import SqliteStore

    if not scheme:  # a bare file path
        return SqliteStore(url, url=f"sqlite:///{url}")
    if not rest.startswith("/") or rest == "/":
        raise StoreUnavailable(f"bad store URL {url!r}: expected sqlite:///path/to/graphkit.db")
    return SqliteStore(rest[1:], url=url)


def _neo4j(url: str, scheme: str, rest: str) -> Store:
    from graphkit.store.neo4j import Neo4jStore

    return Neo4jStore(url)


#: The backends by URL scheme ("" for a bare file path): each opens a store from (url, scheme, rest).
#: A new backend is a ``Store`` subclass and its schemes here.
BACKENDS: dict[str, Callable[[str, str, str], Store]] = {
    "": _sqlite,
    "sqlite": _sqlite,
    **dict.fromkeys(("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc"), _neo4j),
}


def open_store(url: str | None = None) -> Store:
    """Open the store a URL names, by its scheme (see ``BACKENDS``).

    ``sqlite:///relative/path.db`` or ``sqlite:////absolute/path.db`` (a bare file path works too)
    opens the embedded store, creating the file when it is new. ``neo4j://host:7687`` (or
    ``bolt://``, ``neo4j+s://``) connects to a Neo4j server, with credentials from the URL
    (``neo4j://user:password@host:7687``) or ``$NEO4J_USER``/``$NEO4J_PASSWORD``.
    """
    url = store_url(url)
    scheme, sep, rest = url.partition("://")
    backend = BACKENDS.get(scheme if sep else "")
    if backend is None:
        raise StoreUnavailable(
            f"unknown store URL {shown_url(url)!r}: expected sqlite:///path/to/graphkit.db or neo4j://host:7687"
        )
    return backend(url, scheme if sep else "", rest)


__all__ = [
    "BACKENDS",
    "DEFAULT_URL",
    "STORE_ENV",
    "Store",
    "WriteSummary",
    "copy_graph",
    "open_store",
    "shown_url",
    "store_url",
]
