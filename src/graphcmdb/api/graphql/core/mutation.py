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
from graphcmdb.api.graphql.core.plan_types import to_plan
from graphcmdb.api.graphql.core.types import (
    CIType,
    DependencyEdge,
    ServiceType,
    UpsertResult,
    to_ci,
    to_edge,
    to_service,
)
from graphcmdb.api.graphql.crud_fields import create_field, guarded_delete_field, update_field
from graphcmdb.api.graphql.from_models import given
from graphcmdb.api.graphql.permissions import IsEditor
from graphcmdb.api.graphql.writes import parsed, write
from graphcmdb.domain import models
from graphcmdb.domain.records import NodeRecord
from graphcmdb.graph.enums import RelType
from graphcmdb.services import bulk, business_services, cis, relations


@strawberry.type
class CIMutation:
    createCI = create_field(CIType, to_ci, CreateCIInput, cis.create_ci, models.CICreate)
    updateCI = update_field(CIType, to_ci, UpdateCIInput, cis.update_ci, models.CIUpdate)
    deleteCI = guarded_delete_field(
        cis.delete_ci, "Refuses while other nodes depend on the CI unless force."
    )

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description=(
            "Create or update CIs in one transaction, each row identified like every other "
            "source (serial, asset tag, MAC, FQDN, host name, address; logical CIs by class "
            "and name). An ambiguous or refused row refuses the call. dryRun: the plan, "
            "nothing written; planToken: write only if the plan is still that preview's."
        ),
    )
    async def upsertCIs(
        self,
        info: Info,
        input: list[CreateCIInput],
        dryRun: bool = False,
        planToken: str | None = None,
    ) -> UpsertResult:
        rows = [given(row) for row in input]
        plan = await write(info, bulk.plan_cis, rows, dry_run=dryRun, expect=planToken)
        result = bulk.UpsertResult.of_plan(plan)
        return UpsertResult(
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
            ids=[strawberry.ID(i) for i in result.ids],
            plan=to_plan(plan),
        )

    createService = create_field(
        ServiceType,
        to_service,
        CreateServiceInput,
        business_services.create_service,
        models.ServiceCreate,
    )
    updateService = update_field(
        ServiceType,
        to_service,
        UpdateServiceInput,
        business_services.update_service,
        models.ServiceUpdate,
    )
    deleteService = guarded_delete_field(business_services.delete_service)

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
