"""Dependencies are held: Streamlit, NetworkX and ruff to a minor version, and every requirement to the
version the lock files name, which scripts/install, the Dockerfile and CI install."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement

REPO = Path(__file__).parent.parent
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]


def locked(name: str) -> dict[str, str]:
    pins = {}
    for line in (REPO / name).read_text().splitlines():
        if line and not line.startswith("#"):
            package, version = line.split("==")
            pins[package.lower().replace("_", "-")] = version
    return pins


def test_streamlit_networkx_and_ruff_are_held_to_a_minor_version():
    requirements = {
        r.name: r for r in map(Requirement, PROJECT["dependencies"] + PROJECT["optional-dependencies"]["dev"])
    }
    for name in ("streamlit", "networkx", "ruff"):
        bounds = {s.operator: s.version for s in requirements[name].specifier}
        low, high = bounds[">="].split("."), bounds["<"].split(".")
        assert high[0] == low[0] and int(high[1]) == int(low[1]) + 1, name


def test_each_lock_pins_every_requirement_at_a_version_it_allows():
    for lock, requirements in (
        ("requirements.lock", PROJECT["dependencies"]),
        ("requirements-dev.lock", PROJECT["dependencies"] + PROJECT["optional-dependencies"]["dev"]),
    ):
        pins = locked(lock)
        for requirement in map(Requirement, requirements):
            version = pins.get(requirement.name.lower())
            assert version is not None, f"{lock} does not pin {requirement.name}"
            assert requirement.specifier.contains(version), f"{lock}: {requirement.name}=={version}"
    assert locked("requirements.lock").items() <= locked("requirements-dev.lock").items()


def test_the_install_script_and_the_dockerfile_install_the_locked_versions():
    assert "-c requirements-dev.lock" in (REPO / "scripts/install").read_text()
    assert "-c requirements.lock" in (REPO / "scripts/install").read_text()
    assert "-c requirements.lock" in (REPO / "Dockerfile").read_text()
