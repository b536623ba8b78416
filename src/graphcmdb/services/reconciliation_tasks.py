"""Reconciliation tasks: what identification could not place, and what a person decided.

A row or device that several CIs could be is never guessed: it opens one task per
subject (its identity keys make the task's ``key``, so seeing it again counts an
occurrence instead of opening another). Resolving it records the decision as a pin
that identification then follows for the same subject: MERGE_INTO writes the subject
onto the chosen candidate now and sends it there from then on; CREATE_NEW creates the
CI now; IGNORE leaves the subject out. Tasks are never reopened or deleted.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.records import CIRecord
from graphcmdb.domain.specs import CI_SPEC, RECONCILIATION_TASK_SPEC
from graphcmdb.domain.system_records import ReconciliationTaskRecord
from graphcmdb.errors import ValidationFailed
from graphcmdb.graph.enums import CIClass, TaskResolution, TaskState
from graphcmdb.identity.candidates import CandidateCI, DiscoveredProps
from graphcmdb.identity.class_precedence import CLASS_SOURCE, ClassSource
from graphcmdb.identity.plan import Action, CIPlanner, CIRow, Pin, RowPlan
from graphcmdb.identity.reconciliation_keys import task_key
from graphcmdb.services import audit, ci_plan_writes, nodes
from graphcmdb.services.actor import Actor
from graphcmdb.services.ci_identification import CIPlan
from graphcmdb.services.paging import Page, PageRequest

SPEC = RECONCILIATION_TASK_SPEC


def _subject(row: CIRow) -> str:
    return json.dumps(
        {
            "ciClass": row.ci_class.value,
            "name": row.name,
            "props": dict(row.props),
            "assetTags": list(row.asset_tags),
        },
        sort_keys=True,
        default=str,
    )


def _row_of(subject: object) -> CIRow:
    if not isinstance(subject, dict):
        raise ValidationFailed("The task keeps no subject to write.", field="subject")
    props = subject.get("props")
    return CIRow(
        ci_class=CIClass(str(subject["ciClass"])),
        name=str(subject["name"]),
        props=dict(props) if isinstance(props, dict) else {},
        asset_tags=tuple(str(t) for t in subject.get("assetTags") or ()),
    )


async def open_tasks(
    tx: Tx, actor: Actor, source: str, ambiguous: Sequence[tuple[CIRow, RowPlan]]
) -> list[str]:
    """Open (or count again) one task per ambiguous subject; returns the task ids."""
    if not ambiguous:
        return []
    now = datetime.now(UTC)
    tasks = [
        {
            "key": task_key(row),
            "id": str(uuid.uuid4()),
            "name": f"{row.ci_class.value} '{row.name}': which CI?",
            "source": source,
            "reason": plan.reason or "",
            "candidateIds": [c.id for c in plan.candidates],
            "subject": _subject(row),
        }
        for row, plan in ambiguous
    ]
    done = await tx.run(Q.RECONCILIATION_TASK_OPEN, tasks=tasks, now=now)
    opened = [str(d["id"]) for d in done if d["opened"]]
    if opened:
        after = {"source": source, "tasks": [t["name"] for t in tasks]}
        await audit.record(tx, actor, "openReconciliationTasks", opened, None, after)
    return [str(d["id"]) for d in done]


async def open_for(
    db: Database, actor: Actor, source: str, rows: Sequence[CIRow], plan: CIPlan
) -> list[str]:
    """Open the tasks of a written plan's ambiguous rows (``rows[i]`` is row ``i``)."""
    ambiguous = [(rows[r.index], r) for r in plan.rows if r.action is Action.AMBIGUOUS]
    if not ambiguous:
        return []

    async def work(tx: Tx) -> list[str]:
        return await open_tasks(tx, actor, source, ambiguous)

    return await db.write(work)


async def pin_of(tx: Tx, row: CIRow) -> Pin | None:
    """A person's decision about this subject, if a resolved task has one."""
    rows = await tx.run(Q.RECONCILIATION_TASK_PINS, keys=[task_key(row)])
    return Pin(str(rows[0]["resolution"]), rows[0]["ciId"]) if rows else None


async def list_tasks(
    db: Database, state: TaskState | None, req: PageRequest
) -> Page[ReconciliationTaskRecord]:
    return await nodes.list_page(db, SPEC, {"state": state.value if state else None}, req)


async def count_tasks(db: Database, state: TaskState | None) -> int:
    return await nodes.count(db, SPEC, {"state": state.value if state else None})


def _candidate(ci: CIRecord) -> CandidateCI:
    stored = DiscoveredProps(ci.model_dump(by_alias=True, exclude={"labels"}))
    return CandidateCI(ci.id, ci.ciClass.value, ci.name, ci.createdAt, stored)


async def _merge_into(tx: Tx, actor: Actor, row: CIRow, ci: CIRecord, source: str) -> None:
    """Write the subject onto the chosen CI, as identification would have; its addresses
    are facts of the source that met it (``source``: a scan's age, an import's do not)."""
    plan = CIPlanner(CI_SPEC.identity).plan(0, row, [_candidate(ci)], lambda: "")
    if plan.action in (Action.UPDATE, Action.UNCHANGED):
        operation = "resolveReconciliationTask"
        await ci_plan_writes.write_planned(tx, actor, operation, [plan], [row], stated_by=source)
    else:
        raise ValidationFailed(
            f"'{ci.name}' cannot be this subject: no identifier of the subject matches it "
            "(a serial differs?).",
            field="ciId",
        )


async def resolve(
    db: Database,
    actor: Actor,
    task_id: str,
    resolution: TaskResolution,
    ci_id: str | None = None,
) -> ReconciliationTaskRecord:
    """Close an open task with a person's decision (see the module docstring)."""

    async def work(tx: Tx) -> ReconciliationTaskRecord:
        task = await nodes.require(tx, SPEC, task_id)
        if task.state is TaskState.RESOLVED:
            raise ValidationFailed("The task is resolved already.", field="id", id=task_id)
        row = _row_of(task.subject)
        chosen: str | None = None
        if resolution is TaskResolution.MERGE_INTO:
            if ci_id not in task.candidateIds:
                raise ValidationFailed(
                    "Merge into one of the task's candidates.",
                    field="ciId",
                    candidates=task.candidateIds,
                )
            assert ci_id is not None  # one of the candidate ids
            chosen_ci = await nodes.require(tx, CI_SPEC, ci_id)
            await _merge_into(tx, actor, row, chosen_ci, task.source)
            chosen = ci_id
        elif resolution is TaskResolution.CREATE_NEW:
            by = ClassSource.DISCOVERY if task.source == "snmp" else ClassSource.IMPORT
            props = {**row.props, "ciClass": row.ci_class.value, "name": row.name}
            props[CLASS_SOURCE] = by.value
            created = await nodes.create_in(tx, actor, CI_SPEC, props)
            chosen = created.id
        now = datetime.now(UTC)
        done = await tx.one(
            Q.RECONCILIATION_TASK_RESOLVE,
            id=task_id,
            resolution=resolution.value,
            ciId=chosen,
            actor=actor.label,
            now=now,
        )
        assert done is not None  # the task was open inside this transaction
        after = {"resolution": resolution.value, "ciId": chosen}
        await audit.record(tx, actor, "resolveReconciliationTask", [task_id], done["before"], after)
        return nodes.as_record(SPEC, done["node"])

    return await db.write(work)
