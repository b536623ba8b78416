"""Root mutations for incidents and changes (editor role)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.from_models import given
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
from graphcmdb.api.graphql.permissions import IsEditor, authorize
from graphcmdb.domain import itsm_models as m
from graphcmdb.domain.models import parse
from graphcmdb.graph.enums import ChangeState, Role
from graphcmdb.services import changes, incidents
from graphcmdb.services.actor import Actor


def _actor(info: Info) -> Actor:
    return authorize(info.context.actor, Role.EDITOR)


@strawberry.type
class IncidentChangeMutation:
    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Open an incident (state NEW) with a new number such as INC0000123.",
    )
    async def openIncident(self, info: Info, input: OpenIncidentInput) -> IncidentType:
        data = parse(m.IncidentOpen, given(input))
        return to_incident(await incidents.open_incident(info.context.db, _actor(info), data))

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Edit title, priority, description; state: IN_PROGRESS starts work.",
    )
    async def updateIncident(
        self, info: Info, id: strawberry.ID, input: UpdateIncidentInput
    ) -> IncidentType:
        data = parse(m.IncidentUpdate, given(input))
        row = await incidents.update_incident(info.context.db, _actor(info), id, data)
        return to_incident(row)

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
        row = await incidents.resolve_incident(info.context.db, _actor(info), id, data)
        return to_incident(row)

    @strawberry.mutation(permission_classes=[IsEditor], description="RESOLVED → CLOSED (final).")
    async def closeIncident(self, info: Info, id: strawberry.ID) -> IncidentType:
        return to_incident(await incidents.close_incident(info.context.db, _actor(info), id))

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="RESOLVED → IN_PROGRESS; clears the resolution and its cause.",
    )
    async def reopenIncident(self, info: Info, id: strawberry.ID) -> IncidentType:
        return to_incident(await incidents.reopen_incident(info.context.db, _actor(info), id))

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Create a change (state DRAFT) with a new number such as CHG0000042.",
    )
    async def createChange(self, info: Info, input: CreateChangeInput) -> ChangeType:
        data = parse(m.ChangeCreate, given(input))
        return to_change(await changes.create_change(info.context.db, _actor(info), data))

    @strawberry.mutation(
        permission_classes=[IsEditor],
        description="Edit a DRAFT or SUBMITTED change; modifies replaces its CIs. A SUBMITTED "
        "change whose window or CIs move has its risk assessed again.",
    )
    async def updateChange(
        self, info: Info, id: strawberry.ID, input: UpdateChangeInput
    ) -> ChangeType:
        data = parse(m.ChangeUpdate, given(input))
        row = await changes.update_change(info.context.db, _actor(info), id, data)
        return to_change(row)

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
        row = await changes.transition_change(info.context.db, _actor(info), id, ChangeState(to))
        return to_change(row)
