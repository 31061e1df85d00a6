"""The domain model: schema, records and validation."""

from graphkit.model.interaction import Interaction
from graphkit.model.records import Node, Relationship
from graphkit.model.schema import (
    ALLY_STANCES,
    APP_LABELS,
    BUILT_IN,
    FIELD_DEF,
    FIELD_TYPES,
    INTERACTION_KINDS,
    NETWORK_LABELS,
    NODE_FIELDS,
    NODE_LABELS,
    POLICY_AREA_KINDS,
    RELATIONSHIP_FIELDS,
    RELATIONSHIP_TYPES,
    SENSITIVITIES,
    STAKEHOLDER_GROUPS,
    STAKEHOLDER_LABELS,
    STANCES,
    Field,
    Schema,
)
from graphkit.model.validation import endpoint_problems, node_problems, relationship_problems

__all__ = [
    "ALLY_STANCES",
    "APP_LABELS",
    "BUILT_IN",
    "FIELD_DEF",
    "FIELD_TYPES",
    "INTERACTION_KINDS",
    "NETWORK_LABELS",
    "NODE_FIELDS",
    "NODE_LABELS",
    "POLICY_AREA_KINDS",
    "RELATIONSHIP_FIELDS",
    "RELATIONSHIP_TYPES",
    "SENSITIVITIES",
    "STAKEHOLDER_GROUPS",
    "STAKEHOLDER_LABELS",
    "STANCES",
    "Field",
    "Interaction",
    "Node",
    "Relationship",
    "Schema",
    "endpoint_problems",
    "node_problems",
    "relationship_problems",
]
