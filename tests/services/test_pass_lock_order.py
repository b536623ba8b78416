"""An impact evaluator's pass takes every lock its writes need first, in id order, so it
never waits for an alert payload halfway through its writes (a cycle Neo4j would break by
failing one of them). The case that was missed: a reopened incident drops its recorded
cause, and deleting that ``CAUSED_BY`` locks the cause's CI (at commit: without the
lock taken first, the pass is found "Closing", not blocked). Here another transaction
holds that CI's lock, as a payload about it would: the pass must wait at its lock
statement, and reopen the incident once the lock is released. The same for a root-cause
search's write, which unlinks the candidates it replaces."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from datetime import timedelta
from typing import TypeVar

from graphcmdb.db.database import Database, Tx
from graphcmdb.services import auto_incident_suspects, impact_evaluator
from graphcmdb.services.auto_incident_suspects import Found, SuspectsRow
from tests.api.slow_paths import until
from tests.impact_fixtures import worked_example
from tests.services.test_auto_incidents import RULE, T0, accept, alert, evaluate

INCIDENT = (
    "MATCH (i:Incident {autoServiceId: $id}) OPTIONAL MATCH (i)-[:CAUSED_BY]->(c) "
    "RETURN i.state AS state, c.id AS cause"
)
#: this database's transactions waiting for a lock (others' would not say ``n._lock``)
BLOCKED = (
    "SHOW TRANSACTIONS YIELD database, currentQuery, status "
    "WHERE database = $database AND status STARTS WITH 'Blocked' "
    "RETURN currentQuery AS query"
)


T = TypeVar("T")
SUSPECTS = "MATCH (:Incident {autoServiceId: $id})-[s:SUSPECTS]->(c) RETURN c.id AS id"


async def waits_at_its_lock_statement(db: Database, ci_id: str, work: Awaitable[T]) -> T:
    """Run ``work`` while another transaction holds ``ci_id``'s lock, as a payload about
    it would; it must wait at its lock statement; then release, and its answer."""
    async with db.driver.session(database=db.database) as session:
        holder = await session.begin_transaction()
        await holder.run("MATCH (c:CI {id: $id}) SET c._held = true REMOVE c._held", id=ci_id)
        running = asyncio.ensure_future(work)
        blocked: list[str] = []

        async def waiting() -> bool:
            found = await db.run_raw(BLOCKED, database=db.database)
            blocked[:] = [str(r["query"]) for r in found]
            return bool(blocked)

        try:
            await until(waiting, "the writer waiting for the CI's lock")
            # it waits where it takes its locks, before it has written anything
            assert len(blocked) == 1
            assert "n._lock" in blocked[0]
            assert not running.done()
        finally:
            await holder.rollback()
            if not running.done():
                with contextlib.suppress(Exception):  # a failed wait: it goes on
                    await asyncio.wait_for(running, 60)
    return await running


async def an_incident_on_h1(db: Database) -> dict[str, str]:
    """The shop's incident opened by h1 going down, h1 its one candidate."""
    ids = await worked_example(db)
    await accept(db, alert(ids["h1"]), T0)
    await evaluate(db)  # opened, and its candidates searched: h1 alone
    return ids


async def test_a_reopening_pass_waits_for_its_old_cause_at_its_lock_statement(
    db: Database,
) -> None:
    ids = await an_incident_on_h1(db)
    h1, shop = ids["h1"], ids["shop"]
    await accept(db, alert(h1, "resolved"), T0 + timedelta(minutes=5))
    await evaluate(db)
    assert await db.run_raw(INCIDENT, id=shop) == [{"state": "RESOLVED", "cause": h1}]
    # back within the reopen window (said otherwise: the same notification is a duplicate)
    await accept(db, alert(h1, summary="down again"), T0 + timedelta(minutes=6))
    reopening = impact_evaluator.run_cis_pass(db, RULE.window)
    done = await waits_at_its_lock_statement(db, h1, reopening)
    assert done is not None
    assert [m.move.value for m in done.follow_up.incidents] == ["REOPEN"]
    assert await db.run_raw(INCIDENT, id=shop) == [{"state": "IN_PROGRESS", "cause": None}]


async def test_a_search_write_waits_for_the_candidate_it_replaces(db: Database) -> None:
    ids = await an_incident_on_h1(db)
    assert await db.run_raw(SUSPECTS, id=ids["shop"]) == [{"id": ids["h1"]}]
    [incident] = await db.run_raw(
        "MATCH (i:Incident {autoServiceId: $id}) RETURN i.id AS id", id=ids["shop"]
    )
    # a newer search's answer names web1 instead: writing it unlinks h1
    row = SuspectsRow(id=incident["id"], suspects=[{"ciId": ids["web1"], "rank": 1}])

    async def replace(tx: Tx) -> int:
        return await auto_incident_suspects.write(tx, Found([row]))

    assert await waits_at_its_lock_statement(db, ids["h1"], db.write(replace)) == 1
    assert await db.run_raw(SUSPECTS, id=ids["shop"]) == [{"id": ids["web1"]}]
