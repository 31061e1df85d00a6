"""`graphkit serve` starts a real Streamlit server on the configured store."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import REPO


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("flags", [["--headless"], [], ["--headless", "--address", "0.0.0.0", "--open"]])
def test_serve_answers_on_its_port(tmp_path, flags):
    """Also without --headless on a new machine (a fresh home folder) and with nobody at the keyboard:
    Streamlit's first-run question must not hold the app up (``scripts/app`` runs this)."""
    port = free_port()
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    cmd = [sys.executable, "-m", "graphkit.cli", "serve", *flags, "--port", str(port), "--store", url]
    env = {**os.environ, "HOME": str(tmp_path), "BROWSER": "true"}  # BROWSER: open no browser here
    server = subprocess.Popen(
        cmd,
        cwd=REPO,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    assert r.read() == b"ok"
                    break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "the app did not start within 60 s"
                time.sleep(0.5)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
            assert r.status == 200
            assert b'id="root"' in r.read()  # the page that loads the app; AppTest checks its content
    finally:
        server.terminate()
        server.wait(timeout=20)
    # Stopping graphkit serve stops the app it started: nothing answers on the port any more.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).close()
            time.sleep(0.5)
        except OSError:
            break
    else:
        raise AssertionError("the app still answers after graphkit serve was stopped")


@pytest.mark.parametrize("address", ["0.0.0.0", "192.168.1.4", "graphkit.example.org", "::"])
def test_serving_beyond_this_machine_without_sign_in_is_refused_unless_open_says_so(tmp_path, address):
    from click.testing import CliRunner

    from graphkit.cli import main

    env = {"GRAPHKIT_USERS": None, "GRAPHKIT_OPEN": None}
    args = ["serve", "--headless", "--address", address, "--store", f"sqlite:///{tmp_path / 'g.db'}"]
    refused = CliRunner().invoke(main, args, env=env)
    assert refused.exit_code == 2
    assert f"refusing to serve on {address} without sign-in" in refused.output
    assert "--users FILE" in refused.output and "--open" in refused.output
    assert not (tmp_path / "g.db").exists()  # nothing was started


def test_a_users_file_that_does_not_exist_is_refused(tmp_path):
    from click.testing import CliRunner

    from graphkit.cli import main

    missing = tmp_path / "users.json"
    args = ["serve", "--headless", "--address", "0.0.0.0", "--store", f"sqlite:///{tmp_path / 'g.db'}"]
    refused = CliRunner().invoke(main, args, env={"GRAPHKIT_USERS": str(missing)})
    assert refused.exit_code == 2
    assert f"the users file {missing} does not exist: add a user first" in refused.output
