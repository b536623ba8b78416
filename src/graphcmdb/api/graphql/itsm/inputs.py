"""GraphQL inputs for incidents and changes; converted to ``domain/itsm_models`` records."""

from __future__ import annotations

from datetime import datetime

import strawberry

from graphcmdb.graph.enums import ChangeState, IncidentPriority, IncidentState


@strawberry.input
class OpenIncidentInput:
    title: str
    priority: IncidentPriority
    affects: list[strawberry.ID] = strawberry.field(
        description="CIs and business services the incident affects (at least one)."
    )
    openedAt: datetime | None = strawberry.field(
        default=strawberry.UNSET, description="Default: now."
    )
    description: str | None = strawberry.UNSET


@strawberry.input
class UpdateIncidentInput:
    title: str | None = strawberry.UNSET
    priority: IncidentPriority | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    state: IncidentState | None = strawberry.field(
        default=strawberry.UNSET,
        description="IN_PROGRESS starts work; resolve and close with their own mutations.",
    )


@strawberry.input
class IncidentFilterInput:
    state: IncidentState | None = None
    priority: IncidentPriority | None = None
    ciId: strawberry.ID | None = strawberry.field(
        default=None, description="Incidents affecting this CI or anything it needs."
    )
    serviceId: strawberry.ID | None = strawberry.field(
        default=None, description="Incidents affecting this service or anything it needs."
    )


@strawberry.input
class CreateChangeInput:
    title: str
    plannedStart: datetime
    plannedEnd: datetime = strawberry.field(
        description="After plannedStart; the window is [start, end)."
    )
    modifies: list[strawberry.ID] = strawberry.field(description="The CIs the change works on.")
    description: str | None = strawberry.UNSET


@strawberry.input(description="Only the fields given change; modifies replaces the whole set.")
class UpdateChangeInput:
    title: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    plannedStart: datetime | None = strawberry.UNSET
    plannedEnd: datetime | None = strawberry.UNSET
    modifies: list[strawberry.ID] | None = strawberry.field(
        default=strawberry.UNSET, description="The CIs the change works on (at least one)."
    )


@strawberry.input
class ChangeFilterInput:
    state: ChangeState | None = None
