"""Changes: planned work on CIs (``MODIFIES``), moved through ``itsm/states.py``.

Risk is DESIGN's maintenance risk of taking the modified CIs down. It is assessed and
stored when the change is SUBMITTED (what the approver saw; kept as ``risk`` with
``riskAssessedAt``), while ``liveRisk`` recomputes it on read from today's graph.

A change is edited (``update_change``) only while DRAFT or SUBMITTED; editing a SUBMITTED
change's window or CIs assesses and stores its risk again, so it stays what is approved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.itsm_models import ChangeCreate, ChangeUpdate
from graphcmdb.domain.records import ChangeRecord, CIRecord, IncidentRecord
from graphcmdb.domain.specs import CHANGE_SPEC, CI_SPEC, INCIDENT_SPEC
from graphcmdb.errors import NotFound, ValidationFailed
from graphcmdb.graph.cypher_gen import Op
from graphcmdb.graph.enums import ChangeState, RelType
from graphcmdb.impact.maintenance import MaintenanceRisk, maintenance_risk
from graphcmdb.impact.model import NeedsGraph
from graphcmdb.itsm.conflicts import ChangeWindow, Conflict, find_conflicts
from graphcmdb.itsm.numbering import NumberSeries
from graphcmdb.itsm.states import CHANGE_STATES, RISK_ASSESSED_ON
from graphcmdb.services import audit, nodes, resilience
from graphcmdb.services.actor import Actor
from graphcmdb.services.itsm_common import (
    Numbered,
    check_targets,
    create_numbered,
    shared_upstream,
)
from graphcmdb.services.listing import Listing
from graphcmdb.services.paging import Page, PageRequest
from graphcmdb.services.relations import supported_services

S = ChangeState


@dataclass(frozen=True)
class ConflictReport:
    conflicts: list[Conflict]
    #: the changes named by the conflicts, by id
    changes: dict[str, ChangeRecord]


async def get_changes(db: Database, ids: list[str]) -> dict[str, ChangeRecord]:
    return await nodes.get_many(db, CHANGE_SPEC, ids)


def _check_move(change: ChangeRecord, to: ChangeState) -> None:
    CHANGE_STATES.check(f"Change {change.number}", change.state, to)


CHANGE = Numbered(
    NumberSeries.CHANGE,
    CHANGE_SPEC,
    Q.CHANGE_SET_MODIFIES,
    RelType.MODIFIES,
    "modifies",
    "createChange",
)


async def create_change(db: Database, actor: Actor, data: ChangeCreate) -> ChangeRecord:
    props = data.graph_props() | {"state": S.DRAFT.value}
    props.pop("modifies")
    return await create_numbered(db, actor, CHANGE, props, data.modifies)


async def _assessment(db: Database, change_id: str) -> dict[str, Any]:
    """The risk to store on submission (a change that modifies nothing is LOW)."""
    _, risk = (await live_risks(db, [change_id]))[change_id]
    return {"risk": risk.risk, "riskAssessedAt": datetime.now(UTC)}


async def _assessment_of(db: Database, ci_ids: list[str]) -> dict[str, Any]:
    """The risk to store for a change about to modify ``ci_ids`` (as on submission)."""
    risk = maintenance_risk(await shared_upstream(db, {"change": ci_ids}), ci_ids)
    return {"risk": risk.risk, "riskAssessedAt": datetime.now(UTC)}


async def transition_change(
    db: Database, actor: Actor, change_id: str, to: ChangeState
) -> ChangeRecord:
    """Move a change; submitting it assesses the risk first (outside the write, which
    checks the move again so a concurrent move is not overwritten)."""
    current = (await get_changes(db, [change_id])).get(change_id)
    if current is None:
        raise NotFound("Change", [change_id])
    _check_move(current, to)
    props: dict[str, Any] = {"state": to.value}
    if to is RISK_ASSESSED_ON:
        props |= await _assessment(db, change_id)

    async def work(tx: Tx) -> ChangeRecord:
        _check_move(await nodes.require(tx, CHANGE_SPEC, change_id), to)
        return await nodes.update_in(
            tx, actor, CHANGE_SPEC, change_id, props, operation="transitionChange"
        )

    return await db.write(work)


#: the states in which a change is still edited (after approval it is what was approved)
EDITABLE = frozenset({S.DRAFT, S.SUBMITTED})


def _check_editable(change: ChangeRecord) -> None:
    if change.state not in EDITABLE:
        raise ValidationFailed(
            f"Change {change.number} is {change.state.value}; a change is edited only "
            "while DRAFT or SUBMITTED.",
            field="id",
            state=change.state.value,
        )


def _check_window(change: ChangeRecord, props: dict[str, Any]) -> None:
    start: datetime = props.get("plannedStart") or change.plannedStart
    end: datetime = props.get("plannedEnd") or change.plannedEnd
    if end <= start:
        field = "plannedEnd" if "plannedEnd" in props else "plannedStart"
        raise ValidationFailed(
            f"plannedEnd ({end.isoformat()}) must be after plannedStart ({start.isoformat()}).",
            field=field,
        )


def _modified_ids(rows: list[Row]) -> list[str]:
    return [r["ci"]["id"] for r in rows]


async def update_change(
    db: Database, actor: Actor, change_id: str, data: ChangeUpdate
) -> ChangeRecord:
    """Edit a DRAFT or SUBMITTED change; ``modifies`` replaces the MODIFIES set.

    A SUBMITTED change whose window or CIs move has its risk assessed again (outside the
    write, as on submission; the write checks the state again)."""
    props = data.graph_props()
    props.pop("modifies", None)
    current = (await get_changes(db, [change_id])).get(change_id)
    if current is None:
        raise NotFound("Change", [change_id])
    _check_editable(current)
    _check_window(current, props)
    touches_plan = data.modifies is not None or {"plannedStart", "plannedEnd"} & props.keys()
    reassess = current.state is RISK_ASSESSED_ON and bool(touches_plan)
    if reassess:
        if (targets := data.modifies) is not None:
            # unknown or non-CI targets are refused before any risk is computed for them
            await db.read_tx(lambda tx: check_targets(tx, RelType.MODIFIES, targets, "modifies"))
            props |= await _assessment_of(db, targets)
        else:
            props |= await _assessment(db, change_id)

    async def work(tx: Tx) -> ChangeRecord:
        locked = await nodes.require(tx, CHANGE_SPEC, change_id)
        _check_editable(locked)
        if locked.state is RISK_ASSESSED_ON and not reassess and touches_plan:
            # submitted since the read: its stored risk was assessed without this edit
            raise ValidationFailed(
                f"Change {locked.number} was submitted meanwhile; try again.",
                field="id",
                state=locked.state.value,
            )
        _check_window(locked, props)
        previous = _modified_ids(await tx.run(Q.CHANGE_MODIFIES_BY_IDS, ids=[change_id]))
        if data.modifies is not None:
            await check_targets(tx, RelType.MODIFIES, data.modifies, "modifies")
            await tx.run(Q.CHANGE_SET_MODIFIES, id=change_id, modifies=data.modifies)
        row = await tx.one(nodes.crud(CHANGE_SPEC, Op.UPDATE), id=change_id, props=props)
        assert row is not None
        after_ids = previous if data.modifies is None else data.modifies
        before = dict(row["before"]) | {"modifies": previous}
        after = dict(row["node"]) | {"modifies": after_ids}
        await audit.record(tx, actor, "updateChange", [change_id], before, after)
        return nodes.as_record(CHANGE_SPEC, row["node"])

    return await db.write(work)


# --- reads -----------------------------------------------------------------------------


async def list_changes(
    db: Database, state: ChangeState | None, req: PageRequest
) -> Page[ChangeRecord]:
    return await nodes.list_page(db, CHANGE_SPEC, {"state": state}, req)


async def count_changes(db: Database, state: ChangeState | None) -> int:
    return await nodes.count(db, CHANGE_SPEC, {"state": state})


LISTING = Listing(list_changes, count_changes)


async def modifies(db: Database, ids: list[str]) -> dict[str, list[CIRecord]]:
    """The CIs each change MODIFIES, by name."""
    grouped: dict[str, list[CIRecord]] = {}
    for r in await db.read(Q.CHANGE_MODIFIES_BY_IDS, ids=ids):
        grouped.setdefault(r["id"], []).append(nodes.as_record(CI_SPEC, r["ci"]))
    return grouped


async def caused_incidents(db: Database, ids: list[str]) -> dict[str, list[IncidentRecord]]:
    """The incidents each change (or CI) is the recorded cause of, newest first."""
    grouped: dict[str, list[IncidentRecord]] = {}
    for r in await db.read(Q.INCIDENT_BY_CAUSE_IDS, ids=ids):
        grouped.setdefault(r["id"], []).append(nodes.as_record(INCIDENT_SPEC, r["incident"]))
    return grouped


async def live_risks(db: Database, ids: list[str]) -> dict[str, tuple[NeedsGraph, MaintenanceRisk]]:
    """Each change's maintenance risk on today's graph (one upstream graph for all)."""
    targets = {k: [ci.id for ci in v] for k, v in (await modifies(db, ids)).items()}
    graph = await shared_upstream(db, targets)
    risks = {i: (graph, maintenance_risk(graph, targets.get(i, []))) for i in ids}
    return await resilience.visible_risk(db, risks)  # a scoped caller: what it sees


async def conflicts(db: Database, start: datetime, end: datetime) -> ConflictReport:
    """Pairs of changes (CANCELLED ones left out) whose windows overlap in [start, end)
    and that modify a common CI or CIs of a common service (``itsm/conflicts.py``)."""
    if end <= start:
        raise ValidationFailed("'to' must be after 'from'.", field="to")
    rows = await db.read(
        Q.CHANGE_IN_WINDOW, **{"from": start, "to": end}, excludedStates=[S.CANCELLED.value]
    )
    windows = [
        ChangeWindow(
            id=r["change"]["id"],
            number=r["change"]["number"],
            start=r["change"]["plannedStart"],
            end=r["change"]["plannedEnd"],
            ci_ids=frozenset(r["ciIds"]),
        )
        for r in rows
    ]
    ci_ids = sorted({ci for w in windows for ci in w.ci_ids})
    services = await supported_services(db, ci_ids) if ci_ids else {}
    services_of = {ci: frozenset(s.id for s in found) for ci, found in services.items()}
    return ConflictReport(
        conflicts=find_conflicts(windows, services_of),
        changes={r["change"]["id"]: nodes.as_record(CHANGE_SPEC, r["change"]) for r in rows},
    )
