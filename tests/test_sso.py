"""Single sign-on for real: a real OpenID Connect identity provider on loopback (panva's oidc-provider,
run by node from .cache/oidc, which ``scripts/install-browser`` installs; tests/oidc_provider.mjs gives
it a sign-in form that checks passwords), ``graphkit serve --secrets`` with an ``[auth]`` section
pointing at it, and Chromium signing in through the provider's form, as the README's Team use says.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import REPO, small_world
from test_proxy import keeps
from test_serve import free_port

from graphkit import auth
from graphkit.store import open_store

pytestmark = pytest.mark.slow  # an identity provider, the app and Chromium

PROVIDER = REPO / ".cache" / "oidc" / "node_modules" / "oidc-provider" / "lib" / "index.js"
CLIENT = {"client_id": "graphkit", "client_secret": "a client secret for the test provider"}
#: The provider's accounts: Wanjiru's address is in the users file (in another case), the stranger's not.
ACCOUNTS = {
    "wanjiru": {"password": "wanjiru-at-the-idp", "email": "Wanjiru@Example.org", "name": "Wanjiru"},
    "stranger": {"password": "stranger-at-the-idp", "email": "stranger@example.org", "name": "Stranger"},
}


def need_provider() -> None:
    if not (PROVIDER.exists() and shutil.which("node")):
        if os.environ.get("CI"):
            pytest.fail(f"{PROVIDER} or node is missing under CI: run scripts/install-browser", pytrace=False)
        pytest.skip("oidc-provider or node is missing; scripts/install-browser installs them")


def _wait(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, f"{url} did not answer within 60 s"
            time.sleep(0.3)


@contextmanager
def running(cmd: list[str], env: dict, log: Path, url: str, cwd: Path) -> Iterator[subprocess.Popen]:
    """``cmd`` until the block ends, once ``url`` answers; it logs to ``log``."""
    with log.open("w") as out:
        process = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait(url, process, log)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=20)


def secrets_toml(redirect_uri: str, idp: int) -> str:
    """Streamlit's secrets for single sign-on through the test provider, named "acme"."""
    return f"""[auth]
redirect_uri = "{redirect_uri}"
cookie_secret = "a long random secret shared by every app process"

[auth.acme]
client_id = "{CLIENT["client_id"]}"
client_secret = "{CLIENT["client_secret"]}"
server_metadata_url = "http://127.0.0.1:{idp}/.well-known/openid-configuration"
client_kwargs = {{ prompt = "login" }}
"""


@contextmanager
def identity_provider(folder: Path, redirect_uri: str) -> Iterator[int]:
    """The test provider, with graphkit as its client coming back to ``redirect_uri``, until the block
    ends; yields its port."""
    port = free_port()
    settings = {
        "port": port,
        "module": str(PROVIDER),
        "client": {**CLIENT, "redirect_uri": redirect_uri},
        "accounts": ACCOUNTS,
    }
    env = {**os.environ, "IDP": json.dumps(settings)}
    cmd = ["node", str(REPO / "tests" / "oidc_provider.mjs")]
    metadata = f"http://127.0.0.1:{port}/.well-known/openid-configuration"
    with running(cmd, env, folder / "idp.log", metadata, folder):
        yield port


@contextmanager
def serving(
    folder: Path, name: str, port: int, users: Path, secrets: Path, store: str
) -> Iterator[subprocess.Popen]:
    """``graphkit serve`` with single sign-on on ``port`` until the block ends; it logs to ``name``.log."""
    cmd = [sys.executable, "-m", "graphkit.cli", "serve", "--headless", "--port", str(port)]
    cmd += ["--users", str(users), "--secrets", str(secrets), "--store", store]
    env = {k: v for k, v in os.environ.items() if k not in ("GRAPHKIT_USERS", "GRAPHKIT_SECRETS")}
    health = f"http://127.0.0.1:{port}/_stcore/health"
    with running(cmd, env, folder / f"{name}.log", health, folder) as process:
        yield process


def world(folder: Path) -> str:
    url = f"sqlite:///{folder / 'data.db'}"
    with open_store(url) as s:
        s.upsert(*small_world(), by="setup")
    return url


def write_secrets(folder: Path, redirect_uri: str, idp: int) -> Path:
    secrets = folder / "secrets.toml"
    secrets.write_text(secrets_toml(redirect_uri, idp))
    return secrets


def provider_sign_in(page, login: str, password: str) -> None:
    page.get_by_label("Login").fill(login)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def provider_sign_out(page) -> None:
    """The provider asks whether to end its session too (OpenID Connect's RP-initiated logout)."""
    page.get_by_role("button", name="Yes, sign me out").click()


def test_signing_in_through_a_real_identity_provider_maps_the_email_to_a_role_and_keeps_the_link(
    tmp_path, users_file
):
    from playwright.sync_api import expect, sync_playwright
    from test_browser import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS
    from test_proxy import save_title

    need_provider()
    app = free_port()
    auth.add_user(users_file, "wanjiru@example.org", "editor", None)  # single sign-on only
    url = world(tmp_path)
    callback = f"http://localhost:{app}/oauth2callback"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with (
        identity_provider(tmp_path, callback) as idp,
        serving(tmp_path, "app", app, users_file, write_secrets(tmp_path, callback, idp), url),
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            expect.set_options(timeout=60_000)
            context = browser.new_context(viewport={"width": 1440, "height": 900})
            context.set_default_timeout(60_000)
            page = context.new_page()
            home = f"http://localhost:{app}/"
            link = f"{home}explore?focus=person-amara"

            # An address the users file does not name gets no access, and can sign out to try another.
            page.goto(home)
            expect(page.get_by_label("User name", exact=True)).to_be_visible()  # passwords still work
            page.screenshot(path=SCREENSHOTS / "sso-sign-in.png")
            page.set_viewport_size({"width": 390, "height": 844})
            page.screenshot(path=SCREENSHOTS / "sso-sign-in-narrow.png", full_page=True)
            page.set_viewport_size({"width": 1440, "height": 900})
            page.get_by_role("button", name="Sign in with Acme").click()
            provider_sign_in(page, "stranger", ACCOUNTS["stranger"]["password"])
            expect(
                page.get_by_text("signed you in as stranger@example.org, which may not use graphkit")
            ).to_be_visible()
            expect(page.get_by_text("Signed in as")).to_have_count(0)
            expect(page.get_by_role("link", name="Data", exact=True)).to_have_count(0)
            page.get_by_role("button", name="Sign out of the identity provider").click()
            provider_sign_out(page)
            expect(page.get_by_role("button", name="Sign in with Acme")).to_be_visible()

            # A shared link: the provider's sign-in (a wrong password refused there) comes back to it.
            page.goto(link)
            page.get_by_role("button", name="Sign in with Acme").click()
            provider_sign_in(page, "wanjiru", "not her password")
            expect(page.get_by_text("Wrong login or password.")).to_be_visible()
            provider_sign_in(page, "wanjiru", ACCOUNTS["wanjiru"]["password"])
            expect(page.get_by_text("Signed in as wanjiru@example.org (editor)")).to_be_visible()
            expect(page).to_have_url(keeps(link))
            expect(page.get_by_text("Programme manager").first).to_be_visible()
            page.screenshot(path=SCREENSHOTS / "sso-signed-in.png", full_page=True)

            # An editor: the change is recorded as made by her.
            page.get_by_role("link", name="Data", exact=True).click()
            save_title(page, "Director of Advocacy", url)

            # The link opened again (a reload, another tab): still signed in, by Streamlit's cookie.
            again = context.new_page()
            again.goto(link)
            expect(again.get_by_text("Signed in as wanjiru@example.org (editor)")).to_be_visible()
            expect(again.get_by_text("Director of Advocacy").first).to_be_visible()
            expect(again).to_have_url(keeps(link))
            again.close()

            # Signing out ends the provider's session too: the link asks who you are again.
            page.get_by_role("button", name="Sign out").click()
            provider_sign_out(page)
            expect(page.get_by_role("button", name="Sign in with Acme")).to_be_visible()
            assert not [c for c in context.cookies() if c["name"].startswith("_streamlit_user")]
            page.goto(link)
            expect(page.get_by_role("button", name="Sign in with Acme")).to_be_visible()
            expect(page.get_by_text("Signed in as")).to_have_count(0)
            page.get_by_role("button", name="Sign in with Acme").click()
            expect(page.get_by_label("Login")).to_be_visible()  # the provider asks again
        finally:
            browser.close()
    with open_store(url) as s:
        titles = [
            (c.user, c.after["props"].get("title"))
            for c in s.history("person-amara")
            if c.rel_type is None and c.action == "update"
        ]
    assert titles == [("wanjiru@example.org", "Director of Advocacy")]
    assert "Traceback" not in (tmp_path / "app.log").read_text(), (tmp_path / "app.log").read_text()


def test_behind_nginx_every_app_process_keeps_the_single_sign_on(tmp_path, users_file):
    """deploy/nginx.conf in front of two app processes with one secrets file: the provider's round trip
    goes through the proxy, and when the process that signed the browser in dies, the other one knows
    it by Streamlit's cookie (signed with the shared cookie_secret)."""
    from playwright.sync_api import expect, sync_playwright
    from test_browser import CHROMIUM, CHROMIUM_ARGS
    from test_proxy import HOST, answered, need_nginx, running_proxy

    need_provider()
    need_nginx()
    proxy, ports = free_port(), [free_port(), free_port()]
    auth.add_user(users_file, "wanjiru@example.org", "editor", None)
    url = world(tmp_path)
    callback = f"http://{HOST}:{proxy}/oauth2callback"
    with identity_provider(tmp_path, callback) as idp:
        secrets = write_secrets(tmp_path, callback, idp)
        with (
            serving(tmp_path, "a", ports[0], users_file, secrets, url) as app_a,
            serving(tmp_path, "b", ports[1], users_file, secrets, url) as app_b,
            running_proxy(ports, tmp_path, proxy),
            sync_playwright() as p,
        ):
            apps = {f"127.0.0.1:{ports[0]}": app_a, f"127.0.0.1:{ports[1]}": app_b}
            rules = f"--host-resolver-rules=MAP {HOST} 127.0.0.1"
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, rules])
            try:
                expect.set_options(timeout=60_000)
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                page.set_default_timeout(60_000)
                link = f"http://{HOST}:{proxy}/explore?focus=person-amara"
                page.goto(link)
                page.get_by_role("button", name="Sign in with Acme").click()
                provider_sign_in(page, "wanjiru", ACCOUNTS["wanjiru"]["password"])
                expect(page.get_by_text("Signed in as wanjiru@example.org (editor)")).to_be_visible()
                expect(page).to_have_url(keeps(link))
                (first,) = set(answered(tmp_path))  # the round trip stuck to one process

                apps[first].terminate()  # graphkit serve stops the Streamlit it started
                apps[first].wait(timeout=20)
                page.goto(link)
                expect(page.get_by_text("Signed in as wanjiru@example.org (editor)")).to_be_visible()
                expect(page.get_by_text("Programme manager").first).to_be_visible()
                assert set(answered(tmp_path)) - {first}

                page.get_by_role("button", name="Sign out").click()
                provider_sign_out(page)
                expect(page.get_by_role("button", name="Sign in with Acme")).to_be_visible()
            finally:
                browser.close()
    for log in ("a.log", "b.log"):
        assert "Traceback" not in (tmp_path / log).read_text(), (tmp_path / log).read_text()
