"""Pydantic records for incidents and changes.

Times are timezone-aware (a naive time is taken as UTC) and stored as Neo4j datetimes,
so reports can select incidents by window with an index.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import Field, StringConstraints, ValidationInfo, field_validator

from graphcmdb.domain.itam_models import LongText
from graphcmdb.domain.models import _Record
from graphcmdb.graph.enums import IncidentPriority, IncidentState

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
MAX_LINKED = 1000
#: ids an incident affects or a change modifies: at least one, each once, in input order
LinkedIds = Annotated[list[str], Field(min_length=1, max_length=MAX_LINKED)]


def as_utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _unique(ids: list[str]) -> list[str]:
    unique = list(dict.fromkeys(i.strip() for i in ids if i.strip()))
    if not unique:
        raise ValueError("give at least one id")
    return unique


class IncidentFields(_Record):
    """The incident's own properties (what a stored incident carries)."""

    title: Title
    priority: IncidentPriority
    #: default: now
    openedAt: datetime | None = None
    description: LongText | None = None

    _utc = field_validator("openedAt")(as_utc)


class IncidentOpen(IncidentFields):
    affects: LinkedIds

    _ids = field_validator("affects")(_unique)


class IncidentUpdate(_Record):
    """Title, priority and description; ``state`` only starts work (NEW → IN_PROGRESS)."""

    title: Title | None = None
    priority: IncidentPriority | None = None
    description: LongText | None = None
    state: IncidentState | None = None

    @field_validator("title", "priority", "state")
    @classmethod
    def _not_cleared(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("cannot be cleared (omit it to keep the current value)")
        return value


class IncidentResolve(_Record):
    #: default: now
    resolvedAt: datetime | None = None
    #: a CI or a Change (CAUSED_BY)
    cause: str | None = None
    resolvedAtFirstContact: bool = False

    _utc = field_validator("resolvedAt")(as_utc)


class ChangeFields(_Record):
    """The change's own properties (what a stored change carries)."""

    title: Title
    plannedStart: datetime
    plannedEnd: datetime
    description: LongText | None = None

    _utc = field_validator("plannedStart")(as_utc)

    @field_validator("plannedEnd")
    @classmethod
    def _after_start(cls, value: datetime, info: ValidationInfo) -> datetime:
        end = as_utc(value)
        start = info.data.get("plannedStart")
        assert end is not None
        if start is not None and end <= start:
            raise ValueError("plannedEnd must be after plannedStart")
        return end


class ChangeCreate(ChangeFields):
    modifies: LinkedIds

    _ids = field_validator("modifies")(_unique)


class ChangeUpdate(_Record):
    """Title, description, the planned window and the MODIFIES set (replaced as a whole).

    Whether the window is ordered is checked by the service against the stored times."""

    title: Title | None = None
    description: LongText | None = None
    plannedStart: datetime | None = None
    plannedEnd: datetime | None = None
    modifies: LinkedIds | None = None

    _utc = field_validator("plannedStart", "plannedEnd")(as_utc)

    @field_validator("title", "plannedStart", "plannedEnd", "modifies", mode="before")
    @classmethod
    def _not_cleared(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("cannot be cleared (omit it to keep the current value)")
        return value

    @field_validator("modifies")
    @classmethod
    def _ids(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _unique(value)
