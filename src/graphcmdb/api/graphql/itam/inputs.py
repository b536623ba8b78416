"""GraphQL inputs for ITAM; converted to the pydantic records of ``domain/itam_models``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from graphcmdb.graph.enums import DepreciationMethod, DisposalMethod, LifecycleState


@strawberry.input
class AssetFieldsInput:
    name: str | None = strawberry.UNSET
    serialNumber: str | None = strawberry.UNSET
    manufacturer: str | None = strawberry.UNSET
    model: str | None = strawberry.UNSET
    category: str | None = strawberry.UNSET
    purchaseDate: date | None = strawberry.UNSET
    purchaseCost: Decimal | None = strawberry.UNSET
    currency: str | None = strawberry.UNSET
    salvageValue: Decimal | None = strawberry.UNSET
    usefulLifeMonths: int | None = strawberry.UNSET
    depreciationMethod: DepreciationMethod | None = strawberry.UNSET
    inServiceDate: date | None = strawberry.UNSET
    warrantyEnd: date | None = strawberry.UNSET
    costCenter: str | None = strawberry.UNSET
    hasStorage: bool | None = strawberry.UNSET
    description: str | None = strawberry.UNSET


@strawberry.input
class CreateAssetInput(AssetFieldsInput):
    assetTag: str
    lifecycleState: LifecycleState | None = strawberry.field(
        default=strawberry.UNSET,
        description="Initial state (default PLANNED); DISPOSED and LOST need a transition.",
    )


@strawberry.input
class UpdateAssetInput(AssetFieldsInput):
    assetTag: str | None = strawberry.UNSET


@strawberry.input
class AssetFilterInput:
    lifecycleState: LifecycleState | None = None
    category: str | None = None
    costCenter: str | None = None
    text: str | None = strawberry.field(
        default=None, description="Substring of name, tag, serial number, model or maker."
    )


@strawberry.input
class DisposalInput:
    method: DisposalMethod
    dataWipeReference: str | None = strawberry.UNSET


@strawberry.input
class VendorFieldsInput:
    website: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET


@strawberry.input
class CreateVendorInput(VendorFieldsInput):
    name: str


@strawberry.input(description="Only the fields given change; null clears one (not the name).")
class UpdateVendorInput(VendorFieldsInput):
    name: str | None = strawberry.UNSET


@strawberry.input
class LocationFieldsInput:
    kind: str | None = strawberry.UNSET
    address: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET


@strawberry.input
class CreateLocationInput(LocationFieldsInput):
    name: str


@strawberry.input(description="Only the fields given change; null clears one (not the name).")
class UpdateLocationInput(LocationFieldsInput):
    name: str | None = strawberry.UNSET


@strawberry.input
class PersonFieldsInput:
    email: str | None = strawberry.UNSET
    department: str | None = strawberry.UNSET


@strawberry.input
class CreatePersonInput(PersonFieldsInput):
    name: str


@strawberry.input(description="Only the fields given change; null clears one (not the name).")
class UpdatePersonInput(PersonFieldsInput):
    name: str | None = strawberry.UNSET


@strawberry.input(
    description="Only the fields given change; name, key and family follow. Publisher and "
    "product cannot be cleared; a null version makes the product version-less."
)
class UpdateSoftwareProductInput:
    publisher: str | None = strawberry.UNSET
    product: str | None = strawberry.UNSET
    version: str | None = strawberry.UNSET
