"""CSV forms for the integrity graph: people, organisations, posts, the relations between them (and
yearly company facts, `company_facts.py`).

Registers that come as spreadsheets (officials and their posts, relatives, company registers,
lists of persons convicted of corruption or of PEPs) load into the same `nodes` and `edges` rows
as BODS and FtM, through the form machinery of `ingest/csv_forms.py` (header checked, every line
loaded or rejected with file, line and field; comma or semicolon, BOM, decimal comma). The form
of a file is told by its header: `person_id` → people, `org_id` → organisations, `position_id`
→ positions (posts of a body, held through an `occupancy` relation), `relation` → relations,
`company_id` → company facts.

Node ids are those the other importers and the synthetic world use, so a CSV graph meets OCDS
procurement: a valid 12-digit IIN is `kz-iin-<IIN>`, a valid BIN `kz-bin-<BIN>` (the fifth digit
tells them apart), anything else is a local id kept as written. A relation names its ends the same
way, so it needs no knowledge of the other files. A 12-digit id that is not a valid IIN (people)
or BIN (organisations) is an issue with the number masked, and gets no identifier.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from adaldyq.errors import InputError
from adaldyq.ingest.company_facts import FACT_COLUMNS, fact_record
from adaldyq.ingest.csv_forms import (
    BadLine,
    Column,
    Line,
    optional,
    read_form,
    read_header,
    text,
)
from adaldyq.ingest.graph_values import (
    GraphRead,
    GraphRecord,
    Issue,
    Rejected,
    Row,
    empty_edge,
    empty_node,
    parse_share,
    partial_date_text,
    set_interval,
)
from adaldyq.model.identity.identifiers import (
    Bin,
    Iin,
    InvalidIdentifier,
    clean,
    parse_bin,
    parse_iin,
    parse_iin_or_bin,
)

ORGANISATION_KINDS = {
    "company": "Company",
    "public_body": "PublicBody",
    "organisation": "Organization",
}
RELATIONS = {
    "ownership": "Ownership",
    "directorship": "Directorship",
    "family": "Family",
    "associate": "Associate",
    "employment": "Employment",
    "occupancy": "Occupancy",
}
"""Relation → FtM schema; the edge runs source → target as FtM's (owner → asset, director →
organization, person → relative, person → associate, employee → employer, holder → post)."""
IDENTIFIERS = {"Person": ("idNumber", "KZ-IIN"), "organisation": ("registrationNumber", "KZ-BIN")}
"""The FtM property and scheme a checked IIN or BIN is kept under: `registrationNumber` with
`KZ-BIN` is what `engines/integrity/identities.py` matches to OCDS org ids."""
KIN_RELATIONS = frozenset({"family", "associate"})
"""Relations whose `role` is FtM's `relationship` (`spouse`, `brother` ...), not a `role`."""


def _list(cell: str) -> list[str]:
    """A list cell: values separated by `;` (or `,`), each stripped, empty ones dropped."""
    return [v.strip() for v in cell.replace(",", ";").split(";") if v.strip()]


def _countries(cell: str) -> list[str]:
    return [c.lower() for c in _list(cell)]


def _choice(choices: dict[str, str], what: str) -> Any:
    def parse(cell: str) -> str:
        key = cell.strip().lower()
        if key not in choices:
            raise ValueError(f"unknown {what} {cell!r}; known: {', '.join(choices)}")
        return key

    return parse


PEOPLE = (
    Column("person_id", text),
    Column("name", text),
    optional("birth_date", partial_date_text),
    optional("nationality", _countries),
    optional("topics", _list),
)
ORGANISATIONS = (
    Column("org_id", text),
    Column("kind", _choice(ORGANISATION_KINDS, "kind")),
    Column("name", text),
    optional("incorporation_date", partial_date_text),
    optional("dissolution_date", partial_date_text),
    optional("address", text),
    optional("phone", text),
    optional("email", text),
    optional("country", _countries),
    optional("topics", _list),
)
POSITIONS = (
    Column("position_id", text),
    Column("name", text),
    Column("body_id", text),
    optional("country", _countries),
    optional("topics", _list),
)
RELATION_COLUMNS = (
    Column("relation", _choice(RELATIONS, "relation")),
    Column("source_id", text),
    Column("target_id", text),
    optional("role"),
    optional("share_percent", parse_share),
    optional("start_date", partial_date_text),
    optional("end_date", partial_date_text),
)
FORMS = {
    "person_id": PEOPLE,
    "org_id": ORGANISATIONS,
    "position_id": POSITIONS,
    "relation": RELATION_COLUMNS,
    "company_id": FACT_COLUMNS,
}
"""Each form by the column that tells it."""


CSV_SUFFIX = ".csv"
"""How a graph CSV form is told from BODS and FtM JSON: by its name."""


def is_csv(file: str) -> bool:
    return Path(file).suffix.lower() == CSV_SUFFIX


def read_graph_csv(file: str, dataset: str) -> Iterator[GraphRead]:
    """Every line of a people, organisations or relations file, as rows or a rejection."""
    path = Path(file)
    header = read_header(path)
    found = [name for name in FORMS if name in header]
    if len(found) != 1:
        raise InputError(
            "not a graph CSV form: the header needs exactly one of person_id (people), "
            "org_id (organisations), position_id (positions), relation (relations), "
            "company_id (company facts)",
            path=path,
            record=1,
        )
    columns = FORMS[found[0]]
    for read in read_form(path, columns):
        if isinstance(read, BadLine):
            yield Rejected(read.position, None, read.field, read.reason)
            continue
        # optional columns left out of the header read as empty
        line = Line(read.position, dict.fromkeys(c.name for c in columns) | read.values)
        if columns is PEOPLE:
            yield _person(line, dataset)
        elif columns is ORGANISATIONS:
            yield _organisation(line, dataset)
        elif columns is POSITIONS:
            yield _position(line, dataset)
        elif columns is FACT_COLUMNS:
            yield fact_record(line, dataset, node_id(line.values["company_id"]))
        else:
            yield _relation(line, dataset)


def node_id(given: str) -> str:
    """The node id of a person or organisation as written in a form: `kz-iin-`/`kz-bin-` and
    the number when it is a valid IIN or BIN, else the id as written."""
    number = clean(given)
    if len(number) != 12 or not number.isdigit():
        return given
    try:
        parsed = parse_iin_or_bin(number)
    except InvalidIdentifier:
        return given
    return f"kz-{'iin' if isinstance(parsed, Iin) else 'bin'}-{parsed.number}"


def _identified(line: Line, dataset: str, schema: str, column: str) -> GraphRecord:
    """A node keyed by its id column, the number checked as an IIN (Person) or BIN."""
    given = line.values[column]
    record = GraphRecord(line.position, given)
    number = clean(given)
    identifiers = []
    if len(number) == 12 and number.isdigit():
        parse = parse_iin if schema == "Person" else parse_bin
        try:
            checked: Iin | Bin = parse(number)
        except InvalidIdentifier as exc:
            record.issues.append(Issue(column, str(exc)))
        else:
            prop, scheme = IDENTIFIERS["Person" if schema == "Person" else "organisation"]
            identifiers.append({"property": prop, "scheme": scheme, "id": checked.number})
    node = empty_node(dataset, node_id(given), schema, line.position, given)
    node.update(name=line.values["name"], identifiers=identifiers)
    node["topics"] = line.values["topics"] or []
    record.nodes.append(node)
    return record


def _person(line: Line, dataset: str) -> GraphRecord:
    record = _identified(line, dataset, "Person", "person_id")
    node = record.nodes[0]
    node["birth_date"] = line.values["birth_date"]
    node["nationality"] = line.values["nationality"] or []
    return record


def _organisation(line: Line, dataset: str) -> GraphRecord:
    schema = ORGANISATION_KINDS[line.values["kind"]]
    record = _identified(line, dataset, schema, "org_id")
    node = record.nodes[0]
    for column in ("incorporation_date", "dissolution_date"):
        node[column] = line.values[column]
    for column in ("address", "phone", "email"):
        node[column] = [line.values[column]] if line.values[column] else []
    node["country"] = line.values["country"] or []
    return record


def _position(line: Line, dataset: str) -> GraphRecord:
    """A post (FtM Position) of a body: its `organization` reference is the body's node, so an
    Occupancy of the post places its holder in the body, as OpenSanctions' PEP posts do."""
    values = line.values
    record = GraphRecord(line.position, values["position_id"])
    node = empty_node(
        dataset, values["position_id"], "Position", line.position, values["position_id"]
    )
    node.update(name=values["name"], country=values["country"] or [], topics=values["topics"] or [])
    node["refs"] = [{"property": "organization", "id": node_id(values["body_id"])}]
    record.nodes.append(node)
    return record


def _relation(line: Line, dataset: str) -> GraphRead:
    values = line.values
    relation, share = values["relation"], values["share_percent"]
    if share is not None and relation != "ownership":
        return Rejected(line.position, None, "share_percent", "only an ownership has a share")
    schema = RELATIONS[relation]
    ends = (node_id(values["source_id"]), node_id(values["target_id"]))
    edge_id = f"{relation}:{ends[0]}:{ends[1]}:{values['start_date'] or ''}"
    record = GraphRecord(line.position, edge_id)
    edge: Row = empty_edge(dataset, edge_id, schema, ends, line.position, edge_id)
    edge["relationship" if relation in KIN_RELATIONS else "role"] = values["role"]
    edge["share_exact"] = share
    edge["start_date"], edge["end_date"] = values["start_date"], values["end_date"]
    set_interval(edge, record.issues, "end_date")
    record.edges.append(edge)
    return record
