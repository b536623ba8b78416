"""Configuration items: create, read, update, delete, list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.discovery.precedence import claim_fields
from graphcmdb.domain.models import CICreate, CIUpdate
from graphcmdb.domain.records import CIRecord
from graphcmdb.domain.specs import CI_SPEC
from graphcmdb.errors import Duplicate, HasDependents, ValidationFailed
from graphcmdb.graph.enums import CIClass, CIStatus, Environment
from graphcmdb.graph.node_spec import NodeSpec
from graphcmdb.services import nodes
from graphcmdb.services.actor import Actor
from graphcmdb.services.nodes import R
from graphcmdb.services.paging import Page, PageRequest


@dataclass(frozen=True)
class CIFilter:
    ciClass: CIClass | None = None
    status: CIStatus | None = None
    environment: Environment | None = None
    nameContains: str | None = None
    text: str | None = None

    def params(self) -> dict[str, object]:
        return {
            "ciClass": self.ciClass.value if self.ciClass else None,
            "status": self.status.value if self.status else None,
            "environment": self.environment.value if self.environment else None,
            "nameContains": self.nameContains or None,
        }


async def get_cis(db: Database, ids: list[str]) -> dict[str, CIRecord]:
    return await nodes.get_many(db, CI_SPEC, ids)


def _duplicate_name(props: dict[str, Any]) -> Duplicate:
    return Duplicate(
        f"A {props.get('ciClass')} named '{props.get('name')}' already exists.",
        ciClass=props.get("ciClass"),
        name=props.get("name"),
    )


async def create_ci(db: Database, actor: Actor, data: CICreate) -> CIRecord:
    return await nodes.create(db, actor, CI_SPEC, data.graph_props(), _duplicate_name)


async def update_ci(db: Database, actor: Actor, ci_id: str, data: CIUpdate) -> CIRecord:
    props = data.graph_props()

    async def work(tx: Tx) -> CIRecord:
        current = await nodes.require(tx, CI_SPEC, ci_id)
        if "minAvailable" in props and current.ciClass is not CIClass.CLUSTER:
            raise ValidationFailed("minAvailable applies to clusters only.", field="minAvailable")
        # a person's edit takes the field back from discovery (source precedence)
        edit = props | claim_fields(current.model_dump(), props)
        return await nodes.update_in(tx, actor, CI_SPEC, ci_id, edit)

    another = f"Another CI of the same class is named '{data.name}'."
    return await nodes.write_unique(db, work, lambda: Duplicate(another, name=data.name))


async def _delete_guarded_in(
    tx: Tx, spec: NodeSpec[R], node_id: str, force: bool, actor: Actor
) -> R:
    await nodes.require(tx, spec, node_id)
    dependents = await tx.run(Q.NODE_DEPENDENTS_BLOCKING_DELETE, id=node_id)
    if dependents and not force:
        names = ", ".join(f"{d['name']} ({d['type']})" for d in dependents[:10])
        more = f" and {len(dependents) - 10} more" if len(dependents) > 10 else ""
        raise HasDependents(
            f"{len(dependents)} node(s) depend on it: {names}{more}. "
            "Remove those relationships first or pass force: true.",
            dependents=[d["id"] for d in dependents],
        )
    after = {"force": force, "dependents": [d["id"] for d in dependents]}
    return await nodes.delete_in(tx, actor, spec, node_id, after)


async def delete_guarded(
    db: Database, actor: Actor, spec: NodeSpec[R], node_id: str, force: bool
) -> R:
    """Delete a CI or service unless others depend on it (``force`` overrides)."""
    return await db.write(lambda tx: _delete_guarded_in(tx, spec, node_id, force, actor))


async def delete_ci(db: Database, actor: Actor, ci_id: str, force: bool = False) -> CIRecord:
    return await delete_guarded(db, actor, CI_SPEC, ci_id, force)


async def list_cis(db: Database, flt: CIFilter, req: PageRequest) -> Page[CIRecord]:
    return await nodes.list_page(db, CI_SPEC, flt.params(), req, text=flt.text)


async def count_cis(db: Database, flt: CIFilter) -> int:
    return await nodes.count(db, CI_SPEC, flt.params(), text=flt.text)
