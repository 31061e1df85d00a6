"""Coverage gaps: the policy areas, stakeholder groups and places where the coalition has no allies."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import networkx as nx

from graphkit.analysis.paths import EngagementPath, describe_path, resolve_sources
from graphkit.analysis.ties import (
    DEFAULT_COSTS,
    TieCosts,
    cheapest_tree,
    path_to,
    reachable_within,
    tie_network,
)
from graphkit.errors import GraphkitError
from graphkit.graph.describe import name, related
from graphkit.graph.filters import schema_of
from graphkit.model import ALLY_STANCES, POLICY_AREA_KINDS, STAKEHOLDER_GROUPS, STAKEHOLDER_LABELS

COLUMNS = ("stakeholder_group", "region", "country")
#: Columns by a team's declared choice field: ``field:<name>``, a column per choice.
FIELD_COLUMNS = "field:"


def choice_fields(G: nx.MultiDiGraph) -> dict[str, tuple[str, ...]]:
    """The declared choice fields of people or organisations, not private, by name, with their choices."""
    found: dict[str, tuple[str, ...]] = {}
    for label, f in schema_of(G).defs.values():
        if f.kind == "choice" and not f.private and label in STAKEHOLDER_LABELS:
            found[f.name] = tuple(dict.fromkeys([*found.get(f.name, ()), *f.choices]))
    return dict(sorted(found.items()))


def choice_field(G: nx.MultiDiGraph, field: str) -> tuple[str, ...]:
    """The choices of the declared choice field ``field``; GraphkitError when there is no such field."""
    found = choice_fields(G)
    if field not in found:
        raise GraphkitError(f"no declared choice field {field!r} of people or organisations")
    return found[field]


_FRIENDLIEST = {"allies": 0, "neutral": 1, "opposed": 2}


@dataclass(frozen=True)
class Cell:
    """Who engages on one policy area (row) from one column (a stakeholder group, region or country)."""

    row: str
    column: str
    allies: tuple[str, ...]
    neutral: tuple[str, ...]
    opposed: tuple[str, ...]
    reachable_allies: tuple[str, ...]
    status: str  # "gap": no reachable ally; "weak": fewer than the threshold; else "covered"
    via_related: tuple[str, ...] = ()  # those counted here through a related area, not a direct stance


@dataclass(frozen=True)
class CoverageMatrix:
    """Cells for every row x column, with readable names for both."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    row_names: dict[str, str]
    column_names: dict[str, str]
    cells: dict[tuple[str, str], Cell]
    max_hops: int
    weak_below: int
    via_related: bool = False

    def cell(self, row: str, column: str) -> Cell:
        return self.cells[row, column]

    def with_status(self, status: str) -> list[Cell]:
        """The cells that are ``"gap"``, ``"weak"`` or ``"covered"``, row by row."""
        return [c for c in self.cells.values() if c.status == status]


def _in_order(code: str) -> list[str | int]:
    """A code as a sort key with its numbers as numbers: SDG 2 before SDG 10, C7 before C11."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", code)]


def _places(G: nx.MultiDiGraph, located: bool = True) -> dict[str, tuple[str | None, str | None]]:
    """Each person's and organisation's (country, region) ids, None where unknown (or not ``located``)."""
    region_of: dict[str, str | None] = {}
    places = {}
    for n, d in G.nodes(data=True):
        if d.get("label") not in STAKEHOLDER_LABELS:
            continue
        # G.succ[n] maps each neighbour to the relationship types towards it: no edge tuples made.
        country = (
            next((t for t, types in G.succ[n].items() if "BASED_IN" in types), None) if located else None
        )
        if country is not None and country not in region_of:
            region_of[country] = next(iter(related(G, country, "IN_REGION")), None)
        places[n] = (country, region_of.get(country) if country else None)
    return places


def _columns_of(
    G: nx.MultiDiGraph, columns: str, places: dict[str, tuple[str | None, str | None]]
) -> tuple[list[str], dict[str, str], dict[str, str | None]]:
    """The column values, their names, and each stakeholder's column."""
    if columns == "stakeholder_group":
        names = {g: g.replace("_", " ") for g in STAKEHOLDER_GROUPS}
        return list(STAKEHOLDER_GROUPS), names, {s: G.nodes[s].get("stakeholder_group") for s in places}
    if columns.startswith(FIELD_COLUMNS):
        choices = choice_field(G, columns.removeprefix(FIELD_COLUMNS))
        held = {s: G.nodes[s].get(columns.removeprefix(FIELD_COLUMNS)) for s in places}
        return (
            list(choices),
            {c: c for c in choices},
            {s: v if v in choices else None for s, v in held.items()},
        )
    if columns not in COLUMNS:
        raise GraphkitError(
            f"columns must be one of {', '.join(COLUMNS)} or {FIELD_COLUMNS}<a declared choice field>, not {columns!r}"
        )
    label = "Region" if columns == "region" else "Country"
    values = sorted((n for n, d in G.nodes(data=True) if d.get("label") == label), key=lambda n: name(G, n))
    which = 0 if columns == "country" else 1
    return values, {v: name(G, v) for v in values}, {s: place[which] for s, place in places.items()}


def coverage_matrix(
    G: nx.MultiDiGraph,
    coalition: str | Iterable[str],
    rows: str = "igf_theme",
    columns: str = "stakeholder_group",
    region: str | None = None,
    country: str | None = None,
    max_hops: int = 3,
    weak_below: int = 3,
    costs: TieCosts = DEFAULT_COSTS,
    via_related: bool = False,
    event: str | None = None,
) -> CoverageMatrix:
    """Allies, neutral and opposed stakeholders per policy area x column, and which allies the coalition reaches.

    Parameters
    ----------
    G : the stakeholder graph.
    coalition : an Initiative id (its members) or stakeholder ids.
    rows : the PolicyArea kind for rows: igf_theme, wsis_action_line, sdg, gdc_objective or policy_domain.
    columns : stakeholder_group, region or country.
    region, country : ids; count only stakeholders based there.
    max_hops : an ally counts as reachable within this many hops of a coalition member (members
        themselves count). Opposed-everywhere stakeholders are not passed through.
    weak_below : a cell with at least one but fewer than this many reachable allies is "weak".
    event : an Event id; the rows are then the policy areas it COVERS (its themes), of any kind,
        and ``rows`` is not used.
    via_related : also count a stance on a policy area on every row area it RELATES_TO, one step
        outward, never two: a stance on WSIS C3 counts on the SDGs C3 relates to; one on a C7
        sub-line counts on C7 and on the sub-line's own SDGs, not on the other SDGs of C7. A direct
        stance on the row area wins; of several related stances the friendliest counts (ally, then
        neutral, then opposed). Whoever counts only this way is also in the cell's ``via_related``.

    Returns
    -------
    CoverageMatrix, whose cells with no reachable ally have status "gap".

    Raises
    ------
    GraphkitError for an unknown rows kind or columns, or a region or country id that is not one.

    Example
    -------
    >>> from graphkit.examples import small_world_graph
    >>> m = coverage_matrix(small_world_graph(), "init-dc-pal")
    >>> m.cell("pa-access", "library").status, m.cell("pa-access", "library").reachable_allies
    ('weak', ('person-amara',))
    >>> m.cell("pa-access", "government").status
    'gap'
    >>> coverage_matrix(small_world_graph(), "init-dc-pal", event="event-igf-2013").rows
    ('pa-access',)
    """
    _check(G, rows, region, country, event)
    areas = [n for n, d in G.nodes(data=True) if d.get("label") == "PolicyArea"]
    chosen = set(event_themes(G, event)) if event else {n for n in areas if G.nodes[n].get("kind") == rows}
    row_ids = sorted(chosen, key=lambda n: (_in_order(str(G.nodes[n].get("code", ""))), name(G, n)))
    places = _places(G, located=columns != "stakeholder_group" or bool(region or country))
    col_ids, col_names, column_of = _columns_of(G, columns, places)
    col_ids = _narrowed(G, columns, col_ids, region, country)
    net = tie_network(G, costs)
    reached = reachable_within(net, resolve_sources(G, coalition), max_hops, net.never_between)
    wanted = set(row_ids)
    relates = _relating(G, areas, wanted) if via_related else {}

    def counts(s: str) -> str | None:
        """The column stakeholder ``s`` counts in, or None when the region or country leaves them out."""
        col = column_of.get(s)
        if col is None or (country and places[s][0] != country) or (region and places[s][1] != region):
            return None
        return col

    found, via = _stances(G, wanted, relates, counts)
    cells = {(r, c): _cell(r, c, found, via, reached, weak_below) for r in row_ids for c in col_ids}
    row_names = {r: name(G, r) for r in row_ids}
    return CoverageMatrix(
        tuple(row_ids), tuple(col_ids), row_names, col_names, cells, max_hops, weak_below, via_related
    )


def _cell(
    r: str,
    c: str,
    found: dict[tuple[str, str], dict[str, list[str]]],
    via: dict[tuple[str, str], list[str]],
    reached: set[str],
    weak_below: int,
) -> Cell:
    """One cell: its allies, neutral and opposed, the allies reached, and its status."""
    got = found.get((r, c), {})
    allies = tuple(sorted(got.get("allies", ())))
    reachable = tuple(a for a in allies if a in reached)
    status = "gap" if not reachable else "weak" if len(reachable) < weak_below else "covered"
    neutral, opposed = (tuple(sorted(got.get(k, ()))) for k in ("neutral", "opposed"))
    return Cell(r, c, allies, neutral, opposed, reachable, status, tuple(sorted(via.get((r, c), ()))))


def _narrowed(
    G: nx.MultiDiGraph, columns: str, col_ids: list[str], region: str | None, country: str | None
) -> list[str]:
    """The columns left when the matrix is narrowed to a region or a country."""
    if columns == "region" and region:
        return [region]
    if columns == "country":
        return [
            c
            for c in col_ids
            if (not country or c == country) and (not region or region in related(G, c, "IN_REGION"))
        ]
    return col_ids


def _check(
    G: nx.MultiDiGraph, rows: str, region: str | None, country: str | None, event: str | None = None
) -> None:
    """Refuse an unknown rows kind, or a region, country or event id that is not one."""
    if rows not in POLICY_AREA_KINDS:
        raise GraphkitError(f"rows must be one of {', '.join(POLICY_AREA_KINDS)}, not {rows!r}")
    for given, label in ((region, "Region"), (country, "Country"), (event, "Event")):
        if given and (given not in G or G.nodes[given].get("label") != label):
            raise GraphkitError(f"no {label} with id {given!r}")


def _relating(G: nx.MultiDiGraph, areas: list[str], wanted: set[str]) -> dict[str, list[str]]:
    """Each policy area -> the row areas it RELATES_TO: one pass over the areas, no per-cell walks."""
    relates: dict[str, list[str]] = {}
    for a in areas:
        targets = [b for b, types in G.succ[a].items() if "RELATES_TO" in types and b in wanted and b != a]
        if targets:
            relates[a] = targets
    return relates


def _stances(
    G: nx.MultiDiGraph,
    wanted: set[str],
    relates: dict[str, list[str]],
    counts: Callable[[str], str | None],
) -> tuple[dict[tuple[str, str], dict[str, list[str]]], dict[tuple[str, str], list[str]]]:
    """Who stands how on each (row, column): stances on the row area itself, then (with ``relates``)
    the friendliest stance on an area relating to it, for whoever has none on the row itself; and
    who counts only that way, per cell."""
    found: dict[tuple[str, str], dict[str, list[str]]] = {}
    direct: set[tuple[str, str]] = set()  # (stakeholder, row) with a stance on the row itself
    through: dict[tuple[str, str], tuple[str, str]] = {}  # (stakeholder, row) -> (kind, column)
    for s, pa, k, d in G.edges(keys=True, data=True):
        if k != "ENGAGES_ON" or (pa not in wanted and pa not in relates):
            continue
        col = counts(s)
        if col is None:
            continue
        stance = d.get("stance")
        kind = "allies" if stance in ALLY_STANCES else "opposed" if stance == "opposed" else "neutral"
        if pa in wanted:
            found.setdefault((pa, col), {}).setdefault(kind, []).append(s)
            direct.add((s, pa))
        for r in relates.get(pa, ()):
            before = through.get((s, r))
            if before is None or _FRIENDLIEST[kind] < _FRIENDLIEST[before[0]]:
                through[s, r] = (kind, col)
    via: dict[tuple[str, str], list[str]] = {}
    for (s, r), (kind, col) in through.items():
        if (s, r) not in direct:
            found.setdefault((r, col), {}).setdefault(kind, []).append(s)
            via.setdefault((r, col), []).append(s)
    return found, via


def library_absences(
    G: nx.MultiDiGraph, kind: str = "igf_theme", among: Iterable[str] | None = None
) -> list[str]:
    """Policy areas of ``kind`` (or those ``among``) on which others engage but no library or library
    association does.

    >>> from graphkit.examples import small_world_graph
    >>> library_absences(small_world_graph())
    ['pa-cir']
    """
    engaged: dict[str, bool] = {}  # area -> whether a library stakeholder engages on it
    for s, pa, k in G.edges(keys=True):
        if k == "ENGAGES_ON":
            engaged[pa] = engaged.get(pa, False) or G.nodes[s].get("stakeholder_group") == "library"
    wanted = set(among) if among is not None else None
    return sorted(
        n
        for n, d in G.nodes(data=True)
        if d.get("label") == "PolicyArea"
        and (n in wanted if wanted is not None else d.get("kind") == kind)
        and engaged.get(n) is False
    )


def event_themes(G: nx.MultiDiGraph, event: str) -> list[str]:
    """The policy areas an Event COVERS: its themes.

    >>> from graphkit.examples import small_world_graph
    >>> event_themes(small_world_graph(), "event-igf-2013")
    ['pa-access']
    """
    return sorted(related(G, event, "COVERS"))


def latest_meeting_with_themes(
    G: nx.MultiDiGraph, kind: str = "igf", held_by: str | None = None
) -> str | None:
    """The latest Event of ``kind`` that COVERS a policy area, among those starting on or before
    ``held_by`` (an ISO date; None: any), or None when there is none.

    >>> from graphkit.examples import small_world_graph
    >>> latest_meeting_with_themes(small_world_graph())
    'event-igf-2013'
    >>> latest_meeting_with_themes(small_world_graph(), held_by="2013-01-01") is None
    True
    """
    meetings = [
        (str(d.get("date", "")), n)
        for n, d in G.nodes(data=True)
        if d.get("label") == "Event" and d.get("kind") == kind and event_themes(G, n)
    ]
    held = [m for m in meetings if held_by is None or m[0] <= held_by]
    return max(held)[1] if held else None


@dataclass(frozen=True)
class Candidate:
    """Someone who could fill a gap: their stance, the area they engage on, and how to reach them."""

    stakeholder: str
    stance: str
    policy_area: str
    path: EngagementPath | None  # None: not reachable within max_hops


def gap_candidates(
    G: nx.MultiDiGraph,
    coalition: str | Iterable[str],
    policy_area: str,
    stakeholder_group: str | None,
    n: int = 5,
    max_hops: int = 6,
    costs: TieCosts = DEFAULT_COSTS,
    region: str | None = None,
    country: str | None = None,
) -> list[Candidate]:
    """Up to ``n`` stakeholders of ``stakeholder_group`` (None: any group) who could fill the gap on
    ``policy_area``, cheapest to reach first, each with the engagement path that reaches them.

    Candidates engage on the policy area as allies or neutral (allies first at equal cost); when
    there are too few, those who engage on a related policy area (RELATES_TO) follow. Nobody opposed
    is a candidate; unreachable candidates come last, without a path. With ``region`` or ``country``
    (ids), only stakeholders based there are candidates, as in ``coverage_matrix``.
    """
    if policy_area not in G or G.nodes[policy_area].get("label") != "PolicyArea":
        raise GraphkitError(f"no PolicyArea with id {policy_area!r}")
    best = _candidates(G, policy_area, stakeholder_group, region, country)
    net = tie_network(G, costs)
    members = resolve_sources(G, coalition)
    dist, pred, _ = cheapest_tree(net, members, max_hops, net.never_between)
    order = sorted(best, key=lambda s: (best[s][0], s not in dist, dist.get(s, 0.0), best[s][1], s))
    out = []
    for s in order[:n]:
        path = describe_path(net, path_to(pred, s), dist[s]) if s in dist else None
        out.append(Candidate(s, best[s][2], best[s][3], path))
    return out


def _candidates(
    G: nx.MultiDiGraph,
    policy_area: str,
    stakeholder_group: str | None,
    region: str | None,
    country: str | None,
) -> dict[str, tuple[int, int, str, str]]:
    """Who may fill the gap, each with their best (area rank, stance rank, stance, area): not opposed,
    engaged on ``policy_area`` (rank 0) or a related one (rank 1), of the group and place asked for."""
    places = _places(G) if region or country else {}
    related_areas = set(related(G, policy_area, "RELATES_TO")) | {
        s for s, _, k in G.in_edges(policy_area, keys=True) if k == "RELATES_TO"
    }
    best: dict[str, tuple[int, int, str, str]] = {}
    for s, pa, k, d in G.edges(keys=True, data=True):
        if k != "ENGAGES_ON" or not _of(G, s, stakeholder_group, places.get(s), region, country):
            continue
        stance = d.get("stance") or "neutral"
        if stance == "opposed" or (pa != policy_area and pa not in related_areas):
            continue
        rank = (0 if pa == policy_area else 1, 0 if stance in ALLY_STANCES else 1, stance, pa)
        if s not in best or rank < best[s]:
            best[s] = rank
    return best


def _of(
    G: nx.MultiDiGraph,
    s: str,
    stakeholder_group: str | None,
    place: tuple[str | None, str | None] | None,
    region: str | None,
    country: str | None,
) -> bool:
    """Whether ``s`` is of the stakeholder group (None: any) and based in the country and region asked
    for; ``place`` is its (country, region), from ``_places``."""
    if stakeholder_group is not None and G.nodes[s].get("stakeholder_group") != stakeholder_group:
        return False
    in_country, in_region = place or (None, None)
    return (not country or in_country == country) and (not region or in_region == region)
