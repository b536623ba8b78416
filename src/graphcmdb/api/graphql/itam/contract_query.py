"""Root queries for contracts and the expiring report (viewer role)."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.connections import Connection, paged
from graphcmdb.api.graphql.itam.contract_inputs import ContractFilterInput
from graphcmdb.api.graphql.itam.contract_types import (
    ContractType,
    ExpiringItemType,
    to_contract,
    to_expiring,
)
from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.itam.expiry import ExpiringKind
from graphcmdb.services import contracts, expiring


@strawberry.type
class ContractQuery:
    @strawberry.field(permission_classes=[IsViewer])
    async def contract(self, info: Info, id: strawberry.ID) -> ContractType | None:
        row = await info.context.loaders.contract.load(id)
        return to_contract(row) if row else None

    @strawberry.field(permission_classes=[IsViewer], description="Contracts by number.")
    async def contracts(
        self,
        info: Info,
        filter: ContractFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ContractType]:
        f = filter or ContractFilterInput()
        flt = contracts.ContractFilter(f.kind, f.vendorId, f.text)
        listing, counting = contracts.list_contracts, contracts.count_contracts
        return await paged(info, (first, after), to_contract, listing, counting, flt)

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
