"""Vendors, locations and people: the "who and where" an asset refers to.

The three share one shape (named node, create + list by name), so one table of
catalogue queries drives them; labels stay static in each Cypher file.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum

from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.itam_models import LocationCreate, PersonCreate, VendorCreate
from graphcmdb.errors import Duplicate
from graphcmdb.services import audit
from graphcmdb.services.actor import Actor
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
    #: what makes a second one a duplicate, for the error message
    natural_key: str


QUERIES: dict[Kind, _Queries] = {
    Kind.VENDOR: _Queries(Q.VENDOR_CREATE, Q.VENDOR_LIST, Q.VENDOR_COUNT, "name"),
    Kind.LOCATION: _Queries(Q.LOCATION_CREATE, Q.LOCATION_LIST, Q.LOCATION_COUNT, "name"),
    Kind.PERSON: _Queries(Q.PERSON_CREATE, Q.PERSON_LIST, Q.PERSON_COUNT, "email"),
}

Record = VendorCreate | LocationCreate | PersonCreate


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
        key = QUERIES[kind].natural_key
        raise Duplicate(
            f"A {kind.value.lower()} with {key} '{props.get(key)}' already exists.",
            field=key,
        ) from exc


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
