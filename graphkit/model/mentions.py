"""What counts as a mention of an erased person in text: the one rule erasure scrubs by.

Text matches when, after decoding URL escapes (``%3A``, ``+``) and JSON escapes (``\\"``, ``\\\\``,
``\\u00e9``), normalising to NFKC, folding case, dropping invisible format characters and
collapsing every run of whitespace (a no-break space, several spaces, a tab) to one space, it
contains one of the texts, normalised the same way. Text is also tried as written (not decoded), so
a name that itself holds ``%`` or ``\\`` is found too.

>>> m = Mentions(['Wanjiru "Wawa" Kamau'])
>>> m.scrub('Ask Wanjiru \\\\"Wawa\\\\"  KAMAU, or view?q=Wanjiru+%22Wawa%22+Kamau')
'Ask [erased], or view?q=[erased]'
>>> Mentions(["José Núñez"]).holds("met Jose\\u0301\\u00a0Nu\\u0301n\\u0303ez")
True
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

#: What a mention becomes.
ERASED = "[erased]"

# Runs of URL escapes, runs of JSON escapes, and '+' (a space in a query string).
_ENCODED = re.compile(r"(?:%[0-9A-Fa-f]{2})+|(?:\\(?:u[0-9A-Fa-f]{4}|[\"\\/bfnrt]))+|\+")
# Invisible characters that can sit inside a word without changing how it reads.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"))
_WORD = re.compile(r"[^\W_]+")

Char = tuple[str, int, int]  # a character, and the span of the original text it stands for


def _literal(text: str, start: int = 0) -> list[Char]:
    return [(c, i, i + 1) for i, c in enumerate(text, start)]


def _decoded(text: str) -> list[Char]:
    """``text`` with URL and JSON escapes decoded; each character keeps the span it came from."""
    chars: list[Char] = []
    done = 0
    for m in _ENCODED.finditer(text):
        chars += _literal(text[done : m.start()], done)
        token = m.group()
        if token == "+":
            said = " "
        elif token[0] == "%":
            said = bytes.fromhex(token.replace("%", "")).decode("utf-8", "replace")
        else:
            said = json.loads(f'"{token}"')
        chars += [(c, m.start(), m.end()) for c in said]
        done = m.end()
    return chars + _literal(text[done:], done)


def _canonical(chars: list[Char]) -> tuple[str, list[int], list[int]]:
    """The characters in canonical form (see the module), with where each one starts and ends."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    while i < len(chars):
        j = i + 1  # a cluster: a character and the combining marks after it
        while j < len(chars) and unicodedata.combining(chars[j][0]):
            j += 1
        cluster = "".join(c for c, _, _ in chars[i:j]).translate(_INVISIBLE)
        start, end = chars[i][1], chars[j - 1][2]
        for c in unicodedata.normalize("NFKC", cluster).casefold():
            if c.isspace():
                if out and out[-1] == " ":
                    ends[-1] = end
                    continue
                c = " "
            out.append(c)
            starts.append(start)
            ends.append(end)
        i = j
    return "".join(out), starts, ends


def canonical(text: str) -> str:
    """``text`` normalised as mentions are compared (not decoded).

    >>> canonical("  Zoë\\u00a0 MÜLLER ")
    'zoë müller'
    """
    return _canonical(_literal(text))[0].strip()


class Mentions:
    """The mentions of some texts (a person's name and id): found and scrubbed by one rule."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.needles = sorted({n for n in map(canonical, texts) if n}, key=len, reverse=True)
        # A row that holds none of these (after NFKC and case folding) and no escape cannot hold a
        # mention: the cheap test that lets an erasure skip most rows.
        self.anchors = [max(_WORD.findall(n) or [n], key=len) for n in self.needles]

    def may_hold(self, raw: str) -> bool:
        """A quick test that is True for every text that ``holds`` a mention (and some others)."""
        text = unicodedata.normalize("NFKC", raw.translate(_INVISIBLE)).casefold()
        return "%" in text or "\\u" in text or any(a in text for a in self.anchors)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where ``text`` mentions any of the texts, as (start, end) spans, merged, in order."""
        found = []
        for chars in (_literal(text), _decoded(text)):
            canon, starts, ends = _canonical(chars)
            for needle in self.needles:
                at = canon.find(needle)
                while at >= 0:
                    found.append((starts[at], ends[at + len(needle) - 1]))
                    at = canon.find(needle, at + 1)
        merged: list[tuple[int, int]] = []
        for start, end in sorted(found):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def holds(self, text: str) -> bool:
        """Whether ``text`` mentions any of the texts."""
        return bool(self.needles) and self.may_hold(text) and bool(self.spans(text))

    def scrub(self, value: Any) -> Any:
        """``value`` with every mention in its text replaced by ERASED (in dict values and lists too)."""
        if isinstance(value, str):
            for _ in range(5):  # a replacement can bring escapes together into a new mention
                spans = self.spans(value) if self.may_hold(value) else []
                if not spans:
                    break
                for start, end in reversed(spans):
                    value = value[:start] + ERASED + value[end:]
            return value
        if isinstance(value, dict):
            return {k: self.scrub(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.scrub(v) for v in value]
        return value
