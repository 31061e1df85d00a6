"""Validation of nodes and relationships against the schema."""

from __future__ import annotations

from itertools import product

from graphkit.errors import Problem
from graphkit.model.records import Node, Relationship
from graphkit.model.schema import (
    APP_LABELS,
    BUILT_IN,
    FIELD_DEF,
    FIELD_NAME,
    ID_PATTERN,
    NAME_LIMIT,
    NODE_FIELDS,
    RELATIONSHIP_FIELDS,
    RELATIONSHIP_TYPES,
    Field,
    Schema,
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
# A declared schema's fields by label, kept for the schemas last asked about (a load asks of millions).
_DECLARED: dict[int, tuple[Schema, dict[str, _Fields]]] = {}


def _node_fields(label: str, schema: Schema) -> _Fields | None:
    if not schema.defs or label not in _NODE_FIELD_MAP:
        return _NODE_FIELD_MAP.get(label)
    held = _DECLARED.get(id(schema))
    if held is None or held[0] is not schema:
        if len(_DECLARED) > 32:
            _DECLARED.clear()
        held = _DECLARED[id(schema)] = (schema, {})
    fields = held[1].get(label)
    if fields is None:
        fields = held[1][label] = _Fields(schema.node_fields(label))
    return fields


def _check_props(record: Node | Relationship, fields: _Fields, problems: list[Problem]) -> None:
    props = record.props
    for name, value in props.items():
        spec = fields.get(name)
        if spec is None:
            allowed = ", ".join(fields) or "none"
            declare = ""
            if isinstance(record, Node) and record.label not in APP_LABELS:
                declare = f"; or declare it: graphkit fields add {record.label} {name} --type text|number|date|list|choice|yes_no"
            problems.append(Problem(record.where(), name, f"unknown field; allowed: {allowed}{declare}"))
        elif value is not None and not spec.valid(value):
            shown = f"{value[:60]!r}..." if isinstance(value, str) and len(value) > 60 else repr(value)
            problems.append(Problem(record.where(), name, f"expected {spec.expected()}, got {shown}"))
    for spec in fields.required:
        if props.get(spec.name) in (None, ""):
            problems.append(Problem(record.where(), spec.name, f"required: {spec.expected()}"))


def _check_id(record: Node | Relationship, field: str, value: object, problems: list[Problem]) -> bool:
    if type(value) is str and ID_PATTERN.fullmatch(value):
        return True
    where = record.where()
    if value in (None, ""):
        problems.append(Problem(where, field, "required: a stable id such as org-ifla"))
    else:
        problems.append(
            Problem(where, field, f"expected an id of letters, digits, '.', '_', ':' or '-', got {value!r}")
        )
    return False


def node_problems(node: Node, schema: Schema = BUILT_IN) -> list[Problem]:
    """Everything wrong with one node, on its own, by ``schema`` (an empty list when it is valid)."""
    problems: list[Problem] = []
    _check_id(node, "id", node.id, problems)
    fields = _node_fields(node.label, schema)
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
    if node.label == FIELD_DEF:
        problems += field_def_problems(node, schema)
    return problems


def field_def_problems(node: Node, schema: Schema) -> list[Problem]:
    """What is wrong with a FieldDef beyond its fields' values: a bad name, one the label already has."""
    where, name, props = node.where(), node.name, node.props
    label = props.get("of_label")
    if not isinstance(name, str) or not FIELD_NAME.match(name):
        return [
            Problem(
                where,
                "name",
                f"a field's name is lower-case letters, digits and '_', starting with a letter, got {name!r}",
            )
        ]
    problems = []
    if name in ("id", "name", "label", "type", "from", "to") or any(
        f.name == name for f in NODE_FIELDS.get(str(label), ())
    ):
        problems.append(Problem(where, "name", f"{label} already has a built-in field {name!r}"))
    other = schema.def_id(str(label), name)
    if other is not None and other != node.id:
        problems.append(Problem(where, "name", f"{label} already has a declared field {name!r}"))
    kind, choices = props.get("type"), props.get("choices")
    if kind == "choice" and not choices:
        problems.append(
            Problem(where, "choices", "a choice field needs its choices, such as --choices a,b,c")
        )
    if choices and kind not in ("choice", "list"):
        problems.append(Problem(where, "choices", f"only a choice or list field has choices, not a {kind}"))
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


#: The (source label, target label) pairs each relationship type allows: ``endpoint_problems`` finds
#: nothing wrong exactly when a relationship's pair is among its type's.
ENDS = {t: frozenset(product(spec.sources, spec.targets)) for t, spec in RELATIONSHIP_TYPES.items()}


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
