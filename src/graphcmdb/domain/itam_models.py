"""Pydantic records for ITAM: assets, vendors, locations, people, transitions.

Money is ``Decimal`` end to end and stored as a decimal string (Neo4j has no decimal
type; a float would lose cents). Dates are ``datetime.date`` and stored as Neo4j dates.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import Field, StringConstraints, field_validator

from graphcmdb.domain.models import Name, ShortText, _Record
from graphcmdb.graph.enums import DepreciationMethod, DisposalMethod, LifecycleState
from graphcmdb.itam.lifecycle import INITIAL_STATES

Money = Annotated[Decimal, Field(ge=0, max_digits=18, decimal_places=4)]
Currency = Annotated[
    str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{3}$")
]
LongText = Annotated[str, StringConstraints(max_length=5000)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


def decimals_as_text(props: dict[str, Any]) -> dict[str, Any]:
    """Money as its decimal string, as it is stored."""
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in props.items()}


class AssetFields(_Record):
    name: Name | None = None
    serialNumber: ShortText | None = None
    manufacturer: ShortText | None = None
    model: ShortText | None = None
    category: ShortText | None = None
    purchaseDate: date | None = None
    purchaseCost: Money | None = None
    currency: Currency | None = None
    salvageValue: Money | None = None
    usefulLifeMonths: Annotated[int, Field(ge=1, le=1200)] | None = None
    depreciationMethod: DepreciationMethod | None = None
    inServiceDate: date | None = None
    warrantyEnd: date | None = None
    costCenter: ShortText | None = None
    hasStorage: bool | None = None
    description: LongText | None = None

    def graph_props(self) -> dict[str, Any]:
        return decimals_as_text(super().graph_props())


class AssetCreate(AssetFields):
    assetTag: Tag
    lifecycleState: LifecycleState = LifecycleState.PLANNED

    @field_validator("lifecycleState")
    @classmethod
    def _initial_state(cls, v: LifecycleState) -> LifecycleState:
        if v not in INITIAL_STATES:
            raise ValueError(
                f"an asset cannot be created {v.value}; create it in an earlier state "
                "and use transitionAsset (which records the disposal)"
            )
        return v

    def graph_props(self) -> dict[str, Any]:
        """Defaults: name = asset tag, straight-line, and storage assumed (see below).

        ``hasStorage`` defaults to true: asking for a data-wipe reference on disposal of
        a monitor is a nuisance, disposing of an unwiped disk is an audit finding.
        """
        props = super().graph_props()
        props.setdefault("name", self.assetTag)
        props.setdefault("hasStorage", True)
        props.setdefault("depreciationMethod", DepreciationMethod.STRAIGHT_LINE.value)
        props["lifecycleState"] = self.lifecycleState.value
        return props


class AssetUpdate(AssetFields):
    """Everything but the tag's identity and the state (which moves by transitions only)."""

    assetTag: Tag | None = None


def money_problem(asset: dict[str, Any]) -> tuple[str, str] | None:
    """(field, reason) when the merged asset's money fields contradict each other."""
    cost, salvage = asset.get("purchaseCost"), asset.get("salvageValue")
    if (cost is not None or salvage is not None) and not asset.get("currency"):
        return "currency", "a currency is required with purchaseCost or salvageValue"
    if cost is not None and salvage is not None and Decimal(str(salvage)) > Decimal(str(cost)):
        return "salvageValue", "the salvage value cannot exceed the purchase cost"
    return None


class DisposalInput(_Record):
    method: DisposalMethod
    dataWipeReference: ShortText | None = None


class TransitionInput(_Record):
    to: LifecycleState
    at: datetime | None = None
    note: LongText | None = None
    disposal: DisposalInput | None = None
    ciId: str | None = None
    force: bool = False


class VendorCreate(_Record):
    name: Name
    website: ShortText | None = None
    description: LongText | None = None


class LocationCreate(_Record):
    name: Name
    kind: ShortText | None = None
    address: ShortText | None = None
    description: LongText | None = None


class PersonCreate(_Record):
    name: Name
    email: (
        Annotated[
            str,
            StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^[^@\s]+@[^@\s]+$"),
        ]
        | None
    ) = None
    department: ShortText | None = None
