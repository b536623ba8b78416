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
root-cause candidates, the costly part, are searched later (``auto_incident_suspects``),
read and searched in a process of their own in a read transaction that holds no lock,
and only written under the evaluator's lock, so an alert's incident, or a resolution,
never waits for the search of another.

The time a pass evaluates at is its newest entry's ``at`` (when the payload was
received): what an incident's times and a change's window are judged by, as if the
payload had evaluated them itself.

:class:`Evaluator` runs passes in an API process: :meth:`Evaluator.wake` after each
accepted payload, and a look every ``poll_s`` for work another process left (one that
died between its payload and its pass); its searches run in a task of their own.
:func:`drain` runs passes until nothing is queued: tests and the CLI wait for the
evaluator with it, deterministically.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from graphcmdb import opsmetrics
from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.graph.enums import WorkKind
from graphcmdb.services import auto_incident_suspects, auto_incidents, background_loop, live_feed
from graphcmdb.services.actor import Actor, system_actor
from graphcmdb.services.auto_incident_suspects import Found
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


async def cis_pass_in(
    tx: Tx, actor: Actor, reopen_within: timedelta, limit: int = PASS_LIMIT
) -> Pass | None:
    """One pass over the queued CIs in ``tx`` (:func:`run_cis_pass` runs it in its own)."""
    await tx.run(Q.EVENT_EVALUATOR_LOCK, name=LOCK, now=datetime.now(UTC))
    work = await _take(tx, WorkKind.CIS, limit)
    if not work:
        return None
    ids = sorted({str(c) for w in work for c in w["ids"]})
    at: datetime = max(w["at"] for w in work)
    await tx.run(Q.EVENT_IMPACT_DONE, ids=[str(w["id"]) for w in work])
    moves = live_feed.new_batch()
    follow_up = await auto_incidents.follow(tx, actor, ids, at, reopen_within, moves)
    search = sorted({m.incident_id for m in follow_up.incidents if m.search})
    if search:
        await tx.run(Q.EVENT_QUEUE_IMPACT, kind=WorkKind.SUSPECTS.value, ids=search, at=at)
    live_feed.stamp_last(tx, moves)  # the feed's lock is held until commit
    return Pass(WorkKind.CIS, len(work), tuple(ids), at, follow_up)


def _counted(done: Pass | None) -> Pass | None:
    if done is not None:
        opsmetrics.IMPACT_PASSES.labels("ok").inc()
        opsmetrics.IMPACT_QUEUED.inc(done.entries)
    return done


async def run_cis_pass(
    db: Database, reopen_within: timedelta, actor: Actor = ACTOR, limit: int = PASS_LIMIT
) -> Pass | None:
    """One pass over the queued CIs (one transaction, under the evaluator's lock); None
    when no CIs were queued."""

    async def work(tx: Tx) -> Pass | None:
        return await cis_pass_in(tx, actor, reopen_within, limit)

    try:
        return _counted(await db.write(work))
    except Exception:
        opsmetrics.IMPACT_PASSES.labels("failed").inc()
        raise


@dataclass(frozen=True)
class _Search:
    entries: list[str]
    ids: list[str]
    at: datetime
    subjects: list[auto_incident_suspects.Subject]


async def _search(tx: Tx, limit: int) -> _Search | None:
    work = await _take(tx, WorkKind.SUSPECTS, limit)
    if not work:
        return None
    ids = sorted({str(c) for w in work for c in w["ids"]})
    subjects = await auto_incident_suspects.subjects(tx, ids)
    return _Search([str(w["id"]) for w in work], ids, max(w["at"] for w in work), subjects)


async def _write_search(tx: Tx, search: _Search, found: auto_incident_suspects.Found) -> int:
    """Under the evaluator's lock: the entries searched are deleted and their incidents'
    candidates written, unless another process's search took every entry first. An
    incident a pass changed meanwhile was queued again by that pass: its newer entry stays
    for the next search, so a stale answer is replaced."""
    await tx.run(Q.EVENT_EVALUATOR_LOCK, name=LOCK, now=datetime.now(UTC))
    done = await tx.run(Q.EVENT_IMPACT_DONE, ids=search.entries)
    if not done or not done[0]["done"]:
        return 0
    return await auto_incident_suspects.write(tx, found)


async def _read_and_search(db: Database, limit: int) -> tuple[_Search, Found] | None:
    search = await db.read_tx(lambda tx: _search(tx, limit))
    if search is None:
        return None
    return search, await auto_incident_suspects.search(db.settings, search.subjects)


async def run_search_pass(
    db: Database, limit: int = PASS_LIMIT, stop: asyncio.Event | None = None
) -> Pass | None:
    """One root-cause search over the queued incidents: read and searched in the
    search's process, in a read transaction with no lock (passes over CIs go on
    meanwhile), then written in a short write transaction under the evaluator's lock;
    None when none was queued, or when ``stop`` was set while it read or searched
    (given up, its entries stay queued: stopping the API does not wait for a search of
    minutes at 100,000 CIs; a search that is writing is let finish)."""
    try:
        # cancelled, the search's child process is killed
        ready = await background_loop.unless_stopped(_read_and_search(db, limit), stop)
        if ready is None:
            return None
        search, found = ready

        async def write(tx: Tx) -> int:
            return await _write_search(tx, search, found)

        searched = await db.write(write)
    except Exception:
        opsmetrics.IMPACT_PASSES.labels("failed").inc()
        raise
    entries, ids = len(search.entries), tuple(search.ids)
    return _counted(Pass(WorkKind.SUSPECTS, entries, ids, search.at, searched=searched))


async def run_pass(
    db: Database, reopen_within: timedelta, actor: Actor = ACTOR, limit: int = PASS_LIMIT
) -> Pass | None:
    """Queued CIs first (incidents open sooner); a root-cause search when none is left;
    None when nothing was queued."""
    done = await run_cis_pass(db, reopen_within, actor, limit)
    return done if done is not None else await run_search_pass(db, limit)


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


@dataclass(frozen=True)
class Tuning:
    """How long payloads must have been quiet before a root-cause search
    (``search_quiet_s``), how long a search waits for that at most
    (``search_max_wait_s``)."""

    search_quiet_s: float = 0.0
    search_max_wait_s: float = 30.0


class Evaluator:
    """Passes in this process, woken by each accepted payload: passes over queued CIs in
    one task, root-cause searches in another, so an alert's incident never waits for the
    search of an earlier one."""

    def __init__(
        self, db: Database, reopen_within: timedelta, poll_s: float, tuning: Tuning = Tuning()
    ) -> None:
        self.db, self.reopen_within, self.poll_s, self.tuning = db, reopen_within, poll_s, tuning
        #: when a payload last woke it (none yet: a search need not wait for quiet)
        self._last_wake = float("-inf")
        self._woken = asyncio.Event()
        self._searches = asyncio.Event()
        #: set while no CIs wait: searches, the costly part, give way to incidents
        self._idle = asyncio.Event()
        self._idle.set()
        #: the stop :meth:`run` was given (a search waiting for quiet ends with it)
        self._stop = asyncio.Event()
        #: passes this evaluator ran (for the logs and benchmarks)
        self.passes = 0

    def wake(self) -> None:
        """A payload queued CIs: run a pass as soon as the one under way ends."""
        self._idle.clear()
        self._woken.set()
        self._last_wake = time.monotonic()

    async def turn(self) -> None:
        """Passes over the queued CIs when woken, or when the idle look finds work; then
        the searcher is woken for what they queued. Idle again afterwards, failed or not
        (a pass that keeps failing must not hold the searches back for good)."""
        woken = self._woken.is_set()
        self._woken.clear()
        try:
            if woken or await has_work(self.db):
                self._idle.clear()
                while await run_cis_pass(self.db, self.reopen_within) is not None:
                    self.passes += 1
                self._searches.set()
        finally:
            if not self._woken.is_set():
                self._idle.set()

    async def search_turn(self) -> None:
        """Root-cause searches until none is queued, each once no CIs wait (in a burst
        of alerts the searches wait for its end, and the payloads get the CPU) or
        ``search_max_wait_s`` after they were wanted; none once the evaluator stops.
        Only when :meth:`turn` asked: its look for work finds queued searches too."""
        if not self._searches.is_set():
            return
        self._searches.clear()
        give_up = time.monotonic() + self.tuning.search_max_wait_s
        while await self._settled(give_up):
            one = await run_search_pass(self.db, stop=self._stop)
            if one is None:
                break
            self.passes += 1
            if one.entries < PASS_LIMIT:
                break

    async def _settled(self, give_up: float) -> bool:
        """True once no pass over CIs runs and no payload came for ``search_quiet_s``, or
        at ``give_up``; False as soon as the evaluator stops."""
        while not self._stop.is_set():
            now = time.monotonic()
            if now >= give_up:
                return True
            quiet_at = self._last_wake + self.tuning.search_quiet_s
            if self._idle.is_set() and quiet_at <= now:
                return True
            # the stop, the idle mark or the time, whichever comes first (then look again)
            idle = None if self._idle.is_set() else self._idle
            until = min(give_up, quiet_at) if quiet_at > now else give_up
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(background_loop.either(self._stop, idle), until - now)
        return False

    async def run(self, stop: asyncio.Event) -> None:
        """Until ``stop`` is set; a fault is logged and the next turn tries again."""
        self._stop = stop
        await asyncio.gather(
            background_loop.run_turns(
                self.turn, stop, self.poll_s, log, "impact not evaluated", wake=self._woken
            ),
            background_loop.run_turns(
                self.search_turn, stop, self.poll_s, log, "root causes not searched",
                wake=self._searches,
            ),
        )  # fmt: skip
