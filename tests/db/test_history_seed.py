"""What was created while history was off gets its first version at the first start
with history on (``migrate`` seeds it), and not before: a start with history off
versions nothing. The seed had never had work in the suite: given some, it waited for
ever on a lock its own outer statement held (an API start on an estate loaded with
history off failed with ``LockClientStopped`` once Neo4j's deadline ended it)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from graphcmdb.db.database import Database
from graphcmdb.db.queries import Q
from graphcmdb.db.schema import migrate
from graphcmdb.domain.models import RelateInput
from graphcmdb.graph.enums import RelType
from graphcmdb.services import bulk, history, relations
from graphcmdb.services.actor import system_actor
from tests.impact_fixtures import worked_example

ACTOR = system_actor("test")
COUNTS = """
CALL () { MATCH (t:Timeline) RETURN count(t) AS timelines }
CALL () { MATCH (:Timeline)-[w]->(:Timeline) RETURN count(w) AS edges }
CALL () { MATCH (n:Entity) RETURN count(n) AS entities }
CALL () { MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS relationships }
CALL () { MATCH (t:Timeline) WHERE t.seeded RETURN count(t) AS marked }
RETURN timelines, edges, entities, relationships, marked
"""


@pytest.fixture
async def off(db: Database) -> AsyncIterator[Database]:
    """The same database, written with history off."""
    written = Database(db.settings.model_copy(update={"history_enabled": False}))
    yield written
    await written.close()


async def counts(db: Database) -> dict[str, int]:
    return {k: int(v) for k, v in (await db.run_raw(COUNTS))[0].items()}


async def all_versioned_as_they_are(db: Database) -> dict[str, int]:
    now = await counts(db)
    assert now["timelines"] == now["entities"]
    assert now["edges"] == now["relationships"] > 0
    assert now["marked"] == 0
    later = datetime.now(UTC) + timedelta(seconds=1)
    past, present = await history.snapshot(db, later), await history.snapshot(db, None)
    assert past.nodes == present.nodes
    assert past.edges == present.edges
    return now


async def test_a_start_with_history_off_seeds_nothing_and_the_next_with_it_on_all(
    db: Database, off: Database
) -> None:
    ids = await worked_example(db)  # versioned as written
    versioned = await counts(db)
    new = (await bulk.upsert_cis(off, ACTOR, [{"name": "h3", "ciClass": "Server"}])).ids[0]
    link = RelateInput(fromId=ids["web3"], type=RelType.HOSTED_ON, toId=new)
    await relations.relate(off, ACTOR, link)  # an old entity to a new one
    await migrate(off)
    unseeded = await counts(db)
    assert (unseeded["timelines"], unseeded["edges"]) == (
        versioned["timelines"],
        versioned["edges"],
    )
    assert unseeded["entities"] > versioned["entities"]

    await migrate(db)
    seeded = await all_versioned_as_they_are(db)
    await migrate(db)  # nothing left to do
    assert await counts(db) == seeded


async def test_a_seed_cut_short_is_finished_by_the_next_start(db: Database, off: Database) -> None:
    await worked_example(off)
    await db.run_raw(db.catalogue[Q.HISTORY_SEED_STATES], at=datetime.now(UTC), hidden=[])
    cut = await counts(db)
    assert cut["timelines"] == cut["entities"] == cut["marked"]
    assert cut["edges"] == 0
    await migrate(db)
    finished = await all_versioned_as_they_are(db)
    await db.run_raw("MATCH (t:Timeline) SET t.seeded = true")  # as if cut before the end
    await migrate(db)
    assert await counts(db) == finished  # no history edge twice
