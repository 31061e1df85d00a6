"""The seed dataset shipped inside the package (seed/ of the repository, as graphkit/seed_data/)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from importlib.resources import as_file, files
from pathlib import Path


def shipped_seed() -> AbstractContextManager[Path]:
    """The shipped seed folder on disk, for a ``with`` block, wherever graphkit is installed."""
    return as_file(files("graphkit") / "seed_data")
