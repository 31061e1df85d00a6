"""docker-compose.yml and the Dockerfile, read as files (there may be no Docker engine where the tests run):
closed by default, Neo4j on this machine only, an unprivileged app with its settings and a health check.
``docker compose config`` checks the compose file where the docker client has compose."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.request

import pytest
import yaml
from conftest import REPO, running_app

COMPOSE = REPO / "docker-compose.yml"
DOCKERFILE = REPO / "Dockerfile"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def instructions() -> list[tuple[str, str]]:
    """The Dockerfile's instructions as (keyword, rest), continuation lines joined."""
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def test_neo4j_answers_on_this_machine_only_and_the_app_through_the_proxy_only(compose):
    services = compose["services"]
    assert services["neo4j"]["ports"] and all(p.startswith("127.0.0.1:") for p in services["neo4j"]["ports"])
    assert "ports" not in services["app"] and "ports" not in services["seed"]
    assert services["proxy"]["ports"] == ["8501:8501"]
    assert "./deploy/nginx.conf:/etc/nginx/nginx.conf:ro" in services["proxy"]["volumes"]
    assert services["app"]["deploy"]["replicas"] == 2  # what tests/test_proxy.py runs


def test_the_app_asks_for_sign_in_by_default_and_has_a_health_check(compose):
    app = compose["services"]["app"]
    assert app["environment"]["GRAPHKIT_USERS"] == "${GRAPHKIT_USERS:-/config/users.json}"
    assert app["environment"]["GRAPHKIT_OPEN"] == "${GRAPHKIT_OPEN:-}"  # open only when asked
    assert "config:/config" in app["volumes"]
    assert "/_stcore/health" in " ".join(app["healthcheck"]["test"])
    assert compose["services"]["proxy"]["depends_on"]["app"]["condition"] == "service_healthy"
    assert app["depends_on"]["seed"]["condition"] == "service_completed_successfully"


def test_the_image_runs_as_an_unprivileged_user_with_the_apps_settings():
    steps = instructions()
    keywords = [k for k, _ in steps]
    user = steps[keywords.index("USER")][1]
    assert user not in ("root", "0")
    assert keywords.index("USER") > max(i for i, k in enumerate(keywords) if k == "RUN")  # installs first
    # the app's settings (theme, runner) are package data, beside the script graphkit serve runs
    assert ("COPY", "graphkit ./graphkit") in steps
    assert '"graphkit.app" = [".streamlit/config.toml"]' in (REPO / "pyproject.toml").read_text()
    (cmd,) = [rest for k, rest in steps if k == "CMD"]
    assert "--address" in cmd and "0.0.0.0" in cmd and "--open" not in cmd
    (health,) = [rest for k, rest in steps if k == "HEALTHCHECK"]
    assert "/_stcore/health" in health


def test_the_images_health_check_answers_on_a_running_app(tmp_path):
    """The Dockerfile's check command itself, pointed at a real app on another port."""
    (health,) = [rest for k, rest in instructions() if k == "HEALTHCHECK"]
    argv = json.loads(health.split("CMD", 1)[1])
    assert argv[:2] == ["python", "-c"]
    with running_app(f"sqlite:///{tmp_path / 'g.db'}", tmp_path / "app.log") as (address, _):
        code = argv[2].replace("http://127.0.0.1:8501", address)
        assert subprocess.run([sys.executable, "-c", code], timeout=30).returncode == 0
        with urllib.request.urlopen(f"{address}/_stcore/health", timeout=5) as r:
            assert r.read() == b"ok"
    dead = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=30)
    assert dead.returncode != 0  # the app stopped: the check fails


def test_docker_compose_config_accepts_the_file(tmp_path):
    if shutil.which("docker") is None:
        pytest.skip("no docker client here")
    probe = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"the docker client here has no compose: {probe.stderr.strip()[:80]}")
    done = subprocess.run(
        ["docker", "compose", "-f", str(COMPOSE), "config", "--quiet"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin:/usr/local/bin", "NEO4J_PASSWORD": "choose-one"},
    )
    assert done.returncode == 0, done.stderr
