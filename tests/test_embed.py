"""A saved view of Explore embedded in another website: the real server (``graphkit/app/server.py``)
asked over HTTP and by Chromium from a page of another origin, as a visitor who is not signed in.
It shows the view's shareable picture and nothing private; a tampered link is refused, and deleting
the view or making it private revokes its link."""

from __future__ import annotations

import contextlib
import http.server
import re
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import person, running_app, small_world

from graphkit import auth
from graphkit.app import embed
from graphkit.cli import main
from graphkit.edits import delete_view, save_view
from graphkit.model import Relationship
from graphkit.store import open_store

SECRET_NAME, SECRET_NOTE = "Wanjiru Kamau", "met in secret at the ministry"


@pytest.fixture
def shared_store(tmp_path: Path) -> str:
    """The small world with a private person and a private tie of Amara's, and three saved views:
    Amara's neighbourhood (shareable), the private person's, and a Paths view."""
    url = f"sqlite:///{tmp_path / 'world.db'}"
    nodes, rels = small_world()
    nodes.append(person("person-wanjiru", SECRET_NAME, "government", sensitivity="private"))
    rels.append(Relationship("KNOWS", "person-wanjiru", "person-amara", {"strength": 5}))
    rels.append(
        Relationship("KNOWS", "person-amara", "person-zoe", {"sensitivity": "private", "notes": SECRET_NOTE})
    )
    with open_store(url) as s:
        s.upsert(nodes, rels)
        s.apply(save_view("Amara's circle", "explore", {"focus": "person-amara", "explore_depth": 1}))
        s.apply(save_view("Wanjiru", "explore", {"focus": "person-wanjiru"}))
        s.apply(save_view("Route", "paths", {"paths_target": "person-lucas"}))
    return url


@contextlib.contextmanager
def another_site(page: str) -> Iterator[str]:
    """The address of a web page of another origin (a server of its own on this machine) holding ``page``."""

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = page.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("localhost", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://localhost:{server.server_port}/advocacy"
    finally:
        server.shutdown()


def get(address: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(address, timeout=60) as answer:
            return answer.status, dict(answer.headers), answer.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()


def embed_snippet(store: str, users: Path, view: str, base: str, monkeypatch) -> str:
    monkeypatch.setenv("GRAPHKIT_USERS", str(users))
    result = CliRunner().invoke(main, ["views", "embed", view, "--store", store, "--base", base])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_cli_prints_a_sandboxed_iframe_and_refuses_what_cannot_be_shown(
    shared_store, users_file, monkeypatch
):
    snippet = embed_snippet(
        shared_store, users_file, "Amara's circle", "https://gk.example.org/explore", monkeypatch
    )
    assert snippet.startswith('<iframe src="https://gk.example.org/graphkit/embed/view-amara-s-circle.')
    assert 'sandbox="allow-scripts allow-downloads"' in snippet and 'referrerpolicy="no-referrer"' in snippet
    for view, why in [("Wanjiru", "private"), ("Route", "only a view of Explore"), ("Nobody", "no such")]:
        result = CliRunner().invoke(main, ["views", "embed", view, "--store", shared_store])
        assert result.exit_code != 0 and why in result.output, result.output
    monkeypatch.delenv("GRAPHKIT_USERS")
    result = CliRunner().invoke(main, ["views", "embed", "Amara's circle", "--store", shared_store])
    assert result.exit_code != 0 and "sign-in on" in result.output


def test_a_key_says_the_view_it_was_signed_for_and_nothing_else(users_file, tmp_path):
    key = auth.embed_key(users_file, "view-amara")
    assert auth.embedded_view(users_file, key) == "view-amara"
    _, signature = key.rsplit(".", 1)
    assert auth.embedded_view(users_file, f"view-zoe.{signature}") is None
    assert auth.embedded_view(users_file, "view-amara") is None
    assert auth.embedded_view(tmp_path / "another.json", key) is None  # another deployment's secret


@pytest.mark.slow  # a real server
def test_the_embed_link_shows_the_shareable_picture_and_refuses_tampered_and_revoked_links(
    shared_store, users_file, tmp_path, monkeypatch
):
    with running_app(shared_store, tmp_path / "app.log", users_file, "graphkit/app/server.py") as (url, _):
        src = re.search(
            r'src="([^"]+)"', embed_snippet(shared_store, users_file, "Amara's circle", url, monkeypatch)
        )
        link = src.group(1)
        status, headers, body = get(link)
        assert status == 200, body
        assert "Amara Diallo" in body and "Lucas Pereira" in body  # her neighbourhood
        for private in (SECRET_NAME, "person-wanjiru", SECRET_NOTE):
            assert private not in body
        assert "frame-ancestors *" in headers["content-security-policy"]
        assert headers["cache-control"] == "no-store"
        assert get(f"{url}{embed.ROUTE}/vis-network.min.js")[0] == 200
        # Tampered: another view's id under this signature, a changed signature, a view signed elsewhere.
        view, signature = link.rsplit("/", 1)[1].rsplit(".", 1)
        other = auth.embed_key(tmp_path / "other-users.json", "view-amara-s-circle")
        for key in (f"view-wanjiru.{signature}", f"{view}.{signature[:-2]}AA", other, "view-amara-s-circle"):
            status, _, said = get(f"{url}{embed.ROUTE}/{key}")
            assert (status, said) == (403, embed.REFUSED)
        # Signed, but private: refused as no longer shared.
        status, _, said = get(f"{url}{embed.ROUTE}/{auth.embed_key(users_file, 'view-wanjiru')}")
        assert (status, said) == (404, embed.GONE)
        # Made private: revoked; shareable again, shown again; deleted: revoked.
        with open_store(shared_store) as s:
            read = s.get_node("view-amara-s-circle")
            s.apply(
                save_view(
                    read.name, "explore", {"focus": "person-amara"}, replacing=read, sensitivity="private"
                )
            )
        assert get(link)[:1] == (404,)
        with open_store(shared_store) as s:
            read = s.get_node("view-amara-s-circle")
            s.apply(save_view(read.name, "explore", {"focus": "person-amara"}, replacing=read))
        assert get(link)[0] == 200
        with open_store(shared_store) as s:
            s.apply(delete_view(s.get_node("view-amara-s-circle")))
        assert get(link)[:1] == (404,)


@pytest.mark.slow  # a real server and Chromium
def test_chromium_shows_the_embedded_view_inside_another_sites_page(
    shared_store, users_file, tmp_path, monkeypatch
):
    from playwright.sync_api import expect, sync_playwright
    from test_browser import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with running_app(shared_store, tmp_path / "app.log", users_file, "graphkit/app/server.py") as (url, _):
        snippet = embed_snippet(shared_store, users_file, "Amara's circle", url, monkeypatch)
        host = f"<!doctype html><title>Advocacy</title><h1>Our library's advocacy</h1>{snippet}"
        with another_site(host) as site, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                for size, viewport in {"wide": (1440, 900), "phone": (390, 844)}.items():
                    for theme in ("light", "dark"):
                        context = browser.new_context(
                            viewport=dict(zip(("width", "height"), viewport, strict=True)), color_scheme=theme
                        )
                        page = context.new_page()  # another site's page, no cookie: only the snippet
                        page.goto(site)
                        frame = page.frame_locator("iframe")
                        expect(frame.locator("#network canvas")).to_be_visible(timeout=60_000)
                        expect(frame.locator("#embed-title")).to_have_text("Amara's circle")
                        expect(frame.locator("body[data-nodes]")).to_have_count(1)
                        text = frame.locator("body").inner_text()
                        assert "Amara Diallo" in text and SECRET_NAME not in text and SECRET_NOTE not in text
                        boxes = frame.locator("body").evaluate("() => window.labelBoxes")
                        assert "Amara Diallo" in {b["text"] for b in boxes}
                        background = frame.locator("body").evaluate(
                            "b => getComputedStyle(b).backgroundColor"
                        )
                        assert (background == "rgb(255, 255, 255)") == (theme == "light")
                        # The picture leaves room in the host's frame for its legend, on a phone too.
                        legend_bottom = "l => l.getBoundingClientRect().bottom <= window.innerHeight"
                        assert frame.locator("#legend").evaluate(legend_bottom), size
                        page.wait_for_timeout(300)
                        page.screenshot(path=SCREENSHOTS / f"embed-{size}-{theme}.png", full_page=True)
                        # A click says who the node is, in the page; nothing is sent to the host page.
                        frame.get_by_role("button", name="Lucas Pereira").click()
                        expect(frame.locator("#status")).to_contain_text("Lucas Pereira")
                        context.close()
            finally:
                browser.close()


def test_editors_get_the_snippet_of_shareable_explore_views_where_views_are_listed(
    shared_store, users_file, monkeypatch
):
    from conftest import open_app, sign_in

    monkeypatch.setenv(auth.USERS_ENV, str(users_file))
    at = sign_in(
        open_app(shared_store, monkeypatch, "graphkit/app/explore.py", timeout=30), "eddie", "eddie-edits-1"
    )
    chooser = at.selectbox(key="views_embed_which")
    assert chooser.options == ["Amara's circle"]  # not the private view, nor the Paths one
    (code,) = [c.value for c in at.code if "<iframe" in c.value]
    key = re.search(r"/graphkit/embed/([^\"]+)\"", code).group(1)
    assert auth.embedded_view(users_file, key) == "view-amara-s-circle"
    viewer = sign_in(
        open_app(shared_store, monkeypatch, "graphkit/app/explore.py", timeout=30), "vera", "vera-reads-1"
    )
    assert not [c for c in viewer.code if "<iframe" in c.value]  # viewers get no snippet
