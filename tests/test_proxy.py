"""deploy/nginx.conf for real: Debian's nginx (``scripts/install-browser`` installs it) in front of two
app processes on the Neo4j test server, with Chromium browsing a host name other than localhost, as a
browser on another machine does.

The nginx configuration is made from deploy/nginx.conf itself (``proxy_conf``): only the addresses,
the log and the temporary files change, so the shipped file is the one tested.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import REPO, USERS, eventually, open_backend, require_neo4j, running_app, small_world
from test_serve import free_port

from graphkit.store import open_store


def keeps(link: str) -> re.Pattern[str]:
    """The address of a page opened from ``link``: the link's own choices, and perhaps the page's own after them
    (Explore adds the node whose details it opened)."""
    return re.compile(re.escape(link) + r"(&[^#]*)?$")


NGINX = Path("/usr/sbin/nginx")
CONF = REPO / "deploy" / "nginx.conf"
#: A host name the browser maps to loopback: neither localhost nor 127.0.0.1, which the app trusts
#: whatever the Host header says.
HOST = "graphkit.test"
#: What ``graphkit serve`` runs: the app with its session route.
SERVER = "graphkit/app/server.py"


def need_nginx() -> None:
    if not NGINX.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{NGINX} is missing under CI: run scripts/install-browser", pytrace=False)
        pytest.skip(f"{NGINX} is missing; scripts/install-browser installs it")


def _once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"deploy/nginx.conf no longer has {old!r} once"
    return text.replace(old, new)


def proxy_conf(apps: list[int], port: int, folder: Path) -> str:
    """deploy/nginx.conf, listening on 127.0.0.1:``port`` in front of the app processes on the loopback
    ports ``apps``, logging and keeping its files in ``folder``, in the foreground."""
    text = CONF.read_text()
    (params,) = re.findall(r"server app:8501(.*);", text)
    servers = "\n        ".join(f"server 127.0.0.1:{p}{params};" for p in apps)
    text = _once(text, f"server app:8501{params};", servers)
    text = _once(text, "listen 8501;", f"listen 127.0.0.1:{port};")
    text = _once(text, "access_log /dev/stdout graphkit;", f"access_log {folder}/access.log graphkit;")
    temporary = "".join(f"    {kind}_temp_path {folder}/{kind};\n" for kind in ("client_body", "proxy"))
    temporary += "".join(f"    {kind}_temp_path {folder}/{kind};\n" for kind in ("fastcgi", "uwsgi", "scgi"))
    text = _once(text, "http {\n", "http {\n" + temporary)
    # As root, nginx's workers would run as nobody, who cannot write to the test's folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return f"{user}daemon off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n{text}"


@contextmanager
def running_proxy(apps: list[int], folder: Path, port: int | None = None) -> Iterator[int]:
    """nginx with ``proxy_conf`` until the block ends, on ``port`` (None: a free one); yields that port."""
    port = port or free_port()
    conf = folder / "nginx.conf"
    conf.write_text(proxy_conf(apps, port, folder))
    cmd = [str(NGINX), "-p", str(folder), "-c", str(conf), "-e", str(folder / "error.log")]
    proxy = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 20
        while not (folder / "nginx.pid").exists():
            assert proxy.poll() is None, proxy.stdout.read() + (folder / "error.log").read_text()
            assert time.monotonic() < deadline, "nginx did not start within 20 s"
            time.sleep(0.2)
        yield port
    finally:
        proxy.terminate()
        proxy.wait(timeout=20)


def test_the_shipped_nginx_conf_is_valid(tmp_path):
    need_nginx()
    conf = tmp_path / "nginx.conf"
    conf.write_text(proxy_conf([free_port(), free_port()], free_port(), tmp_path))
    checked = subprocess.run(
        [str(NGINX), "-t", "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "error.log")],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "proxy_set_header Host $http_host;" in CONF.read_text()  # the port too


def answered(folder: Path) -> list[str]:
    """The app process (``127.0.0.1:port``) that answered each request nginx has logged, in order (a
    websocket is logged when it closes)."""
    log = (folder / "access.log").read_text()
    return [tried.split(", ")[-1] for tried in re.findall(r"upstream=(.+)$", log, re.MULTILINE)]


def sign_in_page(page, name: str) -> None:
    from playwright.sync_api import expect

    page.get_by_label("User name", exact=True).fill(name)
    page.get_by_label("Password", exact=True).fill(USERS[name][1])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {name}")).to_be_visible()


def save_title(page, title: str, url: str) -> None:
    """On the Data page: give Amara Diallo the job title ``title`` and save it (in the store at ``url``).

    A page can begin a rerun (the search's, or one for figures brought up to date in the background)
    just after the field was filled, and draw the form again as it was: then "Saved" is said for
    the old title. That is Streamlit redrawing a form mid-edit, not a lost write, so the title is
    filled and saved again, once."""
    from playwright.sync_api import expect

    find = page.get_by_label("Find a stakeholder, country, theme or event")
    find.fill("Amara Diallo")
    find.press("Enter")
    form = page.locator(".st-key-data-record").filter(
        has=page.get_by_role("heading", name="Edit Amara Diallo", exact=True)
    )
    field = form.get_by_label("title", exact=True)
    expect(field).to_have_count(1)  # while the page reruns, the form shown before stays below
    for attempt in range(2):
        field.first.fill(title)
        form.get_by_role("button", name="Save", exact=True).first.click()
        expect(page.get_by_text("Saved the person Amara Diallo.")).to_be_visible()
        # On a second attempt, "Saved" may still be the first's: wait for the store.
        with open_store(url) as s:
            if eventually(lambda: s.get_node("person-amara").props.get("title") == title, seconds=20):
                return
        print(f"the form was drawn again before Save (attempt {attempt + 1}): saving {title!r} again")
        expect(field.first).not_to_have_value(title)
    raise AssertionError(f"{title!r} was not saved")


@pytest.mark.slow  # nginx, two app processes and Chromium
def test_nginx_in_front_of_two_app_processes_signs_in_follows_saves_and_survives_one_killed(
    tmp_path, users_file
):
    from playwright.sync_api import expect, sync_playwright
    from test_browser import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS
    from test_live import cli

    need_nginx()
    url = require_neo4j()
    open_backend("neo4j", tmp_path).close()  # empties the test database
    with open_store(url) as s:
        s.upsert(*small_world(), by="setup")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with (
        running_app(url, tmp_path / "a.log", users_file, SERVER) as (a, app_a),
        running_app(url, tmp_path / "b.log", users_file, SERVER) as (b, app_b),
    ):
        apps = {address.removeprefix("http://"): app for address, app in ((a, app_a), (b, app_b))}
        ports = [int(address.rsplit(":", 1)[1]) for address in apps]
        with running_proxy(ports, tmp_path) as port, sync_playwright() as p:
            rules = f"--host-resolver-rules=MAP {HOST} 127.0.0.1"
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, rules])
            try:
                expect.set_options(timeout=60_000)
                context = browser.new_context(viewport={"width": 1440, "height": 1200})
                context.set_default_timeout(60_000)
                page = context.new_page()
                # A shared link: signing in keeps its page and its question.
                link = f"http://{HOST}:{port}/explore?focus=person-amara"
                page.goto(link)
                sign_in_page(page, "eddie")
                expect(page).to_have_url(keeps(link))
                expect(page.get_by_text("Programme manager").first).to_be_visible()
                (first,) = set(answered(tmp_path))  # every request of the page went to one process
                assert first in apps

                # A change made by another process (the command line) shows on the open page.
                cli(
                    "log",
                    "--with",
                    "Amara Diallo",
                    "--with",
                    "Lucas Pereira",
                    "--title",
                    "Budget call",
                    "--store",
                    url,
                )
                expect(page.get_by_text("Budget call").first).to_be_visible()

                page.get_by_role("link", name="Data", exact=True).click()
                save_title(page, "Director of Advocacy", url)
                assert set(answered(tmp_path)) == {first}  # the page stuck to it

                # The link opened again (a reload, or another tab): still signed in, by the cookie.
                again = context.new_page()
                again.goto(link)
                expect(again.get_by_text("Signed in as eddie")).to_be_visible()
                expect(again.get_by_text("Director of Advocacy").first).to_be_visible()
                expect(again).to_have_url(keeps(link))
                again.close()
                (cookie,) = [c for c in context.cookies() if c["name"] == "graphkit_session"]
                assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"

                # That process dies: the page reconnects through the proxy to the other one, signed in.
                apps[first].send_signal(signal.SIGKILL)
                apps[first].wait(timeout=20)
                deadline = time.monotonic() + 60
                while not set(answered(tmp_path)) - {first}:  # the page checks the server again
                    assert time.monotonic() < deadline, "the page did not reconnect within 60 s"
                    time.sleep(0.5)
                page.get_by_role("link", name="Home", exact=True).click()
                expect(page.get_by_text("Signed in as eddie")).to_be_visible()
                expect(page.get_by_role("heading", name="graphkit", exact=True)).to_be_visible()
                page.get_by_role("link", name="Data", exact=True).click()
                expect(page.get_by_text("Saved the person Amara Diallo.")).to_have_count(0)  # a new session
                save_title(page, "Head of Advocacy", url)
                expect(page.get_by_label("User name", exact=True)).to_have_count(0)
                expect(page.locator("[data-testid='stException']")).to_have_count(0)
                page.screenshot(path=SCREENSHOTS / "proxy-after-a-process-died.png", full_page=True)
                (second,) = set(answered(tmp_path)) - {first}
                assert second in apps and apps[second].poll() is None

                # Signing out deletes the cookie: the link asks who you are again.
                page.get_by_role("button", name="Sign out").click()
                expect(page.get_by_label("User name", exact=True)).to_be_visible()
                deadline = time.monotonic() + 30  # the page's request that deletes the cookie
                while [c for c in context.cookies() if c["name"] == "graphkit_session"]:
                    assert time.monotonic() < deadline, "the session cookie was not deleted within 30 s"
                    time.sleep(0.2)
                page.goto(link)
                expect(page.get_by_label("User name", exact=True)).to_be_visible()
            finally:
                browser.close()
    with open_store(url) as s:
        assert s.get_node("person-amara").props["title"] == "Head of Advocacy"
        titles = [
            (c.user, c.after["props"].get("title"))
            for c in reversed(s.history("person-amara"))
            if c.rel_type is None and c.action == "update"
        ]
    assert titles == [("eddie", "Director of Advocacy"), ("eddie", "Head of Advocacy")]
    for log in ("a.log", "b.log"):
        assert "Traceback" not in (tmp_path / log).read_text(), (tmp_path / log).read_text()
