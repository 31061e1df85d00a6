"""Widgets built from the model's schema, and a search whose results come as you type.

Each schema field gets the control its kind implies: a choice a select, a 1-5 scale a slider, a
date a date picker, an e-mail address a box checked as you type. ``unfit`` says, before any save,
which entered values the model would refuse and why, naming the field.
"""

from __future__ import annotations

from datetime import date

import networkx as nx
import streamlit as st

from graphkit.app.widgets import md
from graphkit.graph.search import find
from graphkit.model import Field

LONG_TEXT = ("notes", "talking_points", "context")
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)
#: Words for the ends of a 1-5 scale, by field.
SCALE_WORDS = {
    "strength": "1 = met once, 5 = close ally",
    "influence": "1 = little, 5 = decisive",
    "interest": "1 = little, 5 = a priority",
}
NOT_SET = "not set"


def words(field_name: str) -> str:
    """A field's name as it is said: ``"last_contact"`` -> ``"last contact"``."""
    return field_name.replace("_", " ")


def _help(f: Field) -> str:
    return ("Required: " if f.required else "") + f.expected()


def _choice(f: Field, label: str, value: object, key: str) -> str | None:
    options = [None, *f.choices]
    return st.selectbox(
        label,
        options,
        index=options.index(value) if value in options else 0,
        format_func=lambda v: "—" if v is None else words(v),
        key=key,
        help=_help(f),
    )


def _scale(f: Field, label: str, value: object, key: str) -> int | None:
    """A slider over the field's range, with "not set" at its left end for an optional field."""
    options = ([] if f.required else [None]) + list(range(f.low, f.high + 1))
    return st.select_slider(
        label,
        options,
        value=value if value in options else options[0],
        format_func=lambda v: NOT_SET if v is None else str(v),
        key=key,
        help=SCALE_WORDS.get(f.name, _help(f)),
    )


def _date(f: Field, label: str, value: object, key: str) -> str | None:
    try:
        shown = date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        shown = None
    picked = st.date_input(
        label, value=shown, min_value=EARLIEST, max_value=LATEST, format="YYYY-MM-DD", key=key, help=_help(f)
    )
    return picked.isoformat() if picked else None


def _text(f: Field, label: str, value: object, key: str) -> str | None:
    shown = "" if value is None else str(value)
    if f.name in LONG_TEXT:
        text = st.text_area(label, value=shown, key=key, help=_help(f))
    elif f.kind == "email":
        # Checked on the server as you type (live), by the model's own rule: the browser's own
        # check would keep a bad address from the page without saying which field it was.
        text = st.text_input(label, value=shown, key=key, help=_help(f), type="email", validate="", live=True)
    elif f.kind == "iso_country":
        text = st.text_input(label, value=shown, key=key, help=_help(f), max_chars=2, live=True)
    else:
        text = st.text_input(label, value=shown, key=key, help=_help(f))
    text = (text or "").strip()
    return (text.upper() if f.kind == "iso_country" else text) or None


def _number(f: Field, label: str, value: object, key: str) -> float | int | None:
    shown = value if type(value) in (int, float) else None
    number = st.number_input(
        label, value=shown, step=1 if isinstance(shown, int) or shown is None else 0.1, key=key, help=_help(f)
    )
    if number is None:
        return None
    return int(number) if float(number).is_integer() else number


def _list(f: Field, label: str, value: object, key: str) -> list[str] | None:
    """Tags: the field's choices, or any text typed in (a new tag)."""
    shown = [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
    options = list(dict.fromkeys([*f.choices, *shown]))
    picked = st.multiselect(
        label, options, default=shown, key=key, help=_help(f), accept_new_options=not f.choices
    )
    return [p.strip() for p in picked if p.strip()] or None


def _yes_no(f: Field, label: str, value: object, key: str) -> bool | None:
    """Yes, no, or not set (a checkbox could not say "not known")."""
    options = [None, True, False]
    return st.selectbox(
        label,
        options,
        index=options.index(value) if value in (True, False) else 0,
        format_func=lambda v: "—" if v is None else "yes" if v else "no",
        key=key,
        help=_help(f),
    )


_INPUTS = {
    "choice": _choice,
    "int": _scale,
    "date": _date,
    "number": _number,
    "list": _list,
    "yes_no": _yes_no,
}


def field_input(f: Field, value: object, key: str) -> object:
    """One input for a schema field, showing ``value``; returns the value entered (None when empty)."""
    label = words(f.name) + (" *" if f.required else "")
    return _INPUTS.get(f.kind, _text)(f, label, value, key)


def schema_inputs(fields: tuple[Field, ...], values: dict, key: str) -> dict:
    """Inputs for ``fields`` in two columns, showing ``values``; the entered properties, empty ones left out."""
    columns = st.columns(2)
    entered = {}
    for i, f in enumerate(fields):
        with columns[i % 2]:
            entered[f.name] = field_input(f, values.get(f.name), f"{key}-{f.name}")
    return {k: v for k, v in entered.items() if v is not None}


def unfit(fields: tuple[Field, ...], values: dict) -> list[tuple[str, str]]:
    """(field, what is wrong) for each entered value the model would refuse; empty ones are not
    checked here (a save says which are required)."""
    return [
        (f.name, f"expected {f.expected()}, got {values[f.name]!r}")
        for f in fields
        if values.get(f.name) is not None and not f.valid(values[f.name])
    ]


def show_unfit(problems: list[tuple[str, str]]) -> None:
    """Say, before a save, which fields hold what the model would refuse."""
    lines = "\n".join(f"- **{md(words(field))}**: {md(message)}" for field, message in problems)
    st.error(f"Check before saving:\n{lines}")


def search_box(
    G: nx.MultiDiGraph,
    label: str,
    key: str,
    labels: tuple[str, ...] = (),
    placeholder: str = "part of a name or acronym",
    limit: int = 20,
    **kwargs,
) -> tuple[str, list[str]]:
    """A search box whose results come as you type: its text, and the ids of the nodes (with one of
    ``labels``; any when empty) it finds, best first (``graphkit.graph.search.find``)."""
    text = st.text_input(label, key=key, type="search", live=True, placeholder=placeholder, **kwargs) or ""
    return text, find(G, text, labels, limit=limit)
