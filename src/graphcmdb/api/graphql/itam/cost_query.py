"""Root queries for total cost of ownership (viewer role)."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.itam.cost_types import ServiceCostType, to_service_cost
from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.services import costs


@strawberry.type
class CostQuery:
    @strawberry.field(
        permission_classes=[IsViewer],
        description="TCO of the assets behind a service on asOf (default today).",
    )
    async def serviceCostOfOwnership(
        self, info: Info, serviceId: strawberry.ID, asOf: date | None = None
    ) -> ServiceCostType | None:
        cost = await costs.service_cost(info.context.db, str(serviceId), asOf or date.today())
        return to_service_cost(cost)
