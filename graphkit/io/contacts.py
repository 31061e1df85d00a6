"""A contacts spreadsheet: one row per person, as advocates keep them in Excel.

    name,title,organisation,country,stakeholder group,email
    Amara Diallo,Programme manager,Kenya Library Association,KE,library,amara@example.org

Each row gives a Person (id ``person-<name slug>``), the Organization they work for (an existing one
when its name or acronym matches, else a new ``org-<name slug>``), WORKS_FOR, and BASED_IN the
Country given by name or ISO code, which must already be in the store. Headers are matched
forgivingly (case, spaces, "organization" or "organisation", "e-mail"); cells are kept as they are.
The file is UTF-8 (Excel's "CSV UTF-8", with or without BOM), separated by ``,`` or ``;``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from graphkit.errors import MAX_PROBLEMS, Problem, ValidationError
from graphkit.io.csv_folder import cell as cell_text
from graphkit.io.csv_folder import short_row_problem, sniff_delimiter
from graphkit.io.spreadsheet import csv_writer
from graphkit.model import Node, Relationship
from graphkit.model.ids import slug
from graphkit.model.schema import FACT_STATUSES, ORG_TYPES, STAKEHOLDER_GROUPS

if TYPE_CHECKING:
    from graphkit.io import Records
    from graphkit.store import Store

COLUMNS = (
    "name",
    "title",
    "organisation",
    "country",
    "stakeholder_group",
    "email",
    "org_type",
    "notes",
    "status",
)
REQUIRED = ("name", "stakeholder_group")
_HEADER_NAMES = {
    "name": ("name", "fullname", "contact", "contactname", "person"),
    "title": ("title", "jobtitle", "position", "function"),
    "organisation": ("organisation", "org", "organisationname", "employer", "institution", "company"),
    "country": ("country", "countrycode", "countryname", "iso"),
    "stakeholder_group": ("stakeholdergroup", "group", "stakeholder", "sector"),
    "email": ("email", "emailaddress", "mail"),
    "org_type": ("organisationtype", "orgtype", "typeoforganisation"),
    "notes": ("notes", "note", "comments", "comment"),
    "status": ("status",),  # real or illustrative, as every export writes it
}
_HEADERS = {alias: column for column, aliases in _HEADER_NAMES.items() for alias in aliases}

# The organisation type a new organisation gets when the sheet has no "organisation type" column.
DEFAULT_ORG_TYPES = {
    "government": "government_agency",
    "private_sector": "company",
    "civil_society": "ngo",
    "technical_community": "technical_body",
    "intergovernmental": "intergovernmental_body",
    "academia": "university",
    "library": "library",
}


def header_key(text: str) -> str:
    """A header cell reduced for matching: no case, spaces, '_', '-' or '.', 'organization' spelt with s."""
    return re.sub(r"[\s_\-.]+", "", text.casefold()).replace("organization", "organisation")


def _choice_key(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().casefold())


class ContactsFile:
    """People from one contacts spreadsheet, matched against the organisations and countries in ``store``."""

    def __init__(self, path: Path, store: Store) -> None:
        self.path = Path(path)
        # A person's fields the sheet has columns for (the rest are kept as stored); set from the header.
        self.named: frozenset[str] = frozenset()
        self.countries: dict[str, str] = {}
        self.organisations: dict[str, str] = {}
        # A person's declared fields (``graphkit fields add Person ...``), by the header that names them.
        self.declared = {header_key(f.name): f for f in store.schema().declared("Person")}
        for node in store.nodes():
            if node.label == "Country":
                self.countries[node.name.casefold()] = node.id
                if isinstance(node.props.get("iso"), str):
                    self.countries[node.props["iso"].casefold()] = node.id
            elif node.label == "Organization":
                self.organisations[node.id] = node.id  # a sheet's "org-<slug>" is that organisation
                self.organisations[node.name.casefold()] = node.id
                if node.props.get("acronym"):
                    self.organisations.setdefault(node.props["acronym"].casefold(), node.id)

    def _rows(self) -> Iterator[tuple[str, dict[str, str]]]:
        """Yield (origin, {column: cell}) per data row; raise a ValidationError for a bad file or header."""
        path = self.path
        try:
            with path.open(encoding="utf-8-sig", newline="") as f:
                delimiter = sniff_delimiter(f.readline())
                f.seek(0)
                reader = csv.reader(f, delimiter=delimiter)
                try:
                    yield from self._parse(reader)
                except csv.Error as e:
                    raise ValidationError(
                        [Problem(f"{path} row {reader.line_num}", "file", f"not readable as CSV: {e}")]
                    ) from None
        except UnicodeDecodeError:
            raise ValidationError(
                [
                    Problem(
                        str(path),
                        "encoding",
                        "not UTF-8 text; in Excel use 'Save as' > 'CSV UTF-8 (comma delimited)' and try again",
                    )
                ]
            ) from None

    def _parse(self, reader: csv.reader) -> Iterator[tuple[str, dict[str, str]]]:
        path = self.path
        header = next(reader, None)
        columns = self._columns(header)
        person_fields = {"title", "email", "notes", "status", *(f.name for f in self.declared.values())}
        person_fields &= set(columns.values())
        self.named = frozenset({"name", "stakeholder_group", *person_fields})
        short: list[Problem] = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) < len(header):
                short.append(short_row_problem(f"{path} row {reader.line_num}", header, row))
                if len(short) > MAX_PROBLEMS:
                    break
                continue
            cells = {column: row[i] for i, column in columns.items() if i < len(row) and row[i] != ""}
            for i in range(len(header), len(row)):
                if row[i].strip():
                    cells.setdefault(f"column {i + 1}", row[i])
            yield f"{path} row {reader.line_num}", cells
        if short:
            raise ValidationError(short)

    def _columns(self, header: list[str] | None) -> dict[int, str]:
        """Each header cell's column by position; a ValidationError for an empty, seed-layout or bad header."""
        path = self.path
        expected = "name, title, organisation, country, stakeholder group, email"
        if not header or not any(c.strip() for c in header):
            raise ValidationError([Problem(f"{path} row 1", "header", f"empty file; expected {expected}")])
        if {"id", "from"} & {c.strip() for c in header}:
            raise ValidationError(
                [
                    Problem(
                        f"{path} row 1",
                        "file name",
                        "this looks like a file of the seed's CSV layout; name it nodes/<Label>.csv "
                        "(such as nodes/Person.csv) or relationships/<TYPE>.csv (such as relationships/KNOWS.csv)",
                    )
                ]
            )
        problems, columns = [], {}
        for i, cell in enumerate(header):
            column = _HEADERS.get(header_key(cell))
            if column is None and header_key(cell) in self.declared:
                column = self.declared[header_key(cell)].name
            if column is None:
                name = re.sub(r"[^a-z0-9_]+", "_", cell.strip().casefold()).strip("_") or "field"
                problems.append(
                    Problem(
                        f"{path} row 1",
                        cell,
                        f"unknown column; expected {expected}, or a declared field "
                        f"(declare it: graphkit fields add Person {name} --type text|number|date|list|choice|yes_no)",
                    )
                )
            elif column in columns.values():
                problems.append(Problem(f"{path} row 1", cell, "column appears twice"))
            else:
                columns[i] = column
        for column in REQUIRED:
            if column not in columns.values():
                problems.append(Problem(f"{path} row 1", column.replace("_", " "), "missing column"))
        if problems:
            raise ValidationError(problems)
        return columns

    def _records(self) -> Iterator[tuple[list[Node], list[Relationship]]]:
        problems: list[Problem] = []
        new_orgs: set[str] = set()
        for origin, cells in self._rows():
            row_problems, group, country_id, org_type = self._checked(origin, cells)
            if row_problems:
                problems.extend(row_problems)
                if len(problems) > MAX_PROBLEMS:
                    break
                continue
            name = cells["name"]
            props: dict[str, object] = {k: cells[k] for k in ("title", "email", "notes") if k in cells}
            props.update((f.name, f.parse(cells[f.name])) for f in self.declared.values() if f.name in cells)
            if cells.get("status", "").strip():
                props["status"] = _choice_key(cells["status"])
            props["stakeholder_group"] = group
            person = Node(slug("person", name), "Person", name, props, origin, self.named)
            nodes, rels = [person], []
            org_name = cells.get("organisation", "")
            if org_name.strip():
                org_id = self.organisations.get(org_name.strip().casefold())
                if org_id is None:
                    org_id = slug("org", org_name)
                    if org_id not in new_orgs and org_id not in self.organisations:
                        new_orgs.add(org_id)
                        org_props = {"stakeholder_group": group, "org_type": org_type}
                        nodes.append(Node(org_id, "Organization", org_name, org_props, origin))
                rels.append(Relationship("WORKS_FOR", person.id, org_id, {}, origin, frozenset()))
            if country_id:
                rels.append(Relationship("BASED_IN", person.id, country_id, {}, origin, frozenset()))
            yield nodes, rels
        if problems:
            raise ValidationError(problems[:MAX_PROBLEMS], truncated=len(problems) > MAX_PROBLEMS)

    def _checked(self, origin: str, cells: dict[str, str]) -> tuple[list[Problem], str, str | None, str]:
        """One row's problems, and its stakeholder group, country id and organisation type."""
        row_problems = [
            Problem(origin, column, "a cell past the last column")
            for column in cells
            if column.startswith("column ")
        ]
        if not cells.get("name", "").strip():
            row_problems.append(Problem(origin, "name", "required: the person's name"))
        group = _choice_key(cells.get("stakeholder_group", ""))
        if group not in STAKEHOLDER_GROUPS:
            got = cells.get("stakeholder_group", "")
            row_problems.append(
                Problem(
                    origin,
                    "stakeholder group",
                    f"expected one of {', '.join(STAKEHOLDER_GROUPS)}, got {got!r}",
                )
            )
        country_id = None
        if cells.get("country", "").strip():
            country_id = self.countries.get(cells["country"].strip().casefold())
            if country_id is None:
                row_problems.append(
                    Problem(
                        origin,
                        "country",
                        f"no country named or coded {cells['country']!r} in the store; "
                        "expected a country name such as Kenya or an ISO code such as KE",
                    )
                )
        org_type = _choice_key(cells.get("org_type", "")) or DEFAULT_ORG_TYPES.get(group, "")
        if cells.get("status", "").strip() and _choice_key(cells["status"]) not in FACT_STATUSES:
            row_problems.append(Problem(origin, "status", f"expected one of {', '.join(FACT_STATUSES)}"))
        if "org_type" in cells and org_type not in ORG_TYPES:
            row_problems.append(
                Problem(origin, "organisation type", f"expected one of {', '.join(ORG_TYPES)}")
            )
        return row_problems, group, country_id, org_type

    def nodes(self) -> Iterator[Node]:
        """The people and the new organisations, in file order."""
        for nodes, _ in self._records():
            yield from nodes

    def relationships(self) -> Iterator[Relationship]:
        """WORKS_FOR and BASED_IN for each person."""
        for _, rels in self._records():
            yield from rels


def write_contacts(store: Records, path: Path) -> None:
    """Write every person as one spreadsheet row (their first employer and country, whether the
    person is real or illustrative, and their declared fields), spreadsheet-safe."""
    declared = store.schema().declared("Person")
    names = {}
    for node in store.nodes():
        if node.label in ("Organization", "Country"):
            names[node.id] = node.name
    employer: dict[str, str] = {}
    country: dict[str, str] = {}
    for r in store.relationships():
        if r.type == "WORKS_FOR":
            employer.setdefault(r.source, names.get(r.target, ""))
        elif r.type == "BASED_IN":
            country.setdefault(r.source, names.get(r.target, ""))
    with Path(path).open("w", encoding="utf-8", newline="") as f:
        w = csv_writer(f)
        w.writerow(
            ["name", "title", "organisation", "country", "stakeholder group", "email", "notes", "status"]
            + [f.name for f in declared]
        )
        for node in store.nodes():
            if node.label != "Person":
                continue
            p = node.props
            row = [node.name, p.get("title"), employer.get(node.id), country.get(node.id)]
            row += [p.get("stakeholder_group"), p.get("email"), p.get("notes"), p.get("status")]
            w.writerow(row + [cell_text(p.get(f.name)) for f in declared])
