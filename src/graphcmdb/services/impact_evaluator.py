"""The impact evaluator: automatic incidents follow the events, coalesced, one pass at a
time per database.

An events payload only queues the CIs whose alerts changed (``ImpactWork`` of kind CIS,
in its own transaction: ``services/events.py``). A *pass* is one write transaction that
takes the evaluator's lock (``ChangeFeed {name: 'impact'}``: passes of every API process
run one after the other), takes everything queued (up to :data:`PASS_LIMIT` payloads),
lets ``auto_incidents.follow`` re-evaluate the services above all those CIs at once,
deletes what it took and numbers its status moves on the live feed. A burst of a
thousand alerts queues a thousand entries; the pass under way when they arrive leaves
them to the next one, which takes them all: a handful of evaluations, not a thousand.

The incidents a pass opened or widened are queued again (kind SUSPECTS): their
root-cause candidates, the costly part, are searched by a later pass, once no CIs wait
(``auto_incident_suspects``), so an alert's incident does not wait for them.

The time a pass evaluates at is its newest entry's ``at`` (when the payload was
received): what an incident's times and a change's window are judged by, as if the
payload had evaluated them itself.

:class:`Evaluator` runs passes in an API process: :meth:`Evaluator.wake` after each
accepted payload, and a look every ``poll_s`` for work another process left (one that
died between its payload and its pass). :func:`drain` runs passes until nothing is
queued: tests and the CLI wait for the evaluator with it, deterministically.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from graphcmdb import opsmetrics
from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.graph.enums import WorkKind
from graphcmdb.services import auto_incident_suspects, auto_incidents, background_loop, live_feed
from graphcmdb.services.actor import Actor, system_actor
from graphcmdb.services.auto_incidents import FollowUp

log = logging.getLogger("graphcmdb.impact_evaluator")

#: the evaluator's lock (a ``ChangeFeed`` node: its ``lastPassAt`` says when it last ran)
LOCK = "impact"
#: queued payloads one pass takes at most (a bounded transaction under any backlog)
PASS_LIMIT = 5_000
#: the audit's name for what the evaluator writes
ACTOR = system_actor("impact-evaluator")


@dataclass(frozen=True)
class Pass:
    """What one pass did: the queue entries it took (of one kind), the ids they named,
    the incidents' moves (CIS) or how many incidents got root-cause candidates."""

    kind: WorkKind
    entries: int
    ids: tuple[str, ...]
    at: datetime
    follow_up: FollowUp = field(default_factory=FollowUp)
    searched: int = 0

    @property
    def ci_ids(self) -> tuple[str, ...]:
        return self.ids if self.kind is WorkKind.CIS else ()


async def _take(tx: Tx, kind: WorkKind, limit: int) -> list[Row]:
    return await tx.run(Q.EVENT_IMPACT_WORK, kind=kind.value, limit=limit)


async def _pass(tx: Tx, actor: Actor, reopen_within: timedelta, limit: int) -> Pass | None:
    """Queued CIs first (incidents open sooner); root-cause searches when none is left."""
    await tx.run(Q.EVENT_EVALUATOR_LOCK, name=LOCK, now=datetime.now(UTC))
    kind = WorkKind.CIS
    work = await _take(tx, kind, limit)
    if not work:
        kind = WorkKind.SUSPECTS
        work = await _take(tx, kind, limit)
    if not work:
        return None
    ids = sorted({str(c) for w in work for c in w["ids"]})
    at: datetime = max(w["at"] for w in work)
    await tx.run(Q.EVENT_IMPACT_DONE, ids=[str(w["id"]) for w in work])
    if kind is WorkKind.SUSPECTS:
        searched = await auto_incident_suspects.search(tx, ids)
        return Pass(kind, len(work), tuple(ids), at, searched=searched)
    moves = live_feed.new_batch()
    follow_up = await auto_incidents.follow(tx, actor, ids, at, reopen_within, moves)
    search = sorted({m.incident_id for m in follow_up.incidents if m.search})
    if search:
        await tx.run(Q.EVENT_QUEUE_IMPACT, kind=WorkKind.SUSPECTS.value, ids=search, at=at)
    await live_feed.stamp(tx, moves)  # last: the feed's lock is held until commit
    return Pass(kind, len(work), tuple(ids), at, follow_up)


async def run_pass(
    db: Database, reopen_within: timedelta, actor: Actor = ACTOR, limit: int = PASS_LIMIT
) -> Pass | None:
    """One pass (one transaction); None when nothing was queued."""

    async def work(tx: Tx) -> Pass | None:
        return await _pass(tx, actor, reopen_within, limit)

    try:
        done = await db.write(work)
    except Exception:
        opsmetrics.IMPACT_PASSES.labels("failed").inc()
        raise
    if done is not None:
        opsmetrics.IMPACT_PASSES.labels("ok").inc()
        opsmetrics.IMPACT_QUEUED.inc(done.entries)
    return done


async def drain(
    db: Database, reopen_within: timedelta, actor: Actor = ACTOR, limit: int = PASS_LIMIT
) -> list[Pass]:
    """Passes until nothing is queued: everything accepted before the call has then been
    evaluated and committed (a pass another process runs meanwhile is waited for).

    A root-cause pass that took fewer than ``limit`` entries ends it without a pass that
    finds nothing: it found no CIs queued, under the lock, and took every search."""
    done: list[Pass] = []
    while (one := await run_pass(db, reopen_within, actor, limit)) is not None:
        done.append(one)
        if one.kind is WorkKind.SUSPECTS and one.entries < limit:
            break
    return done


def follow_up_of(passes: list[Pass]) -> FollowUp:
    """The incidents' moves and suppressions of several passes, in order."""
    return FollowUp(
        tuple(m for p in passes for m in p.follow_up.incidents),
        tuple(s for p in passes for s in p.follow_up.suppressed),
    )


async def has_work(db: Database) -> bool:
    return bool(await db.read(Q.EVENT_HAS_IMPACT_WORK))


class Evaluator:
    """Passes in this process, woken by each accepted payload."""

    def __init__(self, db: Database, reopen_within: timedelta, poll_s: float) -> None:
        self.db, self.reopen_within, self.poll_s = db, reopen_within, poll_s
        self._woken = asyncio.Event()
        #: passes this evaluator ran (for the logs and benchmarks)
        self.passes = 0

    def wake(self) -> None:
        """A payload queued CIs: run a pass as soon as the one under way ends."""
        self._woken.set()

    async def turn(self) -> None:
        """Drain the queue when woken, or when the idle look finds work."""
        woken = self._woken.is_set()
        self._woken.clear()
        if woken or await has_work(self.db):
            self.passes += len(await drain(self.db, self.reopen_within))

    async def run(self, stop: asyncio.Event) -> None:
        """Until ``stop`` is set; a fault is logged and the next turn tries again."""
        await background_loop.run_turns(
            self.turn, stop, self.poll_s, log, "impact not evaluated", wake=self._woken
        )
