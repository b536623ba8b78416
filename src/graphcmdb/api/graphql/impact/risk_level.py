"""The maintenance risk of taking CIs down."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="HIGH: a service goes DOWN; MEDIUM: degraded or redundancy lost.")
class RiskLevel(Enum):
    HIGH = "HIGH"
    MEDIUM = "MEDIUM"
    LOW = "LOW"
