"""Read every entity file once and index it by the keys that join goszakup's records.

Join keys (GOSZAKUP.md §1.6): `TrdBuy.id` = `Lots.trd_buy_id` = `TrdApp.buy_id` =
`Contract.trd_buy_id`; `Lots.point_list[]` and `ContractUnits.pln_point_id` = `Plans.id`;
`ContractUnits`, acts and treasury payments by `contract_id`; additional agreements by
`root_id` (or `parent_id`) to the original contract. Records that need no party to be read (plan
points, lots, contract lines, participants) are converted here, so a malformed one is rejected
before any process is assembled.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from adaldyq.ingest.goszakup.contracts import ContractLine, amended_contract, contract_line
from adaldyq.ingest.goszakup.fields import FieldError, integer, required_id
from adaldyq.ingest.goszakup.ledger import Ledger
from adaldyq.ingest.goszakup.parties import Identities, Participant, participant
from adaldyq.ingest.goszakup.planning import PlanPoint, plan_point
from adaldyq.ingest.goszakup.raw import ENTITIES, RawRecord, read_entity
from adaldyq.ingest.goszakup.tender import Lot, lot

T = TypeVar("T")


@dataclass
class RawIndex:
    """The raw records, converted where they can be on their own, keyed for assembly."""

    trd_buys: dict[int, RawRecord] = field(default_factory=dict)
    lots: dict[int, list[tuple[RawRecord, Lot]]] = field(default_factory=lambda: defaultdict(list))
    apps: dict[int, list[RawRecord]] = field(default_factory=lambda: defaultdict(list))
    contracts: dict[int, RawRecord] = field(default_factory=dict)
    contract_buys: dict[int, int | None] = field(default_factory=dict)
    agreements: dict[int, list[RawRecord]] = field(default_factory=lambda: defaultdict(list))
    lines: dict[int, list[tuple[RawRecord, ContractLine]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    acts: dict[int, list[RawRecord]] = field(default_factory=lambda: defaultdict(list))
    payments: dict[int, list[RawRecord]] = field(default_factory=lambda: defaultdict(list))
    points: dict[int, PlanPoint] = field(default_factory=dict)
    point_records: dict[int, RawRecord] = field(default_factory=dict)
    participants: dict[str, Participant] = field(default_factory=dict)
    participant_records: dict[str, RawRecord] = field(default_factory=dict)
    records: dict[str, list[RawRecord]] = field(default_factory=lambda: defaultdict(list))


def build_index(raw_dir: Path, currency: str, identities: Identities, ledger: Ledger) -> RawIndex:
    """Read every entity file of `raw_dir` into an index; bad records go to the ledger."""
    index = RawIndex()
    for entity in ENTITIES:
        for record in read_entity(raw_dir, entity):
            ledger.read(record)
            index.records[entity].append(record)
            if record.data is None:
                ledger.reject(record, "", record.error)
        _supersede(index.records[entity], ledger)
    for record in _valid(index, "plans"):
        point = attempt(record, ledger, lambda d: plan_point(d, currency))
        if point is not None:
            index.points[point.id] = point
            index.point_records[point.id] = record
    for record in _valid(index, "subject"):
        found = attempt(record, ledger, lambda d: participant(d, identities))
        if found is not None:
            index.participants[found.party_id] = found
            index.participant_records[found.party_id] = record
    for record in _valid(index, "lots"):
        read = attempt(record, ledger, lambda d: lot(d, currency))
        if read is not None:
            index.lots[read.trd_buy_id].append((record, read))
    for record in _valid(index, "contract_units"):
        line = attempt(record, ledger, lambda d: contract_line(d, index.points, currency))
        if line is not None:
            index.lines[line.contract_id].append((record, line))
    _index_by(index, "trd_buy", ledger, required_id, index.trd_buys)
    _group_by(index, "trd_app", ledger, "buy_id", index.apps)
    _group_by(index, "acts", ledger, "contract_id", index.acts)
    _group_by(index, "treasury_pay", ledger, "contract_id", index.payments)
    _index_contracts(index, ledger)
    _sort(index)
    return index


def _sort(index: RawIndex) -> None:
    """Every group in id order: the API's order (REST newest first, GraphQL oldest first) must
    not change the releases, so a fetched folder converts as its records do in any order."""
    for lots in index.lots.values():
        lots.sort(key=lambda pair: pair[1].id)
    for lines in index.lines.values():
        lines.sort(key=lambda pair: int(pair[1].item["id"]))
    for group in (index.apps, index.acts, index.payments, index.agreements):
        for records in group.values():
            records.sort(key=lambda r: str((r.data or {}).get("id")).zfill(20))


def _supersede(records: list[RawRecord], ledger: Ledger) -> None:
    """Keep the last version of each record: an incremental fetch appends a record again when it
    changed, so an earlier line with the same id is superseded (counted unused, with an issue)."""
    last: dict[int | str, RawRecord] = {}
    for record in records:
        key = _record_key(record)
        if key is None:
            continue
        earlier = last.get(key)
        if earlier is not None:
            ledger.unused(earlier)
            ledger.issue(earlier, "id", f"superseded by line {record.line}")
        last[key] = record
    records[:] = [r for r in records if (key := _record_key(r)) is None or last[key] is r]


def _record_key(record: RawRecord) -> int | str | None:
    data = record.data or {}
    key = data.get("id", data.get("pid"))
    return key if isinstance(key, int | str) and not isinstance(key, bool) else None


def attempt(record: RawRecord, ledger: Ledger, convert: Callable[[dict[str, Any]], T]) -> T | None:
    """`convert(record.data)`, or None with the record rejected on the field that failed."""
    assert record.data is not None
    try:
        return convert(record.data)
    except FieldError as exc:
        ledger.reject(record, exc.field, f"{exc.field}: {exc.reason}")
        return None


def _valid(index: RawIndex, entity: str) -> list[RawRecord]:
    return [r for r in index.records[entity] if r.data is not None]


def _index_by(
    index: RawIndex,
    entity: str,
    ledger: Ledger,
    key: Callable[[dict[str, Any]], int],
    into: dict[int, RawRecord],
) -> None:
    for record in _valid(index, entity):
        ident = attempt(record, ledger, key)
        if ident is not None:
            into[ident] = record


def _group_by(
    index: RawIndex, entity: str, ledger: Ledger, field_name: str, into: dict[int, list[RawRecord]]
) -> None:
    for record in _valid(index, entity):
        ident = attempt(record, ledger, lambda d: required_id(d, field_name))
        if ident is not None:
            into[ident].append(record)


def _index_contracts(index: RawIndex, ledger: Ledger) -> None:
    """Originals by id; each additional agreement under the original it amends."""
    parents: dict[int, int] = {}
    for record in _valid(index, "contract"):
        ids = attempt(record, ledger, _contract_keys)
        if ids is None:
            continue
        contract_id, buy_id, parent = ids
        if parent is None:
            index.contracts[contract_id] = record
            index.contract_buys[contract_id] = buy_id
        else:
            parents[contract_id] = parent
            index.agreements[contract_id].append(record)
    agreements = dict(index.agreements)
    index.agreements = defaultdict(list)
    for contract_id, records in agreements.items():
        root = _root(contract_id, parents)
        index.agreements[root].extend(records)
        if contract_id in index.lines:
            index.lines[root].extend(index.lines.pop(contract_id))


def _contract_keys(data: dict[str, Any]) -> tuple[int, int | None, int | None]:
    """A contract's id, announcement and the contract it amends (None for an original)."""
    return required_id(data), integer(data, "trd_buy_id"), amended_contract(data)


def _root(contract_id: int, parents: dict[int, int]) -> int:
    """The original contract an agreement amends, following `parent_id` links (cycle-safe)."""
    seen = {contract_id}
    current = contract_id
    while current in parents and parents[current] not in seen:
        current = parents[current]
        seen.add(current)
    return current
