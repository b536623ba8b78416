"""Root mutations for contracts and the assets they cover (editor role)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.from_models import given
from graphcmdb.api.graphql.itam.contract_inputs import CreateContractInput, UpdateContractInput
from graphcmdb.api.graphql.itam.contract_types import ContractType, to_contract
from graphcmdb.api.graphql.permissions import IsEditor, authorize
from graphcmdb.domain import contract_models as m
from graphcmdb.domain.models import parse
from graphcmdb.graph.enums import Role
from graphcmdb.services import contracts
from graphcmdb.services.actor import Actor


def _actor(info: Info) -> Actor:
    return authorize(info.context.actor, Role.EDITOR)


@strawberry.type
class ContractMutation:
    @strawberry.mutation(permission_classes=[IsEditor])
    async def createContract(self, info: Info, input: CreateContractInput) -> ContractType:
        data = parse(m.ContractCreate, given(input))
        return to_contract(await contracts.create_contract(info.context.db, _actor(info), data))

    @strawberry.mutation(permission_classes=[IsEditor])
    async def updateContract(
        self, info: Info, id: strawberry.ID, input: UpdateContractInput
    ) -> ContractType:
        data = parse(m.ContractUpdate, given(input))
        row = await contracts.update_contract(info.context.db, _actor(info), id, data)
        return to_contract(row)

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Deletes the contract; the assets and licenses it covered stay.",
    )
    async def deleteContract(self, info: Info, id: strawberry.ID) -> strawberry.ID:
        await contracts.delete_contract(info.context.db, _actor(info), id)
        return id

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Put an asset under a contract (an asset may have several; idempotent).",
    )
    async def coverAsset(
        self, info: Info, assetId: strawberry.ID, contractId: strawberry.ID
    ) -> ContractType:
        row = await contracts.cover_asset(info.context.db, _actor(info), assetId, contractId)
        return to_contract(row)

    @strawberry.mutation(permission_classes=[IsEditor])
    async def uncoverAsset(
        self, info: Info, assetId: strawberry.ID, contractId: strawberry.ID
    ) -> ContractType:
        row = await contracts.uncover_asset(info.context.db, _actor(info), assetId, contractId)
        return to_contract(row)
