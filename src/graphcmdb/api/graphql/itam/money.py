"""Money: a ``Decimal`` scalar (a string on the wire) always paired with its currency."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import strawberry


@strawberry.type(description="An amount in one currency (amount is a decimal string).")
class Money:
    amount: Decimal
    currency: str


def money(amount: Any, currency: str | None) -> Money | None:
    """The amount with its currency; null when either is missing."""
    if amount is None or not currency:
        return None
    return Money(amount=Decimal(str(amount)), currency=currency)
