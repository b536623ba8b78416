"""Root mutations for software products, licences and installations (editor role)."""

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
from graphcmdb.api.graphql.itam.licence_types import (
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
from graphcmdb.services import licences
from graphcmdb.services.actor import Actor


def _actor(info: Info) -> Actor:
    return authorize(info.context.actor, Role.EDITOR)


async def _view(info: Info, licence_id: str) -> LicenseType:
    """The licence with its product and contract as they are after the write."""
    row = await info.context.loaders.licence.load(licence_id)
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
        return to_product(await licences.create_product(info.context.db, _actor(info), data))

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Renaming onto an existing product is DUPLICATE; a product joining another "
        "family must share its licence metric.",
    )
    async def updateSoftwareProduct(
        self, info: Info, id: strawberry.ID, input: UpdateSoftwareProductInput
    ) -> SoftwareProductType:
        data = parse(SoftwareProductUpdate, given(input))
        return to_product(await licences.update_product(info.context.db, _actor(info), id, data))

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description=refused_while("licences or installations")
        + " A forced delete deletes the product's licences too.",
    )
    async def deleteSoftwareProduct(
        self, info: Info, id: strawberry.ID, force: bool = False
    ) -> strawberry.ID:
        await licences.delete_product(info.context.db, _actor(info), id, force)
        return id

    @strawberry.mutation(permission_classes=[IsEditor])
    async def createLicense(self, info: Info, input: CreateLicenseInput) -> LicenseType:
        data = parse(m.LicenseCreate, given(input))
        licence = await licences.create_licence(info.context.db, _actor(info), data)
        return await _view(info, licence.id)

    @strawberry.mutation(permission_classes=[IsEditor])
    async def updateLicense(
        self, info: Info, id: strawberry.ID, input: UpdateLicenseInput
    ) -> LicenseType:
        data = parse(m.LicenseUpdate, given(input))
        await licences.update_licence(info.context.db, _actor(info), id, data)
        return await _view(info, id)

    @strawberry.mutation(permission_classes=[IsEditor])
    async def deleteLicense(self, info: Info, id: strawberry.ID) -> strawberry.ID:
        await licences.delete_licence(info.context.db, _actor(info), id)
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
        return to_installation(await licences.install(info.context.db, _actor(info), data))

    @strawberry.mutation(permission_classes=[IsEditor])
    async def uninstallSoftware(
        self, info: Info, ciId: strawberry.ID, productId: strawberry.ID
    ) -> bool:
        return await licences.uninstall(info.context.db, _actor(info), ciId, productId)
