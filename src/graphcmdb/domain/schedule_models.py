"""Schedules: a recurring discovery of target ranges, or a recurring report, on a cron
expression (five fields: minute hour day-of-month month day-of-week, in UTC).

``ScheduleCreate`` is what an admin (or, for discovery, an editor who may scan) writes;
``ScheduleRecord`` what a read answers, with the last run's outcome; ``next_run`` the
pure cron arithmetic (``croniter``).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any, Self

from croniter import croniter
from pydantic import BaseModel, Field, StringConstraints, field_validator, model_validator

from graphcmdb.domain.models import Name, _Record
from graphcmdb.domain.records import READ

Cron = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Target = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
MAX_SCHEDULED_TARGETS = 256


class ScheduleKind(StrEnum):
    DISCOVERY = "DISCOVERY"
    REPORT = "REPORT"


class ScheduledReport(StrEnum):
    """The reports a schedule can take a snapshot of."""

    DATA_QUALITY = "DATA_QUALITY"
    EXPIRING = "EXPIRING"


class ScheduleOutcome(StrEnum):
    RUNNING = "RUNNING"
    SUCCEEDED = "SUCCEEDED"
    FAILED = "FAILED"


def check_cron(expression: str) -> str:
    """The expression with single spaces, or ValueError saying what is wrong."""
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError(
            f"a cron expression has 5 fields (minute hour day-of-month month day-of-week), "
            f"not {len(fields)}: '{expression}'"
        )
    normalised = " ".join(fields)
    if not croniter.is_valid(normalised):
        raise ValueError(f"'{expression}' is not a valid cron expression")
    return normalised


def next_run(expression: str, after: datetime) -> datetime:
    """The first time ``expression`` names strictly after ``after`` (UTC, whole minutes)."""
    start = after.astimezone(UTC)
    found: datetime = croniter(expression, start).get_next(datetime)
    return found.astimezone(UTC)


class ScheduleCreate(_Record):
    name: Name
    kind: ScheduleKind
    cron: Cron
    enabled: bool = True
    #: DISCOVERY: what to scan, with which credential set (every target in its ranges)
    targets: tuple[Target, ...] = Field(default=(), max_length=MAX_SCHEDULED_TARGETS)
    credentialSet: Name | None = None
    concurrency: Annotated[int, Field(ge=1, le=256)] = 16
    #: REPORT: which report to take a snapshot of
    report: ScheduledReport | None = None
    #: REPORT EXPIRING: the window in days
    withinDays: Annotated[int, Field(ge=0, le=3650)] = 90

    @field_validator("cron")
    @classmethod
    def _cron(cls, value: str) -> str:
        return check_cron(value)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.kind is ScheduleKind.DISCOVERY:
            if not self.targets or self.credentialSet is None:
                raise ValueError("a DISCOVERY schedule needs targets and a credentialSet")
            if self.report is not None:
                raise ValueError("a DISCOVERY schedule takes no report")
        elif self.report is None or self.targets or self.credentialSet is not None:
            raise ValueError("a REPORT schedule needs a report, and no targets or credentialSet")
        return self

    def graph_props(self) -> dict[str, Any]:
        """Every field (a schedule is replaced whole); unused ones are null."""
        props = self.model_dump(mode="json")
        props["targets"] = list(self.targets)
        return props


class ScheduleRecord(BaseModel):
    model_config = READ

    id: str
    name: str
    kind: ScheduleKind
    cron: str
    enabled: bool = True
    targets: tuple[str, ...] = ()
    credentialSet: str | None = None
    concurrency: int = 16
    report: ScheduledReport | None = None
    withinDays: int = 90
    nextRunAt: datetime | None = None
    lastRunAt: datetime | None = None
    lastOutcome: ScheduleOutcome | None = None
    lastMessage: str | None = None
    #: the discovery run or report snapshot the last run made
    lastResultId: str | None = None
    runCount: int = 0
    #: which process runs it now, and until when that holds (the lease)
    leaseHolder: str | None = None
    leaseExpires: datetime | None = None
    createdBy: str | None = None
    createdAt: datetime
    updatedAt: datetime | None = None

    @field_validator("targets", mode="before")
    @classmethod
    def _none_is_empty(cls, value: object) -> object:
        return () if value is None else value


class ReportSnapshotRecord(BaseModel):
    """A report as it was when a schedule ran it: its headline figures as JSON."""

    model_config = READ

    id: str
    name: str
    report: ScheduledReport
    scheduleId: str | None = None
    takenAt: datetime
    summary: dict[str, Any]

    @field_validator("summary", mode="before")
    @classmethod
    def _parsed(cls, value: object) -> object:
        return json.loads(value) if isinstance(value, str) else value
