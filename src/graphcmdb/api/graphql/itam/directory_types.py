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
from graphcmdb.domain.directory_models import LocationUpdate, PersonUpdate, VendorUpdate
from graphcmdb.domain.records import DirectoryRecord
from graphcmdb.services.people_places import Kind, Referring

T = TypeVar("T")


async def _referrers(info: Info, kind: Kind, node_id: str) -> Referring:
    """What points at a vendor, location or person (batched per request)."""
    refs: Referring = await info.context.loaders.referrers[kind].load(node_id)
    return refs


async def _assets(info: Info, kind: Kind, node_id: str) -> list[AssetRef]:
    """The assets at a location or assigned to a person, by asset tag."""
    return [asset_types.to_asset(a) for a in (await _referrers(info, kind, node_id)).assets]


@strawberry.type(name="Vendor")
@model_output(VendorUpdate)
class VendorType(Node):
    createdAt: datetime
    updatedAt: datetime

    @strawberry.field(description="Contracts with this vendor, by number.")
    async def contracts(self, info: Info) -> list[ContractRef]:
        refs = await _referrers(info, Kind.VENDOR, self.id)
        return [contract_types.to_contract(c) for c in refs.contracts]


@strawberry.type(name="Location")
@model_output(LocationUpdate)
class LocationType(Node):
    createdAt: datetime
    updatedAt: datetime

    @strawberry.field(description="Assets located here, by asset tag.")
    async def assets(self, info: Info) -> list[AssetRef]:
        return await _assets(info, Kind.LOCATION, self.id)


@strawberry.type(name="Person")
@model_output(PersonUpdate)
class PersonType(Node):
    createdAt: datetime
    updatedAt: datetime

    @strawberry.field(description="Assets assigned to this person, by asset tag.")
    async def assets(self, info: Info) -> list[AssetRef]:
        return await _assets(info, Kind.PERSON, self.id)


def _named(cls: type[T], record: DirectoryRecord) -> T:
    return cls(**plain_values(record, cls))


def to_vendor(vendor: DirectoryRecord) -> VendorType:
    return _named(VendorType, vendor)


def to_location(location: DirectoryRecord) -> LocationType:
    return _named(LocationType, location)


def to_person(person: DirectoryRecord) -> PersonType:
    return _named(PersonType, person)
