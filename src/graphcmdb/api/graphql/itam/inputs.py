"""GraphQL inputs for assets and the directories; fields from ``domain`` records."""

from __future__ import annotations

import strawberry

from graphcmdb.api.graphql.from_models import model_input
from graphcmdb.domain.directory_models import (
    LocationUpdate,
    PersonUpdate,
    SoftwareProductUpdate,
    VendorUpdate,
)
from graphcmdb.domain.itam_models import AssetFields
from graphcmdb.graph.enums import DisposalMethod, LifecycleState

PARTIAL_UPDATE = "Only the fields given change; null clears one (not the name)."


@strawberry.input
@model_input(AssetFields)
class CreateAssetInput:
    assetTag: str
    lifecycleState: LifecycleState | None = strawberry.field(
        default=strawberry.UNSET,
        description="Initial state (default PLANNED); DISPOSED and LOST need a transition.",
    )


@strawberry.input
@model_input(AssetFields)
class UpdateAssetInput:
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
@model_input(VendorUpdate)
class CreateVendorInput:
    name: str


@strawberry.input(description=PARTIAL_UPDATE)
@model_input(VendorUpdate)
class UpdateVendorInput:
    pass


@strawberry.input
@model_input(LocationUpdate)
class CreateLocationInput:
    name: str


@strawberry.input(description=PARTIAL_UPDATE)
@model_input(LocationUpdate)
class UpdateLocationInput:
    pass


@strawberry.input
@model_input(PersonUpdate)
class CreatePersonInput:
    name: str


@strawberry.input(description=PARTIAL_UPDATE)
@model_input(PersonUpdate)
class UpdatePersonInput:
    pass


@strawberry.input(
    description="Only the fields given change; name, key and family follow. Publisher and "
    "product cannot be cleared; a null version makes the product version-less."
)
@model_input(SoftwareProductUpdate)
class UpdateSoftwareProductInput:
    pass
