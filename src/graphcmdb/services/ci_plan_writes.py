"""How a plan is written: its CREATE and UPDATE rows split between three statements
(plain updates, single creates, the rest), the asset links it makes, the address facts of
matched rows that restate addresses the CI has (an ``UNCHANGED`` row too: its source's
facts are recorded or confirmed, nothing else is touched), and one audit entry per batch.
``ci_identification.py`` decides what to write; this writes it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graphcmdb.db.database import Tx
from graphcmdb.db.queries import Q, QueryName
from graphcmdb.errors import PlanStale
from graphcmdb.graph.enums import CIClass
from graphcmdb.identity.class_precedence import CLASS_SOURCE, ClassSource, overridable
from graphcmdb.identity.keys import IDENTITY_FIELDS, Identity
from graphcmdb.identity.plan import ACCUMULATING, Action, CIRow, RowPlan
from graphcmdb.identity.replacement import Replaced
from graphcmdb.services import address_facts, audit, ci_replacement, identity_keys
from graphcmdb.services.actor import Actor
from graphcmdb.services.audit import ImportSource, import_note

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


def _new(written: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": written["id"],
        "create": written["create"],
        "props": written["props"],
        "claim": sorted(set(written["claim"])),
        "facts": sorted(set(written["facts"])),
    }


@dataclass(frozen=True)
class Statements:
    """A batch's rows split between the write statements: plain updates
    (``identity/update_cis``), creates (``identity/create_cis``) and the rest
    (``identity/write_cis``). A CI that another row of the batch also writes goes, with
    that row, in order, through the full statement unless every such row only sets
    plain fields."""

    updates: list[dict[str, Any]]
    creates: list[dict[str, Any]]
    full: list[dict[str, Any]]

    @classmethod
    def of(cls, payload: Sequence[dict[str, Any]]) -> Statements:
        rows_per_ci = Counter(w["id"] for w in payload)
        full_ids = {
            w["id"]
            for w in payload
            if not _plain_update(w) and (rows_per_ci[w["id"]] > 1 or w["create"] is None)
        }
        plain = [w for w in payload if w["id"] not in full_ids]
        return cls(
            updates=[_lean(w) for w in plain if w["create"] is None],
            creates=[_new(w) for w in plain if w["create"] is not None],
            full=[w for w in payload if w["id"] in full_ids],
        )


def _fact_source(operation: str) -> str:
    """Who states the addresses a row gives: an import or the API (discovery, which sees
    them, confirms them on every run through its own writer)."""
    return "import" if operation.startswith("import") else "api"


def _restated(plan: RowPlan, row: CIRow) -> tuple[str, Identity] | None:
    """A matched row whose write records no address fact (``UNCHANGED``, or an update of
    other fields) but that states addresses: ``(CI id, the row's identity)``, so that its
    source's facts of them are recorded or confirmed (``lastSeen``) all the same. The CI
    already has those addresses (the plan would add them otherwise)."""
    if plan.ci is None or plan.action not in (Action.UPDATE, Action.UNCHANGED):
        return None
    if plan.action is Action.UPDATE and ACCUMULATING & {c.field for c in plan.changes}:
        return None  # the write records them (``facts`` of ``identity/write_cis``)
    return (plan.ci.id, row.identity) if address_facts.address_keys(row.identity) else None


async def _written(tx: Tx, query: QueryName, **params: Any) -> list[str]:
    """The ids a CI write statement wrote (one answer row for the whole statement)."""
    [answer] = await tx.raw(query, **params)
    return [str(i) for i in answer["ids"]]


@dataclass(frozen=True)
class PartWrite:
    """What the write of some planned rows sends: built from the plans (Python work, done
    while the database is busy with the statements before it), then sent (:meth:`send`)."""

    statements: Statements
    ids: frozenset[str]
    tracked: tuple[tuple[str, str], ...]  # (asset id, CI id): links a new CI makes
    stated_by: str
    #: the write's time, one per batch: every CI and address fact of a batch has it
    now: datetime
    #: live CIs whose role a new CI of this write takes over: they step out first
    replacing: tuple[Replaced, ...] = ()
    #: matched rows that restate addresses the CI has: their facts are confirmed
    restated: tuple[tuple[str, Identity], ...] = ()

    @classmethod
    def of(
        cls,
        operation: str,
        plans: Sequence[RowPlan],
        rows: Sequence[CIRow],
        offset: int = 0,
        source: ClassSource = ClassSource.IMPORT,
        now: datetime | None = None,
        stated_by: str | None = None,
    ) -> PartWrite | None:
        """The write of the CREATE and UPDATE rows of ``plans`` (``rows[i - offset]`` is
        row ``i``), if any; ``source``: whose class corrections these are; ``now``: the
        batch's time (the moment it is built when not given); ``stated_by``: the source
        of the rows' address facts (by default the operation's: import or api)."""
        writing = [p for p in plans if p.writes]
        restated = tuple(
            found for p in plans if (found := _restated(p, rows[p.index - offset])) is not None
        )
        if not writing and not restated:
            return None
        payload = [_write_row(p, rows[p.index - offset], source) for p in writing]
        return cls(
            statements=Statements.of(payload),
            ids=frozenset(str(w["id"]) for w in payload),
            tracked=tuple(
                (p.track_asset, p.ci.id)
                for p in writing
                if p.track_asset is not None and p.ci is not None
            ),
            stated_by=stated_by or _fact_source(operation),
            now=now or datetime.now(UTC),
            replacing=tuple(p.replaces for p in writing if p.replaces is not None),
            restated=restated,
        )

    async def send(self, tx: Tx) -> None:
        """Write it. A CI an update names that is gone refuses the batch (``PLAN_STALE``)."""
        split, now = self.statements, self.now
        for old in self.replacing:  # the new CI takes the name: the old one steps out
            await ci_replacement.retire(tx, old, now)
        done: list[str] = []
        if split.updates:
            done += await _written(tx, Q.IDENTITY_UPDATE_CIS, rows=split.updates, now=now)
        if split.creates:
            done += await _written(
                tx, Q.IDENTITY_CREATE_CIS, rows=split.creates, now=now, source=self.stated_by
            )
        if split.full:
            done += await _written(
                tx,
                Q.IDENTITY_WRITE_CIS,
                rows=split.full,
                now=now,
                source=self.stated_by,
                classes=[c.value for c in CIClass],
            )
        if len(done) != len(split.updates) + len(split.creates) + len(split.full):
            gone = sorted(self.ids - set(done))
            raise PlanStale(
                "A CI this write updates was deleted or merged meanwhile; nothing of this "
                "batch was written. Run it again.",
                ciIds=gone[:100],
            )
        for asset_id, ci_id in self.tracked:
            await tx.run(Q.ASSET_TRACK, assetId=asset_id, ciId=ci_id)
        # after the CIs: a restating row may name one an earlier row of the batch created
        sightings = [(ci_id, identity, now) for ci_id, identity in self.restated]
        await address_facts.record(tx, self.stated_by, sightings)


@dataclass(frozen=True)
class BatchRecord:
    """What follows the :class:`PartWrite` of a batch: its audit entry, the swaps' hand
    over and the keys the lock created that nobody claimed, dropped. Built (its JSON
    made) while the database still runs the batch's writes, then sent (:meth:`send`)."""

    actor: Actor
    entry: audit.Entry | None
    #: (the CI replaced, the new CI taking its role)
    swaps: tuple[tuple[Replaced, str], ...]
    stated_by: str
    unclaimed: frozenset[str]

    @classmethod
    def of(
        cls,
        actor: Actor,
        operation: str,
        plans: Sequence[RowPlan],
        rows: Sequence[CIRow],
        offset: int = 0,
        origin: ImportSource | None = None,
    ) -> BatchRecord:
        """``origin``: the import the rows come from."""
        writing = [p for p in plans if p.writes]
        entry = None
        if writing:
            entry = audit.Entry.of(
                actor,
                operation,
                [p.ci.id for p in writing if p.ci is not None],
                _before(writing),
                _after(writing, rows, offset, plans) | import_note(origin),
                # no relationship between entities changes at a CI the batch updates
                # (keys and address facts are not entities), so its version skips that
                # walk; a CI it creates has no version yet and is captured in full, with
                # the asset link it makes (``db/history.capture``)
                relationships=False,
            )
        # keys of written rows are claimed now; only the others' may have been left bare
        written = {p.index for p in writing}
        bare = [r for i, r in enumerate(rows, offset) if i not in written]
        return cls(
            actor=actor,
            entry=entry,
            swaps=tuple(
                (p.replaces, p.ci.id)
                for p in writing
                if p.replaces is not None and p.ci is not None
            ),
            stated_by=_fact_source(operation),
            unclaimed=frozenset(identity_keys.lock_keys(bare)),
        )

    async def send(self, tx: Tx) -> None:
        if self.entry is not None:
            await self.entry.write(tx)
        for old, new_id in self.swaps:  # a swap: the role moves to the new hardware
            await ci_replacement.hand_over(
                tx, self.actor, old, new_id, self.stated_by, self.actor.request_id
            )
        await identity_keys.drop_unclaimed(tx, self.unclaimed)


async def record(
    tx: Tx,
    actor: Actor,
    operation: str,
    plans: Sequence[RowPlan],
    rows: Sequence[CIRow],
    offset: int = 0,
    origin: ImportSource | None = None,
) -> None:
    """After the :class:`PartWrite` of a batch: its :class:`BatchRecord`, built and sent."""
    await BatchRecord.of(actor, operation, plans, rows, offset, origin).send(tx)


async def write_planned(
    tx: Tx,
    actor: Actor,
    operation: str,
    plans: list[RowPlan],
    rows: Sequence[CIRow],
    offset: int = 0,
    source: ClassSource = ClassSource.IMPORT,
    origin: ImportSource | None = None,
    stated_by: str | None = None,
) -> None:
    """:class:`PartWrite` of ``plans`` sent, then :func:`record`."""
    write = PartWrite.of(operation, plans, rows, offset, source, stated_by=stated_by)
    if write is not None:
        await write.send(tx)
    await record(tx, actor, operation, plans, rows, offset, origin)


def _before(plans: list[RowPlan]) -> dict[str, Any] | None:
    updated = {
        p.ci.id: {c.field: c.before for c in p.changes}
        for p in plans
        if p.action is Action.UPDATE and p.ci is not None
    }
    return {"rows": updated} if updated else None


def _after(
    plans: list[RowPlan], rows: Sequence[CIRow], offset: int, batch: Sequence[RowPlan]
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
