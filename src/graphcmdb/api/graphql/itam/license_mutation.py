"""Root mutations for software products, licenses and installations (editor role)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.itam.contract_inputs import (
    CreateLicenseInput,
    CreateSoftwareProductInput,
    UpdateLicenseInput,
)
from graphcmdb.api.graphql.itam.inputs import UpdateSoftwareProductInput
from graphcmdb.api.graphql.itam.license_types import (
    Installation,
    LicenseType,
    SoftwareProductType,
    to_installation,
    to_license,
    to_product,
)
from graphcmdb.api.graphql.itam.mutation import refused_while
from graphcmdb.api.graphql.permissions import IsEditor
from graphcmdb.api.graphql.writes import parsed, write
from graphcmdb.domain import contract_models as m
from graphcmdb.domain.directory_models import SoftwareProductUpdate
from graphcmdb.domain.models import parse
from graphcmdb.services import licenses


async def _view(info: Info, license_id: str) -> LicenseType:
    """The license with its product and contract as they are after the write."""
    row = await info.context.loaders.license.load(license_id)
    assert row is not None
    return to_license(row)


@strawberry.type
class LicenseMutation:
    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Publisher, product and version are trimmed; the product is unique "
        "case-insensitively.",
    )
    async def createSoftwareProduct(
        self, info: Info, input: CreateSoftwareProductInput
    ) -> SoftwareProductType:
        data = parsed(m.SoftwareProductCreate, input)
        return to_product(await write(info, licenses.create_product, data))

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Renaming onto an existing product is DUPLICATE; a product joining another "
        "family must share its license metric.",
    )
    async def updateSoftwareProduct(
        self, info: Info, id: strawberry.ID, input: UpdateSoftwareProductInput
    ) -> SoftwareProductType:
        data = parsed(SoftwareProductUpdate, input)
        return to_product(await write(info, licenses.update_product, id, data))

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description=refused_while("licenses or installations")
        + " A forced delete deletes the product's licenses too.",
    )
    async def deleteSoftwareProduct(
        self, info: Info, id: strawberry.ID, force: bool = False
    ) -> strawberry.ID:
        await write(info, licenses.delete_product, id, force)
        return id

    @strawberry.mutation(permission_classes=[IsEditor])
    async def createLicense(self, info: Info, input: CreateLicenseInput) -> LicenseType:
        data = parsed(m.LicenseCreate, input)
        license = await write(info, licenses.create_license, data)
        return await _view(info, license.id)

    @strawberry.mutation(permission_classes=[IsEditor])
    async def updateLicense(
        self, info: Info, id: strawberry.ID, input: UpdateLicenseInput
    ) -> LicenseType:
        data = parsed(m.LicenseUpdate, input)
        await write(info, licenses.update_license, id, data)
        return await _view(info, id)

    @strawberry.mutation(permission_classes=[IsEditor])
    async def deleteLicense(self, info: Info, id: strawberry.ID) -> strawberry.ID:
        await write(info, licenses.delete_license, id)
        return id

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Record that a CI has a product installed (HAS_INSTALLED); replaying "
        "updates version and date. version defaults to the product's.",
    )
    async def installSoftware(
        self,
        info: Info,
        ciId: strawberry.ID,
        productId: strawberry.ID,
        version: str | None = None,
        installedAt: datetime | None = None,
    ) -> Installation:
        raw: dict[str, Any] = {"ciId": ciId, "productId": productId, "version": version}
        raw["installedAt"] = installedAt
        data = parse(m.InstallInput, raw)
        return to_installation(await write(info, licenses.install, data))

    @strawberry.mutation(permission_classes=[IsEditor])
    async def uninstallSoftware(
        self, info: Info, ciId: strawberry.ID, productId: strawberry.ID
    ) -> bool:
        return await write(info, licenses.uninstall, ciId, productId)
