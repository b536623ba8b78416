"""The generic JSON event (README, "Events"): one object, or ``{"events": [...]}``."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from graphcmdb.events.model import Identifiers, IncomingEvent, canonical, computed_fingerprint
from graphcmdb.events.reading import check_count, moment, validated
from graphcmdb.events.severity import effect_of
from graphcmdb.graph.enums import AlertState

Short = str | None


class GenericEvent(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: str = Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_.-]+$")
    alertName: str = Field(min_length=1, max_length=500)
    status: Literal["firing", "resolved"]
    severity: Short = Field(default=None, max_length=100)
    ciId: Short = Field(default=None, max_length=100)
    hostname: Short = Field(default=None, max_length=255)
    fqdn: Short = Field(default=None, max_length=255)
    ipAddresses: list[str] = Field(default_factory=list, max_length=64)
    serialNumber: Short = Field(default=None, max_length=200)
    summary: Short = Field(default=None, max_length=4096)
    fingerprint: Short = Field(default=None, max_length=200)
    startsAt: datetime | None = None
    endsAt: datetime | None = None
    labels: dict[str, str] = Field(default_factory=dict, max_length=64)


class GenericBatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    events: list[GenericEvent] = Field(min_length=1)


def _event(event: GenericEvent) -> IncomingEvent:
    source = f"generic:{event.source}"
    identifiers = Identifiers.of(
        ci_id=event.ciId,
        hosts=(event.fqdn, event.hostname),
        ips=tuple(event.ipAddresses),
        serial=event.serialNumber,
    )
    fingerprint = (
        f"{source}:{event.fingerprint}"
        if event.fingerprint
        else computed_fingerprint(source, identifiers, event.alertName)
    )
    return IncomingEvent(
        source=source,
        alert_name=event.alertName,
        state=AlertState.FIRING if event.status == "firing" else AlertState.RESOLVED,
        severity=event.severity,
        effect=effect_of(event.severity),
        identifiers=identifiers,
        fingerprint=fingerprint,
        summary=event.summary,
        starts_at=moment(event.startsAt),
        ends_at=moment(event.endsAt),
        raw=canonical(event.model_dump(mode="json", exclude_none=True)),
    )


def read(data: object, max_alerts: int) -> list[IncomingEvent]:
    if isinstance(data, dict) and "events" in data:
        if isinstance(data["events"], list):
            check_count(len(data["events"]), max_alerts)
        return [_event(e) for e in validated(GenericBatch, data, "generic event").events]
    return [_event(validated(GenericEvent, data, "generic event"))]
