"""Ids: readable slugs for named records, and ids that name nobody for generated ones."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import uuid


def slug_words(name: str) -> str:
    """A name as lower-case ASCII words joined by '-': ``slug_words('Zoë Müller') == 'zoe-muller'``."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")


def slug(prefix: str, name: str) -> str:
    """A stable readable id from a name: ``slug('person', 'Zoë Müller') == 'person-zoe-muller'``.

    Names with no Latin letters or digits get a short hash of the name instead.
    """
    words = slug_words(name) or hashlib.sha1(name.strip().encode()).hexdigest()[:10]
    return f"{prefix}-{words}"


def new_id(prefix: str) -> str:
    """A fresh id for a generated record (an interaction): unique without a look-up, and naming nobody,
    so that no person's name lives on in it after they are erased.

    >>> new_id("ix-2026-12-01").startswith("ix-2026-12-01-")
    True
    """
    return f"{prefix}-{uuid.uuid4().hex[:12]}"
