"""Pydantic records for contracts, software products, licenses and installations.

Money follows the asset's rule (``itam_models``): ``Decimal`` stored as a decimal
string, never without its currency.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import Field, field_validator

from graphcmdb.domain.itam_models import Currency, LongText, Money, Tag, decimals_as_text
from graphcmdb.domain.models import Name, ShortText, _Record
from graphcmdb.graph.enums import ContractKind, LicenseMetric
from graphcmdb.itam.versions import clean, family_key, product_key

NoticeDays = Annotated[int, Field(ge=0, le=3650)]
Quantity = Annotated[int, Field(ge=0, le=100_000_000)]


class ContractProps(_Record):
    """The contract's own properties (what a stored contract carries)."""

    name: Name | None = None
    kind: ContractKind | None = None
    startDate: date | None = None
    endDate: date | None = None
    annualCost: Money | None = None
    currency: Currency | None = None
    autoRenew: bool | None = None
    noticeDays: NoticeDays | None = None
    description: LongText | None = None


class ContractFields(ContractProps):
    #: the vendor (``WITH``); an explicit null on update removes the link
    vendorId: str | None = None

    def graph_props(self) -> dict[str, Any]:
        props = decimals_as_text(super().graph_props())
        props.pop("vendorId", None)
        return props


class ContractCreate(ContractFields):
    number: Tag
    kind: ContractKind

    def graph_props(self) -> dict[str, Any]:
        props = super().graph_props()
        props.setdefault("name", self.number)
        props.setdefault("autoRenew", False)
        props.setdefault("noticeDays", 0)
        return props


def _not_cleared(value: Any) -> Any:
    """An explicit null would erase an identity field; omit the field to keep it."""
    if value is None:
        raise ValueError("cannot be cleared (omit it to keep the current value)")
    return value


class ContractUpdate(ContractFields):
    number: Tag | None = None

    _keep = field_validator("number", "kind")(_not_cleared)


def contract_problem(contract: dict[str, Any]) -> tuple[str, str] | None:
    """(field, reason) when the merged contract's fields contradict each other."""
    if contract.get("annualCost") is not None and not contract.get("currency"):
        return "currency", "a currency is required with annualCost"
    start, end = contract.get("startDate"), contract.get("endDate")
    if isinstance(start, date) and isinstance(end, date) and end < start:
        return "endDate", "the end date is before the start date"
    return None


def product_display_name(publisher: str, product: str, version: str | None) -> str:
    """The display name: "Red Hat Enterprise Linux 9", not "Red Hat Red Hat ...": the publisher
    is left out when the product's name already starts with it."""
    named = product.casefold().startswith(publisher.casefold())
    return " ".join(x for x in ((None if named else publisher), product, version) if x)


class SoftwareProductCreate(_Record):
    publisher: Name
    product: Name
    version: ShortText | None = None

    def graph_props(self) -> dict[str, Any]:
        """Stored trimmed as given; ``key`` and ``family`` are the case-insensitive forms."""
        version = clean(self.version) if self.version and clean(self.version) else None
        publisher, product = clean(self.publisher), clean(self.product)
        return {
            "publisher": publisher,
            "product": product,
            "version": version,
            "name": product_display_name(publisher, product, version),
            "key": product_key(publisher, product, version),
            "family": family_key(publisher, product),
        }


class LicenseProps(_Record):
    """The license's own properties (what a stored license carries)."""

    name: Name | None = None
    #: entitlement or purchase-order number; unique, the natural key of license imports
    reference: Tag | None = None
    quantity: Quantity | None = None
    unitCost: Money | None = None
    currency: Currency | None = None
    downgradable: bool | None = None
    description: LongText | None = None


class LicenseFields(LicenseProps):
    #: the contract the license was bought under (``UNDER``); null on update unlinks
    contractId: str | None = None

    def graph_props(self) -> dict[str, Any]:
        props = decimals_as_text(super().graph_props())
        props.pop("contractId", None)
        return props


class LicenseCreate(LicenseFields):
    productId: str
    metric: LicenseMetric
    quantity: Quantity

    def graph_props(self) -> dict[str, Any]:
        props = super().graph_props()
        props.pop("productId", None)
        props.setdefault("downgradable", False)
        return props


class LicenseUpdate(LicenseFields):
    """Product and metric are the license's identity: change them by a new license."""

    _keep = field_validator("quantity", "reference")(_not_cleared)


def license_problem(license: dict[str, Any]) -> tuple[str, str] | None:
    if license.get("unitCost") is not None and not license.get("currency"):
        return "currency", "a currency is required with unitCost"
    return None


class InstallInput(_Record):
    ciId: str
    productId: str
    version: ShortText | None = None
    installedAt: datetime | None = None
