"""GraphQL types for contracts and the expiring report."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.core import types as core_types
from graphcmdb.api.graphql.core.node import Node, plain_values
from graphcmdb.api.graphql.from_models import from_record, model_output
from graphcmdb.api.graphql.itam.money import Money, money
from graphcmdb.api.graphql.late import asset_types, directory_types, license_types
from graphcmdb.api.graphql.refs import AssetRef, LicenseRef, ServiceRef, VendorRef
from graphcmdb.domain.contract_models import ContractFields
from graphcmdb.domain.records import ContractRecord
from graphcmdb.itam.expiry import ExpiringKind
from graphcmdb.services.expiring import Expiring
from graphcmdb.services.licenses import LicenseView


@strawberry.type(
    name="Contract",
    description="A purchase, lease, support, maintenance, license or subscription contract.",
)
@model_output(ContractFields, exclude=("vendorId",), non_null=("kind", "autoRenew"))
class ContractType(Node):
    number: str
    endDate: date | None
    annualCost: Decimal | None
    currency: str | None
    noticeDays: int = strawberry.field(description="Days before endDate that notice is due.")
    createdAt: datetime
    updatedAt: datetime

    @strawberry.field(description="endDate - noticeDays: the last day to cancel or renegotiate.")
    def noticeDate(self) -> date | None:
        return self.endDate - timedelta(days=self.noticeDays) if self.endDate else None

    @strawberry.field(description="The yearly cost with its currency.")
    def annualCostMoney(self) -> Money | None:
        return money(self.annualCost, self.currency)

    @strawberry.field(description="The vendor the contract is with.")
    async def vendor(self, info: Info) -> VendorRef | None:
        links = await info.context.loaders.contract_links.load(self.id)
        return directory_types.to_vendor(links.vendor) if links and links.vendor else None

    @strawberry.field(description="Assets the contract covers, by asset tag.")
    async def assets(self, info: Info) -> list[AssetRef]:
        links = await info.context.loaders.contract_links.load(self.id)
        return [asset_types.to_asset(a) for a in links.assets] if links else []

    @strawberry.field(description="Licenses bought under the contract.")
    async def licenses(self, info: Info) -> list[LicenseRef]:
        links = await info.context.loaders.contract_links.load(self.id)
        ids = [lic.id for lic in links.licenses] if links else []
        rows = await info.context.loaders.license.load_many(ids)
        return [license_types.to_license(r) for r in rows if r is not None]


def to_contract(contract: ContractRecord) -> ContractType:
    values = plain_values(contract, ContractType)
    values.update(autoRenew=bool(contract.autoRenew), noticeDays=contract.noticeDays or 0)
    return ContractType(**values)


@strawberry.type(
    name="ExpiringItem",
    description="A warranty, contract or license ending soon, with what it affects.",
)
class ExpiringItemType:
    kind: ExpiringKind
    id: strawberry.ID = strawberry.field(description="The asset, contract or license id.")
    reference: str = strawberry.field(description="Asset tag, contract number or license name.")
    endDate: date
    noticeDate: date = strawberry.field(description="endDate - noticeDays (sorted by this).")
    daysToEnd: int
    noticePassed: bool = strawberry.field(description="The notice date is before asOf.")
    autoRenew: bool = strawberry.field(description="The contract renews unless cancelled.")
    highestCriticality: int | None = strawberry.field(
        description="Highest criticality among the services affected (5 is the highest)."
    )
    services: list[ServiceRef] = strawberry.field(
        description="Services supported by the CIs behind the item, most critical first."
    )
    asset: AssetRef | None = strawberry.field(description="For a WARRANTY.")
    contract: ContractType | None = strawberry.field(
        description="For a CONTRACT, or the contract a LICENSE is under."
    )
    license_view: strawberry.Private[LicenseView | None]

    @strawberry.field(description="For a LICENSE.")
    def license(self) -> LicenseRef | None:
        return license_types.to_license(self.license_view) if self.license_view else None


def to_expiring(expiring: Expiring) -> ExpiringItemType:
    item = expiring.item
    return from_record(
        ExpiringItemType,
        item,
        id=strawberry.ID(item.id),
        services=[core_types.to_service(s) for s in expiring.services],
        asset=asset_types.to_asset(expiring.asset) if expiring.asset else None,
        contract=to_contract(expiring.contract) if expiring.contract else None,
        license_view=expiring.license,
    )
