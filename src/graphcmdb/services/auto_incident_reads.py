"""What automatic incidents leave behind, read back in batches (one query per call, for
the GraphQL loaders): an incident's root-cause candidates and alerts, a business
service's status history, and what a change suppressed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from graphcmdb.db.database import Database
from graphcmdb.db.queries import Q
from graphcmdb.domain.records import CIRecord
from graphcmdb.domain.specs import CI_SPEC
from graphcmdb.graph.enums import AlertState, CIStatus
from graphcmdb.services import nodes

#: status changes one service answers at most
HISTORY_LIMIT = 100


@dataclass(frozen=True)
class Suspect:
    """One root-cause candidate CI; CIs of one candidate set share a rank (1: best)."""

    rank: int
    ci: CIRecord


@dataclass(frozen=True)
class AlertView:
    fingerprint: str
    source: str | None
    alert_name: str | None
    state: AlertState | None
    severity: str | None
    summary: str | None
    ci_id: str | None
    first_seen: datetime | None
    last_seen: datetime | None


@dataclass(frozen=True)
class ServiceStatusChange:
    at: datetime
    before: CIStatus | None
    after: CIStatus
    reason: str | None
    incident_id: str | None
    change_id: str | None


@dataclass(frozen=True)
class Suppression:
    """Monitoring opened no incident on a service for the failure of CIs a change
    modifies while its window was open."""

    service_id: str
    change_id: str
    ci_ids: tuple[str, ...]
    #: the worst status the failure of those CIs alone gave the service
    status: CIStatus
    first_at: datetime
    last_at: datetime


def _text(value: object) -> str | None:
    return str(value) if value is not None else None


async def suspects(db: Database, ids: list[str]) -> dict[str, list[Suspect]]:
    grouped: dict[str, list[Suspect]] = defaultdict(list)
    for r in await db.read(Q.AUTO_INCIDENT_SUSPECTS_BY_IDS, ids=ids):
        grouped[r["id"]].append(Suspect(int(r["rank"]), nodes.as_record(CI_SPEC, r["ci"])))
    return grouped


async def alerts(db: Database, ids: list[str]) -> dict[str, list[AlertView]]:
    grouped: dict[str, list[AlertView]] = defaultdict(list)
    for r in await db.read(Q.AUTO_INCIDENT_ALERTS_BY_IDS, ids=ids):
        a = r["alert"]
        grouped[r["id"]].append(
            AlertView(
                fingerprint=str(a["fingerprint"]),
                source=_text(a.get("source")),
                alert_name=_text(a.get("alertName")),
                state=AlertState(a["state"]) if a.get("state") else None,
                severity=_text(a.get("severity")),
                summary=_text(a.get("summary")),
                ci_id=_text(a.get("ciId")),
                first_seen=a.get("firstSeen"),
                last_seen=a.get("lastSeen"),
            )
        )
    return grouped


async def service_history(
    db: Database, service_ids: Sequence[str], limit: int = HISTORY_LIMIT
) -> dict[str, list[ServiceStatusChange]]:
    """Per service, the moves monitoring made to its status, newest first."""
    rows = await db.read(Q.AUTO_INCIDENT_SERVICE_STATUS_HISTORY, ids=list(service_ids), limit=limit)
    return {
        str(r["id"]): [
            ServiceStatusChange(
                at=c["at"],
                before=CIStatus(c["from"]) if c.get("from") else None,
                after=CIStatus(c["to"]),
                reason=_text(c.get("reason")),
                incident_id=_text(c.get("incidentId")),
                change_id=_text(c.get("changeId")),
            )
            for c in r["changes"]
        ]
        for r in rows
    }


async def service_statuses(db: Database, service_ids: Sequence[str]) -> dict[str, CIStatus]:
    """Per service, its status as monitoring last set it (its newest move); a service
    monitoring never moved is absent (OPERATIONAL)."""
    rows = await db.read(Q.AUTO_INCIDENT_SERVICE_STATUS, ids=list(service_ids))
    return {str(r["id"]): CIStatus(r["status"]) for r in rows if r.get("status")}


async def suppressions(db: Database, change_ids: list[str]) -> dict[str, list[Suppression]]:
    grouped: dict[str, list[Suppression]] = defaultdict(list)
    for r in await db.read(Q.AUTO_INCIDENT_SUPPRESSIONS_BY_CHANGE_IDS, ids=change_ids):
        x = r["suppression"]
        grouped[r["id"]].append(
            Suppression(
                service_id=str(x["serviceId"]),
                change_id=str(x["changeId"]),
                ci_ids=tuple(str(c) for c in x.get("ciIds") or ()),
                status=CIStatus(x["status"]),
                first_at=x["firstAt"],
                last_at=x["lastAt"],
            )
        )
    return grouped
