"""Root queries of the core CMDB (viewer role)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.connections import Connection, to_connection
from graphcmdb.api.graphql.core.inputs import CIFilterInput, ServiceFilterInput
from graphcmdb.api.graphql.core.types import (
    ApiToken,
    AuditEntry,
    CIType,
    GraphView,
    Node,
    ServiceType,
    to_ci,
    to_graph_view,
    to_node,
    to_service,
    to_token,
)
from graphcmdb.api.graphql.permissions import IsAdmin, IsViewer
from graphcmdb.db.queries import Q
from graphcmdb.graph.enums import RelType
from graphcmdb.services import audit, business_services, cis, graph_view, tokens
from graphcmdb.services.paging import make_page, page_request


def _page(info: Info, first: int | None, after: str | None):  # type: ignore[no-untyped-def]
    return page_request(first, after, info.context.settings.max_page_size)


@strawberry.type
class CoreQuery:
    @strawberry.field(permission_classes=[IsViewer], description="Any node by id.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        rows = await info.context.db.read(Q.NODE_GET_BY_IDS, ids=[id])
        return to_node(rows[0]["node"]) if rows else None

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
        db = info.context.db
        page = await cis.list_cis(db, flt, _page(info, first, after))
        return to_connection(page, to_ci, lambda: cis.count_cis(db, flt))

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
        db = info.context.db
        page = await business_services.list_services(db, flt, _page(info, first, after))
        return to_connection(page, to_service, lambda: business_services.count_services(db, flt))

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

    @strawberry.field(permission_classes=[IsAdmin], description="Who changed what, newest first.")
    async def auditLog(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        targetId: strawberry.ID | None = None,
    ) -> Connection[AuditEntry]:
        req = _page(info, first, after)
        db = info.context.db
        after_at, after_id = req.after if req.after else (None, None)
        rows = await db.read(
            Q.AUDIT_LIST, targetId=targetId, afterAt=after_at, afterId=after_id, limit=req.fetch
        )
        page = make_page([audit.decode(r["entry"]) for r in rows], req, "at")

        async def count() -> int:
            return int((await db.read(Q.AUDIT_COUNT, targetId=targetId))[0]["total"])

        return to_connection(page, lambda r: AuditEntry(**r), count)

    @strawberry.field(permission_classes=[IsAdmin])
    async def apiTokens(self, info: Info) -> list[ApiToken]:
        return [to_token(r) for r in await tokens.list_tokens(info.context.db)]
