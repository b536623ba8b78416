"""What the on-call engineer needs about a failed CI: its support contract and warranty.

Both are judged on the day the incident was opened (not today): "was it under warranty
when it broke?" is what a claim or a vendor call rests on. A contract covers that day
when it has started (or has no start) and has not ended (or has no end); only SUPPORT
and MAINTENANCE contracts count. With several, the one running longest wins (an
open-ended contract first), then the lowest number, so the answer is stable.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from graphcmdb.graph.enums import ContractKind

SUPPORT_KINDS: tuple[ContractKind, ...] = (ContractKind.SUPPORT, ContractKind.MAINTENANCE)


class WarrantyStatus(StrEnum):
    IN_WARRANTY = "IN_WARRANTY"
    EXPIRED = "EXPIRED"
    #: no asset record, or no warranty end date on it
    UNKNOWN = "UNKNOWN"


def warranty_status(asset: dict[str, Any] | None, on: date) -> WarrantyStatus:
    end = asset.get("warrantyEnd") if asset else None
    if not isinstance(end, date):
        return WarrantyStatus.UNKNOWN
    return WarrantyStatus.IN_WARRANTY if on <= end else WarrantyStatus.EXPIRED


def _covers(contract: dict[str, Any], on: date) -> bool:
    start, end = contract.get("startDate"), contract.get("endDate")
    return (
        contract.get("kind") in SUPPORT_KINDS
        and (start is None or start <= on)
        and (end is None or on <= end)
    )


def support_contract(contracts: list[dict[str, Any]], on: date) -> dict[str, Any] | None:
    """The SUPPORT or MAINTENANCE contract covering ``on``, if any (see the module doc)."""
    active = [c for c in contracts if _covers(c, on)]
    if not active:
        return None
    return min(active, key=lambda c: (c.get("endDate") is not None, -_ordinal(c), c["number"]))


def _ordinal(contract: dict[str, Any]) -> int:
    end = contract.get("endDate")
    return end.toordinal() if isinstance(end, date) else 0
