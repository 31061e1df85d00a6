"""The errors graphkit raises on purpose; anything else is a bug."""

from __future__ import annotations

from dataclasses import dataclass

MAX_PROBLEMS = 50


class GraphkitError(Exception):
    """An error meant for the user: its message says what went wrong and what to do."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input: where (file and row, or a record), which field, what."""

    where: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.field}: {self.message}"


class ValidationError(GraphkitError):
    """Input that breaks the model; nothing was written. Lists up to MAX_PROBLEMS problems."""

    def __init__(self, problems: list[Problem], truncated: bool = False) -> None:
        self.truncated = truncated or len(problems) > MAX_PROBLEMS
        self.problems = problems = problems[:MAX_PROBLEMS]
        lines = [f"{len(problems)} problem(s), nothing was written:"]
        if truncated:
            lines[0] = f"more than {len(problems)} problems, nothing was written; the first are:"
        lines += [f"  {p}" for p in problems]
        super().__init__("\n".join(lines))


class StoreUnavailable(GraphkitError):
    """The store cannot be reached or opened."""


class ConflictError(GraphkitError):
    """A record changed since the writer read it; nothing was written."""
