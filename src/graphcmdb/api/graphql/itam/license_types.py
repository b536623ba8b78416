"""GraphQL types for software products, licenses, installations and license positions."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.core import types as core_types
from graphcmdb.api.graphql.core.node import Node, plain_values
from graphcmdb.api.graphql.from_models import from_record, model_output
from graphcmdb.api.graphql.itam.money import Money, money
from graphcmdb.api.graphql.late import contract_types
from graphcmdb.api.graphql.refs import CIRef, ContractRef
from graphcmdb.domain.contract_models import LicenseFields, SoftwareProductCreate
from graphcmdb.domain.records import Installation as InstallationRecord
from graphcmdb.domain.records import SoftwareProductRecord
from graphcmdb.graph.enums import LicenseMetric
from graphcmdb.itam.compliance import ComplianceStatus, Consumer
from graphcmdb.services.license_use import LicenseUse
from graphcmdb.services.licenses import LicenseView, PositionView


@strawberry.type(
    name="SoftwareProduct",
    description="A normalised publisher + product (+ version); versions match by the "
    "license rules (same version, or older ones for a downgradable license).",
)
@model_output(SoftwareProductCreate)
class SoftwareProductType(Node):
    key: str = strawberry.field(description="The case-insensitive identity it is unique on.")
    createdAt: datetime


def to_product(product: SoftwareProductRecord) -> SoftwareProductType:
    return SoftwareProductType(**plain_values(product, SoftwareProductType))


@strawberry.type(name="License", description="An entitlement to use a software product.")
@model_output(LicenseFields, exclude=("contractId",), non_null=("quantity",))
class LicenseType(Node):
    reference: str | None = strawberry.field(description="Entitlement or PO number (unique).")
    metric: LicenseMetric
    unitCost: Decimal | None
    currency: str | None
    downgradable: bool = strawberry.field(description="Also covers older versions.")
    createdAt: datetime
    product: SoftwareProductType
    contract: ContractRef | None

    @strawberry.field(description="Unit cost with its currency.")
    def unitCostMoney(self) -> Money | None:
        return money(self.unitCost, self.currency)


def to_license(view: LicenseView) -> LicenseType:
    """From a license view (the license with its product and contract)."""
    values = plain_values(view.license, LicenseType)
    values.update(
        downgradable=bool(view.license.downgradable),
        product=to_product(view.product),
        contract=contract_types.to_contract(view.contract) if view.contract else None,
    )
    return LicenseType(**values)


@strawberry.type(description="A CI that has a software product installed.")
class Installation:
    version: str | None
    installedAt: datetime | None
    ciId: strawberry.ID
    productId: strawberry.ID

    @strawberry.field
    async def ci(self, info: Info) -> CIRef | None:
        row = await info.context.loaders.ci.load(self.ciId)
        return core_types.to_ci(row) if row else None

    @strawberry.field
    async def product(self, info: Info) -> SoftwareProductType | None:
        row = await info.context.loaders.product.load(self.productId)
        return to_product(row) if row else None

    @strawberry.field(description="The product's publisher.")
    async def publisher(self, info: Info) -> str | None:
        row = await info.context.loaders.product.load(self.productId)
        return str(row.publisher) if row else None


def to_installation(record: InstallationRecord) -> Installation:
    return Installation(
        version=record.version,
        installedAt=record.installedAt,
        ciId=strawberry.ID(record.ciId),
        productId=strawberry.ID(record.productId),
    )


@strawberry.type(description="Units one holder (a CI, or a person for PER_USER) draws.")
class LicenseConsumer:
    units: int
    personId: strawberry.ID | None = strawberry.field(description="For PER_USER.")
    installedProductId: strawberry.ID
    downgrade: bool = strawberry.field(
        description="The installed version is older and covered by downgrade rights."
    )
    ciIds: strawberry.Private[list[str]]

    @strawberry.field(description="The CIs of this holder with the product installed.")
    async def cis(self, info: Info) -> list[CIRef]:
        rows = await info.context.loaders.ci.load_many(self.ciIds)
        return [core_types.to_ci(r) for r in rows if r is not None]


def _consumer(c: Consumer, product_id: str) -> LicenseConsumer:
    kind, _, key = c.key.partition(":")
    return LicenseConsumer(
        units=c.units,
        personId=strawberry.ID(key) if kind == "person" else None,
        installedProductId=strawberry.ID(c.product_id),
        downgrade=c.product_id != product_id,
        ciIds=c.ci_ids,
    )


@strawberry.type(description="Entitled vs consumed for one product and metric.")
class LicensePosition:
    product: SoftwareProductType
    metric: LicenseMetric
    entitled: int
    consumed: int = strawberry.field(description="Includes units lent to older versions.")
    position: int = strawberry.field(description="entitled - consumed.")
    status: ComplianceStatus
    shortfall: int = strawberry.field(description="Units missing when OVER_DEPLOYED, else 0.")
    yearlySaving: Money | None = strawberry.field(
        description="Unused x unit cost when UNDER_USED (the lowest unit cost if several)."
    )
    lentToOlderVersions: int = strawberry.field(
        description="Consumed units drawn by older versions under downgrade rights."
    )
    consumers: list[LicenseConsumer]

    @strawberry.field(description="The distinct CIs consuming, by name.")
    async def cis(self, info: Info) -> list[CIRef]:
        ids = sorted({ci for c in self.consumers for ci in c.ciIds})
        rows = [r for r in await info.context.loaders.ci.load_many(ids) if r is not None]
        return [core_types.to_ci(r) for r in sorted(rows, key=lambda r: r.name)]


def to_position(view: PositionView) -> LicensePosition:
    p = view.position
    return from_record(
        LicensePosition,
        p,
        product=to_product(view.product),
        yearlySaving=money(p.yearly_saving, p.currency),
        lentToOlderVersions=p.lent,
        consumers=[_consumer(c, view.product.id) for c in p.consumers],
    )


@strawberry.type(
    description="A license-managed product installed on an asset's CI and the licenses that "
    "can cover it (same version, an older one under downgrade rights, or a version-less one)."
)
class LicenseConsumption:
    product: SoftwareProductType
    version: str | None = strawberry.field(description="The installed build (HAS_INSTALLED).")
    installedAt: datetime | None
    metric: LicenseMetric
    licenseIds: strawberry.Private[list[str]]

    @strawberry.field(description="False when no license covers it: a shortfall.")
    def covered(self) -> bool:
        return bool(self.licenseIds)

    @strawberry.field(description="The licenses covering the installed product, by name.")
    async def licenses(self, info: Info) -> list[LicenseType]:
        rows = await info.context.loaders.license.load_many(self.licenseIds)
        return [to_license(r) for r in rows if r is not None]


def to_consumption(use: LicenseUse) -> LicenseConsumption:
    return from_record(LicenseConsumption, use, product=to_product(use.product))
