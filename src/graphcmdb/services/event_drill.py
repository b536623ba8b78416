"""A drill of the event path when the API starts: the first real alert after a restart
finds its statements planned.

At 100,000 CIs the event path's statements take 100 to 1,400 ms each to plan, so the
first alerts after a restart waited seconds for their incidents. The drill runs the
real path (``events.ingest_in``, ``impact_evaluator.cis_pass_in``, the history capture
of a commit) for an alert on the CI most others need, then for its resolution, in one
write transaction that is rolled back: every statement runs, with the parameters a real
outage gives, and nothing is kept, not even a queue entry. One alert is enough: the
managed Neo4j plans a statement once whatever the length of its list parameters
(``neo4j_server/conf.py``), so a payload of fifty alerts uses the plans of this one.
The transaction holds the evaluator's lock while it runs (a pass waits for it), its CI's
and its alert's, and the live feed's only at its end, as a commit does (``Tx.last``): a
payload about other CIs goes ahead. Its second pass reads the service statuses its first
wrote, not yet numbered by the feed: a null ``feedSeq``, which sorts first descending.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from graphcmdb.db import history
from graphcmdb.db.database import Database, Rehearsal, Tx
from graphcmdb.db.queries import Q
from graphcmdb.events import generic
from graphcmdb.events.correlation import FlapRule
from graphcmdb.events.model import IncomingEvent
from graphcmdb.graph.enums import WorkKind
from graphcmdb.itsm.auto_incidents import Move
from graphcmdb.services import events, impact_evaluator
from graphcmdb.services.actor import system_actor

#: the drill's events, as a generic source (never stored: rolled back)
SOURCE = "graphcmdb-drill"
ACTOR = system_actor("event-drill")


@dataclass(frozen=True)
class Drill:
    """What the drill ran: the CI alerted on (None: nothing to drill on), whether it
    ran (not when real work was queued), the incidents its pass opened (then rolled
    back), the statements sent, its time."""

    ci_id: str | None
    ran: bool
    opened: int
    statements: int
    seconds: float


def alert(ci_id: str, status: str) -> list[IncomingEvent]:
    """One critical alert on the CI, as a monitoring source would send it."""
    body = {
        "source": SOURCE,
        "alertName": "GraphcmdbStartupDrill",
        "status": status,
        "severity": "critical",
        "ciId": ci_id,
        "fingerprint": f"drill-{ci_id}",
    }
    return generic.read(body, 1)


async def _outage(tx: Tx, ci_id: str, rule: FlapRule, now: datetime, versioned: bool) -> int | None:
    """The alert fires, a pass evaluates it, it resolves, a pass again; then what a
    commit would version (``versioned``: history is on). The incidents it opened; None
    when real CIs were queued (a pass would take them too: the next real pass plans the
    same statements, so the drill gives way).

    The evaluator's lock first, as a pass takes it before the live feed's: a pass of
    another process waits for the drill instead of deadlocking with it."""
    await tx.run(Q.EVENT_EVALUATOR_LOCK, name=impact_evaluator.LOCK, now=now)
    if await tx.run(Q.EVENT_IMPACT_WORK, kind=WorkKind.CIS.value, limit=1):
        return None  # CIs queued: a pass would take them (queued searches do not count)
    opened = 0
    for status, at in (("firing", now), ("resolved", now + timedelta(minutes=1))):
        # nothing known before: ingest_in reads the digests itself, under the alert's lock
        await events.ingest_in(tx, ACTOR, alert(ci_id, status), rule, at, set())
        done = await impact_evaluator.cis_pass_in(tx, ACTOR, rule.window)
        moves = done.follow_up.incidents if done is not None else ()
        opened += sum(1 for m in moves if m.move is Move.OPEN)
    if versioned:
        await history.capture(tx, tx.touched, tx.touched_nodes, now)
    await tx.run_last()  # the live feed's numbers, as at a commit
    return opened


async def run(db: Database, rule: FlapRule) -> Drill:
    """The drill, rolled back; nothing to drill on a graph where no CI is needed, nor
    while real work is queued for the evaluator (``Drill.ran`` is then False)."""
    started, rehearsal = time.perf_counter(), Rehearsal(db)
    needed = await db.read(Q.EVENT_DRILL_CI)
    ci_id = str(needed[0]["id"]) if needed else None
    opened: int | None = None
    if ci_id is not None:
        now, versioned = datetime.now(UTC), db.settings.history_enabled

        async def outage(tx: Tx) -> int | None:
            return await _outage(tx, ci_id, rule, now, versioned)

        opened = await rehearsal.write(outage)
    took = time.perf_counter() - started
    return Drill(ci_id, opened is not None, opened or 0, rehearsal.round_trips, took)
