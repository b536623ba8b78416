"""Vendors, locations and people: the "who and where" an asset refers to.

The three share one shape (named node, create + list by name; read, update and guarded
delete through ``services/directory``), so one table of catalogue queries drives them;
labels stay static in each Cypher file.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum

from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.directory_models import LocationUpdate, PersonUpdate, VendorUpdate
from graphcmdb.domain.itam_models import LocationCreate, PersonCreate, VendorCreate
from graphcmdb.errors import Duplicate
from graphcmdb.graph.enums import Label
from graphcmdb.services import audit, directory
from graphcmdb.services.actor import Actor
from graphcmdb.services.directory import Directory, Referrers
from graphcmdb.services.paging import Page, PageRequest, make_page


class Kind(StrEnum):
    VENDOR = "Vendor"
    LOCATION = "Location"
    PERSON = "Person"


@dataclass(frozen=True)
class _Queries:
    create: Q
    list: Q
    count: Q
    directory: Directory


QUERIES: dict[Kind, _Queries] = {
    Kind.VENDOR: _Queries(
        Q.VENDOR_CREATE,
        Q.VENDOR_LIST,
        Q.VENDOR_COUNT,
        Directory(
            Label.VENDOR,
            Q.VENDOR_GET_BY_IDS,
            Q.VENDOR_UPDATE,
            Q.VENDOR_DELETE,
            Q.VENDOR_REFERRERS_BY_IDS,
            natural_key="name",
        ),
    ),
    Kind.LOCATION: _Queries(
        Q.LOCATION_CREATE,
        Q.LOCATION_LIST,
        Q.LOCATION_COUNT,
        Directory(
            Label.LOCATION,
            Q.LOCATION_GET_BY_IDS,
            Q.LOCATION_UPDATE,
            Q.LOCATION_DELETE,
            Q.LOCATION_REFERRERS_BY_IDS,
            natural_key="name",
        ),
    ),
    Kind.PERSON: _Queries(
        Q.PERSON_CREATE,
        Q.PERSON_LIST,
        Q.PERSON_COUNT,
        Directory(
            Label.PERSON,
            Q.PERSON_GET_BY_IDS,
            Q.PERSON_UPDATE,
            Q.PERSON_DELETE,
            Q.PERSON_REFERRERS_BY_IDS,
            natural_key="email",
        ),
    ),
}

Record = VendorCreate | LocationCreate | PersonCreate
Update = VendorUpdate | LocationUpdate | PersonUpdate


async def create(db: Database, actor: Actor, kind: Kind, data: Record) -> Row:
    props = data.graph_props()

    async def work(tx: Tx) -> Row:
        row = await tx.one(QUERIES[kind].create, id=str(uuid.uuid4()), props=props)
        assert row is not None
        node = dict(row["node"])
        await audit.record(tx, actor, f"create{kind.value}", [node["id"]], None, node)
        return node

    try:
        return await db.write(work)
    except Duplicate as exc:
        raise QUERIES[kind].directory.duplicate(props) from exc


async def update(db: Database, actor: Actor, kind: Kind, node_id: str, data: Update) -> Row:
    d = QUERIES[kind].directory
    return await directory.update(db, actor, d, node_id, directory.changes(data.graph_props()))


async def delete(db: Database, actor: Actor, kind: Kind, node_id: str, force: bool) -> Row:
    """Refused while contracts or assets still point at it, unless ``force``."""
    return await directory.delete(db, actor, QUERIES[kind].directory, node_id, force)


async def get_many(db: Database, kind: Kind, ids: list[str]) -> dict[str, Row]:
    return await directory.get_many(db, QUERIES[kind].directory, ids)


async def referrers(db: Database, kind: Kind, ids: list[str]) -> dict[str, Referrers]:
    return await directory.referrers(db, QUERIES[kind].directory, ids)


async def list_page(
    db: Database, kind: Kind, name_contains: str | None, req: PageRequest
) -> Page[Row]:
    after_name, after_id = req.after if req.after else (None, None)
    rows = await db.read(
        QUERIES[kind].list,
        nameContains=name_contains or None,
        afterName=after_name,
        afterId=after_id,
        limit=req.fetch,
    )
    return make_page([r["node"] for r in rows], req, "name")


async def count(db: Database, kind: Kind, name_contains: str | None) -> int:
    rows = await db.read(QUERIES[kind].count, nameContains=name_contains or None)
    return int(rows[0]["total"])
