"""Saved views as references: a page and its parameters, each typed by an allow-list per page.

A view's ``params`` names records by id and other state by value (``paths_target=person-ana&paths_k=3``),
never by the text a page shows for them; the app turns them back into the page's state when the view
is opened. What a view shows, for privacy and erasure, is the ids among its parameters.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from graphkit.errors import GraphkitError, Problem
from graphkit.model.schema import ID_PATTERN, NETWORK_LABELS, POLICY_AREA_KINDS, STAKEHOLDER_GROUPS

#: Query parameters Streamlit keeps for itself: no link may set them.
RESERVED = ("embed", "embed_options")


@dataclass(frozen=True, slots=True)
class Param:
    """One parameter of a page: ``id``, ``ids`` (records), ``int`` (low..high), ``choice``,
    ``choices`` (of ``choices``), ``bool`` or ``pins`` (records' places, ``person-ana@120,-40``). ``address``: the page keeps it in its address itself
    (not a widget bound to it)."""

    kind: str
    low: int = 0
    high: int = 0
    choices: tuple[str | int, ...] = ()
    address: bool = False
    #: Texts taken besides ``choices`` (a choice's or choices'): those this pattern matches whole.
    pattern: str = ""

    def parse(self, texts: list[str]) -> object:
        """The value of the parameter's texts in a view's ``params``; ValueError says what is wanted."""
        many = self.kind in ("ids", "choices", "pins")
        if not many and len(texts) != 1:
            raise ValueError(f"expected one value, got {len(texts)}")
        values = [self._one(t) for t in texts]
        return values if many else values[0]

    def _one(self, text: str) -> object:
        kind = self.kind
        if kind in ("id", "ids") and ID_PATTERN.fullmatch(text):
            return text
        if kind == "int" and text.isascii() and text.isdigit() and self.low <= int(text) <= self.high:
            return int(text)
        if kind == "bool" and text in ("true", "false"):
            return text == "true"
        if kind == "pins" and _PIN.match(text) and ID_PATTERN.fullmatch(text.rpartition("@")[0]):
            return text
        for choice in self.choices:
            if str(choice) == text:
                return choice
        if self.pattern and re.fullmatch(self.pattern, text):
            return text
        raise ValueError(f"expected {self.expected()}, got {text[:60]!r}")

    def expected(self) -> str:
        """What a valid value looks like, in words."""
        if self.kind in ("id", "ids"):
            return "an id such as person-ana" if self.kind == "id" else "ids such as person-ana"
        if self.kind == "int":
            return f"a whole number from {self.low} to {self.high}"
        if self.kind == "bool":
            return "true or false"
        if self.kind == "pins":
            return "places such as person-ana@120,-40"
        if self.pattern and not self.choices:
            return (
                "a declared field's name, or name=value" if "=" in self.pattern else "a declared field's name"
            )
        return "one of " + ", ".join(map(str, self.choices)) + (" or field:<name>" if self.pattern else "")

    def ids(self, value: object) -> list[str]:
        """The records ``value`` names (a pin names its record)."""
        if self.kind == "pins":
            return [t.rpartition("@")[0] for t in self.texts(value)]
        if self.kind in ("id", "ids"):
            return [t for t in self.texts(value) if t not in self.choices]  # not a stakeholder group
        return []

    def texts(self, value: object) -> list[str]:
        """``value`` as the texts ``parse`` reads back."""
        values = value if isinstance(value, list | tuple) else [value]
        return ["true" if v is True else "false" if v is False else str(v) for v in values]


ID, IDS, BOOL = Param("id"), Param("ids"), Param("bool")
_FIELD = r"[a-z][a-z0-9_]{0,49}"
_FIELD_COLOUR = "field:" + _FIELD
_VALUE = r"[^\x00-\x1f\x7f]{1,300}"
_PIN = re.compile(r"^.+@-?\d{1,7},-?\d{1,7}$")


def pin_places(texts: list[str]) -> dict[str, tuple[float, float]]:
    """Where the ``pins`` texts put their records (texts that are not pins are left out).

    >>> pin_places(["person-ana@120,-40", "nonsense"])
    {'person-ana': (120.0, -40.0)}
    """
    places = {}
    for text in texts:
        if _PIN.match(text):
            node, _, at = text.rpartition("@")
            x, y = at.split(",")
            places[node] = (float(x), float(y))
    return places


def _int(low: int, high: int) -> Param:
    return Param("int", low=low, high=high)


def _one(*choices: str | int) -> Param:
    return Param("choice", choices=choices)


#: Each page's parameters: the widgets it binds to its address (by key) and what it keeps there itself.
VIEW_PARAMS: dict[str, dict[str, Param]] = {
    "paths": {
        "paths_mode": _one("a coalition", "chosen people or organisations"),
        "paths_coalition": ID,
        "paths_sources": IDS,
        "paths_target": ID,
        "paths_k": _int(1, 10),
        "paths_max_hops": _int(1, 8),
        "paths_avoid": IDS,
        "paths_shown": _int(0, 20),
    },
    "explore": {
        # "field:<name>": by the values of a declared choice or yes/no field
        "explore_colour": Param(
            "choice", choices=("stakeholder group", "circle (community)"), pattern=_FIELD_COLOUR
        ),
        "explore_field": Param("choice", pattern=_FIELD),  # a declared field the picture is filtered by
        "explore_field_is": Param("choices", pattern=_VALUE),  # ... and the values it keeps
        "explore_show": Param("choices", choices=NETWORK_LABELS),
        "explore_groups": Param("choices", choices=STAKEHOLDER_GROUPS),
        "explore_regions": IDS,
        "explore_countries": IDS,
        "explore_areas": IDS,
        "explore_events": IDS,
        "explore_max_nodes": _one(100, 250, 500, 1000),
        "focus": Param("id", address=True),
        "explore_depth": _int(1, 3),
        "node": Param("id", address=True),  # the node whose details are open
        "path_from": Param("id", address=True),  # the path from it to ``node`` is drawn
        "expand": Param("ids", address=True),  # their neighbours are added to the picture
        "dismiss": Param("ids", address=True),  # taken off the picture
        "pins": Param("pins", address=True),  # nodes dragged, kept where they were dropped
    },
    "coverage": {
        "coverage_rows": _one("meeting", *POLICY_AREA_KINDS),  # "meeting": the themes of coverage_event
        "coverage_event": ID,
        "coverage_columns": Param(
            "choice", choices=("stakeholder_group", "region", "country"), pattern=_FIELD_COLOUR
        ),  # field:<name>: a declared choice field
        "coverage_region": ID,
        "coverage_country": ID,
        "coverage_via_related": BOOL,
        "coverage_coalition": ID,
        "coverage_hops": _int(0, 6),
        "coverage_weak": _int(1, 10),
        "coverage_row": ID,
        # A region's or country's id, or a stakeholder group (not a record).
        "coverage_column": Param("id", choices=STAKEHOLDER_GROUPS),
    },
    "influence": {
        "influence_brokers_from": _one("a coalition", "one stakeholder", "everyone"),
        "influence_coalition": ID,
        "influence_broker_source": ID,
        "influence_sort": _one("PageRank", "Betweenness"),
        "influence_areas": IDS,
    },
    "events": {
        "events_event": ID,
        "events_coalition": ID,
        "events_max_hops": _int(1, 4),
        "events_shown": _int(0, 999),
    },
    "going-cold": {"cold_after": _int(1, 36500), "cold_strength": _int(1, 5)},
}


class ViewError(GraphkitError):
    """A saved view that cannot be opened: an unknown page, or a parameter not on its page's allow-list."""


def parse_params(page: str, text: str) -> dict[str, object]:
    """A view's ``params`` as typed values, checked against ``page``'s allow-list.

    >>> parse_params("paths", "paths_target=person-ana&paths_k=3&paths_avoid=org-a&paths_avoid=org-b")
    {'paths_target': 'person-ana', 'paths_k': 3, 'paths_avoid': ['org-a', 'org-b']}
    >>> parse_params("paths", "embed=true")
    Traceback (most recent call last):
    ...
    graphkit.model.views.ViewError: 'embed' is Streamlit's own parameter, which no saved view may set
    """
    return dict(_parsed(page, text or ""))


@functools.lru_cache(maxsize=4096)
def _parsed(page: str, text: str) -> tuple[tuple[str, object], ...]:
    allowed = _page(page)
    texts: dict[str, list[str]] = {}
    for key, value in parse_qsl(text, keep_blank_values=True, max_num_fields=1000):
        texts.setdefault(_allowed(page, key), []).append(value)
    found = []
    for key, values in texts.items():
        try:
            found.append((key, allowed[key].parse(values)))
        except ValueError as e:
            raise ViewError(f"parameter {key!r}: {e}") from None
    return tuple(found)


def _page(page: str) -> dict[str, Param]:
    """``page``'s parameters; a ViewError when no saved view can open it."""
    if page not in VIEW_PARAMS:
        raise ViewError(f"unknown page {page!r}; allowed: {', '.join(VIEW_PARAMS)}")
    return VIEW_PARAMS[page]


def _allowed(page: str, key: str) -> str:
    """``key`` when ``page`` takes that parameter; a ViewError that says why not otherwise."""
    if key.lower() in RESERVED:
        raise ViewError(f"{key!r} is Streamlit's own parameter, which no saved view may set")
    if key not in _page(page):
        raise ViewError(f"unknown parameter {key!r} for page {page}; allowed: {', '.join(VIEW_PARAMS[page])}")
    return key


def params_text(page: str, params: Mapping[str, object]) -> str:
    """``params`` (typed values, None or empty for the page's default) as a view's ``params`` text,
    checked as ``parse_params`` checks it.

    >>> params_text("paths", {"paths_k": 3, "paths_target": "person-ana", "paths_avoid": []})
    'paths_target=person-ana&paths_k=3'
    """
    spec = _page(page)
    given = {_allowed(page, key): value for key, value in params.items() if value not in (None, [], ())}
    text = urlencode([(key, t) for key in spec if key in given for t in spec[key].texts(given[key])])
    parse_params(page, text)
    return text


def view_shows(props: Mapping[str, Any]) -> list[str] | None:
    """The ids a saved view's parameters name, or None when it cannot be read: in the older form
    (its ``query``, the page's address as text) or against its page's allow-list.

    >>> view_shows({"page": "paths", "params": "paths_target=person-ana&paths_k=3"})
    ['person-ana']
    >>> view_shows({"page": "explore", "params": "node=org-a&pins=person-ana%40120%2C-40"})
    ['org-a', 'person-ana']
    >>> view_shows({"page": "paths", "query": "paths_target=Ana+Lima"}) is None
    True
    """
    if props.get("query") is not None:
        return None
    try:
        params = _parsed(str(props.get("page")), str(props.get("params") or ""))
    except ViewError:
        return None
    allowed = VIEW_PARAMS[str(props["page"])]
    ids = [v for key, value in params for v in allowed[key].ids(value)]
    return list(dict.fromkeys(ids))


def view_problems(where: str, props: Mapping[str, Any]) -> list[Problem]:
    """What is wrong with a saved view's fields: its parameters against its page's allow-list, and
    the older form, which kept the page's address as text (with names in it)."""
    if props.get("query") is not None:
        return [
            Problem(
                where,
                "query",
                "the older form of a saved view (the page's address as text) is no longer taken: "
                "give params, the page's parameters with records by id (e.g. paths_target=person-ana)",
            )
        ]
    try:
        parse_params(str(props.get("page")), str(props.get("params") or ""))
    except ViewError as e:
        return [Problem(where, "params", str(e))]
    return []
