"""Business services: what users consume, with criticality, users and SLA target."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphcmdb.db.database import Database
from graphcmdb.domain.models import ServiceCreate, ServiceUpdate
from graphcmdb.domain.records import ServiceRecord
from graphcmdb.domain.specs import SERVICE_SPEC
from graphcmdb.errors import Duplicate
from graphcmdb.services import listing, nodes
from graphcmdb.services.actor import Actor
from graphcmdb.services.cis import delete_guarded


@dataclass(frozen=True)
class ServiceFilter:
    nameContains: str | None = None
    minCriticality: int | None = None


async def get_services(db: Database, ids: list[str]) -> dict[str, ServiceRecord]:
    return await nodes.get_many(db, SERVICE_SPEC, ids)


def _duplicate(props: dict[str, Any]) -> Duplicate:
    name = props.get("name")
    return Duplicate(f"A service named '{name}' already exists.", name=name)


async def create_service(db: Database, actor: Actor, data: ServiceCreate) -> ServiceRecord:
    return await nodes.create(db, actor, SERVICE_SPEC, data.graph_props(), _duplicate)


async def update_service(
    db: Database, actor: Actor, service_id: str, data: ServiceUpdate
) -> ServiceRecord:
    props = data.graph_props()
    return await nodes.update(db, actor, SERVICE_SPEC, service_id, props, _duplicate)


async def delete_service(
    db: Database, actor: Actor, service_id: str, force: bool = False
) -> ServiceRecord:
    return await delete_guarded(db, actor, SERVICE_SPEC, service_id, force)


LISTING = listing.of_spec(SERVICE_SPEC, ServiceFilter)
