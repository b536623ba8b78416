"""Business services: what users consume, with criticality, users and SLA target."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.models import ServiceCreate, ServiceUpdate
from graphcmdb.errors import Duplicate, NotFound
from graphcmdb.services import audit
from graphcmdb.services.actor import Actor
from graphcmdb.services.cis import delete_node_guarded
from graphcmdb.services.paging import Page, PageRequest, make_page


@dataclass(frozen=True)
class ServiceFilter:
    nameContains: str | None = None
    minCriticality: int | None = None

    def params(self) -> dict[str, object]:
        return {"nameContains": self.nameContains or None, "minCriticality": self.minCriticality}


async def get_services(db: Database, ids: list[str]) -> dict[str, Row]:
    rows = await db.read(Q.SERVICE_GET_BY_IDS, ids=ids)
    return {r["service"]["id"]: r["service"] for r in rows}


async def require_service(tx: Tx, service_id: str) -> Row:
    row = await tx.one(Q.SERVICE_GET_BY_IDS, ids=[service_id])
    if row is None:
        raise NotFound("Service", [service_id])
    return dict(row["service"])


def _duplicate(name: str | None, exc: Duplicate) -> Duplicate:
    return Duplicate(f"A service named '{name}' already exists.", name=name)


async def create_service(db: Database, actor: Actor, data: ServiceCreate) -> Row:
    async def work(tx: Tx) -> Row:
        row = await tx.one(Q.SERVICE_CREATE, id=str(uuid.uuid4()), props=data.graph_props())
        assert row is not None
        service = dict(row["service"])
        await audit.record(tx, actor, "createService", [service["id"]], None, service)
        return service

    try:
        return await db.write(work)
    except Duplicate as exc:
        raise _duplicate(data.name, exc) from exc


async def update_service(db: Database, actor: Actor, service_id: str, data: ServiceUpdate) -> Row:
    async def work(tx: Tx) -> Row:
        await require_service(tx, service_id)
        row = await tx.one(Q.SERVICE_UPDATE, id=service_id, props=data.graph_props())
        assert row is not None
        service = dict(row["service"])
        await audit.record(tx, actor, "updateService", [service_id], row["before"], service)
        return service

    try:
        return await db.write(work)
    except Duplicate as exc:
        raise _duplicate(data.name, exc) from exc


async def delete_service(db: Database, actor: Actor, service_id: str, force: bool = False) -> Row:
    async def work(tx: Tx) -> Row:
        await require_service(tx, service_id)
        return await delete_node_guarded(
            tx, service_id, force, Q.SERVICE_DELETE, actor, "deleteService"
        )

    return await db.write(work)


async def list_services(db: Database, flt: ServiceFilter, req: PageRequest) -> Page[Row]:
    after_name, after_id = req.after if req.after else (None, None)
    rows = await db.read(
        Q.SERVICE_LIST, afterName=after_name, afterId=after_id, limit=req.fetch, **flt.params()
    )
    return make_page([r["service"] for r in rows], req, "name")


async def count_services(db: Database, flt: ServiceFilter) -> int:
    rows = await db.read(Q.SERVICE_COUNT, **flt.params())
    return int(rows[0]["total"])
