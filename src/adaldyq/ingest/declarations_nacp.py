"""Ukrainian NACP e-declarations into canonical declaration documents.

Two shapes of the same form are read, told apart by their keys:
- the raw NACP document `{id, created_date, data: {step_0 .. step_16}}`, one per file or one per
  line;
- the declarations.com.ua export (Elasticsearch hits, one per line):
  `{_id: "nacp_<id>", _source: {nacp_orig: {step_*}, intro: {declaration_year, doc_type, date,
  corrected}, general: {post: {region}}}}`.
Both are streamed one document at a time (bzip2 and gzip decompressed on the fly).

Step 0 gives the type and year, step 1 the declarant, step 2 the family (in a change notice, the
change itself); `nacp_sections.py` maps the other steps. A document is rejected when it is not a
declaration at all (no `data` or `nacp_orig`, no step 0 or step 1, no id or year); anything less
is a field issue and the declaration is kept.

NACP publishes no person id (the tax number is masked), so `person_id` is the declarant's full
name folded (`UA-NACP-NAME`): good enough to follow one person across years in this sample, not
to tell two namesakes apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from adaldyq.ingest.declaration_documents import declaration_records
from adaldyq.ingest.declaration_rows import (
    SOURCE_PATH,
    Issue,
    NotADeclaration,
    Read,
    Rejected,
    build_rows,
)
from adaldyq.ingest.declaration_values import parse_date, parse_year
from adaldyq.ingest.nacp_codes import DECLARATION_TYPES, RELATIONS, code, fold, is_masked
from adaldyq.ingest.nacp_item import NacpItem
from adaldyq.ingest.nacp_sections import (
    ANNUAL_STEPS,
    CHANGE_NOTICE_STEPS,
    map_sections,
    section_items,
)

SOURCE_FORMAT = "nacp"
PERSON_ID_SCHEME = "UA-NACP-NAME"
COUNTRY = "UA"


@dataclass(frozen=True, slots=True)
class NacpDocument:
    """The parts of either shape that the mapping reads."""

    declaration_id: str
    data: dict[str, Any]
    base: str
    meta: dict[str, Any]


def unwrap(document: object) -> NacpDocument:
    """The declaration inside a raw NACP document or an export hit."""
    if not isinstance(document, dict):
        raise NotADeclaration("", f"not a JSON object but {type(document).__name__}")
    if "_source" in document:
        source = document["_source"]
        data = source.get("nacp_orig") if isinstance(source, dict) else None
        if not isinstance(data, dict):
            raise NotADeclaration("_source.nacp_orig", "no NACP declaration (nacp_orig) in the hit")
        ident = str(document.get("_id") or "").removeprefix("nacp_")
        meta = {
            "intro": source.get("intro") or {},
            "region": ((source.get("general") or {}).get("post") or {}).get("region"),
        }
        return NacpDocument(_required_id(ident, "_id"), data, "_source.nacp_orig", meta)
    data = document.get("data")
    if not isinstance(data, dict):
        raise NotADeclaration(
            "data", "no NACP declaration: expected an object 'data' with step_0.."
        )
    meta = {"created_date": document.get("created_date")}
    return NacpDocument(_required_id(str(document.get("id") or ""), "id"), data, "data", meta)


def _required_id(value: str, path: str) -> str:
    if not value.strip():
        raise NotADeclaration(path, "no declaration id")
    return value.strip()


def nacp_document(document: object) -> tuple[dict[str, Any], list[Issue]]:
    """The canonical document of one NACP declaration and the field issues met reading it."""
    nacp = unwrap(document)
    issues: list[Issue] = []
    data, base = nacp.data, nacp.base
    for step in ("step_0", "step_1"):
        if not isinstance(data.get(step), dict):
            what = "type and year" if step == "step_0" else "declarant"
            raise NotADeclaration(f"{base}.{step}", f"missing section {step} ({what})")
    header = _header(nacp, issues)
    change_notice = header["declaration_type"] == "change_notice"
    family: list[dict[str, Any]] = []
    if not change_notice and "step_2" in data:
        family = list(_family(data["step_2"], f"{base}.step_2", issues))
    members = {str(m["member_id"]) for m in family}
    steps = CHANGE_NOTICE_STEPS if change_notice else ANNUAL_STEPS
    sections = map_sections(data, base, steps, members, issues)
    return {**header, "family": family, **sections}, issues


def _header(nacp: NacpDocument, issues: list[Issue]) -> dict[str, Any]:
    step_0, base = nacp.data["step_0"], f"{nacp.base}.step_0"
    kind_raw = step_0.get("declarationType")
    if "changesYear" in step_0:
        kind, year_key, kind_raw = "change_notice", "changesYear", "changesYear"
    else:
        kind = DECLARATION_TYPES.get(str(kind_raw), "other")
        year_key = f"declarationYear{kind_raw}"
    year_raw = step_0.get(year_key) or nacp.meta.get("intro", {}).get("declaration_year")
    try:
        year = parse_year(year_raw)
    except ValueError as exc:
        raise NotADeclaration(f"{base}.{year_key}", f"no declaration year: {exc}") from None
    person = NacpItem(nacp.data["step_1"], f"{nacp.base}.step_1", issues)
    names = [person.text(key) for key in ("lastname", "firstname", "middlename")]
    full_name = " ".join(n for n in names if n)
    if not full_name:
        raise NotADeclaration(f"{nacp.base}.step_1.lastname", "the declarant has no name")
    intro = nacp.meta.get("intro", {})
    return {
        "declaration_id": nacp.declaration_id,
        "person_id": fold(full_name),
        "person_id_scheme": PERSON_ID_SCHEME,
        "last_name": names[0],
        "first_name": names[1],
        "middle_name": names[2],
        "full_name": full_name,
        "position": person.text("workPost"),
        "body": person.text("workPlace"),
        "region": _region(nacp, person),
        "country": COUNTRY,
        "year": year,
        "declaration_type": kind,
        "declaration_type_raw": None if kind_raw is None else str(kind_raw),
        "submitted_on": _submitted(nacp, issues),
        "corrected": intro.get("corrected") if isinstance(intro.get("corrected"), bool) else None,
        "refused_fields": _count_refused(nacp.data),
    }


def _region(nacp: NacpDocument, person: NacpItem) -> str | None:
    region = nacp.meta.get("region") or person.text("region")
    return None if not region or is_masked(region) else str(region).strip()


def _submitted(nacp: NacpDocument, issues: list[Issue]) -> str | None:
    intro = nacp.meta.get("intro", {})
    raw, path = (
        (intro.get("date"), "_source.intro.date")
        if intro
        else (
            nacp.meta.get("created_date"),
            "created_date",
        )
    )
    if not raw:
        return None
    try:
        return parse_date(raw).isoformat()
    except ValueError as exc:
        issues.append(Issue(path, str(exc)))
        return None


def _family(step: object, path: str, issues: list[Issue]) -> Iterator[dict[str, Any]]:
    for member_id, member in section_items(step, path, issues):
        relation = member.text("subjectRelation")
        yield {
            "member_id": member_id,
            "relation": code(RELATIONS, relation),
            "relation_raw": relation,
            "last_name": member.text("lastname"),
            "first_name": member.text("firstname"),
            "middle_name": member.text("middlename"),
            "citizenship": member.text("citizenship"),
            SOURCE_PATH: member.path,
        }


def _count_refused(data: dict[str, Any]) -> int:
    """Fields a family member refused to give ("3"), anywhere in the declaration."""
    count = 0
    stack: list[object] = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            for key, inner in value.items():
                if key.endswith("_extendedstatus") and str(inner) == "3":
                    count += 1
                else:
                    stack.append(inner)
        elif isinstance(value, list):
            stack.extend(value)
    return count


def read_nacp(file: str, dataset: str) -> Iterator[Read]:
    """Every declaration of a NACP file (raw documents or the declarations.com.ua export)."""
    for record in declaration_records(file):
        if isinstance(record, Rejected):
            yield record
            continue
        position, value = record
        try:
            document, issues = nacp_document(value)
        except NotADeclaration as exc:
            yield Rejected(position, _any_id(value), exc.path, str(exc))
            continue
        yield build_rows(document, dataset, SOURCE_FORMAT, position, issues)


def _any_id(value: object) -> str | None:
    """The declaration id of a record that is rejected, when it has one."""
    if not isinstance(value, dict):
        return None
    ident = value.get("id") or str(value.get("_id") or "").removeprefix("nacp_")
    return str(ident) if ident else None
