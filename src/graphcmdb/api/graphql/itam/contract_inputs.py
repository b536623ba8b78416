"""GraphQL inputs for contracts and licenses; fields from ``domain.contract_models``."""

from __future__ import annotations

import strawberry

from graphcmdb.api.graphql.from_models import model_input
from graphcmdb.domain.contract_models import ContractFields, LicenseFields
from graphcmdb.domain.directory_models import SoftwareProductUpdate
from graphcmdb.graph.enums import ContractKind, LicenseMetric

CONTRACT_NOTES = {"vendorId": "The vendor (WITH); null on update unlinks."}
LICENSE_NOTES = {
    "reference": "Entitlement or PO number: unique, the key imports match licenses by.",
    "contractId": "The contract (UNDER); null on update unlinks.",
}


@strawberry.input
@model_input(ContractFields, ids=("vendorId",), descriptions=CONTRACT_NOTES)
class CreateContractInput:
    number: str
    kind: ContractKind


@strawberry.input
@model_input(ContractFields, ids=("vendorId",), descriptions=CONTRACT_NOTES)
class UpdateContractInput:
    number: str | None = strawberry.UNSET


@strawberry.input
class ContractFilterInput:
    kind: ContractKind | None = None
    vendorId: strawberry.ID | None = None
    text: str | None = strawberry.field(default=None, description="Substring of number or name.")


@strawberry.input
@model_input(SoftwareProductUpdate)
class CreateSoftwareProductInput:
    publisher: str
    product: str


@strawberry.input
@model_input(LicenseFields, ids=("contractId",), descriptions=LICENSE_NOTES)
class CreateLicenseInput:
    productId: strawberry.ID
    metric: LicenseMetric
    quantity: int


@strawberry.input
@model_input(LicenseFields, ids=("contractId",), descriptions=LICENSE_NOTES)
class UpdateLicenseInput:
    pass
