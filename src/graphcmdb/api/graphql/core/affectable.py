"""The ``Affectable`` interface: CIs and services list the incidents that hit them.

Kept apart from ``itsm_types`` so that ``types.py`` can use it without importing the
incident types (which import ``types.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.loaders import RECENT_INCIDENTS

if TYPE_CHECKING:
    from graphcmdb.api.graphql.itsm.types import IncidentType

IncidentRef = Annotated["IncidentType", strawberry.lazy("graphcmdb.api.graphql.itsm.types")]


async def incidents_of(info: Info, node_id: str, open_only: bool) -> list[IncidentRef]:
    """Incidents hitting ``node_id`` (batched per request): open ones, or the most recent."""
    from graphcmdb.api.graphql.itsm.types import to_incident  # imports types.py

    loaders = info.context.loaders
    rows = await (loaders.open_incidents if open_only else loaders.recent_incidents).load(node_id)
    return [to_incident(r) for r in rows]


@strawberry.interface(description="A node incidents can affect: a CI or a business service.")
class Affectable:
    id: strawberry.ID

    @strawberry.field(
        description=f"The {RECENT_INCIDENTS} newest incidents affecting this node or anything "
        "it needs (transitively); incidents(filter: {ciId | serviceId}) pages through all."
    )
    async def incidents(self, info: Info) -> list[IncidentRef]:
        return await incidents_of(info, self.id, open_only=False)

    @strawberry.field(
        description="Open incidents (NEW, IN_PROGRESS) affecting this node or anything it needs."
    )
    async def openIncidents(self, info: Info) -> list[IncidentRef]:
        return await incidents_of(info, self.id, open_only=True)
