"""Write the demo's year of incidents and changes (:mod:`graphcmdb.demo.itsm`) in one
transaction, shaped as the ITSM mutations shape them.

Records are found again by a ``demoKey`` property, so loading twice the same day changes
nothing; new records take their numbers from the same counters as the mutations (a block
is reserved under the counter's lock), so demo numbers never collide with real ones.
Changes past DRAFT carry the risk an approver would have seen, assessed on the graph as
it is at load time. The CIs and services must be loaded first.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.demo.enterprise import build_enterprise
from graphcmdb.demo.itsm import DemoChange, DemoIncident, ItsmDataset, build_itsm
from graphcmdb.demo.model import CIRef, DemoDataset, NodeRef
from graphcmdb.errors import ValidationFailed
from graphcmdb.graph.enums import ChangeState, Label, RelType
from graphcmdb.impact.maintenance import maintenance_risk
from graphcmdb.itsm.numbering import NumberSeries, format_number
from graphcmdb.services import audit
from graphcmdb.services.actor import Actor, system_actor
from graphcmdb.services.itsm_common import shared_upstream

#: the approver saw the risk this long before the window
ASSESSED_BEFORE = timedelta(days=3)


@dataclass(frozen=True)
class ItsmSummary:
    incidents: int
    changes: int
    created: int
    written: int
    seconds: float


def _incident_props(i: DemoIncident) -> dict[str, Any]:
    return {
        "demoKey": i.key,
        "name": i.title,
        "title": i.title,
        "priority": i.priority.value,
        "state": i.state.value,
        "openedAt": i.opened_at,
        "resolvedAt": i.resolved_at,
        "closedAt": i.closed_at,
        "resolvedAtFirstContact": i.first_contact,
        "reopenCount": 0,
    }


def _change_props(c: DemoChange, risk: str | None) -> dict[str, Any]:
    props: dict[str, Any] = {
        "demoKey": c.key,
        "name": c.title,
        "title": c.title,
        "state": c.state.value,
        "plannedStart": c.planned_start,
        "plannedEnd": c.planned_end,
    }
    if c.state is not ChangeState.DRAFT:
        props |= {"risk": risk, "riskAssessedAt": c.planned_start - ASSESSED_BEFORE}
    return props


async def _risks(db: Database, changes: list[DemoChange], ids: dict[str, str]) -> dict[str, str]:
    """Each change's maintenance risk on the current graph (one upstream fetch for all)."""
    targets = {c.key: [ids[str(ref)] for ref in c.modifies] for c in changes}
    graph = await shared_upstream(db, targets)
    return {key: str(maintenance_risk(graph, t).risk) for key, t in targets.items()}


def _node_key(ref: NodeRef | str) -> str:
    return ref if isinstance(ref, str) else str(ref)


async def _ids(db: Database, data: ItsmDataset) -> tuple[dict[str, str], dict[str, str]]:
    """Ids by key (demo records, "ciClass:name", "Service:name") and numbers by demo key."""
    refs = {r for i in data.incidents for r in i.affects} | {
        r for c in data.changes for r in c.modifies
    }
    refs |= {i.cause for i in data.incidents if isinstance(i.cause, CIRef)}
    rows = await db.read(
        Q.DEMO_ITSM_IDS,
        records=[i.key for i in data.incidents] + [c.key for c in data.changes],
        cis=[{"ciClass": r.ciClass.value, "name": r.name} for r in refs if isinstance(r, CIRef)],
        services=[r.name for r in refs if not isinstance(r, CIRef)],
    )
    ids = {r["key"]: r["id"] for r in rows}
    missing = sorted(str(r) for r in refs if str(r) not in ids)
    if missing:
        raise ValidationFailed(
            f"The demo's incidents need its CIs and services, and {len(missing)} are missing "
            f"({', '.join(missing[:5])} ...): load the whole demo (`graphcmdb demo load`).",
            missing=missing[:100],
        )
    return ids, {r["key"]: r["number"] for r in rows if r["kind"] == "record"}


async def _number(tx: Tx, series: NumberSeries, keys: list[str], numbers: dict[str, str]) -> None:
    """Give the records without a number the next ones of their series."""
    new = [k for k in keys if k not in numbers]
    if not new:
        return
    row = await tx.one(Q.ITSM_RESERVE_NUMBERS, series=series.name, count=len(new))
    assert row is not None
    first = int(row["last"]) - len(new) + 1
    numbers.update({k: format_number(series, first + n) for n, k in enumerate(new)})


def _links(data: ItsmDataset, ids: dict[str, str]) -> list[dict[str, Any]]:
    def link(kind: RelType, source: str, target: NodeRef | str) -> dict[str, Any]:
        return {
            "type": kind.value,
            "fromId": ids[source],
            "toId": ids[_node_key(target)],
            "props": {},
            "single": kind is RelType.CAUSED_BY,
            "oneToOne": False,
        }

    rows = [link(RelType.AFFECTS, i.key, t) for i in data.incidents for t in i.affects]
    rows += [link(RelType.CAUSED_BY, i.key, i.cause) for i in data.incidents if i.cause]
    rows += [link(RelType.MODIFIES, c.key, t) for c in data.changes for t in c.modifies]
    return rows


async def load_itsm(
    db: Database,
    *,
    today: date | None = None,
    dataset: DemoDataset | None = None,
    actor: Actor | None = None,
    now: datetime | None = None,
) -> ItsmSummary:
    """Load (or refresh) a year of the demo's incidents and changes up to ``today``."""
    started = time.perf_counter()
    day = today or (now.date() if now else date.today())
    data = build_itsm(dataset or build_enterprise(), day, now)
    ids, numbers = await _ids(db, data)
    risks = await _risks(db, data.changes, ids)
    for key in [i.key for i in data.incidents] + [c.key for c in data.changes]:
        ids.setdefault(key, str(uuid.uuid4()))
    who = actor or system_actor("demo")

    async def work(tx: Tx) -> tuple[int, int]:
        await _number(tx, NumberSeries.INCIDENT, [i.key for i in data.incidents], numbers)
        await _number(tx, NumberSeries.CHANGE, [c.key for c in data.changes], numbers)
        rows = [(Label.INCIDENT, i.key, _incident_props(i)) for i in data.incidents] + [
            (Label.CHANGE, c.key, _change_props(c, risks[c.key])) for c in data.changes
        ]
        nodes = await tx.run(
            Q.DEMO_UPSERT_NODES,
            now=datetime.now().astimezone(),
            rows=[
                {
                    "id": ids[key],
                    "label": label.value,
                    "key": key,
                    "props": props | {"number": numbers[key]},
                }
                for label, key, props in rows
            ],
        )
        links = await tx.run(Q.DEMO_LINKS, now=datetime.now().astimezone(), rows=_links(data, ids))
        changed = [r["key"] for r in nodes if r["changed"]]
        written = len(changed) + sum(1 for r in links if r["changed"])
        if written:
            after = {"asOf": day, "records": changed[:1000], "links": written - len(changed)}
            targets = [ids[k] for k in changed[:1000]]
            await audit.record(tx, who, "loadDemoItsm", targets, None, after)
        return sum(1 for r in nodes if r["created"]), written

    created, written = await db.write(work)
    return ItsmSummary(
        incidents=len(data.incidents),
        changes=len(data.changes),
        created=created,
        written=written,
        seconds=round(time.perf_counter() - started, 3),
    )
