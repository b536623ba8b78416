"""Root mutations for software products, licenses and installations (editor role)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.from_models import given
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
from graphcmdb.api.graphql.permissions import IsEditor, authorize
from graphcmdb.domain import contract_models as m
from graphcmdb.domain.directory_models import SoftwareProductUpdate
from graphcmdb.domain.models import parse
from graphcmdb.graph.enums import Role
from graphcmdb.services import licenses
from graphcmdb.services.actor import Actor


def _actor(info: Info) -> Actor:
    return authorize(info.context.actor, Role.EDITOR)


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
        data = parse(m.SoftwareProductCreate, given(input))
        return to_product(await licenses.create_product(info.context.db, _actor(info), data))

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Renaming onto an existing product is DUPLICATE; a product joining another "
        "family must share its license metric.",
    )
    async def updateSoftwareProduct(
        self, info: Info, id: strawberry.ID, input: UpdateSoftwareProductInput
    ) -> SoftwareProductType:
        data = parse(SoftwareProductUpdate, given(input))
        return to_product(await licenses.update_product(info.context.db, _actor(info), id, data))

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description=refused_while("licenses or installations")
        + " A forced delete deletes the product's licenses too.",
    )
    async def deleteSoftwareProduct(
        self, info: Info, id: strawberry.ID, force: bool = False
    ) -> strawberry.ID:
        await licenses.delete_product(info.context.db, _actor(info), id, force)
        return id

    @strawberry.mutation(permission_classes=[IsEditor])
    async def createLicense(self, info: Info, input: CreateLicenseInput) -> LicenseType:
        data = parse(m.LicenseCreate, given(input))
        license = await licenses.create_license(info.context.db, _actor(info), data)
        return await _view(info, license.id)

    @strawberry.mutation(permission_classes=[IsEditor])
    async def updateLicense(
        self, info: Info, id: strawberry.ID, input: UpdateLicenseInput
    ) -> LicenseType:
        data = parse(m.LicenseUpdate, given(input))
        await licenses.update_license(info.context.db, _actor(info), id, data)
        return await _view(info, id)

    @strawberry.mutation(permission_classes=[IsEditor])
    async def deleteLicense(self, info: Info, id: strawberry.ID) -> strawberry.ID:
        await licenses.delete_license(info.context.db, _actor(info), id)
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
        return to_installation(await licenses.install(info.context.db, _actor(info), data))

    @strawberry.mutation(permission_classes=[IsEditor])
    async def uninstallSoftware(
        self, info: Info, ciId: strawberry.ID, productId: strawberry.ID
    ) -> bool:
        return await licenses.uninstall(info.context.db, _actor(info), ciId, productId)
