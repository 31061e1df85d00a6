"""What the app's pages share: who is signed in, the open store, and the graph read from it with
its influence figures, cached per store URL and data version.

Each app process keeps one graph per store (``LiveGraph``), brought up to date from the store's
change feed at the start of every page run and every few seconds while a page is open, so a write
made anywhere (this process, another app process, the command line) shows without pressing
anything. Figures derived from it are cached per graph version.

With sign-in on (``$GRAPHKIT_USERS``), a viewer's pages read the graph without its private facts
(``graphkit.graph.shareable``), and every write in the app first calls ``writer()``, which refuses
viewers: the one place the role is checked before the store is changed.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import networkx as nx
import streamlit as st

from graphkit import auth
from graphkit.analysis.influence import pagerank_later
from graphkit.analysis.ties import tie_network_again
from graphkit.app import session, sso
from graphkit.errors import GraphkitError
from graphkit.graph import GraphFilter, filter_graph
from graphkit.graph.filters import near
from graphkit.live.graph import LiveGraph
from graphkit.store import Store, open_store, store_url
from graphkit.store.base import default_user
from graphkit.viz import layout, most_relevant

FilterKey = tuple[tuple[str, tuple[str, ...]], ...]
#: What a page's cached results depend on: (how many writes, whether private facts are left out).
DataVersion = tuple[int, bool]
SIGNED_IN = "graphkit_signed_in"  # session state: the signed-in user's name
RUN_USER = "graphkit_run_user"  # session state: who uses this page run, resolved once at its start


# -- who uses the app ---------------------------------------------------------------------------


def sign_in_required() -> bool:
    """Whether the app asks who you are (``$GRAPHKIT_USERS`` names a users file)."""
    return auth.users_path() is not None


@st.cache_resource
def login_limit(users_file: str, url: str) -> auth.LoginLimit:
    """The sign-in limit for one users file, counted in the store at ``url`` (so every process agrees)."""
    return auth.LoginLimit(store(url))


def sign_in(name: str, password: str) -> auth.User:
    """Sign this session in (and the browser, by its session cookie). Raises SignInRefused (wrong
    name or password, or too many failures by that name or from that address)."""
    path = auth.users_path()
    if path is None:
        raise auth.AuthError("sign-in is off: there is no users file ($GRAPHKIT_USERS)")
    address = st.context.ip_address  # the client's, as the proxy says (None on this machine)
    address = address if isinstance(address, str) else None
    user = login_limit(str(path), store_url()).sign_in(path, name, password, address)
    st.session_state[SIGNED_IN] = user.name
    st.session_state[RUN_USER] = user
    session.signed_in(path, user.name)
    return user


def sign_out() -> None:
    """Forget who is signed in to this session, and have the browser's session cookie deleted (signed
    in by the identity provider: sign out of it too)."""
    st.session_state.pop(SIGNED_IN, None)
    st.session_state[RUN_USER] = None
    session.signed_out()
    sso.signed_out()


def begin_run() -> auth.User | None:
    """Resolve who uses this session once, at the start of a page run (``graphkit.app.main``), so that
    the page's role checks do not read the users file again each; returns ``current_user()``."""
    st.session_state.pop(RUN_USER, None)  # a users file that cannot be read leaves nobody resolved
    st.session_state[RUN_USER] = user = _user_now()
    return user


def current_user() -> auth.User | None:
    """Who uses this session, as resolved at the start of this page run (see ``begin_run``)."""
    if RUN_USER not in st.session_state:
        return begin_run()
    return st.session_state[RUN_USER]


def _user_now() -> auth.User | None:
    """Who uses this session now. Sign-in off: the login name (as ``graphkit`` commands write), an
    admin. Sign-in on: the signed-in user (by password, or by the identity provider's e-mail address)
    with their role as the users file says now, or None (nobody signed in, or their account was
    removed since)."""
    path = auth.users_path()
    if path is None:
        return auth.User(default_user(), "admin")  # one person on their own data: everything is theirs
    name = st.session_state.get(SIGNED_IN) or session.restored(path)
    if not name and (vouched := sso.user(path)) is not None:
        name = vouched.name
    account = auth.load_users(path).get(name) if name else None
    if account is None:
        st.session_state.pop(SIGNED_IN, None)
        return None
    st.session_state[SIGNED_IN] = name
    return auth.User(name, account["role"])


def may_write() -> bool:
    """Whether this session may change the data (to disable write buttons; ``writer`` enforces it)."""
    user = current_user()
    return user is not None and auth.can_write(user.role)


def writer() -> str:
    """The name every app write records as its writer (``by=``), after checking the role may write.

    Raises NotAllowed for a viewer, or when nobody is signed in; call it before writing anything.
    The role is read as the users file says at the moment of the write, not at the run's start.
    """
    user = _user_now()
    if user is None:
        raise auth.NotAllowed("Signed out: sign in again to change the data.")
    if not auth.can_write(user.role):
        raise auth.NotAllowed("Signed in as a viewer: you can read but not change the data.")
    return user.name


def manager() -> str:
    """The signed-in admin's name, for changes to the users file. Raises NotAllowed for anyone else.
    The role is read as the users file says now."""
    user = _user_now()
    if user is None:
        raise auth.NotAllowed("Signed out: sign in again as an admin to manage users.")
    if not auth.can_manage(user.role):
        article = "an" if user.role[0] in "aeiou" else "a"
        raise auth.NotAllowed(f"Signed in as {article} {user.role}: only an admin can manage users.")
    return user.name


def may_manage() -> bool:
    """Whether this session may manage users (to disable the Users page's buttons; ``manager`` enforces it)."""
    user = current_user()
    return user is not None and auth.can_manage(user.role)


def hides_private() -> bool:
    """Whether this session's pages leave private facts out (viewers, and nobody signed in)."""
    user = current_user()
    return user is None or not auth.sees_private(user.role)


def exports_private() -> bool:
    """Whether this session's downloads of the whole graph keep private facts (admins only)."""
    user = current_user()
    return user is not None and auth.exports_private(user.role)


# -- the store and the graph --------------------------------------------------------------------


@st.cache_resource(show_spinner="Opening the store…")
def store(url: str) -> Store:
    """The store at ``url``, opened once per app process."""
    return open_store(url)


@st.cache_resource(show_spinner="Reading the graph…")
def live(url: str) -> LiveGraph:
    """The one graph of the store at ``url`` in this app process, following the store's feed."""
    return LiveGraph(store(url), warm=[tie_network_again])


@contextmanager
def reading(url: str) -> Iterator[None]:
    """Hold this process's graph of ``url`` still while a page reads it (when there is one: a store
    that cannot be read is for the page to report)."""
    try:
        graph = live(url)
    except GraphkitError:
        yield
        return
    with graph.reading():
        yield


def refresh(url: str, wait: float = 0.5) -> int:
    """Bring this process's graph of ``url`` up to date with every write made anywhere; its version.
    Waits at most ``wait`` seconds for other pages reading it (past that the next refresh applies)."""
    graph = live(url)
    try:
        version = graph.refresh(wait)
    except GraphkitError as e:
        graph.unreadable = str(e)  # what every page of this process says until it is readable
        raise
    graph.unreadable = None
    return version


def data_version(url: str) -> DataVersion:
    """The data this session's pages read from the store at ``url``, for cache keys: the version of
    the process's graph, and whether private facts are left out."""
    return live(url).version, hides_private()


def shape_version(url: str) -> DataVersion:
    """Like ``data_version``, but moved only by a change that reshapes the network
    (``graphkit.graph.feed.reshapes``): the cache key of what a changed note or title leaves as it was."""
    return live(url).shape, hides_private()


def filter_key(where: GraphFilter) -> FilterKey:
    """A plain, ordered, hashable form of a filter, for cache keys."""
    return tuple((k, tuple(sorted(v))) for k, v in sorted(vars(where).items()) if v)


def _graph(url: str, version: DataVersion) -> nx.MultiDiGraph:
    graph = live(url)
    return graph.shared if version[1] else graph.G


@st.cache_resource(max_entries=16, show_spinner="Filtering…")
def _filtered(url: str, version: DataVersion, key: FilterKey) -> nx.MultiDiGraph:
    G = _graph(url, version)
    return filter_graph(G, GraphFilter.of(**dict(key))) if key else G  # no filter: no copy


@st.cache_resource(max_entries=32, show_spinner="Laying out the picture…")
def _positions(
    url: str,
    version: DataVersion,
    figures: int,
    key: FilterKey,
    focus: str | None,
    depth: int,
    max_nodes: int,
) -> dict[str, tuple[float, float]]:
    G = view_graph(url, GraphFilter.of(**dict(key)), focus, depth)
    return layout(G, most_relevant(G, max_nodes, influence(url)))


def graph(url: str) -> nx.MultiDiGraph:
    """The whole stored graph as this session may see it: without private facts for a viewer
    (shared: do not change it)."""
    return _graph(url, data_version(url))


def influence(url: str) -> dict[str, float]:
    """PageRank of every person and organisation over the whole graph (as this session may see it).

    After a change, the figures as they were until the new ones are ready (see ``updating``)."""
    ranks, updating = ranks_of(live(url), hides_private())
    if updating:
        st.session_state[UPDATING] = True
    return ranks


def ranks_of(graph: LiveGraph, hides: bool) -> tuple[dict[str, float], bool]:
    """``graph``'s PageRank figures without private facts (``hides``) or with them, and whether they are
    being brought up to date: of the graph as it is when they are computed, in the background after a
    change, and solved after the graph is let go (seconds at 10M relationships). Call it while reading."""
    return graph.derived(
        ("pagerank", hides), lambda: pagerank_later(graph.shared if hides else graph.G), finish=operator.call
    )


#: Session state: whether this run showed a figure that is being brought up to date.
UPDATING = "graphkit_updating"


def figures_version(url: str) -> int:
    """How many figures this process brought up to date in the background (a page showing an older
    one reruns when this moves)."""
    return live(url).figures


def view_graph(url: str, where: GraphFilter, focus: str | None = None, depth: int = 1) -> nx.MultiDiGraph:
    """The part of the graph a view shows: what ``where`` keeps, and when ``focus`` is given, only the
    nodes within ``depth`` hops of it (either direction). A focus the filter leaves out is looked
    for in the whole graph."""
    G = _filtered(url, data_version(url), filter_key(where))
    if focus is None:
        return G
    if focus not in G:
        G = graph(url)
    return near(G, focus, depth)


def positions(
    url: str, where: GraphFilter, focus: str | None, depth: int, max_nodes: int
) -> dict[str, tuple[float, float]]:
    """Where the nodes of a view sit: one seeded layout per view and shape of the network, so a view
    looks the same on every run, and a changed note does not lay it out again."""
    return _positions(
        url, shape_version(url), figures_version(url), filter_key(where), focus, depth, max_nodes
    )


#: Session state: the nodes the page showed on its last run (None: the page did not say, so any
#: change may concern it).
SHOWN = "graphkit_shown"


def shows(ids: Iterable[str]) -> None:
    """Say that this page run shows the nodes ``ids`` (and what follows from the network's shape): an
    open page then reruns by itself only for a change that touches one of them or reshapes the
    network, not for every note changed anywhere. A page that never calls it reruns on every change."""
    shown = st.session_state.get(SHOWN)
    st.session_state[SHOWN] = (shown or frozenset()) | frozenset(ids)
