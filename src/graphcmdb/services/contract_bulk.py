"""Contracts from an import, by number: the vendor by name (created when missing) and the
covered assets by tag (which must exist). Covering is additive: an import never uncovers
an asset (``uncoverAsset`` does), so a file listing part of a contract's assets is safe.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from graphcmdb.db.database import Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.contract_models import ContractCreate, contract_problem
from graphcmdb.domain.itam_models import Tag
from graphcmdb.domain.models import Name
from graphcmdb.services import asset_bulk
from graphcmdb.services.import_batch import BatchPlan
from graphcmdb.services.row_checks import (
    Prepared,
    Problem,
    check_each,
    checked_props,
    refuse_columns,
    split_defaults,
    unknown,
)

#: Filled in only when a contract is created (``ContractCreate``'s defaults).
CREATE_DEFAULTS = ("name", "autoRenew", "noticeDays")
LINK_COLUMNS = ("vendorName", "assetTags")


class ContractImport(ContractCreate):
    """A contract row: the vendor and covered assets by natural key instead of by id."""

    vendorName: Name | None = None
    assetTags: list[Tag] | None = None

    def graph_props(self) -> dict[str, Any]:
        props = super().graph_props()
        for column in LINK_COLUMNS:
            props.pop(column, None)
        return props


def prepare_contract(raw: dict[str, Any]) -> Prepared:
    refuse_columns(raw, {"vendorId": "vendorName"})
    record = ContractImport.model_validate(raw)
    props = checked_props(record, contract_problem)
    return {
        "id": str(uuid.uuid4()),
        "key": record.number,
        "number": record.number,
        "vendorName": record.vendorName,
        "assetTags": sorted(set(record.assetTags or [])),
        **split_defaults(props, set(raw), CREATE_DEFAULTS),
    }


def check_contract_rows(
    rows: list[dict[str, Any]],
) -> tuple[list[Prepared | None], list[Problem]]:
    return check_each(rows, prepare_contract, "number")


async def asset_problems(tx: Tx, rows: list[Prepared]) -> list[Problem]:
    """Rows covering asset tags that no asset has."""
    tags = sorted({t for r in rows for t in r["assetTags"]})
    found = set(await asset_bulk.states_by_tag(tx, tags))  # no round trip for no tags
    return [
        {"row": i, "field": "assetTags", "reason": f"no asset tagged {', '.join(missing)}"}
        for i, r in enumerate(rows)
        if (missing := unknown(r["assetTags"], found))
    ]


async def resolve_vendors(tx: Tx, rows: list[Prepared], now: datetime) -> list[Row]:
    names = sorted({r["vendorName"] for r in rows if r["vendorName"]})
    vendors = [{"id": str(uuid.uuid4()), "name": n} for n in names]
    return await tx.run(Q.VENDOR_MERGE_BATCH, vendors=vendors, now=now)


PLAN = BatchPlan(
    operation="importContracts",
    upsert=Q.CONTRACT_IMPORT_BATCH,
    refs=asset_problems,
    resolve=resolve_vendors,
    resolved_as="vendorsCreated",
)
