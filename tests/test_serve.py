"""`graphkit serve` starts a real Streamlit server on the configured store."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from conftest import REPO


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_on_its_port(tmp_path):
    port = free_port()
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    cmd = [sys.executable, "-m", "graphkit.cli", "serve", "--headless", "--port", str(port), "--store", url]
    server = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
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
