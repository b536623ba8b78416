"""A payload whose every notification was accepted before (a sender's retry,
Alertmanager's repeats) is answered from one read: it waits for no alert's lock and
writes nothing. A payload with one new notification among repeats is accepted as
before, under its alerts' locks."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from graphcmdb.db.database import Database
from graphcmdb.events import generic
from graphcmdb.services import events
from graphcmdb.services.events import IngestReport
from tests.api.slow_paths import until
from tests.impact_fixtures import worked_example
from tests.services.test_auto_incidents import ACTOR, RULE, T0, alert
from tests.services.test_pass_lock_order import BLOCKED

NODES = "MATCH (n) RETURN count(n) AS n"


async def ingest(db: Database, bodies: list[object]) -> IngestReport:
    read = [e for body in bodies for e in generic.read(body, 100)]
    return await events.ingest(db, ACTOR, read, RULE, T0 + timedelta(minutes=1))


async def test_a_payload_of_repeats_waits_for_no_lock_and_writes_nothing(db: Database) -> None:
    ids = await worked_example(db)
    payload = [alert(ids["h1"]), alert(ids["h2"], name="DiskFull")]
    first = await ingest(db, payload)
    assert (first.accepted, first.duplicates) == (2, 0)
    nodes = (await db.run_raw(NODES))[0]["n"]
    async with db.driver.session(database=db.database) as session:
        holder = await session.begin_transaction()  # as payloads about them would
        await holder.run("MATCH (a:Alert) SET a._held = true REMOVE a._held")  # every one
        try:
            running = asyncio.ensure_future(ingest(db, payload))

            async def answered_or_waiting() -> bool:
                return running.done() or bool(await db.run_raw(BLOCKED, database=db.database))

            await until(answered_or_waiting, "the repeat answered, or waiting for a lock")
            assert running.done()  # answered while the alerts' locks are held
        finally:
            await holder.rollback()
    again = await running
    assert (again.accepted, again.duplicates) == (0, 2)
    assert all(o.duplicate and o.event_id is None for o in again.outcomes)
    assert (await db.run_raw(NODES))[0]["n"] == nodes


async def test_one_new_notification_among_repeats_is_accepted(db: Database) -> None:
    ids = await worked_example(db)
    repeat = alert(ids["h1"])
    await ingest(db, [repeat])
    mixed = await ingest(db, [repeat, alert(ids["h2"], name="DiskFull")])
    assert (mixed.accepted, mixed.duplicates) == (1, 1)
    assert [c.ci_id for c in mixed.status_changes] == [ids["h2"]]
