"""Assemble one compiled release per contracting process from the indexed raw records.

ocid = `<prefix>-gz-<TrdBuy.id>` for an announcement and `<prefix>-gzc-<Contract.id>` for a
contract signed without one (direct single-source contracts, the e-shop, history before the API;
GOSZAKUP.md §4.1). Each part (tender, a bid application, a contract) is converted on its own: a
malformed part is rejected with its field and the process is written without it; a malformed
announcement takes its lots and applications with it, since they cannot stand alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from adaldyq.ingest.goszakup.almaty import latest, local_time
from adaldyq.ingest.goszakup.awards import lot_awards
from adaldyq.ingest.goszakup.bids import Bid, bids
from adaldyq.ingest.goszakup.codes import SUBJECT_TYPE, Dictionaries
from adaldyq.ingest.goszakup.contracts import ContractParts, contract, contract_version
from adaldyq.ingest.goszakup.fields import FieldError, present
from adaldyq.ingest.goszakup.implementation import milestone, transaction
from adaldyq.ingest.goszakup.index import RawIndex
from adaldyq.ingest.goszakup.ledger import Ledger
from adaldyq.ingest.goszakup.parties import Identities, PartyBook
from adaldyq.ingest.goszakup.planning import PlanPoint, planning
from adaldyq.ingest.goszakup.raw import RawRecord
from adaldyq.ingest.goszakup.tender import method_fields, tender

T = TypeVar("T")


@dataclass(frozen=True)
class Context:
    """What every process's assembly shares."""

    prefix: str
    currency: str
    dictionaries: Dictionaries
    identities: Identities
    index: RawIndex
    ledger: Ledger


def releases(ctx: Context) -> Iterator[dict[str, Any]]:
    """Every process's compiled release, announcements first, each in id order."""
    index = ctx.index
    by_buy: dict[int, list[int]] = {}
    direct: list[int] = []
    for contract_id in sorted(index.contracts):
        buy_id = index.contract_buys[contract_id]
        if buy_id is None:
            direct.append(contract_id)
        else:
            by_buy.setdefault(buy_id, []).append(contract_id)
    for buy_id in sorted(index.trd_buys):
        release = _announcement(ctx, buy_id, by_buy.pop(buy_id, []))
        if release is not None:
            yield release
    for buy_id, contract_ids in sorted(by_buy.items()):
        for contract_id in contract_ids:
            reason = f"announcement {buy_id} not in trd_buy.jsonl: tender read off the contract"
            ctx.ledger.issue(index.contracts[contract_id], "trd_buy_id", reason)
        release = _from_contracts(ctx, f"{ctx.prefix}-gz-{buy_id}", contract_ids, buy_id)
        if release is not None:
            yield release
    for contract_id in direct:
        release = _from_contracts(ctx, f"{ctx.prefix}-gzc-{contract_id}", [contract_id], None)
        if release is not None:
            yield release


def _announcement(ctx: Context, buy_id: int, contract_ids: list[int]) -> dict[str, Any] | None:
    index, ledger = ctx.index, ctx.ledger
    record = index.trd_buys[buy_id]
    book = PartyBook(ctx.identities, index.participants)
    lots = index.lots.get(buy_id, [])
    points = {
        point_id: index.points[point_id]
        for _, item_lot in lots
        for point_id in item_lot.point_ids
        if point_id in index.points
    }
    for lot_record, item_lot in lots:
        for point_id in item_lot.point_ids:
            if point_id not in index.points:
                ledger.issue(lot_record, "point_list", f"plan point {point_id} not in plans.jsonl")

    def read_tender(d: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
        book.ref(d, "customer_bin", "customer_name_ru", "buyer")
        lot_list = [lt for _, lt in lots]
        body = tender(d, lot_list, points, ctx.dictionaries, ctx.currency, book)
        return body, local_time(d, "last_update_date")

    read = _attempt(record, ctx, book, read_tender)
    if read is None:
        reason = f"trd_buy_id: announcement {buy_id} rejected"
        for dependant in [*(r for r, _ in lots), *index.apps.get(buy_id, [])]:
            ledger.reject(dependant, "trd_buy_id", reason)
        for contract_id in contract_ids:
            ledger.reject(index.contracts[contract_id], "trd_buy_id", reason)
            _reject_parts(ctx, contract_id)
        return None
    body, updated = read
    all_bids: list[Bid] = []
    for app in index.apps.get(buy_id, []):
        found = _attempt(app, ctx, book, lambda d: bids(d, ctx.currency, book))
        if found is not None:
            all_bids.extend(found)
            ledger.converted(app)
    parts = _contracts(ctx, book, contract_ids)
    results = body.get("x_gz_results_published")
    awards = [p.award for p in parts] + lot_awards((lt for _, lt in lots), all_bids, parts, results)
    tenderers = {bid.tenderer_id: bid.tenderer for bid in all_bids}
    if all_bids:
        body["numberOfTenderers"] = len(tenderers)
        body["tenderers"] = list(tenderers.values())
    for lot_record, _ in lots:
        ledger.converted(lot_record)
    release = _release(
        ctx,
        f"{ctx.prefix}-gz-{buy_id}",
        book,
        body,
        _points(ctx, list(points), parts),
        awards,
        parts,
        [updated],
    )
    if all_bids:
        release["bids"] = {"details": [bid.detail for bid in all_bids]}
    ledger.converted(record)
    return release


def _from_contracts(
    ctx: Context, ocid: str, contract_ids: list[int], announcement: int | None
) -> dict[str, Any] | None:
    """A process known only from its contracts: a contract signed without an announcement
    (`announcement` None), or contracts whose announcement is not in the raw folder (a fetch of
    contracts alone); the tender is read off the first contract, by its actual method."""
    book = PartyBook(ctx.identities, ctx.index.participants)
    parts = _contracts(ctx, book, contract_ids)
    if not parts:
        return None
    signed = parts[0].contract
    subject_type = signed.get("x_gz_subject_type_id")
    fallback_id = f"gzc-{contract_ids[0]}" if announcement is None else str(announcement)
    body = {
        "id": signed.get("x_gz_trd_buy_number_anno") or fallback_id,
        "title": signed.get("x_gz_trd_buy_name") or signed.get("title"),
        "status": "complete",
        **method_fields(signed.get("x_gz_fakt_trade_methods_id"), ctx.dictionaries),
        "mainProcurementCategory": SUBJECT_TYPE.get(subject_type) if subject_type else None,
        "x_gz_id": announcement,
        "x_gz_no_announcement": True if announcement is None else None,
        "x_gz_announcement_missing": True if announcement is not None else None,
    }
    awards = [part.award for part in parts]
    return _release(ctx, ocid, book, present(body), _points(ctx, [], parts), awards, parts, [])


def _contracts(ctx: Context, book: PartyBook, contract_ids: list[int]) -> list[ContractParts]:
    """Each contract with its agreements, lines, acts and payments; rejected ones left out."""
    index, ledger = ctx.index, ctx.ledger
    result = []
    for contract_id in contract_ids:
        record = index.contracts[contract_id]
        agreements = [
            a
            for a in index.agreements.get(contract_id, [])
            if _attempt(a, ctx, book, contract_version) is not None
        ]
        lines = index.lines.get(contract_id, [])
        read = partial(
            contract,
            agreements=[a.data or {} for a in agreements],
            lines=[line for _, line in lines],
            currency=ctx.currency,
            book=book,
        )
        parts = _attempt(record, ctx, book, read)
        if parts is None:
            _reject_parts(ctx, contract_id)
            continue
        for converted in [record, *agreements, *(r for r, _ in lines)]:
            ledger.converted(converted)
        _implementation(ctx, book, contract_id, parts)
        result.append(parts)
    return result


def _reject_parts(ctx: Context, contract_id: int) -> None:
    """Reject what belongs to a rejected contract: agreements, lines, acts and payments."""
    index = ctx.index
    parts = [
        *index.agreements.get(contract_id, []),
        *(r for r, _ in index.lines.get(contract_id, [])),
        *index.acts.get(contract_id, []),
        *index.payments.get(contract_id, []),
    ]
    for part in parts:
        ctx.ledger.reject(part, "contract_id", f"contract_id: contract {contract_id} rejected")


def _implementation(ctx: Context, book: PartyBook, contract_id: int, parts: ContractParts) -> None:
    index, ledger = ctx.index, ctx.ledger
    currency = parts.contract.get("value", {}).get("currency", ctx.currency)
    transactions, milestones = [], []
    for pay in index.payments.get(contract_id, []):
        found = _attempt(
            pay, ctx, book, lambda d: transaction(d, currency, parts.buyer, parts.supplier)
        )
        if found is not None:
            transactions.append(found)
            ledger.converted(pay)
    for act in index.acts.get(contract_id, []):
        found_act = _attempt(act, ctx, book, milestone)
        if found_act is not None:
            milestones.append(found_act)
            ledger.converted(act)
    if transactions or milestones:
        block = parts.contract.setdefault("implementation", {})
        if transactions:
            block["transactions"] = transactions
        if milestones:
            block["milestones"] = milestones


def _points(ctx: Context, point_ids: list[int], parts: list[ContractParts]) -> list[PlanPoint]:
    """The plan points of a process: its lots' and its contract lines', each once, in order."""
    ids = list(point_ids)
    for part in parts:
        for item in part.contract.get("items", []):
            point_id = item.get("x_gz_pln_point_id")
            if isinstance(point_id, int):
                ids.append(point_id)
    unique = [p for p in dict.fromkeys(ids) if p in ctx.index.points]
    return [ctx.index.points[p] for p in unique]


def _release(
    ctx: Context,
    ocid: str,
    book: PartyBook,
    body: dict[str, Any],
    points: list[PlanPoint],
    awards: list[dict[str, Any]],
    parts: list[ContractParts],
    updated: list[str | None],
) -> dict[str, Any]:
    """The compiled release; the plan points it uses are counted converted."""
    for point in points:
        ctx.ledger.converted(ctx.index.point_records[point.id])
    for party_id in book.used():
        ctx.ledger.converted(ctx.index.participant_records[party_id])
    date = latest([*updated, *(p.updated for p in parts)]) or body.get("datePublished")
    buyer = next(
        (
            {k: p[k] for k in ("id", "name") if k in p}
            for p in book.parties.values()
            if "buyer" in p["roles"]
        ),
        None,
    )
    release: dict[str, Any] = {
        "ocid": ocid,
        "id": f"{ocid}-{(date or 'undated').replace(':', '')}",
        "date": date,
        "tag": ["compiled"],
        "initiationType": "tender",
        "language": "ru",
        "parties": list(book.parties.values()),
        "buyer": buyer,
        "planning": planning(points, ctx.currency) if points else None,
        "tender": body,
        "awards": awards or None,
        "contracts": [p.contract for p in parts] or None,
    }
    return present(release)


def _attempt(
    record: RawRecord, ctx: Context, book: PartyBook, convert: Callable[[dict[str, Any]], T]
) -> T | None:
    """`convert(record.data)`; on a FieldError the record is rejected and the parties it
    registered are forgotten, so a rejected part leaves no trace in the release."""
    saved = book.snapshot()
    try:
        return convert(record.data or {})
    except FieldError as exc:
        book.restore(saved)
        ctx.ledger.reject(record, exc.field, f"{exc.field}: {exc.reason}")
        return None
