"""Root mutations for contracts and the assets they cover (editor role)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.crud_fields import create_field, delete_field, update_field
from graphcmdb.api.graphql.itam.contract_inputs import CreateContractInput, UpdateContractInput
from graphcmdb.api.graphql.itam.contract_types import ContractType, to_contract
from graphcmdb.api.graphql.permissions import IsEditor
from graphcmdb.api.graphql.writes import write
from graphcmdb.domain import contract_models as m
from graphcmdb.services import contracts


@strawberry.type
class ContractMutation:
    createContract = create_field(
        ContractType, to_contract, CreateContractInput, contracts.create_contract, m.ContractCreate
    )
    updateContract = update_field(
        ContractType, to_contract, UpdateContractInput, contracts.update_contract, m.ContractUpdate
    )
    deleteContract = delete_field(
        contracts.delete_contract,
        "Deletes the contract; the assets and licenses it covered stay.",
    )

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
