"""A saved view of Explore shown in another website: a read-only picture at a signed link, for
visitors who are not signed in, of shareable facts only.

The link is ``/graphkit/embed/<key>``, where the key is the view's id signed with the deployment's
secret (``graphkit.auth.embed_key``): it cannot be made for another view, nor changed into one.
Each request reads the view from the store again and draws it from the graph without private facts
(``graphkit.graph.shareable``), so deleting the view or making it private (or naming a private
record in it) revokes the link at once; a new secret revokes them all. With sign-in off there is no
secret, and nothing is embedded. The page is the app's own network picture (``graphkit.viz``'s
component), given its data in the page instead of by Streamlit, and it calls nothing back.
"""

from __future__ import annotations

import contextlib
import html
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote, urlsplit

import networkx as nx
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response

from graphkit import auth
from graphkit.analysis.influence import Community, communities
from graphkit.analysis.paths import default_coalition
from graphkit.edits.views import not_embeddable
from graphkit.errors import GraphkitError
from graphkit.graph import filter_graph
from graphkit.graph.filters import near
from graphkit.model import Node
from graphkit.model.privacy import marked_private
from graphkit.model.views import parse_params, pin_places
from graphkit.viz import network_view
from graphkit.viz.circles import by_circle, membership
from graphkit.viz.component import HERE, describe, legend_rows
from graphkit.viz.network import NetworkView, coalition_and_officials

ROUTE = "/graphkit/embed"
#: The picture's own files, served beside the page (vis-network's script and style).
ASSETS = ("vis-network.min.js", "vis-network.min.css")
#: What the embedded page may do: run its own script and style, load its own files, be framed anywhere.
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; base-uri 'none'; form-action 'none'; frame-ancestors *"
    ),
    "Cache-Control": "no-store",  # a revoked link shows nothing more, from any cache
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Robots-Tag": "noindex",
}
THEMES = {
    "light": {"base": "light", "backgroundColor": "#ffffff", "textColor": "#141312"},
    "dark": {"base": "dark", "backgroundColor": "#0e1117", "textColor": "#f2f0ed"},
}
#: Pages kept, by view (as stored) and graph version: a visited website asks for the same one again
#: and again, and drawing it (a layout) is the costly part; the store is still read every time.
MOST_PAGES = 32
_PAGES: OrderedDict[tuple, str] = OrderedDict()
_LOCK = threading.Lock()
REFUSED = "This embed link is not valid."
GONE = "This view is no longer shared."


def link(base: str, view_id: str) -> str:
    """The embed link of the view ``view_id`` on the app at ``base`` (its address, e.g.
    ``https://graphkit.example.org``); a GraphkitError when sign-in is off (no secret to sign with)."""
    path = auth.users_path()
    if path is None:
        raise GraphkitError("embedding needs sign-in on ($GRAPHKIT_USERS): its secret signs the links")
    parts = urlsplit(base)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else base.rstrip("/")
    return f"{origin}{ROUTE}/{quote(auth.embed_key(path, view_id), safe='')}"


def snippet(base: str, view: Node) -> str:
    """The ``<iframe>`` that shows ``view`` in a web page: sandboxed (its script runs in no origin
    of the host's), sending no referrer."""
    return (
        f'<iframe src="{html.escape(link(base, view.id))}" title="{html.escape(view.name)}" '
        'width="100%" height="640" style="border:0" loading="lazy" referrerpolicy="no-referrer" '
        'sandbox="allow-scripts allow-downloads"></iframe>'
    )


def drawn(
    G: nx.MultiDiGraph, view: Node, ranks: Mapping[str, float], circles: Callable[[], list[Community]]
) -> tuple[NetworkView, list[dict]]:
    """The picture of the Explore ``view`` over ``G`` (the shareable graph) and its legend: its
    filters, focus and depth as Explore draws them; with none, the coalition and its nearest officials.
    ``circles()``: the communities of ``G``, asked for when the view colours by them."""
    from graphkit.app.explore import BY_CIRCLE, asked, chosen_filter

    p: dict[str, Any] = parse_params("explore", str(view.props.get("params") or ""))
    where = chosen_filter(p)
    focus = p.get("focus")
    H = filter_graph(G, where) if where else G
    if focus is not None:
        H = near(H if focus in H else G, focus, p.get("explore_depth", 1))
    elif not where:
        with contextlib.suppress(GraphkitError):  # no coalition to start from: everything
            H = G.subgraph(coalition_and_officials(G, default_coalition(G), sizes=ranks))
    H = asked(H, where, focus)
    found = circles() if p.get("explore_colour") == BY_CIRCLE else None
    picture = network_view(
        H,
        selected=focus,
        max_nodes=p.get("explore_max_nodes", 250),
        sizes=ranks,
        about=G,
        together=membership(found) if found is not None else None,
        pinned=pin_places(p.get("pins", [])),
    )
    return by_circle(picture, G, found, ranks) if found is not None else (picture, legend_rows(picture))


def picture_args(title: str, picture: NetworkView, legend: list[dict]) -> dict[str, Any]:
    """What the network component draws ``picture`` from, as a page of its own: titled ``title``."""
    return {
        "nodes": picture.nodes,
        "edges": picture.edges,
        "named": picture.named,
        "circles": picture.circles,
        "options": picture.options,
        "height": "max(300px, calc(100vh - 190px))",
        "title": title,
        "summary": describe(picture),
        "legend": legend,
        "fingerprint": "embed",
    }


def page(view: Node, picture: NetworkView, legend: list[dict]) -> str:
    """The embedded page: the network component's own page, with the picture's data in it (every
    ``<`` escaped, so no text of the data can end the script) and its files from ``ROUTE``."""
    data = {"args": picture_args(f"{view.name}: network picture", picture, legend), "themes": THEMES}
    text = json.dumps(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    out = (HERE / "index.html").read_text(encoding="utf-8")
    for asset in ASSETS:
        out = out.replace(f'"{asset}"', f'"{ROUTE}/{asset}"', 1)
    out = out.replace("<title>Network picture</title>", f"<title>{html.escape(view.name)}</title>", 1)
    heading = f'<h1 id="embed-title">{html.escape(view.name)}</h1>'
    return out.replace(
        '<div id="bar">', f'<script>window.graphkitEmbed = {text};</script>\n{heading}\n<div id="bar">', 1
    )


def _answer(text: str, status: int) -> Response:
    return Response(text, status_code=status, media_type="text/plain", headers=HEADERS)


def _view_page(key: str) -> Response:
    """The embedded picture the signed ``key`` asks for, read from the store now."""
    from graphkit.app import state
    from graphkit.store import store_url

    path = auth.users_path()
    view_id = auth.embedded_view(path, key) if path else None
    if view_id is None:
        return _answer(REFUSED, 403)
    url = store_url()
    try:
        state.refresh(url, wait=2.0)
        view = state.store(url).get_node(view_id)
        live = state.live(url)
        with live.reading():
            G = live.G
            if view is None or not_embeddable(view, lambda n: n not in G or marked_private(G.nodes[n])):
                return _answer(GONE, 404)
            asked = (view.id, view.name, json.dumps(view.props, sort_keys=True), live.version)
            with _LOCK:
                text = _PAGES.get(asked)
            if text is None:
                shared = live.shared
                ranks, _ = state.ranks_of(live, hides=True)
                # The shared copy as it is when computed (a background build comes later, after a change
                # that may have made a record private), not the one this request read.
                found = lambda: live.derived(("communities", True), lambda: communities(live.shared))[0]  # noqa: E731
                text = page(view, *drawn(shared, view, ranks, found))
                with _LOCK:
                    _PAGES[asked] = text
                    while len(_PAGES) > MOST_PAGES:
                        _PAGES.popitem(last=False)
    except GraphkitError:
        return _answer("The graph cannot be read just now; try again in a minute.", 503)
    return HTMLResponse(text, headers=HEADERS)


def endpoint(request: Request) -> Response:
    """GET ``ROUTE/<key>``: the embedded picture of the view ``key`` is signed for; ``ROUTE/<asset>``:
    the picture's script and style."""
    key = request.path_params["key"]
    if key in ASSETS:
        return FileResponse(HERE / key, headers={"Cache-Control": "public, max-age=86400"})
    return _view_page(key)
