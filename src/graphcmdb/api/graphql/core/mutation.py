"""Root mutations of the core CMDB: CIs, services, relations (editor role)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.core.inputs import (
    CreateCIInput,
    CreateServiceInput,
    RelateInput,
    UnrelateInput,
    UpdateCIInput,
    UpdateServiceInput,
)
from graphcmdb.api.graphql.core.types import (
    CIType,
    DependencyEdge,
    ServiceType,
    UpsertResult,
    to_ci,
    to_edge,
    to_service,
)
from graphcmdb.api.graphql.from_models import given
from graphcmdb.api.graphql.permissions import IsEditor, authorize
from graphcmdb.domain import models
from graphcmdb.domain.records import NodeRecord
from graphcmdb.graph.enums import RelType, Role
from graphcmdb.services import bulk, business_services, cis, relations
from graphcmdb.services.actor import Actor


def _actor(info: Info) -> Actor:
    return authorize(info.context.actor, Role.EDITOR)


@strawberry.type
class CIMutation:
    @strawberry.mutation(permission_classes=[IsEditor])
    async def createCI(self, info: Info, input: CreateCIInput) -> CIType:
        data = models.parse(models.CICreate, given(input))
        return to_ci(await cis.create_ci(info.context.db, _actor(info), data))

    @strawberry.mutation(permission_classes=[IsEditor])
    async def updateCI(self, info: Info, id: strawberry.ID, input: UpdateCIInput) -> CIType:
        data = models.parse(models.CIUpdate, given(input))
        return to_ci(await cis.update_ci(info.context.db, _actor(info), id, data))

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Refuses while other nodes depend on the CI unless force.",
    )
    async def deleteCI(self, info: Info, id: strawberry.ID, force: bool = False) -> strawberry.ID:
        await cis.delete_ci(info.context.db, _actor(info), id, force)
        return id

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Create or update CIs by (ciClass, name) in one transaction.",
    )
    async def upsertCIs(self, info: Info, input: list[CreateCIInput]) -> UpsertResult:
        rows = [given(row) for row in input]
        result = await bulk.upsert_cis(info.context.db, _actor(info), rows)
        return UpsertResult(
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
            ids=[strawberry.ID(i) for i in result.ids],
        )

    @strawberry.mutation(permission_classes=[IsEditor])
    async def createService(self, info: Info, input: CreateServiceInput) -> ServiceType:
        data = models.parse(models.ServiceCreate, given(input))
        return to_service(
            await business_services.create_service(info.context.db, _actor(info), data)
        )

    @strawberry.mutation(permission_classes=[IsEditor])
    async def updateService(
        self, info: Info, id: strawberry.ID, input: UpdateServiceInput
    ) -> ServiceType:
        data = models.parse(models.ServiceUpdate, given(input))
        return to_service(
            await business_services.update_service(info.context.db, _actor(info), id, data)
        )

    @strawberry.mutation(permission_classes=[IsEditor])
    async def deleteService(
        self, info: Info, id: strawberry.ID, force: bool = False
    ) -> strawberry.ID:
        await business_services.delete_service(info.context.db, _actor(info), id, force)
        return id

    @strawberry.mutation(
        permission_classes=[IsEditor], description="Relate two nodes; illegal pairs are refused."
    )
    async def relate(self, info: Info, input: RelateInput) -> DependencyEdge:
        data = models.parse(models.RelateInput, given(input))
        rel = await relations.relate(info.context.db, _actor(info), data)
        target = await info.context.loaders.ci.load(
            rel.target
        ) or await info.context.loaders.service.load(rel.target)
        node = target or NodeRecord(id=rel.target)
        return to_edge(relations.Edge(rel.id, rel.type, rel.kind, node))

    @strawberry.mutation(permission_classes=[IsEditor])
    async def unrelate(self, info: Info, input: UnrelateInput) -> bool:
        return await relations.unrelate(
            info.context.db, _actor(info), input.fromId, RelType(input.type), input.toId
        )
