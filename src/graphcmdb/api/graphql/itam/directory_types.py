"""GraphQL types for the directories: vendors, locations and people."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.core.node import Node, plain_values
from graphcmdb.api.graphql.from_models import model_output
from graphcmdb.api.graphql.late import asset_types, contract_types
from graphcmdb.api.graphql.refs import AssetRef, ContractRef
from graphcmdb.db.database import Row
from graphcmdb.domain.directory_models import LocationUpdate, PersonUpdate, VendorUpdate
from graphcmdb.services.people_places import Kind

T = TypeVar("T")


async def _referrers(info: Info, kind: Kind, node_id: str, what: str) -> list[Row]:
    """Rows of one kind that point at a vendor, location or person (batched per request)."""
    refs = await info.context.loaders.referrers[kind].load(node_id)
    return list(refs.get(what, []))


@strawberry.type(name="Vendor")
@model_output(VendorUpdate)
class VendorType(Node):
    createdAt: datetime
    updatedAt: datetime

    @strawberry.field(description="Contracts with this vendor, by number.")
    async def contracts(self, info: Info) -> list[ContractRef]:
        rows = await _referrers(info, Kind.VENDOR, self.id, "contracts")
        return [contract_types.to_contract(r) for r in rows]


@strawberry.type(name="Location")
@model_output(LocationUpdate)
class LocationType(Node):
    createdAt: datetime
    updatedAt: datetime

    @strawberry.field(description="Assets located here, by asset tag.")
    async def assets(self, info: Info) -> list[AssetRef]:
        rows = await _referrers(info, Kind.LOCATION, self.id, "assets")
        return [asset_types.to_asset(r) for r in rows]


@strawberry.type(name="Person")
@model_output(PersonUpdate)
class PersonType(Node):
    createdAt: datetime
    updatedAt: datetime

    @strawberry.field(description="Assets assigned to this person, by asset tag.")
    async def assets(self, info: Info) -> list[AssetRef]:
        rows = await _referrers(info, Kind.PERSON, self.id, "assets")
        return [asset_types.to_asset(r) for r in rows]


def _named(cls: type[T], row: Row) -> T:
    return cls(**plain_values(row, cls))


def to_vendor(row: Row) -> VendorType:
    return _named(VendorType, row)


def to_location(row: Row) -> LocationType:
    return _named(LocationType, row)


def to_person(row: Row) -> PersonType:
    return _named(PersonType, row)
