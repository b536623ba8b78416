"""Total cost of ownership per asset and per business service (rules in ``itam.tco``).

A service's TCO adds up the assets behind it (every asset tracking a CI the service
needs). Shared infrastructure would be counted once per service it supports, so each
asset also carries an *allocated* share: its TCO divided equally among the services that
need it. Allocated amounts add up across services to the cost of the shared estate
exactly once; full amounts answer "what does this service stand on". Three reads,
whatever the number of assets.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from graphcmdb.db.database import Database
from graphcmdb.db.queries import Q
from graphcmdb.domain.records import AssetRecord, CIRecord, ServiceRecord
from graphcmdb.domain.specs import ASSET_SPEC, CI_SPEC
from graphcmdb.errors import NotFound
from graphcmdb.itam.tco import ContractShare, CostLine, CostOfOwnership, cost_of_ownership
from graphcmdb.itam.tco import sum_by_currency as add_up
from graphcmdb.services import business_services, nodes


async def contract_shares(db: Database, asset_ids: list[str]) -> dict[str, list[ContractShare]]:
    rows = await db.read(Q.COST_CONTRACT_SHARES_BY_ASSET_IDS, ids=asset_ids)
    found: dict[str, list[ContractShare]] = defaultdict(list)
    for r in rows:
        found[r["id"]].append(ContractShare.from_row(r["contract"], r["covered"]))
    return dict(found)


@dataclass(frozen=True)
class AssetCost:
    asset: AssetRecord
    ci: CIRecord
    services_supported: int
    cost: CostOfOwnership

    @property
    def share(self) -> Decimal:
        return Decimal(1) / max(self.services_supported, 1)


@dataclass
class ServiceCost:
    service: ServiceRecord
    as_of: date
    assets: list[AssetCost] = field(default_factory=list)

    @property
    def totals(self) -> list[CostLine]:
        return add_up(line for a in self.assets for line in a.cost.totals)

    @property
    def allocated(self) -> list[CostLine]:
        lines = [add_up(a.cost.totals, a.share) for a in self.assets]
        return add_up(line for group in lines for line in group)

    @property
    def annual_run_rate(self) -> dict[str, Decimal]:
        rates: dict[str, Decimal] = defaultdict(Decimal)
        for a in self.assets:
            for currency, rate in a.cost.annual_run_rate.items():
                rates[currency] += rate
        return dict(sorted(rates.items()))


async def service_cost(db: Database, service_id: str, as_of: date) -> ServiceCost:
    service = (await business_services.get_services(db, [service_id])).get(service_id)
    if service is None:
        raise NotFound("Service", [service_id])
    rows = await db.read(Q.COST_SERVICE_ASSETS, id=service_id)
    ci_ids = sorted({r["ci"]["id"] for r in rows})
    counts = {
        r["id"]: r["services"] for r in await db.read(Q.COST_SERVICE_COUNT_BY_CI_IDS, ids=ci_ids)
    }
    shares = await contract_shares(db, [r["asset"]["id"] for r in rows])
    result = ServiceCost(service=service, as_of=as_of)
    for r in rows:
        asset = r["asset"]
        cost = cost_of_ownership(asset, shares.get(asset["id"], []), as_of)
        ci = nodes.as_record(CI_SPEC, r["ci"])
        record = nodes.as_record(ASSET_SPEC, asset)
        result.assets.append(AssetCost(record, ci, counts.get(ci.id, 1), cost))
    return result
