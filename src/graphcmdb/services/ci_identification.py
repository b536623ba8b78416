"""Every explicit write of CI rows goes through here: identify, plan, then write or not.

``upsertCIs``, ``createCI`` and the CI import call :func:`reconcile_rows`. Per batch, in
one transaction: lock the rows' identity keys, read their candidates, plan each row
(``identity/plan.py``), write the CREATE and UPDATE rows, claim their keys and record
one audit entry (``ci_plan_writes.py``). The reads and writes of a batch go in parts
through a lane (``db/lane.py``), so the database works while Python plans. A preview
runs the same reads and the same planner in a read transaction and writes nothing; its
token, passed back to the write, makes the write refuse a plan that changed in between
(``PLAN_STALE``) instead of applying it blindly.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import AsyncGenerator, Awaitable, Callable, Sequence
from contextlib import aclosing
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property, partial

from graphcmdb import collector
from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.lane import Lane
from graphcmdb.db.queries import Q
from graphcmdb.domain.specs import CI_SPEC
from graphcmdb.errors import BulkValidationFailed, PlanStale
from graphcmdb.identity import reconciliation_keys
from graphcmdb.identity.class_precedence import ClassSource
from graphcmdb.identity.plan import Action, CIPlanner, CIRow, Pin, RowPlan, plan_token
from graphcmdb.services import ci_plan_writes, identity_keys
from graphcmdb.services.actor import Actor
from graphcmdb.services.audit import ImportSource
from graphcmdb.services.discovery_records import identity_candidate

#: ``(done, total)`` after each batch
Progress = Callable[[int, int], None]
DEFAULT_BATCH = 1000


@dataclass(frozen=True)
class CIPlan:
    """The plan of a set of rows: per row, in order, and whether it was written."""

    rows: tuple[RowPlan, ...]
    applied: bool

    @cached_property
    def token(self) -> str:
        """What the plan promises, as a digest (computed when asked: a bulk write that
        nobody asks it of does not pay for it)."""
        return plan_token(self.rows)

    def count(self, action: Action) -> int:
        return sum(1 for r in self.rows if r.action is action)

    @property
    def totals(self) -> dict[Action, int]:
        counted = Counter(r.action for r in self.rows)
        return {a: counted.get(a, 0) for a in Action}

    @property
    def ids(self) -> list[str]:
        """The CI of every row that has one (written, matched or unchanged), in order."""
        return [r.ci.id for r in self.rows if r.ci is not None]


def unwritable(plans: Sequence[RowPlan]) -> list[RowPlan]:
    """The rows a plan cannot write: ambiguous or refused."""
    return [r for r in plans if r.action in (Action.AMBIGUOUS, Action.REFUSED)]


def stale(expected: str, now: str) -> PlanStale:
    return PlanStale(
        "The graph changed since the preview: the plan differs. Preview again.",
        expected=expected,
        now=now,
    )


def _tag_spellings(tags: Sequence[str]) -> list[str]:
    return sorted({s for t in tags for s in (t, t.upper(), t.lower())})


def _items(rows: Sequence[CIRow], offset: int) -> list[dict[str, object]]:
    return [
        {
            "idx": offset + i,
            "keys": list(row.identity.key_texts()),
            "tags": _tag_spellings(row.asset_tags),
            "task": reconciliation_keys.task_key(row),
            "ciClass": row.ci_class.value,
            "name": row.name,
        }
        for i, row in enumerate(rows)
    ]


async def _read(tx: Tx, items: list[dict[str, object]]) -> dict[int, Row]:
    """The candidates of each item (:func:`_items`), by row index."""
    # raw: the answer holds no temporal value to convert (see the query)
    [answer] = await tx.raw(Q.IDENTITY_CANDIDATES, items=items)
    return {r["idx"]: r for r in answer["items"]}


#: rows planned between two looks at the lane: it decodes an answer that came and sends
#: the next statement, so the database is never left waiting for a whole part's planning
YIELD_EVERY = 50


async def _plan_found(
    planner: CIPlanner, rows: Sequence[CIRow], offset: int, found: dict[int, Row]
) -> list[RowPlan]:
    plans = []
    for i, row in enumerate(rows, offset):
        if (i - offset) % YIELD_EVERY == YIELD_EVERY - 1:
            await asyncio.sleep(0)
        hit = found[i]
        candidates = [identity_candidate(c) for c in hit["candidates"]]
        free = [str(a) for a in hit["freeAssets"]]
        pins = [Pin(str(p["resolution"]), p.get("resolvedCiId")) for p in hit["pins"]]
        plans.append(planner.plan(i, row, candidates, _new_id, free, next(iter(pins), None)))
    return plans


#: rows per candidates read (and per write) within a batch: the database reads the next
#: part (or writes the last one) while Python plans this one (``db/lane.py``)
PART = 250


async def _planned_parts(
    tx: Tx, lane: Lane, planner: CIPlanner, rows: Sequence[CIRow], offset: int
) -> AsyncGenerator[tuple[int, Sequence[CIRow], list[RowPlan]]]:
    """Each part of ``rows`` planned, in order: ``(offset of the part, its rows, its
    plans)``. Every part is read before any statement the caller queues after the first
    answer, so all rows of a batch see the graph as it was when it started, as one read
    would (the planner carries what earlier rows planned)."""
    parts = [(offset + start, rows[start : start + PART]) for start in range(0, len(rows), PART)]
    reads = [lane.submit(partial(_read, tx, _items(part, at))) for at, part in parts]
    for (at, part), read in zip(parts, reads, strict=True):
        yield at, part, await _plan_found(planner, part, at, await read)


async def _plan_batch(
    tx: Tx, planner: CIPlanner, rows: Sequence[CIRow], offset: int
) -> list[RowPlan]:
    async with Lane() as lane:
        parts = _planned_parts(tx, lane, planner, rows, offset)
        async with aclosing(parts):
            return [p async for _, _, planned in parts for p in planned]


def _new_id() -> str:
    return str(uuid.uuid4())


async def plan_one(tx: Tx, row: CIRow) -> RowPlan:
    """Lock one row's keys and plan it alone (``createCI`` writes it itself)."""
    await identity_keys.lock(tx, identity_keys.lock_keys([row]))
    planner = CIPlanner(CI_SPEC.identity, source=ClassSource.PERSON)
    [plan] = await _plan_batch(tx, planner, [row], 0)
    return plan


def _batches(rows: Sequence[CIRow], size: int) -> list[tuple[int, Sequence[CIRow]]]:
    return [(start, rows[start : start + size]) for start in range(0, len(rows), size)]


#: plans one batch (and writes it, when applying) inside the batch's transaction
Step = Callable[[Tx, CIPlanner, Sequence[CIRow], int], Awaitable[list[RowPlan]]]


async def _in_batches(
    db: Database,
    rows: Sequence[CIRow],
    size: int,
    step: Step,
    *,
    write: bool,
    progress: Progress | None = None,
) -> list[RowPlan]:
    """``step`` over each batch in its own transaction. Each attempt plans on a fork of
    the planner, so a retried transaction starts from the state the last batch left."""
    planner = CIPlanner(CI_SPEC.identity)
    plans: list[RowPlan] = []
    with collector.bulk(len(rows)):
        for offset, chunk in _batches(rows, size):

            async def work(
                tx: Tx, chunk: Sequence[CIRow] = chunk, offset: int = offset
            ) -> tuple[list[RowPlan], CIPlanner]:
                trial = planner.fork()
                return await step(tx, trial, chunk, offset), trial

            planned, trial = await (db.write(work) if write else db.read_tx(work))
            planner.absorb(trial)
            plans += planned
            if progress is not None:
                progress(len(plans), len(rows))
    return plans


def _keep_promise(plans: Sequence[RowPlan], signatures: dict[int, object]) -> None:
    """Refuse the batch when a row would now be written otherwise than previewed."""
    changed = [p.index for p in plans if signatures and p.signature() != signatures[p.index]]
    if changed:
        raise PlanStale(
            f"The graph changed while writing: row {changed[0] + 1} would now be "
            "written differently than previewed. Nothing of this batch was written.",
            rows=[i + 1 for i in changed[:100]],
        )


async def preview(db: Database, rows: Sequence[CIRow], batch: int = DEFAULT_BATCH) -> CIPlan:
    """The plan, written nowhere: the same reads and planner as :func:`reconcile_rows`."""
    plans = await _in_batches(db, rows, batch, _plan_batch, write=False)
    return CIPlan(tuple(plans), applied=False)


async def reconcile_rows(
    db: Database,
    actor: Actor,
    rows: Sequence[CIRow],
    *,
    operation: str,
    promised: CIPlan | None = None,
    batch: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    all_or_nothing: bool = False,
    origin: ImportSource | None = None,
) -> CIPlan:
    """Identify and write ``rows``; ambiguous and refused rows are not written.

    ``promised``: a preview of the same rows; a batch whose rows would now be written
    differently is refused (``PLAN_STALE``, nothing of that batch written).
    ``all_or_nothing``: an ambiguous or refused row refuses its batch instead
    (``BULK_VALIDATION_FAILED`` naming every such row). ``origin``: the import the rows
    come from, which each batch's audit entry names.
    """
    signatures = {r.index: r.signature() for r in promised.rows} if promised else {}
    warming: list[asyncio.Task[None]] = []

    async def step(
        tx: Tx, planner: CIPlanner, chunk: Sequence[CIRow], offset: int
    ) -> list[RowPlan]:
        planned: list[RowPlan] = []
        now = datetime.now(UTC)  # one time for the whole batch, whichever part writes
        async with Lane() as lane:
            # the lock first, in the lane: the reads' items are built while it runs
            writes = [lane.submit(partial(identity_keys.lock, tx, identity_keys.lock_keys(chunk)))]
            parts = _planned_parts(tx, lane, planner, chunk, offset)
            async with aclosing(parts):
                async for at, part, plans in parts:
                    _keep_promise(plans, signatures)
                    planned += plans
                    write = ci_plan_writes.PartWrite.of(operation, plans, part, at, now=now)
                    if write is not None:
                        writes.append(lane.submit(partial(write.send, tx)))
            refused = unwritable(planned)
            if all_or_nothing and refused:
                for written in writes:  # a failed write is the answer, as it comes first
                    await written
                raise BulkValidationFailed([r.problem() for r in refused[:100]])
            # the entry is made while the last part is written, and the next batch's rows
            # normalised while this one's entry, versions and commit are written
            after = ci_plan_writes.BatchRecord.of(actor, operation, planned, chunk, offset, origin)
            writes.append(lane.submit(partial(after.send, tx)))
            start = offset + len(chunk)
            warming.append(asyncio.create_task(_warm(rows[start : start + batch])))
            for written in writes:
                await written
        return planned

    try:
        plans = await _in_batches(db, rows, batch, step, write=True, progress=progress)
    finally:
        for task in warming:
            task.cancel()
    return CIPlan(tuple(plans), applied=True)


#: rows normalised between two looks at the event loop by :func:`_warm`
WARM_EVERY = 25


async def _warm(rows: Sequence[CIRow]) -> None:
    """Normalise ``rows`` (their identities and keys, cached on each row) a few at a
    time, whenever the event loop is free: Python work of the next batch done while the
    database finishes this one. Nothing depends on it having run."""
    for i, row in enumerate(rows):
        try:
            row.identity.key_texts()
        except Exception:  # the batch's own planning meets it and says so
            return
        if i % WARM_EVERY == WARM_EVERY - 1:
            await asyncio.sleep(0)


async def identify_refs(tx: Tx, rows: Sequence[CIRow]) -> list[RowPlan]:
    """Rows that only name CIs (a relationship's ends, an incident's targets) identified
    by the same reads and planner as a write, in ``tx``; nothing is written. A row
    planned ``CREATE`` names no CI; ``UPDATE`` or ``UNCHANGED`` carry the CI it names."""
    planner = CIPlanner(CI_SPEC.identity)
    return await _plan_batch(tx, planner, rows, 0)
