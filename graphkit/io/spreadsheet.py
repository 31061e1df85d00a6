"""Every CSV file graphkit writes (exports, downloads, generated graphs) is written here, safe to open
in a spreadsheet: ``spreadsheet_cell`` is the one rule, ``csv_writer`` and ``csv_bytes`` apply it.
The one exception, ``machine_csv_writer``, is for files only a program reads.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """A cell Excel or LibreOffice shows as text: one starting like a formula gets a leading ``'``.

    ``=HYPERLINK(...)``, ``+1``, ``-2``, ``@SUM(...)`` (or a tab or carriage return before one) would
    otherwise run as formulas when the file is opened (CSV injection). Reading a file never removes
    the quote: import does not alter data. None is an empty cell.

    >>> [spreadsheet_cell(v) for v in ("=1+1", "-2", "Ana", 3, None)]
    ["'=1+1", "'-2", 'Ana', 3, '']
    """
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class csv_writer:
    """``csv.writer(f)`` whose every cell goes through ``spreadsheet_cell``."""

    def __init__(self, f: TextIO, **options: Any) -> None:
        self._writer = csv.writer(f, **options)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow(_safe(row))

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        self._writer.writerows(map(_safe, rows))


def machine_csv_writer(f: TextIO, **options: Any) -> Any:
    """``csv.writer(f)`` as it is, for files only a program reads and nobody opens, which must hold each
    value unchanged: neo4j-admin's input, in a temporary folder removed after the import."""
    return csv.writer(f, **options)


def _safe(row: Iterable[object]) -> list[object]:
    return [spreadsheet_cell(v) for v in row]


def csv_bytes(rows: Iterable[Iterable[object]]) -> bytes:
    """Rows (the header first) as a CSV download: UTF-8 with a byte-order mark, which makes Excel read UTF-8.

    >>> csv_bytes([["name"], ["=HYPERLINK(1)"]])
    b"\\xef\\xbb\\xbfname\\r\\n'=HYPERLINK(1)\\r\\n"
    """
    out = io.StringIO()
    csv_writer(out).writerows(rows)
    return out.getvalue().encode("utf-8-sig")
