"""Root queries for software products, licenses and license positions (viewer role)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.connections import Connection, paged
from graphcmdb.api.graphql.itam.license_types import (
    LicensePosition,
    LicenseType,
    SoftwareProductType,
    to_license,
    to_position,
    to_product,
)
from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.services import licenses


@strawberry.type
class LicenseQuery:
    @strawberry.field(permission_classes=[IsViewer], description="Products by normalised key.")
    async def softwareProducts(
        self,
        info: Info,
        text: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[SoftwareProductType]:
        listing, counting = licenses.list_products, licenses.count_products
        return await paged(info, (first, after), to_product, listing, counting, text)

    @strawberry.field(permission_classes=[IsViewer])
    async def softwareProduct(self, info: Info, id: strawberry.ID) -> SoftwareProductType | None:
        row = await info.context.loaders.product.load(id)
        return to_product(row) if row else None

    @strawberry.field(permission_classes=[IsViewer])
    async def license(self, info: Info, id: strawberry.ID) -> LicenseType | None:
        row = await info.context.loaders.license.load(id)
        return to_license(row) if row else None

    @strawberry.field(permission_classes=[IsViewer], description="Licenses by name.")
    async def licenses(
        self,
        info: Info,
        productId: strawberry.ID | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[LicenseType]:
        listing, counting = licenses.list_licenses, licenses.count_licenses
        return await paged(info, (first, after), to_license, listing, counting, productId)

    @strawberry.field(
        permission_classes=[IsViewer],
        description="Entitled vs consumed per product and metric, for every product family "
        "that has a license; ordered by product name.",
    )
    async def licensePositions(self, info: Info) -> list[LicensePosition]:
        return [to_position(p) for p in await licenses.position_views(info.context.db)]
