"""GraphQL types for ITAM: assets, their lifecycle history, who/where, money.

Money is a ``Decimal`` scalar (serialised as a string, so no client parses it into a
float by accident) always paired with its ``currency``.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info, get_object_definition

from graphcmdb.api.graphql.core.affectable import IncidentRef, incidents_of
from graphcmdb.api.graphql.core.types import (
    CIType,
    Node,
    ServiceType,
    public_labels,
    to_ci,
    to_service,
)
from graphcmdb.db.database import Row
from graphcmdb.graph import enums as g
from graphcmdb.graph.enums import DepreciationMethod, DisposalMethod, LifecycleState
from graphcmdb.itam.lifecycle import allowed_next
from graphcmdb.itam.valuation import FleetGroupBy, FleetLine, asset_book_value
from graphcmdb.services.people_places import Kind

if TYPE_CHECKING:
    from graphcmdb.api.graphql.itam.contract_types import ContractType
    from graphcmdb.api.graphql.itam.cost_types import CostOfOwnershipType
    from graphcmdb.api.graphql.itam.licence_types import Installation, LicenseConsumption

CostRef = Annotated["CostOfOwnershipType", strawberry.lazy("graphcmdb.api.graphql.itam.cost_types")]
ContractRef = Annotated[
    "ContractType", strawberry.lazy("graphcmdb.api.graphql.itam.contract_types")
]
InstallationRef = Annotated[
    "Installation", strawberry.lazy("graphcmdb.api.graphql.itam.licence_types")
]
ConsumptionRef = Annotated[
    "LicenseConsumption", strawberry.lazy("graphcmdb.api.graphql.itam.licence_types")
]


@strawberry.type(description="An amount in one currency (amount is a decimal string).")
class Money:
    amount: Decimal
    currency: str


def _money(amount: Any, currency: str | None) -> Money | None:
    if amount is None or not currency:
        return None
    return Money(amount=Decimal(str(amount)), currency=currency)


@strawberry.type(description="One move of an asset through its lifecycle.")
class LifecycleEvent:
    id: strawberry.ID
    seq: int = strawberry.field(description="Position in the asset's history, from 1.")
    from_: LifecycleState | None = strawberry.field(
        name="from", description="Null for the event that recorded the asset."
    )
    to: LifecycleState
    at: datetime
    actor: str
    note: str | None
    disposalMethod: DisposalMethod | None
    dataWipeReference: str | None
    ciId: strawberry.ID | None = strawberry.field(description="CI linked by this deployment.")
    dependentIds: list[strawberry.ID] = strawberry.field(
        description="Dependents of the tracked CI that a forced retirement went past."
    )


def to_event(row: Row) -> LifecycleEvent:
    return LifecycleEvent(
        id=row["id"],
        seq=row["seq"],
        from_=g.LifecycleState(row["from"]) if row.get("from") else None,
        to=g.LifecycleState(row["to"]),
        at=row["at"],
        actor=row["actor"],
        note=row.get("note"),
        disposalMethod=g.DisposalMethod(row["disposalMethod"])
        if row.get("disposalMethod")
        else None,
        dataWipeReference=row.get("dataWipeReference"),
        ciId=row.get("ciId"),
        dependentIds=row.get("dependentIds") or [],
    )


async def tracked_ci_id(info: Info, asset_id: str) -> str | None:
    """The id of the CI an asset tracks (through the batched links loader)."""
    links = await info.context.loaders.asset_links.load(asset_id)
    return str(links["ci"]["id"]) if links and links["ci"] else None


async def _referrers(info: Info, kind: Kind, node_id: str, what: str) -> list[Row]:
    """Rows of one kind that point at a vendor, location or person (batched per request)."""
    refs = await info.context.loaders.referrers[kind].load(node_id)
    return list(refs.get(what, []))


@strawberry.type(name="Vendor")
class VendorType(Node):
    website: str | None
    description: str | None
    createdAt: datetime
    updatedAt: datetime

    @strawberry.field(description="Contracts with this vendor, by number.")
    async def contracts(self, info: Info) -> list[ContractRef]:
        from graphcmdb.api.graphql.itam.contract_types import to_contract  # imports this module

        return [to_contract(r) for r in await _referrers(info, Kind.VENDOR, self.id, "contracts")]


@strawberry.type(name="Location")
class LocationType(Node):
    kind: str | None
    address: str | None
    description: str | None
    createdAt: datetime
    updatedAt: datetime

    @strawberry.field(description="Assets located here, by asset tag.")
    async def assets(self, info: Info) -> list[AssetType]:
        return [to_asset(r) for r in await _referrers(info, Kind.LOCATION, self.id, "assets")]


@strawberry.type(name="Person")
class PersonType(Node):
    email: str | None
    department: str | None
    createdAt: datetime
    updatedAt: datetime

    @strawberry.field(description="Assets assigned to this person, by asset tag.")
    async def assets(self, info: Info) -> list[AssetType]:
        return [to_asset(r) for r in await _referrers(info, Kind.PERSON, self.id, "assets")]


def _named(cls: type[Any], row: Row) -> Any:
    fields = get_object_definition(cls, strict=True).fields
    names = {f.python_name for f in fields if f.base_resolver is None}
    values = {name: row.get(name) for name in names}
    return cls(**values | {"labels": public_labels(row.get("labels", []))})


def to_vendor(row: Row) -> VendorType:
    return _named(VendorType, row)  # type: ignore[no-any-return]


def to_location(row: Row) -> LocationType:
    return _named(LocationType, row)  # type: ignore[no-any-return]


def to_person(row: Row) -> PersonType:
    return _named(PersonType, row)  # type: ignore[no-any-return]


@strawberry.type(
    name="Asset", description="The ITAM record: what we paid, where it is in its life."
)
class AssetType(Node):
    assetTag: str
    serialNumber: str | None
    manufacturer: str | None
    model: str | None
    category: str | None
    lifecycleState: LifecycleState
    purchaseDate: date | None
    purchaseCost: Decimal | None
    currency: str | None
    salvageValue: Decimal | None
    usefulLifeMonths: int | None
    depreciationMethod: DepreciationMethod | None
    inServiceDate: date | None
    warrantyEnd: date | None
    costCenter: str | None
    hasStorage: bool = strawberry.field(
        description="Disposal needs a data-wipe reference when true (the default)."
    )
    writtenOffOn: date | None = strawberry.field(description="Set when DISPOSED or LOST.")
    description: str | None
    createdAt: datetime
    updatedAt: datetime
    row: strawberry.Private[Row]

    @strawberry.field(description="Book value on asOf (default today); null without cost data.")
    def bookValue(self, asOf: date | None = None) -> Money | None:
        value = asset_book_value(self.row, asOf or date.today())
        return _money(value, self.currency)

    @strawberry.field(
        description="Total cost of ownership from acquisition to asOf (default today)."
    )
    async def costOfOwnership(self, info: Info, asOf: date | None = None) -> CostRef:
        from graphcmdb.api.graphql.itam.cost_types import to_cost  # imports this module
        from graphcmdb.itam.tco import cost_of_ownership

        shares = await info.context.loaders.contract_shares.load(self.id)
        return to_cost(cost_of_ownership(self.row, shares, asOf or date.today()))

    @strawberry.field(description="States this asset may move to next.")
    def allowedTransitions(self) -> list[LifecycleState]:
        return list(allowed_next(g.LifecycleState(self.lifecycleState)))

    @strawberry.field(description="Every lifecycle move, oldest first.")
    async def history(self, info: Info) -> list[LifecycleEvent]:
        return [to_event(r) for r in await info.context.loaders.asset_history.load(self.id)]

    @strawberry.field(description="The CI this asset is the record of.")
    async def ci(self, info: Info) -> CIType | None:
        links = await info.context.loaders.asset_links.load(self.id)
        return to_ci(links["ci"]) if links and links["ci"] else None

    @strawberry.field(description="Business services that need this asset's CI.")
    async def services(self, info: Info) -> list[ServiceType]:
        links = await info.context.loaders.asset_links.load(self.id)
        if not links or not links["ci"]:
            return []
        rows = await info.context.loaders.supported_services.load(links["ci"]["id"])
        return [to_service(r) for r in rows]

    @strawberry.field(description="Who holds the asset.")
    async def assignedTo(self, info: Info) -> PersonType | None:
        links = await info.context.loaders.asset_links.load(self.id)
        return to_person(links["person"]) if links and links["person"] else None

    @strawberry.field(description="Where the asset is.")
    async def location(self, info: Info) -> LocationType | None:
        links = await info.context.loaders.asset_links.load(self.id)
        return to_location(links["location"]) if links and links["location"] else None

    @strawberry.field(description="Contracts covering the asset, by end date.")
    async def contracts(self, info: Info) -> list[ContractRef]:
        from graphcmdb.api.graphql.itam.contract_types import to_contract  # imports this module

        return [to_contract(r) for r in await info.context.loaders.contracts_by_asset.load(self.id)]

    @strawberry.field(description="Software installed on the asset's CI (what it consumes).")
    async def installedSoftware(self, info: Info) -> list[InstallationRef]:
        from graphcmdb.api.graphql.itam.licence_types import to_installation

        ci_id = await tracked_ci_id(info, self.id)
        rows = await info.context.loaders.installed.load(ci_id) if ci_id else []
        return [to_installation(r) for r in rows]

    @strawberry.field(
        description="The licence-managed products installed on the asset's CI, each with "
        "the licences covering it and their metric; by product."
    )
    async def licencesConsumed(self, info: Info) -> list[ConsumptionRef]:
        from graphcmdb.api.graphql.itam.licence_types import to_consumption

        ci_id = await tracked_ci_id(info, self.id)
        uses = await info.context.loaders.licence_use.load(ci_id) if ci_id else []
        return [to_consumption(u) for u in uses]

    @strawberry.field(description="Incidents hitting the asset's CI (see CI.incidents).")
    async def incidents(self, info: Info) -> list[IncidentRef]:
        return await self._incidents(info, open_only=False)

    @strawberry.field(description="Open incidents hitting the asset's CI.")
    async def openIncidents(self, info: Info) -> list[IncidentRef]:
        return await self._incidents(info, open_only=True)

    async def _incidents(self, info: Info, open_only: bool) -> list[IncidentRef]:
        links = await info.context.loaders.asset_links.load(self.id)
        if not links or not links["ci"]:
            return []
        return await incidents_of(info, links["ci"]["id"], open_only)


def to_asset(row: Row) -> AssetType:
    definition = get_object_definition(AssetType, strict=True)
    values: dict[str, Any] = {
        f.python_name: row.get(f.python_name) for f in definition.fields if f.base_resolver is None
    }
    values.update(
        labels=public_labels(row.get("labels", [])),
        lifecycleState=g.LifecycleState(row["lifecycleState"]),
        depreciationMethod=g.DepreciationMethod(row["depreciationMethod"])
        if row.get("depreciationMethod")
        else None,
        purchaseCost=Decimal(row["purchaseCost"]) if row.get("purchaseCost") else None,
        salvageValue=Decimal(row["salvageValue"]) if row.get("salvageValue") else None,
        hasStorage=row.get("hasStorage", True),
        row=row,
    )
    return AssetType(**values)


@strawberry.type(description="A dependent of a CI (reported when an asset is retired).")
class DependentRef:
    id: strawberry.ID
    name: str
    type: str


@strawberry.type
class TransitionAssetPayload:
    asset: AssetType
    event: LifecycleEvent
    dependents: list[DependentRef] = strawberry.field(
        description="Dependents of the tracked CI a forced retirement went past (else empty)."
    )


@strawberry.type(description="Fleet cost and book value for one group in one currency.")
class FleetValueLine:
    key: str | None = strawberry.field(description="Category, cost centre or location; null: none.")
    currency: str
    assetCount: int
    cost: Decimal
    bookValue: Decimal
    depreciation: Decimal


def to_fleet_line(line: FleetLine) -> FleetValueLine:
    return FleetValueLine(
        key=line.key,
        currency=line.currency,
        assetCount=line.asset_count,
        cost=line.cost,
        bookValue=line.book_value,
        depreciation=line.depreciation,
    )


@strawberry.type(description="Book value of the fleet on a date, never adding currencies.")
class FleetValue:
    asOf: date
    groupBy: FleetGroupBy
    groups: list[FleetValueLine]
    totals: list[FleetValueLine] = strawberry.field(description="One line per currency.")
    unvalued: int = strawberry.field(
        description="Assets in the fleet lacking cost, currency, useful life or a start date."
    )
