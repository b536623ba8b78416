"""Writing what ``services/auto_incidents`` decided, in the impact evaluator's pass: the
incidents (through the generic node service, audited), their AFFECTS, alerts and
each service's status and its history, and the
incidents an open change suppressed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from graphcmdb.db.database import Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.records import IncidentRecord
from graphcmdb.domain.specs import INCIDENT_SPEC
from graphcmdb.graph.enums import CIStatus, IncidentPriority, IncidentState
from graphcmdb.impact.model import Status
from graphcmdb.itsm.auto_incidents import Decision, Move, ServiceView
from graphcmdb.itsm.numbering import NumberSeries
from graphcmdb.notify.model import NotificationKind
from graphcmdb.services import audit, nodes_many, notify
from graphcmdb.services.actor import Actor
from graphcmdb.services.incidents import moved
from graphcmdb.services.itsm_common import reserve_numbers
from graphcmdb.services.nodes_many import NewNode, NodeChange

SERVICE_STATUS = {Status.OK: CIStatus.OPERATIONAL, Status.DEGRADED: CIStatus.DEGRADED,
                  Status.DOWN: CIStatus.DOWN}  # fmt: skip


@dataclass(frozen=True)
class Suppressed:
    """An incident (or part of one) not opened: ``change`` modifies these failed CIs."""

    service_id: str
    change_id: str
    change_number: str
    ci_ids: tuple[str, ...]
    #: what the failure of those CIs alone does to the service
    status: Status


@dataclass(frozen=True)
class IncidentMove:
    service_id: str
    incident_id: str
    number: str
    move: Move
    priority: IncidentPriority
    #: its root-cause candidates are to be searched again (``auto_incident_suspects``):
    #: opened, reopened, new failed CIs or a higher priority
    search: bool = False


@dataclass
class Plan:
    """One service: what was read under its lock, and what to do."""

    view: ServiceView
    name: str
    decision: Decision
    #: the incident the move applies to (None when opening)
    record: IncidentRecord | None
    stored_status: CIStatus | None
    failed_names: dict[str, str]
    observed_down: frozenset[str] = frozenset()
    suppressing: list[Suppressed] = field(default_factory=list)


def _title(plan: Plan) -> str:
    names = sorted(plan.failed_names.values())
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f"{plan.name} {SERVICE_STATUS[plan.view.effective].value}: {shown or 'failed CIs'}"


def _opened(plan: Plan, number: str, at: datetime) -> NewNode:
    """A new incident's properties and links."""
    assert plan.decision.priority is not None
    props = {
        "number": number,
        "name": number,
        "title": _title(plan),
        "description": "Opened by monitoring: the service's needed CIs failed "
        f"({', '.join(sorted(plan.failed_names.values()))}).",
        "priority": plan.decision.priority.value,
        "state": IncidentState.NEW.value,
        "openedAt": at,
        "reopenCount": 0,
        "autoServiceId": plan.view.id,
        "alertFingerprints": sorted(plan.decision.new_alerts),
    }
    return NewNode(props, "openAutoIncident", {"affects": sorted(plan.decision.new_affects)})


def _changed(plan: Plan, record: IncidentRecord, at: datetime) -> tuple[str, dict[str, Any]]:
    """The operation and properties of a move on an existing incident."""
    d = plan.decision
    props: dict[str, Any] = {}
    if d.move is Move.RESOLVE:
        resolved = max(at, record.openedAt)
        props = moved(record, IncidentState.RESOLVED, resolved)
        return "resolveAutoIncident", props | {
            "resolvedAt": resolved,
            "resolvedAtFirstContact": False,
        }
    if d.move is Move.REOPEN:
        props = moved(record, IncidentState.IN_PROGRESS, at)
    fingerprints = sorted(set(record.alertFingerprints or ()) | d.new_alerts)
    assert d.priority is not None
    props |= {"priority": d.priority.value, "alertFingerprints": fingerprints}
    return ("reopenAutoIncident" if d.move is Move.REOPEN else "updateAutoIncident"), props


def _change(plan: Plan, at: datetime) -> NodeChange:
    assert plan.record is not None
    operation, props = _changed(plan, plan.record, at)
    new_affects = plan.decision.new_affects
    links = {"affects": sorted(new_affects)} if new_affects else {}
    return NodeChange(plan.record.id, props, operation, links)


async def _best_suspects(tx: Tx, incident_ids: list[str]) -> dict[str, str | None]:
    """The cause each resolved incident records: its best candidate, when one CI."""
    best: dict[str, list[str]] = {i: [] for i in incident_ids}
    if incident_ids:
        for r in await tx.run(Q.AUTO_INCIDENT_SUSPECTS_BY_IDS, ids=incident_ids):
            if r["rank"] == 1:
                best[str(r["id"])].append(str(r["ci"]["id"]))
    return {i: ids[0] if len(ids) == 1 else None for i, ids in best.items()}


async def _replaced_causes(tx: Tx, plans: list[Plan]) -> set[str]:
    """The causes the resolved and reopened incidents record now: replacing one deletes
    its ``CAUSED_BY``, which locks its CI, so it is locked in order with the rest."""
    ids = [
        p.record.id
        for p in plans
        if p.record is not None and p.decision.move in (Move.RESOLVE, Move.REOPEN)
    ]
    if not ids:
        return set()
    return {str(r["id"]) for r in await tx.run(Q.AUTO_INCIDENT_CAUSES_BY_IDS, ids=ids)}


#: the moves an incident's subscribers are told of
NOTICES = {
    Move.OPEN: NotificationKind.INCIDENT_OPENED,
    Move.RESOLVE: NotificationKind.INCIDENT_RESOLVED,
}


async def _moves(
    tx: Tx, actor: Actor, plans: list[Plan], at: datetime
) -> list[tuple[Plan, IncidentMove]]:
    """The incidents themselves, each audited: those opened in one statement, those
    moved in another (a pass opening a hundred incidents makes two round trips, not
    three hundred); their links are written with the others'."""
    opening = [i for i, p in enumerate(plans) if p.decision.move is Move.OPEN]
    changing = [i for i, p in enumerate(plans) if p.decision.move not in (Move.OPEN, Move.NOTHING)]
    numbers = await reserve_numbers(tx, NumberSeries.INCIDENT, len(opening))
    new = [_opened(plans[i], n, at) for i, n in zip(opening, numbers, strict=True)]
    changes = [_change(plans[i], at) for i in changing]
    opened = await nodes_many.create_in(tx, actor, INCIDENT_SPEC, new)
    records = dict(zip(opening, opened, strict=True))
    changed = await nodes_many.update_in(tx, actor, INCIDENT_SPEC, changes)
    records |= dict(zip(changing, changed, strict=True))
    moved = []
    for i, record in sorted(records.items()):
        plan, d = plans[i], plans[i].decision
        search = d.move in (Move.OPEN, Move.REOPEN) or bool(d.new_affects)
        if plan.record is not None and d.move is Move.ATTACH:
            search = search or record.priority != plan.record.priority
        move = IncidentMove(plan.view.id, record.id, record.number, d.move, record.priority, search)
        moved.append((plan, move))
    return moved


async def _links(
    tx: Tx, moved: list[tuple[Plan, IncidentMove]], causes: dict[str, str | None], at: datetime
) -> None:
    """Every moved incident's AFFECTS and cause in one statement (a resolved one records
    its best root-cause candidate, a reopened one none), then the notices of those opened
    or resolved (their subject reads the links)."""
    rows = [
        {
            "id": m.incident_id,
            "affects": sorted(p.decision.new_affects),
            "setCause": m.move in (Move.RESOLVE, Move.REOPEN),
            "causeId": causes.get(m.incident_id),
        }
        for p, m in moved
    ]
    if rows:
        await tx.run(Q.AUTO_INCIDENT_SET_LINKS, rows=rows)
    # their services' subscribers hear of them, in this transaction
    await notify.incidents(
        tx, [(m.incident_id, NOTICES[m.move]) for _, m in moved if m.move in NOTICES], at
    )


def _status_row(plan: Plan, done: IncidentMove | None) -> dict[str, object] | None:
    to = SERVICE_STATUS[plan.view.status]
    before = plan.stored_status
    if (before or CIStatus.OPERATIONAL) is to:
        return None
    if done is not None:
        reason = f"{done.number} {done.move.value.lower()} ({done.priority.value})"
    elif plan.suppressing and plan.view.effective is Status.OK:
        numbers = ", ".join(s.change_number for s in plan.suppressing)
        reason = f"no incident: suppressed by change {numbers}"
    else:
        reason = "impact of the failed CIs it needs"
    change = plan.suppressing[0].change_id if plan.suppressing else None
    return {
        "id": plan.view.id,
        "from": before.value if before else None,
        "to": to.value,
        "reason": reason,
        "incidentId": done.incident_id if done else None,
        "changeId": change,
    }


async def apply(
    tx: Tx, actor: Actor, plans: list[Plan], at: datetime, batch: str
) -> list[IncidentMove]:
    """The plans' incidents and service statuses (the moves marked with ``batch``).

    First the write locks of every CI and service the writes link, unlink or set, in id
    order: alert payloads lock their CIs in that order too, so a pass and a burst of
    payloads never wait for each other in a cycle (a deadlock Neo4j breaks by failing one
    of them; under a burst the pass lost every time)."""
    resolving = [p.record.id for p in plans if p.decision.move is Move.RESOLVE and p.record]
    causes = await _best_suspects(tx, resolving)
    touched = {p.view.id for p in plans}
    touched |= {c for p in plans for c in p.decision.new_affects}
    touched |= {c for c in causes.values() if c is not None}
    touched |= await _replaced_causes(tx, plans)
    await tx.run(Q.AUTO_INCIDENT_LOCK, ids=sorted(touched))
    moved = await _moves(tx, actor, plans, at)
    moves = {move.service_id: move for _, move in moved}
    rows = [r for p in plans if (r := _status_row(p, moves.get(p.view.id))) is not None]
    await _links(tx, moved, causes, at)
    done = [m for _, m in moved]
    if rows:
        await tx.run(Q.AUTO_INCIDENT_SET_SERVICE_STATUS, rows=rows, at=at, batch=batch)
        await audit.record(
            tx,
            actor,
            "setServiceStatusFromEvents",
            [str(r["id"]) for r in rows],
            {str(r["id"]): {"status": r["from"]} for r in rows},
            {str(r["id"]): {"status": r["to"], "reason": r["reason"]} for r in rows},
            # a StatusChange beside each service; its AFFECTS from an incident is
            # versioned with the incident, whose capture walks its relationships
            relationships=False,
        )
    suppressions = [
        {
            "serviceId": s.service_id,
            "changeId": s.change_id,
            "ciIds": list(s.ci_ids),
            "status": SERVICE_STATUS[s.status].value,
        }
        for p in plans
        for s in p.suppressing
    ]
    if suppressions:
        await tx.run(
            Q.AUTO_INCIDENT_RECORD_SUPPRESSIONS,
            rows=suppressions,
            at=at,
            worst=CIStatus.DOWN.value,
        )
    return done
