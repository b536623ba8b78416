"""Root queries of the core CMDB: nodes, CIs, services and neighbourhoods (viewer role)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.as_of_values import mark
from graphcmdb.api.graphql.core.graph_types import GraphView, to_graph_view
from graphcmdb.api.graphql.core.inputs import CIFilterInput, ServiceFilterInput
from graphcmdb.api.graphql.core.node import Node
from graphcmdb.api.graphql.core.types import CIType, ServiceType, to_ci, to_node, to_service
from graphcmdb.api.graphql.loaders import Loaders
from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.api.graphql.query_fields import AsOf, NodeReads
from graphcmdb.db.history import reading_as_of
from graphcmdb.graph.enums import RelType
from graphcmdb.services import business_services, cis, graph_view, nodes


def _ci_filter(f: CIFilterInput) -> cis.CIFilter:
    return cis.CIFilter(f.ciClass, f.status, f.environment, f.nameContains, f.text)


def _service_filter(f: ServiceFilterInput) -> business_services.ServiceFilter:
    return business_services.ServiceFilter(f.nameContains, f.minCriticality)


_CI = NodeReads(CIType, to_ci, Loaders.ci.of)
_SERVICE = NodeReads(ServiceType, to_service, Loaders.service.of)


@strawberry.type
class CIQuery:
    @strawberry.field(permission_classes=[IsViewer], description="Any node by id.")
    async def node(self, info: Info, id: strawberry.ID, asOf: AsOf = None) -> Node | None:
        with reading_as_of(asOf):
            row = await nodes.get_node(info.context.db, id)
        return mark(to_node(row), asOf) if row else None

    ci = _CI.by_id()
    cis = _CI.listed(CIFilterInput, _ci_filter, cis.LISTING, "CIs ordered by name.")
    service = _SERVICE.by_id()
    services = _SERVICE.listed(
        ServiceFilterInput, _service_filter, business_services.LISTING, "Business services by name."
    )

    @strawberry.field(permission_classes=[IsViewer], description="A neighbourhood to draw.")
    async def graph(
        self,
        info: Info,
        centerId: strawberry.ID,
        depth: int = 1,
        types: list[RelType] | None = None,
        asOf: AsOf = None,
        collapse: Annotated[
            bool,
            strawberry.argument(
                description="Lifecycle events and installed software are counted per node "
                "(aggregates), not walked."
            ),
        ] = False,
    ) -> GraphView:
        with reading_as_of(asOf):
            view = await graph_view.neighbourhood(
                info.context.db,
                centerId,
                depth,
                types,
                info.context.settings.max_graph_nodes,
                collapse=collapse,
            )
        return mark(to_graph_view(view), asOf)
