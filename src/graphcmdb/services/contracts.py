"""Contracts (purchase, lease, support, maintenance, license, subscription) and their links.

A contract is with at most one vendor (``WITH``, replaced when set again) and covers
any number of assets (``COVERED_BY``; an asset may be under several contracts, e.g. a
lease and a support contract). Covering twice is a no-op and writes no audit entry,
so imports can replay; uncovering what is not covered is ``NOT_FOUND``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.contract_models import ContractCreate, ContractUpdate, contract_problem
from graphcmdb.domain.records import AssetRecord, ContractRecord, LicenseRecord, VendorRecord
from graphcmdb.domain.specs import ASSET_SPEC, CONTRACT_SPEC, LICENSE_SPEC, VENDOR_SPEC
from graphcmdb.errors import Duplicate, NotFound, refuse_problem
from graphcmdb.graph.enums import ContractKind
from graphcmdb.services import audit, listing, nodes
from graphcmdb.services.actor import Actor


@dataclass(frozen=True)
class ContractFilter:
    kind: ContractKind | None = None
    vendorId: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class ContractLinks:
    """A contract's vendor (or None), the assets it covers and the licenses under it."""

    vendor: VendorRecord | None
    assets: list[AssetRecord]
    licenses: list[LicenseRecord]


def _duplicate(number: str | None) -> Duplicate:
    return Duplicate(
        f"A contract numbered '{number}' already exists.", field="number", number=number
    )


async def get_contracts(db: Database, ids: list[str]) -> dict[str, ContractRecord]:
    return await nodes.get_many(db, CONTRACT_SPEC, ids)


async def _set_vendor(tx: Tx, contract_id: str, vendor_id: str | None) -> None:
    row = await tx.one(Q.CONTRACT_SET_VENDOR, contractId=contract_id, vendorId=vendor_id)
    if vendor_id is not None and (row is None or row["vendorId"] is None):
        raise NotFound("Vendor", [vendor_id])


async def create_contract(db: Database, actor: Actor, data: ContractCreate) -> ContractRecord:
    props = data.graph_props()
    refuse_problem(contract_problem(props))

    async def work(tx: Tx) -> ContractRecord:
        links = {"vendorId": data.vendorId}
        contract = await nodes.create_in(tx, actor, CONTRACT_SPEC, props, links=links)
        if data.vendorId is not None:
            await _set_vendor(tx, contract.id, data.vendorId)
        return contract

    return await nodes.write_unique(db, work, lambda: _duplicate(data.number))


async def update_contract(
    db: Database, actor: Actor, contract_id: str, data: ContractUpdate
) -> ContractRecord:
    props = data.graph_props()
    moves_vendor = "vendorId" in data.model_fields_set

    async def work(tx: Tx) -> ContractRecord:
        current = await nodes.require(tx, CONTRACT_SPEC, contract_id)
        refuse_problem(contract_problem(current.model_dump() | props))
        links = {"vendorId": data.vendorId} if moves_vendor else None
        contract = await nodes.update_in(tx, actor, CONTRACT_SPEC, contract_id, props, links=links)
        if moves_vendor:
            await _set_vendor(tx, contract_id, data.vendorId)
        return contract

    return await nodes.write_unique(db, work, lambda: _duplicate(data.number))


async def delete_contract(db: Database, actor: Actor, contract_id: str) -> ContractRecord:
    """Deletes the contract; covered assets and licenses stay (the audit keeps the links)."""
    return await nodes.delete(db, actor, CONTRACT_SPEC, contract_id)


LISTING = listing.of_spec(CONTRACT_SPEC, ContractFilter)


async def _asset_and_contract(tx: Tx, asset_id: str, contract_id: str) -> ContractRecord:
    """The contract, once both it and the asset are known to exist."""
    await nodes.require(tx, ASSET_SPEC, asset_id)
    return await nodes.require(tx, CONTRACT_SPEC, contract_id)


async def cover_asset(
    db: Database, actor: Actor, asset_id: str, contract_id: str
) -> ContractRecord:
    async def work(tx: Tx) -> ContractRecord:
        contract = await _asset_and_contract(tx, asset_id, contract_id)
        row = await tx.one(Q.CONTRACT_COVER, assetId=asset_id, contractId=contract_id)
        assert row is not None
        if not row["existed"]:
            after = {"assetId": asset_id, "contractId": contract_id}
            await audit.record(tx, actor, "coverAsset", [asset_id, contract_id], None, after)
        return contract

    return await db.write(work)


async def uncover_asset(
    db: Database, actor: Actor, asset_id: str, contract_id: str
) -> ContractRecord:
    async def work(tx: Tx) -> ContractRecord:
        contract = await _asset_and_contract(tx, asset_id, contract_id)
        if await tx.one(Q.CONTRACT_UNCOVER, assetId=asset_id, contractId=contract_id) is None:
            raise NotFound("COVERED_BY relationship", [f"{asset_id}->{contract_id}"])
        before = {"assetId": asset_id, "contractId": contract_id}
        await audit.record(tx, actor, "uncoverAsset", [asset_id, contract_id], before, None)
        return contract

    return await db.write(work)


# --- reads for the GraphQL loaders ---------------------------------------------------


def _links(row: Row) -> ContractLinks:
    return ContractLinks(
        vendor=nodes.as_record(VENDOR_SPEC, row["vendor"]) if row["vendor"] else None,
        assets=nodes.as_records(ASSET_SPEC, row["assets"]),
        licenses=nodes.as_records(LICENSE_SPEC, row["licenses"]),
    )


async def links(db: Database, ids: list[str]) -> dict[str, ContractLinks]:
    """Per contract: its vendor (or None), covered assets and licenses."""
    return {r["id"]: _links(r) for r in await db.read(Q.CONTRACT_LINKS_BY_IDS, ids=ids)}


async def contracts_by_asset(db: Database, asset_ids: list[str]) -> dict[str, list[ContractRecord]]:
    grouped: dict[str, list[ContractRecord]] = defaultdict(list)
    for r in await db.read(Q.CONTRACT_BY_ASSET_IDS, ids=asset_ids):
        grouped[r["id"]].append(nodes.as_record(CONTRACT_SPEC, r["contract"]))
    return grouped
