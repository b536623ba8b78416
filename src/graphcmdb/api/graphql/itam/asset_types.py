"""GraphQL types for assets and their lifecycle history.

Plain fields come from ``domain.itam_models.AssetFields``; money is a ``Decimal`` scalar
(a string on the wire, so no client parses it into a float by accident).
"""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.audit_types import AuditEntry, history_field
from graphcmdb.api.graphql.connections import Connection
from graphcmdb.api.graphql.core import types as core_types
from graphcmdb.api.graphql.core.node import Node, plain_values
from graphcmdb.api.graphql.from_models import from_record, model_output
from graphcmdb.api.graphql.itam.money import Money, money
from graphcmdb.api.graphql.late import contract_types, cost_types, directory_types, license_types
from graphcmdb.api.graphql.refs import (
    CIRef,
    ConsumptionRef,
    ContractRef,
    CostRef,
    IncidentRef,
    InstallationRef,
    LocationRef,
    PersonRef,
    ServiceRef,
)
from graphcmdb.domain.itam_models import AssetFields
from graphcmdb.domain.records import AssetRecord, LifecycleEventRecord
from graphcmdb.graph.enums import DisposalMethod, LifecycleState
from graphcmdb.itam.lifecycle import allowed_next
from graphcmdb.itam.tco import cost_of_ownership
from graphcmdb.itam.valuation import asset_book_value


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


def to_event(event: LifecycleEventRecord) -> LifecycleEvent:
    return from_record(
        LifecycleEvent,
        event,
        id=strawberry.ID(event.id),
        actor=event.actor or "",
        ciId=strawberry.ID(event.ciId) if event.ciId else None,
        dependentIds=[strawberry.ID(i) for i in event.dependentIds or []],
    )


async def tracked_ci_id(info: Info, asset_id: str) -> str | None:
    """The id of the CI an asset tracks (through the batched links loader)."""
    links = await info.context.loaders.asset_links.load(asset_id)
    return links.ci.id if links and links.ci else None


@strawberry.type(
    name="Asset", description="The ITAM record: what we paid, where it is in its life."
)
@model_output(AssetFields)
class AssetType(Node):
    assetTag: str
    lifecycleState: LifecycleState
    hasStorage: bool = strawberry.field(
        description="Disposal needs a data-wipe reference when true (the default)."
    )
    writtenOffOn: date | None = strawberry.field(description="Set when DISPOSED or LOST.")
    createdAt: datetime
    updatedAt: datetime
    record: strawberry.Private[AssetRecord]
    #: ``history`` is the lifecycle (older than the audit history of CIs and services)
    auditHistory: Connection[AuditEntry] = history_field()

    @strawberry.field(description="Book value on asOf (default today); null without cost data.")
    def bookValue(self, asOf: date | None = None) -> Money | None:
        value = asset_book_value(self.record.model_dump(), asOf or date.today())
        return money(value, self.record.currency)

    @strawberry.field(
        description="Total cost of ownership from acquisition to asOf (default today)."
    )
    async def costOfOwnership(self, info: Info, asOf: date | None = None) -> CostRef | None:
        shares = await info.context.loaders.contract_shares.load(self.id)
        asset = self.record.model_dump()
        return cost_types.to_cost(cost_of_ownership(asset, shares, asOf or date.today()))

    @strawberry.field(description="States this asset may move to next.")
    def allowedTransitions(self) -> list[LifecycleState]:
        return list(allowed_next(LifecycleState(self.lifecycleState)))

    @strawberry.field(description="Every lifecycle move, oldest first.")
    async def history(self, info: Info) -> list[LifecycleEvent]:
        return [to_event(r) for r in await info.context.loaders.asset_history.load(self.id)]

    @strawberry.field(description="The CI this asset is the record of.")
    async def ci(self, info: Info) -> CIRef | None:
        links = await info.context.loaders.asset_links.load(self.id)
        return core_types.to_ci(links.ci) if links and links.ci else None

    @strawberry.field(description="Business services that need this asset's CI.")
    async def services(self, info: Info) -> list[ServiceRef]:
        ci_id = await tracked_ci_id(info, self.id)
        rows = await info.context.loaders.supported_services.load(ci_id) if ci_id else []
        return [core_types.to_service(r) for r in rows]

    @strawberry.field(description="Who holds the asset.")
    async def assignedTo(self, info: Info) -> PersonRef | None:
        links = await info.context.loaders.asset_links.load(self.id)
        person = links.person if links else None
        return directory_types.to_person(person) if person else None

    @strawberry.field(description="Where the asset is.")
    async def location(self, info: Info) -> LocationRef | None:
        links = await info.context.loaders.asset_links.load(self.id)
        place = links.location if links else None
        return directory_types.to_location(place) if place else None

    @strawberry.field(description="Contracts covering the asset, by end date.")
    async def contracts(self, info: Info) -> list[ContractRef]:
        rows = await info.context.loaders.contracts_by_asset.load(self.id)
        return [contract_types.to_contract(r) for r in rows]

    @strawberry.field(description="Software installed on the asset's CI (what it consumes).")
    async def installedSoftware(self, info: Info) -> list[InstallationRef]:
        ci_id = await tracked_ci_id(info, self.id)
        rows = await info.context.loaders.installed.load(ci_id) if ci_id else []
        return [license_types.to_installation(r) for r in rows]

    @strawberry.field(
        description="The license-managed products installed on the asset's CI, each with "
        "the licenses covering it and their metric; by product."
    )
    async def licensesConsumed(self, info: Info) -> list[ConsumptionRef]:
        return await self._consumption(info)

    @strawberry.field(deprecation_reason="Spelling: use licensesConsumed.")
    async def licencesConsumed(self, info: Info) -> list[ConsumptionRef]:
        return await self._consumption(info)

    async def _consumption(self, info: Info) -> list[ConsumptionRef]:
        ci_id = await tracked_ci_id(info, self.id)
        uses = await info.context.loaders.license_use.load(ci_id) if ci_id else []
        return [license_types.to_consumption(u) for u in uses]

    @strawberry.field(description="Incidents hitting the asset's CI (see CI.incidents).")
    async def incidents(self, info: Info) -> list[IncidentRef]:
        return await self._incidents(info, open_only=False)

    @strawberry.field(description="Open incidents hitting the asset's CI.")
    async def openIncidents(self, info: Info) -> list[IncidentRef]:
        return await self._incidents(info, open_only=True)

    async def _incidents(self, info: Info, open_only: bool) -> list[IncidentRef]:
        ci_id = await tracked_ci_id(info, self.id)
        return await core_types.incidents_of(info, ci_id, open_only) if ci_id else []


def to_asset(asset: AssetRecord) -> AssetType:
    values = plain_values(asset, AssetType)
    values.update(hasStorage=asset.hasStorage is not False, record=asset)
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
