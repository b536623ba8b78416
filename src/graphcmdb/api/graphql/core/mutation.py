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
from graphcmdb.api.graphql.permissions import IsEditor
from graphcmdb.api.graphql.writes import parsed, write
from graphcmdb.domain import models
from graphcmdb.domain.records import NodeRecord
from graphcmdb.graph.enums import RelType
from graphcmdb.services import bulk, business_services, cis, relations


@strawberry.type
class CIMutation:
    @strawberry.mutation(permission_classes=[IsEditor])
    async def createCI(self, info: Info, input: CreateCIInput) -> CIType:
        return to_ci(await write(info, cis.create_ci, parsed(models.CICreate, input)))

    @strawberry.mutation(permission_classes=[IsEditor])
    async def updateCI(self, info: Info, id: strawberry.ID, input: UpdateCIInput) -> CIType:
        return to_ci(await write(info, cis.update_ci, id, parsed(models.CIUpdate, input)))

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Refuses while other nodes depend on the CI unless force.",
    )
    async def deleteCI(self, info: Info, id: strawberry.ID, force: bool = False) -> strawberry.ID:
        await write(info, cis.delete_ci, id, force)
        return id

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Create or update CIs by (ciClass, name) in one transaction.",
    )
    async def upsertCIs(self, info: Info, input: list[CreateCIInput]) -> UpsertResult:
        rows = [given(row) for row in input]
        result = await write(info, bulk.upsert_cis, rows)
        return UpsertResult(
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
            ids=[strawberry.ID(i) for i in result.ids],
        )

    @strawberry.mutation(permission_classes=[IsEditor])
    async def createService(self, info: Info, input: CreateServiceInput) -> ServiceType:
        data = parsed(models.ServiceCreate, input)
        return to_service(await write(info, business_services.create_service, data))

    @strawberry.mutation(permission_classes=[IsEditor])
    async def updateService(
        self, info: Info, id: strawberry.ID, input: UpdateServiceInput
    ) -> ServiceType:
        data = parsed(models.ServiceUpdate, input)
        return to_service(await write(info, business_services.update_service, id, data))

    @strawberry.mutation(permission_classes=[IsEditor])
    async def deleteService(
        self, info: Info, id: strawberry.ID, force: bool = False
    ) -> strawberry.ID:
        await write(info, business_services.delete_service, id, force)
        return id

    @strawberry.mutation(
        permission_classes=[IsEditor], description="Relate two nodes; illegal pairs are refused."
    )
    async def relate(self, info: Info, input: RelateInput) -> DependencyEdge:
        data = parsed(models.RelateInput, input)
        rel = await write(info, relations.relate, data)
        target = await info.context.loaders.ci.load(
            rel.target
        ) or await info.context.loaders.service.load(rel.target)
        node = target or NodeRecord(id=rel.target)
        return to_edge(relations.Edge(rel.id, rel.type, rel.kind, node))

    @strawberry.mutation(permission_classes=[IsEditor])
    async def unrelate(self, info: Info, input: UnrelateInput) -> bool:
        return await write(info, relations.unrelate, input.fromId, RelType(input.type), input.toId)
