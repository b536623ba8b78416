"""Root queries for software products, licenses and license positions (viewer role)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.as_of_values import mark
from graphcmdb.api.graphql.connections import Connection, paged
from graphcmdb.api.graphql.itam.license_types import (
    LicensePosition,
    LicenseType,
    SoftwareProductType,
    to_license,
    to_position,
    to_product,
)
from graphcmdb.api.graphql.loaders import Loaders
from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.api.graphql.query_fields import AsOf, by_id_field
from graphcmdb.db.history import reading_as_of
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

    softwareProduct = by_id_field(SoftwareProductType, to_product, Loaders.product.of)
    license = by_id_field(LicenseType, to_license, Loaders.license.of)

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
        "that has a license; ordered by product name. asOf: the licenses, installations "
        "and assignments of that moment (history).",
    )
    async def licensePositions(self, info: Info, asOf: AsOf = None) -> list[LicensePosition]:
        with reading_as_of(asOf):
            found = await licenses.position_views(info.context.db)
        return mark([to_position(p) for p in found], asOf)
