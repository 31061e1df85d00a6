"""Stores: one contract, chosen by URL. ``sqlite:///graphkit.db`` (the default) is embedded."""

from __future__ import annotations

import os
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


def open_store(url: str | None = None) -> Store:
    """Open the store a URL names.

    ``sqlite:///relative/path.db`` or ``sqlite:////absolute/path.db`` (a bare file path works too)
    opens the embedded store, creating the file when it is new. ``neo4j://host:7687`` (or
    ``bolt://``, ``neo4j+s://``) connects to a Neo4j server, with credentials from the URL
    (``neo4j://user:password@host:7687``) or ``$NEO4J_USER``/``$NEO4J_PASSWORD``.
    """
    url = store_url(url)
    scheme, sep, rest = url.partition("://")
    if not sep or scheme == "sqlite":
        from graphkit.store.sqlite import SqliteStore

        if not sep:
            return SqliteStore(url, url=f"sqlite:///{url}")
        if not rest.startswith("/") or rest == "/":
            raise StoreUnavailable(f"bad store URL {url!r}: expected sqlite:///path/to/graphkit.db")
        return SqliteStore(rest[1:], url=url)
    if scheme in ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc"):
        from graphkit.store.neo4j import Neo4jStore

        return Neo4jStore(url)
    raise StoreUnavailable(
        f"unknown store URL {shown_url(url)!r}: expected sqlite:///path/to/graphkit.db or neo4j://host:7687"
    )


__all__ = [
    "DEFAULT_URL",
    "STORE_ENV",
    "Store",
    "WriteSummary",
    "copy_graph",
    "open_store",
    "shown_url",
    "store_url",
]
