"""Write observations into the graph: devices in batches of transactions, then the run's
batches of sightings and links.

Each device is identified, planned and written inside a managed transaction
(``discovery/candidates`` → ``discovery/reconcile.py`` → CI, installations, asset link,
audit entry); ``discovery_write_batch`` devices share one (each decided on the graph as
the devices before it left it, as with a transaction each, in fewer commits). A run that
dies leaves every device either fully written or untouched, and running it again
completes it. A batch that fails is rolled back whole and written again one device per
transaction, so an ambiguous or refused device fails alone. The decision is taken inside
the transaction, on what the graph holds at that moment, so a retried transaction
decides afresh.

After the devices: one transaction moves ``lastSeen`` of the devices seen unchanged
(one audit entry), one more writes the LLDP links (one audit entry, ``discovery_lldp``).
Both are idempotent, so an interrupted run loses nothing a re-run does not restore.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graphcmdb.db import identity_claims
from graphcmdb.db.database import Database, Rehearsal, Tx
from graphcmdb.db.queries import Q
from graphcmdb.discovery.installations import as_utc
from graphcmdb.discovery.observation import Observation
from graphcmdb.discovery.reconcile import (
    DevicePlan,
    Outcome,
    name_choices,
    observed_identity,
    observed_row,
    plan_new,
    plan_update,
)
from graphcmdb.discovery.runs import (
    AMBIGUOUS,
    RECONCILE_FAILED,
    SOURCE_SNMP,
    UNREACHABLE_KINDS,
    ProgressFn,
    RunCounts,
    RunError,
)
from graphcmdb.domain.specs import CI_SPEC
from graphcmdb.errors import AmbiguousIdentity, CmdbError, DatabaseUnavailable
from graphcmdb.graph.cypher_gen import Op
from graphcmdb.identity.class_precedence import ClassSource
from graphcmdb.identity.match import Ambiguous, Matched, identify
from graphcmdb.identity.plan import ACCUMULATING, IGNORE, Action, CIRef, RowPlan
from graphcmdb.identity.replacement import Replaced, replaced
from graphcmdb.services import (
    address_ageing,
    address_facts,
    audit,
    ci_reclassification,
    ci_replacement,
    identity_keys,
    nodes,
    reconciliation_tasks,
    staleness,
)
from graphcmdb.services.actor import Actor
from graphcmdb.services.discovery_lldp import link_neighbours
from graphcmdb.services.discovery_records import device_state


@dataclass(frozen=True)
class DeviceResult:
    outcome: Outcome
    ci_id: str
    seen_at: datetime | None


async def _write_plan(
    tx: Tx, actor: Actor, plan: DevicePlan, obs: Observation, source: str
) -> list[str]:
    """The device's writes; returns the names of software products it created."""
    now = datetime.now(UTC)
    if plan.create:
        props = plan.props | {"ciClass": obs.ci_class.value}
        await tx.run(nodes.crud(CI_SPEC, Op.CREATE), id=plan.ci_id, props=props)
    elif plan.props:
        rest = {k: v for k, v in plan.props.items() if k not in ACCUMULATING}
        await tx.run(nodes.crud(CI_SPEC, Op.UPDATE), id=plan.ci_id, props=rest)
        if ACCUMULATING & plan.props.keys():  # added under the CI's lock, not set
            ips, macs = plan.props.get("ipAddresses"), plan.props.get("macAddresses")
            await tx.run(Q.IDENTITY_ADD_ADDRESSES, id=plan.ci_id, ips=ips, macs=macs, now=now)
    if plan.reclass is not None:  # kept as it is when another CI of the class has its name
        await ci_reclassification.reclassify(
            tx, actor, plan.ci_id, plan.reclass, ClassSource.DISCOVERY
        )
    created: list[str] = []
    if plan.software:
        products = {i.product_key: i.product for i in plan.software.upserts}
        if products:
            merged = await tx.run(Q.PRODUCT_MERGE_BATCH, products=list(products.values()), now=now)
            created = [str(p["name"]) for p in merged if p["created"]]
        await tx.run(
            Q.DISCOVERY_SYNC_INSTALLS,
            ciId=plan.ci_id,
            source=source,
            removals=plan.software.removals,
            rows=[i.row() for i in plan.software.upserts],
            now=now,
        )
    if plan.asset_id is not None:
        await tx.run(Q.ASSET_TRACK, assetId=plan.asset_id, ciId=plan.ci_id)
    if plan.create or plan.props:
        await identity_claims.claim_ids(tx, [plan.ci_id])
    return created


def _audit_after(
    plan: DevicePlan, obs: Observation, run_id: str, products: list[str]
) -> dict[str, Any]:
    return {
        "runId": run_id,
        "target": obs.target,
        "rule": plan.rule,
        "props": plan.props,
        "installed": [i.row() for i in plan.software.upserts],
        "uninstalled": plan.software.removals,
        "productsCreated": products,
        "trackedBy": plan.asset_id,
    }


async def write_device(
    db: Database,
    actor: Actor,
    obs: Observation,
    run_id: str,
    source: str = SOURCE_SNMP,
    written: Collection[str] = (),
) -> DeviceResult:
    """Identify one observed device and write it, all in one transaction.

    ``written``: CIs this run wrote already. A second target that turns out to be one of
    them (a router answering on two of its addresses, two agents on one host) is the same
    device seen again: the first observation's values stand, so that two observations
    cannot overwrite each other on every run.
    """
    [result] = await write_devices(db, actor, [obs], run_id, source, written)
    return result


async def write_devices(
    db: Database,
    actor: Actor,
    batch: Sequence[Observation],
    run_id: str,
    source: str = SOURCE_SNMP,
    written: Collection[str] = (),
) -> list[DeviceResult]:
    """Write ``batch`` in one transaction, device after device, each identified on the
    graph as the devices before it left it (what one transaction per device gives, in
    fewer commits). Any failure rolls back the whole batch (the caller then writes its
    devices one at a time)."""
    new_ids = [str(uuid.uuid4()) for _ in batch]

    async def work(tx: Tx) -> list[DeviceResult]:
        if len(batch) > 1:  # every key of the batch, in the one order all writers use
            keys = {k for obs in batch for k in observed_identity(obs).key_texts()}
            await identity_keys.lock(tx, sorted(keys))
        claimed = set(written)
        results = []
        for obs, new_id in zip(batch, new_ids, strict=True):
            result = await _device(tx, actor, obs, run_id, source, claimed, new_id)
            if result.outcome is not Outcome.IGNORED:
                claimed.add(result.ci_id)
            results.append(result)
        return results

    return await db.write(work)


async def _device(
    tx: Tx,
    actor: Actor,
    obs: Observation,
    run_id: str,
    source: str,
    written: Collection[str],
    new_id: str,
) -> DeviceResult:
    identity = observed_identity(obs)
    keys = identity.key_texts()
    names = name_choices(obs, identity)
    serial = (obs.serial_number or "").strip()
    await identity_keys.lock(tx, keys)
    row = await tx.one(
        Q.DISCOVERY_CANDIDATES,
        keys=list(keys),
        serials=sorted({serial, serial.upper(), serial.lower()} - {""}),
        ciClass=obs.ci_class.value,
        newNames=names,
    )
    assert row is not None
    state = device_state(row)
    match = identify(identity, state.candidates, CI_SPEC.identity)
    if isinstance(match, Ambiguous):
        pin = await reconciliation_tasks.pin_of(tx, observed_row(obs, identity))
        if pin is not None and pin.resolution == IGNORE:
            await identity_keys.drop_unclaimed(tx, keys)
            return DeviceResult(Outcome.IGNORED, "", None)
        chosen = [c for c in match.candidates if pin is not None and c.id == pin.ci_id]
        if not chosen:  # raising rolls back: the locks leave no key
            ids = [c.id for c in match.candidates]
            raise AmbiguousIdentity(match.reason, candidates=ids)
        match = Matched(chosen[0], "RESOLVED", match.evidence)
    if match is not None and match.ci.id in written:
        await identity_keys.drop_unclaimed(tx, keys)
        return DeviceResult(Outcome.UNCHANGED, match.ci.id, None)
    old = replaced(identity, state.candidates) if match is None else None
    if old is not None and old.id in written:  # seen live in this very run
        old = None
    if match is None:
        taken = state.taken_names - {old.name or ""} if old else state.taken_names
        plan = plan_new(obs, identity, source, new_id, taken, state.assets)
    else:
        plan = plan_update(obs, identity, source, match, state.assets, state.taken_names)
    if old is not None:  # new hardware in an old CI's role: it steps out first
        await ci_replacement.retire(tx, Replaced.of(old))
    if plan.outcome is not Outcome.UNCHANGED:
        products = await _write_plan(tx, actor, plan, obs, source)
        operation = "discoverCI" if plan.create else "reconcileCI"
        targets = [plan.ci_id] + ([plan.asset_id] if plan.asset_id else [])
        before = plan.before or None
        after = _audit_after(plan, obs, run_id, products)
        await audit.record(tx, actor, operation, targets, before, after)
    if old is not None:
        await ci_replacement.hand_over(tx, actor, Replaced.of(old), plan.ci_id, source, run_id)
    if plan.outcome is not Outcome.UNCHANGED:  # an unchanged device's: in mark_seen
        at = as_utc(obs.observed_at)
        await address_facts.record(tx, source, [(plan.ci_id, identity, at)])
    await identity_keys.drop_unclaimed(tx, keys)
    return DeviceResult(plan.outcome, plan.ci_id, plan.seen_at)


async def mark_seen(
    db: Database,
    actor: Actor,
    run_id: str,
    seen: list[tuple[str, Observation, datetime]],
    source: str = SOURCE_SNMP,
) -> int:
    """Move ``lastSeen`` of devices seen unchanged and of their address facts, in one
    transaction and audit entry: ``(ci id, observation, when)``."""
    if not seen:
        return 0
    rows = [{"id": ci_id, "at": at} for ci_id, _, at in seen]
    facts = [(ci_id, observed_identity(obs), at) for ci_id, obs, at in seen]

    async def work(tx: Tx) -> int:
        moved = [str(r["id"]) for r in await tx.run(Q.DISCOVERY_MARK_SEEN, rows=rows)]
        await address_facts.record(tx, source, facts)
        if moved:
            at = {ci_id: when for ci_id, _, when in seen}
            after = {"runId": run_id, "lastSeen": {i: at[i] for i in moved}}
            await audit.record(tx, actor, "discoverySeen", moved, None, after)
        return len(moved)

    return await db.write(work)


async def reconcile(
    db: Database,
    actor: Actor,
    observations: list[Observation],
    run_id: str,
    *,
    source: str = SOURCE_SNMP,
    progress: ProgressFn | None = None,
    counts: RunCounts | None = None,
    targets: Sequence[str] = (),
    batch: int | None = None,
) -> RunCounts:
    """Write every observation (see the module docstring); ``counts`` is filled as it goes,
    so a caller that is interrupted still knows how far the run got. ``targets``: what
    the run scanned, for the links it should have seen (``services/staleness.py``).
    ``batch``: devices per transaction (by default ``discovery_write_batch``)."""
    counts = counts if counts is not None else RunCounts()
    written: list[tuple[str, Observation]] = []
    claimed: set[str] = set()
    seen: list[tuple[str, Observation, datetime]] = []
    size = max(1, batch or db.settings.discovery_write_batch)
    size = 1 if isinstance(db, Rehearsal) else size
    for start in range(0, len(observations), size):
        chunk = observations[start : start + size]
        outcomes = await _write_batch(db, actor, chunk, run_id, source, claimed)
        for obs, outcome in zip(chunk, outcomes, strict=True):  # counted before reported:
            if isinstance(outcome, RunError):  # a caller stopped by a report knows them all
                counts.failures.append(outcome)
                continue
            _tally(counts, outcome.outcome)
            if outcome.outcome is not Outcome.IGNORED:
                written.append((outcome.ci_id, obs))
                claimed.add(outcome.ci_id)
            if outcome.seen_at is not None:
                seen.append((outcome.ci_id, obs, outcome.seen_at))
        if progress is not None:
            for done in range(start + 1, start + len(chunk) + 1):
                progress(done, len(observations))
    await mark_seen(db, actor, run_id, seen, source)
    answered = [f.target for f in counts.failures if f.kind not in UNREACHABLE_KINDS]
    await address_ageing.age(db, actor, run_id, written, targets, source, answered)
    links = await link_neighbours(db, actor, run_id, written, source)
    reached = list(dict.fromkeys(ci_id for ci_id, _ in written))
    await staleness.flag_unseen_links(db, actor, run_id, targets, reached, links)
    return counts


async def _write_batch(
    db: Database,
    actor: Actor,
    batch: list[Observation],
    run_id: str,
    source: str,
    claimed: set[str],
) -> list[DeviceResult | RunError]:
    """The batch in one transaction; when that fails, each device in its own, so that
    a device that cannot be written (ambiguous, refused) fails alone."""
    if len(batch) > 1:
        try:
            return list(await write_devices(db, actor, batch, run_id, source, claimed))
        except DatabaseUnavailable:
            raise
        except CmdbError:
            pass  # rolled back whole: written again one device at a time, below
    outcomes: list[DeviceResult | RunError] = []
    mine = set(claimed)
    for obs in batch:
        try:
            result = await write_device(db, actor, obs, run_id, source, mine)
        except DatabaseUnavailable:
            raise
        except AmbiguousIdentity as exc:
            task = await _open_task(db, actor, obs, source, exc)
            reason = f"{exc.message} (reconciliation task {task})"
            outcomes.append(RunError(obs.target, AMBIGUOUS, reason))
        except CmdbError as exc:
            outcomes.append(RunError(obs.target, RECONCILE_FAILED, exc.message))
        else:
            if result.outcome is not Outcome.IGNORED:
                mine.add(result.ci_id)
            outcomes.append(result)
    return outcomes


async def _open_task(
    db: Database, actor: Actor, obs: Observation, source: str, exc: AmbiguousIdentity
) -> str:
    """Open (or count again) the reconciliation task of an ambiguous device."""
    row = observed_row(obs, observed_identity(obs))
    refs = tuple(CIRef(str(i), None, "") for i in exc.details.get("candidates", ()))
    plan = RowPlan(0, Action.AMBIGUOUS, candidates=refs, reason=exc.message)

    async def work(tx: Tx) -> list[str]:
        return await reconciliation_tasks.open_tasks(tx, actor, source, [(row, plan)])

    [task] = await db.write(work)
    return task


def _tally(counts: RunCounts, outcome: Outcome) -> None:
    if outcome is Outcome.NEW:
        counts.new += 1
    elif outcome is Outcome.UPDATED:
        counts.updated += 1
    else:
        counts.unchanged += 1
