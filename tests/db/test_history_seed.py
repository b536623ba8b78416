"""What was written while history was off gets its first version at the first start
with history on (``migrate`` seeds it), and not before: a start with history off
versions nothing. The seed had never had work in the suite: given some, it waited for
ever on a lock its own outer statement held (an API start on an estate loaded with
history off failed with ``LockClientStopped`` once Neo4j's deadline ended it)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from graphcmdb.db.database import Database
from graphcmdb.db.schema import migrate
from graphcmdb.services import history
from tests.impact_fixtures import worked_example

COUNTS = """
CALL () { MATCH (t:Timeline) RETURN count(t) AS timelines }
CALL () { MATCH (:Timeline)-[w]->(:Timeline) RETURN count(w) AS edges }
CALL () { MATCH (n:Entity) RETURN count(n) AS entities }
CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS relationships }
RETURN timelines, edges, entities, relationships
"""


async def test_a_start_with_history_off_seeds_nothing_and_the_next_with_it_on_all(
    db: Database,
) -> None:
    off = Database(db.settings.model_copy(update={"history_enabled": False}))
    try:
        ids = await worked_example(off)
        await migrate(off)
    finally:
        await off.close()
    before = (await db.run_raw(COUNTS))[0]
    assert (before["timelines"], before["edges"]) == (0, 0)
    assert before["entities"] >= len(ids)

    await migrate(db)
    after = (await db.run_raw(COUNTS))[0]
    assert after["timelines"] == after["entities"]
    assert after["edges"] == after["relationships"] > 0
    later = datetime.now(UTC) + timedelta(seconds=1)
    past, present = await history.snapshot(db, later), await history.snapshot(db, None)
    assert past.nodes == present.nodes
    assert past.edges == present.edges
