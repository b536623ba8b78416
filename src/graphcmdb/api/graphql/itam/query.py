"""Root queries for ITAM (viewer role)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.connections import Connection, paged, request_page, to_connection
from graphcmdb.api.graphql.itam.asset_types import AssetType, to_asset
from graphcmdb.api.graphql.itam.directory_types import (
    LocationType,
    PersonType,
    VendorType,
    to_location,
    to_person,
    to_vendor,
)
from graphcmdb.api.graphql.itam.fleet_types import FleetValue, to_fleet_line
from graphcmdb.api.graphql.itam.inputs import AssetFilterInput
from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.domain.records import DirectoryRecord
from graphcmdb.itam.valuation import FleetGroupBy
from graphcmdb.services import assets, people_places, valuation
from graphcmdb.services.people_places import Kind

T = TypeVar("T")


async def _directory(
    info: Info,
    kind: Kind,
    convert: Callable[[DirectoryRecord], T],
    name_contains: str | None,
    paging: tuple[int | None, str | None],
) -> Connection[T]:
    first, after = paging
    db = info.context.db
    page = await people_places.list_page(db, kind, name_contains, request_page(info, first, after))
    return to_connection(page, convert, lambda: people_places.count(db, kind, name_contains))


async def _by_id(
    info: Info, kind: Kind, node_id: str, convert: Callable[[DirectoryRecord], T]
) -> T | None:
    row = await info.context.loaders.directory[kind].load(node_id)
    return convert(row) if row else None


@strawberry.type
class AssetQuery:
    @strawberry.field(permission_classes=[IsViewer])
    async def asset(self, info: Info, id: strawberry.ID) -> AssetType | None:
        row = await info.context.loaders.asset.load(id)
        return to_asset(row) if row else None

    @strawberry.field(permission_classes=[IsViewer], description="Assets ordered by asset tag.")
    async def assets(
        self,
        info: Info,
        filter: AssetFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[AssetType]:
        f = filter or AssetFilterInput()
        flt = assets.AssetFilter(f.lifecycleState, f.category, f.costCenter, f.text)
        listing, counting = assets.list_assets, assets.count_assets
        return await paged(info, (first, after), to_asset, listing, counting, flt)

    @strawberry.field(permission_classes=[IsViewer])
    async def vendor(self, info: Info, id: strawberry.ID) -> VendorType | None:
        return await _by_id(info, Kind.VENDOR, id, to_vendor)

    @strawberry.field(permission_classes=[IsViewer])
    async def location(self, info: Info, id: strawberry.ID) -> LocationType | None:
        return await _by_id(info, Kind.LOCATION, id, to_location)

    @strawberry.field(permission_classes=[IsViewer])
    async def person(self, info: Info, id: strawberry.ID) -> PersonType | None:
        return await _by_id(info, Kind.PERSON, id, to_person)

    @strawberry.field(permission_classes=[IsViewer], description="Vendors by name.")
    async def vendors(
        self,
        info: Info,
        nameContains: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[VendorType]:
        return await _directory(info, Kind.VENDOR, to_vendor, nameContains, (first, after))

    @strawberry.field(permission_classes=[IsViewer], description="Locations by name.")
    async def locations(
        self,
        info: Info,
        nameContains: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[LocationType]:
        return await _directory(info, Kind.LOCATION, to_location, nameContains, (first, after))

    @strawberry.field(permission_classes=[IsViewer], description="People by name.")
    async def people(
        self,
        info: Info,
        nameContains: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[PersonType]:
        return await _directory(info, Kind.PERSON, to_person, nameContains, (first, after))

    @strawberry.field(
        permission_classes=[IsViewer],
        description="Cost and book value of the fleet on asOf (default today), "
        "grouped by category, cost centre or location, and by currency.",
    )
    async def fleetValue(
        self,
        info: Info,
        groupBy: FleetGroupBy,
        asOf: date | None = None,
    ) -> FleetValue:
        as_of = asOf or date.today()
        fleet = await valuation.fleet(info.context.db, as_of, FleetGroupBy(groupBy))
        return FleetValue(
            asOf=as_of,
            groupBy=groupBy,
            groups=[to_fleet_line(x) for x in fleet.groups],
            totals=[to_fleet_line(x) for x in fleet.totals],
            unvalued=fleet.unvalued,
        )
