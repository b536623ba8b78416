"""Root mutations for software products, licenses and installations (editor role)."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.crud_fields import (
    create_field,
    delete_field,
    guarded_delete_field,
    update_field,
)
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
from graphcmdb.api.graphql.writes import write
from graphcmdb.db.database import Database
from graphcmdb.domain import contract_models as m
from graphcmdb.domain.directory_models import SoftwareProductUpdate
from graphcmdb.domain.models import parse
from graphcmdb.domain.records import LicenseRecord
from graphcmdb.services import licenses
from graphcmdb.services.actor import Actor
from graphcmdb.services.licenses import LicenseView


async def _view(db: Database, written: Awaitable[LicenseRecord]) -> LicenseView:
    """The license ``written`` answers, read back with its product and contract."""
    license_id = (await written).id
    return (await licenses.get_licenses(db, [license_id]))[license_id]


async def _create_license(db: Database, actor: Actor, data: m.LicenseCreate) -> LicenseView:
    return await _view(db, licenses.create_license(db, actor, data))


async def _update_license(
    db: Database, actor: Actor, license_id: str, data: m.LicenseUpdate
) -> LicenseView:
    return await _view(db, licenses.update_license(db, actor, license_id, data))


@strawberry.type
class LicenseMutation:
    createSoftwareProduct = create_field(
        SoftwareProductType,
        to_product,
        CreateSoftwareProductInput,
        licenses.create_product,
        m.SoftwareProductCreate,
        "Publisher, product and version are trimmed; the product is unique case-insensitively.",
    )
    updateSoftwareProduct = update_field(
        SoftwareProductType,
        to_product,
        UpdateSoftwareProductInput,
        licenses.update_product,
        SoftwareProductUpdate,
        "Renaming onto an existing product is DUPLICATE; a product joining another "
        "family must share its license metric.",
    )
    deleteSoftwareProduct = guarded_delete_field(
        licenses.delete_product,
        refused_while("licenses or installations")
        + " A forced delete deletes the product's licenses too.",
    )
    createLicense = create_field(
        LicenseType, to_license, CreateLicenseInput, _create_license, m.LicenseCreate
    )
    updateLicense = update_field(
        LicenseType, to_license, UpdateLicenseInput, _update_license, m.LicenseUpdate
    )
    deleteLicense = delete_field(licenses.delete_license)

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
