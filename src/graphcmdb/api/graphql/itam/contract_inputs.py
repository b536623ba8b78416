"""GraphQL inputs for contracts and licences; converted to ``domain/contract_models``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from graphcmdb.graph.enums import ContractKind, LicenseMetric


@strawberry.input
class ContractFieldsInput:
    name: str | None = strawberry.UNSET
    startDate: date | None = strawberry.UNSET
    endDate: date | None = strawberry.UNSET
    annualCost: Decimal | None = strawberry.UNSET
    currency: str | None = strawberry.UNSET
    autoRenew: bool | None = strawberry.UNSET
    noticeDays: int | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    vendorId: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="The vendor (WITH); null on update unlinks."
    )


@strawberry.input
class CreateContractInput(ContractFieldsInput):
    number: str
    kind: ContractKind


@strawberry.input
class UpdateContractInput(ContractFieldsInput):
    number: str | None = strawberry.UNSET
    kind: ContractKind | None = strawberry.UNSET


@strawberry.input
class ContractFilterInput:
    kind: ContractKind | None = None
    vendorId: strawberry.ID | None = None
    text: str | None = strawberry.field(default=None, description="Substring of number or name.")


@strawberry.input
class CreateSoftwareProductInput:
    publisher: str
    product: str
    version: str | None = strawberry.UNSET


@strawberry.input
class LicenseFieldsInput:
    name: str | None = strawberry.UNSET
    reference: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="Entitlement or PO number: unique, the key imports match licences by.",
    )
    unitCost: Decimal | None = strawberry.UNSET
    currency: str | None = strawberry.UNSET
    downgradable: bool | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    contractId: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="The contract (UNDER); null on update unlinks."
    )


@strawberry.input
class CreateLicenseInput(LicenseFieldsInput):
    productId: strawberry.ID
    metric: LicenseMetric
    quantity: int


@strawberry.input
class UpdateLicenseInput(LicenseFieldsInput):
    quantity: int | None = strawberry.UNSET
