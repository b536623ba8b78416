"""A NaN stored on a node or a relationship is the same value at the next write: NaN = NaN
is false in Cypher, so the capture's comparison made a new version of it (and of its
relationships) at every write transaction that named the node."""

from __future__ import annotations

from datetime import timedelta

from graphcmdb.db import history
from graphcmdb.db.database import Database, Tx
from tests.db.conftest import MONDAY, Clock
from tests.impact_fixtures import worked_example

VERSIONS = """
MATCH (t:Timeline {id: $id})
RETURN COUNT { (t)-[:STATE]->() } AS states, COUNT { (t)-[w]-(:Timeline) } AS edges
"""


async def test_an_unchanged_nan_makes_no_version(db: Database, clock: Clock) -> None:
    ids = await worked_example(db)
    h1 = ids["h1"]
    await db.run_raw(
        "MATCH (h:CI {id: $id})<-[r:HOSTED_ON]-() SET h.score = 0.0 / 0.0, r.weight = 0.0 / 0.0",
        id=h1,
    )

    async def capture(at: timedelta, full: list[str], alone: list[str]) -> None:
        async def work(tx: Tx) -> None:
            await history.capture(tx, full, alone, MONDAY + at)

        await db.write(work)

    await capture(timedelta(hours=1), [h1], [])  # the NaNs are new: one version each
    before = (await db.run_raw(VERSIONS, id=h1))[0]
    await capture(timedelta(hours=2), [h1], [])  # nothing changed since
    await capture(timedelta(hours=3), [], [h1])  # the nodes-only capture, likewise
    assert (await db.run_raw(VERSIONS, id=h1))[0] == before
    await db.run_raw("MATCH (h:CI {id: $id}) SET h.score = 1.5", id=h1)
    await capture(timedelta(hours=4), [], [h1])  # NaN to a number is a change
    after = (await db.run_raw(VERSIONS, id=h1))[0]
    assert (after["states"], after["edges"]) == (before["states"] + 1, before["edges"])
