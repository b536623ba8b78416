"""Incidents and changes imported from another system (or the demo's year of history),
found again by their ``externalKey``, so importing the same records twice changes nothing.

New records take their numbers from the same counters as the mutations (a block is
reserved under the counter's lock), so imported numbers never collide with real ones;
``name`` is the number, as the mutations set it. A change past DRAFT stores the risk an
approver would have seen (``risk_assessed_at``), assessed on the graph as it is now.
Links (AFFECTS, CAUSED_BY, MODIFIES) are merged; the targets must exist. One transaction
and one audit entry for everything the import created or changed.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.graph.enums import ChangeState, IncidentPriority, IncidentState, Label, RelType
from graphcmdb.impact.maintenance import maintenance_risk
from graphcmdb.itsm.numbering import NumberSeries
from graphcmdb.services import audit, link_bulk
from graphcmdb.services.actor import Actor
from graphcmdb.services.itsm_common import check_targets, reserve_numbers, shared_upstream
from graphcmdb.services.link_bulk import Link


@dataclass(frozen=True)
class PastIncident:
    key: str
    title: str
    priority: IncidentPriority
    state: IncidentState
    opened_at: datetime
    resolved_at: datetime | None
    closed_at: datetime | None
    first_contact: bool
    #: ids of the CIs and services it affected
    affects: tuple[str, ...]
    #: the id of the CI it was caused by, or the key of a change of the same import
    cause: str | None = None


@dataclass(frozen=True)
class PastChange:
    key: str
    title: str
    state: ChangeState
    planned_start: datetime
    planned_end: datetime
    #: ids of the CIs it modifies
    modifies: tuple[str, ...]
    #: when the approver saw its risk (None: never assessed, e.g. a DRAFT)
    risk_assessed_at: datetime | None = None


@dataclass(frozen=True)
class ImportCounts:
    created: int
    #: records created or changed, and links created or changed
    written: int


def _incident(i: PastIncident) -> dict[str, Any]:
    return {
        "title": i.title,
        "priority": i.priority.value,
        "state": i.state.value,
        "openedAt": i.opened_at,
        "resolvedAt": i.resolved_at,
        "closedAt": i.closed_at,
        "resolvedAtFirstContact": i.first_contact,
        "reopenCount": 0,
    }


def _change(c: PastChange, risk: str | None) -> dict[str, Any]:
    props: dict[str, Any] = {
        "title": c.title,
        "state": c.state.value,
        "plannedStart": c.planned_start,
        "plannedEnd": c.planned_end,
    }
    if c.risk_assessed_at is not None:
        props |= {"risk": risk, "riskAssessedAt": c.risk_assessed_at}
    return props


async def _risks(db: Database, changes: list[PastChange]) -> dict[str, str]:
    """Each assessed change's maintenance risk on the current graph (one upstream fetch)."""
    targets = {c.key: list(c.modifies) for c in changes if c.risk_assessed_at is not None}
    graph = await shared_upstream(db, targets)
    return {key: str(maintenance_risk(graph, t).risk) for key, t in targets.items()}


async def _numbers(tx: Tx, series: NumberSeries, keys: list[str]) -> dict[str, str]:
    """The next numbers of ``series`` for ``keys`` (new records), in order."""
    return dict(zip(keys, await reserve_numbers(tx, series, len(keys)), strict=True))


def _links(
    incidents: list[PastIncident], changes: list[PastChange], ids: dict[str, str]
) -> list[Link]:
    links = [Link(RelType.AFFECTS, ids[i.key], t) for i in incidents for t in i.affects]
    links += [
        Link(RelType.CAUSED_BY, ids[i.key], ids.get(i.cause, i.cause), single=True)
        for i in incidents
        if i.cause
    ]
    links += [Link(RelType.MODIFIES, ids[c.key], t) for c in changes for t in c.modifies]
    return links


async def import_records(
    db: Database, actor: Actor, incidents: list[PastIncident], changes: list[PastChange]
) -> ImportCounts:
    risks = await _risks(db, changes)
    now = datetime.now(UTC)

    async def work(tx: Tx) -> ImportCounts:
        affected = sorted({t for i in incidents for t in i.affects})
        await check_targets(tx, RelType.AFFECTS, affected, "affects")
        modified = sorted({t for c in changes for t in c.modifies})
        await check_targets(tx, RelType.MODIFIES, modified, "modifies")
        causes = sorted({i.cause for i in incidents if i.cause} - {c.key for c in changes})
        await check_targets(tx, RelType.CAUSED_BY, causes, "cause")
        keys, n = [i.key for i in incidents] + [c.key for c in changes], len(incidents)
        known = {r["key"]: str(r["id"]) for r in await tx.run(Q.ITSM_KEYS_KNOWN, keys=keys)}
        numbers = await _numbers(tx, NumberSeries.INCIDENT, [k for k in keys[:n] if k not in known])
        numbers |= await _numbers(tx, NumberSeries.CHANGE, [k for k in keys[n:] if k not in known])
        shaped = [(Label.INCIDENT, i.key, _incident(i)) for i in incidents]
        shaped += [(Label.CHANGE, c.key, _change(c, risks.get(c.key))) for c in changes]
        rows = [
            {
                "label": label.value,
                "externalKey": key,
                "id": known.get(key, str(uuid.uuid4())),
                "defaults": {"number": numbers[key], "name": numbers[key]}
                if key in numbers
                else {},
                "props": props,
            }
            for label, key, props in shaped
        ]
        written = await tx.run(Q.ITSM_IMPORT_BATCH, rows=rows, now=now)
        ids = {r["key"]: str(r["id"]) for r in written}
        changed = [r for r in written if r["changed"]]
        linked = await link_bulk.merge_in(tx, _links(incidents, changes, ids))
        created = sum(1 for r in written if r["created"])
        if changed or linked:
            targets = sorted({str(r["id"]) for r in changed} | set(linked))
            after = {"records": [r["key"] for r in changed], "links": len(linked)}
            await audit.record(tx, actor, "importItsmRecords", targets, None, after)
        return ImportCounts(created=created, written=len(changed) + len(linked))

    return await db.write(work)
