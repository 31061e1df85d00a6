"""``graphkit import`` and ``graphkit export``, run as a user would."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
from click.testing import CliRunner
from conftest import SEED, snapshot

from graphkit.cli import main
from graphkit.store import open_store


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture
def url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert run("seed", str(SEED), "--store", url)[0] == 0
    return url


def test_export_the_seed_to_gexf_and_find_the_same_people_and_groups(url, tmp_path):
    out = tmp_path / "seed.gexf"
    code, text = run("export", "--format", "gexf", str(out), "--store", url)
    assert code == 0, text
    G = nx.read_gexf(out)
    with open_store(url) as s:
        people = {n.id: n for n in s.nodes() if n.label == "Person"}
        assert G.number_of_nodes() == sum(s.counts()["nodes"].values())
    assert {n: G.nodes[n]["stakeholder_group"] for n in people} == {
        n.id: n.props["stakeholder_group"] for n in people.values()
    }
    assert {n: G.nodes[n]["label"] for n in people} == {n.id: n.name for n in people.values()}


@pytest.mark.slow  # the seed through every format and back
@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "csv"])
def test_export_then_import_into_an_empty_store_gives_the_same_graph(url, tmp_path, fmt):
    out = tmp_path / f"seed.{fmt}" if fmt != "csv" else tmp_path / "seed-folder"
    assert run("export", "--format", fmt, str(out), "--store", url)[0] == 0
    copy = f"sqlite:///{tmp_path / 'copy.db'}"
    code, text = run("import", str(out), "--store", copy)
    assert code == 0, text
    with open_store(url) as a, open_store(copy) as b:
        assert snapshot(a) == snapshot(b)


def test_import_prints_the_report_and_dry_run_writes_nothing(url, tmp_path):
    sheet = tmp_path / "contacts.csv"
    sheet.write_text(
        "name,organisation,country,stakeholder group\nNia Okafor,IFLA,Nigeria,library\n", encoding="utf-8"
    )
    with open_store(url) as s:
        before = snapshot(s)
    code, text = run("import", str(sheet), "--dry-run", "--store", url)
    assert code == 0, text
    assert "Would import (dry run, nothing written):" in text
    with open_store(url) as s:
        assert snapshot(s) == before
    code, text = run("import", str(sheet), "--store", url)
    assert code == 0, text
    lines = [line.split() for line in text.splitlines()]
    assert ["Person", "1", "0", "0"] in lines
    assert ["BASED_IN", "1", "0", "0"] in lines
    with open_store(url) as s:
        assert s.get_node("person-nia-okafor").name == "Nia Okafor"


def test_a_bad_file_is_a_list_of_problems_not_a_traceback(url, tmp_path):
    bad = tmp_path / "relationships" / "KNOWS.csv"
    bad.parent.mkdir()
    bad.write_text("from,to,strength\nperson-nobody,person-nobody2,high\n", encoding="utf-8")
    with open_store(url) as s:
        before = snapshot(s)
    code, text = run("import", str(bad), "--store", url)
    assert code == 1
    assert "Traceback" not in text
    assert f"{bad} row 2: strength: expected a whole number from 1 to 5, got 'high'" in text
    assert "nothing was written" in text
    with open_store(url) as s:
        assert snapshot(s) == before


def test_import_of_a_missing_file_is_one_line(url, tmp_path):
    code, text = run("import", str(tmp_path / "nope.csv"), "--store", url)
    assert code == 1 and "no such file or folder" in text


def test_export_needs_a_known_format(url, tmp_path):
    code, text = run("export", "--format", "xlsx", str(tmp_path / "x"), "--store", url)
    assert code == 2 and "'xlsx' is not one of" in text


def _knows_pairs(out, fmt: str) -> set[tuple[str, str]]:
    """The (from, to) KNOWS pairs an export holds."""
    if fmt == "csv":
        with (out / "relationships" / "KNOWS.csv").open(encoding="utf-8") as f:
            return {(row["from"], row["to"]) for row in csv.DictReader(f)}
    data = json.loads(out.read_text())
    return {(e["from"], e["to"]) for e in data["edges"] if e["type"] == "KNOWS"}


@pytest.mark.parametrize("fmt", ["csv", "json", "contacts"])
def test_a_shared_export_holds_no_private_fact(url, tmp_path, fmt):
    out = tmp_path / f"shared.{fmt}"
    code, text = run("export", "--format", fmt, "--shared", str(out), "--store", url)
    assert code == 0, text
    written = "".join(p.read_text() for p in ([*out.rglob("*.csv")] if out.is_dir() else [out]))
    with open_store(url) as s:
        knows = [r for r in s.relationships() if r.type == "KNOWS"]
    private = {(r.source, r.target) for r in knows if r.props.get("sensitivity") == "private"}
    assert len(private) > 20  # the seed has them; none may show
    assert "ix-2026-09-18-amani-wambui-dinner" not in written and "in confidence" not in written
    if fmt != "contacts":
        assert "ix-2026-10-05-njeri-jabari-call" in written  # a public interaction stays
        pairs = _knows_pairs(out, fmt)
        assert pairs == {(r.source, r.target) for r in knows} - private
        full = tmp_path / f"full.{fmt}"
        assert run("export", "--format", fmt, str(full), "--store", url)[0] == 0
        assert _knows_pairs(full, fmt) >= private
