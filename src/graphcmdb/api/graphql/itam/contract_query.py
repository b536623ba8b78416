"""Root queries for contracts and the expiring report (viewer role)."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.itam.contract_inputs import ContractFilterInput
from graphcmdb.api.graphql.itam.contract_types import (
    ContractType,
    ExpiringItemType,
    to_contract,
    to_expiring,
)
from graphcmdb.api.graphql.loaders import Loaders
from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.api.graphql.query_fields import NodeReads
from graphcmdb.itam.expiry import ExpiringKind
from graphcmdb.services import contracts, expiring


def _contract_filter(f: ContractFilterInput) -> contracts.ContractFilter:
    return contracts.ContractFilter(f.kind, f.vendorId, f.text)


_CONTRACT = NodeReads(ContractType, to_contract, Loaders.contract.of)


@strawberry.type
class ContractQuery:
    contract = _CONTRACT.by_id()
    contracts = _CONTRACT.listed(
        ContractFilterInput, _contract_filter, contracts.LISTING, "Contracts by number."
    )

    @strawberry.field(
        permission_classes=[IsViewer],
        description="Warranties, contracts and licenses whose notice-to-end period meets "
        "[asOf, asOf + withinDays] (asOf default today), most urgent notice date first, "
        "each with the services affected. kinds default to all.",
    )
    async def expiring(
        self,
        info: Info,
        withinDays: int,
        kinds: list[ExpiringKind] | None = None,
        asOf: date | None = None,
    ) -> list[ExpiringItemType]:
        wanted = [ExpiringKind(k) for k in kinds] if kinds else list(ExpiringKind)
        items = await expiring.expiring_records(
            info.context.db, withinDays, wanted, asOf or date.today()
        )
        return [to_expiring(i) for i in items]
