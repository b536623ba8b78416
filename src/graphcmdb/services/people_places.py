"""Vendors, locations and people: the "who and where" an asset refers to.

The three share one shape (named node, create + list by name; read, update and guarded
delete through ``services/directory``), so one table of node specs drives them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from graphcmdb.db.database import Database
from graphcmdb.db.queries import Q
from graphcmdb.domain.directory_models import LocationUpdate, PersonUpdate, VendorUpdate
from graphcmdb.domain.itam_models import LocationCreate, PersonCreate, VendorCreate
from graphcmdb.domain.records import AssetRecord, ContractRecord, DirectoryRecord
from graphcmdb.domain.specs import (
    LOCATION_SPEC,
    PERSON_SPEC,
    VENDOR_SPEC,
)
from graphcmdb.services import directory, nodes
from graphcmdb.services.actor import Actor
from graphcmdb.services.bulk import UpsertResult
from graphcmdb.services.directory import Directory, Referrers
from graphcmdb.services.paging import Page, PageRequest


class Kind(StrEnum):
    VENDOR = "Vendor"
    LOCATION = "Location"
    PERSON = "Person"


QUERIES: dict[Kind, Directory[Any]] = {
    Kind.VENDOR: Directory(VENDOR_SPEC, Q.VENDOR_REFERRERS_BY_IDS, natural_key="name"),
    Kind.LOCATION: Directory(LOCATION_SPEC, Q.LOCATION_REFERRERS_BY_IDS, natural_key="name"),
    Kind.PERSON: Directory(PERSON_SPEC, Q.PERSON_REFERRERS_BY_IDS, natural_key="email"),
}

Record = VendorCreate | LocationCreate | PersonCreate
Update = VendorUpdate | LocationUpdate | PersonUpdate


@dataclass(frozen=True)
class Referring:
    """What points at a vendor (its contracts), a location or a person (their assets)."""

    contracts: list[ContractRecord]
    assets: list[AssetRecord]


def nothing_refers() -> Referring:
    return Referring(contracts=[], assets=[])


def _referring(refs: Referrers) -> Referring:
    return Referring(
        contracts=[r for r in refs.get("contracts", []) if isinstance(r, ContractRecord)],
        assets=[r for r in refs.get("assets", []) if isinstance(r, AssetRecord)],
    )


async def create(db: Database, actor: Actor, kind: Kind, data: Record) -> DirectoryRecord:
    d = QUERIES[kind]
    record: DirectoryRecord = await nodes.create(db, actor, d.spec, data.graph_props(), d.duplicate)
    return record


async def upsert(db: Database, actor: Actor, kind: Kind, records: Sequence[Record]) -> UpsertResult:
    """Create-or-update by natural key (name; a person's e-mail): one transaction and one
    audit entry (``upsert<Label>s``) for what changed; matching records are left alone."""
    spec = QUERIES[kind].spec
    rows = [nodes.upsert_row(spec, r.model_dump(mode="json", exclude_none=True)) for r in records]
    written = await nodes.upsert_audited(db, actor, spec, rows, f"upsert{spec.operation}s")
    return UpsertResult.of_written(written)


async def update(
    db: Database, actor: Actor, kind: Kind, node_id: str, data: Update
) -> DirectoryRecord:
    d = QUERIES[kind]
    change = directory.changes(data.graph_props())
    record: DirectoryRecord = await directory.update(db, actor, d, node_id, change)
    return record


async def delete(
    db: Database, actor: Actor, kind: Kind, node_id: str, force: bool
) -> DirectoryRecord:
    """Refused while contracts or assets still point at it, unless ``force``."""
    record: DirectoryRecord = await directory.delete(db, actor, QUERIES[kind], node_id, force)
    return record


async def get_many(db: Database, kind: Kind, ids: list[str]) -> dict[str, DirectoryRecord]:
    found: dict[str, DirectoryRecord] = await directory.get_many(db, QUERIES[kind], ids)
    return found


async def referrers(db: Database, kind: Kind, ids: list[str]) -> dict[str, Referring]:
    found = await directory.referrers(db, QUERIES[kind], ids)
    return {node_id: _referring(refs) for node_id, refs in found.items()}


async def list_page(
    db: Database, kind: Kind, name_contains: str | None, req: PageRequest
) -> Page[DirectoryRecord]:
    filters = {"nameContains": name_contains or None}
    page: Page[DirectoryRecord] = await nodes.list_page(db, QUERIES[kind].spec, filters, req)
    return page


async def count(db: Database, kind: Kind, name_contains: str | None) -> int:
    return await nodes.count(db, QUERIES[kind].spec, {"nameContains": name_contains or None})
