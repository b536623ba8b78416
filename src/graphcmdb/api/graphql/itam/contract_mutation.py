"""Root mutations for contracts and the assets they cover (editor role)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.itam.contract_inputs import CreateContractInput, UpdateContractInput
from graphcmdb.api.graphql.itam.contract_types import ContractType, to_contract
from graphcmdb.api.graphql.permissions import IsEditor
from graphcmdb.api.graphql.writes import parsed, write
from graphcmdb.domain import contract_models as m
from graphcmdb.services import contracts


@strawberry.type
class ContractMutation:
    @strawberry.mutation(permission_classes=[IsEditor])
    async def createContract(self, info: Info, input: CreateContractInput) -> ContractType:
        data = parsed(m.ContractCreate, input)
        return to_contract(await write(info, contracts.create_contract, data))

    @strawberry.mutation(permission_classes=[IsEditor])
    async def updateContract(
        self, info: Info, id: strawberry.ID, input: UpdateContractInput
    ) -> ContractType:
        data = parsed(m.ContractUpdate, input)
        return to_contract(await write(info, contracts.update_contract, id, data))

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Deletes the contract; the assets and licenses it covered stay.",
    )
    async def deleteContract(self, info: Info, id: strawberry.ID) -> strawberry.ID:
        await write(info, contracts.delete_contract, id)
        return id

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Put an asset under a contract (an asset may have several; idempotent).",
    )
    async def coverAsset(
        self, info: Info, assetId: strawberry.ID, contractId: strawberry.ID
    ) -> ContractType:
        return to_contract(await write(info, contracts.cover_asset, assetId, contractId))

    @strawberry.mutation(permission_classes=[IsEditor])
    async def uncoverAsset(
        self, info: Info, assetId: strawberry.ID, contractId: strawberry.ID
    ) -> ContractType:
        return to_contract(await write(info, contracts.uncover_asset, assetId, contractId))
