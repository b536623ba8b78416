"""Automatic impact and incidents, in an impact evaluator's pass
(``services/impact_evaluator.py``).

For the CIs whose alerts changed since the last pass: the business services above them
(and those whose open automatic incident AFFECTS one) are re-evaluated together: the
failed CIs (DOWN, DEGRADED) they need and what lies between are read
(``failure_region``) and the impact engine decides each service's status. An APPROVED
or IMPLEMENTING change whose window holds the moment and that MODIFIES a failed CI
takes that CI out of what incidents follow (and says so: ``IncidentSuppression``).
``itsm/auto_incidents.py`` then decides per service: open one incident, attach to the
open one, reopen the last one, resolve it, or nothing; ``auto_incident_writes`` writes
it.

Passes run one at a time (the evaluator's lock), so no service needs a lock of its own:
a pass reads what every earlier pass committed, and a service never gets two open
automatic incidents.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from graphcmdb.db.database import Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.records import IncidentRecord
from graphcmdb.domain.specs import INCIDENT_SPEC
from graphcmdb.graph.enums import AlertState, ChangeState, CIStatus, IncidentState
from graphcmdb.impact.engine import propagate_statuses
from graphcmdb.impact.model import NeedsGraph, Status
from graphcmdb.impact.rootcause import closure
from graphcmdb.itsm.auto_incidents import Decision, KnownIncident, Move, ServiceView, decide
from graphcmdb.itsm.states import OPEN_INCIDENT_STATES
from graphcmdb.services import auto_incident_writes, failure_region, nodes
from graphcmdb.services.actor import Actor
from graphcmdb.services.auto_incident_writes import IncidentMove, Plan, Suppressed

#: changes whose open window suppresses automatic incidents for the CIs they modify
SUPPRESSING_STATES = (ChangeState.APPROVED, ChangeState.IMPLEMENTING)
FAILED = {CIStatus.DOWN: Status.DOWN, CIStatus.DEGRADED: Status.DEGRADED}
OPEN_STATES = [s.value for s in OPEN_INCIDENT_STATES]


@dataclass(frozen=True)
class FollowUp:
    """What one payload did to incidents."""

    incidents: tuple[IncidentMove, ...] = ()
    suppressed: tuple[Suppressed, ...] = ()


@dataclass(frozen=True)
class _Change:
    id: str
    number: str
    ci_ids: frozenset[str]


@dataclass
class _Region:
    """The services' region (what they need above today's failures: ``failure_region``)
    with those failures, read under the evaluator's lock."""

    graph: NeedsGraph
    failed: dict[str, Status]
    names: dict[str, str]
    changes: list[_Change]
    covered: set[str] = field(default_factory=set)
    full: dict[str, Status] = field(default_factory=dict)
    effective: dict[str, Status] = field(default_factory=dict)

    def evaluate(self) -> None:
        self.covered = {c for change in self.changes for c in change.ci_ids}
        self.full = _statuses(self.graph, self.failed, set())
        self.effective = _statuses(self.graph, self.failed, self.covered)


def _statuses(
    graph: NeedsGraph, failed: dict[str, Status], left_out: set[str]
) -> dict[str, Status]:
    down = [i for i, s in failed.items() if s is Status.DOWN and i not in left_out]
    degraded = [i for i, s in failed.items() if s is Status.DEGRADED and i not in left_out]
    return propagate_statuses(graph, down, degraded) if down or degraded else {}


async def _services_to_check(tx: Tx, ci_ids: Collection[str]) -> list[str]:
    """The services above the CIs, and those whose open incident AFFECTS one of them
    (though no longer above it)."""
    # an alert bound before to a CI since deleted or merged names an id that is gone:
    # the walk leaves it out
    ids = sorted(ci_ids)
    above = await tx.raw(Q.AUTO_INCIDENT_SERVICES_ABOVE, ids=ids)
    found = {str(s) for s in above[0]["ids"]} if above else set()
    rows = await tx.run(Q.AUTO_INCIDENT_OPEN_OF_CIS, ids=ids, openStates=OPEN_STATES)
    found |= {str(r["serviceId"]) for r in rows}
    return sorted(found)


async def _region(tx: Tx, service_ids: list[str], at: datetime) -> _Region:
    read = await failure_region.read(tx, service_ids, FAILED)
    failed = {ci: FAILED[status] for ci, status in read.failed.items()}
    changes = []
    if failed:
        found = await tx.run(
            Q.AUTO_INCIDENT_OPEN_CHANGES,
            ids=sorted(failed),
            at=at,
            states=[s.value for s in SUPPRESSING_STATES],
        )
        changes = [_Change(str(c["id"]), str(c["number"]), frozenset(c["ciIds"])) for c in found]
    names = {n.id: n.name for n in read.graph.nodes.values()}
    region = _Region(read.graph, failed, names, changes)
    region.evaluate()
    return region


def _known(row: dict[str, object] | None) -> tuple[KnownIncident | None, IncidentRecord | None]:
    if row is None:
        return None, None
    record = nodes.as_record(INCIDENT_SPEC, row)
    affects = row.get("affects")
    known = KnownIncident(
        id=record.id,
        number=record.number,
        state=record.state,
        priority=record.priority,
        affects=frozenset(str(a) for a in affects) if isinstance(affects, list) else frozenset(),
        fingerprints=frozenset(record.alertFingerprints or ()),
        resolved_at=record.resolvedAt,
    )
    return known, record


async def _holding(tx: Tx, ci_ids: Collection[str]) -> dict[str, set[str]]:
    holding: dict[str, set[str]] = defaultdict(set)
    if ci_ids:
        [found] = await tx.run(Q.AUTO_INCIDENT_HOLDING_ALERTS, ids=sorted(ci_ids))
        for ci_id, fingerprint in found["pairs"]:
            holding[str(ci_id)].add(str(fingerprint))
    return holding


async def _firing(tx: Tx, fingerprints: Collection[str]) -> set[str]:
    if not fingerprints:
        return set()
    [found] = await tx.run(
        Q.AUTO_INCIDENT_FIRING, fingerprints=sorted(fingerprints), firing=AlertState.FIRING.value
    )
    return set(found["fingerprints"])


def _suppressed(region: _Region, service_id: str, needs: set[str]) -> list[Suppressed]:
    """Per open change modifying failed CIs the service needs: what their failure alone
    does to the service (nothing suppressed when that is nothing)."""
    found = []
    for change in region.changes:
        mine = change.ci_ids & needs
        alone = _statuses(region.graph, {c: region.failed[c] for c in mine}, set())
        status = alone.get(service_id, Status.OK)
        if mine and status is not Status.OK:
            found.append(
                Suppressed(service_id, change.id, change.number, tuple(sorted(mine)), status)
            )
    return found


async def _plans(
    tx: Tx, service_ids: list[str], region: _Region, at: datetime, reopen_within: timedelta
) -> list[Plan]:
    rows = await tx.run(
        Q.AUTO_INCIDENT_SERVICE_INCIDENTS,
        ids=service_ids,
        openStates=OPEN_STATES,
        resolved=IncidentState.RESOLVED.value,
    )
    needs = {r["id"]: closure(region.graph, r["id"], region.graph.needs, up=False) for r in rows}
    unsuppressed = set(region.failed) - region.covered
    holding = await _holding(tx, unsuppressed)
    opened = [_known(r["open"]) for r in rows]
    firing = await _firing(tx, {f for known, _ in opened if known for f in known.fingerprints})
    plans = []
    for r, (open_known, open_record) in zip(rows, opened, strict=True):
        sid = str(r["id"])
        node = region.graph.nodes[sid]
        failed = frozenset(needs[sid] & unsuppressed)
        last_known, last_record = _known(r["lastResolved"])
        view = ServiceView(
            id=sid,
            status=region.full.get(sid, Status.OK),
            effective=region.effective.get(sid, Status.OK),
            failed=failed,
            alerts=frozenset(f for c in failed for f in holding.get(c, ())),
            criticality=node.criticality,
            users=node.users,
            open=open_known,
            last_resolved=last_known,
        )
        decision = decide(view, firing, at, reopen_within)
        record = open_record if decision.move is not Move.REOPEN else last_record
        plans.append(
            Plan(
                view=view,
                name=node.name,
                decision=decision,
                record=record,
                stored_status=CIStatus(r["status"]) if r.get("status") else None,
                failed_names={c: region.names[c] for c in failed},
                observed_down=frozenset(c for c in failed if region.failed[c] is Status.DOWN),
                suppressing=_suppressed(region, sid, needs[sid]),
            )
        )
    return plans


async def follow(
    tx: Tx,
    actor: Actor,
    ci_ids: Collection[str],
    at: datetime,
    reopen_within: timedelta,
    batch: str,
) -> FollowUp:
    """Re-run impact for the CIs whose alerts changed (``ci_ids``, whether their status
    moved or not: a change's window may have closed, an alert may join an incident) and
    bring the incidents of the services above them up to date (their status moves
    marked with ``batch`` for the live feed)."""
    service_ids = await _services_to_check(tx, ci_ids)
    if not service_ids:
        return FollowUp()
    region = await _region(tx, service_ids, at)
    plans = await _plans(tx, service_ids, region, at, reopen_within)
    done = await auto_incident_writes.apply(tx, actor, plans, at, batch)
    suppressed = tuple(s for p in plans for s in p.suppressing)
    return FollowUp(tuple(done), suppressed)


__all__ = ["Decision", "FollowUp", "IncidentMove", "Suppressed", "follow"]
