"""Fleet valuation: one read of every asset's money fields, depreciation in Python.

Depreciation is a schedule, not a sum Cypher could do, and DESIGN wants it computed
for any date rather than stored; one query whatever the fleet size keeps it bounded.
"""

from __future__ import annotations

from datetime import date

from graphcmdb.db.database import Database
from graphcmdb.db.queries import Q
from graphcmdb.itam.valuation import Fleet, FleetGroupBy, fleet_value


async def fleet(db: Database, as_of: date, group_by: FleetGroupBy) -> Fleet:
    rows = await db.read(Q.ASSET_FLEET)
    return fleet_value(((r["asset"], r["location"]) for r in rows), as_of, group_by)
