"""The file beside a SQLite store where the live layer keeps the store's graph for the next app
process (``graphkit.live.snapshot`` writes and reads what is in it; this module only owns the path).

The file holds what the store holds, private facts included: it is its owner's alone, and an
erasure deletes it with every temporary copy being written. Before an erasure changes anything,
``check`` makes sure that deleting them can succeed, so an erasure never stops half-way.
"""

from __future__ import annotations

import contextlib
import os
import stat
import uuid
from pathlib import Path

from graphkit.errors import GraphkitError


class KeptFile:
    """The file ``path`` that keeps one store's graph, and its temporaries ``<path>.<anything>.tmp``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def temporaries(self) -> list[Path]:
        """The temporary files of writers, finished or not."""
        return sorted(self.path.parent.glob(f"{self.path.name}.*.tmp"))

    def temporary(self) -> Path:
        """A new temporary path for a writer (``<path>.<pid>-<random>.tmp``)."""
        return self.path.with_name(f"{self.path.name}.{os.getpid()}-{uuid.uuid4().hex[:12]}.tmp")

    def open_owned(self) -> int | None:
        """A read-only descriptor of the file when it is a plain file only its owner (this user) can
        write; None when there is none, or it is anything else (never read, never deleted here)."""
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            return None
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
            os.close(fd)
            return None
        return fd

    def check(self) -> None:
        """Raise GraphkitError, naming the path, when the kept file or a temporary is not a plain file
        of this user's in a folder it can delete from (a folder, a link, another user's file planted
        there): ``discard`` could not be sure to delete it. An erasure calls this
        (``SqliteStore.check_erasable``) before it changes anything."""
        for path in (self.path, *self.temporaries()):
            try:
                info = path.lstat()
            except FileNotFoundError:
                continue
            if stat.S_ISDIR(info.st_mode):
                what = "a directory"
            elif stat.S_ISLNK(info.st_mode):
                what = "a link"
            elif not stat.S_ISREG(info.st_mode):
                what = "not a regular file"
            elif info.st_uid != os.getuid():
                what = "another user's file"
            elif not os.access(path.parent, os.W_OK):
                what = "in a folder this user cannot delete from"
            else:
                continue
            raise GraphkitError(
                f"cannot erase: {path} is {what}, where this store keeps its graph; an erasure must "
                f"delete it. Nothing was erased: remove it, then erase again."
            )

    def discard(self) -> None:
        """Delete the kept graph, and any being written (after an erasure, or when it is stale)."""
        for path in (self.path, *self.temporaries()):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
