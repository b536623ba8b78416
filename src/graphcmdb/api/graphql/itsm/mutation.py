"""Root mutations for incidents and changes (editor role)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.itsm.inputs import (
    CreateChangeInput,
    OpenIncidentInput,
    UpdateChangeInput,
    UpdateIncidentInput,
)
from graphcmdb.api.graphql.itsm.types import (
    ChangeType,
    IncidentType,
    to_change,
    to_incident,
)
from graphcmdb.api.graphql.permissions import IsEditor
from graphcmdb.api.graphql.writes import parsed, write
from graphcmdb.domain import itsm_models as m
from graphcmdb.domain.models import parse
from graphcmdb.graph.enums import ChangeState
from graphcmdb.services import changes, incidents


@strawberry.type
class IncidentChangeMutation:
    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Open an incident (state NEW) with a new number such as INC0000123.",
    )
    async def openIncident(self, info: Info, input: OpenIncidentInput) -> IncidentType:
        data = parsed(m.IncidentOpen, input)
        return to_incident(await write(info, incidents.open_incident, data))

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Edit title, priority, description; state: IN_PROGRESS starts work.",
    )
    async def updateIncident(
        self, info: Info, id: strawberry.ID, input: UpdateIncidentInput
    ) -> IncidentType:
        data = parsed(m.IncidentUpdate, input)
        return to_incident(await write(info, incidents.update_incident, id, data))

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Resolve (from NEW or IN_PROGRESS); cause: the CI or change behind it.",
    )
    async def resolveIncident(
        self,
        info: Info,
        id: strawberry.ID,
        resolvedAt: datetime | None = None,
        cause: strawberry.ID | None = None,
        resolvedAtFirstContact: bool = False,
    ) -> IncidentType:
        raw = {"resolvedAt": resolvedAt, "cause": cause}
        data = parse(m.IncidentResolve, raw | {"resolvedAtFirstContact": resolvedAtFirstContact})
        return to_incident(await write(info, incidents.resolve_incident, id, data))

    @strawberry.mutation(permission_classes=[IsEditor], description="RESOLVED → CLOSED (final).")
    async def closeIncident(self, info: Info, id: strawberry.ID) -> IncidentType:
        return to_incident(await write(info, incidents.close_incident, id))

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="RESOLVED → IN_PROGRESS; clears the resolution and its cause.",
    )
    async def reopenIncident(self, info: Info, id: strawberry.ID) -> IncidentType:
        return to_incident(await write(info, incidents.reopen_incident, id))

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Create a change (state DRAFT) with a new number such as CHG0000042.",
    )
    async def createChange(self, info: Info, input: CreateChangeInput) -> ChangeType:
        return to_change(await write(info, changes.create_change, parsed(m.ChangeCreate, input)))

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Edit a DRAFT or SUBMITTED change; modifies replaces its CIs. A SUBMITTED "
        "change whose window or CIs move has its risk assessed again.",
    )
    async def updateChange(
        self, info: Info, id: strawberry.ID, input: UpdateChangeInput
    ) -> ChangeType:
        data = parsed(m.ChangeUpdate, input)
        return to_change(await write(info, changes.update_change, id, data))

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Move a change; SUBMITTED stores its maintenance risk. Illegal moves "
        "name the allowed ones.",
    )
    async def transitionChange(
        self,
        info: Info,
        id: strawberry.ID,
        to: ChangeState,
    ) -> ChangeType:
        return to_change(await write(info, changes.transition_change, id, ChangeState(to)))
