"""Every explicit write of CI rows goes through here: identify, plan, then write or not.

``upsertCIs``, ``createCI`` and the CI import call :func:`reconcile_rows`. Per batch, in
one transaction: lock the rows' identity keys, read their candidates, plan each row
(``identity/plan.py``), write the CREATE and UPDATE rows, claim their keys and record
one audit entry. A preview runs the same reads and the same planner in a read
transaction and writes nothing; its token, passed back to the write, makes the write
refuse a plan that changed in between (``PLAN_STALE``) instead of applying it blindly.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.specs import CI_SPEC
from graphcmdb.errors import BulkValidationFailed, PlanStale
from graphcmdb.graph.enums import CIClass
from graphcmdb.identity import reconciliation_keys
from graphcmdb.identity.class_precedence import CLASS_SOURCE, ClassSource, overridable
from graphcmdb.identity.keys import IDENTITY_FIELDS
from graphcmdb.identity.plan import ACCUMULATING, Action, CIPlanner, CIRow, Pin, RowPlan, plan_token
from graphcmdb.services import address_facts, audit, identity_keys
from graphcmdb.services.actor import Actor
from graphcmdb.services.audit import ImportSource, import_note
from graphcmdb.services.discovery_records import candidate

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


def lock_keys(rows: Sequence[CIRow]) -> set[str]:
    """What a writer of ``rows`` locks: their identity keys, and the (class, name) of a
    row whose name gives no key (an address, "switch"), so that it is written alone."""
    keys = {k for r in rows for k in r.identity.key_texts()}
    named = {f"CINAME:{r.ci_class.value}:{r.name}" for r in rows if not _named_by_key(r)}
    return keys | named


def _named_by_key(row: CIRow) -> bool:
    """Whether the row's name is one of its keys already (a host name, a logical name)."""
    return any(k.startswith(("HOST:", "NAME:")) for k in row.identity.key_texts())


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


async def _plan_batch(
    tx: Tx, planner: CIPlanner, rows: Sequence[CIRow], offset: int
) -> list[RowPlan]:
    # raw: the answer holds no temporal value to convert (see the query)
    [answer] = await tx.raw(Q.IDENTITY_CANDIDATES, items=_items(rows, offset))
    found = {r["idx"]: r for r in answer["items"]}
    plans = []
    for i, row in enumerate(rows):
        hit = found[offset + i]
        candidates = [candidate(c) for c in hit["candidates"]]
        free = [str(a) for a in hit["freeAssets"]]
        pins = [Pin(str(p["resolution"]), p.get("resolvedCiId")) for p in hit["pins"]]
        plans.append(
            planner.plan(offset + i, row, candidates, _new_id, free, next(iter(pins), None))
        )
    return plans


def _new_id() -> str:
    return str(uuid.uuid4())


async def plan_one(tx: Tx, row: CIRow) -> RowPlan:
    """Lock one row's keys and plan it alone (``createCI`` writes it itself)."""
    await identity_keys.lock(tx, lock_keys([row]))
    planner = CIPlanner(CI_SPEC.identity, source=ClassSource.PERSON)
    [plan] = await _plan_batch(tx, planner, [row], 0)
    return plan


#: fields an update does not set from the plan: the addresses are added, the class is
#: corrected under the CI's lock (``identity/write_cis``)
UNSET = ACCUMULATING | {"ciClass", CLASS_SOURCE}


def _reclass(plan: RowPlan, source: ClassSource) -> dict[str, object] | None:
    change = next((c for c in plan.changes if c.field == "ciClass"), None)
    if change is None:
        return None
    return {
        "from": change.before,
        "to": change.after,
        "source": source.value,
        "overridable": overridable(source),
    }


#: the accumulating fields, and the parameter of ``identity/write_cis`` adding to each
ADDITIONS = {"ipAddresses": "addIps", "macAddresses": "addMacs"}
NO_ADDITIONS: dict[str, object] = dict.fromkeys(ADDITIONS.values()) | {"taken": []}


def _write_row(plan: RowPlan, row: CIRow, source: ClassSource) -> dict[str, Any]:
    """What ``identity/write_cis`` writes of one row: the CI (an update's addresses as
    additions, made under the CI's lock; ``taken``: the fields taken from discovery),
    the keys it claims when its identifiers changed, and the addresses the row states
    (address facts)."""
    assert plan.ci is not None  # a CREATE or UPDATE names its CI
    changed = {c.field for c in plan.changes}
    creates = plan.action is Action.CREATE
    written = {
        "id": plan.ci.id,
        "reclass": None if creates else _reclass(plan, source),
        "claim": list(plan.keys) if creates or IDENTITY_FIELDS & changed else None,
        "facts": address_facts.address_keys(row.identity)
        if creates or ACCUMULATING & changed
        else [],
    }
    if creates:
        assert plan.after is not None  # a CREATE says what it writes
        create = {k: v for k, v in plan.after.items() if k not in row.props}
        return {**written, "create": create, "props": dict(row.props), **NO_ADDITIONS}
    props = {c.field: c.after for c in plan.changes if c.field not in UNSET}
    added = {
        key: row.props[field] if field in changed else None for field, key in ADDITIONS.items()
    }
    return {**written, "create": None, "props": props, **added, "taken": sorted(changed)}


def _plain_update(written: dict[str, Any]) -> bool:
    """Whether a row of ``identity/write_cis`` only sets plain fields of an existing CI
    (``identity/update_cis`` writes those)."""
    return (
        written["create"] is None
        and written["reclass"] is None
        and written["claim"] is None
        and not written["facts"]
        and all(written[key] is None for key in ADDITIONS.values())
    )


def _lean(written: dict[str, Any]) -> dict[str, Any]:
    return {"id": written["id"], "props": written["props"], "taken": written["taken"]}


def _fact_source(operation: str) -> str:
    """Who states the addresses a row gives: an import or the API (discovery, which sees
    them, confirms them on every run through its own writer)."""
    return "import" if operation.startswith("import") else "api"


async def write_planned(
    tx: Tx,
    actor: Actor,
    operation: str,
    plans: list[RowPlan],
    rows: Sequence[CIRow],
    offset: int = 0,
    source: ClassSource = ClassSource.IMPORT,
    origin: ImportSource | None = None,
) -> None:
    """Write the CREATE and UPDATE rows of ``plans`` (``rows[i - offset]`` is row ``i``),
    claim their keys, audit them; drop the keys nobody claimed. ``source``: whose class
    corrections these are; ``origin``: the import the rows come from."""
    writing = [p for p in plans if p.writes]
    if writing:
        payload = [_write_row(p, rows[p.index - offset], source) for p in writing]
        # a CI another row of the batch creates or changes more of is written in order,
        # with that row, by the full statement
        full_ids = {w["id"] for w in payload if not _plain_update(w)}
        lean = [_lean(w) for w in payload if w["id"] not in full_ids]
        full = [w for w in payload if w["id"] in full_ids]
        now = datetime.now(UTC)
        done = await tx.raw(Q.IDENTITY_UPDATE_CIS, rows=lean, now=now) if lean else []
        if full:
            done += await tx.raw(
                Q.IDENTITY_WRITE_CIS,
                rows=full,
                now=now,
                source=_fact_source(operation),
                classes=[c.value for c in CIClass],
            )
        if len(done) != len(payload):
            gone = sorted({str(r["id"]) for r in payload} - {str(d["id"]) for d in done})
            raise PlanStale(
                "A CI this write updates was deleted or merged meanwhile; nothing of this "
                "batch was written. Run it again.",
                ciIds=gone[:100],
            )
        for p in writing:
            if p.track_asset is not None and p.ci is not None:
                await tx.run(Q.ASSET_TRACK, assetId=p.track_asset, ciId=p.ci.id)
        await audit.record(
            tx,
            actor,
            operation,
            [str(r["id"]) for r in payload],
            _before(writing),
            _after(writing, rows, offset, plans) | import_note(origin),
        )
    # keys of written rows are claimed now; only the others' may have been left bare
    written = {p.index for p in writing}
    await identity_keys.drop_unclaimed(
        tx, lock_keys([r for i, r in enumerate(rows, offset) if i not in written])
    )


def _before(plans: list[RowPlan]) -> dict[str, Any] | None:
    updated = {
        p.ci.id: {c.field: c.before for c in p.changes}
        for p in plans
        if p.action is Action.UPDATE and p.ci is not None
    }
    return {"rows": updated} if updated else None


def _after(
    plans: list[RowPlan], rows: Sequence[CIRow], offset: int, batch: list[RowPlan]
) -> dict[str, Any]:
    return {
        "created": sum(1 for p in plans if p.action is Action.CREATE),
        "updated": sum(1 for p in plans if p.action is Action.UPDATE),
        "unchanged": sum(1 for p in batch if p.action is Action.UNCHANGED),
        "rows": [
            {
                "id": p.ci.id if p.ci else None,
                "ciClass": rows[p.index - offset].ci_class.value,
                "name": rows[p.index - offset].name,
                "action": p.action.value,
                "rule": p.rule,
                "changed": {c.field: c.after for c in p.changes},
            }
            for p in plans
        ],
    }


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

    async def step(
        tx: Tx, planner: CIPlanner, chunk: Sequence[CIRow], offset: int
    ) -> list[RowPlan]:
        await identity_keys.lock(tx, lock_keys(chunk))
        planned = await _plan_batch(tx, planner, chunk, offset)
        changed = [p.index for p in planned if signatures and p.signature() != signatures[p.index]]
        if changed:
            raise PlanStale(
                f"The graph changed while writing: row {changed[0] + 1} would now be "
                "written differently than previewed. Nothing of this batch was written.",
                rows=[i + 1 for i in changed[:100]],
            )
        refused = unwritable(planned)
        if all_or_nothing and refused:
            raise BulkValidationFailed([r.problem() for r in refused[:100]])
        await write_planned(tx, actor, operation, planned, chunk, offset, origin=origin)
        return planned

    plans = await _in_batches(db, rows, batch, step, write=True, progress=progress)
    return CIPlan(tuple(plans), applied=True)
