"""Vendors, locations and people: the "who and where" an asset refers to.

The three share one shape (named node, create + list by name; read, update and guarded
delete through ``services/directory``), so one table of node specs drives them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from enum import StrEnum

from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.directory_models import LocationUpdate, PersonUpdate, VendorUpdate
from graphcmdb.domain.itam_models import LocationCreate, PersonCreate, VendorCreate
from graphcmdb.domain.specs import LOCATION_SPEC, PERSON_SPEC, VENDOR_SPEC
from graphcmdb.services import audit, directory, nodes
from graphcmdb.services.actor import Actor
from graphcmdb.services.bulk import UpsertResult
from graphcmdb.services.directory import Directory, Referrers
from graphcmdb.services.paging import Page, PageRequest


class Kind(StrEnum):
    VENDOR = "Vendor"
    LOCATION = "Location"
    PERSON = "Person"


QUERIES: dict[Kind, Directory] = {
    Kind.VENDOR: Directory(VENDOR_SPEC, Q.VENDOR_REFERRERS_BY_IDS, natural_key="name"),
    Kind.LOCATION: Directory(LOCATION_SPEC, Q.LOCATION_REFERRERS_BY_IDS, natural_key="name"),
    Kind.PERSON: Directory(PERSON_SPEC, Q.PERSON_REFERRERS_BY_IDS, natural_key="email"),
}

Record = VendorCreate | LocationCreate | PersonCreate
Update = VendorUpdate | LocationUpdate | PersonUpdate


async def create(db: Database, actor: Actor, kind: Kind, data: Record) -> Row:
    d = QUERIES[kind]
    return await nodes.create(db, actor, d.spec, data.graph_props(), d.duplicate)


async def upsert(db: Database, actor: Actor, kind: Kind, records: Sequence[Record]) -> UpsertResult:
    """Create-or-update by natural key (name; a person's e-mail): one transaction and one
    audit entry (``upsert<Label>s``) for what changed; matching records are left alone."""
    spec = QUERIES[kind].spec
    rows = [nodes.upsert_row(spec, r.model_dump(mode="json", exclude_none=True)) for r in records]

    async def work(tx: Tx) -> UpsertResult:
        written = await nodes.upsert_in(tx, spec, rows, datetime.now(UTC))
        changed = [str(w["id"]) for w in written if w["changed"]]
        created = sum(1 for w in written if w["created"])
        if changed:
            after = {"created": created, "updated": len(changed) - created}
            await audit.record(tx, actor, f"upsert{spec.operation}s", changed, None, after)
        ids = [str(w["id"]) for w in written]
        return UpsertResult(created, len(changed) - created, ids, len(written) - len(changed))

    return await db.write(work)


async def update(db: Database, actor: Actor, kind: Kind, node_id: str, data: Update) -> Row:
    d = QUERIES[kind]
    return await directory.update(db, actor, d, node_id, directory.changes(data.graph_props()))


async def delete(db: Database, actor: Actor, kind: Kind, node_id: str, force: bool) -> Row:
    """Refused while contracts or assets still point at it, unless ``force``."""
    return await directory.delete(db, actor, QUERIES[kind], node_id, force)


async def get_many(db: Database, kind: Kind, ids: list[str]) -> dict[str, Row]:
    return await directory.get_many(db, QUERIES[kind], ids)


async def referrers(db: Database, kind: Kind, ids: list[str]) -> dict[str, Referrers]:
    return await directory.referrers(db, QUERIES[kind], ids)


async def list_page(
    db: Database, kind: Kind, name_contains: str | None, req: PageRequest
) -> Page[Row]:
    filters = {"nameContains": name_contains or None}
    return await nodes.list_page(db, QUERIES[kind].spec, filters, req)


async def count(db: Database, kind: Kind, name_contains: str | None) -> int:
    return await nodes.count(db, QUERIES[kind].spec, {"nameContains": name_contains or None})
