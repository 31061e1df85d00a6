"""The domain model: node labels, relationship types, their fields and allowed values.

This module is the one place that defines the schema; validation, the stores, the CSV layout
and the app all read it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graphkit.model.records import Node

STAKEHOLDER_GROUPS = (
    "government",
    "private_sector",
    "civil_society",
    "technical_community",
    "intergovernmental",
    "academia",
    "library",
)
STANCES = ("champion", "supportive", "neutral", "opposed")
ALLY_STANCES = ("champion", "supportive")
SENSITIVITIES = ("public", "internal", "private")
FACT_STATUSES = ("real", "illustrative")
POLICY_AREA_KINDS = ("igf_theme", "wsis_action_line", "sdg", "gdc_objective", "policy_domain")
ORG_TYPES = (
    "ministry",
    "regulator",
    "parliament",
    "government_agency",
    "company",
    "industry_association",
    "ngo",
    "foundation",
    "library",
    "library_association",
    "library_committee",
    "university",
    "research_institute",
    "technical_body",
    "un_agency",
    "intergovernmental_body",
    "network",
)
EVENT_KINDS = (
    "igf",
    "regional_igf",
    "national_igf",
    "ifla_wlic",
    "wsis_forum",
    "consultation",
    "conference",
    "meeting",
)
INITIATIVE_KINDS = ("dynamic_coalition", "coalition", "campaign", "programme", "network")
ATTENDANCE_ROLES = ("speaker", "organiser", "attendee", "participant")
INTERACTION_KINDS = ("meeting", "call", "email", "side_meeting", "message")
#: The app's pages a saved view can open (their url paths).
VIEW_PAGES = ("paths", "explore", "coverage", "influence", "events", "going-cold")

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,199}")  # fullmatch: "$" would let a final "\n" in
#: The longest name and the longest other text a record may hold.
NAME_LIMIT, TEXT_LIMIT = 300, 20_000
# Control characters (XML 1.0 cannot hold them; a NUL would make every later GraphML export invalid)
# and the bidirectional overrides and isolates that make text read other than it is stored.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")  # ASCII digits: int() would take "٣" for 3
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_COUNTRY = re.compile(r"^[A-Z]{2}$")
_NUMBER = re.compile(r"^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$")
_YES, _NO = ("yes", "y", "true", "1"), ("no", "n", "false", "0")
#: The kinds a team may declare a field as (``graphkit fields add ... --type``).
FIELD_TYPES = ("text", "number", "date", "list", "choice", "yes_no")
#: A declared field's name: lower-case letters, digits and ``_``, starting with a letter.
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,49}$")
#: How many items a list field holds at most, and how long each is.
LIST_LIMIT, ITEM_LIMIT = 100, NAME_LIMIT


@dataclass(frozen=True, slots=True)
class Field:
    """One property of a node or relationship and the values it allows."""

    name: str
    kind: str = "text"  # text | int | date | choice | iso_country | email | number | list | yes_no
    required: bool = False
    choices: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None
    declared: bool = False  # a team's own field (a FieldDef record), not the model's
    private: bool = False  # its values are private facts (``graphkit.model.privacy``)

    def expected(self) -> str:
        """Say in words what a valid value looks like."""
        if self.kind == "number":
            return "a number such as 3 or 2.5"
        if self.kind == "yes_no":
            return "yes or no"
        if self.kind == "list":
            items = f"one of {', '.join(self.choices)}" if self.choices else "text"
            return f"a list of at most {LIST_LIMIT} items ({items}), separated by ';'"
        if self.kind == "int":
            return f"a whole number from {self.low} to {self.high}"
        if self.kind == "date":
            return "an ISO date YYYY-MM-DD"
        if self.kind == "choice":
            return "one of " + ", ".join(self.choices)
        if self.kind == "iso_country":
            return "a two-letter ISO 3166 code such as BR"
        if self.kind == "email":
            return "an e-mail address such as ana@example.org"
        return f"text of at most {TEXT_LIMIT:,} characters, without control or direction-override characters"

    def parse(self, text: str) -> object:
        """Turn a cell from a file into a value; leave it as text when it does not parse."""
        if self.kind == "int":
            return int(text.strip()) if _INTEGER.match(text.strip()) else text
        if self.kind == "number":
            t = text.strip()
            return int(t) if _INTEGER.match(t) else float(t) if _NUMBER.match(t) else text
        if self.kind == "yes_no":
            word = text.strip().casefold()
            return True if word in _YES else False if word in _NO else text
        if self.kind == "list":
            return parse_list(text)
        return text.strip() if self.kind != "text" else text

    def parser(self) -> Callable[[str], object] | None:
        """``parse`` as the cheapest function that does the same, or None when a cell stays as it is
        (a load calls it for every cell)."""
        if self.kind == "text":
            return None
        return self.parse if self.kind in ("int", "number", "yes_no", "list") else str.strip

    def valid(self, value: object) -> bool:
        """Whether ``value`` is allowed here."""
        kind = self.kind
        if kind == "text":
            return safe_text(value, TEXT_LIMIT)
        if kind == "int":
            return type(value) is int and self.low <= value <= self.high  # type: ignore[operator]
        if kind == "number":
            return type(value) in (int, float) and math.isfinite(value)  # type: ignore[arg-type]
        if kind == "yes_no":
            return type(value) is bool
        if kind == "list":
            return (
                type(value) is list
                and 0 < len(value) <= LIST_LIMIT
                and all(safe_text(v, ITEM_LIMIT) and v.strip() for v in value)
                and (not self.choices or all(v in self.choices for v in value))
            )
        if kind == "choice":
            return type(value) is str and value in self.choices
        if kind == "date":
            return type(value) is str and bool(_ISO_DATE.match(value)) and _is_real_date(value)
        if kind == "email":
            return type(value) is str and safe_text(value, NAME_LIMIT) and bool(_EMAIL.match(value))
        return type(value) is str and bool(_ISO_COUNTRY.match(value))


def parse_list(text: str) -> list[str] | str:
    """A list cell: a JSON array of texts, else items separated by ``;``; empty items dropped.

    >>> parse_list("English; French"), parse_list('["a;b", "c"]')
    (['English', 'French'], ['a;b', 'c'])
    """
    t = text.strip()
    if t.startswith("["):
        try:
            items = json.loads(t)
        except ValueError:
            return text
        return items if isinstance(items, list) else text
    return [item.strip() for item in t.split(";") if item.strip()]


def list_text(value: list[str]) -> str:
    """A list as one cell that ``parse_list`` reads back: ``a; b``, or a JSON array when an item holds ``;``.

    >>> list_text(["English", "French"]), list_text(["a;b"])
    ('English; French', '["a;b"]')
    """
    if any(";" in v or v != v.strip() or v.startswith("[") for v in value):
        return json.dumps(value, ensure_ascii=False)
    return "; ".join(value)


def safe_text(value: object, limit: int) -> bool:
    """Whether ``value`` is text of at most ``limit`` characters without control or direction-override characters."""
    return type(value) is str and len(value) <= limit and not _UNSAFE.search(value)


def _is_real_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _choice(name: str, choices: tuple[str, ...], required: bool = False) -> Field:
    return Field(name, "choice", required=required, choices=choices)


def _scale(name: str) -> Field:
    return Field(name, "int", low=1, high=5)


# Fields every node and every relationship may carry.
SENSITIVITY = _choice("sensitivity", SENSITIVITIES)
SOURCE = Field("source")
# Whether a fact is on the public record (``real``, with a ``source`` that states it, read on
# ``retrieved_on``) or made up to show what the tool does (``illustrative``); unset means not said.
STATUS = _choice("status", FACT_STATUSES)
RETRIEVED_ON = Field("retrieved_on", "date")
NOTES = Field("notes")
_COMMON = (SENSITIVITY, SOURCE, STATUS, RETRIEVED_ON, NOTES)
#: Node fields that only describe: no analysis, filter or layout reads them, so a change to them
#: alone (or to a name) leaves the network's shape as it was (``graphkit.graph.feed.reshapes``).
DESCRIPTIVE_FIELDS = frozenset(
    {
        "notes",
        "email",
        "title",
        "acronym",
        "website",
        "talking_points",
        "place",
        "outcome",
        "status",
        "retrieved_on",
    }
)

STAKEHOLDER_GROUP = _choice("stakeholder_group", STAKEHOLDER_GROUPS, required=True)

NODE_FIELDS: dict[str, tuple[Field, ...]] = {
    "Person": (Field("title"), STAKEHOLDER_GROUP, Field("email", "email"), *_COMMON),
    "Organization": (
        STAKEHOLDER_GROUP,
        _choice("org_type", ORG_TYPES, required=True),
        Field("acronym"),
        Field("website"),
        *_COMMON,
    ),
    "Country": (Field("iso", "iso_country", required=True), *_COMMON),
    "Region": (*_COMMON,),
    "PolicyArea": (
        _choice("kind", POLICY_AREA_KINDS, required=True),
        Field("code"),
        Field("talking_points"),
        *_COMMON,
    ),
    "Event": (
        _choice("kind", EVENT_KINDS, required=True),
        Field("date", "date", required=True),
        Field("end_date", "date"),
        Field("place"),
        *_COMMON,
    ),
    "Initiative": (
        _choice("kind", INITIATIVE_KINDS, required=True),
        Field("website"),
        *_COMMON,
    ),
    # A meeting, call or e-mail thread that was logged: who took part (PARTICIPATED_IN), what was
    # discussed (DISCUSSED), where (HELD_AT). ``follow_up`` is when to get back in touch;
    # ``follow_up_done`` when that happened.
    "Interaction": (
        _choice("kind", INTERACTION_KINDS, required=True),
        Field("date", "date", required=True),
        Field("outcome"),
        Field("follow_up", "date"),
        Field("follow_up_done", "date"),
        *_COMMON,
    ),
    # A saved view that a team shares: a page (``page``) and its parameters (``params``, records by
    # id, checked against the page's allow-list in ``graphkit.model.views``), named.
    "View": (
        _choice("page", VIEW_PAGES, required=True),
        Field("params"),
        *_COMMON,
    ),
}
FIELD_DEF = "FieldDef"
#: Labels of the app's own records (saved views, declared fields), not stakeholders or their world: the
#: graph that pages and analyses read leaves them out (``graphkit.graph.filters.analysed``).
APP_LABELS = frozenset({"View", FIELD_DEF})
#: The labels of the network itself: every label but the app's own.
NETWORK_LABELS = tuple(label for label in NODE_FIELDS if label not in APP_LABELS)
# A field a team declared (``graphkit.edits.fields``): its name is the record's name, ``of_label`` the
# label whose records carry it, ``type`` one of FIELD_TYPES, ``choices`` a choice's or a list's allowed
# values, ``private`` whether its values are private facts.
NODE_FIELDS[FIELD_DEF] = (
    _choice("of_label", NETWORK_LABELS, required=True),
    _choice("type", FIELD_TYPES, required=True),
    Field("choices", "list"),
    Field("private", "yes_no"),
    NOTES,
)
NODE_LABELS = tuple(NODE_FIELDS)
STAKEHOLDER_LABELS = ("Person", "Organization")


@dataclass(frozen=True, slots=True)
class RelationshipType:
    """A relationship type: which labels it may join, and its fields."""

    name: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    fields: tuple[Field, ...]


_STAKEHOLDERS = STAKEHOLDER_LABELS
RELATIONSHIP_TYPES: dict[str, RelationshipType] = {
    t.name: t
    for t in (
        RelationshipType(
            "WORKS_FOR",
            ("Person",),
            ("Organization",),
            (Field("role"), Field("since", "date"), Field("until", "date")),
        ),
        RelationshipType(
            "KNOWS",
            ("Person",),
            ("Person",),
            (_scale("strength"), Field("last_contact", "date"), Field("context")),
        ),
        RelationshipType("MEMBER_OF", _STAKEHOLDERS, ("Organization", "Initiative"), (Field("role"),)),
        RelationshipType("PARTNERS_WITH", ("Organization",), ("Organization",), ()),
        RelationshipType(
            "ENGAGES_ON",
            _STAKEHOLDERS,
            ("PolicyArea",),
            (_choice("stance", STANCES), _scale("influence"), _scale("interest")),
        ),
        RelationshipType("ATTENDS", _STAKEHOLDERS, ("Event",), (_choice("role", ATTENDANCE_ROLES),)),
        RelationshipType("COVERS", ("Event", "Initiative"), ("PolicyArea",), ()),
        RelationshipType("BASED_IN", _STAKEHOLDERS, ("Country",), ()),
        RelationshipType("IN_REGION", ("Country",), ("Region",), ()),
        RelationshipType("FUNDS", ("Organization",), ("Initiative", "Organization"), ()),
        RelationshipType("RELATES_TO", ("PolicyArea",), ("PolicyArea",), ()),
        RelationshipType("PARTICIPATED_IN", _STAKEHOLDERS, ("Interaction",), (Field("role"),)),
        RelationshipType("DISCUSSED", ("Interaction",), ("PolicyArea",), ()),
        RelationshipType("HELD_AT", ("Interaction",), ("Event",), ()),
        # where an initiative was launched (the Lyon Declaration at IFLA WLIC 2014)
        RelationshipType("LAUNCHED_AT", ("Initiative",), ("Event",), ()),
    )
}
RELATIONSHIP_FIELDS: dict[str, tuple[Field, ...]] = {
    name: (*t.fields, *_COMMON) for name, t in RELATIONSHIP_TYPES.items()
}


# -- the one description of the schema: the model's fields and a team's declared ones -------------------


def declared_field(record: Node | Mapping[str, Any]) -> tuple[str, Field]:
    """The label and Field that a FieldDef record (a Node, or a graph's node attributes) declares."""
    props = record.props if isinstance(record, Node) else record
    name = record.name if isinstance(record, Node) else record.get("name", "")
    kind = props.get("type", "text")
    return str(props.get("of_label", "")), Field(
        str(name),
        "choice" if kind == "choice" else kind,
        choices=tuple(props.get("choices") or ()),
        declared=True,
        private=props.get("private") is True,
    )


@dataclass(frozen=True)
class Schema:
    """Every label's and relationship type's fields: the model's own (``BUILT_IN``) and those a team
    declared (FieldDef records, by id). Validation, forms, filters, imports and exports read it.

    >>> s = BUILT_IN.declaring([Node("field-1", "FieldDef", "languages", {"of_label": "Person", "type": "list"})])
    >>> [f.name for f in s.declared("Person")], s.field("Person", "languages").kind
    (['languages'], 'list')
    """

    defs: Mapping[str, tuple[str, Field]] = field(default_factory=dict)  # FieldDef id -> (label, field)

    def declaring(self, records: Iterable[Node | tuple[str, Mapping[str, Any]]]) -> Schema:
        """This schema with the FieldDef records (Nodes, or ``(id, attributes)`` of a graph) declared."""
        defs = dict(self.defs)
        for r in records:
            node_id, data = (r.id, r) if isinstance(r, Node) else r
            defs[node_id] = declared_field(data)
        return Schema(defs)

    def without(self, ids: Iterable[str]) -> Schema:
        """This schema without the FieldDefs ``ids``."""
        gone = set(ids)
        return (
            Schema({i: d for i, d in self.defs.items() if i not in gone}) if gone & self.defs.keys() else self
        )

    def declared(self, label: str) -> tuple[Field, ...]:
        """The fields a team declared for ``label``, by name."""
        return tuple(sorted((f for lab, f in self.defs.values() if lab == label), key=lambda f: f.name))

    def node_fields(self, label: str) -> tuple[Field, ...]:
        """A label's fields: the model's, then the declared ones."""
        return (*NODE_FIELDS.get(label, ()), *self.declared(label))

    def relationship_fields(self, rel_type: str) -> tuple[Field, ...]:
        return RELATIONSHIP_FIELDS.get(rel_type, ())

    def field(self, label: str, name: str) -> Field | None:
        return next((f for f in self.node_fields(label) if f.name == name), None)

    def def_id(self, label: str, name: str) -> str | None:
        """The id of the FieldDef that declares ``name`` on ``label`` (None: none does)."""
        return next((i for i, (lab, f) in self.defs.items() if lab == label and f.name == name), None)

    def private_fields(self) -> dict[str, frozenset[str]]:
        """The private declared fields' names, by label."""
        found: dict[str, set[str]] = {}
        for label, f in self.defs.values():
            if f.private:
                found.setdefault(label, set()).add(f.name)
        return {label: frozenset(names) for label, names in found.items()}

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.defs.items())))


#: The model's own fields, nothing declared.
BUILT_IN = Schema()
