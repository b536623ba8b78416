"""Root queries for ITAM (viewer role)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from graphcmdb.api.graphql.connections import Connection, request_page, to_connection
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
from graphcmdb.api.graphql.loaders import Loaders
from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.api.graphql.query_fields import NodeReads, by_id_field, connection_field
from graphcmdb.domain.records import DirectoryRecord
from graphcmdb.itam.valuation import FleetGroupBy
from graphcmdb.services import assets, people_places, valuation
from graphcmdb.services.people_places import Kind

T = TypeVar("T")


def _in_directory(kind: Kind) -> Callable[[Loaders], DataLoader[str, Any]]:
    """The request's loader of ``kind`` by id (of DirectoryRecord | None).

    Its values are typed Any: the type checker cannot take the DirectoryRecord union
    apart from ``V | None`` when ``by_id_field`` infers ``V``; the converter is checked.
    """
    return lambda loaders: loaders.directory[kind]


def _directory_list(
    kind: Kind, output: type[T], convert: Callable[[DirectoryRecord], T], description: str
) -> Connection[T]:
    """``name(nameContains: String, first: Int, after: String)``: ``kind`` by name."""

    async def resolver(
        info: Info,
        nameContains: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[T]:
        db = info.context.db
        req = request_page(info, first, after)
        page = await people_places.list_page(db, kind, nameContains, req)
        return to_connection(page, convert, lambda: people_places.count(db, kind, nameContains))

    field: Connection[T] = connection_field(resolver, output, description, nameContains=str | None)
    return field


def _asset_filter(f: AssetFilterInput) -> assets.AssetFilter:
    return assets.AssetFilter(f.lifecycleState, f.category, f.costCenter, f.text)


_ASSET = NodeReads(AssetType, to_asset, Loaders.asset.of)


@strawberry.type
class AssetQuery:
    asset = _ASSET.by_id()
    assets = _ASSET.listed(
        AssetFilterInput, _asset_filter, assets.LISTING, "Assets ordered by asset tag."
    )

    vendor = by_id_field(VendorType, to_vendor, _in_directory(Kind.VENDOR))
    location = by_id_field(LocationType, to_location, _in_directory(Kind.LOCATION))
    person = by_id_field(PersonType, to_person, _in_directory(Kind.PERSON))
    vendors = _directory_list(Kind.VENDOR, VendorType, to_vendor, "Vendors by name.")
    locations = _directory_list(Kind.LOCATION, LocationType, to_location, "Locations by name.")
    people = _directory_list(Kind.PERSON, PersonType, to_person, "People by name.")

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
    ) -> FleetValue | None:
        as_of = asOf or date.today()
        fleet = await valuation.fleet(info.context.db, as_of, FleetGroupBy(groupBy))
        return FleetValue(
            asOf=as_of,
            groupBy=groupBy,
            groups=[to_fleet_line(x) for x in fleet.groups],
            totals=[to_fleet_line(x) for x in fleet.totals],
            unvalued=fleet.unvalued,
        )
