"""Root mutations for incidents and changes (editor role)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.crud_fields import action_field, create_field, update_field
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
from graphcmdb.api.graphql.writes import write
from graphcmdb.domain import itsm_models as m
from graphcmdb.domain.models import parse
from graphcmdb.graph.enums import ChangeState
from graphcmdb.services import changes, incidents


@strawberry.type
class IncidentChangeMutation:
    openIncident = create_field(
        IncidentType,
        to_incident,
        OpenIncidentInput,
        incidents.open_incident,
        m.IncidentOpen,
        "Open an incident (state NEW) with a new number such as INC0000123.",
    )
    updateIncident = update_field(
        IncidentType,
        to_incident,
        UpdateIncidentInput,
        incidents.update_incident,
        m.IncidentUpdate,
        "Edit title, priority, description; state: IN_PROGRESS starts work.",
    )

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

    closeIncident = action_field(
        IncidentType, to_incident, incidents.close_incident, "RESOLVED → CLOSED (final)."
    )
    reopenIncident = action_field(
        IncidentType,
        to_incident,
        incidents.reopen_incident,
        "RESOLVED → IN_PROGRESS; clears the resolution and its cause.",
    )

    createChange = create_field(
        ChangeType,
        to_change,
        CreateChangeInput,
        changes.create_change,
        m.ChangeCreate,
        "Create a change (state DRAFT) with a new number such as CHG0000042.",
    )
    updateChange = update_field(
        ChangeType,
        to_change,
        UpdateChangeInput,
        changes.update_change,
        m.ChangeUpdate,
        "Edit a DRAFT or SUBMITTED change; modifies replaces its CIs. A SUBMITTED "
        "change whose window or CIs move has its risk assessed again.",
    )

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
