"""Validation of nodes and relationships against the schema."""

from __future__ import annotations

from graphkit.errors import Problem
from graphkit.model.records import Node, Relationship
from graphkit.model.schema import (
    ID_PATTERN,
    NAME_LIMIT,
    NODE_FIELDS,
    RELATIONSHIP_FIELDS,
    RELATIONSHIP_TYPES,
    Field,
    safe_text,
)
from graphkit.model.views import view_problems


class _Fields(dict[str, Field]):
    """A label's or type's fields by name, and the required ones apart (loads check millions of records)."""

    def __init__(self, fields: tuple[Field, ...]) -> None:
        super().__init__((f.name, f) for f in fields)
        self.required = tuple(f for f in fields if f.required)


_NODE_FIELD_MAP = {label: _Fields(fs) for label, fs in NODE_FIELDS.items()}
_REL_FIELD_MAP = {t: _Fields(fs) for t, fs in RELATIONSHIP_FIELDS.items()}


def _check_props(record: Node | Relationship, fields: _Fields, problems: list[Problem]) -> None:
    props = record.props
    for name, value in props.items():
        spec = fields.get(name)
        if spec is None:
            allowed = ", ".join(fields) or "none"
            problems.append(Problem(record.where(), name, f"unknown field; allowed: {allowed}"))
        elif value is not None and not spec.valid(value):
            shown = f"{value[:60]!r}..." if isinstance(value, str) and len(value) > 60 else repr(value)
            problems.append(Problem(record.where(), name, f"expected {spec.expected()}, got {shown}"))
    for spec in fields.required:
        if props.get(spec.name) in (None, ""):
            problems.append(Problem(record.where(), spec.name, f"required: {spec.expected()}"))


def _check_id(record: Node | Relationship, field: str, value: object, problems: list[Problem]) -> bool:
    if type(value) is str and ID_PATTERN.match(value):
        return True
    where = record.where()
    if value in (None, ""):
        problems.append(Problem(where, field, "required: a stable id such as org-ifla"))
    else:
        problems.append(
            Problem(where, field, f"expected an id of letters, digits, '.', '_', ':' or '-', got {value!r}")
        )
    return False


def node_problems(node: Node) -> list[Problem]:
    """Everything wrong with one node, on its own (an empty list when it is valid)."""
    problems: list[Problem] = []
    _check_id(node, "id", node.id, problems)
    fields = _NODE_FIELD_MAP.get(node.label)
    if fields is None:
        allowed = ", ".join(NODE_FIELDS)
        problems.append(Problem(node.where(), "label", f"unknown label {node.label!r}; allowed: {allowed}"))
        return problems
    if not isinstance(node.name, str) or not node.name.strip():
        problems.append(Problem(node.where(), "name", "required: a non-empty name"))
    elif not safe_text(node.name, NAME_LIMIT):
        problems.append(
            Problem(
                node.where(),
                "name",
                f"expected at most {NAME_LIMIT} characters without control or direction-override characters, "
                f"got {node.name[:60]!r}{'...' if len(node.name) > 60 else ''}",
            )
        )
    _check_props(node, fields, problems)
    if node.label == "View":
        problems += view_problems(node.where(), node.props)
    return problems


def relationship_problems(rel: Relationship) -> list[Problem]:
    """Everything wrong with one relationship, leaving aside whether its endpoints exist."""
    problems: list[Problem] = []
    ok_source = _check_id(rel, "from", rel.source, problems)
    ok_target = _check_id(rel, "to", rel.target, problems)
    fields = _REL_FIELD_MAP.get(rel.type)
    if fields is None:
        allowed = ", ".join(RELATIONSHIP_TYPES)
        problems.append(
            Problem(rel.where(), "type", f"unknown relationship type {rel.type!r}; allowed: {allowed}")
        )
        return problems
    if ok_source and ok_target and rel.source == rel.target:
        problems.append(
            Problem(rel.where(), "to", f"a {rel.type} relationship cannot join {rel.source!r} to itself")
        )
    _check_props(rel, fields, problems)
    return problems


def endpoint_problems(rel: Relationship, source_label: str | None, target_label: str | None) -> list[Problem]:
    """What is wrong with a relationship's endpoints, given their labels (None: no such node)."""
    spec = RELATIONSHIP_TYPES[rel.type]
    problems = []
    for field, node_id, label, allowed in (
        ("from", rel.source, source_label, spec.sources),
        ("to", rel.target, target_label, spec.targets),
    ):
        if label is None:
            problems.append(Problem(rel.where(), field, f"no node with id {node_id!r}"))
        elif label not in allowed:
            problems.append(
                Problem(
                    rel.where(),
                    field,
                    f"{rel.type} needs a {' or '.join(allowed)} here, but {node_id!r} is a {label}",
                )
            )
    return problems
