"""Root queries of the core CMDB: nodes, CIs, services and neighbourhoods (viewer role)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.connections import Connection, paged
from graphcmdb.api.graphql.core.graph_types import GraphView, to_graph_view
from graphcmdb.api.graphql.core.inputs import CIFilterInput, ServiceFilterInput
from graphcmdb.api.graphql.core.node import Node
from graphcmdb.api.graphql.core.types import CIType, ServiceType, to_ci, to_node, to_service
from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.graph.enums import RelType
from graphcmdb.services import business_services, cis, graph_view, nodes


@strawberry.type
class CIQuery:
    @strawberry.field(permission_classes=[IsViewer], description="Any node by id.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        row = await nodes.get_node(info.context.db, id)
        return to_node(row) if row else None

    @strawberry.field(permission_classes=[IsViewer])
    async def ci(self, info: Info, id: strawberry.ID) -> CIType | None:
        row = await info.context.loaders.ci.load(id)
        return to_ci(row) if row else None

    @strawberry.field(permission_classes=[IsViewer], description="CIs ordered by name.")
    async def cis(
        self,
        info: Info,
        filter: CIFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[CIType]:
        f = filter or CIFilterInput()
        flt = cis.CIFilter(f.ciClass, f.status, f.environment, f.nameContains, f.text)
        return await paged(info, (first, after), to_ci, cis.list_cis, cis.count_cis, flt)

    @strawberry.field(permission_classes=[IsViewer])
    async def service(self, info: Info, id: strawberry.ID) -> ServiceType | None:
        row = await info.context.loaders.service.load(id)
        return to_service(row) if row else None

    @strawberry.field(permission_classes=[IsViewer], description="Business services by name.")
    async def services(
        self,
        info: Info,
        filter: ServiceFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ServiceType]:
        f = filter or ServiceFilterInput()
        flt = business_services.ServiceFilter(f.nameContains, f.minCriticality)
        listing, counting = business_services.list_services, business_services.count_services
        return await paged(info, (first, after), to_service, listing, counting, flt)

    @strawberry.field(permission_classes=[IsViewer], description="A neighbourhood to draw.")
    async def graph(
        self,
        info: Info,
        centerId: strawberry.ID,
        depth: int = 1,
        types: list[RelType] | None = None,
    ) -> GraphView:
        view = await graph_view.neighbourhood(
            info.context.db, centerId, depth, types, info.context.settings.max_graph_nodes
        )
        return to_graph_view(view)
