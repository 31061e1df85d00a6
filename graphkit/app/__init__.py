"""The Streamlit app. ``app.py`` at the top of the repository and ``graphkit serve`` both run ``main``.

``main`` lists the pages (``st.navigation``): Home is a function here, each other page a file next to this one.
With sign-in on (``$GRAPHKIT_USERS``), every page first asks who you are (a password, or the organisation's
identity provider: ``graphkit.app.sso``), and admins get the Users page.
"""

from __future__ import annotations

import faulthandler
import signal
from collections import Counter
from pathlib import Path

import networkx as nx
import streamlit as st

from graphkit import auth
from graphkit.app import session, sso, state
from graphkit.app.widgets import LABEL_NAMES, md
from graphkit.errors import GraphkitError
from graphkit.graph.describe import RELATIONSHIP_WORDS
from graphkit.live import following
from graphkit.model import APP_LABELS
from graphkit.store import shown_url, store_url

HERE = Path(__file__).parent
# `kill -USR1 <pid>`: every thread's stack in the app's log, for a page that hangs (benchmarks/load.py).
if hasattr(signal, "SIGUSR1"):
    faulthandler.register(signal.SIGUSR1, all_threads=True)
#: The app's one style sheet, on top of the theme in graphkit/app/.streamlit/config.toml (which sets the colours):
#: a focus ring that can be seen on every control, in both themes (3:1 or more on their backgrounds).
STYLE = """<style>
:focus-visible, [data-focus-visible="true"] { outline: 3px solid #1f6fd1 !important; outline-offset: 2px !important; }
/* A text box clips its own outline: the field round it takes the ring instead. */
input:focus-visible, textarea:focus-visible, input[data-focus-visible="true"] { outline: none !important; }
[data-testid="stTextInputRootElement"]:has(:focus-visible), [data-testid="stTextAreaRootElement"]:has(:focus-visible),
[data-testid="stNumberInputContainer"]:has(:focus-visible), [data-testid="stDateInputField"]:has(:focus-visible) {
  outline: 3px solid #1f6fd1 !important; outline-offset: 2px;
}
/* Text Streamlit writes in the primary colour (a chosen pill, a slider's value) in the text colour:
   the primary colour is too light for text on the dark theme (3.9:1). */
button[data-selected="true"], button[data-selected="true"] *,
[data-testid="stSliderThumbValue"], [data-testid="stSliderThumbValue"] * {
  color: inherit !important;
}
/* A page link's words wrap on a narrow screen rather than being cut mid-word (Home's list of pages). */
[data-testid="stPageLink"] p { white-space: normal !important; }
/* Coverage: the heatmap on a wide screen; on a narrow one its names collide, so the matrix is a list. */
@media (min-width: 641px) { .st-key-coverage-list { display: none !important; } }
@media (max-width: 640px) { .st-key-coverage-heatmap { display: none !important; } }
</style>"""


#: The pages after Home, in menu order: (file, title, icon, url path, what it is for).
PAGES = [
    (
        "paths.py",
        "Engagement paths",
        "route",
        "paths",
        "Find a warm introduction to an official, each hop explained.",
    ),
    (
        "coverage.py",
        "Coverage gaps",
        "grid_on",
        "coverage",
        "See the policy areas, regions and stakeholder groups where the coalition has no allies, and who could fill them.",
    ),
    (
        "influence.py",
        "Influence",
        "trending_up",
        "influence",
        "See who brokers introductions, who is most influential, the communities, and the power-interest grid.",
    ),
    (
        "events.py",
        "Events",
        "event",
        "events",
        "Plan an event: who attends, who can introduce whom there, and the allies to meet where the coalition has none.",
    ),
    (
        "interactions.py",
        "Going cold",
        "ac_unit",
        "going-cold",
        "See strong ties to officials nobody has touched for a while, and overdue follow-ups.",
    ),
    (
        "explore.py",
        "Explore",
        "hub",
        "explore",
        "Filter the network, find a stakeholder, see whom they know.",
    ),
    (
        "data.py",
        "Data",
        "edit",
        "data",
        "Add, change and delete stakeholders and relationships; import and download whole graphs.",
    ),
]
#: Pages listed after PAGES for admins when sign-in is on.
ADMIN_PAGES = [
    (
        "users.py",
        "Users",
        "manage_accounts",
        "users",
        "Add and remove the people who may sign in, and change their roles.",
    ),
]


#: Session state: the version of the graph and of its figures this session's page last read.
SEEN = "graphkit_seen_version"


def shown_pages(user: auth.User | None) -> list[tuple[str, str, str, str, str]]:
    """The pages after Home that ``user`` gets: PAGES, and ADMIN_PAGES for an admin when sign-in is on."""
    admin = user is not None and state.sign_in_required() and auth.can_manage(user.role)
    return PAGES + ADMIN_PAGES if admin else PAGES


def main() -> None:
    """Render the app: with sign-in on, the sign-in form until signed in and then who is signed in;
    the sidebar's store line; then the chosen page."""
    st.set_page_config(page_title="graphkit", page_icon="🕸️", layout="wide")
    st.html(STYLE)
    try:
        user = state.begin_run()
    except GraphkitError as e:
        st.error(f"The users file cannot be read: {e}")
        return
    shown = shown_pages(user)
    pages = [
        st.Page(HERE / file, title=title, icon=f":material/{icon}:", url_path=path)
        for file, title, icon, path, _ in shown
    ]
    st.session_state["graphkit_pages"] = pages
    st.session_state["graphkit_page_entries"] = shown
    page = st.navigation(
        [st.Page(home, title="Home", icon=":material/home:", default=True), *pages],
        position="sidebar" if user else "hidden",
    )
    # Each page its own title, so that a tab, a bookmark or a screen reader says which page it is.
    st.set_page_config(page_title=f"{page.title} · graphkit" if user else "Sign in · graphkit")
    session.exchange()  # the browser's session cookie, set or deleted
    if user is None:
        sign_in_form(page.url_path)
        return
    if state.sign_in_required():
        sso.go_back(pages, at_home=page.url_path == "")  # back from the identity provider's sign-in
        st.sidebar.markdown(f"Signed in as **{md(user.name)}** ({user.role})")
        st.sidebar.button("Sign out", on_click=state.sign_out, key="sign_out")
    url = store_url()
    st.sidebar.markdown(f"Store: `{shown_url(url)}`")
    down = None
    try:
        st.session_state[SEEN] = (state.refresh(url), state.figures_version(url))
    except GraphkitError as e:  # pages say so where they read; this says why the data may be old
        down = str(e)
        st.sidebar.warning(f"The store cannot be read now: {e}. Pages show the data as last read.")
    st.session_state[state.UPDATING] = False
    st.session_state[state.SHOWN] = None  # until the page says what it shows
    seen = st.session_state.get(SEEN)  # as last read, when the store cannot be read now
    if seen is not None:
        following.follow(state.live(url))  # a change the page shows reruns it (graphkit.live.following)
    try:
        with state.reading(url):
            page.run()
        if st.session_state[state.UPDATING]:
            st.sidebar.caption("Updating the figures for the latest changes…")
    finally:
        if seen is not None:
            updating = bool(st.session_state.get(state.UPDATING))
            following.showed(following.Shown(*seen, updating, down, st.session_state.get(state.SHOWN)))


def sign_in_form(url_path: str) -> None:
    """Offer the identity providers' sign-in (keeping the page ``url_path`` to come back to), and ask
    for a user name and password unless every user signs in by a provider; sign the session in and
    rerun when they are right."""
    st.title("graphkit")
    st.write("Sign in to see the stakeholder graph.")
    providers = sso.providers()
    if providers:
        sso.keep_address(url_path)
        sso.sign_in_buttons(providers)
        path = auth.users_path()
        if path is None or not any(a.get("hash") for a in auth.load_users(path).values()):
            return
        st.write("Or with a graphkit user name and password:")
    with st.form("sign_in", clear_on_submit=True):
        name = st.text_input("User name", key="sign_in_name")
        password = st.text_input("Password", type="password", key="sign_in_password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if not submitted:
        return
    try:
        state.sign_in(name.strip(), password)
    except GraphkitError as e:
        st.error(str(e))
        return
    st.rerun()


def page(url_path: str) -> st.Page:
    """The page at ``url_path`` (e.g. "paths"), for ``st.switch_page`` from another page."""
    return next(p for p in st.session_state["graphkit_pages"] if p.url_path == url_path)


def home() -> None:
    """The Home page: what the app is for, where to go, and what is stored."""
    url = store_url()
    st.title("graphkit")
    st.write(
        "Who can introduce library advocates to the officials they need to reach, "
        "and where the coalition has no allies yet."
    )
    entries = st.session_state["graphkit_page_entries"]
    for link, (*_, what) in zip(st.session_state["graphkit_pages"], entries, strict=True):
        st.page_link(link, label=f"**{link.title}**: {what}")
    try:
        counts = _shared_counts(state.graph(url)) if state.hides_private() else state.store(url).counts()
    except GraphkitError as e:
        st.error(f"The store cannot be read: {e}")
        return
    counts["nodes"] = {
        label: n for label, n in counts["nodes"].items() if label not in APP_LABELS
    }  # saved views
    if counts["nodes"]:
        _show_counts(counts)
    else:
        st.warning("The store is empty. Load the seed data with `graphkit seed`, then reload this page.")


def _shared_counts(G: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """What a viewer's graph holds, counted as ``Store.counts`` counts (by label and type, sorted)."""
    nodes = Counter(d.get("label") for _, d in G.nodes(data=True))
    rels = Counter(t for *_, t in G.edges(keys=True))
    return {"nodes": dict(sorted(nodes.items())), "relationships": dict(sorted(rels.items()))}


def _show_counts(counts: dict[str, dict[str, int]]) -> None:
    nodes, rels = counts["nodes"], counts["relationships"]
    c1, c2 = st.columns(2)
    c1.metric("Stakeholders, places, themes and events", f"{sum(nodes.values()):,}")
    c2.metric("Relationships", f"{sum(rels.values()):,}")
    # In words, not the schema's names: "policy areas", "based in" rather than PolicyArea, BASED_IN.
    # Plain tables (a few rows each): their words are text a screen reader and a search find.
    c1.table(
        {"what": [LABEL_NAMES.get(x, x) for x in nodes], "how many": [f"{n:,}" for n in nodes.values()]},
        hide_index=True,
    )
    c2.table(
        {
            "relationship": [RELATIONSHIP_WORDS.get(t, (t.lower(),))[0] for t in rels],
            "how many": [f"{n:,}" for n in rels.values()],
        },
        hide_index=True,
    )
