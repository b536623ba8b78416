"""An impact evaluator's pass takes every lock its writes need first, in id order, so it
never waits for an alert payload halfway through its writes (a cycle Neo4j would break by
failing one of them). The case that was missed: a reopened incident drops its recorded
cause, and deleting that ``CAUSED_BY`` locks the cause's CI (at commit: without the
lock taken first, the pass is found "Closing", not blocked). Here another transaction
holds that CI's lock, as a payload about it would: the pass must wait at its lock
statement, and reopen the incident once the lock is released."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from graphcmdb.db.database import Database
from graphcmdb.services import impact_evaluator
from tests.api.slow_paths import until
from tests.impact_fixtures import worked_example
from tests.services.test_auto_incidents import RULE, T0, accept, alert, evaluate

INCIDENT = (
    "MATCH (i:Incident {autoServiceId: $id}) OPTIONAL MATCH (i)-[:CAUSED_BY]->(c) "
    "RETURN i.state AS state, c.id AS cause"
)
BLOCKED = (
    "SHOW TRANSACTIONS YIELD currentQuery, status WHERE status STARTS WITH 'Blocked' "
    "RETURN currentQuery AS query"
)


async def test_a_reopening_pass_waits_for_its_old_cause_at_its_lock_statement(
    db: Database,
) -> None:
    ids = await worked_example(db)
    h1, shop = ids["h1"], ids["shop"]
    await accept(db, alert(h1), T0)
    await evaluate(db)  # opened, and its candidates searched: h1 alone
    await accept(db, alert(h1, "resolved"), T0 + timedelta(minutes=5))
    await evaluate(db)
    assert await db.run_raw(INCIDENT, id=shop) == [{"state": "RESOLVED", "cause": h1}]
    # back within the reopen window (said otherwise: the same notification is a duplicate)
    await accept(db, alert(h1, summary="down again"), T0 + timedelta(minutes=6))

    async with db.driver.session() as session:
        holder = await session.begin_transaction()  # a payload about h1, still open
        await holder.run("MATCH (c:CI {id: $id}) SET c._held = true REMOVE c._held", id=h1)
        reopening = asyncio.create_task(impact_evaluator.run_cis_pass(db, RULE.window))
        blocked: list[str] = []

        async def waiting() -> bool:
            blocked[:] = [str(r["query"]) for r in await db.run_raw(BLOCKED)]
            return bool(blocked)

        await until(waiting, "the pass waiting for the lock of h1")
        # the pass waits where it takes its locks, before it has written anything
        assert len(blocked) == 1
        assert "n._lock" in blocked[0]
        assert not reopening.done()
        await holder.rollback()
    done = await reopening
    assert done is not None
    assert [m.move.value for m in done.follow_up.incidents] == ["REOPEN"]
    assert await db.run_raw(INCIDENT, id=shop) == [{"state": "IN_PROGRESS", "cause": None}]
