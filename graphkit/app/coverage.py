"""The Coverage gaps page: where the coalition has allies on each policy area, and who could fill the gaps.

``graphkit.app.main`` runs this file as a page of its ``st.navigation``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import altair as alt
import networkx as nx
import pandas as pd
import streamlit as st

from graphkit.analysis.coverage import (
    COLUMNS,
    FIELD_COLUMNS,
    Candidate,
    Cell,
    CoverageMatrix,
    choice_fields,
    coverage_matrix,
    event_themes,
    gap_candidates,
    latest_meeting_with_themes,
    library_absences,
)
from graphkit.analysis.paths import hops
from graphkit.app import state
from graphkit.app.views import saved_views_control
from graphkit.app.widgets import coalition_select, ids_by_name, linked, md, stored_graph
from graphkit.errors import GraphkitError
from graphkit.graph.describe import name
from graphkit.model import POLICY_AREA_KINDS
from graphkit.store import store_url

MEETING = "meeting"  # the rows choice "the themes of one IGF meeting"
ROW_KINDS = {
    MEETING: "themes of an IGF meeting",
    "igf_theme": "IGF themes of every year",
    "wsis_action_line": "WSIS action lines",
    "sdg": "Sustainable Development Goals",
    "gdc_objective": "Global Digital Compact objectives",
    "policy_domain": "policy domains",
}
COLUMN_KINDS = {"stakeholder_group": "stakeholder groups", "region": "regions", "country": "countries"}
ONE_COLUMN = {"stakeholder_group": "Stakeholder group", "region": "Region", "country": "Country"}
# What each status means, as the chart's legend says it; colours from "no one" (red) to "covered" (green).
STATUS_COLOURS = {"gap": "#d9534f", "weak": "#f0ad4e", "covered": "#5cb85c"}
CANDIDATES = 5
MOST_ACROSS = 12  # more columns than this: the policy areas go across instead
LISTED = 25  # names listed per kind of stakeholder in a cell; the rest are counted

ROW_KEY, COLUMN_KEY, CHART_KEY = "coverage_row", "coverage_column", "coverage_chart"


@dataclass(frozen=True)
class Choice:
    """What the controls ask for."""

    coalition: str
    rows: str
    columns: str
    region: str | None
    country: str | None
    max_hops: int
    weak_below: int
    via_related: bool = False
    event: str | None = None  # rows: the themes of this meeting


@st.cache_data(max_entries=32, show_spinner=False)
def _matrix(url: str, version: int, choice: Choice) -> CoverageMatrix:
    c = choice
    return coverage_matrix(
        state.graph(url),
        c.coalition,
        rows=c.rows,
        columns=c.columns,
        region=c.region,
        country=c.country,
        max_hops=c.max_hops,
        weak_below=c.weak_below,
        via_related=c.via_related,
        event=c.event,
    )


@st.cache_data(max_entries=64, show_spinner=False)
def _candidates(url: str, version: int, choice: Choice, row: str, column: str, n: int) -> list[Candidate]:
    group, region, country = None, choice.region, choice.country
    if choice.columns == "stakeholder_group":
        group = column
    elif choice.columns == "region":
        region = column
    elif choice.columns == "country":
        country = column
    return gap_candidates(state.graph(url), choice.coalition, row, group, n=n, region=region, country=country)


@st.cache_data(max_entries=8, show_spinner=False)
def _absent(url: str, version: int, kind: str, event: str | None) -> list[str]:
    G = state.graph(url)
    return library_absences(G, kind, among=event_themes(G, event) if event else None)


def meetings(G: nx.MultiDiGraph) -> list[str]:
    """The IGF meetings that have themes, newest first, except that the latest one held by today leads
    (the page opens on it; a planned meeting comes after it)."""
    found = sorted(
        (n for n, d in G.nodes(data=True) if d.get("label") == "Event" and d.get("kind") == "igf"),
        key=lambda n: str(G.nodes[n].get("date", "")),
        reverse=True,
    )
    found = [n for n in found if event_themes(G, n)]
    latest = latest_meeting_with_themes(G, held_by=date.today().isoformat())
    return [latest, *(n for n in found if n != latest)] if latest else found


def meeting_title(G: nx.MultiDiGraph, event: str) -> str:
    """A meeting's name and year, e.g. "IGF 2025 Lillestrøm (2025)"."""
    year = str(G.nodes[event].get("date", ""))[:4]
    return f"{name(G, event)} ({year})" if year else name(G, event)


def controls(G: nx.MultiDiGraph, kinds: list[str], initiatives: list[str]) -> Choice:
    """Draw the controls above the heatmap; return what they ask for. The rows open on the themes of
    the latest IGF meeting held that has themes."""
    found = meetings(G)
    c1, c2, c3, c4 = st.columns(4)
    rows = c1.selectbox(
        "Rows: policy areas",
        [MEETING, *kinds] if found else kinds,
        format_func=ROW_KINDS.get,
        key="coverage_rows",
        bind="query-params",
    )
    event = None
    if rows == MEETING:
        event = c1.selectbox(
            "IGF meeting",
            found,
            format_func=lambda n: meeting_title(G, n),
            key="coverage_event",
            bind="query-params",
        )
    own = [FIELD_COLUMNS + f for f in choice_fields(G)]  # the team's declared choice fields
    columns = c2.selectbox(
        "Columns",
        [*COLUMNS, *own],
        format_func=lambda c: COLUMN_KINDS.get(c) or c.removeprefix(FIELD_COLUMNS).replace("_", " "),
        key="coverage_columns",
        bind="query-params",
    )
    region = c3.selectbox(
        "Only stakeholders based in region",
        [None, *ids_by_name(G, ("Region",))],
        format_func=lambda n: "all regions" if n is None else name(G, n),
        key="coverage_region",
        bind="query-params",
    )
    countries = ids_by_name(G, ("Country",))
    if region:
        countries = [c for c in countries if G.has_edge(c, region, "IN_REGION")]
    country = c4.selectbox(
        "Only stakeholders based in country",
        [None, *countries],
        format_func=lambda n: "all countries" if n is None else name(G, n),
        key="coverage_country",
        bind="query-params",
    )
    via_related = st.checkbox(
        "Count stances on related areas (e.g. action lines toward SDGs)",
        key="coverage_via_related",
        bind="query-params",
        help="A stance on a policy area also counts on each area it relates to, one step on: WSIS C3 "
        "toward the SDGs it serves, a C7 sub-line toward C7. A stance on the row's own area wins.",
    )
    with st.expander("Coalition and reach"):
        e1, e2, e3 = st.columns(3)
        coalition = coalition_select(e1, G, initiatives, "coverage_coalition")
        max_hops = e2.slider(
            "An ally counts when the coalition reaches them within … hops",
            0,
            6,
            3,
            key="coverage_hops",
            bind="query-params",
        )
        weak_below = e3.slider(
            "A cell is weak below … reachable allies", 1, 10, 3, key="coverage_weak", bind="query-params"
        )
    kind = "igf_theme" if rows == MEETING else rows
    return Choice(coalition, kind, columns, region, country, max_hops, weak_below, via_related, event)


def _status_names(m: CoverageMatrix) -> dict[str, str]:
    return {
        "gap": f"gap: no ally the coalition reaches within {hops(m.max_hops)}",
        "weak": f"weak: fewer than {m.weak_below} reachable allies",
        "covered": f"covered: {m.weak_below} or more reachable allies",
    }


def _label(cell: Cell) -> str:
    if cell.status == "gap":
        return "gap"
    if cell.status == "weak":
        return f"weak · {len(cell.reachable_allies)}"
    return str(len(cell.reachable_allies))


def in_words(m: CoverageMatrix, columns: list[str]) -> str:
    """Markdown: the matrix as a list, a policy area a line, its gaps first, then weak and covered
    cells with how many allies the coalition reaches there (for a screen too narrow for the heatmap)."""
    lines = []
    for r in m.rows:
        cells = [m.cell(r, c) for c in columns]
        parts = []
        for status, word in (("gap", "gaps"), ("weak", "weak"), ("covered", "covered")):
            found = [c for c in cells if c.status == status]
            if found:
                said = ", ".join(
                    md(m.column_names[c.column])
                    + ("" if status == "gap" else f" ({len(c.reachable_allies)})")
                    for c in found
                )
                parts.append(f"**{word}**: {said}")
        lines.append(f"- **{md(m.row_names[r])}** — " + "; ".join(parts))
    return "\n".join(lines)


def heatmap(m: CoverageMatrix, columns: list[str], word: str, chosen: tuple[str, str]) -> alt.LayerChart:
    """Policy areas x columns, coloured by status; each cell says gap, weak and how many, or how many.

    With many columns (countries) the policy areas go across instead, so that every cell stays readable.
    """
    statuses = _status_names(m)
    df = pd.DataFrame(
        [
            {
                "row": c.row,
                "column": c.column,
                "Policy area": m.row_names[c.row],
                word: m.column_names[c.column],
                "Status": statuses[c.status],
                "Reachable allies": len(c.reachable_allies),
                "Allies": len(c.allies),
                "Neutral": len(c.neutral),
                "Opposed": len(c.opposed),
                "text": _label(c),
                "chosen": (c.row, c.column) == chosen,
            }
            for c in (m.cell(r, col) for r in m.rows for col in columns)
        ]
    )
    rows = [m.row_names[r] for r in m.rows]
    cols = [m.column_names[c] for c in columns]
    (across, across_order), (down, down_order) = (word, cols), ("Policy area", rows)
    if len(cols) > MOST_ACROSS:
        (across, across_order), (down, down_order) = (down, down_order), (across, across_order)
    slanted = len(across_order) > 8 or max(len(n) for n in across_order) > 24
    pick = alt.selection_point(name="cell", fields=["row", "column"], on="click", clear=False)
    base = alt.Chart(df).encode(
        x=alt.X(
            f"{across}:N",
            sort=across_order,
            title=None,
            axis=alt.Axis(
                orient="top",
                labelAngle=-30 if slanted else 0,
                labelLimit=240,
                labelFontSize=12,
                labelOverlap=False,  # slanted labels do not collide, though their boxes do
            ),
        ),
        y=alt.Y(f"{down}:N", sort=down_order, title=None, axis=alt.Axis(labelLimit=340, labelFontSize=12)),
    )
    cells = (
        base.mark_rect(cornerRadius=3)
        .encode(
            color=alt.Color(
                "Status:N",
                scale=alt.Scale(domain=list(statuses.values()), range=list(STATUS_COLOURS.values())),
                # one status a line: side by side, three sentences ran past the chart's right edge
                legend=alt.Legend(title=None, orient="bottom", direction="vertical", labelLimit=400),
            ),
            stroke=alt.condition("datum.chosen", alt.value("#111111"), alt.value("#ffffff")),
            strokeWidth=alt.condition("datum.chosen", alt.value(3), alt.value(1.5)),
            tooltip=["Policy area", word, "Status", "Reachable allies", "Allies", "Neutral", "Opposed"],
        )
        .add_params(pick)
    )
    text = base.mark_text(fontSize=12, fontWeight="bold").encode(text="text:N", color=alt.value("#1d1d1d"))
    # The height holds the axis labels on top and the legend below as well as the rows.
    labels = 30 + 4 * max(len(n) for n in across_order) if slanted else 30
    return (cells + text).properties(height=32 * len(down_order) + labels + 90)


def shown_columns(m: CoverageMatrix, choice: Choice) -> list[str]:
    """The columns to show: for countries, only those where someone engages on these policy areas."""
    if choice.columns != "country":
        return list(m.columns)
    return [c for c in m.columns if any(_anyone(m.cell(r, c)) for r in m.rows)]


def _anyone(cell: Cell) -> bool:
    return bool(cell.allies or cell.neutral or cell.opposed)


def _on_click() -> None:
    """A click on a cell chooses it in the selectboxes (a callback may set other widgets' values)."""
    event = st.session_state.get(CHART_KEY)
    points = event.selection.get("cell", []) if event else []
    if points:
        st.session_state[ROW_KEY] = points[0]["row"]
        st.session_state[COLUMN_KEY] = points[0]["column"]


def _default_cell(m: CoverageMatrix, columns: list[str]) -> tuple[str, str]:
    """The first gap (libraries first, when the columns are stakeholder groups; someone there
    first, who might be won over), else the first cell."""
    cells = [m.cell(r, c) for r in m.rows for c in columns]
    gaps = sorted(
        (c for c in cells if c.status == "gap"), key=lambda c: (c.column != "library", not _anyone(c))
    )
    first = gaps[0] if gaps else cells[0]
    return first.row, first.column


def _chosen(m: CoverageMatrix, columns: list[str]) -> tuple[str, str]:
    """The chosen cell; a choice no longer shown (other columns, filters) falls back to the default."""
    for key, options, i in ((ROW_KEY, m.rows, 0), (COLUMN_KEY, columns, 1)):
        if st.session_state.get(key) not in options:
            st.session_state[key] = _default_cell(m, columns)[i]
    return st.session_state[ROW_KEY], st.session_state[COLUMN_KEY]


def _names(G: nx.MultiDiGraph, title: str, ids: tuple[str, ...], via: tuple[str, ...] = ()) -> str:
    """A heading with the count, then the names (those in ``via`` marked as counted through a related area)."""
    lines = [
        f"- {linked(G, n)}" + (" · via a related area" if n in via else "")
        for n in sorted(ids, key=lambda n: name(G, n).casefold())[:LISTED]
    ]
    if len(ids) > LISTED:
        lines.append(f"- … and {len(ids) - LISTED} more")
    return f"##### {title} ({len(ids)})\n" + ("\n".join(lines) if lines else "- nobody")


def show_cell(url: str, G: nx.MultiDiGraph, m: CoverageMatrix, columns: list[str], choice: Choice) -> None:
    """The chosen cell: who engages there, and for a gap or weak cell who could fill it."""
    st.subheader("Who is there, and who could fill the gap")
    st.caption("Click a cell in the chart, or choose one here.")
    c1, c2 = st.columns(2)
    # No default (index=None): Streamlit leaves a bound widget's default out of the address, and the
    # first option would then be lost from a link, which opens on the first gap instead.
    row = c1.selectbox(
        "Policy area", m.rows, format_func=m.row_names.get, key=ROW_KEY, bind="query-params", index=None
    )
    column = c2.selectbox(
        ONE_COLUMN.get(choice.columns) or choice.columns.removeprefix(FIELD_COLUMNS).replace("_", " "),
        columns,
        format_func=m.column_names.get,
        key=COLUMN_KEY,
        bind="query-params",
        index=None,
    )
    cell = m.cell(row, column)
    where = f"**{md(m.row_names[row])}** in **{md(m.column_names[column])}**"
    reached = len(cell.reachable_allies)
    if cell.status == "gap":
        more = f" ({len(cell.allies)} allies, all out of reach)" if cell.allies else ""
        st.error(f"{where}: a gap — no ally the coalition reaches within {hops(m.max_hops)}{more}.")
    elif cell.status == "weak":
        st.warning(
            f"{where}: weak — {reached} reachable all{'y' if reached == 1 else 'ies'}, fewer than {m.weak_below}."
        )
    else:
        st.success(f"{where}: covered — {reached} allies the coalition reaches within {hops(m.max_hops)}.")
    out_of_reach = tuple(a for a in cell.allies if a not in cell.reachable_allies)
    cols = st.columns(4)
    for col, (title, ids) in zip(
        cols,
        (
            ("Allies the coalition reaches", cell.reachable_allies),
            ("Allies out of reach", out_of_reach),
            ("Neutral", cell.neutral),
            ("Opposed", cell.opposed),
        ),
        strict=True,
    ):
        col.markdown(_names(G, title, ids, cell.via_related))
    if cell.status == "covered":
        return
    st.markdown("#### Best candidates to fill it")
    with st.spinner("Finding candidates and the introductions that reach them…"):
        # Reachable allies already count in the cell: ask for enough to list others.
        found = _candidates(url, state.data_version(url), choice, row, column, CANDIDATES + reached)
    found = [c for c in found if c.stakeholder not in cell.reachable_allies][:CANDIDATES]
    if not found:
        st.info(
            "Nobody in this cell engages on this policy area or a related one yet, apart from opponents: "
            "recruit someone new, e.g. at the next event on the theme."
        )
        return
    for i, c in enumerate(found, 1):
        show_candidate(G, i, c, row)


def show_candidate(G: nx.MultiDiGraph, i: int, c: Candidate, row: str) -> None:
    """One candidate: who, their stance, and the introductions that reach them."""
    on = "on this policy area" if c.policy_area == row else f"on the related {md(name(G, c.policy_area))}"
    with st.container(border=True):
        head = f"**{i}. {linked(G, c.stakeholder)}** — {c.stance} {on}"
        if c.path is None:
            st.markdown(f"{head}  \nNot reachable through known introductions: meet them at an event.")
        elif not c.path.hops:
            st.markdown(f"{head}  \nAlready in the coalition: ask them to speak up here.")
        else:
            lines = "\n".join(f"{n}. {md(h.said)}" for n, h in enumerate(c.path.hops, 1))
            st.markdown(f"{head}  \nReach them in {c.path.warmth()}:\n\n{lines}")


def summary(G: nx.MultiDiGraph, m: CoverageMatrix, columns: list[str], choice: Choice) -> str:
    """The line above the matrix: what it crosses, its gaps and weak cells, and what a number means."""
    cells = [m.cell(r, c) for r in m.rows for c in columns]
    gaps, weak = (sum(c.status == status for c in cells) for status in ("gap", "weak"))
    left_out = len(m.columns) - len(columns)
    column_kind = COLUMN_KINDS.get(choice.columns) or (
        f"values of {choice.columns.removeprefix(FIELD_COLUMNS).replace('_', ' ')}"
    )
    what = (
        f"The themes of **{md(meeting_title(G, choice.event))}**: {len(m.rows)}"
        if choice.event
        else f"{len(m.rows)} {ROW_KINDS[choice.rows]}"
    )
    return (
        f"{what} by {len(columns)} {column_kind}: "
        f"**{gaps} gaps, {weak} weak**. A number is how many allies (champions or supporters) "
        f"the coalition reaches within {hops(m.max_hops)}."
        + (" Stances on related areas count too; a direct stance wins." if m.via_related else "")
        + (
            f" Left out: {left_out} {'country' if left_out == 1 else 'countries'} where nobody engages "
            "on these policy areas."
            if left_out
            else ""
        )
    )


def render() -> None:
    """Draw the Coverage gaps page."""
    url = store_url()
    st.title("Coverage gaps")
    st.write(
        "Where the coalition has allies it can reach on each policy area — by stakeholder group, region "
        "or country — and who could fill the gaps."
    )
    G = stored_graph(url)
    if G is None:
        return
    saved_views_control(url, "coverage")
    kinds = [
        k
        for k in POLICY_AREA_KINDS
        if any(d.get("kind") == k for _, d in G.nodes(data=True) if d.get("label") == "PolicyArea")
    ]
    initiatives = ids_by_name(G, ("Initiative",))
    if not kinds or not initiatives:
        st.warning(
            "Coverage needs policy areas and an Initiative whose members are the coalition; "
            "add them on the Data page or load the seed data with `graphkit seed`."
        )
        return
    choice = controls(G, kinds, initiatives)
    version = state.data_version(url)
    try:
        with st.spinner("Finding who engages where…"):
            m = _matrix(url, version, choice)
    except GraphkitError as e:
        st.error(str(e))
        return
    absent = _absent(url, version, choice.rows, choice.event)
    if absent:
        st.info(
            "**No library stakeholder engages at all on:** "
            + "; ".join(md(name(G, a)) for a in absent)
            + ". Libraries have no voice there yet."
        )
    columns = shown_columns(m, choice)
    if not columns:
        st.warning(
            "Nobody based there engages on these policy areas: choose another region or country, "
            "or other policy areas."
        )
        return
    st.caption(summary(G, m, columns, choice))
    # The heatmap on a wide screen, the same matrix as a list on a narrow one (graphkit.app.STYLE).
    with st.container(key="coverage-heatmap"):
        st.altair_chart(
            heatmap(
                m,
                columns,
                ONE_COLUMN.get(choice.columns)
                or choice.columns.removeprefix(FIELD_COLUMNS).replace("_", " "),
                _chosen(m, columns),
            ),
            on_select=_on_click,
            selection_mode="cell",
            key=CHART_KEY,
            width="stretch",
        )
    with st.container(key="coverage-list"):
        st.markdown(in_words(m, columns))
    show_cell(url, G, m, columns, choice)


if __name__ == "__main__":
    render()
