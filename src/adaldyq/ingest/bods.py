"""Beneficial Ownership Data Standard 0.4 statements to graph rows.

A BODS file is a JSON array of statements (or JSON Lines, one statement a line). Each statement
describes one *record* (`recordId`) as of `statementDate`; a later statement about the same
record replaces the earlier one (the import keeps the latest, `GraphRecord.key`). Relationships
point at records, not statements: `subject` and `interestedParty` are `recordId`s, so node ids
are record ids and the import checks, once everything is read, that each names a node.

Mapping (FtM names, `model/ftm_vocabulary.py`):
- entity -> a node by `entityType.type`: registeredEntity Company; state and stateBody
  PublicBody; legalEntity, arrangement, anonymousEntity, unknownEntity LegalEntity; the BODS
  type kept in FtM's `classification`;
- person -> Person; `politicalExposure.status` isPep -> topic `role.pep`, and each detail that
  gives a reason -> a Position (the reason, in its jurisdiction) held through an Occupancy with
  the detail's dates;
- relationship -> one edge per interest, from the interested party to the subject:
  shareholding, votingRights and the rights to profit or to surplus assets -> Ownership;
  appointmentOfBoard, boardMember, boardChair, seniorManagingOfficial -> Directorship; any other
  type (or none) -> UnknownLink with the type as its role. Share, directOrIndirect,
  beneficialOwnershipOrControl and the interest's dates are columns of the edge.

Entity and interest types are those of the BODS 0.4 codelists (`entityType.csv`,
`interestType.csv` in `openownership/data-standard`; checked against the copy of them in
`bcgov/business-transparency-registry`, `btr-bods-e.ts`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from adaldyq.ingest.graph_values import (
    GraphRead,
    GraphRecord,
    Issue,
    NotARecord,
    Rejected,
    Row,
    empty_edge,
    empty_node,
    encode_extra,
    parse_share,
    read_date,
    read_records,
    set_interval,
)
from adaldyq.ingest.json_stream import Position
from adaldyq.model.ftm_vocabulary import PEP_TOPIC
from adaldyq.model.identity.identifiers import (
    Bin,
    Iin,
    InvalidIdentifier,
    parse_bin,
    parse_iin,
    parse_iin_or_bin,
)

ENTITY_SCHEMATA = {
    "registeredEntity": "Company",
    "legalEntity": "LegalEntity",
    "arrangement": "LegalEntity",
    "anonymousEntity": "LegalEntity",
    "unknownEntity": "LegalEntity",
    "state": "PublicBody",
    "stateBody": "PublicBody",
}
OWNERSHIP_INTERESTS = frozenset(
    {"shareholding", "votingRights", "rightsToSurplusAssetsOnDissolution", "rightsToProfitOrIncome"}
)
DIRECTORSHIP_INTERESTS = frozenset(
    {"appointmentOfBoard", "boardMember", "boardChair", "seniorManagingOfficial"}
)
KZ_PARSERS: dict[str, Callable[[str], Iin | Bin]] = {
    "KZ-BIN": parse_bin,
    "KZ-IIN": parse_iin,
    "KZ-BIIN": parse_iin_or_bin,
}
"""Schemes of Kazakhstan's 12-digit numbers, checked by `model/identity` on import."""
SUBJECT_FIELD = "recordDetails.subject"
PARTY_FIELD = "recordDetails.interestedParty"


def read_bods(file: str, dataset: str) -> Iterator[GraphRead]:
    """Every statement of a BODS file, as rows or a rejection naming the statement and field."""
    return read_records(file, dataset, statement_record)


def statement_record(statement: Any, position: Position, dataset: str) -> GraphRead:
    """One statement's rows; a statement without ids, type or details is rejected."""
    statement_id = statement.get("statementId") if isinstance(statement, dict) else None
    try:
        if not isinstance(statement, dict):
            raise NotARecord("", "a BODS statement must be a JSON object")
        if "statementType" in statement and "recordType" not in statement:
            raise NotARecord("statementType", "a BODS 0.2/0.3 statement; only BODS 0.4 is read")
        statement_id = _required_text(statement, "statementId")
        record_id = _required_text(statement, "recordId")
        details = statement.get("recordDetails")
        if not isinstance(details, dict):
            raise NotARecord("recordDetails", "missing or not an object")
        record = GraphRecord(position, statement_id, key=record_id)
        record.order = (
            read_date(statement.get("statementDate"), "statementDate", record.issues) or ""
        )
        build = _BUILDERS.get(str(statement.get("recordType")))
        if build is None:
            reason = f"not entity, person or relationship: {statement.get('recordType')!r}"
            raise NotARecord("recordType", reason)
        build(record, details, _Context(dataset, record_id, statement_id, position))
        if statement.get("recordStatus") == "closed":
            _close(record)
    except NotARecord as exc:
        return Rejected(position, statement_id, exc.path, str(exc))
    return record


@dataclass(frozen=True, slots=True)
class _Context:
    """What every row of one statement shares."""

    dataset: str
    record_id: str
    statement_id: str
    position: Position

    def node(self, node_id: str, schema: str) -> Row:
        return empty_node(self.dataset, node_id, schema, self.position, self.statement_id)

    def edge(self, edge_id: str, schema: str, source: str, target: str) -> Row:
        return empty_edge(
            self.dataset, edge_id, schema, (source, target), self.position, self.statement_id
        )


def _entity(record: GraphRecord, details: dict[str, Any], context: _Context) -> None:
    given = details.get("entityType")
    entity_type: dict[str, Any] = given if isinstance(given, dict) else {}
    kind = entity_type.get("type")
    schema = ENTITY_SCHEMATA.get(str(kind), "LegalEntity")
    if kind not in ENTITY_SCHEMATA:
        record.issues.append(Issue("recordDetails.entityType.type", f"unknown type {kind!r}"))
    node = context.node(context.record_id, schema)
    node["name"] = _text(details.get("name"))
    node["aliases"] = _texts(details.get("alternateNames"))
    node["identifiers"] = _identifiers(
        details.get("identifiers"), "registrationNumber", record.issues
    )
    node["jurisdiction"] = _country_codes([details.get("jurisdiction")])
    issues = record.issues
    node["incorporation_date"] = read_date(
        details.get("foundingDate"), "recordDetails.foundingDate", issues
    )
    node["dissolution_date"] = read_date(
        details.get("dissolutionDate"), "recordDetails.dissolutionDate", issues
    )
    _addresses(node, details.get("addresses"))
    subtype = entity_type.get("subtype")
    node["extra"] = encode_extra(
        {"classification": [f"{kind}/{subtype}" if subtype else str(kind)] if kind else []}
    )
    record.nodes.append(node)


def _person(record: GraphRecord, details: dict[str, Any], context: _Context) -> None:
    node = context.node(context.record_id, "Person")
    names = [n for n in _list(details.get("names")) if isinstance(n, dict)]
    names.sort(key=lambda n: n.get("type") != "legal")
    spelled = list(dict.fromkeys(filter(None, map(_person_name, names))))
    node["name"] = spelled[0] if spelled else None
    node["aliases"] = spelled[1:]
    node["identifiers"] = _identifiers(details.get("identifiers"), "idNumber", record.issues)
    node["nationality"] = _country_codes(_list(details.get("nationalities")))
    node["birth_date"] = read_date(
        details.get("birthDate"), "recordDetails.birthDate", record.issues
    )
    death = read_date(details.get("deathDate"), "recordDetails.deathDate", record.issues)
    node["extra"] = encode_extra({"deathDate": [death] if death else []})
    _addresses(node, details.get("addresses"))
    record.nodes.append(node)
    exposure = details.get("politicalExposure")
    if isinstance(exposure, dict) and exposure.get("status") == "isPep":
        node["topics"] = [PEP_TOPIC]
        _pep_positions(record, _list(exposure.get("details")), context)


def _pep_positions(record: GraphRecord, details: list[Any], context: _Context) -> None:
    """A Position and its Occupancy for each PEP detail that names the post (its reason)."""
    for index, detail in enumerate(details):
        path = f"recordDetails.politicalExposure.details[{index}]"
        reason = _text(detail.get("reason")) if isinstance(detail, dict) else None
        if reason is None or not isinstance(detail, dict):
            record.issues.append(Issue(path, "gives no reason: no Position made for it"))
            continue
        post_id = f"{context.record_id}-pep-{index}"
        post = context.node(post_id, "Position")
        post["name"] = reason
        post["country"] = _country_codes([detail.get("jurisdiction")])
        record.nodes.append(post)
        held = context.edge(f"{post_id}-held", "Occupancy", context.record_id, post_id)
        held["start_date"] = read_date(detail.get("startDate"), f"{path}.startDate", record.issues)
        held["end_date"] = read_date(detail.get("endDate"), f"{path}.endDate", record.issues)
        set_interval(held, record.issues, f"{path}.endDate")
        record.edges.append(held)


def _relationship(record: GraphRecord, details: dict[str, Any], context: _Context) -> None:
    subject = details.get("subject")
    if not isinstance(subject, str) or not subject:
        raise NotARecord(SUBJECT_FIELD, "missing: the recordId of the entity the interest is in")
    party = details.get("interestedParty")
    if isinstance(party, dict):
        why = party.get("reason") or party.get("description") or "no reason given"
        record.issues.append(Issue(PARTY_FIELD, f"interested party unspecified ({why}): no edge"))
        return
    if not isinstance(party, str) or not party:
        raise NotARecord(PARTY_FIELD, "missing: the recordId of the person or entity")
    interests = _list(details.get("interests")) or [{}]
    for index, interest in enumerate(interests):
        if not isinstance(interest, dict):
            record.issues.append(Issue(f"recordDetails.interests[{index}]", "not an object"))
            continue
        path = f"recordDetails.interests[{index}]"
        record.edges.append(
            _interest_edge(record, interest, path, (party, subject), context, index)
        )


def _interest_edge(
    record: GraphRecord,
    interest: dict[str, Any],
    path: str,
    ends: tuple[str, str],
    context: _Context,
    index: int,
) -> Row:
    kind = _text(interest.get("type"))
    if kind in OWNERSHIP_INTERESTS:
        schema = "Ownership"
    elif kind in DIRECTORSHIP_INTERESTS:
        schema = "Directorship"
    else:
        schema = "UnknownLink"
    edge = context.edge(f"{context.record_id}-{index}", schema, *ends)
    edge["interest_type"] = kind
    edge["role"] = kind if schema != "Ownership" else None
    edge["direct_or_indirect"] = _text(interest.get("directOrIndirect"))
    beneficial = interest.get("beneficialOwnershipOrControl")
    edge["beneficial"] = beneficial if isinstance(beneficial, bool) else None
    share = interest.get("share")
    if isinstance(share, dict):
        _share(edge, share, f"{path}.share", record.issues)
    edge["start_date"] = read_date(interest.get("startDate"), f"{path}.startDate", record.issues)
    edge["end_date"] = read_date(interest.get("endDate"), f"{path}.endDate", record.issues)
    edge["extra"] = encode_extra({"description": _texts([interest.get("details")])})
    set_interval(edge, record.issues, f"{path}.endDate")
    return edge


def _share(edge: Row, share: dict[str, Any], path: str, issues: list[Issue]) -> None:
    """`exact`, or a range from `minimum`/`exclusiveMinimum` to `maximum`/`exclusiveMaximum`."""
    values: dict[str, float] = {}
    for name in ("exact", "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        if share.get(name) is None:
            continue
        try:
            values[name] = parse_share(share[name])
        except ValueError as exc:
            issues.append(Issue(f"{path}.{name}", str(exc)))
    edge["share_exact"] = values.get("exact")
    for bound, inclusive, exclusive in (
        ("min", "minimum", "exclusiveMinimum"),
        ("max", "maximum", "exclusiveMaximum"),
    ):
        edge[f"share_{bound}"] = values.get(inclusive, values.get(exclusive))
        edge[f"share_{bound}_exclusive"] = (
            inclusive not in values and exclusive in values
            if edge[f"share_{bound}"] is not None
            else None
        )


def _close(record: GraphRecord) -> None:
    """A closed relationship record ended on its statement date unless its interests say
    otherwise; closed entities and persons are noted (their rows stay: they may be history)."""
    record.issues.append(Issue("recordStatus", f"record closed as of {record.order or '?'}"))
    for edge in record.edges:
        if edge["end_date"] is None and record.order:
            edge["end_date"] = record.order
            set_interval(edge, record.issues, "recordStatus")


_BUILDERS = {"entity": _entity, "person": _person, "relationship": _relationship}


def _person_name(name: dict[str, Any]) -> str | None:
    full = _text(name.get("fullName"))
    if full:
        return full
    parts = [_text(name.get(k)) for k in ("givenName", "patronymicName", "familyName")]
    return " ".join(p for p in parts if p) or None


def _identifiers(value: Any, prop: str, issues: list[Issue]) -> list[dict[str, str | None]]:
    """Identifiers with their scheme; a Kazakh IIN/BIN is checked (an issue masks the number)."""
    found = []
    for index, ident in enumerate(_list(value)):
        number = _text(ident.get("id")) if isinstance(ident, dict) else None
        if number is None:
            continue
        scheme = _text(ident.get("scheme")) or _text(ident.get("schemeName"))
        parse = KZ_PARSERS.get(scheme or "")
        if parse is not None:
            try:
                number = parse(number).number
            except InvalidIdentifier as exc:
                issues.append(Issue(f"recordDetails.identifiers[{index}].id", str(exc)))
        found.append({"property": prop, "scheme": scheme, "id": number})
    return found


def _addresses(node: Row, value: Any) -> None:
    addresses = [a for a in _list(value) if isinstance(a, dict)]
    node["address"] = _texts([a.get("address") for a in addresses])
    countries = _country_codes([a.get("country") for a in addresses])
    node["country"] = countries


def _country_codes(values: list[Any]) -> list[str]:
    """ISO 3166 codes, lower case as FtM writes them; a country without a code is skipped."""
    codes = [_text(v.get("code")) for v in values if isinstance(v, dict)]
    return list(dict.fromkeys(c.lower() for c in codes if c))


def _required_text(statement: dict[str, Any], name: str) -> str:
    value = _text(statement.get(name))
    if value is None:
        raise NotARecord(name, "missing or empty")
    return value


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _texts(values: Any) -> list[str]:
    return list(dict.fromkeys(t for t in map(_text, _list(values)) if t))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
