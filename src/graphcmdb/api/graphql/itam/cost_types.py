"""GraphQL types for total cost of ownership (rules in ``itam.tco`` and ``services.costs``)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from graphcmdb.api.graphql.core import types as core_types
from graphcmdb.api.graphql.from_models import from_record
from graphcmdb.api.graphql.itam.money import Money
from graphcmdb.api.graphql.late import asset_types
from graphcmdb.api.graphql.refs import AssetRef, ServiceRef
from graphcmdb.itam.tco import CostLine, CostOfOwnership
from graphcmdb.services.costs import AssetCost, ServiceCost


@strawberry.type(name="CostLine", description="Costs in one currency (of one year, if set).")
class CostLineType:
    currency: str
    year: int | None = strawberry.field(description="Calendar year; null on totals.")
    purchase: Decimal = strawberry.field(description="Purchase cost, in the year acquired.")
    contracts: Decimal = strawberry.field(
        description="The asset's share of its covering contracts' annual costs, accrued daily."
    )
    total: Decimal


def to_cost_line(line: CostLine) -> CostLineType:
    return from_record(CostLineType, line)


def _money(amounts: dict[str, Decimal]) -> list[Money]:
    return [Money(amount=amount, currency=currency) for currency, amount in amounts.items()]


@strawberry.type(
    name="CostOfOwnership",
    description=(
        "Purchase plus the share of covering contracts (annual cost split equally among the "
        "assets a contract covers), from acquisition to asOf or write-off; never mixing "
        "currencies."
    ),
)
class CostOfOwnershipType:
    asOf: date
    since: date | None = strawberry.field(description="Acquisition (or first contract) date.")
    totals: list[CostLineType] = strawberry.field(description="One line per currency.")
    years: list[CostLineType] = strawberry.field(description="Per calendar year and currency.")
    annualRunRate: list[Money] = strawberry.field(
        description="Yearly contract cost of the contracts active on asOf (this asset's share)."
    )


def to_cost(cost: CostOfOwnership) -> CostOfOwnershipType:
    return from_record(
        CostOfOwnershipType,
        cost,
        totals=[to_cost_line(x) for x in cost.totals],
        years=[to_cost_line(x) for x in cost.years],
        annualRunRate=_money(cost.annual_run_rate),
    )


@strawberry.type(description="One asset behind a service and its cost.")
class ServiceAssetCost:
    asset: AssetRef
    ciId: strawberry.ID
    ciName: str
    servicesSupported: int = strawberry.field(
        description="Business services that need this asset's CI."
    )
    share: Decimal = strawberry.field(description="1 / servicesSupported.")
    costOfOwnership: CostOfOwnershipType


def _asset_cost(item: AssetCost) -> ServiceAssetCost:
    return from_record(
        ServiceAssetCost,
        item,
        asset=asset_types.to_asset(item.asset),
        ciId=strawberry.ID(item.ci.id),
        ciName=item.ci.name,
        share=item.share.quantize(Decimal("0.0001")),
        costOfOwnership=to_cost(item.cost),
    )


@strawberry.type(
    name="ServiceCostOfOwnership",
    description=(
        "What a service stands on: the TCO of every asset tracking a CI the service needs. "
        "totals counts shared assets in full; allocatedTotals splits each asset equally among "
        "the services that need it, so allocated amounts add up across services."
    ),
)
class ServiceCostType:
    service: ServiceRef
    asOf: date
    totals: list[CostLineType]
    allocatedTotals: list[CostLineType]
    annualRunRate: list[Money]
    assets: list[ServiceAssetCost]


def to_service_cost(cost: ServiceCost) -> ServiceCostType:
    return from_record(
        ServiceCostType,
        cost,
        service=core_types.to_service(cost.service),
        totals=[to_cost_line(x) for x in cost.totals],
        allocatedTotals=[to_cost_line(x) for x in cost.allocated],
        annualRunRate=_money(cost.annual_run_rate),
        assets=[_asset_cost(a) for a in cost.assets],
    )
