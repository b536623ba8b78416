"""Accepting monitoring events: one payload, one transaction, a handful of statements.

In order: lock the payload's alerts (sorted, created when new), drop notifications
accepted before (their digest: the same payload posted twice changes nothing), bind each
new event to a CI through the identity engine (``event_binding``), correlate it with its
alert (flap suppression, what it holds the CI at), store the events with their raw
payloads and the alerts, bring the touched CIs to the status their alerts hold them at
(``event_status``), queue those CIs for the impact evaluator (an ``ImpactWork`` node:
the incidents their services need are its business, ``impact_evaluator``) and last let
the live feed number the status moves (``live_feed``). Nothing else writes events.

Locks are taken alerts, then CIs, then the feed's node (for the last statement only), in
that order by every payload, so payloads run side by side and never deadlock.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.events.correlation import AlertSnapshot, FlapRule, correlate
from graphcmdb.events.model import IncomingEvent
from graphcmdb.graph.enums import AlertState, CIStatus, EventMatch, WorkKind
from graphcmdb.services import event_binding, event_status, live_feed
from graphcmdb.services.actor import Actor
from graphcmdb.services.event_binding import Binding
from graphcmdb.services.event_status import Cause, StatusChanged


@dataclass(frozen=True)
class EventOutcome:
    """What became of one notification of a payload."""

    fingerprint: str
    alert_name: str
    state: AlertState
    #: accepted before (nothing changed); no event id, no binding
    duplicate: bool
    event_id: str | None = None
    binding: Binding | None = None
    suppressed: bool = False


@dataclass(frozen=True)
class IngestReport:
    outcomes: tuple[EventOutcome, ...]
    status_changes: tuple[StatusChanged, ...] = ()
    #: the CIs queued for the impact evaluator (their alerts changed)
    queued: tuple[str, ...] = ()

    def count(self, match: EventMatch) -> int:
        return sum(1 for o in self.outcomes if o.binding and o.binding.match is match)

    @property
    def accepted(self) -> int:
        return sum(1 for o in self.outcomes if not o.duplicate)

    @property
    def duplicates(self) -> int:
        return sum(1 for o in self.outcomes if o.duplicate)

    @property
    def suppressed(self) -> int:
        return sum(1 for o in self.outcomes if o.suppressed)


def _duplicate(event: IncomingEvent) -> EventOutcome:
    return EventOutcome(event.fingerprint, event.alert_name, event.state, True)


def _snapshot(row: Row) -> AlertSnapshot:
    state = row.get("state")
    holds = row.get("holds")
    return AlertSnapshot(
        state=AlertState(state) if state else None,
        holds=CIStatus(holds) if holds else None,
        transitions=tuple(row.get("transitions") or ()),
        flapping=bool(row.get("flapping")),
    )


def _text(at: datetime | None) -> str | None:
    """A time as ISO 8601 text, which the statement reads back with ``datetime()``: the
    driver packs a Python datetime through pure-Python temporal types, at a cost that
    was a quarter of a payload's Python time (two a notification)."""
    return at.isoformat() if at is not None else None


def _binding_props(b: Binding) -> dict[str, object]:
    return {
        "ciId": b.ci_id,
        "match": b.match.value,
        "rule": b.rule,
        "candidateIds": list(b.candidate_ids),
        "reason": b.reason,
    }


def _alert_props(e: IncomingEvent, b: Binding) -> dict[str, object]:
    return {
        "source": e.source,
        "alertName": e.alert_name,
        "state": e.state.value,
        "severity": e.severity,
        "effect": e.effect.value if e.effect else None,
        "summary": e.summary,
        "sourceKey": e.identifiers.source_key,
        **_binding_props(b),
    }


@dataclass
class _Batch:
    """What one payload writes, built in order of its notifications."""

    actor: Actor
    at: datetime
    rule: FlapRule
    snapshots: dict[str, AlertSnapshot]
    bound_before: dict[str, str | None]
    events: list[dict[str, object]] = field(default_factory=list)
    alerts: dict[str, dict[str, object]] = field(default_factory=dict)
    causes: dict[str, Cause] = field(default_factory=dict)

    def add(self, event: IncomingEvent, binding: Binding) -> EventOutcome:
        fp = event.fingerprint
        correlated = correlate(self.snapshots[fp], event, self.at, self.rule)
        self.snapshots[fp] = after = correlated.after
        event_id = str(uuid.uuid4())
        props = _alert_props(event, binding)
        self.events.append(
            {
                "props": {
                    **props,
                    "id": event_id,
                    "digest": event.digest,
                    "fingerprint": fp,
                    "suppressed": correlated.suppressed,
                    "receivedBy": self.actor.label,
                    "payload": event.raw,
                },
                "startsAt": _text(event.starts_at),
                "endsAt": _text(event.ends_at),
            }
        )
        row = self.alerts.setdefault(fp, {"fingerprint": fp, "events": 0})
        row["events"] = int(str(row["events"])) + 1
        row["props"] = {
            **props,
            "holds": after.holds.value if after.holds else None,
            "flapping": after.flapping,
        }
        row["transitions"] = [t.isoformat() for t in after.transitions]
        if not correlated.suppressed:
            reason = f"{event.source} {event.alert_name or fp}: {event.state.value}"
            reason += f" ({event.severity})" if event.severity else ""
            for ci_id in {binding.ci_id, self.bound_before.get(fp)} - {None}:
                assert ci_id is not None
                self.causes[ci_id] = Cause(fp, event_id, reason)
        self.bound_before[fp] = binding.ci_id
        return EventOutcome(
            fp, event.alert_name, event.state, False, event_id, binding, correlated.suppressed
        )


async def ingest_in(
    tx: Tx,
    actor: Actor,
    events: Sequence[IncomingEvent],
    rule: FlapRule,
    at: datetime,
    known: set[str],
) -> IngestReport:
    """One payload's events accepted in ``tx`` (:func:`ingest` without its read of the
    known digests: ``known``, the digests found before the transaction)."""
    fingerprints = sorted({e.fingerprint for e in events})
    # under the locks, only the digests not found before the transaction: those found
    # are stored and stay
    unknown = sorted({e.digest for e in events} - known)
    named = sorted({e.identifiers.ci_id for e in events if e.identifiers.ci_id})
    [found] = await tx.run(
        Q.EVENT_LOCK_ALERTS, fingerprints=fingerprints, digests=unknown, ciIds=named
    )
    locked: list[Row] = found["alerts"]
    batch = _Batch(
        actor,
        at,
        rule,
        {str(r["fingerprint"]): _snapshot(r) for r in locked},
        {str(r["fingerprint"]): r.get("ciId") for r in locked},
    )
    seen = known | set(found["digests"])
    fresh: list[IncomingEvent] = []
    duplicate: list[bool] = []
    for event in events:
        duplicate.append(event.digest in seen)
        if event.digest not in seen:
            fresh.append(event)
        seen.add(event.digest)
    subjects = [e.identifiers for e in fresh]
    bindings = iter(await event_binding.bind(tx, subjects, set(found["ciIds"])))
    outcomes = [
        _duplicate(e) if dup else batch.add(e, next(bindings))
        for e, dup in zip(events, duplicate, strict=True)
    ]
    if not fresh:
        return IngestReport(tuple(outcomes))
    await tx.run(Q.EVENT_RECORD_EVENTS, events=batch.events, at=at)
    await tx.run(Q.EVENT_UPDATE_ALERTS, alerts=list(batch.alerts.values()), at=at)
    moves = live_feed.new_batch()
    changes = await event_status.apply(tx, actor, batch.causes, at, moves)
    queued = tuple(sorted(batch.causes))
    if queued:
        await tx.run(Q.EVENT_QUEUE_IMPACT, kind=WorkKind.CIS.value, ids=list(queued), at=at)
    live_feed.stamp_last(tx, moves)  # the feed's lock is held until commit
    return IngestReport(tuple(outcomes), tuple(changes), queued)


async def ingest(
    db: Database,
    actor: Actor,
    events: Sequence[IncomingEvent],
    rule: FlapRule,
    at: datetime | None = None,
) -> IngestReport:
    """Accept one payload's events in one transaction (``at``: when they were received);
    the impact evaluator takes the CIs it queued (``impact_evaluator.Evaluator.wake``).

    A payload whose every notification was accepted before (a sender's retry, the
    repeats Alertmanager sends) is answered from one read, with no transaction and no
    lock: a digest once stored stays (until retention), so the answer cannot change.
    Any other has the digests that read did not find read again under its alerts' locks."""
    when = at or datetime.now(UTC)
    digests = sorted({e.digest for e in events})
    [found] = await db.read(Q.EVENT_KNOWN_DIGESTS, digests=digests)
    known = set(found["digests"])
    if all(e.digest in known for e in events):
        return IngestReport(tuple(_duplicate(e) for e in events))

    async def work(tx: Tx) -> IngestReport:
        return await ingest_in(tx, actor, events, rule, when, known)

    return await db.write(work)
