"""The code stays easy to change: no function in graphkit/ over 80 lines (ruff's C901 holds their
complexity under 20; see pyproject.toml). Split a long function by job rather than raise the limit."""

from __future__ import annotations

import ast
from pathlib import Path

import graphkit

LONGEST = 80


def test_no_function_is_longer_than_80_lines():
    package = Path(graphkit.__file__).parent
    long = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > LONGEST:
                    long.append(
                        f"{path.relative_to(package.parent)}:{node.lineno} {node.name}: {lines} lines"
                    )
    assert not long, "split these by job:\n" + "\n".join(long)
