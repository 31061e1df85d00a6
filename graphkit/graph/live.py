"""Moved to ``graphkit.live.graph``; this name stays for code written against it."""

from graphkit.live.graph import KEEP_EVERY, LiveGraph

__all__ = ["KEEP_EVERY", "LiveGraph"]
