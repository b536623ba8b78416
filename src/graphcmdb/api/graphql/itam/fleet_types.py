"""GraphQL types for the book value of the fleet."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from graphcmdb.api.graphql.from_models import from_record
from graphcmdb.itam.valuation import FleetGroupBy, FleetLine


@strawberry.type(description="Fleet cost and book value for one group in one currency.")
class FleetValueLine:
    key: str | None = strawberry.field(description="Category, cost centre or location; null: none.")
    currency: str
    assetCount: int
    cost: Decimal
    bookValue: Decimal
    depreciation: Decimal


def to_fleet_line(line: FleetLine) -> FleetValueLine:
    return from_record(FleetValueLine, line)


@strawberry.type(description="Book value of the fleet on a date, never adding currencies.")
class FleetValue:
    asOf: date
    groupBy: FleetGroupBy
    groups: list[FleetValueLine]
    totals: list[FleetValueLine] = strawberry.field(description="One line per currency.")
    unvalued: int = strawberry.field(
        description="Assets in the fleet lacking cost, currency, useful life or a start date."
    )
